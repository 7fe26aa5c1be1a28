"""What reading saved web pages costs: `build` of N saved pages against `build` of the same articles as text.

    python benchmarks/web.py 300

The pages are the three of tests/data/web (a portal with menus and sidebars, a newspaper, a table-layout
portal read by its site profile), copied N/3 times each with their figures changed so no two are alike.
The text files hold exactly the article text `build` reads from each page, so the ratio is the price of
finding the article in the page (trafilatura or the profile) and nothing else.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "tests" / "data" / "web"


def corpus(folder: Path, n: int) -> None:
    from kg import ingest
    (folder / "html").mkdir()
    (folder / "txt").mkdir()
    pages = sorted(WEB.glob("*.html"))
    for i in range(n):
        page = pages[i % len(pages)]
        markup = re.sub(r"\b(\d{2,3}) hồ sơ", lambda m: f"{int(m[1]) + i} hồ sơ", page.read_text(encoding="utf-8"))
        html = folder / "html" / f"{i:05d}-{page.name}"
        html.write_text(markup, encoding="utf-8")
        doc = ingest.load(html)
        (folder / "txt" / f"{i:05d}-{page.stem}.txt").write_text(doc.content, encoding="utf-8")


def timed_build(folder: Path) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "kg", "build", str(folder), "-o", str(folder.parent / f"{folder.name}.nt"),
                    "--no-cache", "--jobs", "1", "--no-validate"], check=True, capture_output=True)
    return time.monotonic() - started


def main(n: int) -> None:
    os.environ["REFORM_KG_SITES"] = str(WEB / "sites")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus(folder, n)
        html, txt = timed_build(folder / "html"), timed_build(folder / "txt")
    print(f"| {n} | {html:.1f} s | {1000 * html / n:.0f} ms | {txt:.1f} s | {1000 * txt / n:.0f} ms | {html / txt:.2f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)

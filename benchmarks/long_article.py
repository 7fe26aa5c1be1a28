"""Build time and peak memory for ONE long article: does the cost grow linearly with its size?

    python benchmarks/long_article.py [MB ...]          (default: 1 5 10 50)

Each article is made by repeating the real articles' text (the District 4 page and the dev corpus in
../shared/corpus, or tests/data/corpus) after the District 4 page's header, up to the size asked for,
so it has the density of places, models and figures of real news. Each size is built by `reform-kg build`
in its own process (--no-cache --no-validate --max-size above the size); the wall time, that process's CPU
time and maximum resident set size (wait4) are printed as a Markdown table. CPU time is the steadier figure
on a shared machine. Not part of the test suite.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "articles" / "quan4-2020-01-23-mo-hinh-cchc.txt"
CORPORA = [ROOT.parent / "shared" / "corpus" / "dev", Path("/work/shared/corpus/dev"), ROOT / "tests" / "data" / "corpus"]


def article(megabytes: float) -> str:
    sys.path.insert(0, str(ROOT))
    from kg import ingest
    folder = next(c for c in CORPORA if c.is_dir())
    seed = ingest.load(SEED)
    bodies = [seed.content] + [ingest.load(p).content for p in sorted(folder.glob("*.txt"))]
    out, size, i = [seed.text[:seed.content_start]], 0, 0
    while size < megabytes * 1e6:
        out.append(bodies[i % len(bodies)] + "\n\n")
        size += len(out[-1].encode("utf-8"))
        i += 1
    return "".join(out)


def measure(path: Path, megabytes: float) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak MB, triples) of one build of `path` in a child process."""
    out = path.with_suffix(".nt")
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "kg", "build", str(path), "-o", str(out), "--no-cache",
                              "--no-validate", "--max-size", str(int(megabytes) + 2)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    summary = child.stdout.read().decode()
    if status != 0:
        raise SystemExit(f"build of {megabytes} MB failed: {summary}")
    triples = int(summary.split(" triples")[0].rsplit(" ", 1)[-1])
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, triples


def main(sizes: list[float]) -> None:
    print("| article | triples | wall time | CPU time | CPU s per MB | peak memory | MB of memory per MB |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = Path(tmp) / f"long-{mb:g}mb.txt"
            path.write_text(article(mb), encoding="utf-8")
            real = path.stat().st_size / 1e6
            seconds, cpu, peak, triples = measure(path, real)
            print(f"| {real:.1f} MB | {triples:,} | {seconds:.1f} s | {cpu:.1f} s | {cpu / real:.1f} | {peak:,.0f} MB "
                  f"| {peak / real:.0f} |", flush=True)
            path.unlink()


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [1, 5, 10, 50])

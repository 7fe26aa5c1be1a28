"""Regenerate the bundled example outputs from the District 4 article.

    python examples/build_examples.py [OUTPUT_FOLDER]

writes graph.ttl (the knowledge graph), wards.html (which wards run which models), matrix.html (places ×
models) and wards.graphml into OUTPUT_FOLDER, by default this examples/ folder; with Playwright and Chromium
installed (the test extra and Debian's chromium) it also takes the README's screenshots. The test suite
checks that the committed copies are current.
"""
import shutil
import sys
from pathlib import Path

from kg import pipeline, store, views

HERE = Path(__file__).resolve().parent


def main(out: Path) -> None:
    graph, _ = pipeline.build([HERE / "articles"])
    store.save(graph, out / "graph.ttl")
    pages = {"wards.html": views.network_page(graph), "matrix.html": views.matrix_page(graph),
             "wards-agencies.html": views.network_page(graph, views.Filters(layers=("agencies", "procedures")))}
    for name, html in pages.items():
        store.write_atomic(out / name, html.encode("utf-8"))
    store.write_atomic(out / "wards.graphml", views.model_module.export(views.model(graph), "graphml"))
    print(f"{out / 'graph.ttl'}: {len(graph)} triples")
    print(f"{out}: {', '.join(pages)}, wards.graphml written")
    screenshots(out, pages)


def screenshots(out: Path, pages) -> None:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if not chromium:
        print("screenshots skipped: needs Playwright (pip install '.[test]') and Chromium (apt-get install chromium)")
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                                    "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name in pages:
            page.goto((out / name).as_uri())
            if "matrix" not in name:
                page.wait_for_selector("body[data-stabilized=true]", timeout=60000)
            page.screenshot(path=str(out / name.replace(".html", ".png")))
        browser.close()
    print(f"{out}: screenshots written")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)

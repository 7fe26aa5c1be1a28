"""Regenerate the bundled example outputs from the District 4 article.

    python examples/build_examples.py [OUTPUT_FOLDER]

writes graph.ttl (the knowledge graph), wards.html (which wards run which models), matrix.html (places ×
models) and wards.graphml into OUTPUT_FOLDER, by default this examples/ folder; with Playwright and Chromium
installed (the test extra and Debian's chromium) it also takes the README's screenshots, of these pages and
of the case library `reform-kg site` makes (built in a temporary folder: only its screenshots are kept).
The test suite checks that the committed copies are current.
"""
import shutil
import sys
import tempfile
from pathlib import Path

from kg import corpus, files, store, views

HERE = Path(__file__).resolve().parent


def main(out: Path) -> None:
    graph, _ = corpus.build_graph([HERE / "articles"])
    store.save(graph, out / "graph.ttl")
    pages = {"wards.html": views.network_page(graph), "matrix.html": views.matrix_page(graph),
             "wards-agencies.html": views.network_page(graph, views.Filters(layers=("agencies", "procedures")))}
    for name, html in pages.items():
        files.write_atomic(out / name, html.encode("utf-8"))
    files.write_atomic(out / "wards.graphml", views.model_module.export(views.model(graph), "graphml"))
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
    from kg.views import site
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        site.build(store.load_for_query(out / "graph.ttl", None), Path(tmp) / "site")
        birth = next((Path(tmp) / "site" / "initiative").glob("*lien-thong-giua-phong-tu-phap*.html"))
        shots = {out / name: (out / name.replace(".html", ".png")) for name in pages}
        shots.update({Path(tmp) / "site" / "index.html": out / "site-index.png", birth: out / "site-initiative.png"})
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                                    "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for html, png in shots.items():
            page.goto(html.as_uri())
            if html.name.startswith("wards"):
                page.wait_for_selector("body[data-stabilized=true]", timeout=60000)
            page.screenshot(path=str(png))
        browser.close()
    print(f"{out}: screenshots written")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)

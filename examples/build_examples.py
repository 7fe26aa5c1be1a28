"""Regenerate the bundled example outputs from the District 4 article.

    python examples/build_examples.py [OUTPUT_FOLDER]

writes graph.ttl (the knowledge graph) and wards.html (which wards run which models) into
OUTPUT_FOLDER, by default this examples/ folder. The test suite checks the committed copies are current.
"""
import sys
from pathlib import Path

from kg import pipeline, store, views

HERE = Path(__file__).resolve().parent


def main(out: Path) -> None:
    graph, _ = pipeline.build([HERE / "articles"])
    store.save(graph, out / "graph.ttl")
    store.write_atomic(out / "wards.html", views.page(graph).encode("utf-8"))
    print(f"{out / 'graph.ttl'}: {len(graph)} triples")
    print(f"{out / 'wards.html'}: written")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)

"""Using reform-kg from Python: build a graph from an article, run a bundled query, read the rows.

    python examples/python_api.py
"""
from pathlib import Path

from kg import corpus, queries

ARTICLES = Path(__file__).resolve().parent / "articles"

graph, summary = corpus.build_graph([ARTICLES])
print(f"{len(graph)} triples from {summary.documents} document(s)")
if summary.partial:     # an article that could not be read, or whose facts break the shapes, is left out
    print(f"left out: {summary.skipped + summary.failed + [s.path for s in summary.set_aside]}")

result = queries.run(graph, queries.find("wards-ranked"))
for row in result:
    print(f"{row.wardLabel}: {row.initiatives} models")

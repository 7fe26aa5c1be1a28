"""Using reform-kg from Python: build a graph from an article, run a bundled query, read the rows.

    python examples/python_api.py
"""
from pathlib import Path

from kg import pipeline, queries

ARTICLES = Path(__file__).resolve().parent / "articles"

graph, facts = pipeline.build([ARTICLES])
print(f"{len(graph)} triples from {len(facts)} document(s)")

result = queries.run(graph, queries.find("wards-ranked"))
for row in result:
    print(f"{row.wardLabel}: {row.initiatives} models")

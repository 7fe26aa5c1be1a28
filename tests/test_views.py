"""The HTML view: offline, complete for the District 4 graph, and safe with hostile labels."""
import re

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg import views
from kg.namespace import RK


def test_page_loads_nothing_from_the_network(graph):
    html = views.page(graph)
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html)
    assert not [t for t in tags if re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", t)]
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "vis.Network" in html


def test_page_shows_every_ward_and_model(graph):
    g = views.model(graph)
    places = {d["label"] for _, d in g.nodes(data=True) if d["kind"] == "place"}
    assert {f"Phường {n}" for n in (1, 2, 3, 4, 6, 8, 9, 10, 14, 15, 16, 18)} | {"Quận 4"} == places
    models = [d for _, d in g.nodes(data=True) if d["kind"] == "initiative"]
    assert len(models) == 23
    html = views.page(graph)
    for label in places:
        assert label in html


def test_hostile_label_is_text_not_markup(graph):
    hostile = Graph()
    hostile += graph
    payload = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>'
    i = URIRef("https://w3id.org/reform-kg/id/initiative/x")
    w = URIRef("https://w3id.org/reform-kg/id/place/ho-chi-minh/quan-4/phuong-1")
    hostile.add((i, RDF.type, RK.Initiative))
    hostile.add((i, RDFS.label, Literal(payload, lang="vi")))
    hostile.add((i, RK.runsIn, w))
    html = views.page(hostile)
    assert "<img src=x" not in html and "<script>window.pwned" not in html
    assert "window.pwned" in html                         # the text is there, escaped

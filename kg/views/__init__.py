"""Views of the graph: one networkx model (views.model), drawn as a network page (views.network) or a
matrix page (views.matrix), or written as GraphML/GEXF for graph tools.

Everything here reads the graph through the bundled queries, so `graph` is whatever kg.queries.run takes:
an rdflib Graph, or a pyoxigraph Store (what `reform-kg view` uses)."""
from __future__ import annotations

from kg import queries
from kg.views import model as model_module
from kg.views.model import Filters, model

NETWORK_TITLE = "Phường nào triển khai mô hình nào · Which wards run which models"
MATRIX_TITLE = "Ma trận địa bàn × mô hình · Places × models"

__all__ = ["Filters", "model", "documents", "network_page", "matrix_page", "check_page", "from_query"]


PAGE_SUFFIXES = (".html", ".htm")


def check_page(path) -> None:
    """Before any work: a page is written only to a file named .html or .htm (not HTML inside a .png)."""
    from pathlib import Path

    from kg.errors import OutputError
    if Path(path).suffix.lower() not in PAGE_SUFFIXES:
        raise OutputError(f"{path}: the page is HTML; give a file name ending in .html or .htm")


def documents(graph) -> list[dict]:
    """The sources a page lists: each document's title (else its identifier, the end of its IRI) and URL."""
    return [{"title": str(row.title or str(row.document).rsplit("/", 1)[-1]), "url": str(row.url or "")}
            for row in queries.run(graph, queries.find("documents"))]


def network_page(graph, filters: Filters | None = None, g=None, note: str = "", home: str = "") -> str:
    """`home`: a link back (the site's index) shown in the header."""
    from kg.views import network
    return network.page(g if g is not None else model(graph, filters), NETWORK_TITLE, documents(graph), note, home)


def matrix_page(graph, filters: Filters | None = None, g=None, home: str = "") -> str:
    """Places × models; a model run in every ward of a district is marked in each of its wards."""
    from dataclasses import replace

    from kg.views import matrix
    g = g if g is not None else model(graph, replace(filters or Filters(), every_ward=True))
    return matrix.page(g, MATRIX_TITLE, documents(graph), home)


def from_query(graph, name_or_file: str, filters: Filters):
    """The network a query describes: a CONSTRUCT's graph drawn like any graph, or a SELECT's rows as edges."""
    result = queries.run(graph, queries.find(name_or_file))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return model(with_vocabulary(result.graph), filters)
    return model_module.from_select(result)


def with_vocabulary(found):
    """A CONSTRUCT's graph, with the bundled vocabulary's triples about each IRI it points to but says nothing
    about (a model's kinds: their names), so it draws as the built graph does, which carries them."""
    from rdflib import URIRef

    from kg import lexicon
    about = lexicon.load().about
    for iri in sorted({o for o in found.objects() if isinstance(o, URIRef) and (o, None, None) not in found}):
        for triple in about(iri):
            found.add(triple)
    return found

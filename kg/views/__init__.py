"""Views of the graph: one networkx model (views.model), drawn as a network page (views.network) or a
matrix page (views.matrix), or written as GraphML/GEXF for graph tools."""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

from kg.namespace import RK, SCHEMA
from kg.views import model as model_module
from kg.views.model import Filters, model

NETWORK_TITLE = "Phường nào triển khai mô hình nào · Which wards run which models"
MATRIX_TITLE = "Ma trận địa bàn × mô hình · Places × models"

__all__ = ["Filters", "model", "documents", "network_page", "matrix_page"]


def documents(graph: Graph) -> list[dict]:
    out = []
    for d in sorted(graph.subjects(RDF.type, RK.Document)):
        title = graph.value(d, DCTERMS.title) or graph.value(d, DCTERMS.identifier) or d
        out.append({"title": str(title), "url": str(graph.value(d, SCHEMA.url) or "")})
    return out


def network_page(graph: Graph, filters: Filters | None = None, g=None, note: str = "") -> str:
    from kg.views import network
    return network.page(g if g is not None else model(graph, filters), NETWORK_TITLE, documents(graph), note)


def matrix_page(graph: Graph, filters: Filters | None = None, g=None) -> str:
    from kg.views import matrix
    return matrix.page(g if g is not None else model(graph, filters), MATRIX_TITLE, documents(graph))


def from_query(graph: Graph, name_or_file: str, filters: Filters):
    """The network a query describes: a CONSTRUCT's graph drawn like any graph, or a SELECT's rows as edges."""
    from kg import queries
    result = queries.run(graph, queries.find(name_or_file))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return model(result.graph, filters)
    return model_module.from_select(result)

"""A real SPARQL server: run queries over the SPARQL 1.1 Protocol, load graphs over the Graph Store Protocol.

Works with any SPARQL 1.1 server (Oxigraph, Apache Jena Fuseki, GraphDB, Virtuoso, QLever). These are the only
requests reform-kg ever makes, and only to the URL the user gives.
"""
from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request

from rdflib import Graph
from rdflib.query import Result

from kg.errors import KgError

_ACCEPT_RESULTS = "application/sparql-results+json"
_ACCEPT_GRAPH = "application/n-triples"


class RemoteError(KgError):
    """The server could not be reached or refused the request."""


def query(endpoint: str, text: str, is_graph: bool, timeout: float | None = None) -> Result:
    """Run a query at a SPARQL 1.1 query endpoint; the answer is an rdflib Result like a local one."""
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": _ACCEPT_GRAPH if is_graph else _ACCEPT_RESULTS})
    data = _send(request, timeout)
    if is_graph:
        from kg.emit import new_graph
        result = Result("CONSTRUCT")
        result.graph = new_graph().parse(data=data.decode("utf-8"), format="nt")
        return result
    return Result.parse(io.BytesIO(data), format="json")


def push(endpoint: str, graph: Graph, graph_iri: str | None = None, replace: bool = True,
         timeout: float | None = None) -> None:
    """Load a graph into a Graph Store Protocol endpoint: PUT replaces the target graph, POST adds to it."""
    target = f"{endpoint}{'&' if '?' in endpoint else '?'}" + (
        urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default")
    data = graph.serialize(format="nt", encoding="utf-8")
    request = urllib.request.Request(target, data=data, method="PUT" if replace else "POST",
                                     headers={"Content-Type": _ACCEPT_GRAPH})
    _send(request, timeout)


def _send(request: urllib.request.Request, timeout: float | None) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout or 300) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        detail = e.read(300).decode("utf-8", "replace").strip().splitlines()
        raise RemoteError(f"{request.full_url}: the server answered {e.code} {e.reason}"
                          + (f": {detail[0]}" if detail else "")) from e
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise RemoteError(f"{request.full_url}: cannot reach the server ({reason})") from e

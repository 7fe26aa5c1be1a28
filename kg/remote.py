"""A real SPARQL server: run queries over the SPARQL 1.1 Protocol, load graphs over the Graph Store Protocol.

Works with any SPARQL 1.1 server (Oxigraph, Apache Jena Fuseki, GraphDB, Virtuoso, QLever). These are the only
requests reform-kg ever makes, and only to the URL the user gives.
"""
from __future__ import annotations

import http.client
import io
import urllib.error
import urllib.parse
import urllib.request

from rdflib import Graph
from rdflib.query import Result

from kg.errors import KgError
from kg.http import NoRedirects
from kg.text import terminal_safe

_ACCEPT_RESULTS = "application/sparql-results+json"
_ACCEPT_GRAPH = "application/n-triples"


class RemoteError(KgError):
    """The server could not be reached or refused the request."""


DEFAULT_TIMEOUT = 120.0      # seconds a query at a server may take in all, when the user gives no --timeout


def query(endpoint: str, text: str, is_graph: bool, timeout: float | None = None) -> Result:
    """Run a query at a SPARQL 1.1 query endpoint; the answer is an rdflib Result like a local one, once it is
    known to be one. `timeout` bounds the whole exchange (connecting, waiting, every read), not each read."""
    from kg.limits import TimedOut, within
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": _ACCEPT_GRAPH if is_graph else _ACCEPT_RESULTS})
    seconds = timeout or DEFAULT_TIMEOUT
    try:
        data = within(seconds, _send, request, seconds)[1]
    except TimedOut:
        raise RemoteError(f"{endpoint}: no complete answer after {seconds:g} s; the server is slow or stalled: "
                          "try again later, or allow more time with --timeout") from None
    return _graph_answer(endpoint, data) if is_graph else _results_answer(endpoint, data)


def _results_answer(endpoint: str, data: bytes) -> Result:
    """SPARQL JSON results, checked: a page of HTML, a login form or half an answer is not a result."""
    import json
    try:
        answer = json.loads(data.decode("utf-8"))
        if not isinstance(answer, dict) or "head" not in answer or not ({"results", "boolean"} & answer.keys()):
            raise ValueError("no head and results")
        return Result.parse(io.BytesIO(data), format="json")
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise RemoteError(f"{endpoint}: the answer is not SPARQL JSON results ({_glimpse(data)}); "
                          "check that the URL is the server's SPARQL query endpoint") from e


def _graph_answer(endpoint: str, data: bytes) -> Result:
    """N-Triples for a CONSTRUCT or DESCRIBE, checked as it is parsed."""
    from kg.emit import new_graph
    result = Result("CONSTRUCT")
    try:
        result.graph = new_graph().parse(data=data.decode("utf-8"), format="nt")
    except Exception as e:  # rdflib's N-Triples parser raises ParserError, UnicodeDecodeError, ...
        raise RemoteError(f"{endpoint}: the answer is not N-Triples ({_glimpse(data)}); "
                          "check that the URL is the server's SPARQL query endpoint") from e
    return result


def _glimpse(data: bytes) -> str:
    """The start of an answer, printable on one line."""
    if not data.strip():
        return "it is empty"
    text = " ".join(data[:60].decode("utf-8", "replace").split())
    return "it starts " + repr("".join(c if c.isprintable() else "?" for c in text))


def push(endpoint: str, graph: Graph, graph_iri: str | None = None, replace: bool = True,
         timeout: float | None = None) -> int:
    """Load a graph into a Graph Store Protocol endpoint: PUT replaces the target graph, POST adds to it.
    The server must answer 200, 201 or 204 itself (a redirect is refused: following it would send the data
    elsewhere, or, as urllib does, turn the request into a body-less GET). After a PUT the target graph is read
    back and its triples counted; the count is returned."""
    target = f"{endpoint}{'&' if '?' in endpoint else '?'}" + (
        urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default")
    data = graph.serialize(format="nt", encoding="utf-8")
    sent = len(graph)
    request = urllib.request.Request(target, data=data, method="PUT" if replace else "POST",
                                     headers={"Content-Type": _ACCEPT_GRAPH})
    status = _send(request, timeout)[0]
    if status not in (200, 201, 204):
        raise RemoteError(f"{target}: the server answered {status} to the upload, not 200, 201 or 204; "
                          "the graph may not have been stored")
    if not replace:
        return sent
    stored = _count_triples(_send(urllib.request.Request(target, headers={"Accept": _ACCEPT_GRAPH}), timeout)[1])
    if stored != sent:
        raise RemoteError(f"{target}: sent {sent} triples but the server holds {stored} in the target graph")
    return stored


def _count_triples(data: bytes) -> int:
    return sum(1 for line in data.splitlines() if line.strip() and not line.lstrip().startswith(b"#"))


_OPENER = urllib.request.build_opener(NoRedirects)


def _send(request: urllib.request.Request, timeout: float | None) -> tuple[int, bytes]:
    try:
        with _OPENER.open(request, timeout=timeout or 300) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        if 300 <= e.code < 400:          # a redirect is an answer to report, never one to follow with the data
            raise RemoteError(f"{request.full_url}: the server answered {e.code} {terminal_safe(str(e.reason))}, "
                              f"redirecting to {terminal_safe(urllib.parse.urljoin(request.full_url, e.headers.get('Location', '')))}; "
                              "give that URL as the endpoint if it is the right server") from e
        detail = e.read(300).decode("utf-8", "replace").strip().splitlines()
        raise RemoteError(f"{request.full_url}: the server answered {e.code} {terminal_safe(str(e.reason))}"
                          + (f": {terminal_safe(detail[0])}" if detail else "")) from e
    except urllib.error.URLError as e:
        raise RemoteError(f"{request.full_url}: cannot reach the server ({e.reason})") from e
    except (OSError, http.client.HTTPException) as e:
        reason = str(e) or type(e).__name__
        raise RemoteError(f"{request.full_url}: the connection failed ({reason}); nothing is known to be stored "
                          "or answered") from e

"""The bundled SPARQL query files, running them safely, and writing their results.

Queries are read-only: SPARQL Update is refused, and so are SERVICE, and FROM / FROM NAMED (which make
rdflib fetch data from elsewhere), unless the user allows remote access.

A query runs in Oxigraph (a pyoxigraph Store: a graph file parsed into memory, or a persistent store) or in
rdflib (a Graph: what `--allow-remote` uses). `answer` writes Oxigraph's own answer in a result format
(kg.results) with no rdflib term on the way (an rdflib engine's answer is converted to Oxigraph's first, so
one set of writers serves both); `run` hands back rdflib's Result, for the views and the Python API.
rdflib's SPARQL parser is imported only when a query needs checking. Every query file is checked for size
and nesting before any parser sees it, and every query can be stopped by Ctrl-C, SIGTERM and a time limit
(kg.limits).
"""
from __future__ import annotations

import re
import traceback
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from kg.errors import QueryError
from kg.resources import query_files

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
@dataclass(frozen=True)
class QueryFile:
    name: str
    path: Path
    title: str
    description: str
    text: str


def _read(path: Path, name: str) -> QueryFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read the query file ({e})") from e
    _guard(text, str(path))
    meta = {}
    for line in text.splitlines():
        if line.startswith("#") and ":" in line:
            key, _, value = line[1:].partition(":")
            meta.setdefault(key.strip().lower(), value.strip())
    return QueryFile(name, path, meta.get("title", name), meta.get("description", ""), text)


# What a query may be before any parser sees it. Both engines parse recursively: Oxigraph's parser overflows
# the C stack (segmentation fault) at about 3,000 nested `{`, rdflib's goes as deep as Python lets it.
# Real questions nest a few levels and fit in a few kilobytes.
MAX_QUERY_CHARS = 1_000_000
MAX_NESTING = 100
# Strings, IRIs and comments, whose brackets do not nest; then the brackets that do.
_TOKENS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}'''
                     r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|[{(\[})\]]''')
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(m: re.Match) -> str:
    code = int(m[1] or m[2], 16)
    return chr(code) if code < 0x110000 else ""


def _guard(text: str, source: str) -> None:
    """Refuse a query too long or too deeply nested to parse safely, before any parser sees it."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"{source}: the query is {len(text):,} characters long, more than {MAX_QUERY_CHARS:,}; "
                         "shorten it (put long lists of values in the graph, not in the query)")
    depth = deepest = 0
    for m in _TOKENS.finditer(_ESCAPE.sub(_unescape, text)):     # SPARQL undoes \u escapes before parsing
        token = m.group()
        if token in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "})]":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(f"{source}: brackets nested {deepest} deep, more than {MAX_NESTING}; "
                         "no engine parses that safely: flatten the query")


def bundled() -> dict[str, QueryFile]:
    return {p.stem: _read(p, p.stem) for p in query_files()}


def find(name_or_file: str) -> QueryFile:
    """A bundled query by name, or a query file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return _read(path, str(path))             # named as the user gave it, in every message
    queries = bundled()
    if name_or_file not in queries:
        raise QueryError(f"unknown query {name_or_file!r}; bundled queries are: {', '.join(sorted(queries))}")
    return queries[name_or_file]


def prepare(text: str, source: str, allow_remote: bool = False):
    """rdflib's parsed query, after the checks: it parses, it is not an update, it reaches nothing remote."""
    from rdflib.plugins.sparql import prepareQuery
    try:
        query = prepareQuery(text)
    except Exception as e:  # pyparsing's ParseException and rdflib's own errors
        if _is_update(text):
            raise QueryError(f"{source}: this is a SPARQL Update; `reform-kg query` only reads the graph") from e
        where = f"line {e.lineno}, column {e.col}: " if hasattr(e, "lineno") else ""
        message = str(e).split(", (line")[0].split("  (at char")[0]
        raise QueryError(f"{source}: the query does not parse: {where}{message}") from e
    if not allow_remote:
        _refuse_remote(query.algebra, source)
    return query


_REMOTE_WORDS = re.compile(r"(?i)service|from|\\u")


def _may_reach_out(text: str) -> bool:
    """False only when the query cannot hold SERVICE or FROM: neither word (nor a \\u escape that could
    spell one) appears outside whole-line comments. Anything else gets rdflib's full parse and check."""
    return any(_REMOTE_WORDS.search(line) for line in text.splitlines() if not line.lstrip().startswith("#"))


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate
    try:
        parseUpdate(text)
        return True
    except Exception:  # it is simply not an update either
        return False


def _refuse_remote(algebra, source: str) -> None:
    for clause in algebra.get("datasetClause") or []:
        iri = clause.get("default") or clause.get("named")
        raise QueryError(f"{source}: the query reads FROM <{iri}>, which fetches data from outside the graph; "
                         "pass --allow-remote to allow it")
    for node in _walk(algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryError(f"{source}: the query calls SERVICE <{node.get('term')}>, which sends a request "
                             "from this machine; pass --allow-remote to allow it")


def _walk(node):
    from rdflib.plugins.sparql.parserutils import CompValue
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)


def run(graph, query: QueryFile, allow_remote: bool = False, timeout: float | None = None) -> Result:
    """Evaluate a query on an rdflib Graph or a pyoxigraph Store, as rdflib's Result (what the views and the
    Python API read); with `timeout`, stop waiting for it after that many seconds (results are gathered inside
    the time limit). Ctrl-C and SIGTERM end it either way. Inside `remembered()`, a query already answered
    on the same graph is answered from memory."""
    memo = _remembered.get()
    if memo is None:
        return _evaluate(graph, query, allow_remote, timeout)
    key = (id(graph), query.text, allow_remote)
    if key not in memo:
        memo[key] = _evaluate(graph, query, allow_remote, timeout)
    return memo[key]


_remembered: ContextVar[dict | None] = ContextVar("remembered", default=None)


@contextmanager
def remembered():
    """Within it, `run` evaluates each query once per graph (kg.views.site reads the same queries for the
    library, the network and the matrix). The graph must not change meanwhile."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def answer(graph, query: QueryFile, fmt: str | None, raw: bool = False, allow_remote: bool = False,
           timeout: float | None = None, rows: str = "csv") -> str:
    """The query's results written in `fmt` (kg.results.write: `rows` or Turtle when none is asked) straight
    from the engine's own answer, no rdflib term on the way; evaluated and written inside the time limit,
    which Ctrl-C and SIGTERM cut short."""
    from kg import results
    return _evaluate(graph, query, allow_remote, timeout,
                     lambda found: results.write(found, fmt, raw, rows, query.name))


def _evaluate(graph, query: QueryFile, allow_remote: bool, timeout: float | None, write=None):
    """rdflib's Result, or `write(answer)` of Oxigraph's answer (an rdflib engine's is converted first)."""
    from kg.limits import TimedOut, deadline, within
    oxigraph = not isinstance(graph, Graph)
    prepared = prepare(query.text, query.name, allow_remote) if not oxigraph or _may_reach_out(query.text) else None
    try:
        if oxigraph:
            return within(timeout, _in_oxigraph, graph, query, write)
        with deadline(timeout):
            result = _rdflib(graph, query, prepared)
            if write is None:
                return result
            from kg.results import native
            return write(native(result))
    except TimedOut:
        raise QueryError(f"{query.name}: stopped after {timeout:g} s (--timeout); narrow the query or allow more time") from None
    except QueryError:
        raise
    except Exception as e:  # an evaluation error inside the engine: report it as the query's fault
        from kg.store import is_damage
        if is_damage(e):
            raise                # the store's fault, not the query's: the caller names the store
        raise QueryError(f"{query.name}: the query failed: {e}") from e


def _in_oxigraph(store, query: QueryFile, write):
    found = _oxigraph(store, query)      # lazy: the engine works while the answer is read
    try:
        return write(found) if write else _to_result(found)
    except BaseException as e:
        # pyoxigraph's objects must be dropped in the thread that made them, not by the caller's handler
        del found
        traceback.clear_frames(e.__traceback__)
        raise


def _rdflib(graph: Graph, query: QueryFile, prepared) -> Result:
    # An Oxigraph-backed rdflib Graph (oxrdflib) runs SPARQL itself only when given the text; given rdflib's
    # parsed form it falls back to rdflib's evaluator. The text was checked by `prepare` either way.
    native = type(graph.store).__name__ == "OxigraphStore"
    if prepared.algebra.get("datasetClause"):
        # rdflib ignores FROM on a plain Graph and answers from it, and Oxigraph reads FROM <iri> as a named
        # graph of its store: on an empty Dataset rdflib fetches the FROM graphs (allowed with --allow-remote)
        # and reads those, as SPARQL says.
        from rdflib import Dataset
        graph, native = Dataset(), False
    result = graph.query(query.text if native else prepared)
    if result.type == "SELECT":
        result.bindings          # evaluate now, inside the deadline
    return result


def _oxigraph(store, query: QueryFile):
    """Oxigraph's own answer: QuerySolutions, QueryBoolean or QueryTriples."""
    try:
        return store.query(query.text, use_default_graph_as_union=True)
    except SyntaxError as e:
        prepare(query.text, query.name)      # rdflib words it (and tells an update apart) as for every query
        raise QueryError(f"{query.name}: the query does not parse: {e}") from e


def _to_result(answer) -> Result:
    """Oxigraph's answer as rdflib's Result, terms converted once."""
    import pyoxigraph as ox
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, ox.QueryTriples):
        from kg.emit import new_graph
        result = Result("CONSTRUCT")
        result.graph = new_graph()                  # bound to reform-kg's prefixes, like every graph it writes
        result.graph.addN((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object), result.graph)
                          for t in answer)
    else:
        result = Result("SELECT")
        names = [Variable(v.value) for v in answer.variables]
        result.vars = names
        result.bindings = [{name: _to_rdflib(term) for name, term in zip(names, row) if term is not None}
                           for row in answer]
    return result


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _to_rdflib(term):
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"an RDF-star triple term in the results is not supported: {term}")

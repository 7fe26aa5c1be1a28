"""Query results written out: the SPARQL 1.1 result formats, RDF for CONSTRUCT, and a table for people.

Written from Oxigraph's own answers, never through rdflib terms: CSV and TSV are Oxigraph's own writers'
text, adjusted to the layout reform-kg has always written (TSV's literals in full) by string operations that
need no parsing (kg.delimited); JSON, XML (in the layout rdflib's writers gave) and the table are made from
Oxigraph's TSV, each distinct term written once; a CONSTRUCT or DESCRIBE graph is written by pyoxigraph's
serialisers, sorted, so the same graph always gives the same bytes.
Written to be opened safely: CSV and TSV values a spreadsheet would run as formulas are defused unless the
caller asks for them raw, and no control character from the graph reaches a terminal through the table.
"""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from functools import partial

from kg.delimited import csv_answer, tsv_answer
from kg.errors import QueryError
from kg.grid import grid, mapped, rows_text, term
from kg.namespace import NAMESPACES


def rows(result) -> tuple[list[str], list[list]]:
    """An rdflib Result (kg.queries.run) as column names and rows of rdflib terms."""
    names = [str(v) for v in result.vars]
    return names, [[row[v] for v in result.vars] for row in result]


def write(answer, fmt: str | None, raw: bool = False, rows: str = "csv", source: str = "the query") -> str:
    """Oxigraph's answer (QuerySolutions, QueryBoolean, QueryTriples, or a graph as N-Triples bytes) in a
    format: `fmt`, or when none is asked, `rows` for rows and Turtle for a graph. A format only the other
    kind of answer has is refused (xml is both: SPARQL's results or RDF/XML). CSV and TSV cells a
    spreadsheet would run as a formula are defused unless `raw`."""
    import pyoxigraph as ox
    graph = isinstance(answer, (ox.QueryTriples, bytes))
    if fmt in (ROWS_ONLY if graph else GRAPH_ONLY):
        made, usable = ("a graph", GRAPH_FORMATS) if graph else ("rows", ROW_FORMATS)
        raise QueryError(f"{source}: --format {fmt} cannot write {made}, which this query answers with; "
                         f"use one of {', '.join(usable)}")
    fmt = fmt or ("turtle" if graph else rows)
    if isinstance(answer, ox.QueryBoolean):
        return "true\n" if answer else "false\n"
    if isinstance(answer, ox.QueryTriples):
        answer = answer.serialize(format=ox.RdfFormat.N_TRIPLES)
    if isinstance(answer, bytes):
        from kg.store import rdf_text
        return rdf_text(answer, fmt).decode("utf-8")
    if fmt == "csv":
        return csv_answer(answer.serialize(format=ox.QueryResultsFormat.CSV), raw)
    tsv = answer.serialize(format=ox.QueryResultsFormat.TSV)
    if fmt == "tsv":
        return tsv_answer(tsv, raw)
    with _collector_paused():
        cells = grid(tsv)
        del tsv                  # (its memory free for what is made from it)
        return _FROM_GRID[fmt](*cells)


# the --format names for each kind of answer (xml is either: SPARQL's XML results, or RDF/XML)
ROW_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "xml")
ROWS_ONLY = tuple(f for f in ROW_FORMATS if f not in GRAPH_FORMATS)
GRAPH_ONLY = tuple(f for f in GRAPH_FORMATS if f not in ROW_FORMATS)


@contextmanager
def _collector_paused():
    """Python's cycle collector paused: JSON, XML and the table make a container for each distinct cell and
    row (hundreds of thousands, none in a cycle), and each few hundred made start a collection, which on a
    large answer walks every object the process holds (about a quarter of the table's time on 22,000 rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def native(result):
    """An rdflib Result (from `--allow-remote` or an `--endpoint`) as the answer `write` takes."""
    import pyoxigraph as ox
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = ox.parse(result.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    data = result.serialize(format="json", encoding="utf-8")
    return ox.parse_query_results(data if isinstance(data, bytes) else data.encode("utf-8"),
                                  format=ox.QueryResultsFormat.JSON)


# ---------------------------------------------------------------- JSON, XML and the table, from the TSV (kg.grid)

def _each(column: list[bytes], distinct: list[bytes], render) -> list:
    """`render(type, value, language, datatype)` of every cell's term ("" for an empty cell), computed once
    for each distinct cell."""
    return mapped({cell: render(*term(cell.decode("utf-8"))) if cell else "" for cell in distinct}, column)


def _json(names: list[str], columns: list[list[bytes]], count: int, distinct: list[list[bytes]]) -> str:
    """SPARQL JSON results in the layout rdflib's writer gave: results first, Python's separators and escapes."""
    from json.encoder import encode_basestring as quoted        # json.dumps's own, with ensure_ascii=False

    def binding(key: str, kind: str, value: str, language: str, datatype: str) -> str:
        more = (f', "datatype": {quoted(datatype)}' if datatype else
                f', "xml:lang": {quoted(language)}' if language else "")
        return f'{key}{{"type": "{kind}", "value": {quoted(value)}{more}}}'
    bindings = [_each(cells, kept, partial(binding, (", " if i else "") + quoted(name) + ": "))
                for i, (name, cells, kept) in enumerate(zip(names, columns, distinct))]
    for row in ([] if not names or all(columns[0]) else [r for r, cell in enumerate(columns[0]) if not cell]):
        for column in bindings[1:]:                         # the first variable is unbound: the row's first
            if column[row]:                                 # binding has no separator before it
                column[row] = column[row][2:]
                break
    return rows_text('{"results": {"bindings": [', bindings, count,
                     ']}, "head": {"vars": [' + ", ".join(map(quoted, names)) + "]}}",
                     first="{", start=", {", end="}")


# Oxigraph's XML writer, like rdflib's, escapes &, < and > in text, and writes the white space (XML's four
# characters) that starts or ends a text as character references, so that no reader trims it away.
_XML_EDGES = re.compile(r"^[ \t\n\r]+|[ \t\n\r]+$")


def _xml_escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[:1].isspace() or text[-1:].isspace():          # rare: the pattern is slow on long text
        return _XML_EDGES.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), text)
    return text


def _xml(names: list[str], columns: list[list[bytes]], count: int, distinct: list[list[bytes]]) -> str:
    """SPARQL XML results in the layout rdflib's writer (xml.sax's XMLGenerator) gave: its declaration, each
    variable as a start and an end tag, only &, < and > escaped."""
    def binding(name: str, kind: str, value: str, language: str, datatype: str) -> str:
        attribute = (f' datatype="{_xml_escape(datatype)}"' if datatype else
                     f' xml:lang="{_xml_escape(language)}"' if language else "")
        return f'<binding name="{name}"><{kind}{attribute}>{_xml_escape(value)}</{kind}></binding>'
    bindings = [_each(cells, kept, partial(binding, name)) for name, cells, kept in zip(names, columns, distinct)]
    return rows_text('<?xml version="1.0" encoding="utf-8"?>\n'
                     '<sparql xmlns="http://www.w3.org/2005/sparql-results#" '
                     'xmlns:xml="http://www.w3.org/XML/1998/namespace"><head>'
                     + "".join(f'<variable name="{name}"></variable>' for name in names) + "</head><results>",
                     bindings, count, "</results></sparql>", first="<result>", start="<result>", end="</result>")


def _table(names: list[str], columns: list[list[bytes]], count: int, distinct: list[list[bytes]]) -> str:
    from kg.table import table            # (a table for people: its widths and clipping are its own module)
    return table(names, columns, count, distinct)


_FROM_GRID = {"json": _json, "xml": _xml, "table": _table}

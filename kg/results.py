"""Query results written out: the SPARQL 1.1 result formats, RDF for CONSTRUCT, and a table for people.

Written to be opened safely: CSV and TSV values a spreadsheet would run as formulas are defused unless the
caller asks for them raw, and no control character from the graph reaches a terminal through the table.
"""
from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from kg.namespace import DEFAULT_BASE, PREFIXES

def rows(result: Result) -> tuple[list[str], list[list]]:
    names = [str(v) for v in result.vars]
    return names, [[row[v] for v in result.vars] for row in result]


def write(result: Result, fmt: str, raw: bool = False) -> str:
    """The result in a format; CSV and TSV cells a spreadsheet would run as a formula are defused unless `raw`."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        rdf_fmt = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}.get(fmt, "turtle")
        return result.graph.serialize(format=rdf_fmt)
    if result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    if fmt in ("json", "xml"):
        data = result.serialize(format=fmt, encoding="utf-8")
        return data.decode("utf-8") if isinstance(data, bytes) else data
    names, values = rows(result)
    if fmt == "csv":
        return csv_text(names, values, raw)
    if fmt == "tsv":
        return _tsv(names, values, raw)
    return table(names, values)


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), @SUM(...)), unless
# it is just a number. Such a cell gets a leading ' (OWASP's advice), which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")


def _formula(value: str) -> bool:
    return value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def csv_text(names: list[str], values: list[list], raw: bool = False) -> str:
    """SPARQL 1.1 CSV: RFC 4180 (CRLF, quoted where needed), plain values, blank nodes as _:label. Written
    here, like TSV, because rdflib's writer would import its whole SPARQL package for the default piped output."""
    import csv
    import io
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    for row in values:
        cells = ["" if v is None else f"_:{v}" if isinstance(v, BNode) else str(v) for v in row]
        writer.writerow(cells if raw else ["'" + c if _formula(c) else c for c in cells])
    return buffer.getvalue()


def _tsv(names: list[str], values: list[list], raw: bool = False) -> str:
    """SPARQL 1.1 TSV: ?var headers, terms in N-Triples syntax, with tabs and newlines escaped inside strings.
    Spreadsheets take the quotes of a literal for a text qualifier, so its value is defused like a CSV cell."""
    from kg.emit.sink import nt

    def cell(v) -> str:
        if v is None:
            return ""
        if isinstance(v, BNode):
            return f"_:{v}"
        term = nt(v).replace("\t", "\\t")
        return '"\'' + term[1:] if not raw and isinstance(v, Literal) and _formula(str(v)) else term
    out = ["\t".join("?" + n for n in names)]
    out += ["\t".join(cell(v) for v in row) for row in values]
    return "\n".join(out) + "\n"


def table(names: list[str], values: list[list], width: int = 60) -> str:
    """An aligned text table for a terminal; widths by display columns, so Vietnamese text lines up, and no
    control character from the graph reaches the screen."""
    from wcwidth import wcswidth

    from kg.text import terminal_safe

    def cell(v) -> str:
        if v is None:
            return ""
        if isinstance(v, URIRef):
            return terminal_safe(_short_iri(v))
        s = terminal_safe(" ".join(str(v).split()))
        return s if wcswidth(s) <= width else _clip(s, width)

    cells = [[cell(v) for v in row] for row in values]
    widths = [max([wcswidth(n)] + [wcswidth(r[i]) for r in cells]) for i, n in enumerate(names)]

    def line(items):
        return "  ".join(s + " " * (w - wcswidth(s)) for s, w in zip(items, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def _short_iri(iri: URIRef) -> str:
    """`id:place/ho-chi-minh/quan-4` for reform-kg's own entities, a prefixed name for its vocabularies."""
    if str(iri).startswith(DEFAULT_BASE):
        return "id:" + str(iri)[len(DEFAULT_BASE):]
    for prefix, namespace in _BY_LENGTH:
        local = str(iri)[len(namespace):]
        if str(iri).startswith(namespace) and re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
            return f"{prefix}:{local}"
    return str(iri)


_BY_LENGTH = sorted(((p, ns) for p, ns in {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                     "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                     "owl": "http://www.w3.org/2002/07/owl#"}.items()), key=lambda item: -len(item[1]))


def _clip(s: str, width: int) -> str:
    from wcwidth import wcswidth
    while wcswidth(s) > width - 1:
        s = s[:-1]
    return s + "…"

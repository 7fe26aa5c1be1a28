"""Query results written out: the SPARQL 1.1 result formats, RDF for CONSTRUCT, and a table for people.

Written from Oxigraph's own answers, never through rdflib terms: CSV, TSV, JSON and XML are Oxigraph's own
writers' text, adjusted to the layout reform-kg has always written (TSV's literals in full, JSON's and XML's
layout as rdflib gave them) by string operations that need no parsing; the table is made from Oxigraph's
JSON; a CONSTRUCT or DESCRIBE graph is written by pyoxigraph's serialisers, sorted, so the same graph always
gives the same bytes.
Written to be opened safely: CSV and TSV values a spreadsheet would run as formulas are defused unless the
caller asks for them raw, and no control character from the graph reaches a terminal through the table.
"""
from __future__ import annotations

import json
import re

from kg.namespace import DEFAULT_BASE, PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
NAMESPACES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
              "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": XSD, "owl": "http://www.w3.org/2002/07/owl#"}
# --format name -> pyoxigraph RdfFormat, for a graph answer (anything else writes Turtle, as before)
_RDF = {"turtle": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD", "xml": "RDF_XML"}


def rows(result) -> tuple[list[str], list[list]]:
    """An rdflib Result (kg.queries.run) as column names and rows of rdflib terms."""
    names = [str(v) for v in result.vars]
    return names, [[row[v] for v in result.vars] for row in result]


def write(answer, fmt: str, raw: bool = False) -> str:
    """Oxigraph's answer (QuerySolutions, QueryBoolean, QueryTriples, or a graph as N-Triples bytes) in a
    format; CSV and TSV cells a spreadsheet would run as a formula are defused unless `raw`."""
    import pyoxigraph as ox
    if isinstance(answer, ox.QueryBoolean):
        return "true\n" if answer else "false\n"
    if isinstance(answer, ox.QueryTriples):
        answer = answer.serialize(format=ox.RdfFormat.N_TRIPLES)
    if isinstance(answer, bytes):
        return graph_text(answer, fmt)
    if fmt == "csv":
        return _csv(answer.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8"), raw)
    if fmt == "tsv":
        return _tsv(answer.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8"), raw)
    if fmt == "xml":
        return xml_text(answer.serialize(format=ox.QueryResultsFormat.XML).decode("utf-8"))
    text = answer.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    if fmt == "json":
        return json_text(text)
    data = json.loads(text)
    names = data["head"]["vars"]
    return table(names, [[b.get(n) for n in names] for b in data["results"]["bindings"]])


def native(result):
    """An rdflib Result (from `--allow-remote` or an `--endpoint`) as the answer `write` takes."""
    import pyoxigraph as ox
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = ox.parse(result.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    data = result.serialize(format="json", encoding="utf-8")
    return ox.parse_query_results(data if isinstance(data, bytes) else data.encode("utf-8"),
                                  format=ox.QueryResultsFormat.JSON)


# ------------------------------------------------------------------------------------------ graphs

def graph_text(nt: bytes, fmt: str) -> str:
    """A graph (N-Triples) written by pyoxigraph: triples sorted and de-duplicated, the namespaces it uses
    as prefixes (sorted), so the same graph gives the same bytes whatever order the engine found it in."""
    import pyoxigraph as ox
    data = b"".join(line + b"\n" for line in sorted(set(nt.splitlines())) if line)
    if fmt == "nt":
        return data.decode("utf-8")
    used = {p: ns for p, ns in sorted(NAMESPACES.items()) if b"<" + ns.encode("utf-8") in data}
    rdf_format = getattr(ox.RdfFormat, _RDF.get(fmt, "TURTLE"))
    text = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=rdf_format, prefixes=used).decode("utf-8")
    if rdf_format != ox.RdfFormat.TURTLE:
        return text
    lines = text.splitlines(keepends=True)
    head = [line for line in lines[:len(used)] if line.startswith("@prefix ")]   # Oxigraph's order is a hash's
    return "".join(sorted(head)) + "\n" + "".join(lines[len(head):])


# -------------------------------------------------------------------------------------------- JSON

# Oxigraph's separators -> Python's (json.dumps), inside the bindings. Each pattern holds a quote followed by
# something no JSON may hold after a closing quote, unless that quote is the one the pattern means: no value
# can contain one, since a quote inside a string is always escaped.
_JSON_SEPARATORS = (('":{"type":"', '": {"type": "'), ('","value":"', '", "value": "'),
                    ('","datatype":"', '", "datatype": "'), ('","xml:lang":"', '", "xml:lang": "'),
                    ('"}},{"', '"}}, {"'), ('"},"', '"}, "'))
_JSON_HEAD, _JSON_BODY = '{"head":{"vars":[', ']},"results":{"bindings":['


def json_text(text: str) -> str:
    """SPARQL JSON results as Oxigraph wrote them, in the layout rdflib's writer gave (results first, Python's
    separators). Both escape strings alike, so only the separators change; a row with no binding ({}), rare,
    goes through Python's JSON instead."""
    names, _, rows = text[len(_JSON_HEAD):-len("]}}")].partition(_JSON_BODY)
    if not text.startswith(_JSON_HEAD) or "{}" in rows:
        data = json.loads(text)
        return json.dumps({"results": data["results"], "head": data["head"]}, ensure_ascii=False)
    for old, new in _JSON_SEPARATORS:
        rows = rows.replace(old, new)
    return '{"results": {"bindings": [' + rows + ']}, "head": {"vars": [' + names.replace('","', '", "') + "]}}"


# ------------------------------------------------------------------------------------- CSV and TSV

# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), @SUM(...)), unless
# it is just a number. Such a cell gets a leading ' (OWASP's advice), which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")
# Where a CSV cell may start with one: at a line start or after a comma, quoted or not (an unquoted cell
# cannot hold a carriage return). Most answers have none, and are written as Oxigraph wrote them.
_CSV_FORMULA = re.compile(r'[,\n](?:"[=+\-@\t\r]|[=+\-@\t])')      # (the header's names start with none)


def _formula(value: str) -> bool:
    return value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def _csv(text: str, raw: bool) -> str:
    """SPARQL 1.1 CSV as Oxigraph writes it; read back and written again only when a cell must be defused,
    or when a one-column row is empty: Oxigraph writes an empty line, which CSV readers skip or read as no
    field at all, where Python's writer writes "" (a row with one empty value)."""
    if "\n\r\n" not in text and (raw or not _CSV_FORMULA.search(text)):
        return text
    import csv
    import io
    cells = csv.reader(io.StringIO(text, newline=""))
    return csv_text(next(cells), (row or [""] for row in cells), raw)


def csv_text(names: list[str], values, raw: bool = False) -> str:
    """RFC 4180 CSV (CRLF, quoted where needed) of plain values; cells a spreadsheet would run as a formula
    get a leading ' unless `raw`."""
    import csv
    import io
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    for row in values:
        cells = ["" if v is None else str(v) for v in row]
        writer.writerow(cells if raw else ["'" + c if _formula(c) else c for c in cells])
    return buffer.getvalue()


# Oxigraph's TSV writes a boolean or number in Turtle's short form (48); reform-kg writes every literal as
# an N-Triples term ("48"^^<...#integer>), as it always has. A cell follows a tab or a newline (the header
# line comes first), and tabs and newlines inside strings are escaped, so cells are found without parsing.
# Turtle's short forms are unambiguous: true/false, integer, decimal (a point), double (an exponent).
_TSV_SHORT = r'([\t\n])(?:([^\t\n<"_?][^\t\n]*)'
_TSV_RAW = re.compile(_TSV_SHORT + ")")
_TSV_CELLS = re.compile(_TSV_SHORT + r'|"((?:[=+\-@]|\\[tr])(?:[^"\\\n]|\\.)*)")')
_INTEGER = re.compile(r"[+-]?\d+")


def _tsv(text: str, raw: bool) -> str:
    """SPARQL 1.1 TSV: ?var headers, terms in N-Triples syntax. Spreadsheets take the quotes of a literal for
    a text qualifier, so its value is defused like a CSV cell."""
    return (_TSV_RAW if raw else _TSV_CELLS).sub(_tsv_cell, text)


def _tsv_cell(m: re.Match) -> str:
    start, short, value = (*m.groups(), None)[:3]          # _TSV_RAW has no third group
    if short is not None:
        kind = ("boolean" if short in ("true", "false") else "integer" if _INTEGER.fullmatch(short)
                else "double" if "e" in short or "E" in short else "decimal")
        return f'{start}"{short}"^^<{XSD}{kind}>'
    return m.group() if _PLAIN_NUMBER.fullmatch(value) else f'{start}"\'{value}"'


# ------------------------------------------------------------------------------------- XML and table

_XML_START = re.compile(r'<\?xml[^>]*\?>\s*<sparql xmlns="http://www.w3.org/2005/sparql-results#">')


def xml_text(text: str) -> str:
    """SPARQL XML results as Oxigraph wrote them, in the layout rdflib's writer (xml.sax's XMLGenerator) gave:
    its declaration, variables as start and end tags, and quotes in text unescaped (XMLGenerator escapes only
    &, < and >; Oxigraph also writes &quot; and &apos;, which nothing else in the document can hold)."""
    head, _, body = _XML_START.sub("", text, count=1).partition("</head>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#" '
            'xmlns:xml="http://www.w3.org/XML/1998/namespace">' + head.replace('"/>', '"></variable>') + "</head>"
            + body.replace("&quot;", '"').replace("&apos;", "'"))


def table(names: list[str], values: list[list], width: int = 60) -> str:
    """An aligned text table for a terminal, of SPARQL JSON terms; widths by display columns, so Vietnamese
    text lines up, and no control character from the graph reaches the screen."""
    from kg.text import terminal_safe

    def cell(v) -> tuple[str, int]:
        """The cell's text and its display width (measured once: wcswidth is most of a large table's cost)."""
        if v is None:
            return "", 0
        if v["type"] == "uri":
            s = terminal_safe(_short_iri(v["value"]))
            return s, _width(s)
        s = terminal_safe(" ".join(v["value"].split()))
        w = _width(s)
        return (s, w) if w <= width else _clip(s, width)

    cells = [[(n, _width(n)) for n in names]] + [[cell(v) for v in row] for row in values]
    widths = [max(r[i][1] for r in cells) for i in range(len(names))]

    def line(items):
        return "  ".join(s + " " * (w - sw) for (s, sw), w in zip(items, widths)).rstrip()

    out = [line(cells[0]), line([("-" * w, w) for w in widths])] + [line(r) for r in cells[1:]]
    out.append(f"({len(values)} row{'s' if len(values) != 1 else ''})")
    return "\n".join(out) + "\n"


# Characters one terminal column wide each (Latin, Vietnamese's precomposed letters, typographic quotes and
# dashes; checked against wcwidth by a test): text made only of them is as wide as it is long.
_ONE_COLUMN = re.compile("[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u1e00-\u1eff\u2010-\u2027]*")


def _width(s: str) -> int:
    if _ONE_COLUMN.fullmatch(s):
        return len(s)
    from wcwidth import wcswidth
    return wcswidth(s)


def _short_iri(iri: str) -> str:
    """`id:place/ho-chi-minh/quan-4` for reform-kg's own entities, a prefixed name for its vocabularies."""
    if iri.startswith(DEFAULT_BASE):
        return "id:" + iri[len(DEFAULT_BASE):]
    for prefix, namespace in _BY_LENGTH:
        local = iri[len(namespace):]
        if iri.startswith(namespace) and re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
            return f"{prefix}:{local}"
    return iri


_BY_LENGTH = sorted(NAMESPACES.items(), key=lambda item: -len(item[1]))


def _clip(s: str, width: int) -> tuple[str, int]:
    """The longest start of `s` that fits in `width - 1` columns, and an ellipsis (found by bisection: a
    start's width only grows with its length)."""
    from wcwidth import wcswidth
    short, long = 0, len(s)
    while short < long:
        middle = (short + long + 1) // 2
        if wcswidth(s[:middle]) <= width - 1:
            short = middle
        else:
            long = middle - 1
    clipped = s[:short] + "…"
    return clipped, wcswidth(clipped)

"""Oxigraph's TSV answer as a grid: the variables, a column of cells for each, and each column's distinct cells;
a cell's term; rows laid out in one join. JSON, XML (kg.results) and the table (kg.table) are written from it.

Oxigraph's TSV is the fastest of its writers and holds every term in full (N-Triples syntax), so the other
formats are made from it: each distinct cell of a column is written once, and the rows are laid out by joins
that loop in C. Its strings escape only tab, newline, carriage return, quote and backslash, so lines are rows
and tabs separate cells.
"""
from __future__ import annotations

import re
from operator import itemgetter

from kg.delimited import XSD, short_type


def grid(tsv: bytes) -> tuple[list[str], list[list[bytes]], int, list[list[bytes]]]:
    """Oxigraph's TSV (every line ends in a newline) as variable names, columns of cells, the number of rows, and
    each column's distinct cells. The cells stay UTF-8 bytes (b"" where unbound), half the size of Vietnamese
    text as a Python string: only distinct cells are decoded. The TSV is split a chunk of lines at a time, and
    each cell replaced by the first of its equals (one object for each distinct cell): the copies are freed
    chunk by chunk, so the answer's cells never all live at once (a page of new memory costs about 4 µs), and
    finding a cell later is a comparison of addresses."""
    end = tsv.index(b"\n")
    if not end:                                             # no variable: an empty line for each row
        return [], [], tsv.count(b"\n") - 1, []
    names = [v[1:].decode("utf-8") for v in tsv[:end].split(b"\t")]
    n = len(names)
    if len(tsv) <= _WHOLE:                                  # small: split at once, its cells hashed into sets
        cells = tsv.replace(b"\n", b"\t").split(b"\t")    # (the header's, every row's, and b"" after the last)
        columns = [cells[n + i:-1:n] for i in range(n)]
        return names, columns, len(columns[0]), [list(set(column)) for column in columns]
    firsts: list[dict] = [{} for _ in names]
    columns: list[list[bytes]] = [[] for _ in names]
    start, skip = 0, n                                      # the first chunk holds the names too
    while start < len(tsv):
        stop = tsv.find(b"\n", start + _CHUNK) + 1 or len(tsv)
        cells = tsv[start:stop].replace(b"\n", b"\t").split(b"\t")      # and b"" after the last
        for i, (first, column) in enumerate(zip(firsts, columns), skip):
            some = cells[i:-1:n]
            column += map(first.setdefault, some, some)
        start, skip = stop, 0
    return names, columns, len(columns[0]), [list(first) for first in firsts]


_WHOLE = 1 << 20          # an answer this small is split at once: its cells fit in the cache, and there are too
                          # few for freeing copies as it goes to pay for the first-of-its-equals lookup
_CHUNK = 1 << 16          # bytes of TSV split at once: its cells stay in the processor's cache, and its copies
                          # below the size malloc maps afresh (faulting in every page) each time


def mapped(rendered: dict, column: list) -> list:
    """Each cell of a column as `rendered` (a dict from each distinct cell) has it, looked up in one call."""
    return list(itemgetter(*column)(rendered)) if len(column) > 1 else [rendered[cell] for cell in column]


def rows_text(head: str, columns: list, count: int, tail: str, first: str = "", start: str = "", end: str = "") -> str:
    """`head`, every row's cells between `start` (`first` for the first row) and `end`, and `tail`, in one
    join (the text can be tens of megabytes: it is copied once). The pieces are laid out in one list, a
    column at a time (one slice assignment each), with no item for the starts when `first` and `start` are
    both empty, nor for an empty `end`."""
    starts = bool(first or start)
    row = [start] * starts + [None] * len(columns) + [end] * bool(end)
    pieces = row * count
    pieces.insert(0, head)
    pieces.append(tail)
    if starts and count:
        pieces[1] = first
    for i, column in enumerate(columns, 1 + starts):
        pieces[i:-1:len(row)] = column
    return "".join(pieces)


_TSV_ESCAPED = re.compile(r"\\(.)")
_TSV_UNESCAPE = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\"}


def term(cell: str) -> tuple[str, str, str, str]:
    """A TSV cell's (type as SPARQL JSON names it, value, language, datatype), "" for what it has not."""
    if cell[0] == "<":
        return "uri", cell[1:-1], "", ""
    if cell[0] == '"':
        value, _, after = cell[1:].rpartition('"')       # after: "", "@lang" or "^^<datatype>"
        if "\\" in value:
            value = _TSV_ESCAPED.sub(lambda m: _TSV_UNESCAPE[m[1]], value)
        if after[:1] == "@":
            return "literal", value, after[1:], ""
        return "literal", value, "", after[3:-1]
    if cell[:2] == "_:":
        return "bnode", cell[2:], "", ""
    return "literal", cell, "", XSD + short_type(cell)

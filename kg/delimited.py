"""SPARQL 1.1 CSV and TSV answers: Oxigraph's own writers' text, adjusted by string operations that need no
parsing to the layout reform-kg has always written (TSV's literals in full), with the values a spreadsheet
would run as formulas defused unless the caller asks for them raw (kg.results writes the other formats).
"""
from __future__ import annotations

import re

XSD = "http://www.w3.org/2001/XMLSchema#"

# A spreadsheet runs a cell that starts with one of these signs, a tab or a carriage return as a formula
# (=HYPERLINK(...), @SUM(...)), unless it is just a number. Such a cell gets a leading ' (OWASP's advice),
# which spreadsheets show as text. The signs of every check below come from _SIGNS.
_SIGNS = "=+-@"
_FORMULA_START = (*_SIGNS, "\t", "\r")
_IN_CLASS = re.escape(_SIGNS)                 # the signs inside a character class
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")
# Where a CSV cell may start with one: at a line start or after a comma, quoted or not (an unquoted cell
# cannot hold a carriage return). Most answers have none, and are written as Oxigraph wrote them.
_CSV_FORMULA = re.compile(f'[,\\n](?:"[{_IN_CLASS}\\t\\r]|[{_IN_CLASS}\\t])'.encode())   # (no name starts with one)


def _starts(kept: dict[bytes, bytes]) -> tuple[bytes, bytes]:
    """A translation (bytes.translate's table and the bytes it deletes) that makes each byte of a key its
    value and deletes every other byte."""
    table = bytearray(range(256))
    for sources, target in kept.items():
        for byte in sources:
            table[byte] = target[0]
    kept_bytes = b"".join(kept)
    return bytes(table), bytes(b for b in range(256) if b not in kept_bytes)


# Whether an answer needs rewriting depends on its cells' first characters. A pattern tries every position
# of tens of megabytes; one translation and a few byte searches (in C, about a byte a nanosecond) rule most
# answers out. The translation keeps the separators (one byte for both), quotes, and the characters a formula
# or a number starts with (= for those of a formula or a sign); it deletes most of the rest (UTF-8's other
# characters, letters, punctuation), and keeps a few as "0" so that a character it deletes seldom makes a
# separator and a formula's character neighbours: each separator is followed by its cell's first kept
# character. In a TSV (no separator inside a value), "0" or "=" after a separator is a number or boolean in
# Turtle's short form (every other term starts with <, " or _), and "= or "\0 (\t, \r) a literal that may
# start like a formula; in a CSV (commas inside quoted values count as separators), = or "= or "r (\r) a cell
# that may. The patterns decide.
_CSV_STARTS = _starts({b",\n": b"\n", b"0123456789 ": b"0", _SIGNS.encode() + b"\t": b"=", b'"': b'"', b"\r": b"r"})
_CSV_FORMULA_STARTS = (b"\n=", b'\n"=', b'\n"r')
_TSV_STARTS = _starts({b"\t\n": b"\t", b"0123456789.tfr ": b"0", _SIGNS.encode(): b"=", b'"': b'"', b"\\": b"\\",
                       b"<_?": b"<"})
_NUMBER_STARTS, _FORMULA_STARTS = (b"\t0", b"\t="), (b'\t"=', b'\t"\\0')


def _starting(data: bytes, starts: tuple[bytes, bytes], needles) -> bool:
    """Whether, translated by `starts`, `data` holds one of `needles`."""
    translated = data.translate(*starts)
    return any(needle in translated for needle in needles)


def _may_run(data: bytes) -> bool:
    """Whether a CSV cell starts as a formula would."""
    return _starting(data, _CSV_STARTS, _CSV_FORMULA_STARTS) and _CSV_FORMULA.search(data) is not None


def _formula(value: str) -> bool:
    return value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def csv_answer(data: bytes, raw: bool) -> str:
    """SPARQL 1.1 CSV as Oxigraph writes it; read back and written again only when a cell must be defused,
    or when a one-column row is empty: Oxigraph writes an empty line, which CSV readers skip or read as no
    field at all, where Python's writer writes "" (a row with one empty value)."""
    text = data.decode("utf-8")
    if b"\n\r\n" not in data and (raw or not _may_run(data)):
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
_TSV_SHORT = r'[\t\n](?:[^\t\n<"_?][^\t\n]*'
_TSV_RAW = re.compile("(" + _TSV_SHORT + "))")
_TSV_CELLS = re.compile("(" + _TSV_SHORT + '|"(?:[' + _IN_CLASS + r']|\\[tr])(?:[^"\\\n]|\\.)*")' + ")")


def tsv_answer(data: bytes, raw: bool) -> str:
    """SPARQL 1.1 TSV: ?var headers, terms in N-Triples syntax. Spreadsheets take the quotes of a literal for
    a text qualifier, so its value is defused like a CSV cell. The pattern splits the text around the cells
    to write again (its one group), each distinct one written once."""
    text = data.decode("utf-8")
    if not _starting(data, _TSV_STARTS, _NUMBER_STARTS if raw else _NUMBER_STARTS + _FORMULA_STARTS):
        return text
    parts = (_TSV_RAW if raw else _TSV_CELLS).split(text)
    found = parts[1::2]
    written = {cell: _tsv_cell(cell) for cell in set(found)}
    parts[1::2] = map(written.__getitem__, found)
    return "".join(parts)


def _tsv_cell(cell: str) -> str:
    """A separator and the cell after it: a number or boolean in Turtle's short form written in full, or a
    literal whose value starts like a formula defused (unless it is just a number)."""
    start, term = cell[0], cell[1:]
    if term[0] != '"':
        return f'{start}"{term}"^^<{XSD}{short_type(term)}>'
    return cell if _PLAIN_NUMBER.fullmatch(term[1:-1]) else f'{start}"\'{term[1:-1]}"'


def short_type(short: str) -> str:
    """The XSD type of a literal Oxigraph's TSV writes in Turtle's short form (unambiguous: true/false,
    integer, decimal with a point, double with an exponent)."""
    digits = short[1:] if short[:1] in ("+", "-") else short
    return ("boolean" if short in ("true", "false") else "integer" if digits.isdecimal()
            else "double" if "e" in short or "E" in short else "decimal")

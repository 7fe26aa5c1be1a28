"""Query results as an aligned text table for a terminal (`reform-kg query` on a terminal, `--format table`).

Made from Oxigraph's TSV like kg.results' JSON and XML: the columns of cells kg.grid splits it into, each
distinct cell rendered once. Widths are display columns, so Vietnamese text lines up; long cells are clipped
with an ellipsis; no control character or direction mark from the graph reaches the screen
(kg.text.terminal_safe); IRIs are shortened to reform-kg's prefixes.
A row-per-fact answer has tens of thousands of distinct cells, so the work is done a column at a time where
one call can settle a whole column (reform-kg's own IRIs, literals shown as they are: `_shown`), and the
table is written in one join of padded cells (`_written`); only odd cells are looked at one by one.
"""
from __future__ import annotations

import operator
import re
import sys
from functools import partial
from itertools import compress, repeat

from kg.grid import mapped, rows_text, term
from kg.namespace import DEFAULT_BASE, NAMESPACES


def table(names: list[str], columns: list[list[bytes]], count: int, distinct: list[list[bytes]] | None = None,
          width: int = 60) -> str:
    """An aligned text table for a terminal; widths by display columns, so Vietnamese text lines up, cells
    clipped to `width`, and no control character from the graph reaches the screen. `distinct`: each column's
    distinct cells, if known."""
    shown = [_shown(raws, width) for raws in distinct or map(list, map(dict.fromkeys, columns))]
    widths = [max([_width(name), *ws]) for name, (_, _, ws) in zip(names, shown)]
    head = ["  ".join(name + " " * (widest - _width(name)) for name, widest in zip(names, widths)),
            "  ".join("-" * widest for widest in widths)]
    tail = f"({count} row{'s' if count != 1 else ''})\n"
    written = _written(columns, shown, widths)
    # a row's line ends in its last written column's texts (_written), or alone when no column has text
    return rows_text("\n".join(map(str.rstrip, head)) + "\n", written, count, tail, end="" if written else "\n")


def _written(columns: list[list[bytes]], shown: list[tuple], widths: list[int]) -> list[list[str]]:
    """Each column's cells as its rows write them, up to the last column with any text: padded to the
    column's width and two spaces where a text follows in the row, bare where none does (no line ends in
    white space), and the last column's ending the line."""
    written = []
    follows: bool | list[bool] = False      # whether a text follows in the row: in none, in every one, or per row
    for cells, (raws, texts, ws), widest in reversed(list(zip(columns, shown, widths))):
        if follows is True:                 # a text follows in every row, as it does for the columns before
            written.append(mapped(dict(zip(raws, _padded(texts, ws, widest + 2))), cells))
            continue
        bare = list(map(str.rstrip, texts))
        if follows is False:
            if not any(bare):
                continue                    # no text in this column nor after it: not written
            written.append(mapped(dict(zip(raws, map(operator.add, bare, repeat("\n")))), cells))
        else:
            padded = dict(zip(raws, _padded(texts, ws, widest + 2)))
            written.append(list(map(operator.getitem, mapped((dict(zip(raws, bare)), padded), follows), cells)))
        if "" not in bare:
            follows = True
        else:
            texted = mapped(dict(zip(raws, map(bool, bare))), cells)
            follows = texted if follows is False else list(map(operator.or_, follows, texted))
    return written[::-1]


def _padded(texts: list[str], ws: list[int], wide: int) -> list[str]:
    """Texts of display widths `ws`, each padded with spaces to `wide` columns."""
    if ws == list(map(len, texts)):               # each text as wide as it is long: str.ljust pads it
        return list(map(str.ljust, texts, repeat(wide)))
    return [text + " " * (wide - w) for text, w in zip(texts, ws)]


def _shown(raws: list[bytes], width: int) -> tuple[list[bytes], list[str], list[int]]:
    """Distinct TSV cells of a column, each one's text as the table shows it, and its display width, in one
    order. Most cells are reform-kg's own IRIs or literals shown as they are (clipped): they are settled a
    column at a time; the rest one by one (`_cell`)."""
    order, texts = [], []
    for start, settle in ((_OWN, _own_iris), (b'"', partial(_plain_literals, width=width))):
        if raws and min(raws).startswith(start) and max(raws).startswith(start):
            some, others = raws, []         # (cells with a start lie between the least and the greatest in order)
        else:
            starting = list(map(operator.eq, map(operator.getitem, raws, repeat(slice(len(start)))), repeat(start)))
            some, others = list(compress(raws, starting)), list(compress(raws, map(operator.not_, starting)))
        if some:
            settled, settled_texts, unsettled = settle(some)
            order += settled
            texts += settled_texts
            raws = [*others, *unsettled]
    fitted = [_cell(raw, width) for raw in raws]
    return order + raws, texts + [text for text, _ in fitted], [*map(len, texts), *(w for _, w in fitted)]


_OWN = b"<" + DEFAULT_BASE.encode("utf-8")
_LOCAL = slice(len(_OWN), -1)                # what follows DEFAULT_BASE in the cell
_CONTROL_ASCII = [*range(0x20), 0x7f]


def _own_iris(raws: list[bytes]) -> tuple[list[bytes], list[str], list[bytes]]:
    """IRIs under DEFAULT_BASE (TSV cells) as `id:` and the rest, if each is printable ASCII: (the cells
    settled, their texts, the cells not settled)."""
    joined = b" ".join(map(operator.getitem, raws, repeat(_LOCAL)))        # no IRI holds a space
    printable = joined.isascii() and not any(map(joined.__contains__, _CONTROL_ASCII))   # (memchr each)
    texts = ("id:" + joined.replace(b" ", b" id:").decode("ascii")).split(" ") if printable else []
    return (raws, texts, []) if len(texts) == len(raws) else ([], [], raws)


def _plain_literals(raws: list[bytes], width: int) -> tuple[list[bytes], list[str], list[bytes]]:
    """Literals (TSV cells in quotes) shown as they are, clipped to `width` (at least 1): (the cells settled,
    their texts, the cells not settled: an escape other than a quote's, or a start that `_plain` refuses).
    The starts are checked all at once (`_all_plain`), and only if one fails, one by one."""
    text = b"\n".join(raws).decode("utf-8")                  # TSV writes a newline in a literal as \n
    if "\\" in text:
        text = _ESCAPED_QUOTE.sub('"', text)
    cells = text.split("\n")
    # each value's start (`width` + 2 characters), in C: what precedes the closing quote, less the opening one
    starts = list(map(operator.getitem, map(operator.itemgetter(0), map(str.rpartition, cells, repeat('"'))),
                      repeat(slice(1, width + 3))))
    unsettled = []
    if "\\" in text or not _all_plain(starts, width):      # (a backslash left: an escape other than a quote's)
        plain = [("\\" not in cell and _plain(start, width)) for cell, start in zip(cells, starts)]
        unsettled = list(compress(raws, map(operator.not_, plain)))
        raws, starts = list(compress(raws, plain)), list(compress(starts, plain))
    # _clipped's rule, mapped in C over the long starts (a Python call each costs more than the rest)
    clip = list(map(operator.gt, map(len, starts), repeat(width)))
    fits = list(map(operator.not_, clip))
    return ([*compress(raws, fits), *compress(raws, clip)],
            [*compress(starts, fits), *map(operator.add, map(operator.getitem, compress(starts, clip),
                                                              repeat(slice(width - 1))), repeat("…"))],
            unsettled)


def _all_plain(starts: list[str], width: int) -> bool:
    """Whether `_plain` takes every start: its checks over the starts joined."""
    lines = "\n".join(starts)
    if "  " in lines or "\n " in lines or lines[:1] == " " or not _ONE_COLUMN_LINES.fullmatch(lines):
        return False
    if " \n" not in lines and lines[-1:] != " ":
        return True                        # no start ends in a space
    fitting = compress(starts, map(operator.le, map(len, starts), repeat(width + 1)))
    return " " not in map(operator.getitem, fitting, repeat(slice(-1, None)))     # none that fits ends in one


def _plain(start: str, width: int) -> bool:
    """Whether a literal whose start (`width` + 2 characters: the next after the clip too) is `start` is shown
    as it is: one column a character, and no white space to collapse (doubled, leading, or ending a literal
    that fits)."""
    return "  " not in start and start[:1] != " " and (len(start) > width + 1 or start[-1:] != " ") \
        and _ONE_COLUMN.fullmatch(start) is not None


_ESCAPED_QUOTE = re.compile(r'\\"')       # (a pattern finds it faster than str.replace)


def _cell(raw: bytes, width: int) -> tuple[str, int]:
    """A TSV cell (b"" if unbound) as the table shows it, and its display width: an IRI shortened (never
    clipped), a number or boolean in Turtle's short form, a literal or blank node by `_literal`."""
    if raw[:1] == b"<":
        return _fit(_short_iri(raw[1:-1].decode("utf-8")), _UNCLIPPED)
    if raw[:1] not in (b'"', b"_", b""):
        value = raw.decode("utf-8")
        return _clipped(value, width), min(len(value), width)
    return _literal(raw, width) if raw else ("", 0)


def _literal(raw: bytes, width: int) -> tuple[str, int]:
    """Any other cell (a literal, a blank node): its value, white space collapsed, fitted to `width`."""
    value = term(raw.decode("utf-8"))[1]
    text = " ".join(value[:width + 8].split())            # white space collapsed in its start: a start of the
    if len(value) > width + 8 and not (len(text) > width and _ONE_COLUMN.fullmatch(text, 0, width + 1)):
        text = " ".join(value.split())                    # whole, unless that start settles the cell (_fit)
    return _fit(text, width)


# Characters one terminal column wide each (Latin, Vietnamese's precomposed letters, typographic quotes and
# dashes; checked against wcwidth and kg.text.terminal_safe by a test): text made only of them is shown as it
# is, and is as wide as it is long.
_ONE_COLUMN_CHARS = "\u0020-\u007e\u00a1-\u00ac\u00ae-\u02ff\u1e00-\u1eff\u2010-\u2027"
_ONE_COLUMN = re.compile(f"[{_ONE_COLUMN_CHARS}]*")
_ONE_COLUMN_LINES = re.compile(f"[{_ONE_COLUMN_CHARS}\n]*")          # lines of them


_UNCLIPPED = sys.maxsize // 2          # a width no text reaches


def _fit(text: str, width: int) -> tuple[str, int]:
    """`text` as a terminal shows it (kg.text.terminal_safe) within `width` columns, clipped with an
    ellipsis, and its display width. Most text is one column a character in its first `width` + 1
    characters, which settle the answer without measuring the rest (printable ASCII most quickly)."""
    start = text[:width + 1]
    if start.isascii() and start.isprintable() or _ONE_COLUMN.fullmatch(start):
        return _clipped(text, width), min(len(text), width)
    from kg.text import terminal_safe
    text = terminal_safe(text)
    w = _width(text)
    return (text, w) if w <= width else _clip(text, width)


def _clipped(text: str, width: int) -> str:
    """Text of one-column characters within `width` columns: clipped with an ellipsis when longer."""
    return text if len(text) <= width else text[:width - 1] + "…"


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

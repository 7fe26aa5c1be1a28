"""Query results as an aligned text table for a terminal (`reform-kg query` on a terminal, `--format table`).

Made from Oxigraph's TSV like kg.results' JSON and XML: the columns of cells kg.results splits it into, each
distinct cell rendered once. Widths are display columns, so Vietnamese text lines up; long cells are clipped
with an ellipsis; no control character or direction mark from the graph reaches the screen
(kg.text.terminal_safe); IRIs are shortened to reform-kg's prefixes.
"""
from __future__ import annotations

import re
import sys

from kg.namespace import DEFAULT_BASE
from kg.results import NAMESPACES, rows_text, term


def table(names: list[str], columns: list[list[bytes]], count: int, width: int = 60) -> str:
    """An aligned text table for a terminal; widths by display columns, so Vietnamese text lines up, cells
    clipped to `width`, and no control character from the graph reaches the screen."""
    shown = [{raw: _cell(raw, width) for raw in set(cells)} for cells in columns]
    widths = [max([_width(name), *(w for _, w in texts.values())]) for name, texts in zip(names, shown)]
    head = ["  ".join(name + " " * (widest - _width(name)) for name, widest in zip(names, widths)),
            "  ".join("-" * widest for widest in widths)]
    tail = f"({count} row{'s' if count != 1 else ''})\n"
    end = _last_column(shown)
    if end is None:                  # rows end in different columns: each row's trailing white space stripped
        padded = [_padded(cells, texts, widest) for cells, texts, widest in zip(columns, shown, widths)]
        rows = map("  ".join, zip(*padded)) if names else [""] * count
        return "\n".join(map(str.rstrip, [*head, *rows])) + "\n" + tail
    padded = [_padded(cells, texts, widest, "  ") for cells, texts, widest in zip(columns, shown[:end], widths)]
    return rows_text("\n".join(map(str.rstrip, head)) + "\n", padded + [_padded(columns[end], shown[end], 0)],
                 "", "", "\n", count, tail)


def _padded(cells: list[bytes], texts: dict, widest: int, after: str = "") -> list[str]:
    """Each cell's text padded to `widest` columns, and `after`."""
    pad = {raw: s + " " * (widest - w) + after for raw, (s, w) in texts.items()}
    return list(map(pad.__getitem__, cells))


def _last_column(shown: list[dict]) -> int | None:
    """The column every row ends in, if there is one: a text on every row, none ending in white space, and
    no value in the columns after it. Its rows need no white space stripped, and are joined in one go."""
    filled = [i for i, texts in enumerate(shown) if set(texts) != {b""}]
    if not filled or any(not s or s[-1].isspace() for s, _ in shown[filled[-1]].values()):
        return None
    return filled[-1]


def _cell(raw: bytes, width: int) -> tuple[str, int]:
    """A TSV cell (b"" if unbound) as the table shows it, and its display width. Most cells are an IRI
    (never clipped), a number or boolean in Turtle's short form, or a literal with no escape but quotes whose
    start (`width` + 1 characters) is one column a character and has no white space to collapse (none
    doubled, none at its ends unless more text follows): they are settled here, the rest by `_literal`."""
    if raw[:1] == b"<":
        text = _short_iri(raw[1:-1].decode("utf-8"))
        return (text, len(text)) if text.isascii() and text.isprintable() else _fit(text, _UNCLIPPED)
    if raw[:1] == b'"' and raw.count(b"\\") == raw.count(b'\\"'):
        value = raw[1:raw.rindex(b'"')].decode("utf-8").replace('\\"', '"')
        start = value[:width + 1]
        if "  " not in start and start[:1] != " " and (start[-1:] != " " or value[width + 1:width + 2].strip()) \
                and (start.isascii() and start.isprintable() or _ONE_COLUMN.fullmatch(start)):
            return _clipped(value, width)
    if raw[:1] not in (b'"', b"_", b""):
        return _clipped(raw.decode("utf-8"), width)
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
_ONE_COLUMN = re.compile("[\u0020-\u007e\u00a1-\u00ac\u00ae-\u02ff\u1e00-\u1eff\u2010-\u2027]*")


_UNCLIPPED = sys.maxsize // 2          # a width no text reaches


def _fit(text: str, width: int) -> tuple[str, int]:
    """`text` as a terminal shows it (kg.text.terminal_safe) within `width` columns, clipped with an
    ellipsis, and its display width. Most text is one column a character in its first `width` + 1
    characters, which settle the answer without measuring the rest."""
    if _ONE_COLUMN.fullmatch(text, 0, width + 1):
        return _clipped(text, width)
    from kg.text import terminal_safe
    text = terminal_safe(text)
    w = _width(text)
    return (text, w) if w <= width else _clip(text, width)


def _clipped(text: str, width: int) -> tuple[str, int]:
    """Text of one-column characters within `width` columns (clipped with an ellipsis), and its width."""
    return (text, len(text)) if len(text) <= width else (text[:width - 1] + "…", width)


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

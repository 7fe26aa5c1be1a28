"""Quoted spans in a sentence: where a model's name may be written in quotes ("“Một cửa”", '"Ngày thứ 6 không
hẹn"'), with nested quotes kept inside and a quote left open closed where its list item ends."""
from __future__ import annotations

from dataclasses import dataclass

from kg.text import occurrences

_PAIRS = {"“": "”", "‘": "’", "«": "»", '"': '"', "'": "'"}
_MARKS = "".join(dict.fromkeys([*_PAIRS, *_PAIRS.values(), ";"]))       # what opens, closes or ends a quote


@dataclass(frozen=True)
class Quote:
    start: int        # the opening quote mark
    end: int          # after the closing mark (or where a missing one belongs)
    inner_start: int
    inner_end: int


def quotes(text: str) -> list[Quote]:
    """Top-level quoted spans; nested quotes stay inside; a quote left open is closed before the `;`
    (or the sentence end) that ends its list item, and before a bracket that follows it."""
    out: list[Quote] = []
    stack: list[tuple[int, str]] = []
    for i, ch in occurrences(text, _MARKS):         # no other character opens, closes or ends a quote
        if stack and ch == _PAIRS[stack[-1][1]] and not (ch == "'" and _is_apostrophe(text, i)):
            opened, _ = stack.pop()
            if not stack:
                out.append(Quote(opened, i + 1, opened + 1, i))
        elif ch in _PAIRS and _opens(text, i):
            stack.append((i, ch))
        elif ch == ";" and stack:
            out.append(_repair(text, stack[0][0], i))
            stack.clear()
    if stack:
        out.append(_repair(text, stack[0][0], len(text)))
    return out


def _opens(text: str, i: int) -> bool:
    if text[i] in "“‘«":
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(:;,-–") and not after.isspace()


def _is_apostrophe(text: str, i: int) -> bool:
    return i + 1 < len(text) and text[i + 1].isalpha()


def _repair(text: str, opened: int, limit: int) -> Quote:
    end = limit
    while end > opened and (text[end - 1].isspace() or text[end - 1] in ".…"):
        end -= 1
    if end > opened and text[end - 1] == ")":
        bracket = text.rfind("(", opened, end)
        if bracket > opened:
            end = bracket
            while end > opened and text[end - 1].isspace():
                end -= 1
    return Quote(opened, end, opened + 1, end)

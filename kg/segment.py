"""Sentences as character spans of the document text; the text itself is never changed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text import occurrences

# A sentence ends at . ! ? or … (with closing quotes or brackets after them) followed by white space and
# something that starts a sentence, or at a line break unless the next line goes on in lower case.
_END_MARKS = ".!?…"
_END = re.compile(f"[{_END_MARKS}]+" + r"[”\"')\]]*(?=\s)|\n")
_OPENERS = "\"“‘'([•-–"
# Abbreviations whose dot does not end a sentence: "TP. Hồ Chí Minh", "P. Bến Thành", "ThS. Nguyễn".
_ABBREVIATIONS = {"tp", "tx", "tt", "p", "q", "ths", "ts", "pgs", "gs", "bs", "th.s", "ks", "nxb", "v.v", "ô", "b"}


# No real sentence is this long; a run of text without boundaries is cut into pieces of at most this many
# characters (at white space where there is some), so no step ever works on unbounded text.
MAX_SENTENCE = 2000
_QUOTE_REACH = 160


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end], each trimmed of surrounding white space; none is empty."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    s = start
    for m in _ends(text, start, end):
        if not _starts_sentence(text, m, end):
            continue
        _add(out, text, s, m.end())
        s = m.end()
    _add(out, text, s, end)
    return out


def _ends(text: str, start: int, end: int):
    """_END.finditer(text, start, end), tried only where one of its marks is (kg.text.occurrences)."""
    pos = start
    for i, _ in occurrences(text, _END_MARKS + "\n", start, end):
        if i >= pos and (m := _END.match(text, i, end)) is not None:
            pos = m.end()
            yield m


def _starts_sentence(text: str, m: re.Match, end: int) -> bool:
    if m.group() != "\n" and _inside_short_quote(text, m.start()):
        return False
    i = m.end()
    while i < end and text[i].isspace():
        if text[i] == "\n" and m.group() == "\n":
            return True                      # a blank line always ends a paragraph
        i += 1
    if i >= end:
        return True
    nxt = text[i]
    if m.group() == "\n":
        return not nxt.islower()
    if m.group().startswith(".") and _abbreviation_before(text, m.start()):
        return False
    return nxt.isupper() or nxt.isdigit() or nxt in _OPENERS


def _inside_short_quote(text: str, i: int, reach: int = _QUOTE_REACH) -> bool:
    """An exclamation inside a short quoted name (“Alo! ... xin nghe!”) does not end the sentence."""
    line_start = text.rfind("\n", max(0, i - reach), i) + 1
    opened = text.rfind("“", max(line_start, i - reach), i)
    if opened < 0 or text.rfind("”", opened, i) >= 0:
        return False
    closed = text.find("”", i, i + reach)
    return closed >= 0 and "\n" not in text[i:closed]


_WORD_BEFORE = re.compile(r"([^\W\d_][\w.]*)$")


def _abbreviation_before(text: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(text[max(0, dot - 6):dot])
    return bool(word) and word.group(1).lower() in _ABBREVIATIONS


def _add(out: list[Sentence], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        _add(out, text, s, cut)
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append(Sentence(s, e, text[s:e]))

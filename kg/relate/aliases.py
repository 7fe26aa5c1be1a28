"""A company named in full once, then by the acronym in its name: "Trung tâm ... – Chi nhánh GTEL CDS đã ký kết
...", then "GTEL cũng hỗ trợ phường ...". The acronym alone is that company (rule relate.company-acronym)."""
from __future__ import annotations

import re

from kg.recognize import Mention
from kg.relate.context import Analysed

_ACRONYM = re.compile(r"(?<![\w-])(?!(?:TNHH|MTV|CTCP|JSC)(?![\w-]))[A-ZĐ][A-ZĐ0-9&]{2,}(?![\w-])")   # not a legal form


def short_names(analysed: list[Analysed]) -> None:
    """Add to each sentence the acronyms, written alone, of the companies named before it (none to do in a text
    that names no company)."""
    if not any(m.get("name") for a in analysed for m in a.of("AGENCY")):
        return
    known: dict[str, Mention] = {}
    for a in analysed:
        if known:
            _add_acronyms(a, known)
        for m in a.of("AGENCY"):
            if m.get("name") and m.get("rule") is None:
                for w in _ACRONYM.finditer(m.text):
                    known.setdefault(w.group(), m)


def _add_acronyms(a: Analysed, known: dict[str, Mention]) -> None:
    base = a.sentence.start
    taken = [(m.start, m.end) for m in a.of("AGENCY")]
    added = [Mention(base + w.start(), base + w.end(), w.group(), "AGENCY", known[w.group()].key,
                     (("name", w.group()), ("rule", "relate.company-acronym")))
             for w in _ACRONYM.finditer(a.sentence.text) if w.group() in known
             and not any(lo <= base + w.start() < hi for lo, hi in taken)]
    if added:
        a.add(added)

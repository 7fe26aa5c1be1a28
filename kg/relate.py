"""Attach places, agencies, procedures, fields, kinds, reductions and metrics to the initiative they belong to.

An initiative's *item* is its name and what follows it up to the next model, the next `;` or the
sentence end: the brackets there give its places and lead agencies, "do X" and "phối hợp với Y" give
roles, and the lists there give its fields and procedures. When the item names no place, the place is
the subject of the sentence ("15 Phường tiếp tục triển khai ..."), then the place of an agency in the name,
then the place the document is about.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.ingest import Document
from kg.recognize import Mention
from kg.segment import Sentence

LEAD, PARTNER, INVOLVED = "lead", "partner", "involved"
_PARTNER_CUE = re.compile(r"(?i:phối hợp(?:\s+với)?|cùng với|liên thông với)\s*$")
_LEAD_CUE = re.compile(r"(?i:(?<!\w)do|chủ trì:?)\s*$")
_AT_CUE = re.compile(r"(?i:(?<!\w)tại)\s*$")
_AND = re.compile(r"^\s*(?:,|và)\s*$")
_CLAUSE = re.compile(r"[;:()]|,\s")


@dataclass
class Analysed:
    sentence: Sentence
    mentions: list[Mention]

    def of(self, label: str, start: int | None = None, end: int | None = None) -> list[Mention]:
        lo = self.sentence.start if start is None else start
        hi = self.sentence.end if end is None else end
        return [m for m in self.mentions if m.label == label and m.within(lo, hi)]


@dataclass
class InitiativeFacts:
    name: Mention
    sentence: Sentence
    places: list[Mention] = field(default_factory=list)   # PLACE mentions; empty means the document's place
    agencies: list[tuple[Mention, str]] = field(default_factory=list)
    kinds: list[Mention] = field(default_factory=list)
    fields: list[Mention] = field(default_factory=list)
    procedures: list[Mention] = field(default_factory=list)
    reductions: list[tuple[Mention, Mention | None, list[Mention]]] = field(default_factory=list)


@dataclass
class MetricFacts:
    mention: Mention
    sentence: Sentence
    label: str
    about: InitiativeFacts | None
    place: Mention | None
    period: Mention | None
    procedures: list[Mention]


@dataclass
class Facts:
    document: Document
    sentences: list[Analysed]
    initiatives: list[InitiativeFacts]
    metrics: list[MetricFacts]
    main_place: Mention | None


def relate(document: Document, analysed: list[Analysed]) -> Facts:
    initiatives: list[InitiativeFacts] = []
    metrics: list[MetricFacts] = []
    previous: list[InitiativeFacts] = []
    for a in analysed:
        current = [_initiative(a, m, _item_end(a, m)) for m in a.of("MODEL")]
        initiatives.extend(current)
        metrics.extend(_metric(a, m, current, previous) for m in a.of("METRIC"))
        previous = current or previous
    return Facts(document, analysed, initiatives, metrics, _main_place(analysed))


def _item_end(a: Analysed, model: Mention) -> int:
    text, base = a.sentence.text, a.sentence.start
    later = [m.start for m in a.of("MODEL") if m.start > model.start]
    limit = min(later) if later else a.sentence.end
    depth = 0
    for i in range(model.end - base, limit - base):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if text[i] == ";" and depth <= 0:
            return base + i
    return limit


def _brackets(a: Analysed, start: int, end: int) -> list[tuple[int, int]]:
    out, stack, text, base = [], [], a.sentence.text, a.sentence.start
    for i in range(start - base, end - base):
        if text[i] == "(":
            stack.append(i)
        elif text[i] == ")" and stack:
            o = stack.pop()
            if not stack:
                out.append((base + o, base + i + 1))
    return out


def _initiative(a: Analysed, name: Mention, end: int) -> InitiativeFacts:
    facts = InitiativeFacts(name, a.sentence)
    procs_in_name = a.of("PROCEDURE", name.start, name.end)
    facts.kinds = [k for k in a.of("KIND", name.start, name.end) if not any(k.within(p.start, p.end) for p in procs_in_name)]
    facts.procedures = a.of("PROCEDURE", name.start, end)
    facts.fields = a.of("FIELD", name.start, end)
    named = _roles(a, a.of("AGENCY", name.start, name.end), name.start)
    brackets = _brackets(a, name.end, end)
    bracketed = [(ag, LEAD) for lo, hi in brackets for ag in a.of("AGENCY", lo, hi)]
    outside = [ag for ag in a.of("AGENCY", name.end, end) if not any(ag.within(lo, hi) for lo, hi in brackets)]
    cued = [(ag, r) for ag, r in _roles(a, outside, name.end) if r != INVOLVED]
    facts.agencies = named + bracketed + cued
    facts.places = [p for lo, hi in brackets for p in a.of("PLACE", lo, hi)]
    if not facts.places:
        facts.places = _place_fallbacks(a, name, named, bracketed + cued)
    facts.reductions = [_reduction(a, r, facts, brackets) for r in a.of("REDUCTION", name.start, end)]
    return facts


def _place_fallbacks(a: Analysed, name: Mention, named, after) -> list[Mention]:
    """Where an item names no place: its agencies' places (an agency with none is the document's), else
    the sentence's subject, else the places of agencies in the name; empty means the document's place."""
    if after:
        return [ag.get("place") for ag, _ in after if ag.get("place") is not None]
    return _subject(a, name.start) or [ag.get("place") for ag, _ in named if ag.get("place") is not None]


def _roles(a: Analysed, agencies: list[Mention], start: int) -> list[tuple[Mention, str]]:
    """Roles from the words before each agency: "phối hợp với B và C" makes partners, "do A" a lead."""
    out: list[tuple[Mention, str]] = []
    prev_end, prev_role = start, None
    for ag in agencies:
        gap = _slice(a, prev_end, ag.start)
        if _PARTNER_CUE.search(gap) or (prev_role == PARTNER and _AND.match(gap)):
            role = PARTNER
        elif _LEAD_CUE.search(gap):
            role = LEAD
        elif _AT_CUE.search(gap):
            role = INVOLVED
        else:
            role = LEAD if prev_role is None else INVOLVED
        out.append((ag, role))
        prev_end, prev_role = ag.end, role
    return out


def _subject(a: Analysed, before: int) -> list[Mention]:
    """The nearest place before `before` that is not inside a model's name or a bracket."""
    names = [(m.start, m.end) for m in a.of("MODEL")]
    brackets = _brackets(a, a.sentence.start, a.sentence.end)
    candidates = [m.get("place") if m.label == "AGENCY" else m for m in a.mentions
                  if m.label in ("PLACE", "AGENCY") and m.end <= before]
    candidates = [m for m in candidates if m is not None and not any(lo <= m.start < hi for lo, hi in names + brackets)]
    return candidates[-1:]


def _reduction(a: Analysed, r: Mention, facts: InitiativeFacts, brackets) -> tuple[Mention, Mention | None, list[Mention]]:
    procs = [p for p in facts.procedures if p.start < r.start]
    proc = procs[-1] if procs else None
    if proc is None:
        return r, None, facts.places
    following = [p.start for p in facts.procedures if p.start > proc.start]
    limit = min(following) if following else a.sentence.end
    places = [p for lo, hi in brackets if proc.end <= lo < limit for p in a.of("PLACE", lo, hi)]
    return r, proc, places or facts.places


def _metric(a: Analysed, m: Mention, current, previous) -> MetricFacts:
    start, end = _clause(a, m)
    procs = a.of("PROCEDURE", m.end, end)
    about = _by_procedure(procs, current + previous) or _nearest_before(current, m.start)
    periods = a.of("PERIOD")
    before = [p for p in periods if p.end <= m.start]
    period = before[-1] if before else (periods[0] if periods else None)
    place = _subject(a, m.start)
    label = " ".join(_slice(a, start, max(end, m.end)).split()).rstrip(".…")
    return MetricFacts(m, a.sentence, label, about, place[0] if place else None, period, procs)


def _clause(a: Analysed, m: Mention) -> tuple[int, int]:
    text, base = a.sentence.text, a.sentence.start
    cuts = [base + c.start() for c in _CLAUSE.finditer(text) if not (m.start <= base + c.start() < m.end)]
    start = max([c + 1 for c in cuts if c < m.start], default=a.sentence.start)
    end = min([c for c in cuts if c >= m.end], default=a.sentence.end)
    return start, end


def _by_procedure(procs: list[Mention], candidates: list[InitiativeFacts]) -> InitiativeFacts | None:
    wanted = {p.key for p in procs}
    scored = [(len(wanted & {p.key for p in c.procedures}), -k) for k, c in enumerate(candidates)]
    best = max(scored, default=(0, 0))
    return candidates[-best[1]] if best[0] else None


def _nearest_before(initiatives: list[InitiativeFacts], pos: int) -> InitiativeFacts | None:
    before = [i for i in initiatives if i.name.start < pos]
    return before[-1] if before else None


def _main_place(analysed: list[Analysed]) -> Mention | None:
    """The district (or larger area) the document names most, with a name: "Quận 4"."""
    seen: list[Mention] = []
    for a in analysed:
        for m in a.mentions:
            place = m.get("place") if m.label == "AGENCY" else m if m.label == "PLACE" else None
            if place is not None and (place.get("names") or place.key) and not _is_lowest_level(place):
                seen.append(place)
    if not seen:
        return None
    counts = Counter(_place_key(p) for p in seen)
    best = max(counts.values())
    return next(p for p in seen if counts[_place_key(p)] == best)


def _place_key(p: Mention) -> tuple:
    return (p.key, p.get("level"), p.get("names"))


def _is_lowest_level(place: Mention) -> bool:
    return (place.get("level") or "").rsplit("/", 1)[-1] in ("phuong", "xa", "thi-tran")


def _slice(a: Analysed, start: int, end: int) -> str:
    return a.sentence.text[start - a.sentence.start:end - a.sentence.start]

"""What each figure describes, its period, and the procedures it counts.

A figure followed by procedures ("18 hồ sơ liên thông đăng ký khai sinh – đăng ký hộ khẩu ...") belongs to
the initiative of this or the previous sentence that shares them, and adds them to it; otherwise to the
initiative named before it in the sentence, otherwise to the place the sentence is about.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.recognize import Mention
from kg.relate.context import Analysed, place_of, subject
from kg.relate.initiatives import InitiativeFacts
from kg.segment import Sentence

_CLAUSE = re.compile(r"[;:()]|,\s")


@dataclass
class MetricFacts:
    mention: Mention
    sentence: Sentence
    label: str
    about: InitiativeFacts | None
    place: Mention | None
    period: Mention | None
    procedures: list[Mention]


def figures(a: Analysed, current: list[InitiativeFacts], previous: list[InitiativeFacts]) -> list[MetricFacts]:
    """The facts of each figure the sentence gives (its clause marks listed once)."""
    found = a.of("METRIC")
    if not found:
        return []
    base = a.sentence.start
    cuts = [base + c.start() for c in _CLAUSE.finditer(a.sentence.text)]
    return [_metric(a, m, cuts, current, previous) for m in found]


def _metric(a: Analysed, m: Mention, cuts: list[int], current: list[InitiativeFacts],
            previous: list[InitiativeFacts]) -> MetricFacts:
    start, end = _clause(a, m, cuts)
    procs = a.of("PROCEDURE", m.end, end)
    about = _by_procedure(procs, current + previous)
    if about is not None:
        known = {p.key for p in about.procedures}
        about.procedures += [p for p in procs if p.key not in known]
    else:
        before = [i for i in current if i.name.start < m.start]
        about = before[-1] if before else None
    periods = a.of("PERIOD")
    earlier = [p for p in periods if p.end <= m.start]
    period = earlier[-1] if earlier else (periods[0] if periods else None)
    who = subject(a, m.start)
    label = " ".join(a.slice(start, max(end, m.end)).split()).rstrip(".…")
    return MetricFacts(m, a.sentence, label, about, place_of(who) if who is not None else None, period, procs)


def _clause(a: Analysed, m: Mention, cuts: list[int]) -> tuple[int, int]:
    """The clause a figure is in: between the marks around it, those inside it aside."""
    before, after = bisect.bisect_left(cuts, m.start), bisect.bisect_left(cuts, m.end)      # cuts are in text order
    return (cuts[before - 1] + 1 if before else a.sentence.start), (cuts[after] if after < len(cuts) else a.sentence.end)


def _by_procedure(procs: list[Mention], candidates: list[InitiativeFacts]) -> InitiativeFacts | None:
    if not procs:
        return None
    wanted = {p.key for p in procs}
    scored = [(len(wanted & {p.key for p in c.procedures}), -k) for k, c in enumerate(candidates)]
    best = max(scored, default=(0, 0))
    return candidates[-best[1]] if best[0] else None


def drop_headline_repeats(metrics: list[MetricFacts], title_end: int) -> list[MetricFacts]:
    """A headline repeats a figure the article gives ("Trên 85% người dân hài lòng"): keep the article's."""
    def same(x: MetricFacts, y: MetricFacts) -> bool:
        return x.mention.attrs == y.mention.attrs
    body = [m for m in metrics if m.mention.start >= title_end]
    return [m for m in metrics if m.mention.start >= title_end or not any(same(m, b) for b in body)]

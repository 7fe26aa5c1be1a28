"""Attach places, agencies, procedures, fields, kinds, reductions and figures to the initiative they belong to."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.ingest import Document
from kg.recognize import Mention
from kg.relate.context import Analysed, key, parents, place_of, rank
from kg.relate.initiatives import INVOLVED, LEAD, PARTNER, InitiativeFacts, initiative, merge_names
from kg.relate.metrics import MetricFacts, drop_headline_repeats, metric

__all__ = ["Analysed", "Facts", "InitiativeFacts", "MetricFacts", "LEAD", "PARTNER", "INVOLVED", "relate"]

# "Các thủ tục áp dụng gồm: ..." lists the procedures of the model just described.
_PROCEDURE_LIST = re.compile(r"(?i:thủ tục (?:được )?áp dụng|áp dụng (?:đối )?(?:với|cho) (?:các )?thủ tục)")


@dataclass
class Facts:
    document: Document
    sentences: list[Analysed]
    initiatives: list[InitiativeFacts]
    metrics: list[MetricFacts]
    main_place: Mention | None
    parents: dict[tuple, Mention]
    most_named: Mention | None = None     # the place named most often, whatever its level (first on a tie)


def relate(document: Document, analysed: list[Analysed]) -> Facts:
    initiatives: list[InitiativeFacts] = []
    metrics: list[MetricFacts] = []
    previous: list[InitiativeFacts] = []
    before: Analysed | None = None
    for a in analysed:
        current = [initiative(a, m, before) for m in a.of("MODEL")]
        if not current and previous and _PROCEDURE_LIST.search(a.sentence.text):
            previous[-1].procedures += a.of("PROCEDURE")
        initiatives.extend(current)
        metrics.extend(metric(a, m, current, previous) for m in a.of("METRIC"))
        previous = current or previous
        before = a
    parent_of = parents(analysed)
    merge_names(initiatives, parent_of)
    title_end = analysed[0].sentence.end if analysed and document.title else document.content_start
    return Facts(document, analysed, initiatives, drop_headline_repeats(metrics, title_end),
                 _main_place(analysed), parent_of, _most_named(_named(analysed)))


def _main_place(analysed: list[Analysed]) -> Mention | None:
    """The place the document is about: the larger place it names most ("Quận 4"), else its only ward or commune."""
    named = _named(analysed)
    larger = [p for p in named if rank(p) < 3]
    pool = larger or (named if len({key(p) for p in named}) == 1 else [])
    if not pool:
        return None
    return _most_named(pool)


def _named(analysed: list[Analysed]) -> list[Mention]:
    return [p for a in analysed for p in (place_of(m) for m in a.mentions)
            if p is not None and not p.get("count") and (p.get("names") or p.key)]


def _most_named(pool: list[Mention]) -> Mention | None:
    if not pool:
        return None
    counts = Counter(key(p) for p in pool)
    best = max(counts.values())
    return next(p for p in pool if counts[key(p)] == best)

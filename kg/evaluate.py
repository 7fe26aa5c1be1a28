"""Score the extractor against hand annotations, per relation, through the bundled queries.

An annotation file (JSON) names an article (`file`, relative to the annotation) and what a careful reader
finds in it: each initiative with its places, agencies and procedures, and the figures. Each article is
built alone and read back through `initiatives`, `initiative-agencies`, `initiative-procedures` and
`metrics`, so the score is what a user of those queries gets.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg import pipeline, queries
from kg.errors import InputError

RELATIONS = ("initiatives", "place-initiative", "initiative-agency", "initiative-procedure", "metric-values")
_QUOTES = re.compile(r"[“”\"'‘’«»]")


def norm(label: str) -> str:
    """Compare labels by their words: case, quotes, spacing and trailing punctuation do not count."""
    s = _QUOTES.sub("", unicodedata.normalize("NFC", str(label))).casefold()
    return " ".join(s.split()).strip(" .,;:!…")


@dataclass
class Score:
    true: set = field(default_factory=set)
    false_hits: set = field(default_factory=set)
    misses: set = field(default_factory=set)

    @property
    def precision(self) -> float:
        found = len(self.true) + len(self.false_hits)
        return len(self.true) / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = len(self.true) + len(self.misses)
        return len(self.true) / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold(annotation: dict, doc: str) -> dict[str, set]:
    out: dict[str, set] = {r: set() for r in RELATIONS}
    for name, facts in annotation.get("initiatives", {}).items():
        n = norm(name)
        out["initiatives"].add((doc, n))
        out["place-initiative"].update((doc, n, norm(p)) for p in facts.get("places", []))
        out["initiative-agency"].update((doc, n, norm(a)) for a in facts.get("agencies", []))
        out["initiative-procedure"].update((doc, n, norm(p)) for p in facts.get("procedures", []))
    out["metric-values"] = _numbered(doc, [Decimal(str(v)) for v in annotation.get("metrics", [])])
    return out


def predicted(article: Path, doc: str) -> dict[str, set]:
    graph, _ = pipeline.build([article])
    out: dict[str, set] = {r: set() for r in RELATIONS}

    def rows(name):
        return list(queries.run(graph, queries.find(name)))
    for r in rows("initiatives"):
        n = norm(r.initiativeLabel)
        out["initiatives"].add((doc, n))
        if r.placeLabel is not None:
            out["place-initiative"].add((doc, n, norm(r.placeLabel)))
    for r in rows("initiative-agencies"):
        out["initiative-agency"].add((doc, norm(r.initiativeLabel), norm(r.agencyLabel)))
    for r in rows("initiative-procedures"):
        out["initiative-procedure"].add((doc, norm(r.initiativeLabel), norm(r.procedureLabel)))
    out["metric-values"] = _numbered(doc, [Decimal(str(r.value)) for r in rows("metrics")])
    return out


def _numbered(doc: str, values: list[Decimal]) -> set:
    """A multiset as a set: the second 100 in a document is (doc, 100, 2)."""
    seen: Counter = Counter()
    out = set()
    for v in sorted(values):
        seen[v] += 1
        out.add((doc, v.normalize(), seen[v]))
    return out


def evaluate(annotation_dir: Path) -> dict[str, Score]:
    files = sorted(annotation_dir.glob("*.json"))
    if not files:
        raise InputError(f"{annotation_dir}: no annotation files (*.json)")
    scores = {r: Score() for r in RELATIONS}
    for path in files:
        try:
            annotation = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(f"{path}: not a readable annotation file ({e})") from e
        article = (path.parent / annotation["file"]).resolve()
        want, got = gold(annotation, path.stem), predicted(article, path.stem)
        for r in RELATIONS:
            scores[r].true |= want[r] & got[r]
            scores[r].misses |= want[r] - got[r]
            scores[r].false_hits |= got[r] - want[r]
    return scores


def report(scores: dict[str, Score], details: bool = True) -> str:
    lines = ["| relation | precision | recall | F1 | found | missed | false |", "|---|---|---|---|---|---|---|"]
    for r, s in scores.items():
        lines.append(f"| {r} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {len(s.true)} | {len(s.misses)} | {len(s.false_hits)} |")
    if details:
        for r, s in scores.items():
            for kind, items in (("miss", s.misses), ("false", s.false_hits)):
                for item in sorted(items, key=str):
                    lines.append(f"{kind:5} {r}: " + " | ".join(str(x) for x in item))
    return "\n".join(lines) + "\n"

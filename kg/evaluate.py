"""Score the extractor against hand annotations (the format of ANNOTATING.md), through the bundled queries.

Each article is built alone and read back through `initiatives`, `ward-initiatives`, `initiative-agencies`,
`initiative-procedures` and `metrics`, so the score is what a user of those queries gets. A predicted fact
is true when it matches a hard fact, ignored when it matches a soft one (or concerns a soft initiative), and
a false hit otherwise; a hard fact nothing matched is a miss. Names match by words (kg.evaluate_match).
A model's kinds are scored only for the models found (initiative-kind): how well a found model is classified,
not whether it is found, so that row stays out of the mean F1 per article (IN_MEAN).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg.errors import InputError
from kg.evaluate_match import agency_matches, guide_slugs, name_similarity, norm, place_matches

RELATIONS = ("initiatives", "ward-initiative", "initiative-agency", "initiative-procedure", "metrics", "initiative-kind")
IN_MEAN = RELATIONS[:5]     # the mean F1 per article: the facts extracted, as before initiative-kind was scored
SOFT = object()             # a predicted initiative that matches a soft one
_SHAPE = {"initiatives": dict, "initiatives_soft": list, "ward_initiatives": dict, "initiative_agencies": dict,
          "initiative_procedures": dict, "metrics": dict}


@dataclass
class Score:
    true: int = 0
    misses: list = field(default_factory=list)        # (doc, fact, sentence)
    false_hits: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true + len(self.false_hits)
        return self.true / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true + len(self.misses)
        return self.true / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.true += other.true
        self.misses += other.misses
        self.false_hits += other.false_hits


@dataclass
class Result:
    scores: dict[str, Score]
    per_article: dict[str, float]

    @property
    def mean_f1(self) -> float:
        return sum(self.per_article.values()) / len(self.per_article) if self.per_article else 0.0


def load(path: Path) -> dict:
    try:
        annotation = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: not a readable annotation file ({e})") from e
    if not isinstance(annotation, dict) or not isinstance(annotation.get("doc"), str):
        raise InputError(f"{path}: not an annotation (no \"doc\"; see ANNOTATING.md)")
    for name, kind in _SHAPE.items():
        if not isinstance(annotation.get(name, kind()), kind):
            raise InputError(f"{path}: not an annotation in the ANNOTATING.md format (\"{name}\" is not a {kind.__name__})")
    return annotation


def article_path(annotation: dict, path: Path, corpus: Path) -> Path:
    """The article an annotation names: `doc` under the corpus folder, else the one file of that name in it."""
    direct = corpus / annotation["doc"]
    if direct.is_file():
        return direct
    found = sorted(corpus.rglob(Path(annotation["doc"]).name)) if corpus.is_dir() else []
    if len(found) != 1:
        raise InputError(f"{path}: article {annotation['doc']} not found (once) under {corpus}")
    return found[0]


def evaluate(annotation_dir: Path, corpus: Path | None = None) -> Result:
    files = sorted(Path(annotation_dir).glob("*.json"))
    if not files:
        raise InputError(f"{annotation_dir}: no annotation files (*.json)")
    corpus = Path(corpus) if corpus is not None else Path(annotation_dir).parent / "corpus"
    scores = {r: Score() for r in RELATIONS}
    per_article = {}
    for path in files:
        annotation = load(path)
        article = article_path(annotation, path, corpus)
        got = Predicted.of(article)
        try:
            mine = score_article(annotation, got)
        except (InputError, TypeError, AttributeError, KeyError, ValueError) as e:
            raise InputError(f"{path}: not an annotation in the ANNOTATING.md format ({e})") from e
        for r in RELATIONS:
            scores[r].add(mine[r])
        true = sum(mine[r].true for r in IN_MEAN)
        wrong = sum(len(mine[r].misses) + len(mine[r].false_hits) for r in IN_MEAN)
        per_article[annotation["doc"]] = 2 * true / (2 * true + wrong) if true or wrong else 1.0
    return Result(scores, per_article)


@dataclass
class Predicted:
    """What the bundled queries answer for one article, with the sentence each fact was read from."""
    initiatives: dict[str, str]                     # IRI -> label
    wards: list[tuple[str, str]]                    # (initiative IRI, ward label)
    agencies: list[tuple[str, str]]
    procedures: list[tuple[str, str]]
    metrics: list[tuple[Decimal, str]]              # (value, what the figure's clause says)
    sentences: dict[str, str]                       # initiative label -> sentence
    text: str
    kinds: list[tuple[str, str]] = field(default_factory=list)    # (initiative IRI, kind's Vietnamese name)

    @classmethod
    def of(cls, article: Path) -> "Predicted":
        """One extraction: the graph the build makes, with each model's sentence read from its evidence."""
        from kg import corpus, ingest, queries
        graph, _ = corpus.build_graph([article])

        def rows(name):
            return list(queries.run(graph, queries.find(name)))
        listed = rows("initiatives")
        inits = {str(r.initiative): str(r.initiativeLabel) for r in listed}
        return cls(inits,
                   sorted({(str(r.initiative), str(r.wardLabel)) for r in rows("ward-initiatives")}),
                   sorted({(str(r.initiative), str(r.agencyLabel)) for r in rows("initiative-agencies")}),
                   sorted({(str(r.initiative), str(r.procedureLabel)) for r in rows("initiative-procedures")}),
                   [(Decimal(str(r.value)), str(r.metricLabel)) for r in rows("metrics")],
                   {label: _evidence_sentence(graph, iri) for iri, label in inits.items()},
                   ingest.load(article).text,
                   sorted({(str(r.initiative), str(r.kind)) for r in listed if r.kind is not None}))

    def sentence(self, iri: str) -> str:
        return self.sentences.get(self.initiatives.get(iri, ""), "")


def _evidence_sentence(graph, iri: str) -> str:
    """The sentence a model was first read in, from its evidence (rk:evidence, rk:sentence, oa:exact)."""
    from rdflib import URIRef
    from kg.namespace import OA, RK

    def span(ev):
        start = graph.value(next((s for s in graph.objects(ev, OA.hasSelector) if (s, OA.start, None) in graph), ev), OA.start)
        exact = next((str(e) for s in graph.objects(ev, OA.hasSelector) for e in graph.objects(s, OA.exact)), "")
        return (int(start) if start is not None else 0, exact)
    sentences = sorted(span(graph.value(ev, RK.sentence) or ev) for ev in graph.objects(URIRef(iri), RK.evidence))
    return sentences[0][1] if sentences else ""


def score_article(annotation: dict, got: Predicted) -> dict[str, Score]:
    doc = annotation["doc"]
    gold = annotation.get("initiatives", {})
    soft_keys = set(annotation.get("initiatives_soft", []))
    hard_keys = [k for k in gold if k not in soft_keys]
    key_of = {iri: _initiative_key(label, gold, hard_keys) for iri, label in got.initiatives.items()}
    out = {r: Score() for r in RELATIONS}

    s = out["initiatives"]
    for iri, label in sorted(got.initiatives.items(), key=lambda x: x[1]):
        if key_of[iri] is None:
            s.false_hits.append((doc, label, got.sentence(iri)))
    found = {k for k in key_of.values() if k is not None and k is not SOFT}
    s.true = len(found)
    s.misses = [(doc, gold[k]["aliases"][0], _where(got.text, gold[k]["aliases"])) for k in hard_keys if k not in found]

    for rel, section, rows, same in (("ward-initiative", "ward_initiatives", got.wards, place_matches),
                                     ("initiative-agency", "initiative_agencies", got.agencies, agency_matches),
                                     ("initiative-procedure", "initiative_procedures", got.procedures, agency_matches)):
        out[rel] = _pairs(doc, annotation.get(section, {}), rows, key_of, same, got, gold, rel == "ward-initiative")
    out["metrics"] = _metrics(doc, annotation.get("metrics", {}), got.metrics)
    out["initiative-kind"] = _kinds(doc, gold, key_of, got)
    return out


def _kinds(doc, gold: dict, key_of: dict, got: Predicted) -> Score:
    """(initiative, kind) pairs of the models found: the guide's kinds (ANNOTATING.md) of the hard model a
    predicted one matched, against those its kinds map onto (ontology/kinds.ttl); models read twice that match
    one annotated model pool their kinds."""
    said: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    for iri in sorted(got.initiatives, key=lambda i: (got.initiatives[i], i)):
        key = key_of.get(iri)
        if key is not None and key is not SOFT:
            said.setdefault(key, set()).update(guide_slugs(n for i, n in got.kinds if i == iri))
            first.setdefault(key, iri)
    s = Score()
    for key, found in said.items():
        wanted = set(gold[key].get("kind", []))
        name, sentence = got.initiatives[first[key]], got.sentence(first[key])
        s.true += len(found & wanted)
        s.misses += [(doc, f"{name} — {k}", sentence) for k in sorted(wanted - found)]
        s.false_hits += [(doc, f"{name} — {k}", sentence) for k in sorted(found - wanted)]
    return s


def _initiative_key(label: str, gold: dict, hard_keys: list[str]):
    """The hard initiative a predicted label names best, SOFT if it only names a soft one, None if neither."""
    def best(keys):
        scored = [(max((name_similarity(label, a) for a in gold[k].get("aliases", [k])), default=0.0), k) for k in keys]
        top = max(scored, default=(0.0, None), key=lambda s: s[0])
        return top[1] if top[0] > 0 else None
    found = best(hard_keys)
    if found is not None:
        return found
    return SOFT if best(list(gold)) is not None else None


def _pairs(doc, section: dict, rows, key_of: dict, same, got: Predicted, gold: dict, flip: bool) -> Score:
    """(initiative, other) facts: a hard pair is found when a row names its initiative (or any, for "*")
    and an alternative of its other side. Ward facts are written (place, initiative): `flip`."""
    def read(pairs):
        return [(k, str(v).split("|")) for k, v in (((k, v) for v, k in pairs) if flip else pairs)]
    hard, soft = read(section.get("hard", [])), read(section.get("soft", []))
    s = Score()
    hit = set()

    def matching(pairs, key, value):
        return [n for n, (k, alts) in enumerate(pairs) if (k == "*" or k == key) and any(a == "*" or same(value, a) for a in alts)]
    for iri, value in rows:
        key = key_of.get(iri)
        hard_hits = matching(hard, key, value) if key is not SOFT else []
        if hard_hits:
            hit.update(hard_hits)
        elif key is not SOFT and not matching(soft, key, value):
            s.false_hits.append((doc, f"{got.initiatives.get(iri, iri)} — {value}", got.sentence(iri)))
    s.true = len(hit)
    for n, (k, alts) in enumerate(hard):
        if n not in hit:
            name = gold[k]["aliases"][0] if k in gold else k
            s.misses.append((doc, f"{name} — {alts[0]}", _where(got.text, alts)))
    return s


def _metrics(doc, section: dict, predicted: list[tuple[Decimal, str]]) -> Score:
    """Figures as multisets of values: each predicted value uses up an equal hard figure, else an equal soft one,
    else it is a false hit (marked when the annotation lists it as not a metric)."""
    hard = Counter(_value(m["value"]) for m in section.get("hard", []))
    soft = Counter(_value(m["value"]) for m in section.get("soft", []))
    never = {_value(v) for v in section.get("not_metrics", [])}
    what = {_value(m["value"]): m.get("what", "") for m in section.get("hard", [])}
    s = Score()
    for value, clause in sorted(predicted, key=lambda x: (x[0], x[1])):
        if hard[value] > 0:
            hard[value] -= 1
            s.true += 1
        elif soft[value] > 0:
            soft[value] -= 1
        else:
            s.false_hits.append((doc, f"{value}{' (listed as not a metric)' if value in never else ''}", clause))
    s.misses = [(doc, str(v), what.get(v, "")) for v in sorted(hard.elements())]
    return s


def _value(v) -> Decimal:
    try:
        return Decimal(str(v)).normalize()
    except InvalidOperation as e:
        raise InputError(f"not a number in an annotation: {v!r}") from e


def _where(text: str, aliases: list[str]) -> str:
    """The sentence (roughly: the line part) in which an alias appears, to read a miss in context."""
    low = text.casefold()
    for a in aliases:
        i = low.find(norm(a)) if norm(a) else -1
        if i >= 0:
            start = max(text.rfind(".", 0, i), text.rfind("\n", 0, i)) + 1
            ends = [e for e in (text.find(". ", i), text.find("\n", i)) if e >= 0]
            return " ".join(text[start:min(ends) if ends else len(text)].split())
    return ""


def report(result: Result, details: bool = True) -> str:
    lines = ["| relation | precision | recall | F1 | found | missed | false |", "|---|---|---|---|---|---|---|"]
    for r, s in result.scores.items():
        lines.append(f"| {r} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.true} | {len(s.misses)} "
                     f"| {len(s.false_hits)} |")
    lines.append(f"mean F1 per article: {result.mean_f1:.3f} ({len(result.per_article)} articles; "
                 f"{', '.join(r for r in result.scores if r not in IN_MEAN)} not in it)")
    if details:
        for r, s in result.scores.items():
            for kind, items in (("miss", s.misses), ("false", s.false_hits)):
                for doc, fact, sentence in items:
                    lines.append(f"{kind:5} {r}: {doc}: {fact}" + (f"\n        « {_short(sentence)} »" if sentence else ""))
    return "\n".join(lines) + "\n"


def _short(sentence: str, limit: int = 300) -> str:
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"

"""How the evaluation compares names (ANNOTATING.md): by words, not bytes.

A model's name matches an alias when both are equal after case, quotes, punctuation and a leading "mô hình"
are dropped, or when their word sets overlap strongly (Jaccard >= 0.6, or >= 90% of the shorter one's
words when it has >= 4). Agencies and procedures match by 75% word overlap, with the usual abbreviations
written out; places by their name, with or without the level word ("1" is "Phường 1"). A model's kinds are
compared as the guide's slugs, through the mapping ontology/kinds.ttl states (guide_slugs).
"""
from __future__ import annotations

import functools
import re

from kg.text import label_key as norm

_MODEL = re.compile(r"^(?:mô hình|sáng kiến)\s+")
_LEVEL = re.compile(r"^(?:phường|xã|thị trấn|p\.|x\.)\s*")
_ABBREVIATIONS = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "tthc": "thủ tục hành chính",
                  "hcc": "hành chính công", "tp": "thành phố", "bhxh": "bảo hiểm xã hội", "ttpvhcc": "trung tâm phục vụ hành chính công",
                  "cchc": "cải cách hành chính", "dvc": "dịch vụ công", "ca": "công an"}


def words(label: str) -> list[str]:
    return [w for part in norm(label).split() for w in _ABBREVIATIONS.get(part, part).split()]


def name_similarity(predicted: str, alias: str) -> float:
    """1.0 for equal names; else their word overlap (Jaccard) if it is enough to match, else 0."""
    a, b = _MODEL.sub("", norm(predicted)), _MODEL.sub("", norm(alias))
    if a == b:
        return 1.0 if a else 0.0
    x, y = set(a.split()), set(b.split())
    if not x or not y:
        return 0.0
    common = len(x & y)
    jaccard = common / len(x | y)
    shorter = min(len(x), len(y))
    return jaccard if jaccard >= 0.6 or (shorter >= 4 and common / shorter >= 0.9) else 0.0


def name_matches(predicted: str, alias: str) -> bool:
    return name_similarity(predicted, alias) > 0


def agency_matches(predicted: str, alternative: str) -> bool:
    x, y = set(words(predicted)), set(words(alternative))
    return bool(x and y) and len(x & y) / max(len(x), len(y)) >= 0.75


def place_matches(predicted: str, written: str) -> bool:
    a, b = norm(predicted), norm(written)
    return a == b or (bool(_LEVEL.sub("", a)) and _LEVEL.sub("", a) == _LEVEL.sub("", b))


@functools.lru_cache(maxsize=1)
def _guide() -> tuple[dict[str, str], dict[str, str]]:
    """(the guide slug each kind of the lexicon counts as, each kind's Vietnamese name -> its IRI), read from
    ontology/kinds.ttl: the guide's concepts carry the slug as skos:notation and match the lexicon's kinds
    (skos:exactMatch, skos:narrowMatch)."""
    from rdflib.namespace import RDF, SKOS
    from kg.lexicon import load
    from kg.namespace import RK
    lex = load()
    slug = {}
    for guide, notation in lex.graph.subject_objects(SKOS.notation):
        for p in (SKOS.exactMatch, SKOS.narrowMatch):
            for kind in lex.graph.objects(guide, p):
                slug[str(kind)] = str(notation)
    names = {str(lex.label(k)): str(k) for k in lex.graph.subjects(RDF.type, RK.InitiativeKind)}
    return slug, names


def guide_slugs(kind_names) -> set[str]:
    """The guide's kinds of a model whose kinds are named (Vietnamese prefLabels, as the `initiatives` query gives
    them). A kind the build added as broader than another of the model's is implied, not said: left out. The
    guide's "other" is the rest: said only when no other kind of the model has a counterpart."""
    from kg.lexicon import load
    from rdflib import URIRef
    slug, names = _guide()
    iris = {names[n] for n in kind_names if n in names}
    implied = {str(a) for k in iris for a in load().ancestors(URIRef(k))}
    out = {slug.get(k, "other") for k in iris - implied}
    return out - {"other"} if out - {"other"} else out

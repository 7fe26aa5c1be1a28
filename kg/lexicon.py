"""The SKOS lexicons in ontology/, read once into matchers the recognizers use.

Adding a procedure, a kind or an agency type is a data edit in ontology/*.ttl; nothing here names one.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.namespace import RK
from kg.resources import ontology_files
from kg.text import lowered, words


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    concept: URIRef


class TermMatcher:
    """Finds every label of a set of concepts in a text: longest label first, whole words only.

    Labels are matched case-insensitively, except all-capital abbreviations (UBND, CA, SMS), which must
    be written as they are so that "ca" in a word like "ca sĩ" is not read as the police. The case-insensitive
    labels are matched case-sensitively on the text's one lower-cased copy (kg.text.lowered, as long as the
    text), made once per text for every matcher (Python's `re` is several times slower on case-insensitive
    alternations).
    """

    def __init__(self, labels: dict[str, URIRef]):
        self.labels = labels
        ordered = sorted(labels, key=lambda s: (-len(s), s))
        folded = [_pattern(lab.lower()) for lab in ordered if not _is_abbreviation(lab)]
        exact = [_pattern(lab) for lab in ordered if _is_abbreviation(lab)]
        self._folded = _whole_words("|".join(folded)) if folded else None
        self._exact = _whole_words("|".join(exact)) if exact else None
        self._lookup = {lab.lower(): c for lab, c in labels.items()}
        firsts = [_FIRST_WORD.match(lab.lower()) for lab in labels]
        self._firsts = frozenset(m.group() for m in firsts) if all(firsts) else None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """Hits in text order, none overlapping: at each point the leftmost label, a case-insensitive one
        before an abbreviation that starts at the same place (one alternation would choose the same)."""
        if self._folded is None and self._exact is None:
            return
        end = len(text) if end is None else end
        low = lowered(text)
        if self._firsts is not None and end == len(text):
            yield from self._by_words(text, low, start, end)
            return
        pos, nxt = start, {}
        while True:
            best = None
            for key, regex, on in (("f", self._folded, low), ("e", self._exact, text)):
                if regex is None:
                    continue
                m = nxt.get(key, False)
                if m is False or (m is not None and m.start() < pos):
                    m = nxt[key] = regex.search(on, pos, end)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield self._hit(best)
            pos = best.end() if best.end() > best.start() else best.end() + 1

    def _by_words(self, text: str, low: str, start: int, end: int):
        """The same hits, found faster: a label can only start where its first word (or mark) does, and the
        text's words are listed once per sentence for every lexicon (kg.text.words), so the patterns are tried
        only where a label's first word is, instead of scanning the text once per lexicon."""
        present = self._firsts.intersection(words(low))
        pos = start
        for s in sorted(i for w in present for i in _occurrences(low, w)):
            if s < pos:
                continue
            m = (self._folded is not None and self._folded.match(low, s, end)) or \
                (self._exact is not None and self._exact.match(text, s, end))
            if m:
                yield self._hit(m)
                pos = m.end()

    def match_at(self, text: str, pos: int) -> Hit | None:
        m = (self._folded.match(lowered(text), pos) if self._folded is not None else None) or \
            (self._exact.match(text, pos) if self._exact is not None else None)
        return self._hit(m) if m else None

    def _hit(self, m: re.Match) -> Hit:
        return Hit(m.start(), m.end(), self._lookup[_norm_space(m.group()).lower()])

    def fullmatch(self, text: str) -> URIRef | None:
        return self._lookup.get(_norm_space(text.strip()).lower())


_FIRST_WORD = re.compile(r"\w+|[^\w\s]")     # as kg.text.words cuts a text


def _occurrences(text: str, word: str):
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _whole_words(alternation: str) -> re.Pattern:
    return re.compile(r"(?<![\w/-])(?:" + alternation + r")(?!\w)")


def _is_abbreviation(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(label) <= 6


def _pattern(label: str) -> str:
    return r"\s+".join(re.escape(w) for w in label.split())


def _norm_space(s: str) -> str:
    return " ".join(s.split())


@dataclass
class Lexicon:
    graph: Graph
    kinds: TermMatcher
    fields: TermMatcher
    procedures: TermMatcher
    agency_types: TermMatcher
    units: TermMatcher
    qualifiers: TermMatcher
    levels: TermMatcher
    known_places: TermMatcher
    companies: frozenset = frozenset()    # agency types named by a proper name, not a place (at:companies)
    broader: dict[URIRef, list[URIRef]] = field(default_factory=dict)
    procedure_groups: dict[URIRef, URIRef] = field(default_factory=dict)   # field -> the procedures of that field
    _about: dict = field(default_factory=dict)
    _labels: dict = field(default_factory=dict)

    def about(self, subject: URIRef) -> list[tuple]:
        """Every lexicon triple with this subject (indexed once)."""
        if not self._about:
            for t in self.graph:
                self._about.setdefault(t[0], []).append(t)
        return self._about.get(subject, [])

    def label(self, concept: URIRef, lang: str = "vi") -> str:
        """The concept's preferred label in `lang` (remembered: the lexicon does not change once loaded)."""
        key = (concept, lang)
        if key not in self._labels:
            self._labels[key] = self._label(concept, lang)
        return self._labels[key]

    def _label(self, concept: URIRef, lang: str) -> str:
        for p in (SKOS.prefLabel, RDFS.label):
            for o in sorted(self.graph.objects(concept, p)):
                if isinstance(o, Literal) and o.language == lang:
                    return str(o)
        return str(concept).rsplit("/", 1)[-1]

    def value(self, subject: URIRef, predicate: URIRef):
        return self.graph.value(subject, predicate)

    def ancestors(self, concept: URIRef) -> list[URIRef]:
        out, todo = [], list(self.broader.get(concept, []))
        while todo:
            c = todo.pop(0)
            if c not in out:
                out.append(c)
                todo.extend(self.broader.get(c, []))
        return out


def _vi_labels(g: Graph, subjects, predicates=(SKOS.prefLabel, SKOS.altLabel)) -> dict[str, URIRef]:
    """Every Vietnamese label of the given subjects, each pointing at its subject (first one wins)."""
    out: dict[str, URIRef] = {}
    for subject in sorted(set(subjects)):
        for p in predicates:
            for lab in sorted(g.objects(subject, p)):
                if isinstance(lab, Literal) and lab.language == "vi":
                    out.setdefault(_norm_space(str(lab)), subject)
    return out


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    ids = "https://w3id.org/reform-kg/id/"
    broader: dict[URIRef, list[URIRef]] = {}
    for s, o in sorted(g.subject_objects(SKOS.broader)):
        broader.setdefault(s, []).append(o)
    groups = set(g.subjects(SKOS.inScheme, URIRef(ids + "procedure/groups")))
    return Lexicon(
        graph=g,
        kinds=TermMatcher(_vi_labels(g, g.subjects(RDF.type, RK.InitiativeKind))),
        fields=TermMatcher(_vi_labels(g, g.subjects(RDF.type, RK.ServiceField))),
        procedures=TermMatcher(_vi_labels(g, set(g.subjects(RDF.type, RK.Procedure)) - groups)),
        agency_types=TermMatcher(_vi_labels(g, g.subjects(RDF.type, RK.AgencyType))),
        units=TermMatcher(_vi_labels(g, g.subjects(RDF.type, RK.Unit))),
        qualifiers=TermMatcher(_vi_labels(g, g.subjects(RDF.type, RK.Qualifier))),
        levels=TermMatcher(_vi_labels(g, g.subjects(SKOS.inScheme, URIRef(ids + "place-level/scheme")))),
        known_places=TermMatcher(_vi_labels(g, (s for c in (RK.AdministrativeArea, RK.Province, RK.City, RK.District)
                                                for s in g.subjects(RDF.type, c)), (RDFS.label, SKOS.altLabel))),
        companies=frozenset(g.subjects(SKOS.inScheme, URIRef(ids + "agency-type/companies"))),
        broader=broader,
        procedure_groups={g.value(c, RK.field): c for c in sorted(groups)},
    )

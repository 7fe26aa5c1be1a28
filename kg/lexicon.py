"""The SKOS lexicons in ontology/, read once into matchers the recognizers use.

Adding a procedure, a kind or an agency type is a data edit in ontology/*.ttl; nothing here names one.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ahocorasick_rs import AhoCorasick
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.namespace import RK
from kg.resources import ontology_files
from kg.text import lowered, per_sentence, single_spaced


class Hit(NamedTuple):
    start: int
    end: int
    concept: URIRef


class TermMatcher:
    """Finds every label of a set of concepts in a text: longest label first, whole words only.

    Labels are matched case-insensitively, except all-capital abbreviations (UBND, CA, SMS), which must
    be written as they are so that "ca" in a word like "ca sĩ" is not read as the police. The case-insensitive
    labels are looked for in the text's one lower-cased copy (kg.text.lowered, as long as the text).

    Every label of a text is found by one Aho-Corasick automaton (ahocorasick_rs: one pass in compiled code over the
    text for all labels, where a regular expression per first word cost a Python step at each place a label's first
    word was); then whole words are kept, and at each place the longest label. The lexicons every sentence is read
    with share one automaton (read_together). The hits are those of the labels' one alternation scanned over the
    text (tests/test_normalize.py).
    """

    def __init__(self, labels: dict[str, URIRef]):
        self.labels = labels
        self._lookup = {_norm_space(lab).lower(): c for lab, c in labels.items()}
        self._index = (_Index((self,)), 0)      # the automaton it is read with, and its place there

    def finditer(self, text: str, start: int = 0):
        """Hits in text order from `start` on, none overlapping: at each place the longest label, a case-insensitive one
        before an abbreviation that starts at the same place (the labels' one alternation would choose the same)."""
        index, k = self._index
        at, out, end = _read(index, text)[k], [], start
        if not at:
            return iter(out)            # (most lexicons in most sentences)
        for start in sorted(at):
            if start >= end:
                hit = at[start]
                out.append(hit)
                end = hit[1]
        return iter(out)

    def match_at(self, text: str, pos: int) -> Hit | None:
        index, k = self._index
        return _read(index, text)[k].get(pos)

    def fullmatch(self, text: str) -> URIRef | None:
        return self._lookup.get(_norm_space(text.strip()).lower())


class _Index:
    """The labels of one matcher or several read together, in one automaton over the lower-cased copy: each label (an
    abbreviation lower case too, and checked as written where it is found) with the matchers it is a label of, its
    concept in each, and how an abbreviation is written."""

    def __init__(self, matchers: tuple[TermMatcher, ...]):
        self.size = len(matchers)
        labels: dict[str, dict[tuple[int, str | None], URIRef]] = {}
        for k, m in enumerate(matchers):
            for lab in m.labels:
                written = _norm_space(lab)
                concept = m._lookup[written.lower()]        # (the matched text, lower case, is the label's key)
                if _is_abbreviation(lab):
                    labels.setdefault(lowered(written), {})[k, written] = concept
                else:
                    labels.setdefault(written.lower(), {})[k, None] = concept
        keys = sorted(labels)
        # find(text) gives (label's number, start, end) wherever a label is, words or not, overlapping ones too
        self.find = AhoCorasick(keys).find_matches_as_indexes if keys else lambda *_, **__: []
        # for each label: (matcher, concept) where it is case-insensitive; (matcher, concept, as written) where an
        # abbreviation
        self.folded = [tuple((k, c) for (k, written), c in labels[key].items() if written is None) for key in keys]
        self.exact = [tuple((k, c, written) for (k, written), c in labels[key].items() if written) for key in keys]


def read_together(matchers: tuple[TermMatcher, ...]) -> None:
    """Have these matchers read a text with one automaton, when the first of them is asked about it: each sentence is
    read by all of them."""
    together = _Index(matchers)
    for k, m in enumerate(matchers):
        m._index = (together, k)


@per_sentence
def _read(index: _Index, text: str) -> list[dict[int, Hit]]:
    """For each matcher of the index, its hit at each place of the text where one of its labels is a whole word (the
    longest there; a case-insensitive label before an abbreviation)."""
    low = lowered(text)
    shift = None
    if not single_spaced(low):              # a label's words may stand apart by any white space: read them one apart
        low, text, shift = _one_spaced(low, text)
    out: list[dict[int, Hit]] = [{} for _ in range(index.size)]
    exact: list[tuple[int, int, int, URIRef]] = []
    folded, written, n = index.folded, index.exact, len(low)
    for i, start, end in index.find(low, overlapping=True):
        if start and ((c := low[start - 1]).isalnum() or c in "_/-") or end < n and ((c := low[end]).isalnum() or c == "_"):
            continue                        # not whole words: (?<![\w/-]) before, (?!\w) after
        for k, concept in folded[i]:
            at = out[k]
            hit = at.get(start)
            if hit is None or hit[1] < end:
                at[start] = _new_hit(Hit, (start, end, concept))
        if written[i]:
            exact += [(k, start, end, concept) for k, concept, label in written[i] if text.startswith(label, start)]
    for k, start, end, concept in sorted(exact, key=lambda x: x[2] - x[1], reverse=True):
        out[k].setdefault(start, _new_hit(Hit, (start, end, concept)))    # the longest abbreviation where no case-
    if shift is not None:                                                # insensitive label starts
        out = [{s + shift[s]: _new_hit(Hit, (s + shift[s], h[1] + shift[h[1]], h[2])) for s, h in at.items()} for at in out]
    return out


_ODD_SPACE = re.compile(r"[^\S ]\s*|  \s*")      # white space that is not one space, from its first odd character on


def _one_spaced(low: str, text: str) -> tuple[str, str, list[int]]:
    """The lower-cased copy and the text with each run of white space one space, and for each place of them how far
    it is from the same place in the text (a label's start or end, never inside a run)."""
    runs = []
    for m in _ODD_SPACE.finditer(low):
        start = m.start() - (m.start() > 0 and low[m.start() - 1] == " ")      # (the one space before a tab)
        runs.append((start, m.end()))
    cuts = [0, *(i for run in runs for i in run), len(low)]
    low_parts, text_parts = [low[a:b] for a, b in zip(cuts[::2], cuts[1::2])], [text[a:b] for a, b in zip(cuts[::2], cuts[1::2])]
    grows, shift = [0] * (len(low) + 1), 0      # how much further the text is after each run
    for start, end in runs:
        grows[start - shift + 1] += end - start - 1
        shift += end - start - 1
    return " ".join(low_parts), " ".join(text_parts), list(itertools.accumulate(grows))


_new_hit = tuple.__new__            # a Hit made without the Python call of its __new__ (hundreds per article)


def _is_abbreviation(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(label) <= 6


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
    _values: dict = field(default_factory=dict)
    _ancestors: dict = field(default_factory=dict)

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
        """The one object of (subject, predicate), remembered: a figure asks its unit's properties each time."""
        key = (subject, predicate)
        if key not in self._values:
            self._values[key] = self.graph.value(subject, predicate)
        return self._values[key]

    def ancestors(self, concept: URIRef) -> tuple[URIRef, ...]:
        """Every concept this one is narrower than, nearest first (remembered: every model's kinds ask)."""
        if concept not in self._ancestors:
            out, todo = [], list(self.broader.get(concept, []))
            while todo:
                c = todo.pop(0)
                if c not in out:
                    out.append(c)
                    todo.extend(self.broader.get(c, []))
            self._ancestors[concept] = tuple(out)
        return self._ancestors[concept]


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
    lex = Lexicon(
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
    # the lexicons the recognizers read every sentence with (kg.recognize: places, agencies, procedures, fields, kinds)
    read_together((lex.known_places, lex.agency_types, lex.procedures, lex.fields, lex.kinds, lex.units))
    return lex

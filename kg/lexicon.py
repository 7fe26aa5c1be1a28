"""The SKOS lexicons in ontology/, read once into matchers the recognizers use.

Adding a procedure, a kind or an agency type is a data edit in ontology/*.ttl; nothing here names one.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.namespace import RK
from kg.resources import ontology_files
from kg.scan import word_starts
from kg.text import first_word, lowered, per_sentence, single_spaced, word_at


class Hit(NamedTuple):
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

    A label can only start where its first word (or mark) does, so the labels are grouped by their first word,
    one small pattern per word, tried only where that word is: a sentence's words are listed once for every
    lexicon, and where each is, once (kg.scan.word_starts). The lexicons every sentence is read with are read
    together (read_together): one look-up of its words and one loop over its places for all of them. The hits are
    those of the labels' one alternation scanned over the text (tests/test_normalize.py).
    """

    def __init__(self, labels: dict[str, URIRef]):
        self.labels = labels
        groups: dict[str, tuple[list[str], list[str]]] = {}
        for lab in sorted(labels, key=lambda s: (-len(s), s)):
            abbreviation = _is_abbreviation(lab)
            groups.setdefault(first_word(lab), ([], []))[abbreviation].append(lab if abbreviation else lab.lower())
        # per first word: the pattern of its case-insensitive labels (on the lower-cased copy), then of its
        # abbreviations (on the text as written), each longest first; and the case-insensitive labels as they are
        # written, one of which a text with single spaces holds where one matches
        self._by_first = {w: (*(_whole_words("|".join(map(_pattern, p))).match if p else None for p in pair),
                              tuple(" ".join(lab.split()) for lab in pair[0])) for w, pair in groups.items()}
        self.first_words = frozenset(groups)      # (lower case) where a label can start
        # in a text with single spaces, a first word with no abbreviation is looked for by the beginning its labels
        # share ("một cửa" for "một cửa" and "một cửa liên thông"): found at far fewer places than the word alone
        self._needles = {w: shared for w, (_, exact, written) in self._by_first.items()
                         if exact is None and (shared := os.path.commonprefix(written)) != w}
        self._by_first.update({shared: self._by_first[w] for w, shared in self._needles.items()})
        self._starts = tuple(sorted(groups))
        self._lookup = {lab.lower(): c for lab, c in labels.items()}
        self._own = _Pass((self,))
        self._together: tuple[_Pass, int] | None = None       # the pass it is read in with others, and its place there

    def finditer(self, text: str, start: int = 0):
        """Hits in text order, none overlapping: at each point the longest label, a case-insensitive one before an
        abbreviation that starts at the same place (the labels' one alternation would choose the same). A whole
        text is read once for every matcher this one is read with (`read_together`)."""
        if start == 0 and self._together is not None:
            together, k = self._together
            return iter(_read_together(together, text)[k])
        low = lowered(text)
        return iter(self._own.hits(text, low, self._own.places(low), start)[0])

    def match_at(self, text: str, pos: int) -> Hit | None:
        low = lowered(text)
        if not low.startswith(self._starts, pos):
            return None                 # no first word of a label is there (one test of them all, most places)
        first = word_at(low, pos)
        hits = self._own.hits(text, low, [(pos, first)], pos)[0] if first else None
        return hits[0] if hits else None

    def fullmatch(self, text: str) -> URIRef | None:
        return self._lookup.get(_norm_space(text.strip()).lower())


class _Pass:
    """One pass over a text for one matcher or several read together: the places where a label of any of them can
    start (their first words', looked up once), and at each, the patterns of each matcher that starts a label there.
    Each sentence is read by several lexicons: read together, they share one look-up of the sentence's words and
    one loop over its places, not one each."""

    def __init__(self, matchers: tuple[TermMatcher, ...]):
        self.size = len(matchers)
        self.first_words = frozenset().union(*(m.first_words for m in matchers))
        # a word is looked for by the beginning its labels share where every matcher agrees on one
        shared = {w: {m._needles.get(w, w) for m in matchers if w in m.first_words} for w in self.first_words}
        self.needles = {w: n for w, (n, *more) in shared.items() if not more and n != w}
        entries: dict[str, list[tuple]] = {}
        for k, m in enumerate(matchers):
            for w, (folded, exact, written) in m._by_first.items():
                entries.setdefault(w, []).append((k, folded, exact, written, m._lookup))
        self.entries = {w: tuple(e) for w, e in entries.items()}

    def places(self, low: str) -> list[tuple[int, str]]:
        return word_starts(low, self.first_words, self.needles if single_spaced(low) else None)

    def hits(self, text: str, low: str, places: list[tuple[int, str]], start: int = 0) -> list[list[Hit]]:
        """Each matcher's hits: the longest label at each place (with the word there) from start on, none overlapping.
        In a text with single spaces, a case-insensitive label's pattern is tried only where the text starts with one
        (most words a label starts with start none there)."""
        spaced, entries = single_spaced(low), self.entries
        out: list[list[Hit]] = [[]] if self.size == 1 else [[] for _ in range(self.size)]    # (most calls: one)
        pos = [start] * self.size
        for at, first in places:
            for k, folded, exact, written, lookup in entries.get(first, ()):
                if at < pos[k] or (folded is None or spaced and not low.startswith(written, at)
                                   or (m := folded(low, at)) is None) and (exact is None or (m := exact(text, at)) is None):
                    continue
                said = m.group()    # as a label is written, most often: a case-insensitive one is found lower case
                concept = lookup.get(said)
                pos[k] = m.end()
                out[k].append(_new_hit(Hit, (at, m.end(), concept if concept is not None
                                             else lookup[_norm_space(said).lower()])))
        return out


def read_together(matchers: tuple[TermMatcher, ...]) -> None:
    """Have these matchers read a whole text in one pass, when the first of them is asked about it: each sentence is
    read by all of them."""
    together = _Pass(matchers)
    for k, m in enumerate(matchers):
        m._together = (together, k)


@per_sentence
def _read_together(together: _Pass, text: str) -> list[list[Hit]]:
    low = lowered(text)
    return together.hits(text, low, together.places(low))


_new_hit = tuple.__new__            # a Hit made without the Python call of its __new__ (hundreds per article)


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
    read_together((lex.known_places, lex.agency_types, lex.procedures, lex.fields, lex.kinds))
    return lex

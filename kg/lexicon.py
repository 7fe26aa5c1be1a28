"""The SKOS lexicons in ontology/, read once into matchers the recognizers use.

Adding a procedure, a kind or an agency type is a data edit in ontology/*.ttl; nothing here names one.
"""
from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate
from dataclasses import dataclass, field
from typing import NamedTuple

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.namespace import RK
from kg.resources import ontology_files
from kg.text import lowered, per_text, pieces


class Hit(NamedTuple):
    start: int
    end: int
    concept: URIRef


class TermMatcher:
    """Finds every label of a set of concepts in a text: longest label first, whole words only.

    Labels are matched case-insensitively, except all-capital abbreviations (UBND, CA, SMS), which must
    be written as they are so that "ca" in a word like "ca sĩ" is not read as the police. The hits are those of
    the labels' one alternation scanned over the text (case-insensitive labels on its lower-cased copy,
    kg.text.lowered; tests/test_normalize.py), found by the one pass over the text's words that finds every
    lexicon's (LabelIndex).
    """

    def __init__(self, labels: dict[str, URIRef]):
        self.labels = labels
        self._lookup = {lab.lower(): c for lab, c in labels.items()}
        self._index: LabelIndex | None = None
        self._k = 0

    def finditer(self, text: str, start: int = 0):
        """Hits in text order, none overlapping: at each point the longest label, a case-insensitive one before an
        abbreviation that starts at the same place (the labels' one alternation would choose the same)."""
        pos = start
        for s, hit in _hits(self.index(), text)[self._k].items():
            if s >= pos:
                yield hit
                pos = hit.end

    def match_at(self, text: str, pos: int) -> Hit | None:
        index = self.index()
        return _hits(index, text)[self._k].get(pos) if index.whole else index.at(text, pos, self._k)

    def index(self) -> LabelIndex:
        return self._index or LabelIndex([self])

    def fullmatch(self, text: str) -> URIRef | None:
        return self._lookup.get(_norm_space(text.strip()).lower())


_SPACES = re.compile(r"\s+")


class LabelIndex:
    """Every label of several lexicons in one trie keyed by its pieces (kg.text.pieces of the label in lower case:
    a word or a mark with the white space before it, read as one space). A text's pieces are read once for all of
    them (`whole`: every hit of a text found in one pass, for lexicons whose every label is looked for; else only
    at the places asked, for a lexicon looked for after something else, as units after a number)."""

    def __init__(self, matchers: list[TermMatcher], whole: bool = True):
        self.size, self.whole = len(matchers), whole
        self.root: dict = {}
        for k, matcher in enumerate(matchers):
            matcher._index, matcher._k = self, k
            for lab in matcher.labels:
                node = self.root
                for key in pieces(_norm_space(lab.lower())):
                    node = node.setdefault(key, {})
                node.setdefault(None, []).append((k, matcher._lookup[lab.lower()], lab if _is_abbreviation(lab) else None))
        for key, child in list(self.root.items()):
            _close(child, [key], [])
            self.root[" " + key] = child                # the first word after white space

    def scan(self, text: str) -> list[dict[int, Hit]]:
        """Each lexicon's hits in the text by where they start: at every piece that starts a label."""
        keys, offsets = _layout(text)
        found: list[dict[int, Hit]] = [{} for _ in range(self.size)]
        root = self.root
        for i in [i for i, key in enumerate(keys) if key in root]:
            if stop := _walk(root, keys, i):
                _record(found, text, offsets, i, *stop)
        return found

    def at(self, text: str, pos: int, k: int) -> Hit | None:
        """Lexicon k's hit that starts at pos, if one does (the piece there alone is read)."""
        keys, offsets = _layout(text)
        i = bisect.bisect_right(offsets, pos) - 1
        if i >= len(keys) or offsets[i + 1] - len(keys[i].lstrip()) != pos or keys[i] not in self.root:
            return None
        stop = _walk(self.root, keys, i)
        found: list[dict[int, Hit]] = [{} for _ in range(self.size)]
        if stop:
            _record(found, text, offsets, i, *stop)
        return found[k].get(pos)


@per_text()
def _layout(text: str) -> tuple[list[str], list[int]]:
    """A text's pieces (lower case, their white space as one space) and where each ends (after a 0)."""
    low = lowered(text)
    cut = pieces(low)
    odd = "  " in low or not low.isprintable()          # white space but single spaces is not printable
    return pieces(_SPACES.sub(" ", low)) if odd else cut, [0, *accumulate(map(len, cut))]


_JOINING = frozenset("/-")


def _walk(root: dict, keys: list[str], i: int) -> tuple[int, tuple] | None:
    """(index of its last piece, what ends there) for the longest label that starts at piece i (a piece in the root),
    if one does: after white space, or after a mark but '/' and '-'; one that ends in a mark only where no word
    character follows."""
    key = keys[i]
    if key[0] != " " and i and ((c := keys[i - 1][-1]) in _JOINING or c.isalnum() or c == "_"):
        return None                                     # inside a word, or right after '/' or '-'
    node, j, n, stops = root[key], i, len(keys), []
    while True:
        if None in node:
            stops.append((j, node[None]))
        j += 1
        if j == n or (node := node.get(keys[j])) is None:
            break
    for j, ends in reversed(stops):
        if ends[0] or j + 1 == n or not _is_word(keys[j + 1]):
            return j, ends
    return None


def _close(node: dict, path: list[str], above: list) -> None:
    """What ends at each label's end in the trie: whether its last piece is a word, for each lexicon its longest
    case-insensitive label on the way there (folded: (lexicon, index of its last piece, concept)), and the
    abbreviations of the lexicons with none (written: (lexicon, index, label, concept), longest first). `above`:
    the labels that end higher on this path, (index, entries), where a text may hold them (not one that ends in a
    mark right before a word)."""
    word_end = _is_word(path[-1].lstrip())
    if None in node:
        here = above + [(len(path) - 1, node[None])]
        folded: dict[int, tuple] = {}
        written: list[tuple] = []
        for index, entries in reversed(here):
            for k, concept, abbreviation in entries:
                if abbreviation is None:
                    folded.setdefault(k, (k, index, concept))
                else:
                    written.append((k, index, abbreviation, concept))
        node[None] = (word_end, tuple(folded.values()), tuple(w for w in written if w[0] not in folded))
    for key, child in node.items():
        if key is not None:
            _close(child, path + [key], here if None in node and (word_end or not _is_word(key)) else above)


_new_hit = tuple.__new__            # a Hit made without the Python call of its __new__ (a few hundred per article)


def _record(found: list[dict[int, Hit]], text: str, offsets: list[int], i: int, j: int, ends: tuple) -> None:
    """The hits of the labels `ends` holds, which start at piece i and end at piece j or before."""
    _, folded, written = ends
    start = offsets[i + 1] - len(text[offsets[i]:offsets[i + 1]].lstrip())
    for k, index, concept in folded:
        found[k][start] = _new_hit(Hit, (start, offsets[i + index + 1], concept))
    for k, index, abbreviation, concept in written:
        if start not in found[k] and _as_written(text, start, offsets[i + index + 1], abbreviation):
            found[k][start] = _new_hit(Hit, (start, offsets[i + index + 1], concept))


def _is_word(piece: str) -> bool:
    return piece[0].isalnum() or piece[0] == "_"


def _as_written(text: str, start: int, end: int, abbreviation: str) -> bool:
    said = text[start:end]
    return said == abbreviation or " ".join(said.split()) == abbreviation


@per_text()
def _hits(index: LabelIndex, text: str) -> list[dict[int, Hit]]:
    """Every lexicon's hits in a text, remembered for the last texts: every recognizer reads the same sentence."""
    return index.scan(text)


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
    lexicon = Lexicon(
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
    LabelIndex([lexicon.kinds, lexicon.fields, lexicon.procedures, lexicon.agency_types, lexicon.known_places])
    LabelIndex([lexicon.units], whole=False)            # looked for after a number only
    return lexicon

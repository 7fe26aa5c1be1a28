"""The lexicon's description of a concept (or a known place), as N-Triples lines written once per process.

A concept is copied with what it is broader than, its scheme and its field, and theirs in turn; a place
with its own triples only. The lexicon does not change once loaded, so each concept's lines are kept, sorted
(rdflib's graph yields triples in no fixed order; a fragment's lines come in the order they were written).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.emit.ntriples import nt
from kg.emit.sink import Lines

if TYPE_CHECKING:
    from kg.lexicon import Lexicon

_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_FOLLOWED = ("http://www.w3.org/2004/02/skos/core#broader", "http://www.w3.org/2004/02/skos/core#inScheme",
             "https://w3id.org/reform-kg/ontology#field")


class LexiconLines:
    _of: dict[int, "LexiconLines"] = {}

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._own: dict[str, tuple[dict[str, None], dict[str, None], tuple[str, ...]]] = {}
        self._closure: dict[str, tuple[dict[str, None], dict[str, None]]] = {}

    @classmethod
    def of(cls, lexicon: Lexicon) -> "LexiconLines":
        found = cls._of.get(id(lexicon))
        if found is None or found.lexicon is not lexicon:
            found = cls._of[id(lexicon)] = cls(lexicon)
        return found

    def copy(self, out: Lines, subject: str, closure: bool = True) -> str:
        """Write the lexicon's triples about `subject` (and, with `closure`, about what they point on to)
        into `out`; return the subject as an N-Triples IRI."""
        lines, labels = self._closure_of(subject) if closure else self.own(subject)[:2]
        out.lines.update(lines)
        out.labels.update(labels)
        return f"<{subject}>"           # (iri(subject))

    def own(self, subject: str) -> tuple[dict[str, None], dict[str, None], tuple[str, ...]]:
        """(lines, label records, the objects a concept's copy follows) of the subject's own triples; lines and
        records as Lines keeps them (dicts), sorted."""
        found = self._own.get(subject)
        if found is None:
            from rdflib import Literal, URIRef
            lines, labels, followed = [], [], []
            for s, p, o in self.lexicon.about(URIRef(subject)):
                if str(p) == _LABEL and isinstance(o, Literal):
                    labels.append(f"{nt(s)}\t{o.language or ''}\t{nt(o)}\n")
                else:
                    lines.append(f"{nt(s)} {nt(p)} {nt(o)} .\n")
                if str(p) in _FOLLOWED:
                    followed.append(str(o))
            found = self._own[subject] = (dict.fromkeys(sorted(lines)), dict.fromkeys(sorted(labels)),
                                          tuple(sorted(followed)))
        return found

    def _closure_of(self, subject: str) -> tuple[dict[str, None], dict[str, None]]:
        found = self._closure.get(subject)
        if found is None:
            lines, labels, seen, todo = {}, {}, set(), [subject]
            while todo:
                s = todo.pop()
                if s in seen:
                    continue
                seen.add(s)
                own_lines, own_labels, followed = self.own(s)
                lines.update(own_lines)
                labels.update(own_labels)
                todo += followed
            found = self._closure[subject] = (lines, labels)
        return found

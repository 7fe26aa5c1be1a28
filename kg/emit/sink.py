"""Where emit puts triples: a plain set, written out as canonical N-Triples lines.

Building a graph never queries it, so rdflib's indexed store (about 25 µs a triple) is not needed while
extracting; documents become sorted, de-duplicated N-Triples fragments that merge and cache cheaply.

Names are kept apart from the other triples: an `rdfs:label` is a candidate until the corpus is merged,
because two documents may spell one entity differently ("Một cửa liên thông", "một cửa liên thông"). The
merge (kg.corpus) chooses one label per entity and language for every build, the library's and the CLI's,
and writes the others as `skos:altLabel`.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDFS, BNode, Literal, URIRef

_LABEL = RDFS.label


@dataclass(frozen=True)
class Fragment:
    """One document's graph: sorted N-Triples lines without the labels, and sorted label candidates as
    `subject<TAB>language<TAB>literal` records (N-Triples terms)."""
    lines: list[str]
    labels: list[str]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class Triples:
    def __init__(self):
        self.triples: set[tuple] = set()
        self._subjects: set = set()

    def add(self, triple: tuple) -> None:
        self.triples.add(triple)
        self._subjects.add(triple[0])

    def fragment(self) -> Fragment:
        """Sorted, de-duplicated N-Triples: the same triples always give the same bytes."""
        written: dict = {}     # a term's N-Triples form, computed once (predicates and subjects repeat)

        def term(t) -> str:
            n = written.get(t)
            if n is None:
                n = written[t] = nt(t)
            return n
        lines, labels = set(), set()
        for s, p, o in self.triples:
            if p == _LABEL and isinstance(o, Literal):
                labels.add(f"{term(s)}\t{o.language or ''}\t{term(o)}\n")
            else:
                lines.add(f"{term(s)} {term(p)} {term(o)} .\n")
        return Fragment(sorted(lines), sorted(labels))

    def __contains__(self, triple: tuple) -> bool:
        s, p, o = triple
        if p is None and o is None:
            return s in self._subjects
        return triple in self.triples

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self):
        return iter(self.triples)


def nt(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        raise ValueError("reform-kg names every node; a blank node here is a bug")
    raise TypeError(f"not an RDF term: {term!r}")

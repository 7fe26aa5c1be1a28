"""Where emit puts triples: N-Triples lines, a plain set, written out sorted.

Building a graph never queries it, so no store and no term objects are needed while extracting: documents
become sorted, de-duplicated N-Triples fragments that merge and cache cheaply.

Names are kept apart from the other triples: an `rdfs:label` is a candidate until the corpus is merged,
because two documents may spell one entity differently ("Một cửa liên thông", "một cửa liên thông"). The
merge (kg.corpus) chooses one label per entity and language for every build, the library's and the CLI's,
and writes the others as `skos:altLabel`.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.emit.ntriples import literal, nt

__all__ = ["Fragment", "Lines", "nt"]


@dataclass(frozen=True)
class Fragment:
    """One document's graph: sorted N-Triples lines without the labels, and sorted label candidates as
    `subject<TAB>language<TAB>literal` records (N-Triples terms)."""
    lines: list[str]
    labels: list[str]


class Lines:
    """A document's triples as N-Triples lines; subject, predicate and object come written (kg.emit.ntriples)."""

    def __init__(self):
        self.lines: set[str] = set()
        self.labels: set[str] = set()

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.add(f"{s} {p} {o} .\n")

    def label(self, s: str, text: str, lang: str = "") -> None:
        """An rdfs:label candidate of `s` (kg.corpus chooses one per entity and language)."""
        self.labels.add(f"{s}\t{lang}\t{literal(text, lang)}\n")

    def fragment(self) -> Fragment:
        """Sorted, de-duplicated: the same triples always give the same bytes."""
        return Fragment(sorted(self.lines), sorted(self.labels))

"""Where emit puts triples: N-Triples lines, each once, in the order they were written.

Building a graph never queries it, so no store and no term objects are needed while extracting: documents
become de-duplicated N-Triples fragments that merge and cache cheaply. A fragment is not sorted: the build's
sorted runs (kg.runs) sort every document's lines together, once; its order is the order emit wrote the lines
in (those that may be written twice, then those written once by construction), which depends on the document
only (no set's order), so a cached fragment has the same bytes every time.

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
    """One document's graph: N-Triples lines without the labels, and label candidates as
    `subject<TAB>language<TAB>literal` records (N-Triples terms); each once, in the order of Lines.fragment."""
    lines: list[str]
    labels: list[str]


class Lines:
    """A document's triples as N-Triples lines; subject, predicate and object come written (kg.emit.ntriples).
    A line that may be written twice goes into a dict, which keeps it once; a line written once by construction
    (an evidence span's, a statement's: each has a subject of its own, written once) into a list, which saves
    hashing it (the District 4 article: 1,285 of its 2,541 lines)."""

    def __init__(self):
        self.lines: dict[str, None] = {}          # a dict: each line once, in the order written
        self.once: list[str] = []                 # lines their writer writes once, in the order written
        self.labels: dict[str, None] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o} .\n"] = None

    def label(self, s: str, text: str, lang: str = "") -> None:
        """An rdfs:label candidate of `s` (kg.corpus chooses one per entity and language)."""
        self.labels[f"{s}\t{lang}\t{literal(text, lang)}\n"] = None

    def merge(self, other: "Lines") -> None:
        """Every line and label candidate `other` holds (lines written once by construction aside: it has none)."""
        self.lines.update(other.lines)
        self.labels.update(other.labels)

    def fragment(self) -> Fragment:
        """De-duplicated, in the order written (the dict's lines, then the others): the same document always gives
        the same bytes."""
        return Fragment([*self.lines, *self.once], list(self.labels))

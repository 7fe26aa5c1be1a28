"""Evidence triples: where in which document a fact was read.

An entity (initiative, metric, time reduction) points with rk:evidence to the exact span of its mention;
every relation is also an rdf:Statement (rdflib has no RDF-star) whose rk:evidence is the sentence it was
read from. Each span is a W3C Web Annotation SpecificResource with a TextPositionSelector (start, end into
the text as read) and a TextQuoteSelector (the exact text), so `text[start:end] == exact` always holds.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from kg.emit.ntriples import iri, literal, typed
from kg.emit.sink import Lines
from kg.emit.terms import OA, RDF_TYPE, STATEMENT, T

if TYPE_CHECKING:
    from kg.link.linked import Source, Span


class Evidence:
    def __init__(self, out: Lines, doc_iri: str, base: str):
        self.out = out
        self.doc_iri = doc_iri
        self.base = base
        self._written: dict[str, str] = {}        # a span's IRI -> its evidence node, once written

    def span(self, span: Span) -> str:
        """The evidence node of a span, with its selectors."""
        ev = self._written.get(span.iri)
        if ev is not None:
            return ev
        ev = self._written[span.iri] = iri(span.iri)
        add = self.out.add
        add(ev, RDF_TYPE, T.Evidence)
        add(ev, OA.hasSource, self.doc_iri)
        pos, quote = iri(span.iri + "/position"), iri(span.iri + "/quote")
        add(ev, OA.hasSelector, pos)
        add(ev, OA.hasSelector, quote)
        add(pos, RDF_TYPE, OA.TextPositionSelector)
        add(pos, OA.start, typed(str(span.start), "nonNegativeInteger"))
        add(pos, OA.end, typed(str(span.end), "nonNegativeInteger"))
        add(quote, RDF_TYPE, OA.TextQuoteSelector)
        add(quote, OA.exact, literal(span.exact))
        add(quote, OA.prefix, literal(span.prefix))
        add(quote, OA.suffix, literal(span.suffix))
        return ev

    def entity(self, subject: str, source: Source) -> None:
        """An entity read from a mention: its source document, the mention's span, and that span's sentence."""
        self.out.add(subject, T.source, self.doc_iri)
        ev = self.span(source.span)
        self.out.add(subject, T.evidence, ev)
        if source.rule:
            self.out.add(ev, T.rule, literal(source.rule))
        sentence = self.span(source.sentence)
        if sentence != ev:
            self.out.add(ev, T.sentence, sentence)

    def fact(self, s: str, p: str, o: str, sentence: Span) -> None:
        """The triple, and a statement about it whose evidence is the sentence it was read in (its five lines
        made here from the triple's text: a sixth of a District 4 article's cost to emit)."""
        triple = f"{s} {p} {o}"
        stmt = statement_iri(self.base, triple)
        ev = self.span(sentence)
        lines = self.out.lines
        lines[f"{triple} .\n"] = None
        lines[stmt + _A_STATEMENT] = None
        lines[f"{stmt}{_SUBJECT}{s} .\n"] = None
        lines[f"{stmt}{_PREDICATE}{p} .\n"] = None
        lines[f"{stmt}{_OBJECT}{o} .\n"] = None
        lines[f"{stmt}{_EVIDENCE}{ev} .\n"] = None


_A_STATEMENT = f" {RDF_TYPE} {STATEMENT.Statement} .\n"
_SUBJECT, _PREDICATE, _OBJECT, _EVIDENCE = (f" {p} " for p in (STATEMENT.subject, STATEMENT.predicate,
                                                               STATEMENT.object, T.evidence))


def statement_iri(base: str, triple: str) -> str:
    """The statement's IRI: a digest of the triple in N-Triples (`<s> <p> <o>`, terms as written)."""
    return f"<{base}statement/{hashlib.sha1(triple.encode('utf-8')).hexdigest()[:20]}>"

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
        """The triple, and a statement about it whose evidence is the sentence it was read in."""
        add = self.out.add
        add(s, p, o)
        stmt = statement_iri(self.base, s, p, o)
        add(stmt, RDF_TYPE, STATEMENT.Statement)
        add(stmt, STATEMENT.subject, s)
        add(stmt, STATEMENT.predicate, p)
        add(stmt, STATEMENT.object, o)
        add(stmt, T.evidence, self.span(sentence))


def statement_iri(base: str, s: str, p: str, o: str) -> str:
    """The statement's IRI: a digest of the triple in N-Triples (terms as written: `<iri>`)."""
    digest = hashlib.sha1(f"{s} {p} {o}".encode("utf-8")).hexdigest()[:20]
    return f"<{base}statement/{digest}>"

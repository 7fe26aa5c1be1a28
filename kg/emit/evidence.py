"""Evidence triples: where in which document a fact was read.

An entity (initiative, metric, time reduction) points with rk:evidence to the exact span of its mention;
every relation is also an rdf:Statement (rdflib has no RDF-star) whose rk:evidence is the sentence it was
read from. Each span is a W3C Web Annotation SpecificResource with a TextPositionSelector (start, end into
the text as read) and a TextQuoteSelector (the exact text), so `text[start:end] == exact` always holds.
"""
from __future__ import annotations

import bisect
import hashlib

from rdflib import RDF, XSD, Graph, Literal, URIRef

from kg.ingest import Document
from kg.link import Linker
from kg.namespace import OA, RK
from kg.recognize import Mention
from kg.segment import Sentence

_CONTEXT = 32


class Evidence:
    def __init__(self, graph: Graph, linker: Linker, document: Document, sentences: list[Sentence]):
        self.g = graph
        self.link = linker
        self.doc = document
        self.doc_iri = linker.document_iri(document.doc_id)
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def sentence_of(self, offset: int) -> Sentence:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.sentences[i]

    def span(self, start: int, end: int) -> URIRef:
        """The evidence node of text[start:end], with its selectors."""
        g, text = self.g, self.doc.text
        ev = self.link.span_iri("evidence", self.doc.doc_id, start, end)
        if (ev, RDF.type, RK.Evidence) in g:
            return ev
        g.add((ev, RDF.type, RK.Evidence))
        g.add((ev, OA.hasSource, self.doc_iri))
        pos, quote = URIRef(str(ev) + "/position"), URIRef(str(ev) + "/quote")
        g.add((ev, OA.hasSelector, pos))
        g.add((ev, OA.hasSelector, quote))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((pos, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(text[start:end])))
        g.add((quote, OA.prefix, Literal(text[max(0, start - _CONTEXT):start])))
        g.add((quote, OA.suffix, Literal(text[end:end + _CONTEXT])))
        return ev

    def sentence(self, offset: int) -> URIRef:
        s = self.sentence_of(offset)
        return self.span(s.start, s.end)

    def entity(self, subject: URIRef, m: Mention) -> None:
        """An entity read from mention m: its source document, the mention's span, and that span's sentence."""
        self.g.add((subject, RK.source, self.doc_iri))
        ev = self.span(m.start, m.end)
        self.g.add((subject, RK.evidence, ev))
        if m.get("rule"):
            self.g.add((ev, RK.rule, Literal(m.get("rule"))))
        sentence = self.sentence(m.start)
        if sentence != ev:
            self.g.add((ev, RK.sentence, sentence))

    def fact(self, s: URIRef, p: URIRef, o, support: Mention) -> None:
        """The triple, and a statement about it whose evidence is the sentence `support` was read in."""
        g = self.g
        g.add((s, p, o))
        stmt = statement_iri(self.link.base, s, p, o)
        g.add((stmt, RDF.type, RDF.Statement))
        g.add((stmt, RDF.subject, s))
        g.add((stmt, RDF.predicate, p))
        g.add((stmt, RDF.object, o))
        g.add((stmt, RK.evidence, self.sentence(support.start)))


def statement_iri(base: str, s, p, o) -> URIRef:
    digest = hashlib.sha1(f"{s.n3()} {p.n3()} {o.n3()}".encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{base}statement/{digest}")

"""Evidence triples: where in which document a fact was read.

An entity (initiative, metric, time reduction) points with rk:evidence to the exact span of its mention;
every relation is also an rdf:Statement (rdflib has no RDF-star) whose rk:evidence is the sentence it was
read from. Each span is a W3C Web Annotation SpecificResource with a TextPositionSelector (start, end into
the text as read) and a TextQuoteSelector (the exact text), so `text[start:end] == exact` always holds.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Callable, Iterable

from kg.emit.ntriples import escape, literal, typed
from kg.emit.sink import Lines
from kg.emit.terms import OA, RDF_TYPE, STATEMENT, T

if TYPE_CHECKING:
    from kg.link.linked import Cited, Source, Span

_sha1 = hashlib.sha1


class Evidence:
    def __init__(self, out: Lines, doc_iri: str, base: str):
        self.out = out
        self.doc_iri = doc_iri
        self._written: dict[str, str] = {}        # a span's IRI -> its evidence node, once written
        self._stated: dict[str, str] = {}         # a triple (its line) -> its statement's IRI, once written
        self._statement = f"<{base}statement/"     # a statement's IRI, but its digest

    def span(self, span: Span) -> str:
        """The evidence node of a span, with its selectors."""
        ev = self._written.get(span.iri)
        if ev is not None:
            return ev
        ev = self._written[span.iri] = f"<{span.iri}>"
        pos, quote = f"<{span.iri}/position>", f"<{span.iri}/quote>"
        self.out.once.extend((              # eleven lines for every span, written once (its IRI is written once)
            ev + _AN_EVIDENCE, f"{ev}{_HAS_SOURCE}{self.doc_iri} .\n", f"{ev}{_HAS_SELECTOR}{pos} .\n",
            f"{ev}{_HAS_SELECTOR}{quote} .\n", pos + _A_POSITION, f'{pos}{_START}"{span.start}"{_COUNT} .\n',
            f'{pos}{_END}"{span.end}"{_COUNT} .\n', quote + _A_QUOTE, f'{quote}{_EXACT}"{escape(span.exact)}" .\n',
            f'{quote}{_PREFIX}"{escape(span.prefix)}" .\n', f'{quote}{_SUFFIX}"{escape(span.suffix)}" .\n'))
        return ev

    def entity(self, subject: str, source: Source) -> None:
        """An entity read from a mention: its source document, the mention's span, and that span's sentence."""
        lines, written = self.out.lines, self._written          # (each line as Lines.add writes it)
        lines[f"{subject}{_SOURCE}{self.doc_iri} .\n"] = None
        span, sentence = source.span, source.sentence
        ev = written.get(span.iri) or self.span(span)
        lines[f"{subject}{_EVIDENCE}{ev} .\n"] = None
        if source.rule:
            lines[f"{ev}{_RULE}{literal(source.rule)} .\n"] = None
        sentence = written.get(sentence.iri) or self.span(sentence)
        if sentence != ev:
            lines[f"{ev}{_SENTENCE}{sentence} .\n"] = None

    def facts(self, s: str, p: str, cited: Iterable[Cited], concept: Callable[[str], str] | None = None) -> None:
        """Each triple (s, p, an object cited), and a statement about it whose evidence is the sentence it was read in
        (its five lines made here from the triple's text: a sixth of a District 4 article's cost to emit). The
        statement's IRI is a digest of the triple in N-Triples (`<s> <p> <o>`, terms as written); a triple read again
        adds its sentence only. `concept` writes an object that is a lexicon concept (its description copied) and
        gives its IRI as written."""
        if not cited:
            return                                  # (most of an initiative's relations are empty)
        stated, written, lines, once = self._stated, self._written, self.out.lines, self.out.once
        head = f"{s} {p} "
        for o, sentence in cited:
            o = concept(o) if concept else f"<{o}>"
            triple = head + o
            line = triple + " .\n"
            stmt = stated.get(line)
            if stmt is None:
                stmt = stated[line] = f"{self._statement}{_sha1(triple.encode()).hexdigest()[:20]}>"
                lines[line] = None
                once += (stmt + _A_STATEMENT, f"{stmt}{_SUBJECT}{s} .\n", f"{stmt}{_PREDICATE}{p} .\n",
                         f"{stmt}{_OBJECT}{o} .\n")
            lines[f"{stmt}{_EVIDENCE}{written.get(sentence.iri) or self.span(sentence)} .\n"] = None


_A_STATEMENT = f" {RDF_TYPE} {STATEMENT.Statement} .\n"
_AN_EVIDENCE, _A_POSITION, _A_QUOTE = (f" {RDF_TYPE} {c} .\n" for c in (T.Evidence, OA.TextPositionSelector,
                                                                      OA.TextQuoteSelector))
_HAS_SOURCE, _HAS_SELECTOR, _START, _END, _EXACT, _PREFIX, _SUFFIX = (
    f" {p} " for p in (OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact, OA.prefix, OA.suffix))
_COUNT = typed("", "nonNegativeInteger")[2:]         # ^^<...#nonNegativeInteger>
_SUBJECT, _PREDICATE, _OBJECT, _EVIDENCE = (f" {p} " for p in (STATEMENT.subject, STATEMENT.predicate,
                                                               STATEMENT.object, T.evidence))
_SOURCE, _RULE, _SENTENCE = (f" {p} " for p in (T.source, T.rule, T.sentence))


"""The one place that makes triples: a linked document (kg.link) written as N-Triples under the rk: ontology.

Every initiative, metric and time reduction carries its evidence: the document, the character span of
the text as read, and the exact quoted text (W3C Web Annotation selectors), so no fact is without a source.
Emit only writes: every IRI and label was chosen by kg.link, and the terms are strings (kg.emit.ntriples).
"""
from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from kg.emit.evidence import Evidence
from kg.emit.lexicon import LexiconLines
from kg.emit.ntriples import escape, iri, literal, typed
from kg.emit.sink import Fragment, Lines
from kg.emit.terms import DCTERMS, RDF_TYPE, SCHEMA_URL, T

if TYPE_CHECKING:                   # emit reads a linked document; it never imports the linker
    from kg.lexicon import Lexicon
    from kg.link.linked import Agency, Initiative, LinkedDocument, Metric, Place, Reduction

_ROLE = {"lead": T.ledBy, "partner": T.partner}
_DAYS = {"day": Decimal(1), "week": Decimal(7), "hour": Decimal(1) / 24, "minute": Decimal(1) / 1440}
_SECONDS = {"day": 86400, "week": 604800, "hour": 3600, "minute": 60}
_TRUE = typed("true", "boolean")
_AN_INITIATIVE = f" {RDF_TYPE} {T.Initiative} .\n"


def new_graph():
    """An empty rdflib graph with reform-kg's prefixes (for the formats rdflib writes, after the merge)."""
    from rdflib import Graph, Namespace
    from kg.namespace import PREFIXES
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns))
    return g


def emit(doc: LinkedDocument, lexicon: Lexicon) -> Fragment:
    """The document's triples: sorted N-Triples lines and label candidates."""
    out = Lines()
    Emitter(out, lexicon, doc).emit()
    return out.fragment()


class Emitter:
    def __init__(self, out: Lines, lexicon: Lexicon, doc: LinkedDocument):
        self.out = out
        self.doc = doc
        self.doc_iri = iri(doc.iri)
        self.lexicon = LexiconLines.of(lexicon)
        self.evidence = Evidence(out, self.doc_iri, doc.base)
        self._concepts: dict[str, str] = {}       # the concepts copied into this document -> their IRIs

    def emit(self) -> None:
        self.document()
        for p in self.doc.places:
            self.place(p)
        for a in self.doc.agencies:
            self.out.merge(_agency_lines(a))
            self.concept(a.agency_type)
        for i in self.doc.initiatives:
            self.initiative(i)
        for r in self.doc.reductions:
            self.reduction(r)
        for m in self.doc.metrics:
            self.metric(m)

    def document(self) -> None:
        add, d, s = self.out.add, self.doc, self.doc_iri
        add(s, RDF_TYPE, T.Document)
        add(s, DCTERMS.identifier, literal(d.doc_id))
        self.out.label(s, d.title or d.doc_id, "vi")
        add(s, DCTERMS.language, literal("vi"))
        if d.title:
            add(s, DCTERMS.title, literal(d.title, "vi"))
        if d.category:
            add(s, T.category, literal(d.category))
        if d.published:
            p = d.published
            add(s, DCTERMS.issued, typed(p, "dateTime" if "T" in p else "date" if len(p) == 10 else "gYearMonth"))
        if d.author:
            add(s, DCTERMS.creator, literal(d.author))
        if d.view_count is not None:
            add(s, T.viewCount, typed(str(d.view_count), "integer"))
        if d.source_url:
            add(s, SCHEMA_URL, iri(d.source_url))
        if d.about:
            add(s, T.aboutPlace, iri(d.about))

    def place(self, p: Place) -> None:
        self.lexicon.copy(self.out, p.iri, closure=False)
        self.out.merge(_place_lines(p))
        if p.level:
            self.concept(p.level)

    def concept(self, concept: str) -> str:
        """A lexicon concept, its description copied (with what it is broader than, and its scheme) once."""
        found = self._concepts.get(concept)
        if found is None:
            found = self._concepts[concept] = self.lexicon.copy(self.out, concept)
        return found

    def initiative(self, i: Initiative) -> None:
        s, facts, concept = f"<{i.iri}>", self.evidence.facts, self.concept
        self.out.lines[s + _AN_INITIATIVE] = None
        self.out.labels[f"{s}\tvi\t\"{escape(i.label)}\"@vi\n"] = None       # (Lines.label)
        if i.runs_in_all_wards_of:          # (most of an initiative's relations are empty: not a call each)
            facts(s, T.runsInAllWardsOf, i.runs_in_all_wards_of)
        if i.runs_in:
            facts(s, T.runsIn, i.runs_in)
        if i.kinds:
            facts(s, T.kind, i.kinds, concept)
        if i.procedures:
            facts(s, T.procedure, i.procedures, concept)
        if i.fields:
            facts(s, T.field, i.fields, concept)
        for role, agency in i.agencies:
            facts(s, _ROLE.get(role, T.involves), (agency,))
        if i.reductions:
            facts(s, T.timeReduction, i.reductions)
        self.evidence.entity(s, i.source)

    def reduction(self, r: Reduction) -> None:
        add, s = self.out.add, iri(r.iri)
        add(s, RDF_TYPE, T.TimeReduction)
        if r.procedure is not None:
            self.evidence.facts(s, T.procedure, (r.procedure,), self.concept)
        self.out.label(s, r.label, "vi")
        add(s, T.durationBefore, typed(_duration(r.before, r.before_unit), "dayTimeDuration"))
        add(s, T.durationAfter, typed(_duration(r.after, r.after_unit), "dayTimeDuration"))
        add(s, T.daysBefore, _number(_days(r.before, r.before_unit)))
        add(s, T.daysAfter, _number(_days(r.after, r.after_unit)))
        self.evidence.facts(s, T.appliesIn, r.applies_in)
        self.evidence.entity(s, r.source)

    def metric(self, m: Metric) -> None:
        add, s = self.out.add, iri(m.iri)
        add(s, RDF_TYPE, T.Metric)
        self.out.label(s, m.label, "vi")
        add(s, T.value, _number(m.value))
        add(s, T.unit, self.concept(m.unit))
        if m.qualifier:
            add(s, T.qualifier, self.concept(m.qualifier))
        if m.period is not None:
            add(s, T.period, typed(*m.period))
        if m.period_text is not None:
            add(s, T.periodText, literal(m.period_text))
        if m.numerator is not None:
            add(s, T.numerator, _number(m.numerator))
            add(s, T.denominator, _number(m.denominator))
        self.evidence.facts(s, T.describes, m.describes)
        self.evidence.facts(s, T.procedure, m.procedures, self.concept)
        self.evidence.entity(s, m.source)


# A place's or an agency's lines (as Lines keeps them) are the same in every document that names it, and the same
# official units and their agencies recur in every article (kg.link writes each unit once per process): made once.
@functools.lru_cache(maxsize=4096)
def _place_lines(p: Place) -> Lines:
    out = Lines()
    add, s = out.add, iri(p.iri)
    add(s, RDF_TYPE, iri(p.cls))
    out.label(s, p.label, "vi")
    if p.label_en:
        out.label(s, p.label_en, "en")
    if p.parent:
        add(s, T.partOf, iri(p.parent))
    if p.ambiguous:
        add(s, T.nameAmbiguous, _TRUE)
    if p.code:
        add(s, DCTERMS.identifier, literal(p.code))
    if p.level:
        add(s, T.level, iri(p.level))           # (the concept's description: Emitter.concept)
    if p.valid_from:
        add(s, T.validFrom, typed(p.valid_from, "date"))
    if p.valid_until:
        add(s, T.validUntil, typed(p.valid_until, "date"))
    for successor, partial in p.successors:
        add(s, DCTERMS.isReplacedBy, iri(successor))
        if partial:
            add(s, T.partlyReplacedBy, iri(successor))
    return out


@functools.lru_cache(maxsize=4096)
def _agency_lines(a: Agency) -> Lines:
    out = Lines()
    s = iri(a.iri)
    out.add(s, RDF_TYPE, T.Agency)
    out.label(s, a.label, "vi")
    out.add(s, T.agencyType, iri(a.agency_type))
    if a.place:
        out.add(s, T.locatedIn, iri(a.place))
    return out


def _number(n: Decimal) -> str:
    """A count as xsd:integer ("1697"), anything else as xsd:decimal ("53.65")."""
    if n == n.to_integral_value():
        return typed(str(int(n)), "integer")
    return typed(f"{n.normalize():f}", "decimal")


def _duration(n: Decimal, unit: str) -> str:
    """xsd:dayTimeDuration in its canonical form: days, hours, minutes, seconds, each only when not zero
    ("P3D", "PT12H" for half a day, "P1DT6H")."""
    seconds = n * _SECONDS[unit]
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    time = "".join(f"{v:f}{u}" for v, u in ((hours, "H"), (minutes, "M"), (secs.normalize(), "S")) if v)
    return "P" + (f"{days:f}D" if days else "") + (f"T{time}" if time else "") if days or time else "PT0S"


def _days(n: Decimal, unit: str) -> Decimal:
    return (n * _DAYS[unit]).normalize()

"""The one place that makes triples: facts and entities to RDF under the rk: ontology.

Every initiative, metric and time reduction carries its evidence: the document, the character span of
the text as read, and the exact quoted text (W3C Web Annotation selectors), so no fact is without a source.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kg.ingest import Document
from kg.lexicon import Lexicon
from kg.link import Linker, Place
from kg.namespace import PREFIXES, RK, SCHEMA
from kg.recognize import Mention
from kg.emit.evidence import Evidence
from kg.relate import LEAD, PARTNER, Facts, InitiativeFacts, MetricFacts
from kg.segment import Sentence

_ROLE = {LEAD: RK.ledBy, PARTNER: RK.partner}
_DAYS = {"day": Decimal(1), "week": Decimal(7), "hour": Decimal(1) / 24, "minute": Decimal(1) / 1440}


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns))
    return g


class Emitter:
    def __init__(self, graph: Graph, lexicon: Lexicon, linker: Linker, document: Document, sentences: list[Sentence]):
        self.g = graph
        self.lex = lexicon
        self.link = linker
        self.doc = document
        self.doc_iri = linker.document_iri(document.doc_id)
        self.evidence = Evidence(graph, linker, document, sentences)
        self.most_named: Mention | None = None

    def emit(self, facts: Facts) -> None:
        self.most_named = facts.most_named
        self.document()
        for i in facts.initiatives:
            self.initiative(i)
        for m in facts.metrics:
            self.metric(m)

    # ------------------------------------------------------------------ document
    def document(self) -> None:
        g, d, s = self.g, self.doc, self.doc_iri
        g.add((s, RDF.type, RK.Document))
        g.add((s, DCTERMS.identifier, Literal(d.doc_id)))
        g.add((s, RDFS.label, Literal(d.title or d.doc_id, lang="vi")))
        g.add((s, DCTERMS.language, Literal("vi")))
        if d.title:
            g.add((s, DCTERMS.title, Literal(d.title, lang="vi")))
        if d.category:
            g.add((s, RK.category, Literal(d.category)))
        if d.published:
            dtype = XSD.dateTime if "T" in d.published else XSD.date if len(d.published) == 10 else XSD.gYearMonth
            g.add((s, DCTERMS.issued, Literal(d.published, datatype=dtype)))
        if d.author:
            g.add((s, DCTERMS.creator, Literal(d.author)))
        if d.view_count is not None:
            g.add((s, RK.viewCount, Literal(d.view_count, datatype=XSD.integer)))
        if d.source_url:
            g.add((s, SCHEMA.url, URIRef(d.source_url)))
        if self.link.main:
            g.add((s, RK.aboutPlace, self.place(self.link.main)))

    # ------------------------------------------------------------------ places, agencies, concepts
    def place(self, p: Place) -> URIRef:
        g = self.g
        if (p.iri, None, None) in g:
            return p.iri
        for t in self.lex.about(p.iri):
            g.add(t)
        g.add((p.iri, RDF.type, p.cls))
        g.add((p.iri, RDFS.label, Literal(p.label, lang="vi")))
        g.add((p.iri, RDFS.label, Literal(p.label_en, lang="en")))
        if p.parent:
            g.add((p.iri, RK.partOf, self.place(p.parent)))
        return p.iri

    def concept(self, iri: URIRef) -> URIRef:
        """Copy a lexicon concept (and what it is broader than, and its scheme) into the graph."""
        if (iri, None, None) in self.g:
            return iri
        for s, p, o in self.lex.about(iri):
            self.g.add((s, p, o))
            if p in (SKOS.broader, SKOS.inScheme, RK.field) and (o, None, None) not in self.g:
                self.concept(o)
        return iri

    def agency(self, m: Mention) -> URIRef | None:
        a = self.link.agency(m)
        if a is None:
            return None
        g = self.g
        g.add((a.iri, RDF.type, RK.Agency))
        g.add((a.iri, RDFS.label, Literal(a.label, lang="vi")))
        g.add((a.iri, RK.agencyType, self.concept(a.agency_type)))
        if a.place:
            g.add((a.iri, RK.locatedIn, self.place(a.place)))
        return a.iri

    def scope(self, subject: URIRef, mentions: list[Mention], predicate: URIRef, read_in: Mention) -> None:
        """Where `subject` runs or applies: each place mention's places, or, with none, the document's place
        (then the evidence is the sentence the subject itself was read in)."""
        fact = self.evidence.fact
        for m in mentions or [None]:
            sc = self.link.scope(m)
            support = m or read_in
            if sc.all_wards_of and predicate == RK.runsIn:
                fact(subject, RK.runsInAllWardsOf, self.place(sc.all_wards_of), support)
            for p in sc.places:
                fact(subject, predicate, self.place(p), support)

    # ------------------------------------------------------------------ initiatives
    def initiative(self, f: InitiativeFacts) -> URIRef:
        g, fact = self.g, self.evidence.fact
        s = self.initiative_iri(f)
        g.add((s, RDF.type, RK.Initiative))
        g.add((s, RDFS.label, Literal(f.label, lang="vi")))
        self.scope(s, f.places, RK.runsIn, f.name)
        for k in f.kinds:
            for kind in [URIRef(k.key)] + self.lex.ancestors(URIRef(k.key)):
                fact(s, RK.kind, self.concept(kind), k)
        for p in f.procedures:
            fact(s, RK.procedure, self.concept(URIRef(p.key)), p)
            fld = self.lex.value(URIRef(p.key), RK.field)
            if fld is not None:
                fact(s, RK.field, self.concept(fld), p)
        for fld in f.fields:
            fact(s, RK.field, self.concept(URIRef(fld.key)), fld)
        for ag, role in f.agencies:
            a = self.agency(ag)
            if a is not None:
                fact(s, _ROLE.get(role, RK.involves), a, ag)
        for r, proc, where in f.reductions:
            fact(s, RK.timeReduction, self.reduction(r, proc, where), r)
        self.evidence.entity(s, f.name)
        return s

    def initiative_iri(self, f: InitiativeFacts) -> URIRef:
        places = [p for m in f.places for sc in [self.link.scope(m)] for p in (sc.places or (sc.all_wards_of,)) if p] \
            or list(self.link.scope(None).places)
        return self.link.initiative_iri(f.label, places)

    def reduction(self, r: Mention, proc: Mention | None, where: list[Mention]) -> URIRef:
        g = self.g
        s = self.link.span_iri("time-reduction", self.doc.doc_id, r.start)
        g.add((s, RDF.type, RK.TimeReduction))
        before, after = r.get("before"), r.get("after")
        unit_before, unit_after = r.get("before_unit"), r.get("after_unit")
        label = " ".join(r.text.split())
        if proc is not None:
            self.evidence.fact(s, RK.procedure, self.concept(URIRef(proc.key)), proc)
            label = f"{self.lex.label(URIRef(proc.key))}: {label}"
        g.add((s, RDFS.label, Literal(label, lang="vi")))
        g.add((s, RK.durationBefore, Literal(_duration(before, unit_before), datatype=XSD.dayTimeDuration)))
        g.add((s, RK.durationAfter, Literal(_duration(after, unit_after), datatype=XSD.dayTimeDuration)))
        g.add((s, RK.daysBefore, _number(_days(before, unit_before))))
        g.add((s, RK.daysAfter, _number(_days(after, unit_after))))
        self.scope(s, where, RK.appliesIn, r)
        self.evidence.entity(s, r)
        return s

    # ------------------------------------------------------------------ metrics
    def metric(self, f: MetricFacts) -> None:
        m = f.mention
        if m.get("low") is not None:
            self._metric(f, "min", m.get("low"), m.get("low_qualifier"))
            self._metric(f, "max", m.get("high"), m.get("high_qualifier"))
        elif m.get("numerator") is not None:
            s = self._metric(f, "", m.get("numerator"), m.get("qualifier"))
            self.g.add((s, RK.numerator, _number(m.get("numerator"))))
            self.g.add((s, RK.denominator, _number(m.get("denominator"))))
            self._metric(f, "total", m.get("denominator"), None, label=f"{f.label} (tổng số)")
        else:
            self._metric(f, "", m.get("value"), m.get("qualifier"))

    def _metric(self, f: MetricFacts, suffix: str, value: Decimal, qualifier, label: str | None = None) -> URIRef:
        g, m = self.g, f.mention
        s = self.link.span_iri("metric", self.doc.doc_id, m.start, suffix=suffix)
        g.add((s, RDF.type, RK.Metric))
        g.add((s, RDFS.label, Literal(label or f.label, lang="vi")))
        g.add((s, RK.value, _number(value)))
        g.add((s, RK.unit, self.concept(URIRef(m.get("unit")))))
        if qualifier:
            g.add((s, RK.qualifier, self.concept(URIRef(qualifier))))
        if f.period is not None:
            period = self._period(f.period)
            if period is not None:
                g.add((s, RK.period, period))
            g.add((s, RK.periodText, Literal(" ".join(f.period.text.split()))))
        for about in self._described(f):
            self.evidence.fact(s, RK.describes, about, m)
        for p in f.procedures:
            self.evidence.fact(s, RK.procedure, self.concept(URIRef(p.key)), p)
        self.evidence.entity(s, m)
        return s

    def _described(self, f: MetricFacts) -> list[URIRef]:
        """What a figure is about: its model; else the place its clause names, the document's place, or the
        place the document names most; else, when the article names no place at all ("Toàn tỉnh tiếp nhận
        1.000 hồ sơ."), the document that reports it. A figure always describes something."""
        if f.about is not None:
            return [self.initiative_iri(f.about)]
        places = (self.link.scope(f.place).places or self.link.scope(None).places
                  or (self.link.scope(self.most_named).places if self.most_named is not None else ()))
        return [self.place(p) for p in places] or [self.doc_iri]

    def _period(self, p: Mention) -> Literal | None:
        kind = p.get("kind")
        if kind == "year":
            return Literal(f"{p.get('y'):04d}", datatype=XSD.gYear)
        if kind == "month":
            return Literal(f"{p.get('y'):04d}-{p.get('m'):02d}", datatype=XSD.gYearMonth)
        if kind == "date":
            return Literal(f"{p.get('y'):04d}-{p.get('m'):02d}-{p.get('d'):02d}", datatype=XSD.date)
        if kind == "now" and self.doc.published:
            return Literal(self.doc.published[:10], datatype=XSD.date) if len(self.doc.published) >= 10 else None
        return None


def _number(n: Decimal) -> Literal:
    """A count as xsd:integer ("1697"), anything else as xsd:decimal ("53.65")."""
    if n == n.to_integral_value():
        return Literal(int(n), datatype=XSD.integer)
    return Literal(n.normalize(), datatype=XSD.decimal)


def _duration(n: Decimal, unit: str) -> str:
    n = n.normalize()
    return {"day": f"P{n}D", "week": f"P{n * 7}D", "hour": f"PT{n}H", "minute": f"PT{n}M"}[unit]


def _days(n: Decimal, unit: str) -> Decimal:
    return (n * _DAYS[unit]).normalize()

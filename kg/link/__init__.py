"""Link: a document's facts to entities with stable IRIs and labels, chosen once (kg.link.linked).

Places resolve through the gazetteer in the document's context (kg.link.places); agencies belong to their
place (`agency/773/cong-an`); initiatives to the district they run in (`initiative/773/mot-cua`); figures,
time reductions and evidence spans are named by their place in the text (`metric/DOC/4100`). kg.emit
writes the result and never comes back here.
"""
from __future__ import annotations

import bisect

from kg.gazetteer import Gazetteer
from kg.ingest import Document
from kg.lexicon import Lexicon
from kg.link import linked
from kg.link.linked import Cited, LinkedDocument, Source, Span
from kg.link.places import Place, Places, home, level_iri, term
from kg.link.portals import province_of
from kg.namespace import RK, checked_iri
from kg.recognize import Mention
from kg.recognize.agencies import agency_levels
from kg.relate import INVOLVED, LEAD, PARTNER, Facts, InitiativeFacts, MetricFacts
from kg.relate.context import about as is_about, level_rank, place_of, subject
from kg.text import per_text, slug

__all__ = ["link", "LinkedDocument"]

_CONTEXT = 32        # characters of text kept on either side of an evidence span
_slug = per_text(maxsize=8192)(slug)     # model and agency names recur in every document
# A named tuple made from its fields as NamedTuple._make makes it, without the Python-level __new__ its class is
# given (370 -> 140 ns; link makes a cited object for every relation, ~240 a District 4 document with the sources,
# ~80 spans, ~40 initiatives and figures)
_made = tuple.__new__
# An official unit's place (kg.link.places keeps one per unit, title and base IRI) -> as written: nothing in it
# depends on the document (its successors are written by IRI), and the same wards recur in every article.
_WRITTEN_UNITS: dict[Place, linked.Place] = {}
_CONCEPTS: dict[int, tuple[Lexicon, dict]] = {}      # id of the lexicon -> (it, _Linking.concept's answers)


def _concepts_of(lexicon: Lexicon) -> dict[str, tuple[tuple[str, ...], str | None]]:
    """What _Linking.concept found for this lexicon's concepts, kept for the process: a kind or procedure is cited
    again and again, in every document, and each answer asked of the lexicon again is made again (the look-ups
    by tuples of rdflib terms, the strings of the ancestors). Only the last lexicon's are kept."""
    held = _CONCEPTS.get(id(lexicon))
    if held is None or held[0] is not lexicon:
        _CONCEPTS.clear()
        held = _CONCEPTS[id(lexicon)] = (lexicon, {})
    return held[1]


def link(facts: Facts, document: Document, lexicon: Lexicon, gazetteer: Gazetteer, base: str) -> LinkedDocument:
    """The document's facts linked: what kg.emit writes. The parts of IRIs that come from outside (the base
    IRI, the document's identity, its source URL) are checked here, so that what emit writes is valid."""
    checked_iri(base)
    checked_iri(document.doc_id, absolute=False)
    if document.source_url:
        checked_iri(document.source_url)
    named = [(m, p) for a in facts.sentences for m, p in a.places()]     # (relate listed them)
    mentions = tuple(p for m, p in named if m.label == "PLACE")
    held = tuple(p for m, p in named if m.label == "AGENCY")
    places = Places(lexicon, gazetteer, base, facts.main_place, facts.parents, document.published, mentions,
                    portal=province_of(document.source_url), held=held)
    return _Linking(places, lexicon, document, facts).linked()


class _Linking:
    """One document's walk: every IRI minted here, every place and agency it reaches collected once."""

    def __init__(self, places: Places, lexicon: Lexicon, document: Document, facts: Facts):
        self.where, self.lex, self.doc, self.facts = places, lexicon, document, facts
        self.base = places.base
        self.sentences = [a.sentence for a in facts.sentences]
        self._starts = [s.start for s in self.sentences]
        self._sentence_at: dict[int, Span] = {}          # an offset -> its sentence's span
        self._sentence_spans: list[Span | None] = [None] * len(self.sentences)     # each sentence's, once made
        self.places: dict[str, linked.Place] = {}
        self.agencies: dict[linked.Agency, None] = {}      # every distinct spelling, as written before
        self.reductions: list[linked.Reduction] = []
        self._spans: dict[tuple[int, int], Span] = {}
        self._concepts = _concepts_of(lexicon)
        self._agency_of: dict[int, tuple[Mention, str | None]] = {}     # id of an agency mention -> (it, its IRI)
        self._province_types: dict[str, bool] = {}                       # agency type -> whether a province's

    def linked(self) -> LinkedDocument:
        d, main = self.doc, self.where.main
        about = self.place(main) if main else None
        initiatives = tuple(self.initiative(f) for f in self.facts.initiatives)
        metrics = tuple(m for f in self.facts.metrics for m in self.metric(f))
        return LinkedDocument(self.base, self.base + "document/" + d.doc_id, d.doc_id, d.title, d.category, d.published,
                              d.author, d.view_count, d.source_url, about, tuple(self.places.values()),
                              tuple(self.agencies), initiatives, tuple(self.reductions), metrics)

    # ------------------------------------------------------------------ evidence
    def span(self, start: int, end: int) -> Span:
        found = self._spans.get((start, end))
        if found is None:
            text = self.doc.text
            found = self._spans[start, end] = _made(Span, (
                f"{self.base}evidence/{self.doc.doc_id}/{start}-{end}", start, end, text[start:end],
                text[max(0, start - _CONTEXT):start], text[end:end + _CONTEXT]))
        return found

    def sentence(self, offset: int) -> Span:
        found = self._sentence_at.get(offset)
        if found is None:
            k = max(0, bisect.bisect_right(self._starts, offset) - 1)
            found = self._sentence_spans[k]
            if found is None:
                s = self.sentences[k]
                found = self._sentence_spans[k] = self.span(s.start, s.end)
            self._sentence_at[offset] = found
        return found

    def source(self, m: Mention) -> Source:
        return _made(Source, (self.span(m.start, m.end), self.sentence(m.start), m.get("rule")))

    def cited(self, iri: str, support: Mention) -> Cited:
        return _made(Cited, (iri, self._sentence_at.get(support.start) or self.sentence(support.start)))

    # ------------------------------------------------------------------ places and agencies
    def place(self, p: Place) -> str:
        """The place's IRI; the place, its parents and what it became are written with the document."""
        if p.iri in self.places:
            return p.iri
        u = p.unit
        successors = self.where.successors(p)
        written = _WRITTEN_UNITS.get(p) if u else None
        if written is None:
            written = linked.Place(
                p.iri, p.cls, p.label, p.label_en, p.parent.iri if p.parent else None, p.ambiguous,
                self.where.code(p), level_iri(u.level) if u else None, u.valid_from if u else None,
                u.valid_until if u else None, tuple((s.iri, partial) for s, partial in successors))
            if u:
                _WRITTEN_UNITS[p] = written
        self.places[p.iri] = written
        if p.parent:
            self.place(p.parent)
        for s, _ in successors:
            self.place(s)
        return p.iri

    def scope(self, mentions: list[Mention], read_in: Mention, wards_of: bool = False) -> tuple[list[Cited], list[Cited]]:
        """Where something runs or applies: each place mention's places (and, `wards_of`, for "15 phường" the
        district whose wards they are), or, with none, the document's place read in the sentence of `read_in`."""
        places, every = [], []
        written, place = self.places, self.place
        for m in mentions or [None]:
            sc = self.where.scope(m)
            support = m or read_in
            read = self._sentence_at.get(support.start) or self.sentence(support.start)     # (as cited finds it)
            if wards_of and sc.all_wards_of:
                every.append(_made(Cited, (place(sc.all_wards_of), read)))
            # (the 15 wards of "15 phường": each place written once, cited with the one sentence)
            places += [_made(Cited, (p.iri if p.iri in written else place(p), read)) for p in sc.places]
        return places, every

    def agency(self, m: Mention) -> str | None:
        """The agency's IRI (None for many bodies), worked out once per mention: the subject of a sentence leads
        each of its models."""
        held = self._agency_of.get(id(m))
        if held is not None and held[0] is m:            # (an id is another mention's once its mention is gone)
            return held[1]
        iri = self._agency(m)
        self._agency_of[id(m)] = (m, iri)
        return iri

    def _agency(self, m: Mention) -> str | None:
        place_mention = m.get("place")
        if place_mention is not None and place_mention.get("count"):
            return None                                   # "UBND 15 Phường": many bodies, not one
        own_name = m.get("name")
        scope = self.where.scope(place_mention) if not own_name else None    # a company is of no place
        place = scope.places[0] if scope and scope.places else None
        if place is not None and place_mention is None and self._of_province(m.key):
            place = _province_of(place)     # "Sở Tài nguyên và Môi trường" in a text about a ward: its province's
        if place_mention is not None and not place_mention.get("names") and not place_mention.key:
            rank = level_rank(place_mention.get("level"))
            place = (_at_level(place, rank) if place is not None else None) or self._subject_place(m, rank)
        name = own_name or self.lex.label(term(m.key))      # a company by its own name
        party = m.get("party")
        if party:
            name = f"{name} {party.capitalize()} ủy"
        if place is None and place_mention is not None and not place_mention.get("names") and not place_mention.key:
            name = f"{name} {place_mention.text.lower()}"     # "Bưu điện tỉnh" where no province is named
        label = f"{name} {place.label}" if place else name
        iri = self.base + "agency/" + "/".join(p for p in (place.path if place else "", _slug(name)) if p)
        self.agencies[linked.Agency(iri, label, m.key, self.place(place) if place else None)] = None
        return iri

    def _subject_place(self, m: Mention, rank: int) -> Place | None:
        """ "UBND phường Tân Định phối hợp ... Công an phường ...", in a text about a district: a bare level's agency is
        of the place of that level its sentence is about."""
        a = self.facts.sentences[max(0, bisect.bisect_right(self._starts, m.start) - 1)]
        who = subject(a, m.start)
        where = place_of(who) if who is not None and is_about(a, who) else None
        if where is None or not where.get("names") or level_rank(where.get("level")) != rank:
            return None
        found = self.where.scope(where).places
        return found[0] if found else None

    def _of_province(self, key: str) -> bool:
        """A type of agency that sits at a province's level, by the first word of its name (agency-levels.json)."""
        found = self._province_types.get(key)
        if found is None:
            name = str(self.lex.label(term(key)) or "")
            found = self._province_types[key] = name.split(" ", 1)[0] in agency_levels()["province"]
        return found

    # ------------------------------------------------------------------ initiatives
    def concept(self, key: str) -> tuple[tuple[str, ...], str | None]:
        """(the concept and every concept it is narrower than, its field or None), asked of the lexicon once per
        process (_concepts_of)."""
        found = self._concepts.get(key)
        if found is None:
            c = term(key)
            fld = self.lex.value(c, RK.field)
            found = self._concepts[key] = (key, *map(str, self.lex.ancestors(c))), None if fld is None else str(fld)
        return found

    def initiative_iri(self, f: InitiativeFacts) -> str:
        places = [p for m in f.places for sc in [self.where.scope(m)] for p in (sc.places or (sc.all_wards_of,)) if p] \
            or list(self.where.scope(None).places)
        where = home(places)
        return self.base + "initiative/" + "/".join(p for p in (where.path if where else "", _slug(f.label)) if p)

    def initiative(self, f: InitiativeFacts) -> linked.Initiative:
        runs_in, every = self.scope(f.places, f.name, wards_of=True)
        kinds = [self.cited(kind, k) for k in f.kinds for kind in self.concept(k.key)[0]]
        procedures, fields = [], []
        for p in f.procedures:
            procedures.append(self.cited(p.key, p))
            fld = self.concept(p.key)[1]
            if fld is not None:
                fields.append(self.cited(fld, p))
        fields += [self.cited(fld.key, fld) for fld in f.fields]
        agencies = [(role, self.cited(a, ag)) for ag, role in f.agencies for a in [self.agency(ag)] if a is not None]
        leads = {c.iri for role, c in agencies if role == LEAD}
        agencies = [(INVOLVED if role == PARTNER and c.iri in leads else role, c) for role, c in agencies]   # (a lead leads)
        reductions = [self.cited(self.reduction(r, proc, where), r) for r, proc, where in f.reductions]
        return _made(linked.Initiative, (self.initiative_iri(f), f.label, tuple(runs_in), tuple(every), tuple(kinds),
                                         tuple(procedures), tuple(fields), tuple(agencies), tuple(reductions),
                                         self.source(f.name)))

    def reduction(self, r: Mention, proc: Mention | None, where: list[Mention]) -> str:
        iri = f"{self.base}time-reduction/{self.doc.doc_id}/{r.start}"
        label = " ".join(r.text.split())
        if proc is not None:
            label = f"{self.lex.label(term(proc.key))}: {label}"
        applies_in, _ = self.scope(where, r)
        self.reductions.append(linked.Reduction(
            iri, label, r.get("before"), r.get("before_unit"), r.get("after"), r.get("after_unit"),
            self.cited(proc.key, proc) if proc is not None else None, tuple(applies_in), self.source(r)))
        return iri

    # ------------------------------------------------------------------ figures
    def metric(self, f: MetricFacts) -> list[linked.Metric]:
        m = f.mention
        if m.get("low") is not None:
            return [self._metric(f, "min", m.get("low"), m.get("low_qualifier")),
                    self._metric(f, "max", m.get("high"), m.get("high_qualifier"))]
        if m.get("numerator") is not None:
            return [self._metric(f, "", m.get("numerator"), m.get("qualifier"),
                                 fraction=(m.get("numerator"), m.get("denominator"))),
                    self._metric(f, "total", m.get("denominator"), None, label=f"{f.label} (tổng số)")]
        return [self._metric(f, "", m.get("value"), m.get("qualifier"))]

    def _metric(self, f: MetricFacts, suffix: str, value, qualifier, label: str | None = None,
                fraction: tuple = (None, None)) -> linked.Metric:
        m = f.mention
        iri = f"{self.base}metric/{self.doc.doc_id}/{m.start}" + (f"-{suffix}" if suffix else "")
        period = self._period(f.period) if f.period is not None else None
        period_text = " ".join(f.period.text.split()) if f.period is not None else None
        describes = tuple(self.cited(about, m) for about in self._described(f))
        procedures = tuple(self.cited(p.key, p) for p in f.procedures)
        return _made(linked.Metric, (iri, label or f.label, value, m.get("unit"), qualifier or None, period,
                                     period_text, describes, procedures, self.source(m), *fraction))

    def _described(self, f: MetricFacts) -> list[str]:
        """What a figure is about: its model; else the place its clause names, the document's place, or the
        place the document names most; else, when the article names no place at all ("Toàn tỉnh tiếp nhận
        1.000 hồ sơ."), the document that reports it. A figure always describes something."""
        if f.about is not None:
            return [self.initiative_iri(f.about)]
        sc = self.where.scope(f.place)      # a figure about "15 phường" is about the district, not each ward
        most = self.facts.most_named
        places = ((sc.all_wards_of,) if sc.all_wards_of else sc.places or self.where.scope(None).places
                  or (self.where.scope(most).places if most is not None else ()))
        return [self.place(p) for p in places] or [self.base + "document/" + self.doc.doc_id]

    def _period(self, p: Mention) -> tuple[str, str] | None:
        kind = p.get("kind")
        if kind == "year":
            return f"{p.get('y'):04d}", "gYear"
        if kind == "month":
            return f"{p.get('y'):04d}-{p.get('m'):02d}", "gYearMonth"
        if kind == "date":
            return f"{p.get('y'):04d}-{p.get('m'):02d}-{p.get('d'):02d}", "date"
        published = self.doc.published
        if kind == "now" and published and len(published) >= 10:
            return published[:10], "date"
        return None


def _at_level(place: Place, rank: int) -> Place | None:
    """A bare level's place ("Công an xã", "UBND quận") where the text is about `place`: `place` when it is of that
    level, else the place of that level it lies in ("UBND quận" in a text about a ward: its district); none when the
    text is about a larger place ("Công an xã" in a text about a city: a commune's police, not the city's) or names
    none of that level."""
    while place is not None and place.rank > rank:
        place = place.parent
    return place if place is not None and place.rank == rank else None


def _province_of(place: Place) -> Place | None:
    """The province (or centrally run city) a place lies in, itself if it is one; none if not known."""
    while place.parent is not None:
        place = place.parent
    return place if place.rank <= 1 else None


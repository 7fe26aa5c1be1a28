"""Mentions to entities with stable, readable IRIs.

Places hang in a hierarchy (city / district / ward), so Phường 1 of Quận 4 is
`place/ho-chi-minh/quan-4/phuong-1` and never Phường 1 of another district. A ward the text gives
without its district lies in the place the document is about. Agencies belong to a place
(`agency/ho-chi-minh/quan-4/cong-an`); initiatives to the district they run in.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.lexicon import Lexicon
from kg.namespace import RK
from kg.recognize import Mention
from kg.recognize.places import SOME_UNITS
from kg.relate.context import key, level_rank
from kg.text import slug

def _rank(place: Place) -> int:
    return place.rank


@dataclass(frozen=True)
class Place:
    iri: URIRef
    label: str
    label_en: str
    cls: URIRef
    parent: "Place | None" = None
    path: str = ""
    rank: int = 3          # 0 province, 1 city, 2 district or town, 3 ward, commune or township


@dataclass(frozen=True)
class Agency:
    iri: URIRef
    label: str
    agency_type: URIRef
    place: Place | None


@dataclass(frozen=True)
class Scope:
    """Where a place mention points: some places, or every ward of one district."""
    places: tuple[Place, ...] = ()
    all_wards_of: Place | None = None


class Linker:
    def __init__(self, lexicon: Lexicon, base: str, main_place: Mention | None, parents: dict | None = None):
        self.lexicon = lexicon
        self.base = base
        self.parents = parents or {}
        self.main: Place | None = None
        resolved = self.scope(main_place).places if main_place is not None else ()
        self.main = resolved[0] if resolved else None

    def iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(p for p in parts if p))

    # ------------------------------------------------------------------ places
    def scope(self, m: Mention | None) -> Scope:
        if m is None:
            return Scope((self.main,) if self.main else ())
        if m.key:
            return Scope((self._known(URIRef(m.key)),))
        level = URIRef(m.get("level"))
        if m.get("count"):
            district = self.main if self.main and _rank(self.main) < 3 else None
            return Scope(all_wards_of=district) if m.get("count") != SOME_UNITS and level_rank(level) == 3 and district else Scope()
        if m.get("bare") or not m.get("names"):
            return Scope((self.main,) if self.main else ())
        parent = self._parent(m, level)
        return Scope(tuple(self._place(level, name, parent) for name in m.get("names")))

    def _parent(self, m: Mention, level: URIRef) -> Place | None:
        """The place written beside it ("phường Bến Thành (quận 1)"), else the document's place when that is
        larger, else, for a numbered urban district, the city that has them; else nothing we can support."""
        explicit = self.parents.get(key(m))
        if explicit is not None:
            found = self.scope(explicit).places
            if found:
                return found[0]
        mine = level_rank(level)
        if mine == 2 and str(level).endswith("/quan") and m.get("names")[0].isdigit():
            for city in sorted(self.lexicon.graph.subjects(RK.numberedDistricts, None)):
                return self._known(city)
        if self.main is not None and _rank(self.main) < mine:
            return self.main
        return None

    def _place(self, level: URIRef, name: str, parent: Place | None) -> Place:
        lex = self.lexicon
        vi, en = lex.label(level, "vi"), lex.label(level, "en")
        label = f"{vi} {name}"
        label_en = f"{en} {name}" if name.isdigit() else f"{name} {en}"
        path = "/".join(p for p in (parent.path if parent else "", slug(label)) if p)
        return Place(self.iri("place", path), label, label_en, lex.value(level, RK.areaClass) or RK.AdministrativeArea,
                     parent, path, level_rank(level))

    def _known(self, iri: URIRef) -> Place:
        lex = self.lexicon
        cls = RK.City if (iri, None, RK.City) in lex.graph else RK.AdministrativeArea
        return Place(iri, lex.label(iri, "vi"), lex.label(iri, "en"), cls, None, str(iri).rsplit("/", 1)[-1], 1)

    # ------------------------------------------------------------------ agencies
    def agency(self, m: Mention) -> Agency | None:
        place_mention = m.get("place")
        if place_mention is not None and place_mention.get("count"):
            return None                                   # "UBND 15 Phường": many bodies, not one
        scope = self.scope(place_mention)
        place = scope.places[0] if scope.places else None
        atype = URIRef(m.key)
        name = self.lexicon.label(atype)
        party = m.get("party")
        if party:
            name = f"{name} {party.capitalize()} ủy"
        label = f"{name} {place.label}" if place else name
        return Agency(self.iri("agency", place.path if place else "", slug(name)), label, atype, place)

    # ------------------------------------------------------------------ initiatives and figures
    def initiative_iri(self, name: str, places: list[Place]) -> URIRef:
        home = _home(places)
        return self.iri("initiative", home.path if home else "", slug(name))

    def document_iri(self, doc_id: str) -> URIRef:
        return self.iri("document", doc_id)

    def span_iri(self, kind: str, doc_id: str, start: int, end: int | None = None, suffix: str = "") -> URIRef:
        span = f"{start}-{end}" if end is not None else str(start)
        return self.iri(kind, doc_id, span + (f"-{suffix}" if suffix else ""))


def _home(places: list[Place]) -> Place | None:
    """The district an initiative's places share (or the first place when they share none)."""
    districts = {(p.parent if p.rank == 3 and p.parent else p) for p in places}
    if len(districts) == 1:
        return districts.pop()
    return places[0] if places else None

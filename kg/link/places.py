"""Place mentions to places with stable IRIs, in one document's context.

A place is an official unit of the gazetteer (kg.gazetteer) when its name, the document's context and the
publication date say which: its IRI is the unit's key, its last official code (`place/27298`, Phường 1 of
Quận 4; `place/2025-26526`, phường Tam Thắng of the 2025 system; `place/773-phuong-6` for a ward an earlier
merger absorbed), the same whatever the article's wording and across renamings. Its code (dcterms:identifier)
is that last code too, one per place (the shapes allow one): for an absorbed ward, the code it bore
(`place/773-phuong-6` is 27265, which Phường 9 has borne since 2025; the gazetteer knows which unit bore a code
on a date). Its label is its title on the publication date ("Tỉnh Quảng Ninh" in 2023). A name the gazetteer
does not know, or cannot tell apart, keeps an IRI made from the text under its parent (`place/773/phuong-xyz`),
and an ambiguous one says so.

The context of a name, strongest first: the place written beside it, the place the document is about, the
other larger places it names, and the province of the portal it was published on (kg.link.portals).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from rdflib import URIRef

from kg.gazetteer import Gazetteer, Unit
from kg.lexicon import Lexicon
from kg.namespace import DEFAULT_BASE, RK
from kg.recognize import Mention
from kg.recognize.places import SOME_UNITS
from kg.relate.context import key, level_rank, rank
from kg.text import slug

_UNIT_PLACES: dict[str, dict[tuple[str, str, int], "Place"]] = {}    # base IRI -> (unit key, title, id of parent) -> Place
# The place levels are vocabulary, like kinds and procedures: concepts of the lexicon (ontology/places.ttl) with
# IRIs fixed under the default base. A build's --base names the data it makes (places, initiatives, ...), never
# the lexicon's concepts, which emit copies into the graph under their own IRIs.
LEVEL_VOCABULARY = DEFAULT_BASE + "place-level/"


# A lexicon concept's IRI as the rdflib term the lexicon is asked with, made once per process: URIRef checks its
# characters in Python, and the same kinds, levels and agency types are asked of in every document.
term = functools.lru_cache(maxsize=4096)(URIRef)


def level_iri(level: str) -> str:
    """The place-level concept of the lexicon for a gazetteer level slug: the same IRI whatever the --base."""
    return LEVEL_VOCABULARY + level


@dataclass(frozen=True)
class Place:
    iri: str
    label: str
    label_en: str
    cls: str
    parent: "Place | None" = None
    path: str = ""
    rank: int = 3          # 0 province, 1 city, 2 district or town, 3 ward, commune or township
    unit: Unit | None = None   # the official unit, when the gazetteer says which
    ambiguous: bool = False    # the name fits several units and the context does not tell which
    candidates: tuple[str, ...] = ()   # those units' keys (context for the places written under it)

    @property
    def keys(self) -> tuple[str, ...]:
        """The official units this place is, or may be."""
        return (self.unit.key,) if self.unit else self.candidates

    def __hash__(self) -> int:
        """By IRI (equal places have one), not by every field down its parents: sets of places are built often."""
        return hash(self.iri)


class Scope(NamedTuple):
    """Where a place mention points: some places, or every ward of one district."""
    places: tuple[Place, ...] = ()
    all_wards_of: Place | None = None


class Places:
    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, base: str, main_place: Mention | None,
                 parents: dict | None = None, published: str | None = None, places: tuple[Mention, ...] = (),
                 portal: str | None = None, held: tuple[Mention, ...] = ()):
        """`places`: the document's place mentions; `held`: the places inside its agencies' names ("UBND
        phường X"), which only help tell apart the units a name may be."""
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.base = base
        self.parents = parents or {}
        self.date = published[:10] if published and len(published) >= 10 else None
        self.portal = (portal,) if portal else ()
        self._units = _UNIT_PLACES.setdefault(base, {})
        self._mentions = (places, held)            # (what _named lists, when a name must be told apart)
        self._scopes: dict[tuple, Scope] = {}
        self._of_mention: dict[int, tuple] = {}       # id of a mention of the document -> (it, its scope)
        self.main: Place | None = None
        self.around: tuple[str, ...] = ()
        resolved = self.scope(main_place).places if main_place is not None else ()
        self.main = resolved[0] if resolved else None
        self._of_mention.clear()        # (whether there is a main place is part of a scope's key)
        self.around = tuple(sorted({p.unit.key for m in places if rank(m) < 3 and not m.get("count")
                                    for p in self.scope(m).places if p.unit}))
        self.main = self._commune_of(self.main, places) or self.main
        self._of_none = Scope((self.main,) if self.main else ())      # where what names no place is: the main place

    @functools.cached_property
    def _named(self) -> tuple[Mention, ...]:
        """The document's place mentions that name a unit (not "các xã", not a lexicon place), with those inside its
        agencies' names: what tells apart the units a name may be (_told_apart; rarely asked)."""
        places, held = self._mentions
        return tuple(m for m in (*places, *held) if m.get("names") and not m.get("count") and not m.key)

    def _commune_of(self, main: Place | None, places: tuple[Mention, ...]) -> Place | None:
        """Since 2025 a commune lies directly in its province: an article naming one commune of the province
        it is about ("phường Tam Thắng (TPHCM)") is about that commune."""
        if main is None or main.unit is None or main.unit.tier != 1:
            return None
        communes = {p for m in places if rank(m) == 3 and m.get("names") and not m.get("count")
                    for p in self.scope(m).places if p.unit and p.unit.parent == main.unit.key}
        return communes.pop() if len(communes) == 1 else None

    def scope(self, m: Mention | None) -> Scope:
        if m is None:
            return self._of_none
        held = self._of_mention.get(id(m))
        if held is not None and held[0] is m:         # (an id is another mention's once its mention is gone)
            return held[1]
        k = (m.key, m.attrs, self.main is None)       # (its level, names, count, "bare": all a scope depends on)
        found = self._scopes.get(k)
        if found is None:
            found = self._scopes[k] = self._scope(m)
        self._of_mention[id(m)] = (m, found)
        return found

    def _scope(self, m: Mention) -> Scope:
        if m.key:
            return Scope((self._known(term(m.key)),))
        level = term(m.get("level"))
        if m.get("count"):
            return self._every(m, level)
        if m.get("bare") or not m.get("names"):
            return Scope((self.main,) if self.main else ())
        parent = self._parent(m, level)
        return Scope(tuple(self._place(level, name, parent) for name in m.get("names")))

    def _every(self, m: Mention, level: URIRef) -> Scope:
        """ "15 Phường", "các xã" of the district: its units of that level on the publication date."""
        explicit = self.parents.get(key(m))
        district = (self.scope(explicit).places or (None,))[0] if explicit is not None else None
        district = district or (self.main if self.main and self.main.rank < 3 else None)
        if m.get("count") == SOME_UNITS or level_rank(level) != 3 or district is None:
            return Scope()
        level_name = _slug_of(level)
        units = self.gazetteer.units_of(district.unit.key, self.date) if district.unit else []
        return Scope(tuple(self.unit_place(u) for u in units if u.level == level_name), all_wards_of=district)

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
            for city in _numbered(self.lexicon.graph):
                return self._known(city)
        if self.main is not None and self.main.rank < mine:
            return self.main
        return None

    def _place(self, level: URIRef, name: str, parent: Place | None) -> Place:
        level_name = _slug_of(level)
        contexts = [p.keys for p in (parent, self.main) if p is not None and p.keys] + [self.around, self.portal]
        found = self.gazetteer.resolve(name, [level_name], self.date, contexts)
        if found.unit is not None:
            return self.unit_place(found.unit)
        lex = self.lexicon
        vi, en = lex.label(level, "vi"), lex.label(level, "en")
        label = f"{vi} {name}"
        label_en = f"{en} {name}" if name.isdigit() else f"{name} {en}"
        path = "/".join(p for p in (parent.path if parent else "", slug(label)) if p)
        return Place(self.base + "place/" + path, label, label_en, str(lex.value(level, RK.areaClass) or RK.AdministrativeArea),
                     parent, path, level_rank(level), ambiguous=found.ambiguous, candidates=found.keys)

    def unit_place(self, u: Unit) -> Place:
        """The place of an official unit, labelled with its title on the publication date ("Tỉnh Quảng Ninh" in
        2023), within its parent's place on that date: one object per unit, title, parent and base IRI, kept for the
        process (a ward's place kept by its title alone would carry the parent titled for the first document that
        asked, whatever the date of the next). Its class is its present level's."""
        title = self.gazetteer.title(u.key, self.date).label
        parent = self.unit_place(self.gazetteer.units[u.parent]) if u.parent else None
        kept = (u.key, title, id(parent))       # (a parent is itself kept for the process: its id is its own)
        place = self._units.get(kept)
        if place is None:
            lex = self.lexicon
            level = term(level_iri(u.level))
            en = lex.label(level, "en")
            label_en = f"{en} {u.short}" if u.short.isdigit() else self._english.get(u.label, "")
            if label_en and u.tier == 3 and parent is not None and parent.label_en:
                label_en += f", {parent.label_en}"          # "Ward 1, District 4"
            cls = RK.Province if u.tier == 1 else lex.value(level, RK.areaClass) or RK.AdministrativeArea
            r = (0 if u.level == "tinh" else 1) if u.tier == 1 else 2 if u.tier == 2 else 3
            place = self._units[kept] = Place(self.base + "place/" + u.key, title, label_en, str(cls), parent, u.key,
                                              r, u)
        return place

    @functools.cached_property
    def _english(self) -> dict[str, str]:
        """English names the lexicon gives known places ("Thành phố Hồ Chí Minh" is "Ho Chi Minh City")."""
        return {self.lexicon.label(s, "vi"): self.lexicon.label(s, "en") for s in _numbered(self.lexicon.graph)}

    def code(self, p: Place) -> str | None:
        """The place's official code: the last it bore, whatever the publication date (a place has one)."""
        return self.gazetteer.code(p.unit.key, None) if p.unit else None

    def successors(self, p: Place) -> list[tuple[Place, bool]]:
        """What the unit became, each with True when only part of it went there."""
        if p.unit is None:
            return []
        return [(self.unit_place(self.gazetteer.units[k]), partial) for k, partial in self.gazetteer.replaced_by.get(p.unit.key, ())]

    def _known(self, iri: URIRef) -> Place:
        """A place the lexicon names (TP.HCM): the official unit of that name on the publication date, or,
        undated, the one the document's other places lie in; else the lexicon's place, ambiguous between
        the units it may be."""
        lex = self.lexicon
        label = lex.label(iri, "vi")
        keys: tuple[str, ...] = ()
        for word, level in (("Thành phố ", "thanh-pho"), ("Tỉnh ", "tinh")):
            if label.startswith(word):
                found = self.gazetteer.resolve(label[len(word):], [level], self.date)
                unit = found.unit or self._told_apart(found.keys)
                if unit is not None:
                    return self.unit_place(unit)
                keys = found.keys
        cls = RK.City if (iri, None, RK.City) in lex.graph else RK.AdministrativeArea
        return Place(str(iri), label, lex.label(iri, "en"), str(cls), None, str(iri).rsplit("/", 1)[-1], 1,
                     ambiguous=len(keys) > 1, candidates=keys)

    def _told_apart(self, keys: tuple[str, ...]) -> Unit | None:
        """Of the units a name may be (a province before and after 2025), the one the document's other
        places tell: some name in the text is a unit under it and under none of the others ("phường An Phú
        Đông (quận 12)": Quận 12 was in the old city only)."""
        if len(keys) < 2:
            return None
        told = set()
        for m in self._named:
            level = [_slug_of(m.get("level"))]
            for name in m.get("names"):
                under = {k for unit in self.gazetteer.candidates(name, level)
                         for k in self.gazetteer.ancestors(unit) if k in keys}
                if len(under) == 1:
                    told |= under
        return self.gazetteer.units[told.pop()] if len(told) == 1 else None


@functools.lru_cache(maxsize=4)
def _numbered(lexicon_graph) -> tuple[URIRef, ...]:
    """The cities whose districts are numbered ("Quận 4"), in IRI order (asked of the lexicon's graph once)."""
    return tuple(sorted(lexicon_graph.subjects(RK.numberedDistricts, None)))


def _slug_of(level) -> str:
    """The gazetteer's level slug ("phuong") of a place-level IRI."""
    return str(level).rsplit("/", 1)[-1]


def home(places: list[Place]) -> Place | None:
    """The district an initiative's places share (or the first place when they share none)."""
    if len(places) == 1:                 # (the common case, without hashing places)
        p = places[0]
        return p.parent if p.rank == 3 and p.parent else p
    districts = {(p.parent if p.rank == 3 and p.parent else p) for p in places}
    if len(districts) == 1:
        return districts.pop()
    return places[0] if places else None

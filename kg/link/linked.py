"""A linked document: everything one article says, every entity with its final IRI and label, chosen once.

Plain, frozen data (strings, numbers, tuples): kg.emit writes it as N-Triples and asks nothing else. IRIs are
absolute strings; concepts are the lexicon's IRIs (kg.emit copies their description from the lexicon). What is
made by the tens or hundreds per document (initiatives, figures, places, agencies, time reductions, spans, sources,
cited objects) are named tuples: half the cost of a frozen dataclass to make, hashed and compared in C.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple


class Span(NamedTuple):
    """A stretch of the text as read, `exact == text[start:end]`, with a little text on either side."""
    iri: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class Source(NamedTuple):
    """Where an entity was read: its mention's span, the rule that found it, and the span's sentence."""
    span: Span
    sentence: Span
    rule: str | None = None


class Cited(NamedTuple):
    """A relation's object, with the sentence it was read in (its evidence)."""
    iri: str
    sentence: Span


class Place(NamedTuple):
    """A place as written: nothing in it depends on the document (kg.emit keeps an official unit's lines)."""
    iri: str
    cls: str
    label: str
    label_en: str = ""
    parent: str | None = None
    ambiguous: bool = False             # the name fits several official units and nothing said which
    code: str | None = None             # the official (GSO) code
    level: str | None = None            # the place-level concept of an official unit
    valid_from: str | None = None
    valid_until: str | None = None
    successors: tuple[tuple[str, bool], ...] = ()    # (IRI, True when only part of it went there)


class Agency(NamedTuple):
    iri: str
    label: str
    agency_type: str
    place: str | None


class Reduction(NamedTuple):
    """A processing time cut from `before` to `after` (numbers in their units: day, week, hour, minute)."""
    iri: str
    label: str
    before: Decimal
    before_unit: str
    after: Decimal
    after_unit: str
    procedure: Cited | None
    applies_in: tuple[Cited, ...]
    source: Source


class Initiative(NamedTuple):
    iri: str
    label: str
    runs_in: tuple[Cited, ...]
    runs_in_all_wards_of: tuple[Cited, ...]
    kinds: tuple[Cited, ...]
    procedures: tuple[Cited, ...]
    fields: tuple[Cited, ...]
    agencies: tuple[tuple[str, Cited], ...]     # (role: lead, partner or involved; the agency)
    reductions: tuple[Cited, ...]
    source: Source


class Metric(NamedTuple):
    iri: str
    label: str
    value: Decimal
    unit: str
    qualifier: str | None
    period: tuple[str, str] | None              # (lexical form, XML Schema type: gYear, gYearMonth, date)
    period_text: str | None
    describes: tuple[Cited, ...]
    procedures: tuple[Cited, ...]
    source: Source
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class LinkedDocument:
    base: str                                   # the base IRI every IRI here was minted under
    iri: str
    doc_id: str
    title: str | None
    category: str | None
    published: str | None
    author: str | None
    view_count: int | None
    source_url: str | None
    about: str | None                           # the place the document is about
    places: tuple[Place, ...]                   # every place written, with its parents and successors
    agencies: tuple[Agency, ...]
    initiatives: tuple[Initiative, ...]
    reductions: tuple[Reduction, ...]
    metrics: tuple[Metric, ...]

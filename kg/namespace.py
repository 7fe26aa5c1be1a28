"""The rk: vocabulary as a DefinedNamespace, so a misspelt term raises instead of minting a new IRI."""
import re

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace, URIRef

ONTOLOGY = "https://w3id.org/reform-kg/ontology#"
DEFAULT_BASE = "https://w3id.org/reform-kg/id/"

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

# The prefixes reform-kg writes its graphs and its result tables with, whatever engine read them.
PREFIXES = {
    "rk": ONTOLOGY, "kind": DEFAULT_BASE + "kind/", "field": DEFAULT_BASE + "field/",
    "proc": DEFAULT_BASE + "procedure/", "unit": DEFAULT_BASE + "unit/", "q": DEFAULT_BASE + "qualifier/",
    "at": DEFAULT_BASE + "agency-type/", "oa": str(OA), "schema": str(SCHEMA), "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/", "skos": "http://www.w3.org/2004/02/skos/core#",
}
# ... and the W3C vocabularies' too, for query results: a CONSTRUCT's Turtle, the table's short IRIs.
NAMESPACES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
              "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
              "owl": "http://www.w3.org/2002/07/owl#"}

_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def checked_iri(value: str, absolute: bool = True) -> str:
    """`value` unchanged when it may stand in an IRI (absolute, when asked), else ValueError saying why: what
    comes from outside (a base IRI, a document's identity) is checked once, before any IRI is made of it."""
    bad = _NOT_IN_IRI.search(value)
    if bad:
        raise ValueError(f"{value!r} cannot be part of an IRI: it holds {bad.group()!r}")
    if absolute and not _ABSOLUTE.match(value):
        raise ValueError(f"{value!r} is not an absolute IRI")
    return value


class RK(DefinedNamespace):
    _NS = Namespace(ONTOLOGY)
    _fail = True

    Initiative: URIRef
    AdministrativeArea: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    Ward: URIRef
    Commune: URIRef
    Township: URIRef
    SpecialZone: URIRef
    Agency: URIRef
    Procedure: URIRef
    InitiativeKind: URIRef
    ServiceField: URIRef
    AgencyType: URIRef
    Unit: URIRef
    Qualifier: URIRef
    Metric: URIRef
    TimeReduction: URIRef
    Document: URIRef
    Evidence: URIRef

    runsIn: URIRef
    runsInAllWardsOf: URIRef
    kind: URIRef
    field: URIRef
    procedure: URIRef
    involves: URIRef
    ledBy: URIRef
    partner: URIRef
    timeReduction: URIRef
    partOf: URIRef
    locatedIn: URIRef
    agencyType: URIRef
    value: URIRef
    unit: URIRef
    qualifier: URIRef
    numerator: URIRef
    denominator: URIRef
    period: URIRef
    periodText: URIRef
    describes: URIRef
    durationBefore: URIRef
    durationAfter: URIRef
    daysBefore: URIRef
    daysAfter: URIRef
    appliesIn: URIRef
    source: URIRef
    evidence: URIRef
    viewCount: URIRef
    category: URIRef
    aboutPlace: URIRef
    areaClass: URIRef
    numberedDistricts: URIRef
    level: URIRef
    validFrom: URIRef
    validUntil: URIRef
    partlyReplacedBy: URIRef
    nameAmbiguous: URIRef
    fractionOnly: URIRef
    processingTimeOnly: URIRef
    sentence: URIRef
    rule: URIRef


# Declared terms become plain class attributes: DefinedNamespace looks each one up through __getattr__ on
# every access, which showed in profiles. An undeclared (misspelt) name still raises.
for _name in RK.__annotations__:
    setattr(RK, _name, RK._NS[_name])

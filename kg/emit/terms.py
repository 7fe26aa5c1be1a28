"""The vocabulary emit writes, as N-Triples IRIs (strings): rk: from kg.namespace, and the few terms of RDF,
Dublin Core, Web Annotation and schema.org it uses. A misspelt name raises AttributeError."""
from __future__ import annotations

from types import SimpleNamespace

from kg.emit.ntriples import iri
from kg.namespace import ONTOLOGY, RK

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DCTERMS = "http://purl.org/dc/terms/"
_OA = "http://www.w3.org/ns/oa#"


def _terms(namespace: str, names) -> SimpleNamespace:
    return SimpleNamespace(**{name: iri(namespace + name) for name in names})


T = _terms(ONTOLOGY, RK.__annotations__)
DCTERMS = _terms(_DCTERMS, ("identifier", "language", "title", "issued", "creator", "isReplacedBy"))
OA = _terms(_OA, ("hasSource", "hasSelector", "TextPositionSelector", "TextQuoteSelector", "start", "end",
                  "exact", "prefix", "suffix"))
STATEMENT = _terms(RDF, ("Statement", "subject", "predicate", "object"))
RDF_TYPE = iri(RDF + "type")
SCHEMA_URL = iri("https://schema.org/url")

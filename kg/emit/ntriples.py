"""N-Triples terms from plain strings: the one place that escapes what the build writes (N-Triples 1.1).

A literal's text is escaped once: backslash, double quote, line feed and carriage return (every other
character, tabs and any Unicode included, may stand as it is in N-Triples 1.1 and in canonical N-Triples).
IRIs reach the writer already checked (kg.namespace.checked_iri, for what comes from outside: the base IRI, a
document's identity, its source URL) or built from parts safe by construction (slugs, official codes, the
lexicon's IRIs).
"""
from __future__ import annotations

XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING = XSD + "string"


def escape(text: str) -> str:
    """A literal's text between its quotes (str.replace: several times faster than str.translate here; and
    looked for first, four times faster again on the text most literals are, which has none of them)."""
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return text


def iri(value: str) -> str:
    return f"<{value}>"


def literal(text: str, lang: str = "", datatype: str = "") -> str:
    """A literal: a language-tagged string, a typed value, or a plain string (xsd:string is not written)."""
    quoted = f'"{escape(text)}"'
    if lang:
        return f"{quoted}@{lang}"
    if datatype and datatype != _STRING:
        return f"{quoted}^^<{datatype}>"
    return quoted


def typed(text: str, xsd_type: str) -> str:
    """A literal of an XML Schema type named by its local name ("integer", "date")."""
    return f'"{escape(text)}"^^<{XSD}{xsd_type}>'


def nt(term) -> str:
    """An rdflib term in N-Triples, for the writers that hold rdflib terms (query results, SHACL reports)."""
    from rdflib import BNode, Literal, URIRef
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, Literal):
        return literal(str(term), term.language or "", str(term.datatype or ""))
    if isinstance(term, BNode):
        raise ValueError("reform-kg names every node; a blank node here is a bug")
    raise TypeError(f"not an RDF term: {term!r}")

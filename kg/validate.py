"""SHACL validation (pyshacl) against ontology/shapes.ttl, reported one readable line per violation."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Namespace, URIRef

from kg.resources import ontology_files, shapes_file

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    focus: str
    label: str
    path: str
    message: str
    shape: str


@functools.lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    shapes = Graph().parse(shapes_file(), format="turtle")
    ontology = Graph()
    for path in ontology_files():
        if path.name == "reform.ttl":
            ontology.parse(path, format="turtle")
    return shapes, ontology


def validate(graph: Graph) -> list[Violation]:
    import pyshacl
    shapes, ontology = _shapes_and_ontology()
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                            allow_warnings=True, advanced=False)
    if conforms:
        return []
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        shape = results.value(result, SH.sourceShape)
        node_shape = next(iter(shapes.subjects(SH.property, shape)), shape) if shape is not None else None
        out.append(Violation(str(focus), str(graph.value(focus, RDFS.label) or ""),
                             _short(graph, path), str(results.value(result, SH.resultMessage) or ""),
                             _short(shapes, node_shape)))
    return sorted(set(out), key=lambda v: (v.focus, v.path, v.message))


def _short(graph: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except ValueError:
            return str(term)
    return str(term)


def report(violations: list[Violation], most: int = 20) -> str:
    lines = [f"Violation: {v.label or v.focus} <{v.focus}> {v.path}: {v.message} (shape {v.shape})\n"
             for v in violations[:most]]
    if len(violations) > most:
        lines.append(f"... and {len(violations) - most} more\n")
    return "".join(lines)

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
    head: str = ""          # "<focus> <path> ": where the N-Triples lines that break the shape start
    value: str = ""         # the offending value in N-Triples, when the shape names one


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
        value = results.value(result, SH.value)
        out.append(Violation(str(focus), str(graph.value(focus, RDFS.label) or ""),
                             _short(graph, path), str(results.value(result, SH.resultMessage) or ""),
                             _short(shapes, node_shape), *_nt(focus, path, value)))
    return sorted(set(out), key=lambda v: (v.focus, v.path, v.message))


def _nt(focus, path, value) -> tuple[str, str]:
    """(focus and path, value) in N-Triples, for finding the lines that break the shape."""
    from kg.emit.sink import nt
    if not isinstance(path, URIRef) or not isinstance(focus, URIRef):
        return "", ""
    try:
        return f"{nt(focus)} {nt(path)} ", nt(value) if value is not None else ""
    except (TypeError, ValueError):
        return f"{nt(focus)} {nt(path)} ", ""


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

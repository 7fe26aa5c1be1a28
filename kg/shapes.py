"""Documents whose facts break the SHACL shapes, set aside by the build (kg.corpus): the merged graph is
checked, each violation is traced to the documents that state the offending triple, those documents are left
out whole (what is written is what articles said, never half of it) and the rest is merged again. `--strict`
checks the whole graph instead, and refuses it on any violation.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from kg import runs as runs_module
from kg.errors import InputError, KgError

_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


class InvalidGraph(KgError):
    """What a build made breaks the SHACL shapes and --strict asked for all or nothing."""

    def __init__(self, message: str, report: str):
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class SetAside:
    """A document left out of the graph because its facts break the shapes."""
    path: str
    doc_id: str
    violations: list[dict]


def check(summary, kept: dict, workdir: Path, out_nt: Path, keep_graph: bool) -> None:
    """Validate the merged graph; set aside the documents whose facts break the shapes and merge again."""
    from kg import validate as shacl
    from kg.emit import new_graph

    for _ in range(3):     # a second pass only confirms: a document's facts never depend on another's
        graph = new_graph().parse(out_nt, format="nt")
        violations = shacl.validate(graph)
        if not violations:
            summary.validated = True
            summary.graph = graph if keep_graph else None
            return
        offenders = _offenders(violations, kept, graph)
        if not offenders:
            raise InvalidGraph(f"the graph breaks {len(violations)} SHACL constraint(s) that no single article "
                               "explains; this is a bug in reform-kg, please report it", shacl.report(violations))
        for task, found in sorted(offenders.items(), key=lambda kv: kv[0].doc_id):
            summary.set_aside.append(SetAside(task.path, task.doc_id, found))
            del kept[task]
        run = runs_module.write_run(workdir / f"set-aside-{len(summary.set_aside)}",
                                    {line.encode() for f in kept.values() for line in f.lines},
                                    {record.encode() for f in kept.values() for record in f.labels})
        summary.triples, summary.counts = runs_module.merge([run], out_nt)
        if not kept:
            raise InputError("no article could be built: every one breaks the SHACL shapes (" +
                             "; ".join(f"{s.path}: {s.violations[0]['shape']} {s.violations[0]['path']}"
                                       for s in summary.set_aside[:3]) + ")")
    raise InvalidGraph("the graph still breaks the SHACL shapes after setting documents aside; "
                       "this is a bug in reform-kg, please report it", "")


def check_whole(inputs: list[Path], summary, out_nt: Path, keep_graph: bool) -> None:
    """--strict: check the whole graph, whatever its size (slow above VALIDATE_IN_MEMORY, but asked for), and
    refuse it on any violation."""
    from kg import validate as shacl
    from kg.emit import new_graph
    graph = new_graph().parse(out_nt, format="nt")
    violations = shacl.validate(graph)
    if violations:
        raise InvalidGraph(f"{', '.join(map(str, inputs))}: not written (--strict): the graph breaks "
                           f"{len(violations)} SHACL constraint(s)", shacl.report(violations))
    summary.validated = True
    summary.graph = graph if keep_graph else None


def _offenders(violations, kept: dict, graph) -> dict:
    """The documents behind each violation, with those violations: the ones that state the offending triple;
    else (a missing value) the ones that state anything with the focus node and path; else about the focus
    node. Entities are shared (a ward, a model), so a document is blamed only for what it says itself."""
    stated: dict[str, set] = {}         # a line, its "<s> <p> " and its "<s> " -> the documents that state it
    for task, fragment in kept.items():
        labels = (f"{s} {_LABEL} {lit}" for s, _, lit in (r.rstrip("\n").split("\t", 2) for r in fragment.labels))
        for line in itertools.chain(fragment.lines, (f"{x} .\n" for x in labels)):
            subject, predicate, _ = line.split(" ", 2)
            for key in (line, f"{subject} {predicate} ", f"{subject} "):
                stated.setdefault(key, set()).add(task)
    found: dict = {}
    for v in violations:
        keys = [f"{v.head}{v.value} .\n" if v.head and v.value else "", v.head, f"<{v.focus}> "]
        blamed = next((stated[k] for k in keys if k in stated), set())
        for task in sorted(blamed, key=lambda t: t.doc_id):
            found.setdefault(task, []).append({"focus": v.focus, "label": v.label, "shape": v.shape, "path": v.path,
                                               "message": v.message, "sentence": _sentence(graph, v.focus)})
    return found


def _sentence(graph, focus: str) -> str:
    """The sentence a fact about `focus` was read from, as the evidence quotes it ("" when none)."""
    from rdflib import URIRef
    from kg.namespace import OA, RK
    evidence = graph.value(URIRef(focus), RK.evidence)
    if evidence is None:
        return ""
    sentence = graph.value(evidence, RK.sentence) or evidence
    return " ".join(str(graph.value(URIRef(f"{sentence}/quote"), OA.exact) or "").split())

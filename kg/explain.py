"""`reform-kg explain TERM`: the facts about an entity and the sentences behind each, read from the graph alone."""
from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg import lexicon
from kg.errors import KgError
from kg.text import label_key as norm
from kg.namespace import OA, RK
from kg.views.style import natural

_HIDDEN = {RDFS.label, RK.evidence, RK.source, SKOS.prefLabel, SKOS.altLabel, SKOS.inScheme}
_PLACE = {DCTERMS.identifier, RK.partOf, RK.validFrom, RK.validUntil, DCTERMS.isReplacedBy, RK.partlyReplacedBy}


def find(graph: Graph, term: str) -> list[URIRef]:
    """Entities whose IRI is `term`, else whose label is `term`, else whose label contains it."""
    if term.startswith(("http://", "https://", "urn:")):
        return [URIRef(term)] if (URIRef(term), None, None) in graph else []
    wanted = norm(term)
    labelled = [(s, norm(o)) for p in (RDFS.label, SKOS.prefLabel) for s, o in graph.subject_objects(p)
                if isinstance(s, URIRef) and (s, RDF.type, RK.Evidence) not in graph]
    exact = sorted({s for s, lab in labelled if lab == wanted})
    return exact or sorted({s for s, lab in labelled if wanted in lab})


def explain(graph: Graph, entity: URIRef) -> str:
    notes: dict[URIRef, int] = {}

    def cite(evidence) -> str:
        refs = [notes.setdefault(ev, len(notes) + 1) for ev in sorted(evidence)]
        return "  " + " ".join(f"[{n}]" for n in refs) if refs else ""

    lines = [f"{label(graph, entity)}  <{entity}>"]
    lines += [f"  a {label(graph, cls)}" for cls in sorted(graph.objects(entity, RDF.type))]
    place = _place_lines(graph, entity)
    lines += place
    for p, o in sorted(graph.predicate_objects(entity), key=lambda po: (po[0], natural(label(graph, po[1])), po[1])):
        if p not in _HIDDEN and p != RDF.type and not (place and p in _PLACE):
            lines.append(f"  {label(graph, p)}: {label(graph, o)}{cite(_because(graph, entity, p, o))}")
    for s, p in sorted(graph.subject_predicates(entity), key=lambda sp: (sp[1], natural(label(graph, sp[0])), sp[0])):
        if p not in _HIDDEN and p not in (RDF.subject, RDF.object) and (s, RDF.type, RK.Evidence) not in graph:
            lines.append(f"  ← {label(graph, s)} · {label(graph, p)}{cite(_because(graph, s, p, entity))}")
    for ev in sorted(graph.objects(entity, RK.evidence)):
        sentence = graph.value(ev, RK.sentence)
        rules = ", ".join(sorted(str(r) for r in graph.objects(ev, RK.rule)))
        found = f" by rule {rules}" if rules else ""
        lines.append(f"  read as “{_exact(graph, ev)}” {_where(graph, ev)}{found}{cite([sentence] if sentence else [])}")
    if notes:
        lines.append("  sentences:")
        lines += [f"  [{n}] “{_exact(graph, ev)}” {_where(graph, ev)}" for ev, n in notes.items()]
    return "\n".join(lines) + "\n"


def _place_lines(graph: Graph, place) -> list[str]:
    """An official unit's code, the areas it lies in, its dates, what it went into (wholly or in part) and,
    following every later merger the graph knows, the units it lies in today."""
    if (place, RK.partOf, None) not in graph and (place, DCTERMS.identifier, None) not in graph:
        return []
    code = graph.value(place, DCTERMS.identifier)
    chain, up = [], graph.value(place, RK.partOf)
    while up is not None and up not in chain and len(chain) < 5:
        chain.append(up)
        up = graph.value(up, RK.partOf)
    if code is not None:
        lines = [f"  official code (mã): {code}"]
    elif (place, RK.nameAmbiguous, None) in graph:
        lines = ["  official code (mã): none: the name fits more than one official unit there, so it is linked to none"]
    else:
        lines = ["  official code (mã): none in the data (a ward an earlier merger absorbed)"]
    if chain:
        lines.append("  part of (thuộc): " + " › ".join(_unit(graph, u) for u in chain))
    for p, name in ((RK.validFrom, "valid from (hiệu lực từ)"), (RK.validUntil, "valid until (hết hiệu lực từ)")):
        if graph.value(place, p) is not None:
            lines.append(f"  {name}: {graph.value(place, p)}")
    went = _successors(graph, place)
    if went:
        lines.append("  went into (nhập vào): " + "; ".join(f"{_unit(graph, u)}, {_part(p)}" for u, p in went))
        today = _today(graph, place)
        if set(today) != {u for u, _ in went}:
            lines.append("  today (nay thuộc): " + "; ".join(f"{_unit(graph, u)}, {_part(p)}" for u, p in sorted(today.items())))
    return lines


def _successors(graph: Graph, place) -> list[tuple]:
    return [(u, (place, RK.partlyReplacedBy, u) in graph) for u in sorted(graph.objects(place, DCTERMS.isReplacedBy))]


def _today(graph: Graph, place) -> dict:
    """The units with no successor that `place` went into, through every step; partly if any step was partial."""
    found, todo, seen = {}, [(place, False)], set()
    while todo:
        unit, partly = todo.pop()
        nxt = _successors(graph, unit) if unit not in seen else []
        seen.add(unit)
        if not nxt and unit != place:
            found[unit] = found.get(unit, True) and partly
        todo += [(u, partly or p) for u, p in nxt]
    return found


def _unit(graph: Graph, unit) -> str:
    notes = [str(n) for n in (graph.value(unit, DCTERMS.identifier),) if n is not None]
    notes += [f"from {since}" for since in (graph.value(unit, RK.validFrom),) if since is not None]
    return label(graph, unit) + (f" ({', '.join(notes)})" if notes else "")


def _part(partly: bool) -> str:
    return "part (một phần)" if partly else "whole (toàn bộ)"


def _because(graph: Graph, s, p, o) -> list:
    """The evidence of the statement that s p o."""
    return [ev for stmt in graph.subjects(RDF.subject, s)
            if (stmt, RDF.predicate, p) in graph and (stmt, RDF.object, o) in graph
            for ev in graph.objects(stmt, RK.evidence)]


def _exact(graph: Graph, ev) -> str:
    for sel in graph.objects(ev, OA.hasSelector):
        exact = graph.value(sel, OA.exact)
        if exact is not None:
            return " ".join(str(exact).split())
    return ""


def _where(graph: Graph, ev) -> str:
    doc = graph.value(ev, OA.hasSource)
    start = end = None
    for sel in graph.objects(ev, OA.hasSelector):
        start = graph.value(sel, OA.start) if start is None else start
        end = graph.value(sel, OA.end) if end is None else end
    name = graph.value(doc, DCTERMS.identifier) or doc
    return f"({name}, characters {start}–{end})"


def label(graph: Graph, term) -> str:
    if isinstance(term, Literal):
        return str(term)
    for source in (graph, lexicon.load().graph):
        for p in (RDFS.label, SKOS.prefLabel):
            labels = {o.language: str(o) for o in source.objects(term, p) if isinstance(o, Literal)}
            if labels:
                vi, en = labels.get("vi"), labels.get("en")
                if source is not graph and vi and en and p == RDFS.label:
                    return f"{en} ({vi})"
                return vi or en or next(iter(labels.values()))
    return str(term)


def explain_term(graph: Graph, term: str, limit: int = 5) -> str:
    if not norm(term):
        raise KgError("give a name, part of a name, or an IRI to explain (the term is empty)")
    found = find(graph, term)
    if not found:
        raise KgError(f"nothing in the graph is called {term!r}; try part of a label, or an IRI")
    more = f"\n({len(found) - limit} more match {term!r}; give an IRI to choose)\n" if len(found) > limit else ""
    return "\n".join(explain(graph, e) for e in found[:limit]) + more

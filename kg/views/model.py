"""The one networkx graph every view draws and every graph export writes: places and the models they run,
optionally with the agencies and procedures of each model, filtered by kind, place or document."""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
from rdflib import URIRef

from kg import queries
from kg.text import label_key as norm
from kg.views import places as place_facts
from kg.views.places import PARTLY

LAYERS = ("agencies", "procedures")


@dataclass
class Filters:
    kinds: tuple[str, ...] = ()        # kind slugs or labels
    places: tuple[str, ...] = ()       # place IRIs or labels
    documents: tuple[str, ...] = ()    # document IRIs or identifiers
    layers: tuple[str, ...] = field(default=())
    every_ward: bool = False           # a model run in every ward of a district: an edge to each ward, not one to the district


def model(graph, filters: Filters | None = None) -> nx.Graph:
    """Nodes are IRIs with a `type` (place, initiative, agency, procedure) and a `label`; initiatives carry
    `kinds` (slugs, "; "-joined, main kind first), `kind_labels`, `documents`, and the text of their tooltip."""
    filters = filters or Filters()
    g = nx.Graph()
    rows, wards = _place_rows(graph, filters.every_ward or bool(filters.places))   # a ward filter finds every-ward models
    about = place_facts.gather(graph)
    for row in rows:
        place, initiative = str(row.place or ""), str(row.initiative)    # no place: the graph places the model nowhere
        if place and place not in g:
            g.add_node(place, type="place", label=str(row.placeLabel), **_place_attributes(about.get(place)))
        node = g.nodes[initiative] if initiative in g else _new_initiative(g, initiative, str(row.initiativeLabel))
        if row.kind is not None:
            node["_kinds"][_slug(row.kind)] = str(row.kindLabel)
        if row.document is not None:
            node["_documents"].add(str(row.document))
        if place:
            g.add_edge(place, initiative, relation="runsInAllWardsOf" if row.allWards is not None else "runsIn")
    for (initiative, district), each in wards.items():
        if g.has_edge(district, initiative):
            g.edges[district, initiative]["wards"] = "; ".join(sorted(each))   # the page can expand the link
    _check_kinds(filters.kinds, g)
    facts = _facts(graph)
    for initiative in [n for n, d in g.nodes(data=True) if d["type"] == "initiative"]:
        _finish(g, initiative, facts.get(initiative, []), filters)
    _apply(g, filters)
    return g


def unplaced(g: nx.Graph) -> list[str]:
    """The models linked to no place: the graph says nowhere where they run. The pages, which draw models
    against places, leave them out and say how many; the exports keep them."""
    return sorted(n for n, d in g.nodes(data=True) if d["type"] == "initiative"
                  and not any(g.nodes[m]["type"] == "place" for m in g.neighbors(n)))


def drawable(g: nx.Graph) -> tuple[nx.Graph, str]:
    """What a page draws: the graph without the models linked to no place (nor the agencies and procedures
    only they had), and the line that says how many were left out ("" if none)."""
    left = unplaced(g)
    note = f"{len(left)} mô hình chưa rõ địa bàn không được vẽ · {len(left)} model{'s' if len(left) > 1 else ''} with no place not drawn"
    return (_placed(g, set(left)), note) if left else (g, "")


def _placed(g: nx.Graph, gone: set[str]) -> nx.Graph:
    gone |= {n for n in g if g.nodes[n]["type"] not in ("place", "initiative") and set(g.neighbors(n)) <= gone}
    kept = g.copy()                    # (a subgraph view would iterate in set order)
    kept.remove_nodes_from(sorted(gone))
    return kept


def _check_kinds(kinds: tuple[str, ...], g: nx.Graph) -> None:
    """A kind filter names a kind the bundled vocabulary or the graph knows (by slug or Vietnamese name); else
    one line that lists the known kinds, rather than an empty page."""
    if not kinds:
        return
    from kg.errors import QueryError
    from kg.views.style import kinds_in_order
    known = dict(vocabulary_kinds())
    for d in (d for _, d in g.nodes(data=True) if d["type"] == "initiative"):
        known.update(d["_kinds"])
    names = {norm(k) for item in known.items() for k in item}
    for wanted in kinds:
        if norm(wanted) not in names:
            raise QueryError(f"unknown kind {wanted!r}; known kinds: " + ", ".join(k for k, _ in kinds_in_order(known)))


def vocabulary_kinds() -> dict[str, str]:
    """The kinds of model the bundled vocabulary knows: slug to Vietnamese name."""
    from rdflib import RDF

    from kg import lexicon
    from kg.namespace import RK
    lex = lexicon.load()
    return {_slug(k): lex.label(k) for k in lex.graph.subjects(RDF.type, RK.InitiativeKind)}


def _place_attributes(p: dict | None) -> dict:
    """A place node's level (kg.views.style.PLACE_LEVELS), official code, parents and successors, as text (GraphML
    keeps strings), and `about`, the lines the pages show on hover."""
    if p is None:
        return {"level": "Place", "code": "", "partOf": "", "replacedBy": "", "about": ""}
    return {"level": p["level"], "code": p["code"], "partOf": " › ".join(label for _, label in p["parents"]),
            "replacedBy": "; ".join(f"{label} ({PARTLY[partly]})" for _, label, partly in p["successors"]),
            "about": p["summary"]}


def _place_rows(graph, every_ward: bool) -> tuple[list, dict]:
    """The rows of place-initiatives to draw: a model run in every ward of a district once at the district,
    or (every_ward) at each of its wards the graph knows, falling back to the district when it knows none;
    and those wards, by (model, district)."""
    rows = list(queries.run(graph, queries.find("place-initiatives")))
    wards: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        if r.viaDistrict is not None:
            wards.setdefault((str(r.initiative), str(r.viaDistrict)), set()).add(str(r.place))
    if not every_ward:
        return [r for r in rows if r.viaDistrict is None], wards
    return [r for r in rows if r.allWards is None or (str(r.initiative), str(r.place)) not in wards], {}


def _new_initiative(g: nx.Graph, iri: str, label: str) -> dict:
    g.add_node(iri, type="initiative", label=label, _kinds={}, _documents=set())
    return g.nodes[iri]


def _facts(graph) -> dict[str, list]:
    out: dict[str, list] = {}
    for row in queries.run(graph, queries.find("initiative-facts")):
        out.setdefault(str(row.initiative), []).append((str(row.fact), row.node, str(row.value or ""), row.role))
    return out


def _finish(g: nx.Graph, initiative: str, facts: list, filters: Filters) -> None:
    from kg.views.style import kinds_in_order
    node = g.nodes[initiative]
    order = kinds_in_order(node.pop("_kinds"))
    node["kinds"] = "; ".join(k for k, _ in order)
    node["kind_labels"] = "; ".join(lab for _, lab in order)
    node["documents"] = "; ".join(sorted(node.pop("_documents")))
    every = " (mọi phường · every ward)"
    places = sorted(g.nodes[p]["label"] + (every if g.edges[p, initiative]["relation"] == "runsInAllWardsOf" else "")
                    for p in g.neighbors(initiative))
    by_fact: dict[str, list[str]] = {}
    for fact, other, value, role in facts:
        by_fact.setdefault(fact, []).append(f"{value} ({role})" if role else value)
        layer = {"agency": "agencies", "procedure": "procedures"}.get(fact)
        if layer in filters.layers and isinstance(other, URIRef):
            g.add_node(str(other), type=fact, label=value)
            g.add_edge(initiative, str(other), relation=str(role) if role else fact)
    lines = [node["label"], "Loại: " + (node["kind_labels"] or "—"), "Địa bàn: " + (", ".join(places) or "—")]
    for fact, title in (("agency", "Cơ quan"), ("procedure", "Thủ tục"), ("metric", "Số liệu")):
        if fact in by_fact:
            lines.append(f"{title}: " + "; ".join(sorted(set(by_fact[fact]))))
    lines += [""] + ["Nguồn: " + s for s in sorted(set(by_fact.get("sentence", [])))[:3]]
    node["tooltip"] = "\n".join(lines)


def _apply(g: nx.Graph, filters: Filters) -> None:
    """Keep the models that pass every filter, and the places, agencies and procedures linked to them."""
    keep = {n for n, d in g.nodes(data=True) if d["type"] == "initiative"}
    if filters.kinds:
        wanted = {norm(k) for k in filters.kinds}
        keep = {n for n in keep if wanted & {norm(k) for k in g.nodes[n]["kinds"].split("; ") + g.nodes[n]["kind_labels"].split("; ")}}
    if filters.places:
        wanted = {norm(p) for p in filters.places}
        keep = {n for n in keep if any(norm(p) in wanted or norm(g.nodes[p]["label"]) in wanted for p in g.neighbors(n)
                                       if g.nodes[p]["type"] == "place")}
    if filters.documents:
        wanted = {norm(d) for d in filters.documents}
        keep = {n for n in keep if any(norm(d) in wanted or norm(d.rsplit("/", 1)[-1]) in wanted
                                       for d in g.nodes[n]["documents"].split("; "))}
    linked = {m for n in keep for m in g.neighbors(n)}
    g.remove_nodes_from([n for n in list(g.nodes) if n not in keep and n not in linked])


def _slug(iri) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def from_select(result) -> nx.Graph:
    """Draw a SELECT result: an edge between the first two IRI columns of each row, labelled by their
    `<name>Label` columns when the query has them."""
    names = [str(v) for v in result.vars]
    g = nx.Graph()
    for row in result:
        values = dict(zip(names, row))
        iris = [n for n in names if isinstance(values[n], URIRef)]
        if len(iris) < 2:
            continue
        a, b = iris[:2]
        for name in (a, b):
            label = values.get(name + "Label")
            g.add_node(str(values[name]), type="place" if name in ("ward", "place") else "initiative",
                       label=str(label) if label is not None else _slug(values[name]), level="Ward",
                       kinds=_slug(values["kind"]) if name == "initiative" and isinstance(values.get("kind"), URIRef) else "",
                       kind_labels=str(values.get("kind") or "") if name == "initiative" else "", documents="",
                       tooltip=str(label or values[name]))
        g.add_edge(str(values[a]), str(values[b]), relation="row")
    return g


def export(g: nx.Graph, fmt: str) -> bytes:
    """GraphML or GEXF for Gephi, yEd and Cytoscape: the same nodes and edges the page draws."""
    import io
    import re
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf, encoding="utf-8")
        return buf.getvalue()
    text = "\n".join(nx.generate_gexf(g, encoding="utf-8")) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text).encode("utf-8")   # today's date would break reproducibility

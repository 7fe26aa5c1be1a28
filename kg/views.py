"""Views of the graph: a networkx model of places and the models they run, drawn as one offline HTML page.

The page is self-contained: vis-network is inlined from pyvis's own copy, there is no CDN link, and a
Content-Security-Policy forbids any request. All article text reaches the page through Jinja's
autoescaping or `tojson`, and vis-network shows string tooltips as text, so a label can never run script.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg import queries
from kg.namespace import RK, SCHEMA

KIND_COLORS = {  # one colour per kind, in the order a model's main kind is chosen
    "one-stop-shop": "#e4572e", "interconnection": "#f3a712", "online-service": "#29335c", "time-reduction": "#669bbc",
    "home-service": "#a8c686", "extended-hours": "#8e44ad", "digitisation": "#17becf", "digital-map": "#0b7a75",
    "communication": "#d4a5a5", "sms": "#c0392b", "e-office": "#2c3e50", "e-portal": "#7f8c8d",
    "assistance": "#27ae60", "feedback": "#f39c12", "service-culture": "#b07aa1",
}
OTHER_COLOR = "#bcccdc"
PLACE_SHAPES = {RK.Ward: ("dot", "●", "Phường · Ward"), RK.Commune: ("triangle", "▲", "Xã · Commune"),
                RK.Township: ("diamond", "◆", "Thị trấn · Township"), RK.District: ("square", "■", "Quận, huyện · District"),
                RK.City: ("star", "★", "Thành phố · City")}
SEED = 7


def model(graph: Graph) -> nx.Graph:
    """Places and initiatives as nodes, "runs in" as edges; attributes carry labels and kinds."""
    result = queries.run(graph, queries.find("place-initiatives"))
    g = nx.Graph()
    for row in result:
        place, initiative = str(row.place), str(row.initiative)
        g.add_node(place, kind="place", label=str(row.placeLabel), level=str(row.placeClass))
        if initiative not in g:
            g.add_node(initiative, kind="initiative", label=str(row.initiativeLabel), kinds={}, documents=set())
        if row.kind is not None:
            g.nodes[initiative]["kinds"][_slug(row.kind)] = str(row.kindLabel)
        if row.document is not None:
            g.nodes[initiative]["documents"].add(str(row.document))
        g.add_edge(place, initiative)
    return g


def _slug(iri) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _kinds_in_order(kinds: dict[str, str]) -> list[str]:
    return sorted(kinds, key=lambda k: (list(KIND_COLORS).index(k) if k in KIND_COLORS else len(KIND_COLORS), k))


def _documents(graph: Graph) -> list[dict]:
    docs = []
    for d in sorted(graph.subjects(RDF.type, RK.Document)):
        title = graph.value(d, DCTERMS.title) or graph.value(d, DCTERMS.identifier) or d
        docs.append({"title": str(title), "url": str(graph.value(d, SCHEMA.url) or "")})
    return docs


def page(graph: Graph, title: str = "Phường nào triển khai mô hình nào · Which wards run which models") -> str:
    from pyvis.network import Network

    g = model(graph)
    net = Network(height="100%", width="100%", cdn_resources="in_line")
    used_kinds: dict[str, str] = {}
    for node in sorted(g.nodes):
        data, degree = g.nodes[node], g.degree(node)
        size = min(12 + 2 * degree, 36)
        if data["kind"] == "place":
            shape = PLACE_SHAPES.get(URIRef(data["level"]), ("dot", "●", ""))[0]
            net.add_node(node, label=data["label"], title=f"{data['label']}\n{degree} mô hình", shape=shape,
                         size=size, color={"background": "#ffffff", "border": "#334e68"}, borderWidth=3,
                         font={"size": 16, "strokeWidth": 3, "strokeColor": "#ffffff"})
            continue
        order = _kinds_in_order(data["kinds"])
        used_kinds.update(data["kinds"])
        fill = KIND_COLORS.get(order[0], OTHER_COLOR) if order else OTHER_COLOR
        border = KIND_COLORS.get(order[1], OTHER_COLOR) if len(order) > 1 else fill
        places = sorted(g.nodes[p]["label"] for p in g.neighbors(node))
        tip = "\n".join([data["label"], "Loại: " + (", ".join(data["kinds"][k] for k in order) or "—"),
                         "Địa bàn: " + ", ".join(places)])
        net.add_node(node, label=_short(data["label"]), title=tip, shape="dot", size=size,
                     color={"background": fill, "border": border}, borderWidth=4 if border != fill else 1)
    for a, b in sorted(g.edges):
        net.add_edge(a, b, color="#9fb3c8")
    nodes, edges, _heading, _h, _w, _options = net.get_network_data()
    options = {"layout": {"randomSeed": SEED, "improvedLayout": len(nodes) < 300},
               "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 600, "fit": True},
                           "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110}},
               "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
               "nodes": {"font": {"face": "Segoe UI, Noto Sans, Arial"}}, "edges": {"smooth": False}}
    kinds = [{"label": used_kinds[k], "color": KIND_COLORS.get(k, OTHER_COLOR)} for k in _kinds_in_order(used_kinds)]
    levels = {URIRef(g.nodes[n]["level"]) for n in g.nodes if g.nodes[n]["kind"] == "place"}
    shapes = [{"symbol": sym, "label": lab} for cls, (_, sym, lab) in PLACE_SHAPES.items() if cls in levels]
    n_places = sum(1 for n in g.nodes if g.nodes[n]["kind"] == "place")
    subtitle = f"{n_places} địa bàn · {g.number_of_nodes() - n_places} mô hình · {g.number_of_edges()} liên kết"
    return _template().render(title=title, subtitle=subtitle, nodes=nodes, edges=edges, options=options,
                              kinds=kinds, shapes=shapes, documents=_documents(graph))


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"


def _template() -> jinja2.Template:
    import pyvis
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                                  jinja2.FileSystemLoader(str(Path(pyvis.__file__).parent / "templates"))])
    env = jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env.get_template("network.html")

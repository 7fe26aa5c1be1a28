"""The network page: places and the models they run, drawn with pyvis into one offline HTML file.

vis-network is inlined from pyvis's own copy; there is no CDN link and a Content-Security-Policy forbids
every request. Article text reaches the page only through Jinja's autoescaping or `tojson`, and
vis-network shows a string tooltip as text (it sets innerText), so a label can never run script.

Readable by construction: places are boxes with their name inside, models are marks of their kind (colour
and shape) with a wrapped, shortened name under them (the full text on hover); once the layout settles the
page moves nodes apart until no two labels overlap (network.html, `declutter`), and opens at a zoom where
the smallest label is at least 12 px.
"""
from __future__ import annotations

import networkx as nx

from kg.views.style import (INK, LAYER_STYLE, NO_KIND, OTHER_COLOR, PLACE_LEVELS, kind_color, kind_shape,
                            kinds_in_order, place_legend, template)

SEED = 7
BIG = 300          # above this many nodes: no clustering pass, fewer stabilisation iterations, no declutter
FONT = {"place": 15, "initiative": 14, "agency": 13, "procedure": 13}
WRAP = {"place": 200, "initiative": 170, "agency": 150, "procedure": 150}   # label width in px before it wraps


def page(g: nx.Graph, title: str, documents: list[dict], note: str = "", home: str = "") -> str:
    from pyvis.network import Network

    from kg.views.model import drawable
    g, left_out = drawable(g)

    net = Network(height="100%", width="100%", cdn_resources="in_line")
    used: dict[str, str] = {}
    for node in sorted(g.nodes):
        net.add_node(node, **_node_style(g, node, used))
    for a, b in sorted(tuple(sorted(e)) for e in g.edges):
        every = g.edges[a, b].get("relation") == "runsInAllWardsOf"
        net.add_edge(a, b, color="#627D98" if every else "#9FB3C8", dashes=every, width=2 if every else 1,
                     **({"linkTo": "district"} if every else {}))
        model = b if g.nodes[b]["type"] == "initiative" else a
        for ward in [w for w in g.edges[a, b].get("wards", "").split("; ") if w in g] if every else []:
            net.add_edge(ward, model, color="#627D98", dashes=True, hidden=True, physics=False, linkTo="ward")
    nodes, edges, *_ = net.get_network_data()
    n_places = sum(1 for _, d in g.nodes(data=True) if d["type"] == "place")
    n_models = sum(1 for _, d in g.nodes(data=True) if d["type"] == "initiative")
    subtitle = " · ".join([f"{n_places} địa bàn · {n_models} mô hình · {g.number_of_edges()} liên kết"] + [t for t in (left_out, note) if t])
    return template("network.html").render(title=title, subtitle=subtitle, nodes=nodes, edges=edges,
                                           options=_options(len(nodes) > BIG), legend=_legend(g, used),
                                           documents=documents, min_font=min(FONT.values()), declutter=len(nodes) <= BIG,
                                           home=home)


def _node_style(g: nx.Graph, node: str, used: dict[str, str]) -> dict:
    data, degree, kind = g.nodes[node], g.degree(node), g.nodes[node]["type"]
    common = {"title": data.get("tooltip") or data["label"], "font": {"size": FONT.get(kind, 13)},
              "widthConstraint": {"maximum": WRAP.get(kind, 150)}}
    if kind == "place":
        shape, fill, ink, _ = PLACE_LEVELS.get(data.get("level"), PLACE_LEVELS["Ward"])
        about = data.get("about") or data["label"]
        return {**common, "label": data["label"], "title": data.get("tooltip") or f"{about}\n{degree} mô hình",
                "shape": shape, "color": {"background": fill, "border": INK}, "borderWidth": 2,
                "font": {"size": FONT["place"], "color": ink, "strokeWidth": 0}, "margin": 6, "mass": 2}
    if kind == "initiative":
        slugs = [k for k in data.get("kinds", "").split("; ") if k]
        used.update(zip(slugs, [k for k in data.get("kind_labels", "").split("; ") if k]))
        if not slugs:
            used[""] = NO_KIND
        fill = kind_color(slugs[0] if slugs else "")
        border = kind_color(slugs[1]) if len(slugs) > 1 else "#52606D"
        return {**common, "label": _short(data["label"]), "shape": kind_shape(slugs[0] if slugs else "")[0],
                "size": min(9 + 2 * degree, 24), "color": {"background": fill, "border": border},
                "borderWidth": 4 if len(slugs) > 1 else 1}
    shape, color, _, _ = LAYER_STYLE[kind]
    return {**common, "label": _short(data["label"], 60), "shape": shape, "color": {"background": color, "border": "#9FB3C8"}}


def _options(big: bool) -> dict:
    return {"layout": {"randomSeed": SEED, "improvedLayout": not big},
            "physics": {"solver": "forceAtlas2Based",
                        "stabilization": {"enabled": True, "iterations": 250 if big else 600, "updateInterval": 50, "fit": True},
                        "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 90, "avoidOverlap": 0.6, "centralGravity": 0.05}},
            "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "keyboard": {"enabled": True}},
            "nodes": {"font": {"face": "Segoe UI, Noto Sans, Arial", "strokeWidth": 3, "strokeColor": "#ffffff"}},
            "edges": {"smooth": False}}


def _legend(g: nx.Graph, used: dict[str, str]) -> dict:
    types = {d["type"] for _, d in g.nodes(data=True)}
    levels = {d.get("level") for _, d in g.nodes(data=True) if d["type"] == "place"}
    looks: dict[tuple[str, str], list[str]] = {}     # one entry per look: another kind and no kind are both grey dots
    for k, lab in kinds_in_order(used):
        if k:
            looks.setdefault((kind_color(k), kind_shape(k)[0]), []).append(lab)
    if "" in used:
        looks.setdefault((OTHER_COLOR, "dot"), []).append(NO_KIND)
    kinds = [{"label": " / ".join(labels), "color": color, "shape": shape} for (color, shape), labels in looks.items()]
    every = any(d.get("relation") == "runsInAllWardsOf" for _, _, d in g.edges(data=True))
    return {"kinds": kinds, "every_ward": every,
            "places": place_legend(levels),
            "layers": [{"symbol": sym, "label": lab} for t, (_, _, sym, lab) in LAYER_STYLE.items() if t in types]}


def _short(label: str, limit: int = 64) -> str:
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"

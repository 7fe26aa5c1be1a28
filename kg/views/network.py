"""The network page: places and the models they run, drawn with pyvis into one offline HTML file.

vis-network is inlined from pyvis's own copy; there is no CDN link and a Content-Security-Policy forbids
every request. Article text reaches the page only through Jinja's autoescaping or `tojson`, and
vis-network shows a string tooltip as text (it sets innerText), so a label can never run script.
"""
from __future__ import annotations

import networkx as nx

from kg.views.style import LAYER_STYLE, OTHER_COLOR, PLACE_SHAPES, kind_color, kinds_in_order, template

SEED = 7
BIG = 300          # above this many nodes: no clustering pass, fewer stabilisation iterations


def page(g: nx.Graph, title: str, documents: list[dict], note: str = "") -> str:
    from pyvis.network import Network

    net = Network(height="100%", width="100%", cdn_resources="in_line")
    used: dict[str, str] = {}
    for node in sorted(g.nodes):
        data, degree = g.nodes[node], g.degree(node)
        kind = data["type"]
        if kind == "place":
            net.add_node(node, label=data["label"], title=data.get("tooltip") or f"{data['label']}\n{degree} mô hình",
                         shape=PLACE_SHAPES.get(data.get("level"), PLACE_SHAPES["Ward"])[0], size=min(12 + 2 * degree, 36),
                         color={"background": "#ffffff", "border": "#334e68"}, borderWidth=3,
                         font={"size": 16, "strokeWidth": 3, "strokeColor": "#ffffff"})
        elif kind == "initiative":
            slugs = [k for k in data.get("kinds", "").split("; ") if k]
            labels = [k for k in data.get("kind_labels", "").split("; ") if k]
            used.update(zip(slugs, labels))
            fill = kind_color(slugs[0]) if slugs else OTHER_COLOR
            border = kind_color(slugs[1]) if len(slugs) > 1 else fill
            net.add_node(node, label=_short(data["label"]), title=data.get("tooltip", data["label"]), shape="dot",
                         size=min(10 + 2 * degree, 32), color={"background": fill, "border": border},
                         borderWidth=4 if border != fill else 1)
        else:
            shape, color, _, _ = LAYER_STYLE[kind]
            net.add_node(node, label=_short(data["label"], 30), title=data["label"], shape=shape, color=color,
                         font={"size": 12})
    for a, b in sorted(tuple(sorted(e)) for e in g.edges):
        net.add_edge(a, b, color="#9fb3c8")
    nodes, edges, *_ = net.get_network_data()
    big = len(nodes) > BIG
    options = {"layout": {"randomSeed": SEED, "improvedLayout": not big},
               "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 250 if big else 600,
                                                                           "updateInterval": 50, "fit": True},
                           "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4}},
               "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big},
               "nodes": {"font": {"face": "Segoe UI, Noto Sans, Arial"}}, "edges": {"smooth": False}}
    types = {d["type"] for _, d in g.nodes(data=True)}
    levels = {d.get("level") for _, d in g.nodes(data=True) if d["type"] == "place"}
    legend = {
        "kinds": [{"label": lab, "color": kind_color(k)} for k, lab in kinds_in_order(used)],
        "shapes": [{"symbol": sym, "label": lab} for lvl, (_, sym, lab) in PLACE_SHAPES.items() if lvl in levels]
        + [{"symbol": sym, "label": lab} for t, (_, _, sym, lab) in LAYER_STYLE.items() if t in types],
    }
    n_places = sum(1 for _, d in g.nodes(data=True) if d["type"] == "place")
    n_models = sum(1 for _, d in g.nodes(data=True) if d["type"] == "initiative")
    subtitle = f"{n_places} địa bàn · {n_models} mô hình · {g.number_of_edges()} liên kết" + (f" · {note}" if note else "")
    return template("network.html").render(title=title, subtitle=subtitle, nodes=nodes, edges=edges, options=options,
                                           legend=legend, documents=documents)


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"

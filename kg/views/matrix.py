"""The matrix page: places as rows, models as columns grouped by kind (one-stop shop and interconnection
first), a mark where a place runs a model; sortable by place, by number of models, or by any model."""
from __future__ import annotations

import networkx as nx

from kg.views.style import (NO_KIND, kind_color, kind_rank, kind_shape, level_rank, natural, template,
                            text_on)

def page(g: nx.Graph, title: str, documents: list[dict], home: str = "") -> str:
    from kg.views.model import drawable
    g, left_out = drawable(g)
    places = sorted((n for n, d in g.nodes(data=True) if d["type"] == "place"),
                    key=lambda n: (level_rank(g.nodes[n].get("level")), natural(g.nodes[n]["label"]), n))
    groups: dict[str, dict] = {}
    for n, d in g.nodes(data=True):
        if d["type"] != "initiative":
            continue
        slugs = [k for k in d.get("kinds", "").split("; ") if k]
        labels = [k for k in d.get("kind_labels", "").split("; ") if k]
        main, main_label = (slugs[0], labels[0]) if slugs else ("", NO_KIND)
        color = kind_color(main)
        group = groups.setdefault(main, {"label": main_label, "color": color, "ink": text_on(color),
                                         "symbol": kind_shape(main)[1], "models": []})
        group["models"].append({"iri": n, "label": d["label"], "tooltip": d.get("tooltip", d["label"])})
    ordered = [groups[k] for k in sorted(groups, key=kind_rank)]
    columns = []
    for group in ordered:
        group["models"].sort(key=lambda m: (natural(m["label"]), m["iri"]))
        for m in group["models"]:
            m["col"] = len(columns)
            columns.append((m, group))
    rows = []
    for order, p in enumerate(places):
        cells = [{"label": m["label"], "color": group["color"], "symbol": group["symbol"]} if g.has_edge(p, m["iri"]) else None for m, group in columns]
        rows.append({"label": g.nodes[p]["label"], "about": g.nodes[p].get("about") or g.nodes[p]["label"],
                     "code": g.nodes[p].get("code", ""), "order": order, "count": sum(1 for c in cells if c), "cells": cells})
    subtitle = " · ".join([f"{len(places)} địa bàn · {len(columns)} mô hình"] + ([left_out] if left_out else []))
    return template("matrix.html").render(title=title, subtitle=subtitle, groups=ordered, rows=rows, documents=documents,
                                          home=home)

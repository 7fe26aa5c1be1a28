"""What every view says about a place, read from the graph through the bundled `places` query: its level (from
the one style table, kg.views.style.PLACE_LEVELS), official code, the areas it lies in, when it ended, and the
units that replaced it, wholly or in part. The network and matrix pages show it on hover, the site on the
place's page."""
from __future__ import annotations

from kg import queries, results
from kg.views.style import PLACE_LEVELS, level_rank, natural


def rows(graph, name: str) -> list[dict]:
    """A bundled query's rows as {column: text or None}."""
    names, values = results.rows(queries.run(graph, queries.find(name)))
    return [{n: (None if v is None else str(v)) for n, v in zip(names, row)} for row in values]


def level(classes) -> str:
    """A place's level: the most specific of its classes that has a style (a city that is a province is a
    city), else Place."""
    styled = [c for c in classes if c in PLACE_LEVELS]
    return max(styled, key=level_rank) if styled else "Place"


def gather(graph) -> dict[str, dict]:
    return from_rows(rows(graph, "places"))


def from_rows(found: list[dict]) -> dict[str, dict]:
    places: dict[str, dict] = {}
    for r in found:
        p = places.setdefault(r["place"], {"iri": r["place"], "label": r["placeLabel"], "classes": set(), "parent": None,
                                           "province": None, "code": r["code"] or "", "until": r["validUntil"] or "",
                                           "successors": {}, "models": []})
        p["classes"].add(r["placeClass"].rsplit("#", 1)[-1])
        if r["parent"]:
            p["parent"] = (r["parent"], r["parentLabel"])
        if r["province"]:
            p["province"] = (r["province"], r["provinceLabel"])
        if r["successor"]:
            p["successors"][r["successor"]] = (r["successorLabel"], r["partly"] == "true")
    for p in places.values():
        p["level"] = level(p["classes"])
        p["level_label"] = PLACE_LEVELS.get(p["level"], PLACE_LEVELS["Ward"])[3] if p["level"] != "Place" else "Địa bàn · Place"
        chain, seen, up = [], {p["iri"]}, p["parent"]
        while up and up[0] not in seen:              # the areas it lies in, nearest first
            chain.append(up)
            seen.add(up[0])
            up = places[up[0]]["parent"] if up[0] in places else None
        p["parents"] = chain
        p["successors"] = sorted(((iri, label, partly) for iri, (label, partly) in p["successors"].items()),
                                 key=lambda s: (natural(s[1] or ""), s[0]))
        p["summary"] = "\n".join(describe(p))
    return places


PARTLY = {True: "một phần · part", False: "toàn bộ · whole"}


def describe(p: dict) -> list[str]:
    """The lines a tooltip shows: "Phường 1 · mã 27298", the areas it lies in, when it ended and what it went into."""
    lines = [p["label"] + (f" · mã {p['code']}" if p["code"] else "")]
    if p["parents"]:
        lines.append("Thuộc · in: " + " › ".join(label for _, label in p["parents"]))
    if p["until"]:
        lines.append(f"Hết hiệu lực từ · ended {p['until']}")
    if p["successors"]:
        lines.append("Nhập vào · went into: " + "; ".join(f"{label} ({PARTLY[partly]})" for _, label, partly in p["successors"]))
    return lines

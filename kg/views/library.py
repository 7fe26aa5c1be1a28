"""The case library's records, read from the graph through the bundled queries only: one dict per initiative,
place, agency and kind, with what its page shows. kg.views.site writes them as pages and CSV/JSON listings."""
from __future__ import annotations

from kg.text import fold
from kg.views import places as place_facts
from kg.views.places import rows as _rows
from kg.views.style import PLACE_LEVELS, kind_color, kind_rank, kind_shape, level_rank, natural

LEVEL_LABELS = {level: style[3] for level, style in PLACE_LEVELS.items()}      # level: its label
ROLES = {"chủ trì": "chủ trì · lead", "phối hợp": "phối hợp · partner", "tham gia": "tham gia · takes part"}


def gather(graph) -> dict:
    documents = {r["document"]: r for r in _rows(graph, "documents")}
    places = place_facts.gather(graph)
    kinds = {r["kind"]: {"iri": r["kind"], "label": r["kindLabel"], "label_en": r["kindLabelEn"] or "",
                         "slug": r["kind"].rstrip("/").rsplit("/", 1)[-1], "models": []} for r in _rows(graph, "kinds")}
    for k in kinds.values():
        k.update(color=kind_color(k["slug"]), shape=kind_shape(k["slug"])[0])
    models: dict[str, dict] = {}
    via: set[tuple[str, str, str]] = set()          # (ward, model, district): the model runs in every ward of it
    for r in _rows(graph, "place-initiatives"):
        if r["viaDistrict"]:
            via.add((r["place"], r["initiative"], r["viaDistrict"]))
            continue
        m = models.setdefault(r["initiative"], {"iri": r["initiative"], "label": r["initiativeLabel"], "kinds": {},
                                                "places": {}, "documents": set(), "agencies": {}, "procedures": {},
                                                "metrics": [], "evidence": []})
        if r["kind"] in kinds:
            m["kinds"][r["kind"]] = kinds[r["kind"]]
        if r["place"] in places:
            m["places"][r["place"]] = bool(r["allWards"])
        if r["document"]:
            m["documents"].add(r["document"])
    _facts(graph, models, documents)
    for m in models.values():
        _summarise(m, places, documents)
    agencies = _agencies(models)
    for m in sorted(models.values(), key=lambda m: (natural(m["label"]), m["iri"])):
        for k in m["kinds"]:
            k["models"].append(m)
        for p, every in m["places"].items():
            places[p]["models"].append((m, every))
    for ward, model, district in sorted(via):
        if ward in places and model in models and district in places:
            places[ward]["models"].append((models[model], places[district]))
    return {"initiatives": sorted(models.values(), key=lambda m: (natural(m["label"]), m["iri"])),
            "places": sorted(places.values(), key=lambda p: (level_rank(p["level"]), natural(p["label"]), p["iri"])),
            "agencies": sorted(agencies.values(), key=lambda a: (natural(a["label"]), a["iri"])),
            "kinds": sorted(kinds.values(), key=lambda k: (kind_rank(k["slug"]), k["slug"])), "documents": documents}


def _facts(graph, models: dict, documents: dict) -> None:
    for r in _rows(graph, "initiative-agencies"):
        if r["initiative"] in models:
            models[r["initiative"]]["agencies"].setdefault(r["agency"], (r["agencyLabel"], set()))[1].add(r["role"])
    for r in _rows(graph, "initiative-procedures"):
        if r["initiative"] in models:
            models[r["initiative"]]["procedures"][r["procedure"]] = r["procedureLabel"]
    metrics = {r["metric"]: r for r in _rows(graph, "metrics")}
    for r in _rows(graph, "initiative-facts"):
        if r["fact"] == "metric" and r["initiative"] in models and r["node"] in metrics:
            models[r["initiative"]]["metrics"].append(metrics[r["node"]])
    for r in _rows(graph, "initiative-facts"):
        if r["fact"] == "sentence" and r["initiative"] in models:
            models[r["initiative"]]["evidence"].append(r["value"])
    for m in models.values():
        m["sources"] = sorted((_source(d, documents.get(d, {})) for d in m["documents"]), key=lambda s: (s["title"], s["url"]))


def _source(iri: str, doc: dict) -> dict:
    return {"title": doc.get("title") or iri.rsplit("/", 1)[-1], "url": doc.get("url") or "",
            "author": doc.get("author") or "", "issued": (doc.get("issued") or "")[:10]}


def _summarise(m: dict, places: dict, documents: dict) -> None:
    """The values the index filters and searches on, and the lists the page shows, in a stable order."""
    m["kinds"] = [m["kinds"][iri] for iri in sorted(m["kinds"], key=lambda i: kind_rank(m["kinds"][i]["slug"]))]
    m["place_list"] = [(places[p], m["places"][p]) for p in sorted(m["places"], key=lambda p: (natural(places[p]["label"]), p))]
    m["provinces"] = sorted({p["province"][1] for p, _ in m["place_list"] if p["province"]} |
                            {p["label"] for p, _ in m["place_list"] if p["level"] == "Province"})
    m["levels"] = sorted({p["level"] for p, _ in m["place_list"]}, key=level_rank)
    m["years"] = sorted({(documents.get(d, {}).get("issued") or "")[:4] for d in m["documents"]} - {""})
    m["agency_list"] = sorted(((iri, label, sorted(roles)) for iri, (label, roles) in m["agencies"].items()),
                              key=lambda a: (natural(a[1]), a[0]))
    m["procedure_list"] = sorted(m["procedures"].values(), key=natural)
    m["evidence"] = sorted(set(m["evidence"]))
    m["search"] = fold(" ".join([m["label"]] + [k["label"] for k in m["kinds"]] + [p["label"] for p, _ in m["place_list"]]
                                + [a[1] for a in m["agency_list"]] + m["procedure_list"]))


def _agencies(models: dict) -> dict[str, dict]:
    agencies: dict[str, dict] = {}
    for m in sorted(models.values(), key=lambda m: (natural(m["label"]), m["iri"])):
        for iri, label, roles in m["agency_list"]:
            agencies.setdefault(iri, {"iri": iri, "label": label, "models": []})["models"].append((m, roles))
    return agencies

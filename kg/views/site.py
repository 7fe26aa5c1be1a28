"""`reform-kg site`: a static case library that opens from disk and can be published as it is.

A page per initiative, place, agency and kind, an index of initiatives with filters and a search that
ignores diacritics, listings as CSV and JSON, and the network and matrix pages, all read from the graph
through the bundled queries (kg.views.library). Every page is escaped by Jinja and carries the same
Content-Security-Policy as the views; the folder is written beside its destination and renamed into place.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from kg import files
from kg.errors import OutputError
from kg.text import slug
from kg.views.library import LEVEL_LABELS, ROLES, gather
from kg.views.places import PARTLY
from kg.views.style import template

MARKER = ".reform-kg-site"
SECTIONS = {"initiatives": "initiative", "places": "place", "agencies": "agency", "kinds": "kind"}


def build(graph, out: Path) -> dict[str, int]:
    """Write the site into `out` (a new or empty folder, or an earlier site, which is replaced whole)."""
    from kg import queries, views
    out = Path(out)
    parent = _check_destination(out)
    with queries.remembered():                 # the library, the network and the matrix read the same queries
        lib = gather(graph)
        pages = {"network.html": views.network_page(graph, home="index.html").encode("utf-8"),
                 "matrix.html": views.matrix_page(graph, home="index.html").encode("utf-8"),
                 MARKER: b"reform-kg site\n"}
    paths = _paths(lib)
    for key, section in SECTIONS.items():
        for item in lib[key]:
            pages[paths[item["iri"]]] = _render(f"site/{section}.html", "../", paths, item=item)
        pages.update(_listing(key, lib[key], paths))
    pages["index.html"] = _render("site/index.html", "", paths, items=lib["initiatives"], kinds=lib["kinds"],
                                  filters=_filter_values(lib["initiatives"]))
    for key in ("places", "agencies", "kinds"):
        pages[f"{key}.html"] = _render(f"site/{key}.html", "", paths, items=lib[key])
    _write_folder(out, parent, pages)
    return {key: len(lib[key]) for key in SECTIONS}


def _paths(lib: dict) -> dict[str, str]:
    """Each item's page, from the end of its IRI: "initiative/ho-chi-minh-quan-4-gio-lam-viec-thu-9.html";
    a name that two IRIs would share, or that had to be changed to be a file name, gets a hash of the IRI."""
    paths: dict[str, str] = {}
    for key, section in SECTIONS.items():
        taken: set[str] = set()
        for item in sorted(lib[key], key=lambda i: i["iri"]):
            tail = item["iri"].split("/id/", 1)[-1].split("/", 1)[-1]
            name = slug(tail, limit=90)
            if name in taken or name != tail.replace("/", "-"):
                name = f"{name}-{hashlib.sha1(item['iri'].encode('utf-8')).hexdigest()[:8]}"
            taken.add(name)
            paths[item["iri"]] = f"{section}/{name}.html"
    return paths


def _render(name: str, root: str, paths: dict[str, str], **context) -> bytes:
    def link(iri):
        return root + paths[iri] if iri in paths else ""
    return template(name).render(root=root, link=link, roles=ROLES, partly_label=PARTLY, **context).encode("utf-8")


def _filter_values(items: list[dict]) -> dict[str, list]:
    return {"provinces": sorted({p for m in items for p in m["provinces"]}),
            "levels": [(lvl, label) for lvl, label in LEVEL_LABELS.items() if any(lvl in m["levels"] for m in items)],
            "years": sorted({y for m in items for y in m["years"]}, reverse=True)}


def _listing(key: str, items: list[dict], paths: dict[str, str]) -> dict[str, bytes]:
    """The listing as CSV (UTF-8 with a byte-order mark, so spreadsheets read Vietnamese; cells a spreadsheet
    would run as formulas defused, as `reform-kg query` does) and JSON."""
    from kg.delimited import csv_text
    rows = [_row(key, item, paths) for item in items]
    names = list(rows[0]) if rows else ["iri"]
    text = csv_text(names, [["; ".join(v) if isinstance(v, list) else v for v in r.values()] for r in rows])
    return {f"{key}.csv": ("\ufeff" + text).encode("utf-8"),
            f"{key}.json": (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")}


def _row(key: str, item: dict, paths: dict[str, str]) -> dict:
    base = {"iri": item["iri"], "label": item["label"], "page": paths[item["iri"]]}
    if key == "initiatives":
        return {**base, "kinds": [k["label"] for k in item["kinds"]], "places": [p["label"] for p, _ in item["place_list"]],
                "provinces": item["provinces"], "levels": item["levels"], "years": item["years"],
                "agencies": [a[1] for a in item["agency_list"]], "procedures": item["procedure_list"],
                "sources": [s["url"] for s in item["sources"]]}
    if key == "places":
        return {**base, "level": item["level"], "code": item["code"], "partOf": [p[1] for p in item["parents"]],
                "province": item["province"][1] if item["province"] else "", "validUntil": item["until"],
                "replacedBy": [label or iri for iri, label, _ in item["successors"]],
                "partlyReplacedBy": [label or iri for iri, label, partly in item["successors"] if partly],
                "initiatives": len(item["models"])}
    if key == "kinds":
        return {**base, "label_en": item["label_en"], "initiatives": len(item["models"])}
    return {**base, "initiatives": len(item["models"])}


def _check_destination(out: Path) -> Path:
    """Before any work: `out` is new, empty or an earlier site, and its folder can be written. Its folder."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise OutputError(f"{out}: exists and is not a reform-kg site; give a new or empty folder")
    files.check_folder(out)
    return out.absolute().parent


def _write_folder(out: Path, parent: Path, pages: dict[str, bytes]) -> None:
    """Write every file into a temporary folder beside `out`, then swap it in: `out` is never half-written,
    and a folder that is not an earlier site is never overwritten."""
    try:
        _swap_in(out, parent, pages)
    except OSError as e:
        raise OutputError(f"{out}: cannot write the site ({e.strerror or e})") from e


def _swap_in(out: Path, parent: Path, pages: dict[str, bytes]) -> None:
    """The files into a new folder beside `out`, swapped in whole (kg.files.swap_in); the old site, left at the
    new folder's place, is removed."""
    with files.scratch_dir(parent, f".{out.name}.", ".tmp") as tmp:
        for name, data in sorted(pages.items()):
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
        os.chmod(tmp, 0o777 & ~files.umask())
        files.swap_in(tmp, out)

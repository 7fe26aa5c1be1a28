"""Cross-check ontology/gazetteer.json against the GPL package `vietnam-provinces` 2026.9.0.

    python3.12 -m venv /tmp/vp && /tmp/vp/bin/pip install vietnam-provinces==2026.9.0
    /tmp/vp/bin/python tools/crosscheck_gazetteer.py          # writes tools/crosscheck-report.md

A generation-time check only: reform-kg never imports vietnam-provinces (GPL, Python >= 3.12), nothing of it is
shipped, and no test needs it. It compares, unit by unit and code by code, the units of the gazetteer with its
lists (the National Statistics Office's lists: communes of 2025-01-04 before the reform, the 34 provinces and
3,321 communes after it) and the gazetteer's old->new links with its conversion table (built from the
Government's correspondence table of old and new units, chinhphu.vn). Names are compared through
kg.text.name_key, so "Hoà"/"Hòa" and hyphens are no difference. The report lists every difference; where
the gazetteer was wrong, tools/build_gazetteer.py corrects it (new_ward(); OFFICIAL_TARGETS in gazetteer_corrections.py).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kg.gazetteer import Gazetteer  # noqa: E402
from kg.text import name_key  # noqa: E402

REPORT = ROOT / "tools" / "crosscheck-report.md"
VERSION = "2026.9.0"
OLD_LIST = "2025-01-04"          # the date of its list of communes before the reform
# Differences read in the table vietnam-provinces was built from (its repository's
# dev/seed-data/2025-07/BangChuyendoiĐVHCmoi_cu_khong_merge.csv, which has names beside the codes).
TYPO = "the table names {name} but gives it the code of {other}; the gazetteer follows the name"
EXPLAINED = {
    553: TYPO.format(name="Xã Đặng Xá (-> Thuận An)", other="Xã Cổ Bi, 00553"),
    556: TYPO.format(name="Xã Đặng Xá (-> Thuận An)", other="Xã Cổ Bi, 00553"),
    1615: TYPO.format(name="Xã Mỹ Hưng (-> Phục Hòa)", other="Xã Hồng Quang, 01615"),
    1651: TYPO.format(name="Xã Mỹ Hưng (-> Phục Hòa)", other="Xã Hồng Quang, 01615"),
    2482: TYPO.format(name="Xã Phú Thịnh (-> Thái Bình)", other="Xã Công Đa, 02485"),
    2485: TYPO.format(name="Xã Phú Thịnh (-> Thái Bình)", other="Xã Công Đa, 02485"),
    82: "vietnam-provinces files Phường 4 of Tân An (27691, Long An) under province 82; the table says Long An (80)",
}


def theirs() -> dict:
    try:
        import vietnam_provinces as vp
        from vietnam_provinces import Province, Ward
        from vietnam_provinces import _province_conversion_2025 as pc   # the package's conversion tables
        from vietnam_provinces import _ward_conversion_2025 as wc
        from vietnam_provinces.legacy import District as LD, Province as LP, Ward as LW
    except ImportError:
        sys.exit(f"Error: vietnam-provinces=={VERSION} is not installed (Python >= 3.12): pip install vietnam-provinces=={VERSION}")
    if vp.__version__ != VERSION:
        sys.exit(f"Error: vietnam-provinces {vp.__version__} is installed; this report is for {VERSION}")
    old = {int(p.code): (p.name, None) for p in LP.iter_all()}
    districts = {int(d.code): (d.name, int(d.province_code)) for d in LD.iter_all()}
    wards = {int(w.code): (w.name, int(w.district_code)) for w in LW.iter_all()}
    new = {int(p.code): (p.name, None) for p in Province.iter_all()}
    new_wards = {int(w.code): (w.name, int(w.province_code)) for w in Ward.iter_all()}
    links = {c: {int(n.code): e.old_ward.is_partly_merged for n in e.new_wards} for c, e in wc.OLD_TO_NEW.items()}
    provinces = {c: {int(n.code) for n in e.new_provinces} for c, e in pc.OLD_TO_NEW.items()}
    return {"old": old, "old_districts": districts, "old_wards": wards, "new": new, "new_wards": new_wards, "links": links,
            "province_links": provinces, "data_version": vp.__data_version__}


def ours() -> dict:
    data = json.loads((ROOT / "ontology" / "gazetteer.json").read_text(encoding="utf-8"))
    units = {u[0]: u for u in data["units"]}
    code = lambda key: int(units[key][1]) if key and units[key][1] else None   # noqa: E731
    # The old units by their titles on the date of vietnam-provinces' list of 2025-01-04 (Tỉnh Quảng Ninh).
    gazetteer = Gazetteer(data)
    titled = lambda key: gazetteer.title(key, OLD_LIST).label                  # noqa: E731
    out = {"old": {}, "old_districts": {}, "old_wards": {}, "new": {}, "new_wards": {}, "links": {}, "province_links": {}, "absorbed": 0}
    for key, u in units.items():
        if u[1] is None:
            out["absorbed"] += 1
            continue
        new = u[9] == "2025-07-01"
        old = u[10] == "2025-07-01" or (u[9] is None and u[10] is None)     # a province the reform left whole is both
        row = (u[4], code(u[8]))
        if new or (old and u[3] == 1 and u[10] is None):
            out["new_wards" if u[3] == 3 else "new"][int(u[1])] = row
        if old and not new:
            out[("old", "old_districts", "old_wards")[u[3] - 1]][int(u[1])] = (titled(key), code(u[8]))
    for o, targets in data["replacedBy"].items():
        if units[o][1] is None:
            continue
        linked = {code(n): bool(p) for n, p in targets}
        if units[o][3] == 3:
            out["links"][int(units[o][1])] = linked
        elif units[o][3] == 1:
            out["province_links"][int(units[o][1])] = set(linked)
    for key, u in units.items():          # a province the reform left whole has no link: it is its own successor
        if u[3] == 1 and u[9] is None and u[10] is None:
            out["province_links"][int(u[1])] = {int(u[1])}
    return out


def compare_units(name: str, a: dict, b: dict, lines: list[str], parent_names: tuple[dict, dict]) -> None:
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    renamed = sorted(c for c in set(a) & set(b) if name_key(a[c][0]) != name_key(b[c][0]))
    moved = sorted(c for c in set(a) & set(b) if a[c][1] != b[c][1])
    spelled = sum(1 for c in set(a) & set(b) if a[c][0] != b[c][0] and name_key(a[c][0]) == name_key(b[c][0]))
    lines.append(f"- {name}: {len(a)} in the gazetteer, {len(b)} in vietnam-provinces, {len(set(a) & set(b))} codes in both; "
                 f"names differ in {len(renamed)} (and in {spelled} only by tone-mark placement, hyphens or case, "
                 f"which name_key makes one), parents differ in {len(moved)}.")
    where = lambda units, c: f"{units[c][0]} ({parent_names[0].get(units[c][1], parent_names[1].get(units[c][1], ('?',)))[0]})" \
        if units[c][1] else units[c][0]    # noqa: E731
    for c in only_a:
        lines.append(f"  - only in the gazetteer: {c:05d} {where(a, c)}")
    for c in only_b:
        lines.append(f"  - only in vietnam-provinces: {c:05d} {where(b, c)}")
    for c in renamed:
        lines.append(f"  - {c:05d} is {a[c][0]!r} in the gazetteer, {b[c][0]!r} in vietnam-provinces")
    for c in moved:
        lines.append(f"  - {c:05d} {a[c][0]}: parent {a[c][1]} in the gazetteer, {b[c][1]} in vietnam-provinces")


def why(code: int) -> str:
    return f" ({EXPLAINED[code]})" if code in EXPLAINED else ""


def compare_links(us: dict, them: dict, lines: list[str]) -> None:
    a, b = us["links"], them["links"]
    both = sorted(set(a) & set(b))
    pairs_a = {(o, n) for o in both for n in a[o]}
    pairs_b = {(o, n) for o in both for n in b[o]}
    agree = pairs_a & pairs_b
    flags = sum(1 for o, n in agree if a[o][n] != b[o][n])
    lines.append(f"- Old commune -> new commune links: {len(both)} old communes in both tables "
                 f"({len(set(a) - set(b))} only in the gazetteer, {len(set(b) - set(a))} only in vietnam-provinces); "
                 f"{len(pairs_a)} links in the gazetteer, {len(pairs_b)} in vietnam-provinces, {len(agree)} in both; "
                 f"the 'only part of it' flag differs on {flags} of those.")
    name = lambda c: them["new_wards"].get(c, us["new_wards"].get(c, ("?",)))[0]   # noqa: E731
    old = lambda c: f"{us['old_wards'][c][0]} ({us['old_districts'][us['old_wards'][c][1]][0]})"  # noqa: E731
    for o in sorted(set(a) ^ set(b)):
        lines.append(f"  - only in {'the gazetteer' if o in a else 'vietnam-provinces'}: {o:05d} {old(o)} -> "
                     + ", ".join(f"{n:05d} {name(n)}" for n in sorted(a.get(o) or b.get(o))) + why(o))
    for o, n in sorted(pairs_a - pairs_b):
        lines.append(f"  - only in the gazetteer: {o:05d} {old(o)} -> {n:05d} {name(n)}{why(o)}")
    for o, n in sorted(pairs_b - pairs_a):
        lines.append(f"  - only in vietnam-provinces: {o:05d} {old(o)} -> {n:05d} {name(n)}{why(o)}")
    flagged = sorted(o_n for o_n in agree if a[o_n[0]][o_n[1]] != b[o_n[0]][o_n[1]])
    alone = [o for o, n in flagged if len(b[o]) == 1 and b[o][n]]
    if alone:
        lines.append(f"  - {len(alone)} of those are old communes with one successor that vietnam-provinces flags 'partly' (the "
                     "table's note is not 'Nhập toàn bộ', e.g. a commune kept as it was or with part of its area moved); the "
                     "gazetteer says a unit with one successor went wholly into it: " + ", ".join(f"{o:05d}" for o in alone))
    for o, n in (o_n for o_n in flagged if o_n[0] not in alone):
        lines.append(f"  - {o:05d} {old(o)} -> {n:05d} {name(n)}: partly {a[o][n]} in the gazetteer, {b[o][n]} in vietnam-provinces{why(o)}")
    pa, pb = us["province_links"], them["province_links"]
    differ = sorted(c for c in set(pa) | set(pb) if pa.get(c) != pb.get(c))
    lines.append(f"- Old province -> new province links: {len(pa)} in the gazetteer, {len(pb)} in vietnam-provinces, "
                 f"{len(differ)} differ.")
    for c in differ:
        lines.append(f"  - {c:02d}: {sorted(pa.get(c, ()))} in the gazetteer, {sorted(pb.get(c, ()))} in vietnam-provinces{why(c)}")


def report() -> str:
    us, them = ours(), theirs()
    lines = ["# ontology/gazetteer.json cross-checked with vietnam-provinces " + VERSION, "",
             f"Written by `tools/crosscheck_gazetteer.py` (vietnam-provinces data of {them['data_version']}). "
             "Codes are the GSO codes; names compared through `kg.text.name_key`.", "",
             "## After the reform (from 2025-07-01)", ""]
    compare_units("Provinces and centrally governed cities", us["new"], them["new"], lines, (us["new"], them["new"]))
    compare_units("Communes, wards and special zones", us["new_wards"], them["new_wards"], lines, (us["new"], them["new"]))
    levels = Counter(name.split(" ")[0] + (" phố" if name.startswith("Thành phố") else "") for name, _ in us["new"].values())
    lines += [f"- Levels of the 34 (gazetteer): {dict(sorted(levels.items()))}.", "",
              "## Before the reform", "",
              f"The gazetteer also has {us['absorbed']} wards absorbed by mergers before 2025 (keyed by district and name; "
              f"their GSO codes, from the lists before they ended, are former codes); "
              "vietnam-provinces has no such units and they are not compared.", ""]
    compare_units("Provinces", us["old"], them["old"], lines, (us["old"], them["old"]))
    compare_units("Districts", us["old_districts"], them["old_districts"], lines, (us["old"], them["old"]))
    compare_units("Communes", us["old_wards"], them["old_wards"], lines, (us["old_districts"], them["old_districts"]))
    lines += ["", "## Old -> new", ""]
    compare_links(us, them, lines)
    reused_codes(lines)
    return "\n".join(lines) + "\n"


def reused_codes(lines: list[str]) -> None:
    """The GSO's own code changes (tools/gso_code_changes.csv, measured by tools/measure_reused_codes.py from the
    GSO's lists of 2019-12 to 2025-06-30) and how many the gazetteer records as a unit's former code."""
    import csv
    with (ROOT / "tools" / "gso_code_changes.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    data = json.loads((ROOT / "ontology" / "gazetteer.json").read_text(encoding="utf-8"))
    keys = {u[0] for u in data["units"]}
    former = {(c, k) for k, codes in data["codes"].items() for c, _ in codes}
    reused = [r for r in rows if r["kind"] == "reused"]
    recorded = [r for r in reused if (r["later_code_before"], r["code"]) in former]
    lines += ["", "## Codes the GSO gave to another unit", "",
              f"- {len(rows)} code changes between consecutive GSO lists: {dict(sorted(Counter(r['kind'] for r in rows).items()))}.",
              f"- {len(reused)} codes reused for another unit that already existed (the ward that absorbed another took its"
              f" code); {sum(r['code'] in keys for r in reused)} of them are keys of the gazetteer, {len(recorded)} with the"
              " earlier holder and the holder's own former code recorded (where the merger's day is known):"]
    lines += [f"  - {r['code']} ({r['district']}): {r['earlier']} -> {r['later']} (formerly {r['later_code_before']})" for r in recorded]


def main() -> None:
    text = report()
    REPORT.write_text(text, encoding="utf-8")
    print(f"{REPORT.relative_to(ROOT)}: {text.count(chr(10))} lines")


if __name__ == "__main__":
    main()

"""Generate ontology/gazetteer.json: Vietnam's administrative units before and after the 2025 reform.

    pip install vietnamadminunits==1.0.4 && python tools/build_gazetteer.py

Reads the data the MIT-licensed PyPI package `vietnamadminunits` 1.0.4 ships (its `data/dataset.db` sqlite
database and `data/converter_2025.json` old-to-new mapping) at generation time only: reform-kg never
imports it. Its coordinates are not copied (they come from a commercial geocoder).

Output, one row per unit: key, GSO code, level, tier (1 province, 2 district, 3 commune), full Vietnamese
label, short label (no level word), ASCII short label, the short label's match key (kg.text.name_key), parent key, valid from, valid until; and per old unit
the units it went into, each with a flag when only part of it did. Known faults of the source are
corrected, each with its reason: the tables of tools/gazetteer_corrections.py (MERGERS, NOT_IN_SOURCE,
ABSORBED_TARGETS, TITLES, CITIES_2026, OFFICIAL_TARGETS), new_ward() and wrong_extras() below. The units
before the source's list (wards earlier mergers absorbed), and the titles and GSO codes units bore before their
present ones, each with the day it ended, come from tools/gazetteer_history.py.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]
import gazetteer_history as history  # noqa: E402
from gazetteer_corrections import CITIES_2026, CREATED_FROM, MERGERS, OFFICIAL_TARGETS, TITLES  # noqa: E402
from gazetteer_history import CODE_CHANGES, label, split  # noqa: E402
from kg.text import fold, name_key  # noqa: E402

OUT = ROOT / "ontology" / "gazetteer.json"
CHECKSUMS = ROOT / "ontology" / "gazetteer.sha256"
PACKAGE, VERSION = "vietnamadminunits", "1.0.4"
REFORM = "2025-07-01"          # Resolution 202/2025/QH15 (provinces) and the 2025 commune resolutions
# An old unit split across several new ones (the source's DICT_PROVINCE_WARD_DIVIDED) sometimes lists, as an
# extra target, the new unit that a same-named old ward of another district (now in the same province)
# went into, e.g. Phường 4 of Mỹ Tho -> Phường Cao Lãnh because Phường 4 of Cao Lãnh went there. Such a
# target is dropped when the old unit's district gives the target nothing else while a same-named old unit
# of another district is among the target's predecessors (computed in wrong_extras()).


def source_dir() -> Path:
    import importlib.util
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"Error: {PACKAGE}=={VERSION} is not installed: pip install {PACKAGE}=={VERSION}")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def input_hash(data: Path) -> str:
    h = hashlib.sha256()
    for name in ("dataset.db", "converter_2025.json"):
        h.update((data / name).read_bytes())
    return h.hexdigest()


class Builder:
    def __init__(self, data: Path):
        self.db = sqlite3.connect(data / "dataset.db")
        self.conv = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
        self.units: dict[str, list] = {}
        self.replaced: dict[str, dict[str, bool]] = defaultdict(dict)
        self.old_ward_key: dict[str, str] = {}      # "tinhx_huyeny_xaz" -> unit key
        self.old_province_key: dict[str, str] = {}
        self.new_ward_key: dict[tuple[str, str], str] = {}        # (provinceKey, wardKey) -> unit key
        self.new_ward_ascii: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.new_province_key: dict[str, str] = {}
        self.notes: list[str] = []

    def unit(self, key, code, level, tier, full, short, parent, valid_from, valid_until):
        self.units[key] = [key, code, level, tier, full, short, fold(short), name_key(short), parent, valid_from, valid_until]

    # ---------------------------------------------------------------- before 2025-07-01
    def old(self) -> None:
        rows = self.db.execute("SELECT province, provinceCode, provinceKey, district, districtType, districtCode,"
                               " districtKey, ward, wardType, wardCode, wardKey, wardAlias FROM admin_units_legacy"
                               " ORDER BY provinceCode, districtCode, wardCode").fetchall()
        for (prov, pcode, pkey, dist, dtype, dcode, dkey, ward, wtype, wcode, wkey, alias) in rows:
            if pcode not in self.units:
                level, short = split(prov, None)
                self.unit(pcode, pcode, level, 1, label(level, short), short, None, None, REFORM)
                self.old_province_key[pkey] = pcode
            if dcode not in self.units:
                level, short = split(dist, dtype, self.notes)
                self.unit(dcode, dcode, level, 2, label(level, short), short, pcode, None, REFORM)
                self.old_ward_key[f"{pkey}_{dkey}_"] = dcode
            if ward:
                level, short = split(ward, wtype, self.notes)
                self.unit(wcode, wcode, level, 3, label(level, short), short, dcode, CREATED_FROM.get((dcode, short)), REFORM)
                self.old_ward_key[f"{pkey}_{dkey}_{wkey}"] = wcode
                for absorbed in history.absorbed(self, alias, level, short, dcode):
                    self.replaced[absorbed][wcode] = False

    # ---------------------------------------------------------------- from 2025-07-01
    def new(self) -> None:
        rows = self.db.execute("SELECT province, provinceCode, provinceKey, ward, wardType, wardCode, wardKey"
                               " FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
        for prov, pcode, pkey, ward, wtype, wcode, wkey in rows:
            pk = "2025-" + pcode
            if pk not in self.units:
                level, short = split(prov, None)
                if short in CITIES_2026:     # 2026: became a centrally governed city (source predates it)
                    level = "thanh-pho"
                self.unit(pk, pcode, level, 1, label(level, short), short, None, REFORM, None)
                self.new_province_key[pkey] = pk
            level, short = split(ward, wtype, self.notes)
            self.unit("2025-" + wcode, wcode, level, 3, label(level, short), short, pk, REFORM, None)
            self.new_ward_key[(pkey, wkey)] = "2025-" + wcode
            self.new_ward_ascii[(pkey, fold(wkey).replace(" ", ""))].append("2025-" + wcode)

    def new_ward(self, pkey: str, key: str) -> str:
        """The mapping names a new ward by its key, in ASCII ("xatanthanh") except where two wards of one
        province fold to one ASCII key (Xã Văn Lang and Xã Văn Lăng of Thái Nguyên: "xãvănlang", "xãvănlăng"),
        where it keeps the diacritics: the exact key first, then the ASCII key if only one ward has it."""
        if (pkey, key) in self.new_ward_key:
            return self.new_ward_key[(pkey, key)]
        found = self.new_ward_ascii[(pkey, fold(key))]
        if len(found) != 1:
            raise ValueError(f"{pkey}: the ward key {key!r} fits {len(found)} wards")
        return found[0]

    # ---------------------------------------------------------------- old -> new
    def mapping(self) -> None:
        for new_pkey, old_pkeys in self.conv["DICT_PROVINCE"].items():
            for o in old_pkeys:
                self.replaced[self.old_province_key[o]][self.new_province_key[new_pkey]] = False
        for new_pkey, wards in self.conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for new_wkey, olds in wards.items():
                new = self.new_ward(new_pkey, new_wkey)
                for o in olds:
                    self.replaced[self.old_ward_key[o]][new] = False
        for new_pkey, olds in self.conv["DICT_PROVINCE_WARD_DIVIDED"].items():
            for o, targets in olds.items():
                for t in targets:
                    self.replaced[self.old_ward_key[o]][self.new_ward(new_pkey, t["newWardKey"])] = True
        wrong = self.wrong_extras()
        for old, new in sorted(w for w in wrong if w[0] not in OFFICIAL_TARGETS):   # the table settles those
            where = f"{self.units[old][4]} ({self.units[self.units[old][8]][4]})"
            if all((old, t) in wrong for t in self.replaced[old]):     # never leave a unit without successor
                self.notes.append(f"kept {where} -> {self.units[new][4]}: every target is suspect, none dropped")
                continue
            del self.replaced[old][new]
            self.notes.append(f"dropped {where} -> {self.units[new][4]}: a same-named ward of another district went there")
            if len(self.replaced[old]) == 1:        # the split was the artefact: what is left went in whole
                self.replaced[old] = dict.fromkeys(self.replaced[old], False)
        for old, targets in OFFICIAL_TARGETS.items():
            before = {self.units[n][4] for n in self.replaced[old]}
            self.replaced[old] = {"2025-" + n: partly for n, partly in targets.items()}
            after = {self.units[n][4] for n in self.replaced[old]}
            self.notes.append(f"{self.units[old][4]} ({self.units[self.units[old][8]][4]}): successors "
                              f"{sorted(after)} from the official correspondence table, not {sorted(before)}")

    def wrong_extras(self) -> set[tuple[str, str]]:
        """Targets of split old units that came from a same-named ward of another district: suspect when a
        same-named old unit of another district also went into the target; wrong when no unsuspect unit of
        the old unit's own district went there (so two wrong extras from one district do not excuse each other)."""
        predecessors: dict[str, set[str]] = defaultdict(set)
        for old, targets in self.replaced.items():
            for new in targets:
                predecessors[new].add(old)
        u = self.units
        suspect = {(old, new) for old, targets in self.replaced.items() if len(targets) > 1 and u[old][3] == 3
                   for new in targets
                   if any(name_key(u[o][4]) == name_key(u[old][4]) and u[o][8] != u[old][8] for o in predecessors[new])}
        return {(old, new) for old, new in suspect
                if not any(u[o][8] == u[old][8] and (o, new) not in suspect for o in predecessors[new] - {old})}

    def districts(self) -> None:
        """A district (abolished in 2025) went into the new communes its communes went into: wholly into one
        when all of it went there (Huyện Côn Đảo), else partly into each. The source maps communes only."""
        for key, u in self.units.items():
            if u[3] != 2 or self.replaced.get(key):
                continue
            wards = [k for k, w in self.units.items() if w[8] == key and w[1] is not None]
            targets = {t: p for w in wards for t, p in self.replaced.get(w, {}).items()}
            whole = len(targets) == 1 and not any(targets.values())
            self.replaced[key] = {t: not whole for t in targets}

    def same_provinces(self) -> None:
        """A province the reform left whole and alone (Hà Nội, Huế, ...) is one real place: one key."""
        for old, targets in list(self.replaced.items()):
            if self.units[old][3] != 1 or len(targets) != 1:
                continue
            new = next(iter(targets))
            alone = sum(1 for t in self.replaced.values() if new in t) == 1
            if alone and self.units[new][1] == self.units[old][1] and self.units[new][5] == self.units[old][5]:
                self.units[old][10] = None
                self.units[old][2], self.units[old][4] = self.units[new][2], self.units[new][4]
                del self.units[new], self.replaced[old]
                for u in self.units.values():
                    if u[8] == new:
                        u[8] = old

    def aliases(self) -> dict[str, str]:
        """Abbreviations the source gives for provinces ("hcm", "hn"), to the province's newest key."""
        out = {}
        for prov, alias in self.db.execute("SELECT DISTINCT province, provinceAlias FROM admin_units"):
            key = next(k for k, u in self.units.items() if u[3] == 1 and u[10] is None and u[4].endswith(split(prov, None)[1]))
            for a in json.loads(alias) if alias else []:
                out[a] = key
        return out


def build(data: Path) -> dict:
    b = Builder(data)
    b.old()
    history.not_in_source(b)
    b.new()
    b.mapping()
    b.districts()
    b.same_provinces()
    license_text = (data.parent.parent / f"{PACKAGE}-{VERSION}.dist-info" / "licenses" / "LICENSE")
    return {
        "source": f"{PACKAGE} {VERSION} (PyPI, MIT license): data/dataset.db and data/converter_2025.json",
        "license": license_text.read_text(encoding="utf-8") if license_text.exists() else "MIT License, Copyright (c) 2025 Tran Ngoc Minh Hieu",
        "input_sha256": input_hash(data),
        "columns": ["key", "code", "level", "tier", "label", "short", "ascii", "match", "partOf", "validFrom", "validUntil"],
        "units": sorted(b.units.values(), key=lambda u: (u[3], u[0])),
        "replacedBy": {o: sorted([n, int(p)] for n, p in t.items()) for o, t in sorted(b.replaced.items()) if t},
        "titles": history.titles(b),
        "codes": history.codes(b),
        "aliases": b.aliases(),
        "corrections": b.notes + [f"{c}: Tỉnh -> Thành phố (2026)" for c in sorted(CITIES_2026)]
                       + [f"district {d}: {', '.join(units)} absorbed, ending {until} ({why})"
                          for until, why, districts, _ in MERGERS for d, units in districts.items()]
                       + [f"{k}: formerly {t}" + (f" until {until}" if until else " (until a day not known)")
                          for k, former in sorted(TITLES.items()) for t, until in former]
                       + [f"district {d}: {', '.join(names)} created {since} ({why})"
                          for since, why, _, created in MERGERS for d, names in created.items()],
    }


def serialize(out: dict) -> str:
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).replace("],[", "],\n[") + "\n"


def checksums(text: str, input_sha256: str) -> str:
    """What tests/test_gazetteer.py checks without the source package: the output is the one this script
    wrote (no hand edit) and the script has not changed since."""
    sha = lambda b: hashlib.sha256(b).hexdigest()  # noqa: E731
    return (f"{sha(text.encode('utf-8'))}  ontology/gazetteer.json\n"
            f"{sha(Path(__file__).read_bytes())}  tools/build_gazetteer.py\n"
            f"{sha((ROOT / 'tools' / 'gazetteer_corrections.py').read_bytes())}  tools/gazetteer_corrections.py\n"
            f"{sha((ROOT / 'tools' / 'gazetteer_history.py').read_bytes())}  tools/gazetteer_history.py\n"
            f"{sha(CODE_CHANGES.read_bytes())}  tools/gso_code_changes.csv\n"
            f"{input_sha256}  {PACKAGE}-{VERSION} data/dataset.db + data/converter_2025.json\n")


def main() -> None:
    out = build(source_dir())
    text = serialize(out)
    OUT.write_text(text, encoding="utf-8")
    CHECKSUMS.write_text(checksums(text, out["input_sha256"]), encoding="utf-8")
    counts = defaultdict(int)
    for u in out["units"]:
        counts[(u[3], "new" if u[9] == REFORM else "old")] += 1
    print(f"{OUT.relative_to(ROOT)}: {len(out['units'])} units {dict(sorted(counts.items()))}, "
          f"{len(out['replacedBy'])} replaced, {len(out['corrections'])} corrections")


if __name__ == "__main__":
    main()

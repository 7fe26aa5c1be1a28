"""Measure the GSO codes that changed unit between the GSO's commune lists of 2019-12 and 2025-06-30.

    python tools/measure_reused_codes.py /path/to/dvhcvn.git     # a clone of github.com/daohoangson/dvhcvn

dvhcvn keeps the GSO's list of provinces, districts and communes (data/dvhcvn.json), one commit per GSO update
("Update 01/11/2024"); the last list, of 2025-06-30, is the one the source package of the gazetteer
(vietnamadminunits 1.0.4, admin_units_legacy) holds. For every commune code whose name differs between two
consecutive lists that hold it, the change is one of:
- "renamed": the same unit under another level word or spelling ("Xã Tân Ngãi" -> "Phường Tân Ngãi",
  "Phường 06" -> "Phường 6");
- "reused": the code now names another unit that already existed: the ward that absorbed this one kept the
  absorbed ward's code and dropped its own (Quận 4: 27265 was Phường 06, is Phường 9 from the list of 2025-01;
  Phường 9's own code 27262 is gone);
- "new name": the unit's name changed to one no unit of the district bore before (a unit formed by a merger
  that kept a predecessor's code, such as Phường An Hội of Bến Tre on 28777, Phường 2's code; or a unit renamed).
And a code on one list and not on the next is "ended" (a unit merged into another, its code dropped: Quận 4's
Phường 05, 27274, after the list of 2020-11), which gives the gazetteer the code of a ward an earlier merger absorbed.
Writes tools/gso_code_changes.csv (read by build_gazetteer.py) and prints the counts. A generation-time tool:
reform-kg never reads dvhcvn, and the CSV is committed.
"""
from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]
from build_gazetteer import source_dir  # noqa: E402
from kg.text import name_key  # noqa: E402

OUT = ROOT / "tools" / "gso_code_changes.csv"
LEVEL = re.compile(r"^(Phường|Xã|Thị trấn)\s+")


def short(name: str) -> str:
    """The name without its level word, numbers without leading zeros: "Phường 06" -> "6"."""
    s = name_key(LEVEL.sub("", " ".join(name.split())))
    return s.lstrip("0") if s.isdigit() else s


def lists(repo: Path) -> list[tuple[str, dict[str, tuple[str, str]]]]:
    """(label, {commune code: (district code, name)}) for every GSO update in dvhcvn, oldest first, then the
    source's list of 2025-06-30."""
    git = ["git", "--git-dir", str(repo)] if repo.name.endswith(".git") or (repo / "HEAD").exists() else ["git", "-C", str(repo)]
    log = subprocess.run(git + ["log", "--reverse", "--format=%h %s", "--", "data/dvhcvn.json"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    out = []
    for line in log:
        commit, subject = line.split(" ", 1)
        found = re.search(r"(\d\d)/(\d\d)/(\d{4})", subject)
        if not found:
            continue
        data = json.loads(subprocess.run(git + ["show", f"{commit}:data/dvhcvn.json"], capture_output=True, check=True).stdout)
        units = {c["level3_id"]: (d["level2_id"], c["name"].strip()) for p in data["data"]
                 for d in p["level2s"] for c in d["level3s"]}
        out.append((f"{found[3]}-{found[2]}-{found[1]} ({commit})", units))
    db = sqlite3.connect(source_dir() / "dataset.db")
    out.append(("2025-06-30 (vietnamadminunits)", {code: (d, name) for d, name, code in db.execute(
        "SELECT districtCode, ward, wardCode FROM admin_units_legacy WHERE ward IS NOT NULL")}))
    return out


def changes(snapshots) -> list[dict]:
    last: dict[str, tuple[int, str, str]] = {}       # code -> (list index, district, name) where last seen
    rows = []
    for i, (label, units) in enumerate(snapshots):
        for code, (district, name) in sorted(snapshots[i - 1][1].items()) if i else ():
            if code not in units:
                rows.append({"code": code, "district": district, "earlier": name, "later": "", "kind": "ended",
                             "later_code_before": "", "last_list_with_earlier": snapshots[i - 1][0],
                             "first_list_with_later": label})
        for code, (district, name) in sorted(units.items()):
            if code in last and short(last[code][2]) != short(name):
                j, _, before = last[code]
                older = snapshots[j][1]
                gone = sorted(c for c, (d, n) in older.items() if c != code and d == district and short(n) == short(name)
                              and c not in units)
                kind = "reused" if gone else "new name"
                rows.append({"code": code, "district": district, "earlier": before, "later": name, "kind": kind,
                             "later_code_before": gone[0] if gone else "", "last_list_with_earlier": snapshots[j][0],
                             "first_list_with_later": label})
            elif code in last and last[code][2] != name:
                rows.append({"code": code, "district": district, "earlier": last[code][2], "later": name, "kind": "renamed",
                             "later_code_before": "", "last_list_with_earlier": snapshots[last[code][0]][0],
                             "first_list_with_later": label})
            last[code] = (i, district, name)
    return rows


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/measure_reused_codes.py /path/to/dvhcvn (a git clone)")
    rows = changes(lists(Path(sys.argv[1])))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} code changes {dict(sorted(Counter(r['kind'] for r in rows).items()))}")


if __name__ == "__main__":
    main()

"""The units before the source's list of 2025-06-30, for tools/build_gazetteer.py: wards earlier mergers absorbed
(numbered and named), the titles and GSO codes units bore before their present ones; and the naming of units
(level word + short name) the generator and this module share. Data in gazetteer_corrections.py and
gso_code_changes.csv (tools/measure_reused_codes.py); see tools/README.md.
"""
from __future__ import annotations

import csv
import functools
import json
from collections import defaultdict
from pathlib import Path

from gazetteer_corrections import (ABSORBED_TARGETS, MERGED_UNTIL, NAMED_ABSORBED, NOT_IN_SOURCE, ROMAN,
                                   TITLES, WAVES)
from kg.text import fold, name_key, slug

CODE_CHANGES = Path(__file__).resolve().parent / "gso_code_changes.csv"    # written by measure_reused_codes.py
LEVELS = {"Tỉnh": "tinh", "Thành phố": "thanh-pho", "Quận": "quan", "Huyện": "huyen", "Thị xã": "thi-xa",
          "Phường": "phuong", "Xã": "xa", "Thị trấn": "thi-tran", "Đặc khu": "dac-khu"}


def split(full: str, type_word: str | None = None, notes: list | None = None) -> tuple[str, str]:
    """("Thành phố Hồ Chí Minh", None) -> ("thanh-pho", "Hồ Chí Minh"); the source sometimes capitalises
    the level word ("Thành Phố Bắc Kạn"). The level is the one the name gives: in 7 rows the source's type
    column disagrees with the name ("Phường 5", type Xã), and the name is the unit's official title."""
    for w in sorted(LEVELS, key=len, reverse=True):
        if full.lower().startswith(w.lower() + " "):
            if type_word and w != type_word and notes is not None:
                notes.append(f"{full}: level from its name, not the source's type {type_word!r}")
            return LEVELS[w], full[len(w) + 1:].strip()
    raise ValueError(f"no level word in {full!r}")


def label(level: str, short: str) -> str:
    """The full label with the level word spelt one way: "Thành phố Bắc Kạn"."""
    return next(w for w, lv in LEVELS.items() if lv == level) + " " + short


def absorbed(b, alias: str | None, level: str, short: str, dcode: str) -> list[str]:
    """Wards the source lists as aliases of the ward that absorbed them: numbered ones ("phuong12" of Phường
    13), and named ones, ASCII only in the source ("xabinhngoc"), where a resolution in MERGERS gives the name with
    diacritics (Xã Bình Ngọc) or the GSO's lists give it and WAVES the day they ended (named()); other named
    aliases are skipped: no Vietnamese spelling to label them with. An alias that is the ward's own number in
    Roman numerals ("phuong3" of Phường III, Vị Thanh) is another spelling, not a ward."""
    out = []
    prefix = level.replace("-", "")
    for a in json.loads(alias) if alias else []:
        number = a[len(prefix):] if a.startswith(prefix) else ""
        if number.isdigit() and not number.startswith("0") and ROMAN.get(short) != number:
            out.append(absorbed_unit(b, dcode, label(level, number)))
        elif (dcode, a) in NAMED_ABSORBED:
            out.append(absorbed_unit(b, dcode, NAMED_ABSORBED[(dcode, a)]))
        elif (found := named(b, dcode, a)) is not None:
            out.append(found)
    return out


def named(b, dcode: str, alias: str) -> str | None:
    """A named absorbed commune found on the GSO's lists by its ASCII spelling, dated by its province's resolution
    (WAVES); when the unit that absorbed it kept its code under a new name (Xã Liên An Đô of Thái Bình on Xã An
    Châu's 12700), that unit begins on the same day."""
    row = _gso_ended().get((dcode, alias))
    province = b.units[b.units[dcode][8]][5]
    wave = WAVES.get((province, row["first_list_with_later"].rsplit("(", 1)[-1].rstrip(")"))) if row else None
    if wave is None:
        return None
    key = absorbed_unit(b, dcode, row["earlier"], wave[0])
    if row["kind"] == "new name" and row["code"] in b.units and b.units[row["code"]][9] is None:
        b.units[row["code"]][9] = wave[0]
    return key


@functools.lru_cache(maxsize=1)
def _gso_ended_rows() -> tuple[dict, ...]:
    """The GSO list changes where a commune left the lists (ended, its code reused, or renamed), in file order."""
    with CODE_CHANGES.open(encoding="utf-8") as f:
        return tuple(r for r in csv.DictReader(f) if r["kind"] in ("ended", "reused", "new name"))


@functools.lru_cache(maxsize=1)
def _gso_ended() -> dict[tuple[str, str], dict]:
    """(district code, ASCII spelling of the name) -> the GSO list change where that commune left the lists."""
    out: dict[tuple[str, str], dict] = {}
    for r in _gso_ended_rows():
        out.setdefault((r["district"], fold(" ".join(r["earlier"].split())).replace(" ", "")), r)
    return out


def absorbed_key(dcode: str, title: str) -> tuple[str, str, str]:
    """(key, level, short name) of a unit an earlier merger absorbed: "27259-phuong-6" for Phường 6 (or Phường
    06, as some GSO lists write it) of district 27259."""
    level, short = split(" ".join(title.split()))
    short = short.lstrip("0") or short
    return f"{dcode}-{level}-{slug(short)}", level, short


def absorbed_unit(b, dcode: str, title: str, until: str | None = None) -> str:
    """A unit an earlier merger absorbed (no code in the source), with its end date where MERGERS (or the
    caller) knows it."""
    key, level, short = absorbed_key(dcode, title)
    b.unit(key, None, level, 3, label(level, short), short, dcode, None,
           until or MERGED_UNTIL.get((dcode, label(level, short))))
    return key


def not_in_source(b) -> None:
    """Absorbed units the source does not list (NOT_IN_SOURCE) and absorbed units that went into more than
    one unit (ABSORBED_TARGETS), from the resolutions."""
    for (dcode, title), target in sorted(NOT_IN_SOURCE.items()):
        b.replaced[absorbed_unit(b, dcode, title)] = {target: False}
        b.notes.append(f"district {dcode}: {title} absorbed into {b.units[target][4]}, not listed by the source")
    for (dcode, title), targets in sorted(ABSORBED_TARGETS.items()):
        b.replaced[absorbed_key(dcode, title)[0]] = dict(targets)
        b.notes.append(f"district {dcode}: {title} went partly into " + ", ".join(b.units[t][4] for t in sorted(targets)))


def codes(b) -> dict[str, list]:
    """Former GSO codes per unit key, [code, until], from the GSO's lists (CODE_CHANGES): the code of a ward
    an earlier merger absorbed, until the day it ended; and where the ward that absorbed it took that code
    (Quận 4: Phường 9 bears Phường 6's 27265 since 2025-01-01), the code it bore before, until that day."""
    out: dict[str, set] = defaultdict(set)
    for row in _gso_ended_rows():
        absorbed = absorbed_key(row["district"], row["earlier"])[0]
        if absorbed not in b.units or b.units[absorbed][1] is not None:
            continue
        until = b.units[absorbed][10]
        out[absorbed].add((row["code"], until))
        if row["kind"] == "reused" and until and row["code"] in b.units:
            out[row["code"]].add((row["later_code_before"], until))
    return {k: [list(c) for c in sorted(v, key=lambda c: (c[1] or "9999", c[0]))] for k, v in sorted(out.items())}


def titles(b) -> dict[str, list]:
    """Former titles per unit key: [level, label, short, ascii, match, until], oldest first."""
    out = {}
    for key, former in sorted(TITLES.items()):
        if key not in b.units:
            raise ValueError(f"TITLES names {key}, which is not a unit")
        out[key] = [[lv, label(lv, short), short, fold(short), name_key(short), until]
                    for (lv, short), until in ((split(t), until) for t, until in former)]
    return out


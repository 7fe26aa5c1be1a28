"""Agencies: an agency type from the lexicon followed by the place it belongs to
("Công an Quận 4", "UBND phường Bến Thành", "Phòng Tư pháp Quận"), or by a party committee
("Ban Tuyên giáo Quận ủy"), or with its level in front ("Quận Đoàn Thanh Khê"). A type with no place belongs to the place the text is about.
"""
from __future__ import annotations

import functools
import json
import re

from kg.lexicon import Lexicon
from kg.recognize import Mention, Recognizer
from kg.recognize.grammar import _UPPER
from kg.recognize.places import PlaceGrammar
from kg.resources import data_dir
from kg.segment import Sentence

_JOIN = re.compile(r"[ \t\xa0]+(?:(?:của|thuộc)[ \t\xa0]+)?")
_CAP = r"(?:" + _UPPER + r"[\w&.-]*|\d+)"
# a proper name: capitalised words, each maybe with one lower-case syllable ("Bưu chính Viễn thông Việt Nam", "GTEL CDS")
_PROPER = re.compile(r"[ \t\xa0]+" + _CAP + r"(?:(?:[ \t\xa0]+(?!(?:và|với|của|cùng|tại|ở|cho)(?!\w))(?!" + _UPPER
                     + r")[^\W\d_]+)?[ \t\xa0]+" + _CAP + r")*")
_UNIT = re.compile(r"(?<!\w)(?:Trung tâm|Phòng|Ban|Văn phòng)[ \t\xa0]+" + _UPPER
                   + r"[^.,;:()“”\"–-]{0,60}?[ \t\xa0]+[–-][ \t\xa0]+$")   # "Trung tâm ... – " before a company
_PARTY = re.compile(r"[ \t\xa0]+(?P<level>Quận|Huyện|Thành|Thị|Tỉnh|Đảng)[ \t\xa0]+ủy(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def agency_levels() -> dict:
    """ontology/agency-levels.json, read once: the words that make an agency type a province's, and those that
    name one only written with a capital ("Sở", not the end of "cơ sở")."""
    return json.loads((data_dir("ontology") / "agency-levels.json").read_text(encoding="utf-8"))


def recognizer(lexicon: Lexicon) -> Recognizer:
    places = PlaceGrammar(lexicon)
    capitalised = tuple(w.lower() + " " for w in agency_levels()["capitalised"])

    def recognize(sentence: Sentence) -> list[Mention]:
        text, base = sentence.text, sentence.start
        out = []
        for h in lexicon.agency_types.finditer(text):
            if text[h.start].islower() and text[h.start:h.end].lower().startswith(capitalised):
                continue                # "các cơ sở y tế": the end of "cơ sở", no Sở Y tế
            if h.concept in lexicon.companies:
                out += _company(text, base, h.start, h.end, str(h.concept))
                continue
            end, attrs = h.end, ()
            party = _PARTY.match(text, h.end)
            join = _JOIN.match(text, h.end)
            place = places.match_at(text, join.end(), base) if join else None
            place = place or _level_in_name(places, text, base, h.start, h.end)
            if party:
                end, attrs = party.end(), (("party", party["level"].lower()),)
            elif place:
                end, attrs = place.end - base, (("place", place),)
            if not (place and text[h.start].isupper()) and _one_word(text, h.start, h.end):
                continue                # "Đoàn" alone: a family name or a delegation, not "Đoàn phường X"
            out.append(Mention(base + h.start, base + end, text[h.start:end], "AGENCY", str(h.concept), attrs))
        return out
    return recognize


def _company(text: str, base: int, start: int, end: int, key: str) -> list[Mention]:
    """A company by its name: a head with the proper name after it ("Chi nhánh GTEL CDS"), or a brand
    ("VNPT Cần Thơ"), with the unit written before it and a dash ("Trung tâm Dịch vụ ... – Chi nhánh ...")."""
    name = _PROPER.match(text, end)
    if " " in text[start:end].strip() and (name is None or not text[start].isupper()):
        return []                       # "công ty", "tập đoàn": a company, not which; "chi nhánh Bình Dương": a branch
    end = name.end() if name else end
    unit = _UNIT.search(text, max(0, start - 80), start)
    start = unit.start() if unit else start
    label = " ".join(text[start:end].split())
    return [Mention(base + start, base + end, text[start:end], "AGENCY", key, (("name", label),))]


def _one_word(text: str, start: int, end: int) -> bool:
    """A one-word head that is not an abbreviation ("Đoàn", not "UBND") names an agency only before its place."""
    word = text[start:end]
    return " " not in word and not word.isupper()


def _level_in_name(places: PlaceGrammar, text: str, base: int, start: int, end: int) -> Mention | None:
    """ "Quận Đoàn Thanh Khê", "Huyện Đoàn Tây Sơn": an agency named with its level in front; the capitalised
    words after it name the place."""
    level = places.level.match(text, start)
    if level is None or level.end() >= end:
        return None
    names, stop = places._names(text, end)
    if not names:
        return None
    return places._mention(text, base, start, stop, places._level_of(level.group()), names=tuple(names))

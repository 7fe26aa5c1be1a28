"""Agencies: an agency type from the lexicon followed by the place it belongs to
("Công an Quận 4", "UBND phường Bến Thành", "Phòng Tư pháp Quận"), or by a party committee
("Ban Tuyên giáo Quận ủy"), or with its level in front ("Quận Đoàn Thanh Khê"). A type with no place belongs to the place the text is about.
"""
from __future__ import annotations

import re

from kg.lexicon import Lexicon
from kg.recognize import Mention, Recognizer
from kg.recognize.places import PlaceGrammar
from kg.segment import Sentence

_JOIN = re.compile(r"[ \t\xa0]+(?:(?:của|thuộc)[ \t\xa0]+)?")
_PARTY = re.compile(r"[ \t\xa0]+(?P<level>Quận|Huyện|Thành|Thị|Tỉnh|Đảng)[ \t\xa0]+ủy(?!\w)", re.IGNORECASE)


def recognizer(lexicon: Lexicon) -> Recognizer:
    places = PlaceGrammar(lexicon)

    def recognize(sentence: Sentence) -> list[Mention]:
        text, base = sentence.text, sentence.start
        out = []
        for h in lexicon.agency_types.finditer(text):
            end, attrs = h.end, ()
            party = _PARTY.match(text, h.end)
            join = _JOIN.match(text, h.end)
            place = places.match_at(text, join.end(), base) if join else None
            place = place or _level_in_name(places, text, base, h.start, h.end)
            if party:
                end, attrs = party.end(), (("party", party["level"].lower()),)
            elif place:
                end, attrs = place.end - base, (("place", place),)
            if _one_word(text, h.start, h.end) and not (place and text[h.start].isupper()):
                continue                # "Đoàn" alone: a family name or a delegation, not "Đoàn phường X"
            out.append(Mention(base + h.start, base + end, text[h.start:end], "AGENCY", str(h.concept), attrs))
        return out
    return recognize


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

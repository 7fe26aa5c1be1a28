"""Agencies: an agency type from the lexicon followed by the place it belongs to
("Công an Quận 4", "UBND phường Bến Thành", "Phòng Tư pháp Quận"), or by a party committee
("Ban Tuyên giáo Quận ủy"). A type with no place belongs to the place the text is about.
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
            if party:
                end, attrs = party.end(), (("party", party["level"].lower()),)
            elif place:
                end, attrs = place.end - base, (("place", place),)
            out.append(Mention(base + h.start, base + end, text[h.start:end], "AGENCY", str(h.concept), attrs))
        return out
    return recognize

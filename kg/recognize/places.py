"""Places: a level word and a name ("Phường 1", "phường Bến Thành", "Q.1", "huyện Tây Sơn"), lists that
share one level word ("Phường 1, 2, 3, 8 và 15", "xã Tây Vinh, Tây Giang"), counts that mean every unit
("15 Phường", "các xã") and the units they list ("nhiều xã như Lai Hòa, Đông Thuận"), a bare level word that
means the one the text is about ("Quận đã ..."), and places the gazetteer knows by name ("TP.HCM").
"""
from __future__ import annotations

import re

from kg.lexicon import Lexicon
from kg.recognize import Mention, Recognizer
from kg.recognize.grammar import load as load_grammar
from kg.segment import Sentence
from kg.scan import Scan, word_starts
from kg.text import DIGITS, digit_runs, first_word, lowered

_NUMS = re.compile(r"\s*(\d{1,2}(?:(?:\s*,\s*|\s+và\s+)\d{1,2})*)(?![\d/]|[.,]\d)")   # no unit is numbered 120
# "mỗi phường 2 công chức", "từng xã": every unit of a level in turn, not one of them
_EACH = re.compile(r"(?<!\w)(?:mỗi|từng|mọi)[ \t\xa0]+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"[ \t\xa0]*")
_QUANTIFIERS = frozenset({"các", "tất", "một", "nhiều", "những"})    # the first words of a count's quantifiers
_QUANTIFIER_STARTS = tuple(sorted(_QUANTIFIERS))
_LIST_SEP = re.compile(r"\s*,\s*|\s+và\s+")
_PARTY = re.compile(r"\s*ủy(?!\w)", re.IGNORECASE)
# "37 xã, phường, thị trấn được chọn ... bao gồm: Cái Nước, Đầm Dơi, ...": the units a count names, listed without
# their level word. They take the count's (first) level.
_LISTED = re.compile(r"[^.;:()]{0,80}?(?i:bao gồm|gồm|gồm có|là)\s*:\s*")
# "nhiều xã như Lai Hòa, Đông Thuận, Tân Thạnh": the units a plural gives as examples, right after it
_LIKE = re.compile(r"\s+(?i:như)\s+")
_MAX_NAME_WORDS = 4
# A number that ends a unit's name: one or two digits, then punctuation or a verb, never a count ("6 tháng")
_NUMBERED = re.compile(r"[ \t\xa0]+(\d{1,2})(?=[ \t\xa0]*(?:[,.;:)…]|$)"
                       r"|[ \t\xa0]+(?:và|cũng|còn|đã|đang|sẽ|vừa|được|có|là|triển khai|thực hiện|tổ chức)(?!\w))")
# "UBND cấp xã, phường", "cấp huyện": a level, not a place
_LEVEL_ONLY = re.compile(r"(?<!\w)(?i:cấp)\s+(?:[^\W\d_]+\s*,\s*|[^\W\d_]+\s+[^\W\d_]+\s*,\s*)?$")
ALL_UNITS, SOME_UNITS = -1, -2


class PlaceGrammar:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._levels: dict[str, str] = {}
        spelled = sorted((lab for lab in lexicon.levels.labels if not _abbrev(lab)), key=len, reverse=True)
        abbrevs = sorted((lab for lab in lexicon.levels.labels if _abbrev(lab)), key=len, reverse=True)
        alternatives = ["(?i:" + "|".join(re.escape(w) for w in spelled) + r")(?!\w)"]
        alternatives += [re.escape(a) if a.endswith(".") else re.escape(a) + r"(?=\s+[^\W\d_])" for a in abbrevs]
        # tried only where the first word of a level is (kg.scan.Scan's `starts`)
        self.level = Scan(r"(?<!\w)(?:" + "|".join(alternatives) + ")", case=True,
                          starts=frozenset(map(first_word, lexicon.levels.labels)))
        counted = [lab for lab in spelled if not lab.lower().startswith(("quận", "huyện", "tỉnh", "thành", "thị"))]
        self.count = re.compile(r"(?<![\w/])(?:(\d+)|(?P<all>(?i:các|tất cả(?: các)?))|(?i:một số|nhiều|những))\s+(?i:"
                                + "|".join(map(re.escape, counted)) + r")(?!\w)")
        # a sentence without any holds no count (they are level words: found among the level's places)
        self._count_words = frozenset(map(first_word, counted))

    def findall(self, text: str, base: int = 0) -> list[Mention]:
        out: list[Mention] = []
        for h in self.lexicon.known_places.finditer(text):
            out.append(Mention(base + h.start, base + h.end, text[h.start:h.end], "PLACE", str(h.concept)))
        for m in self.counts(text):
            counted = self.match_at(text, m.start(), base)
            out.append(counted)
            listed = _LISTED.match(text, m.end()) if counted.get("count") > 0 else None
            listed = listed or _LIKE.match(text, m.end())
            names, end = self._names(text, listed.end()) if listed else ([], 0)
            if len(names) > 1:
                unit = self._mention(text, base, listed.end(), end, counted.get("level"), names=tuple(names))
                out.append(Mention(unit.start, unit.end, unit.text, unit.label, unit.key, unit.attrs + (("listed", True),)))
        for m in self.level.finditer(text):
            found = self.match_at(text, m.start(), base, m)
            if found:
                out.append(found)
        return out

    def counts(self, text: str):
        """self.count.finditer(text), tried only where a count can start (a run of digits, a quantifier's first word)
        in a sentence that holds a word a count's level starts with."""
        low = lowered(text)
        if self._count_words.isdisjoint([w for _, w in word_starts(low, self.level.starts)]):
            return                      # (the level words' places, which findall reads too: one look-up for both)
        pos = 0
        for at in sorted(digit_runs(text) + [at for at, _ in word_starts(low, _QUANTIFIERS)]):
            if at >= pos and (m := self.count.match(text, at)):
                yield m
                pos = m.end()

    def match_at(self, text: str, pos: int, base: int = 0, level_word: re.Match | None = None) -> Mention | None:
        """The place that starts exactly at pos, if any (`level_word`: the level word's match there, when known)."""
        known = self.lexicon.known_places.match_at(text, pos)
        if known:
            return Mention(base + known.start, base + known.end, text[known.start:known.end], "PLACE", str(known.concept))
        counted = self.count.match(text, pos) if pos < len(text) and (text[pos].isdecimal() or lowered(text).startswith(
            _QUANTIFIER_STARTS, pos)) else None         # (a count starts with a digit or a quantifier: most places neither)
        if counted:
            return self._mention(text, base, pos, counted.end(), self._level_of(counted.group().split()[-1]),
                                 count=_count(counted))
        m = level_word or self.level.match(text, pos)
        if not m or _PARTY.match(text, m.end()) or self.lexicon.agency_types.match_at(text, pos) \
                or _EACH.search(text, max(0, pos - 8), pos):
            return None             # "Quận ủy", "Quận Đoàn Thanh Khê": a party or youth body; "mỗi phường": no one place
        level = self._level_of(m.group())
        nums = _NUMS.match(text, m.end())
        if nums:
            names = DIGITS.findall(nums.group(1))
            return self._mention(text, base, pos, nums.end(), level, names=tuple(str(int(n)) for n in names))
        names, end = self._names(text, m.end())
        if names and load_grammar().person(text, pos, names[0]):
            return None
        if names:
            return self._mention(text, base, pos, end, level, names=tuple(names))
        if m.group()[-1] != "." and m.group()[0].isalpha() and " " not in m.group().strip() \
                and not _LEVEL_ONLY.search(text, max(0, pos - 24), pos):
            return self._mention(text, base, pos, m.end(), level, bare=True)
        return None

    def _names(self, text: str, pos: int) -> tuple[list[str], int]:
        names: list[str] = []
        end = pos
        while True:
            name, stop = self._name(text, pos)
            if not name or (names and " " not in name and _lower_next(text, stop)):
                return names, end       # "phường Chợ Quán và Trung tâm ...": one capitalised word of a noun
            names.append(name)
            end = stop
            sep = _LIST_SEP.match(text, end)
            if not sep:
                return names, end
            pos = sep.end()

    def _name(self, text: str, pos: int) -> tuple[str, int]:
        """Up to four capitalised words from pos; a level word or an agency type ends the name."""
        words: list[str] = []
        end = pos
        while len(words) < _MAX_NAME_WORDS:
            w = _WORD.match(text, _SPACES.match(text, end).end())
            if not w or not w.group()[0].isupper() or self.level.match(text, w.start()) \
                    or self.lexicon.agency_types.match_at(text, w.start()) or (words and self._person(text, w)):
                break
            words.append(w.group())
            end = w.end()
        numbered = _NUMBERED.match(text, end) if words else None
        if numbered:                    # "xã Vị Thanh 1", "phường Móng Cái 2": since 2025, numbers in names
            words.append(numbered.group(1))
            end = numbered.end()
        return " ".join(words), end

    def _person(self, text: str, w: re.Match) -> bool:
        """ "Chủ tịch UBND phường Bến Thành Mai Thị Hồng Hoa": after a title, a family name that starts three or more
        capitalised words starts the person's name, not more of the place's."""
        grammar = load_grammar()
        if w.group() not in grammar.surnames:
            return False
        run, end = [], w.start()
        while len(run) < _MAX_NAME_WORDS:
            nxt = _WORD.match(text, _SPACES.match(text, end).end())
            if not nxt or not nxt.group()[0].isupper():
                break
            run.append(nxt.group())
            end = nxt.end()
        return grammar.person(text, w.start(), " ".join(run))

    def _level_of(self, word: str) -> str:
        if word not in self._levels:            # a handful of level words, asked for every place
            self._levels[word] = str(self.lexicon.levels.fullmatch(word) or self.lexicon.levels.fullmatch(word.capitalize()))
        return self._levels[word]

    @staticmethod
    def _mention(text, base, start, end, level, names=(), count=0, bare=False) -> Mention:
        attrs = (("level", level), ("names", names), ("count", count), ("bare", bare))
        return Mention(base + start, base + end, text[start:end], "PLACE", "", attrs)


def _count(m: re.Match) -> int:
    """How many units a plural names: a number, ALL_UNITS ("các xã"), or SOME_UNITS ("một số xã")."""
    return int(m.group(1)) if m.group(1) else ALL_UNITS if m.group("all") else SOME_UNITS


def _lower_next(text: str, pos: int) -> bool:
    """A lower-case word comes next (after spaces only)."""
    w = _WORD.match(text, _SPACES.match(text, pos).end())
    return w is not None and w.start() > pos and w.group()[0].islower()


def _abbrev(label: str) -> bool:
    return label.endswith(".") or label.isupper()


def recognizer(lexicon: Lexicon) -> Recognizer:
    grammar = PlaceGrammar(lexicon)

    def recognize(sentence: Sentence) -> list[Mention]:
        return grammar.findall(sentence.text, sentence.start)
    return recognize

"""What every relating step asks of a sentence: its mentions, brackets, and its subject."""
from __future__ import annotations

import bisect
import functools
import re
from operator import attrgetter
from dataclasses import dataclass, field

from kg.recognize import IN_TEXT, Mention
from kg.recognize.places import SOME_UNITS
from kg.relate.cues import PARTNER_CUE
from kg.segment import Sentence
from kg.text import occurrences

_START = attrgetter("start")
_APPOSITION = re.compile(r"^\s*[,(–-]\s*$")
AND = re.compile(r"^\s*(?:,|và)\s*$")                # between two items of one list: "A, B và C"
# right before an agency or place: a receiver ("bàn giao cho Bộ phận một cửa"), or a possessor ("Thực hiện Kế hoạch
# 125 của UBND tỉnh, ..."): neither is who a launching clause is about
_RECEIVER = re.compile(r"(?<!\w)cho[ \t\xa0]*$", re.IGNORECASE)
# "giao cho UBND phường X thí điểm mô hình ...": the one given the task does it (a causative), it receives nothing
_DOES = re.compile(r"[ \t\xa0]*(?:(?:đã|sẽ|tiếp tục|chủ động)[ \t\xa0]+)?(?:triển khai|thực hiện|xây dựng|thí điểm|ra mắt|áp dụng|duy trì|nhân rộng)(?!\w)", re.IGNORECASE)
_POSSESSOR = re.compile(r"(?<!\w)của[ \t\xa0]*$", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"^\s*(?:Đây là|Đó là|Theo mô hình này|Mô hình này)\b", re.IGNORECASE)
_LEVEL_RANK = {"tinh": 0, "thanh-pho": 1, "quan": 2, "huyen": 2, "thi-xa": 2, "phuong": 3, "xa": 3, "thi-tran": 3}


@functools.cache
def level_rank(level) -> int:
    """0 province, 1 city, 2 district or town, 3 ward, commune or township, from a place-level IRI (each level's
    remembered: relate and link ask ~150 times a document, of a dozen levels)."""
    return _LEVEL_RANK.get(str(level or "").rsplit("/", 1)[-1], 3)


@dataclass
class Analysed:
    """A sentence and its mentions, in text order (as `filter_spans` gives them), with what relating asks of it
    computed once: its mentions by label (those between two offsets found by bisection), the places they name,
    where its brackets are, and who it may be about."""
    sentence: Sentence
    mentions: list[Mention]
    _by_label: dict[str, list[Mention]] | None = field(default=None, init=False, repr=False, compare=False)
    _places: list[tuple[Mention, Mention]] | None = field(default=None, init=False, repr=False, compare=False)
    _subjects: list[Mention] | None = field(default=None, init=False, repr=False, compare=False)
    _parens: list[tuple[int, str]] | None = field(default=None, init=False, repr=False, compare=False)
    _brackets: list[tuple[int, int]] | None = field(default=None, init=False, repr=False, compare=False)

    def of(self, label: str, start: int | None = None, end: int | None = None) -> list[Mention]:
        """The mentions with this label, those between start and end when given, in text order."""
        if self._by_label is None:
            self._index()
        found = self._by_label.get(label)
        if found is None:
            return []
        if start is None and end is None:
            return list(found)
        lo = self.sentence.start if start is None else start
        hi = self.sentence.end if end is None else end
        out = []
        for k in range(bisect.bisect_left(found, lo, key=_START), len(found)):
            m = found[k]
            if m.start > hi:
                break
            if m.end <= hi:
                out.append(m)
        return out

    def around(self, start: int, middle: int, end: int) -> tuple[dict[str, list[Mention]], ...]:
        """The mentions between start and end by label, those of them that end by `middle` and those that start
        from it: what `of` gives for each label and each of the three ranges, found in one walk."""
        between: dict[str, list[Mention]] = {}
        before: dict[str, list[Mention]] = {}
        after: dict[str, list[Mention]] = {}
        mentions = self.mentions
        for k in range(bisect.bisect_left(mentions, start, key=_START), len(mentions)):
            m = mentions[k]
            if m.start > end:
                break
            if m.end <= end:
                between.setdefault(m.label, []).append(m)
                if m.end <= middle:
                    before.setdefault(m.label, []).append(m)
                if m.start >= middle:
                    after.setdefault(m.label, []).append(m)
        return between, before, after

    def _index(self) -> None:
        """The mentions by label, each label's in text order, and the places they name (`places`), in one walk."""
        self._by_label, self._places = by_label, places = {}, []
        for m in self.mentions:
            label = m.label
            found = by_label.get(label)
            if found is None:
                by_label[label] = [m]
            else:
                found.append(m)
            if label == "PLACE":                            # (place_of, without a call for every mention)
                places.append((m, m))
            elif label == "AGENCY" and (p := m.get("place")) is not None:
                places.append((m, p))

    def places(self) -> list[tuple[Mention, Mention]]:
        """Each mention that names a place (a place, an agency of a place), with that place, in text order."""
        if self._places is None:
            self._index()
        return self._places

    def subjects(self) -> list[Mention]:
        """The agencies and places the sentence may be about: those outside model names and brackets, less "một
        số xã", in text order."""
        if self._subjects is None:
            models = self._by_label.get("MODEL", ()) if self._by_label is not None else self.of("MODEL")
            blocked = [(m.start, m.end) for m in models] + self.brackets()
            self._subjects = out = []
            for m in self.mentions:
                label = m.label
                if label == "PLACE":
                    p = m
                elif label == "AGENCY":
                    p = m.get("place")
                else:
                    continue
                if p is not None and p.get("count") == SOME_UNITS:
                    continue                                # (some(place_of(m)))
                start = m.start
                for lo, hi in blocked:
                    if lo <= start < hi:
                        break
                else:
                    out.append(m)
        return self._subjects

    def add(self, mentions: list[Mention]) -> None:
        """Mentions relating finds (a company's acronym written alone), in text order with the others."""
        self.mentions = sorted(self.mentions + mentions, key=IN_TEXT)
        self._by_label = self._places = self._subjects = None

    def slice(self, start: int, end: int) -> str:
        return self.sentence.text[start - self.sentence.start:end - self.sentence.start]

    def brackets(self, start: int | None = None, end: int | None = None) -> list[tuple[int, int]]:
        """Top-level (...) spans between start and end. The sentence's brackets are listed once; each call
        walks only those in its range; the whole sentence's are remembered."""
        if start is None and end is None:
            if self._brackets is None:
                self._brackets = self.brackets(self.sentence.start, self.sentence.end)
            return list(self._brackets)
        marks = self._marks()
        if not marks:
            return []
        start = self.sentence.start if start is None else start
        end = self.sentence.end if end is None else end
        out, stack = [], []
        for k in range(bisect.bisect_left(marks, (start, "")), len(marks)):
            i, ch = marks[k]
            if i >= end:
                break
            if ch == "(":
                stack.append(i)
            elif stack:
                o = stack.pop()
                if not stack:
                    out.append((o, i + 1))
        return out

    def _marks(self) -> list[tuple[int, str]]:
        if self._parens is None:
            base, text = self.sentence.start, self.sentence.text
            self._parens = [(base + i, ch) for i, ch in occurrences(text, "()")] if "(" in text else []
        return self._parens

    def first(self, scan) -> re.Match | None:
        """A grammar scan's (kg.scan.Scan) first match in the sentence, as `scan.search(text)` finds it, tried only
        where the words its matches start with are, when it knows them: the sentence's words are listed once
        (kg.text.words) and most sentences hold none; searched whole, the pattern is tried at every character."""
        return next(scan.finditer(self.sentence.text), None)

    def refers_back(self) -> bool:
        return bool(_BACK_REFERENCE.match(self.sentence.text))


def rank(place: Mention) -> int:
    """0 province, 1 city, 2 district or town, 3 ward, commune or township; a gazetteer place counts as a city."""
    if place.key:
        return 1
    return level_rank(place.get("level"))


def place_of(m: Mention) -> Mention | None:
    return m.get("place") if m.label == "AGENCY" else m if m.label == "PLACE" else None


def some(place: Mention | None) -> bool:
    """ "một số xã": some units, not which; it can be no one's place."""
    return place is not None and place.get("count") == SOME_UNITS


def subject(a: Analysed, before: int) -> Mention | None:
    """The agency or place a sentence is about, before `before`: the nearest one outside model names and
    brackets, passing over a larger place set beside a smaller one ("UBND phường Thành Sen, tỉnh Hà Tĩnh") and
    over the partners it works with ("UBND phường X phối hợp Bưu điện Y triển khai ...": X)."""
    candidates = [m for m in a.subjects() if m.end <= before and not received(a, m)]
    while len(candidates) > 1 and (candidates[-1].label == "PLACE" and _beside(a, candidates[-2], candidates[-1])
                                   and place_of(candidates[-2]) is not None
                                   and rank(place_of(candidates[-2])) > rank(candidates[-1])
                                   or _partner(a, candidates)):
        candidates.pop()
    return candidates[-1] if candidates else None


def _partner(a: Analysed, candidates: list[Mention]) -> bool:
    """The last candidate is a partner: a partner cue before it, or it ends a list that one starts ("phối hợp Bưu
    điện quận 1 và Công an phường")."""
    k = len(candidates) - 1
    while k > 0:
        gap = a.slice(candidates[k - 1].end, candidates[k].start)
        if PARTNER_CUE.ends(gap):
            return True
        if not AND.match(gap):
            return False
        k -= 1
    return False


def received(a: Analysed, m: Mention) -> bool:
    """ "bàn giao cho Bộ phận một cửa": the mention receives; it is not the sentence's subject."""
    return _RECEIVER.search(a.slice(max(a.sentence.start, m.start - 8), m.start)) is not None \
        and not _DOES.match(a.slice(m.end, min(a.sentence.end, m.end + 40)))


def possessed(a: Analysed, m: Mention) -> bool:
    """ "Kế hoạch 125 của UBND tỉnh": the mention owns a thing the sentence names, it does not act in it."""
    return _POSSESSOR.search(a.slice(max(a.sentence.start, m.start - 8), m.start)) is not None


_OPENS_AT = re.compile(r"^\W*(?:tại|ở)?\s*$", re.IGNORECASE)


def about(a: Analysed, who: Mention) -> bool:
    """Whether the sentence is about `who`: an agency (not "của UBND phường X"), or a place that opens it ("Tại
    phường Tân Định, Công an phường ..."), not one a phrase names ("Học tập kinh nghiệm từ phường Đa Kao, ...")."""
    if who.label == "AGENCY":
        return not possessed(a, who)
    return _OPENS_AT.match(a.slice(a.sentence.start, who.start)) is not None


@functools.cache
def _speech() -> tuple[re.Pattern, int, re.Pattern, re.Pattern]:
    """The speech verbs of an official who comments (model-grammar.json, "commenting"), how far after the office, the
    words that name the office again at the start of what is said, and those that make it the agent there."""
    from kg.recognize.grammar import grammar_data
    spec = grammar_data()["commenting"]
    return (re.compile(r"(?<!\w)(?:" + spec["pattern"] + r")(?!\w)", re.IGNORECASE), int(spec["reach"]),
            re.compile(r"[\s,:–-]*(?:" + spec["restated"] + r")(?!\w)", re.IGNORECASE),
            re.compile(r"(?<!\w)" + spec["agent"], re.IGNORECASE))


def commenting(a: Analysed, ag: Mention) -> bool:
    """An office named in the title of an official who comments, above a ward's or commune's: the office takes no part
    in the model ("Ông X, Phó Giám đốc Sở Khoa học và Công nghệ cho rằng, các tổ công nghệ số ...", "Phó Chủ tịch UBND
    kiêm Giám đốc ... - cho biết"); one who acts does ("Chủ tịch UBND tỉnh ... vừa ban hành kế hoạch triển khai mô hình");
    a ward's own official speaks for its model ("Theo Chủ tịch UBND phường Bến Thành, với Chatbot này ..."), and so
    does one whose words make the office act ("... cho biết, Trung tâm vừa đưa vào vận hành ...", "... cho biết, mô
    hình ... được huyện triển khai") (rule relate.commenting-official)."""
    from kg.recognize.grammar import load as load_grammar
    if not load_grammar().goes_on.title.search(a.slice(max(a.sentence.start, ag.start - 20), ag.start)):
        return False
    where = place_of(ag)
    if where is not None and where.get("names") and rank(where) == 3:
        return False
    speech, reach, restated, agent = _speech()
    said = speech.search(a.slice(ag.end, min(a.sentence.end, ag.end + reach)))
    if said is None:
        return False
    rest = a.slice(ag.end, a.sentence.end)[said.end():]        # "cho biết, Trung tâm vừa đưa vào vận hành ...": it acts
    return not (restated.match(rest) or rest.lstrip(" ,:–-").startswith(ag.text.split()[0] + " ")
                or agent.search(rest))


def first_subject(a: Analysed) -> Mention | None:
    """The first agency or place outside brackets: who a following "Đây là ..." sentence is about."""
    subjects = a.subjects()
    return subjects[0] if subjects else None


def _beside(a: Analysed, left: Mention, right: Mention) -> bool:
    return left.end <= right.start and bool(_APPOSITION.match(a.slice(left.end, right.start)))


def apposed(analysed: list[Analysed]) -> list[tuple[Mention, Mention]]:
    """Each place written beside a larger one ("phường Bến Thành (quận 1, TPHCM)", "thành phố Tân Uyên, tỉnh Bình
    Dương"), with that larger place, which says only where the smaller lies."""
    out = []
    for a in analysed:
        places = [p for _, p in a.places() if not p.get("count")]
        for left, right in zip(places, places[1:]):
            gap = a.slice(left.end, right.start) if left.end <= right.start else "x"
            if _APPOSITION.match(gap) and rank(right) < rank(left) and (left.get("names") or left.key):
                out.append((left, right))
    return out


def parents(pairs: list[tuple[Mention, Mention]]) -> dict[tuple, Mention]:
    """The larger place each place lies in, from the apposed pairs; keyed by the smaller place's (level, names)."""
    out: dict[tuple, Mention] = {}
    for left, right in pairs:
        out.setdefault(key(left), right)
    return out


def key(place: Mention) -> tuple:
    return (place.key, place.get("level"), place.get("names"))


def ancestors(place: Mention, parent_of: dict[tuple, Mention]) -> set[tuple]:
    out, mine = set(), key(place)
    while mine in parent_of and (mine := key(parent_of[mine])) not in out:
        out.add(mine)
    return out

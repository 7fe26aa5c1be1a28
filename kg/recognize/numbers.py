"""Figures: counts and rates with a unit ("281.533 TTHC", "trên 99%", "1697/3163 hồ sơ"), ranges
("từ 10% đến 30%"), processing-time reductions ("từ 03 ngày giảm còn 01 ngày") and the periods figures
refer to ("Tính đến tháng 12/2019", "năm 2019").

A number is a metric only with a unit the lexicon knows; so legal numbers (54/2017/QH14), years, dates,
ages ("6 tuổi"), anniversaries ("89 năm"), levels ("mức độ 3"), phone numbers and times are not.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import NamedTuple

from kg.lexicon import Lexicon
from kg.namespace import RK
from kg.recognize import Mention, Recognizer
from kg.recognize.grammar import figure_data, figures
from kg.segment import Sentence
from kg.scan import Scan
from kg.text import NUMBER, digit_runs, lowered, parse_number, space_before

_N = rf"(?<![\d.,/])(?:{NUMBER})(?![\d/]|[.,]\d)"
_DURATION_UNITS = {"phút": "minute", "giờ": "hour", "tiếng": "hour", "ngày": "day", "ngày làm việc": "day", "tuần": "week"}


def _duration(name: str) -> str:
    return rf"(?P<{name}>{_N})\s+(?P<{name}_unit>ngày làm việc|ngày|giờ|tiếng|phút|tuần)"



_REDUCTION = re.compile(r"(?i:từ)\s+" + _duration("before") + r"\s+(?i:(?:giảm|rút ngắn)\s+)?(?i:còn|xuống(?:\s+còn)?)\s+"
                        + _duration("after"))
_RANGE = Scan(r"từ\s+(?P<low>" + _N + r")\s*%\s+(?:đến|tới)\s+(?P<high>" + _N + r")\s*%")
# a count's range: "40 - 50 hồ sơ", "từ 40 đến 50 hồ sơ" (the unit after the high end, checked by the recognizer)
_COUNT_RANGE = re.compile(r"(?:(?i:từ)\s+)?(?P<low>" + _N + r")\s*(?:-|–|(?i:đến|tới))\s*(?P<high>" + _N + r")[ \t\xa0]+")
_RANGE_SEPS = ("-", "–", " -", " –", " đến", " tới", " Đến", " Tới")     # what may follow a range's low end
_PERCENT = re.compile(r"\s*%")
_BAND_WORDS = 60          # characters before a number that "đối với" and a band's noun and comparison fit in
# Periods: matched on the sentence's lower-cased copy (Scan); their numbers are digits. Each with one or two words all
# its matches hold: a sentence without them is not scanned (`re` tests every character of one it scans).
_PERIODS = [
    (Scan(r"(?:tính đến|đến)\s+tháng\s+(?P<m>\d{1,2})/(?P<y>\d{4})"), "month", "đến", "tháng"),
    (Scan(r"(?:tính đến|đến)\s+ngày\s+(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})"), "date", "đến", "ngày"),
    (Scan(r"ngày\s+(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})", before=r"\w"), "date", "ngày", ""),
    (Scan(r"tính đến nay|đến nay|hiện nay"), "now", "nay", ""),
    (Scan(r"tháng\s+(?P<m>\d{1,2})/(?P<y>\d{4})"), "month", "tháng", ""),
    (Scan(r"năm\s+(?P<y>(?:19|20)\d{2})(?!\d)", before=r"\w"), "year", "năm", ""),
]
_PERIODS_WITHOUT_DIGITS = [p for p in _PERIODS if p[1] == "now"]


def recognizer(lexicon: Lexicon) -> Recognizer:
    units = lexicon.units
    percent = str(units.fullmatch("%"))                          # "53,65%", "từ 10% đến 30%"
    at_least, at_most = str(lexicon.qualifiers.fullmatch("ít nhất")), str(lexicon.qualifiers.fullmatch("tối đa"))
    target = str(lexicon.qualifiers.fullmatch("phấn đấu"))
    number = re.compile(r"(?P<fraction>(?<![\d.,/])(?P<num>" + NUMBER + r")/(?P<den>" + NUMBER + r")(?![\d/]|[.,]\d))|(?P<value>" + _N + r")")
    qualifier = Scan(r"(?:" + "|".join(re.escape(q) for q in sorted(lexicon.qualifiers.labels, key=len, reverse=True))
                     + r")[ \t\xa0]+$", before=r"\w")

    figs = figures()

    def recognize(sentence: Sentence) -> list[Mention]:
        text, base = sentence.text, sentence.start
        out: list[Mention] = []
        words = list(figs.word_number.finditer(text))
        if not digit_runs(text) and not words:      # no figure, reduction or dated period: only "đến nay"
            return _periods(text, base, _PERIODS_WITHOUT_DIGITS)
        low = lowered(text)
        for m in _REDUCTION.finditer(text) if "từ" in low else ():      # reductions and ranges start with "từ"
            out.append(Mention(base + m.start(), base + m.end(), m.group(), "REDUCTION", attrs=(
                ("before", parse_number(m["before"])), ("before_unit", _DURATION_UNITS[m["before_unit"].lower()]),
                ("after", parse_number(m["after"])), ("after_unit", _DURATION_UNITS[m["after_unit"].lower()]))))
        for m in _RANGE.finditer(text) if "từ" in low and "%" in text else ():
            out.append(_metric(text, base, m.start(), m.end(), unit=percent, low=parse_number(m["low"]),
                               high=parse_number(m["high"]), low_qualifier=at_least, high_qualifier=at_most))
        numbers = list(_numbers(number, text))
        out += count_ranges(text, base, numbers)
        found = [(m, "figure.unit") for m in numbers] + [(m, "figure.number-word") for m in words]
        for m, rule in found:
            if not _not_a_count(text, m.start()) and (x := figure(text, base, m, rule)) is not None:
                out.append(x)
        return out + _periods(text, base, _PERIODS)

    def in_band(text: str, start: int, end: int) -> bool:
        """Whether the text up to `end` says the number is a bound of a band a rule applies to ("Đối với lệ phí
        từ 500.000 đồng đến dưới ..."): looked for in the _BAND_WORDS characters before `start`."""
        return figs.band_bound.search(text, max(0, start - _BAND_WORDS), end) is not None

    def count_ranges(text: str, base: int, numbers: list[re.Match]) -> list[Mention]:
        """ "40 - 50 hồ sơ", "từ 40 đến 50 hồ sơ": both ends, with a count's unit (not a time's or a place's, which
        need more to be figures; not a band's bounds). Tried at the numbers a dash or "đến"/"tới" follows."""
        out = []
        for n in numbers:
            if not text.startswith(_RANGE_SEPS, n.end()):
                continue
            at = n.start()
            m = _COUNT_RANGE.match(text, at - 3 if text[max(0, at - 3):at].lower() == "từ " else at)
            hit = units.match_at(text, m.end()) if m and not _not_a_count(text, m.start("low")) else None
            if hit is None or _compound(text, hit) or lexicon.value(hit.concept, RK.fractionOnly) or lexicon.value(hit.concept, RK.processingTimeOnly) \
                    or in_band(text, m.start(), m.start("low")):
                continue
            out.append(_metric(text, base, m.start(), hit.end, unit=str(hit.concept), low=parse_number(m["low"]),
                               high=parse_number(m["high"]), low_qualifier=at_least, high_qualifier=at_most))
        return out

    def figure(text: str, base: int, m: re.Match, rule: str) -> Mention | None:
        """The figure a number starts, if a unit (or %) follows it, maybe after a multiplier ("15,4 triệu")."""
        start, rest, fraction = m.start(), m.end(), rule == "figure.unit" and m["fraction"]
        if rest == len(text) or not (text[rest].isspace() or text[rest] == "%"):
            return None     # ("2019.", "1697/3163)": a unit's label cannot start right after a digit (its look-behind,
                            # (?<![\w/-])), a multiplier nor "%" without the space or the sign)
        mult = None if fraction else figs.multiplier.match(text, rest)
        if mult:
            rest, rule = mult.end(), "figure.multiplier"
        pct = _PERCENT.match(text, rest)
        unit_hit = None if pct else units.match_at(text, _skip_space(text, rest))
        if not pct and (not unit_hit or _compound(text, unit_hit)):
            return None
        values = _values(m, figs.number_words, figs.multipliers[mult.group().strip().lower()] if mult else 1)
        if unit_hit and ("value" in values and lexicon.value(unit_hit.concept, RK.fractionOnly)
                         and not figs.deployed_in.search(text, max(0, start - 40), start)
                         or lexicon.value(unit_hit.concept, RK.processingTimeOnly)
                         and not figs.processing_time.search(text, 0, start)
                         or figs.back_reference.match(text, unit_hit.end) or figs.counter.match(text, unit_hit.end)) \
                or in_band(text, start, start):
            return None
        end = pct.end() if pct else unit_hit.end
        if _population(text, start, end, pct is not None):
            return None
        q = qualifier.search(text, max(0, start - 20), start)
        bound = str(lexicon.qualifiers.fullmatch(text[q.start():q.end()].strip())) if q else None
        if _target(text, start):
            values["qualifier"] = target
        elif bound and bound != target:         # ("hoàn thành chỉ tiêu 100%": a target met)
            values["qualifier"] = bound
        return _metric(text, base, start, end, unit=percent if pct else str(unit_hit.concept), rule=rule, **values)
    return recognize


def _values(m: re.Match, words: dict[str, int], factor: int) -> dict:
    """A number's value (times a multiplier), or a fraction's two terms."""
    if m.re.groupindex.get("fraction") and m["fraction"]:
        return {"numerator": parse_number(m["num"]), "denominator": parse_number(m["den"])}
    value = parse_number(m["value"]) if m.re.groupindex.get("value") else Decimal(words[m.group().lower()])
    return {"value": value * factor}


class _Context(NamedTuple):
    """What the words around a figure say it is (figure-grammar.json's population and target rules)."""
    population_before: Scan         # searched in the text before the number: "dân số hơn "
    population_after: Scan          # matched at the figure's end: "% dân số là"
    share: Scan                     # searched in the text before a percent: "chiếm "
    share_of: Scan                  # matched at the percent's end: " dân số"
    share_blocked: Scan             # searched in the sentence before a share: a reform's count ("kích hoạt ... tài khoản")
    target_cue: Scan                # searched in the sentence before the number: "phấn đấu", "chỉ tiêu"
    target_blocked: Scan            # searched between the cue and the number: "đã", "kết quả"
    clause: re.Pattern              # a clause mark between them
    when: Scan                      # matched where a part between them starts: it says when ("đến năm 2025")
    reach: int                      # how far before the number a target's cue may be (characters)


@functools.lru_cache(maxsize=1)
def _context() -> _Context:
    data = figure_data()
    pop, tgt = data["population"], data["target"]
    return _Context(Scan(pop["before"], before=r"\w"), Scan(pop["after"]), Scan(pop["share"], before=r"\w"),
                    Scan(pop["after_share"]), Scan(pop["share_blocked"]), Scan(tgt["cue"], before=r"\w"), Scan(tgt["blocked"]),
                    re.compile(tgt["clause"]), Scan(tgt["when"]), tgt["reach"])


def _population(text: str, start: int, end: int, percent: bool) -> bool:
    """A place's population or its make-up (rule figure.population): "dân số hơn 36.000 người", "56% dân số là
    đồng bào ...", "Đồng bào Khmer chiếm 40% dân số"; not a rate over it ("đạt 70% dân số đủ điều kiện"), nor a
    reform's count as a share of it ("kích hoạt 5.200 tài khoản định danh điện tử, chiếm 78% dân số")."""
    c = _context()
    if c.population_before.search(text, max(0, start - 60), start):
        return True
    if not percent:
        return False
    if c.population_after.match(text, end) is not None:
        return True
    share = c.share.search(text, max(0, start - 20), start)
    return share is not None and c.share_of.match(text, end) is not None \
        and c.share_blocked.search(text, 0, share.start()) is None


def _target(text: str, start: int) -> bool:
    """Whether a plan sets the figure (rule figure.target): a target's cue before it in the sentence with nothing
    between that says it is achieved ("phấn đấu đến năm 2025 đạt 80%", "Chỉ tiêu ...; trên 95% hồ sơ ..."), nor a
    clause that is no part of the plan ("Phường phấn đấu hoàn thành kế hoạch, năm 2024 tiếp nhận 500 hồ sơ")."""
    c = _context()
    cues = list(c.target_cue.finditer(text, max(0, start - c.reach), start + 1))     # (its look-ahead sees the digit)
    if not cues or c.target_blocked.search(text, cues[-1].end(), start) is not None:
        return False
    at = cues[-1].end()
    for cut in c.clause.finditer(text, at, start):      # each part a clause mark closes goes on with the plan
        part = text[at:cut.start()]
        if part.strip() and not any(ch.isdigit() for ch in part) and c.when.match(text, at) is None:
            return False
        at = cut.end()
    return True


def _not_a_count(text: str, start: int) -> bool:
    """A word that makes the number a label or a code (rule figure.not-a-count) ends where the white space before
    the number starts (on the lower-cased copy)."""
    low, end, figs = lowered(text), space_before(text, start), figures()
    return low.endswith(figs.not_a_count, 0, end) and not low.endswith(figs.a_count, 0, end)


def _compound(text: str, hit) -> bool:
    """The unit's label starts a longer word of the compounds (rule figure.compound): "5 đồng chí", "3 tổ chức"."""
    word = figures().compound.match(lowered(text), hit.start)
    return word is not None and word.end() > hit.end


def _numbers(number: re.Pattern, text: str):
    """number.finditer(text), trying only where a run of digits starts (a number starts no later in a run)."""
    end = 0
    for at in digit_runs(text):
        if at >= end and (m := number.match(text, at)) is not None:
            end = m.end()
            yield m


def _periods(text: str, base: int, patterns) -> list[Mention]:
    low = lowered(text)
    return [Mention(base + m.start(), base + m.end(), text[m.start():m.end()], "PERIOD",
                    attrs=(("kind", kind),) + tuple((k, int(v)) for k, v in sorted(m.groupdict().items()) if v))
            for pattern, kind, word, also in patterns if word in low and also in low for m in pattern.finditer(text)]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\xa0":
        i += 1
    return i


def _metric(text: str, base: int, start: int, end: int, unit: str, **values) -> Mention:
    attrs = (("unit", unit),) + tuple(sorted(values.items()))
    return Mention(base + start, base + end, text[start:end], "METRIC", attrs=attrs)

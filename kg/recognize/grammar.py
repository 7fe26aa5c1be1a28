"""The grammar of model names, read once from ontology/model-grammar.json: cue words, launch verbs, the
words an unquoted practice starts with, and the heads of device, channel and service names. Every rule has
an id that the mentions it finds carry.

Case-insensitive patterns are `Scan`s (kg.scan): matched case-sensitively on the sentence's one lower-cased copy,
each a pass that `re` can skip through to its first letters; the offsets are the sentence's."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from kg.resources import data_dir
from kg.scan import Scan
from kg.text import first_word, lowered, per_text, word_at

GRAMMAR = "model-grammar.json"
# A capital letter, Vietnamese ones included (Đ, Ơ, Ư, Ấ, ...): a word that goes on a proper name.
_UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x41, 0x1F00) if chr(c).isupper()) + "]"


@dataclass(frozen=True)
class Rule:
    id: str
    regex: Scan                       # searched, matched and iterated as a re.Pattern is
    practice_only: bool = False       # a launch verb that names practices, never a quoted event ("tổ chức")
    in_name: bool = False             # a launch verb that is part of the practice's name ("cử cán bộ ...")
    coded: bool = False               # a cue a number after which is a document's code ("Đề án 06")


@dataclass(frozen=True)
class Continuation:
    id: str
    pointer: Scan                     # a bare cue that points back: "Chương trình có sự tham gia của ..."
    generic: frozenset[str]           # kind words too common to say which model a sentence is about
    plural: Scan                      # before an agency: "các bộ phận một cửa" is a kind of office, not one
    level: Scan                       # after an agency: "Trung tâm ... cấp xã", the same
    title: Scan                       # a person's title right before an agency: the person, not the office, acts


@dataclass(frozen=True)
class Grammar:
    cues: tuple[Rule, ...]
    launch_verbs: tuple[Rule, ...]
    practice: Rule
    heads: tuple[Rule, ...]
    alone: frozenset[str]             # ids of heads that name a model with nothing after them
    continuation: re.Pattern          # one word that goes on a head's name
    max_head_words: int
    heading: Rule                     # what may lead a sub-heading that names a practice
    heading_words: int
    no_name: re.Pattern               # matched at a lower-cased unquoted name's start: a preposition, no name
    national: re.Pattern              # searched in a lower-cased unquoted name: a national programme's
    procedure_list: Rule              # a later sentence listing the last model's procedures
    procedure_group: Rule             # searched before a field's word: the field names its procedures
    procedure_back: Rule              # "thủ tục" naming none: the procedures of the sentence before
    title: Scan                       # a person's title, searched just before an agency
    surnames: frozenset[str]
    any_launch: Scan                  # any launch verb (one search instead of one per rule)
    anaphora: Rule                    # "mô hình này": a sentence about the last model
    goes_on: Continuation             # a sentence with no model that goes on about the last one
    bare_agency: Rule                 # "Trung tâm cũng ra mắt ...": the last agency of that head
    any_rule: Scan                    # any cue, launch verb or head, case aside: whether a sentence can hold a model

    @functools.cached_property
    def leads(self) -> tuple[Rule, ...]:
        """What may lead a sub-heading that names a practice: a launch verb or the heading's own words."""
        return self.launch_verbs + (self.heading,)

    def person(self, text: str, pos: int, name: str) -> bool:
        """A name after a title ("Chủ tịch UBND tỉnh Lê Phước Thanh") that is a person's, not a place's."""
        words = name.split()
        return len(words) >= 3 and words[0] in self.surnames and bool(self.title.search(text, max(0, pos - 40), pos))

    def first(self, rules: tuple[Rule, ...], text: str, pos: int) -> tuple[Rule, re.Match] | None:
        """The rule whose pattern matches at pos (the longest match; the first of equals); a rule whose words are
        known is tried only where the word at pos is one of them."""
        return self._first(rules, text, pos, word_at(lowered(text), pos))

    def _first(self, rules: tuple[Rule, ...], text: str, pos: int, word: str | None) -> tuple[Rule, re.Match] | None:
        index = _by_word(rules)
        hits = [(r, m) for r in index.get(word, index[None]) for m in [r.regex.match(text, pos)] if m]
        return max(hits, key=lambda h: h[1].end() - h[1].start()) if hits else None

    def starts(self, text: str) -> list[tuple[int, str | None]]:
        """(place, word) for every place where a cue, a launch verb or a head (any rule, case aside) matches, tried where
        the rules' first words are: the only places `finditer` tries; none, and the sentence names no model by a rule."""
        return self.any_rule.every_start(text)

    def finditer(self, rules: tuple[Rule, ...], text: str, starts: list[tuple[int, str | None]]):
        """(rule, match) for every match of any rule, in text order; at one place the longest. Tried only at the
        `starts` of the sentence where one of these rules may start, by its word (not by a scan per rule;
        tests/test_normalize.py checks this against every rule's own scan); where the union did not know its
        words (a rule whose words are unknown), by the word found there."""
        pos, index = 0, _by_word(rules)
        for at, word in starts:
            if word is None:
                word = word_at(lowered(text), at)
            if at < pos or (word not in index and not index[None]):
                continue
            hit = self._first(rules, text, at, word)
            if hit is not None:
                yield hit
                pos = max(hit[1].end(), at + 1)


_BY_WORD: dict[int, tuple[tuple, dict[str | None, tuple[Rule, ...]]]] = {}


def _by_word(rules: tuple[Rule, ...]) -> dict[str | None, tuple[Rule, ...]]:
    """For each word a rule of a group starts with, the rules to try where it is: those that start with it and those
    whose words are not known, in their order; under None, those alone. Worked out once per group (a grammar's
    tuple, kept with it)."""
    kept = _BY_WORD.get(id(rules))
    if kept is None:
        words = {w for r in rules for w in r.regex.starts or ()}
        index = {w: tuple(r for r in rules if r.regex.starts is None or w in r.regex.starts) for w in [*words, None]}
        kept = _BY_WORD[id(rules)] = (rules, index)
    return kept[1]


def _words(source: str, case: bool = False, behind: bool = False) -> Scan:
    """A pattern that matches whole words."""
    return Scan(r"(?:" + source + r")(?!\w)", case, before=r"\w", behind=behind)


def _rule(spec: dict) -> Rule:
    return Rule(spec["id"], _words(spec["pattern"], bool(spec.get("case"))),
                bool(spec.get("practice_only")), bool(spec.get("in_name")), bool(spec.get("coded")))


def _union(specs: list[dict]) -> Scan:
    """Any of these rules, case aside: whether a text can hold one."""
    return _words("|".join(f"(?:{s['pattern']})" for s in specs), behind=True)


_MARKS = re.compile("[,“”\"'‘’«»]")          # a class, not str.translate: 4× faster on a sentence


@per_text(maxsize=4096)
def words_of(text: str) -> str:
    """A term's words, lower case, commas, quotes and spacing aside: how kind words and name heads are compared
    (remembered: relating compares the same names and sentences again and again)."""
    return " ".join(_MARKS.sub(" ", text.lower()).split())


def _continuation(spec: dict, titles: str) -> Continuation:
    generic = spec["generic_agency"]
    return Continuation(spec["id"], Scan(spec["pointer"]),
                        frozenset(words_of(w) for w in spec["generic_kinds"]),
                        Scan(r"(?:" + generic["before"] + ")", before=r"\w"), Scan(generic["after"]),
                        Scan(r"(?:" + titles + r")[ \t\xa0]+$", before=r"\w"))


def _no_name(spec: dict) -> re.Pattern:
    """A preposition that starts a phrase, not followed by the word that names a model by its field."""
    words = "|".join(sorted(map(re.escape, spec["words"]), key=len, reverse=True))
    return re.compile(r"(?:" + words + r")(?!\w)(?![ \t\xa0]+(?:" + re.escape(spec["field"]) + r"|dõi)(?!\w))")


@functools.lru_cache(maxsize=1)
def grammar_data() -> dict:
    """ontology/model-grammar.json as written, read once: load() and what it does not read (a head's "not_after" and
    "kind", the purpose words of give_kinds, the commenting official's words of kg.relate.context)."""
    return json.loads((data_dir("ontology") / GRAMMAR).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def load() -> Grammar:
    data = grammar_data()
    heads = data["name_heads"]
    mods = data["head_modifiers"]
    alternation = "|".join(sorted(mods["words"], key=len, reverse=True))
    levels = "|".join(sorted(mods["levels"], key=len, reverse=True))
    continuation = re.compile(r"[ \t\xa0]+(?:(?i:" + alternation + r")(?!\w)(?![ \t\xa0]+\d)|(?i:" + levels + r")(?=[ \t\xa0]+"
                              + _UPPER + r")|" + _UPPER + r"\w*)")
    return Grammar(tuple(_rule(s) for s in data["cues"]), tuple(_rule(s) for s in data["launch_verbs"]),
                   _rule(data["practice_starts"]), tuple(_rule(s) for s in heads),
                   frozenset(s["id"] for s in heads if s.get("alone")), continuation, int(data["max_head_words"]),
                   _rule({"id": data["headings"]["id"], "pattern": data["headings"]["lead"]}), data["headings"]["max_words"],
                   _no_name(data["name_prepositions"]),
                   re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, data["national"]["words"])) + r")(?!\w)"),
                   _rule(data["procedure_lists"]),
                   Rule(data["procedure_groups"]["id"], Scan(r"(?:" + data["procedure_groups"]["before"] + r")$", before=r"\w")),
                   _rule(data["procedure_back_reference"]),
                   Scan(r"(?:" + data["people"]["titles"] + r")[ \t\xa0]+\S+(?:[ \t\xa0]+\S+){0,5}?[ \t\xa0]*$", before=r"\w"),
                   frozenset(data["people"]["surnames"]),
                   _union(data["launch_verbs"]), _rule(data["anaphora"]), _continuation(data["continuation"], data["people"]["titles"]),
                   Rule(data["bare_agency"]["id"], Scan(data["bare_agency"]["pattern"], case=True)),
                   _union(data["cues"] + data["launch_verbs"] + heads))


@dataclass(frozen=True)
class FigureGrammar:
    number_words: dict[str, int]
    word_number: Scan                 # a number word followed by a space
    multipliers: dict[str, int]
    multiplier: Scan                  # spaces and a multiplier word
    back_reference: Scan
    counter: Scan
    processing_time: Scan             # searched in the text before a time
    band_bound: Scan                  # searched in the text before a number: a rule's band, not a quantity
    deployed_in: Scan                 # searched in the text before a count of places: where a model is deployed
    not_a_count: tuple[str, ...]      # words right before a number that make it a label or a code, not a count
    a_count: tuple[str, ...]          # those that end with such a word and still count: "tổng số"
    compound: re.Pattern              # matched at a unit's place (lower case): a longer word it starts ("đồng chí")


@functools.lru_cache(maxsize=1)
def figure_data() -> dict:
    """ontology/figure-grammar.json as read, once: figures() and the context rules of kg.recognize.numbers."""
    return json.loads((data_dir("ontology") / "figure-grammar.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def figures() -> FigureGrammar:
    data = figure_data()
    words, mult = data["number_words"]["words"], data["multipliers"]["words"]

    def alternation(ws):
        return "|".join(sorted(map(re.escape, ws), key=len, reverse=True))
    return FigureGrammar(words, Scan(r"(?:" + alternation(words) + r")(?=[ \t\xa0]+[^\W\d_])", before=r"[\w.,]",
                                     starts=frozenset(map(first_word, words))),
                         mult, Scan(r"[ \t\xa0]+(?:" + alternation(mult) + r")(?!\w)"),
                         Scan(data["back_reference"]["pattern"]), Scan(data["counter"]["pattern"]),
                         Scan(data["processing_time"]["pattern"]), Scan(data["band_bound"]["pattern"], before=r"\w"),
                         Scan(data["deployed_in"]["pattern"], before=r"\w"),
                         tuple(data["not_a_count"]["words"]), tuple(data["not_a_count"]["except"]),
                         re.compile(r"(?:" + alternation(data["compounds"]["words"]) + r")(?!\w)"))

"""Patterns scanned over a sentence: case-insensitive ones on its one lower-cased copy (kg.text.lowered), tried only
where the words their matches start with are (word_starts), with what every match of a pattern starts with read
from its source."""
import re
from functools import partial

from ahocorasick_rs import AhoCorasick, MatchKind

from kg.text import WORD_CHAR, lowered, per_sentence

try:
    from re import _parser          # how `re` reads a pattern (Python 3.11 on)
except ImportError:                 # pragma: no cover (Python 3.10)
    import sre_parse as _parser


# The parts of a pattern's source that lower-casing must leave alone: escapes (\W is not \w) and group names.
_SOURCE_PART = re.compile(r"\\N\{[^}]*\}|\\.|\(\?P<\w+>|\(\?P=\w+\)|.", re.S)


def lower_source(source: str) -> str:
    """A case-insensitive pattern's source with its letters in lower case and its IGNORECASE groups plain, to be
    matched case-sensitively on `lowered(text)`."""
    if "(?-i" in source:
        raise ValueError(f"a case-insensitive pattern cannot hold a case-sensitive part: {source!r} "
                         "(mark the pattern case-sensitive)")
    low = _SOURCE_PART.sub(lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), source)
    return low.replace("(?i:", "(?:")


class Scan:
    """A case-insensitive pattern matched case-sensitively on `lowered(text)` (or a case-sensitive one, `case`, on
    the text as it is): the matches IGNORECASE would give in the text, at the same offsets, found several times
    faster. Its methods are re.Pattern's (search, match, finditer); a match's offsets are the text's and its groups
    lower case. `before` is a character class the character before a match must not be in (`\\w`: the match starts
    a word); it is checked here rather than by a look-behind, which would keep `re` from skipping ahead to the
    pattern's first letters."""

    def __init__(self, source: str, case: bool = False, before: str | None = None, behind: bool = False,
                 starts: frozenset[str] | None = None):
        """`behind`: check `before` by a look-behind all the same, for a pattern `re` could not skip through
        anyway (an alternation of groups), where the look-behind fails fast inside words. `starts`: words (lower
        case, as kg.text.WORD_OR_MARK cuts a text) one of which every match starts with: finditer tries the pattern only where
        one is (word_starts), not at every character."""
        self.case = case
        source = source if case else lower_source(source)
        if starts is None and before == r"\w":
            starts = words_a_pattern_starts_with(source)
            if starts is not None and case:         # where a match starts, the lower-cased copy holds them lower case
                starts = frozenset(map(lowered, starts))
        self.starts = starts
        # without words to start at, the texts a match starts with (inside a word too), when its source spells them
        self.prefixes = literal_prefixes(source) if starts is None else None
        self.regex = re.compile(f"(?<!{before})(?:{source})" if before and behind else source)
        self.before = re.compile(before) if before and not behind else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first match. In a window of a text (the words before a number or a name), tried only where a word of
        `starts` is, when they are known: the sentence's words are listed once, and most windows hold none; a whole
        text (a slice made for one search) is searched at once."""
        if self.starts is not None and (pos or endpos is not None):
            return next(self.finditer(text, pos, endpos), None)
        on = text if self.case else lowered(text)
        return self._search(on, pos, len(on) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return self._match(text if self.case else lowered(text), pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        on = text if self.case else lowered(text)
        endpos = len(on) if endpos is None else endpos
        low = lowered(text) if self.case else on
        if self.starts is not None and not (0 < endpos < len(low) and WORD_CHAR.match(low, endpos - 1)
                                            and WORD_CHAR.match(low, endpos)):       # (a word cut short is no start)
            for at, _ in word_starts(low, self.starts):
                if pos <= at and (m := self._match(on, at, endpos)) is not None:
                    yield m
                    pos = m.end() if m.end() > at else at + 1
            return
        while pos <= endpos and (m := self._search(on, pos, endpos)) is not None:
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1      # never stuck on an empty match

    def every_start(self, text: str) -> list[tuple[int, str | None]]:
        """Every place where a match starts, overlapping ones too, in text order, with the word there when the words
        every match starts with are known (`starts`), else None."""
        if self.starts is not None:
            on = text if self.case else lowered(text)
            low = lowered(text) if self.case else on
            return [(at, w) for at, w in word_starts(low, self.starts) if self._match(on, at)]
        out, pos = [], 0
        while (m := self.search(text, pos)) is not None:
            out.append((m.start(), None))
            pos = m.start() + 1
        return out

    def _match(self, on: str, pos: int, endpos: int | None = None) -> re.Match | None:
        m = self.regex.match(on, pos) if endpos is None else self.regex.match(on, pos, endpos)
        return m if m is None or self.before is None or self._starts(on, pos) else None

    def _search(self, on: str, pos: int, endpos: int) -> re.Match | None:
        if self.prefixes is not None:       # tried where a text a match starts with is (`re` tries every character)
            for at in prefix_places(on, self.prefixes):
                if pos <= at <= endpos and (m := self._match(on, at, endpos)) is not None:
                    return m
            return None
        while pos <= endpos and (m := self.regex.search(on, pos, endpos)) is not None:
            if self._starts(on, m.start()):
                return m
            pos = m.start() + 1
        return None

    def _starts(self, on: str, i: int) -> bool:
        return self.before is None or i == 0 or self.before.match(on, i - 1) is None


def words_a_pattern_starts_with(source: str) -> frozenset[str] | None:
    """The words (lower case, whole, as kg.text.WORD_OR_MARK cuts a text) that every match of a pattern starts with, when
    its source spells them out: literal words, alternatives, optional groups and look-arounds before a space, a mark or
    `(?!\\w)`. None when it does not (a class, a repeat or the pattern's end while the first word is still going on)."""
    try:
        opened, closed = _first_word(list(_parser.parse(source)), {""})
    except _Unsaid:
        return None
    return frozenset(closed) if not opened and closed and "" not in closed else None


def literal_prefixes(source: str) -> frozenset[str] | None:
    """The texts one of which every match of a pattern starts with, as far as its source spells them out (literals,
    alternatives, optional groups; up to a class, a repeat, a look-around or a case-insensitive group), or None when a
    match may start with anything (a pattern that opens with a class, or an alternative that does)."""
    parsed = _parser.parse(source)
    if parsed.state.flags & re.IGNORECASE:
        return None
    opened, closed = _prefixes(list(parsed), {""})
    found = opened | closed
    return frozenset(found) if found and "" not in found else None


def _prefixes(items: list, opened: set[str]) -> tuple[set[str], set[str]]:
    """Walks a parsed pattern with the texts begun so far (`opened`); returns those that go on and those ended."""
    closed: set[str] = set()
    for op, av in items:
        if not opened:
            break
        if op is _parser.LITERAL or (op is _parser.IN and all(o is _parser.LITERAL for o, _ in av)):
            opened = {o + chr(c) for o in opened for c in ([av] if op is _parser.LITERAL else [c for _, c in av])}
        elif op is _parser.SUBPATTERN and not av[1] & re.IGNORECASE:
            opened, more = _prefixes(list(av[-1]), opened)
            closed |= more
        elif op is _parser.BRANCH:
            walked = [_prefixes(list(alternative), opened) for alternative in av[1]]
            opened = set().union(*(o for o, _ in walked))
            closed |= set().union(*(c for _, c in walked))
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and av[:2] == (0, 1):
            more_opened, more = _prefixes(list(av[2]), opened)
            opened, closed = opened | more_opened, closed | more
        else:
            return set(), closed | opened       # what comes next is not spelled out: the texts end here
    return opened, closed


def prefix_places(on: str, prefixes: frozenset[str]) -> list[int]:
    """Where any of the texts occurs in `on` (inside words too), in text order, each place once; remembered per text."""
    found = _found(on)
    key = ("prefixes", prefixes)
    at = found.get(key)
    if at is None:
        find, _ = _everywhere(prefixes)
        at = found[key] = sorted({start for _, start, _ in find(on)})
    return at


def _everywhere(texts: frozenset[str]) -> tuple:
    """(find, the texts in its order): `find(text)` gives (text's number, start, end) for every place one of them
    is, overlapping ones too; one Aho-Corasick automaton per set of texts, kept for the process."""
    kept = _EVERYWHERE.get(texts)
    if kept is None:
        if len(_EVERYWHERE) >= 256:
            _EVERYWHERE.clear()
        listed = sorted(texts)
        kept = _EVERYWHERE[texts] = (partial(AhoCorasick(listed).find_matches_as_indexes, overlapping=True), listed)
    return kept


_EVERYWHERE: dict[frozenset[str], tuple] = {}


class _Unsaid(Exception):
    pass


def _first_word(items: list, opened: set[str]) -> tuple[set[str], set[str]]:
    """Walks a parsed pattern with the first words begun so far (`opened`); returns those still going on and those
    ended (by a space, a mark or `(?!\\w)`)."""
    closed: set[str] = set()
    for op, av in items:
        if not opened:
            break
        if op is _parser.LITERAL or (op is _parser.IN and all(o is _parser.LITERAL for o, _ in av)):
            chars = [chr(av)] if op is _parser.LITERAL else [chr(c) for _, c in av]
            closed |= {o for o in opened for c in chars if not WORD_CHAR.match(c)}
            opened = {o + c for o in opened for c in chars if WORD_CHAR.match(c)}
        elif op is _parser.SUBPATTERN:
            opened, more = _first_word(list(av[-1]), opened)
            closed |= more
        elif op is _parser.BRANCH:
            walked = [_first_word(list(alternative), opened) for alternative in av[1]]
            opened = set().union(*(o for o, _ in walked))
            closed |= set().union(*(c for _, c in walked))
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and av[:2] == (0, 1):
            more_opened, more = _first_word(list(av[2]), opened)
            opened, closed = opened | more_opened, closed | more
        elif op is _parser.ASSERT_NOT and av[0] == 1 and list(av[1]) == [(_parser.IN, [(_parser.CATEGORY, _parser.CATEGORY_WORD)])]:
            closed, opened = closed | opened, set()                                 # (?!\w)
        elif op in (_parser.ASSERT, _parser.ASSERT_NOT, _parser.AT):
            continue                                                                # takes no character
        elif op is _parser.IN and av == [(_parser.CATEGORY, _parser.CATEGORY_SPACE)]:
            closed, opened = closed | opened, set()                                 # \s
        else:
            raise _Unsaid(op)
    return opened, closed


def word_starts(low: str, firsts: frozenset[str]) -> list[tuple[int, str]]:
    """Where the words of `firsts` (each maybe with the marks that follow it, "p." for "P.2"; or a mark) are in a
    lower-cased text as kg.text.WORD_OR_MARK cuts it (no word character before a word, none after one; a mark
    anywhere), in text order, with the word (at one place the longest: "tp." in "tp.hcm", not "tp" too): the only
    places a pattern whose every match starts with one of them can match. The words are found by one Aho-Corasick
    automaton per set of words (ahocorasick_rs: one pass over the text in compiled code, not a look-up per word),
    leftmost-longest: a word found inside a longer run of word characters hides no whole word (a whole word starts
    after a non-word character; where a run starts the longest is the whole word, if it is one); marks, which a
    word's own marks would hide ("(" in "b1("), by one more automaton that finds them all. Remembered per text and
    set of words (a window's search asks again): read only."""
    found = _found(low)
    at = found.get(firsts)
    if at is None:
        find, listed, after, marks = _AUTOMATA.get(firsts) or _automaton(firsts)
        n = len(low)
        at = [(start, listed[i]) for i, start, end in find(low)
              if not (start and ((c := low[start - 1]).isalnum() or c == "_")
                      or after[i] and end < n and ((c := low[end]).isalnum() or c == "_"))]
        if marks:
            find, listed = _everywhere(marks)
            at = sorted(at + [(start, listed[i]) for i, start, _ in find(low)], key=_in_text)
        found[firsts] = at
    return at


def _in_text(place: tuple[int, str]) -> tuple[int, int]:
    return place[0], -len(place[1])


def _automaton(firsts: frozenset[str]) -> tuple:
    """(find, the words (each starts with a word character), whether each ends with one, the marks (found by
    _everywhere)): `find(text)` gives (word's number, start, end) for each leftmost-longest place a word is, inside
    a longer one too."""
    if len(_AUTOMATA) >= 256:
        _AUTOMATA.clear()
    listed = sorted(w for w in firsts if WORD_CHAR.match(w))
    find = AhoCorasick(listed, matchkind=MatchKind.LeftmostLongest).find_matches_as_indexes if listed else \
        lambda _: []
    _AUTOMATA[firsts] = (find, listed, [WORD_CHAR.match(w[-1]) is not None for w in listed],
                         firsts.difference(listed))
    return _AUTOMATA[firsts]


_AUTOMATA: dict[frozenset[str], tuple] = {}


@per_sentence
def _found(low: str) -> dict:
    return {}

"""Recognizers: small callables `(sentence) -> mentions`, registered by name.

Finding spans is kept apart from deciding between them: each recognizer reports what it sees, and
`filter_spans` settles overlaps within a layer once, for all of them (as spaCy's SpanRuler does).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType
from typing import Callable, Iterable

from kg.lexicon import Lexicon
from kg.segment import Sentence


@dataclass(frozen=True, slots=True)
class Mention:
    start: int          # character offsets into the document text, end exclusive
    end: int
    text: str
    label: str          # PLACE, AGENCY, PROCEDURE, FIELD, KIND, MODEL, METRIC, REDUCTION, PERIOD
    key: str = ""       # the concept or entity the mention links to, when a lexicon says so
    attrs: tuple = ()   # (name, value) pairs a recognizer parsed: a place's level, a number's value, ...
    _named: dict = field(init=False, repr=False, compare=False)     # attrs by name, for get

    def __init__(self, start: int, end: int, text: str, label: str, key: str = "", attrs: tuple = ()):
        # Each field set through its slot's descriptor: a frozen dataclass's own __init__ calls object.__setattr__
        # by name for each (hundreds of mentions a document); attrs by name made once in C (the first pair of a
        # name is the one: reversed), so that get is a dict look-up, not a walk (relate and link ask ~1,100 times).
        _set_start(self, start)
        _set_end(self, end)
        _set_text(self, text)
        _set_label(self, label)
        _set_key(self, key)
        _set_attrs(self, attrs)
        _set_named(self, dict(reversed(attrs)) if attrs else _NOTHING)

    def get(self, name: str, default=None):
        return self._named.get(name, default)

    def within(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end


_NOTHING = MappingProxyType({})      # (shared by every mention without attrs: read only)
_set_start, _set_end, _set_text, _set_label, _set_key, _set_attrs, _set_named = (
    getattr(Mention, name).__set__ for name in ("start", "end", "text", "label", "key", "attrs", "_named"))


Recognizer = Callable[[Sentence], list[Mention]]

# Mentions in one layer compete for the same characters; mentions in different layers may overlap
# (a model's name holds agencies and procedures; a number may sit inside a model's name).
LAYERS = {"PLACE": "entity", "AGENCY": "entity", "PROCEDURE": "entity", "FIELD": "entity",
          "KIND": "kind", "MODEL": "model", "METRIC": "number", "REDUCTION": "number", "PERIOD": "number"}


def filter_spans(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (the earlier one on a tie), per layer, in text order. Walked in text
    order, each layer's mentions fall into runs that overlap one another (most runs one mention, kept as it is); only
    within a run do mentions compete, longest first, as they would over the whole sentence (none overlaps another run's)."""
    kept: list[Mention] = []
    runs: dict[str, list] = {}            # per layer: its open run's mentions, and where the run ends
    for m in sorted(mentions, key=IN_TEXT):
        layer = LAYERS.get(m.label, m.label)
        run = runs.get(layer)
        if run is not None and m.start < run[1]:
            run[0].append(m)
            if m.end > run[1]:
                run[1] = m.end
            continue
        if run is not None:
            kept += run[0] if len(run[0]) == 1 else _longest(run[0])
        runs[layer] = [[m], m.end]
    for members, _ in runs.values():
        kept += members if len(members) == 1 else _longest(members)
    kept.sort(key=IN_TEXT)
    return kept


def _longest(run: list[Mention]) -> list[Mention]:
    """Of mentions that overlap one another, the longest (the earlier on a tie), then each that overlaps none kept."""
    kept: list[Mention] = []
    for m in sorted(run, key=_longest_first):
        start, end = m.start, m.end
        for other in kept:
            if start < other.end and other.start < end:
                break
        else:
            kept.append(m)
    return kept


def _longest_first(m: Mention) -> tuple:
    return m.start - m.end, m.start, m.label


IN_TEXT = attrgetter("start", "end", "label")     # mentions in text order: the order filter_spans gives


def registry() -> dict[str, Callable[[Lexicon], Recognizer]]:
    from kg.recognize import agencies, models, numbers, places, terms
    return {
        "places": places.recognizer,
        "agencies": agencies.recognizer,
        "procedures": terms.procedures,
        "fields": terms.fields,
        "kinds": terms.kinds,
        "models": models.recognizer,
        "numbers": numbers.recognizer,
    }


DEFAULT_PIPELINE = ("places", "agencies", "procedures", "fields", "kinds", "models", "numbers")


def recognize(sentence: Sentence, recognizers: list[Recognizer]) -> list[Mention]:
    found: list[Mention] = []
    for rec in recognizers:
        found.extend(rec(sentence))
    return filter_spans(found)


_BUILT: dict[tuple, tuple[Lexicon, list[Recognizer]]] = {}


def build(lexicon: Lexicon, names: Iterable[str] = DEFAULT_PIPELINE) -> list[Recognizer]:
    """The pipeline's recognizers for this lexicon, made once: every document's extraction asks for them (the
    lexicon is kept with them, so its id names no other while they are remembered)."""
    key = (id(lexicon), tuple(names))
    if key not in _BUILT:
        if len(_BUILT) >= 8:
            _BUILT.clear()
        known = registry()
        _BUILT[key] = (lexicon, [known[name](lexicon) for name in key[1]])
    return list(_BUILT[key][1])

"""Recognizers: small callables `(sentence) -> mentions`, registered by name.

Finding spans is kept apart from deciding between them: each recognizer reports what it sees, and
`filter_spans` settles overlaps within a layer once, for all of them (as spaCy's SpanRuler does).
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Callable, Iterable

from kg.lexicon import Lexicon
from kg.segment import Sentence


@dataclass(frozen=True)
class Mention:
    start: int          # character offsets into the document text, end exclusive
    end: int
    text: str
    label: str          # PLACE, AGENCY, PROCEDURE, FIELD, KIND, MODEL, METRIC, REDUCTION, PERIOD
    key: str = ""       # the concept or entity the mention links to, when a lexicon says so
    attrs: tuple = ()   # (name, value) pairs a recognizer parsed: a place's level, a number's value, ...

    def get(self, name: str, default=None):
        for k, v in self.attrs:
            if k == name:
                return v
        return default

    def within(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end


Recognizer = Callable[[Sentence], list[Mention]]

# Mentions in one layer compete for the same characters; mentions in different layers may overlap
# (a model's name holds agencies and procedures; a number may sit inside a model's name).
LAYERS = {"PLACE": "entity", "AGENCY": "entity", "PROCEDURE": "entity", "FIELD": "entity",
          "KIND": "kind", "MODEL": "model", "METRIC": "number", "REDUCTION": "number", "PERIOD": "number"}


def filter_spans(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (the earlier one on a tie), per layer, in text order."""
    kept: list[Mention] = []
    taken: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=_longest_first):
        spans = taken.setdefault(LAYERS.get(m.label, m.label), [])
        start, end = m.start, m.end
        for other in spans:
            if start < other.end and other.start < end:
                break
        else:
            spans.append(m)
            kept.append(m)
    kept.sort(key=IN_TEXT)
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

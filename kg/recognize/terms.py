"""Lexicon terms: procedures, service fields and initiative-kind keywords, straight from the SKOS data."""
from __future__ import annotations

from kg.lexicon import Lexicon, TermMatcher
from kg.recognize import Mention, Recognizer
from kg.segment import Sentence


def _term_recognizer(matcher: TermMatcher, label: str) -> Recognizer:
    def recognize(sentence: Sentence) -> list[Mention]:
        return [Mention(sentence.start + h.start, sentence.start + h.end, sentence.text[h.start:h.end], label, str(h.concept))
                for h in matcher.finditer(sentence.text)]
    return recognize


def procedures(lexicon: Lexicon) -> Recognizer:
    return _term_recognizer(lexicon.procedures, "PROCEDURE")


def fields(lexicon: Lexicon) -> Recognizer:
    return _term_recognizer(lexicon.fields, "FIELD")


def kinds(lexicon: Lexicon) -> Recognizer:
    return _term_recognizer(lexicon.kinds, "KIND")

"""Lexicon terms: procedures, service fields and initiative-kind keywords, straight from the SKOS data."""
from __future__ import annotations

from kg.lexicon import Lexicon, TermMatcher
from kg.recognize import Mention, Recognizer
from kg.recognize.grammar import load as load_grammar
from kg.segment import Sentence


def _term_recognizer(matcher: TermMatcher, label: str) -> Recognizer:
    def recognize(sentence: Sentence) -> list[Mention]:
        return [Mention(sentence.start + h.start, sentence.start + h.end, sentence.text[h.start:h.end], label, str(h.concept))
                for h in matcher.finditer(sentence.text)]
    return recognize


def procedures(lexicon: Lexicon) -> Recognizer:
    return _term_recognizer(lexicon.procedures, "PROCEDURE")


def fields(lexicon: Lexicon) -> Recognizer:
    """Service fields; a field's word where the text speaks of procedures or dossiers ("ba hồ sơ chứng thực",
    "thủ tục đất đai") names the procedures of that field, a procedure group of the lexicon."""
    group = load_grammar().procedure_group

    def recognize(sentence: Sentence) -> list[Mention]:
        out = []
        for h in lexicon.fields.finditer(sentence.text):
            procedures = lexicon.procedure_groups.get(h.concept)
            named = procedures is not None and group.regex.search(sentence.text, max(0, h.start - 160), h.start)
            out.append(Mention(sentence.start + h.start, sentence.start + h.end, sentence.text[h.start:h.end],
                               "PROCEDURE" if named else "FIELD", str(procedures if named else h.concept),
                               (("rule", group.id),) if named else ()))
        return out
    return recognize


def kinds(lexicon: Lexicon) -> Recognizer:
    return _term_recognizer(lexicon.kinds, "KIND")

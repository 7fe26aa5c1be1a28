"""TermMatcher on small lexicons written here, alone and read together with others (kg.lexicon.read_together)."""
import pytest
from rdflib import URIRef

from kg.lexicon import TermMatcher, read_together

ONE_STOP, LINKED, SOME, PEOPLE_COMMITTEE = (URIRef(f"urn:x:{n}") for n in ("one-stop", "linked", "some", "ubnd"))


def matchers():
    kinds = TermMatcher({"một cửa": ONE_STOP, "một cửa liên thông": LINKED})
    others = TermMatcher({"một số": SOME, "UBND": PEOPLE_COMMITTEE})
    return kinds, others


def said(text, matcher):
    return [(text[h.start:h.end], h.concept) for h in matcher.finditer(text)]


@pytest.mark.parametrize("text, kinds, others", [
    ("Bộ phận Một cửa liên thông của UBND và một số xã",
     [("Một cửa liên thông", LINKED)], [("UBND", PEOPLE_COMMITTEE), ("một số", SOME)]),
    ("một  cửa, một\tsố, Ubnd, một cửax",           # odd white space; "Ubnd" is not the abbreviation
     [("một  cửa", ONE_STOP)], [("một\tsố", SOME)]),
    ("mộtcửa và mọt số", [], []),
])
def test_matchers_read_together_find_what_each_finds_alone(text, kinds, others):
    alone = matchers()
    assert (said(text, alone[0]), said(text, alone[1])) == (kinds, others)
    together = matchers()
    read_together(together)
    assert (said(text, together[0]), said(text, together[1])) == (kinds, others)
    assert list(together[0].finditer(text, 1)) == list(alone[0].finditer(text, 1))     # from a place on: alone

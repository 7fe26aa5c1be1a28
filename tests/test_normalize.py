"""Invisible characters and odd white space are normalised once at ingest: an article typed with them reads
as the same article, with the same facts and the same evidence offsets (into the text as normalised)."""
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib.compare import isomorphic

from kg import ingest, pipeline

from conftest import ARTICLE, ROOT

# Real articles: the example and the test corpus (copies of the shared corpus's dev and dev2 sets).
ARTICLES = sorted({ARTICLE, *(ROOT / "tests" / "data" / "corpus").rglob("*.txt")})
SENTENCE = "UBND phường Bến Thành (quận 1, TPHCM) triển khai mô hình “Một cửa liên thông”, tiếp nhận 1.250 hồ sơ.\n"

INVISIBLE = {"zero-width space": "\u200b", "zero-width non-joiner": "\u200c", "zero-width joiner": "\u200d",
             "byte-order mark": "\ufeff", "word joiner": "\u2060", "soft hyphen": "\u00ad",
             "left-to-right mark": "\u200e", "right-to-left override": "\u202e", "combining grapheme joiner": "\u034f",
             "escape": "\x1b", "bell": "\x07", "delete": "\x7f", "C1 control": "\x9b"}
SPACES = {"tab": "\t", "no-break space": "\xa0", "narrow no-break space": "\u202f", "en space": "\u2002",
          "em space": "\u2003", "thin space": "\u2009", "ideographic space": "\u3000", "ogham space": "\u1680",
          "medium mathematical space": "\u205f"}
BREAKS = {"CR LF": "\r\n", "CR": "\r", "vertical tab": "\v", "form feed": "\f", "next line": "\x85",
          "line separator": "\u2028", "paragraph separator": "\u2029"}


def facts(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(text.encode("utf-8"))
        document = ingest.load(path)
        return document, pipeline.build([path])[0]


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_are_dropped(char):
    # inside words, between words, inside the quoted name, before a combining tone mark (NFD)
    typed = SENTENCE.replace("Bến", f"B{char}ến").replace("Một cửa", f"Một{char} c{char}ửa").replace(" hồ", f" {char}hồ")
    typed = typed.replace("tiếp", unicodedata.normalize("NFD", "tiê") + char + "\u0301p")
    document, graph = facts(typed)
    assert document.text == SENTENCE
    assert isomorphic(graph, facts(SENTENCE)[1])


@pytest.mark.parametrize("char", SPACES.values(), ids=SPACES.keys())
def test_odd_spaces_are_spaces(char):
    document, graph = facts(SENTENCE.replace(" ", char))
    assert document.text == SENTENCE
    assert isomorphic(graph, facts(SENTENCE)[1])


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_line_breaks_are_newlines(brk):
    text = "Tin tức\n\n" + SENTENCE + "\n" + SENTENCE.replace("Bến Thành", "Tân Định")
    document, graph = facts(text.replace("\n", brk))
    assert document.text == text
    assert isomorphic(graph, facts(text)[1])


def test_html_entities_are_normalised_after_decoding(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<p>" + SENTENCE.replace(" ", "&nbsp;").replace("Bến", "B&#8203;ến") + "</p>", encoding="utf-8")
    assert "\xa0" not in ingest.load(page).text and "\u200b" not in ingest.load(page).text


def test_a_file_of_only_invisible_characters_is_empty(tmp_path):
    (tmp_path / "a.txt").write_text("\u200b\ufeff\u00ad\n\xa0\t", encoding="utf-8")
    with pytest.raises(ingest.InputError, match="the file is empty"):
        ingest.load(tmp_path / "a.txt")


@given(st.text(max_size=200))
def test_normalize_is_idempotent(text):
    once = ingest.normalize(text)
    assert ingest.normalize(once) == once


@lru_cache(maxsize=None)
def clean(path: Path):
    text = ingest.read_text(path)
    return text, facts(text)[1]


ODD = st.sampled_from([*INVISIBLE.values(), *SPACES.values()])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(ARTICLES), st.data())
def test_real_articles_keep_their_facts_whatever_invisible_characters_and_spaces_they_are_typed_with(path, data):
    """Zero-width characters, soft hyphens, direction marks and control characters inserted anywhere, and any
    space typed as a tab, a no-break or another Unicode space: the same text, the same graph."""
    text, graph = clean(path)
    chars = list(text)
    spaces = [i for i, c in enumerate(chars) if c == " "]
    for i in data.draw(st.lists(st.sampled_from(spaces), max_size=40)) if spaces else []:
        chars[i] = data.draw(st.sampled_from(list(SPACES.values())))
    inserts = data.draw(st.lists(st.tuples(st.integers(0, len(chars)), st.sampled_from(list(INVISIBLE.values()))),
                                 max_size=40))
    for at, char in sorted(inserts, reverse=True):
        chars.insert(at, char)
    document, typed = facts("".join(chars))
    assert document.text == text
    assert isomorphic(typed, graph)

"""Invisible characters and odd white space are normalised once at ingest: an article typed with them reads
as the same article, with the same facts and the same evidence offsets (into the text as normalised)."""
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib.compare import isomorphic

from kg import corpus, ingest

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
        return document, corpus.build_graph([path])[0]


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


# Case-insensitive patterns run case-sensitively on one lower-cased copy of a sentence (kg.scan.Scan): the same
# matches, at the same offsets, as the pattern with IGNORECASE and its look-behind on the text itself.
def scans():
    from kg import lexicon
    from kg.recognize import grammar, numbers
    from kg.recognize.places import PlaceGrammar
    from kg.scan import Scan
    g, f = grammar.load(), grammar.figures()
    found = {f"rule {r.id}": r.regex for r in g.cues + g.launch_verbs + g.heads + (
        g.practice, g.heading, g.procedure_list, g.procedure_group, g.procedure_back, g.anaphora, g.bare_agency)}
    found.update({name: getattr(g, name) for name in ("title", "any_launch", "any_rule")})
    found.update({f"continuation {n}": getattr(g.goes_on, n) for n in ("pointer", "plural", "level", "title")})
    found.update({f"figure {n}": getattr(f, n) for n in ("word_number", "multiplier", "back_reference", "counter",
                                                         "processing_time")})
    found.update({"range": numbers._RANGE})
    found["place level"] = PlaceGrammar(lexicon.load()).level
    found.update({f"period {k}": p for k, (p, *_) in enumerate(numbers._PERIODS)})
    assert all(isinstance(s, Scan) for s in found.values())
    return found


def reference(scan) -> re.Pattern:
    """What the Scan stands for: its pattern with IGNORECASE (unless case-sensitive) and its look-behind."""
    behind = f"(?<!{scan.before.pattern})" if scan.before else ""
    return re.compile(behind + "(?:" + scan.regex.pattern + ")", 0 if scan.case else re.IGNORECASE)


SCANS = scans()


@lru_cache(maxsize=None)
def sentences() -> list[str]:
    from kg.segment import sentences
    return [s.text for p in ARTICLES for s in sentences(ingest.read_text(p))]
# Words of the patterns written with letters whose case Python's `re` and str.lower() treat differently (İ
# lower-cases to two characters; ı and ſ are i and s to IGNORECASE), in capitals, beside digits and the
# punctuation the patterns look at.
WORDS = st.sampled_from(["mô hình", "MÔ HÌNH", "Mô Hình", "trıển khaı", "TRİỂN KHAİ", "ſáng kiến", "SÁNG KIẾN", "Từ",
                         "từ", "10", "3,5", "%", "đến", "ĐẾN", "giảm còn", "ngày", "NGÀY", "15/10/2020", "năm", "2019",
                         "tháng 12/2019", "Kiosk", "KIOSK", "kıosk", "thủ tục", "THỦ TỤC", "chủ tịch", "Chủ Tịch", "hai",
                         "HAİ", "triệu", "nêu trên", "xem", "trong vòng", "hồ ſơ", "Nguyễn Văn A", "ı", "İ", "ſ", ".",
                         "Phường", "PHƯỜNG", "TP.", "TP", "tp", "Q.", "xã", "Thị xã", "Hai", "năm", "NĂM", "bảy",
                         "mô hình điểm", "Mô hình", "tổ chức", "trong tổ chức", "AI Kiosk", "Zalo OA", "Cổng Zalo OA",
                         "ra mắt", "thành lập", "Chatbot", "chatbot", "mở thêm các", "điểm tiếp nhận hồ sơ", "đưa vào",
                         "sáng kiếnx", "xmô hình", "tổng", "mởi",
                         ",", ":", ";", "“", "”", "(", ")", "\n", "\xa0", "x"])
LETTERS = st.lists(st.tuples(WORDS, st.sampled_from([" ", "", "  ", ", "])), max_size=20).map(
    lambda parts: "".join(w + sep for w, sep in parts))


def same_matches(scan, text):
    from kg.text import lowered, word_at
    ref = reference(scan)
    assert [m.span() for m in scan.finditer(text)] == [m.span() for m in ref.finditer(text)]
    for pos in range(0, len(text) + 1, 7):
        for end in (pos + 20, pos + 60, len(text)):
            got, want = scan.search(text, pos, end), ref.search(text, pos, end)
            assert (got and got.span()) == (want and want.span()), (text, pos, end)
        got, want = scan.match(text, pos), ref.match(text, pos)
        assert (got and got.span()) == (want and want.span()), (text, pos)
    assert [at for at, _ in scan.every_start(text)] == [at for at in range(len(text) + 1) if ref.match(text, at)], text
    assert all(w is None if scan.starts is None else lowered(text).startswith(w, at) and w.startswith(word_at(lowered(text), at))
               for at, w in scan.every_start(text)), text


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_scan_on_the_lowered_copy_finds_what_ignorecase_finds_in_the_articles(name):
    for text in sentences():
        same_matches(SCANS[name], text)


@settings(max_examples=300, deadline=None)
@given(LETTERS)
def test_a_scan_on_the_lowered_copy_finds_what_ignorecase_finds_whatever_the_letters(text):
    from kg.text import lowered
    assert len(lowered(text)) == len(text)
    for scan in SCANS.values():
        same_matches(scan, text)


# A lexicon finds its labels by an automaton and keeps the whole words, the longest at a place (kg.lexicon): the same
# hits as its one case-insensitive alternation scanned over the text (abbreviations as written).
def matchers():
    from kg import lexicon
    lex = lexicon.load()
    return {n: getattr(lex, n) for n in ("kinds", "fields", "procedures", "agency_types", "units", "qualifiers", "levels",
                                         "known_places")}


MATCHERS = matchers()
LABELS = st.sampled_from(sorted({lab for m in MATCHERS.values() for lab in m.labels})
                         + ["x", "5", "%", "/", "-", "UBND", "Ubnd", "TP.", "(", "hồ sơ", ",", "ıt nhất", "Hồ ſơ", "TİNH", "İ", "các", "tất cả",
                            "nhiều", "Bến Thành", "ủy", "12", "Phườngg", "xãx", "một số", "Những", "tất cả các", "3/5"])
LABEL_TEXT = st.lists(st.tuples(LABELS, st.sampled_from([" ", "", "  ", ", ", "/", "-", ".", "\n", " \xa0", "\t("])), max_size=12).map(
    lambda parts: "".join((w.upper() if len(w) % 3 == 0 else w) + sep for w, sep in parts))


def _pattern(label: str) -> str:
    return r"\s+".join(re.escape(w) for w in label.split())


def alternation(matcher) -> re.Pattern:
    """A lexicon's labels as one alternation: case-insensitive but for the abbreviations, longest first."""
    from kg.lexicon import _is_abbreviation
    ordered = sorted(matcher.labels, key=lambda s: (-len(s), s))
    folded = "|".join(_pattern(lab.lower()) for lab in ordered if not _is_abbreviation(lab))
    exact = [_pattern(lab) for lab in ordered if _is_abbreviation(lab)]
    return re.compile(r"(?<![\w/-])(?:" + "|".join([f"(?i:{folded})"] * bool(folded) + exact) + r")(?!\w)")


def same_hits(matcher, text):
    from kg.text import lowered
    ref = alternation(matcher)
    assert [(h.start, h.end) for h in matcher.finditer(text)] == [m.span() for m in ref.finditer(text)], text
    for pos in range(len(text) + 1):        # and the label at each place: tried only where its first word is
        got, want = matcher.match_at(text, pos), ref.match(text, pos)
        assert (got and (got.start, got.end, got.concept)) == (want and (*want.span(), matcher.fullmatch(lowered(want.group())))), \
            (text, pos)


# The places of a set of words are where the text, cut into words and marks, holds them, each with the word there
# (kg.scan.word_starts).
@pytest.mark.parametrize("text, firsts, expected", [
    ("một cửa, một số xã", {"một", "xã", "phường"}, [(0, "một"), (9, "một"), (16, "xã")]),
    ("p.2, phường p", {"p", "phường"}, [(0, "p"), (5, "phường"), (12, "p")]),     # not the "p" of "phường"
    ("xãx, _xã, (xã), “mô, x(", {"xã", "(", "“"}, [(10, "("), (11, "xã"), (16, "“"), (22, "(")]),
    ("", {"xã"}, []),
    ("xã", frozenset(), []),
    ("p.2, tp.hcm, tp hcm, ap.", {"p.", "tp", "tp."}, [(0, "p."), (5, "tp."), (13, "tp")]),   # a word with its marks
    ("b1(", {"b1(", "("}, [(0, "b1("), (2, "(")]),            # a mark inside a word's own marks
    ("xa. a.", {"a.", "."}, [(2, "."), (4, "a."), (5, ".")]),
    ("abc ab", {"ab", "abc"}, [(0, "abc"), (4, "ab")]),
])
def test_word_starts_gives_the_places_where_the_words_stand_whole(text, firsts, expected):
    from kg.scan import word_starts
    assert word_starts(text, frozenset(firsts)) == expected


@given(st.text(alphabet="aăb1_ \t\n\xa0.,(“%-/ıé\u0301٣", max_size=40),
       st.sets(st.sampled_from(["a", "ă", "ab", "b1", "(", "%", "é", "1", "a.", "ab.,", "b1(", ".", ","])))
def test_word_starts_are_the_whole_words_a_pattern_would_find(text, firsts):
    from kg.scan import word_starts
    from kg.text import WORD_OR_MARK
    whole = []                  # at each word or mark, the longest of the words there (with their marks) that ends one
    for m in WORD_OR_MARK.finditer(text):
        there = [w for w in firsts if text.startswith(w, m.start()) and not (
            w[-1].isalnum() and re.match(r"\w", text[m.start() + len(w):m.start() + len(w) + 1]))]
        if there:
            whole.append((m.start(), max(there, key=len)))
    assert word_starts(text, frozenset(firsts)) == whole


def test_a_lexicon_finds_its_labels_where_one_alternation_would_in_the_articles():
    for text in sentences():
        for matcher in MATCHERS.values():
            same_hits(matcher, text)


@pytest.mark.parametrize("text", ["TP.UBND Quận 4", "Q.1 và P.2, TP.", "12%người, 5 %", "TP.HCM, TP. Hồ Chí Minh, TPHCMx",
                                  "mô hình  một\ncửa\xa0liên thông", "UBND/Công an -Phòng Tư pháp", "Sở TN-MT, Sở TN&MT."])
def test_a_lexicon_finds_labels_that_end_in_a_mark_or_stand_apart_by_odd_space(text):
    for matcher in MATCHERS.values():
        same_hits(matcher, text)


@settings(max_examples=200, deadline=None)
@given(LABEL_TEXT)
def test_a_lexicon_finds_its_labels_where_one_alternation_would_whatever_the_text(text):
    for matcher in MATCHERS.values():
        same_hits(matcher, text)


@given(st.text(max_size=60) | st.sampled_from(["Phường Bến Thành", "ĐẮK LẮK", "Thủy Nguyên", "Hoà Bình", "a\u0301\u034f\u0360",
                                                "Ελληνικά", "Ǆ"]))
def test_fold_drops_every_combining_mark(text):
    from kg.text import fold
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    assert fold(text) == "".join(c for c in plain if not unicodedata.combining(c)).lower()


def test_a_case_insensitive_scan_refuses_a_case_sensitive_part():
    from kg.scan import Scan
    with pytest.raises(ValueError, match="case-sensitive part"):
        Scan("mô hình (?-i:Kiosk)")
    assert Scan("(?-i:Kiosk)", case=True).search("một Kiosk").span() == (4, 9)


def test_a_scan_that_can_match_nothing_still_ends():
    from kg.scan import Scan
    assert [m.span() for m in Scan("x?").finditer("aXa")] == [(0, 0), (1, 2), (2, 2), (3, 3)]
    assert [m.span() for m in Scan("x?", before=r"\w").finditer("aXa")] == [(0, 0)]


def test_each_period_pattern_holds_the_words_that_let_a_sentence_be_scanned():
    from kg.recognize import numbers
    texts = sentences() + ["Tính đến nay", "HIỆN NAY", "ngày 5/6/2020", "tháng 12/2019", "năm 2019", "Đến ngày 1-2-2020",
                           "đến tháng 3/2021"]
    for pattern, _, word, also in numbers._PERIODS:
        found = [text[m.start():m.end()].lower() for text in texts for m in pattern.finditer(text)]
        assert found and all(word in f and also in f for f in found), (pattern.regex.pattern, word, also)


def test_the_lowered_copy_is_as_long_as_the_text_whatever_the_characters():
    from kg.text import lowered
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    low = lowered(every)
    assert len(low) == len(every)
    # and every character keeps its kind, so a pattern's \w, \s and \d see the same text
    for kind in (r"\w", r"\s", r"\d"):
        assert [m.start() for m in re.finditer(kind, low)] == [m.start() for m in re.finditer(kind, every)]


# A grammar's rules are tried only where the union of all rules matches, and there only those of their group that start
# with the word there (Grammar.starts, Grammar.finditer; a case-sensitive rule's words lower case): the same (rule,
# match) as every rule's own scan, merged in text order, the longest at one place.
def every_rule_scanned(rules, text):
    hits = sorted(((r, m) for r in rules for m in r.regex.finditer(text)),
                  key=lambda h: (h[1].start(), -(h[1].end() - h[1].start())))
    out, last = [], -1
    for r, m in hits:
        if m.start() >= last:
            last = m.end()
            out.append((r.id, m.span()))
    return out


def same_rules(text):
    from kg.recognize import grammar
    g = grammar.load()
    for rules in (g.cues, g.launch_verbs, g.heads):
        assert [(r.id, m.span()) for r, m in g.finditer(rules, text, g.starts(text))] == every_rule_scanned(rules, text), text
        for pos in range(len(text) + 1):        # the longest rule at a place, tried only where its words are
            hits = [(r.id, m.span()) for r in rules for m in [r.regex.match(text, pos)] if m]
            want = max(hits, key=lambda h: h[1][1] - h[1][0]) if hits else None
            got = g.first(rules, text, pos)
            assert (got and (got[0].id, got[1].span())) == want, (text, pos)


def test_rules_found_through_their_union_are_every_rule_s_own_in_the_articles():
    for text in sentences():
        same_rules(text)


@settings(max_examples=300, deadline=None)
@given(LETTERS)
def test_rules_found_through_their_union_are_every_rule_s_own_whatever_the_text(text):
    same_rules(text)


# Places try their count pattern only in a sentence holding a word a counted level starts with, and there only where a
# run of digits or a quantifier's first word is: the same matches as the pattern scanned over every sentence. (Their
# level pattern is a Scan with `starts`, compared above.)
def same_counts(text):
    from kg import lexicon
    from kg.recognize.places import PlaceGrammar
    places = PlaceGrammar(lexicon.load())
    assert [m.span() for m in places.counts(text)] == [m.span() for m in places.count.finditer(text)], text
    for pos in range(len(text)):        # and a place's count (match_at) is looked for where a digit or quantifier is
        counted = places.match_at(text, pos)
        if places.count.match(text, pos) and not places.lexicon.known_places.match_at(text, pos):
            assert counted is not None and counted.get("count") != 0, (text, pos)


def test_places_find_their_counts_where_their_pattern_would_in_the_articles():
    for text in sentences():
        same_counts(text)


@pytest.mark.parametrize("text", ["Những phường, những  xã và nhiều\nxã", "tất cả các xã; Tất cả phường", "một số Phường",
                                  "15 Phường, 3/5 xã, a15 phường, 7xã, 12 phường", "các Phường 1, 2 và các xã"])
def test_places_find_each_kind_of_count(text):
    same_counts(text)


@settings(max_examples=300, deadline=None)
@given(LABEL_TEXT)
def test_places_find_their_counts_where_their_pattern_would_whatever_the_text(text):
    same_counts(text)


@pytest.mark.parametrize("source, words", [
    (r"mô hình(?!\w)", {"mô"}),
    (r"(?<!\w)(?:(?:ai )?kiosk|mở(?: thêm)?(?: các)?)(?!\w)", {"ai", "kiosk", "mở"}),
    (r"(?:đoàn|tổ|đội) (?:hỗ trợ|công tác)", {"đoàn", "tổ", "đội"}),
    (r"(?<!trong )tổ chức(?!\w)", {"tổ"}),
    (r"[xy]a\s", {"xa", "ya"}),
    (r"mô hình điểm|mô hình", {"mô"}),
    (r"ab(?=\s)cd", None),                 # a look-ahead takes no character: the word goes on
    (r"mô", None),                          # the word may go on after the pattern
    (r"mở(?: thêm)?", None),
    (r"\d+ ngày", None),
    (r"tăng\w* giờ", None),
    (r"%", None),
    (r"(?:x|)y\s", {"xy", "y"}),
])
def test_the_words_a_pattern_starts_with_are_read_from_its_source(source, words):
    from kg.scan import words_a_pattern_starts_with
    assert words_a_pattern_starts_with(source) == (frozenset(words) if words is not None else None)


# The texts every match of a pattern starts with (inside a word too), where a Scan with no words to start at searches.
@pytest.mark.parametrize("source, texts", [
    (r"(?:giải quyết|xử lý)[^.;,]{0,40}?còn|chỉ mất|chỉ", {"giải quyết", "xử lý", "chỉ mất", "chỉ"}),
    (r"(?:ab[cd]*|xy)z", {"ab", "xyz"}),            # a class ends the text; a literal after it is not part of it
    (r"a(?:b)?c", {"abc", "ac"}),
    (r"[xy]a\d", {"xa", "ya"}),
    (r"x(?i:ab)c", {"x"}),                          # a case-insensitive group is not spelled out
    (r"(?i:ab)c", None),
    (r"\s+(?:nêu|kể) trên", None),                 # a class first: a match may start anywhere
    (r"(?<!\w)cấp", None),
    (r"ab|", None),
    (r"(?:^|[,:]\s*)mô hình", None),
])
def test_the_texts_a_pattern_starts_with_are_read_from_its_source(source, texts):
    from kg.scan import literal_prefixes
    assert literal_prefixes(source) == (frozenset(texts) if texts is not None else None)


# "Not a count" (a level, an ordinal, a date before a number) is the end of the lower-cased text before the number's
# white space: the same answer as the words' case-insensitive pattern anchored there, at every place.
def same_counts_refused(text):
    from kg.recognize import numbers
    from kg.recognize.grammar import figures
    words, counts = figures().not_a_count, figures().a_count      # ("tổng số" ends with "số" and still counts)
    pattern = re.compile(r"(?:" + "|".join(words) + r")\s*$", re.IGNORECASE)
    total = re.compile(r"(?:" + "|".join(counts) + r")\s*$", re.IGNORECASE)
    for start in range(len(text) + 1):
        j = start
        while j and text[j - 1].isspace():
            j -= 1
        want = pattern.search(text, max(0, j - max(map(len, words))), start) is not None \
            and total.search(text, max(0, j - max(map(len, counts))), start) is None
        assert numbers._not_a_count(text, start) == want, (text, start)


def test_a_number_is_not_a_count_where_the_pattern_says_in_the_articles():
    for text in sentences():
        same_counts_refused(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS | st.sampled_from(["Mức độ", "số", "SỐ", "khu phố", "lần thứ", "Thứ", "tháng", "quý",
                                                    "khóa", "nhiệm kỳ", "sốx", "xsố", "3"]),
                          st.sampled_from([" ", "", "  ", ", ", "\n"])), max_size=20).map(lambda p: "".join(w + s for w, s in p)))
def test_a_number_is_not_a_count_where_the_pattern_says_whatever_the_text(text):
    same_counts_refused(text)


# A cue after a copula ("X là mô hình ...") describes: the text before it ends with the word "là", white space aside,
# as the case-insensitive pattern anchored there says, at every place.
def same_copula(text):
    from kg.recognize.models import _after_copula
    pattern = re.compile(r"(?<!\w)(?:là|như là)\s*$", re.IGNORECASE)
    for end in range(len(text) + 1):
        assert _after_copula(text, end) == (pattern.search(text, 0, end) is not None), (text, end)


def test_a_copula_ends_the_text_before_a_cue_where_the_pattern_says_in_the_articles():
    for text in sentences():
        same_copula(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS | st.sampled_from(["là", "LÀ", "Là", "như là", "xlà", "là1", "_là", "\tlà"]),
                          st.sampled_from([" ", "", "  ", ", ", "\n"])), max_size=12).map(lambda p: "".join(w + s for w, s in p)))
def test_a_copula_ends_the_text_before_a_cue_where_the_pattern_says_whatever_the_text(text):
    same_copula(text)


# Digits are found once per sentence (kg.text.digit_runs) for numbers and places: where each run of digits starts.
def test_digit_runs_are_where_each_run_of_digits_starts():
    from kg.text import digit_runs
    assert digit_runs("Phường 1, 2 và 15 nhận 1.250 hồ sơ") == [7, 10, 15, 23, 25]
    assert digit_runs("không có số nào") == []
    assert digit_runs("٣ hồ sơ, 12%") == [0, 9]          # any decimal digit, as re's \d


@given(st.text(alphabet="a1٣ .,/%x", max_size=30))
def test_digit_runs_are_the_runs_re_finds(text):
    from kg.text import digit_runs
    assert digit_runs(text) == [m.start() for m in re.finditer(r"\d+", text)]


# Quote marks are looked for one by one (kg.text.occurrences of quotes._MARKS): the marks a class would find, in text order.
@given(st.text(alphabet="a “”‘’«»\"';.(", max_size=30))
def test_quote_marks_are_those_a_class_finds(text):
    from kg.recognize.quotes import _MARKS
    from kg.text import occurrences
    assert occurrences(text, _MARKS) == [(m.start(), m.group()) for m in re.finditer(r"[“”‘’«»\"';]", text)]


# Sentence ends are tried only where one of their marks is (kg.segment._ends): the same matches as the pattern's scan.
@given(st.text(alphabet="a .!?…\n”\")]x('\t\xa0", max_size=40), st.integers(0, 5), st.integers(0, 5))
def test_sentence_ends_are_those_the_pattern_finds(text, cut_start, cut_end):
    from kg.segment import _END, _ends
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert [m.span() for m in _ends(text, start, end)] == [m.span() for m in _END.finditer(text, start, end)]


def test_sentence_ends_in_the_articles_are_those_the_pattern_finds():
    from kg.segment import _END, _ends
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        assert [m.span() for m in _ends(text, 0, len(text))] == [m.span() for m in _END.finditer(text)], path


@given(st.text(max_size=100) | st.sampled_from(["Phường Bến Thành", "“Một cửa” – liên thông!", "Ǆ·x", "--a--", ""]),
       st.sampled_from([80, 12, 1]))
def test_a_slug_is_the_folded_texts_letters_and_digits_joined_by_hyphens(text, limit):
    from kg.text import slug
    from kg.text import fold
    runs = re.findall(r"[a-z0-9]+", fold(text))
    whole = "-".join(runs)
    expected = whole if len(whole) <= limit else whole[:limit].rsplit("-", 1)[0]
    assert slug(text, limit) == (expected or "x")


@given(st.text(alphabet=st.sampled_from(list("ab AĐoàuý-‐‑–—\t\n\xa0\u3000")), max_size=20))
def test_a_place_names_key_has_dashes_and_runs_of_space_as_one_space(text):
    from kg.text import name_key
    low = unicodedata.normalize("NFC", text).lower().replace("oà", "òa").replace("uý", "úy")
    assert name_key(text) == re.sub(r"\s*[-‐‑–—]\s*|\s+", " ", low).strip()


def test_occurrences_are_every_place_of_each_needle_in_text_order():
    from kg.text import occurrences
    assert occurrences("Một cửa; “liên thông”.", "”“;") == [(7, ";"), (9, "“"), (20, "”")]
    assert occurrences("a.b.c", ".", 2) == [(3, ".")]
    assert occurrences("a.b.c", ".", 0, 3) == [(1, ".")]
    assert occurrences("mô hình, mô hình", ("mô hình", "hình")) == [(0, "mô hình"), (3, "hình"), (9, "mô hình"), (12, "hình")]
    assert occurrences("", ".") == []

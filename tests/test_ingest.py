"""Reading the District 4 page: metadata from its header, the article apart from the site's furniture."""
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kg import ingest
from kg.errors import InputError

from conftest import ARTICLE


@pytest.fixture(scope="module")
def doc():
    return ingest.load(ARTICLE, "http://example.org/source")


def test_metadata_from_the_page_header(doc):
    assert doc.title == "Nhiều các mô hình cải cách hành chính hiệu quả"
    assert doc.category == "Chính quyền"
    assert doc.published == "2020-01-23T17:05:00+07:00"      # "5:05:00 CH" is the afternoon
    assert doc.author == "Ngọc Thảo"
    assert doc.view_count == 1097
    assert doc.source_url == "http://example.org/source"


def test_furniture_is_outside_the_article(doc):
    content = doc.content
    assert content.startswith("Nhiều các mô hình")
    assert content.rstrip().endswith("được giải quyết đúng thời hạn.")
    for furniture in ("Số lượt người xem", "TIN MỚI HƠN", "Bản tin Hoạt động", "SỐ LƯỢT TRUY CẬP", "Tìm kiếm", "Ngọc Thảo"):
        assert furniture not in content


def test_morning_time_and_other_months():
    doc = ingest.parse("Tin tức 5 Tháng Mười Hai 2019 9:30:00 SA\n\nTiêu đề\n\nNội dung bài.\n", "x")
    assert doc.published == "2019-12-05T09:30:00+07:00"
    assert doc.category == "Tin tức"


def test_text_is_nfc(tmp_path):
    import unicodedata
    p = tmp_path / "nfd.txt"
    p.write_text(unicodedata.normalize("NFD", "Phường Bến Thành triển khai mô hình “Một cửa”."), encoding="utf-8")
    assert ingest.load(p).text == unicodedata.normalize("NFC", "Phường Bến Thành triển khai mô hình “Một cửa”.")


def test_the_icelandic_eth_some_sites_write_for_d_stroke_is_read_as_d_stroke(tmp_path):
    p = tmp_path / "eth.txt"
    p.write_text("các \u00d0oàn xã, phường ở \u00d0à Nẵng \u00f0i", encoding="utf-8")
    assert ingest.load(p).text == "các Đoàn xã, phường ở Đà Nẵng đi"


def test_html_scripts_and_styles_are_dropped(tmp_path):
    p = tmp_path / "a.html"
    p.write_text("<html><head><style>p{}</style><script>alert(1)</script></head>"
                 "<body><p>UBND Phường 1 triển khai mô hình “Một cửa”.</p></body></html>", encoding="utf-8")
    text = ingest.load(p).text
    assert "alert" not in text and "p{}" not in text
    assert "mô hình “Một cửa”" in text


def test_missing_file():
    with pytest.raises(InputError, match="no such file"):
        ingest.load(Path("does/not/exist.txt"))


# The view count: the first "phrase : number" in any case, whatever stands around it (the page's other colons,
# times of day, a phrase with no number after it). Expected values read off each text.
@pytest.mark.parametrize("text, views", [
    ("Lượt xem: 1.097\n", 1097),
    ("Cập nhật 10:30\nTin khác: 5 bài\nLƯỢT XEM   :  42", 42),
    ("Số lượt người xem : 3.456 - View Count: 7", 3456),
    ("View count:12 rồi Lượt xem: 99", 12),
    ("Lượt xem: chưa có\nSố lượt người xem:\t\t8", 8),
    ("Lượt xem\n: 5", 5),
    ("Lượt xem 5 lần, 10:30", None),
    ("xem: 5 và Count: 6", None),
    ("::Lượt xem::7", None),
    ("Lượt xem: .\nView Count: 31", 31),          # a dot is no number: the page is read on, not failed
    ("Lượt xem: ...", None),
])
def test_the_view_count_is_the_first_phrase_then_a_colon_and_a_number(text, views):
    meta: dict = {}
    ingest._view_count(text, meta)
    assert meta.get("view_count") == views


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Lượt xem", "lượt XEM", "Số lượt người xem", "View Count", "view", "xem", " ",
                                 "\n", ":", ": ", "1.2", "7", "10:30", "a", "Lượt"]), max_size=12))
def test_the_view_count_is_what_searching_the_whole_text_finds(pieces):
    """Where the pattern is tried (only before a colon and a number) changes nothing: the first match of the
    case-insensitive pattern over the whole text, the definition of a view count, gives the same number."""
    text = "".join(pieces)
    whole = ingest._VIEW_COUNT.search(text)
    meta: dict = {}
    ingest._view_count(text, meta)
    assert meta.get("view_count") == (int(whole["n"].replace(".", "")) if whole else None)


@given(st.lists(st.sampled_from(["\n", " ", "\t", "x", "Tin khác", "TIN KHÁC", "tin liên quan", "•", "Xem tiếp", "\r",
                                 "số lượt người xem", "\u2028", "Tìm"]), max_size=12).map("".join), st.integers(0, 12))
def test_the_furniture_is_found_at_the_first_line_that_starts_it_from_where_the_article_starts(text, start):
    """As a MULTILINE `^` pattern would find it (searched for a line break instead, which `re` skips ahead to)."""
    start = min(start, len(text))
    line = re.compile("^" + ingest._FURNITURE_LINE, re.IGNORECASE | re.MULTILINE).search(text, start)
    assert ingest._furniture(text, start) == (line.start() if line else len(text))


@settings(max_examples=300, deadline=None)
@given(st.datetimes(), st.booleans())
def test_a_date_is_written_in_iso_8601(when, timed):
    """As ISO 8601 (and XML Schema's xsd:date and xsd:dateTime) write it: a year before 1000 with zeros before it
    ("0999-03-05"; strftime wrote "999-03-05", which the SHACL shapes refused, setting the article aside)."""
    time = (when.hour, when.minute, when.second) if timed else None
    want = when.replace(microsecond=0).isoformat() + "+07:00" if timed else when.date().isoformat()
    assert ingest._iso(when.year, when.month, when.day, time) == want


def test_a_date_that_does_not_exist_is_none():
    assert ingest._iso(2020, 2, 30, None) is None and ingest._iso(2020, 1, 1, (25, 0, 0)) is None

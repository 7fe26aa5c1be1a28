"""Saved web pages: blocks and table cells stay apart, a table of figures keeps each figure with its row's place,
metadata comes from the page, and a site profile takes over where trafilatura reads a whole layout."""
import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import ingest, webpage
from kg.cli import cli
from kg.errors import InputError
from kg.resources import SITES_ENV

WEB = Path(__file__).parent / "data" / "web"


def rendered(fragment: str) -> list[str]:
    return webpage.read(f"<html><body>{fragment}</body></html>").page_text.splitlines()


@pytest.mark.parametrize("fragment, lines", [
    ("<table><tr><td>Phường 1</td><td>1.250 hồ sơ</td><td>98%</td></tr></table>", ["Phường 1: 1.250 hồ sơ; 98%."]),
    ("<table><tr><th>Đơn vị</th><th>Hồ sơ</th></tr><tr><td>Phường 2</td><td> 860\n hồ sơ</td></tr></table>",
     ["Đơn vị", "Hồ sơ", "Phường 2: 860 hồ sơ."]),
    # The row number of an "STT" column is left out: the row is about its place.
    ("<table><tr><td>1</td><td>Phường 1</td><td>1.250 hồ sơ</td></tr><tr><td>IV.</td><td>Phường 4</td><td>9 hồ sơ</td>"
     "</tr><tr><td>2</td><td>15 hồ sơ</td></tr></table>", ["Phường 1: 1.250 hồ sơ.", "Phường 4: 9 hồ sơ.", "2: 15 hồ sơ."]),
    ("<ul><li>Phường 1</li><li>Phường 2</li></ul>", ["Phường 1", "Phường 2"]),
    ("<p>Tin CCHC</p><nav><a>Trang chủ</a> | <a>Tin tức</a></nav>", ["Tin CCHC", "Trang chủ | Tin tức"]),
    ("<p>Dòng một<br>dòng hai</p><h2>Tiêu đề</h2>sau", ["Dòng một", "dòng hai", "Tiêu đề", "sau"]),
    ("<p>UBND <b>Phường</b> 1<!-- bình luận --> triển khai<script>x=1</script>.</p>", ["UBND Phường 1 triển khai."]),
    # A layout table: a cell with blocks inside, or a long cell, is read cell by cell, never as one row sentence.
    ("<table><tr><td><ul><li>Menu</li></ul></td><td>Bài 1 có 3 hồ sơ</td></tr></table>", ["Menu", "Bài 1 có 3 hồ sơ"]),
    # Cells exported from a word processor wrap their text in a paragraph: still one row.
    ("<table><tr><td><p>Phường 4</p></td><td><p>15 hồ sơ</p></td></tr></table>", ["Phường 4: 15 hồ sơ."]),
    ("<table><tr><td>" + "chữ " * 40 + "</td><td>12 hồ sơ</td></tr></table>", [("chữ " * 40).strip(), "12 hồ sơ"]),
])
def test_blocks_and_cells_are_separate_text(fragment, lines):
    assert rendered(fragment) == lines


def test_a_statistics_table_gives_its_figures_to_the_rows_place(tmp_path):
    page = tmp_path / "bang.html"
    page.write_text("<html><head><title>Kết quả</title></head><body><article><h1>Kết quả giải quyết hồ sơ của Quận 4</h1>"
                    "<p>Năm 2023, UBND Quận 4 công bố kết quả tiếp nhận và giải quyết hồ sơ của các phường như sau.</p>"
                    "<table><tr><th>Phường</th><th>Hồ sơ</th><th>Đúng hạn</th></tr>"
                    "<tr><td>Phường 1</td><td>1.250 hồ sơ</td><td>98%</td></tr>"
                    "<tr><td>Phường 3</td><td>720 hồ sơ</td><td>97%</td></tr></table>"
                    "<p>Các phường tiếp tục duy trì mô hình “Một cửa” trong năm 2024.</p></article></body></html>",
                    encoding="utf-8")
    graph = tmp_path / "g.ttl"
    assert CliRunner().invoke(cli, ["build", str(page), "-o", str(graph)]).exit_code == 0
    r = CliRunner().invoke(cli, ["query", "metrics", "-g", str(graph), "--format", "csv"])
    rows = {(row["value"], row["unit"], row["subjectLabel"]) for row in csv.DictReader(r.stdout.splitlines())}
    assert rows == {("1250", "hồ sơ", "Phường 1"), ("98", "%", "Phường 1"),
                    ("720", "hồ sơ", "Phường 3"), ("97", "%", "Phường 3")}
    assert "Phường 11.250" not in ingest.load(page).text


def test_the_time_of_day_comes_from_the_pages_date_line():
    page = webpage.Page(body="Nội dung.", title="Tiêu đề", date="2024-03-05",
                        page_text="Tin khác (05/03/2023 07:00)\nThứ Ba, 05/03/2024 08:30\nNội dung.")
    assert ingest.from_page(page, "x").published == "2024-03-05T08:30:00+07:00"
    only_other_days = webpage.Page(body="Nội dung.", date="2024-03-05", page_text="Tin khác 04/03/2024 09:00")
    assert ingest.from_page(only_other_days, "x").published == "2024-03-05"


@pytest.mark.parametrize("line, when", [
    ("Thứ Ba, 05/03/2024 08:30", "2024-03-05T08:30:00+07:00"),
    ("Cập nhật lúc 15:45 ngày 14/06/2024", "2024-06-14T15:45:00+07:00"),
    ("Chính quyền 23 Tháng Giêng 2020 5:05:00 CH", "2020-01-23T17:05:00+07:00"),
    ("2024-03-05", "2024-03-05"),
    ("Thứ ba, 18/11/2025, 14:20 (GMT+7)", "2025-11-18T14:20:00+07:00"),
    ("18/11/2025 14:20 GMT+7", "2025-11-18T14:20:00+07:00"),
    ("Thứ ba, 18/11/2025 - 14:20", "2025-11-18T14:20:00+07:00"),
    ("18-11-2025 - 14:20", "2025-11-18T14:20:00+07:00"),
    ("Phường 1 tiếp nhận 1.250 hồ sơ ngày 05/03/2024", None),           # a sentence is not a date line
])
def test_date_lines(line, when):
    assert ingest.date_of(line) == when


def test_a_profile_applies_by_host_or_by_detect_selector(monkeypatch):
    monkeypatch.setenv(SITES_ENV, str(WEB / "sites"))
    markup = (WEB / "table-layout.html").read_text(encoding="utf-8")
    by_detect = webpage.read(markup, "http://127.0.0.1:9/tin")
    assert by_detect.title == "Phường Tân Định triển khai mô hình “Bưu điện nhận hồ sơ tại nhà”"
    assert "TIN MỚI" not in by_detect.body and "456.789" not in by_detect.body
    plain = markup.replace('id="tblMain"', "")
    assert webpage.read(plain, "https://tandinh.example.gov.vn/tin/1").title == by_detect.title
    assert webpage.read(plain, "https://other.example.gov.vn/tin/1").title != by_detect.title


def test_a_broken_profile_is_one_error(tmp_path, monkeypatch):
    (tmp_path / "bad.json").write_text('{"body": "td[["}', encoding="utf-8")
    monkeypatch.setenv(SITES_ENV, str(tmp_path))
    page = tmp_path / "a.html"
    page.write_text("<p>Phường 1 triển khai mô hình “Một cửa”.</p>", encoding="utf-8")
    r = CliRunner().invoke(cli, ["build", str(page), "-o", str(tmp_path / "g.ttl")])
    assert r.exit_code == 1
    assert r.output.startswith(f"Error: {page}: {tmp_path / 'bad.json'}: not a site profile (a JSON object")
    assert "Traceback" not in r.output


def test_a_page_trafilatura_finds_nothing_in_is_read_whole(tmp_path):
    page = tmp_path / "ngan.html"
    page.write_text("<p>Phường 1 triển khai mô hình “Một cửa”.</p>", encoding="utf-8")
    doc = ingest.load(page)
    assert doc.content.strip() == "Phường 1 triển khai mô hình “Một cửa”."


@pytest.mark.parametrize("markup, error", [
    ("<html><body><script>x = 1</script></body></html>", "the page has no text"),
    ("<!-- chỉ có chú thích -->", "not a readable HTML page (Document is empty)"),
])
def test_a_page_without_text_is_one_error(tmp_path, markup, error):
    page = tmp_path / "trong.html"
    page.write_text(markup, encoding="utf-8")
    with pytest.raises(InputError) as e:
        ingest.load(page)
    assert str(e.value) == f"{page}: {error}"


def test_a_changed_profile_is_not_answered_from_the_cache(tmp_path, monkeypatch):
    sites, pages = tmp_path / "sites", tmp_path / "pages"
    sites.mkdir(), pages.mkdir()
    (pages / "bang.html").write_bytes((WEB / "table-layout.html").read_bytes())
    profile = (WEB / "sites" / "table-layout.json").read_text(encoding="utf-8")
    (sites / "p.json").write_text(profile, encoding="utf-8")
    monkeypatch.setenv(SITES_ENV, str(sites))
    build = lambda: CliRunner().invoke(cli, ["build", str(pages), "-o", str(tmp_path / "g.ttl")]).output  # noqa: E731
    assert "0 from cache" in build() and "1 from cache" in build()
    (sites / "p.json").write_text(profile.replace('"body": "td.NewsContent"', '"body": "#tblMain"'), encoding="utf-8")
    assert "0 from cache" in build()


def _with_profile(tmp_path, monkeypatch, **profile):
    import json
    (tmp_path / "p.json").write_text(json.dumps(profile), encoding="utf-8")
    monkeypatch.setenv(SITES_ENV, str(tmp_path))
    return webpage.read((WEB / "table-layout.html").read_text(encoding="utf-8"))


def test_a_profile_drops_furniture_inside_its_body(tmp_path, monkeypatch):
    page = _with_profile(tmp_path, monkeypatch, detect="#tblMain", title="td.NewsTitle", body="td.center",
                         drop=["td.NewsTitle", "td.NewsDate"], date="td.NewsDate")
    assert page.title == "Phường Tân Định triển khai mô hình “Bưu điện nhận hồ sơ tại nhà”"
    assert page.date == "Cập nhật lúc 15:45 ngày 14/06/2024"
    assert page.body.startswith("UBND phường Tân Định phối hợp") and "Cập nhật" not in page.body


def test_a_profile_whose_body_is_gone_gives_way_to_trafilatura(tmp_path, monkeypatch):
    page = _with_profile(tmp_path, monkeypatch, detect="#tblMain", title="td.NewsTitle", body="div.no-such-thing")
    assert page.title == "UBND HUYỆN"                      # trafilatura's reading of the <title>


def test_every_selector_of_a_profile_is_checked(tmp_path, monkeypatch):
    with pytest.raises(InputError, match=r"p.json: not a site profile"):
        _with_profile(tmp_path, monkeypatch, body="td.NewsContent", title="td[[")

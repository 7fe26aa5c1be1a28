import pytest

from kg import ingest
from kg.segment import sentences

from conftest import ARTICLE


def test_segmentation_loses_no_character():
    doc = ingest.load(ARTICLE)
    spans = sentences(doc.text, doc.content_start, doc.content_end)
    assert all(doc.text[s.start:s.end] == s.text and s.text == s.text.strip() for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    covered = "".join(s.text for s in spans)
    assert "".join(covered.split()) == "".join(doc.content.split())


@pytest.mark.parametrize("text, expected", [
    ("Câu một. Câu hai.", ["Câu một.", "Câu hai."]),
    ("TP. Hồ Chí Minh có 22 quận. Hết.", ["TP. Hồ Chí Minh có 22 quận.", "Hết."]),
    ("Lĩnh vực hộ tịch, y tế… ngày càng nhiều.", ["Lĩnh vực hộ tịch, y tế… ngày càng nhiều."]),
    ("đăng ký với tên miền là\nhttp://www.p14q4.gov.vn; mô hình", ["đăng ký với tên miền là\nhttp://www.p14q4.gov.vn; mô hình"]),
    ("Tiêu đề\n\nThân bài.", ["Tiêu đề", "Thân bài."]),
    ("Anh chia sẻ:\n“Tôi rất hài lòng”.", ["Anh chia sẻ:", "“Tôi rất hài lòng”."]),
])
def test_sentence_boundaries(text, expected):
    assert [s.text for s in sentences(text)] == expected

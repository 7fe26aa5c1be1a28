"""A document's places do not depend on the documents the same process linked before it."""
from kg import ingest, pipeline
from kg.link import places

UNDATED = "Tin tức\n\nQuảng Ninh dẫn đầu\n\nTP Cẩm Phả dẫn đầu bảng xếp hạng.\n"
DATED = ("date 2025-08-12\n\nXã triển khai mô hình mới\n\ntỉnh Quảng Ninh chính thức triển khai 2 mô hình.\n\n"
         "UBND các xã triển khai mô hình “Ngày thứ Bảy”.\n")


def test_a_place_is_titled_for_its_own_documents_date_whatever_was_linked_before(tmp_path, monkeypatch):
    """The dated article is about tỉnh Quảng Ninh (province 22), in 2025 a province: its model is the province's.
    An undated article linked first used to leave Cẩm Phả's place behind with its parent titled for the
    gazetteer's latest date, and the dated article then took the model for a commune's (found by fuzzing)."""
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "dated.txt").write_text(DATED, encoding="utf-8")
    monkeypatch.setattr(places, "_UNIT_PLACES", {})
    alone = pipeline.document_fragment(ingest.load(tmp_path / "dated.txt")).lines
    monkeypatch.setattr(places, "_UNIT_PLACES", {})
    pipeline.document_fragment(ingest.load(tmp_path / "undated.txt"))
    after = pipeline.document_fragment(ingest.load(tmp_path / "dated.txt")).lines
    assert any(line.startswith("<https://w3id.org/reform-kg/id/initiative/22/ngay-thu-bay>") for line in alone)
    assert after == alone

"""Ordinary news wording that the session-12 precision rules first read wrongly (found in review): each
expectation is what a reader of the sentence says."""
from kg import corpus, queries

TEXT = """Phường Tân Định triển khai mô hình mới

Ngày 5/3/2024, UBND Quận 1 giao cho UBND phường Tân Định thí điểm mô hình “Trả kết quả tại nhà” cho người cao tuổi.

UBND phường Bến Nghé triển khai mô hình hướng dẫn nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia cho người dân.

Phường Đa Kao triển khai mô hình theo dõi hồ sơ trực tuyến qua tin nhắn SMS.

Mô hình “Ngày thứ Bảy vì dân” của phường Tân Định được UBND Quận 1 khen thưởng.
"""


def _read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    graph, _ = corpus.build_graph([path])
    agencies = {(str(r.initiativeLabel), str(r.agencyLabel), str(r.role))
                for r in queries.run(graph, queries.find("initiative-agencies"))}
    wards = {(str(r.initiativeLabel), str(r.wardLabel)) for r in queries.run(graph, queries.find("ward-initiatives"))}
    return agencies, wards


def test_who_is_given_a_task_does_it_who_praises_a_model_does_not_run_it(tmp_path):
    """"giao cho UBND phường Tân Định thí điểm": the ward's committee runs it; "được UBND Quận 1 khen thưởng":
    the district praised the model, it does not lead it."""
    agencies, wards = _read(tmp_path)
    assert ("Trả kết quả tại nhà", "Ủy ban nhân dân Phường Tân Định", "chủ trì") in agencies
    assert ("Trả kết quả tại nhà", "Phường Tân Định") in wards
    assert not any(a == "Ngày thứ Bảy vì dân" and role == "chủ trì" for a, _, role in agencies)


def test_a_local_model_that_uses_a_national_portal_or_starts_with_theo_doi_is_still_one(tmp_path):
    """"... trên Cổng dịch vụ công quốc gia": where the model works, not a national programme; "theo dõi"
    (to follow) is a verb, not the preposition "theo"."""
    _, wards = _read(tmp_path)
    assert any(m.startswith("hướng dẫn nộp hồ sơ trực tuyến") and w == "Phường Bến Nghé" for m, w in wards)
    assert any(m.startswith("theo dõi hồ sơ trực tuyến") and w == "Phường Đa Kao" for m, w in wards)

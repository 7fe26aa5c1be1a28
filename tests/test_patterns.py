"""Patterns of the language that the bundled articles do not all show, one sentence each: what a reader
finds in it, checked through the graph and the bundled queries (the way held-out articles are scored)."""
from decimal import Decimal

import pytest

from kg import corpus, queries


def facts(tmp_path, text):
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    graph, _ = corpus.build_graph([tmp_path / "a.txt"])
    run = lambda name: list(queries.run(graph, queries.find(name)))     # noqa: E731
    return {
        "initiatives": {(str(r.initiativeLabel), str(r.placeLabel) if r.placeLabel else None) for r in run("initiatives")},
        "agencies": {(str(r.initiativeLabel), str(r.agencyLabel), str(r.role)) for r in run("initiative-agencies")},
        "procedures": {(str(r.initiativeLabel), str(r.procedureLabel)) for r in run("initiative-procedures")},
        "metrics": sorted((Decimal(str(r.value)), str(r.qualifier) if r.qualifier else None) for r in run("metrics")),
        "periods": {str(r.period) for r in run("metrics") if r.period},
    }


@pytest.mark.parametrize("text, expected", [
    # quotes: curly, straight, a missing closing quote, a missing opening quote, none at all
    ("UBND phường Mỹ Long triển khai mô hình “Một cửa liên thông” (Phường Mỹ Long).", {("Một cửa liên thông", "Phường Mỹ Long")}),
    ('Xã Song Liễu ra mắt mô hình "Ngày thứ Bảy không nghỉ".', {("Ngày thứ Bảy không nghỉ", "Xã Song Liễu")}),
    ("Các mô hình: “Trả kết quả tại nhà (Phường 3); “Giờ làm việc thứ 9” (Phường 5).",
     {("Trả kết quả tại nhà", "Phường 3"), ("Giờ làm việc thứ 9", "Phường 5")}),
    ("Phường 7 thực hiện mô hình Trả kết quả tại nhà” cho người cao tuổi.", {("Trả kết quả tại nhà", "Phường 7")}),
    ("Phường Tân Định duy trì mô hình trả và nhận hồ sơ không nghỉ trưa.", {("trả và nhận hồ sơ không nghỉ trưa", "Phường Tân Định")}),
    # lists that share one noun; the place given only by the sentence's subject
    ("Mô hình “Hành chính thân thiện” (tại xã Tây Vinh, Tây Giang và thị trấn Phú Phong).",
     {("Hành chính thân thiện", "Xã Tây Vinh"), ("Hành chính thân thiện", "Xã Tây Giang"), ("Hành chính thân thiện", "Thị trấn Phú Phong")}),
    # slogans and campaign names are not models
    ("Với phương châm “lấy người dân làm trung tâm phục vụ”, phường Tân Tạo hưởng ứng phong trào “Bình dân học vụ số”.", set()),
])
def test_models_and_places(tmp_path, text, expected):
    assert facts(tmp_path, text)["initiatives"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Mô hình “Liên thông đất đai” do Chi nhánh Văn phòng đăng ký đất đai huyện Tây Sơn phối hợp với phòng Tài nguyên và Môi trường huyện Tây Sơn thực hiện.",
     {("Liên thông đất đai", "Chi nhánh Văn phòng đăng ký đất đai Huyện Tây Sơn", "chủ trì"),
      ("Liên thông đất đai", "Phòng Tài nguyên và Môi trường Huyện Tây Sơn", "phối hợp")}),
    ("Mô hình “Trả kết quả qua bưu điện” do Bưu điện TX.Tân Uyên thực hiện.",
     {("Trả kết quả qua bưu điện", "Bưu điện Thị xã Tân Uyên", "chủ trì")}),
])
def test_agencies_at_each_level(tmp_path, text, expected):
    assert facts(tmp_path, text)["agencies"] == expected


@pytest.mark.parametrize("text, values", [
    ("Năm 2023, xã tiếp nhận 12.967 hồ sơ, đạt 99,52%.", [(Decimal("99.52"), None), (Decimal("12967"), None)]),
    ("Tỷ lệ hồ sơ trễ hạn là 3.26% trong quý I năm 2025.", [(Decimal("3.26"), None)]),
    ("Đã giải quyết 5.656/5.656 hồ sơ và 35/35 nhiệm vụ.", sorted([(Decimal(5656), None)] * 2 + [(Decimal(35), None)] * 2)),
    ("Phường tiếp nhận hơn 250 lượt, khoảng 60 hồ sơ.", [(Decimal(60), "khoảng"), (Decimal(250), "trên")]),
    ("Thủ tục được giải quyết trong 30 phút thay vì 2 ngày.", [(Decimal(30), None)]),
    ("Liên hệ 028.3969.3936 theo Nghị định 123, Kế hoạch 58/KH-UBND, ISO 9001:2015, khu phố 46 lúc 7h30 cho trẻ dưới 6 tuổi.", []),
])
def test_numbers(tmp_path, text, values):
    assert facts(tmp_path, text)["metrics"] == values


@pytest.mark.parametrize("text, period", [
    ("Tính đến ngày 05/01/2024, phường tiếp nhận 120 hồ sơ.", "2024-01-05"),
    ("Ngày 5-12-2020, xã tiếp nhận 30 hồ sơ.", "2020-12-05"),
    ("Trong quý I năm 2025, xã tiếp nhận 30 hồ sơ.", "2025"),
    ("Trong 6 tháng đầu năm 2024, xã tiếp nhận 30 hồ sơ.", "2024"),
    ("Từ ngày 01/01/2024 đến ngày 30/6/2024, xã tiếp nhận 30 hồ sơ.", "2024-06-30"),
])
def test_periods(tmp_path, text, period):
    assert facts(tmp_path, text)["periods"] == {period}

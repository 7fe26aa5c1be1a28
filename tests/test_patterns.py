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
    # a cue that is the subject of its clause names nothing: what follows is what the model did
    ("Sau 6 tháng triển khai, mô hình đã hỗ trợ hơn 2.000 lượt người dân cài đặt ứng dụng VNeID.", set()),
    ("Hiện nay, mô hình đang hỗ trợ người cao tuổi làm thủ tục tại nhà.", set()),
    ("UBND xã Tân Hiệp phối hợp với Công an huyện Hóc Môn ra mắt mô hình “Giao dịch không giấy tờ”.",
     {("Giao dịch không giấy tờ", "Xã Tân Hiệp")}),
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
    # the subject that works with a partner leads; the partner takes part, its place is not the model's
    ("UBND phường An Khánh phối hợp Bưu điện TP.Thủ Đức triển khai mô hình “Trả kết quả tại nhà”.",
     {("Trả kết quả tại nhà", "Ủy ban nhân dân Phường An Khánh", "chủ trì"),
      ("Trả kết quả tại nhà", "Bưu điện Thành phố Thủ Đức", "phối hợp")}),
    # the divisions of a district or commune since 2025, and their abbreviations
    ("Mô hình “Một cửa thân thiện” do Phòng Kinh tế quận 1 phối hợp Phòng Văn hóa - Thông tin quận 1 thực hiện.",
     {("Một cửa thân thiện", "Phòng Kinh tế Quận 1", "chủ trì"),
      ("Một cửa thân thiện", "Phòng Văn hóa - Thông tin Quận 1", "phối hợp")}),
    ("Mô hình “Một cửa thân thiện” do Phòng VH-XH phường Tân Định thực hiện.",
     {("Một cửa thân thiện", "Phòng Văn hóa - Xã hội Phường Tân Định", "chủ trì")}),
    ("Mô hình “Một cửa thân thiện” do Phòng Kinh tế, Hạ tầng và Đô thị xã Tân An thực hiện.",
     {("Một cửa thân thiện", "Phòng Kinh tế, Hạ tầng và Đô thị Xã Tân An", "chủ trì")}),
    # mass organisations run models of their ward as offices do
    ("Hội LHPN xã Tân An triển khai mô hình “Phụ nữ hỗ trợ phụ nữ làm thủ tục hành chính”.",
     {("Phụ nữ hỗ trợ phụ nữ làm thủ tục hành chính", "Hội Liên hiệp Phụ nữ Xã Tân An", "chủ trì")}),
    ("Ủy ban MTTQ Việt Nam phường Linh Tây phối hợp Hội Cựu chiến binh phường ra mắt mô hình “Tổ hòa giải kiểu mẫu”.",
     {("Tổ hòa giải kiểu mẫu", "Ủy ban Mặt trận Tổ quốc Việt Nam Phường Linh Tây", "chủ trì"),
      ("Tổ hòa giải kiểu mẫu", "Hội Cựu chiến binh Phường Linh Tây", "phối hợp")}),
    # an office whose staff (cán bộ, công chức, nhân viên) the practice's name sends takes part in it
    ("Phường Tân Hòa thí điểm cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ.",
     {("cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ", "Tổ địa chính Phường Tân Hòa", "chủ trì")}),
    ("Xã Tân Hòa thí điểm cử cán bộ xuống tận nhà dân nhận hồ sơ và trả kết quả qua bưu điện.", set()),  # no staff of it
])
def test_agencies_at_each_level(tmp_path, text, expected):
    assert facts(tmp_path, text)["agencies"] == expected


@pytest.mark.parametrize("text, expected", [
    # the procedures of commune police and social affairs since 2024, in the words news uses for them
    ("Công an xã Tân Hiệp triển khai mô hình “Tiếp dân ngày thứ bảy” để giải quyết đăng ký tạm trú, cấp căn cước và "
     "kích hoạt tài khoản định danh điện tử cho người dân.",
     {("Tiếp dân ngày thứ bảy", "Đăng ký tạm trú"), ("Tiếp dân ngày thứ bảy", "Cấp, đổi, cấp lại thẻ Căn cước công dân"),
      ("Tiếp dân ngày thứ bảy", "Cấp tài khoản định danh điện tử")}),
    ("Phường Tân Định thí điểm mô hình “Đăng ký xe tại nhà” giúp người dân đăng ký xe mô tô nhanh chóng.",
     {("Đăng ký xe tại nhà", "Đăng ký, cấp biển số xe")}),
    ("Xã Tân An ra mắt mô hình “Cán bộ đến tận nhà” hỗ trợ làm hồ sơ trợ cấp xã hội cho người khuyết tật.",
     {("Cán bộ đến tận nhà", "Trợ cấp xã hội hằng tháng cho người khuyết tật")}),
])
def test_procedures(tmp_path, text, expected):
    assert facts(tmp_path, text)["procedures"] == expected


@pytest.mark.parametrize("text, values", [
    ("Năm 2023, xã tiếp nhận 12.967 hồ sơ, đạt 99,52%.", [(Decimal("99.52"), None), (Decimal("12967"), None)]),
    ("Tỷ lệ hồ sơ trễ hạn là 3.26% trong quý I năm 2025.", [(Decimal("3.26"), None)]),
    ("Đã giải quyết 5.656/5.656 hồ sơ và 35/35 nhiệm vụ.", sorted([(Decimal(5656), None)] * 2 + [(Decimal(35), None)] * 2)),
    ("Phường tiếp nhận hơn 250 lượt, khoảng 60 hồ sơ.", [(Decimal(60), "khoảng"), (Decimal(250), "trên")]),
    ("Thủ tục được giải quyết trong 30 phút thay vì 2 ngày.", [(Decimal(30), None)]),
    # a count's range gives both ends; a span of years, opening hours and a fee band do not
    ("Mỗi ngày Trung tâm tiếp nhận 40 - 50 hồ sơ, có ngày từ 60 đến 70 lượt.",
     [(Decimal(40), "ít nhất"), (Decimal(50), "tối đa"), (Decimal(60), "ít nhất"), (Decimal(70), "tối đa")]),
    ("Giai đoạn 2020 - 2025, phường tiếp nhận 300 hồ sơ; Trung tâm làm việc từ 7 giờ đến 17 giờ.", [(Decimal(300), None)]),
    ("Đối với lệ phí từ 100.000 đến 500.000 đồng, cước là 5.000 đồng.", [(Decimal(5000), None)]),
    # a commitment says how long a service takes; a time without one is not a figure
    ("Bưu điện cam kết chuyển phát nhanh chóng, an toàn hồ sơ trong vòng 2 ngày.", [(Decimal(2), None)]),
    ("Phường cam kết phục vụ người dân chu đáo từ 7 giờ sáng.", []),
    # a wait and what is left of it, and the hours added, are how long a service takes; opening times are not
    ("Trước đây người dân phải chờ 5 ngày, nay chỉ còn 2 ngày.", [(Decimal(2), None), (Decimal(5), None)]),
    ("Trung tâm mở cửa thêm 2 giờ vào sáng thứ bảy.", [(Decimal(2), None)]),
    ("UBND phường làm việc từ 7 giờ đến 17 giờ, còn 5 ngày nữa là Tết.", []),
    # the bounds of a band a fee rule applies to are not reported quantities; what the rule charges is
    ("Đối với lệ phí dưới 100.000 đồng, cước thu hộ là 5.000 đồng/lượt.", [(Decimal(5000), None)]),
    ("Đối với lệ phí từ 100.000 đồng đến dưới 1.000.000 đồng, cước thu hộ là 10.000 đồng/lượt.", [(Decimal(10000), None)]),
    ("Đối với lĩnh vực hộ tịch, phường tiếp nhận hơn 300 hồ sơ.", [(Decimal(300), "trên")]),
    # places counted: a share of them, or where a model is deployed; not a mere count of units
    ("Giai đoạn 2, dịch vụ được mở rộng tại 15/15 phường trên địa bàn.", [(Decimal(15), None)] * 2),
    ("Mô hình được thí điểm tại 3 xã Tân An, Tân Bình và Tân Lập.", [(Decimal(3), None)]),
    ("Đến nay, mô hình đã được nhân rộng ra 12/12 ấp, khu phố.", [(Decimal(12), None)] * 2),
    ("Số hồ sơ tăng khoảng 5 lần so với tổng số hồ sơ của 4 xã, phường cũ.", [(Decimal(5), "khoảng")]),
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

"""Recognizers, table-driven: (text, what a reader sees in it). Every mention slices its own text."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kg import lexicon
from kg.recognize import DEFAULT_PIPELINE, build, filter_spans, Mention, recognize
from kg.segment import Sentence


@pytest.fixture(scope="module")
def recognizers():
    return build(lexicon.load(), DEFAULT_PIPELINE)


def found(recognizers, text, label):
    mentions = recognize(Sentence(0, len(text), text), recognizers)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return [m for m in mentions if m.label == label]


@pytest.mark.parametrize("text, expected", [
    ("(Phường 1, 2, 3, 8 và 15) từ", [("Phường 1, 2, 3, 8 và 15", ("1", "2", "3", "8", "15"))]),
    ("(Phường 1 và 16);", [("Phường 1 và 16", ("1", "16"))]),
    ("tại phường Bến Thành (quận 1, TPHCM) triển khai", [("phường Bến Thành", ("Bến Thành",)), ("quận 1", ("1",)), ("TPHCM", None)]),
    ("tại xã Tây Vinh, Tây Giang và thị trấn Phú Phong", [("xã Tây Vinh, Tây Giang", ("Tây Vinh", "Tây Giang")), ("thị trấn Phú Phong", ("Phú Phong",))]),
    ("P.3, Q.11", [("P.3", ("3",)), ("Q.11", ("11",))]),
    ("Riêng đối với 15 Phường tiếp tục", [("15 Phường", ())]),
    ("Ban Tuyên giáo Quận ủy", []),
    ("Ban Thường vụ Quận Đoàn Thanh Khê", []),
    # a listed name of one capitalised word before a lower-case one starts a noun, not a place ("Trung tâm")
    ("tại phường Chợ Quán và Trung tâm Dịch vụ", [("phường Chợ Quán", ("Chợ Quán",))]),
    # a number that ends a unit's name (2025 names), not a count after it
    ("Trung tâm xã Vị Thanh 1, đơn vị này; phường Móng Cái 2 còn; phường Tân Định 6 tháng",
     [("xã Vị Thanh 1", ("Vị Thanh 1",)), ("phường Móng Cái 2", ("Móng Cái 2",)), ("phường Tân Định", ("Tân Định",))]),
    # after a title, a family name that starts a person's full name ends the place's name
    ("tại phường Lê Lợi và phường Trần Phú", [("phường Lê Lợi", ("Lê Lợi",)), ("phường Trần Phú", ("Trần Phú",))]),
    # the units a plural lists with "như"
    ("có nhiều xã như Lai Hòa, Đông Thuận, Tân Hòa… đã mở cửa",
     [("nhiều xã", ()), ("Lai Hòa, Đông Thuận, Tân Hòa", ("Lai Hòa", "Đông Thuận", "Tân Hòa"))]),
])
def test_places(recognizers, text, expected):
    assert [(m.text, m.get("names")) for m in found(recognizers, text, "PLACE")] == expected


def test_count_of_wards_means_every_ward(recognizers):
    [m] = found(recognizers, "UBND 15 Phường đã đăng ký", "AGENCY")
    assert m.get("place").get("count") == 15


@pytest.mark.parametrize("text, expected", [
    ("giữa Phòng Tư pháp Quận 4 phối hợp với Công an Quận 4 và Bảo hiểm xã hội Quận 4 trên",
     [("Phòng Tư pháp Quận 4", "phong-tu-phap"), ("Công an Quận 4", "cong-an"), ("Bảo hiểm xã hội Quận 4", "bao-hiem-xa-hoi")]),
    ("(Ban Tuyên giáo Quận ủy); (Phòng Nội vụ)", [("Ban Tuyên giáo Quận ủy", "ban-tuyen-giao"), ("Phòng Nội vụ", "phong-noi-vu")]),
    ("do Trung tâm PVHCC phường Tam Quan phối hợp với CA phường triển khai",
     [("Trung tâm PVHCC phường Tam Quan", "trung-tam-phuc-vu-hanh-chinh-cong"), ("CA phường", "cong-an")]),
    ("một ca sĩ hát", []),
    # a youth union named with its level in front: the capitalised words after it are its place
    ("của Ban Thường vụ Quận Đoàn Thanh Khê; Tuổi trẻ", [("Quận Đoàn Thanh Khê", "doan-thanh-nien")]),
    # "Đoàn" is a ward's youth union only before its place; alone it is a family name or a delegation
    ("Trung tâm Dịch vụ hành chính công và Đoàn phường Hải Vân tới tận nhà",
     [("Trung tâm Dịch vụ hành chính công", "trung-tam-dich-vu-hanh-chinh-cong"), ("Đoàn phường Hải Vân", "doan")]),
    ("ông Đoàn Văn Hùng cùng đoàn hỗ trợ dịch vụ công lưu động", []),
    # after a title, a family name that starts a person's full name ends the place's name
    ("Theo Chủ tịch UBND phường Bến Thành Mai Thị Hồng Hoa, với", [("UBND phường Bến Thành", "ubnd")]),
    # a place of three words and an office of two between the title and the name
    ("Chủ tịch UBND tỉnh Thừa Thiên Huế Nguyễn Văn Phương chỉ đạo", [("UBND tỉnh Thừa Thiên Huế", "ubnd")]),
    ("Phó Chủ tịch UBND thị xã Ba Đồn Trần Văn Nam cho biết", [("UBND thị xã Ba Đồn", "ubnd")]),
    # a company by its name (with the unit written before it and a dash), a brand by itself; "công ty" alone is none
    ("UBND phường Chợ Quán và Trung tâm Dịch vụ Chuyển đổi số – Chi nhánh GTEL CDS đã ký kết",
     [("UBND phường Chợ Quán", "ubnd"), ("Trung tâm Dịch vụ Chuyển đổi số – Chi nhánh GTEL CDS", "doanh-nghiep")]),
    ("Tập đoàn Viettel và VNPT Cần Thơ hỗ trợ, một công ty nhỏ", [("Tập đoàn Viettel", "doanh-nghiep"), ("VNPT Cần Thơ", "doanh-nghiep")]),
    ("Bưu điện tỉnh và chi nhánh Bình Dương phối hợp", [("Bưu điện tỉnh", "buu-dien")]),
    ("Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT) đã ký",
     [("Tập đoàn Bưu chính Viễn thông Việt Nam", "doanh-nghiep"), ("VNPT", "doanh-nghiep")]),
])
def test_agencies(recognizers, text, expected):
    assert [(m.text, m.key.rsplit("/", 1)[-1]) for m in found(recognizers, text, "AGENCY")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Bên cạnh đó, Quận tiếp tục thực hiện hiệu quả mô hình “Một cửa”, “Một cửa liên thông” rút gọn TTHC.",
     ["Một cửa", "Một cửa liên thông"]),
    ("Mô hình “A thì tại nhà” và mô hình “Liên thông thực hiện các TTHC”.", ["A thì tại nhà", "Liên thông thực hiện các TTHC"]),
    ('phường Thành Sen cho ra mắt mô hình "Ngày thứ 6 không hẹn" trong giải quyết.', ["Ngày thứ 6 không hẹn"]),
    ("có Phường đã thực hiện mô hình trao trả hồ sơ tại nhà.", ["trao trả hồ sơ tại nhà"]),
    ("những mô hình như: “Nhận tin nhắn phản ánh trên trang Fanpage “Đất Cảng Quận 4” (Ban Tuyên giáo Quận ủy); “Số hóa văn bản đi” (Phường 6)...",
     ["Nhận tin nhắn phản ánh trên trang Fanpage “Đất Cảng Quận 4”", "Số hóa văn bản đi"]),
    ("mô hình sáng tạo như: mô hình “Giờ làm việc thứ 9”; gửi thư chúc mừng hoặc thư chia buồn, trong đó lồng ghép.",
     ["Giờ làm việc thứ 9", "gửi thư chúc mừng hoặc thư chia buồn"]),
    ("Với phương châm “lấy người dân làm trung tâm phục vụ”, phường triển khai mô hình “Hành chính phục vụ tại nhà”.",
     ["Hành chính phục vụ tại nhà"]),
    ("thi đua với chủ đề “Năm đột phá cải cách hành chính”, đã đăng ký nhiều mô hình và có mô hình đạt hiệu quả cao.", []),
    ("Anh chia sẻ: “Mô hình phối hợp thu thuế rút ngắn này giúp tôi”.", []),
    ("mô hình Rút ngắn thời gian giải quyết lĩnh vực hộ tịch “Xác nhận tình trạng hôn nhân” (Phường 1)",
     ["Rút ngắn thời gian giải quyết lĩnh vực hộ tịch"]),
    # practices told after a verb that names practices only, the verb in the name when it is part of it
    ("Trung tâm đã tổ chức khảo sát sự hài lòng của người dân.", ["khảo sát sự hài lòng của người dân"]),
    ("Trung tâm cũng đẩy mạnh hỗ trợ song ngữ cho đồng bào.", ["hỗ trợ song ngữ cho đồng bào"]),
    ("Phường còn mở các điểm tiếp nhận hồ sơ phụ.", ["điểm tiếp nhận hồ sơ phụ"]),
    ("Chủ tịch phường còn gửi thư chúc mừng gia đình đón chào thành viên mới.",
     ["gửi thư chúc mừng gia đình đón chào thành viên mới"]),
    ("Phường sẽ cử cán bộ xuống tận nhà dân thu thập hồ sơ.", ["cử cán bộ xuống tận nhà dân thu thập hồ sơ"]),
    ("Phường tổ chức hội nghị tuyên truyền về chuyển đổi số.", []),
    ("Bưu điện nỗ lực trong tổ chức tiếp nhận hồ sơ qua bưu điện.", []),
    # a mobile team and longer hours by their head; the steps of one service; examples after "như"
    ("khi được đoàn hỗ trợ dịch vụ công lưu động của Phòng Văn hóa - Xã hội tới", ["đoàn hỗ trợ dịch vụ công lưu động"]),
    ("Trung tâm tăng thêm 30 phút mỗi buổi sáng.", ["tăng thêm 30 phút"]),
    ("phường triển khai mô hình tiếp nhận, giải quyết TTHC ngoài giờ và tại nhà.",
     ["tiếp nhận, giải quyết TTHC ngoài giờ và tại nhà"]),
    ("Những sáng kiến như ứng dụng mã QR để tra cứu thủ tục hay mô hình “giờ thứ 9” đã mang lại",
     ["ứng dụng mã QR", "giờ thứ 9"]),
])
def test_models(recognizers, text, expected):
    assert [m.text for m in found(recognizers, text, "MODEL")] == expected


@pytest.mark.parametrize("text, expected", [
    ("tổng số TTHC là 281.533 TTHC", [("281.533 TTHC", "value", Decimal("281533"))]),
    ("đạt tỉ lệ 53,65% so với", [("53,65%", "value", Decimal("53.65"))]),
    ("tỉ lệ hài lòng đạt trên 99%", [("99%", "qualifier", "https://w3id.org/reform-kg/id/qualifier/more-than")]),
    ("tiếp nhận 1697/3163 hồ sơ trực tuyến", [("1697/3163 hồ sơ", "denominator", Decimal("3163"))]),
    ("đăng ký 48 mô hình", [("48 mô hình", "value", Decimal("48"))]),
    ("Nghị quyết số 54/2017/QH14 của Quốc hội", []),
    ("kỷ niệm 89 năm ngày thành lập Đảng (03/02/1930 – 03/02/2019)", []),
    ("trẻ em dưới 6 tuổi", []),
    ("dịch vụ công trực tuyến mức độ 3,4 trên các lĩnh vực", []),
    ("đường dây nóng 028.3969.3936", []),
    ("Số lượt người xem: 1097", []),
])
def test_metrics(recognizers, text, expected):
    metrics = found(recognizers, text, "METRIC")
    if not expected:             # a number that is not a figure: nothing may be found at all
        assert [m.text for m in metrics] == []
        return
    key = expected[0][1]
    assert [(m.text, key, m.get(key)) for m in metrics] == expected


def test_reduction(recognizers):
    [r] = found(recognizers, "“Nhận cha, mẹ, con” từ 03 ngày giảm còn 02 ngày (Phường 3)", "REDUCTION")
    assert (r.get("before"), r.get("before_unit"), r.get("after"), r.get("after_unit")) == (3, "day", 2, "day")


@pytest.mark.parametrize("text, kind, values", [
    ("Tính đến tháng 12/2019, tổng số", "month", {"m": 12, "y": 2019}),
    ("Trong năm 2019, Quận đã", "year", {"y": 2019}),
    ("Tính đến nay, Quận đã", "now", {}),
])
def test_periods(recognizers, text, kind, values):
    [p] = found(recognizers, text, "PERIOD")
    assert p.get("kind") == kind and all(p.get(k) == v for k, v in values.items())


def test_filter_spans_keeps_longest_per_layer():
    a = Mention(0, 10, "x" * 10, "AGENCY")
    b = Mention(5, 10, "x" * 5, "PLACE")
    c = Mention(0, 3, "x" * 3, "KIND")
    assert filter_spans([b, a, c]) == [c, a]


def longest_first(mentions):
    """What filter_spans says it does, the plain way: longest first (then earlier, then by label, then as given), each
    kept unless it overlaps one kept in its layer; in text order."""
    from kg.recognize import LAYERS
    kept = []
    for m in sorted(mentions, key=lambda m: (m.start - m.end, m.start, m.label)):
        if not any(LAYERS[m.label] == LAYERS[k.label] and m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end, m.label))


SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8), st.sampled_from(["PLACE", "AGENCY", "KIND", "MODEL",
                                                                                    "METRIC", "PERIOD"]), st.integers(0, 2)),
                 max_size=25).map(lambda spans: [Mention(s, s + n, "x" * n, label, str(k)) for s, n, label, k in spans])


@given(SPANS)
def test_filter_spans_keeps_what_the_longest_first_would(mentions):
    assert [(m.start, m.end, m.label, m.key) for m in filter_spans(mentions)] == \
        [(m.start, m.end, m.label, m.key) for m in longest_first(mentions)]


def test_a_mention_s_attribute_is_its_first_pair_of_that_name():
    m = Mention(0, 1, "x", "PLACE", attrs=(("level", "a"), ("count", 0), ("level", "b")))
    assert (m.get("level"), m.get("count"), m.get("names"), m.get("names", ())) == ("a", 0, None, ())
    assert Mention(0, 1, "x", "PLACE").get("level", "none") == "none"


@pytest.mark.parametrize("wordings", [
    ("cấp phép xây dựng", "cấp giấy phép xây dựng", "giấy phép xây dựng"),
    ("đăng ký hộ khẩu thường trú", "đăng ký hộ khẩu", "đăng ký thường trú"),
    ("xác nhận tình trạng hôn nhân", "Cấp Giấy xác nhận tình trạng hôn nhân"),
])
def test_one_procedure_whatever_the_wording(recognizers, wordings):
    keys = {m.key for w in wordings for m in found(recognizers, f"thủ tục {w} tại phường", "PROCEDURE")}
    assert len(keys) == 1


@pytest.mark.parametrize("text, expected", [
    # a field's word where dossiers or procedures are counted or listed names the procedures of that field
    ("tiếp nhận 14 trường hợp gồm ba hồ sơ chứng thực, bảy hồ sơ về hộ tịch",
     [("chứng thực", "PROCEDURE", "nhom-chung-thuc"), ("hộ tịch", "PROCEDURE", "nhom-ho-tich")]),
    ("người dân có thể nộp và nhận kết quả thủ tục đất đai ngay tại nơi ở", [("đất đai", "PROCEDURE", "nhom-dat-dai")]),
    ("Nhiều loại thủ tục thông thường như chứng thực, hộ tịch, đăng ký kết hôn đều được xử lý",
     [("chứng thực", "PROCEDURE", "nhom-chung-thuc"), ("hộ tịch", "PROCEDURE", "nhom-ho-tich"),
      ("đăng ký kết hôn", "PROCEDURE", "dang-ky-ket-hon")]),
    # under "lĩnh vực", or where no procedure is spoken of, the word is the field
    ("rút ngắn thời gian giải quyết lĩnh vực hộ tịch", [("hộ tịch", "FIELD", "ho-tich")]),
    ("thành phố số hóa 15,4 triệu dữ liệu hộ tịch", [("hộ tịch", "FIELD", "ho-tich")]),
    # the citizen identity card, however it is asked for
    ("hỗ trợ trực tiếp như cấp khai sinh cho con, làm lại căn cước công dân",
     [("khai sinh", "PROCEDURE", "dang-ky-khai-sinh"), ("làm lại căn cước công dân", "PROCEDURE", "cap-can-cuoc-cong-dan")]),
])
def test_fields_and_procedures(recognizers, text, expected):
    got = [(m.text, m.label, m.key.rsplit("/", 1)[-1]) for m in found(recognizers, text, "PROCEDURE") + found(recognizers, text, "FIELD")]
    assert sorted(got, key=lambda g: text.index(g[0])) == expected


@pytest.mark.parametrize("text, expected", [
    # labels whatever their case, abbreviations only as written; offsets exact even where lower-casing a
    # character lengthens it ("İ" lower-cases to two characters)
    ("ỦY BAN NHÂN DÂN phường Bến Thành và Công An phường", ["ỦY BAN NHÂN DÂN phường Bến Thành", "Công An phường"]),
    ("İstanbul: UBND phường Bến Thành, một ca sĩ", ["UBND phường Bến Thành"]),
    ("ubnd phường Bến Thành", []),
])
def test_agency_types_match_case_as_written(recognizers, text, expected):
    assert [m.text for m in found(recognizers, text, "AGENCY")] == expected

"""Ordinary news wording, built as a one-paragraph article: which wards run the model, which agencies take which role,
what the figures describe (expected answers from reading each sentence)."""
import pytest

from kg import corpus, queries


def answers(tmp_path, text):
    article = tmp_path / "a.txt"
    article.write_text(text + "\n", encoding="utf-8")
    graph, _ = corpus.build_graph([article])

    def rows(name):
        return list(queries.run(graph, queries.find(name)))
    return {"wards": sorted({(str(r.initiativeLabel), str(r.wardLabel)) for r in rows("ward-initiatives")}),
            "agencies": sorted({(str(r.initiativeLabel), str(r.agencyLabel), str(r.role)) for r in rows("initiative-agencies")}),
            "metrics": sorted((int(r.value), str(r.subjectLabel)) for r in rows("metrics"))}


@pytest.mark.parametrize("text, agencies", [
    # the desk a dossier is handed over to receives it: it does not lead the model
    ("Công chức tiếp nhận hồ sơ, kiểm tra và bàn giao cho Bộ phận một cửa để giải quyết theo mô hình “Một cửa liên thông”.",
     []),
    # the office whose plan or direction the ward follows takes no part in the ward's model
    ("Thực hiện Kế hoạch 125 của UBND tỉnh về chuyển đổi số, UBND xã Tân Phú đã triển khai mô hình “Xã thông minh”.",
     [("Xã thông minh", "Ủy ban nhân dân Xã Tân Phú", "chủ trì")]),
    ("Dưới sự chỉ đạo của UBND quận, Phòng Tư pháp triển khai mô hình “Ngày thứ bảy không hẹn”.",
     [("Ngày thứ bảy không hẹn", "Phòng Tư pháp", "chủ trì")]),
    # "phối hợp A và B": both partners, and the subject before them leads
    ("UBND phường Tân Định phối hợp Bưu điện quận 1 và Công an phường triển khai mô hình “Ngày thứ bảy không hẹn”.",
     [("Ngày thứ bảy không hẹn", "Bưu điện Quận 1", "phối hợp"), ("Ngày thứ bảy không hẹn", "Công an Phường Tân Định", "phối hợp"),
      ("Ngày thứ bảy không hẹn", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    # a province's department or a central body's office written without a place is the province's, not the ward's
    ("Ngày 5/3, UBND phường Tân Định (quận 1) phối hợp với Cục Thuế triển khai mô hình “Ngày thứ bảy không hẹn”.",
     [("Ngày thứ bảy không hẹn", "Cục Thuế Thành phố Hồ Chí Minh", "phối hợp"),
      ("Ngày thứ bảy không hẹn", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    # "với sự phối hợp / hỗ trợ của B": B is a partner; a model's name that starts with an agency's word names no agency
    ("Với sự phối hợp của Bưu điện tỉnh, UBND phường Phú Lợi triển khai mô hình “Bưu điện trả hồ sơ tận nhà”.",
     [("Bưu điện trả hồ sơ tận nhà", "Bưu điện tỉnh", "phối hợp"),
      ("Bưu điện trả hồ sơ tận nhà", "Ủy ban nhân dân Phường Phú Lợi", "chủ trì")]),
    ("Được sự hỗ trợ của Viettel, UBND xã Tân Phú (huyện Đồng Phú) vừa ra mắt mô hình “Xã thông minh”.",
     [("Xã thông minh", "Viettel", "phối hợp"), ("Xã thông minh", "Ủy ban nhân dân Xã Tân Phú", "chủ trì")]),
    # a company named with its city is an agency
    ("UBND phường Bến Nghé phối hợp với VNPT TP. Hồ Chí Minh triển khai mô hình “Phường thông minh”.",
     [("Phường thông minh", "VNPT TP. Hồ Chí Minh", "phối hợp"),
      ("Phường thông minh", "Ủy ban nhân dân Phường Bến Nghé", "chủ trì")]),
])
def test_agency_roles(tmp_path, text, agencies):
    assert answers(tmp_path, text)["agencies"] == agencies


def test_each_ward_is_no_ward(tmp_path):
    """ "Mỗi phường 2 công chức": two civil servants in every ward, not Ward 2; "toàn phường 120 hồ sơ": no Ward 120."""
    got = answers(tmp_path, "Tại xã Tân Phú, mỗi phường 2 công chức được phân công hỗ trợ người dân nộp hồ sơ trực tuyến; "
                            "toàn phường 120 hồ sơ đã được giải quyết đúng hạn.")
    assert got["metrics"] == [(2, "Xã Tân Phú"), (120, "Xã Tân Phú")]


def test_numbered_wards_are_still_wards(tmp_path):
    got = answers(tmp_path, "UBND Phường 1, 2 và 15 triển khai mô hình “Ngày thứ bảy không hẹn”.")
    assert got["wards"] == [("Ngày thứ bảy không hẹn", "Phường 1"), ("Ngày thứ bảy không hẹn", "Phường 15"),
                            ("Ngày thứ bảy không hẹn", "Phường 2")]


@pytest.mark.parametrize("text, wards", [
    # the ward whose model it is keeps it when others learn it: the places after "tại các" are added
    ("Mô hình “Một cửa điện tử” của phường Tân Định (quận 1) đã được học tập, triển khai tại các phường Đa Kao, Bến Nghé.",
     ["Phường Bến Nghé", "Phường Tân Định", "Phường Đa Kao"]),
    ("Mô hình “Một cửa điện tử” của phường Tân Định (quận 1) đã giúp người dân tiết kiệm thời gian.", ["Phường Tân Định"]),
    # "tại các" before what is not a place adds nothing
    ("Mô hình “Một cửa điện tử” của UBND phường Tân Định (quận 1) được giới thiệu tại các hội nghị của quận.",
     ["Phường Tân Định"]),
    ("UBND quận 1 triển khai mô hình “Ngày thứ bảy không hẹn” tại các phường Đa Kao, Bến Nghé.",
     ["Phường Bến Nghé", "Phường Đa Kao"]),
    # a ward's office written with a bare "phường" after the ward is named: that ward's, though the text names its
    # district more often
    ("Ngày 12/4/2019, tại trụ sở UBND phường Bến Thành (quận 1, TP.HCM), Trung tâm Phục vụ hành chính công phường tổ "
     "chức ra mắt mô hình “Chatbot AI hỗ trợ thủ tục hành chính”. Tham dự có đại diện UBND quận 1 và Bưu điện quận 1.",
     ["Phường Bến Thành"]),
])
def test_wards(tmp_path, text, wards):
    assert sorted({w for _, w in answers(tmp_path, text)["wards"]}) == wards


def test_a_bare_level_is_of_its_own_level(tmp_path):
    """ "UBND quận" in a text about a ward of District 1 is the district's committee, not the ward's."""
    got = answers(tmp_path, "UBND quận triển khai mô hình “Ngày thứ bảy không hẹn” tại phường Đa Kao (quận 1).")
    assert got["agencies"] == [("Ngày thứ bảy không hẹn", "Ủy ban nhân dân Quận 1", "chủ trì")]

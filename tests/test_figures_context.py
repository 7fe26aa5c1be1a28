"""Figures that are no achievement of the reform, written as news portals write them: a place's population is
context, not a metric; a rank is no count; a plan's figure is a metric qualified as a target; and "số" that
opens a count's noun phrase ("trong đó số 980 hồ sơ") is no label. Expected answers come from reading each
sentence."""
import pytest

from kg import lexicon
from kg.recognize import DEFAULT_PIPELINE, build, recognize
from kg.segment import Sentence

TARGET = "https://w3id.org/reform-kg/id/qualifier/target"
MORE_THAN = "https://w3id.org/reform-kg/id/qualifier/more-than"


@pytest.fixture(scope="module")
def recognizers():
    return build(lexicon.load(), DEFAULT_PIPELINE)


def figures(recognizers, text):
    """(value, qualifier) of each figure the sentence gives."""
    out = []
    for m in recognize(Sentence(0, len(text), text), recognizers):
        if m.label == "METRIC":
            value = m.get("value") if m.get("value") is not None else m.get("numerator")
            out.append((int(value), str(m.get("qualifier") or "")))
    return out


@pytest.mark.parametrize("text", [
    "Với hơn 56% dân số là đồng bào dân tộc thiểu số (DTTS), chính quyền xã đang nỗ lực xây dựng nền hành chính phục vụ.",
    "Xã có diện tích tự nhiên 25 km2, dân số hơn 36.000 người.",
    "Tổng dân số của xã là 12.500 người, phần lớn làm nông nghiệp.",
    "Đồng bào Khmer chiếm khoảng 40% dân số của phường.",
])
def test_a_population_is_context_not_a_figure_of_the_reform(recognizers, text):
    assert figures(recognizers, text) == []


@pytest.mark.parametrize("text, expected", [
    # a rate over the population is a figure of the reform
    ("Tỷ lệ kích hoạt tài khoản VNeID đạt trên 70% dân số đủ điều kiện.", [(70, MORE_THAN)]),
    ("Đến nay, 100% dân số đã có tài khoản định danh điện tử.", [(100, "")]),
    # a share of dossiers is one too
    ("Số hồ sơ trực tuyến chiếm 80% tổng số hồ sơ.", [(80, "")]),
    ("Phường đã hỗ trợ 1.200 người dân cài đặt ứng dụng VNeID.", [(1200, "")]),
])
def test_a_rate_over_the_population_is_still_a_figure(recognizers, text, expected):
    assert figures(recognizers, text) == expected


@pytest.mark.parametrize("text", [
    "Năm 2023, Chỉ số CCHC của phường xếp hạng 2/14 phường, xã của thành phố.",
    "Kết quả đánh giá năm 2024, xã đứng vị trí 3/21 xã, thị trấn.",
])
def test_a_rank_is_no_count(recognizers, text):
    assert figures(recognizers, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Chỉ tiêu mô hình đặt ra là phấn đấu 100% thủ tục hành chính có phân công rõ theo quy trình nội bộ; "
     "trên 95% hồ sơ có đầy đủ thông tin xử lý.", [(100, TARGET), (95, TARGET)]),
    ("Phường phấn đấu đến năm 2025 đạt 80% hồ sơ trực tuyến toàn trình.", [(80, TARGET)]),
    ("Mục tiêu đến hết năm 2025, 100% hồ sơ được số hóa.", [(100, TARGET)]),
    ("Theo kế hoạch, từ tháng 10/2025, 100% thủ tục hành chính được tiếp nhận trực tuyến.", [(100, TARGET)]),
    ("Hội nghị đề ra mục tiêu năm 2026 đạt 90% hồ sơ trực tuyến toàn trình.", [(90, TARGET)]),
    ("Mô hình “Quầy giao dịch số” với chỉ tiêu 100% hồ sơ được tiếp nhận qua quầy giao dịch số.", [(100, TARGET)]),
    ("Chỉ tiêu năm 2025: 100% hồ sơ được số hóa khi tiếp nhận.", [(100, TARGET)]),
    ("Phường phấn đấu đến năm 2025 giữ vững và đạt 100% hồ sơ trực tuyến toàn trình.", [(100, TARGET)]),
])
def test_a_plans_figure_is_a_target(recognizers, text, expected):
    assert figures(recognizers, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a purpose is no plan's figure
    ("Với mục tiêu phục vụ người dân tốt hơn, năm 2024 phường tiếp nhận 500 hồ sơ.", [(500, "")]),
    # what was achieved after the plan was told
    ("Mục tiêu của mô hình là giảm thời gian đi lại; đến nay, phường đã tiếp nhận 1.200 hồ sơ.", [(1200, "")]),
    ("Phường phấn đấu hoàn thành kế hoạch, năm 2024 tiếp nhận 500 hồ sơ.", [(500, "")]),
    ("Năm 2024, UBND phường phấn đấu nâng cao chất lượng phục vụ; 98% người dân hài lòng.", [(98, "")]),
    # a target met
    ("Năm 2025, phường hoàn thành chỉ tiêu 100% hồ sơ trực tuyến.", [(100, "")]),
    ("Năm 2024, phường phấn đấu và đạt 98% hồ sơ được giải quyết trước hạn.", [(98, "")]),
    ("Phường đã vượt chỉ tiêu với 120% hồ sơ trực tuyến.", [(120, "")]),
    ("Các chỉ tiêu đều đạt, có 95% hồ sơ giải quyết đúng hạn.", [(95, "")]),
    # an indicator reported
    ("Chỉ tiêu tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.", [(98, "")]),
    ("Trong 9 chỉ tiêu thành phần, có 7 chỉ tiêu đạt trên 90%.", [(90, MORE_THAN)]),
])
def test_an_achieved_figure_is_no_target(recognizers, text, expected):
    assert figures(recognizers, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Năm 2024, phường tiếp nhận 1.250 hồ sơ, trong đó số 980 hồ sơ được giải quyết trực tuyến.", [1250, 980]),
    ("Trong số 980 hồ sơ tiếp nhận, có 950 hồ sơ được giải quyết trước hạn.", [980, 950]),
    # a number after "số" that labels a desk, a document or a phone line stays no figure
    ("Khách đến Quầy số 3 Trung tâm Phục vụ hành chính công được hướng dẫn tận tình.", []),
    ("Người dân liên hệ với số 0912345678 để được hỗ trợ.", []),
])
def test_so_opening_a_count_is_no_label(recognizers, text, expected):
    assert [v for v, _ in figures(recognizers, text)] == expected

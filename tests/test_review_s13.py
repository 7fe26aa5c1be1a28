"""Session 13 review: wording of ordinary local news on which the session's new rules fired wrongly or missed.
Expected answers come from reading each sentence or article."""
import pytest

from kg import corpus, queries
from test_figures_context import TARGET, figures, recognizers  # noqa: F401 (a fixture)
from test_main_place import _wards


@pytest.mark.parametrize("text, expected", [
    # a reform's count as a share of the population (Đề án 06 reports) is a figure, unlike an ethnic make-up
    ("Xã đã kích hoạt 5.200 tài khoản định danh điện tử mức 2, chiếm 78% dân số.", [78]),
    ("Số tài khoản VNeID được kích hoạt chiếm 72% dân số trên địa bàn.", [72]),
    ("Tỷ lệ người dân sử dụng dịch vụ công trực tuyến chiếm 40% dân số trưởng thành.", [40]),
    ("Đồng bào Khmer chiếm khoảng 40% dân số của phường.", []),
    # a population without "của"/"toàn" between "dân số" and the place is still one
    ("Dân số xã là 9.000 người, phân bố tại 8 ấp.", []),
    ("Dân số trên địa bàn khoảng 25.000 người.", []),
])
def test_population_context_and_shares_of_it(recognizers, text, expected):
    assert [v for v, _ in figures(recognizers, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # "phấn đấu" as effort, a clause mark after it: what follows is achieved
    ("Nhờ nỗ lực phấn đấu, năm 2024 phường giải quyết 3.200 hồ sơ, tỷ lệ đúng hạn 99%.", [(3200, ""), (99, "")]),
    ("Cán bộ, công chức không ngừng phấn đấu, năm qua 99% hồ sơ được giải quyết đúng và trước hạn.", [(99, "")]),
    # a period reported after the plan's figure: the result, no target
    ("Phường đặt mục tiêu 100% hồ sơ trực tuyến, sau 6 tháng có 78% hồ sơ được nộp trực tuyến.",
     [(100, TARGET), (78, "")]),
    ("Phấn đấu giải quyết 100% hồ sơ đúng hạn, trong năm qua phường giải quyết 2.450 hồ sơ.",
     [(100, TARGET), (2450, "")]),
    # still targets
    ("Theo kế hoạch, năm 2025 phường có 100% hồ sơ được số hóa.", [(100, TARGET)]),
    ("Phường nỗ lực phấn đấu đến năm 2025 đạt 80% hồ sơ trực tuyến toàn trình.", [(80, TARGET)]),
    ("Mục tiêu phấn đấu, đến năm 2025, 100% hồ sơ được giải quyết trực tuyến.", [(100, TARGET)]),
    ("Năm 2025, phường tiếp tục phấn đấu, giữ vững 100% hồ sơ giải quyết đúng hạn.", [(100, TARGET)]),
])
def test_a_target_is_what_a_plan_sets_not_what_effort_achieved(recognizers, text, expected):
    assert figures(recognizers, text) == expected


DISTRICT_TITLE = """Huyện Hóc Môn nhân rộng mô hình “Tổ hỗ trợ dịch vụ công” của xã Xuân Thới Sơn

Ngày 10/5/2024, UBND huyện Hóc Môn tổ chức hội nghị triển khai nhân rộng mô hình “Tổ hỗ trợ dịch vụ công” trên địa bàn huyện Hóc Môn.

Mô hình do UBND xã Xuân Thới Sơn, huyện Hóc Môn thực hiện từ năm 2023, giúp người dân nộp hồ sơ trực tuyến.

Theo kế hoạch, UBND huyện Hóc Môn yêu cầu các xã, thị trấn thành lập tổ hỗ trợ trước ngày 30/6/2024.

Dịp này, UBND huyện cũng ra mắt mô hình “Bộ phận một cửa không giấy tờ” tại Trung tâm hành chính huyện.
"""

DISTRICT_MODEL_TOO = """Nhiều mô hình cải cách hành chính hiệu quả

Năm 2024, UBND phường Võ Thị Sáu, Quận 3 triển khai mô hình “Cà phê cải cách hành chính” vào sáng thứ Bảy hằng tuần.

Theo lãnh đạo phường Võ Thị Sáu, mô hình giúp người dân trao đổi trực tiếp với cán bộ phường Võ Thị Sáu.

Bên cạnh đó, UBND Quận 3 triển khai mô hình “Trả kết quả thủ tục hành chính tại nhà” ở tất cả các phường trên địa bàn.
"""


def test_a_district_title_naming_one_commune_stays_the_districts_story(tmp_path):
    """The title's subject is the district; the commune is whose model it copies: the district's own one-stop
    office is in no commune."""
    wards = {w for m, w in _wards(tmp_path, DISTRICT_TITLE) if m == "Bộ phận một cửa không giấy tờ"}
    assert "Xã Xuân Thới Sơn" not in wards


def test_a_district_that_runs_a_model_in_all_its_wards_keeps_it(tmp_path):
    """One ward's model and the district's model in every ward: the district's is in its wards, not lost."""
    wards = {w for m, w in _wards(tmp_path, DISTRICT_MODEL_TOO) if m == "Trả kết quả thủ tục hành chính tại nhà"}
    assert {"Phường Võ Thị Sáu", "Phường 9"} <= wards


def _models(tmp_path, text):
    article = tmp_path / "a.txt"
    article.write_text(text + "\n", encoding="utf-8")
    graph, _ = corpus.build_graph([article])
    return {str(r.initiativeLabel) for r in queries.run(graph, queries.find("initiatives"))}


@pytest.mark.parametrize("text, expected", [
    # (s13-kinds' head.ngay-nghi) a place named Chợ is no market; a shop never "tiếp nhận hồ sơ", whoever it serves
    ("UBND thị trấn Chợ Gạo mở cửa tiếp nhận hồ sơ vào sáng thứ bảy hằng tuần để phục vụ người dân.",
     {"mở cửa tiếp nhận hồ sơ vào sáng thứ bảy"}),
    ("Bộ phận một cửa huyện Chợ Mới làm việc vào sáng thứ bảy để tiếp nhận hồ sơ của người dân.",
     {"làm việc vào sáng thứ bảy"}),
    ("Bưu điện tỉnh tiếp nhận hồ sơ thủ tục hành chính vào thứ bảy, chủ nhật để phục vụ khách hàng.",
     {"tiếp nhận hồ sơ thủ tục hành chính vào thứ bảy"}),
])
def test_an_office_open_on_a_rest_day_in_a_place_named_cho_or_serving_khach_hang(tmp_path, text, expected):
    assert _models(tmp_path, text) == expected


@pytest.mark.parametrize("text", [
    # (s13-kinds' head.doan-ho-tro) an enforcement word later in the sentence is not what the team does
    "Phường thành lập tổ công tác lưu động tiếp nhận, xử lý phản ánh, kiến nghị của người dân tại các khu phố.",
    "Xã thành lập tổ công tác lưu động đến từng ấp kiểm tra, hướng dẫn người dân hoàn thiện hồ sơ đất đai.",
    "Tổ công tác lưu động của xã hỗ trợ người dân làm thủ tục, giúp người dân tránh vi phạm thời hạn đăng ký khai sinh.",
])
def test_a_team_that_moves_and_serves_people_is_a_model(tmp_path, text):
    assert {m.lower() for m in _models(tmp_path, text)} == {"tổ công tác lưu động"}


def _leads(tmp_path, text):
    article = tmp_path / "a.txt"
    article.write_text(text + "\n", encoding="utf-8")
    graph, _ = corpus.build_graph([article])
    return {str(r.agencyLabel) for r in queries.run(graph, queries.find("initiative-agencies")) if str(r.role) == "chủ trì"}


@pytest.mark.parametrize("text, lead", [
    # (s13-agencies' relate.commenting-official) "chia sẻ", "thông tin" that are no speech; an office that acts in
    # what its official says
    ("Chủ tịch UBND huyện Củ Chi ký quyết định ban hành mô hình “Tổ hỗ trợ pháp lý” nhằm cung cấp thông tin pháp luật "
     "cho người dân.", "Ủy ban nhân dân Huyện Củ Chi"),
    ("Giám đốc Sở Tài nguyên và Môi trường tỉnh Đồng Nai chỉ đạo triển khai mô hình “Bản đồ số đất đai” nhằm kết nối, "
     "chia sẻ dữ liệu đất đai.", "Sở Tài nguyên và Môi trường Tỉnh Đồng Nai"),
    ("Bà Nguyễn Thị Hoa, Giám đốc Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh cho biết, Trung tâm vừa đưa vào vận "
     "hành mô hình “Ki-ốt thông tin thông minh”.", "Trung tâm Phục vụ hành chính công"),
    ("Ông Nguyễn Văn An, Chủ tịch UBND huyện Củ Chi cho biết, mô hình “Tổ hỗ trợ pháp lý” được huyện triển khai từ "
     "năm 2023.", "Ủy ban nhân dân Huyện Củ Chi"),
])
def test_an_official_who_acts_or_whose_office_acts_keeps_the_office(tmp_path, text, lead):
    assert any(label.startswith(lead) for label in _leads(tmp_path, text))

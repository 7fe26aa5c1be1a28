"""An office open on days it is closed is an extended-hours model (model-grammar.json head.ngay-nghi); a shop's or
a museum's hours, routine Saturday work and a make-up working day are not, nor is an inspection team that moves
(head.doan-ho-tro). Expected models from reading each sentence."""
import pytest

from kg import corpus, queries


def models(tmp_path, text):
    article = tmp_path / "a.txt"
    article.write_text(text + "\n", encoding="utf-8")
    graph, _ = corpus.build_graph([article])
    return {str(r.initiativeLabel): str(r.kind) for r in queries.run(graph, queries.find("initiatives"))}


@pytest.mark.parametrize("text, expected", [
    # offices open on a rest day or at Tết: models of longer hours
    ("Bộ phận một cửa phường Tân Định mở cửa vào thứ bảy và chủ nhật để phục vụ người dân.",
     {"mở cửa vào thứ bảy và chủ nhật"}),
    ("UBND phường Bến Thành làm việc vào sáng thứ bảy hàng tuần để tiếp nhận, giải quyết thủ tục hành chính cho người dân.",
     {"làm việc vào sáng thứ bảy"}),
    ("Công an xã Phú Mỹ làm việc cả thứ bảy, chủ nhật để cấp căn cước cho người dân.", {"làm việc cả thứ bảy"}),
    ("Chi nhánh Văn phòng đăng ký đất đai thành phố tiếp nhận hồ sơ vào ngày thứ bảy.", {"tiếp nhận hồ sơ vào ngày thứ bảy"}),
    ("Trong khi các cửa hàng đóng cửa nghỉ Tết, Trung tâm PVHCC xã Lai Hòa vẫn mở cửa từ ngày mùng 4 Tết.",
     {"mở cửa từ ngày mùng 4 Tết"}),
    # a shop's, a market's, a museum's or a bank's hours
    ("Chợ đêm Sơn Trà mở cửa vào thứ bảy và chủ nhật hằng tuần.", set()),
    ("Nhiều siêu thị, cửa hàng tiện lợi mở cửa xuyên Tết để phục vụ người dân mua sắm.", set()),
    ("Các nhà hàng, quán ăn trên địa bàn phường mở cửa từ ngày mùng 2 Tết.", set()),
    ("Bảo tàng tỉnh mở cửa phục vụ khách tham quan vào các ngày thứ bảy, chủ nhật.", set()),
    ("Ngân hàng Vietcombank chi nhánh Bình Dương làm việc vào sáng thứ bảy để phục vụ khách hàng.", set()),
    ("Khu du lịch Núi Cấm phục vụ du khách xuyên Tết.", set()),
    # a school, a cultural house or a stall that opens or takes enrolment papers on a rest day (review, session 13)
    ("Trường Tiểu học Lê Văn Tám tiếp nhận hồ sơ tuyển sinh lớp 1 vào thứ bảy và chủ nhật.", set()),
    ("Nhà văn hóa khu phố 3 mở cửa vào thứ bảy, chủ nhật cho thanh thiếu nhi sinh hoạt.", set()),
    ("Các điểm bán hàng bình ổn giá mở cửa xuyên Tết để phục vụ nhu cầu của người dân.", set()),
    # an office whose name holds such a word is still an office
    ("Phòng Tài nguyên và Môi trường huyện tiếp nhận hồ sơ vào sáng thứ bảy hằng tuần.",
     {"tiếp nhận hồ sơ vào sáng thứ bảy"}),
    # routine work on a Saturday: a make-up day, an inspection, a task to finish
    ("Cán bộ, công chức phường làm việc vào thứ bảy để hoàn thành việc bàn giao trụ sở.", set()),
    ("Theo thông báo, các cơ quan hành chính làm việc bù vào thứ bảy ngày 8/2.", set()),
    ("Đoàn kiểm tra của tỉnh làm việc tại UBND xã Phú Mỹ vào chủ nhật.", set()),
])
def test_an_office_open_on_a_rest_day_is_a_model_a_shop_or_routine_work_is_not(tmp_path, text, expected):
    found = models(tmp_path, text)
    assert set(found) == expected
    assert all(kind == "Ngoài giờ hành chính" for kind in found.values())


@pytest.mark.parametrize("text, expected", [
    ("Phường thành lập tổ công tác lưu động hỗ trợ người dân cài đặt ứng dụng VNeID tại nhà.", {"tổ công tác lưu động"}),
    ("Bà được đoàn hỗ trợ dịch vụ công lưu động của Phòng Văn hóa - Xã hội tới tận nhà.",
     {"đoàn hỗ trợ dịch vụ công lưu động"}),
    # a team that inspects, patrols or enforces is no service to the public
    ("Tổ công tác lưu động của phường kiểm tra các cơ sở kinh doanh thực phẩm trên địa bàn.", set()),
    ("Đội công tác lưu động tuần tra, xử lý vi phạm trật tự đô thị trên các tuyến đường.", set()),
    ("UBND xã thành lập tổ công tác lưu động kiểm tra, xử lý các trường hợp lấn chiếm vỉa hè.", set()),
])
def test_a_team_that_moves_is_a_model_when_it_serves_people(tmp_path, text, expected):
    assert set(models(tmp_path, text)) == expected


def test_what_the_office_does_may_come_before_its_saturday_hours(tmp_path):
    text = "Để phục vụ người dân, Bộ phận một cửa phường An Phú làm việc vào sáng thứ bảy hằng tuần."
    assert set(models(tmp_path, text)) == {"làm việc vào sáng thứ bảy"}

"""The kinds a model gets from ordinary news wording, built as a one-sentence article and read back through the
`initiatives` query (expected kinds from reading each sentence; the build adds a kind's broader one)."""
import pytest

from kg import corpus, queries

TIME, HOURS, HOME, DESK = "Rút ngắn thời gian", "Ngoài giờ hành chính", "Phục vụ tại nhà", "Một cửa"
TOLD, SMS, FEEDBACK, HELP = "Thông tin, tuyên truyền", "Tin nhắn SMS", "Tiếp nhận phản ánh", "Hỗ trợ, hướng dẫn người dân"
ONLINE, DIGITAL, OTHER, CASHLESS = "Dịch vụ công trực tuyến", "Số hóa", "Loại khác", "Thanh toán không dùng tiền mặt"
OFFICE, PORTAL = "Cơ quan điện tử", "Cổng thông tin điện tử"


def kinds(tmp_path, text):
    article = tmp_path / "a.txt"
    article.write_text(text + "\n", encoding="utf-8")
    graph, _ = corpus.build_graph([article])
    out = {}
    for r in queries.run(graph, queries.find("initiatives")):
        out.setdefault(str(r.initiativeLabel), set()).update([str(r.kind)] if r.kind is not None else [])
    return out


@pytest.mark.parametrize("text, name, expected", [
    # Friday is a working day: a Friday model is no extended-hours one; Saturday and Sunday are rest days
    ("Ngày 3/10, UBND phường An Lạc ra mắt mô hình “Ngày thứ Sáu không hẹn” trong giải quyết thủ tục hành chính.",
     "Ngày thứ Sáu không hẹn", {TIME}),
    ("UBND phường Tây Vinh triển khai mô hình “Ngày thứ 6 trả kết quả tại nhà” cho người cao tuổi.",
     "Ngày thứ 6 trả kết quả tại nhà", {HOME}),
    ("UBND xã Bình Minh duy trì mô hình “Sáng thứ Bảy làm việc” để giải quyết thủ tục hành chính cho người dân.",
     "Sáng thứ Bảy làm việc", {HOURS}),
    # guidance a clip or a leaflet carries is told, not help given in person
    ("Phường Hòa Cường triển khai mô hình “Tuyên truyền thủ tục hành chính qua clip hướng dẫn” trên trang của phường.",
     "Tuyên truyền thủ tục hành chính qua clip hướng dẫn", {TOLD}),
    ("UBND xã Tân Lập ra mắt mô hình “Phát tờ rơi hướng dẫn dịch vụ công” tại các thôn.",
     "Phát tờ rơi hướng dẫn dịch vụ công", {TOLD, ONLINE}),
    # a desk that moves goes to where people live: home service, not a one-stop shop
    ("UBND xã Tân Hiệp ra mắt mô hình “Bộ phận một cửa lưu động” tại các ấp.", "Bộ phận một cửa lưu động", {HOME}),
    ("UBND phường Thục Phán triển khai mô hình “Tiếp nhận và trả kết quả lưu động” tại các tổ dân phố.",
     "Tiếp nhận và trả kết quả lưu động", {HOME}),
    ("UBND phường Thục Phán duy trì mô hình “Tiếp nhận và trả kết quả đúng hẹn” tại bộ phận một cửa.",
     "Tiếp nhận và trả kết quả đúng hẹn", {DESK}),
    # going door to door is a home service, whatever the visit is for
    ("Đoàn Thanh niên phường Hải Châu ra mắt mô hình “Gõ cửa từng nhà” để hướng dẫn người dân cài đặt VNeID.",
     "Gõ cửa từng nhà", {HOME}),
    ("UBND phường Rạch Dừa triển khai mô hình “Trao giấy chứng nhận kết hôn tại địa điểm người dân lựa chọn”.",
     "Trao giấy chứng nhận kết hôn tại địa điểm người dân lựa chọn", {HOME}),
    # a message on Zalo or a fanpage is no SMS; a text message to phones is
    ("UBND phường Tân Định triển khai mô hình “Nhận tin nhắn phản ánh qua Zalo” của phường.",
     "Nhận tin nhắn phản ánh qua Zalo", {FEEDBACK, TOLD}),
    ("UBND xã Tân Phú triển khai dịch vụ nhắn tin qua Zalo cho người dân.", "dịch vụ nhắn tin qua Zalo cho người dân", {TOLD}),
    ("UBND phường Bến Nghé triển khai mô hình “Thông báo lịch tiêm chủng qua tin nhắn SMS” cho các hộ gia đình.",
     "Thông báo lịch tiêm chủng qua tin nhắn SMS", {SMS, TOLD}),
    # the kind of the head that names a model: an office open on a rest day, longer hours, an app
    ("Trung tâm Phục vụ hành chính công xã Lai Hòa mở cửa tiếp nhận hồ sơ từ ngày mùng 4 Tết để phục vụ người dân.",
     "mở cửa tiếp nhận hồ sơ từ ngày mùng 4 Tết", {HOURS}),
    ("UBND tỉnh Tây Ninh ra mắt Ứng dụng Tây Ninh Smart trên điện thoại di động.", "Ứng dụng Tây Ninh Smart", {ONLINE}),
    # paying without cash; the digital citizen of Đề án 06
    ("UBND phường Linh Xuân triển khai mô hình “Thanh toán không dùng tiền mặt” khi nộp phí, lệ phí.",
     "Thanh toán không dùng tiền mặt", {CASHLESS}),
    ("Công an xã Quyết Thắng triển khai mô hình “Gia đình công dân số” tại các xóm.", "Gia đình công dân số", {DIGITAL}),
    # what a model is for is no kind of it when it is every office's aim
    ("UBND xã Mỹ Hương ra mắt mô hình “Sáng kiến xanh” nhằm nâng cao chất lượng phục vụ người dân.", "Sáng kiến xanh", {OTHER}),
    # ... but a purpose that says what is done for people is its kind
    ("UBND phường Phú Lợi ra mắt mô hình “Tổ 3 người” để hỗ trợ người cao tuổi làm thủ tục.", "Tổ 3 người", {HELP}),
    # the item of the first of two models joined by "và" runs over the second's name: that kind is the second's
    ("Phường Chợ Quán xây dựng Trung tâm Giám sát – Điều hành thông minh GIOC và Trang thông tin điện tử phường Chợ Quán.",
     "Trung tâm Giám sát – Điều hành thông minh GIOC", {OFFICE}),
])
def test_a_model_gets_the_kinds_its_wording_says(tmp_path, text, name, expected):
    found = kinds(tmp_path, text)
    assert found.get(name) == expected, found


def test_a_practice_told_again_adds_no_generic_kind(tmp_path):
    """The second sentence tells the same practice again (kg.relate.initiatives.retold): its "hỗ trợ" is how any
    visit is told, not a second kind of the model."""
    text = "Phường cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ. Ông Tư nói phường cử cán bộ xuống hỗ trợ ông."
    assert kinds(tmp_path, text) == {"cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ": {HOME}}

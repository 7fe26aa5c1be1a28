"""Ordinary news wording that rules have fired on wrongly: what a reader sees in each sentence (expected answers from
reading it), so that a rule added later for other sentences cannot quietly break these."""
import pytest

from kg import lexicon
from kg.recognize import DEFAULT_PIPELINE, build, recognize
from kg.segment import Sentence


@pytest.fixture(scope="module")
def recognizers():
    return build(lexicon.load(), DEFAULT_PIPELINE)


def found(recognizers, text, label):
    return [m for m in recognize(Sentence(0, len(text), text), recognizers) if m.label == label]


def figures(recognizers, text):
    return [(m.text, int(m.get("value"))) for m in found(recognizers, text, "METRIC")]


@pytest.mark.parametrize("text", [
    # a product or a standard a ward uses is not a local model
    "Công an phường hướng dẫn người dân cài đặt và triển khai ứng dụng “VNeID” trên điện thoại.",
    "Người dân được hướng dẫn nộp hồ sơ qua Cổng dịch vụ công quốc gia.",
    "Bộ phận một cửa áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001:2015.",
    # a slogan praised as a good practice is not a model's name
    "Lãnh đạo quận biểu dương cách làm hay “Lắng nghe để phục vụ” của phường.",
    # after a cue, a phrase that starts with a preposition says where, how or about what: the name is missing
    "Phường Tân Định đã nhân rộng mô hình tại Bộ phận một cửa của các phường trên địa bàn quận.",
    "UBND xã tiếp tục duy trì mô hình ở các khu dân cư về hỗ trợ dịch vụ công trực tuyến.",
    "Phường đã thực hiện mô hình theo hướng số hóa hồ sơ, giảm thời gian chờ đợi của người dân.",
    "Tỉnh đã triển khai 21 mô hình điểm về chuyển đổi số.",
    # after "Đề án", a number is the document's code and what follows goes on with the sentence
    "Tổ công tác triển khai Đề án 06 của Chính phủ phối hợp UBND tỉnh triển khai 21 mô hình điểm về chuyển đổi số.",
    "UBND quận triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử.",
    # the portals where news is posted, and a numbered office, are no local model
    "Thông tin được đăng tải trên Cổng thông tin điện tử Chính phủ và Cổng thông tin điện tử tỉnh Bình Dương.",
    "Người dân có thể tra cứu trên Trang thông tin điện tử UBND quận.",
    "Người dân đến Điểm phục vụ hành chính công số 2 để nộp hồ sơ.",
    # a national programme a place carries out is not a local model
    "Thực hiện Chương trình chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030, phường đã họp bàn.",
    "Phường triển khai chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030.",
])
def test_no_model(recognizers, text):
    assert [m.text for m in found(recognizers, text, "MODEL")] == []


@pytest.mark.parametrize("text, expected", [
    # a model named by its field after a preposition
    ("Quận tiếp tục thực hiện mô hình trên lĩnh vực thuế, kho bạc, ngân hàng tại bộ phận một cửa đã giảm TTHC.",
     ["trên lĩnh vực thuế, kho bạc, ngân hàng tại bộ phận một cửa"]),
    # a name ends before the time it runs to
    ("Phường triển khai mô hình hỗ trợ dịch vụ công trực tuyến tại nhà đến năm 2025.",
     ["hỗ trợ dịch vụ công trực tuyến tại nhà"]),
    # a ward's own portal, a mobile office and a device are models; "số 1" numbers the device, it is no modifier
    ("UBND phường Chợ Quán ra mắt Trang thông tin điện tử phường Chợ Quán.", ["Trang thông tin điện tử phường Chợ Quán"]),
    ("Trung tâm ra mắt Điểm phục vụ hành chính công lưu động tại xã Đại Thanh.", ["Điểm phục vụ hành chính công lưu động"]),
    ("Phường đưa vào hoạt động AI Kiosk thông minh số 1 tại sảnh.", ["AI Kiosk thông minh"]),
    # a quoted name after "Đề án" is still a name
    ("Phường triển khai Đề án “Phường điện tử” từ năm 2024.", ["Phường điện tử"]),
])
def test_model(recognizers, text, expected):
    assert [m.text for m in found(recognizers, text, "MODEL")] == expected


@pytest.mark.parametrize("text, expected", [
    # a word that starts with a unit's label is another word: no count of that unit
    ("Đoàn công tác gồm 5 đồng chí do Phó Chủ tịch UBND quận làm trưởng đoàn.", []),
    ("Đã có 12 đơn vị tham gia hội thi.", []),
    ("UBND phường 4 tổ chức ra mắt mô hình “Ngày thứ bảy không hẹn”.", []),
    ("Toàn thành phố hiện còn 126 đơn vị hành chính cấp xã.", []),
    ("Có 3 tổ chức chính trị - xã hội tham gia cùng đội ngũ tình nguyện viên.", []),
    ("Tại Bộ phận một cửa có 5 giao dịch viên; trong tháng đã tiếp nhận 120 hộ chiếu và 300 hồ sơ.", [("300 hồ sơ", 300)]),
    ("Quận có 15 thư viện cộng đồng và 3 thư ký tòa soạn.", []),
    # the unit itself still counts
    ("Phường thành lập 2 tổ công tác, thu 500 đồng mỗi hồ sơ.", [("2 tổ", 2), ("500 đồng", 500)]),
    ("Phòng Tư pháp nhận 15 đơn đề nghị.", [("15 đơn", 15)]),
    # a document's code is no figure; "tổng số" is a total, not a number's label
    ("Đề án 06 hồ sơ điện tử được triển khai rộng rãi.", []),
    ("Theo Quyết định 1291 của UBND tỉnh, 35 thủ tục hành chính được tiếp nhận qua bưu điện.",
     [("35 thủ tục hành chính", 35)]),
    ("Năm 2024, tổng số 1.250 hồ sơ đã được giải quyết đúng hạn.", [("1.250 hồ sơ", 1250)]),
    ("Mỗi phường 2 công chức được phân công hỗ trợ người dân; toàn quận 1.250 hồ sơ đã được giải quyết.",
     [("2 công chức", 2), ("1.250 hồ sơ", 1250)]),
    # households are the commune's size, not a reform's figure
    ("Xã có gần 3.000 hộ với hơn 10.000 nhân khẩu.", []),
])
def test_figures(recognizers, text, expected):
    assert figures(recognizers, text) == expected

"""Agencies in ordinary news wording, built as a one-paragraph article: the province's departments (Sở ...), the
words that make an agency a partner, and an official who only comments (expected answers from reading each sentence)."""
import pytest

from kg import corpus, queries


def agencies(tmp_path, text):
    article = tmp_path / "a.txt"
    article.write_text(text + "\n", encoding="utf-8")
    graph, _ = corpus.build_graph([article])
    return sorted({(str(r.initiativeLabel), str(r.agencyLabel), str(r.role))
                   for r in queries.run(graph, queries.find("initiative-agencies"))})


@pytest.mark.parametrize("text, expected", [
    # a province's department, with its province or without (then the province of the text's place)
    ("Sở Tư pháp tỉnh Bình Dương phối hợp với UBND phường Phú Lợi triển khai mô hình “Công chứng lưu động”.",
     [("Công chứng lưu động", "Sở Tư pháp Tỉnh Bình Dương", "chủ trì"),
      ("Công chứng lưu động", "Ủy ban nhân dân Phường Phú Lợi", "phối hợp")]),
    ("UBND phường Tân Định phối hợp với Sở Y tế triển khai mô hình “Khám sức khỏe tại nhà”.",
     [("Khám sức khỏe tại nhà", "Sở Y tế", "phối hợp"), ("Khám sức khỏe tại nhà", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    # lower case, "sở" ends "cơ sở", "trụ sở": no department
    ("Các cơ sở y tế trên địa bàn phường Tân Định tham gia mô hình “Khám sức khỏe tại nhà”.", []),
    ("UBND phường Tân Định phối hợp với các cơ sở y tế triển khai mô hình “Khám sức khỏe tại nhà”.",
     [("Khám sức khỏe tại nhà", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    # other bodies reform news names: a commune's health station, a party board, a loudspeaker station, the policy bank
    ("Trạm Y tế phường Tân Định triển khai mô hình “Khám bệnh bằng căn cước công dân”.",
     [("Khám bệnh bằng căn cước công dân", "Trạm Y tế Phường Tân Định", "chủ trì")]),
    ("Mô hình “Dân vận khéo trong cải cách hành chính” do Ban Dân vận Huyện ủy Tây Sơn phát động.",
     [("Dân vận khéo trong cải cách hành chính", "Ban Dân vận Huyện ủy", "chủ trì")]),
    ("UBND xã Tân Phú triển khai mô hình “Vay vốn tại nhà”. Phòng giao dịch Ngân hàng Chính sách xã hội huyện Đồng Phú "
     "phối hợp thực hiện mô hình này.",
     [("Vay vốn tại nhà", "Ngân hàng Chính sách xã hội Huyện Đồng Phú", "tham gia"),
      ("Vay vốn tại nhà", "Ủy ban nhân dân Xã Tân Phú", "chủ trì")]),
])
def test_agency_types(tmp_path, text, expected):
    assert agencies(tmp_path, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "A cùng B", "A hợp tác với B", "A ký kết với B" ... triển khai: A leads, B is its partner
    ("UBND xã Tân Phú cùng Công an xã triển khai mô hình “Ngày thứ bảy không hẹn”.",
     [("Ngày thứ bảy không hẹn", "Công an Xã Tân Phú", "phối hợp"), ("Ngày thứ bảy không hẹn", "Ủy ban nhân dân Xã Tân Phú", "chủ trì")]),
    ("UBND phường Tân Định ký kết với Bưu điện quận 1 triển khai mô hình “Bưu điện trả hồ sơ tận nhà”.",
     [("Bưu điện trả hồ sơ tận nhà", "Bưu điện Quận 1", "phối hợp"),
      ("Bưu điện trả hồ sơ tận nhà", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    ("UBND phường Tân Định ký kết thỏa thuận hợp tác với Viettel triển khai mô hình “Phường thông minh”.",
     [("Phường thông minh", "Viettel", "phối hợp"), ("Phường thông minh", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    ("UBND phường Tân Định hợp tác với VNPT triển khai mô hình “Phường thông minh”.",
     [("Phường thông minh", "VNPT", "phối hợp"), ("Phường thông minh", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    # "(sự) phối hợp / thỏa thuận hợp tác giữa A và B": both work on it together
    ("Mô hình “Ngày thứ bảy không hẹn” là sự phối hợp giữa UBND phường Tân Định và Bưu điện quận 1.",
     [("Ngày thứ bảy không hẹn", "Bưu điện Quận 1", "phối hợp"), ("Ngày thứ bảy không hẹn", "Ủy ban nhân dân Phường Tân Định", "phối hợp")]),
    ("Mô hình “Bưu điện trả hồ sơ tận nhà” được triển khai theo thỏa thuận hợp tác giữa UBND xã Tân Phú và Bưu điện huyện "
     "Đồng Phú.",
     [("Bưu điện trả hồ sơ tận nhà", "Bưu điện Huyện Đồng Phú", "phối hợp"),
      ("Bưu điện trả hồ sơ tận nhà", "Ủy ban nhân dân Xã Tân Phú", "phối hợp")]),
    ("Mô hình “Ngày thứ bảy không hẹn” là cầu nối giữa UBND phường Tân Định và người dân.", []),
    # "cùng" that is not "together with" an agency: the subject leads alone
    ("Cùng ngày, UBND phường Tân Định ra mắt mô hình “Ngày thứ bảy không hẹn”.",
     [("Ngày thứ bảy không hẹn", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    ("Đồng hành cùng người dân, UBND phường Tân Định triển khai mô hình “Ngày thứ bảy không hẹn”.",
     [("Ngày thứ bảy không hẹn", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
])
def test_partner_words(tmp_path, text, expected):
    assert agencies(tmp_path, text) == expected


@pytest.mark.parametrize("text, expected", [
    # an official of a higher office comments: the office takes no part
    ("Ông Nguyễn Văn An, Phó Giám đốc Sở Thông tin và Truyền thông cho rằng, mô hình “Tổ công nghệ số cộng đồng” là lực "
     "lượng nòng cốt ở cơ sở.", []),
    ("UBND xã Tân Phú triển khai mô hình “Trả lương hưu qua tài khoản”. Ông Trần Văn Bình, Giám đốc Bảo hiểm xã hội "
     "tỉnh cho biết, mô hình này giúp người cao tuổi nhận tiền nhanh hơn.",
     [("Trả lương hưu qua tài khoản", "Ủy ban nhân dân Xã Tân Phú", "chủ trì")]),
    ("Trung tâm PVHCC phường Tam Quan triển khai mô hình “Tiếp nhận hồ sơ lưu động”. Ông Võ Văn Cường - Phó Chủ tịch "
     "UBND kiêm Giám đốc Trung tâm PVHCC phường Tam Quan - cho biết mô hình này giúp người dân đỡ đi lại.",
     [("Tiếp nhận hồ sơ lưu động", "Trung tâm Phục vụ hành chính công Phường Tam Quan", "chủ trì")]),
    # an official who acts: the office leads
    # what the official says makes the office the agent or names it again (review s13)
    ("Ông Nguyễn Văn An, Chủ tịch UBND huyện Củ Chi cho biết, mô hình “Tổ hỗ trợ pháp lý” được huyện triển khai từ năm 2023.",
     [("Tổ hỗ trợ pháp lý", "Ủy ban nhân dân Huyện Củ Chi", "chủ trì")]),
    ("Chủ tịch UBND tỉnh Cà Mau vừa ban hành kế hoạch triển khai mô hình “Một cửa phi địa giới”.",
     [("Một cửa phi địa giới", "Ủy ban nhân dân Tỉnh Cà Mau", "chủ trì")]),
    # a ward's own official speaks for the ward's model
    ("Trung tâm PVHCC phường Bến Thành ra mắt mô hình “Chatbot AI”. Theo Chủ tịch UBND phường Bến Thành Mai Thị Hồng Hoa, "
     "với Chatbot này, người dân có thể tra cứu thủ tục ở bất cứ đâu.",
     [("Chatbot AI", "Trung tâm Phục vụ hành chính công Phường Bến Thành", "chủ trì"),
      ("Chatbot AI", "Ủy ban nhân dân Phường Bến Thành", "tham gia")]),
])
def test_an_official_who_comments(tmp_path, text, expected):
    assert agencies(tmp_path, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "(với) sự tham gia của A và B": A and B take part; they do not lead
    ("Với sự tham gia của Đoàn Thanh niên và Hội Phụ nữ phường, mô hình “Tổ công nghệ số cộng đồng” đã hỗ trợ 500 người dân.",
     [("Tổ công nghệ số cộng đồng", "Hội Liên hiệp Phụ nữ phường", "tham gia"),
      ("Tổ công nghệ số cộng đồng", "Đoàn Thanh niên", "tham gia")]),
    ("UBND phường Tân Định triển khai mô hình “Tổ công nghệ số cộng đồng” với sự tham gia của Đoàn Thanh niên và Hội Phụ "
     "nữ phường.",
     [("Tổ công nghệ số cộng đồng", "Hội Liên hiệp Phụ nữ Phường Tân Định", "tham gia"),
      ("Tổ công nghệ số cộng đồng", "Đoàn Thanh niên Phường Tân Định", "tham gia"),
      ("Tổ công nghệ số cộng đồng", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
    # the list ends with its item after "và", or, with commas alone, with its first: the subject after it leads
    ("Được sự tham gia của Hội Cựu chiến binh và Đoàn Thanh niên, UBND xã Tân Phú đã triển khai mô hình “Ngày thứ bảy "
     "không hẹn”.",
     [("Ngày thứ bảy không hẹn", "Hội Cựu chiến binh Xã Tân Phú", "tham gia"),
      ("Ngày thứ bảy không hẹn", "Đoàn Thanh niên Xã Tân Phú", "tham gia"),
      ("Ngày thứ bảy không hẹn", "Ủy ban nhân dân Xã Tân Phú", "chủ trì")]),
    # after the model's name a list of commas alone runs to its end (review s13)
    ("Mô hình “Tổ công nghệ số cộng đồng” thu hút sự tham gia của Hội Cựu chiến binh, Hội Phụ nữ, Đoàn Thanh niên xã "
     "Tân Phú.",
     [("Tổ công nghệ số cộng đồng", "Hội Cựu chiến binh Xã Tân Phú", "tham gia"),
      ("Tổ công nghệ số cộng đồng", "Hội Liên hiệp Phụ nữ Xã Tân Phú", "tham gia"),
      ("Tổ công nghệ số cộng đồng", "Đoàn Thanh niên Xã Tân Phú", "tham gia")]),
    ("Với sự tham gia của Đoàn Thanh niên, UBND phường Tân Định ra mắt mô hình “Tổ công nghệ số cộng đồng”.",
     [("Tổ công nghệ số cộng đồng", "Đoàn Thanh niên Phường Tân Định", "tham gia"),
      ("Tổ công nghệ số cộng đồng", "Ủy ban nhân dân Phường Tân Định", "chủ trì")]),
])
def test_taking_part(tmp_path, text, expected):
    assert agencies(tmp_path, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "tại trụ sở X": X's building is where the launch is held; X takes no part
    ("Tại trụ sở Sở Tư pháp, UBND tỉnh tổ chức ra mắt mô hình “Công chứng điện tử”.",
     [("Công chứng điện tử", "Ủy ban nhân dân tỉnh", "chủ trì")]),
    ("Tại trụ sở UBND phường Bến Thành, Trung tâm PVHCC phường tổ chức ra mắt mô hình “Chatbot AI hỗ trợ thủ tục hành chính”.",
     [("Chatbot AI hỗ trợ thủ tục hành chính", "Trung tâm Phục vụ hành chính công Phường Bến Thành", "chủ trì")]),
    # at an office itself (not its building), the office takes part
    ("Tại UBND phường Bến Thành, Trung tâm PVHCC phường tổ chức ra mắt mô hình “Chatbot AI hỗ trợ thủ tục hành chính”.",
     [("Chatbot AI hỗ trợ thủ tục hành chính", "Trung tâm Phục vụ hành chính công Phường Bến Thành", "chủ trì"),
      ("Chatbot AI hỗ trợ thủ tục hành chính", "Ủy ban nhân dân Phường Bến Thành", "tham gia")]),
])
def test_a_building_is_no_participant(tmp_path, text, expected):
    assert agencies(tmp_path, text) == expected

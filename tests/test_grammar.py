"""The grammar as data (ontology/model-grammar.json, figure-grammar.json): one sentence per pattern of the
language, with what a reader finds in it, checked through the bundled queries; and the rule each mention
records, the kind every model gets, and the documents a build found no model in."""
from decimal import Decimal

import pytest
from click.testing import CliRunner

from kg import corpus, ingest, pipeline, queries
from kg.cli import cli
from kg.recognize.grammar import load


def _rows(tmp_path, text, query):
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    graph, _ = corpus.build_graph([tmp_path / "a.txt"])
    return list(queries.run(graph, queries.find(query))), pipeline.extract(ingest.load(tmp_path / "a.txt"))


@pytest.mark.parametrize("text, expected", [
    # a quoted name right after a launch verb, no "mô hình"
    ("Đoàn phường Hòa Khánh ra quân “Ngày Chủ nhật tình nguyện hỗ trợ dịch vụ công”.",
     {"Ngày Chủ nhật tình nguyện hỗ trợ dịch vụ công"}),
    ('Tỉnh Bình Phước triển khai "một cửa phi địa giới" từ ngày 1/9.', {"một cửa phi địa giới"}),
    # devices and channels named by their head, with what goes on the name
    ("Phường Tân Định đưa vào hoạt động Kiosk thông minh tại trụ sở.", {"Kiosk thông minh"}),
    ("Người dân truy cập Chatbot AI phường Tân Định để hỏi thủ tục.", {"Chatbot AI phường Tân Định"}),
    ("Với Chatbot này, người dân tra cứu ở bất cứ đâu.", set()),
    # a practice after a launch verb that starts with a service and says how
    ("Bưu điện tỉnh triển khai dịch vụ trả kết quả thủ tục hành chính qua bưu điện.",
     {"dịch vụ trả kết quả thủ tục hành chính qua bưu điện"}),
    # a kind's name alone is generic, not a model
    ("Xã triển khai dịch vụ công trực tuyến tại Trung tâm.", set()),
    # cues beyond "mô hình"
    ("Phường 3 duy trì sáng kiến “Tổ tư vấn pháp luật lưu động”.", {"Tổ tư vấn pháp luật lưu động"}),
    ("Mỗi sáng kiến đều phản ánh nỗ lực của chính quyền.", set()),
    # a unit's own portal, named with its place; a sub-heading that names a practice
    ("Công ty hỗ trợ phường Tân Định xây dựng Trang thông tin điện tử phường Tân Định.",
     {"Trang thông tin điện tử phường Tân Định"}),
    ("Tỉnh mở thêm kênh nộp hồ sơ.\nDịch vụ bưu chính công ích\nNgười dân gọi tổng đài.", {"Dịch vụ bưu chính công ích"}),
    ("Tỉnh mở thêm kênh nộp hồ sơ.\nGõ cửa nhà dân\nNgười dân gọi tổng đài.", set()),
    # a practice told, not named, after a verb that launches or keeps it up
    ("Trung tâm cũng đẩy mạnh hỗ trợ song ngữ cho đồng bào dân tộc.", {"hỗ trợ song ngữ cho đồng bào dân tộc"}),
    ("Trung tâm Hành chính công tỉnh đã tổ chức khảo sát sự hài lòng của người dân.",
     {"khảo sát sự hài lòng của người dân"}),
    ("Chủ tịch UBND phường còn gửi thư chúc mừng gia đình đón chào thành viên mới.",
     {"gửi thư chúc mừng gia đình đón chào thành viên mới"}),
    ("Phường sẽ cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ.",
     {"cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ"}),
    ("HĐND và UBND phường tổ chức hội nghị đối thoại trực tiếp, kết hợp livestream.",
     {"hội nghị đối thoại trực tiếp"}),
    # ... but not an event with only a generic word, nor "tổ chức" as a noun
    ("Phường tổ chức hội nghị triển khai các hoạt động chuyển đổi số.", set()),
    ("Bưu điện nỗ lực trong tổ chức tiếp nhận hồ sơ tại các điểm giao dịch của bưu điện.", set()),
    # a mobile team and longer opening hours, named by their head
    ("Bà được đoàn hỗ trợ dịch vụ công lưu động của Phòng Văn hóa - Xã hội tới tận nhà.",
     {"đoàn hỗ trợ dịch vụ công lưu động"}),
    ("Trung tâm điều chỉnh giờ làm việc, tăng thêm 30 phút mỗi buổi sáng và chiều.", {"tăng thêm 30 phút"}),
    # an office open on the days it is closed (Tết, the weekend), not a shop opening
    ("Trung tâm PVHCC xã Lai Hòa tiếp nhận hồ sơ cả hai ngày mùng 5, mùng 6 Tết.",
     {"tiếp nhận hồ sơ cả hai ngày mùng 5, mùng 6 Tết"}),
    ("Bộ phận một cửa phường Tân Định mở cửa vào thứ bảy và chủ nhật để phục vụ người dân.",
     {"mở cửa vào thứ bảy và chủ nhật"}),
    ("Bà Hoa mở cửa hàng từ ngày mùng 5 Tết. Đoàn công tác làm việc với UBND phường vào chủ nhật.", set()),
    # reception points named by what they are; a bare "điểm tiếp nhận" is a place to go, not a model
    ("Trung tâm PVHCC xã Tân Thạnh tiếp nhận hồ sơ với ba điểm tiếp nhận linh hoạt tại trụ sở Công an xã.",
     {"điểm tiếp nhận linh hoạt"}),
    ("Người dân đến điểm tiếp nhận để nộp hồ sơ, hoặc đến điểm tiếp nhận số 2.", set()),
    ("Thậm chí như xã Vị Thanh 1 còn lên kế hoạch phục vụ hành chính cho người dân “xuyên Tết”.",
     {"phục vụ hành chính cho người dân “xuyên Tết”"}),
    # the steps of one service joined by a comma; examples a cue gives with "như"
    ("Phường An Phú Đông triển khai mô hình tiếp nhận, giải quyết TTHC ngoài giờ và tại nhà.",
     {"tiếp nhận, giải quyết TTHC ngoài giờ và tại nhà"}),
    ("Những sáng kiến như ứng dụng mã QR để tra cứu thủ tục hay mô hình “giờ thứ 9” đã mang lại sự tiện lợi.",
     {"ứng dụng mã QR", "giờ thứ 9"}),
    # somebody's words may tell a practice; a short quote is a name, read as one
    ("Chị Kha cho biết: “Việc tăng thời gian làm việc giúp người dân rất nhiều. Trung tâm cũng cử cán bộ hỗ trợ "
     "tận tình để giúp người dân dễ dàng tiếp cận dịch vụ.”", {"cử cán bộ hỗ trợ tận tình"}),
    ("Phường ra mắt mô hình “Cử cán bộ đến tận nhà”.", {"Cử cán bộ đến tận nhà"}),
    # a practice told again after the model was named is that model
    ("Phường Tân Tạo triển khai mô hình “Hành chính phục vụ tại nhà”. Phường cử cán bộ đến tận nhà người cao tuổi.",
     {"Hành chính phục vụ tại nhà"}),
    ("Phường cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ. Ông Tư nói phường cử cán bộ xuống hỗ trợ ông.",
     {"cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ"}),
])
def test_models(tmp_path, text, expected):
    rows, _ = _rows(tmp_path, text, "initiatives")
    assert {str(r.initiativeLabel) for r in rows} == expected


def test_units_listed_without_their_level_run_the_model(tmp_path):
    text = ("Tỉnh triển khai mô hình “Một cửa số”. Danh sách 3 xã được chọn triển khai gồm: Tân Lập, Hòa Bình "
            "và Phú Mỹ.")
    rows, _ = _rows(tmp_path, text, "ward-initiatives")
    assert {str(r.wardLabel) for r in rows} == {"Xã Tân Lập", "Xã Hòa Bình", "Xã Phú Mỹ"}


def test_units_a_plural_lists_with_nhu_run_the_model(tmp_path):
    """ "nhiều xã như A, B đã mở cửa ...": A and B run it; an office whose building only hosts it takes no part."""
    text = ("Tỉnh Quảng Trị có nhiều xã như Lao Bảo, Khe Sanh đã mở cửa Trung tâm PVHCC từ ngày mùng 5, mùng 6 Tết. "
            "Trung tâm PVHCC xã Lao Bảo tiếp nhận hồ sơ tại trụ sở Công an xã.")
    rows, _ = _rows(tmp_path, text, "ward-initiatives")
    assert {str(r.wardLabel) for r in rows} >= {"Xã Lao Bảo", "Xã Khe Sanh"}
    assert not any("Công an" in agency for _, agency, _ in _agencies(tmp_path, text))


@pytest.mark.parametrize("text, expected", [
    ("Trung tâm đã tiếp nhận 14 trường hợp gồm ba hồ sơ chứng thực, bảy hồ sơ hộ tịch.", [3, 7, 14]),
    ("Thành phố đã số hóa 15,4 triệu dữ liệu hộ tịch.", [15400000]),
    ("Trung tâm triển khai 2 mô hình. Ngoài 2 mô hình trên, Trung tâm còn tổ chức tập huấn.", [2]),
    ("Bài viết có 469 lượt xem.", []),
    ("Trung tâm tăng thêm 30 phút mỗi buổi sáng; hơn 60 hồ sơ trên Cổng dịch vụ công.", [30, 60]),
    ("Cước thu hộ là 20.000 đồng/lượt.", [20000]),
])
def test_figures(tmp_path, text, expected):
    rows, _ = _rows(tmp_path, text, "metrics")
    assert sorted(Decimal(str(r.value)) for r in rows) == [Decimal(v) for v in expected]


def test_a_sentence_pointing_back_names_who_speaks_for_the_model(tmp_path):
    text = ("Phường Tân Định ra mắt mô hình “Ngày thứ 7 không hẹn”. Theo Công an phường Tân Định, mô hình này "
            "giúp người dân tiết kiệm thời gian.")
    rows, _ = _rows(tmp_path, text, "initiative-agencies")
    assert ("Ngày thứ 7 không hẹn", "Công an Phường Tân Định") in {(str(r.initiativeLabel), str(r.agencyLabel)) for r in rows}


def test_every_model_has_a_kind_and_a_rule(tmp_path):
    rows, facts = _rows(tmp_path, "Phường Tân Định triển khai mô hình “5 sạch” và mô hình “Ngày thứ 7 không hẹn”.",
                        "initiatives")
    kinds = {}
    for r in rows:
        kinds.setdefault(str(r.initiativeLabel), set()).add(str(r.kind))
    assert kinds == {"5 sạch": {"Loại khác"}, "Ngày thứ 7 không hẹn": {"Ngoài giờ hành chính", "Rút ngắn thời gian"}}
    rules = {i.name.get("rule") for i in facts.initiatives}
    assert rules == {"cue.mo-hinh"}


def test_rule_ids_are_unique():
    import json
    from kg.resources import data_dir

    def ids(node):
        if isinstance(node, dict):
            yield from ([node["id"]] if "id" in node else [])
            for v in node.values():
                yield from ids(v)
        elif isinstance(node, list):
            for v in node:
                yield from ids(v)
    found = [i for name in ("model-grammar.json", "figure-grammar.json")
             for i in ids(json.loads((data_dir("ontology") / name).read_text(encoding="utf-8")))]
    g = load()
    assert {g.goes_on.id, g.bare_agency.id, g.procedure_group.id, g.practice.id} <= set(found)
    assert len(found) == len(set(found)) and all(found)


def test_explain_shows_the_rule(tmp_path):
    (tmp_path / "a.txt").write_text("Phường Tân Định đưa vào hoạt động Kiosk thông minh.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "g.ttl")]).exit_code == 0
    r = runner.invoke(cli, ["explain", "Kiosk thông minh", "-g", str(tmp_path / "g.ttl")])
    assert r.exit_code == 0 and "by rule head.kiosk" in r.output


def test_build_names_the_documents_without_a_model(tmp_path):
    (tmp_path / "none.txt").write_text("Phường Tân Định tổ chức hội nghị tổng kết năm.\n", encoding="utf-8")
    (tmp_path / "one.txt").write_text("Phường Tân Định ra mắt mô hình “Một cửa số”.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "g.nt")])
    assert r.exit_code == 0
    assert f"No model found in {tmp_path / 'none.txt'}" in r.stderr and str(tmp_path / "one.txt") not in r.stderr


def test_a_level_is_not_a_place():
    from kg.lexicon import load as lexicon
    from kg.recognize.places import PlaceGrammar
    found = PlaceGrammar(lexicon()).findall("gửi các sở, ngành, UBND cấp xã, phường và cấp huyện")
    assert [m.text for m in found] == []


def _agencies(tmp_path, text):
    rows, _ = _rows(tmp_path, text, "initiative-agencies")
    return {(str(r.initiativeLabel), str(r.agencyLabel), str(r.role)) for r in rows}


@pytest.mark.parametrize("text, expected", [
    # a later sentence takes the model up by one of its own practice words ("lưu động"): its agencies take part
    ("UBND phường Thục Phán triển khai mô hình “Tiếp nhận hồ sơ lưu động”. Tại các điểm hỗ trợ lưu động, công chức "
     "Công an phường Thục Phán hướng dẫn người cao tuổi.",
     {("Tiếp nhận hồ sơ lưu động", "Ủy ban nhân dân Phường Thục Phán", "chủ trì"),
      ("Tiếp nhận hồ sơ lưu động", "Công an Phường Thục Phán", "tham gia")}),
    # ... by a bare cue that opens the sentence
    ("Phường Hàng Bạc ra quân “Ngày Chủ nhật tình nguyện hỗ trợ dịch vụ công”. Chương trình có sự tham gia của "
     "Đoàn Thanh niên phường Hàng Bạc.",
     {("Ngày Chủ nhật tình nguyện hỗ trợ dịch vụ công", "Đoàn Thanh niên Phường Hàng Bạc", "tham gia")}),
    # without a reference, only those the sentence says work with ("phối hợp cùng") are partners
    ("Xã Lao Bảo triển khai mô hình “Ngày không hẹn”. Vào thứ tư, cán bộ xã phối hợp cùng Công an xã Lao Bảo để "
     "hướng dẫn người dân. Người dân đến Trung tâm Phục vụ hành chính công xã Lao Bảo.",
     {("Ngày không hẹn", "Công an Xã Lao Bảo", "phối hợp")}),
    # a person's office is not the subject; a generic practice word ("hỗ trợ") takes up no model
    ("Phường Đông Hưng Thuận ra mắt mô hình “Ngày thứ 7 không hẹn”. Chủ tịch UBND phường Đông Hưng Thuận yêu cầu "
     "Trung tâm Phục vụ hành chính công phường Đông Hưng Thuận hỗ trợ người cao tuổi.", set()),
])
def test_a_later_sentence_about_the_model_names_who_takes_part(tmp_path, text, expected):
    assert _agencies(tmp_path, text) == expected


def test_agencies_listed_after_de_all_lead(tmp_path):
    text = ("Bà được đoàn hỗ trợ dịch vụ công lưu động của Phòng Văn hóa - Xã hội phường Hải Vân, Trung tâm Phục vụ "
            "hành chính công phường Hải Vân và Công an phường Hải Vân tới tận nhà.")
    assert {(agency, role) for _, agency, role in _agencies(tmp_path, text)} == {
        ("Phòng Văn hóa - Xã hội Phường Hải Vân", "chủ trì"),
        ("Trung tâm Phục vụ hành chính công Phường Hải Vân", "chủ trì"), ("Công an Phường Hải Vân", "chủ trì")}


def test_a_bare_head_means_the_last_agency_of_that_head(tmp_path):
    text = ("Trung tâm Phục vụ hành chính công thành phố Hà Nội triển khai mô hình “Điểm phục vụ hành chính công cộng "
            "đồng”. Cùng ngày, Trung tâm cũng ra mắt mô hình “Điểm phục vụ hành chính công lưu động”.")
    assert {(model, agency) for model, agency, _ in _agencies(tmp_path, text)} == {
        ("Điểm phục vụ hành chính công cộng đồng", "Trung tâm Phục vụ hành chính công Thành phố Hà Nội"),
        ("Điểm phục vụ hành chính công lưu động", "Trung tâm Phục vụ hành chính công Thành phố Hà Nội")}


@pytest.mark.parametrize("text, expected", [
    # a later sentence about the model (its practice words again) names its procedures
    ("Thực hiện thủ tục hành chính qua dịch vụ bưu chính công ích\nChị Loan vừa hoàn thành thủ tục cấp phiếu lý "
     "lịch tư pháp, thông qua dịch vụ bưu chính công ích.",
     {"Cấp phiếu lý lịch tư pháp"}),
    # ... or the first three words of its name again
    ("Phường Trường Thọ cử cán bộ tổ địa chính xuống tận nhà dân thu thập hồ sơ. Ông Tư nói phường cử cán bộ "
     "xuống hỗ trợ ông làm lại sổ hộ khẩu.",
     {"Cấp lại sổ hộ khẩu"}),
    # the only model of a sentence owns the procedures before it
    ("Người dân có thể nộp và nhận kết quả thủ tục đất đai ngay tại nơi ở, khi Trung tâm Phục vụ hành chính "
     "công thành phố triển khai mô hình “Điểm phục vụ hành chính công cộng đồng” tại xã Đại Thanh.",
     {"Đất đai"}),
    # a "thủ tục" naming none means the procedures of the sentence before
    ("Anh Xứng vừa hoàn thành thủ tục đăng ký khai sinh cho con gái. Cùng với việc giải quyết thủ tục nhanh "
     "chóng, Chủ tịch UBND phường Thiên Hương còn gửi thư chúc mừng gia đình đón chào thành viên mới.",
     {"Đăng ký khai sinh"}),
    # "trợ lý ảo" (a virtual assistant) is the chatbot again
    ("Chị Trâm truy cập Chatbot AI phường Bến Thành để tìm hiểu thông tin. Chỉ 30 giây sau khi chị gõ câu hỏi thủ "
     "tục đăng ký hộ kinh doanh, trợ lý ảo đã đưa ra hướng dẫn.", {"Đăng ký hộ kinh doanh"}),
    # ... or of the one before that, when the sentence between names none
    ("Bà Tuyết đã đủ điều kiện trợ cấp hưu trí xã hội. Tuy nhiên, bà chưa đi làm được vì đường xa. Bởi vậy, khi "
     "được đoàn hỗ trợ dịch vụ công lưu động tới tận nhà hỗ trợ làm thủ tục trợ cấp, bà rất xúc động.",
     {"Trợ cấp hưu trí xã hội"}),
])
def test_the_procedures_of_a_model(tmp_path, text, expected):
    rows, _ = _rows(tmp_path, text, "initiative-procedures")
    assert {str(r.procedureLabel) for r in rows} == expected


def test_both_sides_means_the_two_agencies_named_last(tmp_path):
    """ "hai bên" after "A và B đã ký kết": A and B both launch the model; a company is named by its own name."""
    text = ("Tại hội nghị, UBND phường Chợ Quán và Trung tâm Dịch vụ Chuyển đổi số – Chi nhánh GTEL CDS đã ký kết kế "
            "hoạch phối hợp. Cụ thể, hai bên đã chính thức đưa vào hoạt động thiết bị “AI Kiosk thông minh”.")
    assert {(model, agency) for model, agency, _ in _agencies(tmp_path, text)} == {
        ("AI Kiosk thông minh", "Ủy ban nhân dân Phường Chợ Quán"),
        ("AI Kiosk thông minh", "Trung tâm Dịch vụ Chuyển đổi số – Chi nhánh GTEL CDS")}


def test_a_company_s_acronym_alone_is_the_company_that_helps_the_ward(tmp_path):
    """ "GTEL cũng hỗ trợ phường X xây dựng M": GTEL (named in full before) takes part in M; the ward runs it."""
    text = ("UBND phường Chợ Quán và Chi nhánh GTEL CDS đã ký kết kế hoạch phối hợp. Ngoài ra, GTEL cũng hỗ trợ "
            "phường Chợ Quán xây dựng Trang thông tin điện tử phường Chợ Quán.")
    assert {(model, agency) for model, agency, _ in _agencies(tmp_path, text)} == {
        ("Trang thông tin điện tử phường Chợ Quán", "GTEL")}


def test_many_bodies_of_a_kind_are_not_the_subject(tmp_path):
    """ "các Đoàn xã, phường ở Đà Nẵng triển khai mô hình ...": unions of many wards, not the ward's own."""
    text = "Sau sáp nhập, các Đoàn xã, phường ở Đà Nẵng triển khai mô hình “đi từng ngõ, gõ từng nhà” để giúp dân."
    assert _agencies(tmp_path, text) == set()


def test_an_agency_of_the_ward_a_model_runs_in_takes_it_up(tmp_path):
    """Models of two communes; a later sentence whose subject is one commune's centre is about that one's model."""
    text = ("Xã Lao Bảo mở cửa vào thứ bảy. Xã Khe Sanh còn phục vụ người dân “xuyên Tết”. Theo báo cáo của Trung "
            "tâm PVHCC xã Khe Sanh, đơn vị này đã tiếp nhận 14 trường hợp gồm ba hồ sơ chứng thực.")
    assert _agencies(tmp_path, text) == {
        ("phục vụ người dân “xuyên Tết”", "Trung tâm Phục vụ hành chính công Xã Khe Sanh", "tham gia")}
    rows, _ = _rows(tmp_path, text, "initiative-procedures")
    assert {(str(r.initiativeLabel), str(r.procedureLabel)) for r in rows} == {("phục vụ người dân “xuyên Tết”", "Chứng thực")}


@pytest.mark.parametrize("text, expected", [
    ("Thành phố triển khai mô hình một cửa liên thông", {("cue.mo-hinh", "mô hình"), ("launch.trien-khai", "triển khai")}),
    ("UBND quận ra mắt Zalo OA để trả lời người dân", {("launch.ra-mat", "ra mắt"), ("head.zalo-oa", "Zalo OA")}),
])
def test_every_rule_is_tried_where_the_union_of_rules_does_not_know_the_word(text, expected):
    """One rule whose first words cannot be read from its pattern (one opening with a class, say) leaves the union of
    every rule without words: each place then comes with no word, and the rules that know theirs are still tried."""
    import copy
    grammar = load()
    blind = copy.copy(grammar.any_rule)
    blind.starts = None
    starts = blind.every_start(text)
    assert starts and all(word is None for _, word in starts)
    found = {(rule.id, m.group()) for rules in (grammar.cues, grammar.launch_verbs, grammar.heads)
             for rule, m in grammar.finditer(rules, text, starts)}
    assert found == expected

"""The place an article is about follows its wording, not counts alone: a title that names one ward, or the one ward
whose agencies run the models, makes a ward's story, though the text names its district to say where it lies; a
district's story, or a city's centre working in a commune, stays the larger place's. Expected answers come from
reading each article."""
from kg import corpus, queries

TITLED = """Phường Tân Định ra mắt mô hình tiếp nhận hồ sơ ngoài giờ

Ngày 5/3/2024, UBND Quận 1 tổ chức hội nghị sơ kết công tác cải cách hành chính năm 2023 của Quận 1.

Tại hội nghị, UBND phường ra mắt mô hình “Tiếp nhận hồ sơ ngoài giờ hành chính” vào sáng thứ Bảy hằng tuần.

Lãnh đạo Quận 1 ghi nhận cách làm của phường Tân Định, Quận 1.
"""

RUN_BY_THE_WARD = """Công chứng ngoài giờ cho người dân

Chương trình “Công chứng ngoài giờ” do Đoàn Thanh niên phường Tân Định triển khai được hơn 10 ngày nay tại phường Tân Định, Quận 1.

Ông Nguyễn Văn An, Chủ tịch UBND phường Tân Định cho biết, Quận 1 đã đồng ý cho phường thực hiện thí điểm.

Ngoài ra, UBND phường còn triển khai mô hình “Trả kết quả tại nhà” cho người cao tuổi.

Theo lãnh đạo phường Tân Định, Quận 1 sẽ xem xét nhân rộng cách làm này.
"""

DISTRICT_STORY = """Quận 1 sơ kết công tác cải cách hành chính

Ngày 5/3/2024, UBND Quận 1 tổ chức hội nghị sơ kết công tác cải cách hành chính năm 2023 của Quận 1.

UBND phường Tân Định, Quận 1 đã triển khai mô hình “Trả kết quả tại nhà” cho người cao tuổi.

Mô hình của phường Tân Định được đánh giá cao; lãnh đạo Quận 1 đề nghị các phường nhân rộng mô hình “Tiếp nhận hồ sơ ngoài giờ hành chính”.

Năm 2024, Quận 1 tiếp tục đẩy mạnh cải cách hành chính.
"""


def _wards(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    graph, _ = corpus.build_graph([path])
    return {(str(r.initiativeLabel), str(r.wardLabel)) for r in queries.run(graph, queries.find("ward-initiatives"))}


def test_a_ward_the_title_names_runs_the_model_its_bare_phuong_launches(tmp_path):
    """"UBND phường ra mắt mô hình ...": the ward the title names, though "Quận 1" is written more often."""
    assert ("Tiếp nhận hồ sơ ngoài giờ hành chính", "Phường Tân Định") in _wards(tmp_path, TITLED)


def test_the_ward_whose_agencies_run_the_models_is_the_one_a_bare_phuong_means(tmp_path):
    """The ward's youth union runs the first model; "UBND phường còn triển khai ..." is the same ward's."""
    assert ("Trả kết quả tại nhà", "Phường Tân Định") in _wards(tmp_path, RUN_BY_THE_WARD)


def test_a_district_story_stays_the_districts(tmp_path):
    """Quận 1 is named most, and "các phường" are its wards: a model it asks every ward to copy is each ward's
    (soft, as the annotations have it), not only the one ward that runs another model."""
    wards = {w for m, w in _wards(tmp_path, DISTRICT_STORY) if m == "Tiếp nhận hồ sơ ngoài giờ hành chính"}
    assert {"Phường Tân Định", "Phường Bến Nghé", "Phường Đa Kao"} <= wards

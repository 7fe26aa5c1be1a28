"""The place an article is about follows its wording: a title that names one ward says the story is the ward's,
even where the body names its district more often (expected answers from reading the article)."""
from kg import corpus, queries

TEXT = """Phường Tân Định ra mắt mô hình tiếp nhận hồ sơ ngoài giờ

Ngày 5/3/2024, UBND Quận 1 tổ chức hội nghị sơ kết công tác cải cách hành chính năm 2023 của Quận 1.

Tại hội nghị, UBND phường ra mắt mô hình “Tiếp nhận hồ sơ ngoài giờ hành chính” vào sáng thứ Bảy hằng tuần.

Lãnh đạo Quận 1 đề nghị các phường học tập cách làm này.
"""

def _wards(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    graph, _ = corpus.build_graph([path])
    return {(str(r.initiativeLabel), str(r.wardLabel)) for r in queries.run(graph, queries.find("ward-initiatives"))}


def test_a_ward_the_title_names_runs_the_model_its_bare_phuong_launches(tmp_path):
    """"UBND phường ra mắt mô hình ...": the ward the title names, though "Quận 1" is written three times."""
    assert ("Tiếp nhận hồ sơ ngoài giờ hành chính", "Phường Tân Định") in _wards(tmp_path, TEXT)

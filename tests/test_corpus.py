"""A corpus, not a file: one IRI per real place, agency and initiative across documents."""
from rdflib import RDF, RDFS, Literal, URIRef
from click.testing import CliRunner

from kg import pipeline, sources
from kg.cli import cli
from kg.namespace import RK

from conftest import ROOT

ID = "https://w3id.org/reform-kg/id/"


def build(tmp_path, articles: dict[str, str]):
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph, _ = pipeline.build([tmp_path])
    return graph


def test_abbreviated_and_full_place_names_are_one_place(tmp_path):
    g = build(tmp_path, {
        "a.txt": "UBND P.3, Q.11 triển khai mô hình “Một cửa liên thông khai sinh”.\n",
        "b.txt": "UBND Phường 3, Quận 11 triển khai mô hình “Trả kết quả tại nhà”.\n",
    })
    ward = URIRef(ID + "place/ho-chi-minh/quan-11/phuong-3")
    assert len(set(g.subjects(RK.runsIn, ward))) == 2
    assert (ward, RK.partOf, URIRef(ID + "place/ho-chi-minh/quan-11")) in g


def test_same_ward_number_in_two_districts_is_two_places(tmp_path):
    g = build(tmp_path, {
        "a.txt": "UBND Phường 1 (Quận 4) triển khai mô hình “Giờ làm việc thứ 9”.\n",
        "b.txt": "UBND Phường 1, thành phố Cao Lãnh triển khai mô hình “Giờ làm việc thứ 9”.\n",
    })
    wards = {str(w) for w in g.subjects(RDF.type, RK.Ward)}
    assert wards == {ID + "place/ho-chi-minh/quan-4/phuong-1", ID + "place/thanh-pho-cao-lanh/phuong-1"}
    assert len(set(g.subjects(RDF.type, RK.Initiative))) == 2


def test_agencies_belong_to_their_place(tmp_path):
    g = build(tmp_path, {
        "a.txt": "Mô hình “Liên thông hộ tịch” do Phòng Tư pháp Quận 4 phối hợp với Công an Quận 4 thực hiện.\n",
        "b.txt": "Mô hình “Liên thông cư trú” do Công an Quận 1 chủ trì.\n",
    })
    police = {str(a) for a in g.subjects(RK.agencyType, URIRef(ID + "agency-type/cong-an"))}
    assert police == {ID + "agency/ho-chi-minh/quan-4/cong-an", ID + "agency/ho-chi-minh/quan-1/cong-an"}


def test_same_model_in_two_articles_is_one_initiative_with_two_sources(tmp_path):
    g = build(tmp_path, {
        "a.txt": "Phường Tân Tạo triển khai mô hình “Hành chính phục vụ tại nhà”.\n",
        "b.txt": "Năm 2025, phường Tân Tạo tiếp tục mô hình \"Hành chính phục vụ tại nhà\" cho người cao tuổi.\n",
    })
    [initiative] = set(g.subjects(RDF.type, RK.Initiative))
    assert len(set(g.objects(initiative, RK.source))) == 2
    assert len(set(g.objects(initiative, RK.evidence))) == 2


def test_input_order_does_not_change_the_graph(tmp_path):
    from kg import store
    corpus = ROOT / "tests" / "data" / "corpus"
    files = [s.path for s in sources.list_inputs([corpus]).sources]
    forward, _ = pipeline.build(files)
    backward, _ = pipeline.build(list(reversed(files)))
    assert store.serialize(forward, "turtle") == store.serialize(backward, "turtle")


def test_manifest_gives_source_urls():
    graph, _ = pipeline.build([ROOT / "tests" / "data" / "corpus" / "dev" / "tan-tao.txt"])
    [doc] = graph.subjects(RDF.type, RK.Document)
    assert str(graph.value(doc, URIRef("https://schema.org/url"))).startswith("https://phuongtantao.gov.vn/")


def test_explain_shows_model_places_and_sentence(graph_file):
    r = CliRunner().invoke(cli, ["explain", "Giờ làm việc thứ 9", "-g", str(graph_file)])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Giờ làm việc thứ 9  <" + ID + "initiative/ho-chi-minh/quan-4/gio-lam-viec-thu-9>")
    assert "runs in all wards of (triển khai tại tất cả phường của): Quận 4  [1]" in r.output
    assert "kind (loại mô hình): Ngoài giờ hành chính  [1]" in r.output
    assert "[1] “Riêng đối với 15 Phường tiếp tục triển khai mô hình sáng tạo" in r.output


def test_explain_a_place_lists_what_runs_there(graph_file):
    r = CliRunner().invoke(cli, ["explain", "Phường 18", "-g", str(graph_file)])
    assert "← Tra cứu thông tin quy hoạch sử dụng đất" in r.output and "(Phường 18)" in r.output


def test_explain_unknown_term(graph_file):
    r = CliRunner().invoke(cli, ["explain", "không có", "-g", str(graph_file)])
    assert r.exit_code == 1
    assert r.output == "Error: nothing in the graph is called 'không có'; try part of a label, or an IRI\n"

"""A corpus, not a file: one IRI per real place, agency and initiative across documents."""
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS
from click.testing import CliRunner

from kg import corpus, sources
from kg.cli import cli
from kg.namespace import RK

from conftest import ROOT

ID = "https://w3id.org/reform-kg/id/"


def build(tmp_path, articles: dict[str, str]):
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph, _ = corpus.build_graph([tmp_path])
    return graph


def test_abbreviated_and_full_place_names_are_one_place(tmp_path):
    g = build(tmp_path, {
        "a.txt": "UBND P.3, Q.11 triển khai mô hình “Một cửa liên thông khai sinh”.\n",
        "b.txt": "UBND Phường 3, Quận 11 triển khai mô hình “Trả kết quả tại nhà”.\n",
    })
    [ward] = set(g.objects(None, RK.runsIn))
    assert len(set(g.subjects(RK.runsIn, ward))) == 2
    district = g.value(ward, RK.partOf)
    assert (district, RDFS.label, Literal("Quận 11", lang="vi")) in g
    assert (g.value(district, RK.partOf), RDFS.label, Literal("Thành phố Hồ Chí Minh", lang="vi")) in g


def test_same_ward_number_in_two_districts_is_two_places(tmp_path):
    g = build(tmp_path, {
        "a.txt": "UBND Phường 1 (Quận 4) triển khai mô hình “Giờ làm việc thứ 9”.\n",
        "b.txt": "UBND Phường 1, thành phố Cao Lãnh triển khai mô hình “Giờ làm việc thứ 9”.\n",
    })
    wards = set(g.objects(None, RK.runsIn))
    assert len(wards) == 2 and {str(g.value(w, DCTERMS.identifier)) for w in wards} == {"27298", "29869"}
    assert {str(lab) for w in wards for lab in g.objects(g.value(w, RK.partOf), RDFS.label) if lab.language == "vi"} \
        == {"Quận 4", "Thành phố Cao Lãnh"}
    assert len(set(g.subjects(RDF.type, RK.Initiative))) == 2


def test_same_named_communes_in_two_provinces_are_two_places(tmp_path):
    g = build(tmp_path, {
        "a.txt": "UBND xã Tân Hương, huyện Đức Thọ, tỉnh Hà Tĩnh triển khai mô hình “Một cửa điện tử”.\n",
        "b.txt": "UBND xã Tân Hương, huyện Tân Kỳ, tỉnh Nghệ An triển khai mô hình “Trả kết quả tại nhà”.\n",
    })
    communes = set(g.objects(None, RK.runsIn))
    assert len(communes) == 2
    assert {str(lab) for c in communes for lab in g.objects(g.value(c, RK.partOf), RDFS.label) if lab.language == "vi"} \
        == {"Huyện Đức Thọ", "Huyện Tân Kỳ"}


def test_a_commune_with_and_without_its_province_is_one_place(tmp_path):
    g = build(tmp_path, {
        "a.txt": "UBND xã Tân Hương, huyện Châu Thành, tỉnh Tiền Giang triển khai mô hình “Một cửa điện tử”.\n",
        "b.txt": "UBND xã Tân Hương, huyện Châu Thành triển khai mô hình “Trả kết quả tại nhà”.\n",
    })
    [commune] = set(g.objects(None, RK.runsIn))
    assert len(set(g.subjects(RK.runsIn, commune))) == 2
    assert (g.value(g.value(commune, RK.partOf), RK.partOf), RDFS.label, Literal("Tỉnh Tiền Giang", lang="vi")) in g


def test_an_ambiguous_name_gets_no_code_and_says_so(tmp_path):
    g = build(tmp_path, {"a.txt": "UBND xã Tân Hương triển khai mô hình “Một cửa điện tử”.\n"})
    [commune] = set(g.objects(None, RK.runsIn))
    assert (commune, RK.nameAmbiguous, Literal(True)) in g and g.value(commune, DCTERMS.identifier) is None


def test_agencies_belong_to_their_place(tmp_path):
    g = build(tmp_path, {
        "a.txt": "Mô hình “Liên thông hộ tịch” do Phòng Tư pháp Quận 4 phối hợp với Công an Quận 4 thực hiện.\n",
        "b.txt": "Mô hình “Liên thông cư trú” do Công an Quận 1 chủ trì.\n",
    })
    police = {str(a) for a in g.subjects(RK.agencyType, URIRef(ID + "agency-type/cong-an"))}
    assert police == {ID + "agency/773/cong-an", ID + "agency/760/cong-an"}      # GSO codes of Quận 4, Quận 1


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
    articles = ROOT / "tests" / "data" / "corpus"
    files = [s.path for s in sources.list_inputs([articles]).sources]
    forward, _ = corpus.build_graph(files)
    backward, _ = corpus.build_graph(list(reversed(files)))
    assert store.serialize(forward, "turtle") == store.serialize(backward, "turtle")


def test_manifest_gives_source_urls():
    graph, _ = corpus.build_graph([ROOT / "tests" / "data" / "corpus" / "dev" / "tan-tao.txt"])
    [doc] = graph.subjects(RDF.type, RK.Document)
    assert str(graph.value(doc, URIRef("https://schema.org/url"))).startswith("https://phuongtantao.gov.vn/")


def test_explain_shows_model_places_and_sentence(graph_file):
    r = CliRunner().invoke(cli, ["explain", "Giờ làm việc thứ 9", "-g", str(graph_file)])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Giờ làm việc thứ 9  <" + ID + "initiative/773/gio-lam-viec-thu-9>")
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


TAM_THANG = (  # ../shared/corpus/dev2/hcm-tamthang-2025-quay-giao-dich-so-5-ro.txt, abridged
    " date 2025-08-12 Ngày 12-8, Trung tâm phục vụ hành chính công phường Tam Thắng (TPHCM) chính thức triển khai"
    " 2 mô hình hiệu quả nhằm chào mừng Đại hội đại biểu Đảng bộ phường Tam Thắng lần thứ I, nhiệm kỳ 2025-2030.\n\n"
    "Cụ thể, mô hình \"Quầy giao dịch số\" với chỉ tiêu 100% hồ sơ giải quyết thủ tục hành chính được tiếp nhận qua"
    " quầy giao dịch số trong năm 2025.\n\n"
    "Mô hình \"5 rõ\" (rõ người, rõ việc, rõ trách nhiệm, rõ quy trình và rõ kết quả) với mục tiêu đảm bảo minh bạch.\n")


def test_a_ward_directly_under_its_city_after_2025_runs_its_models(tmp_path):
    """Since 1 July 2025 phường Tam Thắng lies directly in Ho Chi Minh City (no district): its models run there."""
    from kg import queries
    g = build(tmp_path, {"tam-thang.txt": TAM_THANG})
    rows = queries.run(g, queries.find("ward-initiatives"))
    assert {(str(r["wardLabel"]), str(r["initiativeLabel"]).lower()) for r in rows} \
        == {("Phường Tam Thắng", "quầy giao dịch số"), ("Phường Tam Thắng", "5 rõ")}      # the label's case is extraction's
    [ward] = {r["ward"] for r in rows}
    city = g.value(ward, RK.partOf)
    assert (city, RDFS.label, Literal("Thành phố Hồ Chí Minh", lang="vi")) in g
    assert (city, URIRef("https://w3id.org/reform-kg/ontology#validFrom"), None) in g      # the city of the 2025 system


def test_a_numbered_ward_has_an_english_label_with_its_district(tmp_path):
    g = build(tmp_path, {"a.txt": "UBND Phường 1 (Quận 4) triển khai mô hình “Giờ làm việc thứ 9”.\n"})
    [ward] = set(g.objects(None, RK.runsIn))
    assert (ward, RDFS.label, Literal("Ward 1, District 4", lang="en")) in g
    assert (ward, RDFS.label, Literal("Phường 1", lang="vi")) in g


def test_an_article_is_built_from_the_bytes_its_cache_key_was_made_of(tmp_path, monkeypatch):
    """The build reads an article once: the cache key and the facts come from the same bytes. Read twice, a file
    changed in between would have its new facts kept under the old content's key."""
    from pathlib import Path
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "bai.txt"
    article.write_text("Một cửa tại phường Bến Thành\n\nPhường Bến Thành triển khai mô hình “Một cửa điện tử”.\n",
                       encoding="utf-8")
    real, reads = Path.read_bytes, []

    def read_bytes(self):
        if self.name != article.name:
            return real(self)
        reads.append(self)           # a second read finds the file changed
        return real(self) if len(reads) == 1 else "Tin khác\n\nKhông có mô hình nào.\n".encode("utf-8")
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    graph, _ = corpus.build_graph([folder], cache=tmp_path / "cache")
    labels = {str(o) for s, o in graph.subject_objects(RDFS.label) if (s, RDF.type, RK.Initiative) in graph}
    assert any("Một cửa điện tử" in label for label in labels)
    assert len(reads) == 1

"""The views' model, filters, layers and exports (the browser tests are in test_browser.py)."""
import re

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import views
from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_pages_load_nothing_from_the_network(graph):
    for html in (views.network_page(graph), views.matrix_page(graph)):
        tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html)
        assert not [t for t in tags if re.search(r"(?:src|href)\s*=", t)]
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in html


def test_model_holds_places_and_models(graph):
    g = views.model(graph)
    places = {d["label"] for _, d in g.nodes(data=True) if d["type"] == "place"}
    # the 12 wards the article names, and Quận 4 (whose 15 wards of 2019 run the "15 Phường" models: one link
    # to the district by default, one to each ward with every_ward, below)
    assert {f"Phường {n}" for n in (1, 2, 3, 4, 6, 8, 9, 10, 14, 15, 16, 18)} | {"Quận 4"} == places
    assert sum(1 for _, d in g.nodes(data=True) if d["type"] == "initiative") == 23
    tip = next(d["tooltip"] for _, d in g.nodes(data=True) if d["label"].startswith("Liên thông giữa"))
    assert "Cơ quan: " in tip and "Công an Quận 4 (phối hợp)" in tip and "Thủ tục: " in tip and "Đăng ký khai sinh" in tip
    assert "Số liệu: " in tip and "Nguồn: Mô hình" in tip


def test_a_model_of_two_kinds_keeps_both_main_first(graph):
    g = views.model(graph)
    tra_cuu = next(d for _, d in g.nodes(data=True) if d["label"].startswith("Tra cứu"))
    assert tra_cuu["kinds"] == "digitisation; digital-map"


def test_layers_add_agencies_and_procedures(graph):
    g = views.model(graph, views.Filters(layers=("agencies", "procedures")))
    labels = {d["label"] for _, d in g.nodes(data=True) if d["type"] in ("agency", "procedure")}
    assert {"Công an Quận 4", "Phòng Tư pháp Quận 4", "Đăng ký khai tử", "Cấp giấy phép xây dựng"} <= labels


@pytest.mark.parametrize("filters, models", [
    (views.Filters(kinds=("one-stop-shop",)), {"Một cửa", "trên lĩnh vực thuế, kho bạc, ngân hàng tại bộ phận một cửa"}),
    (views.Filters(kinds=("Bản đồ số",)), {"Tra cứu thông tin quy hoạch sử dụng đất, cấp giấy phép xây dựng tại phường thông qua bản đồ số"}),
    (views.Filters(places=("Phường 6",)), {"Số hóa hồ sơ lưu trữ kê khai đất đai năm 1999", "Giờ làm việc thứ 9",
                                         "gửi thư chúc mừng hoặc thư chia buồn",
                                         "thực hiện nếp sống văn minh trong việc cưới hoặc tổ chức tang lễ"}),
    (views.Filters(documents=("nothing-like-this",)), set()),
])
def test_filters(graph, filters, models):
    g = views.model(graph, filters)
    assert {d["label"] for _, d in g.nodes(data=True) if d["type"] == "initiative"} == models


def test_a_model_of_no_kind_has_a_legend_entry():
    from rdflib import RDF, RDFS, Graph, Literal, URIRef

    from kg.namespace import RK
    g, base = Graph(), "https://w3id.org/reform-kg/id/"
    ward, model = URIRef(base + "place/x/phuong-1"), URIRef(base + "initiative/x/mo-hinh")
    g += [(ward, RDF.type, RK.Ward), (ward, RDFS.label, Literal("Phường 1", lang="vi")),
          (model, RDF.type, RK.Initiative), (model, RDFS.label, Literal("Mô hình mới", lang="vi")), (model, RK.runsIn, ward)]
    html = views.network_page(g)
    assert "Chưa rõ loại · No kind" in html.split("<aside>", 1)[1].split("</aside>", 1)[0]
    assert "Chưa rõ loại · No kind" in views.matrix_page(g)


def test_same_graph_same_bytes(graph):
    assert views.network_page(graph) == views.network_page(graph)
    assert views.matrix_page(graph) == views.matrix_page(graph)


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_export_reopens_with_the_same_nodes_and_edges(graph_file, tmp_path, graph, fmt, read):
    out = tmp_path / f"w.{fmt}"
    r = CliRunner().invoke(cli, ["export", "-g", str(graph_file), "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    again, original = read(out), views.model(graph)
    assert set(again.nodes) == set(original.nodes)
    assert {frozenset(e) for e in again.edges} == {frozenset(e) for e in original.edges}
    assert out.read_bytes() == views.model_module.export(original, fmt)      # reproducible


def test_view_command_options(graph_file, tmp_path):
    run = lambda *a: CliRunner().invoke(cli, ["view", "-g", str(graph_file), "-o", str(tmp_path / "v.html"), *a])  # noqa: E731
    r = run("--kind", "one-stop-shop", "--with", "agencies")
    assert r.exit_code == 0 and r.output == f"{tmp_path / 'v.html'}: 4 nodes, 3 edges\n"
    assert run("--matrix").exit_code == 0 and "Ma trận" in (tmp_path / "v.html").read_text(encoding="utf-8")
    # 15 wards and 12 models; wards 5, 12, 13 (named nowhere but among the "15 Phường") run that sentence's 3 models
    r = run("--query", "ward-model-graph")
    assert r.exit_code == 0 and r.output == f"{tmp_path / 'v.html'}: 27 nodes, 61 edges\n"
    r = run("--query", "ward-initiatives")
    assert r.exit_code == 0 and r.output == f"{tmp_path / 'v.html'}: 27 nodes, 61 edges\n"
    r = run("--with", "cats")
    assert r.exit_code == 2 and "Error: unknown layer 'cats'; layers are: agencies, procedures" in r.output
    r = run("--kind", "other")             # a kind the vocabulary knows, of no model in the article
    assert r.exit_code == 1 and r.output == f"Error: {graph_file}: nothing to draw (no model matches the filters)\n"


def test_an_unknown_kind_is_named_with_the_known_ones(graph_file, tmp_path):
    """The known kinds are the vocabulary's (ontology/kinds.ttl), slugs in the views' order, one-stop shop first."""
    from rdflib import RDF, Graph

    from kg.namespace import RK
    from kg.resources import data_dir
    from kg.views.style import kind_rank
    vocabulary = Graph().parse(data_dir("ontology") / "kinds.ttl")
    slugs = sorted((str(k).rsplit("/", 1)[-1] for k in vocabulary.subjects(RDF.type, RK.InitiativeKind)), key=lambda k: (kind_rank(k), k))
    assert slugs[:2] == ["one-stop-shop", "interconnection"] and "home-service" in slugs and len(slugs) == 17
    out = tmp_path / "k.html"
    r = CliRunner().invoke(cli, ["view", "-g", str(graph_file), "-o", str(out), "--kind", "nosuchkind"])
    assert r.exit_code == 1 and r.output == f"Error: unknown kind 'nosuchkind'; known kinds: {', '.join(slugs)}\n"
    assert not out.exists()
    for name in ("Bản đồ số", "digital-map"):     # a Vietnamese name or a slug
        r = CliRunner().invoke(cli, ["view", "-g", str(graph_file), "-o", str(out), "--kind", name])
        assert r.exit_code == 0 and r.output == f"{out}: 2 nodes, 1 edges\n", name   # Tra cứu … bản đồ số, in Phường 6


@pytest.mark.parametrize("name", ["v.png", "v.PNG", "v", "matrix.svg"])
def test_a_page_is_written_only_to_an_html_file(graph_file, tmp_path, name):
    for extra in ([], ["--matrix"]):
        r = CliRunner().invoke(cli, ["view", "-g", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / name), *extra])
        assert r.exit_code == 1 and r.output == f"Error: {tmp_path / name}: the page is HTML; give a file name ending in .html or .htm\n"
        assert list(tmp_path.iterdir()) == []       # refused before the graph is read (it does not exist), nothing written
    r = CliRunner().invoke(cli, ["view", "-g", str(graph_file), "-o", str(tmp_path / "v.HTM")])
    assert r.exit_code == 0 and (tmp_path / "v.HTM").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_construct_query_draws_models_by_kind_as_the_default_view_does(graph):
    """ward-model-graph returns each model's rk:kind but not the kind's name; the view takes the name from the
    bundled vocabulary, so the models are coloured by kind, not drawn as "no kind"."""
    default = views.model(graph)
    drawn = views.from_query(graph, "ward-model-graph", views.Filters())
    models = [n for n, d in drawn.nodes(data=True) if d["type"] == "initiative"]
    assert len(models) == 12                       # the models the article places in a ward (test_view_command_options)
    assert all(drawn.nodes[n]["kinds"] == default.nodes[n]["kinds"] != "" for n in models)
    tra_cuu = next(d for _, d in drawn.nodes(data=True) if d["label"].startswith("Tra cứu"))
    assert (tra_cuu["kinds"], tra_cuu["kind_labels"]) == ("digitisation; digital-map", "Số hóa; Bản đồ số")
    legend = views.network_page(graph, g=drawn).split("<aside>", 1)[1].split("</aside>", 1)[0]
    assert "Chưa rõ loại" not in legend and "Bản đồ số" in legend
    only = views.from_query(graph, "ward-model-graph", views.Filters(kinds=("digital-map",)))
    assert {d["label"] for _, d in only.nodes(data=True) if d["type"] == "initiative"} == {tra_cuu["label"]}


# ---------------------------------------------------------------- a model the graph places nowhere

def _one_placed_one_not():
    """Hand-made: "Một cửa" runs in Phường 1; "Trả kết quả qua bưu điện" (home service) runs nowhere the graph says."""
    from rdflib import RDF, RDFS, Graph, Literal, URIRef
    from rdflib.namespace import SKOS

    from kg.namespace import RK
    base = "https://w3id.org/reform-kg/id/"
    ward, here, nowhere = URIRef(base + "place/x/phuong-1"), URIRef(base + "initiative/x/mot-cua"), URIRef(base + "initiative/x/buu-dien")
    g = Graph()
    g += [(ward, RDF.type, RK.Ward), (ward, RDFS.label, Literal("Phường 1", lang="vi"))]
    for model, label, kind, name in ((here, "Một cửa", "one-stop-shop", "Một cửa"),
                                     (nowhere, "Trả kết quả qua bưu điện", "home-service", "Phục vụ tại nhà")):
        g += [(model, RDF.type, RK.Initiative), (model, RDFS.label, Literal(label, lang="vi")),
              (model, RK.kind, URIRef(base + "kind/" + kind)), (URIRef(base + "kind/" + kind), SKOS.prefLabel, Literal(name, lang="vi"))]
    g.add((here, RK.runsIn, ward))
    return g


def test_the_pages_say_how_many_models_with_no_place_they_leave_out():
    g = _one_placed_one_not()
    model = views.model(g)
    assert sorted(d["label"] for _, d in model.nodes(data=True) if d["type"] == "initiative") == ["Một cửa", "Trả kết quả qua bưu điện"]
    note = "1 mô hình chưa rõ địa bàn không được vẽ · 1 model with no place not drawn"
    network, matrix = views.network_page(g), views.matrix_page(g)
    assert f"<p>1 địa bàn · 1 mô hình · 1 liên kết · {note} ·" in network and "Trả kết quả qua bưu điện" not in network
    assert f"1 địa bàn · 1 mô hình · {note}" in matrix and "Trả kết quả qua bưu điện" not in matrix
    for kinds, said in ((("one-stop-shop",), False), (("home-service",), True)):     # the count follows the filters
        assert (note in views.network_page(g, views.Filters(kinds=kinds))) is said
    assert note not in views.network_page(g, views.Filters(places=("Phường 1",)))


def test_the_view_command_counts_what_it_draws(tmp_path):
    from kg import store
    path = tmp_path / "g.ttl"
    store.save(_one_placed_one_not(), path)
    out = tmp_path / "v.html"
    r = CliRunner().invoke(cli, ["view", "-g", str(path), "-o", str(out)])
    assert r.exit_code == 0 and r.output == f"{out}: 2 nodes, 1 edges (1 mô hình chưa rõ địa bàn không được vẽ · 1 model with no place not drawn)\n"
    r = CliRunner().invoke(cli, ["view", "-g", str(path), "-o", str(out), "--kind", "home-service"])
    assert r.exit_code == 1 and r.output == f"Error: {path}: nothing to draw (no model matches the filters, or none that does has a place)\n"


def test_the_site_lists_a_model_with_no_place(tmp_path):
    """The Quảng Nam post-office pilot (2014) names no place ("UBND tỉnh", no province named): the library
    lists it with its kind, no place, and the index's filters keep it under its kind."""
    import json

    from kg import corpus
    from kg.views import site
    article = ROOT / "tests" / "data" / "corpus" / "dev2" / "quangnam-2014-thi-diem-tra-ket-qua-qua-buu-dien.txt"
    graph, _ = corpus.build_graph([ROOT / "examples" / "articles", article])
    site.build(_fast(graph, tmp_path), tmp_path / "s")
    rows = json.loads((tmp_path / "s" / "initiatives.json").read_text(encoding="utf-8"))
    [post] = [r for r in rows if "qua đường bưu điện" in r["label"]]
    assert (post["places"], post["provinces"], post["kinds"]) == ([], [], ["Phục vụ tại nhà"])
    assert len(rows) == 24                          # the 23 models of the District 4 article, and this one
    index = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-search="[^"]*qua duong buu dien[^"]*" data-kinds="\|home-service\|" data-provinces="\|\|"[^>]*>(.*?)</tr>', index, re.S)
    assert row and "<td>—</td>" in row.group(1)
    page = (tmp_path / "s" / post["page"]).read_text(encoding="utf-8")
    assert "chưa rõ địa bàn" in page


def test_the_legend_has_one_entry_per_look():
    """A province and a city are drawn alike (one tier of government), as are a ward and a commune: one
    entry each, naming both; a district is drawn apart. Another kind and no kind are both grey dots: one entry."""
    from rdflib import RDF, RDFS, Graph, Literal, URIRef
    from rdflib.namespace import SKOS

    from kg.namespace import RK
    base = "https://w3id.org/reform-kg/id/"
    g = Graph()
    places = {"tinh": (RK.Province, "Tỉnh Cà Mau"), "tp": (RK.City, "Thành phố Cần Thơ"), "q": (RK.District, "Quận 4"),
              "p": (RK.Ward, "Phường 1"), "x": (RK.Commune, "Xã Tân Ân")}
    for i, (slug, (cls, label)) in enumerate(places.items()):
        place, model = URIRef(base + "place/" + slug), URIRef(base + f"initiative/m{i}")
        g += [(place, RDF.type, cls), (place, RDFS.label, Literal(label, lang="vi")), (model, RDF.type, RK.Initiative),
              (model, RDFS.label, Literal(f"Mô hình {i}", lang="vi")), (model, RK.runsIn, place)]
    other = URIRef(base + "kind/other")
    g += [(URIRef(base + "initiative/m0"), RK.kind, other), (other, SKOS.prefLabel, Literal("Loại khác", lang="vi"))]
    aside = views.network_page(g).split("<aside>", 1)[1].split("</aside>", 1)[0]
    boxes = re.findall(r'<span class="box" style="background: (#\w+)"></span>([^<]*)<', aside)
    assert boxes == [("#243B53", "Tỉnh, thành phố · Province, city"), ("#486581", "Quận, huyện · District"),
                     ("#FFFFFF", "Xã, phường · Commune, ward")]
    assert aside.count('class="item"') == 4 and "Loại khác / Chưa rõ loại · No kind" in aside


# ---------------------------------------------------------------- the static site (browser tests: test_browser.py)

def test_site_has_a_page_for_everything_and_listings(graph_file, tmp_path):
    import csv
    import json

    from test_queries import MODELS
    r = CliRunner().invoke(cli, ["site", "-g", str(graph_file), "-o", str(tmp_path / "site")])
    assert r.exit_code == 0, r.output
    site = tmp_path / "site"
    rows = json.loads((site / "initiatives.json").read_text(encoding="utf-8"))
    assert {row["label"] for row in rows} == MODELS
    assert all((site / row["page"]).is_file() for row in rows)
    with open(site / "initiatives.csv", encoding="utf-8-sig", newline="") as fh:
        assert {row["label"] for row in csv.DictReader(fh)} == MODELS
    places = {row["label"]: row for row in json.loads((site / "places.json").read_text(encoding="utf-8"))}
    # official lists: Phường 1 of Quận 4 went whole into Phường Vĩnh Hội on 1 July 2025
    assert places["Phường 1"]["partOf"] == ["Quận 4", "Thành phố Hồ Chí Minh"] and places["Phường 1"]["replacedBy"] == ["Phường Vĩnh Hội"]
    assert places["Phường 1"]["initiatives"] == 6          # its own three, and the three run in every ward of Quận 4
    assert (places["Phường 1"]["code"], places["Phường 1"]["validUntil"], places["Phường 1"]["partlyReplacedBy"]) \
        == ("27298", "2025-07-01", [])                     # GSO code; whole into Vĩnh Hội
    assert places["Phường 2"]["partlyReplacedBy"] == ["Phường Khánh Hội", "Phường Vĩnh Hội"]   # split (Resolution 1685)
    assert places["Quận 4"]["initiatives"] == 14           # eleven at the district, three in every ward
    kinds = {row["label"]: row for row in json.loads((site / "kinds.json").read_text(encoding="utf-8"))}
    assert (kinds["Một cửa"]["label_en"], kinds["Một cửa"]["initiatives"]) == ("One-stop shop", 2)   # "Một cửa", the tax desk
    assert kinds["Liên thông"]["initiatives"] == 4
    agencies = {row["label"] for row in json.loads((site / "agencies.json").read_text(encoding="utf-8"))}
    assert {"Phòng Tư pháp Quận 4", "Công an Quận 4", "Bảo hiểm xã hội Quận 4"} <= agencies
    birth = (site / next(row["page"] for row in rows if row["label"].startswith("Liên thông giữa"))).read_text(encoding="utf-8")
    assert "Công an Quận 4</a> — phối hợp · partner" in birth and "Đăng ký khai sinh" in birth and "18 hồ sơ" in birth
    assert 'href="http://www.quan4.hochiminhcity.gov.vn/' in birth
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", html), page
        assert "Content-Security-Policy" in html
        assert [int(h) for h in re.findall(r"<h([1-6])\b", html)][:1] == [1], page   # one h1 first
        levels = [int(h) for h in re.findall(r"<h([1-6])\b", html)]
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), page            # no level skipped


def _saved(graph, folder):
    from kg import store
    path = folder / "graph.ttl"
    store.save(graph, path)
    return path


def _fast(graph, folder):
    """The graph in Oxigraph, as `reform-kg site` reads it (rdflib's SPARQL would take seconds a build)."""
    from kg import store
    return store.load_for_query(_saved(graph, folder), None)


def test_site_is_the_same_bytes_and_replaces_only_a_site(graph_file, tmp_path):
    from kg import store
    from kg.views import site
    graph = store.load_for_query(graph_file, None)
    site.build(graph, tmp_path / "a")
    site.build(graph, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    site.build(graph, tmp_path / "a")                     # an earlier site is replaced whole
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    r = CliRunner().invoke(cli, ["site", "-g", str(graph_file), "-o", str(tmp_path / "mine")])
    assert r.exit_code == 1 and r.output == f"Error: {tmp_path / 'mine'}: exists and is not a reform-kg site; give a new or empty folder\n"
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "mine"]   # no temporary folder left


def test_place_pages_show_parents_and_a_successor_when_the_graph_has_one(tmp_path):
    """A hand-made graph: Phường 1 of Quận 4 was merged into Phường Vĩnh Hội in 2025 (dcterms:isReplacedBy)."""
    import json

    from rdflib import RDF, RDFS, Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, SKOS

    from kg.namespace import RK
    from kg.views import site
    base = "https://w3id.org/reform-kg/id/"
    city, district, ward, new = (URIRef(base + p) for p in ("place/ho-chi-minh", "place/ho-chi-minh/quan-4",
                                                            "place/ho-chi-minh/quan-4/phuong-1", "place/ho-chi-minh/phuong-vinh-hoi"))
    model, kind = URIRef(base + "initiative/x/mot-cua"), URIRef(base + "kind/one-stop-shop")
    g = Graph()
    for iri, cls, label in ((city, RK.Province, "Thành phố Hồ Chí Minh"), (district, RK.District, "Quận 4"),
                            (ward, RK.Ward, "Phường 1"), (new, RK.Ward, "Phường Vĩnh Hội")):
        g.add((iri, RDF.type, cls))
        g.add((iri, RDFS.label, Literal(label, lang="vi")))
    g.add((district, RK.partOf, city))
    g.add((ward, RK.partOf, district))
    g.add((new, RK.partOf, city))
    g.add((ward, DCTERMS.isReplacedBy, new))
    g += [(model, RDF.type, RK.Initiative), (model, RDFS.label, Literal("Một cửa", lang="vi")), (model, RK.runsIn, ward),
          (model, RK.kind, kind), (kind, SKOS.prefLabel, Literal("Một cửa", lang="vi")), (kind, SKOS.prefLabel, Literal("One-stop shop", lang="en"))]
    site.build(_fast(g, tmp_path), tmp_path / "s")
    places = {row["label"]: row for row in json.loads((tmp_path / "s" / "places.json").read_text(encoding="utf-8"))}
    assert places["Phường 1"]["replacedBy"] == ["Phường Vĩnh Hội"] and places["Phường 1"]["partOf"] == ["Quận 4", "Thành phố Hồ Chí Minh"]
    assert places["Phường Vĩnh Hội"]["replacedBy"] == [] and places["Phường Vĩnh Hội"]["province"] == "Thành phố Hồ Chí Minh"
    page = (tmp_path / "s" / places["Phường 1"]["page"]).read_text(encoding="utf-8")
    assert "Went into</span>" in page and "Phường Vĩnh Hội</a> — toàn bộ · whole" in page
    model_page = (tmp_path / "s" / json.loads((tmp_path / "s" / "initiatives.json").read_text(encoding="utf-8"))[0]["page"]).read_text(encoding="utf-8")
    assert "went into</span> <a" in model_page and "Phường Vĩnh Hội</a>" in model_page
    other = URIRef(base + "place/ho-chi-minh/phuong-khanh-hoi")     # a ward split between two: one arrow, a list
    g += [(other, RDF.type, RK.Ward), (other, RDFS.label, Literal("Phường Khánh Hội", lang="vi")),
          (other, RK.partOf, city), (ward, DCTERMS.isReplacedBy, other)]
    site.build(_fast(g, tmp_path), tmp_path / "s")
    model_page = (tmp_path / "s" / json.loads((tmp_path / "s" / "initiatives.json").read_text(encoding="utf-8"))[0]["page"]).read_text(encoding="utf-8")
    assert model_page.count("went into</span>") == 1 and re.search(r"Phường (Khánh|Vĩnh) Hội</a>(?: <span[^>]*>[^<]*</span>)?, <a", model_page)
    g.remove((ward, DCTERMS.isReplacedBy, other))
    g.remove((ward, DCTERMS.isReplacedBy, new))           # absent: no section, nothing else changes
    site.build(_fast(g, tmp_path), tmp_path / "s")
    page = (tmp_path / "s" / places["Phường 1"]["page"]).read_text(encoding="utf-8")
    assert "Went into" not in page and "Quận 4</a>" in page


def test_every_ward_draws_the_fifteen_wards_of_2019(graph):
    """"15 Phường" (2019): with --every-ward each of the three models links to every one of Quận 4's 15 wards
    of that year, the three the article never names (5, 10, 12) included."""
    g = views.model(graph, views.Filters(every_ward=True))
    wards = {d["label"] for _, d in g.nodes(data=True) if d.get("level") == "Ward"}
    assert wards == {f"Phường {n}" for n in (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 18)}
    assert g.number_of_edges() == 72


def test_an_agency_that_leads_or_coordinates_is_not_also_said_to_take_part(tmp_path):
    """rk:ledBy and rk:partner are sub-properties of rk:involves: an agency read as the lead in one sentence
    and as taking part in another is the lead on the model's page, not both; one only said to take part
    takes part."""
    from kg import store
    from kg.views import library
    base = "https://w3id.org/reform-kg/id/"
    path = tmp_path / "g.ttl"
    path.write_text(f"""@prefix rk: <https://w3id.org/reform-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{base}initiative/x> a rk:Initiative ; rdfs:label "Ngày thứ Bảy vì dân"@vi ; rk:runsIn <{base}place/1> ;
    rk:ledBy <{base}agency/a> ; rk:involves <{base}agency/a> , <{base}agency/c> ;
    rk:partner <{base}agency/b> ; rk:involves <{base}agency/b> .
<{base}place/1> a rk:Ward ; rdfs:label "Xã Thanh Ba"@vi .
<{base}agency/a> a rk:Agency ; rdfs:label "Trung tâm Phục vụ hành chính công xã Thanh Ba"@vi .
<{base}agency/b> a rk:Agency ; rdfs:label "Bưu điện xã Thanh Ba"@vi .
<{base}agency/c> a rk:Agency ; rdfs:label "Công an xã Thanh Ba"@vi .
""", encoding="utf-8")
    model = next(m for m in library.gather(store.load_for_query(path, None))["initiatives"] if m["label"] == "Ngày thứ Bảy vì dân")
    assert [(label, roles) for _, label, roles in model["agency_list"]] == [
        ("Bưu điện xã Thanh Ba", ["phối hợp"]), ("Công an xã Thanh Ba", ["tham gia"]),
        ("Trung tâm Phục vụ hành chính công xã Thanh Ba", ["chủ trì"])]

"""The views' model, filters, layers and exports (the browser tests are in test_browser.py)."""
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import views
from kg.cli import cli


def test_pages_load_nothing_from_the_network(graph):
    for html in (views.network_page(graph), views.matrix_page(graph)):
        tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html)
        assert not [t for t in tags if re.search(r"(?:src|href)\s*=", t)]
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in html


def test_model_holds_places_and_models(graph):
    g = views.model(graph)
    places = {d["label"] for _, d in g.nodes(data=True) if d["type"] == "place"}
    # Quận 4's 15 wards of 2019 ("15 Phường" run the models of that sentence), and Quận 4
    assert {f"Phường {n}" for n in (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 18)} | {"Quận 4"} == places
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
    r = run("--kind", "nope")
    assert r.exit_code == 1 and r.output == f"Error: {graph_file}: nothing to draw (no model matches the filters)\n"

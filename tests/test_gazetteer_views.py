"""What the views and `explain` say about an official unit: its code, parents and successors, partial or whole.

Expected values from the official lists, not from the program: Phường 1 of Quận 4 has GSO code 27298 (the
GSO's commune lists of 2021-02-03 and 2025-01-04); Quận 4 is 773 and Ho Chi Minh City 79; Phường 5 (05) of
Quận 4 was 27274 on the GSO's lists up to 2020-11 (dvhcvn's copies); the seed is of 2020-01-23. Resolution
1111/NQ-UBTVQH14 merged Phường 5 into Phường 2 from 2021-01-01; Resolution 1685/NQ-UBTVQH15 put Phường 1
wholly into Phường Vĩnh Hội and parts of Phường 2 into Phường Khánh Hội and Phường Vĩnh Hội from 2025-07-01.
"""
import re

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg import views
from kg.explain import explain
from kg.namespace import RK
from kg.views.style import PLACE_LEVELS

BASE = "https://w3id.org/reform-kg/id/"


def place(g, label):
    found = [n for n, d in g.nodes(data=True) if d["type"] == "place" and d["label"] == label]
    assert len(found) == 1, found
    return g.nodes[found[0]]


def test_a_ward_node_carries_its_code_parents_and_successors(graph):
    g = views.model(graph, views.Filters(every_ward=True))
    ward = place(g, "Phường 1")
    assert (ward["level"], ward["code"], ward["partOf"]) == ("Ward", "27298", "Quận 4 › Thành phố Hồ Chí Minh")
    assert ward["replacedBy"] == "Phường Vĩnh Hội (toàn bộ · whole)"
    assert place(g, "Phường 2")["replacedBy"] == "Phường Khánh Hội (một phần · part); Phường Vĩnh Hội (một phần · part)"
    assert place(g, "Phường 5")["code"] == "27274" and place(g, "Phường 5")["replacedBy"] == "Phường 2 (toàn bộ · whole)"
    assert (place(g, "Quận 4")["level"], place(g, "Quận 4")["code"]) == ("District", "773")


def test_the_network_and_the_matrix_show_them_on_hover(graph):
    """The article names Phường 1 for three models: the death-registration link (Phường 1 và 16), the shorter
    civil-status times (Phường 1, 2, 3, 8 và 15) and the SMS notices (Phường 1, 9 và 15)."""
    network = views.network_page(graph)
    titles = [t for t in re.findall(r'"title": "([^"]*)"', network) if t.startswith("Phường 1 ")]
    assert titles == ["Phường 1 · mã 27298\\nThuộc · in: Quận 4 › Thành phố Hồ Chí Minh\\nHết hiệu lực từ · ended 2025-07-01"
                      "\\nNhập vào · went into: Phường Vĩnh Hội (toàn bộ · whole)\\n3 mô hình"]
    matrix = views.matrix_page(graph)
    row = re.search(r'<th class="place" scope="row" title="(Phường 1 [^"]*)">Phường 1 <span class="code">27298</span>', matrix)
    assert row and "Nhập vào · went into: Phường Vĩnh Hội (toàn bộ · whole)" in row.group(1)


def test_explain_gives_code_parents_and_the_units_of_today(graph):
    text = explain(graph, URIRef(BASE + "place/773-phuong-5"))
    assert "  official code (mã): 27274\n" in text
    assert "  part of (thuộc): Quận 4 (773) › Thành phố Hồ Chí Minh (79)\n" in text
    assert "  valid until (hết hiệu lực từ): 2021-01-01\n" in text
    assert "  went into (nhập vào): Phường 2 (27292), whole (toàn bộ)\n" in text
    today = re.search(r"  today \(nay thuộc\): (.*)\n", text).group(1)
    assert re.fullmatch(r"Phường Khánh Hội \(\d+, from 2025-07-01\), part \(một phần\); "
                        r"Phường Vĩnh Hội \(\d+, from 2025-07-01\), part \(một phần\)", today)
    one = explain(graph, URIRef(BASE + "place/27298"))
    assert "  official code (mã): 27298\n" in one and "  went into (nhập vào): Phường Vĩnh Hội (" in one
    assert "today" not in one                            # it went straight into a unit of today
    assert "identifier, official code" not in one       # the code is said once


def test_explain_lists_the_wards_of_a_district_in_their_numbers_order(graph):
    """Quận 4's wards in 2019-2020 (the seed article's): 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 18."""
    text = explain(graph, URIRef(BASE + "place/773"))
    wards = [int(n) for n in re.findall(r"  ← Phường (\d+) · part of", text)]
    assert wards == [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 18]


def test_explain_says_why_an_ambiguous_name_has_no_code():
    """A ward name that fits more than one official unit is linked to none (rk:nameAmbiguous): that is why it
    has no code, not an earlier merger."""
    g = Graph()
    ward, town = URIRef(BASE + "place/binh-duong/thu-dau-mot/phuong-phu-hoa"), URIRef(BASE + "place/718")
    g += [(ward, RDF.type, RK.Ward), (ward, RDFS.label, Literal("Phường Phú Hòa", lang="vi")), (ward, RK.partOf, town),
          (ward, RK.nameAmbiguous, Literal(True)), (town, RDFS.label, Literal("Thành phố Thủ Dầu Một", lang="vi"))]
    text = explain(g, ward)
    assert "  official code (mã): none: the name fits more than one official unit there, so it is linked to none\n" in text


def test_every_level_has_one_style_a_province_is_not_drawn_as_a_ward():
    g = Graph()
    model = URIRef(BASE + "initiative/x/mot-cua")
    g += [(model, RDF.type, RK.Initiative), (model, RDFS.label, Literal("Một cửa", lang="vi"))]
    expected = {}
    for cls, label in ((RK.Province, "Tỉnh Đồng Tháp"), (RK.SpecialZone, "Đặc khu Phú Quốc"), (RK.Commune, "Xã Tân Hương"),
                       (RK.Township, "Thị trấn Tân Hiệp"), (RK.District, "Huyện Châu Thành"), (RK.Ward, "Phường 1")):
        iri = URIRef(BASE + "place/" + label.replace(" ", "-"))
        g += [(iri, RDF.type, cls), (iri, RDFS.label, Literal(label, lang="vi")), (model, RK.runsIn, iri)]
        expected[label] = str(cls).rsplit("#", 1)[-1]
    city = URIRef(BASE + "place/79")        # a centrally governed city is both: drawn as the city it is
    g += [(city, RDF.type, RK.City), (city, RDF.type, RK.Province), (city, RDFS.label, Literal("Thành phố Hồ Chí Minh", lang="vi")),
          (model, RK.runsIn, city)]
    expected["Thành phố Hồ Chí Minh"] = "City"
    drawn = views.model(g)
    assert {d["label"]: d["level"] for _, d in drawn.nodes(data=True) if d["type"] == "place"} == expected
    assert set(expected.values()) <= set(PLACE_LEVELS)
    page = views.network_page(g)
    for level in ("Tỉnh, thành phố · Province", "Đặc khu · Special zone", "Thị trấn · Township", "Xã · Commune"):
        assert level in page                                # each in the legend

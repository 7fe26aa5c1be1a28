"""Every bundled query: it has a title, parses, runs on the District 4 graph, and answers what a reader
of the article answers. Expected rows are written from reading the article, not from the program."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDFS, URIRef
from rdflib.namespace import DCTERMS

from kg import delimited, queries, results, store
from kg.grid import grid

RK = "https://w3id.org/reform-kg/ontology#"
SPEC_COLUMNS = {
    "initiatives": ["initiative", "initiativeLabel", "kind", "placeLabel"],
    "ward-initiatives": ["ward", "wardLabel", "initiative", "initiativeLabel", "kind"],
    "initiative-agencies": ["initiative", "initiativeLabel", "agency", "agencyLabel", "role"],
    "initiative-procedures": ["initiative", "initiativeLabel", "procedure", "procedureLabel"],
    "metrics": ["metric", "metricLabel", "value", "unit", "qualifier", "subjectLabel", "period"],
    "time-reductions": ["procedureLabel", "beforeDays", "afterDays", "wardLabel"],
}
# The 23 models the article names (quoted, unquoted, or as list items after "mô hình ... như:").
MODELS = {
    "Tổ tình nguyện tư vấn dịch vụ công trực tuyến", "Một cửa", "Một cửa liên thông",
    "trên lĩnh vực thuế, kho bạc, ngân hàng tại bộ phận một cửa",
    "Liên thông giữa Phòng Tư pháp Quận 4 phối hợp với Công an Quận 4 và Bảo hiểm xã hội Quận 4 trên lĩnh vực hộ tịch "
    "trong việc đăng ký hộ khẩu thường trú và cấp thẻ bảo hiểm y tế cho đối tượng trẻ em dưới 6 tuổi có yếu tố nước ngoài",
    "Liên thông thực hiện các TTHC do Phòng Tư pháp Quận tiếp nhận, rút ngắn thời gian giải quyết hồ sơ đăng ký kết hôn có yếu tố nước ngoài",
    "Giờ làm việc thứ 9", "Liên thông thủ tục đăng ký khai tử - Chứng thực chữ ký - Hỗ trợ khuyến khích hỏa táng",
    "Đăng ký khai tử - hướng dẫn hồ sơ hỏa táng tại nhà", "Rút ngắn thời gian giải quyết lĩnh vực hộ tịch",
    "gửi thư chúc mừng hoặc thư chia buồn", "thực hiện nếp sống văn minh trong việc cưới hoặc tổ chức tang lễ",
    "trao trả hồ sơ tại nhà", "cơ quan điện tử quận", "Nhận tin nhắn phản ánh trên trang Fanpage “Đất Cảng Quận 4”",
    "Số hóa văn bản đi nhằm phục vụ hiện đại hóa công tác lưu trữ hồ sơ",
    "Thực hiện dịch vụ công trong lĩnh vực Thi đua - Khen thưởng", "Số hóa hồ sơ lưu trữ kê khai đất đai năm 1999",
    "Tăng cường công tác tuyên truyền thủ tục hành chính thông qua clip đồ họa hướng dẫn thực hiện TTHC",
    "Thông báo bằng văn bản và thông tin qua tin nhắn SMS về thời gian gia hạn bảo hiểm y tế hộ gia đình đối với người dân đã tham gia bảo hiểm y tế",
    "Thông tin nhanh chủ trương, chính sách cần thực hiện bằng tin nhắn, trực tiếp đến điện thoại di động của nhóm người thuộc diện được cung cấp thông tin",
    "Cổng thông tin điện tử",
    "Tra cứu thông tin quy hoạch sử dụng đất, cấp giấy phép xây dựng tại phường thông qua bản đồ số",
}
DEATH = "Liên thông thủ tục đăng ký khai tử - Chứng thực chữ ký - Hỗ trợ khuyến khích hỏa táng"
BIRTH = [m for m in MODELS if m.startswith("Liên thông giữa")][0]
MARRIAGE = [m for m in MODELS if m.startswith("Liên thông thực hiện")][0]


def run(graph, name):
    names, values = results.rows(queries.run(graph, queries.find(name)))
    return [dict(zip(names, (None if v is None else v.toPython() if hasattr(v, "toPython") else v for v in row)))
            for row in values]


def labels(rows, key):
    return {str(r[key]) for r in rows}


@pytest.mark.parametrize("name", sorted(queries.bundled()))
def test_every_query_is_documented_and_runs(graph, name):
    q = queries.bundled()[name]
    assert q.title and q.title != name and q.description
    assert "PREFIX rk:" in q.text
    result = queries.run(graph, q)
    assert len(result) > 0


@pytest.mark.parametrize("name, columns", sorted(SPEC_COLUMNS.items()))
def test_result_columns_are_the_documented_interface(graph, name, columns):
    assert [str(v) for v in queries.run(graph, queries.find(name)).vars] == columns


def test_initiatives_are_the_models_the_article_names(graph):
    rows = run(graph, "initiatives")
    assert labels(rows, "initiativeLabel") == MODELS
    # a slogan, a campaign theme and a fanpage's name are not models
    assert not any("Năm đột phá" in m or m == "Đất Cảng Quận 4" for m in labels(rows, "initiativeLabel"))
    every_ward = {r["initiativeLabel"] for r in rows if r["placeLabel"] == "tất cả phường, xã của Quận 4"}
    assert {"Giờ làm việc thứ 9", "gửi thư chúc mừng hoặc thư chia buồn"} <= every_ward
    kinds = {(r["initiativeLabel"], r["kind"]) for r in rows}
    assert {("Một cửa", "Một cửa"), ("Một cửa liên thông", "Liên thông"), ("Giờ làm việc thứ 9", "Ngoài giờ hành chính"),
            ("trao trả hồ sơ tại nhà", "Phục vụ tại nhà"), ("cơ quan điện tử quận", "Cơ quan điện tử")} <= kinds
    tra_cuu = {r["kind"] for r in rows if r["initiativeLabel"].startswith("Tra cứu")}
    assert tra_cuu == {"Bản đồ số", "Số hóa"}            # digital map, and the broader digitisation


def test_ward_initiatives_headline(graph):
    rows = run(graph, "ward-initiatives")
    runs = {(r["wardLabel"], r["initiativeLabel"]) for r in rows}
    expected = {("Phường 1", DEATH), ("Phường 16", DEATH),
                ("Phường 4", "Đăng ký khai tử - hướng dẫn hồ sơ hỏa táng tại nhà"),
                ("Phường 6", "Số hóa hồ sơ lưu trữ kê khai đất đai năm 1999"),
                ("Phường 14", "Cổng thông tin điện tử"),
                ("Phường 18", "Tra cứu thông tin quy hoạch sử dụng đất, cấp giấy phép xây dựng tại phường thông qua bản đồ số")}
    expected |= {(f"Phường {n}", "Rút ngắn thời gian giải quyết lĩnh vực hộ tịch") for n in (1, 2, 3, 8, 15)}
    expected |= {(f"Phường {n}", m) for n in (1, 9, 15) for m in MODELS if m.startswith("Thông tin nhanh")}
    assert expected <= runs
    # Phường 12 is named only as a resident's address; it runs only what "15 Phường" run.
    assert {m for w, m in runs if w == "Phường 12"} == {m for w, m in runs if w == "Phường 5"} != set()
    assert ("Phường 6", "trao trả hồ sơ tại nhà") not in runs   # "có Phường" does not say which ward
    quan4 = URIRef("https://w3id.org/reform-kg/id/place/773")    # GSO code of Quận 4
    assert all((URIRef(r["ward"]), URIRef(RK + "partOf"), quan4) in graph for r in rows)


def test_fifteen_wards_models_run_in_the_15_wards_of_2019(graph):
    """ "15 Phường tiếp tục triển khai ... Giờ làm việc thứ 9" (2020-01-23): Quận 4 had 15 wards in 2019
    (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 18), each linked to what it became."""
    rows = run(graph, "ward-initiatives")
    wards = {r["wardLabel"]: URIRef(r["ward"]) for r in rows if r["initiativeLabel"] == "Giờ làm việc thứ 9"}
    assert sorted(wards) == sorted(f"Phường {n}" for n in (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 18))
    assert all(list(graph.objects(w, DCTERMS.isReplacedBy)) for w in wards.values())
    later = {graph.value(w, DCTERMS.isReplacedBy) for w in (wards["Phường 5"], wards["Phường 12"])}
    assert {str(lab) for w in later for lab in graph.objects(w, RDFS.label) if lab.language == "vi"} \
        == {"Phường 2", "Phường 13"}                                                      # merged in 2021


def test_shortened_marital_status_confirmation(graph):
    rows = run(graph, "time-reductions")
    got = {(r["procedureLabel"], r["beforeDays"], r["afterDays"], r["wardLabel"]) for r in rows}
    assert got == {("Cấp Giấy xác nhận tình trạng hôn nhân", 3, 1, f"Phường {n}") for n in (1, 2, 3, 8, 15)} | \
        {("Đăng ký nhận cha, mẹ, con", 3, 2, "Phường 3")}


def test_initiative_agencies(graph):
    rows = run(graph, "initiative-agencies")
    birth = {(r["agencyLabel"], r["role"]) for r in rows if r["initiativeLabel"] == BIRTH}
    assert birth == {("Phòng Tư pháp Quận 4", "chủ trì"), ("Công an Quận 4", "phối hợp"), ("Bảo hiểm xã hội Quận 4", "phối hợp")}
    marriage = {r["agencyLabel"] for r in rows if r["initiativeLabel"] == MARRIAGE}
    assert marriage == {"Phòng Tư pháp Quận 4"}           # "Phòng Tư pháp Quận" is the same division
    by_model = {(r["initiativeLabel"][:20], r["agencyLabel"]) for r in rows}
    assert ("Nhận tin nhắn phản á", "Ban Tuyên giáo Quận ủy Quận 4") in by_model
    assert ("Thực hiện dịch vụ cô", "Phòng Nội vụ Quận 4") in by_model


def test_an_agency_that_leads_or_coordinates_is_not_also_listed_as_taking_part():
    """rk:ledBy and rk:partner are sub-properties of rk:involves: an agency read as the lead in one sentence and
    as taking part in another is listed once, as the lead; one only said to take part takes part."""
    from rdflib import Graph
    base = "https://w3id.org/reform-kg/id/"
    g = Graph().parse(data=f"""@prefix rk: <{RK}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{base}initiative/x> a rk:Initiative ; rdfs:label "Ngày thứ Bảy vì dân"@vi ;
    rk:ledBy <{base}agency/a> ; rk:involves <{base}agency/a> , <{base}agency/c> ;
    rk:partner <{base}agency/b> ; rk:involves <{base}agency/b> .
<{base}agency/a> rdfs:label "Trung tâm Phục vụ hành chính công xã Thanh Ba"@vi .
<{base}agency/b> rdfs:label "Bưu điện xã Thanh Ba"@vi .
<{base}agency/c> rdfs:label "Công an xã Thanh Ba"@vi .
""", format="turtle")
    assert sorted((r["agencyLabel"], r["role"]) for r in run(g, "initiative-agencies")) == [
        ("Bưu điện xã Thanh Ba", "phối hợp"), ("Công an xã Thanh Ba", "tham gia"),
        ("Trung tâm Phục vụ hành chính công xã Thanh Ba", "chủ trì")]


def test_initiative_procedures(graph):
    rows = run(graph, "initiative-procedures")
    procs = {}
    for r in rows:
        procs.setdefault(r["initiativeLabel"], set()).add(r["procedureLabel"])
    # the name gives residence and health card; the result sentence names the chain it runs:
    # "18 hồ sơ liên thông đăng ký khai sinh – đăng ký hộ khẩu - cấp thẻ bảo hiểm y tế"
    assert procs[BIRTH] == {"Đăng ký khai sinh", "Đăng ký thường trú", "Cấp thẻ bảo hiểm y tế"}
    assert procs[DEATH] == {"Đăng ký khai tử", "Chứng thực chữ ký", "Hỗ trợ khuyến khích hỏa táng"}
    assert procs[MARRIAGE] == {"Đăng ký kết hôn có yếu tố nước ngoài"}
    assert "Cấp giấy phép xây dựng" in procs[[m for m in MODELS if m.startswith("Tra cứu")][0]]


def test_metrics(graph):
    rows = run(graph, "metrics")
    values = [Decimal(str(r["value"])) for r in rows]
    for v in ("281533", "86745", "194788", "1697", "3163", "53.65", "99", "48", "18", "62", "29"):
        assert Decimal(v) in values
    for distractor in (54, 2017, 89, 1930, 1097, 2019, 1999, 6):
        assert Decimal(distractor) not in values
    by_value = {Decimal(str(r["value"])): r for r in rows}
    assert by_value[Decimal(99)]["qualifier"] == "trên"
    assert by_value[Decimal("53.65")]["unit"] == "%"
    assert by_value[Decimal(281533)]["unit"] == "TTHC" and str(by_value[Decimal(281533)]["period"]) == "2019-12"
    assert str(by_value[Decimal(48)]["period"]) == "2019" and by_value[Decimal(48)]["unit"] == "mô hình"
    assert by_value[Decimal(18)]["subjectLabel"] == BIRTH
    assert by_value[Decimal(62)]["subjectLabel"] == MARRIAGE
    assert by_value[Decimal(86745)]["subjectLabel"] == "Quận 4"


def test_fraction_keeps_numerator_and_denominator(graph):
    from rdflib import Literal
    [metric] = graph.subjects(URIRef(RK + "numerator"), Literal(1697))
    assert graph.value(metric, URIRef(RK + "denominator")).toPython() == 3163


def test_rankings(graph):
    wards = run(graph, "wards-ranked")
    assert wards[0]["wardLabel"] == "Phường 1" and wards[0]["initiatives"] == 6
    agencies = run(graph, "agencies-ranked")
    assert agencies[0]["agencyLabel"] == "Phòng Tư pháp Quận 4" and agencies[0]["initiatives"] == 2
    kinds = {r["kindLabel"]: r["initiatives"] for r in run(graph, "kinds-summary")}
    assert kinds["Liên thông"] == 4


def test_one_stop_and_interconnection_by_ward(graph):
    rows = run(graph, "one-stop-by-ward")
    assert {(r["wardLabel"], r["kind"]) for r in rows} == {("Phường 1", "Liên thông"), ("Phường 16", "Liên thông")}


def test_documents(graph):
    [doc] = run(graph, "documents")
    assert doc["title"] == "Nhiều các mô hình cải cách hành chính hiệu quả"
    assert doc["author"] == "Ngọc Thảo" and doc["viewCount"] == 1097
    assert str(doc["issued"]).startswith("2020-01-23 17:05:00")
    assert str(doc["url"]).startswith("http://www.quan4.hochiminhcity.gov.vn/")


def test_evidence_slices_the_source_text(graph):
    from conftest import ARTICLE
    from kg import ingest
    text = ingest.load(ARTICLE).text
    rows = run(graph, "evidence")
    assert len(rows) == len(MODELS)
    for r in rows:
        assert text[r["start"]:r["end"]] == r["exact"]


def test_construct_query(graph):
    result = queries.run(graph, queries.find("ward-model-graph"))
    assert result.type == "CONSTRUCT"
    g = result.graph
    ward16 = URIRef("https://w3id.org/reform-kg/id/place/27289")   # Phường 16 of Quận 4 (GSO code)
    assert any("khai-tu" in str(s) for s in g.subjects(URIRef(RK + "runsIn"), ward16))


@pytest.mark.parametrize("name", sorted(queries.bundled()))
def test_queries_run_the_same_in_oxigraph(graph, graph_file, name):
    """Each query file stands alone (its own PREFIXes) and gives the same number of rows in another engine."""
    import pyoxigraph
    store = pyoxigraph.Store()
    store.load(path=str(graph_file), format=pyoxigraph.RdfFormat.TURTLE)
    q = queries.bundled()[name]
    ours = queries.run(graph, q)
    theirs = store.query(q.text)
    count = len(list(theirs))
    assert count == len(ours)


def test_remembered_evaluates_each_query_once_per_graph(graph):
    """Inside `remembered()` (what `reform-kg site` uses) a query asked again on the same graph is not evaluated
    again; on another graph, or outside, it is."""
    from rdflib import Graph
    q = queries.find("kinds")
    with queries.remembered():
        first = queries.run(graph, q)
        assert queries.run(graph, q) is first
        assert queries.run(Graph(), q) is not first
    assert queries.run(graph, q) is not first


def test_an_empty_value_in_a_one_column_csv_is_a_row_not_a_blank_line():
    """A one-column row whose value is empty or unbound reads back as a row with one empty field (an empty
    line would be skipped by most CSV readers, losing the row)."""
    import csv
    import io
    query = 'SELECT ?x WHERE { VALUES (?k ?x) { (1 "") (2 UNDEF) (3 "a") } } ORDER BY ?k'
    for raw in (False, True):
        text = results.write(_answer(query), "csv", raw=raw)
        assert list(csv.reader(io.StringIO(text, newline=""))) == [["x"], [""], [""], ["a"]]


def _answer(text: str, data: str = ""):
    """Oxigraph's own answer to a query, on a store holding `data` (N-Triples)."""
    import pyoxigraph as ox
    store = ox.Store()
    if data:
        store.load(data.encode(), format=ox.RdfFormat.N_TRIPLES)
    return store.query(text)


def test_csv_and_tsv_follow_the_sparql_result_formats():
    """SPARQL 1.1 CSV/TSV: CRLF and RFC 4180 quoting in CSV; in TSV, N-Triples terms under ?-headers with tabs
    and newlines escaped inside strings (a raw newline would end the row), every literal written in full
    (Oxigraph's own TSV shortens numbers and booleans); unbound is empty. Expected text from the W3C spec."""
    query = """SELECT ?a ?b ?c WHERE { VALUES (?k ?a ?b ?c) {
        (1 <http://x.org/p> "say \\"hi\\",\\tthen\\nleave"@vi UNDEF) (2 <http://x.org/q> 3 "plain")
        (3 <http://x.org/r> -2.50 true) (4 <http://x.org/s> 007 "-7") } } ORDER BY ?k"""
    assert results.write(_answer(query), "csv") == ('a,b,c\r\nhttp://x.org/p,"say ""hi"",\tthen\nleave",\r\n'
                                                    'http://x.org/q,3,plain\r\nhttp://x.org/r,-2.5,true\r\n'
                                                    'http://x.org/s,7,-7\r\n')     # XSD's canonical forms
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert results.write(_answer(query), "tsv") == (
        '?a\t?b\t?c\n<http://x.org/p>\t"say \\"hi\\",\\tthen\\nleave"@vi\t\n'
        f'<http://x.org/q>\t"3"^^<{xsd}integer>\t"plain"\n'
        f'<http://x.org/r>\t"-2.5"^^<{xsd}decimal>\t"true"^^<{xsd}boolean>\n'
        f'<http://x.org/s>\t"7"^^<{xsd}integer>\t"-7"\n')
    # a double in Turtle's short form (Oxigraph writes one when its canonical form has an exponent)
    assert delimited.tsv_answer(b"?a\t?b\n1.5e3\t-2E-1\n", raw=True) == f'?a\t?b\n"1.5e3"^^<{xsd}double>\t"-2E-1"^^<{xsd}double>\n'
    blank = _answer("SELECT ?s ?o WHERE { ?s ?p ?o }", '_:n1 <http://x.org/b> "x" .\n')
    assert results.write(blank, "tsv").splitlines()[1].startswith("_:")


XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("cell, raw, written", [
    ("12", True, f'"12"^^<{XSD}integer>'), ("+7", True, f'"+7"^^<{XSD}integer>'),
    ("-3.5", True, f'"-3.5"^^<{XSD}decimal>'), (".5", False, f'".5"^^<{XSD}decimal>'),
    ("4.5e-2", False, f'"4.5e-2"^^<{XSD}double>'), ("true", True, f'"true"^^<{XSD}boolean>'),
    ("false", False, f'"false"^^<{XSD}boolean>'),
    ('"=SUM(A1)"', False, '"\'=SUM(A1)"'), ('"+1 phone"@vi', False, '"\'+1 phone"@vi'),
    ('"-x"', False, '"\'-x"'), ('"@x"', False, '"\'@x"'), ('"\\tx"', False, '"\'\\tx"'),
    ('"\\rx"', False, '"\'\\rx"'), ('"-12"', False, '"-12"'), ('"=x"', True, '"=x"'),
    ('"\\nx"', False, '"\\nx"'), ('" =x"', False, '" =x"'), ('"x=y"', False, '"x=y"'),
])
def test_tsv_writes_numbers_in_full_and_defuses_formulas_in_any_column(cell, raw, written):
    """Oxigraph's TSV writes numbers and booleans in Turtle's short form: reform-kg writes every literal in full
    (SPARQL 1.1 TSV allows both); a literal a spreadsheet would run as a formula gets a leading ' unless raw (a
    plain number is no formula; a newline or a space first is none either). Whichever column the cell is in."""
    for column in range(3):
        row = ['<http://x.org/a>', '"Phường 1"@vi', '']
        data, expected = row.copy(), row.copy()
        data[column], expected[column] = cell, written
        text = "?a\t?b\t?c\n{}\n<http://x.org/b>\t\t\n"
        assert delimited.tsv_answer(text.format("\t".join(data)).encode(), raw) == text.format("\t".join(expected))


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1 phone", "-x", "@x", "\tx", "\rx", "=a,b", "=say \"hi\""])
def test_csv_defuses_formulas_in_any_column(value):
    """A value a spreadsheet would run as a formula gets a leading ' (OWASP), quoted or not, in any column."""
    import csv
    import io
    for column in range(3):
        values = ["x", "Phường 1", ""]
        values[column] = value
        query = "SELECT ?a ?b ?c WHERE { VALUES (?a ?b ?c) { (%s) } }" % " ".join(
            '"%s"' % v.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") if v else "UNDEF"
            for v in values)
        text = results.write(_answer(query), "csv")
        expected = values.copy()
        expected[column] = "'" + value
        assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b", "c"], expected]
        assert list(csv.reader(io.StringIO(results.write(_answer(query), "csv", raw=True), newline=""))) \
            == [["a", "b", "c"], values]


def test_clean_answers_are_ruled_out_by_byte_searches():
    """The byte searches that spare most answers the patterns say no where no cell starts as a number in
    Turtle's short form or a formula: quoted last cells (CSV's line ends in CRLF), dashes and digits inside
    values, after a space or a comma inside a value, IRIs with digits, the header's names; and yes where one
    does."""
    csv_text = 'id,label,n\r\nhttp://x.org/1-a,"Phường 1 - Quận 4, ""Một cửa"", - 2",\r\n'.encode()
    assert not delimited._starting(csv_text, delimited._CSV_STARTS, delimited._CSV_FORMULA_STARTS)
    for cell in ("=x", '"@x"', "-1", '"+1, 2"', "\tx"):
        formula = csv_text + f"x,{cell},z\r\n".encode()
        assert delimited._starting(formula, delimited._CSV_STARTS, delimited._CSV_FORMULA_STARTS), cell
    assert delimited._may_run(csv_text + b'x,"\r y",z\r\n') and delimited._may_run(csv_text + b'"\r y",z\r\n')
    tsv_text = '?total\t?label\n<http://x.org/1-a>\t"Phường 1 - \\"Một cửa\\""@vi\t" -x"\t_:b1\n'.encode()
    needles = delimited._NUMBER_STARTS + delimited._FORMULA_STARTS
    assert not delimited._starting(tsv_text, delimited._TSV_STARTS, needles)
    for cell in ("1", "-2.5", "true", '"=x"', '"-x"@vi', '"\\tx"'):
        assert delimited._starting(tsv_text + f"<http://x.org/2>\t{cell}\n".encode(), delimited._TSV_STARTS, needles), cell


def test_every_format_reads_back_as_the_engines_own_answer(graph_file):
    """JSON and XML parse with rdflib's result parsers (another implementation) into the rows Oxigraph gave,
    CSV with Python's csv module, TSV with Oxigraph's TSV parser; a CONSTRUCT's Turtle, N-Triples, JSON-LD and
    RDF/XML parse with rdflib into the graph Oxigraph constructed."""
    import csv
    import io

    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import isomorphic
    from rdflib.query import Result

    from kg import store
    memory = store.load_for_query(graph_file, None)
    for name in ("metrics", "place-history", "evidence"):
        text = queries.find(name).text
        expected = [[None if t is None else t.value for t in row] for row in memory.query(text)]
        for fmt in ("json", "xml"):
            parsed = Result.parse(io.StringIO(queries.answer(memory, queries.find(name), fmt)), format=fmt)
            assert [[None if row[v] is None else str(row[v]) for v in parsed.vars] for row in parsed] == expected
        assert list(csv.reader(io.StringIO(queries.answer(memory, queries.find(name), "csv", raw=True), newline="")))[1:] \
            == [["" if v is None else v for v in row] for row in expected]
        tsv = ox.parse_query_results(queries.answer(memory, queries.find(name), "tsv", raw=True).encode(),
                                     format=ox.QueryResultsFormat.TSV)
        assert [[None if t is None else t.value for t in row] for row in tsv] == expected
    engine = Graph().parse(data=memory.query(queries.find("ward-model-graph").text).serialize(
        format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    for fmt, rdflib_format in (("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")):
        written = queries.answer(memory, queries.find("ward-model-graph"), fmt)
        assert isomorphic(Graph().parse(data=written, format=rdflib_format), engine), fmt


def test_json_has_python_json_layout_whatever_the_values_hold():
    """The JSON writer (made from Oxigraph's TSV) gives what Python's own json.dumps writes for Oxigraph's own
    JSON answer (an independent route): a value that looks like a separator, quotes, backslashes, control
    characters, a row with nothing bound, no variable at all."""
    import json

    import pyoxigraph as ox
    tricky = 'a":"b","value":"c"},"d\\"}},{"e\x01\x7f\u2028 “x” \\t\\\\n\t\n\r\x08\x0c '
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x.org/s"), ox.NamedNode("http://x.org/p"), ox.Literal(tricky, language="vi")))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for value, datatype in (("5", "integer"), ("-2.50", "decimal"), ("1.5e300", "double"), ("true", "boolean"),
                            ("2020-01-23", "date"), ("", "string")):
        store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode("http://x.org/p"),
                          ox.Literal(value, datatype=ox.NamedNode(xsd + datatype))))
    store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode("http://x.org/p"), ox.Literal("Ward", language="en-GB")))
    for text in ("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o", "SELECT ?s ?o ?none WHERE { OPTIONAL { ?s ?p ?o } }",
                 "SELECT ?none WHERE { ?s ?p ?o }", "SELECT ?s WHERE { ?s ?p 42 }", "SELECT * WHERE { }",
                 "SELECT ?phường WHERE { ?phường ?p 5 }", "SELECT ?none ?o ?s WHERE { ?s ?p ?o } ORDER BY ?o"):
        data = json.loads(store.query(text).serialize(format=ox.QueryResultsFormat.JSON))
        assert results.write(store.query(text), "json") == json.dumps(
            {"results": data["results"], "head": data["head"]}, ensure_ascii=False)
    assert tricky in [b["o"]["value"] for b in json.loads(results.write(store.query("SELECT ?o WHERE { ?s ?p ?o }"),
                                                                       "json"))["results"]["bindings"]]


def test_xml_has_rdflib_xml_layout_and_keeps_false_and_zero():
    """The XML writer gives, byte for byte, what rdflib's SPARQL XML writer (xml.sax's XMLGenerator, an
    independent route) gives for the same rows, quotes, markup and control characters included; and unlike
    that writer it keeps the values false and 0 (XMLGenerator skips falsy text: `<literal ...></literal>`)."""
    import io
    import json

    import pyoxigraph as ox
    from rdflib.query import Result
    store = ox.Store()
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    for value in ('', 'a"b\'c<d>e&f &quot;', 'x\ry\nz\tw ]]>', '\x01\x7f \U0001F600 “q”'):
        store.add(ox.Quad(ox.NamedNode("http://x.org/s?a=1&b=2"), ox.NamedNode("http://x.org/p"), ox.Literal(value)))
    store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode("http://x.org/p"), ox.Literal("5", datatype=integer)))
    store.add(ox.Quad(ox.BlankNode("b2"), ox.NamedNode("http://x.org/p"), ox.Literal("Phường 1", language="vi")))
    for text in ("SELECT ?s ?o ?none WHERE { ?s ?p ?o } ORDER BY ?o", "SELECT ?none WHERE { ?s ?p ?o }",
                 "SELECT ?s WHERE { ?s ?p 42 }"):
        reference = queries._to_result(store.query(text)).serialize(format="xml", encoding="utf-8").decode("utf-8")
        assert results.write(store.query(text), "xml") == reference
    written = results.write(store.query("SELECT ?f ?z WHERE { BIND(false AS ?f) BIND(0 AS ?z) }"), "xml")
    parsed = Result.parse(io.StringIO(written), format="xml")
    assert [(str(r.f), str(r.z)) for r in parsed] == [("false", "0")]
    # white space at either end is written as character references, as Oxigraph writes it, and reads back whole
    edges = (" a ", "\t", "x \r\n", "  ", "a\\tb")
    query = "SELECT ?o WHERE { VALUES (?k ?o) { %s } } ORDER BY ?k" % " ".join(
        f'({k} "{v}")' for k, v in enumerate(json.dumps(e)[1:-1] for e in edges))
    written = results.write(_answer(query), "xml")
    assert "<literal>&#32;a&#32;</literal>" in written
    assert [str(r.o) for r in Result.parse(io.StringIO(written), format="xml")] == list(edges)


def test_the_table_clips_by_display_width_and_lines_up():
    """Cells longer than 60 terminal columns end in … within 59 columns of text: 59 one-column letters, or 29
    two-column CJK characters (30 would take 60); a letter with a combining mark (NFD) takes one column; white
    space is collapsed first, however much of it starts the text; the next column starts at the same display
    column on every line."""
    from wcwidth import wcswidth
    long_vi, wide, nfd, spaced = "ệ" * 100, "漢" * 40, "Phu\u031bo\u031b\u0300ng 1", "\\t " * 40 + "a  b " * 30
    query = ('SELECT ?a ?b WHERE { VALUES (?k ?a ?b) { (1 "%s" "x") (2 "%s" "y") (3 "%s" "z") (4 "%s" "w") } } '
             'ORDER BY ?k' % (long_vi, wide, nfd, spaced))
    lines = results.write(_answer(query), "table").splitlines()
    assert [line.split("  ")[0].rstrip() for line in lines[2:6]] == ["ệ" * 59 + "…", "漢" * 29 + "…", nfd,
                                                                    "a b " * 14 + "a b…"]
    assert {wcswidth(line[:line.rindex(" ") + 1]) for line in lines[2:6]} == {62} and lines[6] == "(4 rows)"


@pytest.mark.parametrize("value, shown", [
    ("x" * 60 + " " + "y" * 5, "x" * 59 + "…"),         # a space 61st, text after it: clipped
    ("x" * 60 + " ", "x" * 60),                          # a space 61st and last: dropped, the text fits
    ("x" * 60 + " " * 4, "x" * 60),                      # only spaces after the 60th
    ("x" * 59 + "  y", "x" * 59 + "…"),                  # two spaces collapse to one, then clipped
    ("a  b", "a b"), ("a ", "a"), (" a", "a"), ("a\\tb", "a b"),
    ('say \\"hi\\"', 'say "hi"'), ('\\"' + "q" * 70, '"' + "q" * 58 + "…"),
    ("ệ" * 60, "ệ" * 60), ("ệ" * 61, "ệ" * 59 + "…"), ("x" * 60, "x" * 60), ("x" * 61, "x" * 59 + "…"),
])
def test_the_table_shows_a_literals_start_with_white_space_collapsed(value, shown):
    """A literal is shown with its white space collapsed (runs as one space, none at its ends) and clipped
    to 60 columns (59 and an ellipsis) when longer, wherever the white space falls."""
    from kg.table import table
    tsv = f'?a\t?b\n"{value}"\t<https://w3id.org/reform-kg/id/x>\n"{value}"@vi\t"b"\n'.encode()
    lines = table(*grid(tsv)).splitlines()
    assert lines[2:4] == [shown + "  id:x", shown + "  b"]


@pytest.mark.parametrize("rows, lines", [
    # every row ends in the last column
    ([("<https://w3id.org/reform-kg/id/a>", '"Một"@vi', '"x"'), ("", '"Hai ba"', '"yz"')],
     ["a     b       c", "----  ------  --", "id:a  Một     x", "      Hai ba  yz"]),
    # rows end in different columns: no white space after the last text of any row
    ([("<https://w3id.org/reform-kg/id/a>", '"Một"@vi', ""), ("", '"Hai ba"', '"yz"'), ('"q"', "", "")],
     ["a     b       c", "----  ------  --", "id:a  Một", "      Hai ba  yz", "q"]),
    # the last column empty on every row, the header still names it
    ([("<https://w3id.org/reform-kg/id/a>", '"Một"@vi', ""), ("", '"Hai ba"', "")],
     ["a     b       c", "----  ------  -", "id:a  Một", "      Hai ba"]),
    # a literal that shows as nothing ends its row
    ([('"a"', '""', ""), ('"b"', '"c"', "")], ["a  b  c", "-  -  -", "a", "b  c"]),
])
def test_the_tables_rows_end_at_their_last_text(rows, lines):
    """Cells are padded to their column's width and two spaces apart; a line ends at its last text (no
    trailing white space), and the count of rows follows."""
    from kg.table import table
    tsv = "?a\t?b\t?c\n" + "".join("\t".join(row) + "\n" for row in rows)
    assert table(*grid(tsv.encode())) == "\n".join(lines) + f"\n({len(rows)} rows)\n"


# TSV cells and the text a reader expects for each: a literal's value, an own IRI as id:, nothing for none
_TABLE_CELLS = [("", ""), ('""', ""), ('"a"', "a"), ('"Một"@vi', "Một"), ('"cửa liên"', "cửa liên"),
                ("<https://w3id.org/reform-kg/id/place/27298>", "id:place/27298")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TABLE_CELLS), min_size=4, max_size=4), max_size=6))
def test_the_tables_lines_are_the_cells_padded_and_stripped(rows):
    """Whichever cells are empty, each line is its row's texts, each padded to its column's width (its widest
    text or name) and two spaces apart, with no white space after the line's last text."""
    from kg.table import table
    names = ["a", "bb", "c", "d"]
    tsv = "?" + "\t?".join(names) + "\n" + "".join("\t".join(raw for raw, _ in row) + "\n" for row in rows)
    widths = [max([len(name), *(len(row[i][1]) for row in rows)]) for i, name in enumerate(names)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(names, widths)).rstrip(), "  ".join("-" * w for w in widths),
             *("  ".join(text.ljust(w) for (_, text), w in zip(row, widths)).rstrip() for row in rows)]
    count = f"({len(rows)} row{'' if len(rows) == 1 else 's'})"
    assert table(*grid(tsv.encode())) == "\n".join([*lines, count]) + "\n"


def test_the_tables_columns_mix_plain_cells_and_odd_ones():
    """A column's cells are shown alike whether the column holds only plain cells (reform-kg's own ASCII IRIs,
    literals with nothing to collapse) or odd ones beside them: an IRI with Vietnamese letters, one in another
    vocabulary or none, a blank node, an escaped tab, escaped quotes, a literal ending in a space, 61 letters."""
    from kg.table import table
    rows = [("<https://w3id.org/reform-kg/id/x>", '"plain"', "<https://w3id.org/reform-kg/id/a/b>"),
            ("<https://w3id.org/reform-kg/id/phường-1>", '"tab\\there"@vi',
             "<https://w3id.org/reform-kg/ontology#Initiative>"),
            ("<http://example.org/y>", '"say \\"hi\\""', '"x"'),
            ("_:b1", '"ends "', "<https://w3id.org/reform-kg/id/a/b>"),
            ("", '"' + "ệ" * 61 + '"', "")]
    tsv = "?a\t?b\t?c\n" + "".join("\t".join(row) + "\n" for row in rows)
    assert table(*grid(tsv.encode())).splitlines() == [
        "a" + " " * 21 + "b" + " " * 61 + "c",
        "-" * 20 + "  " + "-" * 60 + "  " + "-" * 13,
        "id:x" + " " * 18 + "plain" + " " * 57 + "id:a/b",
        "id:phường-1" + " " * 11 + "tab here" + " " * 54 + "rk:Initiative",
        "http://example.org/y" + "  " + 'say "hi"' + " " * 54 + "x",
        "b1" + " " * 20 + "ends" + " " * 58 + "id:a/b",
        " " * 22 + "ệ" * 59 + "…",
        "(5 rows)"]


def test_the_tables_one_column_characters_are_one_column_for_wcwidth():
    """The table's shortcut (text of these characters is shown as it is, and is as wide as it is long) agrees
    with wcwidth and with the terminal's escaping."""
    from wcwidth import wcwidth

    from kg.text import terminal_safe
    from kg import table
    chars = [chr(c) for c in range(0x110000) if table._ONE_COLUMN.fullmatch(chr(c))]
    assert len(chars) > 900 and "ệ" in chars and "“" in chars and "\u0300" not in chars and "漢" not in chars
    assert {c for c in chars if wcwidth(c) != 1} == set()
    assert terminal_safe("".join(chars)) == "".join(chars)


def test_a_constructed_graph_is_written_the_same_whatever_the_order():
    """Deterministic output: the triples sorted, the prefixes used (and only those) sorted."""
    nt = ('<https://w3id.org/reform-kg/id/b> <http://www.w3.org/2000/01/rdf-schema#label> "b"@vi .\n'
          '<https://w3id.org/reform-kg/id/a> <https://w3id.org/reform-kg/ontology#kind> '
          '<https://w3id.org/reform-kg/id/kind/x> .\n')
    forward, backward = nt.encode(), "".join(reversed(nt.splitlines(keepends=True))).encode()
    for fmt in ("turtle", "nt", "jsonld", "xml", "trig"):
        assert store.rdf_text(forward, fmt) == store.rdf_text(backward + forward, fmt)
    turtle = store.rdf_text(forward, "turtle").decode("utf-8")
    assert turtle.startswith("@prefix kind: <https://w3id.org/reform-kg/id/kind/> .\n"
                             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                             "@prefix rk: <https://w3id.org/reform-kg/ontology#> .\n\n")
    assert "schema:" not in turtle and turtle.index("/id/a>") < turtle.index("/id/b>")


def test_place_history(graph):
    """Resolutions 1111/NQ-UBTVQH14 (2021: 5 -> 2, 12 -> 13) and 1278/NQ-UBTVQH15 (2025-01: 6 -> 9, 10 -> 8,
    14 -> 15), whole. Resolution
    1685/NQ-UBTVQH15 (2025): Phường 2 and 4 split between Khánh Hội and Vĩnh Hội; 1 and 3 whole into Vĩnh Hội."""
    rows = run(graph, "place-history")
    steps = {(r["placeLabel"], r["parentLabel"], r["successorLabel"], str(r["partly"]).lower()) for r in rows}
    for old, new in (("5", "2"), ("6", "9"), ("10", "8"), ("12", "13"), ("14", "15")):
        assert (f"Phường {old}", "Quận 4", f"Phường {new}", "false") in steps
    assert {(p, s, partly) for p, parent, s, partly in steps if p in ("Phường 2", "Phường 4") and parent == "Quận 4"} \
        == {(p, s, "true") for p in ("Phường 2", "Phường 4") for s in ("Phường Khánh Hội", "Phường Vĩnh Hội")}
    assert ("Phường 1", "Quận 4", "Phường Vĩnh Hội", "false") in steps


def test_models_today(graph):
    """Quận 4's 15 wards of 2019 are now in three wards (Resolution 1685/NQ-UBTVQH15): Vĩnh Hội, Khánh Hội, Xóm
    Chiếu. A model of "15 Phường" runs today in all three; Phường 4's own model in parts of two."""
    rows = run(graph, "models-today")
    today = lambda model: {r["todayLabel"] for r in rows if r["initiativeLabel"] == model}  # noqa: E731
    assert today("Giờ làm việc thứ 9") == {"Phường Vĩnh Hội", "Phường Khánh Hội", "Phường Xóm Chiếu"}
    assert {(r["todayLabel"], str(r["partly"]).lower()) for r in rows
            if r["initiativeLabel"] == "Đăng ký khai tử - hướng dẫn hồ sơ hỏa táng tại nhà"} \
        == {("Phường Khánh Hội", "true"), ("Phường Vĩnh Hội", "true")}
    assert today("Cổng thông tin điện tử") == {"Phường Khánh Hội", "Phường Xóm Chiếu"}   # Phường 14 -> 15 -> both


def test_writing_leaves_the_cycle_collector_as_it_found_it():
    """JSON, XML and the table pause Python's cycle collector while they write; it is on again afterwards,
    and stays off if the caller had turned it off."""
    import gc
    query = 'SELECT ?a WHERE { VALUES ?a { "x" } }'
    assert gc.isenabled()
    for fmt in ("json", "xml", "table"):
        results.write(_answer(query), fmt)
        assert gc.isenabled(), fmt
    gc.disable()
    try:
        results.write(_answer(query), "table")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_table_settles_a_column_at_once_exactly_as_it_settles_each_cell():
    """kg.table settles a column's own IRIs and plain literals at once (_own_iris, _plain_literals, which
    repeat _plain's rules over the column joined) and the rest cell by cell (_cell): every cell, in every mix,
    must come out as _cell alone shows it, or the two rules have drifted apart."""
    import itertools
    from kg import table
    base = "https://w3id.org/reform-kg/id/"
    cells = [f"<{base}place/27298>", f"<{base}initiative/773/một-cửa>", "<http://example.org/x>", "_:b0", "42",
             '"Phường 1"', '"giữa  hai"', '"  hai  khoảng "', '" đầu"', '"cuối "', '"tab\\tở giữa"', '"nói \\"Một cửa\\""',
             '"中文字符 rộng"', '"emoji 🙂"', '"\u202eđảo chiều"', '"\x1b[31mđỏ"', '"x"@vi', '"3"^^<http://www.w3.org/2001/XMLSchema#string>',
             '"' + "Một cửa liên thông " * 5 + '"', '"' + "a" * 59 + ' "', '"' + "a" * 61 + '"', '""',
             # longer than the head the table decodes of a literal (4 bytes a character, and the opening quote)
             '"' + "ệ" * 300 + '"@vi', '"' + "🙂" * 70 + '"', '"ngắn"^^<http://example.org/' + "d" * 300 + ">",
             '"' + "a" * 30 + '\\"x\\" ' + "b" * 300 + '"', '"' + "a" * 30 + "\\t" + "b" * 300 + '"',
             '"' + "Một  cửa " * 40 + '"', '"' + "中" * 200 + '"', '"' + "a" * 300 + '\\n"@vi']
    raws = [c.encode("utf-8") for c in cells]
    for width in (1, 3, 10, 60):
        for size in (1, 2, 3):
            for column in itertools.combinations(raws, size):
                order, texts, widths = table._shown(list(column), width)
                assert {raw: (text, w) for raw, text, w in zip(order, texts, widths)} == \
                    {raw: table._cell(raw, width) for raw in column}, (width, column)

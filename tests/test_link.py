"""Linking as a step of its own: a frozen linked document of plain data, the portal as a place's context, and
emit that writes what link chose without ever importing the linker."""
import dataclasses
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from kg import gazetteer, ingest, lexicon, pipeline
from kg.link import link
from kg.link.portals import portals, province_of
from kg.text import fold

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
ID = "https://w3id.org/reform-kg/id/"
RUNS_IN = "<https://w3id.org/reform-kg/ontology#runsIn>"
AMBIGUOUS = "<https://w3id.org/reform-kg/ontology#nameAmbiguous>"


def runs_in(fragment) -> set[str]:
    return {line.split(" ")[2] for line in fragment.lines if line.split(" ")[1] == RUNS_IN
            and "/statement/" not in line.split(" ")[0]}


def ambiguous(fragment) -> set[str]:
    return {line.split(" ")[0] for line in fragment.lines if line.split(" ")[1] == AMBIGUOUS}


# ---------------------------------------------------------------------------------------------- the portal

def test_the_portal_names_the_province_of_a_ward_the_text_leaves_ambiguous():
    """Báo Gia Lai (GLO): "phường Tam Quan", a model launched in October 2025, no province and no date line.
    Two units bear the name: Phường Tam Quan of thị xã Hoài Nhơn (Bình Định, until 2025-07-01) and Phường Tam
    Quan of tỉnh Gia Lai (since 2025-07-01, GSO code 21637); Gia Lai's newspaper and a model of October 2025
    make it the latter."""
    path = CORPUS / "dev" / "tam-quan-baogialai.txt"
    url = "https://baogialai.com.vn/hanh-chinh-cong-den-khu-pho-phuc-vu-dan-tan-noi-post573545.html"
    on_portal = pipeline.document_fragment(ingest.load(path, url))
    assert runs_in(on_portal) == {f"<{ID}place/2025-21637>"} and not ambiguous(on_portal)
    anywhere = pipeline.document_fragment(ingest.load(path))
    assert f"<{ID}place/2025-21637>" not in runs_in(anywhere)
    assert runs_in(anywhere) <= ambiguous(anywhere) and runs_in(anywhere)       # marked, never a guess


ARTICLE = "Tin cải cách hành chính\n\nUBND xã Bình Châu{parent} triển khai mô hình “Một cửa liên thông”.\n"


@pytest.mark.parametrize("parent, url, expected", [
    # xã Bình Châu, 2024: one in huyện Xuyên Mộc (Bà Rịa - Vũng Tàu, 26656), one in huyện Bình Sơn (Quảng Ngãi, 21112)
    ("", "https://vungtau.baria-vungtau.gov.vn/tin/1", "26656"),             # the portal's province
    (", huyện Bình Sơn, tỉnh Quảng Ngãi", "https://vungtau.baria-vungtau.gov.vn/tin/1", "21112"),   # the text wins
    (", huyện Bình Sơn, tỉnh Quảng Ngãi", None, "21112"),
])
def test_the_text_s_own_parent_wins_over_the_portal(parent, url, expected):
    document = dataclasses.replace(ingest.parse(ARTICLE.format(parent=parent), "x", source_url=url),
                                   published="2024-03-05")
    assert runs_in(pipeline.document_fragment(document)) == {f"<{ID}place/{expected}>"}


def test_without_a_portal_or_a_parent_the_name_stays_ambiguous():
    document = dataclasses.replace(ingest.parse(ARTICLE.format(parent=""), "x"), published="2024-03-05")
    fragment = pipeline.document_fragment(document)
    assert runs_in(fragment) == ambiguous(fragment) == {f"<{ID}place/xa-binh-chau>"}


def test_an_undated_article_s_other_places_tell_which_city_of_the_name_it_means():
    """baomoi (no date line): "phường An Phú Đông (quận 12)", TP.HCM. Thành phố Hồ Chí Minh is two units, the
    city before 2025-07-01 (GSO 79) and the larger one after it; Quận 12 was a district of the first only (the
    2025 reform ended districts), so the article's TP.HCM is the city before the reform."""
    fragment = pipeline.document_fragment(ingest.load(CORPUS / "dev2" / "hcm-q12-anphudong-2025-ngoai-gio-va-tai-nha.txt"))
    subjects = {line.split(" ")[0] for line in fragment.lines}
    assert f"<{ID}place/79>" in subjects and f"<{ID}place/ho-chi-minh>" not in subjects


def test_a_place_inside_an_agency_s_name_tells_the_city_apart_too():
    """Thanh Niên (no date line): "Công chức Trung tâm Phục vụ hành chính công P.Xuân Hòa, TP.HCM". Phường Xuân
    Hòa is a ward of the city formed on 2025-07-01 (GSO 27139) and of no earlier unit of Thành phố Hồ Chí Minh,
    so the article's TP.HCM is that city."""
    fragment = pipeline.document_fragment(ingest.load(CORPUS / "dev2" / "hcm-2025-so-hoa-du-lieu-phi-dia-gioi-hoi-nghi-cchc.txt"))
    subjects = {line.split(" ")[0] for line in fragment.lines}
    assert f"<{ID}place/2025-79>" in subjects and f"<{ID}place/ho-chi-minh>" not in subjects


def test_an_undated_city_that_nothing_tells_apart_is_marked_ambiguous():
    document = ingest.parse("Tin cải cách\n\nUBND TP.HCM triển khai mô hình “Một cửa liên thông”.\n", "x")
    assert f"<{ID}place/ho-chi-minh>" in ambiguous(pipeline.document_fragment(document))


@pytest.mark.parametrize("url, province", [
    ("https://vungtau.baria-vungtau.gov.vn/cai-cach-hanh-chinh/x", "77"),     # a subdomain
    ("http://www.quan4.hochiminhcity.gov.vn/tintuc/default.aspx?ItemID=9432", "79"),
    ("https://BAOGIALAI.com.vn./a", "64"),
    ("https://notbaria-vungtau.gov.vn/", None),                               # a host that only ends the same
    ("https://vietnamnet.vn/a", None),                                        # a national paper says nothing
    (None, None),
])
def test_a_portal_is_its_host_or_a_subdomain_of_it(url, province):
    assert province_of(url) == province


def test_every_portal_names_its_province_in_its_host():
    units = gazetteer.load().units
    for host, key in portals().items():
        unit = units[key]
        assert unit.tier == 1 and unit.valid_until == "2025-07-01", host         # a province before the reform
        name = fold(unit.short).replace(" ", "").replace("-", "")
        assert name in host.replace("-", "").replace(".", ""), (host, unit.label)


# ---------------------------------------------------------------------------------------------- the linked document

PLAIN = (str, int, bool, Decimal, type(None))


def _plain(value) -> bool:
    if dataclasses.is_dataclass(value):
        return _plain(tuple(getattr(value, f.name) for f in dataclasses.fields(value)))
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return type(value) in PLAIN


def test_a_linked_document_is_frozen_plain_data_with_every_iri_chosen():
    path = ROOT / "examples" / "articles" / "quan4-2020-01-23-mo-hinh-cchc.txt"
    document = ingest.load(path)
    linked = link(pipeline.extract(document), document, lexicon.load(), gazetteer.load(), ID)
    with pytest.raises(dataclasses.FrozenInstanceError):
        linked.about = None
    with pytest.raises(AttributeError):                 # a named tuple's fields cannot be set either
        linked.places[0].label = "x"
    assert _plain(linked)
    assert linked.about == f"{ID}place/773"                                    # Quận 4
    places = {p.iri: p for p in linked.places}
    ward_1 = places[f"{ID}place/27298"]                                        # Phường 1, Quận 4 (GSO 27298)
    assert (ward_1.label, ward_1.label_en, ward_1.parent, ward_1.code) == ("Phường 1", "Ward 1, District 4", f"{ID}place/773", "27298")
    assert all(s in places and (p.parent is None or p.parent in places) for p in linked.places for s, _ in p.successors)


def test_the_same_document_links_the_same_way_twice():
    document = ingest.load(CORPUS / "dev" / "tam-quan-baogialai.txt")
    facts = pipeline.extract(document)
    assert link(facts, document, lexicon.load(), gazetteer.load(), ID) == link(facts, document, lexicon.load(), gazetteer.load(), ID)


def test_emit_imports_nothing_from_the_linker():
    code = "import sys, kg.emit, kg.emit.sink; print(sorted(m for m in sys.modules if m.startswith(('kg.link', 'kg.gazetteer', 'kg.relate'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("base, doc_id, problem", [
    ("not a base/", "a", "cannot be part of an IRI"),
    ("relative/", "a", "is not an absolute IRI"),
    (ID, "a b", "cannot be part of an IRI"),
])
def test_what_comes_from_outside_is_checked_before_any_iri_is_made_of_it(base, doc_id, problem):
    document = ingest.parse("Tin\n\nUBND phường Tân Định triển khai mô hình “Một cửa”.\n", doc_id)
    with pytest.raises(ValueError, match=problem):
        link(pipeline.extract(document), document, lexicon.load(), gazetteer.load(), base)


def test_a_base_iri_that_cannot_start_an_iri_is_a_usage_error(tmp_path):
    from click.testing import CliRunner
    from kg.cli import cli
    out = tmp_path / "g.nt"
    r = CliRunner().invoke(cli, ["build", str(ROOT / "examples" / "articles"), "-o", str(out), "--no-cache",
                                 "--base", "https://example.org/my ids/"])
    assert r.exit_code == 2 and not out.exists()
    assert "Error: Invalid value for '--base': 'https://example.org/my ids/' cannot be part of an IRI: it holds ' '" in r.output


# ---------------------------------------------------------------------------------------------- emit on its own

def test_emit_writes_a_hand_made_linked_document_and_nothing_else_is_asked():
    """A linked document made by hand (no article, no linker): Phường 4 of Quận 4 (27283), which went partly
    into Phường Khánh Hội (27265) in 2025, and a model that runs in it, read in "Phường 4 làm Một cửa."."""
    from rdflib import RDF, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDFS
    from kg.emit import emit
    from kg.link import linked
    rk, oa = Namespace("https://w3id.org/reform-kg/ontology#"), Namespace("http://www.w3.org/ns/oa#")
    text = "Phường 4 làm Một cửa."
    sentence = linked.Span(f"{ID}evidence/d/0-21", 0, 21, text, "", "")
    name = linked.Span(f"{ID}evidence/d/13-20", 13, 20, text[13:20], text[:13], text[20:])
    ward, new = f"{ID}place/27283", f"{ID}place/2025-27265"
    doc = linked.LinkedDocument(
        ID, f"{ID}document/d", "d", None, None, "2020-01-23", None, None, None, f"{ID}place/27283",
        places=(linked.Place(ward, str(rk.Ward), "Phường 4", "Ward 4", None, False, "27283", None, None,
                             "2025-07-01", ((new, True),)),
                linked.Place(new, str(rk.Ward), "Phường Khánh Hội", "", None, False, "27265")),
        agencies=(), reductions=(), metrics=(),
        initiatives=(linked.Initiative(
            f"{ID}initiative/773/mot-cua", "Một cửa", (linked.Cited(ward, sentence),), (),
            (linked.Cited(f"{ID}kind/one-stop-shop", sentence),), (), (), (), (),
            linked.Source(name, sentence, "quoted")),))
    fragment = emit(doc, lexicon.load())
    assert len(fragment.lines) == len(set(fragment.lines))        # each line once
    g = Graph().parse(data="".join(fragment.lines), format="nt")
    w, n, i = URIRef(ward), URIRef(new), URIRef(f"{ID}initiative/773/mot-cua")
    assert (w, DCTERMS.isReplacedBy, n) in g and (w, rk.partlyReplacedBy, n) in g
    assert (w, rk.validUntil, Literal("2025-07-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))) in g
    assert (w, DCTERMS.identifier, Literal("27283")) in g and (URIRef(f"{ID}document/d"), rk.aboutPlace, w) in g
    assert (i, rk.runsIn, w) in g and (i, rk.kind, URIRef(f"{ID}kind/one-stop-shop")) in g
    [statement] = [s for s in g.subjects(RDF.object, w) if (s, RDF.predicate, rk.runsIn) in g]
    assert g.value(statement, rk.evidence) == URIRef(sentence.iri) and g.value(statement, RDF.subject) == i
    quote = URIRef(name.iri + "/quote")
    assert g.value(quote, oa.exact) == Literal("Một cửa") and g.value(URIRef(name.iri), rk.rule) == Literal("quoted")
    assert g.value(URIRef(name.iri), rk.sentence) == URIRef(sentence.iri)
    assert (URIRef(f"{ID}kind/one-stop-shop"), RDF.type, rk.InitiativeKind) in g        # the concept, copied
    labels = set(fragment.labels)
    assert f'<{ward}>\tvi\t"Phường 4"@vi\n' in labels and f'<{ward}>\ten\t"Ward 4"@en\n' in labels
    assert not any(line.split(" ")[1] == f"<{RDFS.label}>" for line in fragment.lines)   # labels apart


def test_an_agency_whose_level_word_names_no_place_keeps_the_word(tmp_path):
    """ "Bưu điện tỉnh" in a text that names no province: the post office of the province, as written."""
    p = tmp_path / "a.txt"
    p.write_text("Chủ tịch UBND tỉnh đề nghị Bưu điện tỉnh phối hợp thực hiện thí điểm việc trả kết quả giải quyết "
                 "thủ tục hành chính qua đường bưu điện.", encoding="utf-8")
    document = ingest.load(p)
    linked = link(pipeline.extract(document), document, lexicon.load(), gazetteer.load(), ID)
    assert {"Bưu điện tỉnh", "Ủy ban nhân dân tỉnh"} <= {a.label for a in linked.agencies}


def test_a_bare_commune_word_in_a_text_about_a_city_names_no_commune(tmp_path):
    """ "Công an xã" where the text is about a city: a commune's police, not the city's."""
    p = tmp_path / "a.txt"
    p.write_text("UBND TP Cần Thơ cho biết TP Cần Thơ đã triển khai mô hình “Một cửa số” do Công an xã thực hiện.",
                 encoding="utf-8")
    document = ingest.load(p)
    labels = {a.label for a in link(pipeline.extract(document), document, lexicon.load(), gazetteer.load(), ID).agencies}
    assert "Công an xã" in labels and not any(label.startswith("Công an Thành phố") for label in labels)



def test_a_concepts_ancestors_and_field_are_asked_once_per_lexicon():
    """kinds.ttl: a digital map (kind:digital-map) is a kind of digitisation; procedures.ttl: birth registration's
    field is civil status (field:ho-tich). What _Linking.concept finds is kept for the lexicon it was asked of."""
    from kg.link import _Linking, _concepts_of
    lex = lexicon.load()
    linking = _Linking.__new__(_Linking)
    linking.lex, linking._concepts = lex, _concepts_of(lex)
    assert linking.concept(f"{ID}kind/digital-map") == ((f"{ID}kind/digital-map", f"{ID}kind/digitisation"), None)
    assert linking.concept(f"{ID}procedure/dang-ky-khai-sinh") == ((f"{ID}procedure/dang-ky-khai-sinh",), f"{ID}field/ho-tich")
    assert _concepts_of(lex) is linking._concepts and f"{ID}kind/digital-map" in _concepts_of(lex)
    other = lexicon.Lexicon.__new__(lexicon.Lexicon)          # another lexicon: nothing of the first one's
    assert _concepts_of(other) == {} and _concepts_of(lex) == {}          # (only the last lexicon's are kept)

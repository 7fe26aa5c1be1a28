"""The lexicon's kinds mapped onto the annotation guide's (ontology/kinds.ttl), and how evaluate scores a model's
kinds with that mapping (the initiative-kind row)."""
import pytest
from rdflib import RDF, SKOS, URIRef

from kg import evaluate
from kg.evaluate_match import guide_slugs
from kg.lexicon import load
from kg.namespace import RK

GUIDE = ("one-stop-shop", "interconnection", "online-service", "time-reduction", "home-service", "extended-hours",
         "digitization", "communication", "e-office", "digital-map", "cashless-payment", "support", "other")


def test_every_kind_counts_as_one_kind_of_the_guide_and_every_guide_kind_is_there():
    g = load().graph
    notations = {str(n) for n in g.objects(None, SKOS.notation)}
    assert notations == set(GUIDE)
    for kind in g.subjects(RDF.type, RK.InitiativeKind):
        targets = [s for p in (SKOS.exactMatch, SKOS.narrowMatch) for s in g.subjects(p, kind)]
        assert len(targets) == 1, kind


def test_the_mapping_leaves_the_built_kinds_alone():
    """The mapping is stated from the guide's side: a kind's own triples (copied into every graph) do not change."""
    g = load().graph
    sms = URIRef("https://w3id.org/reform-kg/id/kind/sms")
    assert not list(g.objects(sms, SKOS.exactMatch)) and not list(g.objects(sms, SKOS.broadMatch))


@pytest.mark.parametrize("names, slugs", [
    (["Tin nhắn SMS", "Thông tin, tuyên truyền"], {"communication"}),        # sms, and the broader kind the build adds
    (["Bản đồ số", "Số hóa"], {"digital-map"}),                              # digitisation is only implied
    (["Số hóa"], {"digitization"}),
    (["Hỗ trợ, hướng dẫn người dân"], {"support"}),
    (["Cổng thông tin điện tử"], {"communication"}),
    (["Ngoài giờ hành chính", "Văn hóa phục vụ"], {"extended-hours"}),      # service culture has no kind of its own there
    (["Văn hóa phục vụ"], {"other"}),
    (["Loại khác"], {"other"}),
    (["Thanh toán không dùng tiền mặt"], {"cashless-payment"}),
])
def test_kinds_count_as_the_guides(names, slugs):
    assert guide_slugs(names) == slugs


def test_kinds_are_scored_for_the_models_found_and_stay_out_of_the_mean():
    annotation = {"doc": "a.txt", "initiatives": {"a": {"aliases": ["Nhắn tin SMS"], "kind": ["communication"]},
                                                  "b": {"aliases": ["Ngày thứ Bảy vì dân"], "kind": ["extended-hours"]},
                                                  "c": {"aliases": ["Quầy giao dịch số"], "kind": ["online-service", "support"]},
                                                  "d": {"aliases": ["Zalo OA"], "kind": ["communication"]}},
                  "initiatives_soft": ["d"]}
    got = evaluate.Predicted(
        initiatives={"i1": "Nhắn tin SMS", "i2": "Ngày thứ Bảy vì dân", "i3": "Quầy giao dịch số", "i4": "Zalo OA"},
        wards=[], agencies=[], procedures=[], metrics=[], sentences={}, text="",
        kinds=[("i1", "Tin nhắn SMS"), ("i1", "Thông tin, tuyên truyền"), ("i2", "Ngoài giờ hành chính"),
               ("i2", "Văn hóa phục vụ"), ("i3", "Một cửa"), ("i4", "Tin nhắn SMS")])
    s = evaluate.score_article(annotation, got)["initiative-kind"]
    assert s.true == 2
    assert [f for _, f, _ in s.misses] == ["Quầy giao dịch số — online-service", "Quầy giao dịch số — support"]
    assert [f for _, f, _ in s.false_hits] == ["Quầy giao dịch số — one-stop-shop"]
    assert "initiative-kind" in evaluate.RELATIONS and "initiative-kind" not in evaluate.IN_MEAN

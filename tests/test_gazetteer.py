"""The gazetteer against official lists (not against its own output).

Quận 4 (Ho Chi Minh City) had 15 wards in 2019: 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 18.
Resolution 1111/NQ-UBTVQH14 merged 5 into 2 and 12 into 13 from 2021-01-01 (the GSO's list of 2021-02-03 has
the other 13), Resolution 1278/NQ-UBTVQH15 6 into 9, 10 into 8 and 14 into 15 from 2025-01-01: 10 wards in
January 2025 (the GSO's list of 2025-01-04). Resolution 1685/NQ-UBTVQH15 (2025): Xóm Chiếu from 13, 16, 18 and part of 15;
Khánh Hội from 8, 9 and parts of 2, 4, 15; Vĩnh Hội from 1, 3 and parts of 2, 4. Đồng Tháp (Resolution
1663/NQ-UBTVQH15): Phường Cao Lãnh from Phường 1 of Cao Lãnh among others; An Giang: Phường Long Xuyên
from Phường Mỹ Long; Hà Nội: Phường Hoàn Kiếm from Phường Hàng Bạc.
"""
import pytest

from kg.gazetteer import load

G = load()
Q4_2019 = {"1", "2", "3", "4", "5", "6", "8", "9", "10", "12", "13", "14", "15", "16", "18"}
Q4_2021 = {"1", "2", "3", "4", "6", "8", "9", "10", "13", "14", "15", "16", "18"}
Q4_2025 = {"1", "2", "3", "4", "8", "9", "13", "15", "16", "18"}


def unit(label: str, parent_label: str, province_short: str):
    found = [u for u in G.units.values() if u.label == label and G.units[u.parent].label == parent_label
             and any(G.units[a].short == province_short for a in G.ancestors(u.key))]
    assert len(found) == 1, (label, parent_label, found)
    return found[0]


def new_unit(label: str, province_short: str):
    found = [u for u in G.units.values() if u.label == label and u.valid_from == "2025-07-01"
             and G.units[u.parent].short == province_short]
    assert len(found) == 1, (label, found)
    return found[0]


def quan4():
    return unit("Quận 4", "Thành phố Hồ Chí Minh", "Hồ Chí Minh")


@pytest.mark.parametrize("date, wards", [("2019-06-30", Q4_2019), ("2020-01-23", Q4_2019), ("2021-02-03", Q4_2021),
                                         ("2024-12-31", Q4_2021), ("2025-01-15", Q4_2025)])
def test_quan_4_wards_on_a_date(date, wards):
    got = [u.short for u in G.units_of(quan4().key, date)]
    assert sorted(got) == sorted(wards) and len(got) == len(wards)
    assert all(u.level == "phuong" for u in G.units_of(quan4().key, date))


def test_quan_4_has_no_wards_after_the_reform():
    assert G.units_of(quan4().key, "2025-08-01") == []


def predecessors(new) -> dict[str, bool]:
    """{old ward short name: partly} for the old wards of Quận 4 (and what they absorbed) that went into `new`."""
    q4 = quan4().key
    return {G.units[o].short: partial for o, targets in G.replaced_by.items() if G.units[o].parent == q4
            for n, partial in targets if n == new.key}


@pytest.mark.parametrize("new, whole, parts", [
    ("Phường Xóm Chiếu", {"13", "16", "18"}, {"15"}),
    ("Phường Khánh Hội", {"8", "9"}, {"2", "4", "15"}),
    ("Phường Vĩnh Hội", {"1", "3"}, {"2", "4"}),
])
def test_quan_4_successors_2025(new, whole, parts):
    preds = predecessors(new_unit(new, "Hồ Chí Minh"))
    assert {k for k, partly in preds.items() if not partly} == whole
    assert {k for k, partly in preds.items() if partly} == parts


def test_absorbed_wards_lead_to_the_ward_that_absorbed_them():
    q4 = quan4().key
    absorbed = {G.units[o].short: ([G.units[n].short for n, partial in t if not partial], G.units[o].valid_until)
                for o, t in G.replaced_by.items() if G.units[o].parent == q4 and G.units[o].code is None}
    assert absorbed == {"5": (["2"], "2021-01-01"), "12": (["13"], "2021-01-01"), "6": (["9"], "2025-01-01"),
                        "10": (["8"], "2025-01-01"), "14": (["15"], "2025-01-01")}


@pytest.mark.parametrize("old, district, province, new, new_province", [
    ("Phường 1", "Thành phố Cao Lãnh", "Đồng Tháp", "Phường Cao Lãnh", "Đồng Tháp"),
    ("Phường Mỹ Long", "Thành phố Long Xuyên", "An Giang", "Phường Long Xuyên", "An Giang"),
    ("Phường Hàng Bạc", "Quận Hoàn Kiếm", "Hà Nội", "Phường Hoàn Kiếm", "Hà Nội"),
])
def test_old_ward_goes_into_new_ward(old, district, province, new, new_province):
    o, n = unit(old, district, province), new_unit(new, new_province)
    assert [t for t, _ in G.replaced_by[o.key]] == [n.key]


@pytest.mark.parametrize("old, district", [("Phường 4", "Thành phố Mỹ Tho"), ("Phường 3", "Thị xã Cai Lậy"),
                                           ("Phường 4", "Thị xã Cai Lậy"), ("Phường 3", "Thành phố Sa Đéc"),
                                           ("Phường 4", "Thành phố Sa Đéc")])
def test_same_named_wards_elsewhere_do_not_go_into_phuong_cao_lanh(old, district):
    province = "Tiền Giang" if "Sa Đéc" not in district else "Đồng Tháp"
    o, cao_lanh = unit(old, district, province), new_unit("Phường Cao Lãnh", "Đồng Tháp")
    assert cao_lanh.key not in {t for t, _ in G.replaced_by[o.key]} and G.replaced_by[o.key]


def test_a_ward_name_without_context_is_ambiguous_not_guessed():
    r = G.resolve("1", ["phuong"], "2020-01-23")
    assert r.unit is None and r.ambiguous


def test_context_picks_the_ward_of_the_district_named():
    r = G.resolve("1", ["phuong"], "2020-01-23", [[quan4().key]])
    assert r.unit is not None and r.unit.parent == quan4().key and r.unit.code is not None


def test_a_question_asked_again_has_the_same_answer_whatever_the_contexts_are_given_as():
    """resolve keeps its answers: asked again (contexts as lists, tuples or a generator), Phường 1 of Quận 4 in
    2020 is still the one unit, and without the context still none."""
    for contexts in ([[quan4().key]], ((quan4().key,),), (c for c in [[quan4().key]])):
        r = G.resolve("1", ["phuong"], "2020-01-23", contexts)
        assert r.unit is not None and r.unit.parent == quan4().key
    assert G.resolve("1", ("phuong",), "2020-01-23").unit is None


def test_the_date_picks_the_unit_that_existed():
    before = G.resolve("Hồ Chí Minh", ["thanh-pho"], "2020-01-23").unit
    after = G.resolve("Hồ Chí Minh", ["thanh-pho"], "2025-08-12").unit
    assert before.valid_until == "2025-07-01" and after.valid_from == "2025-07-01"
    assert [t for t, _ in G.replaced_by[before.key]] == [after.key]
    tam_thang = G.resolve("Tam Thắng", ["phuong"], "2025-08-12", [[after.key]]).unit
    assert tam_thang.parent == after.key and tam_thang.label == "Phường Tam Thắng"


@pytest.mark.parametrize("written", ["Thủy Nguyên", "Thuỷ Nguyên", "thủy-nguyên"])
def test_one_normalisation_for_tone_marks_and_hyphens(written):
    assert G.candidates(written, ["thanh-pho"]) == G.candidates("Thủy Nguyên", ["thanh-pho"]) != []


def test_unchanged_province_is_one_place():
    hanoi = [u for u in G.units.values() if u.label == "Thành phố Hà Nội"]
    assert len(hanoi) == 1 and hanoi[0].valid_until is None


def test_2026_cities():
    for short in ("Quảng Ninh", "Bắc Ninh", "Đồng Nai"):
        assert [u.label for u in G.units.values() if u.short == short and u.tier == 1 and u.valid_until is None] \
            == [f"Thành phố {short}"]


def test_query_does_not_load_the_gazetteer():
    import subprocess
    import sys
    from conftest import EXAMPLES
    code = ("import sys; from click.testing import CliRunner; from kg.cli import cli; "
            f"r = CliRunner().invoke(cli, ['query', 'ward-initiatives', '-g', {str(EXAMPLES / 'graph.ttl')!r}]); "
            "print(r.exit_code, 'kg.gazetteer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120).stdout.split()
    assert out == ["0", "False"]


def test_a_district_went_partly_into_each_new_ward():
    """Quận 4 (abolished 2025-07-01) became phường Xóm Chiếu, Khánh Hội and Vĩnh Hội (Resolution 1685/NQ-UBTVQH15)."""
    assert {(G.units[t].label, partial) for t, partial in G.replaced_by[quan4().key]} \
        == {("Phường Xóm Chiếu", True), ("Phường Khánh Hội", True), ("Phường Vĩnh Hội", True)}
    assert quan4().valid_until == "2025-07-01"

"""Wards absorbed by mergers before 2025, outside Quận 4, against official lists (not against the gazetteer).

Quận 3 (Ho Chi Minh City) had 14 wards, Phường 1 to 14. Resolution 1111/NQ-UBTVQH14 merged Phường 6, 7 and 8
into the new Phường Võ Thị Sáu from 2021-01-01: the GSO's commune list of 2021-02-03 has Võ Thị Sáu and Phường
1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14. After Resolution 1278/NQ-UBTVQH15 (from 2025-01-01) the GSO's list of
2025-01-04 has Võ Thị Sáu and Phường 1, 2, 3, 4, 5, 9, 11, 12, 14.
Bến Tre: Resolution 855/NQ-UBTVQH14 made Phường 1, 2 and 3 of Bến Tre city into Phường An Hội from 2020-02-01
(VOV, 2020-02); the list of 2021-02-03 has An Hội and no Phường 1, 2, 3.
Vị Thanh (Hậu Giang) writes its wards in Roman numerals (Phường I, III, IV, V, VII in the list of 2021-02-03):
"Phường 3" of Vị Thanh is Phường III, not an absorbed ward.
"""
import pytest

from kg.gazetteer import load

G = load()
Q3_2019 = {str(n) for n in range(1, 15)}
Q3_2021 = {"Võ Thị Sáu", "1", "2", "3", "4", "5", "9", "10", "11", "12", "13", "14"}
Q3_2025 = {"Võ Thị Sáu", "1", "2", "3", "4", "5", "9", "11", "12", "14"}


def district(label: str, province: str):
    found = [u for u in G.units.values() if u.label == label and u.tier == 2 and G.units[u.parent].short == province]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("date, wards", [("2019-06-30", Q3_2019), ("2021-02-03", Q3_2021), ("2025-01-04", Q3_2025)])
def test_quan_3_wards_on_a_date(date, wards):
    got = [u.short for u in G.units_of(district("Quận 3", "Hồ Chí Minh").key, date)]
    assert sorted(got) == sorted(wards) and len(got) == len(wards)


def test_wards_6_7_8_of_quan_3_went_whole_into_vo_thi_sau_in_2021():
    q3 = district("Quận 3", "Hồ Chí Minh").key
    vo_thi_sau = [u for u in G.units_of(q3, "2021-02-03") if u.short == "Võ Thị Sáu"][0]
    for number in ("6", "7", "8"):
        old = [u for u in G.units.values() if u.parent == q3 and u.short == number]
        assert len(old) == 1 and old[0].valid_until == "2021-01-01"
        assert G.replaced_by[old[0].key] == ((vo_thi_sau.key, False),)


def test_roman_numerals_are_not_absorbed_wards():
    vi_thanh = district("Thành phố Vị Thanh", "Hậu Giang").key
    assert sorted(u.short for u in G.units_of(vi_thanh, "2021-02-03") if u.level == "phuong") \
        == ["I", "III", "IV", "V", "VII"]
    assert not [u for u in G.units.values() if u.parent == vi_thanh and u.code is None]


def test_phuong_1_2_3_of_ben_tre_became_an_hoi_in_2020():
    ben_tre = district("Thành phố Bến Tre", "Bến Tre").key
    an_hoi = [u for u in G.units.values() if u.parent == ben_tre and u.short == "An Hội"]
    assert len(an_hoi) == 1 and an_hoi[0].valid_from == "2020-02-01"
    for number in ("1", "2", "3"):
        [old] = [u for u in G.units.values() if u.parent == ben_tre and u.short == number]
        assert old.valid_until == "2020-02-01" and G.replaced_by[old.key] == ((an_hoi[0].key, False),)
    assert "An Hội" not in {u.short for u in G.units_of(ben_tre, "2019-06-30")}

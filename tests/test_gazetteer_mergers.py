"""Wards merged between 2020 and January 2025 outside Ho Chi Minh City, against the resolutions and the GSO's lists
(not against the gazetteer).

Each resolution of the Standing Committee of the National Assembly (UBTVQH) took effect on a day; the wards it
merged are on the GSO's commune list before that day and gone from the list after it. The lists are the GSO's
as copied by dvhcvn (github.com/daohoangson/dvhcvn, data/dvhcvn.json at its updates "01/02/2024" (2024-02),
"01/05/2024", "01/09/2024", "01/11/2024", "01/01/2025" of 2024-11-21 (2025-01a) and of 2024-12-30 (2025-01b)).
- 1013/NQ-UBTVQH15 (Tiền Giang, from 2024-05-01): Phường 4 into Phường 1, Phường 3 into Phường 2 of Gò Công.
- 1105/NQ-UBTVQH15 (Sóc Trăng, from 2024-09-01): Phường 1 of Sóc Trăng city from Phường 9 and Phường 1.
- 1200/NQ-UBTVQH15 (Phú Yên, from 2024-11-01): Xã Bình Ngọc into Phường 1, Phường 6 into 4, Phường 8 into 2,
  Phường 3 into 5 of Tuy Hòa.
- 1202/NQ-UBTVQH15 (Tiền Giang) and 1203/NQ-UBTVQH15 (Vĩnh Long), from 2024-11-01: Mỹ Tho's Phường 3, 7, 8 and
  Vĩnh Long's Phường 2 are gone from the list of 2024-11.
- 1244/NQ-UBTVQH15 (Long An, from 2024-12-01): Phường 2 into Phường 1 of Tân An.
- 1252/NQ-UBTVQH15 (Cà Mau, from 2024-12-01): 0.27 km2 of Phường 4 into Phường Tân Xuyên, the rest into Phường 2.
- 1277/NQ-UBTVQH15 (Trà Vinh, from 2025-01-01): Phường 2 and 6 into Phường 3 of Trà Vinh city.
- 1284/NQ-UBTVQH15 (Đồng Tháp, from 2025-01-01): Phường 2 into Phường 1 of Cao Lãnh; Phường Mỹ Ngãi from Xã Mỹ
  Ngãi and Phường 11.
- 855/NQ-UBTVQH14 (Bến Tre, from 2020-02-01): Xã Mỹ Thành of Bến Tre city is gone from the list of 2020-03.
- 1201/NQ-UBTVQH15 (Thái Bình, from 2024-11-01; its text, vanban123.vn): in Huyện Đông Hưng, Xã Liên An Đô from Đô
  Lương, An Châu and Liên Giang, Xã Phong Dương Tiến from Chương Dương, Hợp Tiến and Phong Châu, Xã Xuân Quang
  Động from Đông Động, Đông Quang and Đông Xuân: 38 communes on the GSO's list of 2024-09, 32 on that of 2024-11.
- 1111/NQ-UBTVQH14 (Ho Chi Minh City, from 2021-01-01): in Quận 2 (Thủ Đức city since), Phường Bình Khánh into
  Phường Bình An, renamed An Khánh; the former Phường An Khánh into Phường Thủ Thiêm (lists of 2020-11: Bình An
  27094, Bình Khánh 27103, An Khánh 27106, Thủ Thiêm 27118; of 2021-02: An Khánh 27094, Thủ Thiêm 27118).
"""
import pytest

from kg.gazetteer import load
from kg.text import name_key

G = load()


def ward(district: str, title: str):
    found = [u for u in G.units.values() if u.parent == district and u.label == title]
    assert len(found) == 1, (district, title, found)
    return found[0]


@pytest.mark.parametrize("district, date, units", [
    ("816", "2024-04-30", "3, 2, 4, 1, 5, Long Hưng, Long Thuận, Long Chánh, Long Hòa, Bình Đông, Bình Xuân, Tân Trung"),  # 2024-02
    ("816", "2024-05-01", "2, 1, 5, Long Hưng, Long Thuận, Long Chánh, Long Hòa, Bình Đông, Bình Xuân, Tân Trung"),  # 2024-05
    ("941", "2024-08-31", "5, 7, 8, 6, 2, 1, 4, 3, 9, 10"),  # 2024-05
    ("941", "2024-09-01", "5, 7, 8, 6, 2, 4, 3, 1, 10"),  # 2024-09
    ("555", "2024-10-31", "1, 8, 2, 9, 3, 4, 5, 7, 6, Phú Thạnh, Phú Đông, Hòa Kiến, Bình Kiến, Bình Ngọc, An Phú, Phú Lâm"),
    ("555", "2024-11-01", "1, 2, 9, 4, 5, 7, Phú Thạnh, Phú Đông, Hòa Kiến, Bình Kiến, An Phú, Phú Lâm"),  # 2024-11
    ("815", "2024-10-31", "5, 4, 7, 3, 1, 2, 8, 6, 9, 10, Tân Long, Đạo Thạnh, Trung An, Mỹ Phong, Tân Mỹ Chánh, Phước Thạnh,"
                          " Thới Sơn"),  # 2024-09
    ("815", "2024-11-01", "5, 4, 1, 2, 6, 9, 10, Tân Long, Đạo Thạnh, Trung An, Mỹ Phong, Tân Mỹ Chánh, Phước Thạnh, Thới Sơn"),
    ("855", "2024-10-31", "9, 5, 1, 2, 4, 3, 8, Tân Ngãi, Tân Hòa, Tân Hội, Trường An"),  # 2024-09
    ("855", "2024-11-01", "9, 5, 1, 4, 3, 8, Tân Ngãi, Tân Hòa, Tân Hội, Trường An"),  # 2024-11
    ("794", "2024-11-30", "5, 2, 4, Tân Khánh, 1, 3, 7, 6, Hướng Thọ Phú, Nhơn Thạnh Trung, Lợi Bình Nhơn, Bình Tâm, Khánh Hậu,"
                          " An Vĩnh Ngãi"),  # 2024-11
    ("794", "2024-12-01", "5, 4, Tân Khánh, 1, 3, 7, 6, Hướng Thọ Phú, Nhơn Thạnh Trung, Lợi Bình Nhơn, Bình Tâm, Khánh Hậu,"
                          " An Vĩnh Ngãi"),  # 2025-01a
    ("964", "2024-11-30", "9, 4, 1, 5, 2, 8, 6, 7, Tân Xuyên, An Xuyên, Tân Thành, Tân Thành, Tắc Vân, Lý Văn Lâm, Định Bình,"
                          " Hòa Thành, Hòa Tân"),  # 2025-01a
    ("964", "2024-12-01", "9, 2, 1, 5, 8, 6, 7, Tân Xuyên, An Xuyên, Tân Thành, Tân Thành, Tắc Vân, Lý Văn Lâm, Định Bình,"
                          " Hòa Thành, Hòa Tân"),  # 2025-01b
    ("842", "2024-12-31", "4, 1, 3, 2, 5, 6, 7, 8, 9, Long Đức"),  # 2025-01a
    ("842", "2025-01-01", "4, 1, 3, 5, 7, 8, 9, Long Đức"),  # 2025-01b
    ("866", "2024-12-31", "11, 1, 2, 4, 3, 6, Mỹ Ngãi, Mỹ Tân, Mỹ Trà, Mỹ Phú, Tân Thuận Tây, Hoà Thuận, Hòa An, Tân Thuận Đông,"
                          " Tịnh Thới"),  # 2025-01a
    ("866", "2025-01-01", "1, 4, 3, 6, Mỹ Ngãi, Mỹ Tân, Mỹ Trà, Mỹ Phú, Tân Thuận Tây, Hoà Thuận, Hòa An, Tân Thuận Đông,"
                          " Tịnh Thới"),  # 2025-01b
])
def test_the_units_of_a_city_before_and_after_its_resolution_are_the_gso_s(district, date, units):
    got = sorted(name_key(u.short) for u in G.units_of(district, date))
    assert got == sorted(name_key(n) for n in units.split(", "))


@pytest.mark.parametrize("district, old, until, into", [
    ("816", "Phường 4", "2024-05-01", {"Phường 1": False}),
    ("816", "Phường 3", "2024-05-01", {"Phường 2": False}),
    ("555", "Xã Bình Ngọc", "2024-11-01", {"Phường 1": False}),
    ("555", "Phường 6", "2024-11-01", {"Phường 4": False}),
    ("555", "Phường 8", "2024-11-01", {"Phường 2": False}),
    ("555", "Phường 3", "2024-11-01", {"Phường 5": False}),
    ("794", "Phường 2", "2024-12-01", {"Phường 1": False}),
    ("964", "Phường 4", "2024-12-01", {"Phường 2": True, "Phường Tân Xuyên": True}),
    ("842", "Phường 2", "2025-01-01", {"Phường 3": False}),
    ("842", "Phường 6", "2025-01-01", {"Phường 3": False}),
    ("866", "Phường 2", "2025-01-01", {"Phường 1": False}),
    ("866", "Phường 11", "2025-01-01", {"Phường Mỹ Ngãi": False}),
    ("769", "Phường Bình Khánh", "2021-01-01", {"Phường An Khánh": False}),
    ("769", "Phường An Khánh", "2021-01-01", {"Phường Thủ Thiêm": False}),
])
def test_an_absorbed_ward_ends_on_its_resolution_s_day_in_the_ward_it_names(district, old, until, into):
    [absorbed] = [u for u in G.units.values() if u.parent == district and u.label == old and u.code is None]
    assert absorbed.valid_until == until
    assert {G.units[k].label: partly for k, partly in G.replaced_by[absorbed.key]} == into


@pytest.mark.parametrize("district, old, until", [
    ("941", "Phường 9", "2024-09-01"), ("815", "Phường 3", "2024-11-01"), ("815", "Phường 7", "2024-11-01"),
    ("815", "Phường 8", "2024-11-01"), ("855", "Phường 2", "2024-11-01"), ("829", "Xã Mỹ Thành", "2020-02-01"),
])
def test_the_day_a_ward_ended_is_its_resolution_s(district, old, until):
    [absorbed] = [u for u in G.units.values() if u.parent == district and u.label == old and u.code is None]
    assert absorbed.valid_until == until


DONG_HUNG_2024_09 = ("Đông Hưng, Đô Lương, Đông Phương, Liên Giang, An Châu, Đông Sơn, Đông Cường, Phú Lương, Mê Linh, Lô "
                     "Giang, Đông La, Minh Tân, Đông Xá, Chương Dương, Nguyên Xá, Phong Châu, Hợp Tiến, Hồng Việt, Hà Giang, "
                     "Đông Kinh, Đông Hợp, Thăng Long, Đông Các, Phú Châu, Liên Hoa, Đông Tân, Đông Vinh, Đông Động, Hồng "
                     "Bạch, Trọng Quan, Hồng Giang, Đông Quan, Đông Quang, Đông Xuân, Đông Á, Đông Hoàng, Đông Dương, Minh Phú")
DONG_HUNG_2024_11 = ("Đông Hưng, Đông Phương, Liên An Đô, Đông Sơn, Đông Cường, Phú Lương, Mê Linh, Lô Giang, Đông La, Minh "
                     "Tân, Đông Xá, Nguyên Xá, Phong Dương Tiến, Hồng Việt, Hà Giang, Đông Kinh, Đông Hợp, Thăng Long, Đông "
                     "Các, Phú Châu, Liên Hoa, Đông Tân, Đông Vinh, Xuân Quang Động, Hồng Bạch, Trọng Quan, Hồng Giang, Đông "
                     "Quan, Đông Á, Đông Hoàng, Đông Dương, Minh Phú")


@pytest.mark.parametrize("date, units", [("2024-10-31", DONG_HUNG_2024_09), ("2024-11-01", DONG_HUNG_2024_11)])
def test_communes_named_only_in_ascii_by_the_source_are_dated_by_their_resolution(date, units):
    got = sorted(name_key(u.short) for u in G.units_of("340", date))
    assert got == sorted(name_key(n) for n in units.split(", "))


def test_a_commune_a_merger_formed_begins_on_its_day_from_all_its_predecessors():
    [lien_an_do] = [u for u in G.units.values() if u.parent == "340" and u.label == "Xã Liên An Đô"]
    assert lien_an_do.valid_from == "2024-11-01"
    olds = {G.units[o].label for o, targets in G.replaced_by.items() if (lien_an_do.key, False) in targets}
    assert olds == {"Xã Đô Lương", "Xã An Châu", "Xã Liên Giang"}
    assert all(G.units[o].valid_until == "2024-11-01" for o, targets in G.replaced_by.items()
               if (lien_an_do.key, False) in targets)


def test_a_name_means_the_unit_that_bore_it_on_the_date():
    """Thủ Đức: "phường An Khánh" in 2019 is the ward that went into Thủ Thiêm; from 2021 it is the former Bình An
    (GSO 27094), which a 2019 article calls "phường Bình An"."""
    def resolve(name, date):
        return G.resolve(name, ["phuong"], date, [["769"]]).unit
    assert resolve("An Khánh", "2019-06-30").label == "Phường An Khánh" and resolve("An Khánh", "2019-06-30").code is None
    assert resolve("An Khánh", "2022-06-30").key == "27094"
    assert resolve("Bình An", "2019-06-30").key == "27094"
    assert G.title("27094", "2019-06-30").label == "Phường Bình An" and G.title("27094", "2022-06-30").label == "Phường An Khánh"

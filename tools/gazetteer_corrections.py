"""The corrections tools/build_gazetteer.py makes to its source's data, each with its reason: data, kept apart
from the code that applies them (see tools/README.md and tools/crosscheck-report.md)."""
from kg.text import fold

# Wards absorbed by earlier mergers appear in the source only as aliases of the ward that absorbed them, with
# no date, numbered ones as "phuong12" and named ones in ASCII only ("xabinhngoc"). When they ended, by
# resolution of the Standing Committee of the National Assembly (its effective date): {district code: the
# absorbed units, a number for "Phường N", else the full title with diacritics as the resolution writes it},
# and the units the resolution created, which did not exist before it: {district code: names}. Each
# disappearance is also on the GSO's commune lists: a ward ends between the list before the effective date and
# the one after it (dvhcvn's copies of the GSO lists, 2019-12 to 2025-03; vietnam-provinces' lists of 2021-02-03
# and 2025-01-04). Where the resolution's text was read, the source's absorbing ward agrees with it; where only
# its number and date were read (1202, 1203), the absorbing ward is the source's. Phường 4 and 5 of Bến Tre
# (the GSO list of 2025-01 no longer has them; Bến Tre's People's Council proposed them into An Hội in 2024)
# stay undated: no resolution was found.
MERGERS = (
    ("2020-02-01", "Resolution 855/NQ-UBTVQH14, Bến Tre: Phường 1, 2 and 3 of Bến Tre city became Phường An Hội;"
                   " Xã Mỹ Thành went into Xã Bình Phú (VOV, 2020-02)",
     {"829": ["1", "2", "3", "Xã Mỹ Thành"]}, {"829": ["An Hội"]}),
    ("2021-01-01", "Resolution 1111/NQ-UBTVQH14, Ho Chi Minh City (Thủ Đức: Bình Khánh into Bình An, renamed An Khánh;"
                   " the former An Khánh into Thủ Thiêm)",
     {"768": ["12", "14"], "769": ["Phường Bình Khánh", "Phường An Khánh"], "770": ["6", "7", "8"], "771": ["3"], "773": ["5", "12"],
      "774": ["15"]}, {"770": ["Võ Thị Sáu"]}),
    ("2024-05-01", "Resolution 1013/NQ-UBTVQH15, Tiền Giang: Phường 4 into Phường 1, Phường 3 into Phường 2 of Gò Công"
                   " (vneconomy, 2024-03)", {"816": ["3", "4"]}, {}),
    ("2024-09-01", "Resolution 1105/NQ-UBTVQH15, Sóc Trăng: Phường 1 of Sóc Trăng city from Phường 9 and Phường 1"
                   " (congthuong.vn, 2024-11)", {"941": ["9"]}, {}),
    ("2024-11-01", "Resolution 1200/NQ-UBTVQH15, Phú Yên: Xã Bình Ngọc into Phường 1, Phường 6 into 4, Phường 8 into 2,"
                   " Phường 3 into 5 of Tuy Hòa (Lao Động, 2024-10)", {"555": ["3", "6", "8", "Xã Bình Ngọc"]}, {}),
    ("2024-11-01", "Resolution 1202/NQ-UBTVQH15, Tiền Giang (Mỹ Tho)", {"815": ["3", "7", "8"]}, {}),
    ("2024-11-01", "Resolution 1203/NQ-UBTVQH15, Vĩnh Long (Vĩnh Long city)", {"855": ["2"]}, {}),
    ("2024-12-01", "Resolution 1244/NQ-UBTVQH15, Long An: Phường 2 into Phường 1 of Tân An (Lao Động, 2024-10)",
     {"794": ["2"]}, {}),
    ("2024-12-01", "Resolution 1252/NQ-UBTVQH15, Cà Mau: Phường 4 into Phường 2 of Cà Mau city, a part of it into"
                   " Phường Tân Xuyên (baochinhphu.vn, 2024-11-06)", {"964": ["4"]}, {}),
    ("2025-01-01", "Resolution 1277/NQ-UBTVQH15, Trà Vinh: Phường 2 and 6 into Phường 3 of Trà Vinh city (Lao Động)",
     {"842": ["2", "6"]}, {}),
    ("2025-01-01", "Resolution 1278/NQ-UBTVQH15, Ho Chi Minh City 2023-2025",
     {"764": "4 7 9 13".split(), "765": "3 6 15 21 24".split(), "768": ["3", "17"], "770": ["10", "13"],
      "771": ["5", "7", "11"], "772": "2 4 6 9 12 13".split(), "773": ["6", "10", "14"], "774": ["3", "6", "8", "10"],
      "775": ["3", "4", "5", "6"], "776": "1 2 3 8 9 10 11 12 13".split()},
     {"776": ["Hưng Phú", "Rạch Ông", "Xóm Củi"]}),
    ("2025-01-01", "Resolution 1284/NQ-UBTVQH15, Đồng Tháp: Phường 2 into Phường 1 of Cao Lãnh; Phường Mỹ Ngãi from"
                   " Xã Mỹ Ngãi and Phường 11 (Lao Động)", {"866": ["2", "11"]}, {}),
)
# Named communes the source lists only in ASCII ("xadoluong"), found by that spelling on the GSO's lists (dvhcvn's
# copies, tools/gso_code_changes.csv), which give the name with diacritics and the list they left: dated where
# the resolution of their province in that GSO update, and the day it took effect, are known: {(province, the
# first GSO list without them): (day, resolution)}. Days: Lao Động and baochinhphu.vn for 1244, 1252, 1253;
# the release notes of thanglequoc/vietnamese-provinces-database, which copy the resolutions' dates, for 1104-1106
# and 1277-1318; vietnam.vn (Quốc hội) for the twelve resolutions of 2024-09-28 in effect from 2024-11-01.
_NOV_2024 = "Resolutions 1192-1203/NQ-UBTVQH15 of 2024-09-28, in effect from 2024-11-01"
WAVES = {
    ("Nam Định", "f3d30bd"): ("2024-09-01", "Resolution 1104/NQ-UBTVQH15, Nam Định"),
    ("Tuyên Quang", "f3d30bd"): ("2024-09-01", "Resolution 1106/NQ-UBTVQH15, Tuyên Quang"),
    **{(p, "4426bca"): ("2024-11-01", _NOV_2024) for p in (
        "Cần Thơ", "Đắk Lắk", "Đồng Nai", "Gia Lai", "Khánh Hòa", "Lào Cai", "Ninh Thuận", "Phú Yên", "Quảng Ninh",
        "Thái Bình", "Tiền Giang", "Vĩnh Long")},
    ("Long An", "39a8c06"): ("2024-12-01", "Resolution 1244/NQ-UBTVQH15, Long An"),
    ("Bình Thuận", "39a8c06"): ("2024-12-01", "Resolution 1253/NQ-UBTVQH15, Bình Thuận"),
    ("Huế", "87d3e0c"): ("2025-01-01", "Resolution 1314/NQ-UBTVQH15, Huế"),
    ("Hà Tĩnh", "87d3e0c"): ("2025-01-01", "Resolution 1283/NQ-UBTVQH15, Hà Tĩnh"),
    ("An Giang", "87d3e0c"): ("2025-01-01", "Resolution 1285/NQ-UBTVQH15, An Giang"),
    ("Hà Nam", "87d3e0c"): ("2025-01-01", "Resolution 1288/NQ-UBTVQH15, Hà Nam"),
    ("Ninh Bình", "87d3e0c"): ("2025-01-01", "Resolution 1318/NQ-UBTVQH15, Ninh Bình"),
}
# Absorbed units the source does not list at all, with the unit they went into (its key): Resolution 1111 put
# the former Phường An Khánh (GSO 27106 on the list of 2020-11) into Phường Thủ Thiêm.
NOT_IN_SOURCE = {("769", "Phường An Khánh"): "27118"}
# Absorbed units that went into more than one unit (key -> partly): Resolution 1252 moved 0.27 km2 of Phường 4
# of Cà Mau into Phường Tân Xuyên (32022) and the rest into Phường 2 (32002).
ABSORBED_TARGETS = {("964", "Phường 4"): {"32002": True, "32022": True}}
# Titles a unit bore before the one the source gives it: {unit key: [(former title, the first day it no longer
# held, None where that day is not known)]}. A name written with a former title ("tỉnh Quảng Ninh", "thị xã Gò
# Công", "phường Bình An") is that unit, and a document of that time calls it so. The three provinces that became
# centrally governed cities in 2026 (CITIES_2026), by resolutions of the National Assembly: Đồng Nai by
# 30/2026/QH16 from 2026-04-30, Quảng Ninh by 36/2026/QH16 from 2026-09-01, Bắc Ninh by 39/2026/QH16 from
# 2026-09-20 (the Government's portals xaydungchinhsach.chinhphu.vn, quangninh.gov.vn and vanban.chinhphu.vn, as
# cited by public repositories; the pages themselves were not read here).
TITLES = {
    "22": [("Tỉnh Quảng Ninh", "2026-09-01")],          # Resolution 36/2026/QH16
    "816": [("Thị xã Gò Công", "2024-05-01")],          # Resolution 1013/NQ-UBTVQH15: Thành phố Gò Công
    "27094": [("Phường Bình An", "2021-01-01")],        # Resolution 1111/NQ-UBTVQH14: renamed An Khánh
    "29881": [("Xã Mỹ Ngãi", "2025-01-01")],            # Resolution 1284/NQ-UBTVQH15: Phường Mỹ Ngãi
    "2025-24": [("Tỉnh Bắc Ninh", "2026-09-20")],       # Resolution 39/2026/QH16
    "2025-75": [("Tỉnh Đồng Nai", "2026-04-30")],       # Resolution 30/2026/QH16
}
MERGED_UNTIL = {(d, u if " " in u else "Phường " + u): until
                for until, _, districts, _ in MERGERS for d, units in districts.items() for u in units}
# The named absorbed units by the source's ASCII alias ("xabinhngoc"): their titles with diacritics.
NAMED_ABSORBED = {(d, fold(u).replace(" ", "")): u for _, _, districts, _ in MERGERS for d, units in districts.items()
                  for u in units if " " in u}
CREATED_FROM = {(d, name): since for since, _, _, created in MERGERS for d, names in created.items() for name in names}
ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8", "IX": "9", "X": "10"}
# 2026: three provinces became centrally governed cities (their former title and its day: TITLES); the source
# (2025) still has them as Tỉnh.
CITIES_2026 = {"Quảng Ninh", "Bắc Ninh", "Đồng Nai"}
# Old communes whose successors the source gives otherwise than the Government's correspondence table of old
# and new units (draft decision on the list and codes of administrative units, chinhphu.vn; read through
# vietnam-provinces 2026.9.0 by tools/crosscheck_gazetteer.py, see tools/crosscheck-report.md): the table's
# successors replace the source's, True where only part of the old unit went there. Why the source differs:
# a wrong extra from a same-named unit that wrong_extras() suspects but cannot settle (Ngã Năm: a Tân Long
# and a Long Bình elsewhere went into Thạnh Hòa and Phường Long Bình), a wrong extra of another kind
# (Hòa Thắng, Thủ Thừa), or a part missing (Văn Khê, Hòa Bình). Where the table's codes contradict its own
# names (Đặng Xá written with Cổ Bi's code 00553, Mỹ Hưng with Hồng Quang's, Phú Thịnh with Công Đa's), the
# source is right and nothing is changed.
OFFICIAL_TARGETS = {
    "09013": {"08980": True, "08995": True, "09022": True, "09817": True},   # Xã Văn Khê (Mê Linh): + Ô Diên
    "10798": {"10804": True, "10843": True},                                 # Xã Hòa Bình (Kim Thành): + Hà Nam
    "23053": {"23053": False},                                               # Xã Hòa Thắng (Bắc Bình): not Hồng Thái
    "28036": {"28036": False},                                               # Thị trấn Thủ Thừa: not Nhựt Tảo
    "31741": {"31741": False},                                               # Xã Tân Long (Ngã Năm): not Thạnh Hòa
    "31744": {"31741": False},                                               # Xã Long Bình (Ngã Năm): not Phường Long Bình
}

"""The corrections tools/build_gazetteer.py makes to its source's data, each with its reason: data, kept apart
from the code that applies them (see tools/README.md and tools/crosscheck-report.md)."""

# Wards absorbed by earlier mergers appear in the source only as aliases of the ward that absorbed them, with
# no date. When they ended, by resolution: {district code: the absorbed wards' numbers}, and the wards the
# resolution created, which did not exist before it: {district code: names}. Checked against the
# GSO's commune lists of 2021-02-03 and 2025-01-04 (in vietnam-provinces' repository, dev/seed-data): the wards
# of 2021 are absent from the first, those of 2025 present in the first and absent from the second. Absorbed
# wards of other districts (Mỹ Tho, Tuy Hòa, Phường 4 and 5 of Bến Tre, ...) ended on a date not
# recorded here: no validUntil. The effective dates are the resolutions' (855: as VOV reported it, 2020-02).
MERGERS = (
    ("2020-02-01", "Resolution 855/NQ-UBTVQH14, Bến Tre: Phường 1, 2 and 3 of Bến Tre city became Phường An Hội",
     {"829": "1 2 3"}, {"829": ["An Hội"]}),
    ("2021-01-01", "Resolution 1111/NQ-UBTVQH14, Ho Chi Minh City",
     {"768": "12 14", "770": "6 7 8", "771": "3", "773": "5 12", "774": "15"}, {"770": ["Võ Thị Sáu"]}),
    ("2025-01-01", "Resolution 1278/NQ-UBTVQH15, Ho Chi Minh City 2023-2025",
     {"764": "4 7 9 13", "765": "3 6 15 21 24", "768": "3 17", "770": "10 13", "771": "5 7 11",
      "772": "2 4 6 9 12 13", "773": "6 10 14", "774": "3 6 8 10", "775": "3 4 5 6", "776": "1 2 3 8 9 10 11 12 13"},
     {"776": ["Hưng Phú", "Rạch Ông", "Xóm Củi"]}),
)
MERGED_UNTIL = {(d, n): until for until, _, districts, _ in MERGERS for d, numbers in districts.items() for n in numbers.split()}
CREATED_FROM = {(d, name): since for since, _, _, created in MERGERS for d, names in created.items() for name in names}
ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8", "IX": "9", "X": "10"}
# 2026: three provinces became centrally governed cities; the source (2025) still has them as Tỉnh.
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

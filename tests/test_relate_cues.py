"""The role cues written right before an agency (kg.relate.cues): read on a gap's last characters, they say what
the cue pattern says on the whole gap."""
import re

import pytest

from kg.relate.cues import AT, AT_CUE, AT_UNITS, AT_UNITS_CUE, LEAD, LEAD_CUE, PARTNER, PARTNER_CUE, STAFF, STAFF_CUE

LONG = "Năm 2023, UBND quận đã triển khai nhiều mô hình cải cách hành chính hiệu quả trên địa bàn "


@pytest.mark.parametrize("cue, gap, ends", [
    (PARTNER_CUE, LONG + "phối hợp với ", True),
    (PARTNER_CUE, LONG + "phối hợp" + " " * 60 + "cùng" + " " * 40 + "các lực lượng  ", True),   # longer than it reads
    (PARTNER_CUE, LONG + "phối hợp với Công an, ", False),
    (LEAD_CUE, LONG + "do ", True),
    (LEAD_CUE, LONG + "Đội chủ trì: ", True),
    (LEAD_CUE, "”" * 50 + " của ", True),                  # the whole gap quote marks and "của"
    (LEAD_CUE, LONG + "” của ", False),                    # "của" leads only right after the name
    (LEAD_CUE, LONG + "kêu gọi", False),
    (AT_CUE, LONG + "tại\n", True),
    (AT_CUE, "b" * 69 + "tại", False),                     # a word's end, not the word "tại"
    (AT_CUE, "b" * 68 + " tại", True),
    (STAFF_CUE, LONG + "cử cán bộ ", True),
    (STAFF_CUE, LONG + "bố trí nhân viên ", True),
    (STAFF_CUE, LONG + "cán bộ đến ", False),              # the staff of no office named right after
    (AT_UNITS_CUE, LONG + "triển khai tại các ", True),      # the places of a plural
    (AT_UNITS_CUE, LONG + "tại 5 ", True),
    (AT_UNITS_CUE, LONG + "tại các hội nghị của ", False),
])
def test_a_cue_ends_a_gap(cue, gap, ends):
    assert cue.ends(gap) is ends


def test_the_same_answer_as_the_pattern_on_the_whole_gap():
    words = ["phối", "hợp", "với", "cùng", "các", "lực", "lượng", "do", "được", "chủ", "trì:", "của", "tại", "ở", "5",
             "”", "UBND", "xã", "Tại", "ĐƯỢC", "cán", "bộ", "nhân", "viên"]
    spaces = [" ", "  ", "\t", " " * 30, "\n"]
    gaps = [LONG + "".join(words[(k * 7 + j * 3) % len(words)] + spaces[(k + j) % len(spaces)] for j in range(k % 9))
            for k in range(400)]
    for pattern, cue in ((PARTNER, PARTNER_CUE), (LEAD, LEAD_CUE), (AT, AT_CUE), (STAFF, STAFF_CUE), (AT_UNITS, AT_UNITS_CUE)):
        for gap in gaps:
            assert cue.ends(gap) == (re.search(pattern, gap) is not None), gap

"""One model named twice: a shorter name that keeps the fuller one's first and last words, in its order, takes the
fuller name (kg.relate.initiatives._fuller_names; the rule is merge_names' docstring)."""
from kg.relate.initiatives import _fuller_names


def test_a_shorter_name_with_the_same_ends_and_order_takes_the_fuller_one():
    full = "Alo! Trung tâm Phục vụ hành chính công xin nghe!"
    assert _fuller_names({"Alo… xin nghe!", full}) == {"Alo… xin nghe!": full, full: full}


def test_a_name_alone_with_its_first_and_last_words_is_its_own():
    names = {"Một cửa liên thông", "Hành chính phục vụ tại nhà", "Tổ công tác lưu động"}
    assert _fuller_names(names) == {n: n for n in names}


def test_the_same_ends_in_another_order_are_two_names():
    a, b = "Một cửa liên thông điện tử tại phường", "Một cửa điện tử liên thông tại phường"
    assert _fuller_names({a, b}) == {a: a, b: b}


def test_the_fullest_of_several_and_a_name_without_words():
    short, middle, full = "Ngày thứ Bảy", "Ngày thứ Bảy không hẹn", "Ngày thứ Bảy không hẹn, không giấy"
    assert _fuller_names({short, middle, full, "…"}) == {short: short, middle: middle, full: full, "…": "…"}


def test_diacritics_and_case_aside():
    assert _fuller_names({"DỊCH VỤ CÔNG", "Dịch vụ hành chính công"})["DỊCH VỤ CÔNG"] == "Dịch vụ hành chính công"

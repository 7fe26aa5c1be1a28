"""What relating asks of a sentence, computed once: its mentions by label and position, the places they name,
who the sentence may be about, and the places written beside larger ones. The mentions are written by hand
from the sentence (offsets found in its text), and the answers are what a reader of the sentence says."""
import pytest

from kg.recognize import Mention
from kg.recognize.grammar import words_of
from kg.recognize.places import SOME_UNITS
from kg.relate.context import Analysed, ancestors, apposed, first_subject, key, parents, subject
from kg.relate.metrics import figures
from kg.segment import Sentence

LEVEL = "https://w3id.org/reform-kg/id/place-level/"
OFFSET = 100            # the sentence does not start the document: offsets are the document's

TEXT = ("UBND phường Bến Thành (quận 1, TPHCM) ra mắt mô hình “Một cửa liên thông” tại xã Tây Vinh, "
        "xã Tây Giang, một số xã và phường Phú Mỹ.")


def at(text: str, word: str, label: str, key: str = "", attrs: tuple = (), nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(OFFSET + start, OFFSET + start + len(word), word, label, key, attrs)


def place(text: str, word: str, level: str, names: tuple, count: int = 0, key: str = "") -> Mention:
    return at(text, word, "PLACE", key, (("level", LEVEL + level), ("names", names), ("count", count), ("bare", False)))


BEN_THANH = place(TEXT, "phường Bến Thành", "phuong", ("Bến Thành",))
UBND = at(TEXT, "UBND phường Bến Thành", "AGENCY", "ubnd", (("place", BEN_THANH),))
QUAN_1 = place(TEXT, "quận 1", "quan", ("1",))
TPHCM = place(TEXT, "TPHCM", "thanh-pho", ("Hồ Chí Minh",), key="ho-chi-minh")
MODEL = at(TEXT, "Một cửa liên thông", "MODEL")
KIND = at(TEXT, "Một cửa", "KIND", "mot-cua")
LIEN_THONG = at(TEXT, "liên thông", "KIND", "lien-thong")
TAY_VINH = place(TEXT, "xã Tây Vinh", "xa", ("Tây Vinh",))
TAY_GIANG = place(TEXT, "xã Tây Giang", "xa", ("Tây Giang",))
SOME = place(TEXT, "một số xã", "xa", (), count=SOME_UNITS)
PHU_MY = place(TEXT, "phường Phú Mỹ", "phuong", ("Phú Mỹ",))
MENTIONS = sorted([UBND, QUAN_1, TPHCM, MODEL, KIND, LIEN_THONG, TAY_VINH, TAY_GIANG, SOME, PHU_MY],
                  key=lambda m: (m.start, m.end, m.label))


@pytest.fixture
def sentence() -> Analysed:
    return Analysed(Sentence(OFFSET, OFFSET + len(TEXT), TEXT), list(MENTIONS))


def span(text: str, part: str) -> tuple[int, int]:
    start = OFFSET + text.index(part)
    return start, start + len(part)


def test_mentions_by_label_in_text_order(sentence):
    assert [m.text for m in sentence.of("PLACE")] == ["quận 1", "TPHCM", "xã Tây Vinh", "xã Tây Giang",
                                                   "một số xã", "phường Phú Mỹ"]
    assert sentence.of("FIELD") == []
    assert sentence.of("FIELD", OFFSET, OFFSET + 10) == []


def test_mentions_between_two_offsets(sentence):
    lo, hi = span(TEXT, "(quận 1, TPHCM)")
    assert sentence.of("PLACE", lo, hi) == [QUAN_1, TPHCM]
    # a mention that starts at `start` or ends at `end` is inside; one that crosses either is not
    assert sentence.of("PLACE", QUAN_1.start, TPHCM.end) == [QUAN_1, TPHCM]
    assert sentence.of("PLACE", QUAN_1.start + 1, TPHCM.end) == [TPHCM]
    assert sentence.of("PLACE", QUAN_1.start, TPHCM.end - 1) == [QUAN_1]
    assert sentence.of("KIND", MODEL.start, MODEL.end) == [KIND, LIEN_THONG]
    assert sentence.of("KIND", MODEL.end) == []                       # to the sentence's end
    assert sentence.of("PLACE", None, QUAN_1.end) == [QUAN_1]         # from the sentence's start


def test_a_models_name_and_what_follows_it_in_one_walk(sentence):
    # from the model's name to the sentence's end: the name holds two kinds, what follows it four places
    item, in_name, after = sentence.around(MODEL.start, MODEL.end, OFFSET + len(TEXT))
    assert in_name == {"MODEL": [MODEL], "KIND": [KIND, LIEN_THONG]}
    assert after == {"PLACE": [TAY_VINH, TAY_GIANG, SOME, PHU_MY]}
    assert item == {"MODEL": [MODEL], "KIND": [KIND, LIEN_THONG], "PLACE": [TAY_VINH, TAY_GIANG, SOME, PHU_MY]}
    # the same as asking for each label and range apart; a mention across `middle` is in neither part
    middle = KIND.end + 2                   # inside "liên thông"
    item, in_name, after = sentence.around(OFFSET, middle, TAY_VINH.end)
    assert in_name["KIND"] == [KIND] and "KIND" not in after and item["KIND"] == [KIND, LIEN_THONG]
    assert item["PLACE"] == sentence.of("PLACE", OFFSET, TAY_VINH.end) == [QUAN_1, TPHCM, TAY_VINH]
    assert in_name["AGENCY"] == [UBND] and "MODEL" not in in_name and "MODEL" not in after


def test_the_list_given_is_the_callers_own(sentence):
    sentence.of("PLACE").clear()
    sentence.of("PLACE", OFFSET).append(MODEL)
    assert len(sentence.of("PLACE")) == 6


def test_places_the_mentions_name(sentence):
    assert [(m.text, p.text) for m, p in sentence.places()] == [
        ("UBND phường Bến Thành", "phường Bến Thành"), ("quận 1", "quận 1"), ("TPHCM", "TPHCM"),
        ("xã Tây Vinh", "xã Tây Vinh"), ("xã Tây Giang", "xã Tây Giang"), ("một số xã", "một số xã"),
        ("phường Phú Mỹ", "phường Phú Mỹ")]


def test_who_the_sentence_may_be_about(sentence):
    # not the places in brackets, nor "một số xã" (no one's place)
    assert sentence.subjects() == [UBND, TAY_VINH, TAY_GIANG, PHU_MY]
    assert first_subject(sentence) == UBND
    assert subject(sentence, MODEL.start) == UBND
    assert subject(sentence, UBND.end - 1) is None
    assert subject(sentence, len(TEXT) + OFFSET) == PHU_MY


def test_an_added_mention_is_indexed(sentence):
    gtel = at(TEXT, "Tây Vinh", "AGENCY", "gtel")       # not a real agency: it only has to be new and in the middle
    assert sentence.of("AGENCY") == [UBND] and gtel not in sentence.subjects()      # asked before it is added
    sentence.add([gtel])
    assert sentence.of("AGENCY") == [UBND, gtel]
    assert sentence.of("AGENCY", TAY_VINH.start) == [gtel]
    assert gtel in sentence.subjects()


def test_places_written_beside_larger_ones(sentence):
    # "phường Bến Thành (quận 1, TPHCM)": the ward lies in District 1, District 1 in the city; "xã Tây Vinh, xã Tây
    # Giang" lists two communes, and "một số xã" names none
    pairs = apposed([sentence])
    assert [(left.text, right.text) for left, right in pairs] == [("phường Bến Thành", "quận 1"), ("quận 1", "TPHCM")]
    parent_of = parents(pairs)
    assert parent_of == {key(BEN_THANH): QUAN_1, key(QUAN_1): TPHCM}
    assert ancestors(BEN_THANH, parent_of) == {key(QUAN_1), key(TPHCM)}
    assert ancestors(TAY_VINH, parent_of) == set() and key(TAY_VINH) not in parent_of


def test_a_loop_of_places_ends():
    text = "phường A (quận B), quận B (phường A)"
    a = place(text, "phường A", "phuong", ("A",))
    b = place(text, "quận B", "quan", ("B",))
    assert ancestors(a, {key(a): b, key(b): a}) == {key(b), key(a)}


def test_each_figure_is_labelled_with_its_clause():
    text = "Năm 2023, phường tiếp nhận 1.200 hồ sơ (tăng 15%); trả đúng hạn 98%."
    numbers = [at(text, n, "METRIC", attrs=(("value", v),)) for n, v in (("1.200", 1200), ("15%", 15), ("98%", 98))]
    a = Analysed(Sentence(OFFSET, OFFSET + len(text), text), numbers)
    assert [f.label for f in figures(a, [], [])] == ["phường tiếp nhận 1.200 hồ sơ", "tăng 15%", "trả đúng hạn 98%"]


def test_words_compared_aside_from_case_quotes_and_commas():
    assert words_of("“Một cửa”,  liên\u00a0thông «số»") == "một cửa liên thông số"


def test_a_sentence_that_repeats_the_first_words_of_a_name_goes_on_about_it():
    from kg.relate.continuation import _about
    from kg.relate.initiatives import InitiativeFacts
    told = "Phường triển khai mô hình cử cán bộ tổ địa chính đến tận nhà người cao tuổi."
    name = at(told, "cử cán bộ tổ địa chính đến tận nhà", "MODEL")
    model = InitiativeFacts(name, Sentence(OFFSET, OFFSET + len(told), told), label=name.text)

    def about(text: str):
        return _about(Analysed(Sentence(OFFSET, OFFSET + len(text), text), []), [model])
    # the same three words, in another case and between quotes, mid-sentence
    assert about("Mỗi tuần, phường lại “Cử cán bộ” xuống tận nhà hỗ trợ người dân.") is model
    assert about("Cán bộ phường được cử xuống tận nhà hỗ trợ người dân.") is None     # the words, not in that order


@pytest.mark.parametrize("text, ends_before", [
    # the semicolons inside the brackets list fields; the item goes on to its places and ends at the next ";"
    ("UBND Quận 4 triển khai mô hình “Một cửa điện tử” (gồm lĩnh vực đất đai; hộ tịch; xây dựng) tại Phường 1 và "
     "Phường 2; Quận 4 cũng tổ chức tập huấn.", "; Quận 4 cũng"),
    # one semicolon in each of two brackets: neither ends the item
    ("Mô hình “Một cửa điện tử” (đất đai; hộ tịch) tại Phường 1 (Quận 4; TP.HCM) phối hợp với Bưu điện Quận 4; "
     "ngoài ra còn nhiều mô hình khác.", "; ngoài ra"),
    # no bracket: the first semicolon ends it
    ("Mô hình “Một cửa điện tử” tại Phường 1; Phường 2 chưa triển khai.", "; Phường 2"),
])
def test_a_models_item_ends_at_the_first_semicolon_outside_brackets(text, ends_before):
    from kg.relate.initiatives import item_end
    model = at(text, "Một cửa điện tử", "MODEL")
    a = Analysed(Sentence(OFFSET, OFFSET + len(text), text), [model])
    assert item_end(a, model) == OFFSET + text.index(ends_before)

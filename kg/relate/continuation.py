"""A sentence with no model that goes on about one named before it.

News tells a model in the sentences after the one that names it: "Tổ công tác liên ngành phường Thục Phán hỗ
trợ người cao tuổi nộp hồ sơ hưởng chính sách trợ cấp hưu trí xã hội", "Tại các điểm hỗ trợ lưu động, hơn 20
công chức Trung tâm ..., Công an, phòng Văn hóa - Xã hội ... tham gia", "Chương trình có sự tham gia của ...".
Such a sentence takes the model up by a pointer ("mô hình này", "Chương trình có ..."), by a practice word of
the model's own (its kind: "lưu động", "bưu chính công ích"; not a generic one like "hỗ trợ"), by the model's
own agency as subject, or by the head of its name ("Điểm phục vụ đầu tiên ..."); or by an agency of the one
ward a model named earlier runs in ("Theo báo cáo của Trung tâm PVHCC xã Vị Thanh 1, đơn vị này ..."). Its
agencies then take part in the model and its procedures are the model's. Without such a reference, only partners
named with "phối hợp cùng/với" are taken (the rule ids are in ontology/model-grammar.json, "continuation").
"""
from __future__ import annotations

from kg.recognize import Mention
from kg.recognize.grammar import load as load_grammar, words_of
from kg.relate.context import Analysed, commenting, first_subject, place_of, rank, some
from kg.relate.initiatives import INVOLVED, PARTNER, InitiativeFacts, roles
from kg.text import per_text


class Earlier:
    """The models a text named before a sentence (relate's list, which it extends), with those that run in one ward
    alone indexed by that ward as relate goes: a long text names thousands of models, each looked at once rather
    than at every sentence. A model's places may still grow while it is the last one named (relate adds the wards
    a later sentence launches it in), so the last one is looked at on each call."""

    def __init__(self, models: list[InitiativeFacts]):
        self.models = models
        self._indexed = 0
        self._placed = 0                                    # indexed models that run somewhere
        self._alone: dict[tuple | None, list] = {}          # ward names -> [first model, its labels, how many]

    def in_ward(self, names: tuple) -> tuple[InitiativeFacts | None, int, int]:
        """(the first model that runs in this ward alone, how many labels those models have, how many models
        run somewhere else)."""
        last = len(self.models) - 1
        for i in self.models[self._indexed:last]:
            if i.places:
                self._placed += 1
                if len(i.places) == 1:
                    found = self._alone.setdefault(i.places[0].get("names"), [i, set(), 0])
                    found[1].add(i.label)
                    found[2] += 1
        self._indexed = max(self._indexed, last)
        first, labels, alone = self._alone.get(names, (None, set(), 0))
        placed, i = self._placed, self.models[last]
        if i.places:
            placed += 1
            if len(i.places) == 1 and i.places[0].get("names") == names:
                first, alone = first or i, alone + 1
                return first, len(labels) + (i.label not in labels), placed - alone
        return first, len(labels), placed - alone


def goes_on(a: Analysed, previous: list[InitiativeFacts], earlier: Earlier) -> None:
    """Give the model this sentence goes on about its agencies and procedures; `earlier` are all the models
    named before it, of which one may run in the ward whose agency is the sentence's subject."""
    if not a.of("AGENCY") and not a.of("PROCEDURE"):
        return                  # nothing to give: which model it goes on about does not matter
    about = _about(a, previous) or _of_the_ward(a, earlier)
    if about is None:
        partners = [(ag, r) for ag, r in roles(a, _free_agencies(a), a.sentence.start, default=None) if r == PARTNER]
        _add_agencies(previous[-1], partners)
        return
    found = [(ag, r) for ag, r in roles(a, _free_agencies(a), a.sentence.start, default=INVOLVED) if not commenting(a, ag)]
    _add_agencies(about, [(ag, PARTNER if r == PARTNER else INVOLVED) for ag, r in found])
    known = {p.key for p in about.procedures}
    about.procedures += [p for p in a.of("PROCEDURE") if p.key not in known]


def _about(a: Analysed, previous: list[InitiativeFacts]) -> InitiativeFacts | None:
    g = load_grammar()
    text = a.sentence.text
    if a.first(g.anaphora.regex) or a.first(g.goes_on.pointer):
        return previous[-1]
    generic = g.goes_on.generic
    said = {k.key for k in a.of("KIND") if words_of(k.text) not in generic}
    subject = first_subject(a)
    if subject is not None and g.goes_on.title.search(a.slice(max(a.sentence.start, subject.start - 20), subject.start)):
        subject = None              # "Chủ tịch UBND phường X yêu cầu ...": a person speaks, not the office
    agency = subject if subject is not None and subject.label == "AGENCY" else None
    opening, low, words = tuple(words_of(text[:40]).split()[:2]), "", ""
    for i in reversed(previous):
        if said and said & {k.key for k in i.kinds}:
            return i
        if agency is not None and any(_same_agency(agency, ag) for ag, _ in i.agencies):
            return i
        head = _head(i.label)
        if len(head) >= 2 and head[0] not in generic and opening == head[:2]:
            return i
        # "... cử cán bộ phường xuống hỗ trợ tôi": the first words of its name again (each of the sentence's words
        # is in its lower-cased text, so the sentence's words are listed only when those three are)
        if len(head) >= 4:
            low = low or text.lower()
            if head[0] in low and head[1] in low and head[2] in low:
                words = words or f" {words_of(text)} "
                if f" {' '.join(head[:3])} " in words:
                    return i
    return None


@per_text(maxsize=1024)
def _head(label: str) -> tuple[str, ...]:
    """The first four words of a model's name (or all, when it has fewer), as words_of gives them: from its first
    32 characters when those hold a fifth (so that the fourth is whole). Remembered: each sentence after a model
    compares its words with those of the models named before it."""
    words = words_of(label[:32]).split()
    return tuple((words if len(words) > 4 else words_of(label).split())[:4])


def _of_the_ward(a: Analysed, earlier: Earlier) -> InitiativeFacts | None:
    """ "Theo báo cáo của Trung tâm PVHCC xã Vị Thanh 1, đơn vị này đã tiếp nhận ...": in a text whose models run
    in different wards, an agency of a ward as the subject takes up the one model named before that runs in that
    ward alone (none when several do)."""
    if not earlier.models or not a.of("AGENCY"):
        return None
    subject = first_subject(a)
    where = place_of(subject) if subject is not None and subject.label == "AGENCY" else None
    if where is None or rank(where) != 3 or len(where.get("names") or ()) != 1:
        return None
    first, labels, elsewhere = earlier.in_ward(where.get("names"))
    return first if labels == 1 and elsewhere else None        # other models run elsewhere: the ward tells them apart


def _free_agencies(a: Analysed) -> list[Mention]:
    """The sentence's agencies outside brackets, less "một số xã" and kinds of office ("các bộ phận một cửa")."""
    blocked = a.brackets()
    g = load_grammar().goes_on
    return [ag for ag in a.of("AGENCY") if not any(lo <= ag.start < hi for lo, hi in blocked) and not some(place_of(ag))
            and not g.plural.search(a.slice(max(a.sentence.start, ag.start - 8), ag.start))
            and not g.level.match(a.sentence.text, ag.end - a.sentence.start)]


def _same_agency(x: Mention, y: Mention) -> bool:
    if x.key != y.key:
        return False
    px, py = place_of(x), place_of(y)
    return px is None or py is None or (px.get("names"), px.key) == (py.get("names"), py.key)


def _add_agencies(i: InitiativeFacts, found: list[tuple[Mention, str]]) -> None:
    have = {(ag.start, ag.end) for ag, _ in i.agencies}
    i.agencies += [(ag, role) for ag, role in found if (ag.start, ag.end) not in have]

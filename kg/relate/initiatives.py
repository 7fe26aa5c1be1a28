"""An initiative's places, agencies, procedures, fields, kinds and time reductions.

Its *item* is its name and what follows up to the next model, the next `;` or the sentence end. Places come
from the item's brackets or "tại X", then from its agencies, then from the sentence's subject (or, for
"Đây là ..." sentences, the previous sentence's), then from agencies in the name; none means the place the
document is about. The subject agency of a launching sentence ("UBND phường X ra mắt mô hình ...") leads it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.namespace import DEFAULT_BASE
from kg.recognize import Mention
from kg.recognize.grammar import grammar_data, load as load_grammar, words_of
from kg.recognize.places import SOME_UNITS
from kg.relate.context import AND, Analysed, about, ancestors, commenting, first_subject, key, place_of, possessed, rank, subject
from kg.relate.cues import AT_CUE, AT_UNITS_CUE, LEAD_CUE, PART_CUE, PARTNER_CUE, STAFF_CUE
from kg.segment import Sentence
from kg.text import fold, occurrences

LEAD, PARTNER, INVOLVED = "lead", "partner", "involved"
OTHER_KIND = DEFAULT_BASE + "kind/other"
_JOINED = re.compile(r"^[\s”\"'’]*(?:,|và|hoặc)[\s“\"'‘]*$")
_WORD = re.compile(r"\w+")
_JUDGED = re.compile(r"[ \t\xa0]*(?:khen thưởng|công nhận|đánh giá|biểu dương|tặng|ghi nhận|chọn|trao)(?!\w)", re.IGNORECASE)


@dataclass
class InitiativeFacts:
    name: Mention
    sentence: Sentence
    label: str = ""                                          # the name; the fullest one when a text names it twice
    places: list[Mention] = field(default_factory=list)      # empty: the place the document is about
    agencies: list[tuple[Mention, str]] = field(default_factory=list)
    kinds: list[Mention] = field(default_factory=list)
    fields: list[Mention] = field(default_factory=list)
    procedures: list[Mention] = field(default_factory=list)
    reductions: list[tuple[Mention, Mention | None, list[Mention]]] = field(default_factory=list)
    item_kinds: list[Mention] = field(default_factory=list)  # kinds named after the name, in its item


def item_end(a: Analysed, model: Mention) -> int:
    """Where a model's item ends: the next model, `;` or the sentence end. Models joined by "và" or a comma
    share what follows the last ("“A” và “B” tại Trung tâm X")."""
    later = a.of("MODEL", model.start + 1)
    if later and _JOINED.match(a.slice(model.end, later[0].start)):
        return item_end(a, later[0])
    limit = later[0].start if later else a.sentence.end
    depth, base = 0, a.sentence.start
    for i, ch in occurrences(a.sentence.text, "();", model.end - base, limit - base):    # the only characters that count
        if ch == ";" and depth <= 0:
            return base + i
        depth += 1 if ch == "(" else -1 if ch == ")" else 0     # (a ";" in brackets counts for nothing)
    return limit


def initiative(a: Analysed, name: Mention, previous: Analysed | None, known: list[Mention] = (),
               told: Analysed | None = None) -> InitiativeFacts:
    """The facts of one model; `known` are the agencies the text named before this sentence, `told` the last of
    the two sentences before it that named procedures. The mentions of its name and of the rest of its item
    are found in one walk (Analysed.around)."""
    end = item_end(a, name)
    item, in_name, after = a.around(name.start, name.end, end)
    kinds, procs_in_name = in_name.get("KIND", []), in_name.get("PROCEDURE")
    if procs_in_name:
        kinds = [k for k in kinds if not any(k.within(p.start, p.end) for p in procs_in_name)]
    # the only model of its sentence owns the procedures before it too ("nộp thủ tục đất đai ..., khi Trung tâm
    # triển khai mô hình “...”")
    procedures = (a.of("PROCEDURE", a.sentence.start, end) if len(a.of("MODEL")) == 1
                  else item.get("PROCEDURE", [])) or _procedures_before(a, told)
    brackets = [b for b in a.brackets(name.end, end) if not _says_where(a, *b)]
    places, agencies = after.get("PLACE", []), after.get("AGENCY", [])
    named, bracketed, cued = _item_agencies(a, name, in_name.get("AGENCY", []), agencies, brackets)
    who, led_by_subject = _subject_agencies(a, name, previous, known)
    where = [p for lo, hi in brackets for p in places if lo <= p.start and p.end <= hi] \
        + _owners(a, name, places) + _at_places(a, name.end, places, agencies, brackets)
    if where and who is not None:       # "UBND phường A triển khai mô hình ..., nhân rộng tại các phường B, C": A too
        where = [p for p in _places_of([(who, None)]) if p.get("names") and not p.get("count")
                 and any(p.get("level") == q.get("level") for q in where)] + where
    if not where:
        after_name = bracketed + cued
        where = [_named_level(a, p) for p in _places_of(after_name or ([(who, None)] if who is not None else named))]
    facts = InitiativeFacts(name, a.sentence, " ".join(name.text.split()),
                            [p for p in where if p.get("count") != SOME_UNITS], named + bracketed + cued + led_by_subject,
                            kinds, item.get("FIELD", []), procedures, item_kinds=after.get("KIND", []))
    facts.reductions = [_reduction(a, r, facts, brackets) for r in item.get("REDUCTION", [])]
    return facts


def _item_agencies(a: Analysed, name: Mention, in_name: list[Mention], after: list[Mention], brackets) -> tuple[list, ...]:
    """(role, agency) pairs of the agencies named in the model's name, in its item's brackets, and after its
    name with a cue word. An agency inside the name takes part only when written as a name or placed with "tại"
    ("qua đường bưu điện" names no post office; "tại bộ phận một cửa" names the desk, "cử cán bộ tổ địa chính" the team)."""
    if not in_name and not after:
        return [], [], []                   # (most items name no agency)
    named = roles(a, [ag for ag in in_name if _written_as_name(ag, name) or _placed(a, max(name.start, ag.start - 12), ag.start)],
                  name.start, default=LEAD)
    bracketed = [(ag, LEAD) for lo, hi in brackets for ag in after if lo <= ag.start and ag.end <= hi]
    outside = [ag for ag in after if not any(ag.within(lo, hi) for lo, hi in brackets)]
    cued = [(ag, r) for ag, r in roles(a, outside, name.end, default=None) if r in (LEAD, PARTNER)]
    cued += [(ag, INVOLVED) for ag in outside if AT_CUE.ends(a.slice(max(name.end, ag.start - 12), ag.start))]
    cued += [(ag, INVOLVED) for ag in _taking_part(a, outside, name.end, listed=True) if all(ag is not c for c, _ in cued)]
    return named, bracketed, cued


def _written_as_name(ag: Mention, name: Mention) -> bool:
    """An agency in a model's name written as a name: capitalised where a name's first word need not be, or with its
    own place or name ("Bưu điện trả hồ sơ tận nhà" names what the post does, no post office)."""
    return ag.text[0].isupper() and (ag.start > name.start or ag.get("place") is not None or ag.get("name") is not None)


def _placed(a: Analysed, start: int, end: int) -> bool:
    """Whether the gap before a lower-case agency in a name places it ("tại") or names its staff ("cán bộ")."""
    gap = a.slice(start, end)
    return AT_CUE.ends(gap) or STAFF_CUE.ends(gap)


def _subject_agencies(a: Analysed, name: Mention, previous: Analysed | None,
                      known: list[Mention]) -> tuple[Mention | None, list[tuple[Mention, str]]]:
    """Who the sentence is about before the name (or, for "Đây là ...", who the previous one was about; or the
    agency a bare head names), and the agencies that makes lead or take part in the model."""
    who = subject(a, name.start) or (first_subject(previous) if previous is not None and a.refers_back() else None)
    before = _named_before(a, name.start, known) if who is None else []
    who = before[0] if len(before) == 1 else who
    if who is not None and who.label == "AGENCY" and commenting(a, who):
        who = None                  # "Ông X, Phó Giám đốc Sở ... cho rằng, các tổ công nghệ số ...": an opinion
    taking_part = _taking_part(a, [m for m in a.subjects() if m.end <= name.start], a.sentence.start)
    if who is not None and any(who is ag for ag in taking_part):
        who = None                  # "Với sự tham gia của Đoàn Thanh niên và Hội Phụ nữ, mô hình ...": none leads
    led_by_subject = [(who, LEAD)] if who is not None and who.label == "AGENCY" else [(ag, LEAD) for ag in before]
    led_by_subject += [(ag, INVOLVED) for ag in taking_part]
    if who is not None:             # "UBND phường X phối hợp Bưu điện Y triển khai ...": Y a partner (context.subject)
        between = [m for m in a.subjects() if m.label == "AGENCY" and who.end <= m.start and m.end <= name.start]
        led_by_subject += [(ag, role) for ag, role in roles(a, between, who.end, default=None) if role == PARTNER]
    first = first_subject(a)        # "UBND phường X thành lập tổ công tác ... triển khai mô hình ...": X takes part
    if first is not None and first.label == "AGENCY" and first.end <= name.start and first != who \
            and PARTNER_CUE.ends(a.slice(a.sentence.start, first.start)):
        return who, led_by_subject + [(first, PARTNER)]     # "Với sự phối hợp của Bưu điện tỉnh, UBND phường X ..."
    if first is not None and first.label == "AGENCY" and first.end <= name.start and first != who and not possessed(a, first) \
            and (led_by_subject and not _many(a, first, titles=False)
                 or (who is not None and first.end <= who.start and not _many(a, first))):
        led_by_subject.append((first, INVOLVED))    # "GTEL cũng hỗ trợ phường X xây dựng ...": GTEL takes part
    return who, led_by_subject


def _taking_part(a: Analysed, candidates: list[Mention], start: int, listed: bool = False) -> list[Mention]:
    """The agencies a phrase says take part: "(Với) sự tham gia của A, B và C", up to the item after "và" (a list of
    commas alone gives its first: "Với sự tham gia của A, UBND phường X ..." goes on to the subject), or, after a
    model's name (`listed`), up to the list's end ("... thu hút sự tham gia của Hội Cựu chiến binh, Hội Phụ nữ, Đoàn
    Thanh niên xã"). `candidates`: agencies and places in text order from `start`."""
    for k, m in enumerate(candidates):
        if m.label == "AGENCY" and PART_CUE.ends(a.slice(candidates[k - 1].end if k else start, m.start)):
            out = [m]
            for n in candidates[k + 1:]:
                gap = a.slice(out[-1].end, n.start)
                if n.label != "AGENCY" or not AND.match(gap):
                    break
                out.append(n)
                if "và" in gap:
                    return out
            return out if listed else out[:1]
    return []


def _places_of(found: list[tuple[Mention, str | None]]) -> list[Mention]:
    """The places of these agencies (or places), in order."""
    return [p for p in (place_of(m) for m, _ in found) if p is not None]


def _named_level(a: Analysed, place: Mention) -> Mention:
    """A bare level ("Trung tâm PVHCC phường") after a place of that level named earlier in the sentence ("Tại trụ
    sở UBND phường Bến Thành, Trung tâm PVHCC phường ..."): that place; else the bare level (the document's place)."""
    if not place.get("bare"):
        return place
    level = place.get("level")
    named = [p for m, p in a.places() if m.end <= place.start and about(a, m) and p.get("level") == level and p.get("names")
             and not p.get("count")]
    return named[-1] if named else place


def _procedures_before(a: Analysed, told: Analysed | None) -> list[Mention]:
    """ "Cùng với việc giải quyết thủ tục nhanh chóng, ... còn gửi thư chúc mừng": a "thủ tục" that names none
    means the procedures one of the two sentences before named, the nearer first ("... đủ điều kiện trợ cấp hưu trí
    xã hội. ... khi được đoàn ... tới tận nhà hỗ trợ làm thủ tục trợ cấp") (rule relate.procedure-back-reference)."""
    if told is None or a.of("PROCEDURE"):
        return []
    back = a.first(load_grammar().procedure_back.regex)
    return told.of("PROCEDURE") if back else []


def _named_before(a: Analysed, before: int, known: list[Mention]) -> list[Mention]:
    """ "Trung tâm cũng ra mắt ...", "đơn vị này đã ...": the last agency named with that head; "hai bên đã ...":
    the last two agencies named (rule relate.bare-agency)."""
    bare = load_grammar().bare_agency.regex.search(a.slice(a.sentence.start, before)) if known else None
    if bare is None:
        return []
    if bare["both"]:
        two: list[Mention] = []
        for ag in reversed(known):
            if ag.text not in {t.text for t in two}:
                two.append(ag)
        return two[:2][::-1] if len(two) >= 2 else []
    head = (bare["head"] or "").lower()
    return next(([ag] for ag in reversed(known) if ag.text.lower().startswith(head)), [])


def _many(a: Analysed, agency: Mention, titles: bool = True) -> bool:
    """ "các Đoàn xã, phường": a kind of body, not one; "tại trụ sở Sở Tư pháp": a building; "Phó Chánh Văn phòng UBND
    ...": a person's office (when `titles`: "Chủ tịch UBND tỉnh đề nghị Bưu điện tỉnh phối hợp ...": one who acts)."""
    g = load_grammar().goes_on
    return bool(g.plural.search(a.slice(max(a.sentence.start, agency.start - 8), agency.start))
                or titles and g.title.search(a.slice(max(a.sentence.start, agency.start - 20), agency.start)))


def _says_where(a: Analysed, lo: int, hi: int) -> bool:
    """A bracket right after a place or an agency that only says where it lies: "xã Lao Bảo (tỉnh Quảng Trị)"."""
    inside = a.of("PLACE", lo, hi)
    before = [p for m, p in a.places() if lo - 2 <= m.end <= lo] if inside else []
    return bool(before) and all(rank(p) < rank(before[-1]) for p in inside) \
        and not a.of("AGENCY", lo, hi) and not a.slice(lo, hi).strip("() ").lower().startswith(("phường", "xã", "thị trấn"))


def _owners(a: Analysed, name: Mention, places: list[Mention]) -> list[Mention]:
    """ "Mô hình “Một cửa điện tử” của phường Tân Định ...": the place whose model it is, right after its name."""
    return [p for p in places[:1] if LEAD_CUE.ends(a.slice(name.end, p.start)) and "của" in a.slice(name.end, p.start)]


def _at_places(a: Analysed, start: int, places: list[Mention], agencies: list[Mention], brackets) -> list[Mention]:
    """Places the item introduces with "tại" or "ở", of a unit or of a plural: "thực hiện thí điểm tại xã Tây Vinh,
    Tây Giang", "được học tập, triển khai tại các phường Đa Kao, Bến Nghé" (`places` and `agencies`: those of the item
    from `start`, its name's end)."""
    if not places:
        return []
    out = []
    agency_ends = {ag.end for ag in agencies}
    for p in places:
        cue = AT_UNITS_CUE.ends(a.slice(max(start, p.start - 16), p.start)) or \
            (out and AND.match(a.slice(out[-1].end, p.start)))        # "tại xã Đại Thanh và xã Mỹ Đức"
        if cue and not any(lo <= p.start < hi for lo, hi in brackets) \
                and not any(a.slice(e, p.start).strip() in ("tại", "ở") for e in agency_ends if e <= p.start):
            out.append(p)       # "Bộ phận Một cửa tại các xã" locates the desk, not the model
    return out


def roles(a: Analysed, agencies: list[Mention], start: int, default: str | None) -> list[tuple[Mention, str | None]]:
    """Roles from the words before each agency: "phối hợp với B và C" makes partners, "do A" or "của A" a lead;
    an agency with no such word takes `default` if it comes first, else it merely takes part."""
    out: list[tuple[Mention, str | None]] = []
    prev_end, prev_role = start, None
    for ag in agencies:
        gap = a.slice(prev_end, ag.start)
        if PARTNER_CUE.ends(gap) or (prev_role == PARTNER and AND.match(gap)):
            role = PARTNER
        elif prev_role == LEAD and AND.match(gap) and not default:      # "của A, B và C": all lead
            role = LEAD
        elif LEAD_CUE.ends(gap) and not _JUDGED.match(a.slice(ag.end, ag.end + 30)):
            role = LEAD             # not "được UBND quận khen thưởng": who praises a model does not run it
        elif AT_CUE.ends(gap):
            role = INVOLVED
        else:
            role = default if prev_role is None else INVOLVED
        out.append((ag, role))
        prev_end, prev_role = ag.end, role
    return out


def _reduction(a: Analysed, r: Mention, facts: InitiativeFacts, brackets) -> tuple[Mention, Mention | None, list[Mention]]:
    procs = [p for p in facts.procedures if p.start < r.start]
    proc = procs[-1] if procs else None
    if proc is None:
        return r, None, facts.places
    following = [p.start for p in facts.procedures if p.start > proc.start]
    limit = min(following) if following else a.sentence.end
    places = [p for lo, hi in brackets if proc.end <= lo < limit for p in a.of("PLACE", lo, hi)]
    return r, proc, places or facts.places


def merge_names(initiatives: list[InitiativeFacts], parent_of: dict) -> None:
    """One model named twice in a text is one initiative. A shorter name that keeps the fuller one's first
    and last words and its word order ("Alo… xin nghe!" in "Alo! Trung tâm ... xin nghe!") takes the fuller
    name; the initiative runs in the places any mention gives, less those that only contain another."""
    fuller = _fuller_names({i.label for i in initiatives})
    for i in initiatives:
        i.label = fuller[i.label]
    groups: dict[str, tuple[list[tuple[tuple, Mention]], set[tuple]]] = {}   # label -> (kept (key, place), keys seen)
    for i in initiatives:
        group, have = groups.setdefault(i.label, ([], set()))
        keys = [key(p) for p in i.places]
        group += [(k, p) for k, p in zip(keys, i.places) if k not in have]
        have.update(keys)
    places: dict[str, list[Mention]] = {}
    for label, (group, _) in groups.items():
        inner = set().union(*(ancestors(p, parent_of) for _, p in group)) if group else set()
        places[label] = [p for k, p in group if k not in inner]
    for i in initiatives:
        i.places = places[i.label] or i.places


def retold(initiatives: list[InitiativeFacts], generic: frozenset[str]) -> None:
    """A practice described after a launch verb ("cử cán bộ đến tận nhà") whose specific kinds a named model of
    the text already has ("Hành chính phục vụ tại nhà"), or that starts with the same three words as one told
    before it ("cử cán bộ tổ địa chính ...", then "cử cán bộ phường xuống ..."), tells that model again: it
    takes the model's name."""
    said: dict[int, set[str]] = {}          # id of an initiative -> its specific kinds, worked out once

    def specific(i: InitiativeFacts) -> set[str]:
        found = said.get(id(i))
        if found is None:
            found = said[id(i)] = {k.key for k in i.kinds if words_of(k.text) not in generic}
        return found

    def opening(i: InitiativeFacts) -> tuple[str, ...]:
        words = words_of(i.label).split()
        return tuple(words[:3]) if len(words) >= 4 else ()
    described = [bool(i.name.get("described")) for i in initiatives]
    named = [i for i, d in zip(initiatives, described) if not d and specific(i)]
    for n, i in enumerate(initiatives):
        if not described[n]:
            continue
        mine = specific(i)
        same = next((j for j in named if mine <= specific(j)), None) if mine else None
        same = same or next((j for j in initiatives[:n] if opening(i) and opening(j) == opening(i)), None)
        if same is not None:
            i.label = same.label


def _fuller_names(labels: set[str]) -> dict[str, str]:
    """Each distinct label's fullest alias. Compared only among names with the same first and last words, so
    a long article that names the same models thousands of times costs linear time, not quadratic."""
    fuller = {label: label for label in labels}
    folded = {label: fold(label) for label in labels}
    by_ends: dict[tuple[str, str], list[str]] = {}
    for label, text in folded.items():
        first = _WORD.search(text)
        if first is not None:        # (the last run of word characters is the first of the text reversed)
            by_ends.setdefault((first.group(), _WORD.search(text[::-1]).group()[::-1]), []).append(label)
    for same_ends in by_ends.values():
        if len(same_ends) > 1:       # (a name alone with its first and last words is its own fullest)
            words = {label: _WORD.findall(folded[label]) for label in same_ends}
            for label in same_ends:
                mine = words[label]
                fuller[label] = max((len(words[other]), other) for other in same_ends
                                    if other == label or _alias(mine, words[other]))[1]
    return fuller


def give_kinds(initiatives: list[InitiativeFacts]) -> None:
    """Every model has a kind: the kinds its name says, and the one the head that named it says ("Ứng dụng Tây
    Ninh Smart" is an app, "mở cửa ... mùng 5 Tết" longer hours: model-grammar.json, a head's "kind"); else the
    nearest kind its item names ("Mô hình “5 rõ” ... minh bạch"), outside the names of the other models the item
    runs over and, after a word that says what the model is for, not one every office aims at ("... để phục vụ
    người dân"; "... để hỗ trợ người cao tuổi" says how); else "other", never none. A model named
    twice keeps the kinds any of its names gives; a practice told again after it (retold: "Ông Tư nói phường cử
    cán bộ xuống hỗ trợ ông") only its specific ones, a generic word there says nothing new."""
    heads, purpose, aims = _kind_grammar()
    generic, seen = load_grammar().goes_on.generic, set()
    names: dict[int, list[InitiativeFacts]] = {}        # the models of each sentence, by its start
    for i in initiatives:
        names.setdefault(i.sentence.start, []).append(i)
    for i in initiatives:
        head = heads.get(i.name.get("rule", ""))
        if head is not None and all(k.key != head for k in i.kinds):
            i.kinds = i.kinds + [Mention(i.name.start, i.name.end, i.name.text, "KIND", head, (("rule", i.name.get("rule")),))]
        if i.label in seen and i.name.get("described"):
            i.kinds = [k for k in i.kinds if words_of(k.text) not in generic]
            continue
        seen.add(i.label)
        if not i.kinds:
            told = [k for k in i.item_kinds if _says_how(i, k, names[i.sentence.start], purpose, aims)]
            i.kinds = told[:1] or [Mention(i.name.start, i.name.end, i.name.text, "KIND", OTHER_KIND,
                                           (("rule", "kind.other"),))]
    told = {i.label for i in initiatives if any(k.key != OTHER_KIND for k in i.kinds)}
    for i in initiatives:
        if i.label in told:
            i.kinds = [k for k in i.kinds if k.key != OTHER_KIND]


def _says_how(i: InitiativeFacts, kind: Mention, same_sentence: list[InitiativeFacts], purpose: re.Pattern,
              aims: frozenset[str]) -> bool:
    """Whether a kind named in a model's item says how that model is done: not in another model's name ("“GIOC”
    và “Trang thông tin điện tử phường ...”"), not every office's aim after a word that says what it is for."""
    if any(j is not i and kind.within(j.name.start, j.name.end) for j in same_sentence):
        return False
    base = i.sentence.start
    return (purpose.search(i.sentence.text, max(0, i.name.end - base), max(0, kind.start - base)) is None
            or words_of(kind.text) not in aims)


def _kind_grammar() -> tuple[dict[str, str], re.Pattern, frozenset[str]]:
    """(the kind each name head says, by its id; the words after which an item says what a model is for; the kind
    words that say only what every office aims at there), read from ontology/model-grammar.json once."""
    global _KIND_GRAMMAR
    if _KIND_GRAMMAR is None:
        data = grammar_data()
        heads = {h["id"]: DEFAULT_BASE + "kind/" + h["kind"] for h in data["name_heads"] if h.get("kind")}
        purpose = data["kind_purpose"]
        _KIND_GRAMMAR = (heads, re.compile(r"(?<!\w)(?:" + purpose["pattern"] + r")(?!\w)", re.IGNORECASE),
                         frozenset(words_of(w) for w in purpose["aims"]))
    return _KIND_GRAMMAR


_KIND_GRAMMAR: tuple[dict[str, str], re.Pattern, frozenset[str]] | None = None


def _alias(short: list[str], full: list[str]) -> bool:
    if not short or len(short) > len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(word in it for word in short)

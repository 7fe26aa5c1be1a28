"""Attach places, agencies, procedures, fields, kinds, reductions and figures to the initiative they belong to."""
from __future__ import annotations

from dataclasses import dataclass

from kg.ingest import Document
from kg.recognize import Mention
from kg.recognize.grammar import load as load_grammar
from kg.relate.context import Analysed, apposed, key, parents, rank, subject
from kg.relate.aliases import short_names
from kg.relate.continuation import Earlier, goes_on
from kg.relate.cues import AT_UNITS_CUE
from kg.relate.initiatives import INVOLVED, LEAD, PARTNER, InitiativeFacts, give_kinds, initiative, merge_names, retold
from kg.relate.metrics import MetricFacts, drop_headline_repeats, figures

__all__ = ["Analysed", "Facts", "InitiativeFacts", "MetricFacts", "LEAD", "PARTNER", "INVOLVED", "relate"]



@dataclass
class Facts:
    document: Document
    sentences: list[Analysed]
    initiatives: list[InitiativeFacts]
    metrics: list[MetricFacts]
    main_place: Mention | None
    parents: dict[tuple, Mention]
    most_named: Mention | None = None     # the place named most often, whatever its level (first on a tie)


def relate(document: Document, analysed: list[Analysed]) -> Facts:
    initiatives: list[InitiativeFacts] = []
    earlier = Earlier(initiatives)
    metrics: list[MetricFacts] = []
    previous: list[InitiativeFacts] = []
    before: Analysed | None = None
    announcer: Mention | None = None
    known: list[Mention] = []
    short_names(analysed)
    procedure_list = load_grammar().procedure_list.regex
    for n, a in enumerate(analysed):
        models = a.of("MODEL")
        if models:
            told = next((b for b in reversed(analysed[max(0, n - 2):n]) if b.of("PROCEDURE")), None)
            current = [initiative(a, m, before, known, told) for m in models]
            if announcer is not None:
                for i in current:
                    if not any(role == LEAD for _, role in i.agencies):
                        i.agencies.append((announcer, LEAD))
        else:                               # (a sentence that names a model announces none: _announcer)
            current = []
            announcer = _announcer(a) or announcer
            if previous:
                procedures = a.of("PROCEDURE")
                if procedures and a.first(procedure_list):
                    previous[-1].procedures += procedures
                previous[-1].places += _launched_in(a)
                goes_on(a, previous, earlier)
        initiatives.extend(current)
        metrics += figures(a, current, previous)
        previous = current or previous
        before = a
        known += a.of("AGENCY")
    pairs = apposed(analysed)
    parent_of = parents(pairs)
    retold(initiatives, load_grammar().goes_on.generic)
    merge_names(initiatives, parent_of)
    give_kinds(initiatives)
    title_end = analysed[0].sentence.end if analysed and document.title else document.content_start
    named = _named(analysed)
    titled = _named(analysed[:1]) if analysed and document.title else []
    main = _main_place(named, {right.start for _, right in pairs}, titled, _runners(initiatives), parent_of)
    return Facts(document, analysed, initiatives, drop_headline_repeats(metrics, title_end), main, parent_of,
                 _most_named(named))




def _announcer(a: Analysed) -> Mention | None:
    """The agency that says it launches a number of models ("Trung tâm ... phường Tam Thắng chính thức triển khai 2
    mô hình"): it leads the models the next sentences name."""
    counts = [m for m in a.of("METRIC") if str(m.get("unit", "")).endswith("/mo-hinh") and m.get("value")]
    if not counts:                      # (relate asks only of a sentence that names no model)
        return None
    verbs = [m.end() for m in load_grammar().any_launch.finditer(a.sentence.text)]
    counts = [m for m in counts if any(a.sentence.start + v <= m.start for v in verbs)]
    who = subject(a, counts[0].start) if counts else None
    return who if who is not None and who.label == "AGENCY" else None


def _launched_in(a: Analysed) -> list[Mention]:
    """The wards and communes a sentence with no model says the last model is launched in: "Giai đoạn 1 ... sẽ
    triển khai tại 5 UBND phường Phú Hòa, Phú Mỹ ...", "Danh sách 37 xã ... được chọn triển khai ... gồm: ..."."""
    wards = [(m, p) for m, p in a.places() if rank(p) == 3 and not p.get("count") and not p.get("bare")
             and (p.get("names") or p.key)]
    verb = a.first(load_grammar().any_launch) if wards else None
    if not verb:
        return []
    after = a.sentence.start + verb.end()
    return [p for m, p in wards if m.start >= after
            and (m.get("listed") or AT_UNITS_CUE.ends(a.slice(max(after, m.start - 16), m.start)))]


def _runners(initiatives: list[InitiativeFacts]) -> list[tuple[tuple, Mention]]:
    """The named places of the agencies that lead the models ("Công an xã Quyết Thắng", "UBND phường Bến Thành")."""
    places = (agency.get("place") for i in initiatives for agency, role in i.agencies if role == LEAD)
    return [(key(p), p) for p in places if p is not None and not p.get("count") and p.get("names")]


def _main_place(named: list[tuple[tuple, Mention]], beside: set[int], titled: list[tuple[tuple, Mention]] = (),
                runners: list[tuple[tuple, Mention]] = (), parent_of: dict[tuple, Mention] | None = None) -> Mention | None:
    """The place the document is about, as its wording says: the one ward or commune its title names, named
    first ("Phường Nam Nha Trang: Nỗ lực ..."; not "Huyện Hóc Môn nhân rộng mô hình ... của xã Xuân Thới Sơn");
    else the one ward or commune whose agencies lead its models, when the text names it more often than any other
    place and no larger place's agency leads one ("Chương trình ... do Thanh niên và Công đoàn phường Bến Thành
    triển khai" in a story that names "quận 1" fewer times, to say where the ward lies; not a district's story
    that names its wards, nor one where "UBND Quận 3 triển khai mô hình ... ở tất cả các phường", nor a commune
    where a city's centre runs a model); else the larger place it names most ("Quận 4"),
    else the ward or commune it names most. A ward is chosen so only when the text says where it lies
    (`parent_of`: "phường Bến Thành, quận 1"), which is what tells apart the wards of one name. A larger place
    written only to say where a ward lies ("phường Tam Thắng (TPHCM)", "xã Mỹ Hương, tỉnh Sóc Trăng") is not what
    the document is about: `beside` are the offsets of those."""
    placed = parent_of or {}
    in_title = {k: p for k, p in titled if rank(p) == 3}
    if len(in_title) == 1 and next(iter(in_title)) in placed and rank(titled[0][1]) == 3:
        return next(iter(in_title.values()))
    ranked = [(k, p, rank(p)) for k, p in named]
    wards = [(k, p) for k, p, r in ranked if r == 3]
    running = {k for k, p in runners if rank(p) == 3 and k in placed}
    if any(rank(p) < 3 for _, p in runners):        # a larger place's agency leads a model too: its story
        running = set()
    larger = [(k, p) for k, p, r in ranked if r < 3 and p.start not in beside]
    ward = _most_named(wards, strictly=True) if len(running) == 1 else None
    if ward is not None and key(ward) in running \
            and _counts(wards)[key(ward)] > max(_counts(larger).values(), default=0):
        return ward
    pool = larger or wards
    counts = _counts(pool)
    top = sorted(counts.values(), reverse=True)[:2]
    if not top or (not larger and len(top) > 1 and top[0] == top[1]):
        return None                     # wards named as often as each other: none is the document's
    return _most_named(pool, counts)


def _named(analysed: list[Analysed]) -> list[tuple[tuple, Mention]]:
    """The places the text names, each with its key, in text order (not "một số xã", not a bare level)."""
    return [(key(p), p) for a in analysed for _, p in a.places() if not p.get("count") and (p.get("names") or p.key)]


def _most_named(pool: list[tuple[tuple, Mention]], counts: dict[tuple, int] | None = None,
                strictly: bool = False) -> Mention | None:
    """The place of the pool named most often, the first on a tie (`counts`: the pool's, when known); none on a
    tie when `strictly`."""
    if not pool:
        return None
    counts = _counts(pool) if counts is None else counts
    best = max(counts.values())
    if strictly and sum(1 for n in counts.values() if n == best) > 1:
        return None
    return next(p for k, p in pool if counts[k] == best)


def _counts(pool: list[tuple[tuple, Mention]]) -> dict[tuple, int]:
    """How often the pool names each place (by key): a dict counted in a loop, not a Counter (whose making and
    most_common are Python steps of their own, ~10 µs a document)."""
    counts: dict[tuple, int] = {}
    for k, _ in pool:
        counts[k] = counts.get(k, 0) + 1
    return counts

"""Reform models (initiatives) by name.

Vietnamese news names a model after the word "mô hình": in quotes (“Một cửa”, "Ngày thứ 6 không hẹn"),
several in a row (“Một cửa”, “Một cửa liên thông”), as an unquoted named practice
("mô hình trao trả hồ sơ tại nhà"), or as the items of a list the word introduces
("các mô hình như: “A” (Phường 6); “B” (Phường 8); gửi thư chúc mừng ..."). A quoted text that is
only a procedure's name is that procedure, not a model; a quote not in a model's place (a slogan,
a campaign's theme, somebody's words) is not a model. Beyond the cue words, a model is a practice told after
a launch verb ("tổ chức khảo sát sự hài lòng ...", "cử cán bộ ... xuống tận nhà"), a device, channel or team
named by its head ("AI Kiosk thông minh", "đoàn hỗ trợ dịch vụ công lưu động"), or a practice a sub-heading
names. The grammar is data: ontology/model-grammar.json.
"""
from __future__ import annotations

import functools
import re

from kg.lexicon import Lexicon
from kg.recognize import Mention, Recognizer
from kg.recognize.grammar import Grammar, grammar_data, load as load_grammar, words_of
from kg.recognize.quotes import Quote, quotes
from kg.segment import Sentence
from kg.text import WORD_CHAR, lowered, space_before

# Cue words, launch verbs and name heads are data (ontology/model-grammar.json). After a copula
# ("X là mô hình hỗ trợ ...") what follows a cue describes, not names.
_SPACE = re.compile(r"[\s\xa0]*")
_CHAIN = re.compile(r"[\s\xa0]*(?:,|;|và|hoặc)[\s\xa0]*(?:mô hình[\s\xa0]*)?", re.IGNORECASE)
# Where an unquoted name ends: punctuation, or a word that starts the rest of the clause.
_GOES_ON = r"(?:đã|đang|sẽ|giúp|nhằm|được|để|thì|là|mà|với|nên|này|từ|trong|hay)"     # words that go on with a clause
_HEAD_END = re.compile(r"[.;:(“”\"…]|,(?=\s)|\s(?=" + _GOES_ON + r"\s)"
                       r"|\s(?=vào\s+(?:ngày|năm|tháng|lúc|dịp|đầu|cuối|giữa|thứ)\s)|\s(?=(?:(?:đến|tới)\s+)?(?:giai đoạn|năm|tháng)\s+\d)")
# A cue followed by one of them is the clause's subject, not a name: "Sau 6 tháng, mô hình đã hỗ trợ hơn 2.000 lượt ..."
_PREDICATE = re.compile(_GOES_ON + r"(?!\w)", re.IGNORECASE)
_LIST_INTRO = re.compile(r"[^.;:“\"(]{0,120}?:")
_ITEM_MARKS = re.compile(r"[();,]")
_ITEM_STOP = re.compile(r",\s|\.\.\.|…|\(")           # where a list item's name ends
_CODE = re.compile(r"(?:số[\s\xa0]+)?\d", re.IGNORECASE)         # a document's code after its word: "Đề án 06"
_OWN_PART = re.compile(r"\s(?:trên|qua|tại|vào|của|với|lên)\s")   # "... trên Cổng Dịch vụ công quốc gia": where, not whose
_LIKE = re.compile(r"[\s\xa0]*như[\s\xa0]+(?!là\b)", re.IGNORECASE)
_EXAMPLE_SEP = re.compile(r",\s+|\s+(?:hay|hoặc|và)\s+")
_ANAPHORA = {"này", "trên", "đó", "nói trên", "đã nêu"}
_GENERIC_START = ("mới", "đều", "sáng tạo", "cải cách", "hiệu quả", "điểm", "thí điểm", "đạt", "được", "và", "có", "của",
                  "như", "hay", "tiêu biểu", "điển hình", "hướng đến", "thể hiện", "tập trung")
_MAX_PRACTICE_WORDS = 25
_SPEECH_WORDS = 15          # a quote longer than this is somebody's words, not a name
_WHERE = {"tại", "ở", "trên", "cho", "của"}


def recognizer(lexicon: Lexicon) -> Recognizer:
    grammar = load_grammar()

    def recognize(sentence: Sentence) -> list[Mention]:
        starts = grammar.starts(sentence.text)
        if not starts and not _is_heading(sentence.text, grammar):
            return []
        return _Finder(lexicon, grammar, sentence).find(starts)
    return recognize


def _after_copula(text: str, end: int) -> bool:
    """The text before `end` ends with the word "là" ("như là" too), white space aside: what follows describes."""
    end = space_before(text, end)
    return lowered(text).endswith("là", 0, end) and (end == 2 or not WORD_CHAR.match(text, end - 3))


def _is_heading(text: str, grammar: Grammar) -> bool:
    """A sub-heading: a short line with no full stop at its end."""
    text = text.rstrip()
    return bool(text) and text[-1] not in ".!?:;…,”\"" and len(text.split()) <= grammar.heading_words


@functools.lru_cache(maxsize=1)
def _contexts() -> dict[str, tuple]:
    """For each head that has them: (its "not_after" words, its "needs": the verb it applies to and the words the
    sentence must hold), compiled once."""
    def words(pattern):
        return re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.IGNORECASE)
    return {h["id"]: (words(h["not_after"]) if h.get("not_after") else None,
                      (words(h["needs"]["when"]), words(h["needs"]["pattern"])) if h.get("needs") else None)
            for h in grammar_data()["name_heads"] if h.get("not_after") or h.get("needs")}


def _said_of_another(rule_id: str, text: str, start: int) -> bool:
    """Whether a head is said of something else than an office's service: the clause before it names a subject of
    another sort (its "not_after": "Nhiều siêu thị, cửa hàng tiện lợi mở cửa xuyên Tết" are shop hours; in "Trong
    khi các cửa hàng đóng cửa nghỉ Tết, Trung tâm ... vẫn mở cửa ..." the clause starts after the last comma), or
    its verb needs words the sentence lacks (its "needs": "làm việc vào thứ bảy" serves the public only where the
    sentence says so, "... để tiếp nhận hồ sơ", not "... để hoàn thành việc bàn giao trụ sở")."""
    found = _contexts().get(rule_id)
    if found is None:
        return False
    not_after, needs = found
    clause = max(text.rfind(c, 0, start) for c in ",;:") + 1
    if not_after is not None and not_after.search(text, clause, start):
        return True
    return needs is not None and needs[0].match(text, start) is not None and needs[1].search(text) is None


class _Finder:
    def __init__(self, lexicon: Lexicon, grammar: Grammar, sentence: Sentence):
        self.lexicon = lexicon
        self.grammar = grammar
        self.rule = ""                  # the id of the rule being applied, recorded on what it finds
        self.text = sentence.text
        self.base = sentence.start
        self.quotes = quotes(self.text)
        self.by_start = {q.start: q for q in self.quotes}
        self.found: dict[int, Mention] = {}

    def find(self, starts: list[tuple[int, str | None]]) -> list[Mention]:
        g = self.grammar
        for rule, cue in g.finditer(g.cues, self.text, starts):
            if not self._in_quote(cue.start()) and not _after_copula(self.text, cue.start()):
                self.rule = rule.id
                self._after_cue(cue.end(), rule.coded)
        for rule, verb in g.finditer(g.launch_verbs, self.text, starts):
            if not self._in_name_quote(verb.start(), rule) and not g.first(g.cues, self.text, _SPACE.match(self.text, verb.end()).end()):
                self.rule = rule.id
                self._launched(_SPACE.match(self.text, verb.end()).end(), quotes=not rule.practice_only,
                               name_start=verb.start() if rule.in_name else None)
        if _is_heading(self.text, g):
            lead = g.first(g.leads, self.text, 0)
            self.rule = g.heading.id
            self._launched(_SPACE.match(self.text, lead[1].end() if lead else 0).end())
        for rule, head in g.finditer(g.heads, self.text, starts):
            if _said_of_another(rule.id, self.text, head.start()):
                continue
            self.rule = rule.id
            self._headed(head.start(), head.end(), rule.id in g.alone)
        return [self.found[k] for k in sorted(self.found)]

    def _launched(self, pos: int, quotes: bool = True, name_start: int | None = None) -> None:
        """After a launch verb, a quoted name ("ra quân “Ngày Thứ bảy tình nguyện ...”"), or a practice that
        starts with a service (a field, a procedure, a practice word of the grammar) and says how it is done
        (a kind): "triển khai chứng thực ngoài giờ hành chính". The name starts at `name_start` when the verb
        is part of it ("cử cán bộ ...")."""
        if pos in self.by_start and not quotes:
            return
        if pos in self.by_start:
            heading = self.rule == self.grammar.heading.id       # a quoted sub-heading says how, or is a slogan
            if not heading or next(self.lexicon.kinds.finditer(self.text), None):
                self._quoted_chain(self.by_start[pos])
            return
        lex = self.lexicon
        starts = lex.fields.match_at(self.text, pos) or lex.procedures.match_at(self.text, pos)
        start_end = starts.end if starts else None
        if not starts:
            practice = self.grammar.practice.regex.match(self.text, pos)
            if not practice:
                return
            start_end, self.rule = practice.end(), self.grammar.practice.id
        end_match = _HEAD_END.search(self.text, pos)
        head = self.text[pos:end_match.start() if end_match else len(self.text)].strip()
        if self._says_how(head, start_end - pos if starts else 0, starts is not None, name_start is not None):
            start = pos if name_start is None else name_start
            self._add(start, pos + len(head), quoted=False, described=True)

    def _says_how(self, head: str, after: int, service: bool, verb_in_name: bool = False) -> bool:
        """A practice says how it is done: a specific kind after the service it starts with ("chứng thực ngoài
        giờ"), any kind when the verb is part of the name ("cử cán bộ hỗ trợ"). One that starts with a kind
        ("dịch vụ công trực tuyến", "hỗ trợ") needs a specific kind after it ("hỗ trợ song ngữ"), or is itself
        specific and says more than where ("khảo sát sự hài lòng của ...")."""
        kinds = self.lexicon.kinds
        first = None if service else kinds.match_at(head, 0)
        generic = frozenset() if verb_in_name else self.grammar.goes_on.generic
        if first is None:
            return any(words_of(head[k.start:k.end]) not in generic for k in kinds.finditer(head, after))
        if any(words_of(head[k.start:k.end]) not in generic for k in kinds.finditer(head, first.end)):
            return True
        rest = head[first.end:].split()
        return words_of(head[:first.end]) not in generic and len(rest) >= 2 and rest[0].lower() not in _WHERE

    def _headed(self, start: int, pos: int, alone: bool) -> None:
        """A device, channel or service named by its head ("AI Kiosk thông minh", "Cổng Zalo OA “...”",
        "Chatbot AI phường Bến Thành"): the head and the capitalised words, modifiers, place or quote after it."""
        after = _SPACE.match(self.text, pos).end()
        if after in self.by_start:
            self._add(start, self.by_start[after].end, quoted=False)
            return
        end, words = pos, 0
        while words < self.grammar.max_head_words:
            more = self.grammar.continuation.match(self.text, end)
            if not more:
                break
            end, words = more.end(), words + 1
        if words or alone:
            self._add(start, end, quoted=False)

    def _in_quote(self, i: int) -> bool:
        return any(q.start < i < q.end for q in self.quotes)

    def _in_name_quote(self, i: int, rule) -> bool:
        """Inside a quote that may be a name. Somebody's words (a long quote) may tell a practice, so a verb that
        names practices only is read there too ("Trung tâm cũng cử cán bộ hỗ trợ ...”")."""
        return any(q.start < i < q.end and not (rule.practice_only and len(self.text[q.start:q.end].split()) > _SPEECH_WORDS)
                   for q in self.quotes)

    def _after_cue(self, pos: int, coded: bool = False) -> None:
        pos = _SPACE.match(self.text, pos).end()
        if pos in self.by_start:
            self._quoted_chain(self.by_start[pos])
            return
        if coded and _CODE.match(self.text, pos):  # "Đề án 06 của Chính phủ phối hợp ...": a code, then the clause
            return
        intro = _LIST_INTRO.match(self.text, pos)
        if intro:                                   # "mô hình sáng tạo trong tiếp nhận ... như:" introduces a list
            self._enumeration(intro.end())
            return
        like = _LIKE.match(self.text, pos)
        if like:                                    # "Những sáng kiến như ứng dụng mã QR ... hay mô hình “...”"
            self._examples(like.end())
            return
        if _PREDICATE.match(self.text, pos):
            return
        end_match = _HEAD_END.search(self.text, pos)
        end = end_match.start() if end_match else len(self.text)
        while end_match and end_match.group() == "," and self._list_goes_on(pos, end):
            end_match = _HEAD_END.search(self.text, end + 1)       # "trên lĩnh vực thuế, kho bạc, ngân hàng"
            end = end_match.start() if end_match else len(self.text)
        head = self.text[pos:end].strip()
        if self._named(head):
            self._add(pos, pos + len(head), quoted=False)

    def _list_goes_on(self, start: int, comma: int) -> bool:
        """A comma inside a name: a list of fields ("lĩnh vực thuế, kho bạc"), of kinds ("một cửa, một cửa liên
        thông") or of the steps of a service ("tiếp nhận, giải quyết TTHC ngoài giờ")."""
        after = _SPACE.match(self.text, comma + 1).end()
        return "lĩnh vực" in self.text[start:comma] or self.lexicon.kinds.match_at(self.text, after) is not None \
            or (self.grammar.practice.regex.match(self.text, start) is not None
                and self.grammar.practice.regex.match(self.text, after) is not None)   # "tiếp nhận, giải quyết TTHC"

    def _quoted_chain(self, q: Quote) -> None:
        while q:
            if not self.lexicon.procedures.fullmatch(self.text[q.inner_start:q.inner_end]) and q.inner_end > q.inner_start:
                self._add(q.inner_start, q.inner_end, quoted=True)
            nxt = _CHAIN.match(self.text, q.end)
            q = self.by_start.get(nxt.end()) if nxt else None

    def _enumeration(self, pos: int) -> None:
        for start, end in self._items(pos):
            item = self.text[start:end]
            lead = len(item) - len(item.lstrip())
            start += lead
            if self.grammar.first(self.grammar.cues, self.text, start) or self.text[start:start + 3].lower() == "và ":
                continue
            if start in self.by_start:
                self._quoted_chain(self.by_start[start])
            else:
                stop = _ITEM_STOP.search(self.text, start, end)
                name = self.text[start:stop.start() if stop else end].strip()
                if len(name.split()) <= _MAX_PRACTICE_WORDS and self._named(name, practice=True):
                    self._add(start, start + len(name), quoted=False)

    def _examples(self, pos: int) -> None:
        """The practices a cue gives as examples with "như", up to where the clause goes on ("đã mang lại ...")."""
        start = pos
        while start < len(self.text):
            sep = _EXAMPLE_SEP.search(self.text, start)
            stop = sep.start() if sep else len(self.text)
            start = _SPACE.match(self.text, start).end()
            if self.grammar.first(self.grammar.cues, self.text, start) or start in self.by_start:
                return                               # the cue or quote that goes on is read by its own rule
            end_match = _HEAD_END.search(self.text, start, stop)
            name = self.text[start:end_match.start() if end_match else stop].strip()
            if name and len(name.split()) <= _MAX_PRACTICE_WORDS and self._named(name, practice=True):
                self._add(start, start + len(name), quoted=False)
            if end_match or sep is None:
                return
            start = sep.end()

    def _items(self, pos: int) -> list[tuple[int, int]]:
        """List items after a colon: split at `;` outside quotes and brackets, or at `,` if there is no `;`.
        One pass over the text, so a long list costs no more than its length."""
        cuts: dict[str, list[int]] = {";": [], ",": []}
        depth = self.text.count("(", 0, pos) - self.text.count(")", 0, pos)
        inside = sorted((q.start, q.end) for q in self.quotes)
        k = 0
        for mark in _ITEM_MARKS.finditer(self.text, pos):     # no other character moves a cut
            i, ch = mark.start(), mark.group()
            while k < len(inside) and inside[k][1] <= i:
                k += 1
            quoted = k < len(inside) and inside[k][0] < i < inside[k][1]
            depth += (ch == "(") - (ch == ")")
            if ch in cuts and depth <= 0 and not quoted:
                cuts[ch].append(i)
        cut = cuts[";"] or cuts[","]
        bounds = [pos] + [c + 1 for c in cut] + [len(self.text) + 1]
        return [(bounds[k], bounds[k + 1] - 1) for k in range(len(bounds) - 1)]

    def _named(self, head: str, practice: bool = False) -> bool:
        """An unquoted phrase names a model if it says what the model does (a lexicon term) and is
        neither generic ("mô hình mới", "mô hình sáng tạo") nor pointing back ("mô hình này")."""
        low = head.lower()
        if not head or low.startswith(_GENERIC_START) or any(low == a or low.endswith(" " + a) for a in _ANAPHORA):
            return False
        if self.grammar.no_name.match(low) or self.grammar.national.search(_OWN_PART.split(low, 1)[0]):
            return False        # "mô hình tại Bộ phận một cửa": where, not which; "Chương trình chuyển đổi số quốc gia"
        lex = self.lexicon
        return any(next(m.finditer(head), None) for m in (lex.kinds, lex.fields, lex.procedures)) and \
            (practice is False or next(lex.kinds.finditer(head), None) is not None)

    def _add(self, start: int, end: int, quoted: bool, described: bool = False) -> None:
        """A model's name; `described` when it is a practice told after a launch verb, not a name."""
        if end > start and start not in self.found:
            self.found[start] = Mention(self.base + start, self.base + end, self.text[start:end], "MODEL",
                                        attrs=(("quoted", quoted), ("rule", self.rule))
                                        + ((("described", True),) if described else ()))

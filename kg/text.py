"""Small text helpers shared by every step: folding to ASCII slugs, the lower-cased copy patterns scan, and
Vietnamese numbers."""
import functools
import re
import unicodedata
from decimal import Decimal

_SLUG_SPACES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256))


_PER_TEXT: list = []
_PER_SENTENCE: list = []


def per_text(maxsize: int):
    """Remember what a function computes of a text for the last `maxsize` texts: for names and terms, which recur
    from one document to the next. `forget` clears all of them at once (a benchmark's repeat must not find the
    texts of the last one)."""
    def decorate(fn):
        remembered = functools.lru_cache(maxsize=maxsize)(fn)
        _PER_TEXT.append(remembered)
        return remembered
    return decorate


def per_sentence(fn):
    """Remember what a function computes of a sentence (every recognizer reads the same sentence) until its
    document is done (`forget_sentences`): the next document's sentences are others, and what a cache kept would
    only be walked, and kept, by Python's cyclic garbage collector (about 950 hits, tuples, lists and dicts after
    the District 4 article: a collection at the end of every document, of an older generation every tenth, 0.4
    to 0.9 ms of its ~8)."""
    remembered = per_text(maxsize=64)(fn)
    _PER_SENTENCE.append(remembered)
    return remembered


def forget_sentences() -> None:
    """Forget every sentence remembered by `per_sentence` functions: a document is done."""
    for remembered in _PER_SENTENCE:
        remembered.cache_clear()


def forget() -> None:
    """Forget every text remembered by `per_text` and `per_sentence` functions."""
    for remembered in _PER_TEXT:
        remembered.cache_clear()


# The marks Vietnamese letters decompose into (NFD), removed by str.replace: several times faster than a regex
# substitution over the whole text. Any other combining mark is removed one distinct mark at a time.
_VIETNAMESE_MARKS = ("\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031b", "\u0323")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@per_text(maxsize=1024)     # a model's name is folded to compare it with others, then for its IRI
def fold(text: str) -> str:
    """Lower-case ASCII form of Vietnamese text: diacritics dropped, đ to d (other non-ASCII characters that are
    not combining marks stay)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    if not decomposed.isascii():
        for mark in _VIETNAMESE_MARKS:
            if mark in decomposed:
                decomposed = decomposed.replace(mark, "")
        if not decomposed.isascii():
            for char in set(_NON_ASCII.findall(decomposed)):
                if unicodedata.combining(char):
                    decomposed = decomposed.replace(char, "")
    return decomposed.lower()


# Letters Python's `re` takes for the same letter under IGNORECASE though their lower case is not (dotless ı and
# i, long ſ and s), and the one letter whose lower case is two characters (İ): each becomes the letter a
# lower-cased pattern is written with, so the copy stays as long as the text.
_SAME_LETTER = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


@per_sentence
def lowered(text: str) -> str:
    """The lower-cased copy of a text that case-insensitive patterns are matched on, case-sensitively (Python's
    `re` is several times slower on case-insensitive patterns and cannot skip ahead to their first letters). It
    is as long as the text, so a match's offsets are the text's; a Latin letter matches in it where an
    IGNORECASE pattern would match it in the text. Remembered for the last texts: every recognizer scans the
    same sentence."""
    odd = "İ" in text or "ı" in text or "ſ" in text     # (three substring tests: 20x faster than a class search)
    return (text.translate(_SAME_LETTER) if odd else text).lower()


WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")        # a text's words and other marks, as patterns' first words are cut


DIGITS = re.compile(r"\d\d*")         # (not \d+: a pattern opening with a class lets re skip to where it holds)


@per_sentence
def digit_runs(text: str) -> list[int]:
    """Where each run of digits starts in a text: listed once per sentence for numbers and places (a number or a
    count starts at one): one scan of the sentence, not one by each."""
    return [run.start() for run in DIGITS.finditer(text)]


def occurrences(text: str, needles, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(place, needle) for every occurrence of each needle (a character or a word) in text[start:end], in text
    order. Each is looked up by str.find, which skips ahead in C: a class in `re` costs a test at every
    character, and most sentences hold a needle twice or not at all."""
    end = len(text) if end is None else end
    out = []
    for needle in needles:
        i = text.find(needle, start, end)
        while i >= 0:
            out.append((i, needle))
            i = text.find(needle, i + 1, end)
    out.sort()
    return out


@per_sentence
def single_spaced(text: str) -> bool:
    """Whether a text's only white space is single spaces (every other white space character is not printable)."""
    return "  " not in text and text.isprintable()


def word_at(low: str, pos: int) -> str | None:
    """The word (or mark) that starts at `pos` of a lower-cased text, as WORD_OR_MARK cuts it, if one does."""
    found = WORD_OR_MARK.match(low, pos)
    return found.group() if found else None


def space_before(text: str, end: int) -> int:
    """Where the white space that ends at `end` starts: the end of what comes before it."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def first_word(label: str) -> str:
    """The first word of a label with the marks right after it ("p." of "P.", "tp." of "TP.HCM"), or its first mark,
    lower case: what every match of it starts with, as kg.scan.word_starts looks for it."""
    first = _FIRST_WORD.match(label.lower())
    if first is None:
        raise ValueError(f"a label with no word: {label!r}")
    return first.group()


_FIRST_WORD = re.compile(r"\w+[^\w\s]*|[^\w\s]")


WORD_CHAR = re.compile(r"\w")




# Old-style tone placement ("hoà", "thuỷ") to the new style ("hòa", "thủy"), so both spellings are one name.
_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
          "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_OLD_TONES = re.compile("|".join(_TONES))
_DASH_CHARS = "-‐‑–—"
_DASHES = re.compile(rf"\s*[{_DASH_CHARS}]\s*|\s+")


def name_key(text: str) -> str:
    """One normal form for matching place names: NFC, lower case, one tone placement, hyphens as spaces
    ("Thuỷ Nguyên", "Thủy Nguyên" and "thủy-nguyên" are one key)."""
    text = _OLD_TONES.sub(lambda m: _TONES[m.group()], unicodedata.normalize("NFC", text).lower())
    # most names have single spaces only, which the substitution would leave as they are (at a call per space)
    if "  " in text or not text.isprintable() or any(dash in text for dash in _DASH_CHARS):
        text = _DASHES.sub(" ", text)
    return text.strip()


_PUNCT = re.compile(r"[^\w\s%+]")


def label_key(label: str) -> str:
    """Words only, for comparing labels a person typed or an annotator wrote: name_key's one form, case
    folded, quotes and punctuation dropped, spacing collapsed ("“Một cửa” liên-thông" is "một cửa liên thông")."""
    return " ".join(_PUNCT.sub(" ", name_key(str(label)).casefold()).split())


def slug(text: str, limit: int = 80) -> str:
    """A readable, deterministic IRI segment: "Phường Bến Thành" -> "phuong-ben-thanh". The runs of ASCII letters
    and digits of the folded text joined by "-" (as bytes: every other character a space, then split)."""
    s = b"-".join(fold(text).encode("ascii", "replace").translate(_SLUG_SPACES).split()).decode("ascii")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0]
    return s or "x"


# Dot thousands with comma decimals ("281.533", "53,65"), or a dot decimal with one or two digits ("3.26").
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d{1,2}(?![\d.])|\d+(?:,\d+)?"
_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}")


def parse_number(text: str) -> Decimal:
    """Vietnamese number format: "281.533" is 281533, "53,65" is 53.65; "3.26" (two decimals) is 3.26."""
    if _DOT_DECIMAL.fullmatch(text):
        return Decimal(text)
    return Decimal(text.replace(".", "").replace(",", "."))


_UNSAFE = re.compile(r"[^\S\n ]|[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def terminal_safe(text: str) -> str:
    """Text for a terminal: control characters (ESC sequences would restyle or rewrite the screen) and
    invisible direction marks (which would reorder what is shown) as visible escapes; other spaces as " "."""
    return _UNSAFE.sub(lambda m: " " if m.group().isspace() else m.group().encode("unicode_escape").decode("ascii"), text)

"""Small text helpers shared by every step: folding to ASCII slugs and Vietnamese numbers."""
import re
import unicodedata
from decimal import Decimal

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII form of Vietnamese text: diacritics dropped, đ to d."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Old-style tone placement ("hoà", "thuỷ") to the new style ("hòa", "thủy"), so both spellings are one name.
_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
          "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_OLD_TONES = re.compile("|".join(_TONES))
_DASHES = re.compile(r"\s*[-‐‑–—]\s*|\s+")


def name_key(text: str) -> str:
    """One normal form for matching place names: NFC, lower case, one tone placement, hyphens as spaces
    ("Thuỷ Nguyên", "Thủy Nguyên" and "thủy-nguyên" are one key)."""
    text = unicodedata.normalize("NFC", text).lower()
    return _DASHES.sub(" ", _OLD_TONES.sub(lambda m: _TONES[m.group()], text)).strip()


_PUNCT = re.compile(r"[^\w\s%+]")


def label_key(label: str) -> str:
    """Words only, for comparing labels a person typed or an annotator wrote: name_key's one form, case
    folded, quotes and punctuation dropped, spacing collapsed ("“Một cửa” liên-thông" is "một cửa liên thông")."""
    return " ".join(_PUNCT.sub(" ", name_key(str(label)).casefold()).split())


def slug(text: str, limit: int = 80) -> str:
    """A readable, deterministic IRI segment: "Phường Bến Thành" -> "phuong-ben-thanh"."""
    s = _NON_SLUG.sub("-", fold(text)).strip("-")
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

"""Read an article file, keep its metadata, and find where the article's own text is.

The text is normalised once, here, before any offset exists (`normalize`: invisible characters dropped, odd
spaces and line breaks made plain, NFC); later steps never rewrite it. Offsets everywhere are into
`Document.text`, the text as normalised, which is what the graph's evidence quotes and counts in. Page
furniture (view counters, lists of other headlines, visitor counters, search boxes) stays in the text but
outside `Document.content`, so it never becomes facts.
A web page (.html) is first reduced to its article by kg.webpage; its metadata comes from the page.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.text import slug

# SharePoint's Vietnamese date line: "Chính quyền 23 Tháng Giêng 2020 5:05:00 CH" (CH = afternoon).
_MONTHS = {"giêng": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
           "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_PORTAL_DATE = re.compile(
    r"^(?P<category>[^\d\n]*?)\s*(?P<day>\d{1,2}) Tháng (?P<month>Mười Một|Mười Hai|\w+) (?P<year>\d{4})"
    r" (?P<hour>\d{1,2}):(?P<minute>\d{2}):(?P<second>\d{2}) (?P<half>SA|CH)\s*$", re.IGNORECASE)
# A leading "date 2025-12-10" token, as web archives store some pages.
_ISO_DATE = re.compile(r"[ \t]*date (?P<date>\d{4}-\d{2}(?:-\d{2})?)\s+")
_DMY_TIME = re.compile(r"(?P<d>\d{1,2})(?P<sep>[/-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})\s*(?:[-,]\s*)?(?:(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?")
_TIME_DMY = re.compile(r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?,?\s*(?:Thứ [^,]+,\s*|ngày\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")
_DATE_LINE = re.compile(r"^\s*(?:Cập nhật lúc\s*|Thứ [^,\d]+,\s*|Chủ nhật,\s*)?[\d/: ,\-]+(?:\(?GMT[+\d]*\)?)?\s*(?:View Count:\s*\d+)?\s*$"
                        r"|^\s*Cập nhật lúc .*$", re.IGNORECASE)
_VIEW_PHRASES = ("Số lượt người xem", "View Count", "Lượt xem")          # longest first
_VIEW_COUNT = re.compile(f"(?:{'|'.join(_VIEW_PHRASES)})" r"\s*:\s*(?P<n>\d[\d.]*)", re.IGNORECASE)
_COLON_NUMBER = re.compile(r":\s*\d")      # a literal first: `re` skips ahead to each colon
# Lines that start the site's furniture after the article: nothing from there on is the article. Searched as a line
# break and the line (`re` skips ahead to each line break; a `^` of MULTILINE mode is tried at every character).
_FURNITURE_LINE = r"\s*(?:Số lượt người xem|TIN MỚI HƠN|TIN ĐÃ ĐƯA|TIN KHÁC|Tin liên quan|SỐ LƯỢT TRUY CẬP|Xem tiếp|Tìm kiếm|•)"
_FURNITURE_FIRST, _FURNITURE = (re.compile(p, re.IGNORECASE) for p in (_FURNITURE_LINE, "\n" + _FURNITURE_LINE))
# A byline: two to four capitalised words alone on the last line of the article.
_BYLINE = re.compile(r"^[ \t]*(?P<name>(?:[^\W\d_][^\s\d]*)(?:[ \t]+[^\W\d_][^\s\d]*){1,3})[ \t]*$")


@dataclass(frozen=True)
class Document:
    doc_id: str
    path: str
    text: str
    content_start: int
    content_end: int
    title: str | None = None
    category: str | None = None
    published: str | None = None      # ISO 8601, with the +07:00 offset when a time is known
    author: str | None = None
    view_count: int | None = None
    source_url: str | None = None

    @property
    def content(self) -> str:
        return self.text[self.content_start:self.content_end]


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Letters only Vietnamese writes, among what Latin-1 text in another language becomes when read as Windows-1258
# (â, ê, ô and the grave and acute vowels are French or Italian too; Portuguese ã and õ read as ă and ơ, so
# those two are left out): at least 48% of the words of every article in the corpus hold one, French and
# Portuguese none.
_VIETNAMESE_ONLY = re.compile("[đưĩũạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_VIETNAMESE_SHARE = 0.25


def _reads_as_vietnamese(text: str) -> bool:
    """Whether decoded text reads as Vietnamese: a quarter of its words or more hold a letter only Vietnamese
    writes."""
    words = [w for w in unicodedata.normalize("NFC", text).split() if any(c.isalpha() for c in w)]
    return bool(words) and sum(1 for w in words if _VIETNAMESE_ONLY.search(w)) >= _VIETNAMESE_SHARE * len(words)


MAX_BYTES = 10_000_000      # news articles are tens of kilobytes; a larger file is refused unless asked for


# Characters that change what the program reads but not what a reader sees. Format characters (zero-width
# space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen, direction marks and embeddings,
# the combining grapheme joiner, tag characters) and control characters other than tab and line breaks are
# dropped; every other space (tab, no-break, en/em/thin/ideographic spaces...) becomes " "; every line
# break (CR LF, CR, vertical tab, form feed, NEL, line and paragraph separators) becomes "\n".
_LINE_BREAKS = "\r\v\f\x85\u2028\u2029"
_ODD_SPACES = "\t\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + "\u202f\u205f\u3000"
_INVISIBLE = ("\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
              "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f")
# One character class for all three (Python's `re` skips ahead through a class, not through an alternation).
_ODD = re.compile(f"[{_LINE_BREAKS}{_ODD_SPACES}{_INVISIBLE}]")
_PLAIN = dict.fromkeys(_LINE_BREAKS, "\n") | dict.fromkeys(_ODD_SPACES, " ")     # the invisible: ""
# Letters that look like Vietnamese ones and are not: the Icelandic eth "Ð" (U+00D0) some sites write for "Đ".
_LOOKALIKES = (("\u00d0", "\u0110"), ("\u00f0", "\u0111"))


def normalize(text: str) -> str:
    """The one text normalisation, applied to every article before any offset exists: line breaks as "\\n",
    invisible characters dropped, odd spaces as " ", then NFC, lookalike letters as the Vietnamese ones. Idempotent.
    CR LF and the no-break space, the common ones, are replaced first, without a call per character."""
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    text = unicodedata.normalize("NFC", _ODD.sub(lambda m: _PLAIN.get(m.group(), ""), text))
    for lookalike, letter in _LOOKALIKES:
        text = text.replace(lookalike, letter)
    return text


def _size(path: Path) -> int:
    """The file's size, from os.stat: a FIFO, device or socket is refused without being opened."""
    from kg.sources import special_kind
    status = path.stat()
    kind = special_kind(status.st_mode)
    if kind:
        raise InputError(f"{path}: is a {kind}, not a file; reform-kg reads only regular files")
    return status.st_size


def read_text(path: Path, encoding: str | None = None, max_bytes: int = MAX_BYTES, raw: bytes | None = None) -> str:
    """The file's text, normalised, or an InputError that says what is wrong with it and what to do. `raw`: its
    bytes, when the caller has read them already (within `max_bytes`)."""
    try:
        if raw is None:
            size = _size(path)
            if size > max_bytes:
                raise InputError(f"{path}: {size / 1e6:.1f} MB is larger than an article ({max_bytes / 1e6:g} MB); "
                                 f"pass --max-size {size // 1_000_000 + 1} to read it anyway")
            raw = path.read_bytes()
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise InputError(f"{path}: is a folder, not a file") from e
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror})") from e
    text = normalize(_decode(path, raw, encoding))
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


def _utf16_without_bom(path: Path, raw: bytes) -> str:
    """UTF-16 saved without a byte-order mark: ASCII letters leave every other byte zero."""
    sample = raw[:4096]
    for codec, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) > 0.3 * len(zeros):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                break
            sample_text = text[:2048]
            if sum(c.isprintable() or c.isspace() for c in sample_text) >= 0.95 * len(sample_text):
                return text
    raise InputError(f"{path}: looks like a binary file, not text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _decode(path: Path, raw: bytes, encoding: str | None) -> str:
    if encoding and b"\x00" not in raw[:4096] and not raw.isascii():
        try:                # a UTF-8 article in a folder of others: `encoding` is for those that are not UTF-8
            return raw.decode("utf-8")      # (Vietnamese in Windows-1258 or another legacy code page never is)
        except UnicodeDecodeError:
            pass
    if encoding:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(f"{path}: cannot be read as {encoding} ({e})") from e
        if lone := _SURROGATE.search(text):     # (UTF-7 can say one; no text can be written with it)
            raise InputError(f"{path}: read as {encoding}, it holds a lone surrogate (U+{ord(lone.group()):04X} at "
                             f"character {lone.start()}), which is not a character")
        return text
    if raw.startswith(b"%PDF-"):
        raise InputError(f"{path}: is a PDF document; extract its text first (for example with pdftotext)")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="strict")
    if b"\x00" in raw[:4096]:
        return _utf16_without_bom(path, raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        guess = raw.decode("cp1258", errors="replace")
        if "\ufffd" not in guess and _reads_as_vietnamese(guess):
            raise InputError(f"{path}: not UTF-8; it reads as Vietnamese in Windows-1258, "
                             "so build with --encoding cp1258 (or convert the file to UTF-8)") from e
        raise InputError(f"{path}: not UTF-8 text (byte {e.start}); convert it to UTF-8 or give --encoding") from e


def load(path: Path, source_url: str | None = None, encoding: str | None = None, max_bytes: int = MAX_BYTES,
         doc_id: str | None = None, raw: bytes | None = None) -> Document:
    """The document in a file; `doc_id` (kg.sources gives it: the path within the input folder) defaults to
    the file's name; `raw`, the file's bytes when the caller has read them (read_text)."""
    text = read_text(path, encoding, max_bytes, raw)
    doc_id = doc_id or slug(path.stem, limit=120)
    if path.suffix.lower() in {".html", ".htm"}:
        from kg import webpage
        try:
            page = webpage.read(text, source_url)
        except InputError as e:
            raise InputError(f"{path}: {e}") from e
        return from_page(page, doc_id, str(path), source_url)
    return parse(text, doc_id=doc_id, path=str(path), source_url=source_url)


def from_page(page, doc_id: str, path: str = "", source_url: str | None = None) -> Document:
    """A Document from a web page's article (kg.webpage.Page): the title, then the article's blocks."""
    meta: dict = {}
    title = normalize(page.title or "").strip()      # normalised again: the HTML parser decoded &nbsp;, &#8203;
    body = normalize(page.body)
    text = f"{title}\n\n{body}\n" if title else f"{body}\n"
    start = _skip_blank(text, 0)
    if not title:
        start = _header(text, meta, start)
    end = _article_end(text, start, meta)
    meta["title"] = title or None
    meta["author"] = normalize(page.author).strip() if page.author else meta.get("author")
    page_text = normalize(page.page_text)
    meta["published"] = _page_date(normalize(page.date or ""), page_text) or meta.get("published")
    _view_count(page_text, meta)
    return Document(doc_id=doc_id, path=path, text=text, content_start=start, content_end=end,
                    source_url=source_url, **meta)


def _page_date(date: str, page_text: str) -> str | None:
    """The page's date, with the time of day from a date line of the same day on the page when it has one."""
    published = date_of(date, strict=False) if date else None
    if published and "T" not in published:
        for line in page_text.splitlines():
            when = date_of(line)
            if when and "T" in when and when.startswith(published):
                return when
    return published


def date_of(line: str, strict: bool = True) -> str | None:
    """The date (and time) a date line gives: "Thứ Ba, 05/03/2024 08:30", "23 Tháng Giêng 2020 5:05:00 CH",
    "Cập nhật lúc 15:45 ngày 14/06/2024", "2024-03-05". Not strict: the date anywhere in the line."""
    line = line.strip()
    portal = _PORTAL_DATE.match(line)
    if portal:
        return _portal_datetime(portal)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line):
        return _iso_text(line)
    if not strict or _DATE_LINE.match(line):
        when = _TIME_DMY.search(line) or _DMY_TIME.search(line)
        return _dmy_iso(when) if when else None
    return None


def parse(text: str, doc_id: str, path: str = "", source_url: str | None = None) -> Document:
    """Split the page into header, title, article and furniture, reading the metadata on the way."""
    meta: dict = {}
    start = _header(text, meta)
    title_end = _line_end(text, start)
    title = text[start:title_end].strip()
    if title and len(title) <= 200 and not title.endswith((".", ":")) and _skip_blank(text, title_end) < len(text):
        trailing = _DMY_TIME.search(title)
        if trailing and trailing.end() == len(title):         # "... xin nghe!' 07/11/2025 10:00"
            if when := _dmy_iso(trailing):
                meta.setdefault("published", when)
            title = title[:trailing.start()].strip()
        meta["title"] = title
        _header(text, meta, _skip_blank(text, title_end))
    end = _article_end(text, start, meta)
    _view_count(text, meta)
    return Document(doc_id=doc_id, path=path, text=text, content_start=start, content_end=end,
                    source_url=source_url, **meta)


def _view_count(text: str, meta: dict) -> None:
    """The first view count ("Lượt xem: 1.097", any case). `re` cannot skip ahead through a case-insensitive
    pattern (it tries every character of the text), so the pattern is tried only where one of its phrases ends
    before a colon and a number: the same first match as searching the whole text, at a fraction of the cost."""
    for colon in _COLON_NUMBER.finditer(text):
        end = colon.start()
        while end and text[end - 1].isspace():
            end -= 1
        for phrase in _VIEW_PHRASES:
            views = _VIEW_COUNT.match(text, max(0, end - len(phrase)))
            if views:
                meta["view_count"] = int(views["n"].replace(".", ""))
                return


def _article_end(text: str, start: int, meta: dict) -> int:
    """Where the article ends: before the site's furniture and the byline (read into meta["author"])."""
    end = _trim_end(text, start, _furniture(text, start))
    byline_start = text.rfind("\n", start, end) + 1
    byline = _BYLINE.match(text[byline_start:end])
    if byline and byline_start > start and all(w[0].isupper() for w in byline["name"].split()):
        meta["author"] = byline["name"]
        end = _trim_end(text, start, byline_start)
    return end


def _furniture(text: str, start: int) -> int:
    """Where the first line from `start` on that starts the site's furniture starts (the text's end if none)."""
    if start == 0 and _FURNITURE_FIRST.match(text):
        return 0
    found = _FURNITURE.search(text, start - 1 if start and text[start - 1] == "\n" else start)
    return found.start() + 1 if found else len(text)


def _header(text: str, meta: dict, start: int = 0) -> int:
    """Skip the page's header lines (date lines, site banners), reading the date; return where text starts."""
    i = _skip_blank(text, start)
    while i < len(text):
        line_end = _line_end(text, i)
        line = text[i:line_end].strip()
        portal, iso = _PORTAL_DATE.match(line), _ISO_DATE.match(text, i)
        if portal:
            meta.setdefault("category", portal["category"].strip() or None)
            if when := _portal_datetime(portal):
                meta.setdefault("published", when)
        elif iso:
            if _iso_text(iso["date"]):
                meta.setdefault("published", iso["date"])
            return iso.end()
        elif _DATE_LINE.match(line):
            if when := date_of(line):
                meta.setdefault("published", when)
        elif not _banner(line):
            return i
        i = _skip_blank(text, line_end)
    return i


def _banner(line: str) -> bool:
    """A site's own header line: a lone word such as "Logo", an all-capitals name, "Trang thông tin điện tử ..."."""
    return (len(line.split()) == 1 and not any(c.isdigit() for c in line)) or \
        (len(line) > 12 and line.upper() == line and any(c.isalpha() for c in line)) or \
        line.lower().startswith("trang thông tin điện tử")


def _dmy_iso(m: re.Match) -> str | None:
    time = (int(m["H"]), int(m["M"]), int(m["S"] or 0)) if m["H"] else None
    return _iso(int(m["y"]), int(m["m"]), int(m["d"]), time)


def _portal_datetime(m: re.Match) -> str | None:
    hour = int(m["hour"]) % 12 + (12 if m["half"].upper() == "CH" else 0)
    return _iso(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]), (hour, int(m["minute"]), int(m["second"])))


def _iso(y: int, mo: int, d: int, time: tuple[int, int, int] | None) -> str | None:
    """ISO 8601 in Vietnam's time zone, or None for a date that does not exist ("31/02/2020", "25:00")."""
    import datetime
    try:
        when = datetime.datetime(y, mo, d, *(time or (0, 0, 0)))
    except ValueError:
        return None
    day = f"{y:04d}-{mo:02d}-{d:02d}"   # (four digits: xsd:date and xsd:dateTime have no shorter year)
    return f"{day}T{when.hour:02d}:{when.minute:02d}:{when.second:02d}+07:00" if time else day


def _iso_text(text: str) -> str | None:
    """An ISO date as written ("2024-03-05", "2024-03"), or None when that day or month does not exist."""
    y, mo, *d = (int(x) for x in text.split("-"))
    return text if _iso(y, mo, d[0] if d else 1, None) else None


def _skip_blank(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _line_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _trim_end(text: str, start: int, end: int) -> int:
    """Back over white space and lines of lone punctuation (a stray "," after the byline)."""
    while end > start:
        line_start = text.rfind("\n", start, end) + 1
        line = text[line_start:end]
        if line.strip() and any(c.isalnum() for c in line):
            break
        end = line_start - 1 if line_start > start else start
    while end > start and text[end - 1].isspace():
        end -= 1
    return end

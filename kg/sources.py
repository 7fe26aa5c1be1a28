"""Which files a build reads, under which identity, with which source URL.

A document's identity (`doc_id`, the last part of its IRI) is its path relative to the input folder it was
found in, without the extension, slugged segment by segment: `corpus/dev/tan-tao.txt` given as `corpus` is
`dev/tan-tao`. A file named on the command line is its own name. Two inputs that give the same identity
(`a/bai.txt` and `b/bai.txt` given as `a b`) are both named from their common folder instead (`a/bai`,
`b/bai`), so two files are always two documents, whatever the order of the inputs.

A `manifest.csv` in the file's folder or up to two folders above gives its source URL (columns `file` and
`source_url`; comma or semicolon separated, with or without a byte-order mark, as spreadsheets save it). URLs
are percent-encoded where they hold characters an IRI may not (spaces, `{|}`); one that is not an absolute
http(s) URL is reported and its document keeps no URL. Files in a folder that are not articles (`.pdf`,
`.docx`, a FIFO) are listed by kind, never opened.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import stat
import unicodedata
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.text import slug

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
MANIFEST = "manifest.csv"
_URL_COLUMNS = ("source_url", "url")
_SPECIAL = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"))


@dataclass(frozen=True)
class Source:
    path: Path
    doc_id: str
    source_url: str | None
    named: bool              # given on the command line, not found in a folder


@dataclass
class Listing:
    sources: list[Source]
    skipped: Counter = field(default_factory=Counter)     # kind of file not read ("pdf", "FIFO") -> count
    warnings: list[str] = field(default_factory=list)     # manifest problems, one line each


def special_kind(mode: int) -> str | None:
    """"FIFO", "socket" or "device" for a file that is not a regular file or folder; None otherwise."""
    return next((name for test, name in _SPECIAL if test(mode)), None)


def list_inputs(inputs: list[Path]) -> Listing:
    """Every article named or held in the given folders, once each, in a stable order, with its identity."""
    found: dict[Path, tuple[Path, Path, bool]] = {}         # resolved path -> (path, resolved root, named)
    skipped: Counter = Counter()
    for path in inputs:
        if path.is_dir():
            root = path.resolve()
            for p, kind in _walk(path):
                if kind is None:
                    found.setdefault(p.resolve(), (p, root, False))
                else:
                    skipped[kind] += 1
        elif path.exists() or path.is_symlink():
            found[path.resolve()] = (path, path.parent.resolve(), True)
        else:
            raise InputError(f"{path}: no such file or folder")
    if not found:
        kinds = f" (found only {_kinds(skipped)})" if skipped else ""
        raise InputError(f"{', '.join(map(str, inputs))}: no .txt or .html articles found{kinds}")
    manifests = _Manifests()
    named = _identities([(resolved, root) for resolved, (_, root, _) in found.items()])
    sources = [Source(p, named[resolved], manifests.url_for(resolved), is_named)
               for resolved, (p, _, is_named) in found.items()]
    return Listing(sorted(sources, key=lambda s: (s.doc_id, str(s.path))), skipped, manifests.warnings)


def _walk(folder: Path):
    """(file, None) for each article under `folder`, (file, kind) for anything else; hidden entries and
    manifests are passed over. Kinds come from os.stat, so a FIFO is never opened."""
    for p in sorted(folder.rglob("*")):
        relative = p.relative_to(folder).parts
        if any(part.startswith(".") for part in relative) or p.name == MANIFEST:
            continue
        try:
            mode = p.stat().st_mode
        except OSError:         # a broken link: an article that cannot be read is reported as one
            yield p, None if p.suffix.lower() in ARTICLE_SUFFIXES else "broken link"
            continue
        if stat.S_ISDIR(mode):
            continue
        special = special_kind(mode)
        if special:
            yield p, special
        elif p.suffix.lower() in ARTICLE_SUFFIXES:
            yield p, None
        else:
            yield p, p.suffix.lower().lstrip(".") or "no extension"


def _kinds(skipped: Counter) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items()))


def describe_skipped(skipped: Counter) -> str:
    """'3 files that are not articles: 2 pdf, 1 FIFO' for the build's summary."""
    total = sum(skipped.values())
    return f"{total} file{'s that are not articles' if total != 1 else ' that is not an article'}: {_kinds(skipped)}"


def _identities(files: list[tuple[Path, Path]]) -> dict[Path, str]:
    """doc_id for each file (both paths resolved): its path relative to its input folder; where two collide,
    relative to the folder their inputs share; where that still collides (bai.txt beside bai.html), with the
    extension; and where names differ only in what a slug drops ("Bài 1.txt", "bai-1.txt"), with a digest of
    the path."""
    def ident(p: Path, root: Path, keep_suffix: bool = False) -> str:
        relative = p.relative_to(root) if p.is_relative_to(root) else Path(p.name)
        parts = relative.parts if keep_suffix else relative.with_suffix("").parts
        return "/".join(slug(part, limit=120) for part in parts)

    ids = {p: ident(p, root) for p, root in files}
    clashes = Counter(ids.values())
    colliding = [(p, root) for p, root in files if clashes[ids[p]] > 1]
    if colliding:
        common = Path(os.path.commonpath([str(root) for _, root in colliding]))
        for p, _ in colliding:
            ids[p] = ident(p, common)
        clashes = Counter(ids.values())
        for p, _ in colliding:
            if clashes[ids[p]] > 1:
                ids[p] = ident(p, common, keep_suffix=True)
        clashes = Counter(ids.values())
        for p, _ in colliding:
            if clashes[ids[p]] > 1:
                relative = unicodedata.normalize("NFC", p.relative_to(common).as_posix())
                ids[p] += "-" + hashlib.sha256(relative.encode("utf-8")).hexdigest()[:8]
    return ids


_NONE: dict = {}         # a folder without a manifest


class _Manifests:
    """manifest.csv files, each read once, and the problems found in them."""

    def __init__(self):
        self._read: dict[Path, dict[str, str | None]] = {}
        self.warnings: list[str] = []

    def url_for(self, resolved: Path) -> str | None:
        """The source URL of the file at this resolved path, from the nearest manifest."""
        folder = resolved.parent
        for directory in [folder, *folder.parents][:3]:
            manifest = directory / MANIFEST
            urls = self._read.get(manifest)
            if urls is None:
                urls = self._read[manifest] = self._parse(manifest) if manifest.is_file() else _NONE
            if urls is not _NONE:
                return urls.get(_name(resolved.relative_to(directory).as_posix()))
        return None

    def _parse(self, manifest: Path) -> dict[str, str | None]:
        try:
            text = manifest.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            self.warnings.append(f"{manifest}: not read ({_reason(e)}); its source URLs are not used")
            return {}
        rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        columns = [c.strip().lower() for c in rows.fieldnames or []]
        url_column = next((c for c in _URL_COLUMNS if c in columns), None)
        if "file" not in columns or url_column is None:
            self.warnings.append(f"{manifest}: needs the columns file and source_url (found: {', '.join(columns) or 'none'}); "
                                 "its source URLs are not used")
            return {}
        urls: dict[str, str | None] = {}
        for n, row in enumerate(rows, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else "" for k, v in row.items()}
            if not row.get("file"):
                continue
            name = _name(row["file"].replace("\\", "/"))
            if not _exists(manifest.parent, name):
                self.warnings.append(f"{manifest}, line {n}: {row['file']!r} names no file in {manifest.parent}; "
                                     "its source URL is not used")
                continue
            url, problem = clean_url(row.get(url_column, ""))
            if problem:
                self.warnings.append(f"{manifest}, line {n}: {row[url_column]!r} {problem}; {row['file']} keeps no source URL")
            urls[name] = url
        return urls


def _name(relative: str) -> str:
    """A file name as written in a manifest or on disk, compared in one Unicode form (macOS saves NFD)."""
    return unicodedata.normalize("NFC", relative)


def _exists(folder: Path, relative: str) -> bool:
    """Whether the file a manifest row names is there, its name compared in NFC."""
    path = folder / relative
    if path.exists():
        return True
    try:
        return _name(path.name) in {_name(n) for n in os.listdir(path.parent)}
    except OSError:
        return False


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else "\t" if header.count("\t") > header.count(",") else ","


def _reason(e: Exception) -> str:
    return "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else e.strerror or str(e)


_IRI_UNSAFE = "".join(chr(c) for c in range(0x21)) + '<>"{}|\\^`\x7f'


def clean_url(text: str) -> tuple[str | None, str | None]:
    """(the URL, percent-encoded where an IRI may not hold a character; None when empty or bad) and the
    problem when it is not an absolute http(s) URL."""
    if not text:
        return None, None
    import pyoxigraph
    encoded = "".join(urllib.parse.quote(c, safe="") if c in _IRI_UNSAFE else c for c in text)
    try:
        parts = urllib.parse.urlsplit(encoded)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None, "is not an absolute http(s) URL"
        parts.port                                   # raises on a port that is not a number
        pyoxigraph.NamedNode(encoded)                # the strict IRI parser every query goes through
    except ValueError as e:
        return None, f"is not a valid URL ({e})"
    return encoded, None

"""`reform-kg fetch`: web pages into a folder of saved pages and a manifest.csv that `build` reads.

The manifest (plain comma-separated UTF-8) has one row per saved page: file, source_url, final_url, retrieved
(UTC), status, sha256, etag, last_modified. On a re-run the validators go back to the server
(If-None-Match, If-Modified-Since): a page that has not changed is not downloaded again; from a server that
keeps no validators, a page with the same SHA-256 counts as unchanged and its file is left alone. Pages are stored as
UTF-8 whatever the server's charset. The network is used here and nowhere else.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.http import Client, Disallowed, FetchFailed, Response
from kg.sources import MANIFEST
from kg.text import slug

COLUMNS = ["file", "source_url", "final_url", "retrieved", "status", "sha256", "etag", "last_modified"]
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
MAX_SITEMAPS = 1000


@dataclass
class Summary:
    fetched: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    robots: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def read_url_file(path: Path) -> list[str]:
    """URLs one a line; blank lines and # comments are ignored."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the list of URLs ({e})") from e
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def links(client: Client, url: str, summary: Summary, depth: int = 0) -> list[str]:
    """The page URLs a sitemap, a sitemap index (followed) or an RSS/Atom feed lists; failures go to `summary`."""
    response = _get(client, url, summary)
    if response is None:
        return []
    try:
        kind, found = parse_links(response.body)
    except FetchFailed as e:
        summary.failed.append((url, str(e)))
        return []
    if kind != "sitemapindex":
        return found
    if depth >= 2:
        summary.failed.append((url, "sitemap index nested too deep"))
        return []
    return [page for child in found[:MAX_SITEMAPS] for page in links(client, child, summary, depth + 1)]


def parse_links(data: bytes) -> tuple[str, list[str]]:
    """("sitemapindex" | "urlset" | "rss" | "feed", URLs) of a sitemap or feed; FetchFailed if it is neither."""
    from lxml import etree
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.GzipFile(fileobj=io.BytesIO(data)).read(50_000_000)
        except (OSError, EOFError) as e:
            raise FetchFailed(f"not a readable gzip file ({e})") from e
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as e:
        raise FetchFailed(f"not a sitemap or feed (XML: {e})") from e
    kind = etree.QName(root).localname
    local = "local-name()"
    paths = {"sitemapindex": f"//*[{local}='sitemap']/*[{local}='loc']/text()",
             "urlset": f"//*[{local}='url']/*[{local}='loc']/text()",
             "rss": f"//*[{local}='item']/*[{local}='link']/text()",
             "RDF": f"//*[{local}='item']/*[{local}='link']/text()",
             "feed": f"//*[{local}='entry']/*[{local}='link'][not(@rel) or @rel='alternate']/@href"}
    if kind not in paths:
        raise FetchFailed(f"not a sitemap or feed (root element <{kind}>)")
    return kind, [str(u).strip() for u in root.xpath(paths[kind]) if str(u).strip()]


def fetch(urls: list[str], folder: Path, client: Client, summary: Summary, progress=lambda url: None) -> Summary:
    """Fetch each URL once into `folder`, updating its manifest.csv; what happened goes into `summary`."""
    from kg.files import atomic_open
    try:
        folder.mkdir(parents=True, exist_ok=True)
        rows = read_manifest(folder)
        try:
            for url in dict.fromkeys(urls):
                _fetch_one(url, folder, client, summary, rows)
                progress(url)
        finally:
            with atomic_open(folder / MANIFEST, "w") as fh:
                writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
                writer.writeheader()
                writer.writerows(sorted(rows.values(), key=lambda r: r["file"]))
    except OSError as e:
        raise InputError(f"{folder}: cannot save pages there ({e.strerror or e})") from e
    return summary


def _fetch_one(url: str, folder: Path, client: Client, summary: Summary, rows: dict[str, dict]) -> None:
    from kg.files import write_atomic
    old = rows.get(url)
    have = old if old and (folder / old["file"]).is_file() else None
    validators = {k: v for k, v in (("If-None-Match", have and have["etag"]),
                                    ("If-Modified-Since", have and have["last_modified"])) if v}
    response = _get(client, url, summary, validators)
    if response is None:
        return
    if response.status == 304:
        rows[url] = {**have, "retrieved": _now(), "status": "304"}
        summary.unchanged.append(url)
        return
    try:
        data = _as_utf8(response.headers, response.body)
    except FetchFailed as e:
        summary.failed.append((url, str(e)))
        return
    digest = hashlib.sha256(data).hexdigest()
    name = have["file"] if have else file_name(url)
    if have and have["sha256"] == digest:       # a server without validators sent the same page again
        summary.unchanged.append(url)
    else:
        write_atomic(folder / name, data)
        summary.fetched.append(url)
    rows[url] = {"file": name, "source_url": url, "final_url": response.url, "retrieved": _now(),
                 "status": str(response.status), "sha256": digest,
                 "etag": response.headers.get("etag", ""), "last_modified": response.headers.get("last-modified", "")}


def _get(client: Client, url: str, summary: Summary, validators: dict[str, str] | None = None) -> Response | None:
    """The answer to GET `url`: 200, or 304 to a conditional request; None when robots.txt refuses the URL or
    the request fails, which `summary` records."""
    try:
        response = client.get(url, validators)
    except Disallowed as e:
        summary.robots.append(_robots_line(url, e))
        return None
    except FetchFailed as e:
        summary.failed.append((url, str(e)))
        return None
    if response.status == 200 or (response.status == 304 and validators):
        return response
    summary.failed.append((url, _status_reason(response.status)))
    return None


def _as_utf8(headers: dict[str, str], body: bytes) -> bytes:
    """The page as UTF-8 bytes; FetchFailed for anything that is not an HTML page."""
    content_type = headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    if media not in _HTML_TYPES:
        raise FetchFailed(f"not an HTML page ({media or 'no Content-Type'})")
    found = re.search(r"charset\s*=\s*\"?([\w:.-]+)", content_type, re.IGNORECASE) or _META_CHARSET.search(body[:4096])
    charset = found.group(1) if found else "utf-8"
    charset = charset.decode("ascii", "replace") if isinstance(charset, bytes) else charset
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError) as e:
        raise FetchFailed(f"cannot be decoded as {charset} ({e.__class__.__name__})") from e


def file_name(url: str) -> str:
    """A readable, stable file name for a URL: its host and path as a slug, and a short hash for uniqueness."""
    parts = urlsplit(url)
    readable = slug(f"{parts.hostname or ''} {parts.path} {parts.query}", limit=80)
    return f"{readable}-{hashlib.sha256(url.encode()).hexdigest()[:8]}.html"


def read_manifest(folder: Path) -> dict[str, dict]:
    """The rows of an earlier run, by source URL (empty when there is none)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return {row["source_url"]: {c: row.get(c) or "" for c in COLUMNS}
                    for row in csv.DictReader(fh) if row.get("source_url") and row.get("file")}
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(f"{path}: cannot read the manifest of an earlier fetch ({e})") from e


def _robots_line(url: str, e: Disallowed) -> str:
    target = str(e.args[0])
    return url if target == url else f"{url} (redirected to {target})"


def _status_reason(status: int) -> str:
    import http.client
    return f"HTTP {status} {http.client.responses.get(status, '')}".rstrip()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

"""A saved web page to its article: title, date-time, author and the article's own text, menus and sidebars left out.

trafilatura (Apache-2.0) finds the main text and metadata of most pages. Where it fails (table-layout portals
that it reads whole), a site profile takes over: CSS selectors for title, date, body and author, kept as data
in `sites/*.json` (and in the folder named by $REFORM_KG_SITES), never in code. A profile applies to the hosts it
names, or to any page where its `detect` selector matches.

Text is rendered block by block: paragraphs, headings, list items and table cells never run together. A row of
a table of figures becomes one sentence-like line that starts with the row's first cell, so
`<tr><td>Phường 1</td><td>1.250 hồ sơ</td><td>98%</td></tr>` reads "Phường 1: 1.250 hồ sơ; 98%." and its
figures are about Phường 1.
"""
from __future__ import annotations

import json
import re
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from cssselect import SelectorError
from lxml import etree, html as lxml_html

from kg.errors import InputError
from kg.resources import site_profile_folders

_SKIP = ("script", "style", "noscript", "template", "iframe", "object", "svg", "button", "select", "textarea")
_BREAK = {"br", "lb"}
# HTML's and trafilatura's names for the same things: rows, cells; every other element named here is a block.
_ROW, _CELL = {"tr", "row"}, {"td", "th", "cell"}
_BLOCK = {"p", "div", "head", "h1", "h2", "h3", "h4", "h5", "h6", "li", "item", "list", "ul", "ol", "dl", "dt",
          "dd", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "aside", "nav", "header",
          "footer", "blockquote", "quote", "pre", "figure", "figcaption", "address", "hr", "form", "center",
          "fieldset", "details", "summary"} | _ROW | _CELL
_SELECTORS = ("detect", "title", "date", "author")
_FIGURE_CELL = 100                # a cell of a table of figures is short; a longer one is a layout table's
_ROW_NUMBER = re.compile(r"\d{1,4}\.?|[IVXLC]{1,6}\.?")        # an "STT" column: the row's number, not its place
_SPACE = re.compile(r"\s+")            # HTML white space, line breaks in the source included


@dataclass(frozen=True)
class Page:
    body: str                         # the article's text, one block per line
    title: str | None = None
    date: str | None = None           # the page's date as written or as ISO 8601 (read by kg.ingest)
    author: str | None = None
    page_text: str = ""               # every block of the page, for the time of day and the view counter


def read(markup: str, url: str | None = None) -> Page:
    """The article in a saved page: by a site profile when one applies, otherwise by trafilatura, otherwise
    (a page too short for trafilatura) the whole page."""
    tree = _tree(markup)
    body = tree.find("body")
    page_text = render(body if body is not None else tree)
    profile = _profile_for(tree, url)
    page = (_by_profile(tree, profile, page_text) if profile else None) or _by_trafilatura(tree, url, page_text)
    if page is not None:
        return page
    if not page_text.strip():
        raise InputError("the page has no text")
    return Page(body=page_text, page_text=page_text)


def _by_trafilatura(tree, url: str | None, page_text: str) -> Page | None:
    import trafilatura                 # heavy: only when an HTML page is read
    found = trafilatura.bare_extraction(deepcopy(tree), url=url, with_metadata=True, include_tables=True,
                                        include_comments=False)
    if found is None or found.body is None:
        return None
    title = _clean(found.title)
    body = _without_title(render(found.body), title)
    return Page(body=body, title=title or None, date=found.date, author=_clean(found.author) or None,
                page_text=page_text) if body.strip() else None


def _tree(markup: str):
    try:
        tree = lxml_html.document_fromstring(markup.encode("utf-8"),
                                             parser=lxml_html.HTMLParser(encoding="utf-8", remove_comments=True,
                                                                         remove_pis=True))
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"not a readable HTML page ({e})") from e
    etree.strip_elements(tree, *_SKIP, with_tail=False)
    return tree


def render(root) -> str:
    """The text of an element, one line per block; a table-of-figures row as "first: second; third."."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    walk = etree.iterwalk(root, events=("start", "end"))
    for event, el in walk:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        block = tag in _BLOCK or tag in _BREAK
        if event == "start":
            if block:
                flush()
            if tag in _ROW and (cells := _figure_row(el)):
                current.append(f"{cells[0]}: {'; '.join(cells[1:])}".rstrip(".") + ".")
                walk.skip_subtree()
            elif el.text:
                current.append(el.text)
        else:
            if block:
                flush()
            if el.tail and el is not root:
                current.append(el.tail)
    flush()
    return "\n".join(lines)


def _figure_row(row) -> list[str] | None:
    """The cells of a row of a table of figures: two or more short cells of plain text, one with a digit."""
    cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in _CELL]
    if any(d.tag.lower() in _BLOCK - {"p", "div"} or d.tag.lower() in _BREAK
           for c in cells for d in c.iterdescendants() if isinstance(d.tag, str)):
        return None
    texts = [_SPACE.sub(" ", "".join(c.itertext())).strip() for c in cells]
    texts = [t for t in texts if t]
    if len(texts) < 2 or any(len(t) > _FIGURE_CELL for t in texts) or not any(ch.isdigit() for t in texts for ch in t):
        return None
    return texts[1:] if len(texts) > 2 and _ROW_NUMBER.fullmatch(texts[0]) else texts


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _without_title(body: str, title: str) -> str:
    """trafilatura keeps the page's <h1> in the body when it is also the title: the title is said once."""
    first, _, rest = body.partition("\n")
    return rest if title and first.strip() == title else body


# ---------------------------------------------------------------------------------------------- site profiles
def _by_profile(tree, profile: dict, page_text: str) -> Page | None:
    """The page as the profile reads it; None when its body selector finds nothing (the site has changed)."""
    def text_of(key: str) -> str | None:
        nodes = tree.cssselect(profile[key]) if profile.get(key) else []
        return (_clean(render(nodes[0]).replace("\n", " ")) or None) if nodes else None

    title, date, author = text_of("title"), text_of("date"), text_of("author")     # before anything is dropped
    body_nodes = tree.cssselect(profile["body"])
    for node in body_nodes:
        for selector in profile.get("drop", []):
            for furniture in node.cssselect(selector):
                furniture.drop_tree()
    body = _without_title("\n".join(render(n) for n in body_nodes), title or "")
    return Page(body=body, title=title, date=date, author=author, page_text=page_text) if body.strip() else None


def _profile_for(tree, url: str | None) -> dict | None:
    host = (urlsplit(url).hostname or "") if url else ""
    for profile in profiles():
        hosts = profile.get("hosts", [])
        if host and any(host == h or host.endswith("." + h) for h in hosts):
            return profile
        if profile.get("detect") and tree.cssselect(profile["detect"]):
            return profile
    return None


def profiles() -> list[dict]:
    return list(_load_profiles(tuple(site_profile_folders())))


@lru_cache(maxsize=8)
def _load_profiles(folders: tuple[Path, ...]) -> tuple[dict, ...]:
    out = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                profile = json.loads(path.read_text(encoding="utf-8"))
                empty = lxml_html.fromstring("<p></p>")                   # a bad selector fails here, once
                for selector in [profile["body"], *(profile.get(k) or "" for k in _SELECTORS), *profile.get("drop", [])]:
                    if selector:
                        empty.cssselect(selector)
            except (OSError, ValueError, KeyError, TypeError, SelectorError) as e:
                raise InputError(f"{path}: not a site profile (a JSON object with at least a CSS 'body'): {e}") from e
            out.append({**profile, "name": profile.get("name", path.stem)})
    return tuple(out)

"""Colours, shapes and order shared by every view, so the network, the matrix and the site read the same way.

Kinds get the Okabe–Ito palette (seven hues that people with the common colour-vision deficiencies can tell
apart); past seven kinds the hues repeat on another shape (dot, then diamond, then triangle), so no two kinds
share both. A model of no kind is grey and has its own legend entry."""
from __future__ import annotations

import functools

KIND_ORDER = (  # the order a model's main kind is chosen in (one-stop shop first), and the order of the legend
    "one-stop-shop", "interconnection", "online-service", "time-reduction", "home-service", "extended-hours",
    "digitisation", "digital-map", "communication", "sms", "e-office", "e-portal", "assistance", "feedback",
    "service-culture", "cashless-payment",
)
PALETTE = ("#D55E00", "#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#F0E442")   # Okabe & Ito (2008)
SHAPES = (("dot", "●"), ("diamond", "◆"), ("triangle", "▲"))
OTHER_COLOR = "#BDBDBD"
NO_KIND = "Chưa rõ loại · No kind"
INK = "#243B53"
PLACE_LEVELS = {  # rk: class of the place, largest first: vis-network shape, fill, text colour, label
    "Province": ("box", INK, "#FFFFFF", "Tỉnh, thành phố · Province"), "City": ("box", INK, "#FFFFFF", "Thành phố · City"),
    "District": ("box", "#486581", "#FFFFFF", "Quận, huyện · District"),
    "SpecialZone": ("box", "#FFFFFF", INK, "Đặc khu · Special zone"), "Township": ("box", "#FFFFFF", INK, "Thị trấn · Township"),
    "Commune": ("box", "#FFFFFF", INK, "Xã · Commune"), "Ward": ("box", "#FFFFFF", INK, "Phường · Ward"),
}
LEVELS = list(PLACE_LEVELS)


def place_legend(levels) -> list[dict]:
    """One legend entry per look a place can have (a province and a city, or a ward, a commune and a township,
    are drawn alike: one tier of government), naming the levels of `levels` drawn that way, largest first:
    "Tỉnh, thành phố · Province, city"."""
    looks: dict[tuple, list[str]] = {}
    for level, (shape, fill, ink, label) in PLACE_LEVELS.items():
        if level in levels:
            looks.setdefault((shape, fill, ink), []).append(label)
    return [{"fill": fill, "ink": ink, "label": " · ".join(_names(part) for part in zip(*(lab.split(" · ") for lab in labels)))}
            for (_, fill, ink), labels in looks.items()]


def _names(labels) -> str:
    """"Tỉnh, thành phố" and "Thành phố" → "Tỉnh, thành phố": each name once, as a list in a sentence."""
    names: dict[str, str] = {}
    for label in labels:
        for name in label.split(", "):
            names.setdefault(name.lower(), name[:1].lower() + name[1:] if names else name)
    return ", ".join(names.values())


def level_rank(level: str) -> int:
    """Where a place's level comes: provinces first, wards last, anything else after."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


LAYER_STYLE = {"agency": ("box", "#FBEFD5", "▭", "Cơ quan · Agency"), "procedure": ("ellipse", "#E3ECF5", "⬭", "Thủ tục · Procedure")}
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"


def kind_rank(slug: str) -> int:
    """Where a kind comes in every view: one-stop shop first, unknown kinds last."""
    return KIND_ORDER.index(slug) if slug in KIND_ORDER else len(KIND_ORDER)


def kinds_in_order(kinds: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(kinds.items(), key=lambda kv: (kind_rank(kv[0]), kv[0]))


def kind_color(slug: str) -> str:
    rank = kind_rank(slug)
    return PALETTE[rank % len(PALETTE)] if slug and rank < len(KIND_ORDER) else OTHER_COLOR


def kind_shape(slug: str) -> tuple[str, str]:
    """The vis-network shape and the text symbol of a kind's marks."""
    rank = kind_rank(slug)
    return SHAPES[min(rank // len(PALETTE), len(SHAPES) - 1)] if slug and rank < len(KIND_ORDER) else SHAPES[0]


def text_on(color: str) -> str:
    """Black or white, whichever reads better on this background (WCAG relative luminance)."""
    rgb = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lum = sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4) for w, c in zip((0.2126, 0.7152, 0.0722), rgb))
    return "#000000" if lum > 0.179 else "#FFFFFF"


def natural(label: str) -> tuple:
    """Sort "Phường 2" before "Phường 10", and "Đăng ký" among the d's (by the folded text, then the text)."""
    import re

    from kg.text import fold
    return tuple((0, int(t), "", "") if t.isdigit() else (1, 0, fold(t), t) for t in re.findall(r"\d+|\D+", label))


def template(name: str):
    return _environment().get_template(name)


@functools.lru_cache(maxsize=1)
def _environment():
    """One Jinja environment (templates compile once, not once a page), autoescaping everything."""
    from pathlib import Path

    import jinja2
    import markupsafe
    import pyvis
    here = Path(__file__).resolve().parent.parent / "templates"
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(here)),
                                  jinja2.FileSystemLoader(str(Path(pyvis.__file__).parent / "templates"))])
    env = jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    env.globals["csp"] = markupsafe.Markup(CSP)        # our own constant: its quotes must stay quotes
    env.filters["web_url"] = web_url
    return env


def web_url(url) -> str:
    """A source URL fit for an href: http(s) only, so a `javascript:` URL in a graph never becomes a link."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""

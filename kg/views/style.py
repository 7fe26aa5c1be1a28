"""Colours, shapes and order shared by every view, so the network and the matrix read the same way."""
from __future__ import annotations

KIND_COLORS = {  # one colour per kind, in the order a model's main kind is chosen (one-stop shop first)
    "one-stop-shop": "#e4572e", "interconnection": "#f3a712", "online-service": "#29335c", "time-reduction": "#669bbc",
    "home-service": "#7fb069", "extended-hours": "#8e44ad", "digitisation": "#17becf", "digital-map": "#0b7a75",
    "communication": "#d4a5a5", "sms": "#c0392b", "e-office": "#5d4037", "e-portal": "#7f8c8d",
    "assistance": "#27ae60", "feedback": "#f39c12", "service-culture": "#b07aa1",
}
OTHER_COLOR = "#bcccdc"
PLACE_SHAPES = {"Ward": ("dot", "●", "Phường · Ward"), "Commune": ("triangle", "▲", "Xã · Commune"),
                "Township": ("diamond", "◆", "Thị trấn · Township"), "District": ("square", "■", "Quận, huyện · District"),
                "City": ("star", "★", "Thành phố · City")}
LAYER_STYLE = {"agency": ("box", "#f7e8c8", "▭", "Cơ quan · Agency"), "procedure": ("ellipse", "#dde7f0", "⬭", "Thủ tục · Procedure")}
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"


def kind_rank(slug: str) -> int:
    """Where a kind comes in every view: one-stop shop first, unknown kinds last."""
    order = list(KIND_COLORS)
    return order.index(slug) if slug in order else len(order)


def kinds_in_order(kinds: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(kinds.items(), key=lambda kv: (kind_rank(kv[0]), kv[0]))


def kind_color(slug: str) -> str:
    return KIND_COLORS.get(slug, OTHER_COLOR)


def natural(label: str) -> tuple:
    """Sort "Phường 2" before "Phường 10"."""
    import re
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t.casefold()) for t in re.findall(r"\d+|\D+", label))


def template(name: str):
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
    return env.get_template(name)

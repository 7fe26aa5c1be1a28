"""The province a news portal belongs to (ontology/portals.json): the weakest context of a place name.

"phường Tam Thắng" with no province beside it, on the Bà Rịa - Vũng Tàu newspaper's site, is the Tam Thắng of
that province (since 2025, of Thành phố Hồ Chí Minh, which it went into). A host matches itself and its
subdomains (`vungtau.baria-vungtau.gov.vn` is on `baria-vungtau.gov.vn`).
"""
from __future__ import annotations

import functools
import json
from urllib.parse import urlsplit

from kg.resources import data_dir


@functools.lru_cache(maxsize=1)
def portals() -> dict[str, str]:
    """host -> the gazetteer key of its province."""
    data = json.loads((data_dir("ontology") / "portals.json").read_text(encoding="utf-8"))
    return {host: entry["province"] for host, entry in data["portals"].items()}


def province_of(url: str | None) -> str | None:
    """The province of the portal a source URL is on, when ontology/portals.json knows it."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    table = portals()
    while host:
        if host in table:
            return table[host]
        host = host.partition(".")[2]
    return None

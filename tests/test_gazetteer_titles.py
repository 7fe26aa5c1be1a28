"""A unit's title by date, and the place levels under another --base (not against the gazetteer's own output).

- Quảng Ninh is "Tỉnh Quảng Ninh" on every GSO list up to 2025-06-30 and one of the 28 provinces of Resolution
  202/2025/QH15 (2025-07-01); Resolution 36/2026/QH16 made it Thành phố Quảng Ninh from 2026-09-01.
- Bắc Ninh and Đồng Nai were provinces of the 34 on 2025-07-01 (Resolution 202/2025/QH15); Resolution
  30/2026/QH16 made Đồng Nai a city from 2026-04-30, 39/2026/QH16 Bắc Ninh from 2026-09-20: "tỉnh Bắc Ninh" in a
  September 2025 article is the Bắc Ninh of the 2025 system, not the one before it.
- Gò Công was a Thị xã until Resolution 1013/NQ-UBTVQH15 made it Thành phố Gò Công from 2024-05-01.
- The place levels are the lexicon's concepts (ontology/places.ttl, lvl:phuong ...), like kinds and procedures:
  a build under another base links its places to those IRIs, and the graph describes them.
"""
import dataclasses

import pytest

from kg import ingest, pipeline
from kg.gazetteer import load

G = load()
ARTICLE = "Tin cải cách hành chính\n\nUBND {place} triển khai mô hình “Một cửa liên thông” cho người dân.\n"
LEVEL = "<https://w3id.org/reform-kg/ontology#level>"
PREF = "<http://www.w3.org/2004/02/skos/core#prefLabel>"


def fragment(place: str, published: str, base: str = "https://w3id.org/reform-kg/id/"):
    document = dataclasses.replace(ingest.parse(ARTICLE.format(place=place), "x"), published=published)
    return pipeline.document_fragment(document, base)


def labels(f, iri: str) -> set[str]:
    return {line.split("\t")[2].strip() for line in f.labels if line.startswith(f"<{iri}>\t") and "\tvi\t" in line}


@pytest.mark.parametrize("name, level, date, key", [
    ("Quảng Ninh", "tinh", "2023-05-01", "22"),
    ("Quảng Ninh", "tinh", None, "22"),
    ("Gò Công", "thi-xa", "2020-01-01", "816"),
    ("Bắc Ninh", "tinh", "2025-09-01", "2025-24"),
    ("Đồng Nai", "tinh", "2025-09-01", "2025-75"),
])
def test_a_name_written_with_a_former_title_is_that_unit(name, level, date, key):
    assert G.resolve(name, [level], date).unit.key == key


@pytest.mark.parametrize("published, label", [("2023-05-01", '"Tỉnh Quảng Ninh"@vi'),
                                              ("2026-08-31", '"Tỉnh Quảng Ninh"@vi'),
                                              ("2026-09-01", '"Thành phố Quảng Ninh"@vi')])
def test_quang_ninh_is_labelled_with_its_title_of_the_day(published, label):
    assert labels(fragment("tỉnh Quảng Ninh", published), "https://w3id.org/reform-kg/id/place/22") == {label}


@pytest.mark.parametrize("key, date, label", [
    ("2025-24", "2025-09-01", "Tỉnh Bắc Ninh"), ("2025-24", "2026-09-20", "Thành phố Bắc Ninh"),
    ("2025-75", "2026-04-29", "Tỉnh Đồng Nai"), ("2025-75", "2026-04-30", "Thành phố Đồng Nai"),
])
def test_the_cities_of_2026_were_provinces_until_their_resolutions(key, date, label):
    assert G.title(key, date).label == label


def test_go_cong_is_a_thi_xa_before_resolution_1013():
    f = fragment("thị xã Gò Công, tỉnh Tiền Giang", "2020-03-05")
    assert labels(f, "https://w3id.org/reform-kg/id/place/816") == {'"Thị xã Gò Công"@vi'}
    assert G.title("816", "2024-05-01").label == "Thành phố Gò Công"


def test_a_build_under_another_base_links_places_to_the_lexicon_s_levels():
    """Phường Bến Thành (Quận 1, GSO 26743) in a 2024 article built under https://example.org/ids/: the place is
    under the build's base, its level is lvl:phuong, and the graph holds lvl:phuong's labels."""
    f = fragment("phường Bến Thành, quận 1, TP.HCM", "2024-03-05", "https://example.org/ids/")
    phuong = "<https://w3id.org/reform-kg/id/place-level/phuong>"
    assert f"<https://example.org/ids/place/26743> {LEVEL} {phuong} .\n" in f.lines
    assert f'{phuong} {PREF} "Phường"@vi .\n' in f.lines
    assert not [line for line in f.lines if "https://example.org/ids/place-level/" in line]

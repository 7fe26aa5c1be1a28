"""GSO codes the GSO gave to another unit, against its lists (not against the gazetteer).

When a merger let the merged ward keep the absorbed ward's code, one code names two units over time. The GSO's
lists as dvhcvn copies them (github.com/daohoangson/dvhcvn, data/dvhcvn.json; the updates of 01/01/2020,
01/02/2024, 01/03/2025 and 01/03/2020 below):
- Quận 4: 27265 is "Phường 06" and 27262 "Phường 09" on the list of 2020-01; from the list of 2025-01 (Resolution
  1278/NQ-UBTVQH15, 2025-01-01) 27265 is "Phường 9" and 27262 is gone.
- 29551 of Vĩnh Long city, 29869 of Cao Lãnh, 28300 of Gò Công, 31522 of Sóc Trăng city, 32002 of Cà Mau city:
  "Phường 2", "Phường 2", "Phường 4", "Phường 9", "Phường 4" on the list of 2024-02, "Phường 1", "Phường 1",
  "Phường 1", "Phường 1", "Phường 2" on the list of 2025-03.
- 28777 of Bến Tre city: "Phường 2" on the list of 2020-01, "Phường An Hội" on that of 2020-03 (Resolution 855).
"""
import dataclasses

import pytest
from rdflib import DCTERMS, RDFS, Literal, URIRef

from kg import ingest, pipeline
from kg.gazetteer import load
from kg.namespace import RK

G = load()
BASE = "https://w3id.org/reform-kg/id/place/"


@pytest.mark.parametrize("code, district, before, after, date_before, date_after", [
    ("27265", "773", "Phường 6", "Phường 9", "2020-01-01", "2025-03-01"),
    ("29551", "855", "Phường 2", "Phường 1", "2024-02-01", "2025-03-01"),
    ("29869", "866", "Phường 2", "Phường 1", "2024-02-01", "2025-03-01"),
    ("28300", "816", "Phường 4", "Phường 1", "2024-02-01", "2025-03-01"),
    ("31522", "941", "Phường 9", "Phường 1", "2024-02-01", "2025-03-01"),
    ("32002", "964", "Phường 4", "Phường 2", "2024-02-01", "2025-03-01"),
    ("28777", "829", "Phường 2", "Phường An Hội", "2020-01-01", "2020-03-01"),
])
def test_a_reused_code_names_the_unit_that_bore_it_on_the_date(code, district, before, after, date_before, date_after):
    for date, label in ((date_before, before), (date_after, after)):
        unit = G.unit_with_code(code, date)
        assert (unit.parent, G.title(unit.key, date).label) == (district, label)
    assert G.unit_with_code(code, date_before).key != G.unit_with_code(code, date_after).key


def test_the_ward_that_took_a_code_bore_its_own_before():
    """Phường 9 of Quận 4 is one place from 2019 to 2025: 27262 until 2025-01-01, 27265 from then."""
    [phuong_9] = [u for u in G.units.values() if u.parent == "773" and u.label == "Phường 9"]
    assert (G.code(phuong_9.key, "2020-01-23"), G.code(phuong_9.key, "2025-01-01")) == ("27262", "27265")


def test_a_place_has_one_code_its_last_and_an_absorbed_ward_its_own(graph):
    """The District 4 article of 2020-01-23: Phường 6 (merged into 9 on 2025-01-01) is 27265 and Phường 5 (merged
    into 2 in 2021) 27274, their codes on the GSO's list of 2020-01; Phường 9, one place from 2019 to 2025, has one
    code, its last: 27265 (the list of 2025-03)."""
    def codes(label):
        [place] = [s for s in graph.subjects(DCTERMS.identifier, None) if str(s).startswith(BASE)
                   and any(str(o) == label for o in graph.objects(s, RDFS.label))
                   and graph.value(s, RK.partOf) == URIRef(BASE + "773")]
        return set(graph.objects(place, DCTERMS.identifier))
    assert codes("Phường 6") == {Literal("27265")} and codes("Phường 5") == {Literal("27274")}
    assert codes("Phường 9") == {Literal("27265")}


@pytest.mark.parametrize("published", ["2020-01-23", "2025-03-01"])
def test_a_place_s_code_is_the_same_in_every_article(published):
    """The shapes allow a place one dcterms:identifier: Phường 9 of Quận 4 is 27265 (its code since 2025-01-01,
    the last it bore) in an article of 2020 as in one of 2025, so a corpus of both keeps one."""
    text = "Tin cải cách hành chính\n\nUBND Phường 9, Quận 4, TP.HCM triển khai mô hình “Một cửa liên thông”.\n"
    document = dataclasses.replace(ingest.parse(text, "x"), published=published)
    lines = pipeline.document_fragment(document).lines
    assert [line for line in lines if line.startswith(f"<{BASE}27265> <{DCTERMS.identifier}>")] \
        == [f'<{BASE}27265> <{DCTERMS.identifier}> "27265" .\n']

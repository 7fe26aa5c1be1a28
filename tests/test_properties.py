"""Property-based tests (hypothesis): arbitrary text never breaks the pipeline, every evidence span slices
to its quoted text, and Vietnamese-formatted numbers parse to the value they denote."""
from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import RDF

from kg import ingest, pipeline
from kg.emit import new_graph
from kg.namespace import OA, RK
from kg.text import parse_number

# Text made of what articles are made of, plus anything at all.
PIECES = st.sampled_from(["mô hình", "“", "”", "\"", "(", ")", ";", ",", ".", ":", "!", "…", " ", "\n", "Phường", "phường",
                          "Quận 4", "xã", "UBND", "Công an", "1.250", "53,65", "%", "hồ sơ", "TTHC", "từ 03 ngày giảm còn 01 ngày",
                          "Một cửa", "liên thông", "tại nhà", "đăng ký khai sinh", "Tây Vinh", "năm 2019", "Đây là", "như:",
                          "Tính đến tháng 12/2019", "1/2", "-", "15 Phường", "do", "phối hợp với", "của"])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _graph(text: str):
    document = ingest.parse(text, "prop")
    fragment = pipeline.document_fragment(document)
    labels = [f"{s} <http://www.w3.org/2000/01/rdf-schema#label> {o}" for s, _, o in
              (record.rstrip("\n").split("\t", 2) for record in fragment.labels)]
    graph = new_graph().parse(data="".join(fragment.lines) + "".join(f"{line} .\n" for line in labels), format="nt")
    return document, graph


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_builds_and_every_evidence_slices_exactly(text):
    document, graph = _graph(text)
    for ev in graph.subjects(RDF.type, RK.Evidence):
        selectors = list(graph.objects(ev, OA.hasSelector))
        start = next(graph.value(s, OA.start) for s in selectors if graph.value(s, OA.start) is not None).toPython()
        end = next(graph.value(s, OA.end) for s in selectors if graph.value(s, OA.end) is not None).toPython()
        exact = next(str(graph.value(s, OA.exact)) for s in selectors if graph.value(s, OA.exact) is not None)
        assert document.text[start:end] == exact


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text):
    _graph(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_dot_thousands_parse(n):
    written = f"{n:,}".replace(",", ".")
    assert parse_number(written) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_comma_decimals_parse(whole, cents):
    written = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    assert parse_number(written) == Decimal(whole) + Decimal(cents) / 100


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99))
def test_numbers_in_text_are_read_back(whole, cents):
    value = Decimal(whole) + Decimal(cents) / 100
    rate = str(value).replace(".", ",")                       # 53.65 is written 53,65
    count = f"{whole:,}".replace(",", ".")                    # 1250 is written 1.250
    text = f"Tỉ lệ đạt {rate}%; tiếp nhận {count} hồ sơ."
    _, graph = _graph(text)
    values = sorted(Decimal(str(v)) for v in graph.objects(None, RK.value))
    assert values == sorted([value, Decimal(whole)])

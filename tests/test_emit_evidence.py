"""Evidence lines: a relation read in two sentences is one triple and one statement with two sentences as its
evidence; every span is written once, with its selectors; a fragment holds each line once."""
from kg.emit.evidence import Evidence
from kg.emit.sink import Lines
from kg.link.linked import Cited, Span

BASE = "https://example.org/"
DOC = "<https://example.org/document/d>"
FIRST = Span(BASE + "evidence/d/0-19", 0, 19, "Mô hình “Một cửa” ở", "", " phường 1.")
SECOND = Span(BASE + "evidence/d/21-36", 21, 36, 'Câu "thứ hai"\\.', "ở phường 1.", "")
S, P, O = "<https://example.org/i>", "<https://example.org/p>", "<https://example.org/o>"
CITED = "https://example.org/o"


def written(*facts) -> list[str]:
    out = Lines()
    evidence = Evidence(out, DOC, BASE)
    for sentence in facts:
        evidence.facts(S, P, [Cited(CITED, sentence)])
    return out.fragment().lines


def test_a_relation_read_twice_is_one_statement_with_both_sentences():
    lines = written(FIRST, SECOND, FIRST)
    assert len(lines) == len(set(lines))
    assert lines.count(f"{S} {P} {O} .\n") == 1
    statements = [line for line in lines if line.endswith("#Statement> .\n")]
    assert len(statements) == 1
    stmt = statements[0].split()[0]
    assert sorted(line.split()[2] for line in lines if line.startswith(stmt) and "ontology#evidence" in line) \
        == [f"<{FIRST.iri}>", f"<{SECOND.iri}>"]
    assert len([line for line in lines if line.startswith(stmt)]) == 6       # a, subject, predicate, object, 2 sentences


def test_each_span_is_written_once_with_its_selectors():
    lines = written(FIRST, SECOND, FIRST)
    for span in (FIRST, SECOND):
        own = [line for line in lines if line.startswith(f"<{span.iri}")]
        assert len(own) == 11                   # the node (a, source, two selectors), position (a, start, end), quote (a, exact, prefix, suffix)
    assert f'<{SECOND.iri}/quote> <http://www.w3.org/ns/oa#exact> "Câu \\"thứ hai\\"\\\\." .\n' in lines


def test_a_concept_object_is_written_as_its_writer_says():
    out, asked = Lines(), []

    def concept(iri: str) -> str:           # what Emitter.concept does: copy the concept's lines, give its IRI
        asked.append(iri)
        return f"<{iri}>"
    Evidence(out, DOC, BASE).facts(S, P, [Cited(CITED, FIRST), Cited(BASE + "kind/k", SECOND)], concept)
    lines = out.fragment().lines
    assert asked == [CITED, BASE + "kind/k"]
    assert f"{S} {P} {O} .\n" in lines and f"{S} {P} <{BASE}kind/k> .\n" in lines

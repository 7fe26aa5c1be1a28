"""Every initiative, figure and relation in a corpus graph has evidence, and every evidence span slices the
source text to exactly its quoted string."""
import pytest
from rdflib import RDF, URIRef
from rdflib.namespace import DCTERMS

from kg import corpus, ingest, sources
from kg.namespace import OA, RK

from conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def read():
    graph, _ = corpus.build_graph([CORPUS])
    texts = {}
    for source in sources.list_inputs([CORPUS]).sources:
        doc = ingest.load(source.path, doc_id=source.doc_id)
        texts[doc.doc_id] = doc.text
    return graph, texts


def _check(graph, texts, ev):
    doc = graph.value(ev, OA.hasSource)
    text = texts[str(graph.value(doc, DCTERMS.identifier))]
    selectors = list(graph.objects(ev, OA.hasSelector))
    [pos] = [s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph]
    [quote] = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph]
    start, end = graph.value(pos, OA.start).toPython(), graph.value(pos, OA.end).toPython()
    assert text[start:end] == str(graph.value(quote, OA.exact))
    assert text[:start].endswith(str(graph.value(quote, OA.prefix)))
    return True


def test_every_initiative_and_metric_has_exact_evidence(read):
    graph, texts = read
    entities = set(graph.subjects(RDF.type, RK.Initiative)) | set(graph.subjects(RDF.type, RK.Metric)) | \
        set(graph.subjects(RDF.type, RK.TimeReduction))
    assert len(entities) > 50
    for e in entities:
        evidence = list(graph.objects(e, RK.evidence))
        assert evidence, e
        assert all(_check(graph, texts, ev) for ev in evidence)
        assert all(_check(graph, texts, graph.value(ev, RK.sentence) or ev) for ev in evidence)


def test_every_initiative_relation_is_a_statement_with_exact_evidence(read):
    graph, texts = read
    relations = [RK.runsIn, RK.runsInAllWardsOf, RK.kind, RK.field, RK.procedure, RK.ledBy, RK.partner,
                 RK.involves, RK.timeReduction]
    checked = 0
    for s in graph.subjects(RDF.type, RK.Initiative):
        for p in relations:
            for o in graph.objects(s, p):
                stmts = [st for st in graph.subjects(RDF.subject, s)
                         if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph]
                assert len(stmts) == 1, (s, p, o)
                evidence = list(graph.objects(stmts[0], RK.evidence))
                assert evidence and all(_check(graph, texts, ev) for ev in evidence)
                checked += 1
    assert checked > 150


def test_relation_evidence_is_the_sentence_that_says_it(read):
    graph, _ = read
    ward16 = URIRef("https://w3id.org/reform-kg/id/place/27289")   # Phường 16 of Quận 4 (GSO code)
    death = URIRef("https://w3id.org/reform-kg/id/initiative/773/lien-thong-thu-tuc-dang-ky-khai-tu-chung-thuc-chu-ky-ho-tro-khuyen-khich-hoa")
    [stmt] = [st for st in graph.subjects(RDF.object, ward16) if (st, RDF.predicate, RK.runsIn) in graph
              and (st, RDF.subject, death) in graph]
    [ev] = graph.objects(stmt, RK.evidence)
    quote = [q for q in graph.objects(ev, OA.hasSelector) if (q, OA.exact, None) in graph][0]
    assert "(Phường 1 và 16)" in str(graph.value(quote, OA.exact))

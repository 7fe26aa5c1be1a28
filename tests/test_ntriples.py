"""The N-Triples writer (kg.emit.ntriples): what it writes, two independent parsers read back unchanged."""
from decimal import Decimal

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef, namespace

from kg.emit import _duration, _number
from kg.emit.ntriples import iri, literal, nt, typed
from kg.emit.sink import Lines

TRICKY = [
    "plain", "", 'a "quoted" word', "back\\slash", "ends with a backslash\\", "\\n is not a newline",
    "line\nfeed", "carriage\rreturn", "\r\n", "tab\there", 'ends with a quote"', '"""', "'single'",
    "Phường Tân Định “ngoặc kép” – dấu gạch", "\u2028 line separator \u2029", "emoji 😀", "nul \x00 and bell \x07",
    "\\u0041 stays six characters", "> <http://x/> .", "@vi", "^^<http://www.w3.org/2001/XMLSchema#integer>",
]
S, P = "<http://example.org/s>", "<http://example.org/p>"


def _both(line: str):
    """The object as rdflib and as pyoxigraph read the line."""
    g = Graph().parse(data=line, format="nt")
    [(_, _, by_rdflib)] = list(g)
    [quad] = list(pyoxigraph.parse(line.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES))
    return by_rdflib, quad.object


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("lang", ["", "vi"])
def test_a_literal_reads_back_as_written(text, lang):
    by_rdflib, by_oxigraph = _both(f"{S} {P} {literal(text, lang)} .\n")
    assert str(by_rdflib) == text and (by_rdflib.language or "") == lang
    assert by_oxigraph.value == text and (by_oxigraph.language or "") == lang


@pytest.mark.parametrize("text", TRICKY)
def test_a_literal_is_one_line(text):
    assert "\n" not in literal(text) and "\r" not in literal(text)


@pytest.mark.parametrize("lexical, xsd_type", [("2020-01-23", "date"), ("2024-01-17T23:05:00+07:00", "dateTime"),
                                               ("1697", "integer"), ("53.65", "decimal"), ("PT12H", "dayTimeDuration"),
                                               ("true", "boolean"), ("2019", "gYear"), ("2019-12", "gYearMonth")])
def test_a_typed_literal_keeps_its_type(lexical, xsd_type):
    by_rdflib, by_oxigraph = _both(f"{S} {P} {typed(lexical, xsd_type)} .\n")
    assert str(by_rdflib.datatype) == by_oxigraph.datatype.value == f"http://www.w3.org/2001/XMLSchema#{xsd_type}"
    assert by_oxigraph.value == lexical


def test_a_plain_string_is_written_without_its_type():
    assert literal("x", datatype="http://www.w3.org/2001/XMLSchema#string") == '"x"'
    assert nt(Literal("x", datatype=namespace.XSD.string)) == '"x"'


@pytest.mark.parametrize("term", [URIRef("http://example.org/a?b=c#d"), Literal('say "hi"\n', lang="vi"),
                                  Literal(5), Literal("2020-01-23", datatype=namespace.XSD.date), Literal("x\\y")])
def test_rdflib_terms_are_written_as_rdflib_reads_them(term):
    g = Graph().parse(data=f"{S} {P} {nt(term)} .\n", format="nt")
    assert list(g.objects()) == [term]


def test_lines_are_each_written_once_in_the_order_written():
    out = Lines()
    for o in ("<http://example.org/b>", "<http://example.org/a>", "<http://example.org/b>"):
        out.add(S, P, o)
    out.label(S, "Phường 1", "vi")
    out.label(S, "Phường 1", "vi")
    fragment = out.fragment()
    assert fragment.lines == [f"{S} {P} <http://example.org/b> .\n", f"{S} {P} <http://example.org/a> .\n"]
    assert fragment.labels == [f'{S}\tvi\t"Phường 1"@vi\n']
    assert iri("http://example.org/a") == "<http://example.org/a>"


# Durations and numbers: the canonical forms rdflib gives the same values (what the graph held before emit wrote
# strings), so the bytes did not change.
@pytest.mark.parametrize("n", ["1", "3", "0.5", "1.25", "1.5", "14", "24", "90", "0.25", "2.75", "100", "45"])
@pytest.mark.parametrize("unit, written", [("day", "P{}D"), ("week", "P{}D"), ("hour", "PT{}H"), ("minute", "PT{}M")])
def test_a_duration_is_written_in_the_canonical_form(n, unit, written):
    value = Decimal(n)
    old = written.format(value * 7 if unit == "week" else value)
    assert _duration(value, unit) == str(Literal(old, datatype=namespace.XSD.dayTimeDuration))


@pytest.mark.parametrize("n", ["1697", "53.65", "0.5", "100.0", "1E+2", "0.000001", "12.50"])
def test_a_number_is_an_integer_or_a_decimal_as_rdflib_writes_it(n):
    value = Decimal(n)
    if value == value.to_integral_value():
        expected = Literal(int(value), datatype=namespace.XSD.integer)
    else:
        expected = Literal(value.normalize(), datatype=namespace.XSD.decimal)
    assert _number(value) == nt(expected)


def test_every_line_of_a_real_article_is_valid_n_triples_to_both_parsers():
    """The District 4 article (menus and sidebar included) and the Báo Gia Lai excerpt: each line is one distinct
    triple to rdflib and to pyoxigraph (the strict IRI parser every query goes through), each label a literal."""
    from pathlib import Path
    from kg import ingest, pipeline
    root = Path(__file__).resolve().parent.parent
    for path in (root / "examples" / "articles" / "quan4-2020-01-23-mo-hinh-cchc.txt",
                 root / "tests" / "data" / "corpus" / "dev" / "tam-quan-baogialai.txt"):
        fragment = pipeline.document_fragment(ingest.load(path, "https://example.org/a?b=c&d=e#f"))
        data = "".join(fragment.lines)
        assert len(Graph().parse(data=data, format="nt")) == len(fragment.lines)
        assert len(list(pyoxigraph.parse(data.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES))) == len(fragment.lines)
        labels = "".join(f"{s} <http://www.w3.org/2000/01/rdf-schema#label> {o} .\n"
                         for s, _, o in (r.rstrip("\n").split("\t", 2) for r in fragment.labels))
        assert len(list(pyoxigraph.parse(labels.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES))) == len(fragment.labels)

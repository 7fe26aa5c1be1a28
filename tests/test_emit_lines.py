"""A fragment's lines: merging what another Lines holds, and the lines of places and agencies, which emit makes
once and writes again for every document that names them."""
from kg import lexicon
from kg.emit import emit
from kg.emit.sink import Lines
from kg.link import linked

ID = "https://example.org/id/"
WARD = f"{ID}place/27283"
LEVEL = "https://w3id.org/reform-kg/id/place-level/phuong"
UBND = "https://w3id.org/reform-kg/id/agency-type/ubnd"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_merge_adds_the_lines_and_labels_not_yet_there_in_their_order():
    out, other = Lines(), Lines()
    out.add("<a>", "<p>", "<b>")
    other.add("<c>", "<p>", "<d>")
    other.add("<a>", "<p>", "<b>")
    other.label("<c>", "Phường 4", "vi")
    out.merge(other)
    assert list(out.lines) == ["<a> <p> <b> .\n", "<c> <p> <d> .\n"]
    assert list(out.labels) == ['<c>\tvi\t"Phường 4"@vi\n']


def document(doc_id: str) -> linked.LinkedDocument:
    """A document that names Phường 4 of Quận 4 (27283) and its People's Committee, and nothing else."""
    return linked.LinkedDocument(
        ID, f"{ID}document/{doc_id}", doc_id, None, None, "2020-01-23", None, None, None, WARD,
        places=(linked.Place(WARD, "https://w3id.org/reform-kg/ontology#Ward", "Phường 4", "Ward 4", None, False,
                             "27283", LEVEL),),
        agencies=(linked.Agency(f"{ID}agency/27283/ubnd", "UBND Phường 4",
                                UBND, WARD),),
        initiatives=(), reductions=(), metrics=())


def test_every_document_that_names_a_place_or_an_agency_writes_its_lines():
    lex = lexicon.load()
    first, second = emit(document("a"), lex), emit(document("b"), lex)
    for fragment in (first, second):
        lines = set(fragment.lines)
        assert f'<{WARD}> <http://purl.org/dc/terms/identifier> "27283" .\n' in lines
        assert f"<{WARD}> <https://w3id.org/reform-kg/ontology#level> <{LEVEL}> .\n" in lines
        assert f"<{LEVEL}> <{TYPE}> <http://www.w3.org/2004/02/skos/core#Concept> .\n" in lines   # copied
        assert f"<{UBND}> <{TYPE}> <https://w3id.org/reform-kg/ontology#AgencyType> .\n" in lines
        assert f"<{ID}agency/27283/ubnd> <https://w3id.org/reform-kg/ontology#locatedIn> <{WARD}> .\n" in lines
        assert f'<{WARD}>\ten\t"Ward 4"@en\n' in fragment.labels
        assert f'<{ID}agency/27283/ubnd>\tvi\t"UBND Phường 4"@vi\n' in fragment.labels
    assert {line for line in first.lines if "/document/" not in line} \
        == {line for line in second.lines if "/document/" not in line}         # but the document, the same

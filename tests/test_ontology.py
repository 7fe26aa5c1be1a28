"""The ontology and lexicons: every term documented in both languages, every lexicon concept labelled."""
import subprocess
import sys

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph

from kg.namespace import RK
from kg.resources import ontology_files


@pytest.fixture(scope="module")
def onto():
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return g


def test_every_class_and_property_has_vi_and_en_labels_and_a_comment(onto):
    terms = {s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in onto.subjects(RDF.type, t)}
    assert RK.Initiative in terms and RK.runsIn in terms
    for term in terms:
        langs = {lab.language for lab in onto.objects(term, RDFS.label)}
        assert {"vi", "en"} <= langs, term
        assert any(True for _ in onto.objects(term, RDFS.comment)), term


def test_every_namespace_term_is_declared(onto):
    declared = {str(s) for s in onto.subjects(RDFS.label, None)}
    for name in RK.__annotations__:
        assert str(RK[name]) in declared, name


def test_lexicon_concepts_have_vi_and_en_pref_labels(onto):
    for concept in onto.subjects(SKOS.inScheme, None):
        langs = {lab.language for lab in onto.objects(concept, SKOS.prefLabel)}
        assert {"vi", "en"} <= langs, concept


def test_unknown_term_raises():
    with pytest.raises(AttributeError):
        RK.runIn   # misspelt: the DefinedNamespace refuses it


def test_python_dash_m():
    done = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "reform-kg" in done.stdout

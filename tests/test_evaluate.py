"""Extraction quality on hand-annotated articles, as a regression check. The annotations in
tests/data/annotations are a careful reading of each article (see each file's "notes"), not program output."""
import pytest

from kg import evaluate

from conftest import ROOT

ANNOTATIONS = ROOT / "tests" / "data" / "annotations"
THRESHOLD = 0.9


@pytest.fixture(scope="module")
def scores():
    return evaluate.evaluate(ANNOTATIONS)


@pytest.mark.parametrize("relation", evaluate.RELATIONS)
def test_relation_reaches_threshold(scores, relation):
    s = scores[relation]
    assert s.f1 >= THRESHOLD, evaluate.report({relation: s})


def test_scoring_counts_misses_and_false_hits():
    s = evaluate.Score(true={1, 2, 3}, misses={4}, false_hits={5, 6})
    assert (s.precision, s.recall) == (0.6, 0.75)
    assert round(s.f1, 4) == round(2 * 0.6 * 0.75 / 1.35, 4)


def test_labels_compare_by_their_words():
    assert evaluate.norm("“Một cửa”.") == evaluate.norm("một  cửa")
    assert evaluate.norm("Phường 1") != evaluate.norm("Phường 10")


def test_evaluate_command(tmp_path):
    from click.testing import CliRunner
    from kg.cli import cli
    r = CliRunner().invoke(cli, ["evaluate", str(ANNOTATIONS), "--min-f1", "0.9", "--quiet"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == "| relation | precision | recall | F1 | found | missed | false |"
    (tmp_path / "a.json").write_text('{"file": "missing.txt", "initiatives": {}, "metrics": []}', encoding="utf-8")
    r = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert r.exit_code == 1 and r.output.startswith("Error: ") and "missing.txt" in r.output

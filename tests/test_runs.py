"""Sorted runs: what one process gathers and writes, and the parent's merge of every process's runs."""
from kg.emit.sink import Fragment
from kg.runs import Runs, merge

TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RK = "https://w3id.org/reform-kg/ontology#"


def test_runs_from_two_processes_merge_into_sorted_unique_lines_with_one_label_chosen(tmp_path):
    ward = "<https://w3id.org/reform-kg/id/place/27298>"
    a, b = Runs(tmp_path, "0", budget=3, small=-1), Runs(tmp_path, "1", budget=3, small=-1)
    a.add(Fragment([f"{ward} {TYPE} <{RK}Ward> .\n", "<x:d1> <x:p> \"1\" .\n"], [f"{ward}\tvi\t\"phường 1\"@vi\n"]))
    a.add(Fragment([f"{ward} {TYPE} <{RK}Ward> .\n", f"<x:d1> {TYPE} <{RK}Document> .\n"], []))
    b.add(Fragment([f"<x:d2> {TYPE} <{RK}Document> .\n", f"{ward} {TYPE} <{RK}Ward> .\n"],
                   [f"{ward}\tvi\t\"Phường 1\"@vi\n", f"{ward}\ten\t\"Ward 1\"@en\n"]))
    runs = a.close() + b.close()
    assert len(runs) == 3                               # a wrote one when it held 3 lines and labels, then one more
    out = tmp_path / "g.nt"
    assert merge(runs, out) == (7, {"documents": 2, "initiatives": 0, "wards": 1, "metrics": 0})
    assert out.read_text(encoding="utf-8") == (       # "P" (U+0050) sorts before "p": "Phường 1" is the label
        f'{ward} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{RK}Ward> .\n'
        f'{ward} <http://www.w3.org/2000/01/rdf-schema#label> "Phường 1"@vi .\n'
        f'{ward} <http://www.w3.org/2000/01/rdf-schema#label> "Ward 1"@en .\n'
        f'{ward} <http://www.w3.org/2004/02/skos/core#altLabel> "phường 1"@vi .\n'
        f'<x:d1> {TYPE} <{RK}Document> .\n'
        '<x:d1> <x:p> "1" .\n'
        f'<x:d2> {TYPE} <{RK}Document> .\n')


def test_fragments_are_kept_only_while_the_process_holds_few_lines(tmp_path):
    runs = Runs(tmp_path, "0", budget=100, small=2)
    assert runs.keeps_fragments
    runs.add(Fragment(["<x:a> <x:p> <x:b> .\n", "<x:a> <x:p> <x:c> .\n"], []))
    assert runs.keeps_fragments
    runs.add(Fragment(["<x:a> <x:p> <x:d> .\n"], []))
    assert not runs.keeps_fragments

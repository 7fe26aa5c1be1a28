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


def test_more_runs_than_may_be_open_at_once_are_merged_in_rounds_to_the_same_file(tmp_path, monkeypatch):
    """A very large build writes more runs than a process may hold open; merged a few at a time, in rounds,
    they give the same lines and the same chosen labels."""
    import kg.runs
    ward = "<https://w3id.org/reform-kg/id/place/27298>"
    spellings = ["phường 1", "Phường 1", "PHƯỜNG 1", "Phường Một", "phường một"]
    pieces = [Fragment([f"<x:d{i}> {TYPE} <{RK}Document> .\n", f"{ward} {TYPE} <{RK}Ward> .\n"],
                       [f"{ward}\tvi\t\"{spellings[i % 5]}\"@vi\n"]) for i in range(7)]
    outputs = []
    for fan_in in (100, 2):
        monkeypatch.setattr(kg.runs, "FAN_IN", fan_in)
        folder = tmp_path / str(fan_in)
        folder.mkdir()
        runs = []
        for i, piece in enumerate(pieces):      # one run per document: 7 runs, merged 2 at a time: 4, then 2
            one = Runs(folder, str(i), budget=1, small=-1)
            one.add(piece)
            runs += one.close()
        out = folder / "g.nt"
        assert merge(runs, out) == (13, {"documents": 7, "initiatives": 0, "wards": 1, "metrics": 0})
        outputs.append(out.read_bytes())
        left = sorted(p.name for p in folder.iterdir() if p.name != "g.nt")
        assert left == ([f"merged-2-0000{i}.{x}" for i in range(2) for x in ("nt", "tsv")] if fan_in == 2 else
                        [f"run-{i}-00000.{x}" for i in range(7) for x in ("nt", "tsv")])
    assert outputs[0] == outputs[1]
    assert f'{ward} <http://www.w3.org/2000/01/rdf-schema#label> "PHƯỜNG 1"@vi .\n'.encode() in outputs[1]


WORKER_STOPPED_AT_BIRTH = """
import os, signal, sys
from pathlib import Path
from kg import cli, runs
from kg.errors import KgError
signal.signal(signal.SIGTERM, cli._terminated)          # the handler every reform-kg command has
os.register_at_fork(after_in_child=lambda: os.kill(os.getpid(), signal.SIGTERM))
try:
    for _ in runs.gather(list(range(2 * runs.BATCH + 1)), lambda task, keep_in: (task, None), 2, Path(sys.argv[1]), -1, []):
        pass
    print("the workers worked on")
except KgError as e:
    print(e)
"""


def test_a_worker_stopped_in_its_first_moments_ends_and_the_parent_says_so(tmp_path):
    """A SIGTERM that reaches a worker as it is forked (the parent ending it, when the build is stopped as it
    starts) ends it: it must not run the handler it inherited, whose SystemExit Python drops in an after-fork
    hook, leaving a worker the parent would wait for for ever."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", WORKER_STOPPED_AT_BIRTH, str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert "a worker process ended unexpectedly (exit status -15)" in done.stdout, done.stdout + done.stderr

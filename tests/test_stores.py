"""The persistent Oxigraph store works under every command, with the same results as a file."""
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg import queries, store
from kg.cli import cli

from conftest import EXAMPLES


def test_every_command_works_on_an_oxigraph_store(tmp_path, graph):
    spec = f"oxigraph:{tmp_path / 'db'}"
    run = lambda *a: CliRunner().invoke(cli, list(a))   # noqa: E731
    r = run("build", str(EXAMPLES / "articles"), "--store", spec)
    assert r.exit_code == 0 and r.stdout == f"{spec}: 1 document, {len(graph)} triples, 23 initiatives, 18 wards, 15 metrics\n"  # 15 of 2019, 3 of 2025
    assert run("validate", "--store", spec).exit_code == 0
    assert "Phường 16" in run("query", "ward-initiatives", "--store", spec, "-f", "csv").output
    assert run("explain", "Giờ làm việc thứ 9", "--store", spec).output.startswith("Giờ làm việc thứ 9  <")
    assert run("view", "--store", spec, "-o", str(tmp_path / "v.html")).output.endswith(": 36 nodes, 30 edges\n")   # every-ward models: one link to Quận 4
    out = tmp_path / "x.ttl"
    assert run("export", "--store", spec, "-o", str(out)).exit_code == 0
    assert len(store.load(out)) == len(graph)


def test_store_and_file_answer_every_query_the_same(tmp_path, graph):
    spec = f"oxigraph:{tmp_path / 'db'}"
    store.save_to_store(graph, spec)
    db = store.open_store(spec)
    try:
        for q in queries.bundled().values():
            a, b = queries.run(graph, q), queries.run(db, q)
            if a.type == "CONSTRUCT":
                assert isomorphic(a.graph, b.graph), q.name
            else:
                assert [tuple(v.toPython() if v is not None else None for v in r) for r in a] == \
                       [tuple(v.toPython() if v is not None else None for v in r) for r in b], q.name
    finally:
        db.close()


def test_missing_store_and_both_sources(tmp_path, graph_file):
    r = CliRunner().invoke(cli, ["query", "initiatives", "--store", f"oxigraph:{tmp_path / 'nope'}"])
    assert (r.exit_code, r.output) == (1, f"Error: {tmp_path / 'nope'}: no such store (create one with "
                                          f"`reform-kg build ARTICLES --store oxigraph:{tmp_path / 'nope'}`)\n")
    for command in (["query", "initiatives"], ["export"]):     # a folder of articles given as the store
        r = CliRunner().invoke(cli, [*command, "--store", f"oxigraph:{tmp_path}"])
        assert (r.exit_code, r.output) == (1, f"Error: {tmp_path}: not an Oxigraph store (a folder a build made with "
                                              "--store has a CURRENT file); give the store's folder, or a graph file with -g\n")
    r = CliRunner().invoke(cli, ["query", "initiatives", "-g", str(graph_file), "--store", "oxigraph:x"])
    assert r.exit_code == 2 and "give the graph as -g FILE or as --store oxigraph:DIR (one of them)" in r.output
    r = CliRunner().invoke(cli, ["query", "initiatives", "--store", "sqlite:x"])
    assert (r.exit_code, r.output) == (1, "Error: sqlite:x: a store is given as oxigraph:FOLDER\n")

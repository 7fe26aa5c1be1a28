"""The command line: what a user types, what they see, and the exact error lines."""
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import cli

from conftest import ARTICLE, EXAMPLES


@pytest.fixture()
def runner():
    return CliRunner()


def test_build_prints_a_summary(runner, tmp_path):
    out = tmp_path / "g.ttl"
    r = runner.invoke(cli, ["build", str(EXAMPLES / "articles"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith("built in ") and r.stderr.endswith(" s with 1 job(s): 0 from cache, 0 skipped, 0 failed, 0 set aside\n")
    assert r.stdout == f"{out}: 1 document, {len(Graph().parse(out))} triples, 23 initiatives, 18 wards, 15 metrics\n"  # 15 wards of 2019, 3 of 2025 they went into


@pytest.mark.parametrize("suffix", [".nt", ".jsonld", ".trig", ".rdf"])
def test_build_format_from_extension(runner, tmp_path, graph, suffix):
    from kg import store
    out = tmp_path / f"g{suffix}"
    assert runner.invoke(cli, ["build", str(ARTICLE), "-o", str(out)]).exit_code == 0
    assert isomorphic(store.load(out), graph)


def test_query_list(runner):
    r = runner.invoke(cli, ["query", "--list"])
    assert r.exit_code == 0
    assert "ward-initiatives" in r.output and "Which wards run which models" in r.output


def test_query_csv_headline(runner, graph_file):
    r = runner.invoke(cli, ["query", "ward-initiatives", "-g", str(graph_file), "--format", "csv"])
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0] == "ward,wardLabel,initiative,initiativeLabel,kind"
    assert any("Phường 16" in line and "khai tử" in line for line in lines)


@pytest.mark.parametrize("fmt, start", [("tsv", "?ward\t?wardLabel\t?initiative\t?initiativeLabel\t?kind\n"), ("xml", "<?xml"),
                                        ("table", "ward ")])
def test_query_formats(runner, graph_file, fmt, start):
    r = runner.invoke(cli, ["query", "ward-initiatives", "-g", str(graph_file), "--format", fmt])
    assert r.exit_code == 0 and r.output.startswith(start)


def test_query_json_is_sparql_results(runner, graph_file):
    import json
    r = runner.invoke(cli, ["query", "ward-initiatives", "-g", str(graph_file), "--format", "json"])
    data = json.loads(r.output)
    assert data["head"]["vars"] == ["ward", "wardLabel", "initiative", "initiativeLabel", "kind"]
    assert {"type": "literal", "value": "Phường 16", "xml:lang": "vi"} in [b["wardLabel"] for b in data["results"]["bindings"]]


@pytest.mark.parametrize("name, fmt, kind, usable", [
    ("metrics", "jsonld", "rows", "table, csv, tsv, json, xml"), ("metrics", "turtle", "rows", "table, csv, tsv, json, xml"),
    ("ward-model-graph", "json", "a graph", "turtle, nt, jsonld, xml"),
    ("ward-model-graph", "csv", "a graph", "turtle, nt, jsonld, xml")])
def test_a_format_the_answer_cannot_take_is_refused(runner, graph_file, name, fmt, kind, usable):
    """Asked for a format of the other kind of answer (a SELECT as Turtle, a CONSTRUCT as JSON results), the
    command says so instead of writing something else (it wrote a table, or Turtle)."""
    r = runner.invoke(cli, ["query", name, "-g", str(graph_file), "--format", fmt])
    assert (r.exit_code, r.output) == (1, f"Error: {name}: --format {fmt} cannot write {kind}, which this query "
                                          f"answers with; use one of {usable}\n")


def test_xml_is_sparql_results_for_rows_and_rdf_xml_for_a_graph(runner, graph_file):
    rows = runner.invoke(cli, ["query", "metrics", "-g", str(graph_file), "--format", "xml"])
    graph = runner.invoke(cli, ["query", "ward-model-graph", "-g", str(graph_file), "--format", "xml"])
    assert (rows.exit_code, graph.exit_code) == (0, 0)
    assert "<sparql xmlns=" in rows.output and "<rdf:RDF" in graph.output


def test_construct_prints_turtle(runner, graph_file):
    r = runner.invoke(cli, ["query", "ward-model-graph", "-g", str(graph_file)])
    assert r.exit_code == 0
    assert len(Graph().parse(data=r.output, format="turtle")) > 0


def test_export_round_trips(runner, graph_file, tmp_path, graph):
    from kg import store
    for fmt, suffix in [("turtle", "ttl"), ("nt", "nt"), ("jsonld", "jsonld"), ("xml", "rdf"), ("trig", "trig")]:
        out = tmp_path / f"x.{suffix}"
        assert runner.invoke(cli, ["export", "-g", str(graph_file), "--format", fmt, "-o", str(out)]).exit_code == 0
        assert isomorphic(store.load(out), graph), fmt


def test_exported_turtle_loads_in_oxigraph_with_the_same_count(runner, graph_file, tmp_path, graph):
    import pyoxigraph
    out = tmp_path / "x.ttl"
    runner.invoke(cli, ["export", "-g", str(graph_file), "-o", str(out)])
    store = pyoxigraph.Store()
    store.load(path=str(out), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph)


@pytest.mark.parametrize("fmt", ["trig", "turtle", "jsonld", "xml"])
def test_every_format_loads_in_oxigraph_into_the_default_graph(runner, graph_file, tmp_path, graph, fmt):
    """Another engine reading the export finds the graph where a query looks: in the default graph, not in a
    graph named by a blank node (rdflib's TriG writer put it there)."""
    import pyoxigraph
    out = tmp_path / "x.out"
    assert runner.invoke(cli, ["export", "-g", str(graph_file), "--format", fmt, "-o", str(out)]).exit_code == 0
    store = pyoxigraph.Store()
    store.load(path=str(out), format={"trig": pyoxigraph.RdfFormat.TRIG, "turtle": pyoxigraph.RdfFormat.TURTLE,
                                     "jsonld": pyoxigraph.RdfFormat.JSON_LD, "xml": pyoxigraph.RdfFormat.RDF_XML}[fmt])
    assert list(store.named_graphs()) == []
    assert len(store) == len(graph)


@pytest.mark.parametrize("suffix", ["trig", "jsonld", "rdf", "ttl"])
def test_export_gives_the_same_bytes_in_every_run(graph_file, tmp_path, suffix):
    """Deterministic output in every format, whatever Python's hash seed (rdflib's RDF/XML and JSON-LD
    writers followed a set's order)."""
    import os
    import subprocess
    import sys
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.{suffix}"
        subprocess.run([sys.executable, "-m", "kg", "export", "-g", str(graph_file), "-o", str(out), "--format",
                        {"trig": "trig", "jsonld": "jsonld", "rdf": "xml", "ttl": "turtle"}[suffix]],
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def _error(runner, args):
    r = runner.invoke(cli, args)
    assert r.exception is None or isinstance(r.exception, SystemExit)
    return r.exit_code, r.output


def test_missing_input(runner, tmp_path):
    code, out = _error(runner, ["build", "nope.txt", "-o", str(tmp_path / "g.ttl")])
    assert (code, out) == (1, "Error: nope.txt: no such file or folder\n")


def test_empty_input(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code, out = _error(runner, ["build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "g.ttl")])
    assert (code, out) == (1, f"Error: {tmp_path / 'empty.txt'}: the file is empty\n")


def test_not_utf8_input_leaves_existing_output_untouched(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Qu\xe2\xf2n 4 tri\xea\xect khai m\xf4 hi\xccnh")     # Windows-1258
    out = tmp_path / "g.ttl"
    out.write_text("previous graph")
    code, msg = _error(runner, ["build", str(bad), "-o", str(out)])
    assert (code, msg) == (1, f"Error: {bad}: not UTF-8; it reads as Vietnamese in Windows-1258, so build with "
                               "--encoding cp1258 (or convert the file to UTF-8)\n")
    assert out.read_text() == "previous graph"
    assert {p.name for p in tmp_path.iterdir()} == {"bad.txt", "g.ttl"}     # no temporary file left behind


@pytest.mark.parametrize("text", [
    "Le guichet unique de la mairie reste ouvert le samedi : les êtres pressés y déposent leurs dossiers.",
    "A prefeitura abriu o balcão único; as informações e as inscrições são feitas pela internet, não no local.",
])
def test_latin1_text_in_another_language_is_not_called_vietnamese(runner, tmp_path, text):
    """French and Portuguese in Latin-1 read as Windows-1258 too (ê, â, ô are French; ã and õ read as ă and ơ):
    only a text whose words hold Vietnamese's own letters is told to build with --encoding cp1258."""
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(text.encode("latin-1"))
    code, msg = _error(runner, ["build", str(bad), "-o", str(tmp_path / "g.ttl")])
    assert code == 1 and "cp1258" not in msg and msg.startswith(f"Error: {bad}: not UTF-8 text (byte ")


def test_graph_that_does_not_parse(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", encoding="utf-8")
    code, out = _error(runner, ["query", "initiatives", "-g", str(bad)])
    assert (code, out) == (1, f"Error: {bad}: not valid turtle: line 3, column 10: objectList expected\n")
    bad.write_text("@prefix ex: <http://ex.org/> .\nex:d ex:e", encoding="utf-8")
    code, out = _error(runner, ["query", "initiatives", "-g", str(bad)])
    assert (code, out) == (1, f"Error: {bad}: not valid turtle: the file ends in the middle of a statement\n")


def test_missing_graph_file(runner):
    code, out = _error(runner, ["query", "initiatives", "-g", "missing.ttl"])
    assert code == 1 and out.startswith("Error: missing.ttl: no such graph file")


def test_query_that_does_not_parse(runner, graph_file, tmp_path):
    q = tmp_path / "bad.rq"
    q.write_text("SELECT ?x WHERE {\n  ?x ?y\n}\n")
    code, out = _error(runner, ["query", str(q), "-g", str(graph_file)])
    assert code == 1 and out.startswith(f"Error: {q}: the query does not parse: line 2, column 3:")


def test_unknown_query_lists_the_known_ones(runner, graph_file):
    code, out = _error(runner, ["query", "nonsense", "-g", str(graph_file)])
    assert code == 1 and out.startswith("Error: unknown query 'nonsense'; bundled queries are: ")
    assert "ward-initiatives" in out


@pytest.mark.parametrize("text, word", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE <http://example.org/sparql>"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM <http://example.org/data.ttl>"),
])
def test_remote_queries_are_refused(runner, graph_file, tmp_path, text, word):
    q = tmp_path / "remote.rq"
    q.write_text(text)
    code, out = _error(runner, ["query", str(q), "-g", str(graph_file)])
    assert code == 1 and word in out and "--allow-remote" in out


def test_explain_refuses_an_empty_term(runner, graph_file):
    """An empty term is in every label: it would explain the first entities at random."""
    assert _error(runner, ["explain", " ", "-g", str(graph_file)]) == (
        1, "Error: give a name, part of a name, or an IRI to explain (the term is empty)\n")


def test_update_is_refused(runner, graph_file, tmp_path):
    q = tmp_path / "upd.rq"
    q.write_text("DELETE WHERE { ?s ?p ?o }")
    code, out = _error(runner, ["query", str(q), "-g", str(graph_file)])
    assert (code, out) == (1, f"Error: {q}: this is a SPARQL Update; `reform-kg query` only reads the graph\n")


def test_usage_mistakes_exit_2(runner):
    assert runner.invoke(cli, ["query", "initiatives"]).exit_code == 2
    assert runner.invoke(cli, ["build"]).exit_code == 2


def test_view_writes_an_offline_page(runner, graph_file, tmp_path):
    out = tmp_path / "v.html"
    r = runner.invoke(cli, ["view", "-g", str(graph_file), "-o", str(out)])
    assert r.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Phường 18" in html and "cdn.jsdelivr" not in html


def test_query_does_not_import_pyvis_networkx_or_rdflibs_sparql_engine(graph_file):
    """Fast start: a bundled query on a small graph needs neither the views' libraries nor rdflib's SPARQL
    package (its pyparsing grammar alone takes longer to import than Oxigraph takes to answer)."""
    import subprocess, sys
    code = ("import sys; from kg.cli import cli\n"
            "try: cli(['query', 'ward-initiatives', '-g', sys.argv[1], '-f', 'csv'], standalone_mode=False)\n"
            "finally: print('LOADED', *[m in sys.modules for m in ('pyvis', 'networkx', 'rdflib.plugins.sparql')], "
            "file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(graph_file)], capture_output=True, text=True, timeout=120)
    assert "Phường 16" in done.stdout
    assert "LOADED False False False" in done.stderr


def test_outputs_get_ordinary_permissions(runner, tmp_path):
    import os
    old = os.umask(0o022)
    try:
        out = tmp_path / "g.ttl"
        runner.invoke(cli, ["build", str(ARTICLE), "-o", str(out)])
        assert out.stat().st_mode & 0o777 == 0o644
        out.chmod(0o640)
        runner.invoke(cli, ["build", str(ARTICLE), "-o", str(out)])
        assert out.stat().st_mode & 0o777 == 0o640          # an existing file keeps its mode
    finally:
        os.umask(old)

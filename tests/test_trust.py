"""A graph you can trust: SHACL validation, reproducible and atomic builds, read-only and local queries."""
import socket

import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef

from kg import corpus, files, sources, store, validate
from kg.cli import cli
from kg.errors import OutputError
from kg.namespace import RK

from conftest import EXAMPLES, ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"


def test_example_graph_validates(graph_file):
    r = CliRunner().invoke(cli, ["validate", "-g", str(graph_file)])
    assert r.exit_code == 0 and r.output.endswith("conforms to the SHACL shapes (" + r.output.split("(")[1])


def test_corpus_graph_validates():
    graph, _ = corpus.build_graph([CORPUS])
    assert validate.validate(graph) == []


def test_a_metric_whose_value_is_a_string_fails_naming_node_and_shape(graph, tmp_path):
    bad = store.load(EXAMPLES / "graph.ttl")
    metric = URIRef("https://w3id.org/reform-kg/id/metric/quan4-2020-01-23-mo-hinh-cchc/621")
    bad.remove((metric, RK.value, None))
    bad.add((metric, RK.value, Literal("bốn mươi tám")))
    path = tmp_path / "bad.ttl"
    store.save(bad, path)
    r = CliRunner().invoke(cli, ["validate", "-g", str(path)])
    assert r.exit_code == 1
    assert r.output == (f"Violation: doanh nghiệp và UBND 15 phường đã đăng ký 48 mô hình <{metric}> rk:value: "
                        "A metric has exactly one value, and it is a number (xsd:integer or xsd:decimal). (shape rks:Metric)\n"
                        f"Error: {path}: 1 violation of the SHACL shapes\n")


@pytest.mark.parametrize("triple, path", [
    ((URIRef("https://w3id.org/reform-kg/id/place/27298"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
      Literal("Ward one")), "rdfs:label"),                                  # a label with no language tag
    ((URIRef("https://w3id.org/reform-kg/id/metric/quan4-2020-01-23-mo-hinh-cchc/4100"), RK.period, Literal("December 2019")), "rk:period"),
])
def test_shapes_catch_language_tags_and_dates(triple, path):
    bad = store.load(EXAMPLES / "graph.ttl")
    bad.add(triple)
    violations = validate.validate(bad)
    assert {v.path for v in violations} == {path} and {v.focus for v in violations} == {str(triple[0])}


def test_strict_build_refuses_to_write_a_graph_that_breaks_the_shapes(tmp_path, monkeypatch):
    from kg import emit
    from kg.emit.terms import T
    real = emit.Emitter.document

    def broken(self):
        real(self)
        self.out.add(self.doc_iri, T.viewCount, '"many"')             # simulate a bug in emit
    monkeypatch.setattr(emit.Emitter, "document", broken)
    out = tmp_path / "g.ttl"
    r = CliRunner().invoke(cli, ["build", str(EXAMPLES / "articles"), "-o", str(out), "--no-cache", "--strict"])
    assert r.exit_code == 1 and "not written (--strict): the graph breaks 3 SHACL constraint(s)" in r.output
    assert "rk:viewCount" in r.output and not out.exists()
    r = CliRunner().invoke(cli, ["build", str(EXAMPLES / "articles"), "-o", str(out), "--no-cache"])
    assert r.exit_code == 1 and not out.exists()        # the only article set aside: nothing worth writing
    assert "Error: no article could be built: every one breaks the SHACL shapes" in r.output


def test_two_builds_of_a_corpus_are_byte_identical_in_any_order(tmp_path):
    files = [s.path for s in sources.list_inputs([CORPUS]).sources]
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert CliRunner().invoke(cli, ["build", *map(str, files), "-o", str(a)]).exit_code == 0
    assert CliRunner().invoke(cli, ["build", *map(str, reversed(files)), "-o", str(b)]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_no_blank_nodes(graph):
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    import os
    out = tmp_path / "g.ttl"
    out.write_text("the previous graph")

    def crash(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OutputError, match="g.ttl: cannot write \\(No space left on device\\)"):
        files.write_atomic(out, b"new graph" * 1000)
    assert out.read_text() == "the previous graph"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_service_is_refused_and_makes_no_connection(graph_file, tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    q = tmp_path / "service.rq"
    q.write_text(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}")
    r = CliRunner().invoke(cli, ["query", str(q), "-g", str(graph_file)])
    assert r.exit_code == 1 and "SERVICE" in r.output and "--allow-remote" in r.output
    with pytest.raises(socket.timeout):
        listener.accept()                                 # nothing arrived
    listener.close()


def test_load_is_refused_as_an_update(graph_file, tmp_path):
    q = tmp_path / "load.rq"
    q.write_text("LOAD <http://127.0.0.1:9/data.ttl>")
    r = CliRunner().invoke(cli, ["query", str(q), "-g", str(graph_file)])
    assert (r.exit_code, r.output) == (1, f"Error: {q}: this is a SPARQL Update; `reform-kg query` only reads the graph\n")


@pytest.mark.parametrize("engine", [[], ["--allow-remote"]], ids=["oxigraph", "rdflib"])
def test_timeout_stops_a_runaway_query(graph_file, tmp_path, engine):
    """A real process: Oxigraph cannot be interrupted, so the command ends and leaves the query behind."""
    import subprocess
    import sys
    import time
    q = tmp_path / "runaway.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "kg", "query", str(q), "-g", str(graph_file), "--timeout", "1", *engine],
                       capture_output=True, text=True, timeout=120)
    assert (r.returncode, r.stdout, r.stderr) == (
        1, "", f"Error: {q}: stopped after 1 s (--timeout); narrow the query or allow more time\n")
    assert time.monotonic() - start < 30




@pytest.mark.parametrize("prefix", [".reform-kg-", ".store.new-", ".site."])
def test_a_signal_just_after_a_scratch_folder_is_made_leaves_nothing(tmp_path, monkeypatch, prefix):
    """SIGTERM (SystemExit here) the moment a build, a store load or a site makes its scratch folder, before the
    code that made it knows its name: nothing may be left (tempfile.mkdtemp left it: the test above, under load)."""
    import os
    from kg import corpus, store_cache
    from kg.views import site
    made = os.mkdir

    def mkdir_then_stopped(path, *args, **kwargs):
        made(path, *args, **kwargs)
        if os.path.basename(path).startswith(prefix):
            raise SystemExit(143)
    monkeypatch.setattr(os, "mkdir", mkdir_then_stopped)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SystemExit):
        if prefix == ".reform-kg-":
            corpus.build([EXAMPLES / "articles"], out / "graph.nt", "https://example.org/")
        elif prefix == ".store.new-":
            store_cache._load(EXAMPLES / "graph.ttl", out / "store", "digest")
        else:
            site._swap_in(out / "site", out, {"index.html": b"<p>"})
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_stopped_build_leaves_nothing_half_written(tmp_path, signal_name):
    """`kill` (SIGTERM) or a closed terminal (SIGHUP) mid-build: the old output stays, no temporary file or
    folder is left."""
    import signal
    import subprocess
    import sys
    import time
    articles = tmp_path / "articles"
    articles.mkdir()
    text = (EXAMPLES / "articles" / "quan4-2020-01-23-mo-hinh-cchc.txt").read_text(encoding="utf-8")
    for i in range(300):
        (articles / f"a{i:03d}.txt").write_text(text.replace("Phường 16", f"Phường {i % 20 + 1}"), encoding="utf-8")
    out = tmp_path / "graph.nt"
    out.write_text("previous graph\n")
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(articles), "-o", str(out), "--jobs", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".reform-kg-") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)                                   # wait until it is writing
    build.send_signal(getattr(signal, signal_name))
    assert build.wait(timeout=60) == 128 + getattr(signal, signal_name)
    assert out.read_text() == "previous graph\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "graph.nt"]

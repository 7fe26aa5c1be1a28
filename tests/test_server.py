"""A real SPARQL server: an Oxigraph server on loopback (PyPI package `oxigraph`) gets the example graph
over the Graph Store Protocol, and every bundled query gives it the same rows as the embedded engine."""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg import queries, remote
from kg.cli import cli


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert os.path.exists(found), "the oxigraph server (pip install oxigraph, in the test extra) is missing"
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the oxigraph server did not start: " + proc.stderr.read().decode())
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(server, graph_file):
    r = CliRunner().invoke(cli, ["push", "-g", str(graph_file), "--endpoint", server + "/store"])
    assert r.exit_code == 0, r.output
    return server


def _values(result):
    return [tuple(None if v is None else v.toPython() for v in row) for row in result]


@pytest.mark.parametrize("name", sorted(queries.bundled()))
def test_bundled_queries_answer_the_same_on_the_server(pushed, graph, name):
    q = queries.bundled()[name]
    local = queries.run(graph, q)
    served = remote.query(pushed + "/query", q.text, local.type in ("CONSTRUCT", "DESCRIBE"))
    if local.type in ("CONSTRUCT", "DESCRIBE"):
        assert isomorphic(local.graph, served.graph)
    else:
        assert [str(v) for v in served.vars] == [str(v) for v in local.vars]
        assert _values(served) == _values(local)


def test_query_command_with_endpoint(pushed):
    r = CliRunner().invoke(cli, ["query", "ward-initiatives", "--endpoint", pushed + "/query", "--format", "csv"])
    assert r.exit_code == 0
    assert r.output.splitlines()[0] == "ward,wardLabel,initiative,initiativeLabel,kind"
    assert any("Phường 16" in line and "khai tử" in line for line in r.output.splitlines())


def test_push_into_a_named_graph(server, graph_file, graph):
    r = CliRunner().invoke(cli, ["push", "-g", str(graph_file), "--endpoint", server + "/store",
                                 "--graph", "https://example.org/reform/2020"])
    assert r.exit_code == 0 and "into <https://example.org/reform/2020>" in r.output
    result = remote.query(server + "/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/reform/2020> { ?s ?p ?o } }", False)
    assert _values(result) == [(len(graph),)]


def test_unreachable_server(graph_file):
    r = CliRunner().invoke(cli, ["query", "initiatives", "--endpoint", "http://127.0.0.1:9/query"])
    assert r.exit_code == 1
    assert r.output.startswith("Error: http://127.0.0.1:9/query: cannot reach the server (")


def test_remote_query_is_still_refused_service(pushed, tmp_path):
    q = tmp_path / "s.rq"
    q.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    r = CliRunner().invoke(cli, ["query", str(q), "--endpoint", pushed + "/query"])
    assert r.exit_code == 1 and "SERVICE" in r.output

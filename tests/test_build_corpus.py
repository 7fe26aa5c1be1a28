"""Corpus builds: parallel jobs, the content-hash cache, streamed N-Triples, the Oxigraph store; all giving
the same graph."""
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg import store
from kg.cli import cli

from conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_jobs_and_formats_give_the_same_graph(tmp_path):
    one, two = tmp_path / "one.nt", tmp_path / "two.nt"
    r1 = run("build", CORPUS, "-o", one, "--no-cache")
    r2 = run("build", CORPUS, "-o", two, "--jobs", "2", "--no-cache")
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output + r2.output
    assert one.read_bytes() == two.read_bytes()                     # sorted, de-duplicated N-Triples
    assert r1.stdout == r2.stdout.replace(str(two), str(one))
    assert "43 documents" in r1.stdout and "with 2 job(s)" in r2.stderr
    ttl = tmp_path / "c.ttl"
    assert run("build", CORPUS, "-o", ttl).exit_code == 0
    assert isomorphic(store.load(ttl), Graph().parse(one, format="nt"))


def test_unchanged_documents_come_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    first = run("build", CORPUS, "-o", tmp_path / "a.nt", "--cache", cache)
    again = run("build", CORPUS, "-o", tmp_path / "b.nt", "--cache", cache)
    assert "0 from cache" in first.stderr and "43 from cache" in again.stderr
    assert (tmp_path / "a.nt").read_bytes() == (tmp_path / "b.nt").read_bytes()
    changed = tmp_path / "corpus"
    changed.mkdir()
    (changed / "a.txt").write_text("Phường 7 triển khai mô hình “Trả kết quả tại nhà”.\n", encoding="utf-8")
    run("build", changed, "-o", tmp_path / "c.nt", "--cache", cache)
    (changed / "a.txt").write_text("Phường 8 triển khai mô hình “Trả kết quả tại nhà”.\n", encoding="utf-8")
    r = run("build", changed, "-o", tmp_path / "d.nt", "--cache", cache)
    assert "0 from cache" in r.stderr and "phuong-8" in (tmp_path / "d.nt").read_text(encoding="utf-8")


def test_stream_into_a_store(tmp_path):
    spec = f"oxigraph:{tmp_path / 'db'}"
    r = run("build", CORPUS, "--store", spec, "--jobs", "2")
    assert r.exit_code == 0 and r.stdout.startswith(f"{spec}: 43 documents, ")
    reference = tmp_path / "ref.nt"
    run("build", CORPUS, "-o", reference)
    db = store.open_store(spec)
    try:
        assert len(db) == len(Graph().parse(reference, format="nt"))
    finally:
        db.close()


def test_no_progress_bar_when_piped(tmp_path):
    r = run("build", CORPUS, "-o", tmp_path / "a.nt")
    assert "Reading articles" not in r.output

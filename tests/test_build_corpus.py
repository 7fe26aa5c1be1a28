"""Corpus builds: parallel jobs, the content-hash cache, streamed N-Triples, the Oxigraph store; all giving
the same graph."""
import pytest
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


# ------------------------------------------------------------------------ workers that write their own sorted runs

def test_many_runs_from_two_workers_in_any_order_give_the_same_bytes(tmp_path, monkeypatch):
    """Runs of a few hundred lines (dozens per worker), the files named in a shuffled order: the same bytes as
    one process reading them in order with the usual runs."""
    import random
    from kg import runs, sources
    files = [str(s.path) for s in sources.list_inputs([CORPUS]).sources]
    reference = tmp_path / "reference.nt"
    assert run("build", *files, "-o", reference, "--no-cache").exit_code == 0
    written = tmp_path / "runs.log"
    real = runs.write_run

    def logged(prefix, lines, labels):
        with written.open("a") as log:                       # from both workers: one short line each
            log.write(f"{prefix.name}\n")
        return real(prefix, lines, labels)
    monkeypatch.setattr(runs, "write_run", logged)
    monkeypatch.setattr(runs, "RUN_LINES", 600)
    monkeypatch.setattr(runs, "BATCH", 3)
    random.Random(16).shuffle(files)
    shuffled = tmp_path / "shuffled.nt"
    r = run("build", *files, "-o", shuffled, "--no-cache", "--jobs", "2")
    assert r.exit_code == 0, r.output
    assert shuffled.read_bytes() == reference.read_bytes()
    names = written.read_text().split()
    assert len(names) > 20 and {n.split("-")[1] for n in names} == {"0", "1"}      # both workers wrote runs


def _breaking(monkeypatch, doc_id: str) -> None:
    """One document's fragment says something the shapes refuse (a view count that is not a number)."""
    from kg import pipeline
    from kg.emit.sink import Fragment
    real = pipeline.document_fragment

    def document_fragment(document, base):
        fragment = real(document, base)
        if document.doc_id == doc_id:
            bad = f'<https://w3id.org/reform-kg/id/document/{doc_id}> <https://w3id.org/reform-kg/ontology#viewCount> "many" .\n'
            fragment = Fragment(sorted([*fragment.lines, bad]), fragment.labels)
        return fragment
    monkeypatch.setattr(pipeline, "document_fragment", document_fragment)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_set_aside_is_left_out_of_the_runs_as_if_never_read(tmp_path, monkeypatch, jobs):
    """With one job or two, read or from the cache: the partial graph is byte for byte the graph of the
    other articles alone."""
    from kg import runs
    monkeypatch.setattr(runs, "BATCH", 2)                    # several batches, so two workers share them
    folder, alone = tmp_path / "all", tmp_path / "alone"
    for f in (folder, alone):
        f.mkdir()
    for path in sorted((CORPUS / "dev").glob("t*.txt")):
        for f in (folder, alone):
            (f / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.txt").write_text((CORPUS / "dev" / "song-lieu.txt").read_text(encoding="utf-8"), encoding="utf-8")
    expected = tmp_path / "expected.nt"
    assert run("build", alone, "-o", expected, "--no-cache").exit_code == 0
    _breaking(monkeypatch, "broken")
    cache = tmp_path / "cache"
    for attempt in ("read", "from the cache"):
        out = tmp_path / f"{attempt}.nt"
        r = run("build", folder, "-o", out, "--cache", cache, "--jobs", jobs)
        assert r.exit_code == 3, r.output
        assert out.read_bytes() == expected.read_bytes()
        assert f"Set aside {folder / 'broken.txt'}: its facts break rks:Document rk:viewCount" in r.stderr
        assert f"{7 if attempt == 'from the cache' else 0} from cache" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []     # no scratch left


def test_a_worker_that_dies_is_one_error_line_and_leaves_nothing(tmp_path, monkeypatch):
    import os
    import signal
    from kg import corpus, runs
    monkeypatch.setattr(runs, "BATCH", 1)
    real = corpus._read

    def killed(task, keep_in):                   # as the kernel's out-of-memory killer would
        if task.doc_id == "tan-tao":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(task, keep_in)
    monkeypatch.setattr(corpus, "_read", killed)
    out = tmp_path / "g.nt"
    r = run("build", CORPUS / "dev", "-o", out, "--no-cache", "--jobs", "2")
    assert (r.exit_code, r.output) == (1, "Error: a worker process ended unexpectedly (exit status -9); if the machine "
                                          "ran out of memory, try fewer --jobs\n")
    assert list(tmp_path.iterdir()) == []

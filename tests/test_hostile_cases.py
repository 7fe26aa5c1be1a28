"""Hostile input, one row each: pathological queries, bad servers, damaged stores, special files and output
that would attack its reader. Every row gives the exact `Error:` line (or the right output), exit status,
and no traceback. Servers are fakes on 127.0.0.1."""
import http.server
import os
import socket
import threading
import time

import pytest
from click.testing import CliRunner

from kg.cli import cli

NT = ('<http://example.org/i> <http://www.w3.org/2000/01/rdf-schema#label> "=HYPERLINK(\\"http://x\\",\\"y\\")"@vi .\n'
      '<http://example.org/j> <http://www.w3.org/2000/01/rdf-schema#label> "@SUM(1+1)" .\n'
      '<http://example.org/k> <http://www.w3.org/2000/01/rdf-schema#label> "-5" .\n'
      '<http://example.org/l> <http://www.w3.org/2000/01/rdf-schema#label> "Ph\\u01B0\\u1EDDng 1\\u001B[2J\\u0007" .\n')
LABELS = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s"
REMOTE_TTL = b'<http://example.org/remote> <http://www.w3.org/2000/01/rdf-schema#label> "from the server" .\n'


class _Fake(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, status=200, body=b"", kind="text/html", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/g.nt":
            return self._answer(body=REMOTE_TTL, kind="application/n-triples")
        self._answer(body=b"<html><body>Please log in</body></html>")

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/html":
            return self._answer(body=b"<!DOCTYPE html><html><body>Please log in</body></html>")
        if self.path == "/redirect":
            return self._answer(302, headers=[("Location", "/login")])
        if self.path == "/wrong-json":
            return self._answer(body=b'{"error": "no such dataset"}', kind="application/json")
        if self.path == "/bad-nt":
            return self._answer(body=b"<http://a> <http://b> oops .\n", kind="application/n-triples")
        if self.path == "/trickle":                       # one byte every 0.2 s: no read ever waits long
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            for _ in range(150):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.2)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def labels_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("labels") / "g.nt"
    path.write_text(NT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def damaged_store(tmp_path_factory, graph_file):
    """A store whose largest table file lost its end, as after a disk filled up or a copy was cut short."""
    folder = tmp_path_factory.mktemp("stores") / "damaged"
    r = CliRunner().invoke(cli, ["build", "examples/articles", "--store", f"oxigraph:{folder}", "--no-cache"])
    assert r.exit_code == 0, r.output
    biggest = max(folder.glob("*.sst"), key=lambda p: p.stat().st_size)
    size = biggest.stat().st_size
    os.truncate(biggest, size // 2)
    [manifest] = folder.glob("MANIFEST-*")
    return folder, biggest.name, size, manifest.name


def _query_file(tmp_path, text, name="q.rq"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / name)


DEEP_BRACES = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
DEEP_PARENS = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
NESTED = "brackets nested {} deep, more than 100; no engine parses that safely: flatten the query"
NOT_JSON = ("the answer is not SPARQL JSON results (it starts {!r}); check that the URL is the server's SPARQL "
            "query endpoint")

# (id, arguments given tmp_path, labels_graph, graph_file and server; the output expected, after "Error: ")
QUERY_CASES = [
    ("3000 nested braces", lambda t, l, g, s: ["query", _query_file(t, DEEP_BRACES), "-g", g],
     lambda t, s: f"{t / 'q.rq'}: " + NESTED.format(3000)),
    ("5000 nested parentheses", lambda t, l, g, s: ["query", _query_file(t, DEEP_PARENS), "-g", g],
     lambda t, s: f"{t / 'q.rq'}: " + NESTED.format(5002)),
    ("nested braces, rdflib engine", lambda t, l, g, s: ["query", _query_file(t, DEEP_BRACES), "-g", g, "--allow-remote"],
     lambda t, s: f"{t / 'q.rq'}: " + NESTED.format(3000)),
    ("nested braces in view --query", lambda t, l, g, s: ["view", "-g", g, "-o", str(t / "v.html"), "--query",
                                                          _query_file(t, DEEP_BRACES)],
     lambda t, s: f"{t / 'q.rq'}: " + NESTED.format(3000)),
    ("nested braces sent to an endpoint", lambda t, l, g, s: ["query", _query_file(t, DEEP_BRACES), "--endpoint", s + "/html"],
     lambda t, s: f"{t / 'q.rq'}: " + NESTED.format(3000)),
    ("braces written as \\u escapes", lambda t, l, g, s: ["query", _query_file(t, "SELECT * WHERE " + "\\u007B" * 200
                                                                               + "?s ?p ?o" + "\\u007D" * 200), "-g", g],
     lambda t, s: f"{t / 'q.rq'}: " + NESTED.format(200)),
    ("a 2 MB query", lambda t, l, g, s: ["query", _query_file(t, "SELECT * WHERE { ?s ?p ?o }\n" + "#" * 2_000_000), "-g", g],
     lambda t, s: f"{t / 'q.rq'}: the query is 2,000,028 characters long, more than 1,000,000; shorten it (put long "
                  "lists of values in the graph, not in the query)"),
    ("endpoint answers HTML", lambda t, l, g, s: ["query", "initiatives", "--endpoint", s + "/html"],
     lambda t, s: f"{s}/html: " + NOT_JSON.format("<!DOCTYPE html><html><body>Please log in</body></html>")),
    ("endpoint redirects", lambda t, l, g, s: ["query", "initiatives", "--endpoint", s + "/redirect"],
     lambda t, s: f"{s}/redirect: the server answered 302 Found, redirecting to {s}/login; give that URL as the "
                  "endpoint if it is the right server"),
    ("endpoint answers JSON that is no result", lambda t, l, g, s: ["query", "initiatives", "--endpoint", s + "/wrong-json"],
     lambda t, s: f"{s}/wrong-json: " + NOT_JSON.format('{"error": "no such dataset"}')),
    ("endpoint answers bad N-Triples", lambda t, l, g, s: ["query", "ward-model-graph", "--endpoint", s + "/bad-nt"],
     lambda t, s: f"{s}/bad-nt: the answer is not N-Triples (it starts '<http://a> <http://b> oops .'); check that the "
                  "URL is the server's SPARQL query endpoint"),
    ("endpoint trickles its answer", lambda t, l, g, s: ["query", "initiatives", "--endpoint", s + "/trickle", "--timeout", "2"],
     lambda t, s: f"{s}/trickle: no complete answer after 2 s; the server is slow or stalled: try again later, or allow "
                  "more time with --timeout"),
    ("runaway query, Oxigraph", lambda t, l, g, s: ["query", _query_file(t, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . "
                                                                            "?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"), "-g", g, "--timeout", "1"],
     lambda t, s: f"{t / 'q.rq'}: stopped after 1 s (--timeout); narrow the query or allow more time"),
]


@pytest.mark.parametrize("args, expected", [c[1:] for c in QUERY_CASES], ids=[c[0] for c in QUERY_CASES])
def test_hostile_queries_and_servers(tmp_path, labels_graph, graph_file, server, args, expected):
    started = time.monotonic()
    r = CliRunner().invoke(cli, args(tmp_path, labels_graph, str(graph_file), server))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert (r.exit_code, r.output) == (1, f"Error: {expected(tmp_path, server)}\n")
    assert time.monotonic() - started < 20           # a deadline is the whole exchange, not each read


@pytest.mark.parametrize("command", [["query", "initiatives"], ["export"], ["validate"], ["explain", "Phường 1"],
                                     ["view", "-o", "{tmp}/v.html"]])
def test_a_damaged_store_is_named_by_every_command(tmp_path, damaged_store, command):
    folder, table, size, manifest = damaged_store
    args = [a.format(tmp=tmp_path) for a in command] + ["--store", f"oxigraph:{folder}"]
    r = CliRunner().invoke(cli, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code == 1
    assert r.output == (f"Error: {folder}: the Oxigraph store is damaged or not a store (Corruption: Sst file size "
                        f"mismatch between expected {size} and file system {size // 2} sstable: {folder}/{table} The file "
                        f"{folder}/{manifest} may be corrupted.); build it again (reform-kg build ARTICLES --store "
                        f"oxigraph:{folder} replaces it)\n")


def test_building_into_a_damaged_store_replaces_it(tmp_path, damaged_store):
    import shutil
    folder = tmp_path / "copy"
    shutil.copytree(damaged_store[0], folder)
    r = CliRunner().invoke(cli, ["build", "examples/articles", "--no-cache", "--store", f"oxigraph:{folder}"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["query", "documents", "--store", f"oxigraph:{folder}", "--format", "csv"])
    assert r.exit_code == 0 and "quan4-2020-01-23-mo-hinh-cchc" in r.output


def test_reading_commands_open_a_store_read_only(tmp_path):
    """A store another process holds open for writing (or on a read-only disk) can still be read."""
    import pyoxigraph
    folder = tmp_path / "st"
    assert CliRunner().invoke(cli, ["build", "examples/articles", "--store", f"oxigraph:{folder}"]).exit_code == 0
    writer = pyoxigraph.Store(str(folder))          # holds the store's lock
    try:
        for args in (["export", "--format", "nt"], ["validate"], ["explain", "Phường 16"], ["query", "documents"]):
            r = CliRunner().invoke(cli, [*args, "--store", f"oxigraph:{folder}"])
            assert r.exit_code == 0, (args, r.output)
    finally:
        del writer


def _special(tmp_path, kind):
    path = tmp_path / f"article-{kind}.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        return path, sock
    else:
        return "/dev/zero", None
    return path, None


@pytest.mark.parametrize("kind, what", [("fifo", "a FIFO"), ("socket", "a socket"), ("device", "a device")])
def test_special_files_named_as_input_are_refused_unopened(tmp_path, kind, what):
    path, keep = _special(tmp_path, kind)
    r = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "g.ttl")])   # a FIFO would block an open
    assert (r.exit_code, r.output) == (1, f"Error: {path}: is {what}, not a file; reform-kg reads only regular files\n")
    assert not (tmp_path / "g.ttl").exists()
    if keep:
        keep.close()


# Control characters pass into CSV and TSV, which are for programs, and never into the table, which is for
# people (and the default on a terminal).
@pytest.mark.parametrize("fmt, raw, expected", [
    ("csv", False, ["s,label", 'http://example.org/i,"\'=HYPERLINK(""http://x"",""y"")"', "http://example.org/j,'@SUM(1+1)",
                    "http://example.org/k,-5", "http://example.org/l,Phường 1\x1b[2J\x07"]),
    ("csv", True, ["s,label", 'http://example.org/i,"=HYPERLINK(""http://x"",""y"")"', "http://example.org/j,@SUM(1+1)",
                   "http://example.org/k,-5", "http://example.org/l,Phường 1\x1b[2J\x07"]),
    ("tsv", False, ["?s\t?label", '<http://example.org/i>\t"\'=HYPERLINK(\\"http://x\\",\\"y\\")"@vi',
                    '<http://example.org/j>\t"\'@SUM(1+1)"', '<http://example.org/k>\t"-5"',
                    '<http://example.org/l>\t"Phường 1\x1b[2J\x07"']),
    ("tsv", True, ["?s\t?label", '<http://example.org/i>\t"=HYPERLINK(\\"http://x\\",\\"y\\")"@vi',
                   '<http://example.org/j>\t"@SUM(1+1)"', '<http://example.org/k>\t"-5"',
                   '<http://example.org/l>\t"Phường 1\x1b[2J\x07"']),
    ("table", False, ["s" + " " * 21 + "label", "-" * 20 + "  " + "-" * 26,
                      'http://example.org/i  =HYPERLINK("http://x","y")', "http://example.org/j  @SUM(1+1)",
                      "http://example.org/k  -5", "http://example.org/l  Phường 1\\x1b[2J\\x07", "(4 rows)"]),
])
def test_output_that_would_attack_its_reader_is_defused(tmp_path, labels_graph, fmt, raw, expected):
    q = _query_file(tmp_path, "PREFIX ex: <http://example.org/>\n" + LABELS)
    r = CliRunner().invoke(cli, ["query", q, "-g", str(labels_graph), "--format", fmt, *(["--raw"] if raw else [])])
    assert r.exit_code == 0, r.output
    assert r.output.replace("\r\n", "\n").splitlines() == expected


@pytest.mark.parametrize("source", ["file", "store"])
def test_from_with_allow_remote_reads_the_remote_graph_not_the_local_one(tmp_path, labels_graph, server, source):
    q = _query_file(tmp_path, f"SELECT ?s ?label FROM <{server}/g.nt> WHERE {{ ?s "
                              "<http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    graph = ["-g", str(labels_graph)]
    if source == "store":
        assert CliRunner().invoke(cli, ["build", "examples/articles", "--store", f"oxigraph:{tmp_path / 'st'}"]).exit_code == 0
        graph = ["--store", f"oxigraph:{tmp_path / 'st'}"]
    r = CliRunner().invoke(cli, ["query", q, *graph, "--allow-remote", "--format", "csv"])
    assert (r.exit_code, r.output.replace("\r\n", "\n")) == (0, "s,label\nhttp://example.org/remote,from the server\n")


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_query_without_timeout_stops_on_ctrl_c_and_sigterm(tmp_path, graph_file, signal_name):
    """Oxigraph holds no GIL and cannot be interrupted: the command waits on it from another thread, so the
    signal ends the command at once (the query is left behind in the dying process)."""
    import signal
    import subprocess
    import sys
    q = _query_file(tmp_path, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    # As from a terminal: a shell starts a background job (`pytest … &`, a CI runner's) with SIGINT ignored,
    # Python then installs no Ctrl-C handler, and the ignore is inherited: the command would rightly stay deaf.
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", q, "-g", str(graph_file)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)                                     # well inside the query (it would run for hours)
    assert proc.poll() is None
    proc.send_signal(getattr(signal, signal_name))
    try:
        out, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"{signal_name} did not stop the query")
    assert "Traceback" not in err
    assert proc.returncode == (128 + signal.SIGTERM if signal_name == "SIGTERM" else 1)


def test_a_signal_taken_by_the_working_thread_still_ends_the_wait():
    """The kernel may hand a process's Ctrl-C to any of its threads. Taken by the thread doing the work (here
    on purpose, with pthread_kill), it must still stop the command, not wait for the work to end."""
    import signal
    from kg.limits import within
    release = threading.Event()

    def work():
        time.sleep(0.5)                # the caller is waiting by now
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)
        release.wait(30)               # stands for a query that lets go of the GIL and runs on
    started = time.monotonic()
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)   # pytest may run as a background job
    try:
        with pytest.raises(KeyboardInterrupt):
            within(None, work)
        assert time.monotonic() - started < 10
    finally:
        release.set()
        signal.signal(signal.SIGINT, previous)


def test_timed_work_reuses_a_finished_worker_and_never_one_still_busy():
    """Sequential calls share one worker thread; work given up on keeps its thread, and the next call gets
    another, which answers at once."""
    from kg.limits import TimedOut, within
    for n in range(50):
        assert within(None, pow, n, 2) == n * n
    worker = within(None, threading.current_thread)
    assert worker is not threading.current_thread()
    assert within(5, threading.current_thread) is worker    # the finished worker took it
    release = threading.Event()
    with pytest.raises(TimedOut):
        within(0.2, release.wait, 30)                  # still running after its time
    started = time.monotonic()
    assert within(5, threading.current_thread) is not worker
    assert within(5, pow, 2, 10) == 1024
    assert time.monotonic() - started < 2              # not queued behind the stuck work
    release.set()
    with pytest.raises(ZeroDivisionError):
        within(None, divmod, 1, 0)                     # the work's exception reaches the caller


def test_timed_work_in_a_forked_child_does_not_wait_for_the_parents_worker():
    """A forked child has none of its parent's threads: it must start its own worker, not hand its work to the
    parent's and wait for ever."""
    import multiprocessing
    from kg.limits import within
    assert within(None, pow, 2, 2) == 4                # the parent now has an idle worker
    with multiprocessing.get_context("fork").Pool(1) as pool:
        result = pool.apply_async(within, (None, pow, 2, 5))
        assert result.get(timeout=20) == 32

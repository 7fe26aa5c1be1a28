"""`query -g FILE --cached`: the file loaded once into a store in the cache folder, reused while it is unchanged,
never answering from a store of an older version of the file."""
import os

from click.testing import CliRunner

from kg.cli import cli

WARD = '<https://w3id.org/reform-kg/id/place/{n}> <http://www.w3.org/2000/01/rdf-schema#label> "Phường {n}"@vi .\n'
QUERY = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label\n"


def _ask(tmp_path, graph, *extra):
    rq = tmp_path / "labels.rq"
    rq.write_text(QUERY, encoding="utf-8")
    r = CliRunner().invoke(cli, ["query", str(rq), "-g", str(graph), "-f", "csv", *extra])
    r.text = r.stdout_bytes.decode("utf-8")          # CSV's CRLF as written
    return r


def _stores():
    root = os.path.join(os.environ["XDG_CACHE_HOME"], "reform-kg", "stores")
    return sorted(os.listdir(root)) if os.path.isdir(root) else []


def test_the_store_is_made_once_and_answers_as_the_file_does(tmp_path):
    graph = tmp_path / "g.nt"
    graph.write_text(WARD.format(n=1) + WARD.format(n=2), encoding="utf-8")
    first = _ask(tmp_path, graph, "--cached")
    assert first.exit_code == 0, first.output
    assert first.text == "label\r\nPhường 1\r\nPhường 2\r\n"
    assert first.text == _ask(tmp_path, graph).text           # the same answer as without --cached
    [store] = _stores()
    made = os.stat(os.path.join(os.environ["XDG_CACHE_HOME"], "reform-kg", "stores", store, "source.sha256")).st_mtime_ns
    assert _ask(tmp_path, graph, "--cached").text == first.text
    assert os.stat(os.path.join(os.environ["XDG_CACHE_HOME"], "reform-kg", "stores", store,
                                "source.sha256")).st_mtime_ns == made     # reused, not loaded again


def test_a_changed_file_never_answers_from_the_old_store(tmp_path):
    graph = tmp_path / "g.nt"
    graph.write_text(WARD.format(n=1), encoding="utf-8")
    assert _ask(tmp_path, graph, "--cached").text == "label\r\nPhường 1\r\n"
    stat = graph.stat()
    graph.write_text(WARD.format(n=7), encoding="utf-8")         # same size, same modification time
    os.utime(graph, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _ask(tmp_path, graph, "--cached").text == "label\r\nPhường 7\r\n"
    assert len(_stores()) == 1                                    # replaced, not one more store per version


def test_a_bad_file_or_an_unwritable_cache_is_one_error_line(tmp_path, monkeypatch):
    graph = tmp_path / "g.nt"
    graph.write_text("<http://x/a> <http://x/b> .\n", encoding="utf-8")
    bad = _ask(tmp_path, graph, "--cached")
    assert bad.exit_code == 1 and bad.output.startswith(f"Error: {graph}: not valid nt") and "Traceback" not in bad.output
    assert not [s for s in _stores() if not s.startswith(".")] and not [s for s in _stores() if ".new-" in s]
    graph.write_text(WARD.format(n=1), encoding="utf-8")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    r = _ask(tmp_path, graph, "--cached")
    assert r.exit_code == 1 and r.output.startswith("Error: ") and "run without --cached" in r.output


def test_cached_goes_with_a_graph_file_only(tmp_path):
    r = CliRunner().invoke(cli, ["query", "kinds", "--store", f"oxigraph:{tmp_path}", "--cached"])
    assert r.exit_code == 2 and "--cached keeps a store for -g FILE" in r.output


def test_an_interrupted_load_leaves_no_store(tmp_path, monkeypatch):
    """A load that fails half-way (here: the store cannot be swapped in) leaves neither a store nor its
    temporary folder, and the next run loads it again."""
    from kg import files
    graph = tmp_path / "g.nt"
    graph.write_text(WARD.format(n=3), encoding="utf-8")
    swap_in = files.swap_in

    def fail(fresh, folder):
        raise KeyboardInterrupt
    monkeypatch.setattr(files, "swap_in", fail)
    assert _ask(tmp_path, graph, "--cached").exit_code != 0
    assert _stores() == []
    monkeypatch.setattr(files, "swap_in", swap_in)
    assert _ask(tmp_path, graph, "--cached").text == "label\r\nPhường 3\r\n"


def test_a_damaged_cached_store_is_loaded_again(tmp_path):
    """The store's largest table file lost its end (a full disk, a cut copy): the next run loads the file
    again instead of failing or answering from what is left."""
    graph = tmp_path / "g.nt"
    graph.write_text("".join(WARD.format(n=n) for n in range(1, 2000)), encoding="utf-8")
    assert _ask(tmp_path, graph, "--cached").exit_code == 0
    [store] = [s for s in _stores() if not s.startswith(".")]
    folder = os.path.join(os.environ["XDG_CACHE_HOME"], "reform-kg", "stores", store, "oxigraph")
    tables = [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".sst")]
    biggest = max(tables, key=os.path.getsize)
    os.truncate(biggest, os.path.getsize(biggest) // 2)
    stamp = os.path.join(os.path.dirname(folder), "source.sha256")
    loaded = os.stat(stamp).st_mtime_ns
    again = _ask(tmp_path, graph, "--cached")
    assert again.exit_code == 0, again.output
    assert os.stat(stamp).st_mtime_ns != loaded                   # loaded again
    assert again.text.count("\r\n") == 2000 and "Phường 1999\r\n" in again.text

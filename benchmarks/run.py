"""The benchmark: build throughput, peak memory, graph size and the latency of every bundled query on
rdflib's memory store, Oxigraph in memory (what `query -g FILE` uses), the Oxigraph store (`--store`) and the
Oxigraph server, for synthetic corpora of the given sizes.

    python benchmarks/run.py 1000 10000 [--work /tmp/reform-kg-bench] [--query-timeout 60] [--jobs 1 2]
                                        [--results benchmarks]

Prints a Markdown table per size (and writes it to results-N.md in the --results folder, benchmarks/ by default). Needs the test extra (oxigraph).
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kg import queries, remote, store  # noqa: E402


def sh(*args: str) -> float:
    """Run a command, return its wall time."""
    start = time.monotonic()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def peak_mb_of(*args: str) -> tuple[float, float]:
    """Wall time and peak resident memory (largest process, MB) of a command run in a fresh interpreter."""
    code = ("import resource, subprocess, sys, time; t = time.monotonic(); "
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def _time_queries(open_graph, names: list[str], timeout: float, conn) -> None:
    """In a child process: open the graph, then time each query and send (name, result) to the parent."""
    start = time.monotonic()
    graph = open_graph()
    conn.send(time.monotonic() - start)
    for name in names:
        start = time.monotonic()
        try:
            queries.answer(graph, queries.bundled()[name], None, timeout=timeout)   # what `query` writes to a file
            conn.send((name, f"{(time.monotonic() - start) * 1000:.0f} ms"))
        except Exception as e:  # a timeout or an engine error is a result of the benchmark, not its end
            conn.send((name, f"> {timeout:g} s" if "stopped after" in str(e) else f"error: {type(e).__name__}"))
            if "stopped after" in str(e):
                return          # Oxigraph's query runs on in a thread: end the process, the parent starts another


def timed_queries(open_graph, timeout: float) -> tuple[float, dict[str, str]]:
    """The time open_graph() takes, and every bundled query's latency on that graph, in a child process that
    ends when a query passes its time, so a runaway query never shares the machine with the next measurement."""
    import multiprocessing
    context = multiprocessing.get_context("fork")
    names, out, opened = sorted(queries.bundled()), {}, []
    while names:
        parent, child = context.Pipe()
        worker = context.Process(target=_time_queries, args=(open_graph, names, timeout, child))
        worker.start()
        opened.append(parent.recv())                        # the graph is open
        while names and parent.poll(timeout * 3 + 60):
            name, outcome = parent.recv()
            out[name] = outcome
            names.remove(name)
            if outcome.startswith(">"):
                break
        else:
            if names:                                       # the worker itself hung or died
                out[names.pop(0)] = "error: no answer"
        worker.kill()
        worker.join()
    return opened[0], out


def serve(location: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return proc, f"http://127.0.0.1:{port}/query"


def bench(size: int, work: Path, query_timeout: float, rdflib_max: int, memory_max: int, jobs: list[int]) -> str:
    corpus = work / f"corpus-{size}"
    if not corpus.exists():
        sh(sys.executable, str(HERE / "generate.py"), str(corpus), str(size))
    cli = [sys.executable, "-m", "kg", "build", str(corpus), "--no-cache", "--no-validate"]
    rows = []
    nt = work / f"corpus-{size}.nt"
    for n in jobs:
        seconds, peak = peak_mb_of(*cli, "-o", str(nt), "--jobs", str(n))
        rows.append((n, seconds, peak))
    triples = sum(1 for _ in nt.open(encoding="utf-8"))
    lines = [f"### {size:,} articles: {triples:,} triples ({nt.stat().st_size / 1e6:.0f} MB of N-Triples)", "",
             "| jobs | build wall time | articles/s | triples/s | peak memory (largest process) |", "|---|---|---|---|---|"]
    for n, seconds, peak in rows:
        lines.append(f"| {n} | {seconds:.1f} s | {size / seconds:.0f} | {triples / seconds:,.0f} | {peak:,.0f} MB |")
    db = work / f"store-{size}"
    shutil.rmtree(db, ignore_errors=True)
    t = time.monotonic()
    store.load_store_from_nt(nt, f"oxigraph:{db}")
    ox_load = time.monotonic() - t
    engines, notes = {}, []
    if triples <= rdflib_max:
        seconds, engines["rdflib"] = timed_queries(lambda: store.load(nt), query_timeout)
        notes.append(f"rdflib in memory {seconds:.1f} s")
    else:
        notes.append(f"rdflib in memory not run (over {rdflib_max:,} triples)")
    if triples <= memory_max:
        seconds, engines["memory"] = timed_queries(lambda: store.load_for_query(nt, None), query_timeout)
        notes.append(f"Oxigraph in memory (`-g FILE`) {seconds:.1f} s")
    else:
        notes.append(f"Oxigraph in memory not run (over {memory_max:,} triples)")
    _, engines["store"] = timed_queries(lambda: store.load_for_query(None, f"oxigraph:{db}"), query_timeout)
    notes.append(f"Oxigraph store (`--store`, bulk load) {ox_load:.1f} s")
    lines += ["", f"Loading: {'; '.join(notes)}.", "",
              "| query | rdflib (memory) | Oxigraph in memory (`-g FILE`) | Oxigraph store (`--store`) | Oxigraph server |",
              "|---|---|---|---|---|"]
    results = [[name] + [engines[e][name] if e in engines else "not run" for e in ("rdflib", "memory", "store")]
               for name in sorted(queries.bundled())]
    proc, endpoint = serve(db)
    try:
        for row in results:
            q = queries.bundled()[row[0]]
            start = time.monotonic()
            try:
                remote.query(endpoint, q.text, "CONSTRUCT" in q.text, timeout=query_timeout)
                row.append(f"{(time.monotonic() - start) * 1000:.0f} ms")
            except Exception as e:  # recorded, not fatal
                row.append(f"error: {type(e).__name__}")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    lines += [f"| {' | '.join(row)} |" for row in results]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--work", type=Path, default=Path("/tmp/reform-kg-bench"))
    parser.add_argument("--query-timeout", type=float, default=60)
    parser.add_argument("--rdflib-max", type=int, default=1_500_000, help="skip rdflib's memory store above this many triples")
    parser.add_argument("--memory-max", type=int, default=15_000_000, help="skip Oxigraph's memory store above this many triples")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="build with each of these job counts")
    parser.add_argument("--results", type=Path, default=HERE, help="folder for results-N.md (default: benchmarks/)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    machine = (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
               f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python {platform.python_version()}")
    print(f"Machine: {machine}\n")
    for size in args.sizes:
        table = bench(size, args.work, args.query_timeout, args.rdflib_max, args.memory_max, args.jobs)
        (args.results / f"results-{size}.md").write_text(f"Machine: {machine}\n\n{table}", encoding="utf-8")
        print(table)


if __name__ == "__main__":
    main()

"""How close reform-kg runs to the engines it stands on, as ratios (best of N, CPU time of this process).

    python benchmarks/ratios.py [--graph FILE.nt] [--articles 2500] [--work /tmp/reform-kg-bench] [--repeat 3]
                                [--formats csv tsv json xml table] [--queries NAME ...] [--no-build]

Build: the CPU one article costs (ingest, extract, link, emit its sorted N-Triples) over a floor for the same
article: read it, NFC, one combined regex pass over a lower-cased copy with every lexicon label and the
number patterns, and pyoxigraph parsing and writing the N-Triples the build made of it.
Queries: each bundled query through `reform-kg query` (kg.queries.answer, the command's path once the graph
is open, in this process, on the same in-memory store) in each format, over Oxigraph's own time for the same
.rq in the same format: evaluating it and writing the answer with its own writer for that format (ENGINE
below; the table, for which Oxigraph has no writer, against its TSV: the same terms, one row a line, and the
cheapest of its writers). A CONSTRUCT is written as Turtle in every format but xml (RDF/XML), and measured
against Oxigraph's Turtle or RDF/XML. The graph defaults to the synthetic corpus of benchmarks/generate.py
(2,500 articles, about 1.1M triples), generated and built once.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

ARTICLE = HERE.parent / "examples" / "articles" / "quan4-2020-01-23-mo-hinh-cchc.txt"
NUMBERS = r"\d+(?:[.,]\d+)*(?:/\d+)?\s*%?|\d{1,2}/\d{1,2}/\d{4}"


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def ratio(ours: float, theirs: float) -> float:
    return ours / theirs if theirs else float("nan")


def best_of(repeat: int, *fns) -> list[float]:
    """The least CPU time of `repeat` calls of each function, in seconds, called in turn (so that the machine's
    drift, shared with other work, falls on each alike)."""
    times = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times):
            start = cpu()
            fn()
            spent.append(cpu() - start)
    return [min(t) for t in times]


def cold() -> None:
    """Forget the texts remembered while extracting and linking (the lower-cased copies, the words of names, the
    slugs of names, the keys of place names: every kg.text.per_text function): a build reads each article
    once, so a repeat must not find them. What is remembered of the lexicon and the gazetteer themselves
    stays, as it does over a build's articles."""
    from kg import text
    text.forget()


def build_and_floor():
    """The two things the build's ratio compares, for the District 4 article: building it (its texts
    forgotten first: cold) and the floor. Each has run once."""
    import pyoxigraph as ox
    from kg import ingest, lexicon, pipeline
    lex = lexicon.load()
    labels = sorted({label.lower() for m in (lex.kinds, lex.fields, lex.procedures, lex.agency_types, lex.units,
                                             lex.qualifiers, lex.levels, lex.known_places) for label in m.labels},
                    key=lambda s: (-len(s), s))
    combined = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, labels)) + r")(?!\w)|" + NUMBERS)

    def build():
        cold()
        return pipeline.document_fragment(ingest.load(ARTICLE))
    nt = "".join(build().lines).encode("utf-8")

    def floor():
        text = unicodedata.normalize("NFC", ARTICLE.read_bytes().decode("utf-8"))
        sum(1 for _ in combined.finditer(text.lower()))
        ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    floor()
    return build, floor


def build_ratio(repeat: int) -> tuple[float, float]:
    """(build CPU, floor CPU) for the District 4 article, in seconds."""
    built, floor_time = best_of(repeat, *build_and_floor())
    return built, floor_time


COUNTED = 20        # builds (or floors) counted in a process, less a process that runs none


def instructions() -> tuple[float, float]:
    """(build, floor) instructions for the District 4 article, counted by valgrind's cachegrind: each one run
    COUNTED times in a process of its own, less a process that runs it no time (so that starting Python and
    loading the lexicon are not counted). Unlike CPU time, the count does not move with the machine's load;
    what it does not see is the cost of an instruction, which differs between Python's interpreter and the
    floor's regex engine and Oxigraph."""
    if shutil.which("valgrind") is None:
        sys.exit("Error: --instructions needs valgrind on PATH (Debian: apt-get install valgrind)")
    counted = {}
    for what in ("build", "floor"):
        for n in (0, COUNTED):
            run = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                                  sys.executable, __file__, "--count", what, str(n)],
                                 env={**os.environ, "PYTHONHASHSEED": "0"}, capture_output=True, text=True)
            found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
            if run.returncode or not found:
                sys.exit(f"Error: valgrind could not count the {what}: {run.stderr.strip().splitlines()[-1:]}")
            counted[what, n] = int(found[1].replace(",", ""))
    return tuple((counted[what, COUNTED] - counted[what, 0]) / COUNTED for what in ("build", "floor"))


def graph_file(args) -> Path:
    if args.graph:
        return args.graph
    corpus, nt = args.work / f"corpus-{args.articles}", args.work / f"corpus-{args.articles}.nt"
    if not nt.exists():
        if not corpus.exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(corpus), str(args.articles)], check=True)
        subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(nt), "--no-cache",
                        "--no-validate", "--jobs", "2"], check=True, stdout=subprocess.DEVNULL)
    return nt


# --format -> the writer Oxigraph itself has for the same answer (QueryResultsFormat names)
ENGINE = {"csv": "CSV", "tsv": "TSV", "json": "JSON", "xml": "XML", "table": "TSV"}


def query_ratios(path: Path, repeat: int, formats: list[str], names=None) -> tuple[int, list[tuple]]:
    """(triples, [(query, {format: (Oxigraph's CPU, reform-kg's CPU)})]), each pair measured in turn."""
    import pyoxigraph as ox
    from kg import queries, store
    from kg.store import rdf_format
    memory = store.load_for_query(path, None)
    rows = []
    for name, q in sorted(queries.bundled().items()):
        if names and name not in names:
            continue

        def own(fmt):
            found = memory.query(q.text, use_default_graph_as_union=True)
            if isinstance(found, ox.QueryTriples):
                return found.serialize(format=rdf_format(fmt))
            return found.serialize(format=getattr(ox.QueryResultsFormat, ENGINE[fmt]))
        graph = isinstance(memory.query(q.text, use_default_graph_as_union=True), ox.QueryTriples)
        measured, times = {}, {}
        for fmt in formats:                 # a graph: Turtle in every column but xml (RDF/XML), measured once
            as_asked = ("xml" if fmt == "xml" else "turtle") if graph else fmt
            if as_asked not in measured:
                measured[as_asked] = tuple(best_of(repeat, lambda: own(as_asked),
                                                   lambda: queries.answer(memory, q, as_asked)))
            times[fmt] = measured[as_asked]
        rows.append((name, times))
        print(f"{name:24} " + " ".join(f"{f} {o * 1000:.0f}/{t * 1000:.0f} ms {ratio(t, o):4.2f}"
                                       for f, (o, t) in times.items()), file=sys.stderr, flush=True)
    return len(memory), rows


def interpreter() -> str:
    """Which Python runs the benchmark, and how it was built: the build's Python code runs about a fifth faster on
    an interpreter with libpython inside its executable, optimised with PGO and LTO (Debian's python3), than on
    one calling into a shared libpython built without them (pyenv's default), while the floor, mostly C and Rust,
    hardly moves. Where the process's memory map is readable (Linux), it tells whether a libpython is loaded."""
    import sysconfig
    try:
        linked = ", libpython shared" if "/libpython" in Path("/proc/self/maps").read_text() else ", libpython built in"
    except OSError:
        linked = ""
    optimised = ", configured --enable-optimizations" if "--enable-optimizations" in (
        sysconfig.get_config_var("CONFIG_ARGS") or "") else ""
    return f"Python {platform.python_version()} ({os.path.realpath(sys.executable)}{linked}{optimised})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="an N-Triples or Turtle graph (default: the synthetic corpus)")
    parser.add_argument("--articles", type=int, default=2500)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reform-kg-bench"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", nargs="+", default=["csv", "tsv", "json", "xml", "table"])
    parser.add_argument("--queries", nargs="+", help="only these bundled queries (default: all)")
    parser.add_argument("--no-build", action="store_true", help="measure the queries only")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the build's and the floor's instructions (needs valgrind; about a minute)")
    parser.add_argument("--count", nargs=2, metavar=("WHAT", "N"), help=argparse.SUPPRESS)  # (instructions' runs)
    args = parser.parse_args()
    if args.count:
        build, floor = build_and_floor()
        for _ in range(int(args.count[1])):
            (build if args.count[0] == "build" else floor)()
        return
    args.work.mkdir(parents=True, exist_ok=True)
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    print(f"Machine: {platform.system()} {platform.machine()}, {cores} cores, {interpreter()}, "
          f"load average {load:.1f}\n")
    if load > cores / 2:
        print(f"(A busy machine: the build's interpreted code loses more to other processes than the floor's C and "
              f"Rust, so the build's ratio reads high (the same code measured 1.34-1.42x with a load average under "
              f"1 and 1.60-1.74x at 4 to 7 on 2 cores); --instructions counts the steadier figure.)\n")
    if not args.no_build:
        built, floor = build_ratio(args.repeat * 10)
        print(f"Build, District 4 article: {built * 1000:.1f} ms CPU, floor {floor * 1000:.1f} ms: "
              f"**{built / floor:.2f}×** the floor\n")
    if args.instructions:
        built, floor = instructions()
        print(f"Instructions (cachegrind), District 4 article: build {built / 1e6:.1f}M, floor {floor / 1e6:.1f}M: "
              f"{built / floor:.2f}× the floor\n")
    triples, rows = query_ratios(graph_file(args), args.repeat, args.formats, args.queries)
    print(f"Queries on {triples:,} triples in memory (CPU ms, best of {args.repeat}; ratio = reform-kg ÷ Oxigraph "
          "writing the same format, " + ", ".join(f"{f}: its {ENGINE[f]}" for f in args.formats) + "):\n")
    print("| query | " + " | ".join(f"{f}: Oxigraph | reform-kg | ratio" for f in args.formats) + " |")
    print("|---|" + "---|---|---|" * len(args.formats))
    for name, times in rows:
        print(f"| {name} | " + " | ".join(f"{o * 1000:.0f} | {t * 1000:.0f} | {ratio(t, o):.2f}"
                                          for o, t in times.values()) + " |")

if __name__ == "__main__":
    main()

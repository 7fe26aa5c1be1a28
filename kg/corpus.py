"""Corpus builds: every article to N-Triples in parallel, cached by content, merged with bounded memory.

Each document becomes a sorted, de-duplicated fragment of N-Triples lines (pipeline.document_triples), computed
in worker processes (`jobs`) and kept in a cache folder under a hash of the file's bytes, its source URL, the
base IRI and the code and lexicons that read it, so an unchanged document is not read again. Fragments are
merged as sorted runs: the output is the same bytes whatever the order of the files or the number of jobs.
"""
from __future__ import annotations

import hashlib
import heapq
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg import ingest, pipeline, store
from kg.errors import InputError, KgError

RUN_LINES = 2_000_000          # lines held in memory before a sorted run is written to disk
VALIDATE_IN_MEMORY = 200_000   # triples; above this a streamed build is left to `reform-kg validate`


class InvalidGraph(KgError):
    """What a build made breaks the SHACL shapes: a bug in reform-kg, never the user's input."""

    def __init__(self, message: str, report: str):
        super().__init__(message)
        self.report = report


@dataclass
class Summary:
    documents: int = 0
    triples: int = 0
    seconds: float = 0.0
    cached: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Task:
    path: str
    source_url: str | None
    base: str
    encoding: str | None
    max_bytes: int
    cache: str | None
    salt: str
    named: bool


def fingerprint() -> str:
    """What the output depends on besides the article: reform-kg's code, its lexicons and the site profiles."""
    from kg import __version__
    from kg.resources import data_dir, site_profile_folders
    digest = hashlib.sha256(__version__.encode())
    roots = [Path(__file__).parent, data_dir("ontology"), *site_profile_folders()]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".ttl", ".html", ".json"):
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _fragment(task: _Task) -> tuple[str, str, list[str] | None, bool]:
    """(path, outcome, lines, from cache): outcome is "" when read, else why the file was skipped or failed."""
    path = Path(task.path)
    try:
        raw = path.read_bytes() if path.is_file() and path.stat().st_size <= task.max_bytes else b""
        key = hashlib.sha256(b"\0".join([raw, (task.source_url or "").encode(), task.base.encode(),
                                         task.salt.encode(), (task.encoding or "").encode()])).hexdigest()
        cached = Path(task.cache) / key[:2] / f"{key}.nt" if task.cache and raw else None
        if cached is not None and cached.is_file():
            return task.path, "", cached.read_text(encoding="utf-8").splitlines(keepends=True), True
        document = ingest.load(path, task.source_url, task.encoding, task.max_bytes)
        lines = pipeline.document_triples(document, task.base)[0].lines()
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            store.write_atomic(cached, "".join(lines).encode("utf-8"))
        return task.path, "", lines, False
    except InputError as e:
        return task.path, f"skip:{e}", None, False
    except Exception as e:  # a bug while reading one article: reported, the others still build
        return task.path, f"fail:{path}: {type(e).__name__}: {e}", None, False


def build(inputs: list[Path], out_nt: Path, base: str, jobs: int = 1, cache: Path | None = None,
          encoding: str | None = None, max_bytes: int = ingest.MAX_BYTES, progress=None,
          files: list[Path] | None = None) -> Summary:
    """Build the corpus into one sorted N-Triples file (written atomically). `files` is
    pipeline.article_files(inputs) when the caller already listed them."""
    start = time.monotonic()
    files = pipeline.article_files(inputs) if files is None else files
    named = {p.resolve() for p in inputs if not p.is_dir()}
    salt = fingerprint()
    tasks = [_Task(str(p), pipeline.source_url(p), base, encoding, max_bytes, str(cache) if cache else None, salt,
                   p.resolve() in named) for p in files]
    summary = Summary()
    runs: list[Path] = []
    lines: set[str] = set()
    workdir = Path(tempfile.mkdtemp(prefix=".reform-kg-", dir=out_nt.resolve().parent))
    try:
        for task, (path, outcome, fragment, from_cache) in zip(tasks, _map(_fragment, tasks, jobs)):
            if progress is not None:
                progress(1)
            if outcome.startswith("skip:"):
                if task.named:
                    raise InputError(outcome[5:])
                summary.skipped.append(outcome[5:])
            elif outcome.startswith("fail:"):
                summary.failed.append(outcome[5:])
            else:
                summary.documents += 1
                summary.cached += from_cache
                lines.update(fragment)
                if len(lines) >= RUN_LINES:
                    runs.append(_run(workdir, len(runs), lines))
                    lines = set()
        runs.append(_run(workdir, len(runs), lines))
        summary.triples, summary.counts = _merge(runs, out_nt)
    finally:
        for run in runs:
            run.unlink(missing_ok=True)
        os.rmdir(workdir)
    summary.seconds = time.monotonic() - start
    return summary


def _map(fn, tasks, jobs: int):
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(fn, tasks)
        return
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_signals) as pool:
        yield from pool.imap(fn, tasks, chunksize=8)


def _worker_signals() -> None:
    """Workers die at once on SIGTERM, which is how Pool.terminate ends them. They inherit the command's
    handler (SystemExit, so the parent cleans up), and a worker unwinding from it while blocked on the task
    queue's lock could hang the pool's shutdown: a 100,000-article build did, after its last article."""
    import signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(workdir: Path, n: int, lines: set[str]) -> Path:
    path = workdir / f"run-{n:05d}.nt"
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(sorted(lines))
    return path


_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label> "
_ALT_LABEL = "<http://www.w3.org/2004/02/skos/core#altLabel> "
_COUNTED = {"initiatives": ["Initiative"], "wards": ["Ward", "Commune", "Township"], "metrics": ["Metric"]}


def _merge(runs: list[Path], out_nt: Path) -> tuple[int, dict[str, int]]:
    """Merge sorted runs into one sorted file without duplicates; count triples and entities on the way."""
    wanted = {f"{_TYPE} <https://w3id.org/reform-kg/ontology#{cls}> .\n": name
              for name, classes in _COUNTED.items() for cls in classes}
    counts = {name: 0 for name in _COUNTED}
    total, previous, labelled = 0, None, None
    handles = [run.open(encoding="utf-8") for run in runs]
    try:
        with store.atomic_open(out_nt, "w") as out:
            for line in heapq.merge(*handles):
                if line != previous:
                    previous = line
                    subject, _, rest = line.partition(" ")
                    if rest.startswith(_LABEL):
                        key = (subject, rest.rsplit("@", 1)[-1] if '"@' in rest else "")
                        if key == labelled:            # one name per language: another spelling is an altLabel
                            line = subject + " " + _ALT_LABEL + rest[len(_LABEL):]
                        labelled = key
                    out.write(line)
                    total += 1
                    tail = line.split(" ", 1)[1]
                    if tail in wanted:
                        counts[wanted[tail]] += 1
    finally:
        for h in handles:
            h.close()
    return total, counts


def write_outputs(merged: Path, output: Path | None, fmt: str | None, store_spec: str | None, triples: int,
                  validate: bool = True) -> None:
    """Check the merged graph against the shapes (in memory, up to VALIDATE_IN_MEMORY triples) and write it
    where asked: a store by Oxigraph's bulk load, the N-Triples by renaming `merged` (made in the output's
    folder) into place, other formats through rdflib."""
    from kg.emit import new_graph

    check = validate and triples <= VALIDATE_IN_MEMORY
    graph = new_graph().parse(merged, format="nt") if check or fmt not in (None, "nt") else None
    if check:
        from kg import validate as shacl
        violations = shacl.validate(graph)
        if violations:
            raise InvalidGraph(f"{output or store_spec}: not written: the graph built from these articles breaks "
                               f"{len(violations)} SHACL constraint(s); this is a bug in reform-kg, please report it",
                               shacl.report(violations))
    if store_spec:
        store.load_store_from_nt(merged, store_spec)
    if output and fmt == "nt":
        store.move_into_place(merged, output)    # merged is beside it: a rename, not a copy through memory
    elif output:
        store.save(graph, output, fmt)

"""Sorted runs: a corpus build's documents read in worker processes that write their own sorted runs, and the
parent's merge of those runs into one sorted N-Triples file.

Each process (the parent itself with one job) gathers its documents' N-Triples lines and label records in two
sets and writes them, sorted, to the build's scratch folder whenever it holds its share of RUN_LINES, and once
more when it has no document left. The parent hands out documents in batches and gets back, for each, only
the small record the reading function returned (read, skipped or failed, from the cache, where its fragment
was kept); at the end it merges the runs, choosing one `rdfs:label` per entity and language on the way.
Lines are UTF-8 bytes from the worker to the output: bytes sort in code-point order, as the text would, so
the parent never decodes a line.
"""
from __future__ import annotations

import contextlib
import gc
import heapq
import itertools
import operator
import signal
from pathlib import Path

from kg import files
from kg.emit.sink import Fragment
from kg.errors import KgError, OutputError

RUN_LINES = 1_000_000       # lines held in memory by all processes together before each writes a sorted run
BATCH = 8                   # documents handed to a worker at a time
FAN_IN = 200                # runs merged at once (two open files each); more are first merged in rounds

_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LABEL = b"<http://www.w3.org/2000/01/rdf-schema#label>"
_ALT_LABEL = b"<http://www.w3.org/2004/02/skos/core#altLabel>"
_COUNTED = {"documents": ["Document"], "initiatives": ["Initiative"], "wards": ["Ward", "Commune", "Township"],
            "metrics": ["Metric"]}


class Runs:
    """One process's share of a build: lines and label records in memory until there are `budget` of them,
    then a sorted run on disk. While it has written no run and holds at most `small` lines, the documents are
    few enough to be checked one by one, and their fragments are kept (`keeps_fragments`)."""

    def __init__(self, folder: Path, name: str, budget: int, small: int):
        self.folder, self.name, self.budget, self.small = folder, name, budget, small
        self.lines: set[bytes] = set()
        self.labels: set[bytes] = set()
        self.runs: list[tuple[Path, Path]] = []

    @property
    def keeps_fragments(self) -> bool:
        return not self.runs and len(self.lines) + len(self.labels) <= self.small

    def add(self, fragment: Fragment) -> None:
        self.lines.update(line.encode() for line in fragment.lines)
        self.labels.update(record.encode() for record in fragment.labels)
        if len(self.lines) + len(self.labels) >= self.budget:
            self.close()

    def close(self) -> list[tuple[Path, Path]]:
        """Write what is held as a run; every run written, for the merge."""
        if self.lines or self.labels:
            self.runs.append(write_run(self.folder / f"run-{self.name}-{len(self.runs):05d}", self.lines, self.labels))
            self.lines, self.labels = set(), set()
        return self.runs


def write_run(prefix: Path, lines, labels) -> tuple[Path, Path]:
    """A sorted run: `prefix.nt` (N-Triples lines) and `prefix.tsv` (label records), both sorted bytes."""
    paths = prefix.with_suffix(".nt"), prefix.with_suffix(".tsv")
    for path, content in zip(paths, (lines, labels)):
        try:
            with path.open("wb") as fh:
                fh.writelines(sorted(content))
        except OSError as e:
            raise OutputError(f"{prefix.parent.parent}: cannot write the build's sorted runs ({e.strerror or e})") from e
    return paths


def gather(tasks: list, read, jobs: int, folder: Path, small: int, runs: list):
    """Read every task with `read(task, keep_in)` -> (record, Fragment or None), where `keep_in` is the folder
    to keep the document's fragment in, or None once the build is too large to check documents one by one.
    Yields the records in the order of `tasks`; when the last is yielded, `runs` holds every sorted run."""
    if jobs <= 1 or len(tasks) <= BATCH:
        mine = Runs(folder, "0", RUN_LINES, small)
        yield from (_one(mine, read, task) for task in tasks)
        runs.extend(mine.close())
        return
    yield from _parallel(tasks, read, jobs, folder, small, runs)


def _one(mine: Runs, read, task):
    record, fragment = read(task, mine.folder if mine.keeps_fragments else None)
    if fragment is not None:
        mine.add(fragment)
    return record


def _parallel(tasks: list, read, jobs: int, folder: Path, small: int, runs: list):
    """Worker processes (forked) that each take a batch at a time from the parent, and the parent putting
    their records back in order. A stopped build ends its workers (they die at once on SIGTERM)."""
    from multiprocessing.connection import wait
    batches = iter([(i, tasks[i:i + BATCH]) for i in range(0, len(tasks), BATCH)])
    workers: dict = {}             # connection -> its process
    done, next_index = {}, 0
    try:
        waiting = _start(tasks, read, jobs, folder, small, batches, workers)
        while workers:
            for conn in wait(list(workers)):
                try:
                    kind, payload = conn.recv()
                    if kind == "records":
                        done.update(payload)
                        waiting[conn] -= 1
                        _hand_out(conn, batches, waiting)
                except (EOFError, ConnectionError):
                    kind, payload = "error", _ended(workers[conn])
                if kind == "error":
                    raise payload
                if kind == "runs":            # that worker is finished
                    runs.extend(payload)
                    workers.pop(conn).join()
                    conn.close()
            while next_index in done:
                yield done.pop(next_index)
                next_index += 1
    finally:
        for process in workers.values():
            process.terminate()
        for process in workers.values():
            process.join()


def _start(tasks: list, read, jobs: int, folder: Path, small: int, batches, workers: dict) -> dict:
    """Fork the workers (into `workers`) and give each its first two batches (one to work on, one ready behind
    it); for each connection, how many batches it has not answered."""
    import multiprocessing
    context = multiprocessing.get_context("fork")
    waiting = {}
    gc.freeze()         # the parent's objects stay shared: a worker's garbage collection would copy their pages
    try:
        for k in range(min(jobs, -(-len(tasks) // BATCH))):
            here, there = context.Pipe()
            process = context.Process(target=_work, args=(there, read, folder, str(k), RUN_LINES // jobs, small),
                                      daemon=True)
            with _signals_held():
                process.start()
                workers[here], waiting[here] = process, 0
            there.close()
            try:
                for _ in range(2):
                    _hand_out(here, batches, waiting)
            except ConnectionError:             # it died at once (the machine out of memory, a signal)
                raise _ended(process) from None
    finally:
        gc.unfreeze()
    return waiting


@contextlib.contextmanager
def _signals_held():
    """Ctrl-C and SIGTERM held back while a worker is forked and recorded. A child starts with its parent's
    Python handlers, which turn SIGTERM into SystemExit, and Python drops an exception raised in its after-fork
    hooks: a worker that the parent ended (terminate) in its first moments lived on, waiting for batches, while
    the parent waited for it. Held, a signal reaches the parent once the worker is recorded (so the parent ends
    it), and the worker once it has its own handlers (_work)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _hand_out(conn, batches, waiting: dict) -> None:
    """The worker's next batch; None (finish and write your last run) once it has nothing left to answer."""
    batch = next(batches, None)
    if batch is not None:
        conn.send(batch)
        waiting[conn] += 1
    elif waiting[conn] == 0:
        conn.send(None)
        waiting[conn] = -1


def _ended(process) -> KgError:
    process.join(5)
    return KgError(f"a worker process ended unexpectedly (exit status {process.exitcode}); if the machine ran "
                   "out of memory, try fewer --jobs")


def _work(conn, read, folder: Path, name: str, budget: int, small: int) -> None:
    """A worker: batches in, a record per document out, sorted runs written to `folder`. It dies at once on
    SIGTERM (how the parent ends it) and leaves Ctrl-C to the parent."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)        # held while it was forked (_signals_held)
    mine = Runs(folder, name, budget, small)
    try:
        while (batch := conn.recv()) is not None:
            start, tasks = batch
            conn.send(("records", [(start + i, _one(mine, read, task)) for i, task in enumerate(tasks)]))
        conn.send(("runs", mine.close()))
    except KgError as e:
        conn.send(("error", e))
    except Exception as e:  # a bug outside any one article: the parent says so in one line
        conn.send(("error", KgError(f"a worker process failed: {type(e).__name__}: {e}")))


def merge(runs: list[tuple[Path, Path]], out_nt: Path) -> tuple[int, dict[str, int]]:
    """Merge sorted runs into one sorted file without duplicates (written atomically); count triples and
    entities on the way."""
    wanted = {b"%s <https://w3id.org/reform-kg/ontology#%s> .\n" % (_TYPE, cls.encode()): name
              for name, classes in _COUNTED.items() for cls in classes}
    ends = tuple(b" " + tail for tail in wanted)
    counts = {name: 0 for name in _COUNTED}
    total = 0
    runs = _fewer(runs)
    handles = [path.open("rb") for run in runs for path in run]
    try:
        triples, labels = handles[0::2], handles[1::2]
        chosen = _chosen_labels(_unique(heapq.merge(*labels)))
        with files.atomic_open(out_nt, "wb") as out:
            write = out.write
            for line in _unique(heapq.merge(*triples, chosen)):
                write(line)
                total += 1
                if line.endswith(ends):
                    counts[wanted[line.split(b" ", 1)[1]]] += 1
    finally:
        for h in handles:
            h.close()
    return total, counts


def _fewer(runs: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """At most FAN_IN runs, merging them in rounds of FAN_IN (a very large build writes more runs than a
    process may have files open); the merged runs are deleted as they are replaced."""
    level = 0
    while len(runs) > FAN_IN:
        level += 1
        runs = [_combine(runs[i:i + FAN_IN], runs[i][0].parent / f"merged-{level}-{i // FAN_IN:05d}")
                for i in range(0, len(runs), FAN_IN)]
    return runs


def _combine(runs: list[tuple[Path, Path]], prefix: Path) -> tuple[Path, Path]:
    """One sorted run of lines and one of label records from several, without duplicates."""
    paths = prefix.with_suffix(".nt"), prefix.with_suffix(".tsv")
    for k, path in enumerate(paths):
        handles = [run[k].open("rb") for run in runs]
        try:
            with path.open("wb") as out:
                out.writelines(_unique(heapq.merge(*handles)))
        except OSError as e:
            raise OutputError(f"{prefix.parent.parent}: cannot write the build's sorted runs ({e.strerror or e})") from e
        finally:
            for h in handles:
                h.close()
    for run in runs:
        for path in run:
            path.unlink()
    return paths


def _unique(lines):
    return map(operator.itemgetter(0), itertools.groupby(lines))


def _chosen_labels(records):
    """Label triples from sorted `subject<TAB>lang<TAB>literal` records: the first spelling of an entity in a
    language is its rdfs:label, the others skos:altLabel; sorted lines, subject after subject."""
    for subject, group in itertools.groupby(records, key=lambda r: r.split(b"\t", 1)[0]):
        out, seen = [], set()
        for record in group:
            _, lang, literal = record.rstrip(b"\n").split(b"\t", 2)
            out.append(b"%s %s %s .\n" % (subject, _ALT_LABEL if lang in seen else _LABEL, literal))
            seen.add(lang)
        yield from sorted(out)

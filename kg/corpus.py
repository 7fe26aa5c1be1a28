"""The one builder: every article to N-Triples in parallel, cached, merged with bounded memory, checked.

Each document becomes a Fragment (pipeline.document_fragment): sorted N-Triples lines and label candidates,
computed in worker processes (`jobs`) and kept in a cache folder under a hash of everything its graph depends
on (its identity, bytes, source URL, the base IRI, the code and lexicons), so an unchanged document is not read
again. The workers write the fragments as their own sorted runs (kg.runs) and tell the parent only what
happened to each document; the parent merges the runs, choosing one `rdfs:label` per entity and language (the
first in code-point order) and writing the other spellings as `skos:altLabel`. The output is the same bytes
whatever the order of the files or the number of jobs. The library (`build_graph`) and the CLI both build
through `build` here.

A graph of up to VALIDATE_IN_MEMORY triples is checked against the SHACL shapes. A document whose facts break
them is set aside whole (kg.shapes); the rest is merged again and written, and the Summary says which
document, which shape and which sentence. So that a document can be left out, each one's fragment is kept (its
cache entry, or a file in the build's scratch folder) while the build is small enough to be checked.
"""
from __future__ import annotations

import contextlib
import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg import files, ingest, pipeline, runs as runs_module, shapes, sources as sources_module, store
from kg.emit.sink import Fragment
from kg.errors import InputError, KgError, OutputError
from kg.namespace import DEFAULT_BASE

VALIDATE_IN_MEMORY = 200_000   # triples; above this a streamed build is left to `reform-kg validate`


@dataclass
class Summary:
    documents: int = 0           # documents in the graph (rk:Document), not files read
    triples: int = 0
    seconds: float = 0.0
    cached: int = 0
    skipped: list[str] = field(default_factory=list)       # articles that could not be read, with why
    failed: list[str] = field(default_factory=list)        # articles that hit a bug in reform-kg
    set_aside: list[shapes.SetAside] = field(default_factory=list)
    not_articles: Counter = field(default_factory=Counter)  # files in folders that are not articles, by kind
    warnings: list[str] = field(default_factory=list)      # manifest and cache problems
    counts: dict[str, int] = field(default_factory=dict)
    without_models: list[str] = field(default_factory=list)     # read, but no reform model found in them
    validated: bool = False      # False when --no-validate or above VALIDATE_IN_MEMORY triples
    graph: object = None         # the rdflib Graph, when it was parsed to be checked and keep_graph asked

    @property
    def partial(self) -> bool:
        """Some article's facts are not in the graph (unreadable, failed or set aside)."""
        return bool(self.skipped or self.failed or self.set_aside)

    def left_out(self) -> list[str]:
        """A line for each article that could not be read or hit a bug, saying why."""
        return [f"Skipped {reason}" for reason in self.skipped] + \
            [f"Failed (a bug in reform-kg, please report it): {reason}" for reason in self.failed]


@dataclass(frozen=True)
class _Task:
    path: str
    doc_id: str
    source_url: str | None
    base: str
    encoding: str | None
    max_bytes: int
    cache: str | None
    salt: str


@dataclass(frozen=True)
class _Read:
    """What a worker tells the parent about one document: never its triples."""
    outcome: str = ""            # "" when read, else "skip:why" or "fail:why"
    cached: bool = False         # read from the cache
    problem: str = ""            # why the cache could not be written
    models: bool = False         # it states at least one initiative
    kept: str | None = None      # where its fragment is kept for the SHACL check (None once the build is too big)


def fingerprint() -> str:
    """What the output depends on besides the article: reform-kg's code, its lexicons and gazetteer, and the site profiles."""
    from kg import __version__
    from kg.resources import data_dir, site_profile_folders
    digest = hashlib.sha256(__version__.encode())
    roots = [Path(__file__).parent, data_dir("ontology"), *site_profile_folders()]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".ttl", ".html", ".json"):
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _read(task: _Task, keep_in: Path | None) -> tuple[_Read, Fragment | None]:
    """One document, from the cache or through the pipeline: what happened, and its fragment when read. With
    `keep_in`, the fragment is also kept there (unless its cache entry keeps it) for the SHACL check."""
    path = Path(task.path)
    try:
        raw = path.read_bytes() if path.is_file() and path.stat().st_size <= task.max_bytes else b""
        key = hashlib.sha256(b"\0".join(x.encode() if isinstance(x, str) else x for x in (
            raw, task.doc_id, task.source_url or "", task.base, task.salt, task.encoding or ""))).hexdigest()
        cached = Path(task.cache) / key[:2] / f"{key}.nt" if task.cache and raw else None
        hit = cached is not None and cached.is_file()
        if hit:
            fragment, problem = _read_cached(cached), ""
        else:
            # the bytes the cache key was made of, not a second read that could find the file changed
            document = ingest.load(path, task.source_url, task.encoding, task.max_bytes, doc_id=task.doc_id,
                                   raw=raw or None)
            fragment = pipeline.document_fragment(document, task.base)
            problem = _write_cached(cached, fragment) if cached is not None else ""
    except InputError as e:
        return _Read(f"skip:{e}"), None
    except Exception as e:  # a bug while reading one article: reported, the others still build
        return _Read(f"fail:{path}: {type(e).__name__}: {e}"), None
    kept = None
    if keep_in is not None:
        kept = cached if cached is not None and not problem else _keep(keep_in / f"{key}.nt", fragment)
    models = any(line.endswith(_INITIATIVE) for line in fragment.lines)
    return _Read("", hit, problem, models, str(kept) if kept else None), fragment


_LABELS_MARK = "# labels\n"


def _read_cached(path: Path) -> Fragment:
    lines, _, labels = path.read_text(encoding="utf-8").partition(_LABELS_MARK)
    return Fragment(lines.splitlines(keepends=True), labels.splitlines(keepends=True))


def _serialized(fragment: Fragment) -> bytes:
    return "".join([*fragment.lines, _LABELS_MARK, *fragment.labels]).encode("utf-8")


def _write_cached(path: Path, fragment: Fragment) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(path, _serialized(fragment))
    except (OSError, KgError) as e:
        return f"{path.parent}: the cache cannot be written ({getattr(e, 'strerror', None) or e})"
    return ""


def _keep(path: Path, fragment: Fragment) -> Path:
    """A document's fragment in the build's scratch folder (removed with it), in the cache's format."""
    try:
        path.write_bytes(_serialized(fragment))
    except OSError as e:
        raise OutputError(f"{path.parent.parent}: cannot write the build's scratch files ({e.strerror or e})") from e
    return path


def usable_cache(cache: Path | None, summary: Summary) -> Path | None:
    """The cache folder when it can be written; otherwise a warning, and the build goes on without it."""
    if cache is None:
        return None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        why = files.unwritable(cache)
    except OSError as e:
        why = e.strerror or str(e)
    if why is None:
        return cache
    summary.warnings.append(f"{cache}: the cache folder cannot be written ({why}); building without it")
    return None


def build_graph(inputs: list[Path], base: str = DEFAULT_BASE, encoding: str | None = None, strict: bool = False,
                jobs: int = 1, cache: Path | None = None) -> tuple[Graph, Summary]:
    """One in-memory graph from every article, for Python: `build` into a scratch file, so that the library
    and the CLI make the same graph, with what was set aside or skipped in the Summary."""
    import tempfile
    from kg.emit import new_graph
    with tempfile.TemporaryDirectory(prefix=".reform-kg-") as folder:
        merged = Path(folder) / "graph.nt"
        summary = build(inputs, merged, base, jobs=jobs, cache=cache, encoding=encoding, strict=strict,
                        keep_graph=True)
        graph = summary.graph if summary.graph is not None else new_graph().parse(merged, format="nt")
    summary.graph = None
    return graph, summary


def build(inputs: list[Path], out_nt: Path, base: str, jobs: int = 1, cache: Path | None = None,
          encoding: str | None = None, max_bytes: int = ingest.MAX_BYTES, progress=None,
          listing: sources_module.Listing | None = None, validate: bool = True, strict: bool = False,
          keep_graph: bool = False) -> Summary:
    """Build the corpus into one sorted N-Triples file (written atomically). `listing` is
    sources.list_inputs(inputs) when the caller already listed them."""
    start = time.monotonic()
    listing = listing or sources_module.list_inputs(inputs)
    summary = Summary(not_articles=listing.skipped, warnings=list(listing.warnings))
    cache = usable_cache(cache, summary)
    salt = fingerprint()
    tasks = [_Task(str(s.path), s.doc_id, s.source_url, base, encoding, max_bytes, str(cache) if cache else None, salt)
             for s in listing.sources]
    named = {str(s.path) for s in listing.sources if s.named}
    runs: list[tuple[Path, Path]] = []
    with files.scratch_dir(out_nt.resolve().parent, ".reform-kg-") as workdir:
        small = VALIDATE_IN_MEMORY if validate and not strict else -1
        with contextlib.closing(runs_module.gather(tasks, _read, jobs, workdir, small, runs)) as records:
            kept = _told(summary, tasks, records, named, progress)
        if not kept:
            why = "; ".join(summary.skipped[:3] + summary.failed[:3])
            raise InputError(f"{', '.join(map(str, inputs))}: no article could be read" + (f" ({why})" if why else ""))
        summary.triples, summary.counts = runs_module.merge(runs, out_nt)
        if strict and validate:
            shapes.check_whole(inputs, summary, out_nt, keep_graph)
        elif small >= 0 and None not in kept.values() and summary.triples <= VALIDATE_IN_MEMORY:
            shapes.check(summary, {t: _read_cached(Path(p)) for t, p in kept.items()}, workdir, out_nt, keep_graph)
    if strict and summary.partial:
        raise shapes.InvalidGraph(f"{', '.join(map(str, inputs))}: not written (--strict): "
                                  f"{len(summary.skipped)} article(s) unreadable, {len(summary.failed)} failed",
                                  "".join(line + "\n" for line in summary.left_out()))
    summary.documents = summary.counts.get("documents", 0)
    summary.seconds = time.monotonic() - start
    return summary


def _told(summary: Summary, tasks: list[_Task], records, named: set[str], progress) -> dict[_Task, str | None]:
    """Put what happened to each document in the summary, in input order; an article named on the command line
    that cannot be read ends the build. Every document read -> where its fragment is kept, if it is."""
    kept = {}
    for i, record in enumerate(records):       # not zip(): it would stop before the last runs are written
        task = tasks[i]
        if progress is not None:
            progress(1)
        if record.problem and record.problem not in summary.warnings:
            summary.warnings.append(record.problem)
        if record.outcome.startswith("skip:"):
            if task.path in named:
                raise InputError(record.outcome[5:])
            summary.skipped.append(record.outcome[5:])
        elif record.outcome.startswith("fail:"):
            summary.failed.append(record.outcome[5:])
        else:
            summary.cached += record.cached
            kept[task] = record.kept
            if not record.models:
                summary.without_models.append(task.path)
    return kept


_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_INITIATIVE = f" {_TYPE} <https://w3id.org/reform-kg/ontology#Initiative> .\n"


def report_path(target: Path) -> Path:
    """Where the machine-readable report of a partial build goes: beside the output, `NAME.report.json`."""
    return target.parent / f"{target.name}.report.json"


def write_outputs(merged: Path, output: Path | None, fmt: str | None, store_spec: str | None,
                  summary: Summary) -> None:
    """Write the built graph where asked: a store by Oxigraph's bulk load (into a new store swapped in whole),
    the N-Triples by renaming `merged` (made in the output's folder) into place, other formats from it by
    pyoxigraph (kg.store.written); and beside each, the report of what was left out (a stale one is removed)."""
    if store_spec:
        store.load_store_from_nt(merged, store_spec)
    if output and fmt == "nt":
        files.move_into_place(merged, output)    # merged is beside it: a rename, not a copy through memory
    elif output:
        files.write_atomic(output, store.written(merged.read_bytes(), fmt))
    for target in (output, store.parse_store(store_spec)[1] if store_spec else None):
        if target is not None:
            _write_report(report_path(target), summary)


def _write_report(path: Path, summary: Summary) -> None:
    import json
    if not summary.partial and not summary.warnings:
        path.unlink(missing_ok=True)
        return
    report = {"partial": summary.partial, "documents": summary.documents, "validated": summary.validated,
              "set_aside": [{"file": s.path, "document": s.doc_id, "violations": s.violations} for s in summary.set_aside],
              "unreadable": summary.skipped, "failed": summary.failed, "warnings": summary.warnings,
              "not_articles": dict(sorted(summary.not_articles.items()))}
    files.write_atomic(path, (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

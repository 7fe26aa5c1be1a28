"""Where a command reads the graph (`opened`): a file, a persistent store, or a graph file loaded once into an
Oxigraph store in the cache folder and reused while the file is unchanged.

`reform-kg query NAME -g graph.nt --cached`: the first run parses the file into a persistent store under
CACHE/stores/ (one store per graph file, named after its absolute path), stamped with the SHA-256 of the bytes
it was loaded from; later runs hash the file again (about 0.3 s for 200 MB) and open the store read-only if
the hash matches, or load it again if not. A changed file never answers from an old store. The store is
built beside the old one and swapped in only when complete (kg.files.replacing), so an interrupted load leaves
the previous store whole, or none.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from kg import files, store
from kg.errors import GraphError, InputError, OutputError

_STAMP = "source.sha256"


def cache_root() -> Path:
    """reform-kg's cache folder: $XDG_CACHE_HOME/reform-kg, or ~/.cache/reform-kg."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reform-kg"


@contextlib.contextmanager
def opened(path: Path | None, store_spec: str | None, for_query: bool = False, cache: Path | None = None):
    """The graph a command reads (-g FILE or --store oxigraph:DIR), closed again (a store holds a lock while
    open): an rdflib Graph, or with `for_query` a pyoxigraph Store, where SPARQL runs several times faster;
    with a `cache` folder, the file's store kept there (`open_cached`). Damage found while it is read is
    named as the store's, or the cached store's, which is then forgotten."""
    try:
        if cache:
            yield open_cached(path, cache)
            return
        if for_query:
            yield store.load_for_query(path, store_spec)
            return
        graph = store.load_any(path, store_spec)
        try:
            yield graph
        finally:
            if store_spec:
                graph.close()
    except RuntimeError as e:
        if store_spec and store.is_damage(e):
            raise store.damaged(store.parse_store(store_spec)[1], e) from e
        if cache and store.is_damage(e):
            raise damaged(path, cache, e) from e
        raise


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
        return digest.hexdigest()
    except OSError as e:
        raise InputError(f"{path}: cannot read the graph file ({e.strerror or e})") from e


def open_cached(path: Path, cache: Path):
    """The graph file as a read-only pyoxigraph Store from the cache, loaded first if missing or stale."""
    store.check_graph_file(path)
    folder = _folder(path, cache)
    digest = sha256(path)
    stamp = folder / _STAMP
    if not (stamp.is_file() and stamp.read_text(encoding="ascii").strip() == digest):
        _load(path, folder, digest)
    try:
        return store.open_oxigraph(folder / "oxigraph")
    except GraphError:         # damaged on disk since (a full disk, a cut copy): the file is there, load it again
        _load(path, folder, digest)
        return store.open_oxigraph(folder / "oxigraph")


def damaged(path: Path, cache: Path, e: Exception) -> GraphError:
    """Damage found in the middle of a query: the store is forgotten, and the next run loads the file again."""
    (_folder(path, cache) / _STAMP).unlink(missing_ok=True)
    return GraphError(f"{path}: its cached store was found damaged ({str(e).splitlines()[0] if str(e) else e}); "
                      "run the command again to load the file anew")


def _folder(path: Path, cache: Path) -> Path:
    """One store per graph file, named after its absolute path."""
    return cache / "stores" / hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:32]


def _load(path: Path, folder: Path, digest: str) -> None:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with files.replacing(folder) as fresh:
            loaded = store.load_for_query(path, None, into=fresh / "oxigraph")
            loaded.flush()
            del loaded
            if sha256(path) != digest:
                raise InputError(f"{path}: the file changed while it was loaded; run the command again")
            (fresh / _STAMP).write_text(digest + "\n", encoding="ascii")
    except OSError as e:
        raise OutputError(f"{folder}: cannot write the cached store ({e.strerror or e}); run without --cached") from e

"""Load and save graphs: formats by file extension, readable parse errors, written atomically (kg.files);
Oxigraph stores."""
from __future__ import annotations

from pathlib import Path

from xml.sax import SAXParseException

from rdflib import Dataset, Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg import files
from kg.namespace import NAMESPACES
from kg.errors import GraphError, InputError, OutputError

# --format name -> (rdflib format, usual extension, pyoxigraph RdfFormat name)
FORMATS = {"turtle": ("turtle", ".ttl", "TURTLE"), "nt": ("nt", ".nt", "N_TRIPLES"),
           "jsonld": ("json-ld", ".jsonld", "JSON_LD"), "trig": ("trig", ".trig", "TRIG"), "xml": ("xml", ".rdf", "RDF_XML")}
_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld", ".trig": "trig",
              ".rdf": "xml", ".owl": "xml", ".xml": "xml"}


def format_for(path: Path) -> str:
    try:
        return _BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_BY_SUFFIX))
        raise GraphError(f"{path}: unknown graph file extension {path.suffix or '(none)'!r}; use one of {known}") from None


def check_graph_file(path: Path) -> str:
    """The graph file's format, once it is known to exist, hold something and declare no XML entities."""
    fmt = format_for(path)
    if not path.is_file():
        raise InputError(f"{path}: no such graph file (build one with `reform-kg build ARTICLE -o {path}`)")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the graph file is empty")
    if fmt == "xml":
        _refuse_entities(path)
    return fmt


def load(path: Path) -> Graph:
    fmt = check_graph_file(path)
    try:
        if fmt == "trig":
            dataset = Dataset()
            dataset.parse(path, format="trig")
            g = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                g.add((s, p, o))
            return g
        return Graph().parse(path, format=FORMATS[fmt][0])
    except Exception as e:  # rdflib's parsers raise many unrelated types; all mean "does not parse"
        raise GraphError(f"{path}: not valid {fmt}: {_where(e)}") from e


def _refuse_entities(path: Path) -> None:
    """RDF/XML may declare entities in a DOCTYPE: an external one reads local files or the network (XXE),
    nested ones expand without end (billion laughs). Graph files have no need of either."""
    with path.open("rb") as fh:
        head = fh.read(65536)
    if b"<!ENTITY" in head or b"<!DOCTYPE" in head and b"[" in head.split(b"<!DOCTYPE", 1)[1][:2048]:
        raise GraphError(f"{path}: declares XML entities (a DOCTYPE with <!ENTITY>), which could read other files "
                         "or expand without end; remove the DOCTYPE")


def _where(e: Exception) -> str:
    """Line and column of a parse error, in the words the parser gave."""
    if isinstance(e, BadSyntax):
        text = e._str.decode("utf-8", "replace") if isinstance(e._str, bytes) else str(e._str)
        column = e._i - text.rfind("\n", 0, e._i)
        return f"line {e.lines + 1}, column {column}: {e._why}"
    if isinstance(e, SAXParseException):
        return f"line {e.getLineNumber()}, column {e.getColumnNumber()}: {e.getMessage()}"
    if isinstance(e, IndexError):
        return "the file ends in the middle of a statement"
    return " ".join(str(e).split())[:300]


def serialize(graph: Graph, fmt: str) -> bytes:
    """An rdflib graph in `fmt`, written as every graph reform-kg writes (`rdf_text`)."""
    return rdf_text(graph.serialize(format="nt", encoding="utf-8"), fmt)


def rdf_text(nt: bytes, fmt: str) -> bytes:
    """A graph given as N-Triples in any order, its triples sorted and de-duplicated, in `fmt` (`written`)."""
    distinct = set(nt.splitlines())
    distinct.discard(b"")
    lines = sorted(distinct)
    return written(b"\n".join(lines) + b"\n" if lines else b"", fmt)


def written(nt: bytes, fmt: str) -> bytes:
    """Sorted N-Triples (a build's, or `rdf_text`'s) in `fmt`, by pyoxigraph's serialisers, in the triples'
    order: the same graph gives the same bytes, in every format (rdflib's RDF/XML, JSON-LD and TriG writers
    follow a set's order, which changes from run to run, and its TriG put the triples in a blank node's
    graph; its Turtle writer takes minutes on a large graph). The namespaces the graph uses are its prefixes,
    sorted (Oxigraph writes them in a hash's order)."""
    if fmt == "nt":
        return nt
    import pyoxigraph as ox
    used = {p: ns for p, ns in sorted(NAMESPACES.items()) if b"<" + ns.encode("utf-8") in nt}
    triples = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    data = ox.serialize(triples, format=rdf_format(fmt), prefixes=used)
    if fmt not in ("turtle", "trig"):
        return data
    lines = data.split(b"\n", len(used))                   # the prefixes' lines, and the rest
    head = [line + b"\n" for line in lines[:-1] if line.startswith(b"@prefix ")]
    return b"".join(sorted(head)) + b"\n" + b"\n".join(lines[len(head):])


def rdf_format(fmt: str):
    """The pyoxigraph RdfFormat of a --format name (Turtle for one that names no RDF format: a graph answer
    asked for as a table)."""
    import pyoxigraph as ox
    return getattr(ox.RdfFormat, FORMATS.get(fmt, FORMATS["turtle"])[2])


def save(graph: Graph, path: Path, fmt: str | None = None) -> None:
    files.write_atomic(path, serialize(graph, fmt or format_for(path)))


# --------------------------------------------------------------------------- persistent stores

STORE_KINDS = ("oxigraph",)


def parse_store(spec: str) -> tuple[str, Path]:
    kind, sep, location = spec.partition(":")
    if not sep or kind not in STORE_KINDS or not location:
        raise GraphError(f"{spec}: a store is given as oxigraph:FOLDER")
    return kind, Path(location)


def _store_folder(spec: str) -> Path:
    _, folder = parse_store(spec)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such store (create one with `reform-kg build ARTICLES --store {spec}`)")
    if not (folder / "CURRENT").is_file():          # (every RocksDB database has one)
        raise InputError(f"{folder}: not an Oxigraph store (a folder a build made with --store has a CURRENT "
                         "file); give the store's folder, or a graph file with -g")
    return folder


def open_store(spec: str) -> Graph:
    """A persistent Oxigraph store behind rdflib's Graph API (oxrdflib), opened read-only: the commands that
    take one only read it (a read-only disk will do), and SPARQL runs in Oxigraph."""
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    return Graph(store=OxigraphStore(store=open_oxigraph(_store_folder(spec))), identifier=DATASET_DEFAULT_GRAPH_ID)


def open_oxigraph(folder: Path):
    """pyoxigraph's Store on `folder`, read-only, or one `Error:` line that says what to do."""
    import pyoxigraph
    try:
        return pyoxigraph.Store.read_only(str(folder))
    except OSError as e:
        raise GraphError(f"{folder}: cannot open the Oxigraph store ({_first_line(e)})") from e
    except RuntimeError as e:     # RocksDB: "Corruption: Sst file size mismatch ...", "Invalid argument: ..."
        raise damaged(folder, e) from e


def damaged(folder: Path | str, e: Exception) -> GraphError:
    return GraphError(f"{folder}: the Oxigraph store is damaged or not a store ({_first_line(e)}); build it again "
                      f"(reform-kg build ARTICLES --store oxigraph:{folder} replaces it)")


def is_damage(e: BaseException) -> bool:
    """RocksDB finds most damage only when it reads the damaged block, in the middle of a command."""
    return isinstance(e, RuntimeError) and str(e).startswith(("Corruption:", "IO error:"))


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return " ".join(lines[0].split()) if lines else type(e).__name__


def load_for_query(path: Path | None, store_spec: str | None, into: Path | None = None):
    """The graph as a pyoxigraph Store for SPARQL: a file parsed into memory by Oxigraph (several times faster
    than rdflib's parsers and engine), or into a new persistent store in the folder `into`; or the persistent
    store opened read-only. Quads of a TriG file go to named graphs; queries read their union, as rdflib's
    load does."""
    import pyoxigraph
    if store_spec:
        return open_oxigraph(_store_folder(store_spec))
    fmt = check_graph_file(path)
    graph = pyoxigraph.Store(None if into is None else str(into))
    try:
        graph.bulk_load(path=str(path), format=getattr(pyoxigraph.RdfFormat, FORMATS[fmt][2]),
                        base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError) as e:
        load(path)    # rdflib words the error as every other command does, line and column included
        raise GraphError(f"{path}: not valid {fmt}: {e}") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read the graph file ({e})") from e
    return graph


def load_any(path: Path | None, store_spec: str | None) -> Graph:
    """The graph a command reads: a file loaded into memory, or a persistent store."""
    if store_spec:
        return open_store(store_spec)
    return load(path)


def save_to_store(graph: Graph, spec: str) -> None:
    """Replace the store's content with `graph` (a store holds one corpus)."""
    _bulk_load(spec, data=serialize(graph, "nt"))


def load_store_from_nt(path: Path, spec: str) -> None:
    """Replace the store's content with an N-Triples file, streamed from disk."""
    _bulk_load(spec, path=path)


def check_store_target(spec: str) -> Path:
    """The folder a build may replace: missing, empty, or an Oxigraph store (never another folder's content)."""
    _, folder = parse_store(spec)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is not a folder; give the store a folder of its own")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / "CURRENT").is_file():
        raise OutputError(f"{folder}: is a folder that holds something other than an Oxigraph store; "
                          "give the store a folder of its own")
    files.check_folder(folder)
    return folder


def _bulk_load(spec: str, data: bytes | None = None, path: Path | None = None) -> None:
    """Loaded by Oxigraph itself from N-Triples (faster than adding triples through rdflib, and every term
    stays exactly as written) into a new store beside the old one, which is swapped in only once complete: an
    interrupted rebuild leaves the old store whole."""
    import pyoxigraph
    folder = check_store_target(spec).resolve()      # a symlinked store: the real folder is swapped
    try:
        with files.replacing(folder) as fresh:
            store = pyoxigraph.Store(str(fresh))
            if path is not None:
                store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.DefaultGraph())
            else:
                store.bulk_load(data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.DefaultGraph())
            store.flush()
            del store
    except OSError as e:
        raise OutputError(f"{folder}: cannot write the Oxigraph store ({e.strerror or e})") from e
    except (SyntaxError, ValueError) as e:      # the N-Triples reform-kg wrote: a bug, named as one
        raise GraphError(f"{folder}: Oxigraph refused the graph ({e}); this is a bug in reform-kg, please report it") from e

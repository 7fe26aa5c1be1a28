"""reform-kg command line: build the graph from articles, query it, export it, draw it."""
from __future__ import annotations

import contextlib
import functools
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

def _GRAPH(fn):
    """-g FILE or --store oxigraph:DIR: where a command reads the graph from (exactly one)."""
    fn = click.option("--store", "store_spec", default=None, metavar="oxigraph:DIR",
                      help="Read a persistent Oxigraph store instead of a file.")(fn)
    return click.option("-g", "--graph", "graph_path", type=click.Path(path_type=Path),
                        help="Graph file to read (.ttl, .nt, .jsonld, .trig, .rdf).")(fn)


def _source(graph_path, store_spec, for_query: bool = False, cached: bool = False):
    """The graph a command reads (kg.store_cache.opened), given as exactly one of -g FILE or --store."""
    from kg import store_cache
    if bool(graph_path) == bool(store_spec):
        raise click.UsageError("give the graph as -g FILE or as --store oxigraph:DIR (one of them)")
    return store_cache.opened(graph_path, store_spec, for_query, store_cache.cache_root() if cached else None)


def _errors(fn):
    """Turn the library's errors into one `Error: ...` line and exit status 1."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KgError as e:
            raise click.ClickException(str(e)) from e
    return wrapper


@click.group()
@click.version_option(__version__, prog_name="reform-kg")
@click.option("--no-pager", is_flag=True,
              help="Write answers and reports straight to the terminal, not through a pager ($PAGER, or less).")
def cli(no_pager):
    """A knowledge graph of Vietnamese administrative-reform initiatives (mô hình cải cách hành chính).

    \b
    reform-kg build examples/articles -o graph.ttl
    reform-kg view -g graph.ttl -o wards.html
    reform-kg query ward-initiatives -g graph.ttl
    """
    import logging
    import signal
    # rdflib logs a traceback for each ill-typed literal it reads; a build reports those as violations instead.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    # Stopped by `kill`, a CI time limit or its terminal closing (SIGHUP, unless started under nohup, which
    # ignores it), a command cleans up as on Ctrl-C: its `finally` blocks remove the temporary files, so
    # nothing half-written is left behind.
    signal.signal(signal.SIGTERM, _terminated)
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, _terminated)


_STOPPED: list[int] = []


def _terminated(signum, frame):
    """SIGTERM and SIGHUP end the command like Ctrl-C. The signal is also remembered: an exception raised while Python
    runs a finaliser (multiprocessing has many) is printed and dropped, so long loops check again."""
    _STOPPED.append(signum)
    raise SystemExit(128 + signum)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Graph file to write; its extension sets the format (.ttl, .nt, .jsonld, .trig, .rdf).")
@click.option("--store", "store_spec", default=None, metavar="oxigraph:DIR",
              help="Also (or instead) write into a persistent Oxigraph store, replacing its content.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes for extraction (0: one per core).")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=None,
              help="Cache folder for incremental rebuilds [default: $XDG_CACHE_HOME/reform-kg].")
@click.option("--no-cache", is_flag=True, help="Read every article again.")
@click.option("--base", default=None, metavar="IRI", help="Base IRI for the graph's entities.",
              callback=lambda ctx, param, value: _base_iri(value))
@click.option("--encoding", default=None, help="Read the articles that are not UTF-8 in this encoding (e.g. cp1258); "
              "default: UTF-8, or as a BOM says.")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=10, show_default=True, metavar="MB",
              help="Refuse article files larger than this many megabytes.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check of the built graph (for very large corpora).")
@click.option("--strict", is_flag=True, help="All or nothing: write nothing if any article is unreadable, fails or "
              "breaks the shapes.")
@_errors
def build(inputs, output, store_spec, jobs, cache_dir, no_cache, base, encoding, max_size, no_validate, strict):
    """Read articles (.txt or .html files, or folders of them) and write the knowledge graph.

    A manifest.csv (columns file, source_url) beside the articles gives each one's source URL. An article that
    cannot be read, or whose facts break the SHACL shapes, is set aside and the rest is written: the summary
    names it, NAME.report.json beside the output says why, and the exit status is 3 (partial). Large corpora:
    write .nt (streamed, sorted) or --store, with --jobs 0.

    \b
    reform-kg build examples/articles -o graph.ttl
    reform-kg build corpus/ -o corpus.nt --jobs 0
    reform-kg build corpus/ --store oxigraph:db
    """
    import os
    import time
    from kg import corpus, files, shapes, sources, store, store_cache
    from kg.namespace import DEFAULT_BASE

    started = time.monotonic()
    if not output and not store_spec:
        raise click.UsageError("give -o FILE, --store oxigraph:DIR, or both")
    if output:
        files.check_output(output)
    fmt = store.format_for(output) if output else None
    if store_spec:
        store.check_store_target(store_spec)
    cache = None if no_cache else cache_dir or store_cache.cache_root()
    listing = sources.list_inputs(list(inputs))
    with files.scratch_file(output or store.parse_store(store_spec)[1]) as merged:
        with _progress(len(listing.sources)) as tick:
            try:
                summary = corpus.build(list(inputs), merged, base or DEFAULT_BASE, jobs or os.cpu_count() or 1, cache,
                                       encoding, int(max_size * 1e6), tick, listing, validate=not no_validate,
                                       strict=strict)
            except shapes.InvalidGraph as e:
                click.echo(e.report, err=True, nl=False)
                raise
        corpus.write_outputs(merged, output, fmt, store_spec, summary)
    _build_summary(summary, output or store_spec, no_validate)
    click.echo(f"built in {time.monotonic() - started:.1f} s with {jobs or os.cpu_count()} job(s): "
               f"{summary.cached} from cache, {len(summary.skipped)} skipped, {len(summary.failed)} failed, "
               f"{len(summary.set_aside)} set aside", err=True)
    if summary.partial:
        report = corpus.report_path(output or store.parse_store(store_spec)[1])
        click.echo(f"Partial build: the graph was written without {len(summary.skipped) + len(summary.failed) + len(summary.set_aside)} "
                   f"article(s); see {report} (exit status 3)", err=True)
        sys.exit(3)


def _base_iri(value: str | None) -> str | None:
    """--base: an absolute IRI that every entity's IRI can start with (checked once, before any article)."""
    if value is None:
        return None
    from kg.namespace import checked_iri
    try:
        return checked_iri(value)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="'--base'") from e


def _build_summary(summary, target, no_validate: bool) -> None:
    """The build's outcome: the graph's counts on standard output, what was left out on standard error."""
    from kg import corpus, sources

    n = lambda k, noun: f"{k} {noun}{'' if k == 1 else 's'}"   # noqa: E731
    c = summary.counts
    _out(f"{target}: {n(summary.documents, 'document')}, {n(summary.triples, 'triple')}, "
         f"{n(c['initiatives'], 'initiative')}, {n(c['wards'], 'ward')}, {n(c['metrics'], 'metric')}\n")
    for aside in summary.set_aside:
        for v in aside.violations:
            click.echo(f"Set aside {aside.path}: its facts break {v['shape']} {v['path']} ({v['message']})"
                       + (f" in: {v['sentence']}" if v["sentence"] else ""), err=True)
    for line in summary.left_out():
        click.echo(line, err=True)
    for path in summary.without_models:                 # silence is not "no reform here": say where none was found
        click.echo(f"No model found in {path}", err=True)
    if summary.not_articles:
        click.echo(f"Not read: {sources.describe_skipped(summary.not_articles)}", err=True)
    for warning in summary.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if not no_validate and not summary.validated and summary.triples > corpus.VALIDATE_IN_MEMORY:
        click.echo(f"not validated in memory ({summary.triples} triples): run `reform-kg validate` on the output",
                   err=True)


def _out(text: str) -> None:
    """Write a command's result to standard output; a full disk or closed pipe is one line, not a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)
    except OSError as e:
        _silence_stdout()
        raise click.ClickException(f"standard output: cannot write ({e.strerror or e})") from e


def _show(text: str) -> None:
    """Write an answer or a report, text to be read, to standard output. On a terminal, one taller than the
    screen goes through a pager, as git's output does: $PAGER, or less (with LESS unset: -FRSX, quit at once
    if it fits, long lines cut, not wrapped, so a wide table stays a table, the screen left as it was).
    Written straight with --no-pager, PAGER=cat, or to a file or a pipe."""
    import os
    import shutil
    context = click.get_current_context(silent=True)
    if context and context.find_root().params.get("no_pager") or not (sys.stdin.isatty() and sys.stdout.isatty()) \
            or text.count("\n") < shutil.get_terminal_size().lines:
        _out(text)
        return
    os.environ.setdefault("LESS", "FRSX")
    click.echo_via_pager(text.removesuffix("\n"))      # (it ends what it pages with a line break of its own)


def _silence_stdout() -> None:
    """Point standard output at /dev/null so Python's exit flush has nothing left to fail on."""
    import os
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@contextlib.contextmanager
def _progress(total: int, label: str = "Reading articles"):
    """A function to call after each article: it draws a progress bar on a terminal (not when piped or in
    CI), and ends the command if a SIGTERM came and was lost on the way."""
    import os

    def tick(n: int, update=None) -> None:
        if _STOPPED:
            raise SystemExit(128 + _STOPPED[0])
        if update is not None:
            update(n)
    if total < 2 or not sys.stderr.isatty() or os.environ.get("CI"):
        yield tick
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield functools.partial(tick, update=bar.update)


@cli.command()
@click.argument("name", required=False)
@_GRAPH
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]),
              default=None, help="Result format (default: table on a terminal, csv otherwise; Turtle for CONSTRUCT).")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries and exit.")
@click.option("--allow-remote", is_flag=True, help="Allow SERVICE and FROM, which fetch data from elsewhere.")
@click.option("--timeout", type=click.FloatRange(min=0.001), default=None, metavar="SECONDS",
              help="Stop a query that runs longer than this.")
@click.option("--endpoint", default=None, metavar="URL",
              help="Run the query at this SPARQL 1.1 endpoint instead (e.g. http://127.0.0.1:7878/query); "
                   "the whole exchange may take --timeout seconds (default 120).")
@click.option("--raw", is_flag=True,
              help="CSV/TSV exactly as in the graph, for programs (cells that start with = + - @ otherwise get a "
                   "leading ' so a spreadsheet shows them instead of running them).")
@click.option("--cached", is_flag=True,
              help="Load -g FILE once into an Oxigraph store in the cache folder ($XDG_CACHE_HOME/reform-kg/stores) "
                   "and reuse it while the file is unchanged (same SHA-256): for large graphs queried often.")
@_errors
def query(name, graph_path, store_spec, fmt, list_queries, allow_remote, timeout, endpoint, raw, cached):
    """Run a bundled query by NAME, or a .rq file, against a graph.

    \b
    reform-kg query --list
    reform-kg query ward-initiatives -g graph.ttl
    reform-kg query metrics -g graph.ttl --format csv
    reform-kg query my-question.rq -g graph.ttl --format json
    reform-kg query metrics -g big.nt --cached
    """
    from kg import queries

    if list_queries:
        for q in sorted(queries.bundled().values(), key=lambda q: q.name):
            _out(f"{q.name:24} {q.title}\n")
        return
    if not name:
        raise click.UsageError("give a query NAME or .rq file (or --list to see the bundled ones)")
    q = queries.find(name)
    rows = "table" if sys.stdout.isatty() else "csv"     # unless asked otherwise (a CONSTRUCT writes Turtle)
    if cached and (not graph_path or store_spec or endpoint or allow_remote):
        raise click.UsageError("--cached keeps a store for -g FILE; it does not go with --store, --endpoint or --allow-remote")
    if endpoint:
        from kg import remote, results
        if graph_path or store_spec:
            raise click.UsageError("give a graph (-g or --store) or an --endpoint, not both")
        prepared = queries.prepare(q.text, q.name, allow_remote)
        result = remote.query(endpoint, q.text, prepared.algebra.name in ("ConstructQuery", "DescribeQuery"), timeout)
        _show(results.write(results.native(result), fmt, raw, rows, q.name))
        return
    # --allow-remote keeps rdflib's engine, which fetches FROM graphs; Oxigraph would read them from the store.
    with _source(graph_path, store_spec, for_query=not allow_remote, cached=cached) as graph:
        _show(queries.answer(graph, q, fmt, raw, allow_remote=allow_remote, timeout=timeout, rows=rows))


@cli.command()
@_GRAPH
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "nt", "jsonld", "trig", "xml", "graphml", "gexf"]),
              default="turtle", show_default=True,
              help="RDF format, or graphml/gexf for the places-models network the view draws.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@_errors
def export(graph_path, store_spec, fmt, output):
    """Write the graph in another RDF format (Protégé, GraphDB, Jena, Oxigraph), or the places-models network
    as GraphML or GEXF (Gephi, yEd, Cytoscape).

    \b
    reform-kg export -g graph.ttl --format nt -o graph.nt
    reform-kg export -g graph.ttl --format graphml -o wards.graphml
    reform-kg export -g graph.ttl --format jsonld > graph.jsonld
    """
    from kg import files, store

    if output:
        files.check_output(output)
    with _source(graph_path, store_spec) as graph:
        if fmt in ("graphml", "gexf"):
            from kg import views
            data = views.model_module.export(views.model(graph), fmt)
        else:
            data = store.serialize(graph, fmt)
    if output:
        files.write_atomic(output, data)
    else:
        _out(data.decode("utf-8"))


@cli.command()
@click.option("-g", "graph_path", type=click.Path(path_type=Path), help="Graph file to load.")
@click.option("--store", "store_spec", default=None, metavar="oxigraph:DIR", help="Load a persistent Oxigraph store instead.")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint (Oxigraph: http://HOST:PORT/store; Fuseki: http://HOST:3030/DATASET/data).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI", help="Named graph to load into (default: the default graph).")
@click.option("--append", is_flag=True, help="Add to the target graph instead of replacing it.")
@_errors
def push(graph_path, store_spec, endpoint, graph_iri, append):
    """Load the graph into a SPARQL 1.1 server (Graph Store Protocol), replacing the target graph.

    \b
    reform-kg push -g graph.ttl --endpoint http://127.0.0.1:7878/store
    reform-kg push -g graph.ttl --endpoint http://fuseki:3030/reform/data --graph https://example.org/2024
    """
    from kg import remote

    with _source(graph_path, store_spec) as graph:
        size = remote.push(endpoint, graph, graph_iri, replace=not append)
    _out(f"{endpoint}: {'added' if append else 'loaded'} {size} triples"
         + (f" into <{graph_iri}>" if graph_iri else " into the default graph") + (" (checked)" if not append else "") + "\n")


@cli.command(name="validate")
@_GRAPH
@_errors
def validate_command(graph_path, store_spec):
    """Check a graph against reform-kg's SHACL shapes (ontology/shapes.ttl); exit 1 on any violation.

    \b
    reform-kg validate -g graph.ttl
    """
    from kg import validate

    with _source(graph_path, store_spec) as graph:
        violations = validate.validate(graph)
        size = len(graph)
    if violations:
        _show(validate.report(violations))
        raise click.ClickException(f"{graph_path or store_spec}: {len(violations)} violation{'s' if len(violations) != 1 else ''} "
                                   "of the SHACL shapes")
    _out(f"{graph_path or store_spec}: conforms to the SHACL shapes ({size} triples)\n")


@cli.command()
@click.argument("term")
@_GRAPH
@_errors
def explain(term, graph_path, store_spec):
    """Show the facts about an entity (an IRI or a label) and the sentences each was read from.

    \b
    reform-kg explain "Giờ làm việc thứ 9" -g graph.ttl
    reform-kg explain "Phường 16" -g graph.ttl
    """
    from kg import explain as ex
    from kg.text import terminal_safe

    with _source(graph_path, store_spec) as graph:
        _show(terminal_safe(ex.explain_term(graph, term)))


@cli.command()
@click.argument("annotations", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--corpus", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="Folder holding the annotated articles (default: the folder 'corpus' beside ANNOTATIONS).")
@click.option("--min-f1", type=float, default=None, help="Exit with status 1 if any relation scores below this F1.")
@click.option("--quiet", is_flag=True, help="Print only the score table, not each miss and false hit.")
@_errors
def evaluate(annotations, corpus, min_f1, quiet):
    """Score extraction against hand annotations (ANNOTATING.md format), per relation, with each miss and
    false hit and the sentence it comes from.

    \b
    reform-kg evaluate tests/data/annotations
    reform-kg evaluate ../shared/annotations --corpus ../shared/corpus --quiet
    """
    from kg import evaluate as ev

    result = ev.evaluate(annotations, corpus)
    _show(ev.report(result, details=not quiet))
    low = [r for r, s in result.scores.items() if min_f1 is not None and s.f1 < min_f1]
    if low:
        raise click.ClickException(f"F1 below {min_f1} for: {', '.join(low)}")


@cli.command()
@_GRAPH
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--matrix", is_flag=True, help="Draw the places × models matrix instead of the network.")
@click.option("--with", "layers", default="", metavar="LAYERS", help="Extra node layers: agencies, procedures (comma-separated).")
@click.option("--kind", "kinds", multiple=True, help="Only models of this kind (slug or label, e.g. one-stop-shop); repeatable.")
@click.option("--place", "places", multiple=True, help="Only models that run in this place (label or IRI); repeatable.")
@click.option("--document", "docs", multiple=True, help="Only models read from this document (identifier or IRI); repeatable.")
@click.option("--query", "query_file", default=None, help="Draw the result of a bundled query or .rq file (CONSTRUCT or SELECT).")
@click.option("--every-ward", is_flag=True, help="Draw a model run in every ward of a district as a link to each ward "
              "(by default: one dashed link to the district; the matrix always marks each ward).")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the browser afterwards.")
@_errors
def view(graph_path, store_spec, output, matrix, layers, kinds, places, docs, query_file, every_ward, open_page):
    """Draw which places run which models as one HTML page that opens offline.

    \b
    reform-kg view -g graph.ttl -o wards.html --open
    reform-kg view -g graph.ttl -o matrix.html --matrix
    reform-kg view -g graph.ttl -o one-stop.html --kind one-stop-shop --kind interconnection --with agencies
    reform-kg view -g graph.ttl -o q.html --query ward-model-graph
    """
    from kg import files, views

    wanted = tuple(x.strip() for x in layers.split(",") if x.strip())
    unknown = [x for x in wanted if x not in views.model_module.LAYERS]
    if unknown:
        raise click.UsageError(f"unknown layer {unknown[0]!r}; layers are: {', '.join(views.model_module.LAYERS)}")
    filters = views.Filters(kinds=kinds, places=places, documents=docs, layers=wanted, every_ward=every_ward or matrix)
    files.check_output(output)
    with _source(graph_path, store_spec, for_query=True) as graph:
        g = views.from_query(graph, query_file, filters) if query_file else views.model(graph, filters)
        if g.number_of_nodes() == 0:
            raise click.ClickException(f"{graph_path or store_spec}: nothing to draw (no model matches the filters)")
        html = views.matrix_page(graph, g=g) if matrix else views.network_page(graph, g=g)
    files.write_atomic(output, html.encode("utf-8"))
    _out(f"{output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges\n")
    if open_page:
        click.launch(str(output))


@cli.command()
@_GRAPH
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Folder to write the site into.")
@_errors
def site(graph_path, store_spec, output):
    """Write a static case library: a page per initiative, place, agency and kind, an index with filters and
    search, CSV and JSON listings, and the network and matrix pages. It opens from disk with no request.

    \b
    reform-kg site -g graph.ttl -o library
    """
    from kg.views import site as site_module

    with _source(graph_path, store_spec, for_query=True) as graph:
        counts = site_module.build(graph, output)
    _out(f"{output}: {counts['initiatives']} initiatives, {counts['places']} places, "
         f"{counts['agencies']} agencies, {counts['kinds']} kinds\n")


# ---------------------------------------------------------------------------------------------------- fetch
@cli.command()
@click.argument("urls", nargs=-1)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to save the pages and manifest.csv in (created if needed; a re-run updates it).")
@click.option("-i", "--input-file", "url_file", type=click.Path(path_type=Path, dir_okay=False),
              help="A file of URLs, one a line (# comments allowed).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="A sitemap or sitemap index (repeatable).")
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed (repeatable).")
@click.option("--delay", type=click.FloatRange(min=0), default=2.0, show_default=True, metavar="SECONDS",
              help="Wait between two requests to the same host (robots.txt's Crawl-delay wins when longer).")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=20.0, show_default=True, metavar="SECONDS",
              help="Give up on a server silent for this long (or still sending a page after 4 times as long).")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=10, show_default=True, metavar="MB",
              help="Refuse pages larger than this many megabytes.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Retries after a 429, a 5xx or a timeout, waiting longer each time (Retry-After honoured).")
@click.option("--backoff", type=click.FloatRange(min=0), default=5.0, show_default=True, metavar="SECONDS",
              help="The first wait before a retry; doubled each time.")
@_errors
def fetch(urls, output, url_file, sitemaps, feeds, delay, timeout, max_size, retries, backoff):
    """Save web pages (URLs, a file of URLs, sitemaps, feeds) into a folder that `build` reads.

    Polite: robots.txt is honoured, one request at a time with --delay between requests to a host, a user
    agent that names reform-kg, and pages that have not changed since the last run are not downloaded again.

    \b
    reform-kg fetch https://example.gov.vn/tin-tuc/bai-1.html -o pages
    reform-kg fetch --sitemap https://example.gov.vn/sitemap.xml -o pages
    reform-kg build pages -o graph.ttl
    """
    from kg import fetch as fetching
    from kg.http import Client
    from kg.text import terminal_safe

    if not (urls or url_file or sitemaps or feeds):
        raise click.UsageError("give URLs, -i FILE, --sitemap URL or --feed URL")
    client = Client(delay=delay, timeout=timeout, max_bytes=int(max_size * 1e6), retries=retries, backoff=backoff)
    summary = fetching.Summary()
    pages = list(urls) + (fetching.read_url_file(url_file) if url_file else [])
    for listing in (*sitemaps, *feeds):
        pages += fetching.links(client, listing, summary)
    pages = list(dict.fromkeys(pages))
    with _progress(len(pages), "Fetching pages") as tick:
        fetching.fetch(pages, output, client, summary, lambda url: tick(1))
    for url in summary.robots:          # URLs come from sitemaps and Location headers: escaped for the terminal
        click.echo(terminal_safe(f"skipped by robots.txt: {url}"), err=True)
    for url, reason in summary.failed:
        click.echo(terminal_safe(f"failed: {url}: {reason}"), err=True)
    click.echo(f"{output}: {len(summary.fetched)} fetched, {len(summary.unchanged)} unchanged, "
               f"{len(summary.robots)} skipped by robots.txt, {len(summary.failed)} failed "
               f"({client.requests} request{'' if client.requests == 1 else 's'})")
    if summary.failed:
        raise click.ClickException(f"{len(summary.failed)} URL(s) failed (listed above); the others are saved")

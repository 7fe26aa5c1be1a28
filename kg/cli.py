"""reform-kg command line: build the graph from articles, query it, export it, draw it."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

_GRAPH = click.option("-g", "--graph", "graph_path", required=True, type=click.Path(path_type=Path),
                      help="Graph file to read (.ttl, .nt, .jsonld, .trig, .rdf).")


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
def cli():
    """A knowledge graph of Vietnamese administrative-reform initiatives (mô hình cải cách hành chính).

    \b
    reform-kg build examples/articles -o graph.ttl
    reform-kg view -g graph.ttl -o wards.html
    reform-kg query ward-initiatives -g graph.ttl
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Graph file to write; its extension sets the format (.ttl, .nt, .jsonld, .trig, .rdf).")
@click.option("--base", default=None, metavar="IRI", help="Base IRI for the graph's entities.")
@click.option("--encoding", default=None, help="Read the articles in this encoding (default: UTF-8, or as a BOM says).")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=10, show_default=True, metavar="MB",
              help="Refuse article files larger than this many megabytes.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check of the built graph (for very large corpora).")
@_errors
def build(inputs, output, base, encoding, max_size, no_validate):
    """Read articles (.txt or .html files, or folders of them) and write the knowledge graph.

    A manifest.csv (columns file, source_url) beside the articles gives each one's source URL.

    \b
    reform-kg build examples/articles -o graph.ttl
    reform-kg build article.txt other.html -o graph.jsonld
    """
    from kg import pipeline, store
    from kg.namespace import DEFAULT_BASE

    fmt = store.format_for(output)
    skipped: list[str] = []
    graph, facts = pipeline.build(list(inputs), base or DEFAULT_BASE, encoding, skipped, int(max_size * 1e6))
    if not facts:
        raise click.ClickException(f"{', '.join(map(str, inputs))}: no article could be read")
    if not no_validate:
        from kg import validate
        violations = validate.validate(graph)
        if violations:
            click.echo(validate.report(violations), err=True, nl=False)
            raise click.ClickException(f"{output}: not written: the graph built from these articles breaks "
                                       f"{len(violations)} SHACL constraint(s); this is a bug in reform-kg, please report it")
    store.save(graph, output, fmt)
    click.echo(_summary(graph, len(facts), output) + (f" ({len(skipped)} skipped)" if skipped else ""))
    for reason in skipped:
        click.echo(f"Skipped {reason}", err=True)


def _summary(graph, documents: int, output: Path) -> str:
    from rdflib import RDF
    from kg.namespace import RK

    def count(*classes):
        return len({s for c in classes for s in graph.subjects(RDF.type, c)})
    def n(number: int, noun: str) -> str:
        return f"{number} {noun}{'' if number == 1 else 's'}"
    return (f"{output}: {n(documents, 'document')}, {n(len(graph), 'triple')}, {n(count(RK.Initiative), 'initiative')}, "
            f"{n(count(RK.Ward, RK.Commune, RK.Township), 'ward')}, {n(count(RK.Metric), 'metric')}")


@cli.command()
@click.argument("name", required=False)
@click.option("-g", "--graph", "graph_path", type=click.Path(path_type=Path), help="Graph file to query.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]),
              default=None, help="Result format (default: table on a terminal, csv otherwise; Turtle for CONSTRUCT).")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries and exit.")
@click.option("--allow-remote", is_flag=True, help="Allow SERVICE and FROM, which fetch data from elsewhere.")
@click.option("--timeout", type=click.FloatRange(min=0.001), default=None, metavar="SECONDS",
              help="Stop a query that runs longer than this.")
@_errors
def query(name, graph_path, fmt, list_queries, allow_remote, timeout):
    """Run a bundled query by NAME, or a .rq file, against a graph.

    \b
    reform-kg query --list
    reform-kg query ward-initiatives -g graph.ttl
    reform-kg query metrics -g graph.ttl --format csv
    reform-kg query my-question.rq -g graph.ttl --format json
    """
    from kg import queries, store

    if list_queries:
        for q in sorted(queries.bundled().values(), key=lambda q: q.name):
            click.echo(f"{q.name:24} {q.title}")
        return
    if not name:
        raise click.UsageError("give a query NAME or .rq file (or --list to see the bundled ones)")
    if graph_path is None:
        raise click.UsageError("Missing option '-g' / '--graph'.")
    q = queries.find(name)
    queries.prepare(q.text, q.name, allow_remote)
    graph = store.load(graph_path)
    result = queries.run(graph, q, allow_remote=allow_remote, timeout=timeout)
    default = "table" if sys.stdout.isatty() else "csv"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        default = "turtle"
    click.echo(queries.write(result, fmt or default, graph), nl=False)


@cli.command()
@_GRAPH
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "nt", "jsonld", "trig", "xml", "graphml", "gexf"]),
              default="turtle", show_default=True,
              help="RDF format, or graphml/gexf for the places-models network the view draws.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@_errors
def export(graph_path, fmt, output):
    """Write the graph in another RDF format (Protégé, GraphDB, Jena, Oxigraph), or the places-models network
    as GraphML or GEXF (Gephi, yEd, Cytoscape).

    \b
    reform-kg export -g graph.ttl --format nt -o graph.nt
    reform-kg export -g graph.ttl --format graphml -o wards.graphml
    reform-kg export -g graph.ttl --format jsonld > graph.jsonld
    """
    from kg import store

    graph = store.load(graph_path)
    if fmt in ("graphml", "gexf"):
        from kg import views
        data = views.model_module.export(views.model(graph), fmt)
    else:
        data = store.serialize(graph, fmt)
    if output:
        store.write_atomic(output, data)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@cli.command(name="validate")
@_GRAPH
@_errors
def validate_command(graph_path):
    """Check a graph against reform-kg's SHACL shapes (ontology/shapes.ttl); exit 1 on any violation.

    \b
    reform-kg validate -g graph.ttl
    """
    from kg import store, validate

    graph = store.load(graph_path)
    violations = validate.validate(graph)
    if violations:
        click.echo(validate.report(violations), nl=False)
        raise click.ClickException(f"{graph_path}: {len(violations)} violation{'s' if len(violations) != 1 else ''} "
                                   "of the SHACL shapes")
    click.echo(f"{graph_path}: conforms to the SHACL shapes ({len(graph)} triples)")


@cli.command()
@click.argument("term")
@_GRAPH
@_errors
def explain(term, graph_path):
    """Show the facts about an entity (an IRI or a label) and the sentences each was read from.

    \b
    reform-kg explain "Giờ làm việc thứ 9" -g graph.ttl
    reform-kg explain "Phường 16" -g graph.ttl
    """
    from kg import explain as ex, store

    click.echo(ex.explain_term(store.load(graph_path), term), nl=False)


@cli.command()
@click.argument("annotations", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--min-f1", type=float, default=None, help="Exit with status 1 if any relation scores below this F1.")
@click.option("--quiet", is_flag=True, help="Print only the score table, not each miss and false hit.")
@_errors
def evaluate(annotations, min_f1, quiet):
    """Score extraction against hand annotations (a folder of JSON files), per relation.

    \b
    reform-kg evaluate tests/data/annotations
    reform-kg evaluate tests/data/annotations --min-f1 0.9 --quiet
    """
    from kg import evaluate as ev

    scores = ev.evaluate(annotations)
    click.echo(ev.report(scores, details=not quiet), nl=False)
    low = [r for r, s in scores.items() if min_f1 is not None and s.f1 < min_f1]
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
@click.option("--open", "open_page", is_flag=True, help="Open the page in the browser afterwards.")
@_errors
def view(graph_path, output, matrix, layers, kinds, places, docs, query_file, open_page):
    """Draw which places run which models as one HTML page that opens offline.

    \b
    reform-kg view -g graph.ttl -o wards.html --open
    reform-kg view -g graph.ttl -o matrix.html --matrix
    reform-kg view -g graph.ttl -o one-stop.html --kind one-stop-shop --kind interconnection --with agencies
    reform-kg view -g graph.ttl -o q.html --query ward-model-graph
    """
    from kg import store, views

    graph = store.load(graph_path)
    wanted = tuple(x.strip() for x in layers.split(",") if x.strip())
    unknown = [x for x in wanted if x not in views.model_module.LAYERS]
    if unknown:
        raise click.UsageError(f"unknown layer {unknown[0]!r}; layers are: {', '.join(views.model_module.LAYERS)}")
    filters = views.Filters(kinds=kinds, places=places, documents=docs, layers=wanted)
    g = views.from_query(graph, query_file, filters) if query_file else views.model(graph, filters)
    if g.number_of_nodes() == 0:
        raise click.ClickException(f"{graph_path}: nothing to draw (no model matches the filters)")
    html = views.matrix_page(graph, g=g) if matrix else views.network_page(graph, g=g)
    store.write_atomic(output, html.encode("utf-8"))
    click.echo(f"{output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    if open_page:
        click.launch(str(output))

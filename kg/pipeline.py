"""The data's trip for one document and for a corpus: ingest → segment → recognize → relate → link → emit."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg import gazetteer as gazetteer_module, lexicon as lexicon_module
from kg.emit import emit, new_graph
from kg.emit.sink import Fragment
from kg.ingest import Document
from kg.link import link
from kg.namespace import DEFAULT_BASE
from kg.recognize import DEFAULT_PIPELINE, build as build_recognizers, recognize
from kg.relate import Analysed, Facts, relate
from kg.segment import sentences


def extract(document: Document, pipeline=DEFAULT_PIPELINE) -> Facts:
    return relate(document, analyse(document, pipeline))


def analyse(document: Document, pipeline=DEFAULT_PIPELINE) -> list[Analysed]:
    """Each sentence of the document's content with the mentions the recognizers find in it."""
    recognizers = build_recognizers(lexicon_module.load(), pipeline)
    return [Analysed(s, recognize(s, recognizers))
            for s in sentences(document.text, document.content_start, document.content_end)]


def document_fragment(document: Document, base: str = DEFAULT_BASE) -> Fragment:
    """Everything one document says, as sorted N-Triples lines and label candidates."""
    lex = lexicon_module.load()
    return emit(link(extract(document), document, lex, gazetteer_module.load(), base), lex)


def build(inputs: list[Path], base: str = DEFAULT_BASE, encoding: str | None = None, strict: bool = False,
          jobs: int = 1, cache: Path | None = None) -> tuple[Graph, "Summary"]:
    """Build one in-memory graph from every article: the same builder as the CLI's (kg.corpus), so the same
    graph, with what was set aside or skipped in the Summary."""
    import tempfile
    from kg import corpus
    with tempfile.TemporaryDirectory(prefix=".reform-kg-") as folder:
        merged = Path(folder) / "graph.nt"
        summary = corpus.build(inputs, merged, base, jobs=jobs, cache=cache, encoding=encoding, strict=strict,
                               keep_graph=True)
        graph = summary.graph if summary.graph is not None else new_graph().parse(merged, format="nt")
    summary.graph = None
    return graph, summary

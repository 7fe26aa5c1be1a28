"""The data's trip for one document and for a corpus: ingest → segment → recognize → relate → link → emit."""
from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Graph

from kg import ingest, lexicon as lexicon_module
from kg.emit import Emitter, new_graph
from kg.emit.sink import Triples
from kg.errors import InputError
from kg.ingest import Document
from kg.link import Linker
from kg.namespace import DEFAULT_BASE
from kg.recognize import DEFAULT_PIPELINE, build as build_recognizers, recognize
from kg.relate import Analysed, Facts, relate
from kg.segment import sentences

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


def extract(document: Document, pipeline=DEFAULT_PIPELINE) -> Facts:
    lex = lexicon_module.load()
    recognizers = build_recognizers(lex, pipeline)
    analysed = [Analysed(s, recognize(s, recognizers))
                for s in sentences(document.text, document.content_start, document.content_end)]
    return relate(document, analysed)


def document_triples(document: Document, base: str = DEFAULT_BASE) -> tuple[Triples, Facts]:
    """Everything one document says, as a set of triples."""
    facts = extract(document)
    lex = lexicon_module.load()
    places = tuple(m for a in facts.sentences for m in a.mentions if m.label == "PLACE")
    linker = Linker(lex, base, facts.main_place, facts.parents, document.published, places)
    triples = Triples()
    Emitter(triples, lex, linker, document, [a.sentence for a in facts.sentences]).emit(facts)
    return triples, facts


def emit_document(graph: Graph, document: Document, base: str = DEFAULT_BASE) -> Facts:
    triples, facts = document_triples(document, base)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return facts


def article_files(inputs: list[Path]) -> list[Path]:
    """The article files named or held in the given folders, each once, in a stable order."""
    files: set[Path] = set()
    for path in inputs:
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and not p.is_dir())
        elif path.exists() or path.is_symlink():
            files.add(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    if not files:
        raise InputError(f"{', '.join(map(str, inputs))}: no .txt or .html articles found")
    return sorted(files, key=lambda p: (p.name, str(p)))


def source_url(path: Path) -> str | None:
    """The source URL a manifest.csv (file, source_url) in the file's folder or above gives for it."""
    folder = path.resolve().parent
    for directory in [folder, *folder.parents][:3]:
        manifest = directory / "manifest.csv"
        if manifest.is_file():
            relative = path.resolve().relative_to(directory).as_posix()
            with manifest.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    if row.get("file") == relative:
                        return (row.get("source_url") or "").strip() or None
    return None


def build(inputs: list[Path], base: str = DEFAULT_BASE, encoding: str | None = None) -> tuple[Graph, list[Facts]]:
    """Build one in-memory graph from every article (the library's way; the CLI streams through kg.corpus)."""
    graph = new_graph()
    all_facts = []
    for path in article_files(inputs):
        all_facts.append(emit_document(graph, ingest.load(path, source_url(path), encoding), base))
    return graph, all_facts

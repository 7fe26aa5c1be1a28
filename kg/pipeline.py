"""The data's trip for one document: ingest → segment → recognize → relate → link → emit (a corpus of them:
kg.corpus)."""
from __future__ import annotations

import gc
from contextlib import contextmanager

from kg import gazetteer as gazetteer_module, lexicon as lexicon_module, text
from kg.emit import emit
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
    """Everything one document says, as N-Triples lines and label candidates (kg.emit.sink.Fragment). Python's
    cyclic garbage collector waits while it is made, and finds little left after (_collector_waits)."""
    lex = lexicon_module.load()
    with _collector_waits():
        return emit(link(extract(document), document, lex, gazetteer_module.load(), base), lex)


@contextmanager
def _collector_waits():
    """Pause the cyclic garbage collector, and let it go on as before once what was remembered of the document's
    sentences is forgotten (kg.text.per_sentence). Extracting makes no reference cycles (what it makes is freed
    by reference counting once the document is done), so a collection in the middle finds nothing to free: it
    only walks the thousands of mentions, sentences and facts still in use (and promotes them, to be walked
    again). On the District 4 article that was 0.2 ms of ~10 at best, 0.45 ms on average. After it, what the
    sentence caches still held (about 950 objects) set off a collection at the end of every document,
    and of an older generation every tenth: 0.4 to 0.9 ms a document; forgotten, nearly nothing is left."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        text.forget_sentences()
        if was:
            gc.enable()

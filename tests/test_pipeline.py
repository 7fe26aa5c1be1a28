"""One document's trip (kg.pipeline.document_fragment) leaves Python's cyclic garbage collector as it found it,
and makes nothing that only that collector could free."""
import gc
from pathlib import Path

import pytest

from kg import ingest, pipeline, text

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "articles" / "quan4-2020-01-23-mo-hinh-cchc.txt"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled):
    document = ingest.load(ARTICLE)
    (gc.enable if enabled else gc.disable)()
    try:
        assert pipeline.document_fragment(document).lines
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_the_collector_goes_on_after_an_error(monkeypatch):
    def broken(*args, **kwargs):
        assert not gc.isenabled()           # paused while the document is made
        raise ValueError("broken")
    monkeypatch.setattr(pipeline, "link", broken)
    with pytest.raises(ValueError):
        pipeline.document_fragment(ingest.load(ARTICLE))
    assert gc.isenabled()


def test_a_document_makes_no_reference_cycles():
    document = ingest.load(ARTICLE)
    pipeline.document_fragment(document)            # what is loaded once per process, loaded
    gc.collect()
    gc.disable()
    try:
        pipeline.document_fragment(document)
        assert gc.collect() == 0                    # nothing the pause kept waiting for the collector
    finally:
        gc.enable()


def test_a_documents_sentences_are_forgotten_once_it_is_done():
    """What recognizers remembered of the document's sentences would stay, for the collector to walk at the end
    of every document (about 950 objects for this article); names, which recur, stay remembered."""
    document = ingest.load(ARTICLE)
    pipeline.document_fragment(document)
    text.forget()
    gc.collect()
    gc.disable()
    try:
        fragment = pipeline.document_fragment(document)
        young = gc.get_objects(generation=0)
    finally:
        gc.enable()
    assert fragment.lines
    assert text.lowered.cache_info().currsize == 0 and text.digit_runs.cache_info().currsize == 0
    assert text.fold.cache_info().currsize > 0
    assert len(young) < 100

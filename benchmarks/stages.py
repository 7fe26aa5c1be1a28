"""Worker CPU per article by stage, warm (lexicon and gazetteer loaded), best of N: read (ingest), extract
(segment, recognize, relate), link, emit (N-Triples lines, sorted). CPU time, not wall: the machine is shared.

    python benchmarks/stages.py examples/articles/quan4-2020-01-23-mo-hinh-cchc.txt --repeat 20
    python benchmarks/stages.py /tmp/synthetic/000 --limit 100 --repeat 5
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg import gazetteer, ingest, lexicon, pipeline, text
from kg.emit import emit
from kg.link import link
from kg.namespace import DEFAULT_BASE
from kg.recognize import grammar


def cold() -> None:
    """Forget the texts remembered while extracting (the lower-cased copies, the words of names): a build reads
    each article once, so a repeat must not find them."""
    for module, name in ((text, "lowered"), (text, "words"), (grammar, "words_of"), (lexicon, "_lowered")):
        getattr(getattr(module, name, None), "cache_clear", lambda: None)()


def best(fn, repeat: int, before=lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    paths = sorted(p for i in args.inputs for p in ([i] if i.is_file() else i.rglob("*.txt")))[:args.limit or None]
    lex, gaz = lexicon.load(), gazetteer.load()
    total = dict.fromkeys(("read", "extract", "link", "emit"), 0.0)
    for path in paths:
        document = ingest.load(path)
        facts = pipeline.extract(document)
        linked = link(facts, document, lex, gaz, DEFAULT_BASE)
        total["read"] += best(lambda: ingest.load(path), args.repeat)
        total["extract"] += best(lambda: pipeline.extract(document), args.repeat, cold)
        total["link"] += best(lambda: link(facts, document, lex, gaz, DEFAULT_BASE), args.repeat)
        total["emit"] += best(lambda: emit(linked, lex), args.repeat)
    n = len(paths)
    parts = ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in total.items())
    print(f"{n} article(s), ms of CPU per article (best of {args.repeat}): {parts}; "
          f"total {1000 * sum(total.values()) / n:.2f}")


if __name__ == "__main__":
    main()

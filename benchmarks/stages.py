"""Worker CPU per article by stage, warm (lexicon and gazetteer loaded), best of N: read (ingest), recognize
(segment and recognize), relate, link, emit (N-Triples lines, sorted); extract is recognize + relate. CPU time,
not wall: the machine is shared. With --floor, the floor of benchmarks/ratios.py for the District 4 article
is measured in the same run, and the ratio of the stages' total to it printed.

    python benchmarks/stages.py examples/articles/quan4-2020-01-23-mo-hinh-cchc.txt --repeat 20 --floor
    python benchmarks/stages.py /tmp/synthetic/000 --limit 100 --repeat 5
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg import gazetteer, ingest, lexicon, pipeline
from kg.emit import emit
from kg.link import link
from kg.namespace import DEFAULT_BASE
from kg.relate import Analysed, relate

import ratios


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
    parser.add_argument("--floor", action="store_true", help="also measure ratios.py's floor and print the ratio")
    args = parser.parse_args()
    paths = sorted(p for i in args.inputs for p in ([i] if i.is_file() else i.rglob("*.txt")))[:args.limit or None]
    lex, gaz = lexicon.load(), gazetteer.load()
    total = dict.fromkeys(("read", "recognize", "relate", "link", "emit"), 0.0)
    for path in paths:
        document = ingest.load(path)
        found = [(a.sentence, a.mentions) for a in pipeline.analyse(document)]
        facts = pipeline.extract(document)
        linked = link(facts, document, lex, gaz, DEFAULT_BASE)
        fresh: list = []        # relate remembers what it asked of each sentence: new ones for every call
        total["read"] += best(lambda: ingest.load(path), args.repeat)
        total["recognize"] += best(lambda: pipeline.analyse(document), args.repeat, ratios.cold)
        total["relate"] += best(lambda: relate(document, fresh[-1]), args.repeat,
                                lambda: (ratios.cold(), fresh.append([Analysed(s, list(m)) for s, m in found])))
        total["link"] += best(lambda: link(facts, document, lex, gaz, DEFAULT_BASE), args.repeat)
        total["emit"] += best(lambda: emit(linked, lex), args.repeat)
    n = len(paths)
    parts = ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in total.items())
    print(f"{n} article(s), ms of CPU per article (best of {args.repeat}): {parts}; "
          f"extract {1000 * (total['recognize'] + total['relate']) / n:.2f}; total {1000 * sum(total.values()) / n:.2f}")
    if args.floor:
        built, floor = ratios.build_ratio(args.repeat)
        print(f"floor (ratios.py, District 4 article) {1000 * floor:.2f} ms; ratios.py's build {1000 * built:.2f} ms, "
              f"{built / floor:.2f}x the floor; the stages' total above {sum(total.values()) / n / floor:.2f}x")


if __name__ == "__main__":
    main()

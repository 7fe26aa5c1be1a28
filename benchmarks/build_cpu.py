"""Where a build's CPU and memory go, the parent (which merges) apart from its workers: best of N builds.

    python benchmarks/build_cpu.py 1000 10000 [--jobs 2] [--repeat 3] [--work /tmp/reform-kg-bench]

The machine is shared, so wall time says little; CPU time does. For each size and job count, the best of
`--repeat` builds (`--no-cache --no-validate`, like run.py) gives: the parent's CPU before the first worker
starts (start-up, listing), while the workers run, and after they end (the final merge and write); the
workers' CPU; and from these the articles per second two free cores would give, when the start and the end
run alone and the rest is shared by the parent and the workers: articles ÷ (start + (workers + parent
while they run) ÷ 2 + end). Memory is the peak of the summed resident (RSS) and proportional (PSS: shared
pages counted once) sizes of the parent and its workers, sampled every 0.1 s, and the largest single process.
Corpora are made by generate.py (seed 7) in `--work`.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TICK = os.sysconf("SC_CLK_TCK")
# The build in-process, so that its own CPU (RUSAGE_SELF) is the parent's and RUSAGE_CHILDREN the workers'.
RUN = ("import json, resource, sys\nfrom kg.cli import cli\ntry:\n    cli.main(sys.argv[2:], standalone_mode=False)\n"
       "finally:\n    s, c = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
       "    json.dump({'parent': s.ru_utime + s.ru_stime, 'workers': c.ru_utime + c.ru_stime,\n"
       "               'largest': max(s.ru_maxrss, c.ru_maxrss) / 1024}, open(sys.argv[1], 'w'))\n")


def _read(path: str) -> str:
    try:
        with open(path) as fh:
            return fh.read()
    except OSError:         # the process ended between two samples
        return ""


def _cpu(pid: int) -> float:
    fields = _read(f"/proc/{pid}/stat").rsplit(")", 1)[-1].split()
    return (int(fields[11]) + int(fields[12])) / TICK if fields else 0.0


def _memory(pids: list[int]) -> tuple[float, float]:
    """Summed RSS and PSS of these processes, MB."""
    rss = pss = 0
    for pid in pids:
        for line in _read(f"/proc/{pid}/smaps_rollup").splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
    return rss / 1024, pss / 1024


def measure(corpus: Path, jobs: int, out: Path) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as result:
        command = [sys.executable, "-c", RUN, result.name, "build", str(corpus), "-o", str(out), "--jobs", str(jobs),
                   "--no-cache", "--no-validate"]
        start = time.monotonic()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        head = tail = None
        peak_rss = peak_pss = 0.0
        while proc.poll() is None:
            children = [int(p) for p in _read(f"/proc/{proc.pid}/task/{proc.pid}/children").split()]
            if children and head is None:
                head = _cpu(proc.pid)
            elif not children and head is not None and tail is None:
                tail = _cpu(proc.pid)
            rss, pss = _memory([proc.pid, *children])
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.1)
        wall = time.monotonic() - start
        if proc.returncode:
            raise SystemExit(f"the build failed: {' '.join(command[3:])}")
        cpu = json.loads(Path(result.name).read_text())
    head = head if head is not None else cpu["parent"]
    tail = tail if tail is not None else cpu["parent"]
    shared = cpu["workers"] + tail - head
    return {"wall": wall, "parent": cpu["parent"], "workers": cpu["workers"], "start": head,
            "end": cpu["parent"] - tail, "two_cores": head + shared / 2 + cpu["parent"] - tail,
            "rss": peak_rss, "pss": peak_pss, "largest": cpu["largest"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--jobs", type=int, nargs="+", default=[2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reform-kg-bench"))
    args = parser.parse_args()
    print("| articles | jobs | wall (best) | parent CPU: start / with workers / end | per article | workers CPU | "
          "articles/s on 2 free cores | peak RSS (sum) | peak PSS (sum) | largest process |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        corpus = args.work / f"corpus-{size}"
        if not corpus.exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(corpus), str(size)], check=True)
        for jobs in args.jobs:
            runs = [measure(corpus, jobs, args.work / f"corpus-{size}.nt") for _ in range(args.repeat)]
            best = {key: min(r[key] for r in runs) for key in runs[0]}
            middle = best["parent"] - best["start"] - best["end"]
            print(f"| {size:,} | {jobs} | {best['wall']:.1f} s | {best['start']:.1f} / {middle:.1f} / {best['end']:.1f} s | "
                  f"{best['parent'] / size * 1000:.1f} ms | {best['workers']:.1f} s | {size / best['two_cores']:.0f} | "
                  f"{best['rss']:,.0f} MB | {best['pss']:,.0f} MB | {best['largest']:,.0f} MB |", flush=True)


if __name__ == "__main__":
    main()

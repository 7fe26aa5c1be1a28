"""The benchmark scripts still run, at a tiny size: nothing here is timed (the figures are in
benchmarks/README.md), but a change to the library that breaks a benchmark is found here, not when someone next
measures (session 12's refusal of a format of the other kind of answer stopped ratios.py at the CONSTRUCT, and
run.py reported an error in its place, unnoticed until the next session)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg import queries

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "articles"


def _run(tmp_path: Path, script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _rows(table: str) -> dict[str, list[str]]:
    """A Markdown table's rows by their first cell."""
    return {cells[0]: cells[1:] for line in table.splitlines() if line.startswith("| ")
            for cells in [[c.strip() for c in line.strip("|").split("|")]]}


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bench")


def test_ratios_measures_every_bundled_query_in_every_format(work):
    out = _run(work, "ratios.py", "--articles", "12", "--repeat", "1", "--work", str(work))
    rows = _rows(out)
    assert "the floor" in out
    for name in queries.bundled():
        assert len(rows[name]) == 15, name              # five formats: Oxigraph, reform-kg, ratio each
        assert all(float(cell) >= 0 for cell in rows[name]), name


def test_run_answers_every_bundled_query_on_every_engine(work):
    out = _run(work, "run.py", "12", "--work", str(work), "--jobs", "1", "--results", str(work))
    rows = _rows(out)
    for name in queries.bundled():
        assert rows[name] and not any("error" in cell for cell in rows[name]), (name, rows[name])


@pytest.mark.parametrize("script, args", [
    ("build_cpu.py", ["12", "--repeat", "1"]),
    ("stages.py", [str(ARTICLE), "--repeat", "1", "--floor"]),
    ("long_article.py", ["0.02"]),
    ("web.py", ["3"]),
])
def test_the_other_benchmarks_run(work, script, args):
    extra = ["--work", str(work)] if script == "build_cpu.py" else []
    assert _run(work, script, *args, *extra).strip()

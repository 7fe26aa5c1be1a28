"""The examples run, and the committed example outputs are what the code makes today."""
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_example_runs(script, tmp_path):
    args = [sys.executable, str(EXAMPLES / script)] + ([str(tmp_path)] if script == "build_examples.py" else [])
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_committed_outputs_are_current(tmp_path):
    subprocess.run([sys.executable, str(EXAMPLES / "build_examples.py"), str(tmp_path)], check=True,
                   capture_output=True, cwd=ROOT, timeout=300)
    for name in ("graph.ttl", "wards.html", "matrix.html", "wards-agencies.html", "wards.graphml"):
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), \
            f"examples/{name} is stale: run `python examples/build_examples.py`"


def test_build_is_deterministic(tmp_path):
    from kg import corpus, store
    first, _ = corpus.build_graph([EXAMPLES / "articles"])
    second, _ = corpus.build_graph([EXAMPLES / "articles"])
    assert store.serialize(first, "turtle") == store.serialize(second, "turtle")

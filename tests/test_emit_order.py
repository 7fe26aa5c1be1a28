"""A document's fragment is not sorted (the build's runs sort every line once), so its order must come from the
document alone: the same lines in the same order in every process, whatever Python's hash seed (a set's order,
or rdflib's store's, changes with it)."""
import os
import subprocess
import sys
from pathlib import Path

ARTICLE = Path(__file__).parent.parent / "examples" / "articles" / "quan4-2020-01-23-mo-hinh-cchc.txt"
CODE = ("import sys; from pathlib import Path; from kg import ingest, pipeline; "
        "f = pipeline.document_fragment(ingest.load(Path(sys.argv[1]))); "
        "sys.stdout.buffer.write(''.join(f.lines + ['#\\n'] + f.labels).encode())")


def fragment_text(seed: str) -> bytes:
    return subprocess.run([sys.executable, "-c", CODE, str(ARTICLE)], env={**os.environ, "PYTHONHASHSEED": seed},
                          capture_output=True, check=True).stdout


def test_a_fragment_is_the_same_bytes_whatever_the_hash_seed():
    first, second = fragment_text("1"), fragment_text("2")
    assert first == second
    lines = first.decode().split("#\n")[0].splitlines()
    assert len(lines) == len(set(lines)) > 1000           # each line once; the article makes thousands

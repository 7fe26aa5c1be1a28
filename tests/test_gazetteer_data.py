"""Is ontology/gazetteer.json the output of tools/build_gazetteer.py?

Without the source package (CI does not install it): the recorded checksums say the JSON is the bytes the
generator wrote (no hand edit) and the generator is the one that wrote it (an edited generator must be run
again). With `vietnamadminunits` 1.0.4 installed, the generator runs again and must give the same bytes. Neither
test can tell whether the package's data is right: tests/test_gazetteer.py checks facts from official lists.
"""
import hashlib
import json
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
RECORDED = dict(reversed(line.split("  ", 1)) for line in (ROOT / "ontology" / "gazetteer.sha256").read_text().splitlines())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_gazetteer_is_what_the_generator_wrote():
    assert sha(ROOT / "ontology" / "gazetteer.json") == RECORDED["ontology/gazetteer.json"]


def test_generator_unchanged_since_it_wrote_the_gazetteer():
    for name in ("tools/build_gazetteer.py", "tools/gazetteer_corrections.py", "tools/gazetteer_history.py",
                 "tools/gso_code_changes.csv"):
        assert sha(ROOT / name) == RECORDED[name], name


def test_license_notice_and_no_coordinates_kept():
    data = json.loads((ROOT / "ontology" / "gazetteer.json").read_text(encoding="utf-8"))
    assert "MIT License" in data["license"] and "Tran Ngoc Minh Hieu" in data["license"]
    assert not any(c.lower().endswith(("lat", "lon", "bounds")) for c in data["columns"])
    assert all(isinstance(v, (str, int)) or v is None for row in data["units"] for v in row)


def test_regenerating_gives_the_same_bytes():
    """vietnamadminunits is in the test extra (never a run-time dependency): the generator reads its data."""
    import runpy
    gen = runpy.run_path(str(ROOT / "tools" / "build_gazetteer.py"), run_name="gazetteer_check")
    out = gen["build"](gen["source_dir"]())
    assert out["input_sha256"] == next(h for name, h in RECORDED.items() if name.startswith("vietnamadminunits"))
    assert gen["serialize"](out) == (ROOT / "ontology" / "gazetteer.json").read_text(encoding="utf-8")

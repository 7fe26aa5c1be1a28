"""Where the bundled ontology and query files are.

In a wheel they are shipped as `kg/data/ontology` and `kg/data/queries`; in a source checkout (or an
editable install) they are the top-level `ontology/` and `queries/` folders.
"""
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from the installation")


SHAPES = "shapes.ttl"


def ontology_files() -> list[Path]:
    """The ontology and its SKOS lexicons (the SHACL shapes are apart: `shapes_file`)."""
    return sorted(p for p in data_dir("ontology").glob("*.ttl") if p.name != SHAPES)


def shapes_file() -> Path:
    return data_dir("ontology") / SHAPES


def query_files() -> list[Path]:
    return sorted(data_dir("queries").glob("*.rq"))


SITES_ENV = "REFORM_KG_SITES"


def site_profile_folders() -> list[Path]:
    """The bundled site profiles, then the folders named in $REFORM_KG_SITES (separated by os.pathsep)."""
    return [data_dir("sites")] + [Path(p) for p in os.environ.get(SITES_ENV, "").split(os.pathsep) if p]

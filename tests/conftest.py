from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ARTICLE = EXAMPLES / "articles" / "quan4-2020-01-23-mo-hinh-cchc.txt"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Builds from the CLI cache their work: each test gets its own cache, out of the user's home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture(scope="session")
def example_build():
    """The graph and facts built from the bundled District 4 article (built once per test session)."""
    from kg import corpus
    return corpus.build_graph([EXAMPLES / "articles"])


@pytest.fixture(scope="session")
def graph(example_build):
    return example_build[0]


@pytest.fixture(scope="session")
def graph_file(tmp_path_factory, graph):
    from kg import store
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    store.save(graph, path)
    return path

"""kg.grid.grid: Oxigraph's TSV answer split into columns, a large one a chunk of lines at a time with each cell
replaced by the first of its equals. Whatever the chunk size, and whether split at once or in chunks, the columns
must be the TSV's own cells, in order, every row once, and the table, JSON and XML written from them the same."""
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from kg import grid as grid_module, results
from kg.grid import grid

# TSV cells as Oxigraph writes them: IRIs, literals (escapes, Vietnamese, a tag), a number, a blank node, unbound
_CELLS = ["", "<https://w3id.org/reform-kg/id/place/27298>", "<https://w3id.org/reform-kg/id/initiative/773/x>",
          '"Phường 1"@vi', '"Một cửa liên thông"', '"nói \\"hi\\"\\tở đây"', "42", "_:b0", '""']


def _tsv(names: list[str], rows: list[list[str]]) -> bytes:
    return ("\t".join(f"?{name}" for name in names) + "\n"
            + "".join("\t".join(row) + "\n" for row in rows)).encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.just([f"v{i}" for i in range(n)]),
    st.lists(st.lists(st.sampled_from(_CELLS), min_size=n, max_size=n), max_size=12),
    st.integers(0, 120))))
def test_the_grid_is_the_tsvs_cells_whatever_the_chunk(case):
    """Chunks end at a line's end: each column holds its row's cell for every row, once and in order; equal
    cells are one object (so the copies are freed as the split goes on), and each column's distinct cells are
    listed once. Split at once (a small answer), the same columns and distinct cells."""
    names, rows, chunk = case
    expected = [[row[i].encode("utf-8") for row in rows] for i in range(len(names))]
    for whole in (0, 1 << 20):
        with mock.patch.object(grid_module, "_CHUNK", chunk), mock.patch.object(grid_module, "_WHOLE", whole):
            got_names, columns, count, distinct = grid(_tsv(names, rows))
        assert got_names == names and count == len(rows) and columns == expected
        for column, kept in zip(columns, distinct):
            assert sorted(kept) == sorted(set(column)) and len(kept) == len(set(kept))
            assert whole or len({id(cell) for cell in column}) == len(kept)


def test_the_grid_of_an_answer_without_a_variable_or_a_row():
    """No variable: an empty line for each row (SELECT * on an empty pattern); no row: names only."""
    assert grid(b"\n\n\n") == ([], [], 2, [])
    assert grid(b"?a\t?b\n") == (["a", "b"], [[], []], 0, [[], []])


def test_the_formats_made_from_the_grid_do_not_depend_on_the_chunks(monkeypatch):
    """The table (rows ending in different columns, a cell unbound in the first column), JSON and XML: the
    same text whether the TSV is split in one piece or a line or two at a time."""
    rows = [[_CELLS[(r * 3 + c) % len(_CELLS)] for c in range(3)] for r in range(40)]
    tsv = _tsv(["a", "b", "c"], rows)
    written = {}
    monkeypatch.setattr(grid_module, "_WHOLE", 0)
    for chunk in (1 << 20, 0, 1, 37):
        monkeypatch.setattr(grid_module, "_CHUNK", chunk)
        written[chunk] = [results._FROM_GRID[fmt](*grid(tsv)) for fmt in ("table", "json", "xml")]
    monkeypatch.setattr(grid_module, "_WHOLE", 1 << 20)
    assert written[0] == written[1] == written[37] == written[1 << 20] == \
        [results._FROM_GRID[fmt](*grid(tsv)) for fmt in ("table", "json", "xml")]
    assert written[0][0].endswith("(40 rows)\n")

"""On a terminal, an answer taller than the screen goes through a pager (kg.cli._show), as git's output does;
shorter ones, --no-pager, a pipe, or a pager that cannot be started write it straight. The terminal is a
pseudo-terminal of the screen's height given by LINES; the pager is a script that keeps what it is given."""
from __future__ import annotations

import os
import pty
import select
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = ["query", "ward-initiatives", "-g", str(ROOT / "examples" / "graph.ttl")]
# Rows of the answer, as read in examples/articles/quan4-2020-01-23-mo-hinh-cchc.txt: Phường 1 runs "Giờ làm
# việc thứ 9"; Phường 8 the interconnected death registration and cremation procedure.
ROWS = ("Phường 1", "Giờ làm việc thứ 9", "Phường 8")


def _run(args: list[str], tmp_path: Path, lines: int, pager: str | None = "", piped: bool = False,
         path: str | None = None):
    """(exit status, what the terminal showed, what the pager was given or None): the command run with a
    pseudo-terminal of `lines` lines as its standard input and (unless `piped`) output; the pager is the
    keeping script when `pager` is "", else `pager` (None: PAGER unset)."""
    kept = tmp_path / "kept.txt"
    script = tmp_path / "pager.py"
    script.write_text(f"import sys\nopen({str(kept)!r}, 'w', encoding='utf-8').write(sys.stdin.read())\n")
    env = dict(os.environ, LINES=str(lines), COLUMNS="300", PATH=path or os.environ["PATH"],
               PAGER=pager or shlex.join([sys.executable, str(script)]))
    if pager is None:
        del env["PAGER"]
    env.pop("LESS", None)
    main, side = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "kg", *args], stdin=side,
                             stdout=subprocess.PIPE if piped else side, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    os.close(side)
    shown = b""
    while True:                     # read the terminal as the command writes, so it never fills and blocks
        ready, _, _ = select.select([main], [], [], 120)
        if not ready:
            child.kill()
            raise AssertionError("the command wrote nothing for 120 s")
        try:
            chunk = os.read(main, 65536)
        except OSError:             # the terminal's last writer has closed it
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    out, err = child.communicate(timeout=120)
    assert not err, err
    text = (out if piped else shown).decode("utf-8").replace("\r\n", "\n")
    return child.returncode, text, kept.read_text(encoding="utf-8") if kept.exists() else None


def _table() -> str:
    done = subprocess.run([sys.executable, "-m", "kg", *QUERY, "--format", "table"], capture_output=True,
                          check=True, cwd=ROOT)
    return done.stdout.decode("utf-8")


def test_an_answer_taller_than_the_screen_goes_through_the_pager_whole(tmp_path):
    table = _table()
    assert all(row in table for row in ROWS) and table.count("\n") > 10
    status, shown, paged = _run(QUERY, tmp_path, lines=10)
    assert status == 0
    assert paged == table                       # the same bytes a pipe gets with --format table
    assert not any(row in shown for row in ROWS)


def test_an_answer_that_fits_the_screen_is_written_straight(tmp_path):
    table = _table()
    status, shown, paged = _run(QUERY, tmp_path, lines=table.count("\n") + 1)
    assert (status, shown, paged) == (0, table, None)


def test_no_pager_a_pipe_or_a_pager_that_cannot_start_write_it_straight(tmp_path):
    table = _table()
    assert _run(["--no-pager", *QUERY], tmp_path, lines=10) == (0, table, None)
    assert _run(QUERY, tmp_path, lines=10, piped=True)[2] is None          # a pipe: CSV, not paged
    assert _run(QUERY, tmp_path, lines=10, pager=str(tmp_path / "no-such-pager")) == (0, table, None)


def test_less_is_the_pager_when_none_is_set_told_to_cut_long_lines(tmp_path):
    """With PAGER and LESS unset, click runs less (a stand-in on PATH here, which keeps its LESS and what it
    is given): reform-kg sets LESS to -FRSX, so a wide table's lines are cut, not wrapped (-S), and a screen's
    worth ends at once (-F)."""
    table = _table()
    folder = tmp_path / "bin"
    folder.mkdir()
    less = folder / "less"
    less.write_text(f"#!{sys.executable}\nimport os, sys\n"
                    f"open({str(tmp_path / 'less.txt')!r}, 'w', encoding='utf-8').write(os.environ.get('LESS', '') + '|' + sys.stdin.read())\n")
    less.chmod(0o755)
    status, shown, paged = _run(QUERY, tmp_path, lines=10, pager=None, path=f"{folder}{os.pathsep}{os.environ['PATH']}")
    assert status == 0 and paged is None
    assert (tmp_path / "less.txt").read_text(encoding="utf-8") == "FRSX|" + table

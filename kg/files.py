"""Files written safely: checked before any work, written through a temporary file renamed into place, scratch
files and folders that never outlive the block that made them, and folders swapped in whole."""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path

from kg.errors import OutputError


def check_output(path: Path) -> None:
    """Refuse, with one line naming the path, an output that is a folder or a device (never written over), or
    whose folder is missing or cannot be written; before any work is done."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as e:
        raise OutputError(f"{path}: cannot write ({e.strerror})") from e
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a folder; give a file name to write")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(f"{path}: is not a regular file (a device, FIFO or socket); reform-kg writes only files")
    check_folder(path)


def check_folder(path: Path) -> None:
    """The folder `path` goes in exists and can be written."""
    folder = path.absolute().parent
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: cannot write in {folder} ({unwritable(folder) or 'permission denied'})")


def unwritable(folder: Path) -> str | None:
    """Why no file can be made in `folder`, in the system's words; None when one can."""
    try:
        with _scratch(folder, ".probe-", "", _create, lambda tmp: tmp.unlink(missing_ok=True)):
            return None
    except OSError as e:
        return e.strerror or str(e)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "wb"):
    """A file to write `path` through: a temporary file beside it, renamed over it only when the block ends
    without error, with the old file's permissions (or the umask's; mkstemp alone would make it private)."""
    check_output(path)
    with scratch_file(path, prefix=f".{path.name}.", suffix=".tmp") as tmp:
        try:
            with tmp.open(mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
                yield fh
            move_into_place(tmp, path)
        except OSError as e:
            raise OutputError(f"{path}: cannot write ({e.strerror or e})") from e


def scratch_file(beside: Path, prefix: str = ".reform-kg-", suffix: str = ".nt"):
    """A new empty private file in the folder of `beside` (an output), removed when the block ends (_scratch)."""
    return _scratch(beside.absolute().parent, prefix, suffix, _create, lambda tmp: tmp.unlink(missing_ok=True),
                    lambda e: OutputError(f"{beside}: cannot write ({e.strerror or e})"))


def scratch_dir(parent: Path, prefix: str, suffix: str = ""):
    """A new private folder in `parent`, removed with what it holds when the block ends, unless the block moved it
    away (_scratch)."""
    return _scratch(parent, prefix, suffix, lambda tmp: os.mkdir(tmp, 0o700),
                    lambda tmp: shutil.rmtree(tmp, ignore_errors=True))


@contextlib.contextmanager
def _scratch(parent: Path, prefix: str, suffix: str, make, remove, failed=None):
    """`parent`/`prefix` + 64 random bits + `suffix`, made by `make` and removed by `remove` when the block ends;
    an OSError of `make` raised as `failed(error)` when given. Its name is known before it exists, so a signal
    at any moment (SIGTERM is SystemExit here) leaves nothing behind: tempfile.mkstemp and mkdtemp create it
    before their caller can know it."""
    tmp = None
    try:
        tmp = parent / f"{prefix}{secrets.token_hex(8)}{suffix}"
        try:
            make(tmp)
        except OSError as e:
            tmp = None                  # nothing made, or (FileExistsError) not ours to remove
            if failed is None:
                raise
            raise failed(e) from e
        yield tmp
    finally:
        if tmp is not None:
            remove(tmp)


def _create(path: Path) -> None:
    """Create `path`, empty and private; FileExistsError when something is there."""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def move_into_place(tmp: Path, path: Path) -> None:
    """Rename a finished temporary file (in the same folder) over `path`, with the permissions `path` had."""
    os.chmod(tmp, _mode_for(path))
    os.replace(tmp, path)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: `path` is never left half-written."""
    with atomic_open(path) as fh:
        fh.write(data)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process's umask (reading it means setting it: set it back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(folder: Path):
    """A new folder to fill beside `folder`, swapped in whole when the block ends without error (swap_in); then
    the old folder, or the new one if the block failed, is removed. What a replacement that was killed left
    is removed first (one replacement of a folder at a time)."""
    for stale in folder.parent.glob(f".{folder.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)
    with scratch_dir(folder.parent, f".{folder.name}.new-") as fresh:
        yield fresh
        swap_in(fresh, folder)


def swap_in(fresh: Path, folder: Path) -> None:
    """Put the folder `fresh` at `folder` (a store, a site) in one step: Linux's renameat2(RENAME_EXCHANGE)
    swaps the two folders atomically (the old folder ends at `fresh`, for the caller to remove); elsewhere the
    old folder is renamed aside first, a moment in which a reader would find none."""
    if not folder.exists():
        os.rename(fresh, folder)
        fresh.mkdir()                 # so the caller's clean-up has a folder to remove
        return
    if _exchange(fresh, folder):
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
    os.rename(folder, aside / "store")
    os.rename(fresh, folder)
    os.rename(aside, fresh)


def _exchange(a: Path, b: Path) -> bool:
    import ctypes
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    return False

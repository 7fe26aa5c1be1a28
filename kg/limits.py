"""Time limits that Ctrl-C and SIGTERM can still cut short: for queries in Oxigraph, in rdflib, and at servers."""
from __future__ import annotations

import os


_SLICE = 0.1       # seconds a wait lasts before this thread looks at signals again


class TimedOut(Exception):
    """The work ran past its time limit."""


def within(seconds: float | None, fn, *args):
    """fn(*args), run in a worker thread and waited for in this one, given up after `seconds` (never, without).

    Oxigraph cannot be interrupted, and it lets go of the GIL while it evaluates: run in the calling thread, a
    query would hold off Ctrl-C and SIGTERM until it ended. Waiting on a thread instead, this thread takes the
    signal at once (KeyboardInterrupt, or the CLI's SystemExit), and the command ends. Work past its time runs
    on until the process ends: a long-lived caller should run timed work in a process it can stop.

    The wait is cut into short slices. The kernel gives a process's signal to any thread that does not block
    it: taken by the worker (or a thread of the engine's), it would not wake this thread's wait, and the
    handler, which only runs here, would wait for the work to end. Between slices this thread runs Python
    again, and a signal taken anywhere is handled within a slice.

    A worker that finished its work waits for the next (starting a thread costs 70 µs of CPU, more than
    Oxigraph takes for a small query); one still busy with work given up on is left to it."""
    import threading
    import time
    outcome: list = []
    done = threading.Event()
    _idle_worker().put((fn, args, outcome, done))
    end = None if seconds is None else time.monotonic() + seconds
    while not done.is_set():
        left = _SLICE if end is None else min(_SLICE, end - time.monotonic())
        if left <= 0:
            break
        done.wait(left)
    if not outcome:
        raise TimedOut()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


_IDLE: list = []    # the inboxes of workers waiting for work, the last to finish last (list.pop is atomic)
os.register_at_fork(after_in_child=_IDLE.clear)    # a forked child has none of its parent's threads


def _idle_worker():
    """The inbox of a worker with nothing to do: the one that finished last, or a new one."""
    import queue
    import threading
    try:
        return _IDLE.pop()
    except IndexError:
        inbox = queue.SimpleQueue()
        threading.Thread(target=_work, args=(inbox,), name="reform-kg-work", daemon=True).start()
        return inbox


def _work(inbox) -> None:
    while True:
        fn, args, outcome, done = inbox.get()
        try:
            outcome.append((True, fn(*args)))
        except BaseException as e:  # handed to the caller's thread
            outcome.append((False, e))
        del fn, args, outcome       # the answer belongs to the caller: this thread keeps nothing of it
        _IDLE.append(inbox)         # ready before the caller hears, so its next call finds this worker
        done.set()
        del done


class deadline:
    """SIGALRM-based time limit for pure-Python work in the main thread (rdflib's engine, which Ctrl-C
    already interrupts); a no-op without a timeout or outside the main thread."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds

    def __enter__(self):
        import signal
        import threading
        self.armed = bool(self.seconds) and threading.current_thread() is threading.main_thread()
        if self.armed:
            def expire(signum, frame):
                raise TimedOut()
            self.previous = signal.signal(signal.SIGALRM, expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        import signal
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False

"""Time limits that Ctrl-C and SIGTERM can still cut short: for queries in Oxigraph, in rdflib, and at servers."""
from __future__ import annotations


_SLICE = 0.1       # seconds a wait lasts before this thread looks at signals again


class TimedOut(Exception):
    """The work ran past its time limit."""


def within(seconds: float | None, fn, *args):
    """fn(*args), run in a daemon thread and waited for in this one, given up after `seconds` (never, without).

    Oxigraph cannot be interrupted, and it lets go of the GIL while it evaluates: run in the calling thread, a
    query would hold off Ctrl-C and SIGTERM until it ended. Waiting on a thread instead, this thread takes the
    signal at once (KeyboardInterrupt, or the CLI's SystemExit), and the command ends. Work past its time runs
    on until the process ends: a long-lived caller should run timed work in a process it can stop.

    The wait is cut into short slices. The kernel gives a process's signal to any thread that does not block
    it: taken by the worker (or a thread of the engine's), it would not wake this thread's wait, and the
    handler, which only runs here, would wait for the work to end. Between slices this thread runs Python
    again, and a signal taken anywhere is handled within a slice."""
    import threading
    import time
    outcome: list = []

    def work():
        try:
            outcome.append((True, fn(*args)))
        except BaseException as e:  # handed to the caller's thread
            outcome.append((False, e))
    thread = threading.Thread(target=work, name="reform-kg-work", daemon=True)
    thread.start()
    end = None if seconds is None else time.monotonic() + seconds
    while thread.is_alive():
        left = _SLICE if end is None else min(_SLICE, end - time.monotonic())
        if left <= 0:
            break
        thread.join(left)
    if not outcome:
        raise TimedOut()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


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

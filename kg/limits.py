"""Time limits that Ctrl-C and SIGTERM can still cut short: for queries in Oxigraph, in rdflib, and at servers."""
from __future__ import annotations


class TimedOut(Exception):
    """The work ran past its time limit."""


def within(seconds: float | None, fn, *args):
    """fn(*args), run in a daemon thread and waited for in this one, given up after `seconds` (never, without).

    Oxigraph cannot be interrupted, and it lets go of the GIL while it evaluates: run in the calling thread, a
    query would hold off Ctrl-C and SIGTERM until it ended. Waiting on a thread instead, this thread takes the
    signal at once (KeyboardInterrupt, or the CLI's SystemExit), and the command ends. Work past its time runs
    on until the process ends: a long-lived caller should run timed work in a process it can stop."""
    import threading
    outcome: list = []

    def work():
        try:
            outcome.append((True, fn(*args)))
        except BaseException as e:  # handed to the caller's thread
            outcome.append((False, e))
    thread = threading.Thread(target=work, name="reform-kg-work", daemon=True)
    thread.start()
    thread.join(seconds)        # lock waits take signals on POSIX: Ctrl-C ends the wait
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

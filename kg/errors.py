"""Errors a user can act on. The CLI prints their message as one `Error: ...` line."""


class KgError(Exception):
    """Base of every error reform-kg raises on purpose."""


class InputError(KgError):
    """An input file is missing, empty, unreadable or not text."""


class GraphError(KgError):
    """A graph file does not parse or cannot be written."""


class QueryError(KgError):
    """A query is unknown, does not parse, or is not allowed."""


class OutputError(KgError):
    """An output cannot be written where the user asked: a folder, a device, a missing or read-only folder."""

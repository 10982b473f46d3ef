"""What every reader shares: the error it raises and how it opens a source."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from gaps.errors import GapsError


class FormatError(GapsError, ValueError):
    """A file does not follow its format; the message names the file, line and expectation."""


# Tracebacks and docs name the error where users import it from.
FormatError.__module__ = "gaps.formats"

Source = str | os.PathLike[str] | TextIO


def _open(source: Source) -> tuple[TextIO, str, bool]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FormatError(f"{path}: no such file.")
        return path.open(encoding="utf-8", errors="replace"), str(path), True
    return source, getattr(source, "name", "<stream>"), False


def _read_text(source: Source, limit: int | None = None) -> tuple[str, str]:
    """The whole text of ``source`` (or its first ``limit + 1`` characters, enough to
    tell that it is too long) and the name to report it by."""
    stream, name, close = _open(source)
    try:
        return stream.read(-1 if limit is None else limit + 1), name
    finally:
        if close:
            stream.close()

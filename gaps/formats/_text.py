"""What every reader shares: the error it raises and how it opens a source."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from gaps.errors import GapsError, InvalidArgument


class FormatError(GapsError, ValueError):
    """A file does not follow its format; the message names the file, line and expectation."""


# Tracebacks and docs name the error where users import it from.
FormatError.__module__ = "gaps.formats"

Source = str | os.PathLike[str] | TextIO

#: The most characters a reader takes unless its ``max_chars`` says otherwise: past it a
#: file is refused, not read into memory whole.
MAX_CHARS = 64 * 2**20


def _open(source: Source) -> tuple[TextIO, str, bool]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FormatError(f"{path}: no such file.")
        return path.open(encoding="utf-8", errors="replace"), str(path), True
    return source, getattr(source, "name", "<stream>"), False


def _check_cap(reader: str, option: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgument(
            f"The {option!r} parameter of {reader} must be a positive int. "
            f"Got {value!r} ({type(value).__name__})."
        )
    return value


def _too_long(name: str, reader: str, max_chars: int) -> FormatError:
    return FormatError(
        f"{name}: longer than {max_chars:,} characters, the most {reader} reads by default; "
        f"pass max_chars=N to {reader} to read a larger file."
    )


def _read_text(source: Source, reader: str, max_chars: int) -> tuple[str, str]:
    """The whole text of ``source`` and the name to report it by; a FormatError when it
    is longer than ``max_chars`` (only one character more is read to tell)."""
    _check_cap(reader, "max_chars", max_chars)
    stream, name, close = _open(source)
    try:
        text = stream.read(max_chars + 1)
    finally:
        if close:
            stream.close()
    if len(text) > max_chars:
        raise _too_long(name, reader, max_chars)
    return text, name


def _lines(stream: TextIO, name: str, reader: str, max_chars: int) -> Iterator[str]:
    """The lines of ``stream``, up to ``max_chars`` characters in all."""
    _check_cap(reader, "max_chars", max_chars)
    total = 0
    while True:
        # A bounded read: one endless line must not be read into memory whole.
        line = stream.readline(max_chars - total + 1)
        if not line:
            return
        total += len(line)
        if total > max_chars:
            raise _too_long(name, reader, max_chars)
        yield line

"""SMT-LIB: a strict reader and a writer, through z3."""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from gaps.errors import InvalidArgument
from gaps.formats._text import MAX_CHARS, FormatError, Source, _check_cap, _read_text

# The SMT-LIB 2.6 commands, and define-const (a shorthand for a nullary define-fun
# that z3 accepts). z3 skips any other command with a note on stderr, so an unknown
# one is refused here instead.
_SMTLIB_COMMANDS = (
    *("assert", "check-sat", "check-sat-assuming", "declare-const", "declare-datatype"),
    *("declare-datatypes", "declare-fun", "declare-sort", "define-const", "define-fun"),
    *("define-fun-rec", "define-funs-rec", "define-sort", "echo", "exit", "get-assertions"),
    *("get-assignment", "get-info", "get-model", "get-option", "get-proof"),
    *("get-unsat-assumptions", "get-unsat-core", "get-value", "pop", "push", "reset"),
    *("reset-assertions", "set-info", "set-logic", "set-option"),
)
# A file is read as data: the commands that take effect only declare, define and
# assert (push, pop and set-logic scope them); check-sat and get-model are common in
# benchmarks and are not run by the reader. Every other command reaches outside the
# formula (z3's options are global to the process, so one file's (set-option :timeout 1)
# would make every later query in that process answer unknown), and is refused.
_DATA_COMMANDS = (
    frozenset(_SMTLIB_COMMANDS)
    - {"echo", "exit", "reset", "set-option", "set-info"}
    - {c for c in _SMTLIB_COMMANDS if c.startswith("get-") and c != "get-model"}
)
_WHY_REFUSED = {
    "set-option": "it changes how z3 runs for every later query in the process",
    "exit": "it stops reading, so anything after it would be dropped silently",
    "reset": "it discards everything before it, z3's options included",
    "echo": "it prints instead of describing the formula",
}
# set-info attributes that only describe the benchmark (SMT-LIB 2.6, section 4.1.6).
_METADATA = frozenset((":smt-lib-version", ":source", ":license", ":category", ":status", ":notes"))
#: Reading stops past these: a deeper term or a longer numeral is refused before z3
#: sees it (z3 parses numerals in time quadratic in their length: a 1,000,000-digit one
#: takes minutes, and deep terms exhaust the stack of later passes).
MAX_SMTLIB_DEPTH = 10_000
MAX_NUMERAL_DIGITS = 4096
_NUMERAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SMT_TOKEN = re.compile(r'\s+|;[^\n]*|"(?:[^"]|"")*"|\|[^|\\]*\||[()]|[^\s()";|]+')
_Z3_ERROR = re.compile(r'\(error "line (\d+) column (\d+): (.*?)"\)', re.DOTALL)


def read_smtlib(
    source: Source, *, max_chars: int = MAX_CHARS, max_depth: int = MAX_SMTLIB_DEPTH
) -> list[Any]:
    """Read an SMT-LIB script strictly into the list of its z3 assertions.

    Commands such as ``(check-sat)`` are allowed (and not run). Sorts are checked by
    z3, which is lenient in two ways this reader keeps: it converts an Int to a Real
    where the two meet, and reads a Bool where an Int is expected as 0 or 1.

    >>> import io
    >>> read_smtlib(io.StringIO("(declare-const x Int)\\n(assert (> x 1))\\n(check-sat)\\n"))
    [x > 1]
    >>> read_smtlib(io.StringIO("(declare-const x Int)\\n(assert (> y 1))\\n"))
    Traceback (most recent call last):
    ...
    gaps.formats.FormatError: <stream>: line 2, column 12: unknown constant y; declare it first.
    """
    text, name = _read_text(source, "read_smtlib", max_chars)
    try:
        text.encode("utf-8")  # z3 takes UTF-8 and fails on a lone surrogate with no position
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"{_where(text, exc.start, name)}: a character that is not valid Unicode "
            f"({text[exc.start]!r})."
        ) from None
    _check_commands(text, name, _check_cap("read_smtlib", "max_depth", max_depth))
    import z3

    try:
        with _z3_warnings_silenced():
            assertions = z3.parse_smt2_string(text)
    except z3.Z3Exception as exc:
        raise FormatError(_z3_message(exc, name)) from None
    if len(assertions) == 0:
        raise FormatError(f"{name}: no assertion; expected at least one (assert TERM) command.")
    return list(assertions)


@contextlib.contextmanager
def _z3_warnings_silenced() -> Iterator[None]:
    """Keep z3's warnings ("; ignoring unsupported logic ...", written by its C++ code
    straight to file descriptor 2) out of the user's output: errors come as exceptions,
    and what a warning says about the input is not the reader's to print."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _check_commands(text: str, name: str, max_depth: int) -> None:
    """Refuse unbalanced parentheses, unknown or non-data commands, over-long numerals
    and over-deep terms, with their line and column."""
    depth, opened, command, position = 0, 0, "", 0
    for pos, token in _smt_tokens(text, name):
        if depth == 1 and position == 1:
            command = _check_command(text, pos, token, name)
        elif depth == 1 and position == 2 and command == "set-info":
            _check_info(text, pos, token, name)
        if _NUMERAL.fullmatch(token) and len(token) > MAX_NUMERAL_DIGITS:
            raise FormatError(
                f"{_where(text, pos, name)}: a numeral of {len(token):,} digits; "
                f"read_smtlib takes at most {MAX_NUMERAL_DIGITS:,}."
            )
        position += 1
        if token == "(":
            if depth == 0:
                opened, position = pos, 1
            depth += 1
            if depth > max_depth:
                raise FormatError(
                    f"{_where(text, pos, name)}: terms nested deeper than {max_depth:,}; "
                    "name subterms with define-fun or let, or pass max_depth=N to "
                    "read_smtlib to read deeper ones."
                )
        elif depth == 0:
            found = "a ')' that closes nothing" if token == ")" else repr(token[:40])
            raise FormatError(
                f"{_where(text, pos, name)}: expected '(' to start a command, got {found}."
            )
        elif token == ")":
            depth -= 1
    if depth:
        raise FormatError(
            f"{_where(text, opened, name)}: this command is never closed; "
            f"{depth} ')' missing by the end of the file."
        )


def _check_command(text: str, pos: int, token: str, name: str) -> str:
    if token not in _SMTLIB_COMMANDS:
        close = difflib.get_close_matches(token, _SMTLIB_COMMANDS, n=2)
        hint = " or ".join(map(repr, close)) or "assert, declare-fun or check-sat"
        raise FormatError(
            f"{_where(text, pos, name)}: expected an SMT-LIB command such as "
            f"{hint}, got {token[:40]!r}."
        )
    if token not in _DATA_COMMANDS and token != "set-info":
        why = _WHY_REFUSED.get(
            token, "it asks a solver for output that a file read as data has not"
        )
        raise FormatError(
            f"{_where(text, pos, name)}: ({token} ...) is refused: {why}. "
            "Remove it; read_smtlib only takes declarations, definitions and assertions."
        )
    return token


def _check_info(text: str, pos: int, token: str, name: str) -> None:
    if token not in _METADATA:
        raise FormatError(
            f"{_where(text, pos, name)}: (set-info {token[:40]} ...) is refused: only "
            f"attributes that describe the benchmark ({', '.join(sorted(_METADATA))}) are taken."
        )


def _smt_tokens(text: str, name: str) -> Iterable[tuple[int, str]]:
    pos = 0
    while pos < len(text):
        match = _SMT_TOKEN.match(text, pos)
        if match is None:
            what = "string literal" if text[pos] == '"' else "quoted symbol |...|"
            raise FormatError(f"{_where(text, pos, name)}: this {what} is never closed.")
        if not (match.group()[0].isspace() or match.group()[0] == ";"):
            yield pos, match.group()
        pos = match.end()


def _where(text: str, pos: int, name: str) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - text.rfind("\n", 0, pos)
    return f"{name}: line {line}, column {column}"


def _z3_message(exc: Exception, name: str) -> str:
    value = getattr(exc, "value", exc)
    text = value.decode(errors="replace") if isinstance(value, bytes) else str(value)
    match = _Z3_ERROR.search(text)
    if match is None:
        return f"{name}: not valid SMT-LIB ({' '.join(text.split())})."
    line, column, what = match.group(1), int(match.group(2)) + 1, " ".join(match.group(3).split())
    hint = "; declare it first" if re.fullmatch(r"unknown constant \S+", what) else ""
    return f"{name}: line {line}, column {column}: {what}{hint}."


def dumps_smtlib(assertions: Iterable[Any]) -> str:
    """SMT-LIB text that declares the symbols of ``assertions`` (z3 Booleans) and asserts each.

    >>> import z3
    >>> x = z3.Int("x")
    >>> print(dumps_smtlib([x > 1, x != 3]), end="")
    (declare-fun x () Int)
    (assert (> x 1))
    (assert (distinct x 3))
    (check-sat)
    >>> import io
    >>> [a.sexpr() for a in read_smtlib(io.StringIO(dumps_smtlib([x > 1, x < 5])))]
    ['(> x 1)', '(< x 5)']
    """
    import z3

    terms = list(assertions)
    if not terms:
        raise InvalidArgument(
            "dumps_smtlib() needs at least one assertion (read_smtlib refuses a file that "
            "asserts nothing). Got none."
        )
    for index, term in enumerate(terms):
        if not z3.is_bool(term):
            raise InvalidArgument(
                f"Assertion {index} must be a z3 Boolean term. Got {term!r} "
                f"({type(term).__name__}); compare or combine terms, e.g. x > 0."
            )
    solver = z3.Solver(ctx=terms[0].ctx)
    solver.add(*terms)
    # sexpr() writes each assertion as given; to_smt2() rewrites some (x != y becomes
    # (and (distinct x y) true)). Both share repeated subterms with let.
    return f"{solver.sexpr()}(check-sat)\n"

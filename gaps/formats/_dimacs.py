"""DIMACS CNF: a strict reader, the writer, and formulas brought in from cnfgen and python-sat."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gaps.errors import InvalidArgument
from gaps.formats._text import MAX_CHARS, FormatError, Source, _lines, _open

#: The most variables a file may declare: CaDiCaL keeps literals in a C int and needs
#: one value to spare, and a larger index aborts the whole process inside the solver.
MAX_DIMACS_VARS = 2**31 - 2
# Plain ASCII decimals, as DIMACS writes them: int() would also take "1_0", "+1" and
# other scripts' digits, which no SAT solver reads.
_LITERAL = re.compile(r"0|-?[1-9][0-9]*")
_COUNT = re.compile(r"[0-9]+")


@dataclass
class CNF:
    """A formula in conjunctive normal form: ``clauses`` of non-zero DIMACS literals.

    >>> CNF(3, [[1, -2], [2, 3]]).num_clauses
    2
    """

    num_vars: int
    clauses: list[list[int]]
    comments: list[str] = field(default_factory=list)

    @property
    def num_clauses(self) -> int:
        return len(self.clauses)


CNF.__module__ = "gaps.formats"


def read_dimacs(source: Source, *, max_chars: int = MAX_CHARS) -> CNF:
    """Read a DIMACS CNF file strictly.

    >>> text = "c example\\np cnf 3 2\\n1 -2\\n 0 2 3 0\\n"
    >>> read_dimacs(io.StringIO(text)).clauses
    [[1, -2], [2, 3]]
    >>> read_dimacs(io.StringIO("p cnf 2 2\\n1 -2 0\\n"))
    Traceback (most recent call last):
    ...
    gaps.formats.FormatError: <stream>: line 2: the header announces 2 clauses, the file has 1.
    """
    stream, name, close = _open(source)
    try:
        return _parse_dimacs(_lines(stream, name, "read_dimacs", max_chars), name)
    finally:
        if close:
            stream.close()


def _parse_dimacs(stream: Iterable[str], name: str) -> CNF:
    header: tuple[int, int] | None = None
    clauses: list[list[int]] = []
    comments: list[str] = []
    current: list[int] = []
    lineno = 0
    for lineno, raw in enumerate(stream, 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("c"):
            comments.append(line[1:].strip())
            continue
        if line.startswith("%"):
            break  # SATLIB's end-of-data marker
        if line.startswith("p"):
            if header is not None:
                raise FormatError(f"{name}: line {lineno}: a second 'p cnf' header.")
            header = _dimacs_header(line, name, lineno)
            continue
        if header is None:
            raise FormatError(
                f"{name}: line {lineno}: expected the header 'p cnf VARIABLES CLAUSES' "
                f"before any clause, got {line[:40]!r}."
            )
        for token in line.split():
            literal = _literal(token, header[0], name, lineno)
            if literal == 0:
                clauses.append(current)
                current = []
            else:
                current.append(literal)
    if header is None:
        raise FormatError(f"{name}: no 'p cnf VARIABLES CLAUSES' header.")
    if current:
        raise FormatError(
            f"{name}: line {lineno}: the last clause {current[:6]} is not terminated by 0."
        )
    if len(clauses) != header[1]:
        raise FormatError(
            f"{name}: line {lineno}: the header announces {header[1]} clauses, "
            f"the file has {len(clauses)}."
        )
    return CNF(header[0], clauses, comments)


def _literal(token: str, num_vars: int, name: str, lineno: int) -> int:
    if not _LITERAL.fullmatch(token):
        raise FormatError(
            f"{name}: line {lineno}: expected an integer literal, got {token[:40]!r} "
            "(write ASCII digits with an optional '-', without '+' or '_')."
        )
    # A token longer than any declarable index is out of range before int() reads it.
    if len(token.lstrip("-")) > len(str(num_vars)) or abs(literal := int(token)) > num_vars:
        raise FormatError(
            f"{name}: line {lineno}: literal {token[:40]} names variable "
            f"{token.lstrip('-')[:40]}, but the header declares {num_vars} variables."
        )
    return literal


def _dimacs_header(line: str, name: str, lineno: int) -> tuple[int, int]:
    parts = line.split()
    if len(parts) != 4 or parts[:2] != ["p", "cnf"]:
        raise FormatError(
            f"{name}: line {lineno}: expected 'p cnf VARIABLES CLAUSES', got {line[:60]!r}."
        )
    if not all(_COUNT.fullmatch(part) for part in parts[2:]):
        raise FormatError(
            f"{name}: line {lineno}: the header's counts must be integers >= 0 in ASCII "
            f"digits, got {line[:60]!r}."
        )
    if len(parts[2]) > len(str(MAX_DIMACS_VARS)) or int(parts[2]) > MAX_DIMACS_VARS:
        raise FormatError(
            f"{name}: line {lineno}: the header declares {parts[2][:40]} variables; SAT "
            f"solvers take at most {MAX_DIMACS_VARS}."
        )
    # Every clause takes at least a line of the file, so no real count has 19 digits.
    if len(parts[3]) > 18:
        raise FormatError(
            f"{name}: line {lineno}: the header announces {parts[3][:40]} clauses, more than "
            "any file holds."
        )
    return int(parts[2]), int(parts[3])


def dumps_dimacs(cnf: CNF) -> str:
    """The DIMACS text of ``cnf`` (one clause per line, as python-sat and cnfgen write).

    >>> print(dumps_dimacs(CNF(2, [[1, -2]], ["made by gaps"])), end="")
    c made by gaps
    p cnf 2 1
    1 -2 0
    """
    out = io.StringIO()
    for comment in cnf.comments:
        out.write(f"c {comment}\n")
    out.write(f"p cnf {cnf.num_vars} {len(cnf.clauses)}\n")
    for clause in cnf.clauses:
        out.write(" ".join(map(str, [*clause, 0])) + "\n")
    return out.getvalue()


def write_dimacs(cnf: CNF, path: str | os.PathLike[str]) -> None:
    """Write ``cnf`` to ``path`` in DIMACS CNF."""
    Path(path).write_text(dumps_dimacs(cnf), encoding="utf-8")


def cnf_from(formula: object) -> CNF:
    """The :class:`CNF` of a cnfgen formula or a python-sat ``CNF`` (a :class:`CNF` is copied).

    cnfgen's header (description, generator) becomes the comments, as cnfgen writes it.

    >>> import cnfgen
    >>> cnf = cnf_from(cnfgen.PigeonholePrinciple(3, 2))
    >>> cnf.num_vars, cnf.clauses[:4]
    (6, [[1, 2], [3, 4], [5, 6], [-1, -3]])
    >>> cnf.comments[0]
    'description: Pigeonhole principle formula for 3 pigeons and 2 holes'
    """
    num_vars, clauses, comments = _cnf_parts(formula)
    origin = type(formula).__name__
    copied = [list(clause) for clause in clauses]
    _check_clauses(num_vars, copied, origin)
    return CNF(num_vars, copied, comments)


def to_clauses(formula: object) -> tuple[int, list[tuple[int, ...]]]:
    """``(num_vars, clauses)``, clauses tuples of DIMACS literals: the ``"sat"`` kind's object.

    Takes what :func:`cnf_from` takes (a :class:`CNF`, a cnfgen formula, a python-sat
    ``CNF``), a pair ``(num_vars, clauses)`` or a list of clauses alone (``num_vars``
    is then the largest variable), and checks it: literals are nonzero ints within
    ``num_vars``. This is how a catalog family takes a formula read from a file.

    >>> to_clauses(CNF(3, [[1, -2], [2, 3]]))
    (3, [(1, -2), (2, 3)])
    >>> to_clauses([[1, -4], [2]])
    (4, [(1, -4), (2,)])
    >>> to_clauses((2, [[1, 3]]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: The formula declares 2 variables, but clause 1 (1, 3) uses ...
    """
    if not isinstance(formula, (tuple, list)):
        cnf = cnf_from(formula)
        return cnf.num_vars, [tuple(clause) for clause in cnf.clauses]
    pair = len(formula) == 2 and not isinstance(formula[0], (tuple, list))
    num_vars: Any
    num_vars, clauses = formula if pair else (None, formula)
    if not isinstance(clauses, (tuple, list)) or not all(
        isinstance(clause, (tuple, list)) for clause in clauses
    ):
        raise InvalidArgument(
            "A formula is a pair (num_vars, clauses) or a list of clauses, each a list or "
            f"tuple of nonzero ints. Got {str(formula)[:60]} ({type(formula).__name__})."
        )
    copied = [tuple(clause) for clause in clauses]
    if num_vars is None:
        literals = [x for clause in copied for x in clause if type(x) is int]
        num_vars = max(map(abs, literals), default=0)
    _check_clauses(num_vars, copied, "formula")
    return num_vars, copied


def _cnf_parts(formula: Any) -> tuple[int, Iterable[Iterable[int]], list[str]]:
    if isinstance(formula, CNF):
        return formula.num_vars, formula.clauses, list(formula.comments)
    # An object of a class cannot exist before its module is imported, so a library
    # that is not imported yet needs neither a check nor the cost of importing it.
    cnfgen = sys.modules.get("cnfgen")
    if cnfgen is not None and isinstance(formula, cnfgen.CNF):
        header = [f"{key}: {value}" for key, value in formula.header.items()]
        return formula.number_of_variables(), formula.clauses(), header
    pysat = sys.modules.get("pysat.formula")
    if pysat is not None and isinstance(formula, pysat.CNF):
        if getattr(formula, "atmosts", None):
            raise InvalidArgument(
                "cnf_from() cannot take a python-sat CNFPlus with cardinality constraints "
                "(atmosts): DIMACS CNF has only clauses. Encode them as clauses first "
                "(pysat.card.CardEnc)."
            )
        comments = [c[1:].strip() if c.startswith("c") else c for c in formula.comments]
        return formula.nv, formula.clauses, comments
    if pysat is not None and isinstance(formula, pysat.WCNF):
        raise InvalidArgument(
            "cnf_from() cannot take a python-sat WCNF: its soft clauses are not CNF. "
            "Pass CNF(from_clauses=wcnf.hard) to keep the hard clauses."
        )
    raise InvalidArgument(
        "cnf_from() takes a cnfgen formula, a python-sat CNF or a gaps.formats.CNF. "
        f"Got {type(formula).__qualname__}; for a list of clauses use CNF(num_vars, clauses)."
    )


def _check_clauses(num_vars: object, clauses: Sequence[Sequence[Any]], origin: str) -> None:
    if type(num_vars) is not int or num_vars < 0:
        raise InvalidArgument(
            f"The {origin}'s number of variables must be an int >= 0. "
            f"Got {num_vars!r} ({type(num_vars).__name__})."
        )
    for index, clause in enumerate(clauses, 1):
        for literal in clause:
            if type(literal) is not int or literal == 0:
                raise InvalidArgument(
                    f"Clause {index} of the {origin} holds {literal!r} "
                    f"({type(literal).__name__}); literals are nonzero ints."
                )
            if abs(literal) > num_vars:
                raise InvalidArgument(
                    f"The {origin} declares {num_vars} variables, but clause {index} "
                    f"{clause[:6]} uses variable {abs(literal)}. Declare enough variables "
                    "(python-sat: build it with CNF(from_clauses=...) or set nv)."
                )

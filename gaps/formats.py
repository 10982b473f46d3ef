"""Strict readers and writers for the field's formats: DIMACS CNF, SMT-LIB, edge lists, GraphML.

The usual readers are lenient where a silent misreading would corrupt a measurement:
python-sat's DIMACS reader ignores the header's counts and rejects clauses that span
lines; networkx's edge-list parser drops one-token lines; its GraphML reader creates
nodes that were never declared; z3's SMT-LIB parser skips unknown commands with a
note on stderr. These readers accept what the standards allow (clauses across lines,
comments anywhere, SATLIB's ``%`` end marker) and reject the rest with the file, the
line and what was expected. :func:`cnf_from` brings the formulas of cnfgen and
python-sat, which users already hold, into the same :class:`CNF`.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from gaps.errors import GapsError, InvalidArgument

__all__ = [
    "CNF",
    "FormatError",
    "cnf_from",
    "dumps_dimacs",
    "dumps_smtlib",
    "read_dimacs",
    "read_edgelist",
    "read_graphml",
    "read_smtlib",
    "write_dimacs",
]


class FormatError(GapsError, ValueError):
    """A file does not follow its format; the message names the file, line and expectation."""


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


Source = str | os.PathLike[str] | TextIO


def _open(source: Source) -> tuple[TextIO, str, bool]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FormatError(f"{path}: no such file.")
        return path.open(encoding="utf-8", errors="replace"), str(path), True
    return source, getattr(source, "name", "<stream>"), False


def _read_text(source: Source) -> tuple[str, str]:
    """The whole text of ``source`` and the name to report it by."""
    stream, name, close = _open(source)
    try:
        return stream.read(), name
    finally:
        if close:
            stream.close()


def read_dimacs(source: Source) -> CNF:
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
        return _parse_dimacs(stream, name)
    finally:
        if close:
            stream.close()


def _parse_dimacs(stream: TextIO, name: str) -> CNF:
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
            try:
                literal = int(token)
            except ValueError:
                raise FormatError(
                    f"{name}: line {lineno}: expected an integer literal, got {token!r}."
                ) from None
            if literal == 0:
                clauses.append(current)
                current = []
            elif abs(literal) > header[0]:
                raise FormatError(
                    f"{name}: line {lineno}: literal {literal} names variable {abs(literal)}, "
                    f"but the header declares {header[0]} variables."
                )
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


def _dimacs_header(line: str, name: str, lineno: int) -> tuple[int, int]:
    parts = line.split()
    if len(parts) != 4 or parts[:2] != ["p", "cnf"]:
        raise FormatError(
            f"{name}: line {lineno}: expected 'p cnf VARIABLES CLAUSES', got {line[:60]!r}."
        )
    try:
        counts = int(parts[2]), int(parts[3])
    except ValueError:
        raise FormatError(
            f"{name}: line {lineno}: the header's counts must be integers, got {line!r}."
        ) from None
    if min(counts) < 0:
        raise FormatError(f"{name}: line {lineno}: the header's counts must be >= 0.")
    return counts


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


def _check_clauses(num_vars: object, clauses: list[list[Any]], origin: str) -> None:
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


def read_edgelist(source: Source, *, weighted: bool = False) -> Any:
    """Read a whitespace-separated edge list (``u v`` or ``u v w``) into a networkx Graph.

    Node names stay strings; ``#`` starts a comment. A line with the wrong number of
    tokens, or a weight that is not a number, is an error (networkx drops the first
    silently).

    >>> g = read_edgelist(io.StringIO("a b\\nb c  # path\\n"))
    >>> sorted(g.edges())
    [('a', 'b'), ('b', 'c')]
    >>> read_edgelist(io.StringIO("a b\\nc\\n"))
    Traceback (most recent call last):
    ...
    gaps.formats.FormatError: <stream>: line 2: expected 'u v', got 1 token(s): 'c'.
    """
    import networkx as nx

    stream, name, close = _open(source)
    graph = nx.Graph()
    expected = 3 if weighted else 2
    try:
        for lineno, raw in enumerate(stream, 1):
            tokens = raw.split("#", 1)[0].split()
            if not tokens:
                continue
            if len(tokens) != expected:
                shape = "'u v w'" if weighted else "'u v'"
                raise FormatError(
                    f"{name}: line {lineno}: expected {shape}, got {len(tokens)} token(s): "
                    f"{' '.join(tokens)[:40]!r}."
                )
            if weighted:
                try:
                    weight = float(tokens[2])
                except ValueError:
                    raise FormatError(
                        f"{name}: line {lineno}: the weight {tokens[2]!r} is not a number."
                    ) from None
                graph.add_edge(tokens[0], tokens[1], weight=weight)
            else:
                graph.add_edge(tokens[0], tokens[1])
    finally:
        if close:
            stream.close()
    return graph


def read_graphml(source: Source) -> Any:
    """Read GraphML with networkx, refusing edges whose endpoints were never declared.

    >>> doc = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault='
    ...        '"undirected"><node id="a"/><node id="b"/><edge source="a" target="c"/>'
    ...        '</graph></graphml>')
    >>> read_graphml(io.StringIO(doc))
    Traceback (most recent call last):
    ...
    gaps.formats.FormatError: <stream>: edge a-c uses the undeclared node 'c'.
    """
    import xml.etree.ElementTree as ET

    import networkx as nx

    text, name = _read_text(source)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise FormatError(f"{name}: not well-formed XML ({exc}).") from None
    declared = {el.get("id") for el in root.iter() if el.tag.endswith("}node") or el.tag == "node"}
    for el in root.iter():
        if el.tag.endswith("}edge") or el.tag == "edge":
            for end in (el.get("source"), el.get("target")):
                if end not in declared:
                    raise FormatError(
                        f"{name}: edge {el.get('source')}-{el.get('target')} uses the "
                        f"undeclared node {end!r}."
                    )
    try:
        return nx.parse_graphml(text)
    except (nx.NetworkXError, ValueError, KeyError) as exc:
        raise FormatError(f"{name}: not valid GraphML ({exc}).") from None


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
_SMT_TOKEN = re.compile(r'\s+|;[^\n]*|"(?:[^"]|"")*"|\|[^|\\]*\||[()]|[^\s()";|]+')
_Z3_ERROR = re.compile(r'\(error "line (\d+) column (\d+): (.*?)"\)', re.DOTALL)


def read_smtlib(source: Source) -> list[Any]:
    """Read an SMT-LIB script strictly into the list of its z3 assertions.

    Commands such as ``(check-sat)`` are allowed (and not run). Sorts are checked by
    z3, which is lenient in two ways this reader keeps: it converts an Int to a Real
    where the two meet, and reads a Bool where an Int is expected as 0 or 1.

    >>> read_smtlib(io.StringIO("(declare-const x Int)\\n(assert (> x 1))\\n(check-sat)\\n"))
    [x > 1]
    >>> read_smtlib(io.StringIO("(declare-const x Int)\\n(assert (> y 1))\\n"))
    Traceback (most recent call last):
    ...
    gaps.formats.FormatError: <stream>: line 2, column 12: unknown constant y; declare it first.
    """
    text, name = _read_text(source)
    _check_commands(text, name)
    import z3

    try:
        assertions = z3.parse_smt2_string(text)
    except z3.Z3Exception as exc:
        raise FormatError(_z3_message(exc, name)) from None
    if len(assertions) == 0:
        raise FormatError(f"{name}: no assertion; expected at least one (assert TERM) command.")
    return list(assertions)


def _check_commands(text: str, name: str) -> None:
    """Refuse unbalanced parentheses and unknown commands, with their line and column."""
    depth, opened, command_next = 0, 0, False
    for pos, token in _smt_tokens(text, name):
        if command_next:
            if token not in _SMTLIB_COMMANDS:
                close = difflib.get_close_matches(token, _SMTLIB_COMMANDS, n=2)
                hint = " or ".join(map(repr, close)) or "assert, declare-fun or check-sat"
                raise FormatError(
                    f"{_where(text, pos, name)}: expected an SMT-LIB command such as "
                    f"{hint}, got {token[:40]!r}."
                )
            command_next = False
        if token == "(":
            if depth == 0:
                opened, command_next = pos, True
            depth += 1
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

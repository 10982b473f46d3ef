"""Strict readers and writers for the field's file formats: DIMACS CNF, edge lists, GraphML.

The usual readers are lenient where a silent misreading would corrupt a measurement:
python-sat's DIMACS reader ignores the header's counts and rejects clauses that span
lines; networkx's edge-list parser drops one-token lines; its GraphML reader creates
nodes that were never declared. These readers accept what the standards allow
(clauses across lines, comments anywhere, SATLIB's ``%`` end marker) and reject the
rest with the file, the line and what was expected.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from gaps.errors import GapsError

__all__ = [
    "CNF",
    "FormatError",
    "dumps_dimacs",
    "read_dimacs",
    "read_edgelist",
    "read_graphml",
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

    stream, name, close = _open(source)
    try:
        text = stream.read()
    finally:
        if close:
            stream.close()
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

"""Graphs: strict edge-list and GraphML readers into networkx."""

from __future__ import annotations

import math
import re
import sys
import warnings
from collections.abc import Hashable
from typing import Any, NamedTuple

from gaps.errors import InvalidArgument
from gaps.formats._text import MAX_CHARS, FormatError, Source, _check_cap, _lines, _open, _read_text

# A weight is a plain decimal number: float() would also take nan, inf, "1_0" and other
# scripts' digits, which make shortest-path and flow algorithms answer nonsense.
_WEIGHT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


#: The deepest element nesting read_graphml takes (a graph nested in a node is a level).
MAX_GRAPHML_DEPTH = 64


def read_edgelist(source: Source, *, weighted: bool = False, max_chars: int = MAX_CHARS) -> Any:
    """Read a whitespace-separated edge list (``u v`` or ``u v w``) into a networkx Graph.

    Node names stay strings; ``#`` starts a comment. A line with the wrong number of
    tokens, or a weight that is not a number, is an error (networkx drops the first
    silently).

    >>> import io
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
        for lineno, raw in enumerate(_lines(stream, name, "read_edgelist", max_chars), 1):
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
                graph.add_edge(tokens[0], tokens[1], weight=_weight(tokens[2], name, lineno))
            else:
                graph.add_edge(tokens[0], tokens[1])
    finally:
        if close:
            stream.close()
    return graph


class _RootStarted(Exception):
    """The root element began: no document type declaration can follow it."""


def _refuse_document_type(text: str, name: str) -> None:
    """Refuse a ``<!DOCTYPE ...>``: GraphML needs none, and the entities it declares
    could name local files or URLs, or expand without bound. Recent expat releases
    refuse both, but what a reader lets in must not depend on the parser's version."""
    from xml.parsers import expat

    def declared(*_: object) -> None:
        raise FormatError(
            f"{name}: declares a document type (<!DOCTYPE ...>), which GraphML does not "
            "use; its entities could read local files or URLs, or expand without bound. "
            "Remove the declaration."
        )

    def started(*_: object) -> None:
        raise _RootStarted

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = declared
    parser.StartElementHandler = started
    try:
        parser.Parse(text, True)
    except (_RootStarted, expat.ExpatError):
        return  # the root came first, or the text is malformed: the full parse says where


def _parse_xml(text: str, name: str, max_depth: int) -> Any:
    """The XML tree of ``text``, refused as soon as it nests deeper than ``max_depth``,
    or at once if it declares a document type."""
    import xml.etree.ElementTree as ET

    _refuse_document_type(text, name)

    parser: Any = ET.XMLPullParser(events=("start", "end"))
    depth, root = 0, None
    # Fed in pieces so that a deep file is refused before it is parsed whole.
    for start in range(0, max(len(text), 1), 2**16):
        parser.feed(text[start : start + 2**16])
        for event, element in parser.read_events():
            if event == "end":
                depth -= 1
                continue
            depth += 1
            root = element if root is None else root
            if depth > max_depth:
                raise FormatError(
                    f"{name}: elements nested deeper than {max_depth}; pass max_depth=N to "
                    "read_graphml to read deeper ones."
                )
    parser.close()
    for _ in parser.read_events():
        pass
    if root is None:
        raise ET.ParseError("no element found")
    return root


def _weight(token: str, name: str, lineno: int) -> float:
    weight = float(token) if _WEIGHT.fullmatch(token) else math.nan
    if not math.isfinite(weight):
        raise FormatError(
            f"{name}: line {lineno}: the weight {token[:40]!r} is not a number; write a "
            "finite decimal such as 2, -0.5 or 1e3."
        )
    return weight


def read_graphml(
    source: Source, *, max_chars: int = MAX_CHARS, max_depth: int = MAX_GRAPHML_DEPTH
) -> Any:
    """Read GraphML with networkx, refusing edges whose endpoints were never declared.

    >>> doc = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault='
    ...        '"undirected"><node id="a"/><node id="b"/><edge source="a" target="c"/>'
    ...        '</graph></graphml>')
    >>> import io
    >>> read_graphml(io.StringIO(doc))
    Traceback (most recent call last):
    ...
    gaps.formats.FormatError: <stream>: edge a-c uses the undeclared node 'c'.
    """
    import xml.etree.ElementTree as ET

    import networkx as nx

    text, name = _read_text(source, "read_graphml", max_chars)
    _check_cap("read_graphml", "max_depth", max_depth)
    try:
        root = _parse_xml(text, name, max_depth)
    except ET.ParseError as exc:
        raise FormatError(f"{name}: not well-formed XML ({exc}).") from None
    except UnicodeError:  # a lone surrogate in a str, which no XML file can encode
        raise FormatError(f"{name}: holds characters that are not valid Unicode.") from None
    # Only top-level graphs: a <graph> nested in a node is a subgraph networkx keeps.
    graphs = [el for el in root if el.tag.endswith("}graph") or el.tag == "graph"]
    if len(graphs) > 1:
        raise FormatError(
            f"{name}: holds {len(graphs)} <graph> elements; read_graphml reads one graph "
            "per file (networkx would keep the first and drop the rest silently)."
        )
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
        with warnings.catch_warnings():
            # A <key> without attr.type is a string by the GraphML schema's default;
            # networkx reads it so but also warns on stderr, in the middle of user output.
            warnings.filterwarnings("ignore", "No key type for id", UserWarning)
            return nx.parse_graphml(text)
    # networkx's parser assumes well-formed GraphML: on other input it fails with
    # whatever its code meets (a missing attribute, a None where text was expected).
    except (nx.NetworkXError, ValueError, KeyError, AttributeError, TypeError, IndexError) as exc:
        raise FormatError(f"{name}: not valid GraphML ({type(exc).__name__}: {exc}).") from None
    except RecursionError:
        raise FormatError(f"{name}: not valid GraphML (nested too deeply).") from None


# A node label read as a vertex number: ASCII digits without leading zeros, short
# enough that int() is quick (longer ones keep the graph's node order).
_NUMERAL = re.compile(r"0|[1-9][0-9]{0,17}")


class EdgeList(NamedTuple):
    """A graph on vertices 0..n-1: ``labels[i]`` is the node numbered i."""

    n: int
    edges: list[tuple[Any, ...]]
    labels: tuple[Hashable, ...]


def to_edges(graph: Any, *, weight: str | None = None, directed: bool | None = None) -> EdgeList:
    """A networkx graph as ``(n, edges, labels)`` on vertices 0..n-1: the catalog's graph form.

    Nodes whose labels are all vertex numbers (ints, or decimal numerals as the
    readers give them) are numbered in increasing order, so a graph written from
    vertices 0..n-1 reads back unchanged; other labels are numbered in the graph's node
    order (the file's order). Each edge is ``(u, v)``, or ``(u, v, w)`` with the
    ``weight`` attribute, which every edge must carry as a finite number; a multigraph
    lists each parallel edge. ``directed=True`` or ``False`` refuses the other kind.

    >>> import networkx as nx
    >>> to_edges(nx.Graph([("b", "a"), ("a", "c")]))
    EdgeList(n=3, edges=[(0, 1), (1, 2)], labels=('b', 'a', 'c'))
    >>> to_edges(nx.Graph([("10", "2")]))
    EdgeList(n=2, edges=[(1, 0)], labels=('2', '10'))
    >>> to_edges(nx.DiGraph([(0, 1)]), directed=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: to_edges() was given a directed graph; ...
    """
    nx = sys.modules.get("networkx")  # a networkx graph exists only once networkx is imported
    if nx is None or not isinstance(graph, nx.Graph):
        raise InvalidArgument(
            "to_edges() takes a networkx graph (as read_graphml and read_edgelist return). "
            f"Got {type(graph).__qualname__}."
        )
    if directed is not None and graph.is_directed() != directed:
        given, convert = (
            ("an undirected", "to_directed") if directed else ("a directed", "to_undirected")
        )
        raise InvalidArgument(
            f"to_edges() was given {given} graph; this use needs the other kind: pass "
            f"graph.{convert}() if that is meant."
        )
    labels = tuple(graph)
    numbers = [_vertex_number(label) for label in labels]
    if None not in numbers and len(set(numbers)) == len(numbers):
        labels = tuple(label for _, label in sorted(zip(numbers, labels, strict=True)))
    index = {label: i for i, label in enumerate(labels)}
    if weight is None:
        return EdgeList(len(labels), [(index[u], index[v]) for u, v in graph.edges()], labels)
    edges = []
    missing = object()
    for u, v, w in graph.edges(data=weight, default=missing):
        if w is missing:
            raise InvalidArgument(
                f"Edge {u!s:.40}-{v!s:.40} has no {weight!r} attribute; every edge needs a "
                f"finite number as its {weight!r}."
            )
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w):
            raise InvalidArgument(
                f"Edge {u!s:.40}-{v!s:.40} has {weight!r} {w!r:.40} ({type(w).__name__}); every "
                f"edge needs a finite number as its {weight!r}."
            )
        edges.append((index[u], index[v], w))
    return EdgeList(len(labels), edges, labels)


def _vertex_number(label: object) -> int | None:
    if isinstance(label, int) and not isinstance(label, bool):
        return label
    if isinstance(label, str) and _NUMERAL.fullmatch(label):
        return int(label)
    return None

"""Graph instances as the catalog's graph families take them: built by hand or read from a file.

An instance is ``(n, edges)`` on vertices 0..n−1, or a networkx graph (what
``gaps.formats.read_graphml`` and ``read_edgelist`` return), numbered by
``gaps.formats.to_edges``. Anything else is the family's ``wrong_instance`` error,
saying what was wrong.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import networkx as nx

import gaps
from gaps.formats import to_edges

#: How a family's instance description ends: where a graph from a file comes in.
FROM_FILE = "or a networkx graph (as gaps.formats reads one), numbered by gaps.formats.to_edges"


def edge_problem(n: Any, edges: Any, weighted: bool = False) -> str | None:
    """What is wrong with ``(n, edges)`` as a graph on 0..n−1, or None when nothing is.

    >>> edge_problem(3, [(0, 1), (1, "2")])
    "edge 2 (1, '2') does not join two ints in 0..2"
    >>> edge_problem(2, [(0, 1, 2.5)], weighted=True) is None
    True
    """
    if type(n) is not int or n < 1:
        return f"the vertex count {n!r:.40} is not an int >= 1"
    if not isinstance(edges, (tuple, list)):
        return f"the edges are a {type(edges).__name__}, not a list"
    size = 3 if weighted else 2
    for index, edge in enumerate(edges, 1):
        if not isinstance(edge, (tuple, list)) or len(edge) != size:
            shape = "(u, v, w)" if weighted else "(u, v)"
            return f"edge {index} {edge!r:.40} is not a {shape}"
        if not all(type(x) is int and 0 <= x < n for x in edge[:2]):
            return f"edge {index} {tuple(edge)!r:.40} does not join two ints in 0..{n - 1}"
        if weighted and not _is_number(edge[2]):
            return f"edge {index} {tuple(edge)!r:.40} has a weight that is not a finite number"
    return None


def _is_number(w: object) -> bool:
    return type(w) in (int, float) and math.isfinite(w)  # type: ignore[arg-type]


def graph_of(
    graph: Any, family: str, role: str, expected: str, *, weight: str | None = None
) -> tuple[int, list[tuple[Any, ...]]]:
    """``(n, edges)`` of an undirected graph instance, checked; edges ``(u, v, w)`` with ``weight``.

    >>> graph_of(nx.Graph([("a", "b")]), "eulerian_circuit", "generator 'hierholzer'", "a graph")
    (2, [(0, 1)])
    >>> graph_of((2, [(0, 2)]), "eulerian_circuit", "generator 'hierholzer'", "a graph")
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: The instance given to eulerian_circuit's generator 'hierholzer' \
must be a graph; edge 1 (0, 2) does not join two ints in 0..1. Got (2, [(0, 2)]) (tuple). Hint: \
draw one with gaps.get('eulerian_circuit').sample(size, rng).
    """
    if isinstance(graph, nx.Graph):
        try:
            n, edges, _ = to_edges(graph, weight=weight, directed=False)
        except gaps.InvalidArgument as exc:
            raise gaps.wrong_instance(family, role, graph, expected, str(exc)) from None
        if n == 0:
            raise gaps.wrong_instance(family, role, graph, expected, "the graph has no nodes")
        return n, edges
    if not isinstance(graph, (tuple, list)) or len(graph) != 2:
        raise gaps.wrong_instance(family, role, graph, expected)
    problem = edge_problem(graph[0], graph[1], weighted=weight is not None)
    if problem:
        raise gaps.wrong_instance(family, role, graph, expected, problem)
    return graph[0], graph[1]


def network_of(
    instance: Any,
    family: str,
    role: str,
    expected: str,
    *,
    terminals: int,
    attribute: str,
    least: int,
) -> tuple[int, list[int], list[tuple[int, int, int]]]:
    """``(n, terminals, arcs)`` of a network instance, integral float weights read as ints.

    The instance is ``(n, *terminals, arcs)`` on vertices 0..n−1, or ``(graph, *terminals)``
    of a networkx graph whose edges carry ``attribute`` (an undirected edge gives an arc
    each way, the reverse arcs listed after all of them) and terminals among its nodes.
    Every weight must be an int >= ``least``: sums stay exact, and a fractional weight
    would have to be rounded, so it is refused.

    >>> graph = nx.Graph([("a", "b", {"w": 2.0})])
    >>> network_of((graph, "b"), "f", "r", "x", terminals=1, attribute="w", least=1)
    (2, [1], [(0, 1, 2), (1, 0, 2)])
    """

    def wrong(reason: str = "") -> gaps.InvalidArgument:
        return gaps.wrong_instance(family, role, instance, expected, reason)

    if isinstance(instance, nx.Graph):
        raise wrong("a graph alone has no terminals: pass them with it")
    if not isinstance(instance, (tuple, list)) or not instance:
        raise wrong()
    if isinstance(instance[0], nx.Graph):
        if len(instance) != terminals + 1:
            raise wrong(f"a graph comes with {terminals} terminal(s)")
        network, *labels = instance
        try:
            n, edges, numbered = to_edges(network, weight=attribute)
        except gaps.InvalidArgument as exc:
            raise wrong(str(exc)) from None
        for label in labels:
            if not isinstance(label, Hashable) or label not in network:
                raise wrong(f"the terminal {label!r:.40} is not a node of the graph")
        if not network.is_directed():
            edges += [(v, u, w) for u, v, w in edges]
        ends = [numbered.index(label) for label in labels]
    else:
        if len(instance) != terminals + 2:
            raise wrong()
        n, *ends, edges = instance
        problem = edge_problem(n, edges, weighted=True)
        if problem:
            raise wrong(problem)
        for end in ends:
            if type(end) is not int or not 0 <= end < n:
                raise wrong(f"the terminal {end!r:.40} is not an int in 0..{n - 1}")
    arcs = []
    for u, v, w in edges:
        if w != int(w) or w < least:
            raise wrong(f"arc {u}->{v} has {attribute} {w!r}; scale them to ints >= {least}")
        arcs.append((u, v, int(w)))
    return n, ends, arcs


def size_and_seed(spec: Any, family: str, role: str, least: int) -> tuple[int, int]:
    """``(n, seed)`` of a planting family's instance, checked: it asks for a graph on n vertices.

    >>> size_and_seed((5, 7), "hamiltonian_cycle", "generator 'plant'", 3)
    (5, 7)
    """
    if (
        isinstance(spec, (tuple, list))
        and len(spec) == 2
        and all(type(x) is int for x in spec)
        and spec[0] >= least
    ):
        return spec[0], spec[1]
    raise gaps.wrong_instance(
        family,
        role,
        spec,
        f"a pair (n, seed) of ints with n >= {least}, asking for a graph on n vertices (the "
        "graph is the generator's output here, so a graph read from a file is not an instance)",
    )

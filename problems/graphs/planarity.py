"""Planarity: the left-right test with an embedding or a Kuratowski subgraph vs checking it.

Problem: a graph ``(n, edges)`` on 0..n−1. The sampler triangulates n random points
(Delaunay) and keeps each edge with probability 0.9, so Euler's bound m ≤ 3n − 6
never decides. Sampled graphs are all planar, since a mixture would make each size's
median a coin toss between unlike costs; "no" answers are handled on any graph.
The output is the verdict and a certificate: a rotation system (``rotation[v]``, v's
neighbours clockwise) or the edges of a subdivision of K5 or K3,3 (Kuratowski). A
file's graph is an instance too (``gaps.formats.to_edges``, loops and multi-edges dropped).

Gap: ``left_right`` is networkx's left-right planarity test (de Fraysseix &
Rosenstiehl; Brandes 2009), O(n), with an embedding for a "yes". For a "no", networkx
deletes edges one at a time with a full test each: Θ(m·(n + m)). The generator runs
that deletion only on the smallest non-planar ball around vertex 0: O(n) when the
obstruction is near it (linear-time extraction: Williamson 1984; Boyer & Myrvold 2004).

The ``certificate`` verifier (certified) checks an embedding by tracing its faces: the
rotation must list exactly the graph's edges, and each component with an edge must have
V − E + F = 2 − 2g with genus g = 0, a plane embedding (Mohar & Thomassen 2001, §3.2). A
Kuratowski subgraph is checked by reading it: graph edges, degree 2 except five branch
vertices of degree 4 or six of degree 3, each pair of the five (K5) or across a 3 + 3
bipartition (K3,3) joined once by internally disjoint paths through every degree-2
vertex: not planar (Kuratowski 1930). Both checks are O(n + m). ``recompute`` (compare)
reruns the left-right test. Both sides are linear: planarity is decidable in linear time
(Hopcroft & Tarjan 1974), so a certificate buys a simpler verifier but no asymptotic
gap: both neutral. Costs: time only (networkx ticks no steps).

References: Kuratowski 1930; Hopcroft & Tarjan 1974; Williamson 1984; de Fraysseix
& Rosenstiehl 1985; Boyer & Myrvold 2004; Brandes 2009; Mohar & Thomassen 2001.

>>> import random, gaps
>>> fam = gaps.get("planarity")
>>> graph = fam.sample(60, random.Random(3))
>>> planar, certificate = fam.generate["left_right"](graph, gaps.Meter())
>>> fam.verify["certificate"].fn(graph, planar, certificate, gaps.Meter())
True
>>> k5 = (5, [(u, v) for u in range(5) for v in range(u + 1, 5)])
>>> planar, kuratowski = fam.generate["left_right"](k5, gaps.Meter())
>>> planar, len(kuratowski), fam.verify["certificate"].fn(k5, planar, kuratowski, gaps.Meter())
(False, 10, True)
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
from gaps.problems._graphs import FROM_FILE, graph_of
from scipy.spatial import Delaunay

import gaps

#: The probability that the sampler keeps an edge of the triangulation.
KEEP = 0.9
#: The smallest graph the sampler draws (a triangulation needs a few points).
MIN_SIZE = 8

Graph = tuple[int, list[tuple[int, int]]]
Rotation = tuple[tuple[int, ...], ...]
Edges = tuple[tuple[int, int], ...]


def sample(size: int, rng: random.Random) -> Graph:
    if isinstance(size, bool) or not isinstance(size, int) or size < MIN_SIZE:
        raise gaps.InvalidArgument(
            f"The 'size' parameter of planarity must be an int >= {MIN_SIZE} (the number "
            f"of vertices). Got {size!r} ({type(size).__name__})."
        )
    points = np.random.default_rng(rng.getrandbits(64)).random((size, 2))
    triangulation = Delaunay(points)
    triangles = triangulation.simplices.tolist()
    edges = sorted(
        {(min(u, v), max(u, v)) for a, b, c in triangles for u, v in ((a, b), (b, c), (a, c))}
    )
    edges = [e for e in edges if rng.random() < KEEP]
    rng.shuffle(edges)
    return size, edges


#: What an instance is.
INSTANCE = (
    "a pair (n, edges): an int n >= 0 and a list of int pairs (u, v) with 0 <= u < v < n, "
    + FROM_FILE
)


def _is_graph(graph: Any) -> bool:
    if not (isinstance(graph, (tuple, list)) and len(graph) == 2):
        return False
    n, edges = graph
    if type(n) is not int or n < 0 or not isinstance(edges, (list, tuple)):
        return False
    return all(
        isinstance(edge, (tuple, list))
        and len(edge) == 2
        and type(edge[0]) is int
        and type(edge[1]) is int
        and 0 <= edge[0] < edge[1] < n
        for edge in edges
    )


def _graph(graph: Any, role: str) -> Graph:
    """The instance, checked to be ``(n, edges)`` of a simple graph on 0..n−1."""
    if isinstance(graph, nx.Graph):
        n, edges = graph_of(graph, "planarity", role, INSTANCE)
        # Loops and parallel edges do not change planarity: the simple graph is decided.
        return n, sorted({(min(u, v), max(u, v)) for u, v in edges if u != v})
    if not _is_graph(graph):
        raise gaps.wrong_instance("planarity", role, graph, INSTANCE)
    n, edges = graph
    return n, edges


def _networkx(n: int, edges: Any) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    return graph


def _kuratowski(graph: nx.Graph) -> Edges:
    """A Kuratowski subgraph of a non-planar graph, searched in a small ball first."""
    order: list[int] = []
    seen = set()
    for root in graph:  # breadth-first from vertex 0, then from each unseen vertex
        if root in seen:
            continue
        seen.add(root)
        queue = deque([root])
        while queue:
            v = queue.popleft()
            order.append(v)
            for w in graph[v]:
                if w not in seen:
                    seen.add(w)
                    queue.append(w)

    def planar(size: int) -> bool:
        return nx.is_planar(graph.subgraph(order[:size]))

    low, high = 0, 16  # planar(low) holds, planar(high) is still to be tested
    while high < len(order) and planar(high):
        low, high = high, 2 * high
    high = min(high, len(order))
    while high - low > 1:  # the smallest non-planar ball lies in (low, high]
        middle = (low + high) // 2
        if planar(middle):
            low = middle
        else:
            high = middle
    _, found = nx.check_planarity(nx.Graph(graph.subgraph(order[:high])), counterexample=True)
    return tuple(sorted((min(u, v), max(u, v)) for u, v in found.edges))


def left_right(graph: Graph, meter: gaps.Meter) -> gaps.Certified:
    n, edges = _graph(graph, "generator 'left_right'")
    g = _networkx(n, edges)
    planar, embedding = nx.check_planarity(g)
    if planar:
        return gaps.Certified(True, tuple(tuple(embedding.neighbors_cw_order(v)) for v in range(n)))
    return gaps.Certified(False, _kuratowski(g))


def _is_plane_embedding(n: int, edges: Any, rotation: Any) -> bool:
    """Whether ``rotation`` lists exactly the edges and traces faces with V − E + F = 2."""
    if not isinstance(rotation, (tuple, list)) or len(rotation) != n:
        return False
    neighbours: list[set[int]] = [set() for _ in range(n)]
    parent = list(range(n))  # union–find with path halving: the connected components
    for u, v in edges:
        neighbours[u].add(v)
        neighbours[v].add(u)
        while parent[u] != u:
            parent[u] = u = parent[parent[u]]
        while parent[v] != v:
            parent[v] = v = parent[parent[v]]
        parent[u] = v
    position: list[dict[int, int]] = []  # position[v][w]: the index of w around v
    for v, around in enumerate(rotation):
        if not isinstance(around, (tuple, list)) or not all(type(w) is int for w in around):
            return False
        where = {w: i for i, w in enumerate(around)}
        if len(where) != len(around) or where.keys() != neighbours[v]:
            return False  # a neighbour listed twice, missing, or not a neighbour
        position.append(where)
    # Faces: after arriving at x from u, leave along the neighbour that follows u at x.
    faces = 0
    seen = [bytearray(len(around)) for around in rotation]
    for v in range(n):
        for i in range(len(rotation[v])):
            if seen[v][i]:
                continue
            faces += 1
            u, j = v, i
            while not seen[u][j]:
                seen[u][j] = 1
                x = rotation[u][j]
                j = position[x][u] + 1
                u, j = x, (j if j < len(rotation[x]) else 0)
    components = sum(1 for v in range(n) if parent[v] == v)
    isolated = sum(1 for v in range(n) if not rotation[v])
    # Each component has V − E + F = 2 − 2g (g >= 0; an isolated vertex traces no face),
    # so the sum is 2 per component exactly when every genus is 0.
    edge_count = sum(map(len, neighbours)) // 2
    return n - edge_count + faces + isolated == 2 * components


def _is_kuratowski_subgraph(edges: Any, claimed: Any) -> bool:
    """Whether ``claimed`` is a set of the graph's edges forming a subdivided K5 or K3,3."""
    if not isinstance(claimed, (tuple, list)):
        return False
    edge_set = set(edges)
    adjacent: dict[int, list[int]] = {}
    pairs = set()
    for edge in claimed:
        if not isinstance(edge, (tuple, list)) or len(edge) != 2:
            return False
        u, v = edge
        if type(u) is not int or type(v) is not int:
            return False
        key = (min(u, v), max(u, v))
        if key not in edge_set or key in pairs:
            return False
        pairs.add(key)
        adjacent.setdefault(u, []).append(v)
        adjacent.setdefault(v, []).append(u)
    degree = {v: len(ws) for v, ws in adjacent.items()}
    branches = [v for v, d in degree.items() if d != 2]
    shape = sorted(degree[v] for v in branches)
    if shape not in ([4] * 5, [3] * 6):
        return False
    # Follow every edge out of every branch vertex through degree-2 vertices.
    ends: set[tuple[int, int]] = set()
    inner = 0
    for b in branches:
        for first in adjacent[b]:
            previous, v = b, first
            while degree[v] == 2:
                inner += 1
                a, c = adjacent[v]
                previous, v = v, (c if a == previous else a)
            if v == b:
                return False  # a loop back to its own branch vertex
            ends.add((min(b, v), max(b, v)))
    # Each path is traced twice (once from each end): disjoint paths cover each inner
    # vertex exactly twice, and a cycle of degree-2 vertices alone is not covered.
    subdivision = sum(1 for d in degree.values() if d == 2)
    if inner != 2 * subdivision or 2 * len(ends) != sum(degree[b] for b in branches):
        return False
    if len(branches) == 5:
        return True  # 10 distinct pairs of 5 vertices: every pair, K5
    side = {branches[0]: 0}  # 9 distinct pairs on 6 vertices of degree 3: K3,3 iff bipartite
    stack = [branches[0]]
    neighbours: dict[int, list[int]] = {b: [] for b in branches}
    for a, c in ends:
        neighbours[a].append(c)
        neighbours[c].append(a)
    while stack:
        a = stack.pop()
        for c in neighbours[a]:
            if c not in side:
                side[c] = 1 - side[a]
                stack.append(c)
            elif side[c] == side[a]:
                return False
    return True


def certificate(graph: Graph, planar: Any, evidence: Any, meter: gaps.Meter) -> bool:
    n, edges = _graph(graph, "verifier 'certificate'")
    if planar is True:
        return _is_plane_embedding(n, edges, evidence)
    if planar is False:
        return _is_kuratowski_subgraph(edges, evidence)
    return False


def recompute(graph: Graph, planar: Any, meter: gaps.Meter) -> bool:
    n, edges = _graph(graph, "verifier 'recompute'")
    if type(planar) is not bool:
        return False
    return nx.check_planarity(_networkx(n, edges))[0] == planar


def corrupt(graph: Graph, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Claim the opposite verdict with the evidence a careless generator would hand in.

    For a planar graph: "no", with all ten edges among five random vertices (a K5 that
    is not a subgraph: planar graphs contain none) or with the whole graph. For a
    non-planar one: "yes", with a rotation system of its edges in random order (no
    rotation of a non-planar graph is plane) or with one edge dropped from it.
    """
    n, edges = graph
    if result.output:
        if rng.random() < 0.5:
            five = sorted(rng.sample(range(n), 5))
            return gaps.Certified(
                False, tuple((u, v) for i, u in enumerate(five) for v in five[i + 1 :])
            )
        return gaps.Certified(False, tuple(edges))
    kept = list(edges)
    if rng.random() < 0.5:
        kept.remove(rng.choice(result.certificate))
    around: list[list[int]] = [[] for _ in range(n)]
    for u, v in kept:
        around[u].append(v)
        around[v].append(u)
    for ws in around:
        rng.shuffle(ws)
    return gaps.Certified(True, tuple(tuple(ws) for ws in around))


def small_graphs(bound: int) -> list[Graph]:
    """A path, a star, a triangle, then K5 and K3,3, up to ``bound`` + 2 of them. In the
    first three (trees and a cycle) every rotation system is a plane embedding."""
    k33 = [(u, v) for u in range(3) for v in range(3, 6)]
    graphs: list[Graph] = [
        (3, [(0, 1), (1, 2)]),
        (4, [(0, 1), (0, 2), (0, 3)]),
        (3, [(0, 1), (0, 2), (1, 2)]),
        (5, list(itertools.combinations(range(5), 2))),
        (6, k33),
    ]
    return graphs[: bound + 2]


def _neighbours(graph: Graph) -> list[list[int]]:
    n, edges = graph
    return [sorted({u + v - x for u, v in edges if x in (u, v)}) for x in range(n)]


def _evidence_variables(graph: Graph) -> list[Any]:
    """Planar?, a Bool per edge (the Kuratowski subgraph), then per vertex its rotation's
    length and one slot more than its degree."""
    import z3

    edges = graph[1]
    rotation = [
        [z3.Int(f"length{x}"), *(z3.Int(f"around{x}_{i}") for i in range(len(ws) + 1))]
        for x, ws in enumerate(_neighbours(graph))
    ]
    return [
        z3.Bool("planar"),
        *(z3.Bool(f"kuratowski{u}_{v}") for u, v in edges),
        *itertools.chain.from_iterable(rotation),
    ]


def _parts(graph: Graph, v: Sequence[Any]) -> tuple[Any, Sequence[Any], list[Sequence[Any]]]:
    m, at, rotation = len(graph[1]), 1 + len(graph[1]), []
    for ws in _neighbours(graph):
        rotation.append(v[at : at + len(ws) + 2])
        at += len(ws) + 2
    return v[0], v[1 : 1 + m], rotation


def _evidence_near(graph: Graph, v: Sequence[Any]) -> Any:
    """An embedding (rotations of degree - 1 to degree + 1 vertices from -1 to n) or a
    subgraph; the other part unset."""
    import z3

    n = graph[0]
    planar, subgraph, rotation = _parts(graph, v)
    lists = []
    for ws, (length, *slots) in zip(_neighbours(graph), rotation, strict=True):
        used = [z3.If(i < length, z3.And(x >= -1, x <= n), x == 0) for i, x in enumerate(slots)]
        lists.append(z3.And(length >= max(len(ws) - 1, 0), length <= len(ws) + 1, *used))
    unset = [z3.And(length == 0, *(x == 0 for x in slots)) for length, *slots in rotation]
    return z3.If(planar, z3.And(*lists, *(z3.Not(e) for e in subgraph)), z3.And(unset))


def _is_planarity_evidence(graph: Graph, v: Sequence[Any]) -> Any:
    """Planar: each vertex lists each of its neighbours once (any rotation system of these
    trees and cycles is plane). Not planar: the subgraph is a K5 or a K3,3 (these
    graphs have no vertex of degree 2, so no subdivision)."""
    import z3

    n, edges = graph
    planar, subgraph, rotation = _parts(graph, v)
    plane = nx.check_planarity(_networkx(n, edges))[0]
    lists = [
        z3.And(
            length == len(ws),
            *(z3.Or([x == w for w in ws]) for x in slots[: len(ws)]),
            z3.Distinct(*slots[: len(ws)]) if len(ws) > 1 else z3.BoolVal(True),
        )
        for ws, (length, *slots) in zip(_neighbours(graph), rotation, strict=True)
    ]
    chosen = dict(zip(edges, subgraph, strict=True))

    def exactly(pairs: list[tuple[int, int]]) -> Any:
        wanted = set(pairs)
        if not wanted <= set(chosen):
            return z3.BoolVal(False)
        return z3.And([on if e in wanted else z3.Not(on) for e, on in chosen.items()])

    k5 = [exactly(list(itertools.combinations(c, 2))) for c in itertools.combinations(range(n), 5)]
    k33 = [
        exactly([(min(u, w), max(u, w)) for u in side for w in set(rest) - set(side)])
        for rest in itertools.combinations(range(n), 6)
        for side in itertools.combinations(rest, 3)
        if side[0] == rest[0]
    ]
    return z3.And(planar, *lists) if plane else z3.And(z3.Not(planar), z3.Or(k5 + k33))


def _decode_evidence(graph: Graph, values: Sequence[Any]) -> gaps.Certified:
    planar, subgraph, rotation = _parts(graph, values)
    if planar:
        return gaps.Certified(True, [list(slots[:length]) for length, *slots in rotation])
    return gaps.Certified(False, [e for e, on in zip(graph[1], subgraph, strict=True) if on])


SPECIFICATION = gaps.Specification(
    instances=small_graphs,
    variables=_evidence_variables,
    valid=_is_planarity_evidence,
    decode=_decode_evidence,
    domain=_evidence_near,
    verifier="certificate",
    # Rotations and subgraphs are too many to exhaust: those within one change of
    # valid evidence.
    near=lambda graph: 1,
)


FAMILY = gaps.Family(
    name="planarity",
    domain="graphs",
    summary="Left-right planarity test vs checking its embedding (Euler) or Kuratowski subgraph.",
    sample=sample,
    generate={"left_right": left_right},
    verify={"certificate": gaps.certified(certificate), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify={"certificate": "n", "recompute": "n"},
        sign={"certificate": "neutral", "recompute": "neutral"},
        reference="Hopcroft and Tarjan 1974; Boyer and Myrvold 2004; Brandes 2009",
    ),
    references=(
        "Kuratowski 1930",
        "Hopcroft and Tarjan 1974",
        "Williamson 1984",
        "de Fraysseix and Rosenstiehl 1985",
        "Boyer and Myrvold 2004",
        "Brandes 2009",
        "Mohar and Thomassen 2001",
    ),
    tags=("graphs", "planarity", "certificate", "no-answers", "networkx"),
    units=("time",),
    sizes=(300, 600, 1200, 2400, 4800),
    spec=SPECIFICATION,
)

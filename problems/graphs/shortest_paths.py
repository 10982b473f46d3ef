"""Single-source shortest paths: Dijkstra vs checking distances with a parent certificate.

Problem: a random sparse digraph ``(n, source, edges)`` with n vertices, m = 4n arcs
``(u, v, w)`` between random distinct endpoints and integer weights w in [1, 100];
the source is vertex 0. The output is the list of distances from the source
(``math.inf`` for unreachable vertices). A file's graph is an instance as
``(graph, source)`` (``gaps.formats.to_edges``; integral weights, undirected edges both ways).

Gap: generation is Dijkstra's algorithm with a binary heap (``heapq``, lazy deletion),
the best practical algorithm for sparse graphs with nonnegative weights: Θ(m log n).
This is a readable Python implementation that ticks its steps (one per arc scanned,
log2 of the heap size per push and pop), not a library call. It also returns, as a
certificate, the index of each reached vertex's parent arc. The ``potentials``
verifier (certified) checks the LP-duality optimality conditions in O(n + m):
d(source) = 0; every arc out of a reached vertex satisfies d(v) ≤ d(u) + w (so no
arc leads from a reached vertex to one claimed unreachable); every other reached
vertex's parent arc enters it and is tight, d(v) = d(u) + w. The arc inequalities
make every d a lower bound on the true distance; since weights are ≥ 1, following
tight parent arcs strictly decreases d and so ends at the source, which makes each d
the length of a real path: d is exact. (With zero weights the parent arcs could form
a cycle and the verifier would also need to check that they form a tree.) The
``recompute`` verifier (compare) runs Dijkstra again and compares: never a positive
gap.

Costs: steps (ticked in both sides' Python code) and time. Expected: generation
n log n, potentials n (positive gap, growing like log n), recompute n log n (neutral).

References: Dijkstra 1959; Fredman & Tarjan 1987 (Fibonacci heaps, O(m + n log n));
Ahuja, Magnanti & Orlin 1993, §5.2 (shortest-path optimality conditions).

>>> import random, gaps
>>> fam = gaps.get("shortest_paths")
>>> graph = fam.sample(50, random.Random(1))
>>> dist, parents = fam.generate["dijkstra"](graph, gaps.Meter())
>>> fam.verify["potentials"].fn(graph, dist, parents, gaps.Meter())
True
>>> fam.verify["potentials"].fn(graph, [0] * 50, parents, gaps.Meter())
False
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections.abc import Sequence
from typing import Any

from gaps.problems._graphs import network_of

import gaps

#: Arcs per vertex and the largest weight.
DEGREE = 4
MAX_WEIGHT = 100

Graph = tuple[int, int, list[tuple[int, int, int]]]


def sample(size: int, rng: random.Random) -> Graph:
    n = max(size, 2)
    edges = []
    for _ in range(DEGREE * n):
        u = rng.randrange(n)
        v = rng.randrange(n - 1)
        edges.append((u, v + (v >= u), rng.randint(1, MAX_WEIGHT)))
    return n, 0, edges


#: What an instance is.
INSTANCE = (
    "a triple (n, source, arcs) of a digraph on vertices 0..n-1, arcs (u, v, w) of ints with "
    "w >= 1, or a pair (graph, source) of a networkx graph (as gaps.formats reads one, an "
    "undirected edge an arc each way) with a 'weight' on every edge and one of its nodes"
)


def _graph(graph: Any, role: str) -> Graph:
    """The instance as ``(n, source, arcs)``."""
    # The certificate's argument needs weights >= 1 (tight parent arcs then end at the source).
    n, (source,), arcs = network_of(
        graph, "shortest_paths", role, INSTANCE, terminals=1, attribute="weight", least=1
    )
    return n, source, arcs


def _dijkstra(graph: Graph, meter: gaps.Meter) -> tuple[list[float], list[int]]:
    n, source, edges = graph
    out: list[list[int]] = [[] for _ in range(n)]
    for i, (u, _, _) in enumerate(edges):
        meter.tick()
        out[u].append(i)
    dist: list[float] = [math.inf] * n
    parent = [-1] * n
    dist[source] = 0
    heap = [(0, source)]
    while heap:
        meter.tick(len(heap).bit_length())
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue  # a stale entry (lazy deletion)
        for i in out[u]:
            meter.tick()
            _, v, w = edges[i]
            if d + w < dist[v]:
                dist[v] = d + w
                parent[v] = i
                meter.tick(len(heap).bit_length())
                heapq.heappush(heap, (d + w, v))
    return dist, parent


def dijkstra(graph: Graph, meter: gaps.Meter) -> gaps.Certified:
    dist, parent = _dijkstra(_graph(graph, "generator 'dijkstra'"), meter)
    return gaps.Certified(dist, parent)


def _distances_ok(n: int, dist: Any) -> bool:
    if not isinstance(dist, list) or len(dist) != n:
        return False
    return all((type(d) is int and d >= 0) or d == math.inf for d in dist)


def potentials(graph: Graph, dist: Any, parent: Any, meter: gaps.Meter) -> bool:
    n, source, edges = _graph(graph, "verifier 'potentials'")
    if not _distances_ok(n, dist) or dist[source] != 0:
        return False
    if not isinstance(parent, list) or len(parent) != n:
        return False
    for u, v, w in edges:
        meter.tick()
        if dist[u] != math.inf and dist[v] > dist[u] + w:
            return False
    for v in range(n):
        meter.tick()
        if v == source or dist[v] == math.inf:
            continue
        i = parent[v]
        if type(i) is not int or not 0 <= i < len(edges):
            return False
        u, head, w = edges[i]
        if head != v or dist[u] + w != dist[v]:
            return False
    return True


def recompute(graph: Graph, dist: object, meter: gaps.Meter) -> bool:
    graph = _graph(graph, "verifier 'recompute'")
    if not _distances_ok(graph[0], dist):
        return False
    reference, _ = _dijkstra(graph, meter)
    meter.tick(graph[0])
    return dist == reference


def corrupt(graph: Graph, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Change one distance: shorten or lengthen a reached vertex, or reach an unreached one."""
    n, source, _ = graph
    dist, parent = list(result.output), result.certificate
    reached = [v for v in range(n) if v != source and dist[v] != math.inf]
    if reached:
        v = rng.choice(reached)
        dist[v] = max(0, dist[v] + rng.choice((-1, 1)) * rng.randint(1, 10))
        if dist[v] == result.output[v]:
            dist[v] += 1
    else:
        dist[rng.choice([v for v in range(n) if v != source])] = 1
    return gaps.Certified(dist, parent)


def small_graphs(bound: int) -> list[Graph]:
    """Two arcs both ways, a vertex no path reaches and, from ``bound`` 4, a path with a
    costlier shortcut (weights need not be distinct)."""
    graphs: list[Graph] = [(2, 0, [(1, 0, 1), (0, 1, 2)]), (3, 0, [(0, 1, 1), (2, 1, 1)])]
    shortcut = (3, 0, [(0, 1, 1), (1, 2, 1), (0, 2, 2)])
    return graphs + ([shortcut] if bound >= 4 else [])


def _distances(graph: Graph) -> list[float]:
    """Each vertex's distance by definition: the least weight over all simple paths."""
    n, source, edges = graph
    best: list[float] = [math.inf] * n
    best[source] = 0
    for k in range(1, n):
        for path in itertools.permutations(range(n), k + 1):
            if path[0] != source:
                continue
            steps = [
                min((w for u, v, w in edges if (u, v) == step), default=math.inf)
                for step in itertools.pairwise(path)
            ]
            best[path[-1]] = min(best[path[-1]], sum(steps))
    return best


def _label_variables(graph: Graph) -> list[Any]:
    """A distance per vertex (-1 standing for infinity) and a parent arc index per vertex."""
    import z3

    n = graph[0]
    return [*(z3.Int(f"dist{v}") for v in range(n)), *(z3.Int(f"parent{v}") for v in range(n))]


def _labels_near(graph: Graph, v: Sequence[Any]) -> Any:
    """Distances from infinity and 0 to one past the longest, parents from -1 to m; the
    source's parent is pinned (the check never reads it)."""
    import z3

    n, source, edges = graph
    longest = max(d for d in _distances(graph) if d != math.inf)
    dist, parent = v[:n], v[n:]
    return z3.And(
        *(z3.And(d >= -1, d <= longest + 1) for d in dist),
        *(z3.And(p >= -1, p <= len(edges)) for p in parent),
        parent[source] == -1,
    )


def _is_shortest_path_tree(graph: Graph, v: Sequence[Any]) -> Any:
    """Every distance is the true one, and every reached vertex but the source has as
    parent an arc into it that lies on a shortest path."""
    import z3

    n, source, edges = graph
    true = _distances(graph)
    dist, parent = v[:n], v[n:]
    right = [d == (-1 if t == math.inf else int(t)) for d, t in zip(dist, true, strict=True)]
    tight = [
        z3.Or(
            [
                parent[x] == i
                for i, (u, head, w) in enumerate(edges)
                if head == x and true[u] + w == true[x]
            ]
        )
        for x in range(n)
        if x != source and true[x] != math.inf
    ]
    return z3.And(*right, *tight)


def _decode(graph: Graph, values: Sequence[Any]) -> gaps.Certified:
    n = graph[0]
    dist = [math.inf if d == -1 else d for d in values[:n]]
    return gaps.Certified(dist, list(values[n:]))


SPECIFICATION = gaps.Specification(
    instances=small_graphs,
    variables=_label_variables,
    valid=_is_shortest_path_tree,
    decode=_decode,
    domain=_labels_near,
)


FAMILY = gaps.Family(
    name="shortest_paths",
    domain="graphs",
    summary="Dijkstra on a sparse digraph vs checking distances by potentials or recomputing.",
    sample=sample,
    generate={"dijkstra": dijkstra},
    verify={"potentials": gaps.certified(potentials), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n*log(n)",
        verify={"potentials": "n", "recompute": "n*log(n)"},
        sign={"potentials": "positive", "recompute": "neutral"},
        reference="Dijkstra 1959; Ahuja, Magnanti and Orlin 1993, §5.2",
    ),
    references=(
        "Dijkstra 1959",
        "Fredman and Tarjan 1987",
        "Ahuja, Magnanti and Orlin 1993, §5.2",
    ),
    tags=("graphs", "shortest-paths", "certificate", "textbook"),
    units=("steps", "time"),
    sizes=(250, 500, 1000, 2000, 4000, 8000, 16000),
    spec=SPECIFICATION,
)

"""Minimum spanning tree: Kruskal vs checking the cycle property of the tree handed in.

Problem: a random connected weighted graph ``(n, edges)``: a random spanning tree
(each vertex, in a random order, attached to an earlier one) plus random extra edges
up to m = 4n simple edges ``(u, v, w)``, with distinct integer weights (a random
permutation of 1..m), so the minimum spanning tree is unique. The output is the
sorted tuple of the indices of the tree's n − 1 edges. A weighted graph from a file
is an instance too (``gaps.formats.to_edges``; a disconnected one is refused).

Gap: generation is Kruskal's algorithm: sort the edges by weight (Θ(m log m)
comparisons, ticked as m·log2 m for the native sort) and add each edge whose
endpoints a union-find (union by size, path halving) puts in different components
(near-linear, O(m α(n)), one tick per pointer followed). The ``cycle_property``
verifier (witness) checks that the output is a spanning tree (n − 1 distinct edges,
connected by a BFS) and that every non-tree edge weighs at least as much as every
tree edge on the tree path between its endpoints — the cycle optimality condition,
which characterises minimum spanning trees (Tarjan 1983). The path maxima are found
by binary lifting over the BFS tree: O(n log n) to build the tables, O(log n) per
non-tree edge, so O(m log n) in all. That is the same growth as Kruskal's sort:
**neutral**, honestly, for this verifier. Linear-time verification exists (Komlós
1985 showed O(m) comparisons suffice; King 1997 and Buchsbaum et al. 1998 made it a
linear-time algorithm), which would make the gap positive by a log factor; it is not
implemented here. ``recompute`` (compare) runs Kruskal again: neutral by construction.
Costs: steps (ticked in both sides' Python code) and time.

References: Kruskal 1956; Tarjan 1983 (cycle property); Komlós 1985; King 1997.

>>> import random, gaps
>>> fam = gaps.get("minimum_spanning_tree")
>>> graph = fam.sample(40, random.Random(1))
>>> tree = fam.generate["kruskal"](graph, gaps.Meter())
>>> len(tree)
39
>>> fam.verify["cycle_property"].fn(graph, tree, gaps.Meter())
True
>>> bad = fam.corrupt(graph, tree, random.Random(2))
>>> fam.verify["cycle_property"].fn(graph, bad, gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import math
import random
from collections import deque
from collections.abc import Sequence
from typing import Any

from gaps.problems._candidates import (
    decode_int_list,
    entries,
    int_list_domain,
    int_list_variables,
    lengths_near,
)
from gaps.problems._graphs import FROM_FILE, graph_of

import gaps

#: Edges per vertex.
DEGREE = 4

Graph = tuple[int, list[tuple[int, int, int]]]


def sample(size: int, rng: random.Random) -> Graph:
    n = max(size, 3)
    order = list(range(n))
    rng.shuffle(order)
    pairs = set()
    for i in range(1, n):
        u, v = order[i], order[rng.randrange(i)]
        pairs.add((min(u, v), max(u, v)))
    target = min(DEGREE * n, n * (n - 1) // 2)
    while len(pairs) < target:
        u, v = rng.sample(range(n), 2)
        pairs.add((min(u, v), max(u, v)))
    edges = sorted(pairs)
    rng.shuffle(edges)
    weights = list(range(1, len(edges) + 1))
    rng.shuffle(weights)
    return n, [(u, v, w) for (u, v), w in zip(edges, weights, strict=True)]


def _kruskal(graph: Graph, meter: gaps.Meter) -> tuple[int, ...]:
    n, edges = graph
    m = len(edges)
    order = sorted(range(m), key=lambda i: edges[i][2])
    meter.tick(m * max(1, m.bit_length()))  # the comparison sort (native)
    parent = list(range(n))
    size = [1] * n

    def find(x: int) -> int:
        while parent[x] != x:
            meter.tick()
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tree = []
    for i in order:
        meter.tick()
        u, v, _ = edges[i]
        a, b = find(u), find(v)
        if a != b:
            if size[a] < size[b]:
                a, b = b, a
            parent[b] = a
            size[a] += size[b]
            tree.append(i)
            if len(tree) == n - 1:
                break
    return tuple(sorted(tree))


#: What an instance is.
INSTANCE = (
    "a pair (n, edges) of a weighted graph on vertices 0..n-1, edges (u, v, w) with u and v "
    "ints and w a finite number, " + FROM_FILE + " with a 'weight' on every edge"
)


def _graph(graph: Any, role: str) -> Graph:
    return graph_of(graph, "minimum_spanning_tree", role, INSTANCE, weight="weight")


def kruskal(graph: Graph, meter: gaps.Meter) -> tuple[int, ...]:
    graph = _graph(graph, "generator 'kruskal'")
    tree = _kruskal(graph, meter)
    if len(tree) != graph[0] - 1:
        raise gaps.wrong_instance(
            "minimum_spanning_tree",
            "generator 'kruskal'",
            graph,
            "a connected graph (only a connected graph has a spanning tree)",
            f"a spanning forest of it has {len(tree)} edges, not {graph[0] - 1}",
        )
    return tree


def _indices_ok(graph: Graph, tree: Any) -> bool:
    n, edges = graph
    if not isinstance(tree, (tuple, list)) or len(tree) != n - 1:
        return False
    if not all(type(i) is int and 0 <= i < len(edges) for i in tree):
        return False
    return len(set(tree)) == n - 1


def cycle_property(graph: Graph, tree: Any, meter: gaps.Meter) -> bool:
    n, edges = graph = _graph(graph, "verifier 'cycle_property'")
    if not _indices_ok(graph, tree):
        return False
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i in tree:
        meter.tick()
        u, v, w = edges[i]
        adjacency[u].append((v, w))
        adjacency[v].append((u, w))
    # BFS from 0: n - 1 edges reaching every vertex form a spanning tree.
    up = [-1] * n
    weight_up: list[float] = [-math.inf] * n  # weights may be negative: none is lighter
    depth = [-1] * n
    depth[0], up[0] = 0, 0
    queue = deque([0])
    while queue:
        u = queue.popleft()
        for v, w in adjacency[u]:
            meter.tick()
            if depth[v] < 0:
                depth[v], up[v], weight_up[v] = depth[u] + 1, u, w
                queue.append(v)
    if min(depth) < 0:
        return False
    # Binary lifting: ancestors[j][v] is v's 2**j-th ancestor, heaviest[j][v] the
    # heaviest edge on the way there.
    ancestors, heaviest = [up], [weight_up]
    for _ in range(max(1, (n - 1).bit_length()) - 1):
        meter.tick(n)
        a, h = ancestors[-1], heaviest[-1]
        ancestors.append([a[a[v]] for v in range(n)])
        heaviest.append([max(h[v], h[a[v]]) for v in range(n)])
    in_tree = set(tree)
    for i, (u, v, w) in enumerate(edges):
        meter.tick()
        if i in in_tree:
            continue
        heaviest_on_path = -math.inf
        if depth[u] < depth[v]:
            u, v = v, u
        diff, j = depth[u] - depth[v], 0
        while diff:
            meter.tick()
            if diff & 1:
                heaviest_on_path = max(heaviest_on_path, heaviest[j][u])
                u = ancestors[j][u]
            diff >>= 1
            j += 1
        if u != v:
            for j in range(len(ancestors) - 1, -1, -1):
                meter.tick()
                if ancestors[j][u] != ancestors[j][v]:
                    heaviest_on_path = max(heaviest_on_path, heaviest[j][u], heaviest[j][v])
                    u, v = ancestors[j][u], ancestors[j][v]
            heaviest_on_path = max(heaviest_on_path, weight_up[u], weight_up[v])
        if w < heaviest_on_path:
            return False
    return True


def recompute(graph: Graph, tree: Any, meter: gaps.Meter) -> bool:
    graph = _graph(graph, "verifier 'recompute'")
    if not _indices_ok(graph, tree):
        return False
    meter.tick(graph[0])
    return tuple(sorted(tree)) == _kruskal(graph, meter)


def corrupt(graph: Graph, tree: tuple[int, ...], rng: random.Random) -> tuple[int, ...]:
    """Swap a non-tree edge in for a tree edge on its cycle: a heavier spanning tree."""
    n, edges = graph
    in_tree = set(tree)
    outside = [i for i in range(len(edges)) if i not in in_tree]
    if not outside:  # the graph is a tree: drop an edge instead
        return tuple(sorted(tree))[:-1]
    e = rng.choice(outside)
    u, v, _ = edges[e]
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i in tree:
        a, b, _ = edges[i]
        adjacency[a].append((b, i))
        adjacency[b].append((a, i))
    via = {u: -1}
    queue = deque([u])
    while queue:
        x = queue.popleft()
        for y, i in adjacency[x]:
            if y not in via:
                via[y] = i
                queue.append(y)
    path, x = [], v
    while x != u:
        i = via[x]
        path.append(i)
        a, b, _ = edges[i]
        x = a if b == x else b
    in_tree.discard(rng.choice(path))
    in_tree.add(e)
    return tuple(sorted(in_tree))


def small_graphs(bound: int) -> list[Graph]:
    """A weighted triangle, a triangle with tied weights and, from ``bound`` 3, a
    4-cycle with a chord (weights need not be distinct for the cycle property)."""
    graphs: list[Graph] = [
        (3, [(0, 1, 2), (1, 2, 3), (0, 2, 1)]),
        (3, [(0, 1, 1), (1, 2, 1), (0, 2, 1)]),
    ]
    chorded = (4, [(0, 1, 1), (1, 2, 3), (2, 3, 1), (0, 3, 2), (0, 2, 2)])
    return graphs + ([chorded] if bound >= 3 else [])


def _cuts(n: int) -> list[set[int]]:
    """Every vertex set holding 0 but not every vertex: edges span iff they cross each."""
    return [{0, *s} for k in range(n - 1) for s in itertools.combinations(range(1, n), k)]


def _spans(n: int, chosen: Sequence[tuple[int, int]]) -> bool:
    return all(any((u in side) != (v in side) for u, v in chosen) for side in _cuts(n))


def _is_minimum_spanning_tree(graph: Graph, v: Sequence[Any]) -> Any:
    """n − 1 distinct edge indices that connect every vertex, of least total weight."""
    import z3

    n, edges = graph
    tree = entries(v, n - 1)
    least = min(
        sum(edges[i][2] for i in subset)
        for subset in itertools.combinations(range(len(edges)), n - 1)
        if _spans(n, [edges[i][:2] for i in subset])
    )
    used = [z3.Or([x == i for x in tree]) for i in range(len(edges))]
    crossed = [
        z3.Or([used[i] for i, (a, b, _) in enumerate(edges) if (a in side) != (b in side)])
        for side in _cuts(n)
    ]
    weight = z3.Sum([z3.If(used[i], w, 0) for i, (_, _, w) in enumerate(edges)])
    return z3.And(
        v[0] == n - 1,
        z3.Distinct(*tree),
        *(z3.And(x >= 0, x < len(edges)) for x in tree),
        *crossed,
        weight == least,
    )


SPECIFICATION = gaps.Specification(
    instances=small_graphs,
    variables=lambda graph: int_list_variables("tree", graph[0]),
    valid=_is_minimum_spanning_tree,
    decode=lambda graph, values: decode_int_list(values),
    # One edge short to one too many, through an index m that does not exist.
    domain=lambda graph, v: int_list_domain(v, lengths_near(graph[0] - 1), 0, len(graph[1])),
)


FAMILY = gaps.Family(
    name="minimum_spanning_tree",
    domain="graphs",
    summary="Kruskal (m log m) vs checking the cycle property of the tree (m log n).",
    sample=sample,
    generate={"kruskal": kruskal},
    verify={"cycle_property": gaps.witness(cycle_property), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n*log(n)",
        verify={"cycle_property": "n*log(n)", "recompute": "n*log(n)"},
        sign={"cycle_property": "neutral", "recompute": "neutral"},
        reference="Kruskal 1956; Tarjan 1983 (cycle property); King 1997 (linear verification)",
    ),
    references=("Kruskal 1956", "Tarjan 1983", "Komlos 1985", "King 1997"),
    tags=("graphs", "spanning-tree", "textbook"),
    units=("steps", "time"),
    sizes=(125, 250, 500, 1000, 2000, 4000, 8000, 16000),
    spec=SPECIFICATION,
)

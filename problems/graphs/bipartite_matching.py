"""Bipartite matching: Hopcroft–Karp vs checking a König vertex cover of equal size.

Problem: a random bipartite graph ``(n, edges)`` with n vertices on each side and
m = 3n distinct edges ``(u, v)``, u a left vertex and v a right vertex, both in
0..n−1. The output is a maximum matching, a sorted tuple of edges. A bipartite graph
from a file is an instance too: sides from networkx's ``bipartite`` node attribute (0
left), else a 2-colouring; numbered by ``gaps.formats.to_edges``; odd cycles refused.

Gap: generation is the Hopcroft–Karp algorithm (phases of a BFS from the free left
vertices and vertex-disjoint shortest augmenting paths found by DFS): O(m √n) in the
worst case (Hopcroft & Karp 1973), and O(m log n) with high probability on random
graphs (Motwani 1994; Bast, Mehlhorn, Schäfer & Tamaki 2006). It is a readable Python
implementation that ticks one step per edge examined. It returns, as a certificate,
a minimum vertex cover built by König's construction: with Z the vertices reachable
from the free left vertices by alternating paths, the cover is (L \\ Z) ∪ (R ∩ Z).
The ``konig`` verifier (certified) checks in O(n + m) that the matching is a set of
graph edges with distinct endpoints, that the cover touches every edge, and that
both have the same size: every matching is at most every cover (each matched edge
needs its own cover vertex), so equality proves the matching maximum (König 1931).
The ``recompute`` verifier (compare) checks the matching is valid and as large as one
it computes itself with Hopcroft–Karp: sound, but never cheaper than generating.

Costs: steps (ticked in both sides' Python code) and time. Expected: generation
m log n on these random graphs (the theory declared; m √n in the worst case),
verification linear: positive gap either way, but by a climb of a fraction of a bit
per doubling, which three instances a size (the cost varies by a third between graphs)
barely tell from a settling ratio: the default sizes step by about √2 up to 16000 so
that the curve has points enough; ``recompute`` neutral, its extra linear check fading.

References: König 1931; Hopcroft & Karp 1973; Motwani 1994; Bast, Mehlhorn,
Schäfer & Tamaki 2006.

>>> import random, gaps
>>> fam = gaps.get("bipartite_matching")
>>> graph = fam.sample(50, random.Random(1))
>>> matching, cover = fam.generate["hopcroft_karp"](graph, gaps.Meter())
>>> fam.verify["konig"].fn(graph, matching, cover, gaps.Meter())
True
>>> fam.verify["konig"].fn(graph, matching[1:], cover, gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

import networkx as nx
from gaps.problems._graphs import graph_of

import gaps
from gaps.formats import to_edges

#: Edges per vertex of one side.
DEGREE = 3

Graph = tuple[int, list[tuple[int, int]]]


def sample(size: int, rng: random.Random) -> Graph:
    n = max(size, 2)
    pairs: set[tuple[int, int]] = set()
    target = min(DEGREE * n, n * n)
    while len(pairs) < target:
        pairs.add((rng.randrange(n), rng.randrange(n)))
    edges = sorted(pairs)
    rng.shuffle(edges)
    return n, edges


#: What an instance is.
INSTANCE = (
    "a pair (n, edges) of a bipartite graph, edges (u, v) joining left vertex u to right "
    "vertex v, both ints in 0..n-1, or a bipartite networkx graph (as gaps.formats reads one)"
)


def _graph(graph: Any, role: str) -> Graph:
    """The instance as ``(n, edges)``; a networkx graph is split into its two sides."""
    if not isinstance(graph, nx.Graph):
        n, edges = graph_of(graph, "bipartite_matching", role, INSTANCE)
        return n, edges
    try:
        nodes, edges, labels = to_edges(graph, directed=False)
    except gaps.InvalidArgument as exc:
        raise gaps.wrong_instance("bipartite_matching", role, graph, INSTANCE, str(exc)) from None
    side = _sides(graph, labels, edges)
    for u, v in edges:
        if side[u] == side[v]:
            reason = (
                f"the edge {labels[u]!r:.40}-{labels[v]!r:.40} joins two vertices of one side "
                "(the graph has an odd cycle, or its 'bipartite' node attributes say so)"
            )
            raise gaps.wrong_instance("bipartite_matching", role, graph, INSTANCE, reason)
    index, counts = [0] * nodes, [0, 0]
    for v in range(nodes):
        index[v] = counts[side[v]]
        counts[side[v]] += 1
    pairs = [(u, v) if side[u] == 0 else (v, u) for u, v in edges]
    return max(counts, default=0), [(index[u], index[v]) for u, v in pairs]


def _sides(graph: nx.Graph, labels: Sequence[Any], edges: list[tuple[Any, ...]]) -> list[int]:
    """Each vertex's side (0 left, 1 right): networkx's ``bipartite`` node attribute when
    every node has one, else a 2-colouring with each component's first vertex on the left."""
    marks = [graph.nodes[label].get("bipartite") for label in labels]
    if all(type(mark) is int and mark in (0, 1) for mark in marks):
        return marks
    adjacent: list[list[int]] = [[] for _ in labels]
    for u, v in edges:
        adjacent[u].append(v)
        adjacent[v].append(u)
    side = [-1] * len(labels)
    for root in range(len(labels)):
        if side[root] < 0:
            side[root], stack = 0, [root]
            while stack:
                u = stack.pop()
                for v in adjacent[u]:
                    if side[v] < 0:
                        side[v] = 1 - side[u]
                        stack.append(v)
    return side


def hopcroft_karp(graph: Graph, meter: gaps.Meter) -> gaps.Certified:
    n, edges = _graph(graph, "generator 'hopcroft_karp'")
    adjacency: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        meter.tick()
        adjacency[u].append(v)
    mate_left, mate_right = [-1] * n, [-1] * n
    infinity = n + 1
    while True:
        # BFS from the free left vertices over alternating paths.
        dist = [infinity] * n
        queue = deque(u for u in range(n) if mate_left[u] < 0)
        for u in queue:
            dist[u] = 0
        shortest = infinity
        while queue:
            u = queue.popleft()
            if dist[u] >= shortest:
                continue
            for v in adjacency[u]:
                meter.tick()
                w = mate_right[v]
                if w < 0:
                    shortest = min(shortest, dist[u] + 1)
                elif dist[w] == infinity:
                    dist[w] = dist[u] + 1
                    queue.append(w)
        if shortest == infinity:
            break
        # DFS for vertex-disjoint shortest augmenting paths (iterative).
        pointer = [0] * n
        for root in range(n):
            if mate_left[root] >= 0 or dist[root] != 0:
                continue
            stack, via = [root], list[int]()
            while stack:
                u = stack[-1]
                if pointer[u] == len(adjacency[u]):
                    dist[u] = infinity  # dead end for this phase
                    stack.pop()
                    if via:
                        via.pop()
                    continue
                meter.tick()
                v = adjacency[u][pointer[u]]
                pointer[u] += 1
                w = mate_right[v]
                if w < 0 and dist[u] + 1 == shortest:
                    via.append(v)
                    for x, y in zip(stack, via, strict=True):
                        meter.tick()
                        mate_left[x], mate_right[y] = y, x
                    break
                if w >= 0 and dist[w] == dist[u] + 1:
                    via.append(v)
                    stack.append(w)
    # König: Z = vertices reachable from free left vertices by alternating paths.
    seen_left, seen_right = [False] * n, [False] * n
    queue = deque(u for u in range(n) if mate_left[u] < 0)
    for u in queue:
        seen_left[u] = True
    while queue:
        u = queue.popleft()
        for v in adjacency[u]:
            meter.tick()
            if not seen_right[v]:
                seen_right[v] = True
                w = mate_right[v]
                if w >= 0 and not seen_left[w]:
                    seen_left[w] = True
                    queue.append(w)
    matching = tuple((u, mate_left[u]) for u in range(n) if mate_left[u] >= 0)
    cover = (
        tuple(u for u in range(n) if not seen_left[u]),
        tuple(v for v in range(n) if seen_right[v]),
    )
    return gaps.Certified(matching, cover)


def _vertices(side: Any, n: int) -> set[int] | None:
    if not isinstance(side, (tuple, list)) or not all(type(v) is int and 0 <= v < n for v in side):
        return None
    return set(side)


def _is_matching(graph: Graph, matching: Any, meter: gaps.Meter) -> bool:
    """Whether ``matching`` is a set of graph edges with pairwise distinct endpoints."""
    _, edges = graph
    edge_set = set(edges)
    meter.tick(len(edges))
    if not isinstance(matching, (tuple, list)):
        return False
    left, right = set(), set()
    for pair in matching:
        meter.tick()
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            return False
        u, v = pair
        if type(u) is not int or type(v) is not int or (u, v) not in edge_set:
            return False
        if u in left or v in right:
            return False
        left.add(u)
        right.add(v)
    return True


def konig(graph: Graph, matching: Any, cover: Any, meter: gaps.Meter) -> bool:
    n, edges = graph = _graph(graph, "verifier 'konig'")
    if not _is_matching(graph, matching, meter):
        return False
    if not isinstance(cover, (tuple, list)) or len(cover) != 2:
        return False
    cover_left, cover_right = _vertices(cover[0], n), _vertices(cover[1], n)
    if cover_left is None or cover_right is None:
        return False
    for u, v in edges:
        meter.tick()
        if u not in cover_left and v not in cover_right:
            return False
    return len(cover_left) + len(cover_right) == len(matching)


def recompute(graph: Graph, matching: Any, meter: gaps.Meter) -> bool:
    """Imitation: run Hopcroft–Karp again and compare the sizes of the two matchings."""
    graph = _graph(graph, "verifier 'recompute'")
    if not _is_matching(graph, matching, meter):
        return False
    return len(matching) == len(hopcroft_karp(graph, meter).output)


def corrupt(graph: Graph, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Drop one matched edge (a smaller, non-maximum matching) or match a non-edge."""
    n, edges = graph
    matching, cover = result
    if matching and rng.random() < 0.7:
        bad = list(matching)
        del bad[rng.randrange(len(bad))]
        return gaps.Certified(tuple(bad), cover)
    edge_set = set(edges)
    used_left = {u for u, _ in matching}
    used_right = {v for _, v in matching}
    for u in range(n):
        for v in range(n):
            if (u, v) not in edge_set and u not in used_left and v not in used_right:
                return gaps.Certified((*matching, (u, v)), cover)
    return gaps.Certified((*matching, (n, n)), cover)  # out of range: rejected too


def small_graphs(bound: int) -> Iterator[Graph]:
    """Every bipartite graph with 1 to min(``bound``, 2) vertices a side.

    Larger sides are left out: the candidates (a matching among all n² pairs and a
    cover of both sides) number 2^(n² + 2n), 32768 per graph at n = 3.

    >>> len(list(small_graphs(2)))
    18
    """
    for n in range(1, min(bound, 2) + 1):
        pairs = [(u, v) for u in range(n) for v in range(n)]
        for chosen in itertools.product((False, True), repeat=len(pairs)):
            yield n, [p for p, keep in zip(pairs, chosen, strict=True) if keep]


def _variables(graph: Graph) -> list[Any]:
    """One bool per pair (u, v), edge or not, saying whether the matching holds it,
    then one per left and per right vertex saying whether the cover holds it."""
    import z3

    n = graph[0]
    pairs = [z3.Bool(f"m{u}_{v}") for u, v in itertools.product(range(n), repeat=2)]
    return [*pairs, *(z3.Bool(f"l{u}") for u in range(n)), *(z3.Bool(f"r{v}") for v in range(n))]


def _konig_pair(graph: Graph, v: Sequence[Any]) -> Any:
    """The matching uses edges with distinct endpoints, the cover covers every edge,
    and both have the same size (so both are optimal, by König's theorem)."""
    import z3

    n, edges = graph
    pairs = list(itertools.product(range(n), repeat=2))
    match = dict(zip(pairs, v, strict=False))
    left, right = v[n * n : n * n + n], v[n * n + n :]
    only_edges = [z3.Not(match[p]) for p in pairs if p not in set(edges)]
    one_each = [z3.AtMost(*(match[u, w] for w in range(n)), 1) for u in range(n)]
    one_each += [z3.AtMost(*(match[w, u] for w in range(n)), 1) for u in range(n)]
    covered = [z3.Or(left[a], right[b]) for a, b in edges]
    size = z3.Sum([z3.If(x, 1, 0) for x in v[: n * n]])
    cover = z3.Sum([z3.If(x, 1, 0) for x in v[n * n :]])
    return z3.And(*only_edges, *one_each, *covered, size == cover)


def _decode(graph: Graph, values: Sequence[Any]) -> gaps.Certified:
    n = graph[0]
    pairs = list(itertools.product(range(n), repeat=2))
    matching = [p for p, used in zip(pairs, values, strict=False) if used]
    left = tuple(u for u in range(n) if values[n * n + u])
    right = tuple(u for u in range(n) if values[n * n + n + u])
    return gaps.Certified(matching, (left, right))


SPECIFICATION = gaps.Specification(
    instances=small_graphs, variables=_variables, valid=_konig_pair, decode=_decode
)


FAMILY = gaps.Family(
    name="bipartite_matching",
    domain="graphs",
    summary="Hopcroft–Karp maximum matching vs checking a König cover of equal size.",
    sample=sample,
    generate={"hopcroft_karp": hopcroft_karp},
    verify={"konig": gaps.certified(konig), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n*log(n)",
        verify={"konig": "n", "recompute": "n*log(n)"},
        sign={"konig": "positive", "recompute": "neutral"},
        reference="Motwani 1994; Bast, Mehlhorn, Schäfer and Tamaki 2006; König 1931",
    ),
    references=("König 1931", "Hopcroft and Karp 1973", "Motwani 1994", "Bast et al. 2006"),
    tags=("graphs", "matching", "certificate", "duality", "textbook"),
    units=("steps", "time"),
    spec=SPECIFICATION,
    sizes=(250, 350, 500, 700, 1000, 1400, 2000, 2800, 4000, 5600, 8000, 11300, 16000),
)

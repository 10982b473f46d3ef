"""Graph attacks: greedy cliques from every vertex, degree statistics, DSATUR colouring,
greedy independent sets, covers and dominating sets, and colour refinement for isomorphism."""

from __future__ import annotations

from typing import Any

from gaps.search.attack import Attack


def _adjacency(n: int, edges: Any, meter: Any) -> list[set[int]]:
    adj: list[set[int]] = [set() for _ in range(n)]
    for u, v in edges:
        meter.tick()
        if u != v:
            adj[u].add(v)
            adj[v].add(u)
    return adj


def greedy_clique(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """From every start vertex, add the candidate with most neighbours among candidates.

    >>> import gaps
    >>> greedy_clique((4, ((0, 1), (1, 2), (0, 2), (2, 3)), 3), gaps.Meter())
    (0, 1, 2)
    """
    n, edges, k = graph
    adj = _adjacency(n, edges, meter)
    for start in range(n):
        clique, candidates = [start], set(adj[start])
        while candidates and len(clique) < k:
            meter.tick(len(candidates))
            best = max(sorted(candidates), key=lambda v: len(adj[v] & candidates))
            clique.append(best)
            candidates &= adj[best]
        if len(clique) >= k:
            return tuple(sorted(clique[:k]))
    return None


def degree_clique(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """Keep the highest-degree vertices, then peel the least connected one until a clique.

    Planting a clique raises its members' degrees, which is what this reads.

    >>> import gaps
    >>> degree_clique((4, ((0, 1), (1, 2), (0, 2), (2, 3)), 3), gaps.Meter())
    (0, 1, 2)
    """
    n, edges, k = graph
    adj = _adjacency(n, edges, meter)
    kept = set(sorted(range(n), key=lambda v: (-len(adj[v]), v))[: 2 * k])
    while len(kept) > k:
        meter.tick(len(kept))
        kept.remove(min(sorted(kept), key=lambda v: len(adj[v] & kept)))
    return tuple(sorted(kept)) if len(kept) == k else None


def dsatur(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """DSATUR: colour the vertex seeing most colours first, with its least free colour.

    >>> import gaps
    >>> dsatur((3, ((0, 1), (1, 2)), 2), gaps.Meter())
    (1, 0, 1)
    """
    n, edges, k = graph
    adj = _adjacency(n, edges, meter)
    colour: list[int | None] = [None] * n
    seen: list[set[int]] = [set() for _ in range(n)]
    for _ in range(n):
        meter.tick(n)
        v = max(
            (u for u in range(n) if colour[u] is None),
            key=lambda u: (len(seen[u]), len(adj[u]), -u),
        )
        free = next((c for c in range(k) if c not in seen[v]), None)
        if free is None:
            return None
        colour[v] = free
        for u in adj[v]:
            meter.tick()
            seen[u].add(free)
    return tuple(c for c in colour if c is not None)


def greedy_independent_set(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """Take a least-degree vertex and drop its neighbours, until k are taken.

    >>> import gaps
    >>> greedy_independent_set((3, ((0, 1), (1, 2)), 2), gaps.Meter())
    (0, 2)
    """
    n, edges, k = graph
    adj = _adjacency(n, edges, meter)
    left, chosen = set(range(n)), list[int]()
    while left and len(chosen) < k:
        meter.tick(len(left))
        v = min(sorted(left), key=lambda u: len(adj[u] & left))
        chosen.append(v)
        left -= adj[v] | {v}
    return tuple(sorted(chosen)) if len(chosen) == k else None


def greedy_vertex_cover(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """Take a highest-degree vertex until every edge is covered; None past k vertices.

    >>> import gaps
    >>> greedy_vertex_cover((3, ((0, 1), (1, 2)), 1), gaps.Meter())
    (1,)
    """
    n, edges, k = graph
    adj = _adjacency(n, edges, meter)
    cover: list[int] = []
    while any(adj) and len(cover) <= k:
        meter.tick(n)
        v = max(range(n), key=lambda u: (len(adj[u]), -u))
        cover.append(v)
        for u in adj[v]:
            adj[u].discard(v)
        adj[v] = set()
    return tuple(sorted(cover)) if len(cover) <= k else None


def greedy_dominating_set(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """Take the vertex dominating most undominated vertices until all are; None past k.

    The greedy choice is within a factor ln(n) of the smallest dominating set (Johnson
    1974), which is enough where a planted set is the only small one.

    >>> import gaps
    >>> greedy_dominating_set((5, ((0, 1), (0, 2), (3, 4)), 2), gaps.Meter())
    (0, 3)
    """
    n, edges, k = graph
    adj = _adjacency(n, edges, meter)
    left, chosen = set(range(n)), list[int]()
    while left and len(chosen) < k:
        meter.tick(n)
        v = max(range(n), key=lambda u: (len((adj[u] | {u}) & left), -u))
        chosen.append(v)
        left -= adj[v] | {v}
    return None if left else tuple(sorted(chosen))


def _refine(adjs: list[list[set[int]]], colours: list[list[int]], meter: Any) -> list[list[int]]:
    """Colour refinement (1-dimensional Weisfeiler-Leman) of several graphs at once."""
    while True:
        signatures = [
            [(c[v], tuple(sorted(c[u] for u in adj[v]))) for v in range(len(adj))]
            for adj, c in zip(adjs, colours, strict=True)
        ]
        meter.tick(sum(len(a) + sum(len(s) for s in a) for a in adjs))
        palette = {s: i for i, s in enumerate(sorted({s for sig in signatures for s in sig}))}
        refined = [[palette[s] for s in sig] for sig in signatures]
        if len(palette) == len({x for c in colours for x in c}):
            return refined
        colours = refined


def colour_refinement(pair: Any, meter: Any) -> tuple[int, ...] | None:
    """Weisfeiler-Leman refinement, individualising one vertex pair at a time.

    >>> import gaps
    >>> colour_refinement(((3, ((0, 1), (1, 2))), (3, ((2, 0), (0, 1)))), gaps.Meter())
    (1, 0, 2)
    """
    (n, e1), (m, e2) = pair
    if n != m:
        return None
    adjs = [_adjacency(n, e1, meter), _adjacency(n, e2, meter)]
    colours = _refine(adjs, [[0] * n, [0] * n], meter)
    while True:
        if sorted(colours[0]) != sorted(colours[1]):
            return None
        classes: dict[int, list[int]] = {}
        for v, c in enumerate(colours[0]):
            classes.setdefault(c, []).append(v)
        shared = [c for c, vs in sorted(classes.items()) if len(vs) > 1]
        if not shared:
            where = {c: v for v, c in enumerate(colours[1])}
            return tuple(where[c] for c in colours[0])
        c = shared[0]
        a = colours[0].index(c)
        b = colours[1].index(c)
        fresh = max(max(colours[0]), max(colours[1])) + 1
        colours[0][a] = colours[1][b] = fresh
        colours = _refine(adjs, colours, meter)


ATTACKS = (
    Attack("greedy_clique", "clique", greedy_clique),
    Attack("degree_clique", "clique", degree_clique),
    Attack("dsatur", "colouring", dsatur),
    Attack("greedy_independent_set", "independent_set", greedy_independent_set),
    Attack("greedy_vertex_cover", "vertex_cover", greedy_vertex_cover),
    Attack("greedy_dominating_set", "dominating_set", greedy_dominating_set),
    Attack("colour_refinement", "isomorphism", colour_refinement),
)

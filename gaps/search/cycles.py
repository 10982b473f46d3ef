"""Hamiltonian-cycle attack: Pósa's rotation and extension, from a few fixed starts.

A longest path is grown greedily; when its end has no unvisited neighbour, a neighbour
``p[i]`` of the end ``p[-1]`` rotates the path into ``p[:i+1] + reversed(p[i+1:])``,
whose new end may extend. A Hamiltonian path whose ends are adjacent closes the cycle,
and rotations keep looking for such a path. On random graphs above the connectivity
threshold this finds a Hamiltonian cycle in polynomial time with high probability
(Pósa 1976; Angluin and Valiant 1979), which is what a planted cycle in a dense
enough graph offers.
"""

from __future__ import annotations

import random
from typing import Any

from gaps.search.attack import Attack

#: Rotations tried per vertex before a start is given up.
ROTATIONS_PER_VERTEX = 20
#: Starts (seeded) before the attack gives up.
STARTS = 3


def posa(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """A Hamiltonian cycle by rotation and extension, or None within the budget.

    >>> import gaps
    >>> cycle = posa((5, ((0, 2), (2, 4), (4, 1), (1, 3), (3, 0), (0, 1))), gaps.Meter())
    >>> sorted(cycle), len(cycle)
    ([0, 1, 2, 3, 4], 5)
    """
    n, edges = graph[0], graph[1]
    adj: list[set[int]] = [set() for _ in range(n)]
    for u, v in edges:
        meter.tick()
        if u != v:
            adj[u].add(v)
            adj[v].add(u)
    if n < 3 or any(len(a) < 2 for a in adj):
        return None
    rng = random.Random(0)
    for _ in range(STARTS):
        path = [rng.randrange(n)]
        where = {path[0]: 0}
        for _ in range(ROTATIONS_PER_VERTEX * n):
            end = path[-1]
            meter.tick(len(adj[end]))
            fresh = [v for v in adj[end] if v not in where]
            if fresh:
                nxt = min(fresh, key=lambda v: (len(adj[v] - where.keys()), v))
                where[nxt] = len(path)
                path.append(nxt)
                continue
            if len(path) == n and path[0] in adj[end]:
                return tuple(path)
            # Rotate at a random neighbour of the end (not the one before it).
            pivots = [v for v in adj[end] if v != path[-2]] if len(path) > 1 else []
            if not pivots:
                break
            i = where[rng.choice(sorted(pivots))]
            path[i + 1 :] = reversed(path[i + 1 :])
            meter.tick(len(path) - i)
            for j in range(i + 1, len(path)):
                where[path[j]] = j
    return None


ATTACKS = (Attack("posa_rotation", "hamiltonian", posa),)

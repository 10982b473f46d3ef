"""Spectral attacks (numpy): planted cliques and colourings read off eigenvectors.

A planted k-clique shifts the adjacency matrix's top eigenvectors towards its members
(Alon, Krivelevich and Sudakov 1998); a planted k-colouring puts its classes apart
in the eigenvectors of the k - 1 smallest eigenvalues (Alon and Kahale 1997). Each
attack reads a guess off the spectrum, then repairs it locally; the eigendecomposition
is charged n**3 steps.
"""

from __future__ import annotations

from typing import Any

from gaps.search.attack import Attack

#: Rounds of min-conflicts repair per vertex after the spectral guess of a colouring.
REPAIR_ROUNDS = 10


def _matrix(n: int, edges: Any, meter: Any) -> Any:
    import numpy as np

    a = np.zeros((n, n))
    for u, v in edges:
        meter.tick()
        if u != v:
            a[u, v] = a[v, u] = 1.0
    return a


def spectral_clique(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """Alon–Krivelevich–Sudakov: the k heaviest vertices of a top eigenvector, the
    vertices with 3k/4 neighbours among them, peeled to a clique and grown to k.

    >>> import gaps
    >>> spectral_clique((5, ((0, 1), (1, 2), (0, 2), (2, 3), (3, 4)), 3), gaps.Meter())
    (0, 1, 2)
    """
    import numpy as np

    n, edges, k = graph
    if k > n or k < 1:
        return None
    a = _matrix(n, edges, meter)
    meter.tick(max(1, n**3))
    _, vectors = np.linalg.eigh(a)
    for col in range(n - 1, max(-1, n - 3), -1):
        heavy = np.argsort(-np.abs(vectors[:, col]), kind="stable")[:k]
        meter.tick(n * k)
        near = a[:, heavy].sum(axis=1)
        kept = {int(v) for v in np.flatnonzero(near >= 0.75 * k)}
        while kept and any(a[u, v] == 0 for u in kept for v in kept if u < v):
            meter.tick(len(kept) ** 2)
            kept.remove(min(sorted(kept), key=lambda v: a[v, sorted(kept)].sum()))
        common = [v for v in range(n) if v not in kept and all(a[v, u] for u in kept)]
        while len(kept) < k and common:
            meter.tick(len(common))
            best = max(common, key=lambda v: (a[v, common].sum(), -v))
            kept.add(best)
            common = [v for v in common if v != best and a[v, best]]
        if len(kept) >= k:
            return tuple(sorted(kept)[:k])
    return None


def _repair(adj: list[list[int]], colour: list[int], k: int, meter: Any) -> bool:
    """Min-conflicts: recolour the first conflicted vertex to its least-conflicting colour.

    Each vertex's count of same-coloured neighbours is kept up to date, so a round
    costs the recoloured vertex's degree, not a scan of every edge.
    """
    n = len(adj)
    clashes = [sum(colour[u] == colour[v] for u in adj[v]) for v in range(n)]
    meter.tick(n + sum(len(a) for a in adj))
    bad = {v for v in range(n) if clashes[v]}
    for _ in range(REPAIR_ROUNDS * n):
        if not bad:
            return True
        v = min(bad)
        counts = [0] * k
        for u in adj[v]:
            counts[colour[u]] += 1
        meter.tick(len(bad) + len(adj[v]) + k)
        old = colour[v]
        new = min(range(k), key=lambda c: (counts[c], c == old, c))
        if new == old:
            continue
        colour[v] = new
        for u in adj[v]:
            if colour[u] in (old, new):
                clashes[u] += 1 if colour[u] == new else -1
                (bad.add if clashes[u] else bad.discard)(u)
        meter.tick(len(adj[v]))
        clashes[v] = counts[new]
        (bad.add if clashes[v] else bad.discard)(v)
    return False


def spectral_colouring(graph: Any, meter: Any) -> tuple[int, ...] | None:
    """Cluster the eigenvectors of the k - 1 smallest eigenvalues, then repair.

    >>> import gaps
    >>> spectral_colouring((4, ((0, 1), (1, 2), (2, 3), (3, 0)), 2), gaps.Meter())
    (0, 1, 0, 1)
    """
    import numpy as np

    n, edges, k = graph
    if n == 0 or k < 1:
        return None
    a = _matrix(n, edges, meter)
    meter.tick(max(1, n**3))
    _, vectors = np.linalg.eigh(a)
    points = vectors[:, : max(1, k - 1)]
    # k-means (Lloyd) seeded by farthest-point choice: deterministic.
    centres = [points[0]]
    while len(centres) < k:
        gaps_ = np.min([np.sum((points - c) ** 2, axis=1) for c in centres], axis=0)
        centres.append(points[int(np.argmax(gaps_))])
    centre = np.array(centres)
    for _ in range(20):
        meter.tick(n * k)
        label = np.argmin(((points[:, None, :] - centre[None, :, :]) ** 2).sum(axis=2), axis=1)
        for c in range(k):
            if np.any(label == c):
                centre[c] = points[label == c].mean(axis=0)
    adj: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        if u != v:
            adj[u].append(v)
            adj[v].append(u)
    colour = [int(c) for c in label]
    return tuple(colour) if _repair(adj, colour, k, meter) else None


def belief_propagation(graph: Any, meter: Any, rounds: int = 30) -> tuple[int, ...] | None:
    """Belief propagation for k-colouring, argmax marginals, then min-conflicts repair.

    A message u -> v is u's distribution over colours without v; it forbids v the
    colours u is sure of. Damped, from a fixed random start, with a growing
    reinforcement of each vertex's own marginal (Braunstein, Mulet, Pagnani, Weigt and
    Zecchina 2003; Braunstein and Zecchina 2006).

    >>> import gaps
    >>> belief_propagation((3, ((0, 1), (1, 2)), 2), gaps.Meter())
    (1, 0, 1)
    """
    import numpy as np

    n, edges, k = graph
    if n == 0 or k < 1:
        return None
    pairs = sorted({(u, v) for a, b in edges if a != b for u, v in ((a, b), (b, a))})
    if not pairs:
        return (0,) * n
    src = np.array([u for u, _ in pairs])
    dst = np.array([v for _, v in pairs])
    index = {e: i for i, e in enumerate(pairs)}
    reverse = np.array([index[(v, u)] for u, v in pairs])
    rng = np.random.default_rng(0)
    msg = rng.dirichlet(np.ones(k), size=len(pairs))
    field = np.zeros((n, k))
    for t in range(rounds):
        meter.tick(len(pairs) * k)
        # log of prod over w -> u of (1 - msg[w -> u](c)), for every u, plus the
        # reinforcement field that breaks the symmetry between colour permutations
        logs = np.log(np.clip(1.0 - msg, 1e-12, None))
        total = np.zeros((n, k))
        np.add.at(total, dst, logs)
        total += field
        # the message u -> v excludes v -> u's factor
        out = total[src] - logs[reverse]
        out = np.exp(out - out.max(axis=1, keepdims=True))
        out /= out.sum(axis=1, keepdims=True)
        msg = 0.5 * msg + 0.5 * out
        field += 0.05 * t * (total - total.max(axis=1, keepdims=True))
    colour = [int(c) for c in np.argmax(total, axis=1)]
    adj: list[list[int]] = [[] for _ in range(n)]
    for u, v in pairs:
        adj[u].append(v)
    return tuple(colour) if _repair(adj, colour, k, meter) else None


ATTACKS = (
    Attack("spectral_clique", "clique", spectral_clique),
    Attack("spectral_colouring", "colouring", spectral_colouring),
    Attack("belief_propagation", "colouring", belief_propagation),
)

"""Maximum flow: Dinic's algorithm vs checking a flow against a cut of equal capacity.

Problem: a capacitated grid network ``(n, source, sink, arcs)``, the shape of the
max-flow problems of image segmentation (Boykov & Kolmogorov 2004): a k × k grid,
k = round(√size), with arcs both ways between neighbours, the source joined to every
vertex of the left column and the right column joined to the sink; every arc
``(u, v, c)`` has a random capacity c in [1, 100]. Grid vertices are 0..k²−1, the
source is k², the sink k² + 1; the arcs are listed in random order. The output is
the pair ``(value, flows)`` with one flow per arc. A file's graph is an instance as
``(graph, source, sink)`` (``gaps.formats.to_edges``; integral ``capacity`` per edge).

Gap: generation is Dinic's algorithm (BFS level graph, blocking flow by DFS with
current-arc pointers), a readable Python implementation ticking one step per arc
examined. It returns, as a certificate, the source side of a minimum cut: the vertices
still reachable from the source in the final residual graph. ``min_cut`` (certified)
checks in O(n + m) that the flow respects capacities, is conserved at every vertex other
than the source and sink, has net outflow ``value`` at the source, and that the arcs
leaving the cut side have total capacity ``value``: by weak duality (every flow is at
most every cut's capacity) the flow is then maximum (Ford & Fulkerson 1956).
``recompute`` (compare) checks the flow's feasibility and runs Dinic again to compare
the value: neutral by construction.

Costs: steps (ticked in both sides' Python code) and time. Generation is superlinear,
certified verification linear: positive. The worst case O(n² m) is far from what these
networks cost: each phase costs O(m) plus the augmenting paths' lengths, and phases
number at most the distinct source–sink distances, which start at the grid side
k = √n; the declared n^(3/2) (about √n phases of linear cost) is that expectation, not
a theorem. Sparse random digraphs need few phases, a gap too small to classify.

References: Ford & Fulkerson 1956; Dinitz 1970; Goldberg & Tarjan 1988; Ahuja,
Magnanti & Orlin 1993, ch. 6–7; Boykov & Kolmogorov 2004.

>>> import random, gaps
>>> fam = gaps.get("max_flow")
>>> network = fam.sample(60, random.Random(1))
>>> (value, flows), cut = fam.generate["dinic"](network, gaps.Meter())
>>> fam.verify["min_cut"].fn(network, (value, flows), cut, gaps.Meter())
True
>>> fam.verify["min_cut"].fn(network, (value + 1, flows), cut, gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from typing import Any

from gaps.problems._graphs import network_of

import gaps

#: The largest capacity.
MAX_CAPACITY = 100

Network = tuple[int, int, int, list[tuple[int, int, int]]]


def sample(size: int, rng: random.Random) -> Network:
    k = max(2, round(size**0.5))
    source, sink = k * k, k * k + 1

    def capacity() -> int:
        return rng.randint(1, MAX_CAPACITY)

    arcs = []
    for row in range(k):
        for column in range(k):
            v = row * k + column
            if column + 1 < k:
                arcs += [(v, v + 1, capacity()), (v + 1, v, capacity())]
            if row + 1 < k:
                arcs += [(v, v + k, capacity()), (v + k, v, capacity())]
        arcs += [(source, row * k, capacity()), (row * k + k - 1, sink, capacity())]
    rng.shuffle(arcs)
    return k * k + 2, source, sink, arcs


def _dinic(network: Network, meter: gaps.Meter) -> tuple[int, list[int], list[int]]:
    """(value, flow per arc, source side of a minimum cut)."""
    n, s, t, arcs = network
    head: list[int] = []
    residual: list[int] = []
    out: list[list[int]] = [[] for _ in range(n)]
    for u, v, c in arcs:  # arc 2i is arc i forward, 2i + 1 its reverse
        meter.tick()
        out[u].append(len(head))
        head.append(v)
        residual.append(c)
        out[v].append(len(head))
        head.append(u)
        residual.append(0)
    value = 0
    while True:
        level = [-1] * n
        level[s] = 0
        queue = deque([s])
        while queue:
            u = queue.popleft()
            for e in out[u]:
                meter.tick()
                if residual[e] and level[head[e]] < 0:
                    level[head[e]] = level[u] + 1
                    queue.append(head[e])
        if level[t] < 0:
            break
        pointer = [0] * n
        while True:  # blocking flow: repeated DFS along level arcs, iteratively
            path: list[int] = []
            u = s
            while u != t:
                edges = out[u]
                while pointer[u] < len(edges):
                    meter.tick()
                    e = edges[pointer[u]]
                    if residual[e] and level[head[e]] == level[u] + 1:
                        break
                    pointer[u] += 1
                if pointer[u] == len(edges):  # dead end: retreat
                    level[u] = -1
                    if not path:
                        break
                    u = head[path.pop() ^ 1]
                    pointer[u] += 1
                    continue
                path.append(edges[pointer[u]])
                u = head[path[-1]]
            if u != t:
                break
            pushed = min(residual[e] for e in path)
            meter.tick(len(path))
            for e in path:
                residual[e] -= pushed
                residual[e ^ 1] += pushed
            value += pushed
    flows = [residual[2 * i + 1] for i in range(len(arcs))]
    side = [v for v in range(n) if level[v] >= 0]
    meter.tick(n)
    return value, flows, side


#: What an instance is.
INSTANCE = (
    "a tuple (n, source, sink, arcs) of a network on vertices 0..n-1, arcs (u, v, c) of ints "
    "with c >= 0, or (graph, source, sink) of a networkx graph (as gaps.formats reads one, an "
    "undirected edge an arc each way) with a 'capacity' on every edge and two of its nodes"
)


def _network(network: Any, role: str) -> Network:
    n, (s, t), arcs = network_of(
        network, "max_flow", role, INSTANCE, terminals=2, attribute="capacity", least=0
    )
    if s == t:
        raise gaps.wrong_instance("max_flow", role, network, INSTANCE, "the source is the sink")
    return n, s, t, arcs


def dinic(network: Network, meter: gaps.Meter) -> gaps.Certified:
    value, flows, side = _dinic(_network(network, "generator 'dinic'"), meter)
    return gaps.Certified((value, flows), side)


def _feasible(network: Network, result: Any, meter: gaps.Meter) -> bool:
    """The flow respects capacities and conservation, with net outflow ``value`` at s."""
    n, s, t, arcs = network
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return False
    value, flows = result
    if type(value) is not int or not isinstance(flows, (tuple, list)) or len(flows) != len(arcs):
        return False
    excess = [0] * n
    for (u, v, c), f in zip(arcs, flows, strict=True):
        meter.tick()
        if type(f) is not int or not 0 <= f <= c:
            return False
        excess[u] -= f
        excess[v] += f
    meter.tick(n)
    if any(excess[v] for v in range(n) if v not in (s, t)):
        return False
    return -excess[s] == value


def min_cut(network: Network, result: Any, side: Any, meter: gaps.Meter) -> bool:
    _, s, t, arcs = network = _network(network, "verifier 'min_cut'")
    if not _feasible(network, result, meter):
        return False
    if not isinstance(side, (tuple, list)) or not all(type(v) is int for v in side):
        return False
    cut = set(side)
    if s not in cut or t in cut:
        return False
    capacity = 0
    for u, v, c in arcs:
        meter.tick()
        if u in cut and v not in cut:
            capacity += c
    return capacity == result[0]


def recompute(network: Network, result: Any, meter: gaps.Meter) -> bool:
    network = _network(network, "verifier 'recompute'")
    if not _feasible(network, result, meter):
        return False
    return _dinic(network, meter)[0] == result[0]


def corrupt(network: Network, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Claim a larger value, or take one unit of flow off one arc (breaking conservation)."""
    (value, flows), side = result
    carrying = [i for i, f in enumerate(flows) if f > 0]
    if not carrying or rng.random() < 0.5:
        return gaps.Certified((value + rng.randint(1, 5), list(flows)), side)
    bad = list(flows)
    bad[rng.choice(carrying)] -= 1
    return gaps.Certified((value, bad), side)


def small_networks(bound: int) -> list[Network]:
    """An arc and its reverse and, from ``bound`` 2, a path with a bypass (unit capacities:
    each candidate flow is one of few)."""
    networks: list[Network] = [(2, 0, 1, [(0, 1, 1), (1, 0, 1)])]
    bypass = (3, 0, 2, [(0, 1, 1), (1, 2, 1), (0, 2, 1)])
    return networks + ([bypass] if bound >= 2 else [])


def _flow_variables(network: Network) -> list[Any]:
    """The claimed value, a flow per arc, and a Bool per vertex: is it on the source side?"""
    import z3

    n, _, _, arcs = network
    flows = [z3.Int(f"flow{i}") for i in range(len(arcs))]
    return [z3.Int("value"), *flows, *(z3.Bool(f"side{v}") for v in range(n))]


def _flows_near(network: Network, v: Sequence[Any]) -> Any:
    """Flows from -1 to one past each capacity, values from 0 to the total capacity."""
    import z3

    _, _, _, arcs = network
    flows = v[1 : 1 + len(arcs)]
    in_range = [z3.And(f >= -1, f <= c + 1) for f, (_, _, c) in zip(flows, arcs, strict=True)]
    total = sum(c for _, _, c in arcs)
    return z3.And(v[0] >= 0, v[0] <= total, *in_range)


def _is_maximum_with_cut(network: Network, v: Sequence[Any]) -> Any:
    """A feasible flow of the claimed value, and a cut (s in, t out) of that capacity."""
    import z3

    n, s, t, arcs = network
    value, flows, side = v[0], v[1 : 1 + len(arcs)], v[1 + len(arcs) :]
    fits = [z3.And(f >= 0, f <= c) for f, (_, _, c) in zip(flows, arcs, strict=True)]

    def net_out(x: int) -> Any:
        terms = [
            f if u == x else -f for f, (u, w, _) in zip(flows, arcs, strict=True) if x in (u, w)
        ]
        return z3.Sum(terms) if terms else z3.IntVal(0)

    conserved = [net_out(x) == 0 for x in range(n) if x not in (s, t)]
    capacity = z3.Sum([z3.If(z3.And(side[u], z3.Not(side[w])), c, 0) for u, w, c in arcs])
    return z3.And(
        *fits, *conserved, net_out(s) == value, side[s], z3.Not(side[t]), capacity == value
    )


def _decode(network: Network, values: Sequence[Any]) -> gaps.Certified:
    m = len(network[3])
    side = [x for x, on in enumerate(values[1 + m :]) if on]
    return gaps.Certified((values[0], list(values[1 : 1 + m])), side)


SPECIFICATION = gaps.Specification(
    instances=small_networks,
    variables=_flow_variables,
    valid=_is_maximum_with_cut,
    decode=_decode,
    domain=_flows_near,
)


FAMILY = gaps.Family(
    name="max_flow",
    domain="graphs",
    summary="Dinic's maximum flow on a grid vs checking the flow against a cut of equal capacity.",
    sample=sample,
    generate={"dinic": dinic},
    verify={"min_cut": gaps.certified(min_cut), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**(3/2)",
        verify={"min_cut": "n", "recompute": "n**(3/2)"},
        sign={"min_cut": "positive", "recompute": "neutral"},
        reference="Dinitz 1970; Ford and Fulkerson 1956 (max-flow min-cut duality)",
    ),
    references=(
        "Ford and Fulkerson 1956",
        "Dinitz 1970",
        "Goldberg and Tarjan 1988",
        "Ahuja, Magnanti and Orlin 1993",
    ),
    tags=("graphs", "flow", "certificate", "duality", "textbook"),
    units=("steps", "time"),
    sizes=(50, 100, 200, 400, 800, 1600),
    spec=SPECIFICATION,
)

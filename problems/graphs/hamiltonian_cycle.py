"""Hamiltonian cycle: plant a cycle in a sparse random graph vs decide Hamiltonicity.

Problem: the instance ``(n, seed)`` asks for a Hamiltonian graph on 0..n−1. The
generator draws a cycle through all vertices in a random order and adds 0.75 n
random extra edges (average degree 3.5), returning the shuffled edge list with the
cycle (a vertex order) as certificate.

Gap: planting is O(n). The ``decide`` verifier (blind) decides Hamiltonicity with
CaDiCaL on a compact encoding with lazy subtour elimination: one variable per arc
(each edge in both directions), exactly one arc out of and into each vertex, no
2-cycles; while a model is a union of several disjoint cycles, a clause "some arc
leaves S" is added for each of its cycles S and the solver is called again
(incrementally). Subtour clauses hold for every Hamiltonian cycle, so "no" is a
sound refutation. Hamiltonicity is NP-complete (Karp 1972). The ``check`` verifier
(certified) reads the cycle once: a permutation of the vertices whose consecutive
pairs (cyclically) are edges, O(n + m). Signs: blind negative, certified neutral.

Leakage: the planting is not hidden. Vertices of degree 2 (a fraction about e^(−1.5):
extra-edge degrees are about Poisson(1.5)) force both their edges into every
Hamiltonian cycle, and forced edges propagate; a hidden Hamiltonian cycle in a random
graph of large enough constant average degree is found in polynomial time w.h.p.
(Broder, Frieze & Shamir 1994), and random graphs of minimum degree 3 are Hamiltonian
w.h.p. and solved in polynomial average time (Bollobás, Fenner & Frieze 1987). So the
blind side is expected to grow polynomially, faster than the linear planting.

Costs: ``decide`` in time only (CaDiCaL's counters are reported); planting and
``check`` tick their steps.

References: Karp 1972; Bollobás, Fenner & Frieze 1987; Broder, Frieze & Shamir 1994;
Biere et al. 2020 (CaDiCaL).

>>> import random, gaps
>>> fam = gaps.get("hamiltonian_cycle")
>>> spec = fam.sample(40, random.Random(1))
>>> edges, cycle = fam.generate["plant"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, edges, cycle, gaps.Meter())
True
>>> bad, _ = fam.corrupt(spec, gaps.Certified(edges, cycle), random.Random(2))
>>> fam.verify["decide"].fn(spec, bad, gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from typing import Any

from gaps.problems._graphs import size_and_seed
from gaps.problems._sat import hamiltonian_cycle

import gaps

#: Extra random edges per vertex, on top of the planted cycle.
EXTRA = 0.75

Spec = tuple[int, int]


def sample(size: int, rng: random.Random) -> Spec:
    return max(size, 5), rng.getrandbits(64)


def plant(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, seed = size_and_seed(spec, "hamiltonian_cycle", "generator 'plant'", 3)
    rng = random.Random(seed)
    cycle = list(range(n))
    rng.shuffle(cycle)
    pairs = {(min(a, b), max(a, b)) for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True)}
    meter.tick(n)
    target = min(n + round(EXTRA * n), n * (n - 1) // 2)
    while len(pairs) < target:
        meter.tick()
        u, v = rng.sample(range(n), 2)
        pairs.add((min(u, v), max(u, v)))
    edges = sorted(pairs)
    rng.shuffle(edges)
    meter.tick(len(edges))
    return gaps.Certified(edges, cycle)


def _edge_set(n: int, edges: Any, meter: gaps.Meter) -> set[tuple[int, int]] | None:
    """The edges of a simple graph on 0..n-1 as (min, max) pairs, or None."""
    if not isinstance(edges, (list, tuple)):
        return None
    found = set()
    for edge in edges:
        meter.tick()
        if not isinstance(edge, (list, tuple)) or len(edge) != 2:
            return None
        u, v = edge
        if type(u) is not int or type(v) is not int or not (0 <= u < n and 0 <= v < n) or u == v:
            return None
        found.add((min(u, v), max(u, v)))
    return found if len(found) == len(edges) else None


def decide(spec: Spec, edges: Any, meter: gaps.Meter) -> bool:
    n = size_and_seed(spec, "hamiltonian_cycle", "verifier 'decide'", 3)[0]
    pairs = _edge_set(n, edges, meter)
    return pairs is not None and hamiltonian_cycle(n, pairs, meter) is not None


def check(spec: Spec, edges: Any, cycle: Any, meter: gaps.Meter) -> bool:
    n = size_and_seed(spec, "hamiltonian_cycle", "verifier 'check'", 3)[0]
    pairs = _edge_set(n, edges, meter)
    if pairs is None or not isinstance(cycle, (list, tuple)) or len(cycle) != n:
        return False
    seen = [False] * n
    for v in cycle:
        meter.tick()
        if type(v) is not int or not 0 <= v < n or seen[v]:
            return False
        seen[v] = True
    for i in range(n):
        meter.tick()
        u, v = cycle[i - 1], cycle[i]
        if (min(u, v), max(u, v)) not in pairs:
            return False
    return True


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Cut a vertex down to one edge: it lies on no cycle, so the graph is not Hamiltonian."""
    edges, cycle = result
    v = rng.randrange(spec[0])
    incident = [e for e in edges if v in e]
    keep = rng.choice(incident)
    return gaps.Certified([e for e in edges if v not in e or e == keep], cycle)


def small_specs(bound: int) -> list[Spec]:
    """Every vertex count from 3 to ``bound`` + 2 (the seed plays no part in deciding)."""
    return [(n, 0) for n in range(3, bound + 3)]


def _pairs(spec: Spec) -> list[tuple[int, int]]:
    return list(itertools.combinations(range(spec[0]), 2))


def _edge_variables(spec: Spec) -> list[Any]:
    """One Bool per vertex pair: every simple graph on n vertices is one candidate."""
    import z3

    return [z3.Bool(f"edge{u}_{v}") for u, v in _pairs(spec)]


def _is_hamiltonian(spec: Spec, v: Sequence[Any]) -> Any:
    """Some cyclic order of the n vertices has every consecutive pair as an edge."""
    import z3

    edge = dict(zip(_pairs(spec), v, strict=True))
    orders = [(0, *rest) for rest in itertools.permutations(range(1, spec[0]))]
    return z3.Or(
        [
            z3.And([edge[min(a, b), max(a, b)] for a, b in zip(c, c[1:] + c[:1], strict=True)])
            for c in orders
        ]
    )


SPECIFICATION = gaps.Specification(
    instances=small_specs,
    variables=_edge_variables,
    valid=_is_hamiltonian,
    decode=lambda spec, values: [p for p, on in zip(_pairs(spec), values, strict=True) if on],
)


def _cycle_variables(spec: Spec) -> list[Any]:
    """The graph's edges, the cycle's length, then n + 1 vertex slots."""
    import z3

    n = spec[0]
    return [*_edge_variables(spec), z3.Int("length"), *(z3.Int(f"at{i}") for i in range(n + 1))]


def _cycles_near(spec: Spec, v: Sequence[Any]) -> Any:
    """Lengths from n - 1 to n + 1; vertices from -1 (Python's last) to n in the used
    slots, zero past them."""
    import z3

    n, m = spec[0], len(_pairs(spec))
    length, slots = v[m], v[m + 1 :]
    used = [z3.If(i < length, z3.And(x >= -1, x <= n), x == 0) for i, x in enumerate(slots)]
    return z3.And(length >= n - 1, length <= n + 1, *used)


def _is_hamiltonian_cycle(spec: Spec, v: Sequence[Any]) -> Any:
    """The cycle lists each of the n vertices once, and each two consecutive ones (the
    last and the first too) are joined by an edge of the graph."""
    import z3

    n, m = spec[0], len(_pairs(spec))
    edge = dict(zip(_pairs(spec), v[:m], strict=True))
    length, order = v[m], v[m + 1 : m + 1 + n]

    def joined(a: Any, b: Any) -> Any:
        ends = [
            (z3.Or(z3.And(a == x, b == y), z3.And(a == y, b == x)), on)
            for (x, y), on in edge.items()
        ]
        return z3.Or([z3.And(on, both) for both, on in ends])

    ranged = [z3.And(x >= 0, x < n) for x in order]
    steps = [joined(order[i - 1], order[i]) for i in range(n)]
    return z3.And(length == n, z3.Distinct(*order), *ranged, *steps)


def _decode_cycle(spec: Spec, values: Sequence[Any]) -> gaps.Certified:
    m = len(_pairs(spec))
    edges = [p for p, on in zip(_pairs(spec), values[:m], strict=True) if on]
    return gaps.Certified(edges, list(values[m + 1 : m + 1 + values[m]]))


#: The certified check's relation: the graph with a cycle through every vertex.
CHECK_SPECIFICATION = gaps.Specification(
    # Three and four vertices: each Hamiltonian graph comes with 2n listings of each of
    # its cycles, and every candidate within one change of them; on five vertices they
    # are too many for the budget.
    instances=lambda bound: small_specs(min(bound, 3) - 1),
    variables=_cycle_variables,
    valid=_is_hamiltonian_cycle,
    decode=_decode_cycle,
    domain=_cycles_near,
    verifier="check",
    near=lambda spec: 1,
)


FAMILY = gaps.Family(
    name="hamiltonian_cycle",
    domain="graphs",
    summary="Plant a Hamiltonian cycle (O(n)) vs decide Hamiltonicity blind or check the cycle.",
    sample=sample,
    generate={"plant": plant},
    verify={"decide": gaps.blind(decide), "check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify={"decide": "n**2", "check": "n"},
        sign={"decide": "negative", "check": "neutral"},
        reference="Karp 1972; Broder, Frieze and Shamir 1994 (hidden cycles are easy)",
    ),
    references=(
        "Karp 1972",
        "Bollobas, Fenner and Frieze 1987",
        "Broder, Frieze and Shamir 1994",
        "Biere et al. 2020",
    ),
    tags=("graphs", "hamiltonian", "planted", "np-complete", "solver"),
    units={"decide": ("time",), "check": ("steps", "time")},
    sizes={
        "decide": (50, 70, 100, 140, 200, 280, 400, 560, 800, 1130, 1600),
        "check": (50, 100, 200, 400, 800, 1600),
    },
    spec=(SPECIFICATION, CHECK_SPECIFICATION),
)

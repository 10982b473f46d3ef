"""Maximum cut: an exact max cut by enumeration vs checking a cut's value.

Problem: a random graph ``(n, edges)`` with n vertices and m = 2n distinct edges
(average degree 4). The output is ``(sides, value)``: a side (0 or 1) for each
vertex and the number of edges between the two sides, which the generator claims is
the maximum over all partitions.

Gap: ``enumerate`` walks all 2ⁿ⁻¹ partitions (the last vertex fixed on side 0) in
Gray-code order, so each step flips one vertex and updates the cut value from its
neighbours' sides: O(2ⁿ · deg) time, one step per flip and per neighbour read. This is
a readable textbook search, labelled as such: max cut is NP-hard (Karp 1972), the
best worst-case bound for it is O(2^{ωn/3}) (Williams 2005), and practical exact
solvers use branch and bound with semidefinite bounds (BiqMac, Rendl, Rinaldi &
Wiegele 2010), none of which is available here.

What can be verified, honestly:

- ``cut`` (witness) checks that ``sides`` is a 0/1 list of length n and that the
  claimed value is the number of cut edges: O(n + m). It does **not** check
  maximality: its gap is that of checking a claimed cut, not a maximum one (the
  corruptor's wrong values are caught; a smaller cut with its true value is not).
- ``recompute`` (compare) also recomputes the maximum by enumeration and requires
  the value to equal it: the only sound maximality check here; neutral gap.
- No grade is offered: a score against the Goemans–Williamson SDP bound (1995) needs
  an SDP solver, and value / m says little, since a random partition cuts half the
  edges and the maximum fraction varies from graph to graph.

Costs: steps (ticked in both sides' Python code) and time. Expected: generation
2ⁿ (the degree is constant), ``cut`` n (positive, for the weaker property),
``recompute`` 2ⁿ (neutral).

References: Karp 1972; Goemans & Williamson 1995; Williams 2005; Rendl, Rinaldi &
Wiegele 2010.

>>> import random, gaps
>>> fam = gaps.get("max_cut")
>>> graph = fam.sample(8, random.Random(1))
>>> sides, value = fam.generate["enumerate"](graph, gaps.Meter())
>>> fam.verify["recompute"].fn(graph, (sides, value), gaps.Meter())
True
>>> fam.verify["cut"].fn(graph, (sides, value + 1), gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from gaps.problems._candidates import (
    decode_int_list,
    entries,
    int_list_domain,
    int_list_variables,
    lengths_near,
)

import gaps

#: Edges per vertex.
DENSITY = 2

Graph = tuple[int, tuple[tuple[int, int], ...]]


def sample(size: int, rng: random.Random) -> Graph:
    n = max(size, 3)
    m = min(DENSITY * n, n * (n - 1) // 2)
    edges: set[tuple[int, int]] = set()
    while len(edges) < m:
        u, v = rng.sample(range(n), 2)
        edges.add((min(u, v), max(u, v)))
    return n, tuple(sorted(edges))


def _maximum(graph: Graph, meter: gaps.Meter) -> tuple[list[int], int]:
    n, edges = graph
    adjacent: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        meter.tick()
        adjacent[u].append(v)
        adjacent[v].append(u)
    sides = [0] * n
    value, best, best_sides = 0, 0, list(sides)
    for step in range(1, 1 << (n - 1)):
        v = (step & -step).bit_length() - 1  # the bit that flips in Gray-code order
        side = sides[v]
        same = 0
        meter.tick(len(adjacent[v]) + 1)
        for w in adjacent[v]:
            same += sides[w] == side
        value += 2 * same - len(adjacent[v])
        sides[v] = 1 - side
        if value > best:
            best, best_sides = value, list(sides)
    return best_sides, best


def enumerate_cuts(graph: Graph, meter: gaps.Meter) -> tuple[list[int], int]:
    return _maximum(graph, meter)


def _value(graph: Graph, answer: object, meter: gaps.Meter) -> int | None:
    """The cut's value if ``answer`` is (0/1 sides, claimed value matching it)."""
    n, edges = graph
    if not isinstance(answer, tuple) or len(answer) != 2:
        return None
    sides, claimed = answer
    if not isinstance(sides, list) or len(sides) != n or type(claimed) is not int:
        return None
    meter.tick(n + len(edges))
    if not all(type(s) is int and s in (0, 1) for s in sides):
        return None
    value = sum(sides[u] != sides[v] for u, v in edges)
    return value if value == claimed else None


def cut(graph: Graph, answer: object, meter: gaps.Meter) -> bool:
    return _value(graph, answer, meter) is not None


def recompute(graph: Graph, answer: object, meter: gaps.Meter) -> bool:
    value = _value(graph, answer, meter)
    return value is not None and value == _maximum(graph, meter)[1]


def corrupt(
    graph: Graph, answer: tuple[list[int], int], rng: random.Random
) -> tuple[list[int], int]:
    """Move a vertex whose move changes the cut but keep the old value, or overstate it."""
    n, edges = graph
    sides, value = answer
    if rng.random() < 0.5:
        for v in rng.sample(range(n), n):
            bad = list(sides)
            bad[v] = 1 - bad[v]
            if sum(bad[a] != bad[b] for a, b in edges) != value:
                return bad, value
    return list(sides), value + rng.randint(1, 3)


def small_graphs(bound: int) -> list[Graph]:
    """An edge, a path, a triangle and, from ``bound`` 4, a 4-cycle with a chord."""
    graphs: list[Graph] = [(2, ((0, 1),)), (3, ((0, 1), (1, 2))), (3, ((0, 1), (0, 2), (1, 2)))]
    return graphs + ([(4, ((0, 1), (0, 2), (1, 2), (1, 3), (2, 3)))] if bound >= 4 else [])


def _cut_variables(graph: Graph) -> list[Any]:
    import z3

    return [*int_list_variables("side", graph[0] + 1), z3.Int("claimed")]


def _is_cut(graph: Graph, v: Sequence[Any]) -> Any:
    """n sides in {0, 1}, and the claimed value is the number of edges across."""
    import z3

    n, edges = graph
    sides = entries(v, n)
    across = z3.Sum([z3.If(sides[a] != sides[b], 1, 0) for a, b in edges])
    return z3.And(v[0] == n, *(z3.Or(s == 0, s == 1) for s in sides), v[-1] == across)


def _answers_near(graph: Graph, v: Sequence[Any]) -> Any:
    """One side short to one too many, a side 2 that does not exist, values 0 to m + 1."""
    import z3

    n, m = graph[0], len(graph[1])
    sides = int_list_domain(v[:-1], lengths_near(n), 0, 2)
    return z3.And(sides, v[-1] >= 0, v[-1] <= m + 1)


SPECIFICATION = gaps.Specification(
    instances=small_graphs,
    variables=_cut_variables,
    valid=_is_cut,
    decode=lambda graph, values: (decode_int_list(values[:-1]), values[-1]),
    domain=_answers_near,
)


FAMILY = gaps.Family(
    name="max_cut",
    domain="optimization",
    summary="Exact max cut by Gray-code enumeration vs checking a cut's value or recomputing.",
    sample=sample,
    generate={"enumerate": enumerate_cuts},
    verify={"cut": gaps.witness(cut), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n",
        verify={"cut": "n", "recompute": "2**n"},
        sign={"cut": "positive", "recompute": "neutral"},
        reference="Karp 1972; Williams 2005",
    ),
    references=(
        "Karp 1972",
        "Goemans and Williamson 1995",
        "Williams 2005",
        "Rendl, Rinaldi and Wiegele 2010",
    ),
    tags=("optimization", "np-hard", "graphs", "textbook", "compare-only"),
    units=("steps", "time"),
    sizes=(8, 10, 12, 14, 16, 18, 20),
    spec=SPECIFICATION,
)

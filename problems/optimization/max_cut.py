"""Maximum cut: an exact max cut by MaxSAT (RC2) or enumeration vs checking a cut's value.

Problem: a random graph ``(n, edges)`` with n vertices and m = 2n distinct edges
(average degree 4); a graph read from a file is an instance too, numbered by
``gaps.formats.to_edges``. The output is ``(sides, value)``: a side (0 or 1) for each
vertex and the number of edges between the two sides, which the generator claims is
the maximum over all partitions.

Gap: ``rc2`` solves max cut as MaxSAT with python-sat's RC2 (Ignatiev, Morgado &
Marques-Silva 2019; core-guided, CaDiCaL as its oracle): per edge the soft clauses
(x_u ∨ x_v) and (¬x_u ∨ ¬x_v), of which a cut edge satisfies both and an uncut one
exactly one, so the minimum cost is the number of uncut edges. The best exact method
at hand (NP-hard, Karp 1972; best worst-case bound O(2^{ωn/3}), Williams 2005; SDP
branch and bound, BiqMac, is not available). ``enumerate`` is a readable textbook
search, labelled as such: all 2ⁿ⁻¹ partitions in Gray-code order, one step per flip
and per neighbour read when updating the cut value.

- ``cut`` (witness) checks that ``sides`` is a 0/1 list of length n and that the
  claimed value is the number of cut edges: O(n + m), positive. It does **not**
  check maximality: its gap is that of checking a claimed cut, not a maximum one.
- ``recompute`` (compare, by enumeration) and ``maxsat`` (compare, by RC2) recompute
  the maximum and require the value to equal it: the only sound maximality checks
  here, each paired with the generator of its own method; neutral (2ⁿ both sides).
- No grade: a score against the Goemans–Williamson SDP bound (1995) needs an SDP
  solver, and value / m says little (a random partition cuts half the edges).

Costs: steps (ticked in the textbook pairings' Python code) and time; time only for
RC2's. Generation grows as 2ⁿ (the degree is constant).

References: Karp 1972; Goemans & Williamson 1995; Williams 2005; Rendl, Rinaldi &
Wiegele 2010; Ignatiev, Morgado & Marques-Silva 2019 (RC2).

>>> import random, gaps
>>> fam = gaps.get("max_cut")
>>> graph = fam.sample(8, random.Random(1))
>>> sides, value = fam.generate["rc2"](graph, gaps.Meter())
>>> fam.verify["maxsat"].fn(graph, (sides, value), gaps.Meter())
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
from gaps.problems._graphs import FROM_FILE, graph_of
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF

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


#: What an instance is.
INSTANCE = (
    "a pair (n, edges) of a graph on vertices 0..n-1, edges pairs (u, v) of ints, " + FROM_FILE
)


def _graph(graph: Any, role: str) -> Graph:
    n, edges = graph_of(graph, "max_cut", role, INSTANCE)
    return n, tuple(edges)


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
    return _maximum(_graph(graph, "generator 'enumerate'"), meter)


def _maximum_by_maxsat(graph: Graph) -> tuple[list[int], int]:
    """RC2 on two soft clauses per edge: the cost is the number of uncut edges."""
    n, edges = graph
    wcnf = WCNF()
    for u, v in edges:
        wcnf.append([u + 1, v + 1], weight=1)
        wcnf.append([-u - 1, -v - 1], weight=1)
    with RC2(wcnf, solver="cd19") as rc2:
        model = rc2.compute() or []
        cost = rc2.cost
    true = {x for x in model if x > 0}
    return [int(v + 1 in true) for v in range(n)], len(edges) - cost


def maxsat(graph: Graph, meter: gaps.Meter) -> tuple[list[int], int]:
    return _maximum_by_maxsat(_graph(graph, "generator 'rc2'"))


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
    return _value(_graph(graph, "verifier 'cut'"), answer, meter) is not None


def recompute(graph: Graph, answer: object, meter: gaps.Meter) -> bool:
    graph = _graph(graph, "verifier 'recompute'")
    value = _value(graph, answer, meter)
    return value is not None and value == _maximum(graph, meter)[1]


def recompute_by_maxsat(graph: Graph, answer: object, meter: gaps.Meter) -> bool:
    graph = _graph(graph, "verifier 'maxsat'")
    value = _value(graph, answer, meter)
    return value is not None and value == _maximum_by_maxsat(graph)[1]


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
    summary="Exact max cut by MaxSAT (RC2) or enumeration vs checking a cut or recomputing.",
    sample=sample,
    generate={"rc2": maxsat, "enumerate": enumerate_cuts},
    verify={
        "cut": gaps.witness(cut),
        "maxsat": gaps.compare(recompute_by_maxsat),
        "recompute": gaps.compare(recompute),
    },
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n",
        verify={"cut": "n", "recompute": "2**n", "maxsat": "2**n"},
        sign={"cut": "positive", "recompute": "neutral", "maxsat": "neutral"},
        reference="Karp 1972; Williams 2005",
    ),
    references=(
        "Karp 1972",
        "Goemans and Williamson 1995",
        "Williams 2005",
        "Rendl, Rinaldi and Wiegele 2010",
        "Ignatiev, Morgado and Marques-Silva 2019",
    ),
    tags=("optimization", "np-hard", "graphs", "textbook", "compare-only"),
    units={
        "rc2/cut": ("time",),
        "rc2/maxsat": ("time",),
        "enumerate/cut": ("steps", "time"),
        "enumerate/recompute": ("steps", "time"),
    },
    pairings=(("rc2", "cut"), ("rc2", "maxsat"), ("enumerate", "cut"), ("enumerate", "recompute")),
    # RC2 solves up to 20 vertices in under a millisecond, its start-up cost: its
    # pairings go on to 64, where its search grows past that.
    sizes={
        "rc2/cut": (16, 24, 32, 40, 48, 56, 64),
        "rc2/maxsat": (16, 24, 32, 40, 48, 56, 64),
        "enumerate/cut": (8, 10, 12, 14, 16, 18, 20),
        "enumerate/recompute": (8, 10, 12, 14, 16, 18, 20),
    },
    spec=SPECIFICATION,
    not_best_known={
        "enumerate": "textbook Gray-code enumeration; RC2 (MaxSAT) is the exact method at hand",
        "recompute": "recounts by textbook enumeration; maxsat recounts with RC2",
    },
)

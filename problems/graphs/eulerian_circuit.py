"""Eulerian circuit: Hierholzer's algorithm vs walking the circuit handed in.

Problem: a random connected multigraph ``(n, edges)`` with all degrees even: the
union of a cycle through all n vertices in a random order (which makes it
connected) and random cycles of 3–10 distinct vertices until m ≥ 2n edges (average
degree about 4; parallel edges may occur, loops do not). The output is an Eulerian
circuit, the list of the m + 1 vertices it visits (first = last). A graph read from a
file is an instance too, its vertices numbered by ``gaps.formats.to_edges``; one
without an Eulerian circuit is refused (``wrong_instance``), never answered with a walk.

Gap: generation is Hierholzer's algorithm (iterative, with a pointer per vertex and
a used flag per edge): O(n + m), one tick per edge examined. Witness verification
walks the circuit once: each consecutive pair of vertices must consume one still
unused copy of an edge (a multiset of edges keyed by endpoints), the circuit must be
closed and have exactly m steps: O(n + m). Both sides are linear: **neutral**, the
gap is a constant factor (Hierholzer examines each edge from both ends).

Costs: steps (ticked in both sides' Python code) and time.

References: Euler 1736; Hierholzer & Wiener 1873; Fleischner 1990.

>>> import random, gaps
>>> fam = gaps.get("eulerian_circuit")
>>> graph = fam.sample(30, random.Random(1))
>>> circuit = fam.generate["hierholzer"](graph, gaps.Meter())
>>> len(circuit) == len(graph[1]) + 1
True
>>> fam.verify["walk"].fn(graph, circuit, gaps.Meter())
True
>>> fam.verify["walk"].fn(graph, circuit[::2], gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
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

#: Edges per vertex (average degree twice that).
DEGREE = 2
#: The longest extra cycle.
LONGEST = 10

Graph = tuple[int, list[tuple[int, int]]]


def _cycle(vertices: list[int]) -> list[tuple[int, int]]:
    return [(vertices[i - 1], vertices[i]) for i in range(len(vertices))]


def sample(size: int, rng: random.Random) -> Graph:
    n = max(size, 3)
    order = list(range(n))
    rng.shuffle(order)
    edges = _cycle(order)
    while len(edges) < DEGREE * n:
        edges += _cycle(rng.sample(range(n), rng.randint(3, min(n, LONGEST))))
    rng.shuffle(edges)
    return n, edges


#: What an instance is.
INSTANCE = (
    "a pair (n, edges) of a multigraph on vertices 0..n-1, edges pairs (u, v) of ints, " + FROM_FILE
)


def _graph(graph: Any, role: str) -> Graph:
    return graph_of(graph, "eulerian_circuit", role, INSTANCE)


def _no_circuit(graph: Any, reason: str) -> gaps.InvalidArgument:
    return gaps.wrong_instance(
        "eulerian_circuit",
        "generator 'hierholzer'",
        graph,
        "a graph with an Eulerian circuit: every degree even and every edge in one component",
        reason,
    )


def hierholzer(graph: Graph, meter: gaps.Meter) -> list[int]:
    n, edges = _graph(graph, "generator 'hierholzer'")
    incident: list[list[int]] = [[] for _ in range(n)]
    for i, (u, v) in enumerate(edges):
        meter.tick()
        incident[u].append(i)
        incident[v].append(i)
    odd = next((v for v in range(n) if len(incident[v]) % 2), None)
    if odd is not None:  # Hierholzer's splicing would hand back a walk that is no circuit
        raise _no_circuit(graph, f"vertex {odd} has odd degree {len(incident[odd])}")
    used = [False] * len(edges)
    pointer = [0] * n
    stack, circuit = [edges[0][0] if edges else 0], []
    while stack:
        u = stack[-1]
        while pointer[u] < len(incident[u]) and used[incident[u][pointer[u]]]:
            meter.tick()
            pointer[u] += 1
        if pointer[u] == len(incident[u]):
            circuit.append(stack.pop())
            continue
        meter.tick()
        i = incident[u][pointer[u]]
        used[i] = True
        a, b = edges[i]
        stack.append(b if a == u else a)
    if len(circuit) != len(edges) + 1:  # with even degrees, it closes in one component
        raise _no_circuit(graph, "its edges lie in more than one component")
    circuit.reverse()
    return circuit


def walk(graph: Graph, circuit: Any, meter: gaps.Meter) -> bool:
    n, edges = _graph(graph, "verifier 'walk'")
    if not isinstance(circuit, (list, tuple)) or len(circuit) != len(edges) + 1:
        return False
    if not all(type(v) is int and 0 <= v < n for v in circuit) or circuit[0] != circuit[-1]:
        return False
    unused: Counter[tuple[int, int]] = Counter()
    for u, v in edges:
        meter.tick()
        unused[(u, v) if u < v else (v, u)] += 1
    for u, v in pairwise(circuit):
        meter.tick()
        key = (u, v) if u < v else (v, u)
        if unused[key] <= 0:
            return False
        unused[key] -= 1
    return True


def corrupt(graph: Graph, circuit: list[int], rng: random.Random) -> list[int]:
    """Replace one inner vertex by another: two steps then use edges not in the graph's
    multiset (the edge multiset would only be unchanged through a loop, and there are none)."""
    n = graph[0]
    bad = list(circuit)
    i = rng.randrange(1, len(bad) - 1)
    bad[i] = (bad[i] + rng.randrange(1, n)) % n
    return bad


def small_graphs(bound: int) -> list[Graph]:
    """A doubled edge, a path (no circuit: every candidate is wrong) and, from
    ``bound`` 2, a triangle."""
    graphs: list[Graph] = [(2, [(0, 1), (1, 0)]), (3, [(0, 1), (1, 2)])]
    return graphs + ([(3, [(0, 1), (2, 1), (0, 2)])] if bound >= 2 else [])


def _is_circuit(graph: Graph, v: Sequence[Any]) -> Any:
    """m + 1 vertices, back at the start, whose steps use each edge as often as it occurs."""
    import z3

    n, edges = graph
    m = len(edges)
    walk = entries(v, m + 1)
    keys = Counter((min(a, b), max(a, b)) for a, b in edges)
    uses = [
        z3.Sum(
            [
                z3.If(z3.Or(z3.And(p == a, q == b), z3.And(p == b, q == a)), 1, 0)
                for p, q in pairwise(walk)
            ]
        )
        == count
        for (a, b), count in keys.items()
    ]
    on_graph = [z3.And(x >= 0, x < n) for x in walk]
    return z3.And(v[0] == m + 1, walk[0] == walk[-1], *on_graph, *uses)


SPECIFICATION = gaps.Specification(
    instances=small_graphs,
    variables=lambda graph: int_list_variables("walk", len(graph[1]) + 2),
    valid=_is_circuit,
    decode=lambda graph, values: decode_int_list(values),
    # Walks one step short to one too long, through a vertex n that does not exist.
    domain=lambda graph, v: int_list_domain(v, lengths_near(len(graph[1]) + 1), 0, graph[0]),
)


FAMILY = gaps.Family(
    name="eulerian_circuit",
    domain="graphs",
    summary="Hierholzer's Eulerian circuit vs walking it edge by edge (both linear).",
    sample=sample,
    generate={"hierholzer": hierholzer},
    verify={"walk": gaps.witness(walk)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify="n",
        sign="neutral",
        reference="Hierholzer and Wiener 1873; Fleischner 1990",
    ),
    references=("Euler 1736", "Hierholzer and Wiener 1873", "Fleischner 1990"),
    tags=("graphs", "euler", "textbook"),
    units=("steps", "time"),
    sizes=(500, 1000, 2000, 4000, 8000, 16000),
    spec=SPECIFICATION,
)

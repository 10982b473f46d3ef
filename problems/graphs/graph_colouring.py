"""Graph 3-colouring: find a proper 3-colouring (CaDiCaL) vs check one.

Problem: a uniformly random graph G(n, m) (networkx ``gnm_random_graph``) with
m = 2.2 n edges, average degree 4.4. That is below the 3-colourability threshold
(≈ 4.69, Krzakała, Pagnani & Weigt 2004), so most graphs are colourable, but inside
the window 4.42–4.69 where the survey-propagation analysis of Mulet, Pagnani, Weigt &
Zecchina (2002) places the clustered, hard phase. At degree 4 the instances are
still in the easy phase (a linear-time list-colouring algorithm colours them w.h.p.
up to degree 4.03, Achlioptas & Molloy 1997); CaDiCaL's cost grows linearly there,
so the gap would only be a constant factor.

Gap: generation encodes the graph in CNF (one variable per vertex and colour; "at
least one colour", "at most one colour", and "endpoints differ" clauses; the colours
of one edge fixed to break the colour symmetry) and solves it with CaDiCaL
(NP-complete: Garey, Johnson & Stockmeyer 1976). The output is a dict vertex → colour
in {0, 1, 2}, or ``None`` for "not 3-colourable". Witness verification reads every
vertex and edge once: O(n + m). A "no" has no short witness: the verifier then
re-decides with CaDiCaL, so it costs as much as generation on those instances (and on
a dishonest "no", which the corruptor produces half of the time).

Costs: time only (CaDiCaL is native). Expected: generation exponential in n at this
density, verification linear: positive gap. The exponential law is an expectation,
not a theorem: resolution (hence CDCL) needs exponential size to refute random graphs
above the threshold (Beame, Culberson, Mitchell & Moore 2005), while for colourable
graphs in the hard window it is conjectured, and over the sizes a survey can afford
a polynomial of high degree may fit the times as well as an exponential.

References: Garey, Johnson & Stockmeyer 1976; Achlioptas & Molloy 1997; Mulet,
Pagnani, Weigt & Zecchina 2002; Krzakała, Pagnani & Weigt 2004; Beame, Culberson,
Mitchell & Moore 2005; Biere et al. 2020 (CaDiCaL).

>>> import random, gaps
>>> fam = gaps.get("graph_colouring")
>>> graph = fam.sample(60, random.Random(1))
>>> colouring = fam.generate["cadical"](graph, gaps.Meter())
>>> fam.verify["check"].fn(graph, colouring, gaps.Meter())
True
>>> fam.verify["check"].fn(graph, {v: 0 for v in graph}, gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from typing import Any

import networkx as nx
from gaps.problems._sat import solve_cnf

import gaps

#: Average degree: below the colourability threshold 4.69, in the hard window from 4.42.
DEGREE = 4.4
COLOURS = 3


def sample(size: int, rng: random.Random) -> nx.Graph:
    return nx.gnm_random_graph(size, round(DEGREE * size / 2), seed=rng)


def _decide(graph: nx.Graph, meter: gaps.Meter) -> dict | None:
    """CaDiCaL's 3-colouring of ``graph``, or None when there is none."""
    index = {v: i for i, v in enumerate(graph)}

    def var(v: object, c: int) -> int:
        return COLOURS * index[v] + c + 1

    clauses = []
    for v in graph:
        clauses.append([var(v, c) for c in range(COLOURS)])
        clauses += [[-var(v, a), -var(v, b)] for a in range(COLOURS) for b in range(a)]
    for u, v in graph.edges():
        if u == v:
            return None  # a loop cannot be coloured
        clauses += [[-var(u, c), -var(v, c)] for c in range(COLOURS)]
    if graph.number_of_edges():  # symmetry breaking: fix the colours of one edge
        u, v = max(graph.edges(), key=lambda e: graph.degree(e[0]) + graph.degree(e[1]))
        clauses += [[var(u, 0)], [var(v, 1)]]
    found = solve_cnf(clauses, meter)
    if found is None:
        return None
    model = set(found)
    return {v: next(c for c in range(COLOURS) if var(v, c) in model) for v in graph}


def _graph(graph: Any, role: str) -> nx.Graph:
    if not isinstance(graph, nx.Graph):
        raise gaps.wrong_instance(
            "graph_colouring",
            role,
            graph,
            "a networkx graph (as gaps.formats.read_graphml and read_edgelist return); build "
            "one from edges with networkx.Graph(edges)",
        )
    return graph


def cadical(graph: nx.Graph, meter: gaps.Meter) -> dict | None:
    return _decide(_graph(graph, "generator 'cadical'"), meter)


def check(graph: nx.Graph, colouring: object, meter: gaps.Meter) -> bool:
    graph = _graph(graph, "verifier 'check'")
    if colouring is None:  # a "no": no short witness, so decide the graph again
        return _decide(graph, meter) is None
    if not isinstance(colouring, dict) or len(colouring) != graph.number_of_nodes():
        return False
    for v in graph:
        meter.tick()
        c = colouring.get(v)
        if type(c) is not int or not 0 <= c < COLOURS:
            return False
    for u, v in graph.edges():
        meter.tick()
        if colouring[u] == colouring[v]:
            return False
    return True


def corrupt(graph: nx.Graph, colouring: dict | None, rng: random.Random) -> dict | None:
    if colouring is None:  # not colourable: every colouring is wrong
        return {v: rng.randrange(COLOURS) for v in graph}
    if rng.random() < 0.5:
        return None  # a false "no", which the verifier can only refute by solving
    bad = dict(colouring)
    edges = list(graph.edges())
    if edges:
        u, v = rng.choice(edges)
        bad[u] = bad[v]  # a monochromatic edge
    elif bad:
        bad[rng.choice(list(bad))] = COLOURS  # out of range
    else:
        bad["extra"] = 0  # the empty graph: colour a vertex that does not exist
    return bad


def small_graphs(bound: int) -> Iterator[nx.Graph]:
    """Every graph on 1 to min(``bound``, 3) labelled vertices, then K4 and the
    4-cycle when ``bound`` >= 4 (K4 has no 3-colouring).

    >>> len(list(small_graphs(3)))
    11
    """
    for n in range(1, min(bound, 3) + 1):
        pairs = list(itertools.combinations(range(n), 2))
        for chosen in itertools.product((False, True), repeat=len(pairs)):
            graph = nx.empty_graph(n)
            graph.add_edges_from(p for p, keep in zip(pairs, chosen, strict=True) if keep)
            yield graph
    if bound >= 4:
        yield from (nx.complete_graph(4), nx.cycle_graph(4))


def _colours(graph: nx.Graph) -> list[Any]:
    import z3

    return [z3.Int(f"colour{v}") for v in graph]


def _domain(graph: nx.Graph, colours: Sequence[Any]) -> Any:
    """Colours from -1 to COLOURS: one out of range on either side."""
    import z3

    return z3.And(*(z3.And(c >= -1, c <= COLOURS) for c in colours))


def _proper(graph: nx.Graph, colours: Sequence[Any]) -> Any:
    import z3

    of = dict(zip(graph, colours, strict=True))
    in_range = [z3.And(c >= 0, c < COLOURS) for c in colours]
    return z3.And(*in_range, *(of[u] != of[v] for u, v in graph.edges()))


SPECIFICATION = gaps.Specification(
    instances=small_graphs,
    variables=_colours,
    valid=_proper,
    decode=lambda graph, values: dict(zip(graph, values, strict=True)),
    domain=_domain,
)


FAMILY = gaps.Family(
    name="graph_colouring",
    domain="graphs",
    summary="3-colour a random graph of average degree 4.4 (CaDiCaL) vs check the colouring.",
    sample=sample,
    generate={"cadical": cadical},
    verify={"check": gaps.witness(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**(n/150)",
        verify="n",
        sign="positive",
        reference="Garey, Johnson and Stockmeyer 1976; Mulet et al. 2002",
    ),
    references=(
        "Garey, Johnson and Stockmeyer 1976",
        "Achlioptas and Molloy 1997",
        "Krzakala, Pagnani and Weigt 2004",
        "Beame, Culberson, Mitchell and Moore 2005",
        "Mulet, Pagnani, Weigt and Zecchina 2002",
        "Biere et al. 2020 (CaDiCaL)",
    ),
    tags=("colouring", "np-complete", "solver", "random"),
    units=("time",),
    spec=SPECIFICATION,
    sizes=(100, 200, 400, 600, 800, 1000, 1200),
)

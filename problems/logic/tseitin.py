"""Tseitin formulas: refute them with CaDiCaL vs check the DRAT proof or solve the XORs.

Problem: a random 3-regular graph on n vertices (n even; networkx's pairing model)
with a charge bit on each vertex, the charges summing to 1 (odd). One variable per
edge; each vertex v says "the edges at v sum to charge(v) mod 2", written as the four
3-clauses that forbid the wrong parity. Summing all equations counts every edge twice,
so the formula is unsatisfiable. Any formula ``gaps.formats.to_clauses`` takes is an
instance too (``gauss``: XORs only).

Gap: generation is CaDiCaL with proof logging, answering ``"unsatisfiable"`` with its
DRAT proof as certificate. On expanders (random 3-regular graphs are, with high
probability) every resolution refutation has 2^Ω(n) clauses (Urquhart 1987; Ben-Sasson
& Wigderson 2001), so a CDCL solver without XOR reasoning is exponential. ``decide``
(blind) re-decides with CaDiCaL: the same work, neutral. ``drat`` (certified) checks the
proof forward (``problems/logic/_refutation.py``), ``backward`` (certified) backward and
core-first as drat-trim does (``problems/logic/_backward.py``): polynomial in an
exponential proof, neutral in theory. ``gauss`` (blind) reads the XORs back out of the
clauses (2^(k-1) clauses on k variables forbidding one parity, as CryptoMiniSat detects
them) and eliminates over GF(2) on bit-packed rows: O(n^3 / w), a cheap refutation.

Costs: ``decide`` and ``drat`` in propagations (literals whose watches unit propagation
scanned: CaDiCaL's counter on one side, the checker's on the other, free of timer noise
and of Python's constant factor) and time; ``gauss`` in time only. The DRUP check
re-derives every lemma from its negation, at a ratio to the search that creeps up with
n, so ``drat`` sits on the border between neutral and negative. CaDiCaL counts search
propagations only, not inprocessing's: generation's count is a lower bound.

References: Tseitin 1968; Urquhart 1987; Ben-Sasson & Wigderson 2001; Heule, Hunt &
Wetzler 2013 (DRAT); Soos, Nohl & Castelluccia 2009 (XOR recovery in CryptoMiniSat).

>>> import random, gaps
>>> fam = gaps.get("tseitin")
>>> spec = fam.sample(12, random.Random(1))
>>> answer, proof = fam.generate["cadical"](spec, gaps.Meter())
>>> answer
'unsatisfiable'
>>> fam.verify["drat"].fn(spec, answer, proof, gaps.Meter())
True
>>> fam.verify["drat"].fn(spec, answer, proof[:1], gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Sequence

import networkx as nx
from gaps.problems.logic import _backward, _refutation
from gaps.problems.logic._proof_spec import refutation_specification
from gaps.problems.logic._refutation import UNSAT, clauses_of, satisfies

import gaps

NAME = "tseitin"
Spec = tuple[int, list[list[int]]]


def sample(size: int, rng: random.Random) -> Spec:
    n = max(4, size + size % 2)
    graph = nx.random_regular_graph(3, n, seed=rng.getrandbits(32))
    charge = [rng.getrandbits(1) for _ in range(n)]
    if sum(charge) % 2 == 0:
        charge[rng.randrange(n)] ^= 1
    clauses = tseitin_clauses(graph, charge)
    for clause in clauses:
        rng.shuffle(clause)
    rng.shuffle(clauses)
    return n, clauses


def tseitin_clauses(graph: nx.Graph, charge: Sequence[int]) -> list[list[int]]:
    """The clauses saying that the edges at each vertex v sum to charge[v] mod 2.

    Edge i of ``graph.edges()`` is variable i + 1; vertices are 0..n-1.

    >>> len(tseitin_clauses(nx.complete_graph(4), [1, 0, 0, 0]))
    16
    """
    incident: list[list[int]] = [[] for _ in graph]
    for e, (u, v) in enumerate(graph.edges()):
        incident[u].append(e + 1)
        incident[v].append(e + 1)
    clauses = []
    for v, edges in enumerate(incident):
        for mask in range(1 << len(edges)):
            if bin(mask).count("1") % 2 != charge[v]:  # forbid this wrong-parity assignment
                clauses.append([-x if mask >> i & 1 else x for i, x in enumerate(edges)])
    return clauses


def small_formulas(bound: int) -> Iterator[tuple[Spec, list[list[int]] | None]]:
    """Tseitin formulas of K4 (``bound`` >= 2) and K3,3 (``bound`` >= 4), charge 1 at vertex
    0, each beside its satisfiable twin: the first clause dropped (every clause of a
    Tseitin formula is needed), with the full formula's proof to edit."""
    graphs = [nx.complete_graph(4)] + ([nx.complete_bipartite_graph(3, 3)] if bound >= 4 else [])
    for graph in graphs if bound >= 2 else []:
        n = len(graph)
        clauses = tseitin_clauses(graph, [1] + [0] * (n - 1))
        yield (n, clauses), None
        yield (n, clauses[1:]), clauses


def cadical(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    return _refutation.cadical(clauses_of(spec, NAME, "generator 'cadical'"), meter)


def decide(spec: Spec, answer: object, meter: gaps.Meter) -> bool:
    return _refutation.decide(clauses_of(spec, NAME, "verifier 'decide'"), answer, meter)


def drat(spec: Spec, answer: object, proof: object, meter: gaps.Meter) -> bool:
    return _refutation.drat(clauses_of(spec, NAME, "verifier 'drat'"), answer, proof, meter)


def backward(spec: Spec, answer: object, proof: object, meter: gaps.Meter) -> bool:
    return _backward.backward(clauses_of(spec, NAME, "verifier 'backward'"), answer, proof, meter)


def xors_of(clauses: Sequence[Sequence[int]]) -> list[tuple[list[int], int]] | None:
    """The XORs (variables, parity) that ``clauses`` encode, or None if a clause is in none."""
    groups: dict[frozenset[int], set[int]] = defaultdict(set)
    for clause in clauses:
        variables = sorted({abs(x) for x in clause})
        if len(variables) != len(clause):
            return None
        mask = sum(1 << i for i, x in enumerate(sorted(clause, key=abs)) if x < 0)
        groups[frozenset(variables)].add(mask)
    xors = []
    for group, forbidden in groups.items():
        parities = {bin(mask).count("1") % 2 for mask in forbidden}
        if len(parities) != 1 or len(forbidden) != 1 << (len(group) - 1):
            return None
        xors.append((sorted(group), 1 - parities.pop()))
    return xors


def gauss(spec: Spec, answer: object, meter: gaps.Meter) -> bool:
    clauses = clauses_of(spec, NAME, "verifier 'gauss'")
    if answer != UNSAT:
        return satisfies(clauses, answer, meter)
    xors = xors_of(clauses)
    if xors is None:  # Gaussian elimination cannot refute it, and a "no" would be a guess
        raise gaps.wrong_instance(
            NAME,
            "verifier 'gauss'",
            spec,
            "a formula of XOR constraints, each written as all the clauses over its "
            "variables that forbid the wrong parity (as Tseitin formulas are)",
            "some clause is not part of such a group",
        )
    pivots: dict[int, int] = {}  # pivot bit -> row; bit 0 holds the right-hand side
    for variables, parity in xors:
        row = parity
        for x in variables:
            row ^= 1 << x
        while row > 1:
            top = row.bit_length() - 1
            if top not in pivots:
                pivots[top] = row
                break
            row ^= pivots[top]
        if row == 1:
            return True  # 0 = 1: the equations are inconsistent
    return False


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Claim a random assignment of the edge variables satisfies the formula (none does)."""
    m = 3 * spec[0] // 2
    model = [e if rng.random() < 0.5 else -e for e in range(1, m + 1)]
    return gaps.Certified(model, result.certificate)


FAMILY = gaps.Family(
    name=NAME,
    domain="logic",
    summary="Refute a Tseitin formula with CaDiCaL vs check its DRAT proof or solve its XORs.",
    sample=sample,
    generate={"cadical": cadical},
    verify={
        "decide": gaps.blind(decide),
        "drat": gaps.certified(drat),
        "backward": gaps.certified(backward),
        "gauss": gaps.blind(gauss),
    },
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n",
        verify={"decide": "2**n", "drat": "2**n", "backward": "2**n", "gauss": "n**3"},
        sign={"decide": "neutral", "drat": "neutral", "backward": "neutral", "gauss": "positive"},
        reference="Urquhart 1987; Ben-Sasson and Wigderson 2001",
    ),
    references=(
        "Tseitin 1968",
        "Urquhart 1987",
        "Ben-Sasson and Wigderson 2001",
        "Heule, Hunt and Wetzler 2013",
        "Soos, Nohl and Castelluccia 2009",
    ),
    tags=("sat", "unsat", "proof-complexity", "drat", "xor", "solver"),
    units={
        "decide": ("propagations", "time"),
        "drat": ("propagations", "time"),
        "backward": ("propagations", "time"),
        "gauss": ("time",),
    },
    sizes=(8, 12, 16, 20, 24, 28),
    spec=(
        refutation_specification(small_formulas, "drat"),
        refutation_specification(small_formulas, "backward", exact=False),
    ),
    not_best_known={"drat": "forward checking of every lemma; backward checks only the core"},
)

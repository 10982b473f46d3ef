"""Planted constructions, proved to yield objects with the property they plant.

A planted generator builds an object around a hidden witness: a cycle threaded
through every vertex, a clique among random rows, an assignment that every kept
clause agrees with. Each ``prove_<claim>(bound)`` states the construction in z3
with every random choice symbolic (the permutation, the extra edges, the random
rows, the signs and the hidden values) and proves, for every size up to ``bound``,
that the object has the property by its definition, not by the planted witness.
"""

from __future__ import annotations

import itertools

from gaps.proofs.core import RLIMIT, Proof, prove

__all__ = [
    "prove_planted_assignment_satisfies",
    "prove_planted_clique_is_clique",
    "prove_planted_cycle_is_hamiltonian",
]


def prove_planted_cycle_is_hamiltonian(bound: int = 5, rlimit: int = RLIMIT) -> Proof:
    """A cycle through a shuffled order of the vertices, plus any extra edges, is Hamiltonian.

    For every n from 3 to ``bound``, every order c of the n vertices and every set of
    extra edges: the graph with an edge between each c[i − 1] and c[i] (i = 0 closing
    the cycle) and the extra edges has some cyclic order of all n vertices whose
    consecutive pairs are all edges. ``hamiltonian_cycle``'s ``plant`` builds exactly
    this graph.

    >>> prove_planted_cycle_is_hamiltonian(4).status
    'proved'
    """
    import z3

    claims = []
    for n in range(3, bound + 1):
        order = [z3.Int(f"c{n}_{i}") for i in range(n)]
        pairs = list(itertools.combinations(range(n), 2))
        extra = {p: z3.Bool(f"x{n}_{p[0]}_{p[1]}") for p in pairs}
        steps = [(order[i - 1], order[i]) for i in range(n)]
        edge = {
            (u, v): z3.Or(
                extra[u, v],
                *(z3.Or(z3.And(a == u, b == v), z3.And(a == v, b == u)) for a, b in steps),
            )
            for u, v in pairs
        }
        cycles = [(0, *rest) for rest in itertools.permutations(range(1, n))]
        hamiltonian = z3.Or(
            [
                z3.And([edge[min(a, b), max(a, b)] for a, b in zip(c, c[1:] + c[:1], strict=True)])
                for c in cycles
            ]
        )
        shuffled = [z3.Distinct(*order), *(z3.And(x >= 0, x < n) for x in order)]
        claims.append(z3.Implies(z3.And(*shuffled), hamiltonian))
    return prove("a planted cycle is Hamiltonian", bound, z3.And(*claims), rlimit)


def prove_planted_clique_is_clique(bound: int = 8, rlimit: int = RLIMIT) -> Proof:
    """Setting the clique's pairs in random upper-triangular rows makes it a clique.

    For every n from 2 to ``bound``, all random rows r[u] (n-bit words, masked to the
    bits above u) and every vertex set K: after r[a] gains bit b for each a < b in K,
    every two members of K are adjacent (bit b of r[a] set for a < b), whatever the
    random bits. ``planted_clique``'s ``plant`` builds exactly these rows.

    >>> prove_planted_clique_is_clique(5).status
    'proved'
    """
    import z3

    claims = []
    for n in range(2, bound + 1):
        member = [z3.Bool(f"k{n}_{v}") for v in range(n)]
        rows = []
        for u in range(n):
            random_bits = z3.BitVec(f"r{n}_{u}", n)
            row = z3.LShR(random_bits, u + 1) << (u + 1)
            for b in range(u + 1, n):
                bit = z3.BitVecVal(1 << b, n)
                row = z3.If(z3.And(member[u], member[b]), row | bit, row)
            rows.append(row)
        adjacent = [
            z3.Implies(z3.And(member[a], member[b]), z3.Extract(b, b, rows[a]) == 1)
            for a, b in itertools.combinations(range(n), 2)
        ]
        claims.append(z3.And(*adjacent))
    return prove("a planted clique is a clique", bound, z3.And(*claims), rlimit)


def prove_planted_assignment_satisfies(bound: int = 6, rlimit: int = RLIMIT) -> Proof:
    """Keeping only clauses the hidden assignment makes true leaves it satisfying them all.

    For every n from 3 to ``bound`` variables, every hidden assignment, and every
    formula of n clauses of three distinct variables with any signs, each kept only
    when at least one of its literals is true under the hidden assignment: the hidden
    assignment satisfies every clause. ``planted_sat``'s ``plant`` keeps a clause with
    t true literals with probability q^(t − 1), and never one with t = 0.

    >>> prove_planted_assignment_satisfies(4).status
    'proved'
    """
    import z3

    claims = []
    for n in range(3, bound + 1):
        hidden = [z3.Bool(f"h{n}_{v}") for v in range(n)]
        kept = []
        satisfied = []
        for j in range(n):
            var = [z3.Int(f"v{n}_{j}_{i}") for i in range(3)]
            sign = [z3.Bool(f"s{n}_{j}_{i}") for i in range(3)]

            # Literal i is true when its variable's hidden value equals its sign.
            true = [
                z3.Or([z3.And(var[i] == v, hidden[v]) for v in range(n)]) == sign[i]
                for i in range(3)
            ]
            distinct = [z3.Distinct(*var), *(z3.And(x >= 0, x < n) for x in var)]
            count = z3.Sum([z3.If(t, 1, 0) for t in true])
            kept += [*distinct, count >= 1]
            satisfied.append(z3.Or(true))
        claims.append(z3.Implies(z3.And(*kept), z3.And(*satisfied)))
    return prove("a planted assignment satisfies its formula", bound, z3.And(*claims), rlimit)

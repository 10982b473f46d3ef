"""Planted generators' own code, run on every instance up to a bound and checked by definition.

The lemmas of :mod:`gaps.proofs.constructions` prove a construction correct for every
random choice, but of a z3 statement of it. Here the family's real sampler and
generator run (the first ``seeds`` instances of each size from the sampler's least to
``bound``, drawn as a survey draws them), and z3 decides the claimed property of each
output by its definition, ignoring the planted witness: the graph has a Hamiltonian
cycle, the rows hold a clique of the planted size, the formula is satisfiable. Both
together leave no step unchecked between the statement and the code that measures.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from gaps.proofs.core import RLIMIT, Proof

__all__ = [
    "prove_plant_makes_a_clique",
    "prove_plant_makes_a_hamiltonian_graph",
    "prove_plant_makes_a_satisfiable_formula",
]

#: Instances drawn at each size.
SEEDS = 40


def _outputs(
    family: str,
    generator: str,
    least: int,
    bound: int,
    seeds: int,
    plant: Callable[..., Any] | None,
) -> Iterator[tuple[int, int, Any, Any]]:
    """(size, index, instance, output) for the first ``seeds`` instances of each size."""
    import gaps
    from gaps.seeding import derive_rng

    fam = gaps.get(family)
    run = plant or fam.generators[generator]
    for size in range(least, bound + 1):
        for index in range(seeds):
            instance = fam.sample(size, derive_rng(0, family, size, index))
            result = run(instance, gaps.Meter())
            yield size, index, instance, getattr(result, "output", result)


def _check(
    claim: str,
    bound: int,
    outputs: Iterator[tuple[int, int, Any, Any]],
    has_property: Callable[[Any, Any], Any],
    rlimit: int,
) -> Proof:
    """Run z3 on each output's property; the first output without it refutes the claim."""
    import z3

    for size, index, instance, output in outputs:
        solver = z3.Solver()
        solver.set("rlimit", rlimit)
        solver.add(has_property(instance, output))
        result = solver.check()
        if result == z3.unsat:
            example = f"size {size}, instance {index}: {instance!r} -> {output!r}"
            return Proof(claim, bound, "refuted", example)
        if result != z3.sat:
            return Proof(claim, bound, "unknown", reason=f"z3 gave up at size {size}")
    return Proof(claim, bound, "proved")


def prove_plant_makes_a_hamiltonian_graph(
    bound: int = 8,
    seeds: int = SEEDS,
    rlimit: int = RLIMIT,
    plant: Callable[..., Any] | None = None,
) -> Proof:
    """``hamiltonian_cycle``'s sampler and ``plant`` always give a Hamiltonian graph.

    For the first ``seeds`` instances of every size from 5 (the sampler's least) to
    ``bound``, z3 finds a cyclic order of the n vertices whose consecutive pairs are all
    among the output edges. ``plant`` replaces the family's generator (to check a copy).

    >>> prove_plant_makes_a_hamiltonian_graph(6, seeds=3).status
    'proved'
    """
    import z3

    def hamiltonian(spec: Any, edges: Any) -> Any:
        n = spec[0]
        at = [z3.Int(f"at{v}") for v in range(n)]
        present = {(min(u, v), max(u, v)) for u, v in edges}
        apart = [
            z3.And(*(at[u] - at[v] != d for d in (1, -1, n - 1, 1 - n)))
            for u, v in itertools.combinations(range(n), 2)
            if (u, v) not in present
        ]
        return z3.And(z3.Distinct(*at), *(z3.And(x >= 0, x < n) for x in at), *apart)

    outputs = _outputs("hamiltonian_cycle", "plant", 5, bound, seeds, plant)
    return _check("the plant's graph is Hamiltonian", bound, outputs, hamiltonian, rlimit)


def prove_plant_makes_a_clique(
    bound: int = 10,
    seeds: int = SEEDS,
    rlimit: int = RLIMIT,
    plant: Callable[..., Any] | None = None,
) -> Proof:
    """``planted_clique``'s sampler and ``plant`` always give rows holding a large clique.

    For the first ``seeds`` instances of every size from 8 (the sampler's least) to
    ``bound``, z3 finds ⌈2 log2 n⌉ vertices pairwise adjacent in the output rows (u and
    v > u adjacent when bit v of row u is set).

    >>> prove_plant_makes_a_clique(8, seeds=3).status
    'proved'
    """
    import math

    import z3

    def has_clique(spec: Any, rows: Any) -> Any:
        n = spec[0]
        member = [z3.Bool(f"in{v}") for v in range(n)]
        apart = [
            z3.Not(z3.And(member[u], member[v]))
            for u, v in itertools.combinations(range(n), 2)
            if not rows[u] >> v & 1
        ]
        size = z3.Sum([z3.If(x, 1, 0) for x in member])
        return z3.And(size >= math.ceil(2 * math.log2(n)), *apart)

    outputs = _outputs("planted_clique", "plant", 8, bound, seeds, plant)
    return _check("the plant's rows hold a clique", bound, outputs, has_clique, rlimit)


def prove_plant_makes_a_satisfiable_formula(
    bound: int = 8,
    seeds: int = SEEDS,
    rlimit: int = RLIMIT,
    plant: Callable[..., Any] | None = None,
) -> Proof:
    """``planted_sat``'s sampler and ``plant`` always give a satisfiable formula.

    For the first ``seeds`` instances of every size from 3 (the sampler's least) to
    ``bound`` variables, z3 finds an assignment satisfying every output clause.

    >>> prove_plant_makes_a_satisfiable_formula(4, seeds=3).status
    'proved'
    """
    import z3

    def satisfiable(spec: Any, clauses: Any) -> Any:
        value = [z3.Bool(f"x{v}") for v in range(1, spec[0] + 1)]
        literal = {v: value[v - 1] for v in range(1, spec[0] + 1)}
        return z3.And(
            [
                z3.Or([literal[lit] if lit > 0 else z3.Not(literal[-lit]) for lit in clause])
                for clause in clauses
            ]
        )

    outputs = _outputs("planted_sat", "plant", 3, bound, seeds, plant)
    return _check("the plant's formula is satisfiable", bound, outputs, satisfiable, rlimit)

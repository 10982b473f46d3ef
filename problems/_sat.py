"""CaDiCaL (through python-sat) as the catalog's SAT solver, with its counters metered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pysat.solvers import Solver

import gaps
from gaps.formats import to_clauses

#: What a CNF family's instance is.
FORMULA = (
    "a pair (num_vars, clauses) of an int and clauses of nonzero int literals within it, "
    "or a formula gaps.formats.to_clauses takes (a gaps.formats.CNF read from a DIMACS "
    "file, a cnfgen or python-sat formula)"
)


def formula_of(
    formula: object, family: str, role: str, expected: str = FORMULA
) -> tuple[int, list[tuple[int, ...]]]:
    """``(num_vars, clauses)`` of a CNF family's instance, or ``family``'s wrong_instance error.

    >>> formula_of((2, [[1, -2]]), "random_3sat", "generator 'cadical'")
    (2, [(1, -2)])
    >>> formula_of((1, [[2]]), "random_3sat", "generator 'cadical'")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: The instance given to random_3sat's generator 'cadical' must be ...
    """
    try:
        return to_clauses(formula)
    except gaps.InvalidArgument as exc:
        raise gaps.wrong_instance(family, role, formula, expected, str(exc)) from None


def count_stats(solver: Any, meter: gaps.Meter) -> None:
    """Add a python-sat solver's propagations, conflicts and decisions to ``meter``.

    These counters are machine-independent, unlike the solver's time; call this once a
    solver is done, before it is deleted.

    >>> meter = gaps.Meter()
    >>> with Solver(name="cadical195", bootstrap_with=[[1, 2], [-1, 2], [-2, 3]]) as s:
    ...     _ = s.solve()
    ...     count_stats(s, meter)
    >>> sorted(meter.counters)
    ['conflicts', 'decisions', 'propagations']
    """
    stats = solver.accum_stats()
    meter.count(
        propagations=stats.get("propagations", 0),
        conflicts=stats.get("conflicts", 0),
        decisions=stats.get("decisions", 0),
    )


def solve_cnf(clauses: Iterable[Sequence[int]], meter: gaps.Meter) -> list[int] | None:
    """A model of ``clauses`` (DIMACS literals), or None when they are unsatisfiable.

    CaDiCaL's propagations, conflicts and decisions are added to ``meter``: they are
    machine-independent, unlike its time.

    >>> solve_cnf([[1, 2], [-1]], gaps.Meter())
    [-1, 2]
    >>> solve_cnf([[1], [-1]], gaps.Meter()) is None
    True
    """
    with Solver(name="cadical195", bootstrap_with=clauses) as solver:
        satisfiable = solver.solve()
        model = solver.get_model() if satisfiable else None
        count_stats(solver, meter)
    return model


def near_length_bools(z3: Any, name: str, n: int) -> list[Any]:
    """z3 variables for a tuple of bools whose length is n - 1, n or n + 1.

    The first variable is the length; the others are the n + 1 values, those past
    the length pinned by :func:`near_length_domain` so that each tuple is one model.
    The wrong lengths are there so that an off-by-one length check is caught.

    >>> import z3
    >>> near_length_bools(z3, "x", 2)
    [x_length, x0, x1, x2]
    """
    return [z3.Int(f"{name}_length"), *(z3.Bool(f"{name}{i}") for i in range(n + 1))]


def near_length_domain(z3: Any, variables: Sequence[Any], n: int) -> Any:
    """Lengths in [max(n - 1, 0), n + 1]; values past the length are False."""
    length, values = variables[0], variables[1:]
    pinned = [z3.Implies(length <= i, z3.Not(v)) for i, v in enumerate(values)]
    return z3.And(length >= max(n - 1, 0), length <= n + 1, *pinned)


def decode_bools(values: Sequence[Any]) -> tuple[bool, ...]:
    """The tuple of bools encoded by :func:`near_length_bools`' values.

    >>> decode_bools([2, True, False, False])
    (True, False)
    """
    return tuple(bool(v) for v in values[1 : 1 + int(values[0])])


def satisfies(z3: Any, variables: Sequence[Any], n: int, clauses: Iterable[Sequence[int]]) -> Any:
    """The formula: the encoded tuple has length n and satisfies every clause."""
    values = variables[1:]
    lits = [
        [values[abs(x) - 1] if x > 0 else z3.Not(values[abs(x) - 1]) for x in c] for c in clauses
    ]
    return z3.And(variables[0] == n, *(z3.Or(c) for c in lits))


def assignment_specification(instances: Callable[[int], Iterable[Any]]) -> gaps.Specification:
    """The relation "the output is a satisfying assignment" of CNF formulas (n, clauses).

    Candidates are tuples of bools of length n - 1 to n + 1; the valid ones have
    length n and satisfy every clause.

    >>> spec = assignment_specification(lambda bound: [(1, [(1,)])])
    >>> fam = gaps.Family("one_clause", lambda size, rng: (1, [(1,)]), lambda f, m: (True,),
    ...                   lambda f, a, m: a == (True,), spec=spec)
    >>> report = gaps.prove(fam)
    >>> report.status, report.outputs, report.valid_outputs
    ('proved', 7, 1)
    """

    def variables(formula: Any) -> list[Any]:
        import z3

        return near_length_bools(z3, "x", formula[0])

    def valid(formula: Any, variables: Sequence[Any]) -> Any:
        import z3

        return satisfies(z3, variables, formula[0], formula[1])

    def domain(formula: Any, variables: Sequence[Any]) -> Any:
        import z3

        return near_length_domain(z3, variables, formula[0])

    return gaps.Specification(
        instances=instances,
        variables=variables,
        valid=valid,
        decode=lambda formula, values: decode_bools(values),
        domain=domain,
    )


def hamiltonian_cycle(n: int, pairs: set[tuple[int, int]], meter: gaps.Meter) -> list[int] | None:
    """A Hamiltonian cycle of the simple graph ``pairs`` on 0..n-1, or None.

    CaDiCaL on an encoding of one successor arc per vertex in and out, with the
    subtours of each model cut off by a clause until one cycle remains.

    >>> hamiltonian_cycle(4, {(0, 1), (1, 2), (2, 3), (0, 3)}, gaps.Meter())
    [0, 1, 2, 3]
    >>> hamiltonian_cycle(4, {(0, 1), (1, 2), (2, 3)}, gaps.Meter()) is None
    True
    """
    arc: dict[tuple[int, int], int] = {}
    out: list[list[int]] = [[] for _ in range(n)]
    into: list[list[int]] = [[] for _ in range(n)]
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for u, v in sorted(pairs):
        for a, b in ((u, v), (v, u)):
            arc[a, b] = len(arc) + 1
            out[a].append(arc[a, b])
            into[b].append(arc[a, b])
            neighbours[a].append(b)
    if any(len(out[v]) < 2 for v in range(n)):
        return None  # a vertex of degree < 2 lies on no cycle
    clauses = []
    for lists in (out, into):
        for xs in lists:
            clauses.append(xs)
            clauses += [[-x, -y] for i, x in enumerate(xs) for y in xs[:i]]
    clauses += [[-arc[u, v], -arc[v, u]] for u, v in pairs]
    with Solver(name="cadical195", bootstrap_with=clauses) as solver:
        while True:
            if not solver.solve():
                answer = None
                break
            model = solver.get_model()
            successor = [0] * n
            for (a, b), x in arc.items():
                if model[x - 1] > 0:
                    successor[a] = b
            seen = [False] * n
            cycles = []
            for start in range(n):
                if not seen[start]:
                    cycle, v = [], start
                    while not seen[v]:
                        seen[v] = True
                        cycle.append(v)
                        v = successor[v]
                    cycles.append(cycle)
            if len(cycles) == 1:
                answer = cycles[0]
                break
            for cycle in cycles:
                inside = set(cycle)
                solver.add_clause(
                    [arc[a, b] for a in cycle for b in neighbours[a] if b not in inside]
                )
        count_stats(solver, meter)
    return answer

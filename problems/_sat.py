"""CaDiCaL (through python-sat) as the catalog's SAT solver, with its counters metered."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pysat.solvers import Solver

import gaps


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
        stats = solver.accum_stats()
    meter.count(
        propagations=stats.get("propagations", 0),
        conflicts=stats.get("conflicts", 0),
        decisions=stats.get("decisions", 0),
    )
    return model

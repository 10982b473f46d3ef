"""SAT attacks: majority vote of literal signs, WalkSAT, CaDiCaL with a small budget."""

from __future__ import annotations

import random
from typing import Any

from gaps.search.attack import Attack

#: Flips WalkSAT makes per variable before it gives up.
FLIPS_PER_VARIABLE = 50
#: Conflicts CaDiCaL may spend before the attack gives up.
CONFLICT_BUDGET = 200


def majority(formula: Any, meter: Any) -> tuple[bool, ...]:
    """Set each variable to the sign it takes in most clauses (planting leaves that trace).

    >>> import gaps
    >>> majority((2, ((1, 2), (1, -2), (-2, 1))), gaps.Meter())
    (True, False)
    """
    num_vars, clauses = formula
    votes = [0] * (num_vars + 1)
    for clause in clauses:
        meter.tick(len(clause))
        for lit in clause:
            votes[abs(lit)] += 1 if lit > 0 else -1
    return tuple(v > 0 for v in votes[1:])


def walksat(formula: Any, meter: Any, noise: float = 0.5) -> tuple[bool, ...] | None:
    """WalkSAT from the majority assignment, with a fixed seed and flip budget.

    >>> import gaps
    >>> walksat((2, ((1, 2), (-1, 2), (1, -2))), gaps.Meter())
    (True, True)
    """
    num_vars, clauses = formula
    rng = random.Random(0)
    value = [False, *majority(formula, meter)]
    # Each variable's literals as (clause, sign): a flip and a break count then read
    # only the clauses the variable is in, not their other literals.
    occurs: list[list[tuple[int, bool]]] = [[] for _ in range(num_vars + 1)]
    for c, clause in enumerate(clauses):
        for x in clause:
            occurs[abs(x)].append((c, x > 0))
    true_count = [sum(value[abs(x)] == (x > 0) for x in clause) for clause in clauses]
    meter.tick(sum(len(c) for c in clauses))
    # The unsatisfied clauses as a list with each one's position: a uniform choice and
    # an update cost O(1), where a sorted copy per flip cost its length.
    unsat = [c for c, t in enumerate(true_count) if t == 0]
    where = {c: i for i, c in enumerate(unsat)}

    def mark(c: int) -> None:
        if true_count[c] == 0 and c not in where:
            where[c] = len(unsat)
            unsat.append(c)
        elif true_count[c] > 0 and c in where:
            i = where.pop(c)
            last = unsat.pop()
            if last != c:
                unsat[i], where[last] = last, i

    def flip(var: int) -> None:
        value[var] = now = not value[var]
        meter.tick(len(occurs[var]))
        for c, positive in occurs[var]:
            true_count[c] += 1 if now == positive else -1
            mark(c)

    def breaks(var: int) -> int:
        meter.tick(len(occurs[var]))
        now = value[var]
        # The clauses whose only true literal is this variable's.
        return sum(1 for c, positive in occurs[var] if true_count[c] == 1 and now == positive)

    for _ in range(FLIPS_PER_VARIABLE * max(num_vars, 1)):
        if not unsat:
            return tuple(value[1:])
        clause = clauses[rng.choice(unsat)]
        meter.tick()
        if rng.random() < noise:
            var = abs(rng.choice(clause))
        else:
            var = min((abs(x) for x in clause), key=breaks)
        flip(var)
    return tuple(value[1:]) if not unsat else None


def cadical(formula: Any, meter: Any) -> tuple[bool, ...] | None:
    """CaDiCaL (python-sat) with a small conflict budget; charges its propagations.

    >>> import gaps
    >>> cadical((2, ((1,), (-1, 2))), gaps.Meter())
    (True, True)
    """
    from pysat.solvers import Solver

    num_vars, clauses = formula
    with Solver(name="cadical195", bootstrap_with=[list(c) for c in clauses]) as solver:
        solver.conf_budget(CONFLICT_BUDGET)
        found = solver.solve_limited()
        stats = solver.accum_stats()
        meter.tick(1 + stats.get("propagations", 0) + stats.get("decisions", 0))
        if not found:
            return None
        model = set(solver.get_model() or ())
    return tuple(v in model for v in range(1, num_vars + 1))


ATTACKS = (
    Attack("majority_vote", "sat", majority),
    Attack("walksat", "sat", walksat),
    Attack("cadical_budget", "sat", cadical),
)

"""Running a claim through z3: negate it, look for a model, report the verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Proof", "prove"]

#: z3's deterministic resource limit per claim: stable for a fixed z3 version.
RLIMIT = 50_000_000


@dataclass(frozen=True)
class Proof:
    """The verdict on one claim at one bound."""

    claim: str
    bound: int
    status: str  # "proved", "refuted" or "unknown"
    counterexample: str = ""
    rlimit: int = 0


def prove(claim: str, bound: int, formula: Any, rlimit: int = RLIMIT) -> Proof:
    """Prove ``formula`` valid: ask z3 for a model of its negation.

    >>> import z3
    >>> x = z3.Int("x")
    >>> prove("square is non-negative", 0, x * x >= 0).status
    'proved'
    >>> prove("every int is positive", 0, x > 0).status
    'refuted'
    """
    import z3

    solver = z3.Solver()
    solver.set("rlimit", rlimit)
    solver.add(z3.Not(formula))
    # z3 counts resources per context, across solvers: keep this claim's share only.
    before = _rlimit_count(solver)
    result = solver.check()
    used = _rlimit_count(solver) - before
    if result == z3.unsat:
        return Proof(claim, bound, "proved", rlimit=used)
    if result == z3.sat:
        return Proof(claim, bound, "refuted", str(solver.model()), used)
    return Proof(claim, bound, "unknown", rlimit=used)


def _rlimit_count(solver: Any) -> int:
    stats = solver.statistics()
    names = stats.keys()  # a list: z3's Statistics iterates over (name, value) pairs
    return int(stats.get_key_value("rlimit count")) if "rlimit count" in names else 0

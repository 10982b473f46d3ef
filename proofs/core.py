"""Running a claim through z3: negate it, look for a model, report the verdict."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Proof", "prove", "prove_limited"]

#: z3's deterministic resource limit per claim: stable for a fixed z3 version.
RLIMIT = 50_000_000
#: Wall-clock seconds a lemma may run in its own process before it is killed.
TIME_LIMIT = 120.0


@dataclass(frozen=True)
class Proof:
    """The verdict on one claim at one bound."""

    claim: str
    bound: int
    status: str  # "proved", "refuted" or "unknown"
    counterexample: str = ""
    rlimit: int = 0
    reason: str = ""  # why an "unknown" is unknown

    def __str__(self) -> str:
        line = f"{self.claim} at bound {self.bound}: {self.status}"
        return f"{line} ({self.reason})" if self.reason else line


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
    return Proof(claim, bound, "unknown", rlimit=used, reason="z3 gave up within its rlimit")


def prove_limited(
    lemma: Callable[..., Proof], bound: int | None = None, time_limit: float = TIME_LIMIT
) -> Proof:
    """Run ``lemma(bound)`` in a worker process of its own, killed past ``time_limit`` seconds.

    z3 overruns its own limits (an rlimit is checked between steps, and a step can
    take minutes), so only a process that can be killed bounds a lemma's time. A
    lemma stopped that way is ``unknown`` with the reason "budget", never a hang.
    ``bound`` defaults to the lemma's own.

    >>> from gaps.proofs import prove_gf2_solution
    >>> print(prove_limited(prove_gf2_solution, 2))
    a 0 = 1 combination refutes a GF(2) system at bound 2: proved
    """
    from gaps.execution import call_limited

    if bound is None:
        bound = inspect.signature(lemma).parameters["bound"].default
    outcome, value = call_limited(lemma, (bound,), time_limit)
    if outcome == "ok":
        proof: Proof = value
        return proof
    claim = lemma.__name__.removeprefix("prove_").replace("_", " ").strip()
    if outcome == "censored":
        return Proof(claim, bound, "unknown", reason=f"budget: killed after {time_limit:g} s")
    return Proof(claim, bound, "unknown", reason=f"the lemma failed: {value}")


def _rlimit_count(solver: Any) -> int:
    stats = solver.statistics()
    names = stats.keys()  # a list: z3's Statistics iterates over (name, value) pairs
    return int(stats.get_key_value("rlimit count")) if "rlimit count" in names else 0

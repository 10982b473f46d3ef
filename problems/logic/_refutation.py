"""Shared by the unsatisfiable-formula families: CaDiCaL with a DRAT proof, a DRUP checker.

The checker is a textbook forward DRUP checker (Heule, Hunt & Wetzler 2013, the
method behind drat-trim, without its backward core trimming): every added lemma must
be a reverse unit propagation (RUP) consequence of the clauses alive at that point,
found by unit propagation with two watched literals; deletions are honoured (deleted
clauses are skipped by propagation), except that literals already implied at the top
level stay implied, as in drat-trim (they are consequences of the formula, so this is
sound for refutations). RAT steps are not checked: CaDiCaL's default proofs are pure
RUP, and a lemma that is not RUP is rejected (never accepted). The proof is accepted
when the empty clause is derived. One tick per clause visited during propagation and
per literal read; and, as CaDiCaL counts them, one ``propagations`` per literal whose
watch list propagation scans, so a proof check and the search that wrote the proof
can be compared in the same machine-independent unit.

>>> import gaps
>>> formula = [[1, 2], [-1, 2], [1, -2], [-1, -2]]
>>> answer, proof = refute(formula, gaps.Meter())
>>> answer
'unsatisfiable'
>>> check_drup(formula, proof, gaps.Meter())
True
>>> check_drup(formula, ["0"], gaps.Meter())
False
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pysat.solvers import Solver

import gaps

UNSAT = "unsatisfiable"


def refute(clauses: Sequence[Sequence[int]], meter: gaps.Meter) -> tuple[Any, list[str]]:
    """CaDiCaL 1.9.5 on ``clauses``: ``(UNSAT, drat_lines)`` or ``(model, [])``."""
    with Solver(name="cadical195", bootstrap_with=clauses, with_proof=True) as solver:
        satisfiable = solver.solve()
        result: Any = solver.get_model() if satisfiable else UNSAT
        proof = [] if satisfiable else list(solver.get_proof())
        stats = solver.accum_stats()
    meter.count(
        propagations=stats.get("propagations", 0),
        conflicts=stats.get("conflicts", 0),
        decisions=stats.get("decisions", 0),
    )
    return result, proof


def decide_unsat(clauses: Sequence[Sequence[int]], meter: gaps.Meter) -> bool:
    """True when CaDiCaL (no proof logging) finds ``clauses`` unsatisfiable."""
    with Solver(name="cadical195", bootstrap_with=clauses) as solver:
        satisfiable = solver.solve()
        stats = solver.accum_stats()
    meter.count(
        propagations=stats.get("propagations", 0),
        conflicts=stats.get("conflicts", 0),
        decisions=stats.get("decisions", 0),
    )
    return not satisfiable


def satisfies(clauses: Sequence[Sequence[int]], model: object, meter: gaps.Meter) -> bool:
    """True when ``model`` (a list of nonzero DIMACS literals) satisfies every clause."""
    if not isinstance(model, (list, tuple)) or not all(type(x) is int and x for x in model):
        return False
    true = set(model)
    if any(-x in true for x in true):
        return False
    for clause in clauses:
        meter.tick(len(clause))
        if not any(lit in true for lit in clause):
            return False
    return True


def _parse(line: object) -> tuple[bool, list[int]] | None:
    if not isinstance(line, str):
        return None
    parts = line.split()
    deletion = bool(parts) and parts[0] == "d"
    if deletion:
        parts = parts[1:]
    try:
        lits = [int(p) for p in parts]
    except ValueError:
        return None
    if not lits or lits[-1] != 0 or 0 in lits[:-1]:
        return None
    return deletion, lits[:-1]


class _Checker:
    """Clauses with two watched literals and a top-level trail."""

    def __init__(self, meter: gaps.Meter) -> None:
        self.meter = meter
        self.clauses: list[list[int]] = []
        self.alive: list[bool] = []
        self.watches: dict[int, list[int]] = {}
        self.value: dict[int, bool] = {}  # literal -> True when assigned true
        self.trail: list[int] = []
        self.inconsistent = False
        self.index: dict[tuple[int, ...], list[int]] = {}
        self.propagations = 0

    def _true(self, lit: int) -> bool:
        return self.value.get(lit, False)

    def _false(self, lit: int) -> bool:
        return self.value.get(-lit, False)

    def _assign(self, lit: int) -> None:
        self.value[lit] = True
        self.trail.append(lit)

    def propagate(self, start: int) -> bool:
        """Unit propagation from trail[start:]; False on a conflict."""
        meter = self.meter
        head = start
        while head < len(self.trail):
            lit = self.trail[head]
            head += 1
            self.propagations += 1
            watching = self.watches.get(-lit, [])
            keep = []
            conflict = False
            for pos, ci in enumerate(watching):
                meter.tick()
                if not self.alive[ci]:
                    continue
                if conflict:
                    keep.append(ci)
                    continue
                clause = self.clauses[ci]
                if clause[0] == -lit:
                    clause[0], clause[1] = clause[1], clause[0]
                other = clause[0]
                if self._true(other):
                    keep.append(ci)
                    continue
                for k in range(2, len(clause)):
                    meter.tick()
                    if not self._false(clause[k]):
                        clause[1], clause[k] = clause[k], clause[1]
                        self.watches.setdefault(clause[1], []).append(ci)
                        break
                else:
                    keep.append(ci)
                    if self._false(other):
                        conflict = True
                        keep.extend(watching[pos + 1 :])
                        break
                    self._assign(other)
            self.watches[-lit] = keep
            if conflict:
                return False
        return True

    def add(self, lits: list[int]) -> None:
        """Add a clause at the top level (after its RUP check)."""
        clause = list(dict.fromkeys(lits))
        self.meter.tick(len(clause))
        if any(-x in clause for x in clause) or any(self._true(x) for x in clause):
            return  # tautology or satisfied at the top level: never propagates
        free = [x for x in clause if not self._false(x)]
        ci = len(self.clauses)
        self.clauses.append(clause)
        self.alive.append(True)
        self.index.setdefault(tuple(sorted(clause)), []).append(ci)
        if not free:
            self.inconsistent = True
        elif len(free) == 1:
            start = len(self.trail)
            self._assign(free[0])
            if not self.propagate(start):
                self.inconsistent = True
        else:
            rest = [x for x in clause if x not in free[:2]]
            clause[:] = free[:2] + rest
            self.watches.setdefault(clause[0], []).append(ci)
            self.watches.setdefault(clause[1], []).append(ci)

    def delete(self, lits: list[int]) -> None:
        key = tuple(sorted(set(lits)))
        found = self.index.get(key)
        if found:
            self.alive[found.pop()] = False

    def rup(self, lits: list[int]) -> bool:
        """True when assigning the negation of ``lits`` propagates to a conflict."""
        if self.inconsistent:
            return True
        start = len(self.trail)
        ok = False
        for lit in lits:
            self.meter.tick()
            if self._true(lit):
                ok = True
                break
            if not self._false(lit):
                self._assign(-lit)
        if not ok:
            ok = not self.propagate(start)
        for lit in self.trail[start:]:
            del self.value[lit]
        del self.trail[start:]
        return ok


def check_drup(clauses: Sequence[Sequence[int]], proof: object, meter: gaps.Meter) -> bool:
    """True when ``proof`` (DRAT text lines) derives the empty clause from ``clauses`` by RUP."""
    if not isinstance(proof, (list, tuple)):
        return False
    checker = _Checker(meter)
    try:
        return _check(checker, clauses, proof)
    finally:
        meter.count(propagations=checker.propagations)


def _check(checker: _Checker, clauses: Sequence[Sequence[int]], proof: Sequence[object]) -> bool:
    for clause in clauses:
        checker.add(list(clause))
    for line in proof:
        parsed = _parse(line)
        if parsed is None:
            return False
        deletion, lits = parsed
        if deletion:
            checker.delete(lits)
            continue
        if not checker.rup(lits):
            return False
        if not lits or checker.inconsistent:
            return True
        checker.add(lits)
    return checker.inconsistent and checker.rup([])


# The roles shared by the refutation families: an instance is (size, clauses).


def cadical(spec: tuple[int, list[list[int]]], meter: gaps.Meter) -> gaps.Certified:
    answer, proof = refute(spec[1], meter)
    return gaps.Certified(answer, proof)


def decide(spec: tuple[int, list[list[int]]], answer: object, meter: gaps.Meter) -> bool:
    if answer == UNSAT:
        return decide_unsat(spec[1], meter)
    return satisfies(spec[1], answer, meter)


def drat(
    spec: tuple[int, list[list[int]]], answer: object, proof: object, meter: gaps.Meter
) -> bool:
    if answer == UNSAT:
        return check_drup(spec[1], proof, meter)
    return satisfies(spec[1], answer, meter)

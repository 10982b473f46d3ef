"""Backward, core-first DRAT checking: the method of drat-trim, written for the catalog.

A forward checker (:func:`~gaps.problems.logic._refutation.check_drup`) re-derives
every lemma of a proof. The field's standard checker, drat-trim (Heule, Hunt &
Wetzler 2013; Wetzler, Heule & Hunt 2014), checks far fewer: it first runs the proof
forward *without* checking, only adding lemmas and propagating top-level units until
the formula is inconsistent; then it walks back from that conflict, checking only the
lemmas that a later check (or the final conflict) actually used. A check that reaches
a conflict marks, by conflict analysis over the trail, the clauses it propagated
through: those lemmas join the core and are checked in their turn; unmarked lemmas
are never checked. Propagation is core-first: clauses already in the core propagate
before any other, so conflicts tend to be found through the core and the core stays
small.

Here, as in drat-trim: each lemma is checked against the clauses alive just before it
(deletions honoured, except that a clause which is the reason of a top-level literal
is kept, drat-trim's default); a lemma that is not a reverse unit propagation (RUP)
is checked as a resolution asymmetric tautology (RAT) on its first literal; the
top-level trail is kept between checks, and when the walk back removes a lemma that is
the reason of a top-level literal, that literal and the rest of the trail after it are
unassigned and propagated again. Costs are counted as the forward checker counts
them: one ``propagations`` per literal taken off the trail for propagation (CaDiCaL's
unit), one tick per watch visited, per clause literal read and per trail literal
analysed.

Soundness does not depend on the core: a lemma is used by a check only while it is
alive, and every lemma used is marked, so every lemma a conflict depends on is
checked before the proof is accepted.

>>> import gaps
>>> formula = [[1, 2], [-1, 2], [1, -2], [-1, -2]]
>>> check_drat(formula, ["2 0", "0"], gaps.Meter())
True
>>> check_drat(formula, ["3 0", "0"], gaps.Meter())
False
>>> check_drat([[1, 2], [-1, 2], [1, -2]], ["2 0", "0"], gaps.Meter())
False
"""

from __future__ import annotations

from collections.abc import Sequence

from gaps.problems.logic._refutation import UNSAT, parse_line, satisfies

import gaps

__all__ = ["backward", "check_drat"]


class _Database:
    """Clauses with two watched literals, a top-level trail with reasons, and marks."""

    def __init__(self, meter: gaps.Meter) -> None:
        self.meter = meter
        self.clauses: list[list[int]] = []
        self.alive: list[bool] = []
        self.marked: list[bool] = []
        self.watches: dict[int, list[int]] = {}
        self.true: set[int] = set()
        self.trail: list[int] = []
        self.reason: dict[int, int | None] = {}  # variable -> clause that implied it
        self.position: dict[int, int] = {}  # variable -> its index on the trail
        self.head = 0  # trail[:head] has been propagated at the top level
        self.propagations = 0

    # -- assignment ---------------------------------------------------------------

    def _assign(self, lit: int, reason: int | None) -> None:
        self.true.add(lit)
        self.reason[abs(lit)] = reason
        self.position[abs(lit)] = len(self.trail)
        self.trail.append(lit)

    def _unassign_from(self, start: int) -> None:
        for lit in self.trail[start:]:
            self.true.discard(lit)
            del self.reason[abs(lit)]
            del self.position[abs(lit)]
        del self.trail[start:]

    # -- clauses ------------------------------------------------------------------

    def add(self, lits: list[int]) -> int | None:
        """Store a clause, watch two of its literals not false; a conflict's clause or None."""
        true = self.true
        clause = sorted(dict.fromkeys(lits), key=lambda x: (x not in true, -x in true))
        self.meter.tick(len(clause))
        ci = len(self.clauses)
        self.clauses.append(clause)
        self.alive.append(True)
        self.marked.append(False)
        return self._attach(ci)

    def _attach(self, ci: int) -> int | None:
        clause = self.clauses[ci]
        true = self.true
        if len(clause) >= 2:
            self.watches.setdefault(clause[0], []).append(ci)
            self.watches.setdefault(clause[1], []).append(ci)
        if not clause or -clause[0] in true:
            return ci  # every literal false
        if clause[0] not in true and (len(clause) == 1 or -clause[1] in true):
            self._assign(clause[0], ci)
            return self.propagate(self.head, top=True)
        return None

    def reattach(self, ci: int) -> int | None:
        """Bring a deleted clause back, its watches chosen against today's trail."""
        true = self.true
        self.clauses[ci].sort(key=lambda x: (x not in true, -x in true))
        self.alive[ci] = True
        return self._attach(ci)

    def detach(self, ci: int) -> None:
        """Take a clause out; if it implied a top-level literal, undo the trail from there."""
        clause = self.clauses[ci]
        self.alive[ci] = False
        if len(clause) >= 2:
            self.watches[clause[0]].remove(ci)
            self.watches[clause[1]].remove(ci)
        if clause and self.reason.get(abs(clause[0]), -1) == ci and clause[0] in self.true:
            self._unassign_from(self.position[abs(clause[0])])
            self.head = 0  # earlier literals may imply again what was undone
            self.propagate(0, top=True)

    def is_reason(self, ci: int) -> bool:
        clause = self.clauses[ci]
        return bool(clause) and clause[0] in self.true and self.reason[abs(clause[0])] == ci

    # -- propagation ----------------------------------------------------------------

    def propagate(self, start: int, top: bool = False) -> int | None:
        """Core-first unit propagation from trail[start:]; the conflict's clause or None.

        Marked clauses propagate first; an unmarked clause is visited only when the
        core alone propagates no further, and after each literal so scanned the core
        gets the first look again.
        """
        core_head = all_head = start
        trail = self.trail
        while True:
            while core_head < len(trail):
                lit = trail[core_head]
                core_head += 1
                self.propagations += 1
                conflict = self._scan(-lit, core=True)
                if conflict is not None:
                    return conflict
            if all_head == len(trail):
                if top:
                    self.head = len(trail)
                return None
            lit = trail[all_head]
            all_head += 1
            conflict = self._scan(-lit, core=False)
            if conflict is not None:
                return conflict

    def _scan(self, false: int, core: bool) -> int | None:
        watches = self.watches.get(false)
        if not watches:
            return None
        true, clauses, marked = self.true, self.clauses, self.marked
        work, kept, i, n = 0, 0, 0, len(watches)
        conflict = None
        while i < n:
            ci = watches[i]
            i += 1
            work += 1
            if marked[ci] is not core:
                watches[kept] = ci
                kept += 1
                continue
            clause = clauses[ci]
            if clause[0] == false:
                clause[0], clause[1] = clause[1], false
            other = clause[0]
            if other in true:
                watches[kept] = ci
                kept += 1
                continue
            for k in range(2, len(clause)):
                work += 1
                if -clause[k] not in true:
                    clause[1], clause[k] = clause[k], false
                    self.watches.setdefault(clause[1], []).append(ci)
                    break
            else:
                watches[kept] = ci
                kept += 1
                if -other in true:
                    conflict = ci
                    break
                self._assign(other, ci)
        while i < n:  # the rest of the list stays as it was
            watches[kept] = watches[i]
            kept += 1
            i += 1
        del watches[kept:]
        self.meter.tick(work)
        return conflict

    # -- analysis -------------------------------------------------------------------

    def analyze(self, seen: set[int]) -> None:
        """Mark the reasons, back along the trail, of the variables in ``seen``."""
        work = 0
        for lit in reversed(self.trail):
            work += 1
            if abs(lit) not in seen:
                continue
            ci = self.reason[abs(lit)]
            if ci is None:
                continue
            self.marked[ci] = True
            for x in self.clauses[ci]:
                seen.add(abs(x))
            work += len(self.clauses[ci])
        self.meter.tick(work)

    def conflict_core(self, ci: int) -> None:
        self.marked[ci] = True
        self.analyze({abs(x) for x in self.clauses[ci]})

    def rup(self, lits: Sequence[int]) -> bool:
        """Does the negation of ``lits`` propagate to a conflict? If so, mark what it used."""
        start = len(self.trail)
        for lit in lits:
            self.meter.tick()
            if lit in self.true:  # satisfied at the top level: its reasons are the core
                self._unassign_from(start)
                self.analyze({abs(lit)})
                return True
            if -lit not in self.true:
                self._assign(-lit, None)
        conflict = self.propagate(start)
        if conflict is not None:
            self.conflict_core(conflict)
        self._unassign_from(start)
        return conflict is not None

    def rat(self, lits: Sequence[int]) -> bool:
        """Resolution asymmetric tautology on ``lits[0]``: every resolvent is RUP."""
        if not lits:
            return False
        pivot = lits[0]
        for ci, clause in enumerate(self.clauses):
            if not self.alive[ci] or -pivot not in clause:
                continue
            self.meter.tick(len(clause))
            if not self.rup([*lits, *(x for x in clause if x != -pivot)]):
                return False
            self.marked[ci] = True
        return True


def check_drat(clauses: Sequence[Sequence[int]], proof: object, meter: gaps.Meter) -> bool:
    """True when ``proof`` (DRAT text lines) refutes ``clauses``, checked backward, core first.

    Only the lemmas in the core of the refutation are checked, each by RUP or else RAT.

    >>> check_drat([[1], [-1, 2], [-2]], [], gaps.Meter())
    True
    >>> check_drat([[1, 2]], ["0"], gaps.Meter())
    False
    """
    if not isinstance(proof, (list, tuple)):
        return False
    db = _Database(meter)
    try:
        return _check(db, clauses, proof)
    finally:
        meter.count(propagations=db.propagations)


def _check(db: _Database, clauses: Sequence[Sequence[int]], proof: Sequence[object]) -> bool:
    conflict = None
    for clause in clauses:
        conflict = db.add(list(clause))
        if conflict is not None:
            db.conflict_core(conflict)
            return True
    # Forward, unchecked: add lemmas and honour deletions until the top level conflicts.
    steps: list[tuple[bool, int]] = []  # (is a lemma, clause index) in proof order
    index: dict[tuple[int, ...], list[int]] = {}
    for ci, clause in enumerate(db.clauses):
        index.setdefault(tuple(sorted(clause)), []).append(ci)
    for line in proof:
        parsed = parse_line(line)
        if parsed is None:
            return False
        deletion, lits = parsed
        if deletion:
            found = index.get(tuple(sorted(set(lits))))
            if found and not db.is_reason(found[-1]):
                ci = found.pop()
                db.detach(ci)
                steps.append((False, ci))
            continue
        if not lits:
            return False  # the empty clause, yet unit propagation finds no conflict
        if any(-x in lits for x in lits):
            continue  # a tautology: never propagates, never in a core
        conflict = db.add(lits)
        steps.append((True, len(db.clauses) - 1))
        index.setdefault(tuple(sorted(set(lits))), []).append(len(db.clauses) - 1)
        if conflict is not None:
            break
    if conflict is None:
        return False
    db.conflict_core(conflict)
    # Backward: undo each step; check each lemma the core needs against what precedes it.
    for is_lemma, ci in reversed(steps):
        if not is_lemma:
            db.reattach(ci)
            continue
        db.detach(ci)
        if db.marked[ci]:
            lemma = db.clauses[ci]
            if not db.rup(lemma) and not db.rat(lemma):
                return False
    return True


def backward(
    clauses: Sequence[Sequence[int]], answer: object, proof: object, meter: gaps.Meter
) -> bool:
    """The refutation families' certified verifier, checking backward, core first.

    >>> backward([[1], [-1]], UNSAT, [], gaps.Meter())
    True
    """
    if answer == UNSAT:
        return check_drat(clauses, proof, meter)
    return satisfies(clauses, answer, meter)

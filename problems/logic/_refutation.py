"""Shared by the unsatisfiable-formula families: CaDiCaL with a DRAT proof, a DRUP checker.

The checker is a textbook forward DRUP checker (Heule, Hunt & Wetzler 2013, the
method behind drat-trim, without its backward core trimming): every added lemma must
be a reverse unit propagation (RUP) consequence of the clauses alive at that point,
found by unit propagation with two watched literals; deletions are honoured (deleted
clauses are skipped by propagation), except that literals already implied at the top
level stay implied, as in drat-trim (they are consequences of the formula, so this is
sound for refutations). RAT steps are not checked: CaDiCaL's default proofs are pure
RUP, and a lemma that is not RUP is rejected (never accepted). The proof is accepted
when the empty clause is derived. Propagation works as CaDiCaL's: each watch carries a
blocking literal (Chu, Harwood & Stuckey 2008), and a clause is opened only when that
literal is not true; the search for a new watch resumes where the last one stopped
(Gent 2013); a clause found satisfied keeps its watch and takes the true literal as
its blocker. One tick per group of watches tested for its blocker, per clause opened
and per literal read; and, as CaDiCaL counts them, one ``propagations`` per literal
whose watch list propagation scans, so a proof check and the search that wrote the
proof can be compared in the same machine-independent unit.

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
from itertools import chain
from typing import Any

from gaps.problems._sat import count_stats, solve_cnf
from pysat.solvers import Solver

import gaps
from gaps.formats import to_clauses

UNSAT = "unsatisfiable"


def refute(clauses: Sequence[Sequence[int]], meter: gaps.Meter) -> tuple[Any, list[str]]:
    """CaDiCaL 1.9.5 on ``clauses``: ``(UNSAT, drat_lines)`` or ``(model, [])``."""
    with Solver(name="cadical195", bootstrap_with=clauses, with_proof=True) as solver:
        satisfiable = solver.solve()
        result: Any = solver.get_model() if satisfiable else UNSAT
        proof = [] if satisfiable else list(solver.get_proof())
        count_stats(solver, meter)
    return result, proof


def decide_unsat(clauses: Sequence[Sequence[int]], meter: gaps.Meter) -> bool:
    """True when CaDiCaL (no proof logging) finds ``clauses`` unsatisfiable."""
    return solve_cnf(clauses, meter) is None


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


def parse_line(line: object) -> tuple[bool, list[int]] | None:
    """A DRAT line as ``(is a deletion, literals)``, or None when it is malformed.

    >>> parse_line("d 1 -2 0"), parse_line("3 0"), parse_line("1 x 0")
    ((True, [1, -2]), (False, [3]), None)
    """
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
    """Clauses with two watched literals and a top-level trail.

    A literal's watches are grouped by blocker, so that one set lookup skips every
    clause a true blocker satisfies: a model counter's blocking clauses run over all n
    variables, hundreds of them watch each literal, and most are blocked. A blocker is a
    literal of its clause, so it stays valid when the watches move or assignments are
    undone.
    """

    def __init__(self, meter: gaps.Meter) -> None:
        self.meter = meter
        self.clauses: list[list[int]] = []
        self.alive: list[bool] = []
        self.saved: list[int] = []  # where each clause's last search for a watch stopped
        # literal -> blocker -> indices of the clauses the literal watches
        self.watches: dict[int, dict[int, list[int]]] = {}
        self.true: set[int] = set()  # the literals assigned true
        self.trail: list[int] = []
        self.inconsistent = False
        self.index: dict[tuple[int, ...], list[int]] = {}
        self.propagations = 0

    def _assign(self, lit: int) -> None:
        self.true.add(lit)
        self.trail.append(lit)

    def _watch(self, lit: int, ci: int, blocker: int) -> None:
        groups = self.watches.get(lit)
        if groups is None:
            self.watches[lit] = {blocker: [ci]}
        elif blocker in groups:
            groups[blocker].append(ci)
        else:
            groups[blocker] = [ci]

    def propagate(self, start: int) -> bool:
        """Unit propagation from trail[start:]; False on a conflict."""
        tick, watch = self.meter.tick, self._watch
        true, trail, clauses, alive = self.true, self.trail, self.clauses, self.alive
        saved = self.saved
        head = start
        while head < len(trail):
            lit = trail[head]
            head += 1
            self.propagations += 1  # scanned, even when nothing watches it (as CaDiCaL)
            false = -lit
            groups = self.watches.get(false)
            if not groups:
                continue
            work = len(groups)
            for blocker in [b for b in groups if b not in true]:
                if blocker in true:  # became true while this list was scanned
                    continue
                indices = groups.pop(blocker)
                work += len(indices)
                for pos, ci in enumerate(indices):
                    if not alive[ci]:
                        continue
                    clause = clauses[ci]
                    if clause[0] == false:
                        clause[0], clause[1] = clause[1], false
                    other = clause[0]
                    if other in true:
                        groups.setdefault(other, []).append(ci)
                        continue
                    # The first literal not false, searched from where the last
                    # search stopped, round the clause (Gent 2013, as in CaDiCaL).
                    size, found = len(clause), 0
                    if size == 3:
                        work += 1
                        if -clause[2] not in true:
                            found = 2
                    elif size > 3:
                        middle = saved[ci]
                        for k in chain(range(middle, size), range(2, middle)):
                            if -clause[k] not in true:
                                found = k
                                break
                        work += (found - middle) % (size - 2) + 1 if found else size - 2
                        if found:
                            saved[ci] = found
                    if found:
                        candidate = clause[found]
                        if candidate in true:
                            # Satisfied by a literal that stays true while ``false``
                            # stays false (fixed at the top level, or undone with it
                            # after this RUP check): only the blocker changes (CaDiCaL).
                            groups.setdefault(candidate, []).append(ci)
                        else:
                            clause[1], clause[found] = candidate, false
                            watch(candidate, ci, other)
                        continue
                    groups.setdefault(other, []).append(ci)
                    if -other in true:
                        if pos + 1 < len(indices):
                            groups.setdefault(blocker, []).extend(indices[pos + 1 :])
                        tick(work)
                        return False
                    true.add(other)
                    trail.append(other)
            tick(work)
        return True

    def add(self, lits: list[int]) -> None:
        """Add a clause at the top level (after its RUP check)."""
        unique = dict.fromkeys(lits)
        clause = list(unique)
        self.meter.tick(len(clause))
        if any(-x in unique or x in self.true for x in clause):
            return  # tautology or satisfied at the top level: never propagates
        free = [x for x in clause if -x not in self.true]
        ci = len(self.clauses)
        self.clauses.append(clause)
        self.alive.append(True)
        self.saved.append(2)
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
            self._watch(clause[0], ci, clause[1])
            self._watch(clause[1], ci, clause[0])

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
            if lit in self.true:
                ok = True
                break
            if -lit not in self.true:
                self._assign(-lit)
        if not ok:
            ok = not self.propagate(start)
        for lit in self.trail[start:]:
            self.true.discard(lit)
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
        parsed = parse_line(line)
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


# The roles shared by the refutation families, on an instance's clauses (clauses_of).

#: What a refutation family's instance is.
INSTANCE = (
    "a pair (size, clauses) of an int and clauses of nonzero int literals, or a formula "
    "as gaps.formats.to_clauses takes it (a gaps.formats.CNF, a cnfgen or python-sat formula)"
)


def clauses_of(spec: Any, family: str, role: str) -> list[tuple[int, ...]]:
    """The clauses of a refutation family's instance, checked.

    >>> from gaps.formats import CNF
    >>> clauses_of(CNF(1, [[1], [-1]]), "pigeonhole", "verifier 'drat'")
    [(1,), (-1,)]
    """
    formula = spec
    if isinstance(spec, (tuple, list)) and len(spec) == 2 and type(spec[0]) is int:
        formula = spec[1]  # (size, clauses): the size is the sampler's, not a variable count
    try:
        return to_clauses(formula)[1]
    except gaps.InvalidArgument as exc:  # formula_of would show the clauses, not the instance
        raise gaps.wrong_instance(family, role, spec, INSTANCE, str(exc)) from None


def cadical(clauses: Sequence[Sequence[int]], meter: gaps.Meter) -> gaps.Certified:
    answer, proof = refute(clauses, meter)
    return gaps.Certified(answer, proof)


def decide(clauses: Sequence[Sequence[int]], answer: object, meter: gaps.Meter) -> bool:
    if answer == UNSAT:
        return decide_unsat(clauses, meter)
    return satisfies(clauses, answer, meter)


def drat(
    clauses: Sequence[Sequence[int]], answer: object, proof: object, meter: gaps.Meter
) -> bool:
    if answer == UNSAT:
        return check_drup(clauses, proof, meter)
    return satisfies(clauses, answer, meter)

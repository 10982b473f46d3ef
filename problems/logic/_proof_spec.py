"""The specification of the DRAT proof checkers: what a valid RUP refutation is.

Candidates are edits of a real proof. CaDiCaL refutes a small unsatisfiable formula
(the instance itself, or its unsatisfiable partner when the instance is satisfiable);
a candidate keeps or drops each line, may stop early, and may insert lines from a
fixed list: the empty clause, a unit on a variable outside the formula, the negation
of the proof's first unit lemma, the clause the satisfiable twin lacks (a lemma that
is not RUP there, after which the rest of the proof refutes it) and the deletion of
the formula's first clause (every clause of a minimally unsatisfiable formula is
needed), each at the start or before the last line. At most two changes in all
(``gaps.problems._edits``), so a dropped lemma, a lemma that is not RUP, a missing
empty clause and a needed clause deleted are all among the candidates. Assignments
are candidates too, every one of them up to :data:`ASSIGNED` variables (wider
formulas: proofs only).

The relation is the definition, on sets of literals (no watches, no blockers: none of
the checkers' data structures): the proof is read in order until the clauses alive
and the literals implied at the top level conflict; each lemma read must be a reverse
unit propagation (RUP) of them; a deletion removes one copy of its clause, and a
literal once implied at the top level stays implied (drat-trim's rule, sound for
refutations). A proof that reaches no conflict refutes nothing. z3 enumerates the
candidates (by their index), decides whether the formula is satisfiable, and proves
each lemma the definition takes as RUP implied by the clauses alive (else it raises).

>>> import gaps
>>> def ends_empty(formula, answer, proof, meter):  # checks no lemma
...     if answer != UNSAT:
...         return all(any(x in answer for x in clause) for clause in formula[1])
...     return proof[-1:] == ["0"]
>>> unsat = [[1, 2], [-1, 2], [1, -2], [-1, -2]]
>>> fam = gaps.Family("tiny_refutation", lambda size, rng: None, lambda f, m: None,
...                   {"check": gaps.certified(ends_empty)},
...                   spec=refutation_specification(lambda bound: [((2, unsat[:3]), unsat)]))
>>> gaps.prove(fam).counterexample
((2, [[1, 2], [-1, 2], [1, -2]]), Certified(output='unsatisfiable', certificate=['0']))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from gaps.problems._edits import Edits, Value, among
from gaps.problems.logic._refutation import UNSAT, parse_line, refute

import gaps

__all__ = ["ASSIGNED", "ProofEdits", "refutation_specification", "rup_refutation"]

#: Formulas over at most this many variables also get every assignment as a candidate.
ASSIGNED = 6

Clause = tuple[int, ...]
Line = tuple[bool, Clause]  # (is a deletion, literals)
Formula = tuple[int, list[list[int]]]


def _key(clause: Iterable[int]) -> Clause:
    return tuple(sorted(set(clause)))


def _propagate(clauses: Iterable[Clause], true: set[int]) -> set[int] | None:
    """The literals unit propagation implies from ``true``, or None on a conflict."""
    if any(-lit in true for lit in true):
        return None
    true = set(true)
    clauses = list(clauses)
    changed = True
    while changed:
        changed = False
        for clause in clauses:
            if any(lit in true for lit in clause):
                continue
            free = [lit for lit in clause if -lit not in true]
            if not free:
                return None
            if len(free) == 1:
                true.add(free[0])
                changed = True
    return true


def rup_refutation(
    clauses: Sequence[Sequence[int]],
    lines: Sequence[Line],
    implied: Callable[[list[Clause], Clause], bool] | None = None,
) -> tuple[bool, bool]:
    """``(valid, reached)``: the proof is a RUP refutation; its lines reach a conflict
    when every lemma is taken as read.

    ``implied(alive, lemma)``, when given, is asked about every lemma taken as RUP.

    >>> formula = [[1, 2], [-1, 2], [1, -2], [-1, -2]]
    >>> rup_refutation(formula, [(False, (2,)), (False, ())])
    (True, True)
    >>> rup_refutation(formula, [(False, (3,)), (False, (2,))])
    (False, True)
    >>> rup_refutation(formula, [(True, (1, 2)), (False, (2,))])
    (False, True)
    >>> rup_refutation(formula[:3], [(False, (2,))])
    (False, False)
    """
    alive = Counter(_key(c) for c in clauses)

    def living() -> list[Clause]:
        return [k for k, count in alive.items() if count > 0]

    true = _propagate(living(), set())
    if true is None:
        return True, True
    valid = True
    for deletion, lits in lines:
        key = _key(lits)
        if deletion:
            alive[key] = max(alive[key] - 1, 0)
            continue
        if valid:
            valid = _propagate(living(), true | {-lit for lit in key}) is None
            if valid and implied is not None and not implied(living(), key):
                raise RuntimeError(
                    f"unit propagation took {key} as RUP, yet z3 finds it not implied"
                )
        alive[key] += 1
        grown = _propagate(living(), true)
        if grown is None:
            return valid, True
        true = grown
    return False, False


@dataclass
class _Implied:
    """z3 deciding whether a clause follows from others, remembered per question."""

    seen: dict[tuple[frozenset[Clause], Clause], bool] = field(default_factory=dict)

    def __call__(self, alive: list[Clause], lemma: Clause) -> bool:
        import z3

        key = (frozenset(alive), lemma)
        if key not in self.seen:
            solver = z3.Solver()
            for clause in alive:
                solver.add(z3.Or(*(z3.Bool(f"v{abs(x)}") == (x > 0) for x in clause)))
            solver.add(*(z3.Bool(f"v{abs(x)}") == (x < 0) for x in lemma))
            self.seen[key] = solver.check() == z3.unsat
        return self.seen[key]


def satisfiable(clauses: Sequence[Sequence[int]]) -> bool:
    """Whether z3 finds a model of ``clauses``.

    >>> satisfiable([[1], [-1, 2]]), satisfiable([[1], [-1]])
    (True, False)
    """
    import z3

    solver = z3.Solver()
    for clause in clauses:
        solver.add(z3.Or(*(z3.Bool(f"v{abs(x)}") == (x > 0) for x in clause)))
    return bool(solver.check() == z3.sat)


@dataclass(frozen=True)
class ProofEdits:
    """A real proof's lines, the lines a candidate may insert and where, and where it may
    stop (the lines from there on dropped)."""

    lines: tuple[Line, ...]
    extras: tuple[Line, ...]
    positions: tuple[int, ...]

    @classmethod
    def of(
        cls, proof: Sequence[str], first: Sequence[int], width: int, missing: Sequence[int]
    ) -> ProofEdits:
        """The edits of ``proof`` (DRAT lines) of clauses over 1..``width``, the first one
        ``first``; ``missing`` is a clause whose lemma is not RUP (the one a satisfiable
        twin lacks of its unsatisfiable partner)."""
        lines = tuple((d, tuple(lits)) for d, lits in filter(None, map(parse_line, proof)))
        units = [lits[0] for d, lits in lines if not d and len(lits) == 1]
        extras: tuple[Line, ...] = (
            (False, ()),
            (False, (width + 1,)),
            (False, (-units[0] if units else 1,)),
            (False, tuple(missing)),
            (True, tuple(first)),
        )
        last = len(lines)
        return cls(lines, extras, tuple(sorted({0, max(last - 1, 0)})))

    @property
    def edits(self) -> Edits:
        """Keep each line, insert each extra line (-1: not), stop at (the proof's length: not)."""
        n, x = len(self.lines), len(self.extras)
        return Edits(
            (*(True,) * n, *(-1,) * x, n),
            (*((True, False),) * n, *((-1, *self.positions),) * x, tuple(sorted({0, n // 2, n}))),
        )

    def decode(self, values: Sequence[Value]) -> list[Line]:
        n = len(self.lines)
        keep, at, stop = values[:n], values[n:-1], values[-1]
        rows: list[Line] = []
        for j in range(n + 1):
            rows += [extra for a, extra in zip(at, self.extras, strict=True) if a == j]
            if j < min(n, int(stop)) and keep[j]:
                rows.append(self.lines[j])
        return rows


def text(lines: Iterable[Line]) -> list[str]:
    """DRAT text of ``(is a deletion, literals)`` lines.

    >>> text([(False, (1, -2)), (True, (3,)), (False, ())])
    ['1 -2 0', 'd 3 0', '0']
    """
    return [("d " if d else "") + " ".join(map(str, (*lits, 0))) for d, lits in lines]


def width(clauses: Iterable[Iterable[int]]) -> int:
    """The largest variable of ``clauses``."""
    return max((abs(x) for c in clauses for x in c), default=0)


def refutation_specification(
    formulas: Callable[[int], Iterable[tuple[Formula, list[list[int]] | None]]],
    verifier: str | None = None,
    exact: bool = True,
) -> gaps.Specification:
    """The relation of a refutation family's certified verifier, for :func:`gaps.prove`.

    ``formulas(bound)`` yields ``(instance, partner)``: a formula ``(n, clauses)`` and
    the unsatisfiable formula whose CaDiCaL proof gives the candidates (None: the
    instance's own). Candidates are an assignment (valid when it satisfies every
    clause) or ``"unsatisfiable"`` with a proof (valid when it is a RUP refutation).
    With ``exact`` false, the verifier may also accept a proof that is not, provided
    the formula is unsatisfiable and the proof's lines reach a conflict when every
    lemma is taken as read: a checker that checks only the lemmas a refutation uses
    (drat-trim's core), or RAT lemmas too, may.
    """
    tables: dict[Any, tuple[list[list[Line]], list[int], list[int]]] = {}
    implied = _Implied()

    def key(formula: Formula) -> Any:
        return tuple(map(tuple, formula[1]))

    def instances(bound: int) -> Iterator[Formula]:
        for formula, partner in formulas(bound):
            clauses = formula[1]
            _, proof = refute(clauses if partner is None else partner, gaps.Meter())
            missing = (clauses if partner is None else partner)[0]
            edits = ProofEdits.of(proof, clauses[0], width(clauses), missing)
            proofs = [edits.decode(values) for values in edits.edits.candidates()]
            unsat = not satisfiable(clauses)
            valid, allowed = [], []
            for i, lines in enumerate(proofs):
                ok, reached = rup_refutation(clauses, lines, implied)
                valid += [i] if ok else []
                allowed += [i] if ok or (unsat and reached and not exact) else []
            tables[key(formula)] = proofs, valid, allowed
            yield formula

    def variables(formula: Formula) -> list[Any]:
        import z3

        xs = [z3.Bool(f"x{v}") for v in range(1, width(formula[1]) + 1)]
        return [z3.Bool("refutes"), *xs, z3.Int("proof")]

    def relation(formula: Formula, variables: Sequence[Any], which: int) -> Any:
        import z3

        claim, *xs, proof = variables
        accepted = among(z3, proof, tables[key(formula)][which])
        satisfied = [z3.Or(*(xs[abs(x) - 1] == (x > 0) for x in c)) for c in formula[1]]
        return z3.If(claim, accepted, z3.And(*satisfied))

    def domain(formula: Formula, variables: Sequence[Any]) -> Any:
        import z3

        claim, *xs, proof = variables
        listed = z3.And(proof >= 0, proof < len(tables[key(formula)][0]))
        unused = z3.And(*(z3.Not(x) for x in xs))
        return z3.If(
            claim, z3.And(unused, listed), z3.And(proof == 0, z3.BoolVal(len(xs) <= ASSIGNED))
        )

    def decode(formula: Formula, values: Sequence[Any]) -> gaps.Certified:
        claim, *xs, proof = values
        if not claim:
            return gaps.Certified([v if x else -v for v, x in enumerate(xs, 1)], [])
        return gaps.Certified(UNSAT, text(tables[key(formula)][0][proof]))

    return gaps.Specification(
        instances=instances,
        variables=variables,
        valid=lambda formula, variables: relation(formula, variables, 1),
        decode=decode,
        domain=domain,
        verifier=verifier,
        allowed=None if exact else (lambda formula, variables: relation(formula, variables, 2)),
    )

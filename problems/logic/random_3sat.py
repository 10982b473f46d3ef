"""Random 3-SAT: find a satisfying assignment (CaDiCaL) vs check one.

Problem: a uniformly random 3-CNF formula over n variables with m = 4n clauses, each
clause three distinct variables with independent random signs. The instance is the
pair ``(n, clauses)``, a clause a tuple of nonzero ints (DIMACS literals); any CNF
read from a file (what ``gaps.formats.to_clauses`` takes) is an instance too. The
ratio 4.0 sits below the satisfiability threshold (≈ 4.267, Mézard, Parisi & Zecchina
2002), so most formulas are satisfiable, yet above the ratio (≈ 3.81) past which
DPLL-type algorithms provably take exponential time (Achlioptas, Beame & Molloy 2004);
CDCL solvers show the same exponential growth in practice.

Gap: generation is CaDiCaL through python-sat (native code: its propagations,
conflicts and decisions are reported as counters, not steps). The output is the
assignment, a tuple of n bools (entry i is variable i + 1), or ``None`` for "this
formula is unsatisfiable". Witness verification evaluates every clause once, O(m).
A "no" answer has no short witness here: the verifier then re-decides the formula
with CaDiCaL, so on unsatisfiable instances (and on a dishonest "no") checking costs
as much as generating. DRAT proofs would not help much: checking one typically costs
as much as solving, or more (Heule, Hunt & Wetzler 2013). The corruptor sometimes answers
"no" for a satisfiable formula, so the cost of that path is measured.

Costs: time only (the generator runs in native code). Expected growth: generation
exponential in n (about 2**(n/30) at n ≤ 350 on this machine), verification linear;
the gap is positive and grows with n.

References: Cook 1971; Mitchell, Selman & Levesque 1992; Mézard, Parisi & Zecchina
2002; Achlioptas, Beame & Molloy 2004; Biere et al. 2020 (CaDiCaL).

>>> import random, gaps
>>> fam = gaps.get("random_3sat")
>>> formula = fam.sample(40, random.Random(1))
>>> assignment = fam.generate["cadical"](formula, gaps.Meter())
>>> fam.verify["check"].fn(formula, assignment, gaps.Meter())
True
>>> fam.verify["check"].fn(formula, fam.corrupt(formula, assignment, random.Random(2)),
...                        gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence

from gaps.problems._sat import assignment_specification, formula_of, solve_cnf

import gaps

#: Clauses per variable: below the threshold 4.267, above the DPLL-hardness ratio 3.81.
RATIO = 4.0

Formula = tuple[int, list[tuple[int, ...]]]


def sample(size: int, rng: random.Random) -> Formula:
    n = max(size, 3)
    clauses = []
    for _ in range(round(RATIO * n)):
        variables = rng.sample(range(1, n + 1), 3)
        clauses.append(tuple(v if rng.random() < 0.5 else -v for v in variables))
    return n, clauses


def _decide(n: int, clauses: Sequence[Sequence[int]], meter: gaps.Meter) -> tuple | None:
    """CaDiCaL's answer: a satisfying assignment (tuple of n bools) or None."""
    model = solve_cnf(clauses, meter)
    if model is None:
        return None
    values = [False] * n
    for literal in model:
        if abs(literal) <= n:
            values[abs(literal) - 1] = literal > 0
    return tuple(values)


def cadical(formula: Formula, meter: gaps.Meter) -> tuple | None:
    n, clauses = formula_of(formula, "random_3sat", "generator 'cadical'")
    return _decide(n, clauses, meter)


def check(formula: Formula, assignment: object, meter: gaps.Meter) -> bool:
    n, clauses = formula_of(formula, "random_3sat", "verifier 'check'")
    if assignment is None:  # a "no": no short witness, so decide the formula again
        return _decide(n, clauses, meter) is None
    if not isinstance(assignment, (tuple, list)) or len(assignment) != n:
        return False
    if not all(type(value) is bool for value in assignment):
        return False
    for clause in clauses:
        meter.tick()
        if not any(assignment[abs(lit) - 1] == (lit > 0) for lit in clause):
            return False
    return True


def corrupt(formula: Formula, assignment: tuple | None, rng: random.Random) -> tuple | None:
    n, clauses = formula
    if assignment is None:  # unsatisfiable: every assignment is wrong
        return tuple(rng.random() < 0.5 for _ in range(n))
    if rng.random() < 0.5:
        return None  # a false "no", which the verifier can only refute by solving
    bad = list(assignment)
    for lit in rng.choice(clauses):  # make every literal of one clause false
        bad[abs(lit) - 1] = lit < 0
    return tuple(bad)


def small_formulas(bound: int) -> Iterator[Formula]:
    """Every one-clause formula on three variables, the unsatisfiable one made of all
    eight clauses, and two sampled formulas per n from 3 to ``bound`` variables.

    >>> len(list(small_formulas(3)))
    11
    """
    clauses = [
        tuple(s * v for s, v in zip(signs, (1, 2, 3), strict=True))
        for signs in itertools.product((1, -1), repeat=3)
    ]
    yield from ((3, [clause]) for clause in clauses)
    yield 3, clauses
    for n in range(3, bound + 1):
        yield from (sample(n, random.Random(i)) for i in range(2))


FAMILY = gaps.Family(
    name="random_3sat",
    domain="logic",
    summary="Solve a random 3-CNF at ratio 4.0 (CaDiCaL) vs check the assignment.",
    sample=sample,
    generate={"cadical": cadical},
    verify={"check": gaps.witness(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**(n/30)",
        verify="n",
        sign="positive",
        reference="Achlioptas, Beame and Molloy 2004 (exponential DPLL below the threshold)",
    ),
    references=(
        "Cook 1971",
        "Mitchell, Selman and Levesque 1992",
        "Mézard, Parisi and Zecchina 2002",
        "Achlioptas, Beame and Molloy 2004",
        "Heule, Hunt and Wetzler 2013 (DRAT)",
        "Biere et al. 2020 (CaDiCaL)",
    ),
    tags=("sat", "np-complete", "solver", "random"),
    units=("time",),
    spec=assignment_specification(small_formulas),
    sizes=(50, 100, 150, 200, 250, 300, 350),
)

"""Planted 3-SAT: build a satisfiable 3-CNF around a hidden assignment vs decide it.

Problem: the instance ``(n, m, seed)`` asks for a 3-CNF formula with n variables and
m = round(4.2 n) clauses (three distinct variables each) that is satisfiable. The
generator draws a hidden assignment σ and keeps random clauses by *q-hidden* planting
(Jia, Moore & Strain 2005): a clause with t ≥ 1 literals true under σ is kept with
probability ∝ q**t, q = (√5 − 1)/2. With that q every literal is true under σ exactly
half of the time on average, so the literal counts carry no first-moment information
about σ. Naive planting (keep every clause σ satisfies) makes a true literal 4/7
likely, and majority vote recovers about 72 % of σ; 2-hidden planting (Achlioptas,
Jia & Moore 2005) also balances the signs but is solved by WalkSAT in polynomial time.
Jia, Moore & Strain give evidence that q-hidden formulas are exponentially hard for
DPLL and WalkSAT alike. With q-hidden planting, majority vote over literal signs
agrees with σ (or its complement) no better than guessing does (0.5 + O(1/√n)).

Gap: planting is O(m) (about 1.5 draws per kept clause). Given only the formula, the
``decide`` verifier (blind) must decide satisfiability: CaDiCaL, exponential in
n (NP-complete, Cook 1971). Given σ as certificate, ``check`` evaluates each clause
once: O(m). So the blind gap is negative (exponentially so) and the certified gap
neutral. Both verifiers first check the formula's shape (m clauses of three distinct
variables in 1..n), so that an empty or malformed formula is never accepted.

Costs: time only (CaDiCaL is native; its counters are reported for information).

References: Cook 1971; Achlioptas, Jia & Moore 2005 (2-hidden formulas); Jia, Moore &
Strain 2005 (q-hidden formulas, "Generating hard satisfiable formulas by hiding
solutions deceptively"); Krzakała & Zdeborová 2009 (quiet planting).

>>> import random, gaps
>>> fam = gaps.get("planted_sat")
>>> spec = fam.sample(40, random.Random(1))
>>> formula, hidden = fam.generate["plant"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, formula, hidden, gaps.Meter())
True
>>> fam.verify["decide"].fn(spec, formula, gaps.Meter())
True
>>> bad, cert = fam.corrupt(spec, gaps.Certified(formula, hidden), random.Random(2))
>>> fam.verify["decide"].fn(spec, bad, gaps.Meter())
False
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from gaps.problems._sat import solve_cnf

import gaps

#: Clauses per variable (Jia, Moore & Strain 2005 measured q-hidden formulas near 4.25).
RATIO = 4.2
#: The q of q-hidden planting that balances literal signs: the root of q**2 + q = 1.
Q = (math.sqrt(5) - 1) / 2

Spec = tuple[int, int, int]
Clause = tuple[int, ...]


def sample(size: int, rng: random.Random) -> Spec:
    n = max(size, 3)
    return n, round(RATIO * n), rng.getrandbits(64)


def _spec(spec: Any, role: str) -> Spec:
    """The instance, checked to be ``(n, m, seed)``."""
    if not (
        isinstance(spec, (tuple, list))
        and len(spec) == 3
        and all(type(x) is int for x in spec)
        and spec[0] >= 3
        and spec[1] >= 0
    ):
        raise gaps.wrong_instance(
            "planted_sat",
            role,
            spec,
            "a triple (n, m, seed) of ints, n >= 3 and m >= 0, asking for a formula (a "
            "formula read from a file is not an instance here: decide it with random_3sat)",
        )
    return spec[0], spec[1], spec[2]


def plant(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, m, seed = _spec(spec, "generator 'plant'")
    rng = random.Random(seed)
    hidden = tuple(rng.random() < 0.5 for _ in range(n))
    meter.tick(n)
    clauses: list[Clause] = []
    while len(clauses) < m:
        meter.tick()
        clause = tuple(v if rng.random() < 0.5 else -v for v in rng.sample(range(1, n + 1), 3))
        true = sum(hidden[abs(lit) - 1] == (lit > 0) for lit in clause)
        if true and rng.random() < Q ** (true - 1):
            clauses.append(clause)
    return gaps.Certified(clauses, hidden)


def _well_formed(spec: Spec, formula: object, meter: gaps.Meter) -> bool:
    n, m, _ = spec
    if not isinstance(formula, (list, tuple)) or len(formula) != m:
        return False
    for clause in formula:
        meter.tick()
        if not isinstance(clause, (list, tuple)) or len(clause) != 3:
            return False
        if not all(type(lit) is int and 1 <= abs(lit) <= n for lit in clause):
            return False
        if len({abs(lit) for lit in clause}) != 3:
            return False
    return True


def decide(spec: Spec, formula: object, meter: gaps.Meter) -> bool:
    if not _well_formed(_spec(spec, "verifier 'decide'"), formula, meter):
        return False
    return solve_cnf(formula, meter) is not None


def check(spec: Spec, formula: object, assignment: object, meter: gaps.Meter) -> bool:
    if not _well_formed(_spec(spec, "verifier 'check'"), formula, meter):
        return False
    n = spec[0]
    if not isinstance(assignment, (tuple, list)) or len(assignment) != n:
        return False
    if not all(type(value) is bool for value in assignment):
        return False
    for clause in formula:  # type: ignore[attr-defined]
        meter.tick()
        if not any(assignment[abs(lit) - 1] == (lit > 0) for lit in clause):
            return False
    return True


def _contradiction(n: int, rng: random.Random) -> list[Clause]:
    """Eight 3-clauses that are unsatisfiable together, spread over 7 variables.

    The first four resolve to (a), the last four to (¬a); no three variables carry
    all eight sign patterns, so the core is not visible as one "full" triple.
    """
    if n < 7:
        a, b, c = rng.sample(range(1, n + 1), 3)
        return [(a * sa, b * sb, c * sc) for sa in (1, -1) for sb in (1, -1) for sc in (1, -1)]
    a, b, c, d, e, f, g = rng.sample(range(1, n + 1), 7)
    return [
        (a, b, c),
        (a, b, -c),
        (a, -b, d),
        (a, -b, -d),
        (-a, e, f),
        (-a, e, -f),
        (-a, -e, g),
        (-a, -e, -g),
    ]


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Replace eight random clauses by an unsatisfiable core: the formula becomes UNSAT."""
    formula, hidden = result
    bad = list(formula)
    core = _contradiction(spec[0], rng)
    for position, clause in zip(rng.sample(range(len(bad)), len(core)), core, strict=True):
        literals = list(clause)
        rng.shuffle(literals)
        bad[position] = tuple(literals)
    return gaps.Certified(bad, hidden)


def small_specs(bound: int) -> list[Spec]:
    """One clause over 3 variables (the seed is not read): every candidate is 3 literals
    and 3 values, so larger instances multiply the count past the budget."""
    return [(3, 1, 0)] if bound >= 1 else []


def _formula_variables(spec: Spec) -> list[Any]:
    """Three literals per clause, then the assignment's n values."""
    import z3

    n, m, _ = spec
    lits = [z3.Int(f"lit{j}_{i}") for j in range(m) for i in range(3)]
    return [*lits, *(z3.Bool(f"x{v}") for v in range(n))]


def _literals_near(spec: Spec, v: Sequence[Any]) -> Any:
    """Literals from -n to n, zero (malformed) included."""
    import z3

    n, m, _ = spec
    return z3.And(*(z3.And(lit >= -n, lit <= n) for lit in v[: 3 * m]))


def _planted(spec: Spec, v: Sequence[Any]) -> Any:
    """Well-formed clauses (3 distinct variables in range) that the assignment satisfies."""
    import z3

    n, m, _ = spec
    lits, values = v[: 3 * m], v[3 * m :]
    clauses = []
    for j in range(m):
        clause = lits[3 * j : 3 * j + 3]
        ranged = [z3.And(lit != 0, lit >= -n, lit <= n) for lit in clause]
        size = [z3.If(lit > 0, lit, -lit) for lit in clause]
        true = [z3.Or([z3.And(lit == x + 1, values[x]) for x in range(n)]) for lit in clause] + [
            z3.Or([z3.And(lit == -(x + 1), z3.Not(values[x])) for x in range(n)]) for lit in clause
        ]
        clauses.append(z3.And(*ranged, z3.Distinct(*size), z3.Or(true)))
    return z3.And(*clauses)


def _decode(spec: Spec, values: Sequence[Any]) -> gaps.Certified:
    m = spec[1]
    lits = list(values[: 3 * m])
    formula = [tuple(lits[3 * j : 3 * j + 3]) for j in range(m)]
    return gaps.Certified(formula, tuple(values[3 * m :]))


SPECIFICATION = gaps.Specification(
    instances=small_specs,
    variables=_formula_variables,
    valid=_planted,
    decode=_decode,
    domain=_literals_near,
    verifier="check",
)


FAMILY = gaps.Family(
    name="planted_sat",
    domain="logic",
    summary="Plant a q-hidden satisfiable 3-CNF (O(m)) vs decide it blind or check σ.",
    sample=sample,
    generate={"plant": plant},
    verify={"decide": gaps.blind(decide), "check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify={"decide": "2**(n/20)", "check": "n"},
        sign={"decide": "negative", "check": "neutral"},
        reference="Cook 1971; Jia, Moore and Strain 2005 (q-hidden planting)",
    ),
    references=(
        "Cook 1971",
        "Achlioptas, Jia and Moore 2005",
        "Jia, Moore and Strain 2005 (JAIR 2007)",
        "Krzakala and Zdeborova 2009",
    ),
    tags=("sat", "planted", "np-complete", "solver"),
    # CaDiCaL does its work in native code; the planting and the check tick theirs.
    units={"decide": ("time",), "check": ("steps", "time")},
    sizes={"decide": (50, 100, 150, 200, 250, 300), "check": (50, 100, 200, 400, 800, 1600, 3200)},
    spec=SPECIFICATION,
)

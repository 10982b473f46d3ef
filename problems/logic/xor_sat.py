"""Random XOR-SAT: solve a GF(2) linear system by elimination vs check the answer.

Problem: n variables and m = round(0.9 n) random equations x_a ⊕ x_b ⊕ x_c = r over
GF(2) (three distinct variables each, r a random bit). The density 0.9 sits just
below the satisfiability threshold of random 3-XOR-SAT (≈ 0.918, Dubois & Mandler
2002), so both answers occur. The output is an assignment (a tuple of n bools) or
``"inconsistent"``.

Gap: generation is textbook Gauss–Jordan elimination on bit-packed rows (Python ints:
bit 0 the right-hand side, bit i variable i), each row carrying the set of original
equations it is the sum of; one tick per machine word of a row operation, Θ(n·m·n/64)
= Θ(n^3/64). A consistent system yields the assignment with free variables 0; a row
reduced to 0 = 1 yields, as certificate, the equations summing to it. The ``check``
verifier (certified) evaluates every equation on an assignment (Θ(m)), or, for
``"inconsistent"``, adds up the certificate's equations and checks they give 0 = 1
(Θ(|certificate|) ≤ Θ(m)). Positive gap (n^3 against n; the 1/64 word packing
delays it at small n).

Costs: steps (ticked on both sides) and time.

References: Gauss (Gaussian elimination); Dubois & Mandler 2002 (3-XOR-SAT
threshold); Creignou & Daudé 1999 (random XOR-SAT).

>>> import random, gaps
>>> fam = gaps.get("xor_sat")
>>> spec = fam.sample(40, random.Random(1))
>>> answer, certificate = fam.generate["gauss"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, answer, certificate, gaps.Meter())
True
>>> bad = fam.corrupt(spec, gaps.Certified(answer, certificate), random.Random(2))
>>> fam.verify["check"].fn(spec, bad.output, bad.certificate, gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import Any

from gaps.problems._sat import decode_bools, near_length_bools, near_length_domain

import gaps

#: Equations per variable, just below the 3-XOR-SAT threshold 0.918.
DENSITY = 0.9
INCONSISTENT = "inconsistent"

Equation = tuple[tuple[int, int, int], int]
Spec = tuple[int, list[Equation]]


def sample(size: int, rng: random.Random) -> Spec:
    n = max(size, 3)
    equations = []
    for _ in range(round(DENSITY * n)):
        a, b, c = rng.sample(range(n), 3)
        equations.append(((a, b, c), rng.getrandbits(1)))
    return n, equations


def _is_system(spec: Any) -> bool:
    if not isinstance(spec, (tuple, list)) or len(spec) != 2:
        return False
    n, equations = spec
    if type(n) is not int or n < 0 or not isinstance(equations, (tuple, list)):
        return False
    for equation in equations:
        if not isinstance(equation, (tuple, list)) or len(equation) != 2:
            return False
        variables, rhs = equation
        if rhs not in (0, 1) or type(rhs) is not int or not isinstance(variables, (tuple, list)):
            return False
        if len(set(variables)) != len(variables):
            return False
        if not all(type(x) is int and 0 <= x < n for x in variables):
            return False
    return True


def _system(spec: Any, role: str) -> Spec:
    """The instance, checked to be ``(n, equations)``."""
    if not _is_system(spec):
        raise gaps.wrong_instance(
            "xor_sat",
            role,
            spec,
            "a pair (n, equations): an int n >= 0 and equations ((variables), rhs), the "
            "variables distinct ints in 0..n-1 and rhs 0 or 1 (a CNF formula is not an XOR "
            "system: decide one with random_3sat)",
        )
    return spec  # type: ignore[no-any-return]


def gauss(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, equations = _system(spec, "generator 'gauss'")
    words = n // 64 + 1
    rows = []
    for i, (variables, rhs) in enumerate(equations):
        meter.tick(len(variables))
        row = rhs
        for x in variables:
            row ^= 1 << (x + 1)
        rows.append([row, 1 << i])
    pivot_of: dict[int, int] = {}  # variable -> index of its pivot row
    done = 0
    for x in range(n):
        bit = 1 << (x + 1)
        for r in range(done, len(rows)):
            meter.tick()
            if rows[r][0] & bit:
                break
        else:
            continue
        rows[done], rows[r] = rows[r], rows[done]
        pivot_row = rows[done]
        for r in range(len(rows)):
            meter.tick()
            if r != done and rows[r][0] & bit:
                meter.tick(2 * words)
                rows[r][0] ^= pivot_row[0]
                rows[r][1] ^= pivot_row[1]
        pivot_of[x] = done
        done += 1
    for row, combination in rows[done:]:
        meter.tick()
        if row == 1:  # 0 = 1
            return gaps.Certified(
                INCONSISTENT, [i for i in range(len(equations)) if combination >> i & 1]
            )
    assignment = [False] * n
    for x, r in pivot_of.items():
        meter.tick()
        assignment[x] = bool(rows[r][0] & 1)
    return gaps.Certified(tuple(assignment), ())


def check(spec: Spec, answer: object, certificate: object, meter: gaps.Meter) -> bool:
    n, equations = _system(spec, "verifier 'check'")
    if answer == INCONSISTENT:
        if not isinstance(certificate, (list, tuple)) or len(set(certificate)) != len(certificate):
            return False
        if not all(type(i) is int and 0 <= i < len(equations) for i in certificate):
            return False
        odd: set[int] = set()
        total = 0
        for i in certificate:
            variables, rhs = equations[i]
            meter.tick(len(variables))
            odd ^= set(variables)
            total ^= rhs
        return not odd and total == 1
    if not isinstance(answer, tuple) or len(answer) != n:
        return False
    if not all(type(value) is bool for value in answer):
        return False
    for variables, rhs in equations:
        meter.tick(len(variables))
        if sum(answer[x] for x in variables) % 2 != rhs:
            return False
    return True


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Flip a variable of a random equation, or drop an equation from the 0 = 1 sum."""
    answer, certificate = result
    if answer == INCONSISTENT:
        bad = list(certificate)
        del bad[rng.randrange(len(bad))]
        return gaps.Certified(INCONSISTENT, bad)
    variables, _ = rng.choice(spec[1])
    flipped = list(answer)
    flipped[variables[0]] = not flipped[variables[0]]
    return gaps.Certified(tuple(flipped), certificate)


def small_systems(bound: int) -> Iterator[Spec]:
    """Every system of at most two equations over the variables (0, 1, 2) and (0, 1, 3)
    on four variables (two with the same left side and different right sides are
    inconsistent), then two sampled systems per n from 4 to ``bound`` variables.

    >>> len(list(small_systems(3)))
    15
    """
    equations = [(variables, rhs) for variables in ((0, 1, 2), (0, 1, 3)) for rhs in (0, 1)]
    yield 4, []
    for i, first in enumerate(equations):
        yield 4, [first]
        yield from ((4, [first, second]) for second in equations[i:])
    for n in range(4, bound + 1):
        yield from (sample(n, random.Random(i)) for i in range(2))


def _variables(spec: Spec) -> list[Any]:
    """Whether the answer is an assignment, its bools, and one bool per equation
    saying whether the certificate lists it (in increasing order)."""
    import z3

    n, equations = spec
    chosen = [z3.Bool(f"uses{i}") for i in range(len(equations))]
    return [z3.Bool("assignment"), *near_length_bools(z3, "x", n), *chosen]


def _domain(spec: Spec, v: Sequence[Any]) -> Any:
    """An assignment comes with an empty certificate, "inconsistent" with none."""
    import z3

    n = spec[0]
    answer, assignment, chosen = v[0], v[1 : n + 3], v[n + 3 :]
    no_answer = z3.And(assignment[0] == n, *(z3.Not(x) for x in assignment[1:]))
    return z3.And(
        near_length_domain(z3, assignment, n),
        z3.If(answer, z3.And(*(z3.Not(c) for c in chosen)), no_answer),
    )


def _right(spec: Spec, v: Sequence[Any]) -> Any:
    """An assignment of length n satisfying every equation, or a set of equations
    whose left sides cancel (each variable an even number of times) and whose right
    sides sum to 1."""
    import z3

    n, equations = spec
    answer, assignment, chosen = v[0], v[1 : n + 3], v[n + 3 :]
    xs = assignment[1:]
    satisfied = [z3.Xor(z3.Xor(xs[a], xs[b]), xs[c]) == (rhs == 1) for (a, b, c), rhs in equations]
    cancel = [
        z3.Not(_xor(z3, [u for u, (vs, _) in zip(chosen, equations, strict=True) if x in vs]))
        for x in range(n)
    ]
    total = _xor(z3, [u for u, (_, rhs) in zip(chosen, equations, strict=True) if rhs])
    return z3.If(answer, z3.And(assignment[0] == n, *satisfied), z3.And(*cancel, total))


def _xor(z3: Any, bits: list[Any]) -> Any:
    value = z3.BoolVal(False)
    for bit in bits:
        value = z3.Xor(value, bit)
    return value


def _decode(spec: Spec, values: Sequence[Any]) -> gaps.Certified:
    n = spec[0]
    if values[0]:
        return gaps.Certified(decode_bools(values[1 : n + 3]), ())
    return gaps.Certified(INCONSISTENT, [i for i, used in enumerate(values[n + 3 :]) if used])


SPECIFICATION = gaps.Specification(
    instances=small_systems,
    variables=_variables,
    valid=_right,
    decode=_decode,
    domain=_domain,
)


FAMILY = gaps.Family(
    name="xor_sat",
    domain="logic",
    summary="Solve random 3-XOR-SAT by Gauss–Jordan elimination vs evaluate or sum a certificate.",
    sample=sample,
    generate={"gauss": gauss},
    verify={"check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**3",
        verify="n",
        sign="positive",
        reference="Dubois and Mandler 2002",
    ),
    references=("Creignou and Daude 1999", "Dubois and Mandler 2002"),
    tags=("sat", "xor", "linear-algebra", "gf2"),
    units=("steps", "time"),
    spec=SPECIFICATION,
    sizes=(40, 80, 120, 180, 240, 320),
)

"""Factoring: factor a random n-bit semiprime vs check a factorisation.

Problem: N = p·q for two random primes of n/2 bits (top two bits set, so N has
exactly n bits). The output is the list of prime factors of N in non-decreasing
order, with multiplicity.

Gap: generation is FLINT's ``fmpz_factor``: trial division, a perfect-power test,
ECM for factors up to about n/3 bits, then the self-initialising quadratic sieve,
which dominates for balanced semiprimes: exp((1 + o(1)) sqrt(ln N ln ln N)),
subexponential in n (the number field sieve, exp(c n**(1/3) (log n)**(2/3)), only
wins far beyond the sizes measured here). Witness verification multiplies the
factors (O(n**2)) and proves each one prime with FLINT's proven test (see Costs;
for large factors APRCL, or ECPP in heuristic Õ(n**4), Morain 2007): polynomial. The
gap is positive and grows subexponentially.

Costs: time only (FLINT is native code). FLINT's proven primality test changes
method at two word-size boundaries, and the checker's cost jumps there while staying
polynomial: up to 64 bits it is a one-word test; up to 3.3·10**24 ≈ 2**81 a 13-base
strong-pseudoprime test, proven deterministic there by Sorenson & Webster (2017);
beyond it Pocklington–Lehmer, Morrison or APRCL proofs, orders of magnitude slower.
A growth fit over a few sizes misreads such a step as exponential growth of the
checker, so the default sizes stop at N = 120 bits, keeping both factors below 2**62:
FLINT's unboxed small integers and its one-word primality test. The generator's
subexponential growth is already plain there.

References: Pomerance 1982 (quadratic sieve); Lenstra 1987 (ECM); Lenstra & Lenstra
1993 (number field sieve); Morain 2007 (fastECPP); Sorenson & Webster 2017 (strong
pseudoprimes to twelve prime bases); Hart 2010 (FLINT).

>>> import random, gaps
>>> fam = gaps.get("factoring")
>>> N = fam.sample(64, random.Random(1))
>>> factors = fam.generate["flint"](N, gaps.Meter())
>>> len(factors), factors[0] * factors[1] == N
(2, True)
>>> fam.verify["check"].fn(N, factors, gaps.Meter()), fam.verify["check"].fn(N, [N], gaps.Meter())
(True, False)
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from typing import Any

import flint
from gaps.problems._candidates import decode_int_list, int_list_domain, int_list_variables

import gaps


def _random_prime(bits: int, rng: random.Random) -> int:
    top = 3 << (bits - 2)
    while True:
        candidate = rng.getrandbits(bits) | top | 1
        if flint.fmpz(candidate).is_prime():
            return candidate


def sample(size: int, rng: random.Random) -> int:
    n = max(size, 8)
    return _random_prime(n // 2, rng) * _random_prime(n - n // 2, rng)


def factor(N: int, meter: gaps.Meter) -> list[int]:
    # FLINT does not promise an order (one-word numbers come back unsorted).
    return sorted(int(p) for p, e in flint.fmpz(N).factor() for _ in range(e))


def check(N: int, factors: object, meter: gaps.Meter) -> bool:
    if not isinstance(factors, (list, tuple)) or not factors:
        return False
    if not all(type(p) is int and p >= 2 for p in factors):
        return False
    if list(factors) != sorted(factors) or math.prod(factors) != N:
        return False
    meter.tick(len(factors))
    return all(flint.fmpz(p).is_prime() for p in factors)


def corrupt(N: int, factors: list[int], rng: random.Random) -> list[int]:
    p, q = factors[0], factors[-1]
    kind = rng.randrange(3)
    if kind == 0:
        return [N]  # a composite claimed prime: the product is right
    if kind == 1:
        return sorted([p, q + 2])  # wrong product
    return sorted([p, p, q])  # an extra factor


#: The longest factor list among the candidates: 8 = 2·2·2 needs three.
LONGEST = 3


def small_numbers(bound: int) -> range:
    """Every N from 2 to 2·``bound`` + 2, primes included (their factor list is [N])."""
    return range(2, 2 * bound + 3)


def _is_factorisation(N: int, v: Sequence[Any]) -> Any:
    """A non-empty non-decreasing list of primes whose product is N."""
    import z3

    length, xs = v[0], v[1:]
    prime = [z3.And(x >= 2, *(z3.Or(d >= x, x % d != 0) for d in range(2, N))) for x in xs]
    cases = []
    for k in range(1, LONGEST + 1):
        product = z3.IntVal(1)
        for x in xs[:k]:
            product = product * x
        order = [a <= b for a, b in itertools.pairwise(xs[:k])]
        cases.append(z3.And(length == k, product == N, *prime[:k], *order))
    return z3.Or(cases)


SPECIFICATION = gaps.Specification(
    instances=small_numbers,
    variables=lambda N: int_list_variables("factor", LONGEST),
    valid=_is_factorisation,
    decode=lambda N, values: decode_int_list(values),
    # Lists of 0 to LONGEST entries from 0 to N: 0 and 1 are malformed factors.
    domain=lambda N, v: int_list_domain(v, range(LONGEST + 1), 0, N),
)


FAMILY = gaps.Family(
    name="factoring",
    domain="numbers",
    summary="Factor a random n-bit semiprime (FLINT: ECM + quadratic sieve) vs check it.",
    sample=sample,
    generate={"flint": factor},
    verify={"check": gaps.witness(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="exp(sqrt(n*log(n)))",
        verify="n**4",
        sign="positive",
        reference="Pomerance 1982 (quadratic sieve); Morain 2007 (ECPP)",
    ),
    references=(
        "Pomerance 1982",
        "Lenstra 1987",
        "Lenstra and Lenstra 1993",
        "Morain 2007",
        "Sorenson and Webster 2017",
        "Hart 2010 (FLINT)",
    ),
    tags=("factoring", "number-theory", "np-intersect-conp"),
    units=("time",),
    sizes=(32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120),
    spec=SPECIFICATION,
)

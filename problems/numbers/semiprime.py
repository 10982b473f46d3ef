"""Semiprimes: multiply two random primes vs decide whether a number is a semiprime.

Problem: the instance ``(n, seed)`` asks for an n-bit semiprime (a product of exactly
two primes). The generator draws two random primes of n/2 bits (odd candidates with
the top two bits set, so the product has exactly n bits, tested by FLINT until one is
prime) and multiplies them, returning ``Certified(N, (p, q))``.

Gap: by the prime number theorem the search tests O(n) candidates; FLINT's proven
``is_prime`` rejects most by trial division, and a fraction Θ(1/log n) costs an n**3
exponentiation: Θ(n**4 / log n). Proving the prime found (beyond 2**81 by
Pocklington–Lehmer or Morrison when p ∓ 1 is smooth enough, else by APRCL, in
(log p)**O(log log log p)) dominates generation asymptotically. Without the factors,
``decide`` (blind) must factor N with FLINT's ``fmpz_factor`` (trial division, ECM,
then the self-initialising quadratic sieve), subexponential in n: negative. With
them, ``check`` (certified) multiplies and proves both factors prime with the same
test, the generator's proofs without its search: neutral.

Costs: time only (FLINT is native code). FLINT's proven test changes method at
word-size boundaries (one word up to 64 bits; a 13-base strong-pseudoprime test proven
deterministic below 2**81, Sorenson & Webster 2017; then the proofs above), and a fit
across a boundary misreads the step as exponential growth. So each pairing has sizes
inside one regime: ``decide`` below 2**62 per factor, where the sieve's growth shows
within budget; ``check`` beyond 2**81, where the proofs dominate both sides.

References: Pomerance 1982 (quadratic sieve); Lenstra 1987 (ECM); Brillhart, Lehmer &
Selfridge 1975 (p ∓ 1 proofs); Adleman, Pomerance & Rumely 1983 and Cohen & Lenstra
1984 (APRCL); Morain 2007 (fastECPP); Sorenson & Webster 2017; Hart 2010 (FLINT).

>>> import random, gaps
>>> fam = gaps.get("semiprime")
>>> spec = fam.sample(64, random.Random(1))
>>> N, (p, q) = fam.generate["multiply"](spec, gaps.Meter())
>>> N.bit_length(), p * q == N
(64, True)
>>> fam.verify["decide"].fn(spec, N, gaps.Meter())
True
>>> bad, certificate = fam.corrupt(spec, gaps.Certified(N, (p, q)), random.Random(2))
>>> fam.verify["decide"].fn(spec, bad, gaps.Meter()), fam.verify["check"].fn(
...     spec, bad, certificate, gaps.Meter())
(False, False)
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import flint

import gaps

Spec = tuple[int, int]


def sample(size: int, rng: random.Random) -> Spec:
    return max(size, 8), rng.getrandbits(64)


def random_prime(bits: int, rng: random.Random, meter: gaps.Meter) -> int:
    """A random prime of exactly ``bits`` bits (≥ 2) whose top two bits are set."""
    top = 3 << (bits - 2)
    while True:
        meter.tick()
        candidate = rng.getrandbits(bits) | top | 1
        if flint.fmpz(candidate).is_prime():
            return candidate


def multiply(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, seed = spec
    rng = random.Random(seed)
    p = random_prime(n // 2, rng, meter)
    q = random_prime(n - n // 2, rng, meter)
    p, q = min(p, q), max(p, q)
    return gaps.Certified(p * q, (p, q))


def _is_int(x: object) -> bool:
    return type(x) is int


def decide(spec: Spec, N: object, meter: gaps.Meter) -> bool:
    n = spec[0]
    if not isinstance(N, int) or isinstance(N, bool) or N < 4 or N.bit_length() != n:
        return False
    factors = flint.fmpz(N).factor()
    return sum(e for _, e in factors) == 2


def check(spec: Spec, N: object, factors: object, meter: gaps.Meter) -> bool:
    n = spec[0]
    if not isinstance(N, int) or isinstance(N, bool) or N.bit_length() != n:
        return False
    if not isinstance(factors, (tuple, list)) or len(factors) != 2:
        return False
    p, q = factors
    if not (_is_int(p) and _is_int(q) and 1 < p <= q and p * q == N):
        return False
    return bool(flint.fmpz(p).is_prime()) and bool(flint.fmpz(q).is_prime())


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """An n-bit number that is not a semiprime, with a plausible-looking certificate.

    Either a product of three primes of about n/3 bits each (certificate: one prime and
    the composite product of the other two) or an n-bit prime (certificate: 1 and it).
    """
    n = spec[0]
    meter = gaps.Meter()
    if n >= 12 and rng.random() < 0.7:
        third = n // 3
        while True:
            a = random_prime(third, rng, meter)
            b = random_prime(third, rng, meter)
            c = random_prime(n - 2 * third, rng, meter)
            if (a * b * c).bit_length() == n:
                return gaps.Certified(a * b * c, (a, b * c))
    prime = random_prime(n, rng, meter)
    return gaps.Certified(prime, (1, prime))


def small_specs(bound: int) -> list[Spec]:
    """Every bit length from 2 to ``bound`` + 2 (the seed plays no part in deciding)."""
    return [(n, 0) for n in range(2, bound + 3)]


def _number_variable(spec: Spec) -> list[Any]:
    import z3

    return [z3.Int("N")]


def _is_prime(z3: Any, p: Any, most: int) -> Any:
    """p ≥ 2 with no divisor d, 2 ≤ d < p (p ≤ ``most``)."""
    return z3.And(p >= 2, *(z3.Or(d >= p, p % d != 0) for d in range(2, most)))


def _is_semiprime(spec: Spec, v: Sequence[Any]) -> Any:
    """N has n bits and is p·q for primes p ≤ q."""
    import z3

    n, N = spec[0], v[0]
    top = 2**n
    products = [
        z3.And(p * q == N, _is_prime(z3, z3.IntVal(p), top), _is_prime(z3, z3.IntVal(q), top))
        for p in range(2, top)
        for q in range(p, top // p + 1)
    ]
    return z3.And(2 ** (n - 1) <= N, top > N, z3.Or(products))


def _numbers_near(spec: Spec, v: Sequence[Any]) -> Any:
    """Every number from -1 up to one bit too long: wrong lengths are candidates too."""
    import z3

    return z3.And(v[0] >= -1, v[0] < 2 ** (spec[0] + 1))


SPECIFICATION = gaps.Specification(
    instances=small_specs,
    variables=_number_variable,
    valid=_is_semiprime,
    decode=lambda spec, values: values[0],
    domain=_numbers_near,
)


def _factored_variables(spec: Spec) -> list[Any]:
    import z3

    return [z3.Int("N"), z3.Int("p"), z3.Int("q")]


def _factors_near(spec: Spec, v: Sequence[Any]) -> Any:
    """Factors from 0 to 2**n, numbers within one of their product and below 2**(n + 1)."""
    import z3

    number, p, q = v
    top = 2 ** spec[0]
    ranged = [z3.And(x >= 0, x <= top) for x in (p, q)]
    return z3.And(*ranged, number >= p * q - 1, number <= p * q + 1, number < 2 * top)


def _is_factored_semiprime(spec: Spec, v: Sequence[Any]) -> Any:
    """N has n bits and is p·q for primes p ≤ q."""
    import z3

    n = spec[0]
    number, p, q = v
    top = 2**n
    prime = [z3.Or([x == r for r in range(2, top + 1) if flint.fmpz(r).is_prime()]) for x in (p, q)]
    return z3.And(*prime, p <= q, p * q == number, number >= 2 ** (n - 1), number < top)


#: The certified check's relation: the number with its two prime factors.
CHECK_SPECIFICATION = gaps.Specification(
    instances=small_specs,
    variables=_factored_variables,
    valid=_is_factored_semiprime,
    decode=lambda spec, values: gaps.Certified(values[0], (values[1], values[2])),
    domain=_factors_near,
    verifier="check",
)


FAMILY = gaps.Family(
    name="semiprime",
    domain="numbers",
    summary="Multiply two random n/2-bit primes vs decide semiprimality (factor) or check.",
    sample=sample,
    generate={"multiply": multiply},
    verify={"decide": gaps.blind(decide), "check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**(log(log(n)))",
        verify={"decide": "exp(sqrt(n*log(n)))", "check": "n**(log(log(n)))"},
        sign={"decide": "negative", "check": "neutral"},
        reference="Pomerance 1982 (quadratic sieve); Cohen and Lenstra 1984 (APRCL)",
    ),
    references=(
        "Pomerance 1982",
        "Lenstra 1987",
        "Brillhart, Lehmer and Selfridge 1975",
        "Adleman, Pomerance and Rumely 1983",
        "Cohen and Lenstra 1984",
        "Morain 2007",
        "Sorenson and Webster 2017",
        "Hart 2010 (FLINT)",
    ),
    tags=("factoring", "number-theory", "planted"),
    units=("time",),
    # Each schedule stays inside one regime of FLINT's primality test: factors below
    # 2**62 for the factoring verifier (out of budget beyond), beyond 2**81 for the check.
    sizes={
        "decide": (32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120),
        "check": (168, 200, 240, 280, 336, 400, 480, 560, 672),
    },
    spec=(SPECIFICATION, CHECK_SPECIFICATION),
)

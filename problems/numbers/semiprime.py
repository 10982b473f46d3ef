"""Semiprimes: multiply two random primes vs decide whether a number is a semiprime.

Problem: the instance ``(n, seed)`` asks for an n-bit semiprime (a product of exactly
two primes). The generator draws two random primes of n/2 bits (odd candidates with
the top two bits set, so the product has exactly n bits, tested by FLINT until one is
prime) and multiplies them, returning ``Certified(N, (p, q))``.

Gap: by the prime number theorem a random odd b-bit number is prime with probability
about 2/(b ln 2), so the search tests O(n) candidates; each test is a modular
exponentiation, O(n**3) with schoolbook arithmetic, so generation is O(n**4)
(FLINT's ``is_prime`` also proves the prime it returns). Without the factors, the
``decide`` verifier (blind) must factor N: FLINT's ``fmpz_factor`` (trial division,
ECM, then the self-initialising quadratic sieve), whose running time
exp((1 + o(1)) sqrt(ln N ln ln N)) is subexponential in n; so the blind gap is
negative. With the factors, ``check`` (certified) multiplies and proves both factors
prime with FLINT's proven test (see Costs below), the same proofs the
generator did without the search: polynomial in practice (ECPP is heuristically
Õ(n**4), Morain 2007), so the certified gap is neutral (a constant factor, the
search, in the generator's favour).

Costs: time only (FLINT is native code). The cheaper sides at small n are Python
call overhead; the subexponential growth of ``decide`` is visible from about 64 bits
on. FLINT's proven primality test changes method at word-size boundaries: a one-word
test up to 64 bits (about 0.3 µs), a 13-base strong-pseudoprime test proven
deterministic below 3.3·10**24 ≈ 2**81 (Sorenson & Webster 2017; about 4 µs), then
Pocklington–Lehmer, Morrison or APRCL proofs (0.3 ms at 82 bits). Each boundary is a
step in the cost of ``multiply`` and ``check`` that a growth fit over a few sizes
misreads as exponential growth. Even the step from FLINT's unboxed integers
(below 2**62) to GMP-backed ones at 64-bit factors made a fit call ``multiply``
exponential and flip the sign of ``decide`` between seeds, so the default sizes stop
at N = 120 bits, keeping both factors below 2**62.

The certified pairing (multiply/check) is honestly undecidable at measurable sizes,
and is left so. It is neutral asymptotically, where proving the two primes (Õ(n**4))
costs as much as the search, but not at these sizes: there every primality test is a
one-word test of nearly constant cost (about 1 µs with Python's call overhead), so the
generator's cost is its number of candidates, Θ(n) with a geometric spread between
instances (medians of 3 differ by up to 2x between neighbouring sizes), against two
tests for ``check``. The measured gap creeps up by 0 to 0.4 bits per doubling of n:
with 3 instances it read negative, inconclusive, neutral or positive depending on the
seed and the run. More sizes (every 4 bits from 30 to 122) did not settle it, and
let the noisy generator fit as exponential, which unsettled ``decide`` too. The
proof-dominated regime starts at 82-bit factors (N ≥ 164 bits), where ``decide`` (the
quadratic sieve) costs seconds per call, beyond the family's budget.

References: Pomerance 1982 (quadratic sieve); Lenstra 1987 (ECM); Adleman, Pomerance
& Rumely 1983 and Cohen & Lenstra 1984 (APRCL); Morain 2007 (fastECPP); Sorenson &
Webster 2017; Hart 2010 (FLINT).

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


FAMILY = gaps.Family(
    name="semiprime",
    domain="numbers",
    summary="Multiply two random n/2-bit primes vs decide semiprimality (factor) or check.",
    sample=sample,
    generate={"multiply": multiply},
    verify={"decide": gaps.blind(decide), "check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**4",
        verify={"decide": "exp(sqrt(n*log(n)))", "check": "n**4"},
        sign={"decide": "negative", "check": "neutral"},
        reference="Pomerance 1982 (quadratic sieve); Morain 2007 (ECPP)",
    ),
    references=(
        "Pomerance 1982",
        "Lenstra 1987",
        "Adleman, Pomerance and Rumely 1983",
        "Cohen and Lenstra 1984",
        "Morain 2007",
        "Sorenson and Webster 2017",
        "Hart 2010 (FLINT)",
    ),
    tags=("factoring", "number-theory", "planted"),
    units=("time",),
    sizes=(32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120),
)

"""Certified primes: build a prime with a Pratt certificate vs check or prove primality.

Problem: the instance ``(n, seed)`` asks for a random n-bit prime p with a Pratt
certificate (Pratt 1975): for every prime r > 2 in a tree rooted at p, a witness a and
the factorisation of r − 1 = ∏ q**e, such that a**(r−1) ≡ 1 and a**((r−1)/q) ≢ 1
(mod r) for each q; then a has order r − 1, so r is prime, provided each q is.

Generation (Maurer 1995 style, with FLINT): p = 2**j · F · q + 1, where F is a product
of recursively generated primes of a third to a half of the remaining bits and q a
small random prime, redrawn until p passes FLINT's BPSW test; primes of at most 32
bits are drawn and certified by factoring r − 1. The planting leaks the shape of p
(p − 1 has a prime factor of n/3 to n/2 bits); the certificate is the secret.

Gap: the search for p dominates generation. FLINT trial-divides each candidate by the
first n primes (Θ(n) word divisions) before BPSW; about n ln 2 / (2 C₂) candidates are
tried (C₂ the twin-prime constant), a fraction Θ(1/log n) of which costs an
exponentiation, n·M(n): Θ(n**4 / log n). The ``pratt`` verifier (certified) walks the
tree, one exponentiation per distinct prime factor of r − 1 plus one at each r,
Θ(log n) at the root: Θ(n**3 log n). Positive, by about n / log(n)**2, but slowly:
below about 1,000 bits Python's per-candidate cost of drawing q flattens it, and up to
the 2304 bits measured the gap stays flat within the search's noise, so at measurable
sizes the sign is honestly undecidable; the declared growths are the standard count
for this construction (Maurer 1995). Both sides exponentiate with FLINT (GMP).

The ``miller_rabin`` verifier (blind) decides primality without the certificate with
FLINT's proven ``is_prime`` (BPSW, then a Pocklington–Lehmer, Morrison or APRCL
proof); APRCL runs in (log p)**O(log log log p), superpolynomial: negative gap, which
shows by 1024 bits. BPSW alone would cost one exponentiation but is not a proof.
Costs: time only. No counted unit fits: exponentiations would weigh a 20-bit one in a
leaf like the n-bit ones at the root, and the sieve inside FLINT cannot be ticked.

References: Pratt 1975; Maurer 1995; Baillie & Wagstaff 1980 (BPSW); Adleman,
Pomerance & Rumely 1983 and Cohen & Lenstra 1984 (APRCL); Hart 2010 (FLINT).

>>> import random, gaps
>>> fam = gaps.get("prime_certificate")
>>> spec = fam.sample(100, random.Random(1))
>>> p, certificate = fam.generate["maurer"](spec, gaps.Meter())
>>> p.bit_length(), fam.verify["pratt"].fn(spec, p, certificate, gaps.Meter())
(100, True)
"""

from __future__ import annotations

import random
from collections import Counter
from typing import TypeGuard

import flint

import gaps

#: Primes up to this many bits are drawn at random and certified by factoring r − 1.
SMALL = 32

Spec = tuple[int, int]
#: prime r > 2 -> (witness a, ((q, e), ...)) with r − 1 = ∏ q**e.
Certificate = dict[int, tuple[int, tuple[tuple[int, int], ...]]]


def sample(size: int, rng: random.Random) -> Spec:
    return max(size, 3), rng.getrandbits(64)


def _is_one(a: int, e: int, r: int) -> bool:
    """Whether a**e ≡ 1 (mod r), by FLINT's (GMP's) exponentiation, as in its BPSW test."""
    return pow(flint.fmpz(a), e, r) == 1


def _witness(r: int, primes: list[int]) -> int:
    a = 2
    while not _is_one(a, r - 1, r) or any(_is_one(a, (r - 1) // q, r) for q in primes):
        a += 1
    return a


def _certify_small(r: int, cert: Certificate) -> None:
    if r == 2 or r in cert:
        return
    factors = tuple((int(q), int(e)) for q, e in flint.fmpz(r - 1).factor())
    cert[r] = (_witness(r, [q for q, _ in factors]), factors)
    for q, _ in factors:
        _certify_small(q, cert)


def _small_prime(bits: int, rng: random.Random) -> int:
    while True:
        r = rng.getrandbits(bits) | (1 << (bits - 1)) | 1 if bits > 2 else rng.choice((2, 3))
        if flint.fmpz(r).is_prime():
            return r


def _prime(bits: int, rng: random.Random, cert: Certificate) -> int:
    """A random prime of exactly ``bits`` bits, its certificate added to ``cert``."""
    if bits <= SMALL:
        r = _small_prime(bits, rng)
        _certify_small(r, cert)
        return r
    while True:
        local: Certificate = {}
        rem, big = bits - 2, []
        while rem > SMALL:
            k = rng.randint(rem // 3, rem // 2)
            big.append(_prime(k, rng, local))
            rem -= k
        f = 1
        for q in big:
            f *= q
        for _ in range(20 * bits):
            q = _small_prime(rem, rng)  # certified only if p turns out prime
            r = f * q
            j = bits - r.bit_length()
            p = (r << j) + 1
            if flint.fmpz(p).is_probable_prime():
                counts = Counter([*big, q])
                factors = ((2, j), *sorted(counts.items()))
                _certify_small(q, local)
                local[p] = (_witness(p, [t for t, _ in factors]), factors)
                cert.update(local)
                return p


def maurer(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, seed = spec
    cert: Certificate = {}
    p = _prime(n, random.Random(seed), cert)
    return gaps.Certified(p, cert)


def _is_int(x: object) -> TypeGuard[int]:
    return type(x) is int


def pratt(spec: Spec, p: object, cert: object, meter: gaps.Meter) -> bool:
    if not _is_int(p) or p.bit_length() != spec[0] or not isinstance(cert, dict):
        return False
    done: set[int] = {2}
    todo: list[object] = [p]
    while todo:
        r = todo.pop()
        if r in done:
            continue
        entry = cert.get(r)
        if not _is_int(r) or r < 3 or not isinstance(entry, tuple) or len(entry) != 2:
            return False
        a, factors = entry
        if not _is_int(a) or not isinstance(factors, tuple):
            return False
        product = 1
        for item in factors:
            if not isinstance(item, tuple) or len(item) != 2:
                return False
            q, e = item
            if not (_is_int(q) and _is_int(e) and 2 <= q < r and e >= 1):
                return False
            product *= q**e
            if product > r:
                return False
        if product != r - 1 or not _is_one(a, r - 1, r):
            return False
        if any(_is_one(a, (r - 1) // q, r) for q, _ in factors):
            return False
        done.add(r)
        todo.extend(q for q, _ in factors)
    return True


def miller_rabin(spec: Spec, p: object, meter: gaps.Meter) -> bool:
    if not _is_int(p) or p < 2 or p.bit_length() != spec[0]:
        return False
    return bool(flint.fmpz(p).is_prime())


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """A nearby odd composite of the same bit length (even for n ≤ 4), with the certificate."""
    p, cert = result
    n = spec[0]
    step = rng.choice((-2, 2))
    for k in range(1, 64):
        for q in (p + step * k, p - step * k):
            if q.bit_length() == n and q > 3 and not flint.fmpz(q).is_prime():
                return gaps.Certified(q, cert)
    return gaps.Certified(p - 1, cert)  # tiny n: even, composite (p ≥ 5), same length


FAMILY = gaps.Family(
    name="prime_certificate",
    domain="numbers",
    summary="Build an n-bit prime with a Pratt certificate vs check it or prove primality blind.",
    sample=sample,
    generate={"maurer": maurer},
    verify={"pratt": gaps.certified(pratt), "miller_rabin": gaps.blind(miller_rabin)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**4/log(n)",
        verify={"pratt": "n**3*log(n)", "miller_rabin": "n**(log(log(n)))"},
        sign={"pratt": "positive", "miller_rabin": "negative"},
        reference="Pratt 1975; Maurer 1995; Cohen and Lenstra 1984",
    ),
    references=(
        "Pratt 1975",
        "Maurer 1995",
        "Baillie and Wagstaff 1980",
        "Adleman, Pomerance and Rumely 1983",
        "Cohen and Lenstra 1984",
        "Hart 2010 (FLINT)",
    ),
    tags=("number-theory", "primality", "certificate", "planted"),
    units=("time",),
    sizes={
        "pratt": (128, 208, 336, 544, 880, 1424, 2304),
        "miller_rabin": (181, 256, 362, 512, 724, 1024),
    },
)

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
below about 1,000 bits Python's per-candidate cost of drawing q flattens it, so the
default sizes start there; up to the 3520 bits affordable the climb is within the
scatter of the search (a geometric number of candidates), so the sign may honestly
stay undecided. The growths are Maurer's (1995) count; both sides use FLINT (GMP).

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

import itertools
import random
from collections import Counter
from collections.abc import Sequence
from typing import Any, TypeGuard

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


def small_specs(bound: int) -> list[Spec]:
    """Every bit length from 3 (the sampler's least) to ``bound`` (the seed plays no part
    in checking)."""
    return [(n, 0) for n in range(3, bound + 1)]


def _odd_prime_factors(m: int) -> list[int]:
    return [int(q) for q, _ in flint.fmpz(m).factor() if q > 2]


def _tree(r: int) -> set[int]:
    """The odd primes of r's Pratt tree: r and, recursively, those of r − 1."""
    return {r}.union(*(_tree(q) for q in _odd_prime_factors(r - 1)))


def _shape(n: int) -> tuple[int, int]:
    """Slots for the entries of the largest tree of an n-bit prime, and factor slots for
    the most distinct prime factors of r − 1 below 2**n."""
    primes = [r for r in range(3, 2**n) if flint.fmpz(r).is_prime()]
    entries = max(len(_tree(r)) for r in primes if r.bit_length() == n)
    factors = max(len(flint.fmpz(r - 1).factor()) for r in primes)
    return entries, factors


def _certificate_variables(spec: Spec) -> list[Any]:
    """p, the entry count, then per entry its key r, witness a, factor count and the
    factors' primes and exponents."""
    import z3

    entries, factors = _shape(spec[0])
    names = ["r", "a", "f", *(f"q{m}" for m in range(factors)), *(f"e{m}" for m in range(factors))]
    return [z3.Int("p"), z3.Int("entries")] + [
        z3.Int(f"{name}_{k}") for k in range(entries) for name in names
    ]


def _entries(
    spec: Spec, v: Sequence[Any]
) -> list[tuple[Any, Any, Any, Sequence[Any], Sequence[Any]]]:
    """Each entry's (r, a, factor count, primes, exponents)."""
    entries, factors = _shape(spec[0])
    width = 3 + 2 * factors
    slots = [v[2 + k * width : 2 + (k + 1) * width] for k in range(entries)]
    return [(x[0], x[1], x[2], x[3 : 3 + factors], x[3 + factors :]) for x in slots]


def _certificates_near(spec: Spec, v: Sequence[Any]) -> Any:
    """p from one bit short to one over; keys from 3 to 2**n, decreasing, each after the
    first listed as a factor of an earlier entry (no entry outside the tree); witnesses
    from 0 to r, factors from 0 to r, exponents from 0 to n; unused slots zero."""
    import z3

    n = spec[0]
    p, count = v[0], v[1]
    slots = _entries(spec, v)
    ranges = [p >= 2 ** (n - 1) - 1, p <= 2**n, count >= 0, count <= len(slots)]
    for k, (r, a, f, qs, es) in enumerate(slots):
        fields = [r, a, f, *qs, *es]
        listed = [
            z3.And(m < f0, q == r) for _, _, f0, qs0, _ in slots[:k] for m, q in enumerate(qs0)
        ]
        used = z3.And(
            r >= 3,
            r <= 2**n,
            *([r < slots[k - 1][0], z3.Or(listed)] if k else []),
            a >= 0,
            a <= r,
            f >= 0,
            f <= len(qs),
            *(
                z3.If(m < f, z3.And(q >= 0, q <= r, e >= 0, e <= n), z3.And(q == 0, e == 0))
                for m, (q, e) in enumerate(zip(qs, es, strict=True))
            ),
        )
        ranges.append(z3.If(k < count, used, z3.And([x == 0 for x in fields])))
    return z3.And(*ranges)


def _factorisations(m: int, slots: int) -> list[tuple[tuple[int, int], ...]]:
    """Every list of at most ``slots`` (prime, exponent ≥ 1) pairs whose product is m."""
    primes = [q for q in range(2, m + 1) if flint.fmpz(q).is_prime() and m % q == 0]
    pairs = [(q, e) for q in primes for e in range(1, m.bit_length() + 1) if m % q**e == 0]
    return [
        items
        for length in range(1, slots + 1)
        for items in itertools.product(pairs, repeat=length)
        if _product(items) == m
    ]


def _product(items: Sequence[tuple[int, int]]) -> int:
    out = 1
    for q, e in items:
        out *= q**e
    return out


def _generators(r: int, bound: int) -> list[int]:
    """The a in 0..bound of multiplicative order r − 1 modulo r."""
    divisors = [q for q in range(2, r) if (r - 1) % q == 0 and flint.fmpz(q).is_prime()]
    return [
        a
        for a in range(bound + 1)
        if pow(a, r - 1, r) == 1 and all(pow(a, (r - 1) // q, r) != 1 for q in divisors)
    ]


def _is_pratt_certified(spec: Spec, v: Sequence[Any]) -> Any:
    """p is an n-bit prime, its entry comes first, and every entry r lists prime factors
    with exponents multiplying to r − 1 and a witness of order r − 1, and each odd factor
    listed has an entry of its own."""
    import z3

    n = spec[0]
    p, count = v[0], v[1]
    slots = _entries(spec, v)
    odd_primes = [r for r in range(3, 2**n + 1) if flint.fmpz(r).is_prime()]
    prime_p = z3.Or([p == r for r in odd_primes if r.bit_length() == n])
    claims = [prime_p, count >= 1, slots[0][0] == p]
    keys = [(k < count, r) for k, (r, *_) in enumerate(slots)]
    for k, (r, a, f, qs, es) in enumerate(slots):
        options = []
        for r0 in odd_primes:
            for items in _factorisations(r0 - 1, len(qs)):
                pairs = [z3.And(qs[m] == q, es[m] == e) for m, (q, e) in enumerate(items)]
                witness = z3.Or([a == x for x in _generators(r0, r0)])
                options.append(z3.And(r == r0, f == len(items), witness, *pairs))
        entered = [
            z3.Implies(z3.And(m < f, q != 2), z3.Or([z3.And(on, key == q) for on, key in keys]))
            for m, q in enumerate(qs)
        ]
        claims.append(z3.Implies(k < count, z3.And(z3.Or(options), *entered)))
    return z3.And(*claims)


def _decode_certificate(spec: Spec, values: Sequence[Any]) -> gaps.Certified:
    p, count = values[0], values[1]
    certificate = {
        r: (a, tuple(zip(qs[:f], es[:f], strict=True)))
        for r, a, f, qs, es in _entries(spec, values)[:count]
    }
    return gaps.Certified(p, certificate)


SPECIFICATION = gaps.Specification(
    instances=small_specs,
    variables=_certificate_variables,
    valid=_is_pratt_certified,
    decode=_decode_certificate,
    domain=_certificates_near,
    verifier="pratt",
    # Certificates have too many fields to exhaust: those within one change of a valid one.
    near=lambda spec: 1,
)


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
        "pratt": (880, 1056, 1248, 1488, 1760, 2096, 2496, 2960, 3520),
        "miller_rabin": (181, 215, 256, 304, 362, 431, 512, 609, 724, 861, 1024),
    },
    spec=SPECIFICATION,
)

"""Integer candidates: build a number with a multiplicative property vs decide it.

Objects are n-bit integers (between n and n + 20 bits, as constructions cannot always
hit n exactly), or ``(N, x)`` pairs for quadratic residuosity. Properties: prime,
composite, semiprime, smooth, square, perfect power, sum of two squares, quadratic
residue modulo N and its negation. Semiprime and composite are of kind ``factor``
(the witness is a non-trivial factor; for a semiprime the check also proves both
factors prime). Constructions multiply what the decider must take apart: two random
primes (naive), two safe primes p = 2p' + 1 (quiet: Pollard's p - 1 finds nothing),
random numbers kept when the decider says yes (rejection, so generation factors), and
products with another number of the property (transform: squares, sums of two
squares by the Brahmagupta–Fibonacci identity, residues by re-randomising).

Deciders: FLINT through python-flint (``fmpz.factor``: trial division, ECM, the
self-initialising quadratic sieve; ``is_prime``: proven, APRCL beyond 2^81;
``is_square``, ``is_perfect_power``). Every cost is native, so costs are timed.

>>> import random, gaps
>>> fam = next(c for c in candidates() if c.name == "int_semiprimehalf_naive_plant")
>>> spec = fam.sample(64, random.Random(0))
>>> N, p = fam.generate["generate"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, N, p, gaps.Meter()), fam.verify["decide"].fn(spec, N, gaps.Meter())
(True, True)
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable
from typing import Any

import flint
from gaps.problems.space.grammar import Prop, atom, declare

import gaps

TRIES = 2000
SIZES = (32, 64, 96, 128)
POLY_SIZES = (32, 64, 128, 256)
SMALL_PRIMES = tuple(p for p in range(3, 2**12) if flint.fmpz(p).is_prime())


def _prime(bits: int, rng: random.Random, ok: Callable[[int], bool] = lambda p: True) -> int:
    """A random prime of exactly ``bits`` bits with its top two bits set, passing ``ok``."""
    for _ in range(100 * TRIES):
        p = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if ok(p) and flint.fmpz(p).is_prime():
            return p
    raise gaps.GaveUp(f"no {bits}-bit prime found")


def _top(bits: int, rng: random.Random) -> int:
    """A random int of exactly ``bits`` bits with its top two bits set."""
    return rng.getrandbits(bits) | (3 << (bits - 2))


def _safe_prime(bits: int, rng: random.Random) -> int:
    return _prime(bits, rng, lambda p: flint.fmpz((p - 1) // 2).is_prime())


def _factors(N: int) -> list[tuple[int, int]]:
    return [(int(p), int(e)) for p, e in flint.fmpz(N).factor()]


def _is_int(x: Any) -> bool:
    return type(x) is int


def _fits(N: Any, n: int) -> bool:
    return _is_int(N) and N > 1 and n <= N.bit_length() <= n + 20


def _two_squares_of_prime(p: int) -> tuple[int, int]:
    """a, b with a^2 + b^2 = p for a prime p = 1 mod 4 (Cornacchia's algorithm)."""
    r = int(flint.fmpz(p - 1).sqrtmod(p))
    a, b, limit = p, r, math.isqrt(p)
    while b > limit:
        a, b = b, a % b
    return b, math.isqrt(p - b * b)


def _times(x: tuple[int, int], y: tuple[int, int]) -> tuple[int, int]:
    """Brahmagupta–Fibonacci: (a^2 + b^2)(c^2 + d^2) = (ac - bd)^2 + (ad + bc)^2."""
    (a, b), (c, d) = x, y
    return abs(a * c - b * d), a * d + b * c


# The atoms: each a decider (native) and a witness check.


def decide_atom(name: str, n: int, N: Any, modulus_bits: int = 0) -> bool:
    if name == "quadratic_residue" or name == "non_residue":
        if not (isinstance(N, tuple) and len(N) == 2 and all(_is_int(v) for v in N)):
            return False
        modulus, x = N
        if not (_fits(modulus, n) and 0 < x < modulus):
            return False
        factors = _factors(modulus)
        residue = all(flint.fmpz(x).jacobi(p) == 1 for p, _ in factors) and all(
            e == 1 for _, e in factors
        )
        jacobi_one = flint.fmpz(x).jacobi(modulus) == 1
        return residue if name == "quadratic_residue" else (jacobi_one and not residue)
    if not _fits(N, n):
        return False
    if name == "prime":
        return bool(flint.fmpz(N).is_prime())
    if name == "composite":
        return not flint.fmpz(N).is_prime()
    if name == "square":
        return bool(flint.fmpz(N).is_square())
    if name == "perfect_power":
        return bool(flint.fmpz(N).is_perfect_power())
    factors = _factors(N)
    if name == "semiprime":
        return sum(e for _, e in factors) == 2
    if name == "smooth":
        return max(p for p, _ in factors) < 2 ** (n // 3)
    return all(e % 2 == 0 for p, e in factors if p % 4 == 3)  # sum_two_squares


def check_atom(name: str, n: int, N: Any, w: Any) -> bool:
    if name in ("quadratic_residue",):
        if not (isinstance(N, tuple) and len(N) == 2 and _is_int(w)):
            return False
        modulus, x = N
        return _fits(modulus, n) and _is_int(x) and 0 < x < modulus and w * w % modulus == x
    if not _fits(N, n):
        return False
    if name in ("composite", "semiprime"):
        if not (_is_int(w) and 1 < w < N and N % w == 0):
            return False
        return name == "composite" or (
            bool(flint.fmpz(w).is_prime()) and bool(flint.fmpz(N // w).is_prime())
        )
    if name == "prime":  # Lucas: a^(N-1) = 1 and a^((N-1)/q) != 1 for each prime q | N - 1
        if not (isinstance(w, tuple) and len(w) == 2 and _is_int(w[0])):
            return False
        a, qs = w
        if not (isinstance(qs, tuple) and all(_is_int(q) and 1 < q < 2**12 for q in qs)):
            return False
        rest = N - 1
        for q in set(qs):
            if any(q % d == 0 for d in range(2, math.isqrt(q) + 1)):  # q < 2^12: trial division
                return False
            while rest % q == 0:
                rest //= q
        return (
            rest == 1
            and pow(a, N - 1, N) == 1
            and all(pow(a, (N - 1) // q, N) != 1 for q in set(qs))
        )
    if name == "smooth":
        if not (isinstance(w, tuple) and w and all(_is_int(p) and p > 1 for p in w)):
            return False
        return math.prod(w) == N and all(p < 2 ** (n // 3) and flint.fmpz(p).is_prime() for p in w)
    if name == "square":
        return _is_int(w) and w * w == N
    if name == "perfect_power":
        return (
            isinstance(w, tuple) and len(w) == 2 and all(_is_int(v) and v > 1 for v in w)
            and w[0] ** w[1] == N
        )  # fmt: skip
    if name == "sum_two_squares":
        return (
            isinstance(w, tuple)
            and len(w) == 2
            and all(_is_int(v) for v in w)
            and (w[0] ** 2 + w[1] ** 2 == N)
        )
    return False


def _modulus(n: int, rng: random.Random) -> tuple[int, int]:
    return _prime(n // 2, rng), _prime(n - n // 2, rng)


def build(name: str, construction: str, variant: str, n: int, rng: random.Random) -> Any:
    """(object, witness) of one construction."""
    half = n // 2
    if construction == "rejection":
        for _ in range(TRIES):
            N = rng.getrandbits(n) | (1 << (n - 1))
            if decide_atom(name, n, N):
                return N, _witness_by_decider(name, n, N)
        raise gaps.GaveUp(f"no {n}-bit {name} number in {TRIES} tries")
    if name in ("semiprime", "composite"):
        if name == "composite":
            a, b = _top(half, rng), _top(n - half, rng)
            return a * b, a
        small = n // 4 if variant == "quarter" else half
        if construction == "quiet_plant":
            p, q = _safe_prime(small, rng), _safe_prime(n - small, rng)
        else:
            p, q = _prime(small, rng), _prime(n - small, rng)
        return p * q, min(p, q)
    if name == "prime":  # N = 2 * (product of small primes) + 1, proved by Lucas's test
        for _ in range(TRIES):
            qs = [2]
            while math.prod(qs).bit_length() < n:
                qs.append(rng.choice(SMALL_PRIMES))
            N = math.prod(qs) + 1
            if flint.fmpz(N).is_prime():
                a = next(a for a in range(2, N) if all(pow(a, (N - 1) // q, N) != 1 for q in qs))
                return N, (a, tuple(sorted(set(qs))))
        raise gaps.GaveUp(f"no {n}-bit prime with a smooth N - 1 found")
    if name == "smooth":
        primes: list[int] = []
        while (have := math.prod(primes).bit_length()) < n:
            primes.append(_prime(rng.randrange(4, max(5, min(n // 3, n - have + 20))), rng))
        return math.prod(primes), tuple(sorted(primes))
    if name == "square":
        a = _top(half, rng)
        if construction == "transform":  # a square times a square of 8 bits
            b = rng.randrange(128, 256)
            return (a * b) ** 2, a * b
        return a * a, a
    if name == "perfect_power":
        e = rng.choice((2, 3, 5))
        a = _top(-(-n // e), rng)
        while (a**e).bit_length() < n:
            a += 1
        return a**e, (a, e)
    if name == "sum_two_squares":
        if construction == "quiet_plant":  # N = pq, p = q = 1 mod 4: no small factor to see
            p = _prime(half, rng, lambda p: p % 4 == 1)
            q = _prime(n - half, rng, lambda p: p % 4 == 1)
            return p * q, _times(_two_squares_of_prime(p), _two_squares_of_prime(q))
        a, b = _top(half, rng), rng.getrandbits(half)
        if construction == "transform":
            c, d = rng.randrange(8, 16), rng.randrange(8, 16)
            return (a * a + b * b) * (c * c + d * d), _times((a, b), (c, d))
        return a * a + b * b, (a, b)
    p, q = _modulus(n, rng)  # quadratic residues and non-residues mod N = pq
    N = p * q
    r = rng.randrange(2, N)
    while math.gcd(r, N) != 1:
        r = rng.randrange(2, N)
    if name == "non_residue":
        y = _non_residue(p, q, rng)
        return (N, y * r * r % N), None
    x = r * r % N
    if construction == "transform":  # re-randomise: x s^2 is a residue with root r s
        s = rng.randrange(2, N)
        return (N, x * s * s % N), r * s % N
    return (N, x), r


def _non_residue(p: int, q: int, rng: random.Random) -> int:
    """y with (y|p) = (y|q) = -1: Jacobi symbol 1 mod pq, yet not a square."""
    N = p * q
    while True:
        y = rng.randrange(2, N)
        if flint.fmpz(y).jacobi(p) == -1 and flint.fmpz(y).jacobi(q) == -1:
            return y


def _witness_by_decider(name: str, n: int, N: int) -> Any:
    factors = _factors(N)
    if name in ("semiprime", "composite"):
        return factors[0][0]
    if name == "smooth":
        return tuple(p for p, e in factors for _ in range(e))
    return None


def generate(name: str, construction: str, variant: str, spec: Any, meter: gaps.Meter) -> Any:
    n, seed = spec
    obj, witness = build(name, construction, variant, n, random.Random(seed))
    return obj if name in _BLIND else gaps.Certified(obj, witness)


def decide(name: str, spec: Any, obj: Any, meter: gaps.Meter) -> bool:
    return decide_atom(name, spec[0], obj)


def check(name: str, spec: Any, obj: Any, w: Any, meter: gaps.Meter) -> bool:
    return check_atom(name, spec[0], obj, w)


def falsify(name: str, n: int, obj: Any, rng: random.Random) -> Any:
    """An object of the same shape without the property."""
    if name in ("quadratic_residue", "non_residue"):
        N = obj[0]
        factors = _factors(N)
        p, q = factors[0][0], N // factors[0][0]
        if name == "non_residue":
            return N, pow(rng.randrange(2, N), 2, N) or 4
        return N, _non_residue(p, q, rng)
    if name in ("semiprime", "smooth"):  # a product of three primes of about n/3 bits
        third = n // 3 + 1
        while True:
            N = _prime(third, rng) * _prime(third, rng) * _prime(n - 2 * third + 2, rng)
            if _fits(N, n):
                return N
    if name in ("composite", "sum_two_squares"):  # a prime (3 mod 4 for the sums)
        return _prime(n + 2, rng, lambda p: p % 4 == 3)
    return 3 * obj if name == "prime" else obj + 1  # squares and powers: Mihailescu 2004


def corrupt(name: str, spec: Any, result: Any, rng: random.Random) -> Any:
    if isinstance(result, gaps.Certified):
        return gaps.Certified(falsify(name, spec[0], result.output, rng), result.certificate)
    return falsify(name, spec[0], result, rng)


#: Checked blind only: the negation of quadratic residuosity, and rejection-sampled primes.
_BLIND = {"non_residue"}

_CANDIDATES: tuple[tuple[Prop, str, str, str], ...] = (
    (atom("semiprime", split="half"), "semiprime", "naive_plant", "half"),
    (atom("semiprime", split="quarter"), "semiprime", "naive_plant", "quarter"),
    (atom("semiprime", split="half"), "semiprime", "quiet_plant", "half"),
    (atom("semiprime"), "semiprime", "rejection", ""),
    (atom("composite"), "composite", "naive_plant", ""),
    (atom("composite"), "composite", "rejection", ""),
    (atom("prime"), "prime", "naive_plant", ""),
    (atom("smooth", bound="2^(n/3)"), "smooth", "naive_plant", ""),
    (atom("smooth", bound="2^(n/3)"), "smooth", "rejection", ""),
    (atom("square"), "square", "naive_plant", ""),
    (atom("square"), "square", "transform", ""),
    (atom("perfect_power"), "perfect_power", "naive_plant", ""),
    (atom("sum_two_squares"), "sum_two_squares", "naive_plant", ""),
    (atom("sum_two_squares"), "sum_two_squares", "quiet_plant", ""),
    (atom("sum_two_squares"), "sum_two_squares", "transform", ""),
    (atom("quadratic_residue", modulus="pq"), "quadratic_residue", "naive_plant", ""),
    (atom("quadratic_residue", modulus="pq"), "quadratic_residue", "transform", ""),
    (~atom("quadratic_residue", modulus="pq") & atom("jacobi_one"), "non_residue",
     "quiet_plant", ""),
)  # fmt: skip
_FACTORING = {"semiprime", "smooth", "sum_two_squares", "quadratic_residue", "non_residue"}
_KIND = {"semiprime": "factor", "composite": "factor"}


def candidates() -> list[gaps.Family]:
    """Integer candidates, one per (property, construction).

    >>> len(candidates())
    18
    """
    found = []
    for prop, name, construction, variant in _CANDIDATES:
        decider = (
            "FLINT's fmpz.factor (trial division, ECM, quadratic sieve)"
            if name in _FACTORING
            else "FLINT's proven primality, square and perfect-power tests"
        )
        found.append(
            declare(
                domain="integers",
                prefix="int",
                prop=prop,
                construction=construction,
                generate=functools.partial(generate, name, construction, variant),
                decide=functools.partial(decide, name),
                decider=decider,
                check=None if name in _BLIND else functools.partial(check, name),
                check_ticks=False,
                corrupt=functools.partial(corrupt, name),
                kind=_KIND.get(name),
                sizes=SIZES if name in _FACTORING else POLY_SIZES,
            )
        )
    return found

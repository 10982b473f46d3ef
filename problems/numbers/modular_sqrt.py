"""Modular square roots: Tonelli–Shanks vs squaring the answer.

Problem: a random n-bit prime p (BPSW probable prime, drawn with FLINT) and a random
quadratic residue a = r**2 mod p. The output is some x in [0, p) with x**2 ≡ a (mod p).

Gap: generation is the Tonelli–Shanks algorithm (Tonelli 1891; Shanks 1973), written
here with Python's ``pow``: find a non-residue by Euler's criterion (expected two
tries), then about s**2/2 + n squarings where 2**s ∥ p − 1 (s is 1 or 2 on average):
Θ(n) modular multiplications of n-bit numbers, Θ(n**3) bit operations with schoolbook
arithmetic (CPython switches to Karatsuba above 70 digits, giving n**2.58). The
``square`` verifier (witness) computes x**2 mod p: one multiplication and one division,
Θ(n**2) (n**1.58 with Karatsuba). Positive gap, growing like n: the square root costs
about n multiplications, the check one.

The check costs about the same at every size, near the timer's resolution for one
call, so the time pairing's measured verify growth is mostly noise. A second
generator, ``counted``, runs the same algorithm with a readable square-and-multiply
that ticks one step per modular multiplication (the ``square`` verifier ticks its one
multiplication), so that pairing is also measured in steps: about n against 1. The
theory states each side in both units: n**3 and n**2 bit operations (what time
follows at large n), n and 1 modular multiplications (what the steps count; Bach &
Shallit 1996, §7.1, count Tonelli–Shanks in multiplications).

Costs: time for ``tonelli_shanks/square`` (CPython's ``pow`` is native code); steps
(modular multiplications) and time for ``counted/square``.

References: Tonelli 1891; Shanks 1973; Cipolla 1903; Bach & Shallit 1996, §7.1;
Baillie & Wagstaff 1980 (BPSW).

>>> import random, gaps
>>> fam = gaps.get("modular_sqrt")
>>> p, a = fam.sample(64, random.Random(1))
>>> x = fam.generate["tonelli_shanks"]((p, a), gaps.Meter())
>>> x * x % p == a, fam.verify["square"].fn((p, a), x, gaps.Meter())
(True, True)
>>> fam.verify["square"].fn((p, a), fam.corrupt((p, a), x, random.Random(2)), gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

import flint

import gaps

Instance = tuple[int, int]


def sample(size: int, rng: random.Random) -> Instance:
    n = max(size, 3)
    while True:
        p = rng.getrandbits(n) | (1 << (n - 1)) | 1
        if flint.fmpz(p).is_probable_prime():
            break
    r = rng.randrange(1, p)
    return p, r * r % p


def _pow_counted(base: int, exponent: int, p: int, meter: gaps.Meter) -> int:
    """Square and multiply, one step per modular multiplication."""
    result, base = 1, base % p
    while exponent:
        meter.tick()
        if exponent & 1:
            result = result * base % p
        base, exponent = base * base % p, exponent >> 1
    return result


def _tonelli_shanks(instance: Instance, power: Callable[[int, int, int], int]) -> int:
    p, a = instance
    a %= p
    if a == 0:
        return 0
    q, s = p - 1, 0
    while q % 2 == 0:
        q, s = q // 2, s + 1
    z = 2
    while power(z, (p - 1) // 2, p) != p - 1:
        z += 1
    m, c, t, x = s, power(z, q, p), power(a, q, p), power(a, (q + 1) // 2, p)
    while t != 1:
        i, t2 = 0, t
        while t2 != 1:
            t2, i = power(t2, 2, p), i + 1
        b = power(c, 1 << (m - i - 1), p)
        m, c, t, x = i, b * b % p, t * b * b % p, x * b % p
    return x


def tonelli_shanks(instance: Instance, meter: gaps.Meter) -> int:
    return _tonelli_shanks(instance, pow)


def counted(instance: Instance, meter: gaps.Meter) -> int:
    return _tonelli_shanks(instance, lambda b, e, p: _pow_counted(b, e, p, meter))


def square(instance: Instance, x: object, meter: gaps.Meter) -> bool:
    p, a = instance
    if type(x) is not int or not 0 <= x < p:
        return False
    meter.tick()
    return x * x % p == a


def corrupt(instance: Instance, x: int, rng: random.Random) -> int:
    """Add a small nonzero amount modulo p (never the other root, p − x)."""
    p, a = instance
    while True:
        bad = (x + rng.randint(1, 1000)) % p
        if bad * bad % p != a:
            return bad


def small_instances(bound: int) -> list[Instance]:
    """Every (p, a) with p an odd prime up to 2·``bound`` + 5 and 0 ≤ a < p: the
    non-residues, which have no root, included."""
    primes = [p for p in range(3, 2 * bound + 6) if all(p % d for d in range(2, p))]
    return [(p, a) for p in primes for a in range(p)]


def _root_variable(instance: Instance) -> list[Any]:
    import z3

    return [z3.Int("x")]


def _is_root(instance: Instance, v: Sequence[Any]) -> Any:
    """0 ≤ x < p and x² ≡ a (mod p)."""
    import z3

    p, a = instance
    return z3.And(v[0] >= 0, v[0] < p, v[0] * v[0] % p == a)


def _near_range(instance: Instance, v: Sequence[Any]) -> Any:
    """From -p to 2p: roots shifted by ±p are candidates, so a missing range check shows."""
    import z3

    p = instance[0]
    return z3.And(v[0] >= -p, v[0] <= 2 * p)


SPECIFICATION = gaps.Specification(
    instances=small_instances,
    variables=_root_variable,
    valid=_is_root,
    decode=lambda instance, values: values[0],
    domain=_near_range,
)


FAMILY = gaps.Family(
    name="modular_sqrt",
    domain="numbers",
    summary="Square root modulo an n-bit prime (Tonelli–Shanks) vs squaring the answer.",
    sample=sample,
    generate={"tonelli_shanks": tonelli_shanks, "counted": counted},
    verify={"square": gaps.witness(square)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**3",
        verify="n**2",
        sign="positive",
        reference="Shanks 1973; Bach and Shallit 1996, §7.1",
        units={"steps": {"generate": "n", "verify": "1"}},
    ),
    references=(
        "Tonelli 1891",
        "Shanks 1973",
        "Cipolla 1903",
        "Bach and Shallit 1996",
        "Baillie and Wagstaff 1980",
    ),
    tags=("number-theory", "modular-arithmetic"),
    units={"tonelli_shanks/square": ("time",), "counted/square": ("steps", "time")},
    sizes=(64, 96, 160, 256, 400, 640, 1000),
    spec=SPECIFICATION,
)

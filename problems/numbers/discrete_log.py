"""Discrete logarithms: find x with g**x ≡ h modulo a safe prime vs one exponentiation.

Problem: a random n-bit safe prime p = 2q + 1 (q prime; both tested with FLINT's
proven ``is_prime``), a generator g of the multiplicative group (g**q ≢ 1, which for
a safe prime means g has order 2q) and h = g**x for a random exponent x. The output
is an exponent y with g**y ≡ h (mod p).

Gap: generation is sympy's ``discrete_log``: Pohlig–Hellman splits the group order
2q into its prime factors, which for a safe prime leaves a discrete logarithm in the
subgroup of prime order q ≈ 2**(n-1), solved by baby-step giant-step or Pollard's rho:
Θ(2**(n/2)) group operations (index calculus would be subexponential, L_p[1/2], but
only PARI's ``znlog`` has it and cypari2 is not at hand; FLINT's
``fmpz_mod.discrete_log`` grows about as 2**n at safe primes). The ``power`` verifier
(witness) computes g**y mod p by square and multiply: Θ(n) multiplications, Θ(n**3)
bit operations. Positive gap, exponential in n. Sizes stay small (n ≤ 36 bits) so
that the generator finishes; the check's time there is near the timer's resolution.

A second generator, ``bsgs``, is a readable textbook version of the same method
(Pohlig–Hellman for the factor 2 by Euler's criterion, then baby-step giant-step
in the subgroup of order q) that ticks one step per group operation, and the
``power`` verifier ticks one step per modular multiplication of its square and
multiply loop, so that pairing is also measured in steps: about 2**(n/2) against n.
The theory states the check in both units: n**3 bit operations, n multiplications
(steps); the generator's 2**(n/2) counts group operations in either.

Costs: time for ``sympy/power`` (sympy's loop is not ticked); steps and time for
``bsgs/power``.

References: Pohlig & Hellman 1978; Shanks 1971 (baby-step giant-step); Pollard 1978
(rho); Meurer et al. 2017 (sympy); Odlyzko 1985 (index calculus survey).

>>> import random, gaps
>>> fam = gaps.get("discrete_log")
>>> p, g, h = fam.sample(24, random.Random(1))
>>> x = fam.generate["sympy"]((p, g, h), gaps.Meter())
>>> pow(g, x, p) == h, fam.verify["power"].fn((p, g, h), x, gaps.Meter())
(True, True)
>>> fam.verify["power"].fn((p, g, h), x + 1, gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from math import isqrt
from typing import Any

import flint
from sympy.ntheory import discrete_log as sympy_discrete_log

import gaps

Instance = tuple[int, int, int]


def sample(size: int, rng: random.Random) -> Instance:
    n = max(size, 4)
    while True:
        q = rng.getrandbits(n - 1) | (1 << (n - 2)) | 1
        if flint.fmpz(q).is_prime() and flint.fmpz(2 * q + 1).is_prime():
            break
    p = 2 * q + 1
    while True:
        g = rng.randrange(2, p - 1)
        if pow(g, q, p) != 1:
            break
    return p, g, pow(g, rng.randrange(1, p - 1), p)


def solve(instance: Instance, meter: gaps.Meter) -> int:
    p, g, h = instance
    return int(sympy_discrete_log(p, h, g))


def bsgs(instance: Instance, meter: gaps.Meter) -> int:
    """Pohlig–Hellman over 2q, then baby-step giant-step in the subgroup of order q."""
    p, g, h = instance
    q = (p - 1) // 2
    odd = pow(h, q, p) != 1  # x mod 2, by Euler's criterion
    g2, h2 = g * g % p, h * h % p  # g2 has order q and h2 = g2**x
    m = isqrt(q) + 1
    table: dict[int, int] = {}
    e = 1
    for j in range(m):
        meter.tick()
        table.setdefault(e, j)
        e = e * g2 % p
    giant, gamma = pow(e, p - 2, p), h2  # e = g2**m; giant = g2**-m
    for i in range(m):
        meter.tick()
        hit = table.get(gamma)
        if hit is not None:
            x = (i * m + hit) % q
            return x if x % 2 == odd else x + q
        gamma = gamma * giant % p
    raise AssertionError("h is not a power of g")  # unreachable for a generator g


def power(instance: Instance, x: object, meter: gaps.Meter) -> bool:
    """Square and multiply, one step per modular multiplication."""
    p, g, h = instance
    if type(x) is not int or x < 0:
        return False
    result, base = 1, g % p
    while x:
        meter.tick()
        if x & 1:
            result = result * base % p
        base, x = base * base % p, x >> 1
    return result == h


def corrupt(instance: Instance, x: int, rng: random.Random) -> int:
    """Another exponent in [0, p − 1) (g has order p − 1, so its power differs)."""
    p = instance[0]
    return (x + rng.randrange(1, p - 1)) % (p - 1)


def small_instances(bound: int) -> list[Instance]:
    """Every (p, g, h) with p a safe prime up to 2·``bound`` + 3, 2 ≤ g ≤ p − 2 and
    1 ≤ h < p: bases that generate and bases that do not, targets off their powers."""
    safe = [p for p in (5, 7, 11, 23, 47, 59) if p <= 2 * bound + 3]
    return [(p, g, h) for p in safe for g in range(2, p - 1) for h in range(1, p)]


def _exponent_variable(instance: Instance) -> list[Any]:
    import z3

    return [z3.Int("x")]


def _is_logarithm(instance: Instance, v: Sequence[Any]) -> Any:
    """x ≥ 0 and g^x ≡ h (mod p): g^x is the product of g^(2^i) over x's set bits,
    reduced mod p after each factor."""
    import z3

    p, g, h = instance
    x = v[0]
    power = z3.IntVal(1)
    for i in range((2 * p).bit_length()):
        power = z3.If(x / 2**i % 2 == 1, power * pow(g, 2**i, p) % p, power)
    return z3.And(x >= 0, power == h)


def _exponents_near(instance: Instance, v: Sequence[Any]) -> Any:
    """From -1 to 2p: exponents past p − 1 are valid when they reduce to a logarithm."""
    import z3

    return z3.And(v[0] >= -1, v[0] <= 2 * instance[0])


SPECIFICATION = gaps.Specification(
    instances=small_instances,
    variables=_exponent_variable,
    valid=_is_logarithm,
    decode=lambda instance, values: values[0],
    domain=_exponents_near,
)


FAMILY = gaps.Family(
    name="discrete_log",
    domain="numbers",
    summary="Discrete logarithm modulo an n-bit safe prime (sympy) vs one exponentiation.",
    sample=sample,
    generate={"sympy": solve, "bsgs": bsgs},
    verify={"power": gaps.witness(power)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**(n/2)",
        verify="n**3",
        sign="positive",
        reference="Pohlig and Hellman 1978; Shanks 1971; Pollard 1978",
        units={"steps": {"verify": "n"}},
    ),
    references=(
        "Pohlig and Hellman 1978",
        "Shanks 1971",
        "Pollard 1978",
        "Odlyzko 1985",
        "Meurer et al. 2017 (sympy)",
    ),
    tags=("number-theory", "discrete-logarithm", "cryptography"),
    units={"sympy/power": ("time",), "bsgs/power": ("steps", "time")},
    sizes=(14, 18, 22, 26, 30, 34),
    spec=SPECIFICATION,
    not_best_known={
        "sympy": "baby-step giant-step or rho, 2**(n/2); index calculus, L_p[1/2], is not at hand",
        "bsgs": "textbook baby-step giant-step, counted; index calculus is not at hand",
    },
)

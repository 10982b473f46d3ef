"""Factoring attacks: trial division, Fermat, Pollard p-1 and Pollard rho, each on a budget.

Each first tests ``n`` for primality, as factoring programs do: a prime has no factor
to find, and without the test every attack ran its whole budget on one (a corrupted
"composite" is a prime), to fail at a cost set by the budget, not by ``n``.
"""

from __future__ import annotations

import math
from typing import Any

from gaps.search.attack import Attack

#: Loop iterations each factoring attack may spend before it gives up.
BUDGET = 1 << 14
#: Miller-Rabin bases that make the test exact below 3.3 * 10**24 (Sorenson and
#: Webster 2015); above, a composite they pass only makes an attack give up.
WITNESSES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)


def probably_prime(n: int, meter: Any) -> bool:
    """Whether ``n`` passes Miller-Rabin to the bases :data:`WITNESSES`.

    >>> import gaps
    >>> probably_prime(2**61 - 1, gaps.Meter()), probably_prime(2047, gaps.Meter())
    (True, False)
    """
    if n < 2:
        return False
    for p in WITNESSES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in WITNESSES:
        meter.tick(n.bit_length())
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            meter.tick()
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def trial_division(n: int, meter: Any) -> int | None:
    """The least prime factor of ``n`` below the budget.

    >>> import gaps
    >>> trial_division(91, gaps.Meter())
    7
    """
    if probably_prime(n, meter):
        return None
    for d in range(2, min(BUDGET, math.isqrt(n)) + 1):
        meter.tick()
        if n % d == 0:
            return d
    return None


def fermat(n: int, meter: Any) -> int | None:
    """Fermat's method: a factor of an odd ``n`` whose two factors are close.

    >>> import gaps
    >>> fermat(101 * 103, gaps.Meter())
    101
    """
    if probably_prime(n, meter):
        return None
    if n % 2 == 0:
        return 2 if n > 2 else None
    a = math.isqrt(n)
    if a * a < n:
        a += 1
    for _ in range(BUDGET):
        meter.tick()
        b2 = a * a - n
        b = math.isqrt(b2)
        if b * b == b2:
            return a - b if 1 < a - b < n else None
        a += 1
    return None


def pollard_p_minus_1(n: int, meter: Any) -> int | None:
    """Pollard's p-1: a prime factor p of ``n`` whose p-1 is smooth.

    >>> import gaps
    >>> pollard_p_minus_1(1009 * 1013, gaps.Meter()) in (1009, 1013)
    True
    """
    if probably_prime(n, meter):
        return None
    a = 2
    for k in range(2, BUDGET):
        meter.tick(max(1, k.bit_length()))
        a = pow(a, k, n)
        if k % 16 == 0 or k == BUDGET - 1:
            g = math.gcd(a - 1, n)
            if 1 < g < n:
                return g
            if g == n:
                return None
    return None


def pollard_rho(n: int, meter: Any) -> int | None:
    """Pollard's rho with Floyd cycle finding (Brent's variant is no cheaper here).

    >>> import gaps
    >>> pollard_rho(10403, gaps.Meter()) in (101, 103)
    True
    """
    if probably_prime(n, meter):
        return None
    if n % 2 == 0:
        return 2 if n > 2 else None
    for c in (1, 3, 5):
        x = y = 2
        for _ in range(BUDGET):
            meter.tick(3)
            x = (x * x + c) % n
            y = (y * y + c) % n
            y = (y * y + c) % n
            g = math.gcd(abs(x - y), n)
            if g == n:
                break
            if g > 1:
                return g
    return None


ATTACKS = (
    Attack("trial_division", "factor", trial_division),
    Attack("fermat", "factor", fermat),
    Attack("pollard_p_minus_1", "factor", pollard_p_minus_1),
    Attack("pollard_rho", "factor", pollard_rho),
)

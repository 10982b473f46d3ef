"""The lemmas behind the number families' certified checks, proved by z3 at bounded sizes."""

from __future__ import annotations

import itertools
from typing import Any

from gaps.proofs.core import RLIMIT, Proof, prove

__all__ = ["prove_increasing_indices_pick_a_subset", "prove_two_primes_make_a_semiprime"]


def prove_two_primes_make_a_semiprime(bound: int = 8, rlimit: int = RLIMIT) -> Proof:
    """A product of two primes p ≤ q has no divisors but 1, p, q and itself.

    For every N below 2^``bound`` and all p ≤ q with pq = N, each of them prime (no
    divisor between 2 and itself minus 1): every divisor d of N with 1 < d < N is p or
    q, so N has exactly two prime factors counted with multiplicity. ``semiprime``'s
    ``check`` accepts N with factors p ≤ q whose product is N and which FLINT's
    primality test passes; this lemma is why N is then a semiprime.

    >>> prove_two_primes_make_a_semiprime(6).status
    'proved'
    """
    import z3

    width = 2 * bound + 1  # p·q < 2^(2·bound): no wrap-around

    def prime(x: Any) -> Any:
        small = [
            z3.Or(z3.UGE(z3.BitVecVal(d, width), x), z3.URem(x, d) != 0)
            for d in range(2, 1 << bound)
        ]
        return z3.And(z3.UGE(x, 2), *small)

    p, q, d = (z3.BitVec(name, width) for name in "pqd")
    n = p * q
    below = [z3.ULT(x, 1 << bound) for x in (p, q, n)]
    premise = z3.And(*below, z3.ULE(p, q), prime(p), prime(q))
    divisor = z3.And(z3.UGT(d, 1), z3.ULT(d, n), z3.URem(n, d) == 0)
    claim = z3.Implies(z3.And(premise, divisor), z3.Or(d == p, d == q))
    return prove("two primes make a semiprime", bound, claim, rlimit)


def prove_increasing_indices_pick_a_subset(bound: int = 5, rlimit: int = RLIMIT) -> Proof:
    """Strictly increasing indices in range sum a subset: no number is counted twice.

    For every list of 1 ≤ n ≤ ``bound`` integers and every k ≤ n indices, each in
    range(n) and each larger than the one before: the sum of the numbers at those
    indices equals the sum over the set of indices that occur. ``subset_sum``'s
    ``check`` tests range and strict increase, then the sum; this lemma is why a
    passing certificate is a subset, not a multiset, of the numbers.

    >>> prove_increasing_indices_pick_a_subset(3).status
    'proved'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        numbers = [z3.Int(f"x{n}_{i}") for i in range(n)]
        for k in range(n + 1):
            index = [z3.Int(f"i{n}_{k}_{t}") for t in range(k)]
            ranged = [z3.And(i >= 0, i < n) for i in index]
            increasing = [a < b for a, b in itertools.pairwise(index)]
            picked = z3.Sum(
                z3.IntVal(0),
                *(z3.Sum([z3.If(i == j, x, 0) for j, x in enumerate(numbers)]) for i in index),
            )
            chosen = [z3.Or(*(i == j for i in index), False) for j in range(n)]
            subset = z3.Sum(
                z3.IntVal(0), *(z3.If(c, x, 0) for c, x in zip(chosen, numbers, strict=True))
            )
            claims.append(z3.Implies(z3.And(*ranged, *increasing), picked == subset))
    return prove("increasing indices pick a subset", bound, z3.And(*claims), rlimit)

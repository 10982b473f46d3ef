"""The lemma behind the sorting family's check: a sorted permutation is unique.

``sorting``'s verifier accepts ``ys`` when it is non-decreasing and a permutation of
``xs``. That is sound only if no two different non-decreasing permutations of the
same list exist, i.e. the check accepts exactly ``sorted(xs)``. z3 proves it for
every list of integers up to a length bound, over all pairs of permutations.
"""

from __future__ import annotations

from typing import Any

from gaps.proofs.core import Proof, prove

__all__ = ["prove_sorted_permutation_is_unique"]


def _permutation(z3: Any, name: str, n: int) -> tuple[list[Any], list[Any]]:
    """Integer variables p_i in [0, n) that are pairwise distinct: a permutation."""
    p = [z3.Int(f"{name}{i}") for i in range(n)]
    constraints = [z3.And(v >= 0, v < n) for v in p]
    if n > 1:
        constraints.append(z3.Distinct(*p))
    return p, constraints


def _pick(z3: Any, xs: list[Any], index: Any) -> Any:
    """xs[index] for a symbolic index, as a chain of if-then-else."""
    value = xs[-1]
    for i in range(len(xs) - 2, -1, -1):
        value = z3.If(index == i, xs[i], value)
    return value


def prove_sorted_permutation_is_unique(bound: int = 5, *, strict: bool = False) -> Proof:
    """Two non-decreasing permutations of one list are equal, for lengths up to ``bound``.

    ``strict=True`` proves a deliberately wrong variant (permutations that are merely
    *bounded by* the list's minimum and maximum), which z3 must refute: the proof
    machinery catches a broken check.

    >>> prove_sorted_permutation_is_unique(4).status
    'proved'
    >>> prove_sorted_permutation_is_unique(3, strict=True).status
    'refuted'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        xs = [z3.Int(f"x{i}") for i in range(n)]
        p, p_ok = _permutation(z3, "p", n)
        q, q_ok = _permutation(z3, "q", n)
        ys = [_pick(z3, xs, p[i]) for i in range(n)]
        if strict:
            zs = [z3.Int(f"z{i}") for i in range(n)]
            q_ok = [z3.Or(*[z == x for x in xs]) for z in zs]  # values from xs, any count
        else:
            zs = [_pick(z3, xs, q[i]) for i in range(n)]
        ys_sorted = [ys[i] <= ys[i + 1] for i in range(n - 1)]
        zs_sorted = [zs[i] <= zs[i + 1] for i in range(n - 1)]
        premise = z3.And(*p_ok, *q_ok, *ys_sorted, *zs_sorted)
        claims.append(z3.Implies(premise, z3.And(*[y == z for y, z in zip(ys, zs, strict=True)])))
    return prove("a sorted permutation is unique", bound, z3.And(*claims))

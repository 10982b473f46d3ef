"""The lemmas behind the dynamic-programming families' certified checks, proved by z3.

Knapsack, edit distance and longest common subsequence have certificates that bound
their dynamic program's value: a table obeying the recurrence, an alignment, a list of
matched pairs. Each ``prove_<claim>(bound)`` builds the dynamic program over
*symbolic* inputs (every weight and value, every string) and proves the bound for
every certificate of every size up to ``bound``.
"""

from __future__ import annotations

import itertools
from typing import Any

from gaps.proofs.core import RLIMIT, Proof, prove

__all__ = [
    "prove_alignment_cost_bounds_distance",
    "prove_common_pairs_bound_lcs",
    "prove_knapsack_table_bounds_every_packing",
]


def _pick(z3: Any, xs: list[Any], index: Any) -> Any:
    """xs[index] for a symbolic index, as a chain of if-then-else."""
    value = xs[-1]
    for i in range(len(xs) - 2, -1, -1):
        value = z3.If(index == i, xs[i], value)
    return value


def _min(z3: Any, *xs: Any) -> Any:
    value = xs[0]
    for x in xs[1:]:
        value = z3.If(x < value, x, value)
    return value


def prove_knapsack_table_bounds_every_packing(bound: int = 3, rlimit: int = RLIMIT) -> Proof:
    """A table whose row 0 is zero and whose cells obey the recurrence bounds every packing.

    For every 1 ≤ n ≤ ``bound`` items with weights w ≥ 1 and values v ≥ 0, every
    capacity 0 ≤ C ≤ ``bound`` + 1, every table with row 0 all zero and
    row_i[c] = row_{i−1}[c] for c < w_i, max(row_{i−1}[c], row_{i−1}[c − w_i] + v_i)
    otherwise, and every set of items of total weight at most C: its value is at most
    row_n[C]. ``knapsack``'s ``table`` check tests exactly that recurrence cell by cell
    and that the packed set is worth row_n[C]; this lemma is why that set is optimal.

    >>> prove_knapsack_table_bounds_every_packing(2).status
    'proved'
    """
    import z3

    claims = []
    for n, capacity in itertools.product(range(1, bound + 1), range(bound + 2)):
        w = [z3.Int(f"w{n}{capacity}_{i}") for i in range(n)]
        v = [z3.Int(f"v{n}{capacity}_{i}") for i in range(n)]
        rows = [
            [z3.Int(f"t{n}{capacity}_{i}_{c}") for c in range(capacity + 1)] for i in range(n + 1)
        ]
        items = [z3.And(x >= 1, y >= 0) for x, y in zip(w, v, strict=True)]
        recurrence = [cell == 0 for cell in rows[0]]
        for i in range(n):
            prev, row = rows[i], rows[i + 1]
            for c in range(capacity + 1):
                taken = _pick(z3, prev, c - w[i]) + v[i]
                best = z3.If(c < w[i], prev[c], z3.If(prev[c] >= taken, prev[c], taken))
                recurrence.append(row[c] == best)
        packed = [z3.Bool(f"p{n}{capacity}_{i}") for i in range(n)]
        weight = z3.Sum([z3.If(p, x, 0) for p, x in zip(packed, w, strict=True)])
        value = z3.Sum([z3.If(p, y, 0) for p, y in zip(packed, v, strict=True)])
        premise = z3.And(*items, *recurrence, weight <= capacity)
        claims.append(z3.Implies(premise, value <= rows[n][capacity]))
    return prove("a recurrence table bounds every packing", bound, z3.And(*claims), rlimit)


def _edit_table(z3: Any, s: list[Any], t: list[Any]) -> Any:
    """Wagner–Fischer's value for symbolic strings, as one z3 term."""
    prev = [z3.IntVal(j) for j in range(len(t) + 1)]
    for i, a in enumerate(s, 1):
        row = [z3.IntVal(i)]
        for j, b in enumerate(t, 1):
            row.append(_min(z3, prev[j] + 1, row[j - 1] + 1, prev[j - 1] + z3.If(a == b, 0, 1)))
        prev = row
    return prev[-1]


def prove_alignment_cost_bounds_distance(bound: int = 3, rlimit: int = RLIMIT) -> Proof:
    """An alignment spelling s over t costs at least Wagner–Fischer's distance.

    For every two strings of lengths 0 ≤ a, b ≤ ``bound`` (any symbols) and every
    alignment, a sequence of columns each a substitution or match (one symbol of each
    string, cost 1 when they differ), a deletion or an insertion (cost 1), reading s
    on top and t below: its cost is at least the dynamic program's value.
    ``edit_distance``'s ``alignment`` check accepts a distance d when such an
    alignment costs d; this lemma is why the distance is then at most d.

    >>> prove_alignment_cost_bounds_distance(2).status
    'proved'
    """
    import z3

    claims = []
    for a, b in itertools.product(range(bound + 1), repeat=2):
        s = [z3.Int(f"s{a}{b}_{i}") for i in range(a)]
        t = [z3.Int(f"t{a}{b}_{j}") for j in range(b)]
        distance = _edit_table(z3, s, t)
        for length in range(max(a, b), a + b + 1):
            # Column kind: 0 takes a symbol of each string, 1 of s only, 2 of t only.
            kind = [z3.Int(f"k{a}{b}_{length}_{c}") for c in range(length)]
            i, j, cost, steps = z3.IntVal(0), z3.IntVal(0), [], []
            for k in kind:
                steps.append(z3.And(k >= 0, k <= 2))
                match = z3.If(_pick(z3, s, i) == _pick(z3, t, j), 0, 1) if s and t else None
                pair = z3.IntVal(1) if match is None else match
                steps.append(z3.Implies(k == 0, z3.And(i < a, j < b)))
                cost.append(z3.If(k == 0, pair, 1))
                i, j = i + z3.If(k != 2, 1, 0), j + z3.If(k != 1, 1, 0)
            spelled = z3.And(*steps, i == a, j == b)
            claims.append(z3.Implies(spelled, distance <= z3.Sum(z3.IntVal(0), *cost)))
    return prove("an alignment's cost bounds the edit distance", bound, z3.And(*claims), rlimit)


def prove_common_pairs_bound_lcs(bound: int = 4, rlimit: int = RLIMIT) -> Proof:
    """k index pairs, increasing in both strings, on equal symbols: the LCS is at least k.

    For every two strings of lengths 1 ≤ a, b ≤ ``bound`` (any symbols) and every list
    of k pairs (i, j), strictly increasing in i and in j, in range, with s[i] = t[j]:
    the dynamic program's LCS length is at least k. ``longest_common_subsequence``'s
    ``common`` check tests exactly these premises; this lemma is why the LCS is then
    at least the claimed k.

    >>> prove_common_pairs_bound_lcs(2).status
    'proved'
    """
    import z3

    claims = []
    for a, b in itertools.product(range(1, bound + 1), repeat=2):
        s = [z3.Int(f"s{a}{b}_{i}") for i in range(a)]
        t = [z3.Int(f"t{a}{b}_{j}") for j in range(b)]
        prev = [z3.IntVal(0)] * (b + 1)
        for x in s:
            row = [z3.IntVal(0)]
            for j, y in enumerate(t, 1):
                longer = z3.If(prev[j] >= row[j - 1], prev[j], row[j - 1])
                row.append(z3.If(x == y, prev[j - 1] + 1, longer))
            prev = row
        for k in range(1, min(a, b) + 2):
            first = [z3.Int(f"i{a}{b}_{k}_{p}") for p in range(k)]
            second = [z3.Int(f"j{a}{b}_{k}_{p}") for p in range(k)]
            ranged = [
                z3.And(i >= 0, i < a, j >= 0, j < b) for i, j in zip(first, second, strict=True)
            ]
            increasing = [x < y for seq in (first, second) for x, y in itertools.pairwise(seq)]
            equal = [_pick(z3, s, i) == _pick(z3, t, j) for i, j in zip(first, second, strict=True)]
            claims.append(z3.Implies(z3.And(*ranged, *increasing, *equal), prev[b] >= k))
    return prove("common pairs bound the LCS", bound, z3.And(*claims), rlimit)

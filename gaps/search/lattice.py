"""Subset-sum attack: lattice reduction (FLINT's LLL) on the Lagarias–Odlyzko basis.

For numbers a_1..a_n and target t, the basis rows are (2 e_i, M a_i) and
(1, ..., 1, M t) with M large. A solution x gives the short vector (2x - 1, 0) with
entries +-1; LLL finds it when the density n / log2(max a) is low (Lagarias and
Odlyzko 1985; Coster, Joux, LaMacchia, Odlyzko, Schnorr and Stern 1992), which is what
a planted subset of large random numbers offers. LLL's cost is charged n**4 steps.
"""

from __future__ import annotations

from typing import Any

from gaps.search.attack import Attack


def lll_subset_sum(problem: Any, meter: Any) -> tuple[int, ...] | None:
    """Indices of a subset summing to the target, read off an LLL-reduced basis.

    >>> import gaps
    >>> lll_subset_sum(((366, 385, 392, 401, 409, 437, 459), 366 + 401 + 459), gaps.Meter())
    (0, 3, 6)
    """
    import flint

    numbers, target = problem
    n = len(numbers)
    if n == 0:
        return None
    scale = 2 * n * (max(max(numbers), target) + 1)
    rows = [[2 * (i == j) for j in range(n)] + [scale * a] for i, a in enumerate(numbers)]
    rows.append([1] * n + [scale * target])
    meter.tick(max(1, (n + 1) ** 4))
    reduced = flint.fmpz_mat(rows).lll()
    for r in range(reduced.nrows()):
        row = [int(reduced[r, c]) for c in range(n + 1)]
        if row[n] != 0 or any(abs(x) != 1 for x in row[:n]):
            continue
        for sign in (1, -1):
            chosen = tuple(i for i in range(n) if sign * row[i] == -1)
            meter.tick(n)
            if sum(numbers[i] for i in chosen) == target:
                return chosen
    return None


ATTACKS = (Attack("lll_lattice", "subset_sum", lll_subset_sum),)

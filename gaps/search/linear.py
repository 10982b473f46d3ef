"""Linear-algebra attacks: GF(2) elimination on a generator's images, kernels by FLINT."""

from __future__ import annotations

from typing import Any

from gaps.search.attack import Attack


def gf2_preimage(target: Any, meter: Any) -> int | None:
    """Treat the generator as affine over GF(2): query 0 and the unit seeds, then solve.

    The answer is a guess that the certified verifier checks, so a non-linear
    generator costs k + 1 queries and an elimination, and nothing else.

    >>> import gaps
    >>> def shift(seed):  # a linear map of 4-bit seeds
    ...     return bytes([seed ^ (seed << 1) & 0xFF])
    >>> gf2_preimage((shift, 4, shift(11)), gaps.Meter())
    11
    """
    generator, k, image = target
    width = 8 * len(image)

    def value(seed: int) -> int:
        out = generator(seed)
        meter.tick(max(1, len(out)))
        return int.from_bytes(out, "big")

    base = value(0)
    # Row i of the system is output bit i: columns are the seed bits, last the target.
    columns = [value(1 << j) ^ base for j in range(k)]
    goal = int.from_bytes(image, "big") ^ base
    rows = []
    for i in range(width):
        row = sum(((columns[j] >> i) & 1) << j for j in range(k))
        rows.append((row, (goal >> i) & 1))
    meter.tick(width * k)
    solution = 0
    pivots: list[tuple[int, int, int]] = []
    for row, rhs in rows:
        for bit, prow, prhs in pivots:
            meter.tick()
            if row >> bit & 1:
                row ^= prow
                rhs ^= prhs
        if row:
            pivots.append((row.bit_length() - 1, row, rhs))
        elif rhs:
            return None
    for bit, row, rhs in sorted(pivots):
        meter.tick()
        rest = row & ~(1 << bit)
        if bin(rest & solution).count("1") % 2 != rhs:
            solution |= 1 << bit
    return solution


def flint_kernel(matrix: Any, meter: Any) -> tuple[int, ...] | None:
    """A non-zero kernel vector by FLINT's elimination; charges n**3 steps for it.

    >>> import gaps
    >>> flint_kernel((7, ((1, 2), (2, 4))), gaps.Meter())
    (5, 1)
    """
    import flint

    p, rows = matrix
    n = len(rows)
    meter.tick(max(1, n**3))
    solved: Any = (
        flint.nmod_mat([list(r) for r in rows], p) if p else flint.fmpz_mat([list(r) for r in rows])
    )
    basis, nullity = solved.nullspace()
    if nullity == 0:
        return None
    return tuple(int(basis[i, 0]) for i in range(basis.nrows()))


ATTACKS = (
    Attack("gf2_elimination", "preimage", gf2_preimage),
    Attack("flint_kernel", "kernel", flint_kernel),
)

"""Linear-algebra attacks: GF(2) elimination on a generator's images, Berlekamp–Massey
on its output stream, kernels by FLINT."""

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


def berlekamp_massey(bits: list[int], meter: Any) -> int:
    """The linear complexity of a bit sequence: its shortest LFSR's length (Massey 1969).

    >>> import gaps
    >>> berlekamp_massey([1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1], gaps.Meter())
    3
    """
    c, b = [1], [1]
    length, shift = 0, 1
    for i, bit in enumerate(bits):
        meter.tick(length + 1)
        discrepancy = bit
        for j in range(1, length + 1):
            discrepancy ^= c[j] & bits[i - j] if j < len(c) else 0
        if not discrepancy:
            shift += 1
            continue
        grown = c + [0] * (len(b) + shift - len(c))
        for j, x in enumerate(b):
            grown[j + shift] ^= x
        if 2 * length <= i:
            b, length, shift = c, i + 1 - length, 1
        else:
            shift += 1
        c = grown
    return length


def lfsr_seed(target: Any, meter: Any) -> int | None:
    """Berlekamp–Massey on the image's bits; an LFSR stream short enough gives its seed.

    When the linear complexity of the image's first 2k bits is at most k, they may be
    the stream of an LFSR of at most k cells, whose first k bits are its initial state:
    read in either bit order, those are the guesses, checked against the generator.

    >>> import gaps
    >>> def lfsr(seed):  # 8 output bits of a 4-cell LFSR, taps x^4 + x + 1
    ...     out, s = 0, seed
    ...     for i in range(8):
    ...         out |= (s & 1) << i
    ...         s = (s >> 1) | (((s ^ s >> 1) & 1) << 3)
    ...     return bytes([out])
    >>> lfsr_seed((lfsr, 4, lfsr(9)), gaps.Meter())
    9
    """
    generator, k, image = target
    width = min(8 * len(image), 2 * k)  # bytes may pad the stream past its 2k bits
    for order in ("little", "big"):
        value = int.from_bytes(image, order)  # type: ignore[arg-type]
        bits = [(value >> i) & 1 for i in range(8 * len(image))]
        stream = (bits if order == "little" else bits[::-1])[:width]
        if berlekamp_massey(stream, meter) > k:
            continue
        for guess in (
            sum(b << i for i, b in enumerate(stream[:k])),
            sum(b << (k - 1 - i) for i, b in enumerate(stream[:k])),
        ):
            meter.tick(max(1, len(image)))
            if guess < 2**k and generator(guess) == image:
                return guess
    return None


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
    Attack("berlekamp_massey", "preimage", lfsr_seed),
    Attack("flint_kernel", "kernel", flint_kernel),
)

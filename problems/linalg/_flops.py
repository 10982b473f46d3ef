"""Floating-point operation counts of the dense kernels the linear-algebra families call.

A dense LU, triangular solve or matrix product does an amount of arithmetic fixed by
the shapes alone (partial pivoting reorders rows, never the count), so its flops,
one per addition, subtraction, multiplication or division, are an exact,
machine-independent cost where its time is not: time drifts with the cache level the
operands live in and with the machine's load. The counts are those of the textbook
algorithms LAPACK runs, blocked or not (Golub & Van Loan 2013, §3.1–3.2; Higham 2002,
§14.2): right-looking LU (``getrf``), forward and back substitution (``getrs``), the
inverse of U then the solve X·L = U⁻¹ (``getri``), and 2mkn for an m×k by k×n
product, as BLAS's ``gemm`` is counted.

>>> lu(3), lu_solve(3), inverse_from_lu(3), product(3, 3, 3), dot(3)
(13, 15, 29, 54, 6)
"""

from __future__ import annotations


def lu(n: int) -> int:
    """LU factors of an n×n matrix: 2n³/3 − n²/2 − n/6 flops."""
    return (4 * n**3 - 3 * n**2 - n) // 6


def lu_solve(n: int, columns: int = 1) -> int:
    """Forward (unit L) and back substitution for ``columns`` right-hand sides: 2n² − n each."""
    return columns * (2 * n**2 - n)


def inverse_from_lu(n: int) -> int:
    """The inverse from the LU factors (U⁻¹, then X·L = U⁻¹): 4n³/3 − n² + 2n/3 flops."""
    return (4 * n**3 - 3 * n**2 + 2 * n) // 3


def product(m: int, k: int, n: int) -> int:
    """An m×k by k×n matrix product, as ``gemm`` is counted: 2mkn flops."""
    return 2 * m * k * n


def dot(n: int) -> int:
    """A dot product of two n-vectors (a squared norm too): 2n flops."""
    return 2 * n

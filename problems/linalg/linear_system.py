"""Linear systems: solve Ax = b with LAPACK vs check the residual.

Problem: an n×n float64 matrix A with independent standard normal entries plus
sqrt(n)·I (well conditioned at the sizes used) and a standard normal right-hand side
b. The output is x with Ax = b, as a float64 vector.

Gap: generation is ``numpy.linalg.solve`` (LAPACK ``gesv``: LU with partial pivoting,
about 2n**3/3 flops). The ``residual`` verifier (witness) computes r = Ax − b in
Θ(n**2) and accepts when ‖r‖₂ ≤ 1e-9 · (‖A‖_F ‖x‖₂ + ‖b‖₂): a normwise backward-error
test (Rigal & Gaches 1967) with the Frobenius norm, which bounds the 2-norm and costs
one dot product over A, with no n×n temporary whose allocation would outweigh the
product. LU with partial pivoting is backward stable in practice, with a backward
error of a few n·ε, far below the tolerance; a wrong answer passes only if it exactly
solves a system within relative distance 1e-9 of the given one, which for a
well-conditioned A means x is accurate to about cond(A)·1e-9: the check is of an
approximate solution, as is any floating-point solve. The ``recompute`` verifier
(compare) solves again and compares with the same tolerance relative to ‖x‖: its gap
is never positive.

Costs: steps are flops, fixed by the shapes (Golub & Van Loan 2013, §3.1–3.2):
``gesv`` 2n³/3 + 1.5n² − 7n/6, the residual 4n² + O(n); time beside. Expected: generation
n**3, residual n**2 (positive gap), recompute n**3 (neutral). Sizes avoid powers of 2.

The residual's time is about n² memory reads plus a fixed call overhead, so its time
per entry steps up by a factor of two or three once A (8n² bytes) leaves the
last-level cache, which a time fit straddling it reads as exponential; the flops do
not see the cache, and the default sizes keep A in cache. Sampling adds sqrt(n) to
the diagonal in place, so that sampling costs less than solving.

References: Rigal & Gaches 1967 (normwise backward error); Higham 2002, §7.1 and §9;
Anderson et al. 1999 (LAPACK); Golub & Van Loan 2013.

>>> import random, gaps
>>> fam = gaps.get("linear_system")
>>> system = fam.sample(30, random.Random(1))
>>> x = fam.generate["lapack"](system, gaps.Meter())
>>> fam.verify["residual"].fn(system, x, gaps.Meter())
True
>>> fam.verify["residual"].fn(system, fam.corrupt(system, x, random.Random(2)), gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import numpy as np
from gaps.problems._candidates import (
    decode_int_list,
    entries,
    int_list_domain,
    int_list_variables,
    lengths_near,
)
from gaps.problems.linalg import _flops

import gaps

#: Relative backward error accepted.
TOLERANCE = 1e-9

System = tuple[np.ndarray, np.ndarray]


def sample(size: int, rng: random.Random) -> System:
    gen = np.random.default_rng(rng.getrandbits(64))
    n = max(size, 1)
    a = gen.standard_normal((n, n))
    a.ravel()[:: n + 1] += np.sqrt(n)  # in place: see the module docstring
    return a, gen.standard_normal(n)


def _solve_flops(n: int) -> int:
    """``gesv``: the LU factors, then one right-hand side through them."""
    return _flops.lu(n) + _flops.lu_solve(n)


def solve(system: System, meter: gaps.Meter) -> np.ndarray:
    a, b = system
    meter.tick(_solve_flops(b.shape[0]))
    return np.linalg.solve(a, b)


def _as_vector(system: System, x: object) -> np.ndarray | None:
    n = system[1].shape[0]
    if not isinstance(x, np.ndarray) or x.shape != (n,) or x.dtype.kind not in "fiu":
        return None
    x = x.astype(np.float64, copy=False)
    return x if bool(np.all(np.isfinite(x))) else None


def residual(system: System, x: object, meter: gaps.Meter) -> bool:
    vec = _as_vector(system, x)
    if vec is None:
        return False
    a, b = system
    n = b.shape[0]
    # A·x − b, then the squared norms of A, x, b and r.
    meter.tick(_flops.product(n, n, 1) + n + _flops.dot(n * n) + 3 * _flops.dot(n))
    r = a @ vec - b
    # The Frobenius norm is a dot product of A with itself (no n×n temporary, unlike
    # |A|'s row sums), so the check stays one pass over A besides the product.
    flat = a.ravel()
    scale = float(np.sqrt(flat @ flat)) * float(np.sqrt(vec @ vec)) + float(np.sqrt(b @ b))
    return bool(np.sqrt(r @ r) <= TOLERANCE * scale)


def recompute(system: System, x: object, meter: gaps.Meter) -> bool:
    vec = _as_vector(system, x)
    if vec is None:
        return False
    n = system[1].shape[0]
    meter.tick(_solve_flops(n) + n)  # the solve, then the differences
    reference = np.linalg.solve(*system)
    return bool(np.abs(vec - reference).max() <= TOLERANCE * np.abs(reference).max())


def corrupt(system: System, x: np.ndarray, rng: random.Random) -> np.ndarray:
    """Change one coordinate by 1e-3 of the largest one (or make x the wrong length)."""
    bad = np.array(x, dtype=np.float64, copy=True)
    if bad.size == 0:
        return np.zeros(1)
    i = rng.randrange(bad.size)
    bad[i] += rng.choice((-1, 1)) * 1e-3 * max(float(np.abs(bad).max()), 1.0)
    return bad


def small_systems(bound: int) -> list[System]:
    """A 1×1 system, a regular 2×2 one, a singular consistent one (several solutions)
    and a singular inconsistent one (none); from ``bound`` 3 a regular 3×3 one."""
    systems = [
        ([[2]], [4]),
        ([[2, 1], [1, 3]], [3, 4]),
        ([[1, 1], [1, 1]], [2, 2]),
        ([[1, 1], [1, 1]], [1, 2]),
    ]
    if bound >= 3:
        systems.append(([[1, 1, 0], [0, 1, 1], [1, 0, 1]], [2, 2, 2]))
    return [(np.array(a, dtype=float), np.array(b, dtype=float)) for a, b in systems]


def _solves(system: System, v: Sequence[Any]) -> Any:
    """x has n entries and A x = b exactly (integer systems: the residual is 0 or ≥ 1)."""
    import z3

    a, b = system
    n = len(b)
    xs = entries(v, n)
    rows = [z3.Sum([int(a[i, j]) * xs[j] for j in range(n)]) == int(b[i]) for i in range(n)]
    return z3.And(v[0] == n, *rows)


SPECIFICATION = gaps.Specification(
    instances=small_systems,
    variables=lambda system: int_list_variables("x", len(system[1]) + 1),
    valid=_solves,
    decode=lambda system, values: np.array(decode_int_list(values), dtype=float),
    # Vectors one entry short to one too long, entries from -2 to 2.
    domain=lambda system, v: int_list_domain(v, lengths_near(len(system[1])), -2, 2),
)


FAMILY = gaps.Family(
    name="linear_system",
    domain="linalg",
    summary="Solve a well-conditioned n×n system (LAPACK) vs check the residual or re-solve.",
    sample=sample,
    generate={"lapack": solve},
    verify={"residual": gaps.witness(residual), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**3",
        verify={"residual": "n**2", "recompute": "n**3"},
        sign={"residual": "positive", "recompute": "neutral"},
        reference="Higham 2002, §7.1 and §9",
    ),
    references=(
        "Rigal and Gaches 1967",
        "Higham 2002",
        "Anderson et al. 1999 (LAPACK)",
        "Golub and Van Loan 2013",
    ),
    tags=("linear-algebra", "numerical", "numpy"),
    units=("steps", "time"),
    sizes=(200, 250, 320, 400, 500, 640, 800),
    spec=SPECIFICATION,
)

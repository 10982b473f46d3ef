"""Matrix inverse: invert with LAPACK vs check A·X ≈ I by a product or by Freivalds.

Problem: an n×n float64 matrix A with independent standard normal entries plus
sqrt(n)·I (condition numbers of 10² to 10⁴ at the sizes used). The output is X ≈ A⁻¹,
float64.

Gap: generation is ``scipy.linalg.inv`` (LAPACK ``getrf`` + ``getri``: LU with partial
pivoting, then the inverse from the factors, about 2n**3 flops). The ``product``
verifier (witness) forms E = A·X − I, itself a Θ(n**3) matrix product, and accepts
when ‖E‖_F ≤ 1e-9 · ‖A‖_F ‖X‖_F, a normwise residual test (Higham 2002, §14.1):
checking this way costs as much as inverting (neutral gap). The ``freivalds`` verifier
(witness) instead multiplies by k = 64 random standard normal vectors r and checks
‖A(Xr) − r‖₂ ≤ 1e-9 · ‖A‖_F ‖X‖_F ‖r‖₂ for each: Θ(k n**2). As ‖Er‖ ≤ ‖E‖_F ‖r‖, every
X the product accepts passes; if E has an entry much larger than the tolerance, Er is
a sum of that entry's column times a continuous random coefficient, which is tiny
only with negligible probability, so a bad X is rejected with probability close to 1
per vector (Freivalds 1977; Kimbrel & Sinha 1993 for the real-valued version). R comes
from fresh OS entropy (``secrets``), never from the instance: a generator that could
predict R could cheat. Measured relative residuals: about 3e-17 for honest inverses,
at least 3e-6 for the corruptions (n = 20 to 2000).

Costs: time only (LAPACK/BLAS are native code). Expected: generation n**3, product
n**3 (neutral), freivalds n**2 (positive). The default sizes avoid powers of two.

Three changes make each side's time follow its operation count (single-threaded,
3 instances per size, seeds 0, 1 and 2):

- The k vectors are multiplied as one n×k block, and k = 64 makes the check
  compute-bound: 2k flops per 8-byte entry of A and of X read (16 flops per byte; 2
  with k = 8). With k = 8 it was memory-bound, and its time per entry nearly doubled
  between n = 800, where A and X fit in the 32 MB last-level cache, and n = 1400,
  where they do not: sizes 70 to 560 read it as subexponential (call overhead, then
  the cache), 80 to 760 and 280 to 1200 as exponential or n**2.4. With k = 64 its
  time per k·n² stays within 0.12-0.15 ns from n = 300 to 2200, wherever A and X are.
- The verifiers allocate no n×n array besides A·X: the norms are dot products of the
  flattened matrices and X's finiteness is read off ‖X‖_F (finite exactly when every
  entry is, short of overflow past 1e154). The former ∞-norms built |A| and |X|, the
  finiteness test a boolean n×n array, and A·X − I an identity and a difference.
- ``numpy.linalg.inv`` solves A·X = I with ``gesv`` (8n**3/3 flops), whose lower-order
  terms fade slowly: its time fell from 2.35x a matrix product at n = 600 to 1.9x at
  2000 (-0.2 bits per doubling, more below 600), which read as a negative product
  pairing. ``getrf`` + ``getri`` stays at 1.6-1.7x from n = 600 to 2000.

The default sizes, 560 to 1500, start where the inversion's cost has nearly settled
to a fixed multiple of the product's and end within the family's budget (about 9 s of
CPU: the product runs twice on each honest and each corrupted output). There,
inversion costs 0.016 s to 0.25 s and fits n**3; the product 0.0075 s to 0.13 s,
fitting n**2.9 or n**3, with a paired gap drifting by -0.1 to -0.3 bits per doubling
(below the 0.5 that overturns equal fits); freivalds 0.0029 s to 0.020 s, fitting
n**2, with a paired gap rising from 2.5 to 3.5-3.6 bits (+0.64 to +0.96 bits per
doubling, 90% intervals). Sampling adds sqrt(n) to the diagonal in place (the same
matrix, bit for bit), without an n×n identity and sum.

References: Freivalds 1977; Kimbrel & Sinha 1993; Higham 2002, §14 (residuals of
computed inverses); Anderson et al. 1999 (LAPACK).

>>> import random, gaps
>>> fam = gaps.get("matrix_inverse")
>>> a = fam.sample(30, random.Random(1))
>>> x = fam.generate["lapack"](a, gaps.Meter())
>>> fam.verify["freivalds"].fn(a, x, gaps.Meter()), fam.verify["product"].fn(a, x, gaps.Meter())
(True, True)
>>> fam.verify["freivalds"].fn(a, fam.corrupt(a, x, random.Random(2)), gaps.Meter())
False
"""

from __future__ import annotations

import math
import random
import secrets

import numpy as np
import scipy.linalg

import gaps

#: Relative tolerance on the residual A·X − I.
TOLERANCE = 1e-9
#: Random vectors used by the Freivalds check (see the module docstring for why 64).
ROUNDS = 64


def sample(size: int, rng: random.Random) -> np.ndarray:
    gen = np.random.default_rng(rng.getrandbits(64))
    n = max(size, 1)
    a = gen.standard_normal((n, n))
    a.ravel()[:: n + 1] += np.sqrt(n)  # in place: see the module docstring
    return a


def invert(a: np.ndarray, meter: gaps.Meter) -> np.ndarray:
    # The instance is finite by construction: skip scipy's extra pass checking it.
    return scipy.linalg.inv(a, check_finite=False)


def _as_matrix(a: np.ndarray, x: object) -> np.ndarray | None:
    # Finiteness is left to ``_scale``: ‖X‖_F is finite exactly when every entry is (short
    # of overflow past 1e154), and testing each entry would build an n×n temporary.
    if not isinstance(x, np.ndarray) or x.shape != a.shape or x.dtype.kind not in "fiu":
        return None
    return x.astype(np.float64, copy=False)


def _norm(m: np.ndarray) -> float:
    """Frobenius norm as one dot product: no n×n temporary (|M| would allocate one)."""
    flat = m.ravel()
    return float(np.sqrt(flat @ flat))


def _scale(a: np.ndarray, x: np.ndarray) -> float | None:
    """TOLERANCE · ‖A‖_F ‖X‖_F, or None when X has an infinite or NaN entry."""
    scale = TOLERANCE * _norm(a) * _norm(x)
    return scale if math.isfinite(scale) else None


def product(a: np.ndarray, x: object, meter: gaps.Meter) -> bool:
    inverse = _as_matrix(a, x)
    if inverse is None or (scale := _scale(a, inverse)) is None:
        return False
    error = a @ inverse
    error.ravel()[:: a.shape[0] + 1] -= 1.0  # in place: no identity nor difference allocated
    return bool(_norm(error) <= scale)


def freivalds(a: np.ndarray, x: object, meter: gaps.Meter) -> bool:
    inverse = _as_matrix(a, x)
    if inverse is None or (scale := _scale(a, inverse)) is None:
        return False
    # Fresh entropy per call: the generator must not be able to predict the vectors.
    r = np.random.default_rng(secrets.randbits(128)).standard_normal((a.shape[0], ROUNDS))
    error = a @ (inverse @ r) - r
    # ‖(AX − I)r‖ ≤ ‖AX − I‖_F ‖r‖ for each column r: what passes ``product`` passes here.
    return bool(np.all(np.linalg.norm(error, axis=0) <= scale * np.linalg.norm(r, axis=0)))


def corrupt(a: np.ndarray, x: np.ndarray, rng: random.Random) -> np.ndarray:
    """Change one entry by 1e-3 of the largest one (or return the wrong shape)."""
    bad = np.array(x, dtype=np.float64, copy=True)
    if bad.size == 0:
        return np.zeros((1, 1))
    i, j = rng.randrange(bad.shape[0]), rng.randrange(bad.shape[1])
    bad[i, j] += rng.choice((-1, 1)) * 1e-3 * max(float(np.abs(bad).max()), 1.0)
    return bad


FAMILY = gaps.Family(
    name="matrix_inverse",
    domain="linalg",
    summary="Invert a well-conditioned n×n matrix (LAPACK) vs check A·X ≈ I (product, Freivalds).",
    sample=sample,
    generate={"lapack": invert},
    verify={"product": gaps.witness(product), "freivalds": gaps.witness(freivalds)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**3",
        verify={"product": "n**3", "freivalds": "n**2"},
        sign={"product": "neutral", "freivalds": "positive"},
        reference="Freivalds 1977; Higham 2002, §14",
    ),
    references=(
        "Freivalds 1977",
        "Kimbrel and Sinha 1993",
        "Higham 2002",
        "Anderson et al. 1999 (LAPACK)",
    ),
    tags=("linear-algebra", "numerical", "randomised", "numpy"),
    units=("time",),
    sizes=(560, 660, 780, 920, 1080, 1280, 1500),
)

"""Matrix inverse: invert with LAPACK vs check A·X ≈ I by a product or by Freivalds.

Problem: an n×n float64 matrix A with independent standard normal entries plus
sqrt(n)·I (well conditioned at the sizes used). The output is X ≈ A⁻¹, float64.

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
per vector (Freivalds 1977; Kimbrel & Sinha 1993 over the reals). R comes from fresh
OS entropy (``secrets``), never from the instance, which a generator could exploit.

Costs: steps are flops, fixed by the shapes (Golub & Van Loan 2013, §3.2): ``getrf``
+ ``getri`` 2n³ − 1.5n² + 0.5n, the product 2n³, Freivalds 4kn² + O(kn); time beside.
Expected: generation n**3, product n**3 (neutral), freivalds n**2 (positive). Sizes
avoid powers of two, and three choices keep each side's time in step with its flops:
the k vectors are multiplied as one n×k block, k = 64 making the check compute-bound
(16 flops per byte read), so its time per entry does not step up when A and X leave
the last-level cache; the verifiers allocate no n×n array besides A·X (norms are dot
products of the flattened matrices; X's finiteness is read off ‖X‖_F); inversion is
``getrf`` + ``getri``, whose time settles to a fixed multiple of a product at moderate
n (``gesv`` against the identity has fading lower-order terms).

References: Freivalds 1977; Kimbrel & Sinha 1993; Higham 2002, §14 (residuals of
computed inverses); Anderson et al. 1999 (LAPACK); Golub & Van Loan 2013.

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
from gaps.problems.linalg import _flops

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
    n = a.shape[0]
    meter.tick(_flops.lu(n) + _flops.inverse_from_lu(n))
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


def _scale(a: np.ndarray, x: np.ndarray, meter: gaps.Meter) -> float | None:
    """TOLERANCE · ‖A‖_F ‖X‖_F, or None when X has an infinite or NaN entry."""
    meter.tick(2 * _flops.dot(a.size))
    scale = TOLERANCE * _norm(a) * _norm(x)
    return scale if math.isfinite(scale) else None


def product(a: np.ndarray, x: object, meter: gaps.Meter) -> bool:
    inverse = _as_matrix(a, x)
    if inverse is None or (scale := _scale(a, inverse, meter)) is None:
        return False
    n = a.shape[0]
    meter.tick(_flops.product(n, n, n) + n + _flops.dot(n * n))
    error = a @ inverse
    error.ravel()[:: a.shape[0] + 1] -= 1.0  # in place: no identity nor difference allocated
    return bool(_norm(error) <= scale)


def freivalds(a: np.ndarray, x: object, meter: gaps.Meter) -> bool:
    inverse = _as_matrix(a, x)
    if inverse is None or (scale := _scale(a, inverse, meter)) is None:
        return False
    n = a.shape[0]
    # Two n×n by n×k products, the subtraction, k column norms and their scaled bounds.
    meter.tick(2 * _flops.product(n, n, ROUNDS) + n * ROUNDS + 2 * ROUNDS * _flops.dot(n))
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
        "Golub and Van Loan 2013",
    ),
    tags=("linear-algebra", "numerical", "randomised", "numpy"),
    units=("steps", "time"),
    sizes=(560, 660, 780, 920, 1080, 1280, 1500),
)

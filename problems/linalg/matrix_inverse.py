"""Matrix inverse: invert with LAPACK vs check A·X ≈ I by a product or by Freivalds.

Problem: an n×n float64 matrix A with independent standard normal entries plus
sqrt(n)·I (well-conditioned at every size). The output is X ≈ A⁻¹, float64.

Gap: generation is ``numpy.linalg.inv`` (LAPACK ``getrf`` + ``getri``, about 2n**3
flops). The ``product`` verifier (witness) forms A·X − I, itself a Θ(n**3) matrix
product, and accepts when its largest entry is at most 1e-9 · ‖A‖∞ ‖X‖∞: checking
this way costs as much as inverting (neutral gap). The ``freivalds`` verifier
(witness) instead multiplies by k = 8 random standard normal vectors R and checks
‖A(XR) − R‖ ≤ 1e-9 · ‖A‖∞ ‖X‖∞ ‖R‖ column by column: Θ(k n**2). If A·X − I = E has
an entry much larger than the tolerance, ER is a sum of that entry's column times a
continuous random coefficient, which is tiny only with negligible probability, so a
bad X is rejected with probability close to 1 per vector (Freivalds 1977; Kimbrel &
Sinha 1993 for the real-valued version). R comes from fresh OS entropy (``secrets``),
never from the instance: a generator that could predict R could cheat.

Costs: time only (LAPACK/BLAS are native code). Expected: generation n**3, product
n**3 (neutral), freivalds n**2 (positive). The default sizes avoid powers of two.

Measured, the freivalds check is memory-bound (a few passes over A and X): beyond
n ≈ 600 its calls pass 2 ms and are timed once, cold, instead of warm over calibrated
repetitions, a step of about 2.5x that fits as exponential or as n**2.4 and left the
sign inconclusive or neutral (sizes 80 to 760, and 280 to 1200). The default sizes
stop at 560, where every freivalds call is timed the same way; there its gap grows by
about a bit per doubling of n on every seed tried.

The product pairing is honestly undecidable at measurable sizes. Inversion and the
product are both 2n**3 flops, so the ratio tends to a constant (neutral), but the
product is one ``gemm``, at its peak rate (about 45 Gflop/s here) from n ≈ 300, while
``getrf`` + ``getri`` only approach theirs slowly: their cost ratio falls from 3.2x at
n = 280 to 1.9x at n = 1500, about -0.3 bits per doubling, so the slope test reads
negative or inconclusive depending on the seed; sizes large enough for the ratio to
settle cost far more than the family's budget.

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

import random
import secrets

import numpy as np

import gaps

#: Relative tolerance on the residual A·X − I.
TOLERANCE = 1e-9
#: Random vectors used by the Freivalds check.
ROUNDS = 8


def sample(size: int, rng: random.Random) -> np.ndarray:
    gen = np.random.default_rng(rng.getrandbits(64))
    n = max(size, 1)
    return gen.standard_normal((n, n)) + np.sqrt(n) * np.eye(n)


def invert(a: np.ndarray, meter: gaps.Meter) -> np.ndarray:
    return np.linalg.inv(a)


def _as_matrix(a: np.ndarray, x: object) -> np.ndarray | None:
    if not isinstance(x, np.ndarray) or x.shape != a.shape or x.dtype.kind not in "fiu":
        return None
    x = x.astype(np.float64, copy=False)
    return x if bool(np.all(np.isfinite(x))) else None


def _scale(a: np.ndarray, x: np.ndarray) -> float:
    return float(np.abs(a).sum(axis=1).max() * np.abs(x).sum(axis=1).max())


def product(a: np.ndarray, x: object, meter: gaps.Meter) -> bool:
    inverse = _as_matrix(a, x)
    if inverse is None:
        return False
    error = a @ inverse - np.eye(a.shape[0])
    return bool(np.abs(error).max() <= TOLERANCE * _scale(a, inverse))


def freivalds(a: np.ndarray, x: object, meter: gaps.Meter) -> bool:
    inverse = _as_matrix(a, x)
    if inverse is None:
        return False
    # Fresh entropy per call: the generator must not be able to predict the vectors.
    r = np.random.default_rng(secrets.randbits(128)).standard_normal((a.shape[0], ROUNDS))
    error = a @ (inverse @ r) - r
    bound = TOLERANCE * _scale(a, inverse) * np.abs(r).max(axis=0)
    return bool(np.all(np.abs(error).max(axis=0) <= bound))


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
    sizes=(70, 100, 140, 200, 280, 400, 560),
)

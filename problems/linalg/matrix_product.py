"""Matrix product: multiply two integer matrices vs check the product (Freivalds).

Problem: two n×n int64 matrices with entries in [-100, 100] (so every entry of the
product is below 10**4·n in absolute value: no overflow at any size measured). The
output is the product C = A·B as an int64 array.

Gap: generation is numpy's ``A @ B``. For integer dtypes numpy does not call BLAS but
runs its exact integer kernel, a schoolbook Θ(n**3) loop (float64 BLAS would be
faster by a constant but inexact past 2**53 and multithreaded, which spoils CPU-time
measurements). The ``freivalds`` verifier (witness) draws k = 20 random 0/1 vectors R
and checks A·(B·R) = C·R: Θ(k n**2). If C ≠ AB, a random 0/1 vector misses the
difference with probability at most 1/2, so a wrong product is accepted with
probability at most 2**-20 (the argument also holds modulo 2**64, so int64
wrap-around cannot help a cheater). The vectors come from fresh OS entropy
(``secrets``), never from the instance or a seed the generator could know: a
generator that could predict R could return a wrong C with (C − AB)·R = 0. The
``recompute`` verifier (compare) multiplies again and compares, so its gap is never
positive.

Costs: steps are arithmetic operations, fixed by the shapes and counted as flops are
(``problems/linalg/_flops.py``): the product 2n³, Freivalds 6kn² + kn; time beside.
Expected: generation n**3, freivalds n**2 (positive gap, log2(n) bits up to
constants), recompute n**3 (neutral). The default sizes avoid powers of two: there
the kernel's strided reads of B collide in the cache and a multiply-add costs markedly
more than at neighbouring sizes, a jump a time fit would misread as faster-than-cubic.

References: Freivalds 1977 ("Probabilistic machines can use less running time");
Motwani & Raghavan 1995, §7.1; Harris et al. 2020 (numpy).

>>> import random, gaps
>>> fam = gaps.get("matrix_product")
>>> pair = fam.sample(16, random.Random(1))
>>> C = fam.generate["numpy"](pair, gaps.Meter())
>>> fam.verify["freivalds"].fn(pair, C, gaps.Meter())
True
>>> fam.verify["freivalds"].fn(pair, fam.corrupt(pair, C, random.Random(2)), gaps.Meter())
False
"""

from __future__ import annotations

import random
import secrets

import numpy as np
from gaps.problems.linalg import _flops

import gaps

#: Freivalds rounds: a wrong product passes with probability at most 2**-ROUNDS.
ROUNDS = 20

Pair = tuple[np.ndarray, np.ndarray]


def sample(size: int, rng: random.Random) -> Pair:
    gen = np.random.default_rng(rng.getrandbits(64))
    a = gen.integers(-100, 101, size=(size, size), dtype=np.int64)
    b = gen.integers(-100, 101, size=(size, size), dtype=np.int64)
    return a, b


def multiply(pair: Pair, meter: gaps.Meter) -> np.ndarray:
    a, b = pair
    n = a.shape[0]
    meter.tick(_flops.product(n, n, n))
    return a @ b


def _as_int64(pair: Pair, c: object) -> np.ndarray | None:
    """``c`` as an int64 n×n array, or None when it cannot be a correct product."""
    n = pair[0].shape[0]
    if not isinstance(c, np.ndarray) or c.shape != (n, n) or c.dtype.kind not in "iu":
        return None
    if c.dtype == np.uint64 and c.size and c.max() >= 2**63:
        return None  # far above any true entry, and would wrap to a negative int64
    return c.astype(np.int64, copy=False)


def freivalds(pair: Pair, c: object, meter: gaps.Meter) -> bool:
    a, b = pair
    product = _as_int64(pair, c)
    if product is None:
        return False
    n = a.shape[0]
    # Three n×n by n×k products, then the n·k comparisons.
    meter.tick(3 * _flops.product(n, n, ROUNDS) + n * ROUNDS)
    # Fresh entropy per call: the generator must not be able to predict the vectors.
    vectors = np.random.default_rng(secrets.randbits(128)).integers(
        0, 2, size=(a.shape[0], ROUNDS), dtype=np.int64
    )
    return bool(np.array_equal(a @ (b @ vectors), product @ vectors))


def recompute(pair: Pair, c: object, meter: gaps.Meter) -> bool:
    product = _as_int64(pair, c)
    if product is None:
        return False
    a, b = pair
    n = a.shape[0]
    meter.tick(_flops.product(n, n, n) + n * n)  # the product, then the comparisons
    return bool(np.array_equal(a @ b, product))


def corrupt(pair: Pair, c: np.ndarray, rng: random.Random) -> np.ndarray:
    """Change one entry by a small nonzero amount (the hardest case for Freivalds)."""
    bad = np.array(c, copy=True)
    if bad.size == 0:
        return np.zeros((1, 1), dtype=np.int64)  # wrong shape
    i, j = rng.randrange(bad.shape[0]), rng.randrange(bad.shape[1])
    bad[i, j] += rng.choice((-1, 1)) * rng.randint(1, 5)
    return bad


FAMILY = gaps.Family(
    name="matrix_product",
    domain="linalg",
    summary="Multiply n×n integer matrices (numpy) vs Freivalds' check or recomputation.",
    sample=sample,
    generate={"numpy": multiply},
    verify={"freivalds": gaps.witness(freivalds), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**3",
        verify={"freivalds": "n**2", "recompute": "n**3"},
        sign={"freivalds": "positive", "recompute": "neutral"},
        reference="Freivalds 1977",
    ),
    references=("Freivalds 1977", "Motwani and Raghavan 1995, §7.1", "Harris et al. 2020"),
    tags=("linear-algebra", "randomised", "numpy"),
    units=("steps", "time"),
    sizes=(48, 80, 120, 160, 240, 320, 400, 480, 560),
)

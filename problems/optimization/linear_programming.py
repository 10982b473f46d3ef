"""Linear programming: solve with HiGHS vs check the optimum by LP duality.

Problem: maximise c·x subject to A x ≤ b, x ≥ 0, with n variables and m = n
constraints. The sampler draws A with entries uniform in [0, 1) (a fifth of them set
to zero), b uniform in [1, 2)·n/4 and c uniform in [1, 2). x = 0 is feasible (b > 0) and
the feasible set is bounded (every column of A has a positive entry, checked by the
sampler, and x ≥ 0), so an optimum exists. The output is the optimal x; the
certificate is the optimal dual y.

Gap: ``highs`` calls ``scipy.optimize.linprog(method="highs")`` (HiGHS dual simplex or
interior point, its choice) on min −c·x. HiGHS reports the marginals λ = ∂(−c·x*)/∂b ≤ 0
of the inequality rows; the dual of max{c·x : Ax ≤ b, x ≥ 0} is min{b·y : Aᵀy ≥ c,
y ≥ 0}, and y = −λ. Simplex practice is about O(m) pivots of O(mn) each, O(n³) here
(Spielman & Teng 2004 for why it is polynomial in practice; interior points are
O(n^3.5 L) in the worst case, Karmarkar 1984). The ``duality`` verifier (certified)
checks primal feasibility (A x ≤ b, x ≥ 0), dual feasibility (Aᵀy ≥ c, y ≥ 0) and
a zero duality gap c·x = b·y: by weak duality c·x ≤ b·y' for every dual-feasible
y', so a matching pair proves x optimal (von Neumann 1947; Gale, Kuhn & Tucker 1951).
Two matrix-vector products: Θ(nm) = Θ(n²). The ``recompute`` verifier (compare) checks
x feasible, solves the LP again and compares objectives: neutral. On these LPs few
variables are basic at the optimum, so pivots cost less than O(n²) and HiGHS grows
more slowly than O(n³) at affordable sizes: the positive gap is wide but grows slowly.

Tolerances: HiGHS's primal and dual feasibility tolerances are 1e-7 (absolute, on
scaled rows). The verifiers accept a row violated by up to TOL·(1 + Σ|A_ij x_j| + |b_i|),
relative to the magnitudes involved, with TOL = 1e-6, and a duality gap up to
TOL·(1 + |c·x|): a claim worse than optimal by more than one part in 10⁶ is rejected;
the corruptor moves x by far more. Costs: time only (native code).

References: von Neumann 1947 (duality); Dantzig 1951 (simplex); Gale, Kuhn &
Tucker 1951; Huangfu & Hall 2018 (HiGHS dual simplex); Spielman & Teng 2004.

>>> import random, gaps
>>> fam = gaps.get("linear_programming")
>>> lp = fam.sample(30, random.Random(1))
>>> x, y = fam.generate["highs"](lp, gaps.Meter())
>>> fam.verify["duality"].fn(lp, x, y, gaps.Meter())
True
>>> fam.verify["duality"].fn(lp, [0.0] * 30, y, gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.optimize import linprog

import gaps

#: Relative tolerance of the verifiers (HiGHS's own feasibility tolerance is 1e-7).
TOL = 1e-6

LP = tuple[np.ndarray, np.ndarray, np.ndarray]


def sample(size: int, rng: random.Random) -> LP:
    n = max(size, 2)
    gen = np.random.default_rng(rng.getrandbits(64))
    while True:
        a = gen.random((n, n)) * (gen.random((n, n)) >= 0.2)
        if (a > 0).any(axis=0).all():
            break
    b = (1.0 + gen.random(n)) * n / 4
    c = 1.0 + gen.random(n)
    return a, b, c


def _solve(lp: LP) -> tuple[np.ndarray, np.ndarray]:
    a, b, c = lp
    res = linprog(-c, A_ub=a, b_ub=b, method="highs")
    if res.status != 0:
        raise gaps.GaveUp(f"HiGHS did not find an optimum: {res.message}")
    return res.x, -res.ineqlin.marginals


def highs(lp: LP, meter: gaps.Meter) -> gaps.Certified:
    x, y = _solve(lp)
    return gaps.Certified(x.tolist(), y.tolist())


def _vector(value: object, n: int) -> np.ndarray | None:
    if not isinstance(value, (list, tuple)) or len(value) != n:
        return None
    if not all(type(v) in (int, float) for v in value):
        return None
    out = np.asarray(value, dtype=float)
    return out if np.isfinite(out).all() else None


def _primal_feasible(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> bool:
    slack = TOL * (1.0 + np.abs(a) @ np.abs(x) + np.abs(b))
    return bool((x >= -TOL).all() and (a @ x <= b + slack).all())


def duality(lp: LP, x: object, y: object, meter: gaps.Meter) -> bool:
    a, b, c = lp
    m, n = a.shape
    xs, ys = _vector(x, n), _vector(y, m)
    if xs is None or ys is None or not _primal_feasible(a, b, xs):
        return False
    slack = TOL * (1.0 + np.abs(a.T) @ np.abs(ys) + np.abs(c))
    if (ys < -TOL).any() or (a.T @ ys < c - slack).any():
        return False
    primal, dual = float(c @ xs), float(b @ ys)
    return abs(primal - dual) <= TOL * (1.0 + abs(primal))


def recompute(lp: LP, x: object, meter: gaps.Meter) -> bool:
    a, b, c = lp
    xs = _vector(x, a.shape[1])
    if xs is None or not _primal_feasible(a, b, xs):
        return False
    reference, _ = _solve(lp)
    best = float(c @ reference)
    return float(c @ xs) >= best - TOL * (1.0 + abs(best))


def corrupt(lp: LP, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Make x suboptimal (shrink it: still feasible as A, b ≥ 0) or infeasible (grow it).

    A third of the time the dual is also spoiled (scaled down: no longer dual feasible
    or no longer matching). x always changes, so that the compare verifier, which does
    not see y, has something to reject.
    """
    x, y = result
    factor = rng.uniform(0.9, 0.95) if rng.random() < 0.5 else rng.uniform(1.05, 1.1)
    bad_x = [v * factor for v in x]
    bad_y = [v * 0.5 for v in y] if rng.random() < 1 / 3 else list(y)
    return gaps.Certified(bad_x, bad_y)


def small_lps(bound: int) -> list[LP]:
    """Small LPs with integral optima, one more per ``bound``: a bound on one variable,
    two independent bounds, two coupled constraints, one constraint with three optimal
    vertices, and a repeated constraint (whose duals trade off, none negative)."""
    lps = [
        ([[1]], [2], [1]),
        ([[1, 0], [0, 1]], [1, 2], [1, 1]),
        ([[1, 1], [0, 1]], [2, 1], [1, 2]),
        ([[1, 1]], [2], [1, 1]),
        ([[1], [1]], [2, 2], [1]),
    ]
    return [tuple(np.array(part, dtype=float) for part in lp) for lp in lps[: bound + 2]]  # type: ignore[misc]


def _pair_variables(lp: LP) -> list[Any]:
    """The primal x (one per column of A), then the dual y (one per row)."""
    import z3

    m, n = lp[0].shape
    return [*(z3.Int(f"x{j}") for j in range(n)), *(z3.Int(f"y{i}") for i in range(m))]


def _is_optimal_pair(lp: LP, v: Sequence[Any]) -> Any:
    """x ≥ 0 with A x ≤ b, y ≥ 0 with Aᵀ y ≥ c, and c·x = b·y (both optimal by duality)."""
    import z3

    a, b, c = (part.astype(int).tolist() for part in lp)
    m, n = len(a), len(a[0])
    x, y = v[:n], v[n:]
    primal = [z3.Sum([a[i][j] * x[j] for j in range(n)]) <= b[i] for i in range(m)]
    dual = [z3.Sum([a[i][j] * y[i] for i in range(m)]) >= c[j] for j in range(n)]
    gap = z3.Sum([c[j] * x[j] for j in range(n)]) == z3.Sum([b[i] * y[i] for i in range(m)])
    return z3.And(*(t >= 0 for t in v), *primal, *dual, gap)


def _in_range(v: Sequence[Any], low: int, high: int) -> Any:
    import z3

    return z3.And([z3.And(t >= low, t <= high) for t in v])


SPECIFICATION = gaps.Specification(
    instances=small_lps,
    variables=_pair_variables,
    valid=_is_optimal_pair,
    decode=lambda lp, values: gaps.Certified(
        list(values[: lp[0].shape[1]]), list(values[lp[0].shape[1] :])
    ),
    # Integral candidates from -1 to 3, all of them: a tolerance of 1e-6 cannot blur
    # a difference of 1, so the verifier's verdict is the exact relation's.
    domain=lambda lp, v: _in_range(v, -1, 3),
    verifier="duality",
)


FAMILY = gaps.Family(
    name="linear_programming",
    domain="optimization",
    summary="Solve a bounded LP with HiGHS vs check x and its dual y by LP duality.",
    sample=sample,
    generate={"highs": highs},
    verify={"duality": gaps.certified(duality), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**3",
        verify={"duality": "n**2", "recompute": "n**3"},
        sign={"duality": "positive", "recompute": "neutral"},
        reference="von Neumann 1947; Spielman and Teng 2004",
    ),
    references=(
        "von Neumann 1947",
        "Dantzig 1951",
        "Gale, Kuhn and Tucker 1951",
        "Spielman and Teng 2004",
        "Huangfu and Hall 2018",
    ),
    tags=("optimization", "lp", "duality", "certificate", "solver"),
    units=("time",),
    sizes=(24, 40, 72, 120, 200, 300, 480),
    spec=SPECIFICATION,
)

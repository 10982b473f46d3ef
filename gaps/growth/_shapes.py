"""The candidate growth shapes and their least-squares fits in log space."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gaps.growth._series import (
    _LOW_CANCEL,
    _LOW_RANGE,
    _LOW_SHARE,
    _SPIKE,
    _TINY,
    Bools,
    Floats,
    _Series,
)

# --------------------------------------------------------------------- the shapes


@dataclass
class _Context:
    """Size-dependent pieces shared by every fit of one series."""

    n: Floats
    logn: Floats
    named: dict[str, Floats]  # columns normalised to 1 at the largest size
    u_log: Floats  # log n rescaled to [-1, 0]
    u_lin: Floats  # n rescaled to [-1, 0]
    theta_hi: float  # the largest total log-growth searched


def _context(s: _Series) -> _Context:
    n = s.n
    nmax = n[-1]
    logn = np.log(n)
    named = {
        "one": np.ones_like(n),
        "log": logn / logn[-1],
        "n": n / nmax,
        "nlogn": (n * logn) / (nmax * logn[-1]),
        "n2": (n / nmax) ** 2,
        "n3": (n / nmax) ** 3,
        "sqrt": np.sqrt(n / nmax),
        "n2logn": (n / nmax) ** 2 * (logn / logn[-1]),
    }
    u_log = (logn - logn[-1]) / (logn[-1] - logn[0])
    u_lin = (n - nmax) / (nmax - n[0])
    spread = float(np.max(s.y) - np.min(s.y))
    return _Context(n, logn, named, u_log, u_lin, max(4.0 * spread + 20.0, 40.0))


def _u_sub(ctx: _Context, alpha: Floats) -> Floats:
    """``n**alpha`` rescaled to [-1, 0] (shape ``alpha.shape + (m,)``), via logs."""
    a = np.asarray(alpha, dtype=float)[..., None]
    t = np.exp(a * (ctx.logn - ctx.logn[-1]))  # (n / nmax)**a in (0, 1]
    return (t - 1.0) / (1.0 - t[..., :1])


def _span_log(ctx: _Context) -> float:
    return float(ctx.logn[-1] - ctx.logn[0])


# label -> (text, leading column, lower-order terms): the next terms real step counts
# carry, as (column, may be negative). The next power down may be subtracted
# (n(n-1)/2 comparisons); an added phase (a sort before a double loop, a search per
# item) only adds.
_NAMED: dict[str, tuple[str, str, tuple[tuple[str, bool], ...]]] = {
    "log": ("log(n)", "log", ()),
    "linear": ("n", "n", (("sqrt", False), ("log", False))),
    "linearithmic": ("n*log(n)", "nlogn", (("n", True),)),
    "quadratic": ("n**2", "n2", (("n", True), ("nlogn", False))),
    "cubic": ("n**3", "n3", (("n2", True), ("n2logn", False))),
}
_POWERS = {"linear": 1.0, "quadratic": 2.0, "cubic": 3.0}


def _named_basis(ctx: _Context) -> tuple[Floats, Bools, Bools, list[tuple[str, int, str]]]:
    """Basis ``(S, m, 3)`` of the named models with an overhead (columns: overhead,
    lower-order, leading), which coefficients are unused, whether the lower-order one
    may be negative, and (label, parameters, lower-order column or "")."""
    m = len(ctx.n)
    zero, one = np.zeros(m), ctx.named["one"]
    rows, offs, signed = [np.stack([one, zero, zero], -1)], [[False, True, True]], [False]
    meta = [("constant", 1, "")]
    for label, (_, lead, low) in _NAMED.items():
        rows.append(np.stack([one, zero, ctx.named[lead]], -1))
        offs.append([False, True, False])
        signed.append(False)
        meta.append((label, 2, ""))
        for term, negative in low if ctx.n[-1] >= _LOW_RANGE * ctx.n[0] else ():
            rows.append(np.stack([one, ctx.named[term], ctx.named[lead]], -1))
            offs.append([False, False, False])
            signed.append(negative)
            meta.append((label, 3, term))
    return np.array(rows), np.array(offs, dtype=bool), np.array(signed, dtype=bool), meta


def _shape(u: Floats, theta: Floats) -> Floats:
    """``g = exp(theta * u)`` with ``u <= 0``: in (0, 1], so it never overflows."""
    with np.errstate(under="ignore"):
        return np.exp(np.asarray(theta)[..., None] * u)


def _coef3(a: Floats, c: Floats) -> Floats:
    """Coefficients (overhead, lower-order, leading) of a two-term fit."""
    return np.stack([a, np.zeros_like(a), c], -1)


def _scale_only(log_c: Floats) -> Floats:
    """Coefficients of a fit without overhead, from the log of its leading constant."""
    c = np.exp(np.clip(np.nan_to_num(log_c), -700.0, 700.0))
    return _coef3(np.zeros_like(c), c)


# ------------------------------------------------------------------------ fitting


def _masked_solve(A: Floats, b: Floats, off: Bools) -> Floats:
    """Solve ``A x = b`` with the ``off`` coefficients pinned to 0 (Jacobi-scaled)."""
    keep = ~off
    Am = A * (keep[..., :, None] & keep[..., None, :])
    diag = np.diagonal(Am, axis1=-2, axis2=-1)
    good = keep & (diag > 0)
    d = np.where(good, 1.0 / np.sqrt(np.where(good, diag, 1.0)), 0.0)
    As = Am * d[..., :, None] * d[..., None, :]
    # Pinned coefficients get a unit diagonal (so x = 0); the others a tiny ridge.
    As = As + np.eye(A.shape[-1]) * np.where(good, 1e-10, 1.0)[..., None, :]
    bs = np.where(good, b * d, 0.0)
    x = np.linalg.solve(As, bs[..., None])[..., 0] * d
    return np.asarray(x, dtype=np.float64)


# Column 1 (the lower-order term) may be negative; overhead and leading term may not.
_FREE = np.array([False, True, False])


def _nn_solve(A: Floats, b: Floats, off: Bools) -> Floats:
    """Least squares with the overhead and leading coefficients non-negative."""
    off = np.broadcast_to(off, b.shape).copy()
    x = _masked_solve(A, b, off)
    scale = np.sqrt(np.abs(np.diagonal(A, axis1=-2, axis2=-1)))
    for _ in range(2):
        neg = (x < 0) & ~_FREE & ~off
        if not neg.any():
            break
        # Pin the most negative (scaled) coefficient, as an active-set step would.
        worst = np.argmin(np.where(neg, x * scale, 0.0), axis=-1)
        off |= neg & (np.arange(3) == worst[..., None])
        x = _masked_solve(A, b, off)
    return np.where(off, 0.0, x)


def _fit(
    X: Floats, off: Bools, signed: Bools, y: Floats, w: Floats, cens: Bools, iters: int
) -> tuple[Floats, Floats]:
    """Fit ``exp(y) ≈ X @ coef`` in log space; return ``(coef (..., 3), ssr (...))``.

    Gauss-Newton on the log residuals: each step is a weighted least-squares problem
    in the original units with weights ``w / mu**2`` and working response
    ``mu * (1 + r)``. Censored points count only while the model is below them. A
    fit whose lower-order coefficient is negative where ``signed`` is False fails.
    """
    shape = np.broadcast_shapes(X.shape[:-1], y.shape, cens.shape)
    y = np.broadcast_to(y, shape)
    cens = np.broadcast_to(cens, shape)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        mu = np.exp(y)
        r = np.zeros(shape)
        sw = np.sqrt(w) * ~cens
        coef = np.zeros((*shape[:-1], 3))
        for _ in range(iters):
            Xs = X * (sw / mu)[..., None]
            zs = (1.0 + np.clip(r, -1.0, 1.0)) * sw
            Xt = np.swapaxes(Xs, -1, -2)
            coef = _nn_solve(Xt @ Xs, (Xt @ zs[..., None])[..., 0], off)
            mu = np.maximum((X @ coef[..., None])[..., 0], _TINY)
            r = y - np.log(mu)
            sw = np.sqrt(w) * (~cens | (r > 0))
        resid = np.where(cens, np.maximum(r, 0.0), r)
        ssr = np.sum(w * resid**2, axis=-1)
        # A lower-order term must stay a correction: small beside the leading term at
        # the largest size, and never cancelling most of it (n**2 - b*n near its root
        # would fake a much steeper growth).
        low = coef[..., 1:2] * X[..., 1]
        lead = coef[..., 2:3] * X[..., 2]
        bad = np.any(low < -_LOW_CANCEL * lead, axis=-1) | ~np.isfinite(ssr)
        bad |= ~signed & (coef[..., 1] < 0)
        bad |= np.abs(low[..., -1]) > _LOW_SHARE * lead[..., -1]
        bad |= ~off[..., 2] & _spike(coef[..., 0], lead[..., -2] + low[..., -2])
    return coef, np.where(bad, np.inf, ssr)


def _spike(overhead: Floats, growth_below_top: Floats) -> Bools:
    """Where the growth shows at the largest size only (it is hidden by the overhead
    everywhere else): one point cannot make a growth law."""
    return growth_below_top < _SPIKE * overhead


def _fit2(
    g: Floats, y: Floats, w: Floats, cens: Bools, iters: int
) -> tuple[Floats, Floats, Floats]:
    """Fast :func:`_fit` for ``exp(y) ≈ a + c*g`` (``a, c >= 0``); return ``(a, c, ssr)``.

    The 2x2 non-negative least-squares step is solved in closed form: the free solution
    if feasible, else the better of the two one-coefficient solutions.
    """
    shape = np.broadcast_shapes(g.shape, y.shape, cens.shape)
    censoring = bool(cens.any())  # without censored points every point is always used
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        mu = np.broadcast_to(np.exp(y), shape)
        r = np.zeros(shape)
        ww = w * ~cens
        a = c = np.zeros(shape[:-1])
        for _ in range(iters):
            t2 = ww / (mu * mu)
            # np.clip and np.sum cost more in dispatch than in work on these small arrays.
            z = mu * (1.0 + np.minimum(np.maximum(r, -1.0), 1.0))
            tg = t2 * g
            s00, s01, s11 = t2.sum(-1), tg.sum(-1), (tg * g).sum(-1)
            b0, b1 = (t2 * z).sum(-1), (tg * z).sum(-1)
            det = s00 * s11 - s01 * s01
            ok = det > 1e-12 * s00 * s11
            a = np.where(ok, (s11 * b0 - s01 * b1) / det, -1.0)
            c = np.where(ok, (s00 * b1 - s01 * b0) / det, -1.0)
            feasible = (a >= 0) & (c >= 0)
            a_only = b0 * b0 / s00 >= np.where(s11 > 0, b1 * b1 / s11, 0.0)
            a = np.where(feasible, a, np.where(a_only, b0 / s00, 0.0))
            c = np.where(feasible, c, np.where(a_only, 0.0, b1 / s11))
            mu = np.maximum(a[..., None] + c[..., None] * g, _TINY)
            r = y - np.log(mu)
            if censoring:
                ww = w * (~cens | (r > 0))
        resid = np.where(cens, np.maximum(r, 0.0), r) if censoring else r
        ssr = np.sum(w * resid**2, axis=-1)
        bad = ~np.isfinite(ssr) | _spike(a, c * g[..., -2])
    return a, c, np.where(bad, np.inf, ssr)


def _loglin(
    u: Floats, y: Floats, w: Floats, cens: Bools, slope: float | None = None, iters: int = 4
) -> tuple[Floats, Floats, Floats]:
    """Fit ``y ≈ b0 + theta*u`` (no overhead) by weighted least squares in log space.

    ``theta >= 0`` is fitted unless ``slope`` fixes it. Censored points count only
    while the line is below them. Returns ``(b0, theta, ssr)``.
    """
    shape = np.broadcast_shapes(u.shape, y.shape, cens.shape)
    u, y = np.broadcast_to(u, shape), np.broadcast_to(y, shape)
    cens = np.broadcast_to(cens, shape)
    act = ~cens
    with np.errstate(invalid="ignore", divide="ignore"):
        for _ in range(iters):
            ww = w * act
            sw, su, sy = np.sum(ww, -1), np.sum(ww * u, -1), np.sum(ww * y, -1)
            if slope is None:
                suu, suy = np.sum(ww * u * u, -1), np.sum(ww * u * y, -1)
                det = sw * suu - su * su
                theta = np.where(det > 1e-12 * sw * suu, (sw * suy - su * sy) / det, 0.0)
                theta = np.maximum(theta, 0.0)
            else:
                theta = np.full(shape[:-1], float(slope))
            b0 = (sy - theta * su) / sw
            r = y - b0[..., None] - theta[..., None] * u
            act = ~cens | (r > 0)
        resid = np.where(cens, np.maximum(r, 0.0), r)
        ssr = np.sum(w * resid**2, axis=-1)
    return b0, theta, np.where(np.isfinite(ssr), ssr, np.inf)


def _neg2ll(ssr: Floats, m: int, floor2: float) -> Floats:
    """``-2 log L`` of Gaussian log residuals whose variance is at least ``floor2``."""
    with np.errstate(invalid="ignore"):
        s2 = np.maximum(ssr / m, floor2)
        out = ssr / s2 + m * np.log(s2)
    return np.where(np.isfinite(ssr), out, np.inf)


# ------------------------------------------------------------------- grid search


def _best(q: Floats, *arrays: Floats) -> list[Floats]:
    """The minimum of ``q`` along its last axis, and the matching entry of each array."""
    i = np.argmin(q, axis=-1)
    out = [np.take_along_axis(q, i[..., None], -1)[..., 0]]
    for a in arrays:
        a = np.broadcast_to(a, q.shape + a.shape[q.ndim :])
        idx = i.reshape(i.shape + (1,) * (a.ndim - q.ndim + 1))
        out.append(np.take_along_axis(a, idx, q.ndim - 1).squeeze(q.ndim - 1))
    return out


def _parabola(q: Floats, x: Floats) -> Floats:
    """Vertex of the parabola through the best grid point and its neighbours.

    ``x`` is evenly spaced along the last axis; the vertex is kept within one step.
    """
    K = q.shape[-1]
    x = np.broadcast_to(x, q.shape)
    i = np.clip(np.argmin(q, axis=-1), 1, K - 2)[..., None]
    qm, q0, qp = (np.take_along_axis(q, i + d, -1)[..., 0] for d in (-1, 0, 1))
    x0 = np.take_along_axis(x, i, -1)[..., 0]
    h = x[..., 1] - x[..., 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        curv = qm - 2.0 * q0 + qp
        ok = np.isfinite(qm + q0 + qp) & (curv > 0)
        delta = np.where(ok, 0.5 * (qm - qp) / np.where(ok, curv, 1.0), 0.0)
    return x0 + np.clip(delta, -1.0, 1.0) * h


@dataclass(frozen=True)
class _Effort:
    """How hard a search works: the fit itself, or each of its bootstrap resamples."""

    iters: int  # Gauss-Newton steps per fit
    rounds: int  # local refinements of theta
    points: int  # (odd) points per local grid
    local: int  # points of the starting grid around a resample's centre


_FIT = _Effort(iters=8, rounds=4, points=9, local=13)
_RESAMPLE = _Effort(iters=5, rounds=2, points=5, local=7)


def _search(
    u: Floats, logt: Floats, y: Floats, cens: Bools, w: Floats, effort: _Effort
) -> tuple[Floats, Floats, Floats]:
    """Best ``theta`` of ``a + c*exp(theta*u)``: a grid over ``log theta``, then local grids.

    ``logt`` is the starting grid (last axis); ``u``, ``y`` and ``cens`` broadcast
    against ``logt.shape + (m,)``. The last local grid is refined by a parabola
    through its best point. Returns ``(theta, coef, ssr)``.
    """
    iters = effort.iters
    a, c, q = _fit2(_shape(u, np.exp(logt)), y, w, cens, iters)
    ssr, lt, coef = _best(q, logt, _coef3(a, c))
    h = float(logt[..., 1].flat[0] - logt[..., 0].flat[0])
    local = lt[..., None]
    for _ in range(effort.rounds):
        # Each local grid spans one step of the previous grid on either side.
        local = lt[..., None] + np.linspace(-h, h, effort.points)
        a, c, q = _fit2(_shape(u, np.exp(local)), y, w, cens, iters)
        ssr, lt, coef = _best(q, local, _coef3(a, c))
        h /= (effort.points - 1) / 2
    if effort.rounds:
        # The parabola's vertex, kept where it fits at least as well as the grid.
        lv = _parabola(q, local)
        a, c, qv = _fit2(_shape(u, np.exp(lv[..., None])), y, w, cens, iters)
        better = qv[..., 0] <= ssr
        lt = np.where(better, lv, lt)
        coef = np.where(better[..., None], _coef3(a[..., 0], c[..., 0]), coef)
        ssr = np.where(better, qv[..., 0], ssr)
    return np.exp(lt), coef, ssr


def _theta_grid(ctx: _Context, centre: float | None, points: int = 13) -> Floats:
    """Grid over ``log theta``: global for the fit, local around ``centre`` to resample."""
    if centre is None or not np.isfinite(centre) or centre <= 0:
        return np.log(np.geomspace(0.02, ctx.theta_hi, 40))
    return math.log(centre) + np.linspace(-0.6, 0.6, points)

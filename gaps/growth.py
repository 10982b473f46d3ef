"""Growth fitting: which growth law explains a cost-versus-size series.

:func:`fit_growth` chooses among :data:`GROWTH_LABELS` by fitting, for each
candidate growth ``g``, the model ``cost ≈ overhead + c * g(n)`` (``overhead, c >= 0``)
and comparing the fits with an information criterion on the *log* residuals.

Design
------
* **Per-size summaries.** The instances of a size are summarised by the mean of their
  log costs, after rejecting outliers *within* that size only (a robust pooled scale
  decides what an outlier is); a size holding censored instances is summarised by its
  median, itself a lower bound when a censored instance reaches it. Replicates give
  the noise of each summary: its weight, and the floor of the residual variance (a
  model cannot win by fitting the noise).
* **Fitting in log space.** Each candidate is fitted by Gauss-Newton on the log
  residuals, every step a tiny weighted non-negative least-squares problem in
  ``(overhead, [lower-order term,] c)``: relative errors count, the largest sizes do
  not dominate, and the cost unit does not matter.
* **Variants.** Every label is tried with and without the overhead, and ``n log n``,
  ``n**2`` and ``n**3`` also with one lower-order term (``+ b*n``, ``+ b*n``,
  ``+ b*n**2``, either sign) as real step counts have; the term must stay a correction
  (at most half the leading term at the largest size, never cancelling 90% of it)
  and is tried only when the largest size is at least 10 times the smallest.
  A variant whose growth shows at the largest size only (hidden below the overhead
  everywhere else) is refused: one point makes no law.
* **Free shapes.** ``polynomial`` (``n**k``), ``exponential`` (``b**n``) and
  ``subexponential`` (``exp(s*n**a)``, ``0.15 <= a <= 0.85``) share one
  parametrisation, ``g = exp(theta*u(n))`` with ``u`` the rescaled ``log n``, ``n`` or
  ``n**a`` in ``[-1, 0]``: ``theta`` is the total log-growth over the measured range,
  searched on a grid and refined on finer local grids. ``g`` never overflows, so
  ``n = 10**6`` is fine. Without an overhead these fits are linear in log space.
* **Censored points** (the cost is at least the recorded value) add a one-sided
  residual: a model is penalised only where it predicts less than the bound.
* **Selection.** ``-2 log L`` of Gaussian log residuals plus 3 per parameter; a model
  may not have more parameters than the uncensored sizes minus one; the free
  polynomial pays 4 more (a named power is reported unless the free exponent is
  clearly better) and the subexponential 6 more. An exponent ``k > 3.5`` is also tried
  rounded, reported as ``n**4`` when that does as well.
* **Confidence.** Instances are resampled with replacement within each size (with one
  instance per size, the residuals of the chosen fit are resampled) and the selection
  is repeated, with the free shapes searched near the fit's estimates;
  ``confidence`` is the share of resamples selecting the same label, ``interval`` the
  90% percentile interval of the label's parameter (for the named powers, of the free
  exponent ``k``).

Examples
--------
>>> import numpy as np
>>> ns = [2**i for i in range(4, 13)]
>>> g = fit_growth(ns, [3 * n * np.log2(n) for n in ns])
>>> g.label, g.text
('linearithmic', 'n*log(n)')
>>> fit_growth(ns, [5 * n**2.5 + 100 for n in ns]).text
'n**2.5'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from gaps.errors import InvalidArgument

__all__ = ["GROWTH_LABELS", "Growth", "fit_growth"]

GROWTH_LABELS = (
    "constant",
    "log",
    "linear",
    "linearithmic",
    "quadratic",
    "cubic",
    "polynomial",
    "subexponential",
    "exponential",
)

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

# Information criterion: penalty per fitted parameter, and the simplicity bias the
# free polynomial pays over a named power (and the subexponential over the others),
# so that a named law is reported unless the data clearly need the free one.
_PENALTY = 3.0
_BIAS = {"polynomial": 4.0, "subexponential": 6.0}
# Relative noise floor of a per-size summary: even exact step counts carry rounding
# and lower-order terms no candidate models, so no fit is trusted beyond ~0.5%.
_FLOOR = 5e-3
_TINY = 1e-280
# Exponents a of exp(s*n**a) called subexponential (nearer 0 it is a power law, nearer
# 1 an exponential, and the data cannot tell them apart).
_ALPHA_LO, _ALPHA_HI = 0.15, 0.85
_ALPHAS = np.linspace(_ALPHA_LO, _ALPHA_HI, 8)
# Below the largest size, the growing term must reach this share of the overhead.
_SPIKE = 0.1
# Score margin beyond which a family is not refitted on the bootstrap resamples.
_HOPELESS = 30.0
# A lower-order term may not exceed this share of the leading term at the largest size,
# nor cancel more than this share of it anywhere.
_LOW_SHARE = 0.5
_LOW_CANCEL = 0.9
# ...and is only tried when the sizes span this factor: over a shorter range it cannot
# be told from a change of exponent, and only blurs the labels.
_LOW_RANGE = 10.0


@dataclass(frozen=True)
class Growth:
    """The growth law selected for a cost series.

    Attributes
    ----------
    label : str
        One of :data:`GROWTH_LABELS`.
    param : float or None
        Exponent ``k`` for the powers (1, 2, 3 for the named ones), base ``b`` for
        ``exponential``, exponent ``a`` for ``subexponential``; None otherwise.
    coef : float
        Leading constant ``c`` in ``cost ≈ overhead + c * g(n)``.
    text : str
        ``g(n)`` as sympy-parsable text, without the constant.
    confidence : float
        Share of bootstrap resamples that select the same label, in ``[0, 1]``.
    interval : tuple of float or None
        Bootstrap 90% interval of the free parameter (for the named powers, of the
        free exponent ``k``); None where ``param`` is None.
    censored : int
        Number of censored points used as lower bounds.
    alternatives : tuple of (label, share, param, text)
        Every label the bootstrap resamples selected, with the share of resamples that
        selected it and its median parameter and growth text over those resamples: the
        bootstrap distribution of the growth, for comparing two growths with confidence.

    Examples
    --------
    >>> g = Growth("quadratic", 2.0, 0.5, "n**2", 1.0, (1.9, 2.1))
    >>> g.expr
    n**2
    """

    label: str
    param: float | None
    coef: float
    text: str
    confidence: float
    interval: tuple[float, float] | None
    censored: int = 0
    alternatives: tuple[tuple[str, float, float | None, str], ...] = field(
        default=(), repr=False, compare=False
    )

    @property
    def expr(self) -> Any:
        """The growth ``g(n)`` as a sympy expression (sympy is imported on use)."""
        from gaps.symbolic import parse_growth

        return parse_growth(self.text)


# --------------------------------------------------------------------------- input


def _as_sizes(ns: Sequence[Any]) -> Floats:
    try:
        arr = np.asarray(ns, dtype=float)
    except (TypeError, ValueError):
        raise InvalidArgument(f"sizes 'ns' must be positive integers. Got {_show(ns)}.") from None
    if arr.ndim != 1:
        raise InvalidArgument(f"sizes 'ns' must be a flat sequence. Got shape {arr.shape}.")
    bad = ~np.isfinite(arr) | (arr < 1) | (arr != np.round(arr))
    if any(isinstance(v, bool) for v in ns) or bad.any():
        raise InvalidArgument(
            f"sizes 'ns' must be positive integers. Got {_show(ns)} "
            f"(first offending size: {ns[int(np.argmax(bad))]!r})."
        )
    return arr


def _as_costs(costs: Sequence[Any]) -> Floats:
    try:
        arr = np.asarray(costs, dtype=float)
    except (TypeError, ValueError):
        raise InvalidArgument(
            f"'costs' must be non-negative finite numbers. Got {_show(costs)}."
        ) from None
    if arr.ndim != 1:
        raise InvalidArgument(f"'costs' must be a flat sequence. Got shape {arr.shape}.")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise InvalidArgument(
            f"'costs' must be non-negative finite numbers (no NaN or inf). Got {_show(costs)}."
        )
    return arr


def _show(values: Any) -> str:
    text = repr(list(values)) if isinstance(values, Sequence | np.ndarray) else repr(values)
    return text if len(text) <= 80 else text[:77] + "..."


def _validate(
    ns: Sequence[Any],
    costs: Sequence[Any],
    censored: Sequence[Any] | None,
    labels: Sequence[str],
    bootstrap: int,
) -> tuple[Floats, Floats, Bools]:
    sizes, values = _as_sizes(ns), _as_costs(costs)
    if len(sizes) != len(values):
        raise InvalidArgument(
            f"'ns' and 'costs' must have the same length. Got {len(sizes)} sizes "
            f"and {len(values)} costs."
        )
    if censored is None:
        cens = np.zeros(len(values), dtype=bool)
    else:
        cens = np.asarray(censored, dtype=bool)
        if cens.shape != values.shape:
            raise InvalidArgument(
                f"'censored' must have one flag per cost. Got {cens.size} flags "
                f"for {len(values)} costs."
            )
    distinct = len(np.unique(sizes))
    if distinct < 3:
        raise InvalidArgument(
            f"fit_growth needs costs at 3 or more distinct sizes to tell growths apart. "
            f"Got {distinct} distinct size{'s' if distinct != 1 else ''}."
        )
    unknown = [lab for lab in labels if lab not in GROWTH_LABELS]
    if unknown or not labels:
        raise InvalidArgument(
            f"'labels' must be a non-empty subset of {GROWTH_LABELS}. Got {tuple(labels)!r}."
        )
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or bootstrap < 0:
        raise InvalidArgument(
            f"'bootstrap' must be a non-negative int. Got {bootstrap!r} "
            f"({type(bootstrap).__name__})."
        )
    return sizes, values, cens


# ---------------------------------------------------------------------- summaries


@dataclass
class _Series:
    """Per-size data in normalised log units (costs divided by their geometric mean)."""

    n: Floats  # distinct sizes, ascending
    groups: list[Floats]  # log costs of each size's instances
    cgroups: list[Bools]  # censored flags of each size's instances
    y: Floats  # per-size summary
    cens: Bools  # summary is a lower bound
    w: Floats  # weights (1 / variance of the summary), mean 1
    floor2: float  # variance floor of a weighted residual
    shift: float  # log of the cost unit removed
    scale: float  # robust within-size spread of log costs (outlier threshold unit)
    replicated: bool  # some size has two or more instances


def _location(v: Floats, cv: Bools, scale: float) -> tuple[Floats, Bools, Floats]:
    """Summaries of instance sets ``v`` ``(..., k)``: (value, lower bound?, weight).

    Uncensored sets: the mean of the log costs within ``4*scale`` of their median (the
    outlier rejection stays within the size). Sets holding censored values: the median,
    with censored values at their bound, a valid lower bound of the true median; it is
    censored when a bound reaches it, and is worth fewer instances than a mean.
    """
    med = np.median(v, axis=-1)
    keep = np.abs(v - med[..., None]) <= 4.0 * scale
    count = keep.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, np.sum(v * keep, axis=-1) / count, med)
    has_cens = cv.any(axis=-1)
    value = np.where(has_cens, med, mean)
    lower = np.any(cv & (v <= med[..., None]), axis=-1)
    used = np.where(has_cens, v.shape[-1] / (np.pi / 2), np.maximum(count, 1))
    return value, lower, used


def _prepare(sizes: Floats, values: Floats, cens: Bools) -> _Series:
    positive = values[values > 0] if np.any(values > 0) else np.ones(1)
    # Zero costs have no logarithm; shifting every cost by half the smallest positive
    # cost is an extra overhead, which every model has anyway.
    eps = max(0.5 * float(positive.min()), 1e-300) if len(positive) < len(values) else 0.0
    logs = np.log(values + eps)
    shift = float(np.median(logs))
    logs = logs - shift
    n = np.unique(sizes)
    groups = [logs[sizes == v] for v in n]
    cgroups = [cens[sizes == v] for v in n]
    devs = [np.abs(g - np.median(g))[~c] for g, c in zip(groups, cgroups, strict=True)]
    pooled = np.concatenate([d for d in devs if len(d) >= 3] or [np.zeros(0)])
    scale = max(1.4826 * float(np.median(pooled)) if len(pooled) else 0.0, 0.02)
    y, ycens, used = np.empty(len(n)), np.zeros(len(n), dtype=bool), np.ones(len(n))
    sq, dof = 0.0, 0
    for j, (g, c) in enumerate(zip(groups, cgroups, strict=True)):
        value, lower, k = _location(g, c, scale)
        y[j], ycens[j], used[j] = float(value), bool(lower), float(k)
        if not c.any() and len(g) >= 2:
            kept = g[np.abs(g - np.median(g)) <= 4.0 * scale]
            sq += float(np.sum((kept - kept.mean()) ** 2)) if len(kept) else 0.0
            dof += max(len(kept) - 1, 0)
    # Pooled within-size variance: the noise of each summary, hence its weight.
    var = (sq / dof if dof else 0.0) / used + _FLOOR**2
    w = (1.0 / var) / np.mean(1.0 / var)
    floor2 = float(1.0 / np.mean(1.0 / var))
    return _Series(n, groups, cgroups, y, ycens, w, floor2, shift, scale, dof > 0)


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


# label -> (text, leading column, lower-order column)
_NAMED: dict[str, tuple[str, str, str | None]] = {
    "log": ("log(n)", "log", None),
    "linear": ("n", "n", None),
    "linearithmic": ("n*log(n)", "nlogn", "n"),
    "quadratic": ("n**2", "n2", "n"),
    "cubic": ("n**3", "n3", "n2"),
}
_POWERS = {"linear": 1.0, "quadratic": 2.0, "cubic": 3.0}


def _named_basis(ctx: _Context) -> tuple[Floats, Bools, list[tuple[str, int]]]:
    """Basis ``(S, m, 3)`` of the named models with an overhead (columns: overhead,
    lower-order, leading), which coefficients are unused, and (label, parameters)."""
    m = len(ctx.n)
    zero, one = np.zeros(m), ctx.named["one"]
    rows, offs, meta = [np.stack([one, zero, zero], -1)], [[False, True, True]], [("constant", 1)]
    for label, (_, lead, low) in _NAMED.items():
        rows.append(np.stack([one, zero, ctx.named[lead]], -1))
        offs.append([False, True, False])
        meta.append((label, 2))
        if low is not None and ctx.n[-1] >= _LOW_RANGE * ctx.n[0]:
            rows.append(np.stack([one, ctx.named[low], ctx.named[lead]], -1))
            offs.append([False, False, False])
            meta.append((label, 3))
    return np.array(rows), np.array(offs, dtype=bool), meta


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
    X: Floats, off: Bools, y: Floats, w: Floats, cens: Bools, iters: int
) -> tuple[Floats, Floats]:
    """Fit ``exp(y) ≈ X @ coef`` in log space; return ``(coef (..., 3), ssr (...))``.

    Gauss-Newton on the log residuals: each step is a weighted least-squares problem
    in the original units with weights ``w / mu**2`` and working response
    ``mu * (1 + r)``. Censored points count only while the model is below them.
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
            z = mu * (1.0 + np.clip(r, -1.0, 1.0))
            tg = t2 * g
            s00, s01, s11 = np.sum(t2, -1), np.sum(tg, -1), np.sum(tg * g, -1)
            b0, b1 = np.sum(t2 * z, -1), np.sum(tg * z, -1)
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


# ---------------------------------------------------------------------- selection


@dataclass
class _Scores:
    """Per-label scores ``(B,)`` of a batch of series and the fit behind each."""

    score: dict[str, Floats]
    coef: dict[str, Floats]  # (B, 3): overhead, lower-order, leading (normalised units)
    theta: dict[str, Floats]  # total log-growth of the free shapes over the range
    alpha: Floats  # exponent a of the subexponential fit
    k_int: Floats  # integer exponent of an integer polynomial fit (nan when free)


class _Board:
    """Keeps, for every label, its best-scoring variant over a batch ``(B,)``."""

    def __init__(self, s: _Series, cens: Bools) -> None:
        self.m, self.floor2 = len(s.n), s.floor2
        # A model may use at most (uncensored sizes - 1) parameters.
        self.most = (~cens).sum(axis=-1) - 1
        self.B = cens.shape[0]
        self.score: dict[str, Floats] = {}
        self.coef: dict[str, Floats] = {}
        self.theta: dict[str, Floats] = {}
        self.extra: dict[str, Floats] = {}

    def offer(
        self,
        label: str,
        ssr: Floats,
        p: int,
        coef: Floats,
        theta: Floats | None = None,
        extra: Floats | None = None,
    ) -> Bools:
        """Record a variant; return where it became the label's best."""
        sc = _neg2ll(ssr, self.m, self.floor2) + _PENALTY * p + _BIAS.get(label, 0.0)
        sc = np.where((p <= self.most) | (label == "constant"), sc, np.inf)
        nan = np.full(self.B, np.nan)
        theta = nan if theta is None else np.broadcast_to(theta, (self.B,))
        extra = nan if extra is None else np.broadcast_to(extra, (self.B,))
        if label not in self.score:
            self.score[label], self.coef[label] = sc, np.broadcast_to(coef, (self.B, 3))
            self.theta[label], self.extra[label] = theta, extra
            return np.ones(self.B, dtype=bool)
        better = sc < self.score[label]
        self.score[label] = np.where(better, sc, self.score[label])
        self.coef[label] = np.where(better[:, None], coef, self.coef[label])
        self.theta[label] = np.where(better, theta, self.theta[label])
        self.extra[label] = np.where(better, extra, self.extra[label])
        return better


def _scores(
    s: _Series,
    ctx: _Context,
    y: Floats,
    cens: Bools,
    centre: _Scores | None = None,
    skip: frozenset[str] = frozenset(),
) -> _Scores:
    """Best fit and score of every label, for a batch of summaries ``(B, m)``.

    Every label has variants with and without an overhead (and the named ones with a
    lower-order term); each variant pays for its parameters. Without ``centre`` the
    free shapes are searched globally (the fit); with it, on local grids around the
    centre's estimates (the bootstrap resamples). Labels in ``skip`` are not fitted
    (they score infinity).
    """
    effort = _FIT if centre is None else _RESAMPLE
    board = _Board(s, cens)
    yb, cb = y[:, None, :], cens[:, None, :]
    _named(s, ctx, yb, cb, effort.iters, board)
    for label, u in (("polynomial", ctx.u_log), ("exponential", ctx.u_lin)):
        if label in skip:
            board.offer(label, np.full(len(y), np.inf), 0, np.zeros(3))
            continue
        b0, th, q = _loglin(u, y, s.w, cens)
        board.offer(label, q, 2, _scale_only(b0), th)
        centre_theta = None if centre is None else float(centre.theta[label][0])
        th, c, q = _search(u, _theta_grid(ctx, centre_theta, effort.local), yb, cb, s.w, effort)
        board.offer(label, q, 3, c, th)
    _integer_powers(s, ctx, y, cens, effort.iters, board)
    if "subexponential" in skip:
        board.offer("subexponential", np.full(len(y), np.inf), 0, np.zeros(3))
        alpha = np.full(len(y), np.nan)
    else:
        alpha = _subexp(s, ctx, y, cens, centre, effort, board)
    k_int = board.extra["polynomial"]
    return _Scores(board.score, board.coef, board.theta, alpha, k_int)


def _named(s: _Series, ctx: _Context, yb: Floats, cb: Bools, iters: int, board: _Board) -> None:
    """Offer the constant and the named laws, with and without overhead."""
    X, off, meta = _named_basis(ctx)
    coefs, ssrs = _fit(X, off, yb, s.w, cb, iters)
    for i, (label, p) in enumerate(meta):
        board.offer(label, ssrs[:, i], p, coefs[:, i])
    for label, (_, lead, _) in _NAMED.items():
        col = ctx.named[lead]
        if np.all(col > 0):  # log n vanishes at n = 1: no fit without an overhead there
            b0, _, q = _loglin(np.log(col), yb[:, 0], s.w, cb[:, 0], slope=1.0)
            board.offer(label, q, 1, _scale_only(b0))


def _integer_powers(
    s: _Series, ctx: _Context, y: Floats, cens: Bools, iters: int, board: _Board
) -> None:
    """Offer ``n**round(k)`` (``k`` no longer free) where the free ``k`` exceeds 3.5."""
    L = _span_log(ctx)
    free_k = board.theta["polynomial"] / L
    k = np.maximum(np.round(free_k), 4.0)
    use = free_k >= 3.5
    if not use.any():
        return
    g = _shape(ctx.u_log, (k * L)[:, None])
    a, c, q = _fit2(g, y[:, None, :], s.w, cens[:, None, :], iters)
    board.offer("polynomial", np.where(use, q[:, 0], np.inf), 2, _coef3(a[:, 0], c[:, 0]), k * L, k)
    b0, _, q1 = _loglin(ctx.u_log * (k * L)[:, None], y, s.w, cens, slope=1.0)
    board.offer("polynomial", np.where(use, q1, np.inf), 1, _scale_only(b0), k * L, k)


def _subexp(
    s: _Series,
    ctx: _Context,
    y: Floats,
    cens: Bools,
    centre: _Scores | None,
    effort: _Effort,
    board: _Board,
) -> Floats:
    """Offer ``exp(theta * u_a(n))`` fitted over exponents ``a``; return the best ``a``.

    theta (the total log-growth) depends little on ``a``, so each ``a`` gets its own
    theta search, and ``a`` is refined on shrinking grids around the best.
    """
    # Without an overhead the fit is linear in log space: a fine grid of a is cheap.
    fine = np.linspace(_ALPHA_LO, _ALPHA_HI, 71)
    b0, th, q = _loglin(_u_sub(ctx, fine), y[:, None, :], s.w, cens[:, None, :])
    alpha0 = _parabola(q, fine) if centre is not None else _best(q, fine)[1]
    q0, b0, th = _best(q, b0, th)
    won = board.offer("subexponential", q0, 3, _scale_only(b0), th)
    alpha = np.where(won, alpha0, np.nan)

    yb, cb = y[:, None, None, :], cens[:, None, None, :]
    if centre is None:
        stages = [_ALPHAS, np.linspace(-0.05, 0.05, 5), np.linspace(-0.02, 0.02, 5)]
        logt = _theta_grid(ctx, None)
    else:
        # One local stage around the fit's (a, theta), refined by a parabola in a.
        a0 = float(centre.alpha[0])
        stages = [np.clip(a0 + np.linspace(-0.1, 0.1, 5), _ALPHA_LO, _ALPHA_HI)]
        t0 = float(centre.theta["subexponential"][0])
        t0 = t0 if np.isfinite(t0) and t0 > 0.02 else 0.02
        logt = math.log(t0) + np.linspace(-0.4, 0.4, effort.local)
    best_a = thetas = np.full(y.shape[0], np.nan)
    for i, grid in enumerate(stages):
        alphas = grid if i == 0 else np.clip(best_a[:, None] + grid, _ALPHA_LO, _ALPHA_HI)
        if i > 0:
            logt = np.log(thetas)[:, None, None] + np.linspace(-0.3, 0.3, 13)
        u = _u_sub(ctx, alphas)[..., None, :]  # (A, 1, m) or (B, A, 1, m)
        th_a, coef_a, q = _search(u, logt, yb, cb, s.w, effort)
        ssr, best_a, thetas, coef = _best(q, np.broadcast_to(alphas, q.shape), th_a, coef_a)
    if centre is not None:
        best_a = _parabola(q, np.broadcast_to(alphas, q.shape))
    won = board.offer("subexponential", ssr, 4, coef, thetas)
    return np.where(won, best_a, alpha)


def _choose(sc: _Scores, labels: Sequence[str]) -> NDArray[np.intp]:
    """Index into ``labels`` of the best-scoring label of each series (ties: simpler)."""
    table = np.stack([sc.score[label] for label in labels], axis=-1)
    return np.argmin(table, axis=-1)


# ---------------------------------------------------------------------- bootstrap


def _resample(s: _Series, rng: np.random.Generator, B: int) -> tuple[Floats, Bools]:
    """Summaries of ``B`` resamples of the instances within each size."""
    y = np.empty((B, len(s.n)))
    cens = np.zeros((B, len(s.n)), dtype=bool)
    for j, (g, c) in enumerate(zip(s.groups, s.cgroups, strict=True)):
        idx = rng.integers(0, len(g), size=(B, len(g)))
        y[:, j], cens[:, j], _ = _location(g[idx], c[idx], s.scale)
    return y, cens


def _resample_residuals(
    s: _Series, fitted: Floats, p: int, rng: np.random.Generator, B: int
) -> tuple[Floats, Bools]:
    """Resamples ``fitted + residual*`` for series with one instance per size."""
    free = ~s.cens
    resid = (s.y - fitted)[free] if free.any() else np.zeros(1)
    dof = max(int(free.sum()) - p, 1)
    resid = (resid - resid.mean()) * math.sqrt(free.sum() / dof)
    y = np.where(free, fitted + rng.choice(resid, size=(B, len(s.n))), s.y)
    return y, np.broadcast_to(s.cens, y.shape).copy()


def _fitted(ctx: _Context, main: _Scores, label: str) -> Floats:
    """Log of the selected model at the sizes (normalised units)."""
    a, low, c = main.coef[label][0]
    theta = float(main.theta[label][0])
    if label == "constant":
        g, g_low = np.zeros_like(ctx.n), np.zeros_like(ctx.n)
    elif label in _NAMED:
        _, lead, low_name = _NAMED[label]
        g = ctx.named[lead]
        g_low = ctx.named[low_name] if low_name else np.zeros_like(g)
    else:
        u = {"polynomial": ctx.u_log, "exponential": ctx.u_lin}.get(label)
        u = _u_sub(ctx, main.alpha[0]) if u is None else u
        g, g_low = _shape(u, np.array(theta)), np.zeros_like(ctx.n)
    return np.log(np.maximum(a + low * g_low + c * g, _TINY))


Alternative = tuple[str, float, float | None, str]


def _bootstrap(
    s: _Series, ctx: _Context, main: _Scores, label: str, labels: list[str], B: int, seed: int
) -> tuple[float, tuple[float, float] | None, tuple[Alternative, ...]]:
    """Share of resamples selecting ``label``, the 90% interval of its parameter, and the
    labels every resample selected (with shares, median parameters and texts)."""
    rng = np.random.default_rng(seed)
    if s.replicated:
        y, cens = _resample(s, rng, B)
    else:
        p = 1 if label == "constant" else 2
        y, cens = _resample_residuals(s, _fitted(ctx, main, label), p, rng, B)
    # Resampling moves scores by a few units: a free family far behind the best (and
    # not selected) cannot win a resample, so its costly search is skipped.
    best = min(float(main.score[lab][0]) for lab in labels)
    skip = frozenset(
        fam
        for fam in ("exponential", "subexponential")
        if fam != label and (fam not in labels or float(main.score[fam][0]) > best + _HOPELESS)
    )
    sc = _scores(s, ctx, y, cens, main, skip)
    chosen = np.asarray(labels)[_choose(sc, labels)]
    confidence = float(np.mean(chosen == label))
    alternatives = _alternatives(ctx, sc, chosen)
    family = _FAMILY.get(label)
    if family is None:
        return confidence, None, alternatives
    values = _param(label, ctx, sc.theta[family], sc.alpha, sc.k_int)
    values = values[np.isfinite(values)]
    if not len(values):
        return confidence, None, alternatives
    lo, hi = np.quantile(values, [0.05, 0.95])
    return confidence, (float(lo), float(hi)), alternatives


def _alternatives(ctx: _Context, sc: _Scores, chosen: NDArray[np.str_]) -> tuple[Alternative, ...]:
    found = []
    for lab in dict.fromkeys(chosen.tolist()):
        mask = chosen == lab
        theta = float(np.median(sc.theta[lab][mask]))
        param: float | None = _POWERS.get(lab)
        if lab in ("polynomial", "exponential", "subexponential"):
            values = _param(lab, ctx, sc.theta[_FAMILY[lab]], sc.alpha, sc.k_int)[mask]
            values = values[np.isfinite(values)]
            param = float(np.median(values)) if len(values) else None
        if lab == "subexponential" and param is not None:
            theta = float(np.median(sc.theta["subexponential"][mask]))
        found.append((lab, float(mask.mean()), param, _text(lab, param, ctx, theta)))
    return tuple(sorted(found, key=lambda alt: -alt[1]))


# The fit whose parameter gives each label's interval (the free exponent for powers).
_FAMILY = {
    "linear": "polynomial",
    "quadratic": "polynomial",
    "cubic": "polynomial",
    "polynomial": "polynomial",
    "exponential": "exponential",
    "subexponential": "subexponential",
}


# ------------------------------------------------------------------------ results


def _param(label: str, ctx: _Context, theta: Floats, alpha: Floats, k_int: Floats) -> Floats:
    """The parameter of ``label`` from the fitted theta (and exponent a)."""
    if label == "polynomial":
        return np.where(np.isnan(k_int), theta / _span_log(ctx), k_int)
    if label in _POWERS:
        return theta / _span_log(ctx)  # the free exponent, for a named power's interval
    if label == "exponential":
        return np.exp(theta / float(ctx.n[-1] - ctx.n[0]))
    return alpha


def _subexp_s(ctx: _Context, alpha: float, theta: float) -> float:
    """Inner constant ``s`` of ``exp(s*n**a)`` from the total log-growth theta."""
    return theta / float(math.exp(alpha * ctx.logn[-1]) - math.exp(alpha * ctx.logn[0]))


def _log_g_max(label: str, ctx: _Context, param: float, theta: float) -> float:
    """``log g(n_max)`` of the growth written in the text (undoes the normalisation)."""
    lmax = float(ctx.logn[-1])
    if label == "constant":
        return 0.0
    if label == "log":
        return math.log(lmax)
    if label == "linearithmic":
        return lmax + math.log(lmax)
    if label in ("polynomial", *_POWERS):
        return param * lmax
    if label == "exponential":
        return float(ctx.n[-1]) * math.log(param)
    return _subexp_s(ctx, param, theta) * math.exp(param * lmax)


def _text(label: str, param: float | None, ctx: _Context, theta: float) -> str:
    """``g(n)`` as sympy-parsable text."""
    if label == "constant" or param is None:
        return _NAMED[label][0] if label in _NAMED else "1"
    if label in _NAMED:
        return _NAMED[label][0]
    if label == "polynomial":
        return f"n**{_fmt(param, 3)}"
    if label == "exponential":
        # Enough digits to show b - 1 to 4 significant figures (b may be 1.00001).
        digits = 4 + max(0, -math.floor(math.log10(max(param - 1.0, 1e-16))))
        return f"{_fmt(param, min(digits, 17))}**n"
    return f"exp({_fmt(_subexp_s(ctx, param, theta), 4)}*n**{_fmt(param, 3)})"


def _fmt(x: float, digits: int) -> str:
    """``x`` to ``digits`` significant figures, never in e-notation (sympy-safe)."""
    text = f"{x:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"({mantissa}*10**({int(exponent)}))"


def fit_growth(
    ns: Sequence[int],
    costs: Sequence[float],
    censored: Sequence[bool] | None = None,
    *,
    labels: Sequence[str] = GROWTH_LABELS,
    bootstrap: int = 200,
    seed: int = 0,
) -> Growth:
    """Select the growth law of a cost-versus-size series.

    Parameters
    ----------
    ns : sequence of int
        Sizes, positive integers; a size may repeat (one entry per instance).
    costs : sequence of float
        Non-negative cost of each instance (steps, seconds: the unit does not matter).
    censored : sequence of bool, optional
        True where the cost is only a lower bound (a budget stopped the call).
    labels : sequence of str
        The candidate labels, a subset of :data:`GROWTH_LABELS`.
    bootstrap : int
        Number of resamples for ``confidence`` and ``interval`` (0 skips them:
        confidence is then 1 and the interval None).
    seed : int
        Seed of the resampling; the result is a deterministic function of the inputs.

    Returns
    -------
    Growth
        The selected label, its parameter, leading constant, growth text, bootstrap
        confidence and interval, and the number of censored points.

    Raises
    ------
    gaps.errors.InvalidArgument
        On mismatched lengths, sizes that are not positive integers, negative, NaN or
        infinite costs, fewer than 3 distinct sizes, or unknown labels.

    Examples
    --------
    A budget stops the largest sizes of an exponential search; they still count, as
    lower bounds:

    >>> ns = [n for n in range(4, 21, 2) for _ in range(3)]
    >>> budget = 2.0**15
    >>> costs = [min(2.0**n, budget) for n in ns]
    >>> g = fit_growth(ns, costs, censored=[c >= budget for c in costs])
    >>> g.label, round(g.param, 2), g.censored
    ('exponential', 2.0, 9)

    An overhead that dominates the small sizes does not hide a linear growth:

    >>> fit_growth([10, 30, 100, 300, 1000], [1020, 1060, 1200, 1600, 3000]).text
    'n'
    """
    sizes, values, cens = _validate(ns, costs, censored, labels, bootstrap)
    n_cens = int(cens.sum())
    labels = [lab for lab in GROWTH_LABELS if lab in labels]
    if "constant" in labels and np.ptp(values) <= 1e-12 * float(np.max(values)):
        only = (("constant", 1.0, None, "1"),)
        return Growth("constant", None, float(np.median(values)), "1", 1.0, None, n_cens, only)
    s = _prepare(sizes, values, cens)
    ctx = _context(s)
    main = _scores(s, ctx, s.y[None, :], s.cens[None, :])
    label = labels[int(_choose(main, labels)[0])]
    theta = float(main.theta[label][0])
    param: float | None = None
    if label in _POWERS:
        param = _POWERS[label]
    elif label in _FAMILY:
        family = main.theta[_FAMILY[label]]
        param = float(_param(label, ctx, family, main.alpha, main.k_int)[0])
    confidence, interval = 1.0, None
    alternatives: tuple[Alternative, ...] = ()
    if bootstrap:
        confidence, interval, alternatives = _bootstrap(
            s, ctx, main, label, labels, bootstrap, seed
        )
    c = float(main.coef[label][0, 0 if label == "constant" else 2])
    log_coef = s.shift + math.log(max(c, _TINY)) - _log_g_max(label, ctx, param or 0.0, theta)
    coef = math.exp(min(log_coef, 700.0)) if c > 0 else 0.0
    text = _text(label, param, ctx, theta)
    if not alternatives:
        alternatives = ((label, 1.0, param, text),)
    return Growth(
        label,
        param,
        coef,
        text,
        confidence,
        interval if param is not None else None,
        n_cens,
        alternatives,
    )

"""Model selection, the bootstrap, and the parameters and texts of the results."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from gaps.growth._series import (
    _ALPHA_HI,
    _ALPHA_LO,
    _ALPHAS,
    _BIAS,
    _HOPELESS,
    _PENALTY,
    _TINY,
    Bools,
    Floats,
    _location,
    _Series,
)
from gaps.growth._shapes import (
    _FIT,
    _NAMED,
    _POWERS,
    _RESAMPLE,
    _best,
    _coef3,
    _Context,
    _Effort,
    _fit,
    _fit2,
    _loglin,
    _named_basis,
    _neg2ll,
    _parabola,
    _scale_only,
    _search,
    _shape,
    _span_log,
    _theta_grid,
    _u_sub,
)

# ---------------------------------------------------------------------- selection


@dataclass
class _Scores:
    """Per-label scores ``(B,)`` of a batch of series and the fit behind each."""

    score: dict[str, Floats]
    coef: dict[str, Floats]  # (B, 3): overhead, lower-order, leading (normalised units)
    theta: dict[str, Floats]  # total log-growth of the free shapes over the range
    alpha: Floats  # exponent a of the subexponential fit
    k_int: Floats  # integer exponent of an integer polynomial fit (nan when free)
    low: dict[str, NDArray[np.object_]]  # lower-order column of each named fit ("" if none)


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
        self.low: dict[str, NDArray[np.object_]] = {}

    def offer(
        self,
        label: str,
        ssr: Floats,
        p: int,
        coef: Floats,
        theta: Floats | None = None,
        extra: Floats | None = None,
        low: str = "",
        bias: float = 0.0,
    ) -> Bools:
        """Record a variant; return where it became the label's best."""
        sc = _neg2ll(ssr, self.m, self.floor2) + _PENALTY * p + _BIAS.get(label, 0.0) + bias
        sc = np.where((p <= self.most) | (label == "constant"), sc, np.inf)
        nan = np.full(self.B, np.nan)
        theta = nan if theta is None else np.broadcast_to(theta, (self.B,))
        extra = nan if extra is None else np.broadcast_to(extra, (self.B,))
        if label not in self.score:
            self.score[label], self.coef[label] = sc, np.broadcast_to(coef, (self.B, 3))
            self.theta[label], self.extra[label] = theta, extra
            self.low[label] = np.full(self.B, low, dtype=object)
            return np.ones(self.B, dtype=bool)
        better = sc < self.score[label]
        self.score[label] = np.where(better, sc, self.score[label])
        self.coef[label] = np.where(better[:, None], coef, self.coef[label])
        self.theta[label] = np.where(better, theta, self.theta[label])
        self.extra[label] = np.where(better, extra, self.extra[label])
        self.low[label] = np.where(better, low, self.low[label])
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
    return _Scores(board.score, board.coef, board.theta, alpha, k_int, board.low)


def _named(s: _Series, ctx: _Context, yb: Floats, cb: Bools, iters: int, board: _Board) -> None:
    """Offer the constant and the named laws, with and without overhead."""
    X, off, signed, meta = _named_basis(ctx)
    coefs, ssrs = _fit(X, off, signed, yb, s.w, cb, iters)
    for i, (label, p, low) in enumerate(meta):
        # A lower-order term bends the law over a finite range as a free exponent
        # would, so it pays the free exponent's bias: no preference over n**k.
        bias = _BIAS["polynomial"] if low else 0.0
        board.offer(label, ssrs[:, i], p, coefs[:, i], low=low, bias=bias)
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
        g = ctx.named[_NAMED[label][1]]
        low_name = str(main.low[label][0])
        g_low = ctx.named[low_name] if low_name else np.zeros_like(g)
    else:
        u = {"polynomial": ctx.u_log, "exponential": ctx.u_lin}.get(label)
        u = _u_sub(ctx, main.alpha[0]) if u is None else u
        g, g_low = _shape(u, np.array(theta)), np.zeros_like(ctx.n)
    return np.log(np.maximum(a + low * g_low + c * g, _TINY))


Alternative = tuple[str, float, float | None, str]


def _bootstrap(
    s: _Series, ctx: _Context, main: _Scores, label: str, labels: list[str], B: int, seed: int
) -> tuple[float, tuple[float, float] | None, tuple[Alternative, ...], _Scores]:
    """Share of resamples selecting ``label``, the 90% interval of its parameter, the
    labels every resample selected (with shares, median parameters and texts), and the
    resamples' scores."""
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
        return confidence, None, alternatives, sc
    values = _param(label, ctx, sc.theta[family], sc.alpha, sc.k_int)
    values = values[np.isfinite(values)]
    if not len(values):
        return confidence, None, alternatives, sc
    lo, hi = np.quantile(values, [0.05, 0.95])
    return confidence, (float(lo), float(hi)), alternatives, sc


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

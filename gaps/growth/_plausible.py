"""The growths a series cannot reject: what "not separable at these sizes" rests on.

Selection names one label; the evidence may not single it out. Each label's evidence
is the selection criterion without the preference for simpler labels (``-2 log L`` of
the log residuals plus 3 per parameter). A label is *rejected* when its evidence falls
short of the best label's by more than :data:`_REJECT` in at least 95% of the bootstrap
resamples (resampling instances within each size); the labels not rejected are the
plausible set. Where the set holds more than one label the sizes measured cannot
separate them, and the fit says so instead of naming one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gaps.growth._select import _FAMILY, _fitted, _param, _Scores, _text
from gaps.growth._series import _ALPHA_HI, _ALPHA_LO, _BIAS, _PENALTY, Floats
from gaps.growth._shapes import _POWERS, _Context

# 2 ln of a likelihood ratio of 20 (after the per-parameter penalty): "strong" evidence
# on the scale of Kass and Raftery (1995). Weaker evidence does not reject a growth.
_REJECT = 6.0
# A label stays plausible while at least this share of resamples cannot reject it.
_KEEP = 0.05

# A subexponential exponent this close to a bound of its search is pinned there, and
# a free exponent this close to a plausible named power only restates it: n**0.05
# moves a cost by a factor 1.4 over three decades of sizes, as a lower-order term does.
_PINNED = 0.01
_SAME = 0.05
_FREE = ("polynomial", "exponential", "subexponential")

_ORDER = {"constant": 0, "log": 1, "subexponential": 3, "exponential": 4}


@dataclass(frozen=True)
class Candidate:
    """A growth law the data cannot reject.

    Attributes
    ----------
    label : str
        One of :data:`gaps.growth.GROWTH_LABELS`.
    param : float or None
        Its fitted parameter (exponent, base or subexponential exponent).
    interval : tuple of float or None
        For the free shapes, the range of the parameter over the fit and the bootstrap
        resamples that do not reject the label; None otherwise.
    text : str
        ``g(n)`` as sympy-parsable text.

    Examples
    --------
    >>> Candidate("polynomial", 7.0, (6.5, 7.4), "n**7").text
    'n**7'
    """

    label: str
    param: float | None
    interval: tuple[float, float] | None
    text: str


def growth_order(label: str, param: float | None) -> tuple[int, float]:
    """A key that sorts growth laws from the slowest to the fastest.

    >>> sorted(["exponential", "linearithmic", "log"], key=lambda lab: growth_order(lab, None))
    ['log', 'linearithmic', 'exponential']
    """
    if label in _ORDER:
        return _ORDER[label], float(param or 0.0)
    if label == "linearithmic":
        return 2, 1.0 + 1e-9
    return 2, float(_POWERS.get(label, param or 0.0))


def _evidence(sc: _Scores, labels: Sequence[str]) -> Floats:
    """Evidence deficit ``(B, L)`` of each label against the best, per series.

    An integer exponent was found by rounding a fitted one: as evidence it pays for
    that parameter, which selection (preferring the round number) does not charge.
    """
    rounded = np.where(np.isfinite(sc.k_int), _PENALTY, 0.0)
    table = np.stack(
        [
            sc.score[lab] - _BIAS.get(lab, 0.0) + (rounded if lab == "polynomial" else 0.0)
            for lab in labels
        ],
        axis=-1,
    )
    with np.errstate(invalid="ignore"):
        return np.asarray(table - np.min(table, axis=-1, keepdims=True), dtype=float)


def _plausible(
    ctx: _Context,
    floor2: float,
    main: _Scores,
    label: str,
    labels: Sequence[str],
    resamples: _Scores | None,
) -> tuple[Candidate, ...]:
    """The labels not rejected by the fit or by 95% of the resamples, slowest first.

    A free shape whose fitted curve rises by less than two standard errors of a size's
    summary (``floor2`` is their variance) is the constant, when that is plausible.
    """
    keep = _evidence(main, labels)[0] <= _REJECT
    deficit = None if resamples is None else _evidence(resamples, labels)
    if deficit is not None:
        keep |= np.mean(deficit <= _REJECT, axis=0) >= _KEEP
    out, rises = [], {}
    for j, lab in enumerate(labels):
        if not keep[j] and lab != label:
            continue
        param: float | None = _POWERS.get(lab)
        interval = None
        if lab in _FREE:
            theta = main.theta[_FAMILY[lab]]
            param = float(_param(lab, ctx, theta, main.alpha, main.k_int)[0])
            if not np.isfinite(param):
                continue
            interval = (param, param)
            if resamples is not None and deficit is not None:
                values = _param(lab, ctx, resamples.theta[lab], resamples.alpha, resamples.k_int)[
                    deficit[:, j] <= _REJECT
                ]
                values = values[np.isfinite(values)]
                if len(values):
                    lo, hi = np.quantile(values, [0.05, 0.95])
                    interval = (min(float(lo), param), max(float(hi), param))
        theta_own = float(main.theta[lab][0]) if lab in main.theta else 0.0
        out.append(Candidate(lab, param, interval, _text(lab, param, ctx, theta_own)))
        rises[lab] = float(np.ptp(_fitted(ctx, main, lab)))
    flat = 2.0 * math.sqrt(floor2) if "constant" in rises else -math.inf
    out = [
        c
        for c in out
        if c.label == label
        or not (_reducible(c, out) or (c.label in _FREE and rises[c.label] <= flat))
    ]
    return tuple(sorted(out, key=lambda c: growth_order(c.label, c.param)))


def _reducible(c: Candidate, others: Sequence[Candidate]) -> bool:
    """Whether a free shape only restates a simpler plausible one.

    A free exponent whose range holds a plausible named power (0 for the constant) is
    that power; a subexponential whose exponent sits at a bound of its search is the
    polynomial (lower bound) or the exponential (upper bound) it tends to, when that
    is plausible too.
    """
    labels = {o.label for o in others}
    if c.label == "polynomial" and c.interval is not None:
        lo, hi = c.interval
        named = {"constant": 0.0, **_POWERS}
        return any(lab in labels and lo - _SAME <= k <= hi + _SAME for lab, k in named.items())
    if c.label == "subexponential" and c.param is not None:
        if c.param <= _ALPHA_LO + _PINNED:
            return bool(labels & {"log", "polynomial", *_POWERS, "linearithmic"})
        if c.param >= _ALPHA_HI - _PINNED:
            return "exponential" in labels
    return False

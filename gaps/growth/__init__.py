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
* **Variants.** Every label is tried with and without the overhead, and the named
  laws also with one lower-order term as real step counts have: ``n + sqrt(n)``,
  ``n + log n``, ``n log n + b*n``, ``n**2 + b*n``, ``n**2 + n log n``,
  ``n**3 + b*n**2``, ``n**3 + n**2 log n`` (only the next power down, ``b*n`` or
  ``b*n**2``, may be subtracted). The term must stay a correction (at most half the
  leading term at the largest size, never cancelling 90% of it), is tried only when
  the largest size is at least 10 times the smallest, and pays the free exponent's
  bias: it bends a law over a finite range as much as a free exponent does.
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
* **Plausible growths.** A label is rejected when its criterion without the bias
  exceeds the best by more than 6 (strong evidence, Kass and Raftery 1995) in 95% of
  the bootstrap resamples; the others form ``plausible``, and ``separable`` says
  whether the selected label stands alone (:mod:`gaps.growth._plausible`).
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

from gaps.growth._plausible import Candidate, _plausible, growth_order
from gaps.growth._select import (
    _FAMILY,
    Alternative,
    _bootstrap,
    _choose,
    _log_g_max,
    _param,
    _Scores,
    _scores,
    _text,
)
from gaps.growth._series import _TINY, GROWTH_LABELS, _prepare, _validate
from gaps.growth._shapes import _POWERS, _context

__all__ = ["GROWTH_LABELS", "Candidate", "Growth", "fit_growth", "growth_order"]


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
    plausible : tuple of Candidate
        Every growth the data cannot reject (the selected one among them), slowest
        first; by default the selected growth alone.

    Examples
    --------
    >>> g = Growth("quadratic", 2.0, 0.5, "n**2", 1.0, (1.9, 2.1))
    >>> g.expr
    n**2
    >>> g.separable, g.summary
    (True, 'n**2')
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
    plausible: tuple[Candidate, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.plausible:
            alone = Candidate(self.label, self.param, self.interval, self.text)
            object.__setattr__(self, "plausible", (alone,))

    @property
    def separable(self) -> bool:
        """Whether the sizes measured single out one growth (no other is plausible)."""
        return len(self.plausible) == 1

    @property
    def summary(self) -> str:
        """The growth as a reader should take it: its text when separable, else the
        slowest and fastest plausible growths, e.g.
        ``'n**7 .. exp(1.2*n**0.5); not separable at these sizes'``."""
        if self.separable:
            return self.text
        slow, fast = self.plausible[0].text, self.plausible[-1].text
        return f"{slow} .. {fast}; not separable at these sizes"

    @property
    def expr(self) -> Any:
        """The growth ``g(n)`` as a sympy expression (sympy is imported on use)."""
        from gaps.symbolic import parse_growth

        return parse_growth(self.text)


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
    resamples: _Scores | None = None
    if bootstrap:
        confidence, interval, alternatives, resamples = _bootstrap(
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
        _plausible(ctx, s.floor2, main, label, labels, resamples),
    )

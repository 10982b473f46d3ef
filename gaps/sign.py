"""The sign of a gap, read from the paired gap curve g(n) = log2(C_generate / C_verify).

Each instance is generated and verified, so the gap is measured instance by instance;
what an instance costs both sides alike cancels. The per-size medians of g are fitted
with a few shapes that say what happens as n grows:

- neutral: a constant, or a constant plus a fading term ``a * n**-k`` (an overhead
  amortised: ``n + 2000`` against ``n``); a fade ``a / log n`` blocks growth but is
  never a neutral verdict, as over measurable sizes it is a ``log log n`` growth;
- growing: ``b * log log n`` (a log factor), ``b * log n`` (an exponent difference),
  ``b * n**k`` with 0 < k <= 1 (a sub-exponential or exponential base difference).

The shape is chosen by AICc, and a growing shape must beat the best neutral one by a
margin, so a fading overhead is never read as a trend. A fall is a negative sign only
when no sum of lower-order costs on the generator, fading beside a settled ratio,
explains it: not on the gap curve, and, when the generator's own costs are given, not on
those either (a cost's logarithm is convex in log n, so a generator hiding a share of
the verifier's cost cannot bend down where the verifier takes off). A bootstrap over
instances within each size (paired) repeats the choice; the sign is that of the leading
growing term when it wins on the medians and in most resamples, and its interval clears
a quarter of a log factor's drift; neutral when the best growing shape moves within that
quarter over its whole interval (equivalence), or when a neutral shape wins by the
margin, unless the largest sizes depart from it, or the fitted fade still moves there
as fast as a log factor (its end is then read from its shape alone), or the growing
interval clears the quarter one way while the neutral shape is a bare constant (no fade
explains a trend) or a growing shape fits the medians too (a fade still under way bends
as slow growth does); inconclusive otherwise. In time, a sign must also move the gap
from the smallest size to the largest by more than the memory hierarchy can move the
ratio of two unlike codes of one complexity. The rules and every threshold live in
:class:`SignPolicy`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["SignDecision", "SignPolicy", "decide_sign"]


@dataclass(frozen=True)
class SignPolicy:
    """Every threshold of the sign decision, each with its reason.

    >>> SignPolicy().allowance("steps"), SignPolicy().allowance("time")
    (0.0, 0.15)
    """

    #: Bootstrap resamples of the instances within each size; 200 puts the 5% and 95%
    #: percentiles ten resamples from either end.
    rounds: int = 200
    #: Two-sided coverage of the interval of the growing term's drift.
    level: float = 0.9
    #: A two-parameter shape fitted to three medians leaves one residual to judge it by
    #: and AICc's correction is infinite; four sizes are the least that can decide.
    min_sizes: int = 4
    #: A size with fewer paired instances than this says little about its median.
    min_instances: int = 2
    #: AICc units by which a growing shape must beat the best neutral one, and a neutral
    #: one the best growing one, before either is believed. Burnham and Anderson (2002)
    #: read differences below 2 as substantial support for both; this margin is laxer,
    #: and the bootstrap interval, not the margin alone, must then exclude zero.
    evidence_margin: float = 1.0
    #: Residuals below this many bits are rounding of counts, not shape: a floor on the
    #: residual scale so an exact fit does not win by an infinite likelihood.
    resolution_bits: float = 0.01
    #: Bits per doubling of n that CPU time drifts by for identical work (cache levels
    #: crossed as the data grows, the first side touching fresh memory for the second);
    #: a time gap moving less is not read as a sign. Measured by
    #: benchmarks/time_drift.py, the same code on both sides, as the least trend over
    #: two doublings that the instances' scatter allows (what the bootstrap cannot
    #: weigh): 0.06 to 0.13 for Python sorting up to 2**18 items, 0.01 to 0.03 for numpy
    #: sorting up to 2**22 floats, 0 to 0.04 for dict lookups, over seeds 0 to 2.
    #: Deterministic units get none: their costs do not drift.
    time_allowance: float = 0.15
    #: Bits by which the memory hierarchy can move the time ratio of two unlike codes of
    #: one complexity over a range of sizes: a lean random-access code slows against an
    #: interpreter-heavy or sequential one at each cache level its data leaves, by up to
    #: about a bit per doubling there, far past ``time_allowance``, but by a bounded total
    #: (from the first cache level to main memory). Measured by the unlike work of
    #: benchmarks/time_drift.py as the whole range of the paired gap's median curve:
    #: 1.9 to 2.0 bits for Python records against a random walk over 2**10..2**18, 2.5
    #: to 3.2 for a numpy scan against a random gather over 2**12..2**24 (seeds 0 to 2).
    #: A time gap must move further than this between its smallest and largest sizes
    #: for a sign; short of it, it is inconclusive.
    time_hierarchy_bits: float = 3.5
    #: A growing term moving less than this share of a log factor's drift at the
    #: largest size is negligible for a neutral verdict: n log n against n moves
    #: 1/ln n bits per doubling, the least difference a sign names. Not half: a
    #: log log n factor (n log log n against n) moves less than half of it at every
    #: size measurable, and is a difference.
    negligible_share: float = 0.25
    #: A fading term must have faded to within this multiple of the limit ratio at the
    #: largest size, either way (the ratio there between limit / (1 + left) and
    #: limit * (1 + left), one bit): one that still dominates is extrapolated, not
    #: measured, and a ratio still climbing far below its fitted limit is a rise.
    fading_left: float = 1.0
    #: A fade still this many times the limit at the largest size (1.6 bits) fits the
    #: sizes as an overhead would, so growth must beat it too; a larger "fade" (a ratio
    #: tending to zero, as n**2/log n against n**2) is no overhead at all.
    unfaded_left: float = 2.0
    #: Share of resamples that must agree with a neutral best shape for it to stand:
    #: a neutral verdict claims the ratio settles, which the data must show too.
    neutral_share: float = 0.8
    #: Share of resamples in which a growing shape must win by the margin, beside the
    #: point estimate, for its sign: a majority, as with three instances a size's
    #: resampled median is often its outlier, which no shape fits; the sign's own
    #: interval (the best growing shape's drift) must still exclude zero.
    growing_share: float = 0.5
    #: Successive sizes between which the median gap must move the sign's way (by more
    #: than ``resolution_bits``): one jump, a lower-order term switching at one size in
    #: a deterministic count, is a step, which a growing shape fits but no trend makes.
    moving_steps: int = 2
    #: Sizes at the top of the range whose residuals from a neutral shape must not trend
    #: as fast as a log factor: a shape that misses the largest sizes is not the curve's.
    tail_sizes: int = 3
    #: Exponents of the fading shapes ``a * n**-k``: an additive overhead fades as 1/n
    #: against a linear cost, as n**-0.5 against a square-root one.
    fading_exponents: tuple[float, ...] = (0.5, 1.0, 2.0)
    #: Exponents k of the overheads a fall must outrun for a negative sign: an additive
    #: term fades as ``n**-k`` (times ``1/lg n`` with one log factor fewer) against the
    #: leading one; a grid to start from, least squares refines k between its ends.
    #: From 1/2 (a square root below the leading term): a term closer than that,
    #: n**-1/4, fades over eight doublings as an inverse log factor falls.
    overhead_exponents: tuple[float, ...] = tuple(k / 8 for k in range(4, 25))
    #: Exponents of the growing shapes ``b * n**k``: k = 1 is a difference of
    #: exponential bases, smaller k a sub-exponential against a polynomial.
    power_exponents: tuple[float, ...] = (0.25, 1 / 3, 0.5, 0.75, 1.0)

    def allowance(self, unit: str) -> float:
        """Bits per doubling of drift that ``unit`` may show for identical work."""
        return self.time_allowance if unit in ("time", "memory") else 0.0

    def band(self, unit: str, top: float) -> float:
        """Bits over the last doubling up to ``top`` that a gap may move and still be
        read neutral by equivalence: a quarter of a log factor, or the unit's drift.

        >>> round(SignPolicy().band("steps", 4096), 4), SignPolicy().band("time", 4096)
        (0.0314, 0.15)
        """
        return max(self.allowance(unit), self.negligible_share * _log_factor_drift(top))

    def hierarchy(self, unit: str) -> float:
        """Bits by which ``unit`` may drift in all between unlike codes of one complexity.

        >>> SignPolicy().hierarchy("time"), SignPolicy().hierarchy("steps")
        (3.5, 0.0)
        """
        return self.time_hierarchy_bits if unit == "time" else 0.0


@dataclass(frozen=True)
class SignDecision:
    """A sign, the share of bootstrap resamples that agree with it, and why."""

    sign: str
    confidence: float
    reasons: list[str] = field(default_factory=list)
    shape: str = ""
    #: A fall read inconclusive only because the generator's own costs, too noisy,
    #: could hide the verifier's work beneath an overhead: more generator-only
    #: instances narrow its medians and may decide it.
    wants_generator_instances: bool = False
    #: What a decided sign rests on: ``"trend"`` (a growing term whose interval clears
    #: the band), ``"equivalence"`` (every growing shape the bootstrap fits moves within
    #: it) or ``"parsimony"`` (a settled shape wins by the evidence margin while the
    #: growing interval reaches past the band: the weakest of the three); empty when
    #: inconclusive.
    basis: str = ""


@dataclass(frozen=True)
class _Shape:
    name: str
    growing: bool
    f: object  # a numpy ufunc-like of n
    power: bool = True

    def values(self, ns: np.ndarray) -> np.ndarray:
        return np.asarray(self.f(ns), dtype=float)  # type: ignore[operator]


def _shapes(policy: SignPolicy) -> list[_Shape]:
    shapes = [
        _Shape(f"r*(1 + a*n**-{k:g})", False, lambda n, k=k: n**-k) for k in policy.fading_exponents
    ]
    shapes.append(_Shape("r*(1 + a/log n)", False, lambda n: 1 / np.log2(n), power=False))
    shapes.append(_Shape("c + b*log log n", True, lambda n: np.log2(np.log2(n))))
    shapes.append(_Shape("c + b*log n", True, np.log2))
    shapes += [
        _Shape(f"c + b*n**{k:.2g}", True, lambda n, k=k: n**k) for k in policy.power_exponents
    ]
    return shapes


def _aicc(rss: np.ndarray, j: int, p: int, floor: float) -> np.ndarray:
    scale = np.maximum(rss / j, floor**2)
    return j * np.log(scale) + 2 * p + 2 * p * (p + 1) / (j - p - 1)


def _growing_fit(
    medians: np.ndarray, f: np.ndarray, sd: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Least squares of ``c + b*f`` on each row of medians (bits), each size's residual
    in units of ``sd`` when given: (rss, b)."""
    w = np.ones(len(f)) if sd is None else 1 / sd
    x = np.column_stack([np.ones(len(f)), f]) * w[:, None]
    coef = (medians * w) @ np.linalg.pinv(x).T
    rss = ((medians * w - coef @ x.T) ** 2).sum(axis=1)
    return rss, coef[:, 1]


def _fading_fit(medians: np.ndarray, f: np.ndarray, left: float) -> tuple[np.ndarray, np.ndarray]:
    """Residual sum of squares (bits) of a ratio ``r*(1 + a*f)`` on each row of medians,
    and the fitted curve (bits).

    An overhead adds to a cost, so it fades in the ratio, not in its logarithm:
    ``log2((n + 2000) / n)`` is nearly ``log2(2000 / n)`` at small n. The ratio is
    linear in (r, r*a); weighting by 1/ratio**2 makes its residuals relative, as the
    gap's own residuals (bits) are. A fit whose limit ratio is not positive, or whose
    fading term at the largest size is still more than ``left`` times its limit, is
    not a fade that was measured (n**2/log n against n**2 is ``0 + 1/log n``); nor is a
    ratio still more than ``log2(1 + left)`` bits below its fitted limit there.
    """
    level = medians.mean(axis=1, keepdims=True)  # the fit is scale-free: keep 2**g small
    ratio = 2.0 ** (medians - level)
    w = ratio**-2.0
    s0, s1, s2 = w.sum(axis=1), (w * f).sum(axis=1), (w * f * f).sum(axis=1)
    t0, t1 = (w * ratio).sum(axis=1), (w * f * ratio).sum(axis=1)
    det = s0 * s2 - s1 * s1
    safe = np.where(det == 0, 1.0, det)
    c = (s2 * t0 - s1 * t1) / safe
    a = (s0 * t1 - s1 * t0) / safe
    fitted = c[:, None] + a[:, None] * f[None, :]
    end = a * f[-1]  # the fade left at the largest size: within log2(1 + left) bits
    ok = (
        (det != 0)
        & (fitted > 0).all(axis=1)
        & (c > 0)
        & (end <= left * c)
        & (end >= -left / (1 + left) * c)
    )
    logs = np.log2(np.where(fitted > 0, fitted, 1.0)) + level
    rss = ((medians - logs) ** 2).sum(axis=1)
    return np.where(ok, rss, np.inf), logs


def _fading_rss(medians: np.ndarray, f: np.ndarray, left: float) -> tuple[np.ndarray, np.ndarray]:
    """The better of a fade in the ratio (an overhead on the generator) and one in its
    inverse (an overhead on the verifier): rss and fitted curve (bits)."""
    rss_g, fit_g = _fading_fit(medians, f, left)
    rss_v, fit_v = _fading_fit(-medians, f, left)
    verifier = rss_v < rss_g
    return np.where(verifier, rss_v, rss_g), np.where(verifier[:, None], -fit_v, fit_g)


def _tail_slope(values: np.ndarray, ns: np.ndarray, last: int) -> np.ndarray:
    """Least-squares slope (bits per doubling of n) of each row over the last sizes."""
    x = np.log2(ns[-last:])
    x = x - x.mean()
    return (values[:, -last:] * x).sum(axis=1) / (x * x).sum()


@dataclass(frozen=True)
class _Choice:
    """Per row of medians: the chosen shape (-1 constant); the chosen growing term's
    drift in bits over the last doubling of n (0 unless it wins by the margin); the
    best growing shape's drift whether or not it wins; whether it wins by the margin;
    whether a neutral shape wins by the margin; and the best neutral shape's fitted
    curve (bits)."""

    index: np.ndarray
    drift: np.ndarray
    growing_drift: np.ndarray
    grows: np.ndarray
    settles: np.ndarray
    neutral_fit: np.ndarray


def _choose(medians: np.ndarray, ns: np.ndarray, policy: SignPolicy) -> _Choice:
    j = len(ns)
    rows = medians.shape[0]
    neutral_fit = np.repeat(medians.mean(axis=1, keepdims=True), j, axis=1)
    const_rss = ((medians - neutral_fit) ** 2).sum(axis=1)
    floor = policy.resolution_bits
    best_neutral = _aicc(const_rss, j, 1, floor)
    neutral_index = np.full(rows, -1)
    best_unfaded = np.full(rows, np.inf)
    best_growing = np.full(rows, np.inf)
    growing_index = np.full(rows, -1)
    growing_drift = np.zeros(rows)
    top = np.array([ns.max() / 2, ns.max()])
    for i, shape in enumerate(_shapes(policy)):
        f = shape.values(ns)
        if shape.growing:
            rss, b = _growing_fit(medians, f)
            score = _aicc(rss, j, 2, floor)
            better = score < best_growing
            best_growing = np.where(better, score, best_growing)
            growing_index = np.where(better, i, growing_index)
            step = float(np.diff(shape.values(top))[0])
            growing_drift = np.where(better, b * step, growing_drift)
            continue
        # A fade still under way at the largest size cannot support "neutral", but
        # while it fits as well as growth, growth is not shown either.
        unfaded = _aicc(_fading_rss(medians, f, policy.unfaded_left)[0], j, 2, floor)
        best_unfaded = np.minimum(best_unfaded, unfaded)
        if not shape.power:
            # A 1/log n fade blocks growth but never stands as neutral: over the sizes
            # that can be measured it is indistinguishable from a log log n growth.
            continue
        rss, fit = _fading_rss(medians, f, policy.fading_left)
        score = _aicc(rss, j, 2, floor)
        better = score < best_neutral
        best_neutral = np.where(better, score, best_neutral)
        neutral_index = np.where(better, i, neutral_index)
        neutral_fit = np.where(better[:, None], fit, neutral_fit)
    margin = policy.evidence_margin
    grows = best_growing < np.minimum(best_neutral, best_unfaded) - margin
    settles = best_neutral < best_growing - margin
    index = np.where(grows, growing_index, neutral_index)
    drift = np.where(grows, growing_drift, 0.0)
    return _Choice(index, drift, growing_drift, grows, settles, neutral_fit)


_Family = tuple[np.ndarray, np.ndarray, np.ndarray]


def _power_fades(ns: np.ndarray, policy: SignPolicy) -> list[_Family]:
    """Shapes of log2 of the ratio an additive term can fade by against the leading one,
    each ``rate * g + h`` for a rate among the returned ones, 0 at the largest size:
    ``n**-k`` (a constant, a lower power beside the leading term) and the same with
    one log factor fewer."""
    lg = np.log2(ns)
    zero, fewer = np.zeros(len(ns)), np.log2(lg[-1] / lg)
    powers = np.array(policy.overhead_exponents)
    return [(lg[-1] - lg, zero, powers), (lg[-1] - lg, fewer, powers)]


#: Exponents e of the exponential leading costs ``2**(b * n**e)`` that overheads fade beside.
_LEADING_EXPONENTS = (1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4, 1.0)


def _exponential_fades(ns: np.ndarray, policy: SignPolicy) -> list[_Family]:
    """``2**-(b * n**e)``: a constant beside an exponential ``2**(b * n**e)``, which can
    fade by hundreds of bits over the sizes measured, its fall no slower than the least
    power's at every size; and ``n**j * 2**-(b * n)`` (j = 1..4): a power beside
    ``2**(b * n)``, whose ratio may first rise (``n**2`` beside ``1.1**n`` peaks at
    n = 21) and is asked to fall so only at the top. Only beside a true exponential: a
    power's hump beside ``2**(n**e)``, e < 1, would spread over doublings and pass for a
    slow fall. The constant's families come first."""
    top, lg = ns.max(), np.log2(ns)
    least_power = float(min(policy.overhead_exponents))
    families = []
    for j in range(5):
        for e in _LEADING_EXPONENTS if j == 0 else (1.0,):
            reach = (top**e - ns**e) / (top**e - ns.min() ** e)  # 1 at the smallest size
            # Slower than the least power it may not be, for the same reason.
            steps = slice(None) if j == 0 else slice(-1, None)
            least = np.max(((j + least_power) * np.diff(lg) / -np.diff(reach))[steps])
            rates = np.geomspace(max(least, 0.5), max(1024.0, 2 * least), 24)
            families.append((reach, j * (lg - lg[-1]), rates))
    return families


def _overhead_misfit(
    point: np.ndarray, sd: np.ndarray, ns: np.ndarray, policy: SignPolicy
) -> float:
    """The chi-square misfit (in units of each median's standard error) of the best
    settled ratio with overheads on the generator fading beside it: one,
    ``c + log2(1 + a*f(n))`` for f of :func:`_power_fades` or :func:`_exponential_fades` and
    ``0 <= a <= fading_left``
    (the overhead at most ``fading_left`` times the ratio at the largest size), or a sum
    of them (:func:`_overheads_misfit`), whichever fits better.

    For one overhead a grid finds each family's best fit, least squares then refines
    its size and rate: a deterministic count leaves no noise to hide what a grid misses.
    The best rate of each exponential family is the exponential the sums may use.
    """
    from scipy.optimize import least_squares

    weight = sd**-2.0
    root = np.sqrt(weight)
    top = math.log2(policy.fading_left)
    log_sizes = np.linspace(-150.0, top, 76)

    def residual(log_size: float, rate: float, g: np.ndarray, h: np.ndarray) -> np.ndarray:
        r = point - np.logaddexp2(0.0, log_size + rate * g + h)
        return (r - (r * weight).sum() / weight.sum()) * root

    flat = np.zeros_like(point)
    best = float((residual(-math.inf, 0.0, flat, flat) ** 2).sum())  # no overhead at all
    powers = _power_fades(ns, policy)
    exponentials = []  # each exponential family's best fade, for the sums below
    for k, (g, h, rates) in enumerate(powers + _exponential_fades(ns, policy)):
        shifted = log_sizes[:, None, None] + rates[None, :, None] * g + h  # (sizes, rates, n)
        r = point - np.logaddexp2(0.0, shifted)
        r = r - (r * weight).sum(axis=2, keepdims=True) / weight.sum()
        misfit = ((r**2) * weight).sum(axis=2)
        i, j = np.unravel_index(misfit.argmin(), misfit.shape)
        fit = least_squares(
            lambda theta, g=g, h=h: residual(theta[0], theta[1], g, h),
            [log_sizes[i], rates[j]],
            bounds=([-400.0, rates.min()], [top, rates.max()]),
        )
        best = min(best, float(misfit.min()), float((fit.fun**2).sum()))
        if len(powers) <= k < len(powers) + len(_LEADING_EXPONENTS):
            exponentials.append(fit.x[1] * g)
    return min(best, _overheads_misfit(point, sd, ns, policy, exponentials))


def _overheads_misfit(
    point: np.ndarray,
    sd: np.ndarray,
    ns: np.ndarray,
    policy: SignPolicy,
    exponentials: Sequence[np.ndarray] = (),
) -> float:
    """The chi-square misfit of a settled ratio with a sum of overheads on the generator:
    ``c + log2(1 + X(n))``, ``X`` at most ``fading_left`` at the largest size and a
    nonnegative combination of the power fades of :func:`_power_fades` (as
    ``n**2 + 1000*n + 10**5`` against ``n**2`` carries two) and, beside an exponential
    leading term, of one exponential fade (log2 of it in ``exponentials``) times powers
    of n: polynomial terms beside the same exponential.

    A sum of lower-order terms still fades faster than a log factor or an exponent
    difference falls: each power term of ``X`` shrinks by at least ``2**-k`` per
    doubling of n for the least overhead exponent k, so ``log X`` is convex in
    ``log n`` and never flatter than ``-k``. Exponential fades of several rates are not
    summed: terms beside one exponential leading cost share its rate. For each limit
    ``c`` on a grid, nonnegative least squares in ``X`` (weighted so its residuals
    approximate those of the bits) picks the terms; least squares in bits then refines
    their sizes and the limit. Fades are handled by their logarithms, as an
    exponential one spans hundreds of bits.
    """
    powers = np.vstack([r * g + h for g, h, rates in _power_fades(ns, policy) for r in rates])
    degrees = np.log2(ns / ns.max())
    # A term must fade at least as fast as the least power fades, at every step.
    fastest = -min(policy.overhead_exponents) * np.diff(degrees)
    bases = [powers]
    for lead in exponentials:
        terms = [lead + j * degrees for j in (0, 1, 2, 4)]
        bases.append(np.vstack([powers, *(t for t in terms if (np.diff(t) <= fastest).all())]))
    return min(_sum_misfit(point, sd, logs, policy) for logs in bases)


def _sum_misfit(point: np.ndarray, sd: np.ndarray, logs: np.ndarray, policy: SignPolicy) -> float:
    """The least chi-square misfit of ``c + log2(1 + sum_i a_i * 2**logs[i])``, a >= 0,
    ``sum a <= fading_left``, ``c`` at most ``log2(1 + fading_left)`` below the ratio at
    the largest size (see :func:`_overheads_misfit`)."""
    from scipy.optimize import least_squares, nnls

    top, reach = point[-1], math.log2(1 + policy.fading_left)
    ceiling = math.log2(policy.fading_left)

    def misfit(limit: float, terms: np.ndarray, log_sizes: np.ndarray) -> np.ndarray:
        log_x = np.logaddexp2.reduce(log_sizes[:, None] + logs[terms], axis=0)
        return (point - limit - np.logaddexp2(0.0, log_x)) / sd

    best, best_at = math.inf, (top, np.zeros(0, dtype=int), np.zeros(0))
    for limit in np.linspace(top - reach, top + 2 * sd[-1], 48):
        excess = 2.0 ** (point - limit) - 1
        if excess.min() < -0.5:
            continue  # the limit sits well above some size's ratio: no overhead lowers it
        log_weight = -np.log2(sd * math.log(2)) - np.logaddexp2(0.0, point - limit)
        weighted = logs + log_weight
        scale = weighted.max(axis=1, keepdims=True)
        sizes, _ = nnls(2.0 ** (weighted - scale).T, np.maximum(excess, 0) * 2.0**log_weight)
        terms = np.flatnonzero(sizes)
        log_sizes = np.log2(sizes[terms]) - scale[terms, 0]
        if not len(terms) or np.logaddexp2.reduce(log_sizes) > ceiling:
            continue
        r = misfit(limit, terms, log_sizes)
        if float(r @ r) < best:
            best, best_at = float(r @ r), (limit, terms, log_sizes)
    limit, terms, log_sizes = best_at
    if not len(terms):
        return best
    fit = least_squares(
        lambda theta: misfit(theta[0], terms, theta[1:]),
        np.concatenate([[limit], np.minimum(log_sizes, ceiling)]),
        bounds=(
            np.concatenate([[top - reach], np.full(len(terms), -2000.0)]),
            np.concatenate([[np.inf], np.full(len(terms), ceiling)]),
        ),
    )
    if np.logaddexp2.reduce(fit.x[1:]) <= ceiling:
        best = min(best, float((fit.fun**2).sum()))
    return best


def _overhead_explains(medians: np.ndarray, ns: np.ndarray, policy: SignPolicy) -> float:
    """The p-value of the hypothesis that an overhead on the generator fading beside a
    settled ratio explains the medians (see :func:`_overhead_misfit`): on all sizes, or
    else the first set leaving one size out (when ``min_sizes`` remain) on which it is
    not rejected at ``policy.level``, or else the largest. Standard errors come from
    :func:`_standard_errors`.
    """
    from scipy.stats import chi2

    sd = _standard_errors(medians, policy)
    best = 0.0
    # Leaving a size out must leave the test ``min_sizes`` sizes to read.
    drops = range(-1, len(ns) if len(ns) > policy.min_sizes else 0)
    for drop in drops:
        kept = np.arange(len(ns)) != drop
        misfit = _overhead_misfit(medians[0, kept], sd[kept], ns[kept], policy)
        best = max(best, float(chi2.sf(misfit, int(kept.sum()) - 2)))
        if best >= 1 - policy.level:
            break
    return best


def _growth_fits(medians: np.ndarray, ns: np.ndarray, policy: SignPolicy) -> float:
    """The p-value of the best growing shape's chi-square misfit to the medians (each in
    units of its standard error, :func:`_standard_errors`): large when growth explains
    the curve as well as the noise allows.

    >>> ns = np.array([64.0, 128, 256, 512, 1024])
    >>> line = np.log2(ns)[None, :].repeat(3, axis=0)
    >>> round(_growth_fits(line, ns, SignPolicy()), 2)
    1.0
    """
    from scipy.stats import chi2

    sd = _standard_errors(medians, policy)
    best = min(
        float(_growing_fit(medians[:1], shape.values(ns), sd)[0][0])
        for shape in _shapes(policy)
        if shape.growing
    )
    return float(chi2.sf(best, len(ns) - 2))


def _standard_errors(medians: np.ndarray, policy: SignPolicy) -> np.ndarray:
    """Each size's median's standard error, from the bootstrap rows of ``medians``,
    never below the sizes' average (the noise is the instances', much the same at every
    size; three instances can agree by chance) nor below ``resolution_bits``."""
    spread = medians[1:].var(axis=0)
    return np.sqrt(np.maximum(np.maximum(spread, spread.mean()), policy.resolution_bits**2))


def _least_squares_above(
    design: np.ndarray, target: np.ndarray, lower: np.ndarray
) -> tuple[float, np.ndarray]:
    """``min |design @ x - target|**2`` with ``x[0]`` free and ``x[1:] >= lower[1:]``:
    the least squared misfit and its ``x``.

    The free intercept is projected out and the bounds shifted to zero, which leaves a
    nonnegative least-squares problem that an active-set solver settles exactly (an
    iterative bounded solver stops at a tolerance, hundreds of times slower on these
    few-by-few problems).

    >>> design = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> misfit, x = _least_squares_above(design, np.array([2.0, 1.0, 0.0]), np.array([0, 0.0]))
    >>> round(misfit, 3), x.round(3).tolist()  # the falling line is held flat
    (2.0, [1.0, 0.0])
    """
    from scipy.optimize import nnls

    free, bounded = design[:, 0], design[:, 1:]
    shifted = target - bounded @ lower[1:]
    project = np.eye(len(free)) - np.outer(free, free) / (free @ free)
    above, misfit = nnls(project @ bounded, project @ shifted)
    x = np.concatenate([[0.0], lower[1:] + above])
    x[0] = free @ (shifted - bounded @ above) / (free @ free)
    return float(misfit**2), x


def _generator_hides_verifier(
    generate: np.ndarray, verify: np.ndarray, ns: np.ndarray, policy: SignPolicy, unit: str
) -> float:
    """The p-value of the hypothesis, read on the generator's own costs, that it spends
    a multiple of the verifier's cost beneath overheads that have not faded yet:
    ``C_gen(n) = L(n) + O(n)`` with ``L`` proportional to ``C_verify`` and at least
    ``1 / (1 + unfaded_left)`` of ``C_gen`` at the largest size.

    An overhead is a cost: it does not shrink as n grows, and a sum of terms
    ``n**k``, ``b**(n**e)`` or their products has a logarithm convex in ``log n`` (its
    slope is an average that shifts to the faster terms). So ``log O`` must be convex
    in ``log n`` and nondecreasing, up to two log factors (``lg n`` is log-concave, its
    slope falls by ``1 / (ln 2 * lg n)`` bits per doubling) and, for time, twice the
    unit's drift. A generator whose remainder bends down where the verifier takes off
    (a linear generator beside an exponential verifier) hides no leading term. The
    best share and the best such curve (least squares under those bounds on the slope)
    give the least misfit; each median's standard error comes from its bootstrap rows.
    """
    from scipy.stats import chi2

    lg = np.log2(ns)
    # Slopes in bits per doubling, one per step between sizes, placed at mid-steps.
    run, middle = np.diff(lg), (lg[1:] + lg[:-1]) / 2
    bend = 2 * (1 / middle[:-1] - 1 / middle[1:]) / math.log(2) + 2 * policy.allowance(unit)
    design = np.zeros((len(ns), len(ns)))  # z = design @ (z_1, s_1, d_1 .. d_{n-2})
    design[:, 0] = 1.0
    for i in range(1, len(ns)):
        design[i, 1:] = design[i - 1, 1:]
        design[i, 1] += run[i - 1]
        design[i, 2 : i + 1] += run[i - 1]
    lower = np.concatenate([[-np.inf, -policy.allowance(unit)], -bend])
    # Each side's noise in bits, never below its sizes' average (three instances can
    # agree by chance), as a ratio to the largest size: none there, by construction.
    own_sd, verify_sd = (
        np.hypot(e, e[-1]) * (np.arange(len(ns)) < len(ns) - 1)
        for e in (_standard_errors(generate, policy), _standard_errors(verify, policy))
    )
    own, verify = generate - generate[:, -1:], verify - verify[:, -1:]
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for share in np.linspace(1 / (1 + policy.unfaded_left), 0.98, 24):
        rest = 2.0**own - share * 2.0**verify
        if rest[0].min() <= 0:
            continue  # the verifier's curve alone outgrows the generator's somewhere
        logs = np.log2(np.where(rest > 0, rest, np.nan))
        spread = np.sqrt(np.nanvar(logs[1:], axis=0))
        # The same noise carried into log2 of the remainder (to first order).
        floor = np.hypot(2.0 ** own[0] * own_sd, share * 2.0 ** verify[0] * verify_sd) / rest[0]
        sd = np.maximum(np.maximum(spread, floor), policy.resolution_bits)
        misfit, x = _least_squares_above(design / sd[:, None], logs[0] / sd, lower)
        if best is None or misfit < best[0]:
            best = (misfit, design @ x, sd)
    if best is None:
        return 1.0  # no share fits under the generator at all: the test cannot speak
    # Bounds on slopes make the misfit's law a mixture of chi-squares whose weights
    # depend on which bounds bind; drawing it at the fitted curve gives them.
    misfit, curve, sd = best
    if misfit <= policy.resolution_bits**2:
        return 1.0
    # Each mixed-in law has at most one degree of freedom per bound (n - 1 of them), so
    # that chi-square's tail bounds the p-value from above: a clear misfit needs no draws.
    ceiling = float(chi2.sf(misfit, len(ns) - 1))
    if ceiling < 1 - policy.level:
        return ceiling
    rng = np.random.default_rng(0)
    draws = [
        _least_squares_above(design / sd[:, None], curve / sd + z, lower)[0]
        for z in rng.standard_normal((policy.rounds, len(ns)))
    ]
    return float(np.mean(np.array(draws) >= misfit))


def _resampled_medians(samples: list[np.ndarray], rounds: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((rounds + 1, len(samples)))
    for j, values in enumerate(samples):
        out[0, j] = np.median(values)
        picks = rng.integers(0, len(values), size=(rounds, len(values)))
        out[1:, j] = np.median(values[picks], axis=1)
    return out


def _log_factor_drift(top: float) -> float:
    """Bits that a log factor (n log n against n) adds over the doubling up to ``top``."""
    return math.log2(math.log2(top) / math.log2(top / 2)) if top > 2 else 1.0


def decide_sign(
    gaps: Mapping[int, Sequence[float]],
    unit: str,
    policy: SignPolicy | None = None,
    *,
    censored: str | None = None,
    seed: int = 0,
    generate: Mapping[int, Sequence[float]] | None = None,
    verify: Mapping[int, Sequence[float]] | None = None,
) -> SignDecision:
    """Decide the sign of a gap from its paired per-instance samples.

    Parameters
    ----------
    gaps : mapping of int to sequence of float
        Size -> log2(C_generate / C_verify) of each instance measured on both sides.
    unit : str
        The cost unit; only ``"time"`` and ``"memory"`` get a drift allowance.
    policy : SignPolicy, optional
    censored : {None, "generate", "verify", "both"}
        Which side had calls stopped by a budget. The paired instances left are then
        the easy ones for that side, so the measured gap is a bound in one direction
        only, and only a sign in that direction can stand.
    seed : int
        Seeds the bootstrap (the measurement's seed, so a report is reproducible).
    generate, verify : mapping of int to sequence of float, optional
        Size -> log2 of each side's own costs: ``verify`` on the paired instances,
        ``generate`` on every instance the generator finished (generator-only ones
        too, which narrow its median). With both, a fall that an overhead on the
        generator would explain in the gap alone may be ruled out by the generator's
        own costs (see :func:`_generator_hides_verifier`).

    Examples
    --------
    >>> def overhead(sizes):
    ...     return {n: [math.log2((n + 2000) / n)] * 3 for n in sizes}
    >>> decide_sign(overhead([512, 1024, 2048, 4096, 8192]), "steps").sign  # still fading
    'inconclusive'
    >>> found = decide_sign(overhead([4096, 8192, 16384, 32768, 65536]), "steps")
    >>> found.sign, found.basis
    ('neutral', 'parsimony')
    >>> log_factor = {n: [math.log2(math.log2(n))] * 3 for n in (512, 1024, 2048, 4096, 8192)}
    >>> decide_sign(log_factor, "steps").sign
    'positive'
    """
    policy = policy or SignPolicy()
    if censored == "both":
        return SignDecision("inconclusive", 0.0, ["both sides were censored by budgets"])
    sizes = sorted(n for n, v in gaps.items() if len(v) >= policy.min_instances and n >= 2)
    if len(sizes) < policy.min_sizes:
        return SignDecision(
            "inconclusive",
            0.0,
            [f"the paired gap was measured at {len(sizes)} sizes; {policy.min_sizes} are needed"],
        )
    ns = np.array(sizes, dtype=float)
    medians = _resampled_medians(
        [np.asarray(gaps[n], dtype=float) for n in sizes], policy.rounds, seed
    )
    choice = _choose(medians, ns, policy)
    shapes = _shapes(policy)
    point = "c" if choice.index[0] < 0 else shapes[choice.index[0]].name
    tail = (1 - policy.level) / 2

    def interval(values: np.ndarray) -> tuple[float, float]:
        return float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail))

    trend = choice.growing_drift[1:]
    lo, hi = interval(trend)
    allowance = policy.allowance(unit)
    wins = choice.grows[1:]
    band = policy.band(unit, ns.max())
    up = float(np.mean(wins & (trend > band)))
    down = float(np.mean(wins & (trend < -band)))
    # Equivalence: the best growing shape, fitted whether or not it wins, moves less
    # than the band over the last doubling in the interval's whole range.
    equivalent = max(abs(lo), abs(hi)) <= band
    # The neutral shape must not be contradicted where it matters most: the residuals
    # of the last sizes must not trend away from it as fast as the least sign named,
    # a log factor (a fade of another shape than those fitted misses by less).
    least = max(allowance, _log_factor_drift(ns.max()))
    misfit_lo, misfit_hi = interval(
        _tail_slope(medians[1:] - choice.neutral_fit[1:], ns, policy.tail_sizes)
    )
    contradicted = misfit_lo > least or misfit_hi < -least
    settled = np.mean(choice.settles[1:] | (np.abs(choice.drift[1:]) <= band))
    where = (
        f"g(n) ~ {point} best; the best growing shape moves [{lo:+.3f}, {hi:+.3f}] bits "
        f"over the last doubling ({policy.level:.0%} bootstrap interval) and wins in "
        f"{np.mean(wins):.0%} of resamples"
    )
    steps = np.diff(medians[0])
    rises = int(np.sum(steps > policy.resolution_bits)) >= policy.moving_steps
    falls = int(np.sum(steps < -policy.resolution_bits)) >= policy.moving_steps
    grows = bool(choice.grows[0])
    # The worst error is a false negative: a fall must be more than an overhead fading,
    # on every size but one (noise at the largest alone can bend a fade).
    explained, hidden = 0.0, False
    if grows and choice.drift[0] < 0:
        explained = _overhead_explains(medians, ns, policy)
        if explained >= 1 - policy.level and generate is not None and verify is not None:
            own, other = (
                _resampled_medians(
                    [np.asarray(side[n], dtype=float) for n in sizes], policy.rounds, seed
                )
                for side in (generate, verify)
            )
            explained = min(explained, _generator_hides_verifier(own, other, ns, policy, unit))
            # More instances can only narrow medians that scatter.
            scatter = bool((_standard_errors(own, policy) > policy.resolution_bits).any())
            hidden = explained >= 1 - policy.level and scatter
        grows = explained < 1 - policy.level
    # ... and the largest sizes must not rise against it: a fall that turns up at the
    # top is an overhead fading into a rise, whatever fits the sizes below.
    turning, _ = interval(_tail_slope(medians[1:], ns, policy.tail_sizes))
    turns_up = turning > least
    # A settled shape does not show a ratio settling while the best growing shape's whole
    # interval trends one way past the band, and either the shape is a bare constant
    # (which winning on parsimony explains no trend: noise hides it) or a growing shape
    # fits the sizes too (a fade still under way bends as a slow growth does).
    trending = lo > band or hi < -band
    unexplained = trending and (
        choice.index[0] < 0 or _growth_fits(medians, ns, policy) >= 1 - policy.level
    )
    parsimonious = bool(choice.settles[0]) and settled >= policy.neutral_share and not unexplained
    # Nor may a settled ratio on parsimony rest on a fade that has not settled where it
    # was measured: one still moving at the largest sizes as fast as a log factor claims
    # its end from its shape alone, which a slow trend under a fading term also fits.
    fading = float(_tail_slope(choice.neutral_fit[:1], ns, policy.tail_sizes)[0])
    unfinished = abs(fading) > least
    # A sign needs a trend the equivalence test would not call negligible: between the
    # two lies what the sizes cannot tell (inconclusive).
    if grows and rises and lo > band and up >= policy.growing_share:
        sign, share = "positive", up
    elif grows and falls and hi < -band and down >= policy.growing_share and not turns_up:
        sign, share = "negative", down
    elif contradicted:
        sign, share = "inconclusive", 0.0
    elif equivalent:
        sign, share = "neutral", float(np.mean(np.abs(trend) <= band))
    elif parsimonious and not unfinished:
        sign, share = "neutral", float(settled)
    else:
        sign, share = "inconclusive", 0.0
    # Time may drift in all between unlike codes as far as the memory hierarchy moves
    # them: a sign must move the gap further than that over the sizes measured, and one
    # that does not is inconclusive, not neutral.
    hierarchy = policy.hierarchy(unit)
    moved = float(medians[0, -1] - medians[0, 0])
    short = bool(hierarchy) and (
        (sign == "positive" and moved <= hierarchy) or (sign == "negative" and moved >= -hierarchy)
    )
    if short:
        sign, share = "inconclusive", 0.0
    # What the generator's own costs left open would otherwise be a negative sign.
    hidden = hidden and sign == "inconclusive" and censored != "generate" and falls and hi < -band
    hidden = hidden and down >= policy.growing_share and not turns_up
    hidden = hidden and not (bool(hierarchy) and moved >= -hierarchy)
    reasons = [f"{where}: {sign}"]
    if short:
        reasons[0] += (
            f"; the gap moved {moved:+.2f} bits from the smallest size to the largest, within "
            f"the {hierarchy:g} bits by which the memory hierarchy can move the {unit} ratio "
            "of two unlike codes of one complexity: it may be cache effects, not a trend"
        )
    elif sign == "neutral" and equivalent:
        reasons[0] += f"; that is within the {band:.3f} bits that a quarter of a log factor moves"
    elif sign == "neutral":
        reasons[0] += (
            f"; {point} wins by the evidence margin in {settled:.0%} of resamples: settled on "
            f"parsimony, as the growing interval reaches past the {band:.3f} bits that "
            "equivalence allows"
        )
    elif sign == "inconclusive" and turns_up and choice.drift[0] < 0:
        reasons[0] += (
            f"; the largest sizes rise by at least {turning:+.3f} bits per doubling: "
            "the fall turns up at the top"
        )
    elif sign == "inconclusive" and explained >= 1 - policy.level:
        reasons[0] += (
            f"; overheads on the generator that fade to within {policy.fading_left:g} times "
            f"the ratio at the largest size explain the fall (p = {explained:.2f}): it may "
            "be an overhead, not a trend"
        )
    elif sign == "inconclusive" and parsimonious and unfinished and not contradicted:
        reasons[0] += (
            f"; {point} wins on parsimony but still moves {fading:+.3f} bits per doubling at "
            "the largest sizes, as fast as a log factor: the sizes do not show it settling"
        )
    elif unexplained and sign == "inconclusive":
        reasons[0] += (
            f"; {point} fits as well as a growing shape whose whole interval is past the "
            "band: the sizes do not tell a settled ratio from a trend"
        )
    elif contradicted:
        reasons[0] += (
            f"; the largest sizes move away from {point} by [{misfit_lo:+.3f}, "
            f"{misfit_hi:+.3f}] bits per doubling, as fast as a log factor"
        )
    if allowance:
        reasons[0] += f" (allowance for {unit} drift: {allowance:g} bits per doubling)"
    basis = "equivalence" if equivalent else "parsimony"
    basis = basis if sign == "neutral" else "" if sign == "inconclusive" else "trend"
    decision = SignDecision(sign, share, reasons, point, hidden, basis)
    return _censoring(decision, censored)


def _censoring(decision: SignDecision, censored: str | None) -> SignDecision:
    """Keep only a sign that the censored side can make larger, never overturn."""
    safe = {"generate": "positive", "verify": "negative"}.get(censored or "")
    if safe is None or decision.sign in (safe, "inconclusive"):
        return decision
    why = (
        f"{censored} was censored, so the paired instances left are its easy ones and the "
        f"true gap is {'larger' if safe == 'positive' else 'smaller'} than measured: "
        f"a {decision.sign} reading cannot stand"
    )
    return SignDecision("inconclusive", 0.0, [*decision.reasons, why], decision.shape)

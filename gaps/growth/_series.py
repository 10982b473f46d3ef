"""Input validation and per-size summaries of a cost series; shared constants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from gaps.errors import InvalidArgument

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

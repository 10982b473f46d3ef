"""A held-out suite of labelled cost series, built apart from the tuned one.

The fitter's rules were set against :mod:`growth_suite`; this suite is built another
way, from other seeds, and is never tuned on. Every series draws its law at random
(exponents and bases from continuous ranges, not a list of typical values) and then
meets the conditions real measurements meet together:

* lognormal noise up to sigma 0.3, part of it a per-instance difficulty shared by the
  same instance index at every size (real instances share their difficulty);
* 5 to 7 linearly spaced sizes;
* narrow ranges (the largest size 4 times the smallest);
* a constant overhead that dominates all but the largest sizes;
* lower-order terms (``n**2 + n log n``, ``n**k + n**(k-1)``, ``2**n + n**3``);
* censored tails (a budget stops the costliest instances of the top sizes).

Some series cannot be told apart at their sizes (a large overhead in heavy noise);
the benchmark counts a fit that says so, with the truth among the growths it cannot
reject, as honest, and a confident wrong label as wrong.

>>> suite = build_heldout(seed=0)
>>> len(suite) >= 200 and len({s.category for s in suite}) == len(CATEGORIES)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from growth_suite import Series, log_growth

__all__ = ["CATEGORIES", "build_heldout"]

Rng = np.random.Generator

#: Added to the seed so that no stream of this suite is one of the tuned suite's.
_STREAM = 7919


@dataclass(frozen=True)
class Law:
    """A growth law drawn at random: its label, parameter and ``log g(n)``."""

    label: str
    param: float | None
    s: float = 1.0  # inner constant of a subexponential

    def log_g(self, n: np.ndarray) -> np.ndarray:
        return log_growth(self.label, self.param, n, self.s)


_POLY_LABELS = ("constant", "log", "linear", "linearithmic", "quadratic", "cubic", "polynomial")


def _exponent(rng: Rng) -> float:
    """A free exponent in [0.3, 5], at least 0.2 away from the named powers 1, 2, 3."""
    while True:
        k = round(float(rng.uniform(0.3, 5.0)), 2)
        if min(abs(k - j) for j in (1, 2, 3)) >= 0.2:
            return k


def _law(
    rng: Rng, labels: tuple[str, ...] = (*_POLY_LABELS, "exponential", "subexponential")
) -> Law:
    label = str(rng.choice(labels))
    if label == "polynomial":
        return Law(label, _exponent(rng))
    if label == "exponential":
        return Law(label, round(float(rng.uniform(1.15, 3.0)), 3))
    if label == "subexponential":
        return Law(label, round(float(rng.uniform(0.25, 0.75)), 3))
    return Law(label, {"linear": 1.0, "quadratic": 2.0, "cubic": 3.0}.get(label))


def _sizes(rng: Rng, law: Law, count: int, factor: float, spacing: str) -> list[int]:
    """``count`` distinct sizes, ``linear``ly or ``geo``metrically spaced.

    Powers and logs span ``factor``; an exponential spans 8 to 20 bits of growth from a
    small start; a subexponential spans ``factor`` from 16 to 64.
    """
    if law.label == "exponential":
        lo = int(rng.integers(3, 12))
        bits = float(rng.uniform(8.0, 20.0))
        hi = lo + max(round(bits * math.log(2) / math.log(float(law.param or 2))), count)
    else:
        lo = (
            int(rng.integers(16, 65)) if law.label == "subexponential" else int(rng.integers(4, 65))
        )
        hi = max(round(lo * factor), lo + count)
    grid = np.linspace(lo, hi, count) if spacing == "linear" else np.geomspace(lo, hi, count)
    return sorted({round(float(v)) for v in grid})


def _with_s(law: Law, sizes: list[int], rng: Rng) -> Law:
    """A subexponential's inner constant, set for 8 to 16 nats of growth over the range."""
    if law.label != "subexponential":
        return law
    a = float(law.param or 0.5)
    growth = float(rng.uniform(8.0, 16.0))
    return Law(law.label, law.param, growth / (max(sizes) ** a - min(sizes) ** a))


def _series(
    rng: Rng,
    category: str,
    law: Law,
    sizes: list[int],
    *,
    reps: int,
    sigma: float,
    shared: float = 0.0,
    overhead: float = 0.0,
    lower: tuple[str, Callable[[np.ndarray], np.ndarray], float] | None = None,
    censor_top: int = 0,
) -> Series:
    """Costs ``c*g(n) [+ lower-order term] [+ overhead]`` times lognormal noise.

    ``shared`` of the noise's variance is a difficulty per instance index, the same at
    every size. ``overhead`` is a multiple of the growing term at the *second largest*
    size, so it dominates every size but the top ones. ``lower`` is (name, h(n), r): a
    term ``h`` scaled to ``r`` times the leading term at the smallest size.
    ``censor_top`` sets a budget just above the median of the size below the top
    ``censor_top`` sizes.
    """
    n = np.repeat(np.asarray(sizes, dtype=float), reps)
    index = np.tile(np.arange(reps), len(sizes))
    log_c = float(rng.uniform(math.log(0.1), math.log(100.0)))
    log_cost = log_c + law.log_g(n)
    name = f"{law.label}({'' if law.param is None else f'{law.param:g}'})"
    if lower is not None:
        what, h, ratio = lower
        n0 = np.array([float(min(sizes))])
        scale = ratio * math.exp(log_c + float(law.log_g(n0)[0])) / float(h(n0)[0])
        log_cost = np.logaddexp(log_cost, np.log(scale * h(n)))
        name += f" + {ratio:.2g}*{what}"
    if overhead > 0:
        ref = np.array([float(sorted(sizes)[-2])])
        log_cost = np.logaddexp(log_cost, log_c + float(law.log_g(ref)[0]) + math.log(overhead))
        name += f" + overhead {overhead:.2g}x"
    if sigma > 0:
        per_instance = rng.normal(0.0, sigma * math.sqrt(shared), reps)
        own = rng.normal(0.0, sigma * math.sqrt(1.0 - shared), len(n))
        log_cost = log_cost + per_instance[index] + own
    censored = None
    if censor_top:
        cut = sorted(sizes)[-censor_top - 1]
        budget = float(np.median(log_cost[n == cut])) + 0.25
        flags = log_cost >= budget
        log_cost = np.minimum(log_cost, budget)
        censored = [bool(f) for f in flags]
        name += f" censored {int(flags.sum())}"
    name += f" n={min(sizes)}..{max(sizes)}x{reps} sigma={sigma:.2g}"
    return Series(
        category,
        name,
        law.label,
        law.param,
        [int(v) for v in n],
        np.exp(log_cost).tolist(),
        censored,
    )


# ------------------------------------------------------------------- categories


def heavy_noise(rng: Rng) -> list[Series]:
    """Sigma 0.3, up to half of it shared per instance; 3-7 instances; factor 16-1000."""
    out = []
    for _ in range(40):
        law = _law(rng)
        count = int(rng.integers(6, 10))
        sizes = _sizes(rng, law, count, float(rng.uniform(16, 1000)), "geo")
        out.append(
            _series(
                rng,
                "noise 30% shared",
                _with_s(law, sizes, rng),
                sizes,
                reps=int(rng.integers(3, 8)),
                sigma=0.3,
                shared=float(rng.uniform(0.0, 0.5)),
            )
        )
    return out


def linear_sizes(rng: Rng) -> list[Series]:
    """5-7 linearly spaced sizes over a factor 4-64; sigma 0-0.3; 3-5 instances."""
    out = []
    for _ in range(40):
        law = _law(rng)
        sizes = _sizes(rng, law, int(rng.integers(5, 8)), float(rng.uniform(4, 64)), "linear")
        out.append(
            _series(
                rng,
                "linear sizes",
                _with_s(law, sizes, rng),
                sizes,
                reps=int(rng.integers(3, 6)),
                sigma=float(rng.choice([0.0, 0.1, 0.2, 0.3])),
                shared=0.3,
            )
        )
    return out


def narrow_range(rng: Rng) -> list[Series]:
    """The largest size 4 times the smallest (exponentials: 8-20 bits from a small
    start); 5-7 sizes, either spacing; sigma 0.05-0.2; 5 instances."""
    out = []
    for _ in range(40):
        law = _law(rng, (*_POLY_LABELS, "exponential"))
        spacing = str(rng.choice(["linear", "geo"]))
        sizes = _sizes(rng, law, int(rng.integers(5, 8)), 4.0, spacing)
        out.append(
            _series(
                rng,
                "narrow x4",
                law,
                sizes,
                reps=5,
                sigma=float(rng.uniform(0.05, 0.2)),
                shared=0.3,
            )
        )
    return out


def dominant_overhead(rng: Rng) -> list[Series]:
    """A constant 0.3-3 times the growing term at the second largest size; factor
    32-4096; sigma 0.05-0.3; 3-5 instances."""
    out = []
    for _ in range(40):
        law = _law(rng, (*_POLY_LABELS[1:], "exponential", "subexponential"))
        sizes = _sizes(rng, law, int(rng.integers(6, 10)), float(rng.uniform(32, 4096)), "geo")
        out.append(
            _series(
                rng,
                "dominant overhead",
                _with_s(law, sizes, rng),
                sizes,
                reps=int(rng.integers(3, 6)),
                sigma=float(rng.uniform(0.05, 0.3)),
                shared=0.3,
                overhead=math.exp(float(rng.uniform(math.log(0.3), math.log(3.0)))),
            )
        )
    return out


# Leading law, lower-order term (name, h) and whether h may be subtracted.
_LOWER: list[tuple[Law, str, Callable[[np.ndarray], np.ndarray]]] = [
    (Law("quadratic", 2.0), "n*log(n)", lambda n: n * np.log(n)),
    (Law("quadratic", 2.0), "n", lambda n: n),
    (Law("cubic", 3.0), "n**2*log(n)", lambda n: n**2 * np.log(n)),
    (Law("cubic", 3.0), "n", lambda n: n),
    (Law("linearithmic", None), "n", lambda n: n),
    (Law("linear", 1.0), "sqrt(n)", lambda n: np.sqrt(n)),
    (Law("linear", 1.0), "log(n)", lambda n: np.log(n)),
    (Law("polynomial", 2.5), "n**1.5", lambda n: n**1.5),
    (Law("polynomial", 1.5), "n", lambda n: n),
    (Law("polynomial", 4.0), "n**3", lambda n: n**3),
    (Law("exponential", 2.0), "n**3", lambda n: n**3),
    (Law("exponential", 1.5), "n**2", lambda n: n**2),
]


def lower_order(rng: Rng) -> list[Series]:
    """A lower-order term 0.5-10 times the leading term at the smallest size; factor
    32-2000 (exponentials: 8-20 bits); sigma 0.05-0.2; 3 instances."""
    out = []
    for law, what, h in _LOWER:
        for _ in range(3):
            sizes = _sizes(rng, law, int(rng.integers(6, 10)), float(rng.uniform(32, 2000)), "geo")
            ratio = math.exp(float(rng.uniform(math.log(0.5), math.log(10.0))))
            out.append(
                _series(
                    rng,
                    "lower order",
                    law,
                    sizes,
                    reps=3,
                    sigma=float(rng.uniform(0.05, 0.2)),
                    shared=0.3,
                    lower=(what, h, ratio),
                )
            )
    return out


def censored_tail(rng: Rng) -> list[Series]:
    """A budget stops the costliest instances of the top 1-3 sizes; sigma 0.1-0.3 with
    shared difficulty; 5 instances; factor 32-1000 or 8-20 bits."""
    out = []
    for _ in range(36):
        law = _law(
            rng,
            (
                "linear",
                "linearithmic",
                "quadratic",
                "cubic",
                "polynomial",
                "exponential",
                "exponential",
                "subexponential",
            ),
        )
        sizes = _sizes(rng, law, int(rng.integers(7, 11)), float(rng.uniform(32, 1000)), "geo")
        out.append(
            _series(
                rng,
                "censored tail",
                _with_s(law, sizes, rng),
                sizes,
                reps=5,
                sigma=float(rng.uniform(0.1, 0.3)),
                shared=0.5,
                censor_top=int(rng.integers(1, 4)),
            )
        )
    return out


def combined(rng: Rng) -> list[Series]:
    """Everything at once: 6 linearly spaced sizes over a factor 8, sigma 0.3 (a third
    shared), an overhead up to the growing term at the second largest size."""
    out = []
    for _ in range(30):
        law = _law(rng)
        sizes = _sizes(rng, law, 6, 8.0, "linear")
        out.append(
            _series(
                rng,
                "combined",
                _with_s(law, sizes, rng),
                sizes,
                reps=int(rng.integers(3, 8)),
                sigma=0.3,
                shared=1 / 3,
                overhead=float(rng.uniform(0.0, 1.0)),
            )
        )
    return out


CATEGORIES: list[tuple[str, Callable[[Rng], list[Series]]]] = [
    ("noise 30% shared", heavy_noise),
    ("linear sizes", linear_sizes),
    ("narrow x4", narrow_range),
    ("dominant overhead", dominant_overhead),
    ("lower order", lower_order),
    ("censored tail", censored_tail),
    ("combined", combined),
]


def build_heldout(seed: int = 0) -> list[Series]:
    """The whole held-out suite for ``seed`` (deterministic)."""
    out: list[Series] = []
    for i, (_, make) in enumerate(CATEGORIES):
        out.extend(make(np.random.default_rng([seed, _STREAM, i])))
    return out

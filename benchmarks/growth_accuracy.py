"""Accuracy of :func:`gaps.fit_growth` on the tuned suite and on a held-out one.

Run ``python benchmarks/growth_accuracy.py [--verbose] [--seeds 0,1,2]``.

The *tuned* suite (:mod:`growth_suite`) is the one the fitter's rules were set
against; on its first seed gaps is also compared with big_O, both classifiers seeing
the very same data (every instance, repeated sizes included, censored values as
recorded). The *held-out* suite (:mod:`growth_heldout`) is built another way, from
other seeds, and was never tuned on.

Each fit is judged three ways:

* **right**: the fit claims one growth (``separable``) and it is the truth (for
  ``polynomial`` the exponent within ±0.15);
* **honest**: the fit says the sizes cannot separate several growths, and the truth
  lies between the slowest and the fastest of them;
* **wrong**: a confident wrong label, or a set that misses the truth.

``label`` is the selected label alone, right or not, as big_O is judged. The script
exits with status 1 when right + honest is below 95% on either suite for any seed.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from growth_heldout import build_heldout
from growth_suite import CATEGORIES, Series, build_suite

import gaps
from gaps.growth import Growth, growth_order

TARGET = 0.95
POLY_TOL = 0.15

_BIG_O_LABELS = {
    "Constant": "constant",
    "Logarithmic": "log",
    "Linear": "linear",
    "Linearithmic": "linearithmic",
    "Quadratic": "quadratic",
    "Cubic": "cubic",
    "Polynomial": "polynomial",
    "Exponential": "exponential",
}


@dataclass(frozen=True)
class Verdict:
    """What one classifier said about one series, and how long it took."""

    label: str
    param: float | None
    seconds: float
    confidence: float = math.nan
    growth: Growth | None = None


def correct(series: Series, verdict: Verdict) -> bool:
    """Label equality, and for ``polynomial`` an exponent within ±0.15.

    >>> s = Series("x", "x", "polynomial", 1.5, [1, 2, 3], [1.0, 2.8, 5.2])
    >>> correct(s, Verdict("polynomial", 1.6, 0.0)), correct(s, Verdict("polynomial", 1.7, 0.0))
    (True, False)
    """
    if verdict.label != series.label:
        return False
    if series.label == "polynomial":
        return (
            verdict.param is not None and abs(verdict.param - float(series.param or 0)) <= POLY_TOL
        )
    return True


def run_gaps(series: Series, bootstrap: int = 200) -> Verdict:
    """Classify with :func:`gaps.fit_growth` (by default with its 200 resamples)."""
    start = time.perf_counter()
    g = gaps.fit_growth(series.ns, series.costs, series.censored, bootstrap=bootstrap)
    return Verdict(g.label, g.param, time.perf_counter() - start, g.confidence, g)


def judge(series: Series, verdict: Verdict) -> str:
    """``right``, ``honest`` or ``wrong`` (see the module docstring).

    >>> ns = [16, 32, 64, 128, 256]
    >>> s = Series("x", "x", "quadratic", 2.0, ns, [n * n for n in ns])
    >>> judge(s, run_gaps(s, bootstrap=0))
    'right'
    """
    g = verdict.growth
    if g is None or g.separable:
        return "right" if correct(series, verdict) else "wrong"
    truth = _order(series.label, series.param)
    slow, fast = g.plausible[0], g.plausible[-1]
    low = _order(slow.label, slow.interval[0] if slow.interval else slow.param, -POLY_TOL)
    high = _order(fast.label, fast.interval[1] if fast.interval else fast.param, POLY_TOL)
    return "honest" if low <= truth <= high else "wrong"


def _order(label: str, param: float | None, tol: float = 0.0) -> tuple[int, float]:
    """Growth order, exponents widened by ``tol``; bases and subexponential exponents
    are not judged (a short range does not identify them)."""
    if label in ("exponential", "subexponential"):
        return growth_order(label, 0.0)
    rank, value = growth_order(label, param)
    return rank, value + (tol if rank == 2 else 0.0)


def run_big_o(series: Series) -> Verdict:
    """Classify with ``big_o.infer_big_o_class`` on the same (ns, costs)."""
    import big_o

    start = time.perf_counter()
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            best, _ = big_o.infer_big_o_class(
                np.asarray(series.ns, dtype=float), np.asarray(series.costs, dtype=float)
            )
        name = type(best).__name__
        param = float(best.coefficients()[1]) if name == "Polynomial" else None
        label = _BIG_O_LABELS.get(name, name)
    except Exception as exc:  # a crash is a miss, reported by its type
        label, param = f"error: {type(exc).__name__}", None
    return Verdict(label, param, time.perf_counter() - start)


@dataclass
class Tally:
    """Counts of one category."""

    n: int = 0
    gaps_ok: int = 0  # selected label right, separable or not
    big_o_ok: int = 0
    right: int = 0
    honest: int = 0
    gaps_time: float = 0.0
    big_o_time: float = 0.0
    subexp: int = 0
    plausible: int = 0  # summed size of the plausible sets

    def add(self, series: Series, g: Verdict, b: Verdict | None) -> str:
        self.n += 1
        self.gaps_ok += correct(series, g)
        verdict = judge(series, g)
        self.right += verdict == "right"
        self.honest += verdict == "honest"
        self.plausible += len(g.growth.plausible) if g.growth is not None else 1
        self.gaps_time += g.seconds
        if b is not None:
            self.big_o_ok += correct(series, b)
            self.big_o_time += b.seconds
        self.subexp += series.label == "subexponential"
        return verdict

    def merge(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def accuracy(self) -> float:
        """Right plus honest, as a share."""
        return (self.right + self.honest) / max(self.n, 1)


Report = Callable[[Series, Verdict, str], None]


def evaluate(
    suite: list[Series], report: Report | None = None, bootstrap: int = 200, big_o: bool = True
) -> dict[str, Tally]:
    """Run gaps (and big_O) on every series; tallies per category (in suite order)."""
    tallies: dict[str, Tally] = {}
    for series in suite:
        g = run_gaps(series, bootstrap)
        b = run_big_o(series) if big_o else None
        verdict = tallies.setdefault(series.category, Tally()).add(series, g, b)
        if report is not None:
            report(series, g, verdict)
    return tallies


def overall(tallies: dict[str, Tally]) -> Tally:
    total = Tally()
    for t in tallies.values():
        total.merge(t)
    return total


def table(tallies: dict[str, Tally], big_o: bool = True) -> str:
    """The accuracy table, one row per category plus the overall row."""
    head = (
        f"{'category':<18} {'series':>6} {'right':>6} {'honest':>6} {'wrong':>6} "
        f"{'r+h':>6} {'set':>4} {'label':>6}"
        + (f" {'big_O':>6}" if big_o else "")
        + f" {'gaps ms':>8}  note"
    )
    lines = [head, "-" * len(head)]
    for name, t in tallies.items():
        lines.append(_row(name, t, big_o))
    lines += ["-" * len(head), _row("overall", overall(tallies), big_o)]
    return "\n".join(lines)


def _row(name: str, t: Tally, big_o: bool) -> str:
    note = f"{t.subexp} subexponential (big_O cannot say it)" if t.subexp and big_o else ""
    wrong = t.n - t.right - t.honest
    return (
        f"{name:<18} {t.n:>6} {t.right:>6} {t.honest:>6} {wrong:>6} {t.accuracy:>6.1%} "
        f"{t.plausible / t.n:>4.1f} {t.gaps_ok / t.n:>6.1%}"
        + (f" {t.big_o_ok / t.n:>6.1%}" if big_o else "")
        + f" {1000 * t.gaps_time / t.n:>8.1f}  {note}"
    )


def _print_miss(series: Series, g: Verdict, verdict: str) -> None:
    if verdict == "wrong":
        said = g.growth.summary if g.growth is not None else g.label
        print(f"  gaps wrong [{series.category}] {series.name}: said {said}")


def main(argv: list[str] | None = None) -> int:
    """Evaluate both suites on every seed, print the tables; 1 if below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0,1,2", help="comma-separated seeds")
    parser.add_argument("--verbose", action="store_true", help="list the series gaps got wrong")
    parser.add_argument("--bootstrap", type=int, default=200, help="gaps resamples")
    args = parser.parse_args(argv)
    seeds = [int(v) for v in args.seeds.split(",")]
    report = _print_miss if args.verbose else None
    start = time.perf_counter()
    rows, failed = [], False
    for i, seed in enumerate(seeds):
        tuned = evaluate(build_suite(seed), report, args.bootstrap, big_o=i == 0)
        fresh = evaluate(build_heldout(seed), report, args.bootstrap, big_o=False)
        if i == 0:
            print(
                f"Tuned suite, seed {seed} ({len(CATEGORIES)} synthetic categories + real "
                "step counts):"
            )
            print(table(tuned))
            print(f"\nHeld-out suite, seed {seed} (never tuned on):")
            print(table(fresh, big_o=False))
        t, f = overall(tuned), overall(fresh)
        rows.append((seed, t, f))
        failed |= t.accuracy < TARGET or f.accuracy < TARGET
    print("\nTuned against held-out, right + honest (right / honest / wrong; label alone):")
    for seed, t, f in rows:
        print(f"  seed {seed}: tuned {_summary(t)}   held-out {_summary(f)}")
    print(
        "\nright: one growth claimed and true (polynomial: |k - k_true| <= 0.15); honest: "
        "'not separable at these sizes' with the truth between the slowest and the fastest "
        "plausible growth; set: mean number of plausible growths; label: the selected label "
        f"alone. Total {time.perf_counter() - start:.0f} s."
    )
    if failed:
        print(f"FAIL: right + honest below {TARGET:.0%} on some suite and seed.")
        return 1
    print(f"OK: right + honest at least {TARGET:.0%} on both suites, every seed.")
    return 0


def _summary(t: Tally) -> str:
    wrong = t.n - t.right - t.honest
    return f"{t.accuracy:6.1%} ({t.right}/{t.honest}/{wrong} of {t.n}; label {t.gaps_ok / t.n:.1%})"


if __name__ == "__main__":
    sys.exit(main())

"""Accuracy of :func:`gaps.fit_growth` against big_O on a labeled suite of cost series.

Run ``python benchmarks/growth_accuracy.py [--verbose] [--seed N]``. Both classifiers
see the very same data (every instance, repeated sizes included, censored values as
recorded). A classification is correct when the label equals the truth; for
``polynomial`` the exponent must also be within ±0.15 of the true one. big_O has no
``subexponential`` class, so those series count as its misses (noted in the table).
The script exits with status 1 when gaps' overall accuracy is below 95%.
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

from growth_suite import CATEGORIES, Series, build_suite

import gaps

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
    return Verdict(g.label, g.param, time.perf_counter() - start, g.confidence)


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
    gaps_ok: int = 0
    big_o_ok: int = 0
    gaps_time: float = 0.0
    big_o_time: float = 0.0
    subexp: int = 0
    conf_right: float = 0.0  # summed gaps confidence where gaps is right
    conf_wrong: float = 0.0  # ... and where it is wrong

    def add(self, series: Series, g: Verdict, b: Verdict) -> None:
        self.n += 1
        ok = correct(series, g)
        self.gaps_ok += ok
        if ok:
            self.conf_right += g.confidence
        else:
            self.conf_wrong += g.confidence
        self.big_o_ok += correct(series, b)
        self.gaps_time += g.seconds
        self.big_o_time += b.seconds
        self.subexp += series.label == "subexponential"


def evaluate(
    suite: list[Series],
    report: Callable[[Series, Verdict, Verdict], None] | None = None,
    bootstrap: int = 200,
) -> dict[str, Tally]:
    """Run both classifiers on every series; tallies per category (in suite order)."""
    tallies: dict[str, Tally] = {}
    for series in suite:
        g, b = run_gaps(series, bootstrap), run_big_o(series)
        tallies.setdefault(series.category, Tally()).add(series, g, b)
        if report is not None:
            report(series, g, b)
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    """The accuracy table, one row per category plus the overall row."""
    head = (
        f"{'category':<18} {'series':>6} {'gaps':>7} {'big_O':>7} "
        f"{'gaps ms':>8} {'big_O ms':>9}  note"
    )
    lines = [head, "-" * len(head)]
    overall = Tally()
    for name, t in tallies.items():
        lines.append(_row(name, t))
        for field in (
            "n",
            "gaps_ok",
            "big_o_ok",
            "gaps_time",
            "big_o_time",
            "subexp",
            "conf_right",
            "conf_wrong",
        ):
            setattr(overall, field, getattr(overall, field) + getattr(t, field))
    lines += ["-" * len(head), _row("overall", overall)]
    wrong = overall.n - overall.gaps_ok
    if overall.gaps_ok and wrong and not math.isnan(overall.conf_right):
        lines.append(
            f"gaps mean confidence: {overall.conf_right / overall.gaps_ok:.2f} when right, "
            f"{overall.conf_wrong / wrong:.2f} when wrong"
        )
    return "\n".join(lines)


def _row(name: str, t: Tally) -> str:
    note = f"{t.subexp} subexponential (big_O cannot say it)" if t.subexp else ""
    return (
        f"{name:<18} {t.n:>6} {t.gaps_ok / t.n:>7.1%} {t.big_o_ok / t.n:>7.1%} "
        f"{1000 * t.gaps_time / t.n:>8.1f} {1000 * t.big_o_time / t.n:>9.2f}  {note}"
    )


def _print_miss(series: Series, g: Verdict, b: Verdict) -> None:
    if not correct(series, g):
        p = "" if g.param is None else f" ({g.param:.3g})"
        print(f"  gaps miss [{series.category}] {series.name}: said {g.label}{p}")


def main(argv: list[str] | None = None) -> int:
    """Build the suite, evaluate, print the table; 1 if gaps is below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="seed of the suite")
    parser.add_argument("--verbose", action="store_true", help="list the series gaps missed")
    parser.add_argument(
        "--bootstrap", type=int, default=200, help="gaps resamples (labels do not depend on it)"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    suite = build_suite(args.seed)
    built = time.perf_counter() - start
    tallies = evaluate(suite, _print_miss if args.verbose else None, args.bootstrap)
    print(table(tallies))
    total = sum(t.n for t in tallies.values())
    accuracy = sum(t.gaps_ok for t in tallies.values()) / total
    print(
        f"\n{total} series in {len(tallies)} categories "
        f"({len(CATEGORIES)} synthetic + real step counts); suite built in {built:.1f} s, "
        f"total {time.perf_counter() - start:.1f} s."
    )
    print("Correct: label equal to the truth; for 'polynomial' also |k - k_true| <= 0.15.")
    if accuracy < TARGET:
        print(f"FAIL: gaps overall accuracy {accuracy:.1%} is below {TARGET:.0%}.")
        return 1
    print(f"OK: gaps overall accuracy {accuracy:.1%} (target {TARGET:.0%}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

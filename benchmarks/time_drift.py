"""Time drift: how many bits per doubling of n the time gap of identical work moves.

Each workload runs the same code on both sides of a pairing, so its true gap is
neutral and any trend of the paired time gap log2(t_generate / t_verify) across sizes
is drift of the timer and the machine (caches crossed as the data grows, the first
side warming memory for the second, frequency scaling). The curve is the one the sign
reads: the per-size medians of the paired gaps. Per workload the figures printed are
the largest change over one doubling of n, the largest trend over two doublings (what
a fitted shape reads), and the drift beyond noise: the largest distance from zero of
such a trend's 90% bootstrap interval (instances resampled within each size), the
least systematic trend the instances allow. Scatter is the bootstrap's to weigh in a
sign; the sign policy's time allowance (``gaps.sign.SignPolicy.time_allowance``) is
for the systematic part, and is checked against the drift beyond noise.

A second part times *unlike* work of the same complexity: building an object per
element, in order, against following a random cycle through the same n elements, both
linear in the RAM model, so their true gap is neutral too. The lean random walk feels
each cache level the data leaves, the interpreter-heavy loop much less, so the paired
gap drifts far more than identical work does, but by a bounded total. The whole range
of its curve is what ``SignPolicy.time_hierarchy_bits`` must cover (a time gap must
move further than that for a sign); the goal there is a range within it and no sign.

    python benchmarks/time_drift.py            # goal: largest trend <= the allowance
    python benchmarks/time_drift.py --seed 1
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
from paired import measure_paired

import gaps
from gaps.report import GapReport
from gaps.sign import SignPolicy, _resampled_medians, _tail_slope

INSTANCES = 7


def _floats(size: int, rng: random.Random) -> list[float]:
    return [rng.random() for _ in range(size)]


def _array(size: int, rng: random.Random) -> np.ndarray:
    return np.random.default_rng(rng.randrange(2**32)).random(size)


def _lookups(xs: list[float]) -> int:
    table = {x: i for i, x in enumerate(xs)}
    return sum(table[x] for x in reversed(xs))


def _family(name: str, sample: Callable[[int, random.Random], Any], work: Callable) -> Any:
    return gaps.Family(
        name=name,
        sample=sample,
        generate=lambda inst, meter: work(inst),
        verify=lambda inst, out, meter: work(inst) is not None,
    )


#: Workloads: the same code on both sides, over sizes that cross the cache levels.
WORKLOADS = {
    "python sorted": (
        _family("drift_sorted", _floats, sorted),
        [2**k for k in range(10, 19)],
    ),
    "numpy sort": (
        _family("drift_npsort", _array, np.sort),
        [2**k for k in range(12, 23)],
    ),
    "dict lookups": (
        _family("drift_dict", _floats, _lookups),
        [2**k for k in range(10, 19)],
    ),
}


def _cycle(size: int, rng: random.Random) -> list[int]:
    """``successor[v]`` of one random cycle through 0..size-1."""
    order = list(range(size))
    rng.shuffle(order)
    successor = [0] * size
    for a, b in itertools.pairwise([*order, order[0]]):
        successor[a] = b
    return successor


def _records(successor: list[int], meter: Any) -> int:
    """Interpreter-heavy, in order: one small dict per element."""
    return len([{"at": i, "next": x} for i, x in enumerate(successor)])


def _walk(successor: list[int], length: int, meter: Any) -> bool:
    """Lean, random access: follow the cycle once round."""
    v, steps = successor[0], 1
    while v != 0:
        v, steps = successor[v], steps + 1
    return steps == length


def _shuffled(size: int, rng: random.Random) -> tuple[np.ndarray, np.ndarray]:
    draw = np.random.default_rng(rng.randrange(2**32))
    return draw.random(size), draw.permutation(size)


def _scan(data: tuple[np.ndarray, np.ndarray], meter: Any) -> float:
    """Sequential: the sum of twice the values, in order."""
    return float(np.add.reduce(data[0] * 2.0))


def _gather(data: tuple[np.ndarray, np.ndarray], total: float, meter: Any) -> bool:
    """Random access: the same sum, gathered in the permutation's order."""
    again = float(np.add.reduce(data[0][data[1]] * 2.0))
    return abs(again - total) <= 1e-9 * max(1.0, abs(total))


#: Unlike work of one complexity (linear) on the two sides, over the same sizes.
UNLIKE = {
    "records/walk": (
        gaps.Family("drift_unlike", _cycle, _records, _walk),
        [2**k for k in range(10, 19)],
    ),
    "scan/gather": (
        gaps.Family("drift_gather", _shuffled, _scan, _gather),
        [2**k for k in range(12, 25, 2)],
    ),
}


def measured(
    family: gaps.Family, sizes: list[int], seed: int
) -> tuple[GapReport, dict[int, np.ndarray]]:
    """The family's report in time, and its paired per-instance gaps (bits) by size."""
    return measure_paired(
        family, sizes, "time", gaps.Settings(seed=seed, instances=INSTANCES, workers=1)
    )


def drift(paired: dict[int, np.ndarray], seed: int) -> tuple[float, float, float, dict[int, float]]:
    """Bits per doubling of the median paired gap: the largest change over one doubling
    of n; the largest least-squares trend over three consecutive sizes (two doublings,
    the span that the sign's fits and its test of the top sizes read); and the drift
    beyond noise, the largest distance from zero of such a trend's 90% interval over 200
    bootstrap resamples of the instances within each size. Also the median curve.

    >>> flat = {n: np.array([0.0, 0.1, -0.1]) for n in (2, 4, 8, 16)}
    >>> drift(flat, seed=0)[:3]
    (0.0, 0.0, 0.0)
    """
    ns = sorted(paired)
    sizes = np.array(ns, dtype=float)
    medians = _resampled_medians([paired[n] for n in ns], 200, seed)  # point, then resamples
    steps = np.diff(medians[0]) / np.diff(np.log2(sizes))
    trends, beyond = [], []
    for end in range(3, len(ns) + 1):
        slopes = _tail_slope(medians[:, :end], sizes[:end], 3)
        lo, hi = np.quantile(slopes[1:], [0.05, 0.95])
        trends.append(abs(float(slopes[0])))
        beyond.append(max(0.0, float(lo), float(-hi)))
    curve = dict(zip(ns, medians[0].tolist(), strict=True))
    return float(np.abs(steps).max()), max(trends), max(beyond), curve


def main(argv: list[str]) -> int:
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    allowance = SignPolicy().time_allowance
    worst = 0.0
    print(f"identical work on both sides, time, {INSTANCES} instances, seed {seed}")
    for name, (family, sizes) in WORKLOADS.items():
        report, paired = measured(family, sizes, seed)
        jump, trend, beyond, _ = drift(paired, seed)
        worst = max(worst, beyond)
        print(
            f"  {name:<14} n {sizes[0]}..{sizes[-1]}: largest step {jump:.3f}, largest "
            f"trend {trend:.3f}, beyond noise {beyond:.3f} bits per doubling; "
            f"sign read {report.sign}"
        )
    met = worst <= allowance
    print(
        f"largest drift beyond noise {worst:.3f} bits per doubling; allowance {allowance:g}: "
        f"{'met' if met else 'EXCEEDED'}"
    )
    bound = SignPolicy().time_hierarchy_bits
    print(f"unlike work of one complexity (true gap neutral), time, {INSTANCES} instances")
    for name, (family, sizes) in UNLIKE.items():
        report, paired = measured(family, sizes, seed)
        jump, trend, beyond, curve = drift(paired, seed)
        spread = max(curve.values()) - min(curve.values())
        covered = spread <= bound and report.sign in ("neutral", "inconclusive")
        met = met and covered
        print(
            f"  {name:<14} n {sizes[0]}..{sizes[-1]}: largest step {jump:.3f}, largest "
            f"trend {trend:.3f}, beyond noise {beyond:.3f} bits per doubling, range "
            f"{spread:.2f} bits (bound {bound:g}); sign read {report.sign}: "
            f"{'met' if covered else 'NOT MET'}"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

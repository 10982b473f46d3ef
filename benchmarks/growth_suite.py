"""A labeled, seeded suite of cost-versus-size series for judging growth classifiers.

Every series carries its true label (and exponent or base). The suite mixes synthetic
series, generated in log space so that no cost overflows, with step counts of real
small algorithms run on random inputs. :func:`build_suite` is deterministic.

>>> suite = build_suite(seed=0, real=False)
>>> sorted({s.category for s in suite})[:3]
['censored', 'clean', 'few points']
>>> all(len(s.ns) == len(s.costs) for s in suite)
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["CATEGORIES", "Series", "build_suite", "log_growth"]


@dataclass(frozen=True)
class Series:
    """One cost series and the truth about it."""

    category: str
    name: str
    label: str
    param: float | None  # k for powers, b for exponential, a for subexponential
    ns: list[int]
    costs: list[float]
    censored: list[bool] | None = None


def log_growth(label: str, param: float | None, n: np.ndarray, s: float = 1.0) -> np.ndarray:
    """``log g(n)`` of a growth law (``s`` is the inner constant of a subexponential).

    >>> float(log_growth("exponential", 2.0, np.array([10.0]))[0]) == 10 * math.log(2)
    True
    """
    n = np.asarray(n, dtype=float)
    logn = np.log(n)
    powers = {"linear": 1.0, "quadratic": 2.0, "cubic": 3.0}
    if label == "constant":
        return np.zeros_like(n)
    if label == "log":
        return np.log(np.maximum(logn, 1e-300))
    if label in powers:
        return powers[label] * logn
    if label == "linearithmic":
        return logn + np.log(np.maximum(logn, 1e-300))
    if label == "polynomial":
        return float(param or 0) * logn
    if label == "exponential":
        return n * math.log(float(param or 1))
    if label == "subexponential":
        return s * n ** float(param or 0)
    raise ValueError(f"unknown label {label!r}")


def synth(
    rng: np.random.Generator,
    category: str,
    label: str,
    param: float | None,
    sizes: Sequence[int],
    *,
    reps: int = 1,
    noise: float = 0.0,
    overhead: float = 0.0,
    budget_top: int = 0,
    s: float = 1.0,
) -> Series:
    """A series ``overhead + c*g(n)`` with lognormal noise, optionally censored.

    ``overhead`` is a multiple of the leading term at the middle size (geometric middle,
    or arithmetic for exponentials), so it dominates the small sizes and is dominated
    at the large ones. With ``budget_top`` the budget is set so that about that many of
    the top sizes are stopped by it.
    """
    n = np.repeat(np.asarray(sizes, dtype=float), reps)
    lg = log_growth(label, param, n, s)
    logc = rng.uniform(math.log(0.05), math.log(50.0))
    lead = logc + lg
    lo, hi = min(sizes), max(sizes)
    mid = (lo + hi) / 2 if label == "exponential" else math.sqrt(lo * hi)
    at_mid = logc + float(log_growth(label, param, np.array([mid]), s)[0])
    log_cost = lead if overhead <= 0 else np.logaddexp(lead, at_mid + math.log(overhead))
    if noise:
        log_cost = log_cost + rng.normal(0.0, noise, len(n))
    censored = None
    if budget_top:
        cut = sorted(set(sizes))[-budget_top - 1]
        budget = float(np.median(log_cost[n == cut])) + 0.3  # just above the last free size
        cens = log_cost >= budget
        log_cost = np.minimum(log_cost, budget)
        censored = [bool(c) for c in cens]
    costs = np.exp(log_cost)
    name = f"{label}({_show(param)}) n={min(sizes)}..{max(sizes)}x{reps}"
    return Series(category, name, label, param, [int(v) for v in n], costs.tolist(), censored)


def _show(param: float | None) -> str:
    return "" if param is None else f"{param:g}"


def _geo(lo: float, hi: float, count: int) -> list[int]:
    return sorted({round(v) for v in np.geomspace(lo, hi, count)})


# The labels with a typical parameter, and sizes on which each is measurable.
_TYPICAL: list[tuple[str, float | None]] = [
    ("constant", None),
    ("log", None),
    ("linear", 1.0),
    ("linearithmic", None),
    ("quadratic", 2.0),
    ("cubic", 3.0),
    ("polynomial", 1.5),
    ("polynomial", 2.37),
    ("polynomial", 0.5),
    ("polynomial", 4.0),
    ("exponential", 2.0),
    ("exponential", 1.5),
    ("subexponential", 0.5),
    ("subexponential", 0.33),
]


def _ranges(label: str, param: float | None, rng: np.random.Generator) -> list[int]:
    """A plausible size range for the label (exponentials need small n)."""
    if label == "exponential":
        lo = int(rng.integers(3, 8))
        span = math.log(2.0**18) / math.log(float(param or 2))  # about 18 bits of growth
        hi = lo + max(int(span), 10)
        return sorted({round(v) for v in np.linspace(lo, hi, int(rng.integers(7, 12)))})
    if label == "subexponential":
        return _geo(int(rng.integers(8, 33)), int(rng.integers(1024, 4097)), 9)
    lo = int(rng.choice([4, 8, 10, 16, 32]))
    return _geo(lo, lo * int(rng.choice([128, 256, 512, 1000])), int(rng.integers(7, 11)))


def _sub_s(param: float | None, sizes: Sequence[int], growth: float = 14.0) -> float:
    """Inner constant ``s`` giving the subexponential ``growth`` log-units over the range."""
    a = float(param or 0.5)
    return growth / (max(sizes) ** a - min(sizes) ** a)


def _each_typical(
    rng: np.random.Generator, category: str, repeat: int, reps: int = 1, noise: float = 0.0
) -> Iterator[Series]:
    """Every typical law ``repeat`` times, each on its own random range."""
    for label, param in _TYPICAL:
        for _ in range(repeat):
            sizes = _ranges(label, param, rng)
            s = _sub_s(param, sizes)
            yield synth(rng, category, label, param, sizes, reps=reps, noise=noise, s=s)


def clean(rng: np.random.Generator) -> list[Series]:
    """Every label on a plausible range, exact costs, one instance per size."""
    return list(_each_typical(rng, "clean", 3))


def noise10(rng: np.random.Generator) -> list[Series]:
    """Lognormal noise sigma 0.1, with 1, 3 or 5 instances per size."""
    out: list[Series] = []
    for reps in (1, 3, 5):
        out.extend(_each_typical(rng, "noise 10%", 1, reps=reps, noise=0.1))
    return out


def noise30(rng: np.random.Generator) -> list[Series]:
    """Lognormal noise sigma 0.3, 5 instances per size."""
    return list(_each_typical(rng, "noise 30%", 3, reps=5, noise=0.3))


def outliers(rng: np.random.Generator) -> list[Series]:
    """5% noise, 5 instances per size, and in a third of the sizes one instance 3 to 10
    times too costly (a pause, a cache miss storm): rejectable only within its size."""
    out = []
    for series in _each_typical(rng, "outliers", 2, reps=5, noise=0.05):
        costs = np.array(series.costs)
        ns = np.array(series.ns)
        for size in np.unique(ns):
            if rng.random() < 1 / 3:
                i = int(rng.choice(np.flatnonzero(ns == size)))
                costs[i] *= float(rng.uniform(3.0, 10.0))
        out.append(
            Series(
                series.category, series.name, series.label, series.param, series.ns, costs.tolist()
            )
        )
    return out


def lower_order(rng: np.random.Generator) -> list[Series]:
    """A lower-order term as large as the leading one at the smallest size (either sign
    where the law stays increasing), as in real step counts; 5% noise, 3 instances."""
    laws: list[tuple[str, float | None, Callable[[np.ndarray], np.ndarray], float]] = [
        ("linearithmic", None, lambda n: n, -0.5),
        ("linearithmic", None, lambda n: n, 1.0),
        ("quadratic", 2.0, lambda n: n, 1.0),
        ("quadratic", 2.0, lambda n: n, -0.5),
        ("cubic", 3.0, lambda n: n**2, 1.0),
        ("cubic", 3.0, lambda n: n * np.log(n), 1.0),
        ("polynomial", 1.5, lambda n: n, 1.0),
        ("polynomial", 2.5, lambda n: n**2, 0.5),
        ("log", None, lambda n: np.log(np.log(n) + 1), 1.0),
        ("exponential", 2.0, lambda n: n**2, 1.0),
        ("exponential", 1.5, lambda n: n, 1.0),
    ]
    out = []
    for label, param, low, share in laws:
        for _ in range(3):
            sizes = _ranges(label, param, rng)
            n = np.repeat(np.asarray(sizes, dtype=float), 3)
            lead = np.exp(log_growth(label, param, n))
            low_n = low(n)
            n0 = float(min(sizes))
            ratio = float(
                np.exp(log_growth(label, param, np.array([n0])))[0] / low(np.array([n0]))[0]
            )
            cost = lead + share * ratio * low_n
            cost *= np.exp(rng.normal(0.0, 0.05, len(n)) + rng.uniform(-3, 3))
            sign = "+" if share > 0 else "-"
            name = f"{label}({_show(param)}) {sign} lower order n={min(sizes)}..{max(sizes)}"
            out.append(
                Series("lower order", name, label, param, [int(v) for v in n], cost.tolist())
            )
    return out


def overhead(rng: np.random.Generator) -> list[Series]:
    """An additive overhead of 0.5-5 times the growing term at the middle size, so
    dominating the small sizes; 5% noise, 3 instances per size."""
    out = []
    for label, param in _TYPICAL[1:]:
        for _ in range(3):
            sizes = _ranges(label, param, rng)
            frac = math.exp(rng.uniform(math.log(0.5), math.log(5.0)))
            out.append(
                synth(
                    rng,
                    "overhead",
                    label,
                    param,
                    sizes,
                    reps=3,
                    noise=0.05,
                    overhead=frac,
                    s=_sub_s(param, sizes),
                )
            )
    # The classic: 1000 + 2n measured at n = 10..1000.
    n = _geo(10, 1000, 8)
    out.append(Series("overhead", "1000+2n", "linear", 1.0, n, [1000.0 + 2 * v for v in n]))
    return out


def few_points(rng: np.random.Generator) -> list[Series]:
    """Only 3, 4 or 5 sizes (5 instances each, 10% noise)."""
    out = []
    for label, param in _TYPICAL[:-2]:  # a 4-parameter law cannot be told from 3-5 sizes
        for count in (3, 4, 5):
            if label == "exponential":
                lo = int(rng.integers(4, 8))
                sizes = [lo + 15 // (count - 1) * i for i in range(count)]
            else:
                lo = int(rng.choice([8, 10, 16]))
                sizes = [lo * {3: 8, 4: 6, 5: 4}[count] ** i for i in range(count)]
            out.append(synth(rng, "few points", label, param, sizes, reps=5, noise=0.1))
    return out


def narrow(rng: np.random.Generator) -> list[Series]:
    """Sizes 50..200 only (7 sizes, 5 instances, 5% noise)."""
    sizes = [50, 70, 90, 110, 140, 170, 200]
    out = []
    for label, param in [
        ("log", None),
        ("linear", 1.0),
        ("linearithmic", None),
        ("quadratic", 2.0),
        ("cubic", 3.0),
        ("polynomial", 1.5),
        ("polynomial", 2.5),
        ("exponential", 1.05),
        ("exponential", 1.02),
    ]:
        for _ in range(3):
            out.append(synth(rng, "narrow range", label, param, sizes, reps=5, noise=0.05))
    return out


def wide(rng: np.random.Generator) -> list[Series]:
    """Sizes 1..10**6 (13 sizes; 3 instances with 5% noise, or 1 with 10%), with or
    without an overhead; no overflow allowed."""
    sizes = _geo(1, 10**6, 13)
    out = []
    for label, param, s in [
        ("constant", None, 1.0),
        ("log", None, 1.0),
        ("linear", 1.0, 1.0),
        ("linearithmic", None, 1.0),
        ("quadratic", 2.0, 1.0),
        ("cubic", 3.0, 1.0),
        ("polynomial", 0.5, 1.0),
        ("polynomial", 1.5, 1.0),
        ("exponential", 1.00001, 1.0),
        ("subexponential", 1 / 3, 0.15),
    ]:
        # log(1) = 0: without an overhead these would cost nothing at n = 1
        sz = sizes[1:] if label in ("log", "linearithmic") else sizes
        for overhead_frac, reps, noise in ((0.0, 3, 0.05), (1.0, 3, 0.05), (0.0, 1, 0.1)):
            out.append(
                synth(
                    rng,
                    "wide range",
                    label,
                    param,
                    sz,
                    reps=reps,
                    noise=noise,
                    overhead=overhead_frac,
                    s=s,
                )
            )
    return out


def near_miss(rng: np.random.Generator) -> list[Series]:
    """Neighbouring laws on the same ranges (10% noise, 5 instances per size)."""
    pairs: list[tuple[tuple[str, float | None], tuple[str, float | None]]] = [
        (("linear", 1.0), ("linearithmic", None)),
        (("linearithmic", None), ("quadratic", 2.0)),
        (("linearithmic", None), ("polynomial", 1.3)),
        (("quadratic", 2.0), ("polynomial", 2.5)),
        (("cubic", 3.0), ("polynomial", 3.5)),
        (("log", None), ("polynomial", 0.3)),
    ]
    out = []
    for pair in pairs:
        for lo, hi in ((16, 4096), (10, 1000), (50, 5000)):
            sizes = _geo(lo, hi, 9)
            for label, param in pair:
                out.append(synth(rng, "near miss", label, param, sizes, reps=5, noise=0.1))
    for label, param in (("subexponential", 0.5), ("exponential", 1.01), ("cubic", 3.0)):
        sizes = _geo(16, 1024, 9)
        out.append(
            synth(
                rng,
                "near miss",
                label,
                param,
                sizes,
                reps=5,
                noise=0.1,
                s=_sub_s(param, sizes, 10.0),
            )
        )
    return out


def poly_vs_exp(rng: np.random.Generator) -> list[Series]:
    """Polynomial against exponential on short ranges n = 5..25 (10% noise, 3 instances)."""
    out = []
    for label, param in [
        ("exponential", 2.0),
        ("exponential", 1.5),
        ("exponential", 1.3),
        ("exponential", 1.2),
        ("quadratic", 2.0),
        ("cubic", 3.0),
        ("polynomial", 4.0),
        ("polynomial", 5.0),
        ("polynomial", 2.5),
    ]:
        for step in (2, 3, 4):
            sizes = list(range(5, 26, step))
            out.append(synth(rng, "poly vs exp", label, param, sizes, reps=3, noise=0.1))
    return out


def censored(rng: np.random.Generator) -> list[Series]:
    """A budget stops the top 1-3 sizes (recorded as lower bounds; 10% noise)."""
    out = []
    for label, param in [
        ("exponential", 2.0),
        ("exponential", 1.5),
        ("exponential", 3.0),
        ("quadratic", 2.0),
        ("cubic", 3.0),
        ("polynomial", 4.0),
        ("linearithmic", None),
    ]:
        for top in (1, 2, 3):
            sizes = _ranges(label, param, rng)
            out.append(
                synth(rng, "censored", label, param, sizes, reps=3, noise=0.1, budget_top=top)
            )
    # The brief's case: 2**n at n = 4..14, with n = 16, 18, 20 stopped at the budget.
    n = [*range(4, 15), 16, 18, 20]
    budget = 2.0**15
    out.append(
        Series(
            "censored",
            "2**n budget 2**15",
            "exponential",
            2.0,
            n,
            [min(2.0**v, budget) for v in n],
            [2.0**v >= budget for v in n],
        )
    )
    return out


# ------------------------------------------------------------- real step counts


class Counter:
    """Counts the basic operations of an algorithm."""

    def __init__(self) -> None:
        self.steps = 0

    def tick(self, k: int = 1) -> None:
        self.steps += k


def total(xs: list[int], c: Counter) -> int:
    """Sum of a list: one addition per element."""
    acc = 0
    for x in xs:
        c.tick()
        acc += x
    return acc


def binary_search(xs: list[int], target: int, c: Counter) -> int:
    """Index of the leftmost element >= target, one step per comparison."""
    lo, hi = 0, len(xs)
    while lo < hi:
        c.tick()
        mid = (lo + hi) // 2
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def insertion_sort(xs: list[float], c: Counter) -> list[float]:
    """Insertion sort, one step per comparison."""
    a = list(xs)
    for i in range(1, len(a)):
        key, j = a[i], i - 1
        while j >= 0:
            c.tick()
            if a[j] <= key:
                break
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a


def merge_sort(xs: list[float], c: Counter) -> list[float]:
    """Top-down merge sort, one step per comparison."""
    if len(xs) <= 1:
        return list(xs)
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid], c), merge_sort(xs[mid:], c)
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        c.tick()
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def matmul(a: list[list[int]], b: list[list[int]], c: Counter) -> list[list[int]]:
    """Naive matrix product, one step per multiply-add and per output cell."""
    n = len(a)
    out = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            c.tick()
            acc = 0
            for k in range(n):
                c.tick()
                acc += a[i][k] * b[k][j]
            out[i][j] = acc
    return out


def subset_sum(items: list[int], target: int, c: Counter) -> bool:
    """Brute-force subset sum (include/exclude recursion), one step per node."""

    def go(i: int, acc: int) -> bool:
        c.tick()
        if acc == target:
            return True
        if i == len(items):
            return False
        return go(i + 1, acc + items[i]) or go(i + 1, acc)

    return go(0, 0)


def subset_sum_pruned(items: list[int], target: int, c: Counter) -> bool:
    """Subset sum by backtracking that prunes partial sums above the target."""
    items = sorted(items, reverse=True)

    def go(i: int, acc: int) -> bool:
        c.tick()
        if acc == target:
            return True
        if i == len(items) or acc > target:
            return False
        return go(i + 1, acc + items[i]) or go(i + 1, acc)

    return go(0, 0)


def karatsuba(x: list[int], y: list[int], c: Counter) -> list[int]:
    """Karatsuba product of digit lists (little-endian, no carries), one step per digit op."""
    n = len(x)
    if n == 1:
        c.tick()
        return [x[0] * y[0]]
    h = n // 2
    x0, x1, y0, y1 = x[:h], x[h:], y[:h], y[h:]
    z0 = karatsuba(x0, y0, c)
    z2 = karatsuba(x1, y1, c)
    c.tick(2 * h)
    z1 = karatsuba(
        [a + b for a, b in zip(x0, x1, strict=True)],
        [a + b for a, b in zip(y0, y1, strict=True)],
        c,
    )
    c.tick(len(z1))
    mid = [a - b - d for a, b, d in zip(z1, z0, z2, strict=True)]
    out = [0] * (2 * n - 1)
    for i, v in enumerate(z0):
        out[i] += v
    for i, v in enumerate(mid):
        out[i + h] += v
    for i, v in enumerate(z2):
        out[i + 2 * h] += v
    return out


def trial_division(p: int, c: Counter) -> bool:
    """Primality of ``p`` by trial division, one step per candidate divisor."""
    d = 2
    while d * d <= p:
        c.tick()
        if p % d == 0:
            return False
        d += 1
    return True


def amortised_append(n: int, r: random.Random) -> float:
    """Element copies plus writes per append to a dynamic array that grows by a random
    factor in [1.5, 2] when full (amortised constant)."""
    cap, work = 1, 0
    for size in range(n):  # the size before this append
        if size == cap:
            work += size  # copy into the new buffer
            cap = max(cap + 1, int(cap * r.uniform(1.5, 2.0)))
        work += 1
    return work / n


def _is_prime(p: int) -> bool:
    return p >= 2 and all(p % d for d in range(2, math.isqrt(p) + 1))


def _prime_near(n: int, r: random.Random) -> int:
    p = n + r.randrange(n // 4 + 1)
    while not _is_prime(p):
        p += 1
    return p


def _counted(algorithm: Callable[[int, random.Random, Counter], object]) -> Runner:
    def run(n: int, r: random.Random) -> float:
        c = Counter()
        algorithm(n, r, c)
        return float(c.steps)

    return run


def _digits(n: int, r: random.Random) -> list[int]:
    return [r.randrange(10) for _ in range(n)]


def _matrix(n: int, r: random.Random) -> list[list[int]]:
    return [[r.randrange(9) for _ in range(n)] for _ in range(n)]


def _search_once(n: int, r: random.Random, c: Counter) -> int:
    xs = sorted(r.randrange(10 * n) for _ in range(n))
    return binary_search(xs, r.randrange(10 * n), c)


def _pruned_once(n: int, r: random.Random, c: Counter) -> bool:
    # Even items and an odd target: never found, so the pruned search is exhaustive.
    items = [2 * r.randrange(1, 500) for _ in range(n)]
    target = 2 * r.randrange(sum(items) // 6, sum(items) // 3) + 1
    return subset_sum_pruned(items, target, c)


Runner = Callable[[int, random.Random], float]

_REAL: list[tuple[str, str, float | None, list[int], int, Runner]] = [
    (
        "sum",
        "linear",
        1.0,
        _geo(10, 20000, 8),
        3,
        _counted(lambda n, r, c: total([r.randrange(100) for _ in range(n)], c)),
    ),
    ("binary search", "log", None, [2**k for k in range(2, 17, 2)], 5, _counted(_search_once)),
    (
        "insertion sort",
        "quadratic",
        2.0,
        _geo(8, 300, 8),
        4,
        _counted(lambda n, r, c: insertion_sort([r.random() for _ in range(n)], c)),
    ),
    (
        "merge sort",
        "linearithmic",
        None,
        _geo(16, 8192, 9),
        4,
        _counted(lambda n, r, c: merge_sort([r.random() for _ in range(n)], c)),
    ),
    (
        "matrix multiply",
        "cubic",
        3.0,
        [2, 4, 6, 9, 13, 18, 25, 32],
        2,
        _counted(lambda n, r, c: matmul(_matrix(n, r), _matrix(n, r), c)),
    ),
    (
        "subset sum brute force",
        "exponential",
        2.0,
        list(range(4, 16)),
        3,
        _counted(
            lambda n, r, c: subset_sum(
                [r.randrange(1, 4**n) for _ in range(n)], r.randrange(1, n * 4**n), c
            )
        ),
    ),
    (
        "subset sum backtracking",
        "exponential",
        None,
        list(range(6, 21, 2)),
        4,
        _counted(_pruned_once),
    ),
    (
        "karatsuba",
        "polynomial",
        math.log2(3),
        [2**k for k in range(1, 10)],
        2,
        _counted(lambda n, r, c: karatsuba(_digits(n, r), _digits(n, r), c)),
    ),
    (
        "trial division of primes",
        "polynomial",
        0.5,
        _geo(100, 10**7, 9),
        3,
        _counted(lambda n, r, c: trial_division(_prime_near(n, r), c)),
    ),
    ("amortised append", "constant", None, _geo(10, 10**5, 8), 3, amortised_append),
]


def real_steps(seed: int) -> list[Series]:
    """Step counts of real small algorithms on random inputs (a few instances per size)."""
    out = []
    for name, label, param, sizes, reps, run in _REAL:
        r = random.Random(f"{seed}-{name}")
        ns, costs = [], []
        for n in sizes:
            for _ in range(reps):
                ns.append(n)
                costs.append(run(n, r))
        out.append(Series("real step counts", name, label, param, ns, costs))
    return out


CATEGORIES: list[tuple[str, Callable[[np.random.Generator], list[Series]]]] = [
    ("clean", clean),
    ("noise 10%", noise10),
    ("noise 30%", noise30),
    ("outliers", outliers),
    ("lower order", lower_order),
    ("overhead", overhead),
    ("few points", few_points),
    ("narrow range", narrow),
    ("wide range", wide),
    ("near miss", near_miss),
    ("poly vs exp", poly_vs_exp),
    ("censored", censored),
]


def build_suite(seed: int = 0, real: bool = True) -> list[Series]:
    """The whole suite: every synthetic category, then (optionally) real step counts."""
    out: list[Series] = []
    for i, (_, make) in enumerate(CATEGORIES):
        out.extend(make(np.random.default_rng([seed, i])))
    if real:
        for k in range(3):  # fresh random inputs each time
            out.extend(real_steps(3 * seed + k))
    return out

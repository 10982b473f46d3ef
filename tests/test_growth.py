"""Tests of :func:`gaps.fit_growth`: labels, robustness, censoring, errors, numerics."""

from __future__ import annotations

import math
import subprocess
import sys
import time
import warnings
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaps.errors import InvalidArgument
from gaps.growth import GROWTH_LABELS, Growth, fit_growth
from gaps.symbolic import n_symbol

POW2 = [2**i for i in range(4, 13)]  # 16 .. 4096
SHORT = list(range(5, 26, 2))  # where exponentials are measured

# label, cost function, sizes
CLEAN: list[tuple[str, Callable[[float], float], list[int]]] = [
    ("constant", lambda n: 7.0 + 0.0 * n, POW2),
    ("log", lambda n: 3.0 * math.log(n), POW2),
    ("linear", lambda n: 5.0 * n, POW2),
    ("linearithmic", lambda n: 3.0 * n * math.log2(n), POW2),
    ("quadratic", lambda n: 0.5 * n * n, POW2),
    ("cubic", lambda n: 2.0 * n**3, POW2),
    ("polynomial", lambda n: n**1.5, POW2),
    ("exponential", lambda n: 3.0 * 2.0**n, SHORT),
    ("subexponential", lambda n: math.exp(0.5 * math.sqrt(n)), [2**i for i in range(4, 12)]),
]


def noisy(
    f: Callable[[float], float], sizes: list[int], sigma: float, reps: int, seed: int
) -> tuple[list[int], list[float]]:
    """``reps`` instances per size with lognormal noise ``sigma``."""
    rng = np.random.default_rng(seed)
    ns = [n for n in sizes for _ in range(reps)]
    return ns, [f(n) * float(rng.lognormal(0.0, sigma)) for n in ns]


@pytest.mark.parametrize(("label", "f", "sizes"), CLEAN, ids=[c[0] for c in CLEAN])
def test_each_label_recovered_on_clean_data(
    label: str, f: Callable[[float], float], sizes: list[int]
) -> None:
    g = fit_growth(sizes, [f(n) for n in sizes], bootstrap=20)
    assert g.label == label
    assert g.confidence == 1.0


@pytest.mark.parametrize(("label", "f", "sizes"), CLEAN, ids=[c[0] for c in CLEAN])
def test_each_label_recovered_with_noise(
    label: str, f: Callable[[float], float], sizes: list[int]
) -> None:
    ns, costs = noisy(f, sizes, 0.1, 5, seed=1)
    assert fit_growth(ns, costs, bootstrap=20).label == label


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize(
    ("label", "f"),
    [
        ("linear", lambda n: 2.0 * n),
        ("linearithmic", lambda n: 2.0 * n * math.log(n)),
        ("quadratic", lambda n: 2.0 * n * n),
    ],
)
def test_near_misses_told_apart(label: str, f: Callable[[float], float], seed: int) -> None:
    # n, n log n and n**2 on 16..4096 with 10% noise per instance
    ns, costs = noisy(f, POW2, 0.1, 5, seed)
    assert fit_growth(ns, costs, bootstrap=0).label == label


def test_heavy_noise_still_separates_powers() -> None:
    ns, costs = noisy(lambda n: n * n, POW2, 0.3, 5, seed=3)
    g = fit_growth(ns, costs, bootstrap=50)
    assert g.label == "quadratic"
    assert g.interval is not None and g.interval[0] <= 2.0 <= g.interval[1] + 0.05


def test_overhead_dominating_small_sizes_is_still_linear() -> None:
    ns = [10, 20, 50, 100, 200, 500, 1000]
    assert fit_growth(ns, [1000 + 2 * n for n in ns]).label == "linear"


def test_overhead_on_exponential() -> None:
    ns = list(range(4, 25, 2))
    g = fit_growth(ns, [1e4 + 2.0**n for n in ns], bootstrap=20)
    assert g.label == "exponential"
    assert g.param == pytest.approx(2.0, rel=0.02)


def test_few_points() -> None:
    assert fit_growth([10, 100, 1000], [3 * n * n for n in (10, 100, 1000)]).label == "quadratic"
    ns, costs = noisy(lambda n: n * math.log(n), [16, 128, 1024, 8192], 0.1, 5, seed=2)
    assert fit_growth(ns, costs, bootstrap=20).label == "linearithmic"


def test_narrow_range() -> None:
    ns, costs = noisy(lambda n: n**3, [50, 75, 100, 150, 200], 0.05, 5, seed=4)
    assert fit_growth(ns, costs, bootstrap=20).label == "cubic"


@pytest.mark.parametrize(
    ("label", "f"),
    [
        ("exponential", lambda n: 2.0**n),
        ("cubic", lambda n: n**3.0),
        ("polynomial", lambda n: n**5),
    ],
)
def test_exponential_or_polynomial_on_short_range(label: str, f: Callable[[float], float]) -> None:
    ns, costs = noisy(f, list(range(5, 26, 4)), 0.1, 3, seed=5)
    assert fit_growth(ns, costs, bootstrap=20).label == label


def test_parameters_and_texts() -> None:
    g = fit_growth(POW2, [4.0 * n**2.37 for n in POW2], bootstrap=20)
    assert (g.label, g.text) == ("polynomial", "n**2.37")
    assert g.param == pytest.approx(2.37, abs=0.005)
    assert g.coef == pytest.approx(4.0, rel=0.01)
    g = fit_growth(SHORT, [5.0 * 1.5**n for n in SHORT], bootstrap=20)
    assert (g.label, g.text) == ("exponential", "1.5**n")
    assert g.coef == pytest.approx(5.0, rel=0.01)
    g = fit_growth(POW2, [3.0 * n * n for n in POW2], bootstrap=20)
    assert (g.param, g.text, g.interval) == (2.0, "n**2", pytest.approx((2.0, 2.0)))
    assert g.coef == pytest.approx(3.0, rel=1e-3)
    g = fit_growth(POW2, [n**4 for n in POW2], bootstrap=20)
    assert (g.label, g.param, g.text) == ("polynomial", 4.0, "n**4")


def test_subexponential_parameter() -> None:
    sizes = [2**i for i in range(4, 12)]
    ns, costs = noisy(lambda n: math.exp(0.5 * math.sqrt(n)), sizes, 0.05, 3, seed=6)
    g = fit_growth(ns, costs, bootstrap=50)
    assert g.label == "subexponential"
    assert g.param == pytest.approx(0.5, abs=0.05)
    assert g.interval is not None and g.interval[0] < g.interval[1]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scale=st.floats(1e-12, 1e12),
    case=st.sampled_from(["linear", "linearithmic", "quadratic", "exponential", "log"]),
)
def test_cost_unit_does_not_matter(scale: float, case: str) -> None:
    f, sizes = {c[0]: (c[1], c[2]) for c in CLEAN}[case]
    ns, costs = noisy(f, sizes, 0.1, 3, seed=7)
    base = fit_growth(ns, costs, bootstrap=0)
    scaled = fit_growth(ns, [c * scale for c in costs], bootstrap=0)
    assert scaled.label == base.label == case
    assert scaled.coef == pytest.approx(base.coef * scale, rel=1e-6)
    if base.param is not None:
        assert scaled.param == pytest.approx(base.param, rel=1e-6)


def test_censored_exponential_stays_exponential() -> None:
    # 2**n measured at n = 4..14; at n = 16, 18, 20 the budget stopped the call.
    budget = 2.0**15
    ns = [*range(4, 15), 16, 18, 20]
    costs = [min(2.0**n, budget) for n in ns]
    censored = [2.0**n > budget for n in ns]
    g = fit_growth(ns, costs, censored)
    assert (g.label, g.censored) == ("exponential", 3)
    assert g.param == pytest.approx(2.0, rel=0.01)
    # the same data without the flags: a plateau, not an exponential
    assert fit_growth(ns, costs).label != "exponential"


def test_censored_instances_within_a_size() -> None:
    rng = np.random.default_rng(8)
    ns = [n for n in range(6, 23, 2) for _ in range(5)]
    costs = [2.0**n * float(rng.lognormal(0, 0.2)) for n in ns]
    budget = 2.0**17
    censored = [c >= budget for c in costs]
    g = fit_growth(ns, [min(c, budget) for c in costs], censored, bootstrap=50)
    assert g.label == "exponential"
    assert g.censored == sum(censored) > 0


def test_censored_polynomial_is_not_called_exponential() -> None:
    ns = [n for n in POW2 for _ in range(3)]
    budget = 2000.0**2
    costs = [float(n * n) for n in ns]
    g = fit_growth(ns, [min(c, budget) for c in costs], [c > budget for c in costs])
    assert g.label == "quadratic"


def test_outlier_rejected_within_its_size() -> None:
    ns, costs = noisy(lambda n: 3.0 * n, POW2, 0.05, 5, seed=9)
    costs[-1] *= 50.0  # one instance of the largest size
    assert fit_growth(ns, costs, bootstrap=20).label == "linear"


def test_constant_cases() -> None:
    assert fit_growth([1, 2, 3], [0, 0, 0]).label == "constant"
    g = fit_growth([5, 10, 20, 40], [4.5] * 4)
    assert (g.label, g.coef, g.text, g.param, g.interval) == ("constant", 4.5, "1", None, None)


def test_zero_costs_are_allowed() -> None:
    ns = [1, 2, 4, 8, 16, 32, 64, 128]
    g = fit_growth(ns, [math.floor(math.log2(n)) for n in ns], bootstrap=20)
    assert g.label == "log"


@pytest.mark.parametrize(
    ("ns", "costs", "censored", "match"),
    [
        ([1, 2, 3], [1.0, 2.0], None, "same length"),
        ([0, 1, 2], [1.0, 2.0, 3.0], None, "positive integers"),
        ([-1, 1, 2], [1.0, 2.0, 3.0], None, "positive integers"),
        ([1, 2.5, 3], [1.0, 2.0, 3.0], None, "positive integers"),
        ([1, 2, 3], [1.0, -2.0, 3.0], None, "non-negative"),
        ([1, 2, 3], [1.0, float("nan"), 3.0], None, "NaN"),
        ([1, 2, 3], [1.0, float("inf"), 3.0], None, "finite"),
        ([1, 1, 2, 2], [1.0, 1.0, 2.0, 2.0], None, "3 or more distinct sizes.*Got 2"),
        ([1, 2, 3], [1.0, 2.0, 3.0], [True], "one flag per cost"),
        ([1, 2, 3], ["a", 2.0, 3.0], None, "non-negative finite numbers"),
    ],
)
def test_bad_input_raises(ns: list, costs: list, censored: list | None, match: str) -> None:
    with pytest.raises(InvalidArgument, match=match):
        fit_growth(ns, costs, censored)


def test_bad_options_raise() -> None:
    with pytest.raises(InvalidArgument, match="labels"):
        fit_growth([1, 2, 3], [1, 2, 3], labels=("linear", "sublinear"))
    with pytest.raises(InvalidArgument, match="bootstrap"):
        fit_growth([1, 2, 3], [1, 2, 3], bootstrap=-1)
    with pytest.raises(ValueError):  # InvalidArgument is a ValueError
        fit_growth([1, 2], [1, 2])


def test_labels_restrict_the_choice() -> None:
    g = fit_growth(POW2, [n**1.5 for n in POW2], labels=("linear", "quadratic"))
    assert g.label in ("linear", "quadratic")


@pytest.mark.parametrize(
    "f",
    [
        lambda n: 1.00001**n,
        lambda n: n * n + 5.0,
        lambda n: math.log(n + 1),
        lambda n: math.exp(0.2 * n ** (1 / 3)),
    ],
)
def test_wide_range_without_overflow_or_warnings(f: Callable[[float], float]) -> None:
    ns = sorted({round(v) for v in np.geomspace(1, 1e6, 13)})
    costs = [f(n) for n in ns]
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        g = fit_growth(ns, costs, bootstrap=20)
        g.expr  # noqa: B018 - the text must parse
    assert g.label in GROWTH_LABELS
    assert math.isfinite(g.coef)


def test_huge_and_tiny_costs() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = fit_growth(SHORT, [1e-300 * 10.0**n for n in SHORT], bootstrap=10)
    assert g.label == "exponential"
    assert g.param == pytest.approx(10.0, rel=1e-3)


def test_deterministic_given_seed() -> None:
    ns, costs = noisy(lambda n: n * math.log(n), POW2, 0.2, 4, seed=10)
    a = fit_growth(ns, costs, seed=3)
    assert a == fit_growth(ns, costs, seed=3)
    assert fit_growth(ns, costs, seed=4).label == a.label


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.lists(
        st.tuples(st.integers(1, 10**5), st.floats(0, 1e9, allow_nan=False)),
        min_size=3,
        max_size=30,
    ).filter(lambda d: len({n for n, _ in d}) >= 3),
    flags=st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_any_valid_input_gives_a_valid_growth(
    data: list[tuple[int, float]], flags: list[bool]
) -> None:
    ns, costs = [n for n, _ in data], [c for _, c in data]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = fit_growth(ns, costs, flags[: len(ns)], bootstrap=10)
    assert isinstance(g, Growth)
    assert g.label in GROWTH_LABELS
    assert 0.0 <= g.confidence <= 1.0
    if g.param is None:
        assert g.interval is None
    else:
        assert math.isfinite(g.param)
    assert math.isfinite(g.coef) and g.coef >= 0
    assert g.expr.free_symbols <= {n_symbol()}


@pytest.mark.parametrize(("label", "f", "sizes"), CLEAN, ids=[c[0] for c in CLEAN])
def test_expr_parses(label: str, f: Callable[[float], float], sizes: list[int]) -> None:
    import sympy

    g = fit_growth(sizes, [f(n) for n in sizes], bootstrap=0)
    expr = g.expr
    assert isinstance(expr, sympy.Expr)
    n = sympy.Symbol("n", positive=True)
    assert expr.free_symbols <= {n}
    if label != "constant":
        # the expression grows with n, like the data
        assert float(expr.subs(n, sizes[-1])) > float(expr.subs(n, sizes[0]))


def test_confidence_is_lower_on_ambiguous_data() -> None:
    ns, costs = noisy(lambda n: n**1.15, [50, 70, 100, 140, 200], 0.3, 3, seed=11)
    g = fit_growth(ns, costs)
    assert 0.0 <= g.confidence < 1.0
    clean = fit_growth(POW2, [n * n for n in POW2])
    assert clean.confidence == 1.0


def test_fast_enough_for_a_survey() -> None:
    ns, costs = noisy(lambda n: n * math.log(n), [2**i for i in range(4, 14)], 0.1, 5, seed=12)
    fit_growth(ns, costs)  # warm up
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        fit_growth(ns, costs, bootstrap=200)
        best = min(best, time.perf_counter() - start)
    assert best < 0.5


def test_import_stays_light() -> None:
    code = "import gaps.growth, sys; print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------ plausible sets, lower order


def test_a_clean_series_separates_one_growth() -> None:
    g = fit_growth(POW2, [0.5 * n * n for n in POW2])
    assert g.separable
    assert [c.label for c in g.plausible] == ["quadratic"]
    assert g.summary == "n**2"


def test_growths_the_sizes_cannot_separate_are_all_reported() -> None:
    # n + a constant worth the growing term at the top, 30% noise, a factor 4 of sizes.
    ns, costs = noisy(lambda n: 200.0 + n, [50, 80, 110, 140, 170, 200], 0.3, 4, seed=3)
    g = fit_growth(ns, costs)
    assert not g.separable
    assert g.summary.endswith("; not separable at these sizes")
    labels = [c.label for c in g.plausible]
    assert g.label in labels
    assert labels[0] in ("constant", "log", "polynomial") and "linear" in labels


def test_sub_exponential_and_high_polynomial_are_not_separated_on_few_bits() -> None:
    sizes = list(range(32, 121, 8))
    ns, costs = noisy(lambda n: math.exp(1.2 * math.sqrt(n * math.log(n))), sizes, 0.2, 3, 5)
    g = fit_growth(ns, costs)
    labels = {c.label for c in g.plausible}
    assert "subexponential" in labels or not g.separable
    assert labels & {"polynomial", "subexponential", "exponential"}


@pytest.mark.parametrize(
    ("label", "f"),
    [
        ("quadratic", lambda n: n * n + 8.0 * n * math.log(n)),
        ("cubic", lambda n: n**3 + 6.0 * n * n * math.log(n)),
        ("linear", lambda n: n + 30.0 * math.sqrt(n)),
    ],
    ids=["n2+nlogn", "n3+n2logn", "n+sqrt"],
)
def test_lower_order_terms_do_not_change_the_leading_growth(
    label: str, f: Callable[[float], float]
) -> None:
    ns, costs = noisy(f, POW2, 0.05, 3, seed=2)
    g = fit_growth(ns, costs)
    assert g.label == label
    assert label in {c.label for c in g.plausible}


def test_a_dominant_constant_leaves_linear_plausible_and_nothing_slower() -> None:
    # 5000 + 2n: the constant is most of the cost up to the largest sizes.
    for seed in range(3):
        ns, costs = noisy(lambda n: 5000.0 + 2.0 * n, POW2, 0.05, 3, seed=seed)
        g = fit_growth(ns, costs)
        assert g.plausible[0].label == "linear"
        assert g.label == "linear" or not g.separable


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    k=st.floats(0.3, 4.0),
    sigma=st.floats(0.0, 0.3),
    overhead=st.floats(0.0, 3.0),
    seed=st.integers(0, 10**6),
)
def test_plausible_set_holds_the_selected_growth_in_order(
    k: float, sigma: float, overhead: float, seed: int
) -> None:
    from gaps.growth import growth_order

    sizes = [40, 60, 80, 100, 120, 140]
    ns, costs = noisy(lambda n: overhead * 140**k + n**k, sizes, sigma, 3, seed)
    g = fit_growth(ns, costs, bootstrap=20, seed=seed)
    keys = [growth_order(c.label, c.param) for c in g.plausible]
    assert keys == sorted(keys)
    assert g.label in [c.label for c in g.plausible]
    assert g.separable == (len(g.plausible) == 1)
    for c in g.plausible:
        if c.interval is not None:
            assert c.interval[0] <= c.param <= c.interval[1]


def _growth_benchmark():
    import importlib.util
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "benchmarks"
    sys.path.insert(0, str(folder))
    try:
        spec = importlib.util.spec_from_file_location(
            "growth_accuracy", folder / "growth_accuracy.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules.setdefault(spec.name, module)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    return module


def test_growth_benchmark_counts_honest_sets_apart_from_confident_mistakes() -> None:
    from gaps.growth import Candidate

    bench = _growth_benchmark()
    truth = bench.Series("x", "x", "polynomial", 1.5, POW2, [n**1.5 for n in POW2])
    linear = Candidate("linear", 1.0, None, "n")
    quadratic = Candidate("quadratic", 2.0, None, "n**2")
    unseparated = Growth("linear", 1.0, 1.0, "n", 0.5, None, plausible=(linear, quadratic))
    confident = Growth("linear", 1.0, 1.0, "n", 1.0, None)
    assert bench.judge(truth, bench.Verdict("linear", 1.0, 0.0, growth=unseparated)) == "honest"
    assert bench.judge(truth, bench.Verdict("linear", 1.0, 0.0, growth=confident)) == "wrong"
    steeper = bench.Series("x", "x", "cubic", 3.0, POW2, [n**3 for n in POW2])
    assert bench.judge(steeper, bench.Verdict("linear", 1.0, 0.0, growth=unseparated)) == "wrong"


def test_held_out_growth_suite_is_seeded_and_apart_from_the_tuned_one() -> None:
    bench = _growth_benchmark()
    heldout = sys.modules["growth_heldout"]
    first, again = heldout.build_heldout(1), heldout.build_heldout(1)
    assert [s.costs for s in first] == [s.costs for s in again]
    assert [s.costs for s in first] != [s.costs for s in heldout.build_heldout(2)]
    tuned = {tuple(s.costs) for s in bench.build_suite(1, real=False)}
    assert not tuned & {tuple(s.costs) for s in first}
    assert all(s.label in GROWTH_LABELS for s in first)

"""The sign decision on the paired gap curve, and a fast part of the sign benchmark."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaps.sign import SignPolicy, decide_sign

SIZES = tuple(2**k for k in range(6, 13))


def _benchmark():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "sign_benchmark.py"
    spec = importlib.util.spec_from_file_location("sign_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def exact(gap):
    return {n: [gap(n)] * 3 for n in SIZES}


@pytest.mark.parametrize(
    "gap, sign",
    [
        (lambda n: math.log2((n + 200) / n), "neutral"),
        (lambda n: math.log2(n / (n + 200)), "neutral"),
        (lambda n: 3.0, "neutral"),
        (lambda n: math.log2(math.log2(n)), "positive"),
        (lambda n: -math.log2(math.log2(n)), "negative"),
        (lambda n: 0.2 * math.log2(n), "positive"),
        (lambda n: -0.1 * math.log2(n), "negative"),
        (lambda n: 0.05 * n, "positive"),
    ],
    ids=[
        "overhead",
        "verifier overhead",
        "constant",
        "log factor",
        "inverse log factor",
        "exponents",
        "exponents down",
        "bases",
    ],
)
def test_an_exact_gap_curve_gets_its_sign(gap, sign):
    assert decide_sign(exact(gap), "steps").sign == sign


@pytest.mark.parametrize("overhead", [lambda n: (n + 2000) / n, lambda n: n / (n + 2000)])
def test_an_overhead_still_fading_faster_than_a_log_factor_is_not_yet_neutral(overhead):
    # Over 64..4096 the gap still moves a third of a bit per doubling at the top, as a
    # masked trend's does; from 2**16 on, less than a log factor: then it has settled.
    fading = decide_sign(exact(lambda n: math.log2(overhead(n))), "steps")
    assert fading.sign == "inconclusive", fading.reasons
    assert "do not show it settling" in fading.reasons[0]
    wide = {2**k: [math.log2(overhead(2**k))] * 3 for k in range(12, 18)}
    assert decide_sign(wide, "steps").sign == "neutral"


def test_time_allows_a_drift_that_steps_do_not():
    drifting = exact(lambda n: 0.05 * math.log2(n))
    assert decide_sign(drifting, "steps").sign == "positive"
    assert decide_sign(drifting, "time").sign != "positive"
    assert SignPolicy().allowance("time") > 0 == SignPolicy().allowance("steps")


def test_a_time_gap_needs_to_move_further_than_the_memory_hierarchy_can():
    # 0.3 bits per doubling over six doublings: 1.8 bits in all, as far as cache
    # levels move two unlike linear codes apart; in steps it is an exponent difference.
    cache_sized = exact(lambda n: -0.3 * math.log2(n))
    assert decide_sign(cache_sized, "steps").sign == "negative"
    found = decide_sign(cache_sized, "time")
    assert found.sign == "inconclusive"
    assert "memory hierarchy" in found.reasons[0]
    assert decide_sign(exact(lambda n: 0.3 * math.log2(n)), "time").sign == "inconclusive"
    # Twice as steep moves 3.6 bits: past the bound, the sign stands in time too.
    assert decide_sign(exact(lambda n: -0.6 * math.log2(n)), "time").sign == "negative"
    assert SignPolicy().hierarchy("time") > 0 == SignPolicy().hierarchy("steps")


def test_a_censored_verifier_keeps_only_a_negative_sign():
    falling = exact(lambda n: -0.5 * math.log2(n))
    rising = exact(lambda n: 0.5 * math.log2(n))
    assert decide_sign(falling, "steps", censored="verify").sign == "negative"
    found = decide_sign(rising, "steps", censored="verify")
    assert found.sign == "inconclusive"
    assert "verify was censored" in found.reasons[-1]


def test_the_bootstrap_is_seeded():
    noisy = {n: [math.log2(n) * 0.1 + (i % 3) * 0.7 for i in range(5)] for n in SIZES}
    assert decide_sign(noisy, "steps", seed=4) == decide_sign(noisy, "steps", seed=4)


def test_the_benchmark_subset_has_no_false_negative_and_never_misreads_an_overhead():
    bench = _benchmark()
    kinds = {"overhead", "two overheads", "log factor", "crossover", "censored", "noise 0.5"}
    chosen = [c for c in bench.cases() if c.kind in kinds]
    tally = bench.run(chosen, seeds=(0,))
    assert sum(t["false negative"] for t in tally.values()) == 0
    assert sum(t["wrong"] for t in tally.values()) == 0


@pytest.mark.parametrize(
    "gap, basis",
    [
        (lambda n: math.log2((n + 200) / n), "parsimony"),
        (lambda n: 3.0, "equivalence"),
        (lambda n: math.log2(math.log2(n)), "trend"),
        (lambda n: 3.0 if n < 1500 else math.log2(7), ""),
    ],
    ids=["fading overhead", "constant", "log factor", "one step"],
)
def test_a_sign_says_what_it_rests_on(gap, basis):
    found = decide_sign(exact(gap), "steps")
    assert found.basis == basis, found.reasons
    assert ("parsimony" in found.reasons[0]) == (basis == "parsimony")


def test_a_flat_noisy_gap_is_neutral_by_equivalence():
    # A constant with scatter where no shape wins by the evidence margin: the gap is
    # neutral because every growing shape the bootstrap fits moves less than the band.
    rng = np.random.default_rng(3)
    flat = {n: list(1.0 + rng.normal(0.0, 0.05, 5)) for n in SIZES}
    found = decide_sign(flat, "steps")
    assert found.sign == "neutral", found.reasons
    assert found.basis == "equivalence"
    assert "best growing shape moves" in found.reasons[0]


@pytest.mark.parametrize(
    "gap",
    [
        lambda n: math.log2(math.log2(math.log2(n))),  # n lg lg n against n
        lambda n: n**0.25 - math.log2(n),  # 2**(n**0.25) against n, turning up
    ],
    ids=["log log factor", "turning up"],
)
def test_a_slow_or_turning_growth_is_never_neutral(gap):
    assert decide_sign(exact(gap), "steps").sign in ("positive", "inconclusive")


def test_one_step_in_a_deterministic_count_is_no_sign():
    # A lower-order term switching at one size (8n, then 7n, against n) fits a growing
    # shape, but the gap moves once: no trend. A steady fall of the same size is one.
    step = exact(lambda n: 3.0 if n < 1500 else math.log2(7))
    assert decide_sign(step, "steps").sign in ("neutral", "inconclusive")
    steady = exact(lambda n: 3.0 - 0.05 * math.log2(n))
    assert decide_sign(steady, "steps").sign == "negative"


def test_a_trend_that_only_noise_hides_is_not_neutral():
    # A model count's certified check against its enumeration (propagations, one
    # doubling of n): a constant wins on parsimony, but the best growing shape falls
    # over its whole interval and no fade explains it, so the sizes do not tell.
    gap = {
        16: [0.40, 1.06, -0.29],
        20: [-0.11, 0.44, 1.01],
        24: [1.62, -0.57, -0.71],
        28: [0.14, -1.18, -0.01],
        32: [-1.27, -0.71, -0.90],
    }
    found = decide_sign(gap, "steps")
    assert found.sign == "inconclusive", found.reasons
    assert "do not tell a settled ratio from a trend" in found.reasons[0]


LINEAR_SIZES = tuple(round(61 + i * (7689 - 61) / 6) for i in range(7))


@pytest.mark.parametrize("seed", [7, 22, 24, 31])
def test_a_rise_that_a_fade_and_a_growth_fit_alike_is_not_neutral(seed):
    # n**1.45 against n**1.25 on linear sizes, one small and six large: a ratio rising
    # to a limit (an overhead on the verifier fading) bends through the noise as the
    # straight rise does. On these draws a fade won by the evidence margin, and the gap
    # was read neutral; the growing shape fits as well, so the sizes cannot tell.
    rng = np.random.default_rng(seed)
    scale = 0.31 / math.log(2)
    gap = {
        n: list(0.2 * math.log2(n) + scale * (rng.standard_normal(5) - rng.standard_normal(5)))
        for n in LINEAR_SIZES
    }
    found = decide_sign(gap, "steps")
    assert found.sign in ("positive", "inconclusive"), found.reasons


def _noisy_overhead(overhead, sizes, sigma, instances, seed):
    """Per-instance gaps of ``n + overhead`` against ``n`` with independent lognormal
    noise of ``sigma`` on each side."""
    rng = np.random.default_rng(seed)
    scale = sigma / math.log(2)
    return {
        n: list(
            math.log2((n + overhead) / n)
            + scale * (rng.standard_normal(instances) - rng.standard_normal(instances))
        )
        for n in sizes
    }


@pytest.mark.parametrize(
    "sizes, sigma, instances, seed",
    # Draws on which a rule without the overhead test read these overheads as negative:
    # noise straightening the fade over nine doublings, and one low median at the top
    # of a narrow range bending it.
    [(tuple(2**k for k in range(5, 14)), 0.5, 7, s) for s in (0, 1, 2, 4, 7, 8, 59, 80)]
    + [((560, 660, 780, 920, 1080, 1280, 1500), 0.1, 7, s) for s in (4, 8)],
)
def test_a_noisy_fading_overhead_is_never_a_negative_gap(sizes, sigma, instances, seed):
    decision = decide_sign(_noisy_overhead(2000, sizes, sigma, instances, seed), "steps")
    assert decision.sign != "negative", decision.reasons


@pytest.mark.parametrize("seed", range(4))
def test_a_noisy_fall_beside_no_overhead_is_still_negative(seed):
    # Half a bit per doubling over eight doublings, medians good to about 0.025 bits: the
    # fall stays straight at the top, where overheads that still add up to a bit there
    # would bend. (With noise twice that, a sum of such overheads fits within it.)
    rng = np.random.default_rng(seed)
    sizes = tuple(2**k for k in range(5, 14))
    gaps = {n: list(-0.5 * math.log2(n) + 0.05 * rng.standard_normal(7)) for n in sizes}
    decision = decide_sign(gaps, "steps")
    assert decision.sign == "negative", decision.reasons


def test_a_fall_an_overhead_explains_says_so():
    # An overhead of n**0.25 beside n, fading as none of the neutral shapes does.
    gaps = exact(lambda n: math.log2(1 + 0.8 * (4096 / n) ** 0.75))
    decision = decide_sign(gaps, "steps")
    assert decision.sign == "inconclusive", decision.reasons
    assert "may be an overhead" in decision.reasons[0]


def test_a_generator_that_does_not_rise_hides_no_leading_term():
    # A constant generator beside trial division (2**(n/4) steps, a noisy count): in the
    # gap alone an overhead still adding a bit at the top could fade so; the generator's
    # own flat cost says no leading term grows beneath one.
    rng = np.random.default_rng(0)
    sizes = (12, 16, 20, 24, 28, 32)
    generate = {n: [0.0] * 5 for n in sizes}
    gaps = {n: list(-n / 4 + 0.5 * rng.standard_normal(5)) for n in sizes}
    verify = {n: [-g for g in gaps[n]] for n in sizes}
    alone = decide_sign(gaps, "steps")
    assert alone.sign == "inconclusive" and "may be an overhead" in alone.reasons[0]
    assert decide_sign(gaps, "steps", generate=generate, verify=verify).sign == "negative"


def _sides(generate, verify, sizes=SIZES):
    """Exact paired gaps and each side's own costs (bits) of two cost functions of n."""
    gaps = {n: [math.log2(generate(n) / verify(n))] * 3 for n in sizes}
    own = {
        role: {n: [math.log2(cost(n))] * 3 for n in sizes}
        for role, cost in (("generate", generate), ("verify", verify))
    }
    return gaps, own


@pytest.mark.parametrize(
    "generate, verify",
    [
        (lambda n: n * n + 1000 * n + 1e5, lambda n: n * n),
        (lambda n: n * n + 100 * n * math.log2(n), lambda n: n * n),
        (lambda n: n + 100 * n**0.5 + 1000, lambda n: n),
        (lambda n: n**3 + 50 * n * n + 2000 * n, lambda n: n**3),
    ],
    ids=["n^2 + 1000n + 10^5", "n^2 + 100 n lg n", "n + 100 sqrt n + 1000", "n^3 + 50n^2 + 2000n"],
)
def test_a_sum_of_lower_order_terms_is_never_a_negative_gap(generate, verify):
    # Two overheads fading at different rates straighten the fall that one alone would
    # bend; read as one overhead, n**2 + 1000*n + 10**5 against n**2 was negative.
    gaps, own = _sides(generate, verify)
    for decision in (decide_sign(gaps, "steps"), decide_sign(gaps, "steps", **own)):
        assert decision.sign != "negative", decision.reasons


@pytest.mark.parametrize(
    "generate, verify, sizes",
    [
        (lambda n: n + 2000, lambda n: n**1.5, SIZES),
        (lambda n: n * n, lambda n: 1.05**n, (40, 60, 80, 100, 120, 140, 160)),
        (lambda n: n, lambda n: n**1.2, SIZES),
    ],
    ids=["n + 2000 vs n^1.5", "n^2 vs 1.05^n", "n vs n^1.2"],
)
def test_a_generator_whose_remainder_bends_down_hides_no_verifier(generate, verify, sizes):
    # Gen = share * verify + overhead would leave an overhead whose log bends down
    # where the verifier takes off: no sum of costs does that.
    gaps, own = _sides(generate, verify, sizes)
    decision = decide_sign(gaps, "steps", **own)
    assert decision.sign == "negative", decision.reasons


@pytest.mark.parametrize(
    "generate, verify, sizes",
    [
        (lambda n: 1.28 * 1.2**n + 4.1 * n, lambda n: 1.2**n, tuple(range(5, 34, 4))),
        (lambda n: 4.1 * 1.3**n + 0.33 * n**2 * 1.3**20, lambda n: 1.3**n, tuple(range(20, 49, 4))),
        (lambda n: 0.5 * 1.1**n + 0.02 * n**2, lambda n: 1.1**n, tuple(range(20, 35, 2))),
    ],
    ids=["1.2^n + n (hump at 5.5)", "1.3^n + n^2", "1.1^n + n^2 (hump at 21)"],
)
def test_a_power_beside_an_exponential_is_never_a_negative_gap(generate, verify, sizes):
    # The overhead's ratio to the exponential first rises (up to n = j / ln b), then
    # falls ever faster: no constant fading beside an exponential bends so, and a rule
    # without such fades read these settled ratios as negative.
    gaps, own = _sides(generate, verify, sizes)
    for decision in (decide_sign(gaps, "steps"), decide_sign(gaps, "steps", **own)):
        assert decision.sign != "negative", decision.reasons


def test_a_generator_hiding_a_multiple_of_the_verifier_is_not_ruled_out():
    # n**1.5 / 3 + 20 n + 5000 against n**1.5: the generator's cost minus a third of the
    # verifier's is 20 n + 5000, a cost, so the generator's own curve cannot clear it.
    gaps, own = _sides(lambda n: n**1.5 / 3 + 20 * n + 5000, lambda n: n**1.5)
    decision = decide_sign(gaps, "steps", **own)
    assert decision.sign != "negative", decision.reasons


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_a_fall_a_noisy_generator_leaves_open_asks_for_generator_instances(seed):
    # A constant generator with noise 0.5 bits beside trial division: three instances
    # leave its median too loose to rule out a hidden share of the verifier; forty-eight
    # narrow it enough, and the sign then stands.
    rng = np.random.default_rng(seed)
    sizes = (12, 16, 20, 24, 28, 32)
    generate = {n: list(10 + 0.5 * rng.standard_normal(3)) for n in sizes}
    verify = {n: list(n / 4 + 0.5 * rng.standard_normal(3)) for n in sizes}
    gaps = {n: [g - v for g, v in zip(generate[n], verify[n], strict=True)] for n in sizes}
    few = decide_sign(gaps, "steps", generate=generate, verify=verify)
    assert few.sign == "inconclusive" and few.wants_generator_instances, few.reasons
    more = {n: generate[n] + list(10 + 0.5 * rng.standard_normal(45)) for n in sizes}
    many = decide_sign(gaps, "steps", generate=more, verify=verify)
    assert many.sign == "negative" and not many.wants_generator_instances, many.reasons


def test_only_a_fall_with_scattered_generator_costs_asks_for_generator_instances():
    rises, own = _sides(lambda n: n**1.5, lambda n: n)
    # An overhead of n**0.25 beside n, as in the test above.
    hidden, exact_own = _sides(lambda n: n + 0.8 * 4096**0.75 * n**0.25, lambda n: n)
    scattered = {
        "generate": {n: [c - 0.3, c, c + 0.3] for n, (c, *_) in exact_own["generate"].items()},
        "verify": exact_own["verify"],
    }
    assert decide_sign(hidden, "steps", **scattered).wants_generator_instances
    # Exact counts cannot narrow, and a rise needs no generator to rule out an overhead.
    assert not decide_sign(hidden, "steps", **exact_own).wants_generator_instances
    assert not decide_sign(rises, "steps", **own).wants_generator_instances


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 9), st.integers(0, 2**32 - 1))
def test_the_bounded_least_squares_is_as_good_as_an_iterative_solver(size, seed):
    from scipy.optimize import lsq_linear

    from gaps.sign import _least_squares_above

    rng = np.random.default_rng(seed)
    design = np.column_stack([np.ones(size), rng.normal(size=(size, size - 1))])
    target = 3 * rng.normal(size=size)
    lower = np.concatenate([[-np.inf], rng.normal(size=size - 1)])
    misfit, x = _least_squares_above(design, target, lower)
    assert (x[1:] >= lower[1:] - 1e-9).all()
    assert misfit == pytest.approx(float(np.sum((design @ x - target) ** 2)), abs=1e-9)
    reference = 2 * lsq_linear(design, target, bounds=(lower, np.inf), tol=1e-12).cost
    # The iterative solver stops at a tolerance: it may be a little worse, never better.
    assert reference >= misfit - 1e-6 * max(1.0, misfit)
    assert misfit <= reference + 1e-4 * max(1.0, reference)

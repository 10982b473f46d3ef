"""Testing your code against families: strategies, accepts, check_solver, and the deep run."""

from __future__ import annotations

import contextlib
import io
import random

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import gaps
from gaps.seeding import derive_rng
from gaps.testing import (
    CHECKS,
    SolverError,
    accepts,
    check_solver,
    contract_sizes,
    corruptions,
    instances,
    outputs,
)

SORTING = gaps.get("sorting")

PRIMES = [p for p in range(2, 256) if all(p % d for d in range(2, int(p**0.5) + 1))]


def plant(pq, meter):
    meter.tick()
    return gaps.Certified(pq[0] * pq[1], pq)


def check_factors(pq, n, factors, meter):
    meter.tick()
    return factors[0] * factors[1] == n and 1 < factors[0] < n


def decide(pq, n, meter):  # trial division, blind: is n a product of two primes?
    count, d = 0, 2
    while d * d <= n:
        meter.tick()
        while n % d == 0:
            n, count = n // d, count + 1
        d += 1
    return count + (n > 1) == 2


SEMIPRIME = gaps.Family(
    "semiprime_test",
    sample=lambda bits, rng: tuple(
        rng.choice([p for p in PRIMES if p.bit_length() == bits]) for _ in range(2)
    ),
    generate={"plant": plant},
    verify={"check": gaps.certified(check_factors), "decide": gaps.blind(decide)},
    corrupt=lambda pq, result, rng: result.output * 3,
    sizes=(3, 4, 5),
)

# --------------------------------------------------------------------------- strategies


def test_instances_shrink_to_the_smallest_size_that_fails():
    xs = find(instances(SORTING, sizes=[2, 5, 9, 30]), lambda xs: len(xs) >= 5)
    assert len(xs) == 5


def test_instances_draw_from_the_contract_sizes_by_default_or_a_strategy():
    seen = set()

    @settings(max_examples=30, database=None)
    @given(instances(SORTING), instances(SORTING, sizes=st.integers(1, 3)))
    def record(default, drawn):
        seen.add(len(default))
        assert 1 <= len(drawn) <= 3

    record()
    assert seen <= set(contract_sizes(SORTING)) and seen


def test_a_failing_instance_is_reproducible_from_its_note():
    @settings(max_examples=20, database=None)
    @given(instances(SORTING, sizes=[3, 4]))
    def fails(xs):
        assert len(xs) < 4

    with pytest.raises(AssertionError) as info:
        fails()
    note = next(n for n in info.value.__notes__ if "FAMILY.sample(" in n)
    expression = note.split("instance = ", 1)[1]
    instance = eval(expression, {"FAMILY": SORTING, "random": random})
    assert len(instance) == 4


@settings(max_examples=20, database=None)
@given(pair=outputs(SORTING))
def test_outputs_are_accepted(pair):
    assert accepts(SORTING, *pair)


@settings(max_examples=20, database=None)
@given(pair=corruptions(SORTING))
def test_corruptions_are_rejected(pair):
    assert not accepts(SORTING, *pair)


@settings(max_examples=20, database=None)
@given(honest=outputs(SEMIPRIME, generator="plant"), bad=corruptions(SEMIPRIME))
def test_certified_outputs_and_their_corruptions_keep_the_certificate(honest, bad):
    (pq, result), (bad_pq, corrupted) = honest, bad
    assert isinstance(result, gaps.Certified) and result.certificate == pq
    assert isinstance(corrupted, gaps.Certified) and corrupted.certificate == bad_pq
    assert accepts(SEMIPRIME, pq, result)
    assert not accepts(SEMIPRIME, bad_pq, corrupted, verifier="check")
    assert not accepts(SEMIPRIME, bad_pq, corrupted, verifier="decide")


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda: instances(SORTING, sizes=[0, 4]), gaps.InvalidArgument, "'sizes' parameter"),
        (lambda: instances(SORTING, sizes=4), gaps.InvalidArgument, "non-empty sequence"),
        (lambda: instances("sortng"), gaps.UnknownName, "Did you mean 'sorting'"),
        (lambda: instances(3), gaps.InvalidArgument, "'family' parameter of instances()"),
        (lambda: outputs(SORTING, "tim"), gaps.UnknownName, "no generator 'tim'"),
        (
            lambda: corruptions(gaps.Family("plain", SEMIPRIME.sample, plant, decide)),
            gaps.InvalidArgument,
            "declares no corruptor",
        ),
    ],
)
def test_strategy_arguments_are_checked_when_called(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_the_toolkit_types_have_strategies_and_third_party_types_are_left_alone():
    from hypothesis.strategies._internal.types import _global_type_lookup

    meter = find(st.from_type(gaps.Meter), lambda m: True)
    assert meter.steps == 0 and meter.budget is None
    assert find(st.from_type(gaps.Family), lambda f: True) in gaps.catalog()
    assert isinstance(find(st.from_type(gaps.Certified), lambda c: True), gaps.Certified)
    foreign = [t for t in _global_type_lookup if t.__module__.startswith(("networkx", "numpy"))]
    assert foreign == []


# --------------------------------------------------------------------------- accepts


def test_accepts_uses_the_verifiers_that_can_judge_the_result():
    pq = (5, 7)
    assert accepts(SEMIPRIME, pq, gaps.Certified(35, pq))
    assert accepts(SEMIPRIME, pq, 35)  # a bare output: the blind verifier only
    assert not accepts(SEMIPRIME, pq, 36)
    with pytest.raises(gaps.InvalidArgument, match="'check' of family 'semiprime_test' is cert"):
        accepts(SEMIPRIME, pq, 35, verifier="check")
    with pytest.raises(gaps.UnknownName, match="Did you mean 'check'"):
        accepts(SEMIPRIME, pq, 35, verifier="chek")


# --------------------------------------------------------------------------- check_solver


def test_check_solver_passes_a_correct_solver_and_gives_it_a_copy():
    def sorts_in_place(xs):
        xs.sort()
        return xs

    check_solver(SORTING, sorted)
    check_solver("sorting", sorts_in_place, sizes=[1, 5, 40], examples=30, seed=3)


def test_check_solver_reports_the_smallest_failing_size_reproducibly():
    def drops_the_last_from_three(xs):
        return sorted(xs)[:2]

    with pytest.raises(SolverError) as info:
        check_solver(SORTING, drops_the_last_from_three, sizes=[5, 1, 2, 3, 4])
    err = info.value
    assert (err.family, err.size, err.verifier) == ("sorting", 3, "check")
    assert err.instance == SORTING.sample(3, random.Random(err.seed))
    assert err.output == sorted(err.instance)[:2]
    message = str(err)
    assert message.startswith(
        f"check_solver: the solver failed on family 'sorting' at size 3 (instance seed "
        f"{err.seed}): verifier 'check' rejected its output"
    )
    code = message.split('reproduce: python -c "', 1)[1].rstrip('"')
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, {})
    assert printed.getvalue().strip() == repr(err.instance)


def test_check_solver_catches_a_solver_that_empties_its_instance():
    def cheat(xs):
        xs.clear()  # the verifier still judges the instance as sampled
        return xs

    with pytest.raises(SolverError, match="rejected its output"):
        check_solver(SORTING, cheat)


def test_check_solver_reports_a_raising_solver_with_its_cause():
    with pytest.raises(SolverError, match="it raised ZeroDivisionError") as info:
        check_solver(SORTING, lambda xs: 1 / 0)
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    assert info.value.output is None


def test_check_solver_reports_a_verifier_choking_on_a_wrong_type():
    with pytest.raises(SolverError, match="verifier 'check' raised TypeError on its output"):
        check_solver(SEMIPRIME, lambda pq: gaps.Certified(pq[0] * pq[1], None))


def test_check_solver_draws_the_instances_classify_measures():
    seen = []

    def record(xs):
        seen.append(xs)
        return sorted(xs)

    check_solver(SORTING, record, sizes=[3, 1, 2], examples=7, seed=5)
    expected = [
        SORTING.sample(n, derive_rng(5, "sorting", n, i))
        for n, count in ((1, 3), (2, 2), (3, 2))
        for i in range(count)
    ]
    assert seen == expected


def test_check_solver_with_certificates_uses_every_verifier_that_applies():
    check_solver(SEMIPRIME, lambda pq: pq[0] * pq[1])  # the blind verifier only
    check_solver(SEMIPRIME, lambda pq: gaps.Certified(pq[0] * pq[1], pq))  # both
    with pytest.raises(SolverError, match="verifier 'check' rejected"):
        check_solver(SEMIPRIME, lambda pq: gaps.Certified(pq[0] * pq[1], (1, pq[0] * pq[1])))
    with pytest.raises(SolverError, match=r"must be gaps.Certified\(output, certificate\)"):
        check_solver(SEMIPRIME, lambda pq: pq[0] * pq[1], verifier="check")


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"solver": 3}, gaps.InvalidArgument, "'solver' parameter of check_solver"),
        ({"examples": 0}, gaps.InvalidArgument, "'examples' parameter"),
        ({"sizes": []}, gaps.InvalidArgument, "'sizes' parameter of check_solver"),
        ({"verifier": "chek"}, gaps.UnknownName, "Did you mean 'check'"),
        ({"seed": "0"}, gaps.InvalidArgument, "'seed' parameter"),
    ],
)
def test_check_solver_arguments_are_named_with_a_hint(kwargs, error, message):
    with pytest.raises(error, match=message):
        check_solver(SORTING, **{"solver": sorted, **kwargs})


# --------------------------------------------------------------------------- the deep run

DEEP_CASES = [
    pytest.param(family, check, id=f"{family.name}-{check.__name__}")
    for family in gaps.catalog()
    for check in CHECKS
]


def _selected(config):
    """Run with `-m slow` or the deep profile; tests/test_catalog.py is the fast variant."""
    return "slow" in (config.getoption("markexpr") or "") or (
        settings.get_current_profile_name() == "gaps-deep"
    )


@pytest.mark.slow
@pytest.mark.parametrize("family, check", DEEP_CASES)
def test_contract_holds_for_drawn_seeds(family, check, pytestconfig):
    if not _selected(pytestconfig):
        pytest.skip(
            "python -m pytest -m slow tests/test_strategies.py --hypothesis-profile=gaps-deep"
        )

    # The number of examples is the active profile's: 100 by default, 2000 when deep.
    @settings(deadline=None)  # the first sympy limit alone can take a second
    @given(size=st.sampled_from(contract_sizes(family)), seed=st.integers(0, 2**32 - 1))
    def holds(size, seed):
        check(family, size, seed)

    holds()

"""Each contract check catches its own deliberately broken family, and no other check does."""

from __future__ import annotations

import os
import random
import secrets
import threading
from functools import cmp_to_key
from pathlib import Path

import numpy as np
import pytest

import gaps
import gaps.registry
import gaps.testing
from gaps.testing import (
    CHECKS,
    ContractError,
    check_completeness,
    check_corruptor_corrupts,
    check_costs_grow,
    check_declaration,
    check_family,
    check_global_rng_untouched,
    check_sampling_reproducible,
    check_soundness,
    check_theory_consistent,
    check_verifier_pure,
    check_verifier_returns_verdict,
    check_verifier_total,
    parametrize_with_checks,
)

pytest_plugins = ["pytester"]


def sample(size, rng):
    return [rng.randrange(100) for _ in range(size)]


def generate(xs, meter):
    def compare(a, b):
        meter.tick()
        return (a > b) - (a < b)

    return sorted(xs, key=cmp_to_key(compare))


def verify(xs, ys, meter):
    meter.tick(len(xs) + 1)
    return ys == sorted(xs)


def corrupt(xs, ys, rng):
    return [*ys, 101]


THEORY = gaps.Theory(generate="n*log(n)", verify="n", sign="positive")


def family(**changes):
    parts = {"sample": sample, "generate": generate, "verify": verify, "corrupt": corrupt}
    parts.update(theory=THEORY, sizes=(4, 8))
    name = changes.pop("name", "broken")
    parts.update(changes)
    return gaps.Family(name, **parts)


def accept_all(xs, ys, meter):
    meter.tick(len(xs))
    return True


def reject_all(xs, ys, meter):
    meter.tick(len(xs))
    return False


def unsorted(xs, meter):
    meter.tick(len(xs))
    return list(xs)


def sorts_in_place(xs, ys, meter):
    meter.tick(len(xs))
    xs.sort()
    return ys == xs


def reseeding_global_sample(size, rng):
    random.seed(size)  # reproducible, but it clobbers everyone's global RNG
    return [random.randrange(100) for _ in range(size)]


def reseeding_numpy_sample(size, rng):
    np.random.seed(size)
    return [int(v) for v in np.random.randint(0, 100, size)]


def raises_on_wrong_answers(xs, ys, meter):
    meter.tick(len(xs))
    if ys != sorted(xs):
        raise ValueError("not the sorted input")
    return True


def returns_int(xs, ys, meter):
    meter.tick(len(xs))
    return int(ys == sorted(xs))


def grades_above_one(xs, ys, meter):
    meter.tick(len(xs))
    return 2.0 if ys == sorted(xs) else 0.0


def locked_sampler():
    lock = threading.Lock()  # cloudpickle cannot ship a lock to a worker

    def sample_under_lock(size, rng):
        with lock:
            return sample(size, rng)

    return sample_under_lock


def fewer_steps_when_larger(xs, meter):
    meter.tick(1000 // len(xs))
    return sorted(xs)


def ticks_nothing(xs, ys, meter):
    return ys == sorted(xs)


BROKEN = {
    "accept-all verifier": (family(verify=accept_all), check_soundness),
    "reject-all verifier": (family(verify=reject_all), check_completeness),
    "generator with invalid outputs": (family(generate=unsorted), check_completeness),
    "nondeterministic sampler": (
        family(sample=lambda n, rng: [secrets.randbelow(100) for _ in range(n)]),
        check_sampling_reproducible,
    ),
    "verifier that mutates its input": (family(verify=sorts_in_place), check_verifier_pure),
    "corruptor returning valid outputs": (
        family(corrupt=lambda xs, ys, rng: ys),
        check_corruptor_corrupts,
    ),
    "sampler using the global RNG": (
        family(sample=reseeding_global_sample),
        check_global_rng_untouched,
    ),
    "sampler using numpy's global RNG": (
        family(sample=reseeding_numpy_sample),
        check_global_rng_untouched,
    ),
    "verifier raising on a wrong answer": (
        family(verify=raises_on_wrong_answers),
        check_verifier_total,
    ),
    "verifier returning a non-bool": (family(verify=returns_int), check_verifier_returns_verdict),
    "grader returning a grade above 1": (
        family(verify=gaps.grade(grades_above_one)),
        check_verifier_returns_verdict,
    ),
    "family that cannot go to workers": (family(sample=locked_sampler()), check_declaration),
    "theory whose sign contradicts its growths": (
        family(theory=gaps.Theory(generate="n*log(n)", verify="n", sign="negative")),
        check_theory_consistent,
    ),
    "theory whose growths in steps contradict its sign": (
        family(
            theory=gaps.Theory(
                generate="n*log(n)",
                verify="n",
                sign="positive",
                units={"steps": {"generate": "1"}},
            )
        ),
        check_theory_consistent,
    ),
    "compare verifier declared positive": (
        family(verify=gaps.compare(verify)),
        check_theory_consistent,
    ),
    "generator ticking fewer steps when larger": (
        family(generate=fewer_steps_when_larger),
        check_costs_grow,
    ),
    "verifier ticking no steps": (family(verify=ticks_nothing), check_costs_grow),
}


def failing_checks(fam):
    failed = set()
    for check in CHECKS:
        try:
            for seed in (0, 1):
                check(fam, 8, seed)
        except ContractError:
            failed.add(check)
    return failed


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_family_is_caught_by_exactly_the_intended_check(name):
    fam, intended = BROKEN[name]
    assert failing_checks(fam) == {intended}


def test_every_check_catches_some_broken_family():
    assert {check for _, check in BROKEN.values()} == set(CHECKS)


def test_a_correct_family_passes_every_check():
    check_family(family())


def test_checks_keep_their_names_and_are_exported():
    names = [check.__name__ for check in CHECKS]
    assert set(names) <= set(gaps.testing.__all__)
    assert {
        "check_sampling_reproducible",
        "check_global_rng_untouched",
        "check_completeness",
        "check_soundness",
        "check_verifier_pure",
        "check_corruptor_corrupts",
    } <= set(names)
    assert all(">>> " in (check.__doc__ or "") for check in CHECKS)


def test_the_testing_page_documents_every_check():
    page = (Path(__file__).resolve().parent.parent / "docs" / "testing.md").read_text()
    assert [check.__name__ for check in CHECKS if f"| `{check.__name__}` |" not in page] == []


def test_unparseable_theory_is_a_declaration_error():
    with pytest.raises(gaps.DeclarationError, match=r"theory.generate\['generate'\]"):
        family(theory=gaps.Theory(generate="n*", verify="n", sign="positive"))


def test_failure_message_names_family_check_seed_and_reproduction():
    fam, _ = BROKEN["accept-all verifier"]
    with pytest.raises(ContractError) as info:
        check_soundness(fam, 8, 1)
    message = str(info.value)
    assert message.startswith("broken: check_soundness failed at size 8, seed 1")
    # An unregistered family in a test: rerunning the test reruns the same seeds.
    node = os.environ["PYTEST_CURRENT_TEST"].rsplit(" (", 1)[0]
    assert "reproduce: python -m pytest" in message and node in message


def _reproduce(message):
    """Run the `python -c` command of a failure message in this process."""
    command = message.split("reproduce: ", 1)[1].strip()
    assert command.startswith('python -c "') and command.endswith('"')
    exec(command[len('python -c "') : -1], {})


def test_registered_family_reproduces_with_python_c(monkeypatch):
    fam, _ = BROKEN["accept-all verifier"]
    monkeypatch.setitem(gaps.registry._load(), "broken", fam)
    with pytest.raises(ContractError) as info:
        check_soundness(fam, 8, 1)
    message = str(info.value)
    assert "t.check_soundness(gaps.get('broken'), size=8, seed=1)" in message
    with pytest.raises(ContractError, match="check_soundness failed at size 8, seed 1"):
        _reproduce(message)


ACCEPT_ALL = family(verify=accept_all)


def test_module_level_family_reproduces_with_python_c_outside_pytest(monkeypatch):
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    with pytest.raises(ContractError) as info:
        check_soundness(ACCEPT_ALL, 8, 0)
    message = str(info.value)
    assert f"t.check_soundness({__name__}.ACCEPT_ALL, size=8, seed=0)" in message
    with pytest.raises(ContractError, match="check_soundness failed at size 8, seed 0"):
        _reproduce(message)


def test_family_code_that_raises_fails_the_check_naming_the_role():
    def boom(size, rng):
        raise ValueError("no instance today")

    with pytest.raises(ContractError, match="the sampler raised ValueError: no instance today"):
        check_completeness(family(sample=boom), 8, 0)


def test_check_family_reports_every_failing_check_at_once():
    fam = family(verify=accept_all, generate=fewer_steps_when_larger)
    with pytest.raises(ContractError) as info:
        check_family(fam)
    message = str(info.value)
    assert message.startswith("broken: 2 contract checks failed")
    assert "check_soundness failed" in message and "check_costs_grow failed" in message


def test_expected_failures_excuse_the_failing_check_only():
    fam = family(verify=accept_all, generate=fewer_steps_when_larger)
    check_family(fam, {"check_soundness": "#1", "check_costs_grow": "#2"})
    with pytest.raises(ContractError, match="check_costs_grow failed"):
        check_family(fam, {"check_soundness": "#1"})


def test_expected_failure_that_passes_is_an_error():
    with pytest.raises(ContractError) as info:
        check_family(family(), expected_failures={"check_soundness": "flaky corruptor"})
    assert str(info.value) == (
        "broken: check check_soundness was expected to fail (flaky corruptor) but passed; "
        "remove it from expected_failures."
    )


@pytest.mark.parametrize(
    "expected, error, message",
    [
        ({"check_sound": "x"}, gaps.UnknownName, "Did you mean 'check_soundness'"),
        ({"soundness": "x"}, gaps.UnknownName, "names no check 'soundness'"),
        (["check_soundness"], gaps.InvalidArgument, "must be a mapping of check name to reason"),
        ({"check_soundness": ""}, gaps.InvalidArgument, "must be a non-empty str"),
    ],
)
def test_bad_expected_failures_are_named_with_a_hint(expected, error, message):
    with pytest.raises(error, match=message):
        check_family(family(), expected_failures=expected)


def test_check_family_takes_a_registered_name_and_rejects_other_things():
    check_family("sorting")
    with pytest.raises(gaps.UnknownName, match="Did you mean 'sorting'"):
        check_family("sortng")
    with pytest.raises(gaps.InvalidArgument, match="'family' parameter of check_family"):
        check_family(42)


def test_parametrize_with_checks_makes_one_test_per_family_and_check():
    mark = parametrize_with_checks([family(), "sorting"])
    ids = [param.id for param in mark.args[1]]
    assert len(ids) == 2 * len(CHECKS)
    assert "broken-check_soundness" in ids and "sorting-check_costs_grow" in ids


PLUGIN_TEST = """
import gaps
from gaps.testing import parametrize_with_checks
from test_testing import family, accept_all

GOOD, LAX = family(name="good"), family(name="lax", verify=accept_all)

def expected(fam):
    return {"check_soundness": "accepts everything"} if fam is LAX else None

@parametrize_with_checks([GOOD, LAX], expected_failures=expected)
def test_contract(family, check):
    check(family)

@parametrize_with_checks([GOOD], expected_failures={"check_soundness": "stale"})
def test_stale(family, check):
    check(family)
"""


def test_parametrize_with_checks_runs_strict_expected_failures(pytester):
    pytester.syspathinsert(os.path.dirname(__file__))
    pytester.makepyfile(test_contract_of_families=PLUGIN_TEST)
    result = pytester.runpytest("-v", "-rx", "-p", "no:cacheprovider")
    n = len(CHECKS)
    result.assert_outcomes(passed=3 * n - 2, xfailed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*test_contract?good-check_declaration? PASSED*",
            "*test_contract?lax-check_soundness? XFAIL*",
            "*test_stale?good-check_soundness? FAILED*",
            "*check check_soundness was expected to fail (stale) but passed; "
            "remove it from expected_failures.*",
            "XFAIL *test_contract?lax-check_soundness? - accepts everything",
        ]
    )

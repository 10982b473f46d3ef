"""The pytest plugin, as a user meets it: installed by the entry point, run on small test files."""

from __future__ import annotations

import subprocess
import sys

import numpy  # noqa: F401
import pytest

import gaps

pytest_plugins = ["pytester"]

# pytester's in-process runs drop the modules they imported; numpy's C core cannot be
# imported twice, so it and the catalog are loaded here, outside them.
gaps.catalog()

FIXTURES = """
import random
import pytest
import gaps

@pytest.mark.gaps_family("sorting")
def test_marked_family(gaps_family, gaps_rng):
    assert gaps_family is gaps.get("sorting")
    xs = gaps_family.sample(20, gaps_rng)
    assert gaps.testing.accepts(gaps_family, xs, sorted(xs))

MINE = gaps.Family("mine", lambda n, rng: list(range(n)), lambda xs, m: xs,
                   lambda xs, ys, m: ys == xs)

@pytest.mark.gaps_family(MINE)
def test_family_object(gaps_family):
    assert gaps_family is MINE

@pytest.mark.parametrize("gaps_family", ["sorting", MINE], indirect=True)
def test_indirect(gaps_family):
    assert isinstance(gaps_family, gaps.Family)

@pytest.mark.gaps_family("sortng")
def test_misspelt(gaps_family):
    pass

def test_unmarked(gaps_family):
    pass
"""


def test_family_fixture_reads_the_marker_and_explains_mistakes(pytester):
    pytester.makepyfile(FIXTURES)
    result = pytester.runpytest("--strict-markers", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*@pytest.mark.gaps_family: No family called 'sortng'. Did you mean 'sorting'?",
            "*test_unmarked uses the gaps_family fixture without a family: mark the test "
            "with @pytest.mark.gaps_family('sorting')*",
        ]
    )


RNG = """
import json, os

def record(name, value):
    with open(os.environ["GAPS_RNG_LOG"], "a") as log:
        log.write(json.dumps([name, value]) + "\\n")

def test_a(gaps_rng):
    record("a", gaps_rng.random())

def test_b(gaps_rng):
    record("b", gaps_rng.random())
"""


def _draws(pytester, monkeypatch, *args):
    log = pytester.path / f"draws{len(list(pytester.path.glob('draws*')))}.jsonl"
    monkeypatch.setenv("GAPS_RNG_LOG", str(log))
    pytester.runpytest("-p", "no:cacheprovider", *args).assert_outcomes(passed=2)
    import json

    return dict(json.loads(line) for line in log.read_text().splitlines())


def test_rng_fixture_depends_on_the_seed_option_and_the_test(pytester, monkeypatch):
    pytester.makepyfile(RNG)
    first, again = _draws(pytester, monkeypatch), _draws(pytester, monkeypatch, "--gaps-seed=0")
    other = _draws(pytester, monkeypatch, "--gaps-seed=7")
    assert first == again
    assert first["a"] != first["b"]
    assert other["a"] != first["a"] and other["b"] != first["b"]


def test_marker_and_option_are_registered_and_seed_is_in_the_header(pytester):
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.gaps_family(family): *"])
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(["*--gaps-seed=GAPS_SEED*"])
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest("--gaps-seed=5")
    result.stdout.fnmatch_lines(["gaps: --gaps-seed=5"])


PROFILES = """
from hypothesis import settings, given, strategies as st

def test_profile():
    current = settings()
    print("PROFILE", settings.get_current_profile_name(), current.max_examples,
          current.deadline, current.derandomize, current.print_blob)

@given(st.integers())
def test_examples(n):
    pass
"""


@pytest.mark.parametrize(
    "profile, expected",
    [
        ("gaps-deep", "PROFILE gaps-deep 2000 None False False"),
        ("gaps-ci", "PROFILE gaps-ci 100 None True True"),
    ],
)
def test_hypothesis_profiles_are_selected_with_hypothesis_own_option(pytester, profile, expected):
    pytester.makepyfile(PROFILES)
    # A subprocess: loading a profile is global to hypothesis, and must not leak here.
    result = pytester.runpytest_subprocess("-s", f"--hypothesis-profile={profile}")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([f"*{expected}*"])


HYPOTHESIS_CI_KEPT = """
from hypothesis import settings

before = settings.get_profile("ci")
import gaps.pytest_plugin

print(settings.get_profile("ci") is before, settings.get_profile("gaps-ci").max_examples)
"""


def test_plugin_leaves_hypothesis_own_ci_profile_alone():
    # A fresh interpreter: here the plugin was imported long before this test.
    result = subprocess.run(
        [sys.executable, "-c", HYPOTHESIS_CI_KEPT], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "100"]


def test_type_strategies_for_the_toolkit_types_are_registered(pytester):
    pytester.makepyfile(
        """
        import gaps
        from hypothesis import given, settings, strategies as st

        @settings(max_examples=5)
        @given(st.from_type(gaps.Meter), st.from_type(gaps.Family), st.from_type(gaps.Certified))
        def test_toolkit_types(meter, family, certified):
            assert meter.steps == 0 and meter.budget is None
            assert family is gaps.get(family.name)
            assert isinstance(certified, gaps.Certified)
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)

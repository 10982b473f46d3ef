"""The gaps pytest plugin: family fixtures, a reproducible rng, and hypothesis profiles.

Installed with gaps (entry point ``pytest11``), so every pytest run in an environment
with gaps has:

- the marker ``@pytest.mark.gaps_family("sorting")`` (a registered name, or a
  :class:`gaps.Family`), read by the fixture ``gaps_family``;
- the fixture ``gaps_rng``: a ``random.Random`` derived from ``--gaps-seed`` (default
  0) and the test's node id, so each test has its own stream and a rerun with the same
  seed draws the same values;
- hypothesis profiles ``gaps-ci`` (derandomized, no deadline, failure blobs printed,
  100 examples: hypothesis's own ``ci`` profile with the count made explicit) and
  ``gaps-deep`` (2000 examples, no deadline), chosen with hypothesis's own option
  ``--hypothesis-profile=gaps-deep``. Their names carry the ``gaps-`` prefix so that
  installing gaps never rewrites a profile of another project, hypothesis's own
  ``ci`` included.

The profiles are registered when this module is imported, before hypothesis's
plugin reads ``--hypothesis-profile`` in ``pytest_configure``; the strategies for the
toolkit's own types (:mod:`gaps.testing._strategies`) are registered in ``pytest_configure``.

>>> from hypothesis import settings
>>> settings.get_profile("gaps-deep").max_examples
2000
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from gaps.family import Family
from gaps.seeding import derive_seed

__all__ = ["gaps_family", "gaps_rng"]

#: Examples per test in the ``gaps-deep`` profile.
DEEP_EXAMPLES = 2000

settings.register_profile(
    "gaps-ci",
    settings.get_profile("ci"),  # hypothesis's own: derandomized, no database
    max_examples=100,
    derandomize=True,
    deadline=None,
    print_blob=True,
)
settings.register_profile(
    "gaps-deep",
    # From hypothesis's default, not whatever is loaded: under CI=true hypothesis loads
    # its own derandomized "ci" profile, and a deep run must explore at random.
    settings.get_profile("default"),
    max_examples=DEEP_EXAMPLES,
    derandomize=False,
    deadline=None,
    # Families sample slowly at their larger sizes; depth is the point here, not speed.
    suppress_health_check=[HealthCheck.too_slow],
)

_MARKER = (
    "gaps_family(family): the family the gaps_family fixture provides, a registered "
    "name such as 'sorting' or a gaps.Family"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gaps", "gaps: generator-verifier gaps")
    group.addoption(
        "--gaps-seed",
        type=int,
        default=0,
        dest="gaps_seed",
        help="seed of the gaps_rng fixture (default 0); each test derives its own stream",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", _MARKER)
    # Registers strategies for gaps.Meter, gaps.Family and gaps.Certified. Here, not at
    # import: hypothesis warns about plugins that build strategies before it has loaded.
    import gaps.testing._strategies  # noqa: F401


def pytest_report_header(config: pytest.Config) -> str:
    return f"gaps: --gaps-seed={config.getoption('gaps_seed')}"


def _resolve(value: Any, where: str) -> Family:
    if isinstance(value, Family):
        return value
    if isinstance(value, str):
        from gaps.errors import UnknownName
        from gaps.registry import get

        try:
            return get(value)
        except UnknownName as exc:
            pytest.fail(f"{where}: {exc}", pytrace=False)
    pytest.fail(
        f"{where} must name a registered family or be a gaps.Family. "
        f"Got {value!r} ({type(value).__name__}).",
        pytrace=False,
    )


@pytest.fixture
def gaps_family(request: pytest.FixtureRequest) -> Family:
    """The family named by ``@pytest.mark.gaps_family(...)`` (or an indirect parameter).

    Examples
    --------
    In a test module::

        @pytest.mark.gaps_family("sorting")
        def test_my_sort(gaps_family, gaps_rng):
            xs = gaps_family.sample(100, gaps_rng)
            assert gaps.testing.accepts(gaps_family, xs, my_sort(xs))
    """
    if hasattr(request, "param"):  # parametrize("gaps_family", [...], indirect=True)
        return _resolve(request.param, "The gaps_family parameter")
    marker = request.node.get_closest_marker("gaps_family")
    if marker is None:
        pytest.fail(
            f"{request.node.nodeid} uses the gaps_family fixture without a family: mark "
            "the test with @pytest.mark.gaps_family('sorting') (a name or a gaps.Family).",
            pytrace=False,
        )
    if len(marker.args) != 1 or marker.kwargs:
        pytest.fail(
            "@pytest.mark.gaps_family takes exactly one family (a name or a gaps.Family). "
            f"Got args={marker.args!r}, kwargs={marker.kwargs!r}.",
            pytrace=False,
        )
    return _resolve(marker.args[0], "@pytest.mark.gaps_family")


@pytest.fixture
def gaps_rng(request: pytest.FixtureRequest) -> random.Random:
    """A ``random.Random`` from ``--gaps-seed`` and the test's node id.

    Each test (and each parametrized case) gets its own stream, unchanged by adding or
    reordering other tests; ``--gaps-seed=1`` draws another one everywhere.

    Examples
    --------
    In a test module::

        def test_shuffled_input(gaps_rng):
            xs = list(range(10))
            gaps_rng.shuffle(xs)
            assert sorted(xs) == list(range(10))
    """
    return random.Random(derive_seed(request.config.getoption("gaps_seed"), request.node.nodeid))

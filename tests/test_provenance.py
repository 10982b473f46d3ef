"""Fingerprints: a stored measurement is reused only while the code it ran is unchanged."""

from __future__ import annotations

import importlib
import sys
import textwrap

import pytest

import gaps
from gaps.execution import WorkerPool
from gaps.measure import measure
from gaps.provenance import code_modules, fingerprint
from gaps.settings import Settings
from gaps.store import Store

HELPER = """
def check(xs, ys, meter):
    meter.tick({ticks} * len(xs))
    return ys == sorted(xs)
"""

FAMILY = """
import gaps
from helped_pkg import _helper


def sample(size, rng):
    return [rng.random() for _ in range(size)]


def generate(xs, meter):
    meter.tick(len(xs))
    return sorted(xs)


def verify(xs, ys, meter):
    return _helper.check(xs, ys, meter)


FAMILY = gaps.Family("helped", sample, generate, verify)
"""


@pytest.fixture
def helped(tmp_path, monkeypatch):
    """A family whose verifier calls a helper module of its package; the helper's path."""
    package = tmp_path / "helped_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "_helper.py").write_text(HELPER.format(ticks=1))
    (package / "family.py").write_text(textwrap.dedent(FAMILY))
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("helped_pkg.family")
    yield module.FAMILY, package / "_helper.py"
    for name in [n for n in sys.modules if n.startswith("helped_pkg")]:
        del sys.modules[name]


def test_the_fingerprint_covers_the_helpers_a_verifier_calls(helped):
    family, helper = helped
    assert code_modules(family) == ["helped_pkg._helper", "helped_pkg.family"]
    before = fingerprint(family)
    helper.write_text(HELPER.format(ticks=2))
    assert fingerprint(family) != before


def test_editing_a_helper_measures_its_family_anew(helped, tmp_path):
    family, helper = helped
    with Store(tmp_path / "gaps.sqlite") as store:
        with WorkerPool(1) as pool:
            first = measure(family, [8, 16], Settings(instances=1, store=store), pool=pool)
        helper.write_text(HELPER.format(ticks=3))
        with WorkerPool(1) as pool:  # fresh workers import the edited helper
            second = measure(family, [8, 16], Settings(instances=1, store=store), pool=pool)
    assert first.resumed == 0 and second.resumed == 0
    verified = [r.steps for r in second.records["generate", 16, 0] if r.role == "verify"]
    assert verified == [3 * 16]


def test_the_toolkit_version_is_part_of_the_fingerprint(monkeypatch):
    family = gaps.get("sorting")
    before = fingerprint(family)
    monkeypatch.setattr(gaps, "__version__", gaps.__version__ + ".post1")
    assert fingerprint(family) != before


def test_catalog_refutation_families_cover_their_shared_checker():
    for name in ("tseitin", "pigeonhole"):
        assert "gaps.problems.logic._refutation" in code_modules(gaps.get(name))
        assert "gaps.problems._sat" in code_modules(gaps.get(name))


def test_a_lambda_family_is_fingerprinted_by_its_module():
    family = gaps.Family("lam", lambda n, rng: n, lambda x, m: x, lambda x, y, m: x == y)
    assert code_modules(family) == [__name__]
    assert len(fingerprint(family)) == 16


def test_a_family_calling_numpy_gets_a_fingerprint():
    # numpy names some of its classes after public aliases that are not modules
    # (numpy.recarray.__module__ is "numpy.rec"): the walk must pass over them.
    import numpy as np

    work = np.sort
    fam = gaps.Family(
        "npsort",
        lambda n, rng: np.arange(n)[::-1],
        lambda xs, meter: work(xs),
        lambda xs, ys, meter: bool((np.diff(ys) >= 0).all()),
    )
    assert len(fingerprint(fam)) >= 16
    assert "numpy" in code_modules(fam)

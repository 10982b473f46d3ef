from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gaps
from gaps.seeding import derive_seed


@given(st.lists(st.integers(0, 1000), max_size=50))
def test_ticks_add_up(ks):
    meter = gaps.Meter()
    for k in ks:
        meter.tick(k)
    assert meter.steps == sum(ks)


@given(budget=st.integers(1, 10_000), extra=st.integers(1, 100))
def test_budget_stops_exactly_past_the_budget(budget, extra):
    meter = gaps.Meter(budget)
    meter.tick(budget)  # reaching the budget is allowed
    with pytest.raises(gaps.BudgetExceeded) as info:
        meter.tick(extra)
    assert info.value.steps == budget + extra


@pytest.mark.parametrize("budget", [0, -1, 2.5, "10"])
def test_bad_budget_is_rejected(budget):
    with pytest.raises(gaps.InvalidArgument, match="'budget'"):
        gaps.Meter(budget)


def test_unknown_counter_is_rejected():
    with pytest.raises(gaps.InvalidArgument, match="propagations"):
        gaps.Meter().count(flops=3)


@given(st.integers(0, 2**32), st.integers(0, 2**32), st.integers(0, 100), st.integers(0, 100))
def test_derived_seeds_do_not_collide_across_seed_and_index(s1, s2, i1, i2):
    if (s1, i1) != (s2, i2):
        assert derive_seed(s1, "fam", 8, i1) != derive_seed(s2, "fam", 8, i2)


def test_c_ticker_is_built_and_agrees_with_the_python_reference():
    from gaps import meter

    assert meter._Ticker is not meter.PyTicker, "the C extension gaps._meter was not built"

    class Reference(meter.PyTicker):
        def _exceeded(self):
            raise gaps.BudgetExceeded(self._limit, self.steps)

    for budget in (5, 100):
        ours, ref = gaps.Meter(budget), Reference()
        ref._limit = budget
        outcomes = []
        for m in (ours, ref):
            try:
                for k in (1, 2, 3, 0, 4, 90):
                    m.tick(k)
                outcomes.append(("done", m.steps))
            except gaps.BudgetExceeded as exc:
                outcomes.append(("stopped", exc.steps))
        assert outcomes[0] == outcomes[1]


def test_tick_rejects_a_non_integer_step_count():
    with pytest.raises(TypeError):
        gaps.Meter().tick(1.5)

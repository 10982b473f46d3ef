"""Measuring one call: the cyclic garbage collector is paused while it is timed."""

from __future__ import annotations

import gc
import time

import pytest

from gaps.calls import CallRecord, measure_call


@pytest.mark.parametrize("cpu_seconds", [0.0, 0.005])  # calibrated, and timed twice
def test_the_collector_is_off_while_a_call_is_timed_and_back_on_after(cpu_seconds):
    seen = []

    def call(meter):
        seen.append(gc.isenabled())
        if cpu_seconds:
            end = time.process_time() + cpu_seconds
            while time.process_time() < end:
                pass
        return 1

    assert gc.isenabled()
    assert measure_call(CallRecord("verify"), call, steps_budget=None, memory_limit=None) == 1
    assert len(seen) >= 2 and not any(seen)
    assert gc.isenabled()


def test_a_call_that_raises_still_gives_the_collector_back():
    def call(meter):
        raise RuntimeError("boom")

    record = CallRecord("generate")
    assert measure_call(record, call, steps_budget=None, memory_limit=None) is None
    assert (record.outcome, gc.isenabled()) == ("error", True)


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    try:
        measure_call(CallRecord("generate"), lambda m: 1, steps_budget=None, memory_limit=None)
        assert not gc.isenabled()
    finally:
        gc.enable()

"""Measuring one call: the collector is paused while it is timed, and short calls are timed warm."""

from __future__ import annotations

import contextlib
import gc
import signal
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


def _spin(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_call_slow_only_when_cold_is_timed_warm_by_repetition():
    calls = []

    def call(meter):
        _spin(0.006 if not calls else 0.0005)  # the first call pays a cold start
        calls.append(1)

    record = CallRecord("generate")
    measure_call(record, call, steps_budget=None, memory_limit=None)
    assert len(calls) > 3  # cold, warm, then calibrating repetitions
    assert record.cpu is not None and record.cpu < 0.002


def test_a_call_over_the_calibration_threshold_when_warm_is_timed_once_more():
    calls = []

    def call(meter):
        _spin(0.004)
        calls.append(1)

    record = CallRecord("generate")
    measure_call(record, call, steps_budget=None, memory_limit=None)
    assert len(calls) == 2
    assert record.cpu is not None and record.cpu >= 0.004


def test_a_python_call_past_its_time_limit_is_stopped_even_if_it_catches_exceptions():
    def stubborn(meter):
        while True:
            with contextlib.suppress(Exception):  # a family's own error handling
                meter.tick()

    record = CallRecord("generate")
    started = time.perf_counter()
    value = measure_call(record, stubborn, steps_budget=None, memory_limit=None, time_limit=0.1)
    assert value is None
    assert time.perf_counter() - started < 1.0
    assert (record.outcome, record.reason, record.cpu) == ("censored", "time", 0.1)
    assert record.steps is not None and record.steps > 0  # a lower bound, as at a kill


def test_a_time_limit_never_fires_after_its_call_and_leaves_sigalrm_as_it_found_it():
    before = signal.getsignal(signal.SIGALRM)
    record = CallRecord("verify")
    measure_call(record, lambda meter: 7, steps_budget=None, memory_limit=None, time_limit=0.02)
    time.sleep(0.1)  # past the limit: an alarm left armed would raise here
    assert (record.outcome, record.reason) == ("ok", "")
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)

"""Bad generators and verifiers end in recorded outcomes; the sweep and the store go on."""

from __future__ import annotations

import os
import random

import pytest

import gaps
from gaps.execution import WorkerPool
from gaps.measure import measure
from gaps.settings import Settings
from gaps.store import Store
from gaps.tasks import Limits


def sample(size, rng):
    return [rng.randrange(100) for _ in range(size)]


def misbehaving_generate(xs, meter):
    """Fine at most sizes; at some sizes raises, hangs, eats memory or kills its process."""
    n = len(xs)
    if n == 3:
        raise ValueError("generator failed on purpose")
    if n == 5:
        while True:  # runaway pure-Python loop: stopped at the time limit
            pass
    if n == 6:
        hoard = []
        while True:
            hoard.append(bytearray(50 * 2**20))
    if n == 7:
        os._exit(3)
    meter.tick(n)
    return sum(xs)


def verify_sum(xs, s, meter):
    meter.tick(len(xs))
    return s == sum(xs)


MISBEHAVING = gaps.Family(
    "misbehaving", sample, misbehaving_generate, verify_sum, lambda xs, s, rng: s + 1
)


def test_every_failure_is_recorded_and_the_sweep_goes_on(tmp_path):
    limits = Limits(time=1.0, memory=256 * 2**20)
    with WorkerPool(2) as pool, Store(tmp_path / "s.sqlite") as store:
        result = measure(
            MISBEHAVING,
            [2, 3, 4, 5, 6, 7, 8],
            Settings(instances=1, limits=limits, store=store),
            pool=pool,
        )
        assert store.count("tasks") == 7
    generate = {
        size: rs[1] if len(rs) > 1 else rs[0] for (_, size, _), rs in result.records.items()
    }
    assert (generate[3].outcome, generate[3].reason.split(":")[0]) == ("error", "ValueError")
    assert (generate[5].outcome, generate[5].reason) == ("censored", "time")
    assert (generate[6].outcome, generate[6].reason) == ("censored", "memory")
    assert generate[7].outcome == "error" and "exit code 3" in generate[7].reason
    for size in (2, 4, 8):
        assert [r.outcome for r in result.records[("generate", size, 0)]] == ["ok"] * 5


def test_steps_budget_censors_at_the_budget():
    fam = gaps.Family("spin", sample, lambda xs, m: [m.tick() for _ in iter(int, 1)], verify_sum)
    with WorkerPool(1) as pool:
        result = measure(fam, [4], Settings(instances=1, limits=Limits(steps=1000)), pool=pool)
    record = result.records[("generate", 4, 0)][1]
    assert (record.outcome, record.reason, record.steps) == ("censored", "steps", 1001)


def test_non_bool_verdict_makes_the_pairing_unsound():
    fam = gaps.Family("int_verdict", sample, lambda xs, m: sum(xs), lambda xs, s, m: 1)
    report = gaps.classify(fam, sizes=[4, 8, 16], workers=1, instances=2)
    assert report.sign == "unsound"
    assert "not a bool" in report.reasons[0]


def test_lambda_family_from_main_runs_in_workers():
    # Declared here with lambdas: it reaches the workers by value, through cloudpickle.
    fam = gaps.Family(
        "lambdas",
        lambda n, rng: [rng.random() for _ in range(n)],
        lambda xs, m: m.tick(len(xs)) or max(xs),
        lambda xs, v, m: m.tick(len(xs)) or v == max(xs),
        lambda xs, v, rng: v + 1,
    )
    report = gaps.classify(fam, sizes=[8, 16, 32, 64], workers=2, instances=2)
    assert report.sign == "neutral"


def test_same_seed_same_instances_and_identical_step_costs():
    fam = gaps.get("sorting")
    with WorkerPool(2) as pool:
        a = measure(fam, [16, 32], Settings(instances=3, seed=7), pool=pool)
        b = measure(fam, [16, 32], Settings(instances=3, seed=7), pool=pool)
        c = measure(fam, [16, 32], Settings(instances=3, seed=8), pool=pool)

    def steps(m):
        return [[r.steps for r in rs] for _, rs in sorted(m.records.items())]

    assert steps(a) == steps(b)
    assert steps(a) != steps(c)


@pytest.mark.parametrize("sizes", [[0, 4], [4, -1], [4, 2.5], "8,16", [True, 4], [4, 4]])
def test_bad_sizes_get_a_clear_message(sizes):
    with pytest.raises(gaps.InvalidArgument, match="sizes"):
        gaps.classify(gaps.get("sorting"), sizes=sizes)


def test_unknown_cost_suggests_a_known_one():
    with pytest.raises(gaps.UnknownName, match="Did you mean 'steps'"):
        gaps.classify(gaps.get("sorting"), sizes=[4, 8, 16], cost="stepz")


def test_global_rng_is_untouched_by_classify():
    state = random.getstate()
    gaps.classify(gaps.get("sorting"), sizes=[8, 16, 32], workers=1, instances=1)
    assert random.getstate() == state


def global_rng_sample(size, rng):
    return [random.random() for _ in range(size)]  # ignores its rng: a mistake


def test_sampler_that_ignores_its_rng_is_flagged():
    fam = gaps.Family("sloppy", global_rng_sample, lambda xs, m: max(xs), lambda xs, v, m: True)
    report = gaps.classify(fam, sizes=[4, 8, 16], workers=1, instances=1)
    assert any("not reproducible" in flag for flag in report.flags)


def test_failing_sampler_is_reported_not_raised():
    def broken_sample(size, rng):
        raise RuntimeError("no instances today")

    fam = gaps.Family("no_instances", broken_sample, lambda xs, m: 0, lambda xs, v, m: True)
    report = gaps.classify(fam, sizes=[4, 8, 16], workers=1, instances=1)
    assert report.sign == "unmeasurable"
    assert "the sampler raised" in report.reasons[-1]
    assert any("no instances today" in flag for flag in report.flags)


def test_a_certificate_may_be_none_but_a_missing_one_is_an_error():
    with_none = gaps.Family(
        "none_certificate",
        sample,
        lambda xs, m: gaps.Certified(sum(xs), None),
        gaps.certified(lambda xs, s, cert, m: cert is None and s == sum(xs)),
        lambda xs, s, rng: gaps.Certified(s.output + 1, None),
    )
    assert gaps.classify(with_none, sizes=[4, 8, 16], workers=1, instances=1).sign != "unsound"
    missing = gaps.Family(
        "no_certificate",
        sample,
        lambda xs, m: sum(xs),
        gaps.certified(lambda xs, s, cert, m: True),
    )
    report = gaps.classify(missing, sizes=[4, 8, 16], workers=1, instances=1)
    assert any("needs a certificate" in flag for flag in report.flags)


def test_numpy_bools_are_verdicts():
    import numpy as np

    fam = gaps.Family(
        "numpy_verdict",
        sample,
        lambda xs, m: sum(xs),
        lambda xs, s, m: np.bool_(s == sum(xs)),
        lambda xs, s, rng: s + 1,
    )
    report = gaps.classify(fam, sizes=[4, 8, 16], workers=1, instances=1)
    assert report.sign != "unsound", report.reasons


WORKER_SETTINGS = ("OPENBLAS_NUM_THREADS", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


def settings_generate(xs, meter):
    return tuple(os.environ.get(var) for var in WORKER_SETTINGS)


def settings_verify(xs, settings, meter):
    return settings == ("1", str(32 * 2**20), str(2**30))


def test_workers_run_on_one_blas_thread_and_keep_their_heap(monkeypatch):
    for var in WORKER_SETTINGS:
        monkeypatch.delenv(var, raising=False)
    family = gaps.Family("worker_settings", sample, settings_generate, settings_verify)
    with WorkerPool(1) as pool:
        result = measure(family, [2], Settings(instances=1), pool=pool)
    (records,) = result.records.values()
    assert [r.verdict for r in records if r.role == "verify"] == [True]


def read_z3_timeout(size, rng):
    import z3

    return z3.get_param("timeout")


def set_z3_timeout(timeout, meter):
    import z3

    z3.set_param("timeout", 1)
    return timeout


def test_z3_options_set_by_one_task_do_not_reach_the_next():
    import z3

    default = z3.get_param("timeout")
    fam = gaps.Family(
        "z3_options",
        read_z3_timeout,
        set_z3_timeout,
        lambda timeout, out, meter: out == timeout == default,
        lambda timeout, out, rng: "corrupted",
    )
    report = gaps.classify(fam, sizes=[1, 2, 3], workers=1, instances=3)
    assert report.sign != "unsound", report.reasons


def ticks_until_killed(xs, meter):
    """Linear in steps, but at 64 and above a runaway loop that keeps ticking."""
    meter.tick(len(xs))
    while len(xs) >= 64:
        meter.tick(1000)
    return sorted(xs)


def check_sorted(xs, ys, meter):
    meter.tick(len(ys))
    return ys == sorted(xs)


RUNAWAY = gaps.Family("runaway", sample, ticks_until_killed, check_sorted)


def test_a_call_killed_at_its_time_limit_keeps_the_steps_it_had_ticked():
    with WorkerPool(1) as pool:
        result = measure(RUNAWAY, [64], Settings(instances=1, limits=Limits(time=0.5)), pool=pool)
    killed = result.records["generate", 64, 0][1]
    assert (killed.outcome, killed.reason) == ("censored", "time")
    assert killed.steps is not None and killed.steps > 1000  # a lower bound, not nothing


def slow_in_python_or_in_c(xs, meter):
    """At size 2 a Python loop that never ends; at size 3 a C loop that never checks
    for signals (a key derivation of 2**31 rounds, minutes long)."""
    import hashlib

    meter.tick(len(xs))
    while len(xs) == 2:
        meter.tick()
    if len(xs) == 3:
        hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 2**31 - 1)
    return sorted(xs)


SLOW = gaps.Family("slow", sample, slow_in_python_or_in_c, check_sorted)


def test_a_python_call_is_stopped_at_its_time_limit_in_its_worker_and_c_code_by_a_kill():
    settings = Settings(instances=1, limits=Limits(time=0.5))
    with WorkerPool(1) as pool:
        measure(SLOW, [1], settings, pool=pool)
        first = pool._idle[0].process.pid
        python = measure(SLOW, [2], settings, pool=pool).records["generate", 2, 0][1]
        assert pool._idle[0].process.pid == first  # stopped by the worker, which goes on
        c = measure(SLOW, [3], settings, pool=pool).records["generate", 3, 0][1]
        assert pool._idle == []  # the kill took the worker
    for stopped in (python, c):
        assert (stopped.outcome, stopped.reason, stopped.cpu) == ("censored", "time", 0.5)
    assert python.steps is not None and python.steps > 1000


def test_a_steps_series_keeps_calls_killed_by_the_time_limit_as_censored():
    report = gaps.classify(
        RUNAWAY, sizes=[8, 16, 32, 64], cost="steps", instances=2, time_limit=0.5, workers=2
    )
    assert report.generate.sizes == [8, 16, 32, 64]
    assert report.generate.censored == [0, 0, 0, 2]
    assert report.sign != "neutral"  # the largest size is not left out of the decision

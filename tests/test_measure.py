"""Sweeps: each pairing on its own schedule, and resuming from a store."""

from __future__ import annotations

import itertools

import gaps
from gaps.classification import classify_family
from gaps.execution import WorkerPool
from gaps.measure import measure
from gaps.settings import Settings
from gaps.store import Store


def sample(size, rng):
    return [rng.random() for _ in range(size)]


def generate(xs, meter):
    meter.tick(len(xs))
    return sorted(xs)


def blind(xs, ys, meter):
    meter.tick(len(xs) ** 2)
    return ys == sorted(xs)


def cheap(xs, ys, meter):
    meter.tick(len(ys))
    return len(ys) == len(xs) and all(a <= b for a, b in itertools.pairwise(ys))


def two_reaches(blind_sizes, cheap_sizes=(16, 32, 64)):
    return gaps.Family(
        "two_reaches",
        sample,
        generate,
        {"blind": blind, "cheap": cheap},
        sizes={"blind": blind_sizes, "cheap": cheap_sizes},
    )


def sizes_of(meas, family, verifier, role):
    return sorted({n for n, _, _ in meas.calls(family.pairing(verifier), role)})


def test_each_pairing_is_measured_on_its_own_schedule():
    family = two_reaches((4, 8, 16))
    with WorkerPool(1) as pool:
        meas = measure(family, None, Settings(instances=2), pool=pool)
    assert sizes_of(meas, family, "blind", "verify") == [4, 8, 16]
    assert sizes_of(meas, family, "blind", "generate") == [4, 8, 16]
    assert sizes_of(meas, family, "cheap", "verify") == [16, 32, 64]
    assert sizes_of(meas, family, "cheap", "generate") == [16, 32, 64]
    # One generation per instance, shared by the verifiers scheduled at its size.
    assert sorted({n for _, n, _ in meas.records}) == [4, 8, 16, 32, 64]
    shared = [r.verifier for r in meas.records["generate", 16, 0] if r.role == "verify"]
    assert shared == ["blind", "cheap"]
    assert [r.verifier for r in meas.records["generate", 64, 1] if r.role == "verify"] == ["cheap"]


def test_explicit_sizes_measure_every_pairing_at_every_size():
    family = two_reaches((4, 8, 16))
    with WorkerPool(1) as pool:
        meas = measure(family, [4, 64], Settings(instances=1), pool=pool)
    assert sizes_of(meas, family, "blind", "verify") == [4, 64]
    assert sizes_of(meas, family, "cheap", "verify") == [4, 64]


def test_reports_fit_each_pairing_on_its_own_sizes():
    # Four sizes and two instances each: the least a sign is read from.
    family = two_reaches((4, 8, 16, 32), (16, 32, 64, 128))
    reports = classify_family(family, cost="steps", settings=Settings(instances=2, workers=1))
    by_name = {r.pairing: r for r in reports}
    assert by_name["generate/blind"].generate.sizes == [4, 8, 16, 32]
    assert by_name["generate/cheap"].verify.sizes == [16, 32, 64, 128]
    assert by_name["generate/blind"].sign == "negative"
    assert by_name["generate/cheap"].sign == "neutral"


def test_a_stored_task_lacking_a_newly_scheduled_verifier_is_measured_again(tmp_path):
    with Store(tmp_path / "gaps.sqlite") as store, WorkerPool(1) as pool:
        measure(two_reaches((4, 8)), None, Settings(instances=1, store=store), pool=pool)
        widened = two_reaches((4, 8, 16))
        meas = measure(widened, None, Settings(instances=1, store=store), pool=pool)
    # 4, 8, 32 and 64 are read back; 16 was stored without the blind verifier.
    assert meas.resumed == 4
    assert sizes_of(meas, widened, "blind", "verify") == [4, 8, 16]


def test_sweeps_run_together_record_what_each_records_alone_and_fail_alone():
    from gaps.measure import run_sweeps, sweep

    family = two_reaches((4, 8, 16))
    settings = Settings(instances=2)

    def broken():
        yield from sweep(family, None, settings)
        raise RuntimeError("after its last size")

    ended = {}
    starts = [lambda: sweep(family, None, settings), broken, lambda: sweep(family, None, settings)]
    with WorkerPool(2) as pool:
        run_sweeps(starts, pool, ended.__setitem__)
        alone = measure(family, None, settings, pool=pool)
    assert isinstance(ended[1], RuntimeError)
    for index in (0, 2):
        together = ended[index]
        assert together.records.keys() == alone.records.keys()
        steps = {k: [r.steps for r in v] for k, v in together.records.items()}
        assert steps == {k: [r.steps for r in v] for k, v in alone.records.items()}

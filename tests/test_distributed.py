"""A Dask LocalCluster gives the same step costs as local workers, limits included."""

from __future__ import annotations

from dataclasses import replace

import pytest

import gaps
from gaps.distributed import DaskPool
from gaps.execution import WorkerPool
from gaps.measure import measure
from gaps.settings import Settings
from gaps.tasks import Limits, Task

distributed = pytest.importorskip("distributed")


def hang_at_size_16(xs, meter):
    if len(xs) == 16:
        while True:
            pass
    meter.tick(len(xs))
    return max(xs)


HANGS = gaps.Family(
    "hangs",
    lambda n, rng: [rng.random() for _ in range(n)],
    hang_at_size_16,
    lambda xs, v, m: m.tick(len(xs)) or v == max(xs),
)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


def steps(result):
    return {
        key: [(r.role, r.outcome, r.steps) for r in records]
        for key, records in result.records.items()
    }


def test_dask_and_local_workers_give_identical_step_costs(cluster):
    fam = gaps.get("sorting")
    with DaskPool(cluster.scheduler_address) as pool:
        remote = measure(fam, [16, 64, 256], Settings(instances=2, seed=3), pool=pool)
    with WorkerPool(2) as pool:
        local = measure(fam, [16, 64, 256], Settings(instances=2, seed=3), pool=pool)
    assert steps(remote) == steps(local)


def test_time_limit_is_hard_on_dask_workers(cluster):
    with DaskPool(cluster.scheduler_address) as pool:
        result = measure(
            HANGS, [8, 16, 32], Settings(instances=1, limits=Limits(time=1.0)), pool=pool
        )
    hung = result.records[("generate", 16, 0)][-1]
    assert (hung.outcome, hung.reason) == ("censored", "time")
    assert result.records[("generate", 32, 0)][-1].verdict is True


def test_classify_on_a_scheduler_address(cluster):
    report = gaps.classify(
        gaps.get("sorting"),
        sizes=[32, 64, 128, 256, 512, 1024, 2048, 4096],
        instances=2,
        scheduler=cluster.scheduler_address,
    )
    assert report.sign == "positive"


def test_an_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(gaps.InvalidArgument, match="Cannot reach a Dask scheduler"):
        DaskPool("tcp://127.0.0.1:9", timeout=1)


def test_search_on_dask_gives_the_local_step_costs_and_verdicts(cluster):
    from test_search import lfsr_image, preimage_family

    fam = preimage_family("lfsr_image", lfsr_image)
    local = gaps.search([fam], seed=1, workers=2)["lfsr_image"]
    remote = gaps.search([fam], seed=1, scheduler=cluster.scheduler_address)["lfsr_image"]
    assert (remote.verdict, remote.refuted_by) == (local.verdict, local.refuted_by)
    for name, report in local.reports.items():
        assert report.unit == "steps"
        assert remote.reports[name].verify.median == report.verify.median
        assert remote.reports[name].generate.median == report.generate.median


def _chained(pool, family):
    """Serve one job at a time, each handed out once the previous one ended: sizes 3 to 6."""
    from collections import deque

    from gaps.execution import Job

    ran, ready = [], deque()

    def on_done(task, records):
        ran.append((task.size, records[-1].outcome))
        if task.size < 6:
            ready.append(Job(family, replace(task, size=task.size + 1), Limits(), on_done))

    ready.append(Job(family, Task("generate", ("verify",), 3, 0, 0), Limits(), on_done))
    pool.serve(lambda: ready.popleft() if ready else None)
    return ran


def test_both_executors_serve_jobs_handed_out_as_others_end(cluster):
    sums = gaps.Family("sums", lambda n, rng: list(range(n)), lambda xs, m: sum(xs),
                       lambda xs, s, m: s == sum(xs))  # fmt: skip
    with DaskPool(cluster.scheduler_address) as pool:
        remote = _chained(pool, sums)
    with WorkerPool(2) as pool:
        local = _chained(pool, sums)
    assert remote == local == [(3, "ok"), (4, "ok"), (5, "ok"), (6, "ok")]

"""Running measurement tasks on a Dask distributed cluster.

Each Dask task runs one measurement in a worker process of gaps's own
(:class:`gaps.execution.WorkerPool`, one per Dask worker process, kept alive between
tasks): Dask workers are daemonic and their threads cannot be stopped, so the hard
limits live in that subprocess child, exactly as on one machine. Step costs are
therefore identical to a local run. The coordinator still writes the store alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from gaps.calls import CallRecord
from gaps.errors import InvalidArgument
from gaps.execution import Job, WorkerPool, jobs_of, ship
from gaps.family import Family
from gaps.tasks import Limits, Task

__all__ = ["DaskPool", "open_runner"]

_local: dict[str, WorkerPool] = {}
_local_lock = threading.Lock()


def _run_remote(blob: bytes, task: Task, limits: Limits) -> list[CallRecord]:
    """Executed on a Dask worker: one task, under hard limits, in a child process."""
    import cloudpickle

    family = cloudpickle.loads(blob)
    with _local_lock:
        pool = _local.setdefault("pool", WorkerPool(1))
        done: list[list[CallRecord]] = []
        pool.run(family, [task], limits, lambda t, records: done.append(records))
    return done[0]


class DaskPool:
    """Run tasks on the Dask cluster at ``address`` (or a ``distributed.Client``).

    Examples
    --------
    >>> from distributed import LocalCluster
    >>> import gaps
    >>> with LocalCluster(n_workers=1, processes=False) as cluster:
    ...     with DaskPool(cluster.scheduler_address) as pool:
    ...         fam = gaps.get("sorting")
    ...         from gaps.measure import measure
    ...         result = measure(fam, [8, 16], gaps.Settings(instances=1), pool=pool)
    >>> sorted(k[1] for k in result.records)
    [8, 16]
    """

    def __init__(self, address: Any, *, timeout: float = 10.0) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise InvalidArgument(
                "Running on a Dask cluster needs the 'dask' extra: pip install 'gaps[dask]'."
            ) from None
        if isinstance(address, Client):
            self.client, self._own = address, False
        else:
            try:
                self.client, self._own = Client(address, timeout=timeout), True
            except (OSError, TimeoutError) as exc:
                raise InvalidArgument(
                    f"Cannot reach a Dask scheduler at {address!r} ({exc}). Start one with "
                    "`dask scheduler` or pass the address it prints."
                ) from None

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own:
            self.client.close()

    def run(
        self,
        family: Family,
        tasks: Iterable[Task],
        limits: Limits,
        on_done: Callable[[Task, list[CallRecord]], None],
    ) -> None:
        """Submit the tasks; call ``on_done`` here, in the coordinator, as each ends."""
        self.serve(jobs_of(family, tasks, limits, on_done))

    def serve(self, take: Callable[[], Job | None]) -> None:
        """Run the jobs ``take()`` hands out (see :meth:`gaps.execution.Runner.serve`).

        At most one job more than the cluster has worker threads is submitted at a
        time: a worker that finishes finds the next job already there, and the rest
        wait here, where ``take()`` can still put another sweep's job first.
        """
        from distributed import as_completed

        # Each family is scattered once, and kept alive so that its id stays its own.
        scattered: dict[int, tuple[Family, Any]] = {}
        running: dict[Any, Job] = {}
        finished = as_completed()
        capacity = self.slots()

        def submit_ready() -> None:
            while len(running) < capacity:
                job = take()
                if job is None:
                    return
                if id(job.family) not in scattered:
                    _, blob = ship(job.family)
                    remote = self.client.scatter(blob, broadcast=True, hash=False)
                    scattered[id(job.family)] = (job.family, remote)
                blob = scattered[id(job.family)][1]
                future = self.client.submit(_run_remote, blob, job.task, job.limits, pure=False)
                running[future] = job
                finished.add(future)

        try:
            submit_ready()
            while running:
                future = next(finished)
                job = running.pop(future)
                try:
                    records = future.result()
                except Exception as exc:
                    records = [
                        CallRecord(
                            "sample",
                            outcome="error",
                            reason=f"the Dask task failed: {type(exc).__name__}: {exc}"[:500],
                        )
                    ]
                job.on_done(job.task, records)
                submit_ready()
        finally:
            for future in running:
                future.cancel()

    def slots(self) -> int:
        """Jobs kept submitted: one per worker thread of the cluster, and one more."""
        return sum(self.client.nthreads().values()) + 1


def open_runner(workers: int | None = None, scheduler: Any = None) -> WorkerPool | DaskPool:
    """Local worker processes, or the Dask cluster at ``scheduler`` when one is given.

    >>> pool = open_runner(workers=1)
    >>> type(pool).__name__
    'WorkerPool'
    >>> pool.close()
    """
    return WorkerPool(workers) if scheduler is None else DaskPool(scheduler)

"""A pool of long-lived worker processes with hard per-call limits.

Each worker is a fresh interpreter (``python -m gaps._worker``) in its own session,
under a guardian process that kills everything below it when the worker ends or the
coordinator goes (see :mod:`gaps._worker`), so no process outlives a run. Before
loading a family and before every call the worker announces it, and the coordinator
arms a deadline a little past the call's wall-clock limit. The worker stops a call
running Python code at the limit itself (:func:`gaps.calls.measure_call`) and keeps
its process; a call still running at the deadline (inside native code, which signals
cannot interrupt: z3 overruns its own timeout) gets the worker's whole tree killed, is
recorded as censored, and the worker is replaced.
Families travel to workers with cloudpickle, so lambdas and ``__main__`` work.
Only the coordinator writes the store: workers return records.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import pickle
import selectors
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Protocol

from gaps.calls import PROGRESS, CallRecord, read_progress
from gaps.errors import GapsError, InvalidArgument
from gaps.family import Family
from gaps.tasks import Limits, Task

__all__ = [
    "Job",
    "Limits",
    "Runner",
    "WorkerPool",
    "call_limited",
    "jobs_of",
    "read_frame",
    "ship",
    "write_frame",
]

_HEADER = struct.Struct("!Q")
#: Extra wall time a call may take beyond its limit: for calibration repeats, and for
#: the worker to stop a Python call at the limit itself and report it.
_GRACE = 0.5
#: How long a worker may take to load a family (import its module) when no time limit
#: is set: a module that hangs at import must not hang the run.
LOAD_TIME_LIMIT = 60.0
#: With a time limit, loading may take it or this, whichever is longer: loading is no
#: measured call, and importing a family's libraries (igraph, python-sat, z3) takes
#: seconds on a busy machine, longer than a short per-call limit such as a search's.
LOAD_TIME_FLOOR = 10.0


def _load_limit(limits: Limits) -> float:
    return LOAD_TIME_LIMIT if limits.time is None else max(limits.time, LOAD_TIME_FLOOR)


def write_frame(stream: BinaryIO, message: Any) -> None:
    """Write one length-prefixed pickled message and flush."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: BinaryIO) -> Any:
    """Read one message written by :func:`write_frame`; None at end of stream."""
    header = _read_exactly(stream, _HEADER.size)
    if header is None:
        return None
    (length,) = _HEADER.unpack(header)
    data = _read_exactly(stream, length)
    return None if data is None else pickle.loads(data)


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    # The coordinator's streams are unbuffered (a buffer would hide data from select),
    # so a read may return less than asked for.
    chunks, remaining = [], size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


class WorkerDied(GapsError):
    """A worker process ended without being asked to."""


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    tx: BinaryIO
    rx: BinaryIO
    stderr: Any
    lifeline: int
    #: The running call's counts as the worker last published them (PROGRESS layout).
    progress: mmap.mmap
    job: Job | None = None
    records: list[CallRecord] = field(default_factory=list)
    current: tuple[str, str] | None = None
    started: float = 0.0
    deadline: float | None = None

    @classmethod
    def start(cls) -> _Worker:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Held open by this process alone: the guardian sees it close however we end.
        lifeline_r, lifeline_w = os.pipe()
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the worker's life
        with tempfile.TemporaryFile() as shared:
            shared.truncate(PROGRESS.size)
            progress = mmap.mmap(shared.fileno(), PROGRESS.size)
            progress_fd = os.dup(shared.fileno())
        env = dict(os.environ)
        # One BLAS thread per worker: the pool already uses every core.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(var, "1")
        # glibc serves large blocks with fresh mmap pages and trims freed memory, so the
        # first call at a new size paid ~25% in page faults that an identical later call
        # did not; a worker keeps its heap instead (blocks up to 32 MB, trimmed past 1 GB).
        env.setdefault("MALLOC_MMAP_THRESHOLD_", str(32 * 2**20))
        env.setdefault("MALLOC_TRIM_THRESHOLD_", str(2**30))
        # The worker must import what the coordinator can: the same module path.
        env["GAPS_WORKER_PATH"] = json.dumps([os.path.abspath(p) for p in sys.path])
        from_main_thread = threading.current_thread() is threading.main_thread()
        fds = (to_child_r, from_child_w, lifeline_r, progress_fd)
        args = (*fds, os.getpid(), int(from_main_thread))
        process = subprocess.Popen(
            [sys.executable, "-m", "gaps._worker", *map(str, args)],
            pass_fds=fds,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
            env=env,
        )
        for fd in fds:
            os.close(fd)
        worker = cls(
            process,
            os.fdopen(to_child_w, "wb"),
            os.fdopen(from_child_r, "rb", buffering=0),
            stderr,
            lifeline_w,
            progress,
        )
        ready = read_frame(worker.rx)
        if ready is None or ready[0] != "ready":
            raise WorkerDied(f"a worker process failed to start:\n{worker.stderr_tail()}")
        return worker

    def stderr_tail(self, lines: int = 8) -> str:
        try:
            self.stderr.seek(0)
            text = self.stderr.read().decode(errors="replace")
        except (OSError, ValueError):
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])

    def kill(self) -> None:
        """End the worker and every process below it, and wait for them."""
        self.close()  # the closed lifeline has the guardian kill its whole tree
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # a guardian that cannot run: its group at least
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def close(self) -> None:
        for stream in (self.tx, self.rx, self.stderr, self.progress):
            with contextlib.suppress(OSError):
                stream.close()
        if self.lifeline >= 0:
            with contextlib.suppress(OSError):
                os.close(self.lifeline)
            self.lifeline = -1


@dataclass(frozen=True)
class Job:
    """A task of a family to run under ``limits``; ``on_done(task, records)`` as it ends."""

    family: Family
    task: Task
    limits: Limits
    on_done: Callable[[Task, list[CallRecord]], None]


class Runner(Protocol):
    """What runs tasks: the local :class:`WorkerPool` or a Dask cluster's pool."""

    def run(
        self,
        family: Family,
        tasks: Iterable[Task],
        limits: Limits,
        on_done: Callable[[Task, list[CallRecord]], None],
    ) -> None: ...

    def serve(self, take: Callable[[], Job | None]) -> None:
        """Run the jobs ``take()`` hands out, asking whenever a worker could start one.

        ``take()`` returns None when it has nothing to start now; it is asked again
        after each job ends (its ``on_done`` may have made more ready), and ``serve``
        returns once it has nothing and no job is running.
        """
        ...

    def close(self) -> None: ...


def jobs_of(
    family: Family,
    tasks: Iterable[Task],
    limits: Limits,
    on_done: Callable[[Task, list[CallRecord]], None],
) -> Callable[[], Job | None]:
    """A ``take`` for :meth:`Runner.serve` that hands out ``tasks`` in order."""
    queue = deque(Job(family, task, limits, on_done) for task in tasks)
    return lambda: queue.popleft() if queue else None


def ship(family: Family) -> tuple[str, bytes]:
    """The family as cloudpickle bytes (by value where it is not importable) and their hash."""
    import cloudpickle

    try:
        blob = cloudpickle.dumps(family)
    except Exception as exc:
        raise InvalidArgument(
            f"Family {family.name!r} cannot be sent to worker processes ({exc}). Declare its "
            "functions without references to open files, locks or other unpicklable state."
        ) from None
    return hashlib.sha256(blob).hexdigest(), blob


class WorkerPool:
    """Long-lived worker processes that run tasks in parallel under hard limits.

    Parameters
    ----------
    workers : int, optional
        How many processes; by default one per core.

    Examples
    --------
    >>> import gaps
    >>> from gaps.tasks import Task
    >>> fam = gaps.Family("demo", lambda n, rng: list(range(n)),
    ...                   lambda xs, m: sum(xs), lambda xs, s, m: s == sum(xs))
    >>> done = []
    >>> with WorkerPool(1) as pool:
    ...     pool.run(fam, [Task("generate", ("verify",), 5, 0, 0)], Limits(),
    ...              lambda task, records: done.append([r.outcome for r in records]))
    >>> done
    [['ok', 'ok', 'ok']]
    """

    def __init__(self, workers: int | None = None) -> None:
        if workers is not None and (not isinstance(workers, int) or workers < 1):
            raise InvalidArgument(f"'workers' must be a positive int. Got {workers!r}.")
        self.size = workers or os.cpu_count() or 1
        self._idle: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every idle worker."""
        while self._idle:
            self._idle.pop().kill()

    def run(
        self,
        family: Family,
        tasks: Iterable[Task],
        limits: Limits,
        on_done: Callable[[Task, list[CallRecord]], None],
    ) -> None:
        """Run ``tasks``; call ``on_done(task, records)`` in this process as each ends."""
        self.serve(jobs_of(family, tasks, limits, on_done))

    def serve(self, take: Callable[[], Job | None]) -> None:
        """Run the jobs ``take()`` hands out, one per free worker (see :meth:`Runner.serve`)."""
        # Each family is pickled once, and kept alive so that its id stays its own.
        shipped: dict[int, tuple[Family, str, bytes]] = {}
        selector = selectors.DefaultSelector()
        busy: list[_Worker] = []
        try:
            while True:
                while len(busy) < self.size:
                    job = take()
                    if job is None:
                        break
                    if id(job.family) not in shipped:
                        shipped[id(job.family)] = (job.family, *ship(job.family))
                    _, key, blob = shipped[id(job.family)]
                    worker = self._idle.pop() if self._idle else _Worker.start()
                    worker.job, worker.records, worker.current = job, [], None
                    worker.started = time.monotonic()
                    write_frame(worker.tx, ("task", (key, blob, job.task, job.limits)))
                    busy.append(worker)
                    selector.register(worker.rx, selectors.EVENT_READ, worker)
                if not busy:
                    break
                for selected, _ in selector.select(timeout=_next_wait(busy)):
                    worker = selected.data
                    if self._receive(worker):
                        busy.remove(worker)
                        selector.unregister(worker.rx)
                        if worker.process.poll() is not None:
                            worker.close()
                for worker in [w for w in busy if w.deadline and time.monotonic() > w.deadline]:
                    busy.remove(worker)
                    selector.unregister(worker.rx)
                    self._stop_overrun(worker)
        finally:
            for worker in busy:
                selector.unregister(worker.rx)
                worker.kill()
            selector.close()

    def _receive(self, worker: _Worker) -> bool:
        """Handle one message; True when the worker has finished its task."""
        message = read_frame(worker.rx)
        assert worker.job is not None
        limits = worker.job.limits
        if message is None:
            self._lost(worker)
            return True
        kind, payload = message
        if kind == "start":
            worker.current = payload
            worker.started = time.monotonic()
            limit = _load_limit(limits) if payload[0] == "load" else limits.time
            worker.deadline = None if limit is None else worker.started + limit + _GRACE
        elif kind == "record":
            worker.records.append(payload)
            worker.deadline = None
        elif kind == "done":
            job, records = worker.job, worker.records
            worker.job, worker.deadline = None, None
            if payload:  # it grew past its share of the memory limit and ends itself
                worker.kill()
            else:
                self._idle.append(worker)
            job.on_done(job.task, records)
            return True
        return False

    def _stop_overrun(self, worker: _Worker) -> None:
        assert worker.job is not None
        limits = worker.job.limits
        elapsed = time.monotonic() - worker.started
        steps, counters = read_progress(worker.progress)  # the buffer goes with the worker
        worker.kill()
        role, verifier = worker.current or ("generate", "")
        if role == "load":
            limit = _load_limit(limits)
            worker.records.append(
                CallRecord(
                    "sample",
                    outcome="error",
                    reason=f"loading the family in a worker process took longer than {limit:g} s: "
                    "its module must not do long work at import",
                    wall=elapsed,
                )
            )
        else:
            # Lower bounds in every unit: the time limit, and the counts the call had
            # published, so a steps-measured series keeps the point as censored.
            lower = float(limits.time or elapsed)
            worker.records.append(
                CallRecord(
                    role,
                    verifier,
                    "censored",
                    "time",
                    steps=steps,
                    cpu=lower,
                    wall=elapsed,
                    counters=counters,
                )
            )
        worker.job.on_done(worker.job.task, worker.records)

    def _lost(self, worker: _Worker) -> None:
        assert worker.job is not None
        limits = worker.job.limits
        worker.process.wait()
        code = worker.process.returncode
        cause = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
        hint = " (possibly out of memory)" if limits.memory and code in (-9, -6, -11) else ""
        tail = worker.stderr_tail(3)
        role, verifier = worker.current or ("sample", "")
        if role == "load":
            role, verifier = "sample", ""
        worker.records.append(
            CallRecord(
                role,
                verifier,
                "error",
                f"worker process died with {cause}{hint} during {role}"
                + (f": {tail}" if tail else ""),
                wall=time.monotonic() - worker.started,
            )
        )
        worker.job.on_done(worker.job.task, worker.records)


def call_limited(
    fn: Callable[..., Any], args: tuple[Any, ...], time_limit: float
) -> tuple[str, Any]:
    """Run ``fn(*args)`` in a fresh worker process that is killed past ``time_limit`` seconds.

    Returns ``("ok", value)``, ``("error", message)`` when it raised or its worker died,
    or ``("censored", seconds)`` when it ran past the limit. For code that overruns its
    own timeouts (z3 does): the limit here is the kernel's, not the library's.

    >>> call_limited(pow, (2, 10), time_limit=30.0)
    ('ok', 1024)
    >>> call_limited(pow, (2, -1, 0), time_limit=30.0)[0]
    'error'
    """
    import cloudpickle

    worker = _Worker.start()
    started = time.monotonic()
    try:
        write_frame(worker.tx, ("call", cloudpickle.dumps((fn, args))))
        with selectors.DefaultSelector() as selector:
            selector.register(worker.rx, selectors.EVENT_READ)
            if not selector.select(timeout=time_limit):
                return "censored", time.monotonic() - started
        message = read_frame(worker.rx)
        if message is None:
            worker.process.wait()
            return "error", f"worker process died with exit code {worker.process.returncode}"
        outcome, value = message[1]
        return outcome, value
    finally:
        worker.kill()


def _next_wait(workers: Iterable[_Worker]) -> float | None:
    deadlines = [w.deadline for w in workers if w.deadline is not None]
    if not deadlines:
        return 1.0
    return max(0.0, min(deadlines) - time.monotonic())

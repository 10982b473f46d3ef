"""Running one family call under the core's measurement: steps, CPU time, memory, budgets.

This is what a worker process executes; the hard wall-clock limit lives one level up
(the coordinator kills the worker), the steps budget and the memory cap live here.
"""

from __future__ import annotations

import contextlib
import gc
import resource
import signal
import struct
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gaps.errors import BudgetExceeded, GaveUp
from gaps.meter import COUNTERS, Meter

__all__ = [
    "PROGRESS",
    "CallRecord",
    "measure_call",
    "pin_memory_base",
    "process_size",
    "publish_progress",
    "read_progress",
    "reset_progress",
]

#: A call whose warm time is shorter than this is repeated until the repetitions reach
#: CALIBRATE_TOTAL, so a microsecond call is not measured as clock noise.
CALIBRATE_BELOW = 0.002
CALIBRATE_TOTAL = 0.02
CALIBRATE_MAX_REPEATS = 1000
#: A call shorter than this is timed again, warm, and the warm time kept (calibrated by
#: repetition when the warm call is under CALIBRATE_BELOW): every call below it is timed
#: warm, so crossing the 2 ms threshold does not add a cold-cache step (about 30%) that a
#: fit reads as growth. Longer calls are timed once: their warm-up cost is negligible.
WARM_BELOW = 1.0


@dataclass
class CallRecord:
    """What one call cost and how it ended.

    ``outcome`` is ``ok``, ``censored`` (a budget stopped it, or a heuristic gave up:
    ``reason`` says which, and the costs are lower bounds), ``error`` (it raised;
    ``reason`` says what) or ``rejected`` (it returned a value of the wrong kind).
    """

    role: str
    verifier: str = ""
    outcome: str = "ok"
    reason: str = ""
    steps: int | None = None
    cpu: float | None = None
    wall: float | None = None
    memory: int | None = None
    counters: dict[str, int] = field(default_factory=dict)
    verdict: bool | None = None
    score: float | None = None
    evidence: str = ""

    def cost(self, unit: str) -> float | None:
        """This call's cost in ``unit`` (None when that unit was not recorded)."""
        if unit == "steps":
            return None if self.steps is None else float(self.steps)
        if unit == "time":
            return self.cpu
        if unit == "memory":
            return None if self.memory is None else float(self.memory)
        value = self.counters.get(unit)
        return None if value is None else float(value)


def process_size() -> int:
    """This process's address-space size in bytes (0 where the platform does not say).

    >>> process_size() >= 0
    True
    """
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0


#: The size a memory limit counts from, pinned by a worker process (see
#: :func:`pin_memory_base`); unpinned, each call counts from the process's size then.
_memory_base: int | None = None


def pin_memory_base() -> int:
    """Count memory limits from this process's present size until pinned again.

    A worker pins it when it loads a family, so the limit is a ceiling on the worker
    that holds across calls: memory one call keeps is not granted afresh to the next.
    """
    global _memory_base
    _memory_base = process_size()
    return _memory_base


class _MemoryCap:
    """Cap the address space at (base size + limit) for the duration of a call."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.saved: tuple[int, int] | None = None

    def __enter__(self) -> None:
        if self.limit is None:
            return
        self.saved = resource.getrlimit(resource.RLIMIT_AS)
        base = process_size() if _memory_base is None else _memory_base
        soft = base + self.limit
        hard = self.saved[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            resource.setrlimit(resource.RLIMIT_AS, self.saved)


def _short_error(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"[:500]


def measure_call(
    record: CallRecord,
    fn: Callable[[Meter], Any],
    *,
    steps_budget: int | None,
    memory_limit: int | None,
    track_memory: bool = False,
    repeatable: bool = True,
    warm_below: float = WARM_BELOW,
    calibration: float = CALIBRATE_TOTAL,
    time_limit: float | None = None,
) -> Any:
    """Run ``fn(meter)`` once, filling ``record`` with its costs; return its value.

    Repeatable calls under a second are timed again, warm; a warm time under 2 ms is
    calibrated by repetitions filling ``calibration`` seconds. Returns None when the
    call did not finish (see ``record.outcome``). A call still running after
    ``time_limit`` wall-clock seconds is stopped at its next Python instruction and
    recorded as censored by ``time`` at the limit (see :class:`_Alarm`: code running
    inside a C extension is stopped only by whoever enforces the hard limit).

    >>> rec = CallRecord("generate")
    >>> measure_call(rec, lambda m: m.tick(5) or 42, steps_budget=None, memory_limit=None)
    42
    >>> rec.outcome, rec.steps
    ('ok', 5)
    >>> rec = CallRecord("generate")
    >>> measure_call(rec, lambda m: m.tick(50), steps_budget=10, memory_limit=None)
    >>> rec.outcome, rec.reason, rec.steps
    ('censored', 'steps', 50)
    >>> def spin(meter):
    ...     while True:
    ...         meter.tick()
    >>> rec = CallRecord("generate")
    >>> measure_call(rec, spin, steps_budget=None, memory_limit=None, time_limit=0.05)
    >>> rec.outcome, rec.reason, rec.cpu, rec.steps > 0
    ('censored', 'time', 0.05, True)
    """
    meter = Meter(steps_budget)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        with _MemoryCap(memory_limit), _collector_paused(), _published(meter), _Alarm(time_limit):
            value = fn(meter)
    except _OutOfTime:
        record.outcome, record.reason = "censored", "time"
        value = None
    except BudgetExceeded:
        record.outcome, record.reason = "censored", "steps"
        value = None
    except GaveUp:
        record.outcome, record.reason = "censored", "gave up"
        value = None
    except MemoryError:
        record.outcome, record.reason = "censored", "memory"
        value = None
    except Exception as exc:
        record.outcome, record.reason = "error", _short_error(exc)
        value = None
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    record.steps, record.counters = meter.steps, dict(meter.counters)
    record.cpu, record.wall = cpu, wall
    if record.reason == "time" and time_limit is not None:
        record.cpu = time_limit  # censored at the limit, as when the hard limit kills it
    if record.outcome != "ok":
        return None
    if repeatable and cpu < warm_below:
        with _MemoryCap(memory_limit), _collector_paused():
            # Decided on the warm time: a cold first call (fresh memory, cold caches)
            # must not choose how identical work is timed.
            warm = _calibrated_cpu(fn, cpu, repeats=1)
            if warm < CALIBRATE_BELOW:
                warm = _calibrated_cpu(fn, warm, total=calibration)
            record.cpu = warm
    if track_memory:
        record.memory = _peak_memory(fn)
    return value


#: The counts of the running call a worker publishes: steps, then each solver counter
#: (-1 where the call has not counted it).
PROGRESS = struct.Struct(f"<{1 + len(COUNTERS)}q")
#: Seconds between two publications: a call killed at its time limit keeps the counts
#: published last, a lower bound of what it did.
PUBLISH_EVERY = 0.05


class _Publisher:
    """Copies the running call's meter into a buffer the coordinator shares, from a thread.

    The coordinator kills a call past its time limit without a word from the worker;
    the counts in the buffer then make the censored record a lower bound in every unit,
    not only in time. The thread runs only while a call does, and takes the GIL for a
    few microseconds per publication.
    """

    def __init__(self, buffer: Any) -> None:
        self.buffer = buffer
        self.meter: Meter | None = None
        self.lock = threading.Lock()
        self.running = threading.Event()
        threading.Thread(target=self._loop, name="gaps-progress", daemon=True).start()

    def watch(self, meter: Meter) -> None:
        with self.lock:
            self.meter = meter
            self._write(meter)
        self.running.set()

    def unwatch(self) -> None:
        """Publish the final counts and stop until the next call."""
        self.running.clear()
        with self.lock:
            if self.meter is not None:
                self._write(self.meter)
            self.meter = None

    def reset(self) -> None:
        with self.lock:
            PROGRESS.pack_into(self.buffer, 0, 0, *(-1 for _ in COUNTERS))

    def _write(self, meter: Meter) -> None:
        counts = (meter.counters.get(name, -1) for name in COUNTERS)
        PROGRESS.pack_into(self.buffer, 0, meter.steps, *counts)

    def _loop(self) -> None:
        while True:
            self.running.wait()
            with self.lock:
                if self.meter is not None:
                    self._write(self.meter)
            time.sleep(PUBLISH_EVERY)


_publisher: _Publisher | None = None


def publish_progress(buffer: Any) -> None:
    """Publish every later call's counts into ``buffer`` (PROGRESS.size writable bytes).

    ``None`` stops publishing.

    >>> buffer = bytearray(PROGRESS.size)
    >>> publish_progress(buffer)
    >>> measure_call(CallRecord("generate"), lambda m: m.tick(7), steps_budget=None,
    ...              memory_limit=None)
    >>> read_progress(buffer)
    (7, {})
    >>> publish_progress(None)
    """
    global _publisher
    _publisher = None if buffer is None else _Publisher(buffer)


def reset_progress() -> None:
    """Mark that no call has counted anything yet (a worker does it as each call starts)."""
    if _publisher is not None:
        _publisher.reset()


def read_progress(buffer: Any) -> tuple[int, dict[str, int]]:
    """The steps and solver counters last published into ``buffer``.

    >>> buffer = bytearray(PROGRESS.size)
    >>> PROGRESS.pack_into(buffer, 0, 7, 120, -1, -1, -1)
    >>> read_progress(buffer)
    (7, {'propagations': 120})
    """
    steps, *counts = PROGRESS.unpack_from(buffer, 0)
    return steps, {name: c for name, c in zip(COUNTERS, counts, strict=True) if c >= 0}


@contextlib.contextmanager
def _published(meter: Meter) -> Any:
    if _publisher is None:
        yield
        return
    _publisher.watch(meter)
    try:
        yield
    finally:
        _publisher.unwatch()


class _OutOfTime(BaseException):
    """Raised into a call at its time limit; not an ``Exception``, so that a family's
    ``except Exception`` cannot take it for a failure of its own and go on."""


class _Alarm:
    """Raise :class:`_OutOfTime` in the running call once ``limit`` seconds have passed.

    A worker stops its own pure-Python calls this way, keeping its process and what it
    loaded: the coordinator's kill at the hard limit (a little later) costs a new
    process, and stays for code that does not return to the interpreter in time. Only
    the main thread receives signals, so elsewhere, or without a limit, this does
    nothing. ``armed`` is cleared before the timer, so a signal arriving as the call
    returns cannot raise once the call is over.
    """

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self.armed = False
        self.saved: Any = None

    def _ring(self, signum: int, frame: Any) -> None:
        if self.armed:
            self.armed = False
            raise _OutOfTime

    def __enter__(self) -> None:
        if self.limit is None or threading.current_thread() is not threading.main_thread():
            return
        self.saved = signal.signal(signal.SIGALRM, self._ring)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.limit)

    def __exit__(self, *exc: object) -> None:
        if self.saved is None:
            return
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.saved)


@contextlib.contextmanager
def _collector_paused() -> Any:
    """Keep the cyclic garbage collector off while a call is timed.

    A collection scans every live object of the process, so its cost depends on what
    else is alive (the generator's output, while its verifier runs), not on the call:
    it made verifier times grow faster than their work. ``timeit`` pauses it too. No
    collection is forced before the call: a full one per call tripled a survey's time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _calibrated_cpu(
    fn: Callable[[Meter], Any], first: float, repeats: int = 0, total: float = CALIBRATE_TOTAL
) -> float:
    """Mean CPU time of warm repetitions (as many as fill ``total`` seconds by default)."""
    if not repeats:
        repeats = min(CALIBRATE_MAX_REPEATS, max(2, int(total / max(first, 1e-6))))
    start = time.process_time()
    for _ in range(repeats):
        fn(Meter())
    return (time.process_time() - start) / repeats


def _peak_memory(fn: Callable[[Meter], Any]) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        fn(Meter())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

"""Sweeps: every (generator, size, instance) task of a family, run and stored.

Tasks already in the store under the same family fingerprint (see
:mod:`gaps.provenance`), seed and limits are read back instead of run, so an
interrupted sweep resumes where it stopped.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from gaps.calls import CallRecord
from gaps.errors import InvalidArgument
from gaps.execution import Job, Runner
from gaps.family import Family, Pairing
from gaps.provenance import fingerprint
from gaps.settings import Settings
from gaps.store import TaskKey
from gaps.tasks import Limits, Task

__all__ = [
    "Batch",
    "Measurements",
    "measure",
    "run_sweep",
    "run_sweeps",
    "sweep",
    "validate_seed",
    "validate_sizes",
]

#: Seeds and sizes are stored as SQLite integers, which are signed 64-bit.
MAX_INT = 2**63 - 1

#: Sizes tried, in order, when neither the caller nor the family gives a schedule.
AUTO_SIZES = tuple(2**k for k in range(2, 21))
#: The automatic schedule stops once a size's slowest call takes this share of the limit,
AUTO_STOP_SHARE = 0.25
#: or once the sweep has used half of this many seconds (the next size costs at least as
#: much again as all the sizes before it, for anything that grows at least linearly).
AUTO_BUDGET_SECONDS = 60.0


def validate_seed(seed: object) -> int:
    """Check that ``seed`` is an int that fits in 64 bits (signed); return it.

    >>> validate_seed(2**63)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: 'seed' must be an int in [-2**63, 2**63 - 1]. Got ...
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not -MAX_INT - 1 <= seed <= MAX_INT:
        raise InvalidArgument(
            f"'seed' must be an int in [-2**63, 2**63 - 1]. Got {seed!r} ({type(seed).__name__})."
        )
    return seed


def validate_sizes(sizes: object) -> tuple[int, ...]:
    """Check that ``sizes`` are distinct positive ints; return them sorted.

    >>> validate_sizes([32, 8, 16])
    (8, 16, 32)
    >>> validate_sizes([8, 0])
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: sizes must be positive ints. Got [8, 0] (list): 0 is not.
    """
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
        raise InvalidArgument(
            f"sizes must be a sequence of positive ints. Got {sizes!r} ({type(sizes).__name__})."
        )
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, int) or s < 1:
            raise InvalidArgument(
                f"sizes must be positive ints. Got {sizes!r} ({type(sizes).__name__}): "
                f"{s!r} is not."
            )
        if s > MAX_INT:
            raise InvalidArgument(f"sizes must be at most 2**63 - 1 (a 64-bit integer). Got {s}.")
    if len(set(sizes)) != len(sizes):
        raise InvalidArgument(f"sizes must be distinct. Got {sizes!r}.")
    return tuple(sorted(sizes))


@dataclass
class Measurements:
    """Every call record of a sweep, by (generator, size, instance index)."""

    family: Family
    seed: int
    limits: Limits
    records: dict[tuple[str, int, int], list[CallRecord]] = field(default_factory=dict)
    resumed: int = 0
    #: Sizes of the pairings (by name) that were measured on a schedule of their own.
    schedules: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def sizes(self) -> list[int]:
        return sorted({size for _, size, _ in self.records})

    def calls(self, pairing: Pairing, role: str) -> list[tuple[int, int, CallRecord]]:
        """(size, index, record) of every ``role`` call of a pairing."""
        found = []
        own = self.schedules.get(pairing.name)
        for (generator, size, index), records in sorted(self.records.items()):
            if generator != pairing.generator or (own is not None and size not in own):
                continue
            for r in records:
                shared = role in ("sample", "generate", "corrupt")
                if r.role == role and (shared or r.verifier == pairing.verifier):
                    found.append((size, index, r))
        return found

    def series(
        self, pairing: Pairing, role: str, unit: str
    ) -> tuple[list[int], list[float], list[bool]]:
        """Sizes, costs in ``unit`` and censored flags of the measured ``role`` calls."""
        ns, costs, censored = [], [], []
        for size, _, r in self.calls(pairing, role):
            cost = r.cost(unit)
            if r.outcome in ("ok", "censored") and cost is not None:
                ns.append(size)
                costs.append(max(cost, 0.0))
                censored.append(r.outcome == "censored")
        return ns, costs, censored


@dataclass
class Batch:
    """Tasks of one size of a sweep, and what to do with each one's records.

    A sweep yields its sizes' batches one after another: the tasks of a size are only
    known once the previous size's records are in (a verifier censored everywhere is
    not called again), so the runner must finish a batch before the sweep goes on.
    """

    family: Family
    tasks: list[Task]
    limits: Limits
    on_done: Callable[[Task, list[CallRecord]], None]
    #: The task as it is to run, asked as it starts, or None when it must wait for
    #: other tasks of the batch: a sweep leaves out the verifiers that the size's first
    #: instances found censored (:data:`SKIP_AFTER`).
    start: Callable[[Task], Task | None] = lambda task: task

    def take(self, waiting: deque[Task]) -> Task | None:
        """The first of ``waiting`` that may start now, as :attr:`start` makes it (and
        removed from ``waiting``); None when each must wait for a running task."""
        for i, task in enumerate(waiting):
            started = self.start(task)
            if started is not None:
                del waiting[i]
                return started
        return None


_Value = TypeVar("_Value")

#: A sweep as :func:`sweep` yields it: its batches, then its measurements.
Sweep = Generator[Batch, None, Measurements]


def measure(
    family: Family,
    sizes: Sequence[int] | None,
    settings: Settings | None = None,
    *,
    pool: Runner,
    run_id: int = 0,
    generators: Sequence[str] | None = None,
    stop_censored: bool = False,
) -> Measurements:
    """Run (or read back) every task of ``family`` at ``sizes`` under ``settings``.

    With ``sizes=None`` the family's declared schedule is used (each pairing's own,
    where the family declares them per pairing: a generator then runs at a size only
    for the verifiers scheduled there), or else sizes double from 4 until a size's
    slowest call uses a quarter of the time limit (or is censored), so the sweep grows
    until the budgets bind.

    With ``stop_censored``, a verifier whose calls on the generator's outputs were
    censored on every instance at a size is not called at the larger sizes: costs grow
    with the size, so those calls would be censored too, each after a whole budget.
    Its records there are censored copies of its costliest censored call (a lower
    bound), marked as not run; its calls on corrupted outputs are kept only where they
    were censored likewise. Within a size, a verifier censored by a budget on the size's
    first :data:`SKIP_AFTER` instances is not called on its other instances (it is
    tried again at the next size); its records there say so and carry no cost.
    """
    steps = sweep(family, sizes, settings, run_id=run_id, generators=generators,
                  stop_censored=stop_censored)  # fmt: skip
    return run_sweep(steps, pool)


def run_sweep(steps: Generator[Batch, None, _Value], pool: Runner) -> _Value:
    """Run a :func:`sweep`'s batches on ``pool`` one after another; its measurements."""
    ended: list[object] = []
    run_sweeps([lambda: steps], pool, lambda _, value: ended.append(value))
    if isinstance(ended[0], BaseException):
        raise ended[0]
    return ended[0]  # type: ignore[return-value]


@dataclass
class _Running:
    """A sweep under way in :func:`run_sweeps`: its batch, the tasks not started, how
    many run, and whether it has ended (its last tasks' records are then dropped)."""

    index: int
    steps: Generator[Batch, None, object]
    batch: Batch | None = None
    waiting: deque[Task] = field(default_factory=deque)
    running: int = 0
    ended: bool = False


def run_sweeps(
    sweeps: Iterable[Callable[[], Generator[Batch, None, object]]],
    pool: Runner,
    finished: Callable[[int, object], None],
    stop: Callable[[], bool] = lambda: False,
) -> list[int]:
    """Run several sweeps on one runner, keeping its workers busy.

    A size's tasks start only once the previous size is in, so one sweep alone leaves
    a worker waiting while another ends a size's last task. Here a free worker takes a
    task of the oldest open sweep that has one ready, and the next sweep (``sweeps``
    gives functions that start them, read only as they are needed) opens only when
    none has: no more are open than the runner runs tasks at once. ``finished(i,
    value)`` gets the ``i``-th sweep's return value, or the exception that ended it,
    as it ends, in the calling thread; an exception ends that sweep only. Records do
    not depend on the order of tasks. Once ``stop()`` is true (asked as each task
    ends and before a sweep opens), no task starts and no sweep opens; the indices of
    the sweeps left open are returned.

    >>> import gaps
    >>> from gaps.distributed import open_runner
    >>> fam = gaps.Family("demo", lambda n, rng: list(range(n)),
    ...                   lambda xs, m: sum(xs), lambda xs, s, m: s == sum(xs))
    >>> starts = [lambda: sweep(fam, [4, 8], gaps.Settings(instances=2))] * 2
    >>> ended = []
    >>> with open_runner(1, None) as pool:
    ...     left_open = run_sweeps(starts, pool, lambda i, meas: ended.append((i, meas.sizes)))
    >>> sorted(ended), left_open
    ([(0, [4, 8]), (1, [4, 8])], [])
    """
    queue = enumerate(sweeps)
    open_: list[_Running] = []
    stopped = [False]

    def end(running: _Running, value: object) -> None:
        running.ended = True
        open_.remove(running)
        finished(running.index, value)

    def advance(running: _Running) -> None:
        try:
            running.batch = next(running.steps)
            running.waiting = deque(running.batch.tasks)
        except StopIteration as done:
            end(running, done.value)
        except Exception as exc:
            end(running, exc)

    def job(running: _Running, task: Task) -> Job:
        assert running.batch is not None
        batch = running.batch
        running.running += 1

        def on_done(task: Task, records: list[CallRecord]) -> None:
            running.running -= 1
            if running.ended:
                return
            try:
                batch.on_done(task, records)
            except Exception as exc:
                end(running, exc)
                return
            stopped[0] = stopped[0] or stop()
            if not (running.waiting or running.running or stopped[0]):
                advance(running)

        return Job(batch.family, task, batch.limits, on_done)

    def take() -> Job | None:
        while not stopped[0]:
            for running in open_:
                if running.waiting:
                    assert running.batch is not None
                    task = running.batch.take(running.waiting)
                    if task is not None:
                        return job(running, task)
            following = None if stop() else next(queue, None)
            if following is None:
                return None
            index, start = following
            try:
                steps = start()
            except Exception as exc:
                finished(index, exc)
                continue
            opened = _Running(index, steps)
            open_.append(opened)
            advance(opened)
        return None

    pool.serve(take)
    return [running.index for running in open_]


def sweep(
    family: Family,
    sizes: Sequence[int] | None,
    settings: Settings | None = None,
    *,
    run_id: int = 0,
    generators: Sequence[str] | None = None,
    stop_censored: bool = False,
    generator_only: int = 0,
) -> Sweep:
    """:func:`measure` as a generator of :class:`Batch` es, for a caller that runs them.

    Each batch must be run to its end before the next one is asked for; the
    generator's return value is the measurements. A caller can so keep several
    sweeps in flight on one runner (a search does), and the records do not depend on
    the order in which it runs their tasks.

    With ``generator_only=k`` the generators run alone (no verifier, no corruption)
    on the ``k`` instances that follow the ``settings.instances`` paired ones: their
    own costs, which a sign may need more of than of the verifiers' (see
    :func:`gaps.sign.decide_sign`).

    >>> import gaps
    >>> fam = gaps.Family("demo", lambda n, rng: list(range(n)),
    ...                   lambda xs, m: sum(xs), lambda xs, s, m: s == sum(xs))
    >>> steps = sweep(fam, [4, 8], gaps.Settings(instances=2))
    >>> [(t.size, t.index) for t in next(steps).tasks]
    [(4, 0), (4, 1)]
    """
    settings = settings or Settings()
    instances, seed, limits = settings.instances, settings.seed, settings.limits
    store, progress = settings.store, settings.progress
    result = Measurements(family, seed, limits)
    gens = list(generators or family.generators)
    fp = fingerprint(family)
    schedule = validate_sizes(sizes) if sizes is not None else family.sizes
    auto = schedule is None
    planned = AUTO_SIZES if schedule is None else schedule
    if sizes is None and schedule is not None:
        for p in family.pairings:
            own = family.sizes_of(p)
            if own is not None and own != schedule:
                result.schedules[p.name] = own
    indices = range(instances, instances + generator_only) if generator_only else range(instances)
    done = 0
    started = time.monotonic()
    # (generator, verifier) -> role -> the costliest call of a size where all were censored
    stopped: dict[tuple[str, str], dict[str, CallRecord]] = {}
    for size in planned:
        tasks: list[Task] = []
        seen = _SizeSoFar(size) if stop_censored else None
        for g in gens:
            scheduled = _scheduled(family, result.schedules, g, size)
            if not scheduled:
                continue
            wanted = () if generator_only else tuple(v for v in scheduled if (g, v) not in stopped)
            if seen is not None:
                seen.wanted[g] = wanted
            for index in indices:
                task = Task(g, wanted, size, index, seed)
                key = _key(fp, task, limits)
                stored = (
                    store.task_records(key) if store is not None and store.has_task(key) else None
                )
                if stored is not None and _covers(stored, wanted):
                    result.records[(g, size, index)] = stored
                    result.resumed += 1
                    done += 1
                    if seen is not None:
                        seen.see(task, stored)
                else:
                    tasks.append(task)

        total = len(indices) * _total(family, result.schedules, gens, planned, auto, size)

        def finished(
            task: Task,
            records: list[CallRecord],
            total: int = total,
            seen: _SizeSoFar | None = seen,
        ) -> None:
            nonlocal done
            records = records + _not_run(stopped, task, records)
            if seen is not None:
                records += seen.skipped(task, records)
                seen.see(task, records)
            result.records[(task.generator, task.size, task.index)] = records
            if store is not None:
                store.commit_task(family.name, _key(fp, task, limits), run_id, records)
            done += 1
            if progress is not None:
                progress(family.name, done, total)

        if tasks:
            batch = Batch(family, tasks, limits, finished)
            if seen is not None:
                batch.start = seen.start
            yield batch
        if stop_censored:
            _stop(result, stopped, size, instances)
        spent = time.monotonic() - started
        if auto and (_budget_binds(result, size, limits) or 2 * spent > AUTO_BUDGET_SECONDS):
            break
    return result


#: With ``stop_censored``, the first this many instances of a size run before the
#: others, and a verifier that a budget censored on all of them is not called on the
#: size's other instances (it is tried again at the next size): each such call would
#: most likely end censored after a whole budget (and one killed by the time limit
#: inside native code costs its worker a restart besides), while a censored call adds
#: nothing to a gap, which is read from the instances both sides finished. The first
#: instances decide, not the first calls to end, so the records do not depend on the
#: order in which the tasks ran.
SKIP_AFTER = 2
#: The reason of a verifier's record on an instance it was not called on (SKIP_AFTER).
SKIPPED = (
    "not run: censored by a budget on the first {count} instances at n={size}; "
    "its cost here is unknown"
)
#: Reasons of a call stopped by a budget (a heuristic that gave up is not one).
BUDGETS = ("time", "steps", "memory")


class _SizeSoFar:
    """The first :data:`SKIP_AFTER` instances of a size, as they end: which are done,
    and how often a budget censored each (generator, verifier) on them; and the
    verifiers each generator's tasks at the size were made with."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.wanted: dict[str, tuple[str, ...]] = {}
        self.done: dict[str, set[int]] = {}
        self.censored: Counter[tuple[str, str]] = Counter()

    def start(self, task: Task) -> Task | None:
        if task.index < SKIP_AFTER:
            return task
        if len(self.done.get(task.generator, ())) < SKIP_AFTER:
            return None
        keep = tuple(v for v in task.verifiers if self.censored[task.generator, v] < SKIP_AFTER)
        return task if keep == task.verifiers else replace(task, verifiers=keep)

    def see(self, task: Task, records: list[CallRecord]) -> None:
        if task.index >= SKIP_AFTER:
            return
        self.done.setdefault(task.generator, set()).add(task.index)
        for r in records:
            if r.role == "verify" and r.outcome == "censored" and r.reason in BUDGETS:
                self.censored[task.generator, r.verifier] += 1

    def skipped(self, task: Task, records: list[CallRecord]) -> list[CallRecord]:
        """A record with no cost for each verifier :meth:`start` left out of the task,
        where it generated an output (censored, its costs unknown: not in any fit)."""
        if not any(r.role == "generate" and r.outcome == "ok" for r in records):
            return []
        return [
            CallRecord(
                "verify",
                v,
                "censored",
                SKIPPED.format(count=self.censored[task.generator, v], size=self.size),
            )
            for v in self.wanted[task.generator]
            if v not in task.verifiers
        ]


#: The reason of a record a sweep made without a call (``stop_censored``).
NOT_RUN = "not run: censored on every instance at n={size}, and costs grow with the size"


def _not_run(
    stopped: dict[tuple[str, str], dict[str, CallRecord]], task: Task, records: list[CallRecord]
) -> list[CallRecord]:
    """Censored copies of the stopped verifiers' calls, where the task generated an output."""
    if not any(r.role == "generate" and r.outcome == "ok" for r in records):
        return []
    corrupted = any(r.role == "corrupt" and r.outcome == "ok" for r in records)
    return [
        replace(r, wall=0.0, counters=dict(r.counters))
        for (g, _), roles in stopped.items()
        if g == task.generator
        for role, r in roles.items()
        if role == "verify" or corrupted
    ]


def _stop(
    result: Measurements,
    stopped: dict[tuple[str, str], dict[str, CallRecord]],
    size: int,
    instances: int,
) -> None:
    """Stop the verifiers whose calls at ``size`` were censored on every instance."""
    calls: dict[tuple[str, str, str], list[CallRecord]] = {}
    for (g, s, _), records in result.records.items():
        if s == size:
            for r in records:
                # A call left out (SKIPPED) is no evidence: only a size where every
                # instance was called and censored stops the larger ones.
                if r.role in ("verify", "verify_corrupt") and not r.reason.startswith("not run"):
                    calls.setdefault((g, r.verifier, r.role), []).append(r)
    for (g, v, role), found in sorted(calls.items()):
        if (g, v) in stopped and role == "verify":
            continue
        if len(found) < instances or any(r.outcome != "censored" for r in found):
            continue
        costliest = max(found, key=lambda r: (r.cpu or 0.0, r.steps or 0))
        note = NOT_RUN.format(size=size)
        stopped.setdefault((g, v), {})[role] = replace(costliest, reason=note)
    for key in [k for k, roles in stopped.items() if "verify" not in roles]:
        del stopped[key]


def _covers(records: list[CallRecord], verifiers: tuple[str, ...]) -> bool:
    """Whether stored records hold every verifier's calls (a schedule may have changed)."""
    generated = any(r.role == "generate" and r.outcome == "ok" for r in records)
    checked = {r.verifier for r in records if r.role == "verify"}
    return not generated or all(v in checked for v in verifiers)


def _key(fp: str, task: Task, limits: Limits) -> TaskKey:
    return (fp, task.generator, task.size, task.index, task.seed, limits.key())


def _scheduled(
    family: Family, schedules: dict[str, tuple[int, ...]], generator: str, size: int
) -> tuple[str, ...]:
    """The verifiers of ``generator``'s pairings that are measured at ``size``."""
    return tuple(
        p.verifier
        for p in family.pairings
        if p.generator == generator and size in schedules.get(p.name, (size,))
    )


def _total(
    family: Family,
    schedules: dict[str, tuple[int, ...]],
    gens: list[str],
    planned: Sequence[int],
    auto: bool,
    size: int,
) -> int:
    """Tasks per instance index in the sweep (through the next size, for an open schedule)."""
    sizes = planned[: planned.index(size) + 2] if auto else planned
    return sum(1 for s in sizes for g in gens if _scheduled(family, schedules, g, s))


def _budget_binds(result: Measurements, size: int, limits: Limits) -> bool:
    for (_, s, _), records in result.records.items():
        if s != size:
            continue
        for r in records:
            if r.outcome != "ok":
                return True
            if limits.time is not None and (r.wall or 0) > AUTO_STOP_SHARE * limits.time:
                return True
    return False

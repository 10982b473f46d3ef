"""One measurement task: sample an instance, generate, verify the output and a corruption.

A task is the unit of work shipped to a worker and the unit of resumption in the
store: (family, generator, size, index) under a seed and limits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from gaps.calls import CALIBRATE_TOTAL, WARM_BELOW, CallRecord, measure_call
from gaps.errors import InvalidArgument
from gaps.family import Family, verdict_of
from gaps.roles import MissingCertificate, corruption, corruption_rng, same, split, verifier_call
from gaps.seeding import derive_rng

__all__ = ["Limits", "Task", "checked_limits", "run_task"]

EVIDENCE_CHARS = 2000
#: The longest time limit (one week): the coordinator waits on its workers with a
#: timeout the kernel takes in milliseconds as a C int, about 24 days at most.
MAX_TIME_LIMIT = 7 * 24 * 3600.0
#: The largest memory cap (1 PiB): far above any machine's memory, and far enough below
#: the 63-bit address-space limit that the cap (the worker's size plus this) fits in it.
MAX_MEMORY_LIMIT = 2**50
#: The largest steps budget: a step count is stored as a 64-bit SQLite integer.
MAX_STEPS_LIMIT = 2**63 - 1


@dataclass(frozen=True)
class Limits:
    """Budgets for every call: wall-clock seconds, bytes of memory, steps.

    A call past a limit is stopped and recorded as censored. ``None`` lifts a limit.
    ``warm_time`` times each call under ``warm_below`` seconds again, warm (calibrated
    under 2 ms by repetitions filling ``calibration`` seconds), which multiplies the cost
    of cheap calls; a run that judges no gap by time turns it off and keeps each call's
    single, cold time.

    >>> Limits(time=5.0).key()
    't=5.0;m=2147483648;s=None;mem=False'
    >>> Limits(time=5.0, warm_time=False).key()
    't=5.0;m=2147483648;s=None;mem=False;warm=False'
    >>> Limits(time=5.0, calibration=0.005).key()
    't=5.0;m=2147483648;s=None;mem=False;cal=0.005'
    >>> Limits(time=5.0, warm_below=0.05).key()
    't=5.0;m=2147483648;s=None;mem=False;below=0.05'
    """

    time: float | None = 10.0
    memory: int | None = 2 * 2**30
    steps: int | None = None
    track_memory: bool = False
    warm_time: bool = True
    calibration: float = CALIBRATE_TOTAL
    warm_below: float = WARM_BELOW

    def key(self) -> str:
        timing = "" if self.warm_time else ";warm=False"
        if self.warm_time and self.calibration != CALIBRATE_TOTAL:
            timing = f";cal={self.calibration:g}"
        if self.warm_time and self.warm_below != WARM_BELOW:
            timing += f";below={self.warm_below:g}"
        return f"t={self.time};m={self.memory};s={self.steps};mem={self.track_memory}{timing}"


@dataclass(frozen=True)
class Task:
    """Measure one generator on one instance, and its verifiers on the result."""

    generator: str
    verifiers: tuple[str, ...]
    size: int
    index: int
    seed: int


def checked_limits(
    time_limit: object, memory_limit: object, steps_limit: object, track_memory: bool = False
) -> Limits:
    """Limits from user-given budgets, each None or a finite positive number in range.

    >>> checked_limits(5, None, 1000).key()
    't=5.0;m=None;s=1000;mem=False'
    >>> checked_limits(float("nan"), None, None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: 'time_limit' must be None or a positive int or float of ...
    """
    _check_budget("time_limit", time_limit, (int, float), MAX_TIME_LIMIT, "seconds", "one week")
    _check_budget("memory_limit", memory_limit, (int,), MAX_MEMORY_LIMIT, "bytes", "2**50")
    _check_budget("steps_limit", steps_limit, (int,), MAX_STEPS_LIMIT, "steps", "2**63 - 1")
    return Limits(
        time=None if time_limit is None else float(time_limit),  # type: ignore[arg-type]
        memory=memory_limit,  # type: ignore[arg-type]
        steps=steps_limit,  # type: ignore[arg-type]
        track_memory=track_memory,
    )


def _check_budget(
    name: str, value: object, kinds: tuple[type, ...], maximum: float, unit: str, bound: str
) -> None:
    if value is None:
        return
    kind = " or ".join(k.__name__ for k in kinds)
    # The range test also refuses nan, which compares false with everything.
    if isinstance(value, bool) or not isinstance(value, kinds) or not 0 < value <= maximum:  # type: ignore[operator]
        raise InvalidArgument(
            f"{name!r} must be None or a positive {kind} of {unit}, at most {bound}. "
            f"Got {value!r} ({type(value).__name__}); use None to lift the limit."
        )


def _warm_below(limits: Limits) -> float:
    """Time a call again, warm, only while both runs fit well inside the time limit."""
    if not limits.warm_time:
        return 0.0
    below = limits.warm_below
    return below if limits.time is None else min(below, limits.time / 4)


def _evidence(instance: Any, output: Any) -> str:
    text = f"instance={instance!r}\noutput={output!r}"
    return text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS] + " ...(truncated)"


def _verify(
    family: Family,
    name: str,
    role: str,
    instance: Any,
    output: Any,
    certificate: Any,
    limits: Limits,
) -> CallRecord:
    verifier = family.verifiers[name]
    record = CallRecord(role, name)
    try:
        call = verifier_call(family, name, instance, output, certificate)
    except MissingCertificate as exc:
        record.outcome, record.reason = "error", str(exc)
        return record
    value = measure_call(
        record,
        call,
        steps_budget=limits.steps,
        memory_limit=limits.memory,
        track_memory=limits.track_memory,
        warm_below=_warm_below(limits),
        calibration=limits.calibration,
        time_limit=limits.time,
    )
    if record.outcome != "ok":
        return record
    verdict = verdict_of(verifier.mode, value)
    if verdict is None:
        wanted = "a score in [0, 1]" if verifier.mode == "grade" else "a bool"
        record.outcome = "rejected"
        record.reason = f"verifier returned {value!r:.80} ({type(value).__name__}), not {wanted}"
        return record
    record.verdict = verdict
    if verifier.mode == "grade":
        record.score = float(value)
    expected = role == "verify"
    if record.verdict != expected:
        record.evidence = _evidence(instance, output)
    return record


def run_task(
    family: Family, task: Task, limits: Limits, announce: Callable[[str, str], None]
) -> Iterator[CallRecord]:
    """Run ``task``, yielding a record per call; ``announce(role, verifier)`` precedes each.

    >>> import gaps
    >>> fam = gaps.Family("demo", lambda n, rng: list(range(n)),
    ...                   lambda xs, m: sum(xs), lambda xs, s, m: s == sum(xs),
    ...                   lambda xs, s, rng: s + 1)
    >>> task = Task("generate", ("verify",), size=4, index=0, seed=0)
    >>> for r in run_task(fam, task, Limits(), lambda *a: None):
    ...     print(r.role, r.outcome, r.verdict)
    sample ok None
    generate ok None
    verify ok True
    corrupt ok None
    verify_corrupt ok False
    """
    rng = derive_rng(task.seed, family.name, task.size, task.index)
    record = CallRecord("sample")
    announce("sample", "")
    instance = measure_call(
        record,
        lambda meter: family.sample(task.size, rng),
        steps_budget=None,
        memory_limit=limits.memory,
        repeatable=False,
        time_limit=limits.time,
    )
    if record.outcome == "ok" and task.index == 0:
        record.reason = _reproducibility(family, task, instance)
    yield record
    if record.outcome != "ok":
        return

    record = CallRecord("generate")
    generate = family.generators[task.generator]
    announce("generate", "")
    result = measure_call(
        record,
        lambda meter: generate(instance, meter),
        steps_budget=limits.steps,
        memory_limit=limits.memory,
        track_memory=limits.track_memory,
        warm_below=_warm_below(limits),
        calibration=limits.calibration,
        time_limit=limits.time,
    )
    yield record
    if record.outcome != "ok":
        return
    output, certificate = split(result)
    for name in task.verifiers:
        announce("verify", name)
        record = _verify(family, name, "verify", instance, output, certificate, limits)
        yield record
        if record.reason == "time":
            return  # as when the hard limit kills the worker: the task ends with the call

    if family.corrupt is None or not task.verifiers:
        return  # a corrupted output is only there to be verified
    corrupt = family.corrupt
    corrupt_rng = corruption_rng(task.seed, family, task.size, task.index, task.generator)
    record = CallRecord("corrupt")
    announce("corrupt", "")
    bad = measure_call(
        record,
        lambda meter: corrupt(instance, result, corrupt_rng),
        steps_budget=None,
        memory_limit=limits.memory,
        repeatable=False,
        time_limit=limits.time,
    )
    answer = corruption(result, bad) if record.outcome == "ok" else None
    if record.outcome == "ok" and answer is None:
        record.outcome, record.reason = "error", UNCHANGED
    yield record
    if answer is None:
        return
    bad_output, bad_certificate = answer
    for name in task.verifiers:
        announce("verify_corrupt", name)
        record = _verify(
            family, name, "verify_corrupt", instance, bad_output, bad_certificate, limits
        )
        yield record
        if record.reason == "time":
            return


def _reproducibility(family: Family, task: Task, instance: Any) -> str:
    """'' when sampling again from an equal rng gives the same instance, else why not."""
    again = family.sample(task.size, derive_rng(task.seed, family.name, task.size, task.index))
    return "" if same(again, instance) else IRREPRODUCIBLE


#: The reason a sample record carries when the sampler did not depend on its rng alone.
IRREPRODUCIBLE = (
    "the sampler gave different instances from equal rngs: it must draw all its "
    "randomness from its `rng` argument (not the global random module or numpy)"
)


#: The reason a corrupt record carries when the corruption equals what it was made from.
UNCHANGED = "the corruptor returned its input unchanged: there is no wrong answer to show"

"""The settings of a run: one frozen, validated object from the CLI or API down to the tasks.

:func:`gaps.classify` and :func:`gaps.survey` take them as keywords for convenience (or
whole, as ``settings=``); everything below them (classifying a family, sweeping its
sizes) takes the object, so a setting is checked once, where the run starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from gaps.errors import InvalidArgument
from gaps.store import Store
from gaps.tasks import Limits, checked_limits

__all__ = ["SEARCH_CALIBRATION", "SEARCH_TIME_LIMIT", "SEARCH_WARM_BELOW", "Progress", "Settings"]

#: ``progress(family, done, total)``: tasks finished of the family's sweep so far.
Progress = Callable[[str, int, int], None]

#: Seconds per call in a search (a survey allows 10). The search measures some 200
#: candidates at small sizes, where generation takes milliseconds unless it contains a
#: decision; a call still running after 2 s is censored with 2 s as its lower bound,
#: which already puts it hundreds of times above generation. Allowing 10 s gives
#: the same "at least" point five times higher, at five times the cost, for each
#: candidate that reaches it.
SEARCH_TIME_LIMIT = 2.0

#: Seconds of repetitions that calibrate the time of a call under 2 ms in a search and
#: on a survey's generator-only instances (its paired calls use
#: :data:`gaps.calls.CALIBRATE_TOTAL`, 20 ms). The built-in candidates are
#: judged by time, and at the search's small sizes most of their calls take
#: microseconds: calibrating each over 20 ms cost several times the calls themselves.
#: Over 5 ms a call of some 20 microseconds still gets its time within a few percent,
#: far less than the spread between instances of one size.
SEARCH_CALIBRATION = 0.005

#: Seconds under which a search times a call again, warm (a survey: under
#: :data:`gaps.calls.WARM_BELOW`, 1 s). A cold first call pays a fixed warm-up (fresh
#: memory, cold caches) of well under a millisecond on the built-in candidates: about
#: 2% of a 10 ms call and 0.5% of a 50 ms one, far inside the spread between instances
#: of one size, so timing longer calls twice buys nothing a fit could read. Those
#: calls were most of the time a search spent re-timing, and about a third of its
#: workers' time.
SEARCH_WARM_BELOW = 0.05


@dataclass(frozen=True)
class Settings:
    """How a run measures: seed, instances per size, budgets, store, where tasks run.

    Parameters
    ----------
    seed : int
        Every instance is derived from (seed, family, size, index).
    instances : int
        Instances per size.
    limits : gaps.Limits
        Per-call budgets; see :meth:`from_keywords` to build them from plain numbers.
    store : gaps.Store, optional
        Where every finished measurement is committed (and read back on a rerun).
    workers : int, optional
        Local worker processes (one per core by default).
    scheduler : str or distributed.Client, optional
        Run on this Dask cluster instead of local workers.
    progress : callable, optional
        ``progress(family, done, total)`` as tasks finish.

    Examples
    --------
    >>> import gaps
    >>> settings = gaps.Settings.from_keywords(seed=3, instances=2, time_limit=5)
    >>> settings.seed, settings.instances, settings.limits.time
    (3, 2, 5.0)
    >>> gaps.Settings(instances=0)
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: 'instances' must be a positive int. Got 0 (int).
    """

    seed: int = 0
    instances: int = 5
    limits: Limits = field(default_factory=Limits)
    store: Store | None = None
    workers: int | None = None
    scheduler: Any = None
    progress: Progress | None = None

    def __post_init__(self) -> None:
        from gaps.measure import validate_seed

        validate_seed(self.seed)
        _check_count("instances", self.instances, optional=False)
        _check_count("workers", self.workers, optional=True)
        if not isinstance(self.limits, Limits):
            raise InvalidArgument(
                f"'limits' must be a gaps.Limits. Got {self.limits!r} "
                f"({type(self.limits).__name__}); use Settings.from_keywords(time_limit=...)."
            )
        if self.store is not None and not isinstance(self.store, Store):
            raise InvalidArgument(
                f"'store' must be a gaps.Store or None. Got {type(self.store).__name__}."
            )
        if self.progress is not None and not callable(self.progress):
            raise InvalidArgument(
                f"'progress' must be callable as progress(family, done, total) or None. "
                f"Got {self.progress!r} ({type(self.progress).__name__})."
            )

    @classmethod
    def from_keywords(
        cls,
        *,
        seed: int = 0,
        instances: int = 5,
        time_limit: float | None = 10.0,
        memory_limit: int | None = 2 * 2**30,
        steps_limit: int | None = None,
        store: Store | None = None,
        workers: int | None = None,
        scheduler: Any = None,
        progress: Progress | None = None,
    ) -> Settings:
        """Settings from the keywords :func:`gaps.classify` takes (budgets as numbers).

        >>> Settings.from_keywords(time_limit=None).limits.time is None
        True
        """
        return cls(
            seed=seed,
            instances=instances,
            limits=checked_limits(time_limit, memory_limit, steps_limit),
            store=store,
            workers=workers,
            scheduler=scheduler,
            progress=progress,
        )

    def tracking_memory(self, track: bool) -> Settings:
        """These settings, measuring peak memory or not (costly: only when it is the unit).

        >>> Settings().tracking_memory(True).limits.track_memory
        True
        """
        return replace(self, limits=replace(self.limits, track_memory=track))

    def timing_warm(self, warm: bool) -> Settings:
        """These settings, timing a quick call a second time, warm, or only once, cold.

        The warm re-timing smooths a time series but doubles a cheap call's cost, and a
        count (steps, solver counters) does not depend on it: only a gap judged by time
        needs it.

        >>> Settings().timing_warm(False).limits.warm_time
        False
        """
        return replace(self, limits=replace(self.limits, warm_time=warm and self.limits.warm_time))

    def config(self) -> dict[str, Any]:
        """What a stored run records of these settings.

        >>> Settings(seed=1, instances=2).config()["instances"]
        2
        """
        return {"seed": self.seed, "instances": self.instances, "limits": self.limits.key()}


def _check_count(name: str, value: object, *, optional: bool) -> None:
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        kind = "a positive int or None" if optional else "a positive int"
        raise InvalidArgument(f"{name!r} must be {kind}. Got {value!r} ({type(value).__name__}).")

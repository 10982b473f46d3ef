"""The meter handed to every generator and verifier: steps, solver counters, budgets.

Steps are the family's own claim of O(1) units of work (``meter.tick``); time and
memory are measured by the core around the call, never by the family. Native solvers
report their own machine-independent counters through :meth:`Meter.count`.
"""

from __future__ import annotations

from gaps.errors import BudgetExceeded, InvalidArgument

__all__ = ["COUNTERS", "Meter"]

_NO_LIMIT = 2**63 - 1


class PyTicker:
    """The pure-Python reference of the C step counter (used when it is not built)."""

    __slots__ = ("_limit", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self._limit = _NO_LIMIT

    def tick(self, k: int = 1) -> None:
        self.steps += k
        if self.steps > self._limit:
            self._exceeded()

    def _exceeded(self) -> None:
        raise NotImplementedError


try:  # the C hot path of tick(): a Python method call costs twice as much
    from gaps._meter import Ticker as _Ticker
except ImportError:  # pragma: no cover - the extension is optional
    _Ticker = PyTicker  # type: ignore[misc,assignment]

#: Machine-independent counters a family may report besides steps.
COUNTERS = ("propagations", "conflicts", "decisions", "rlimit")


class Meter(_Ticker):
    """Counts the steps of one call and stops it past its budget.

    Parameters
    ----------
    budget : int or None
        The most steps the call may tick; past it :meth:`tick` raises
        :class:`gaps.BudgetExceeded` and the call is recorded as censored.

    Examples
    --------
    >>> meter = Meter()
    >>> for _ in range(5):
    ...     meter.tick()
    >>> meter.tick(10)
    >>> meter.steps
    15
    >>> meter.count(propagations=120, conflicts=3)
    >>> meter.counters["propagations"]
    120
    """

    __slots__ = ("budget", "counters")

    def __init__(self, budget: int | None = None) -> None:
        if budget is not None and (not isinstance(budget, int) or budget < 1):
            raise InvalidArgument(
                f"The 'budget' of a Meter must be a positive int or None. "
                f"Got {budget!r} ({type(budget).__name__})."
            )
        super().__init__()
        self.budget = budget
        self._limit = _NO_LIMIT if budget is None else min(budget, _NO_LIMIT)  # type: ignore[misc]
        self.counters: dict[str, int] = {}

    # tick(k=1) is inherited from the C core: record k O(1) steps of work and raise
    # BudgetExceeded past the budget.

    def _exceeded(self) -> None:
        raise BudgetExceeded(self.budget or 0, self.steps)

    def count(self, **counters: int) -> None:
        """Add a native solver's own counters (propagations, conflicts, decisions, rlimit).

        >>> m = Meter()
        >>> m.count(rlimit=10); m.count(rlimit=5)
        >>> m.counters
        {'rlimit': 15}
        """
        for name, value in counters.items():
            if name not in COUNTERS:
                raise InvalidArgument(
                    f"Meter.count() takes the counters {', '.join(COUNTERS)}. Got {name!r}."
                )
            self.counters[name] = self.counters.get(name, 0) + int(value)

    def __repr__(self) -> str:
        return f"Meter(steps={self.steps}, budget={self.budget}, counters={self.counters})"

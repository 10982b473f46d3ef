"""The meter handed to every generator and verifier: steps, solver counters, budgets.

Steps are the family's own claim of O(1) units of work (``meter.tick``); time and
memory are measured by the core around the call, never by the family. Native solvers
report their own machine-independent counters through :meth:`Meter.count`.
"""

from __future__ import annotations

import math

from gaps.errors import BudgetExceeded, InvalidArgument

__all__ = ["COUNTERS", "Meter"]

#: Machine-independent counters a family may report besides steps.
COUNTERS = ("propagations", "conflicts", "decisions", "rlimit")


class Meter:
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

    __slots__ = ("_limit", "budget", "counters", "steps")

    def __init__(self, budget: int | None = None) -> None:
        if budget is not None and (not isinstance(budget, int) or budget < 1):
            raise InvalidArgument(
                f"The 'budget' of a Meter must be a positive int or None. "
                f"Got {budget!r} ({type(budget).__name__})."
            )
        self.budget = budget
        self._limit: float = math.inf if budget is None else budget
        self.steps = 0
        self.counters: dict[str, int] = {}

    def tick(self, k: int = 1) -> None:
        """Record ``k`` O(1) steps of work; raise BudgetExceeded past the budget."""
        self.steps += k
        if self.steps > self._limit:
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

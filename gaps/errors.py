"""The toolkit's exceptions.

Every error a user can cause subclasses :class:`GapsError`, and also the builtin it
refines (as hypothesis does with ``InvalidArgument(TypeError)``), so ``except
ValueError`` keeps working for code that does not know about gaps.
"""

from __future__ import annotations

__all__ = [
    "BudgetExceeded",
    "DeclarationError",
    "GapsError",
    "GaveUp",
    "InvalidArgument",
    "UnknownName",
]


class GapsError(Exception):
    """Base class of every error raised by gaps on purpose."""


class InvalidArgument(GapsError, ValueError):
    """An argument is outside what the function accepts.

    >>> raise InvalidArgument("sizes must be positive integers. Got [0] (list).")
    Traceback (most recent call last):
    ...
    gaps.errors.InvalidArgument: sizes must be positive integers. Got [0] (list).
    """


class DeclarationError(GapsError, TypeError):
    """A family declaration is incomplete or inconsistent (raised when it is declared)."""


class UnknownName(GapsError, KeyError):
    """A family, pairing or cost unit that does not exist; the message suggests a known one."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class BudgetExceeded(GapsError):
    """Raised by :meth:`gaps.Meter.tick` when a call passes its steps budget.

    The call is recorded as *censored*: its cost is at least the budget.

    >>> import gaps
    >>> meter = gaps.Meter(budget=10)
    >>> meter.tick(11)
    Traceback (most recent call last):
    ...
    gaps.errors.BudgetExceeded: steps budget of 10 exceeded (11 steps)
    """

    def __init__(self, budget: int, steps: int) -> None:
        super().__init__(f"steps budget of {budget} exceeded ({steps} steps)")
        self.budget = budget
        self.steps = steps


class GaveUp(GapsError):
    """Raised by a heuristic generator or verifier that stops without an answer.

    sympy's ``integrate`` or a local search may give up where a complete algorithm
    would go on: the call is recorded as *censored* (its cost is at least what it spent),
    not as an error and never as an answer.
    """


def did_you_mean(name: str, known: list[str] | tuple[str, ...]) -> str:
    """A hint naming the closest known names, or listing them when none is close.

    >>> did_you_mean("sortng", ["sorting", "semiprime"])
    "Did you mean 'sorting'?"
    """
    import difflib

    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    if close:
        return "Did you mean " + " or ".join(repr(c) for c in close) + "?"
    shown = ", ".join(sorted(known)[:12])
    return f"Known names: {shown}{', ...' if len(known) > 12 else ''}."


def wrong_instance(
    family: str, role: str, instance: object, expected: str, reason: str = ""
) -> InvalidArgument:
    """The error a family raises for an instance its ``role`` cannot take.

    The message names the family, the role and what was expected, what was wrong when
    ``reason`` says it, shows the instance (cut to 60 characters) and says where
    instances come from.

    >>> error = wrong_instance("knapsack", "generator 'dp'", [1, 2], "a (weights, capacity) pair")
    >>> print(error)  # doctest: +NORMALIZE_WHITESPACE
    The instance given to knapsack's generator 'dp' must be a (weights, capacity) pair.
    Got [1, 2] (list). Hint: draw one with gaps.get('knapsack').sample(size, rng).
    >>> print(wrong_instance("knapsack", "generator 'dp'", (), "a pair", "it is empty"))
    ... # doctest: +NORMALIZE_WHITESPACE
    The instance given to knapsack's generator 'dp' must be a pair; it is empty.
    Got () (tuple). Hint: draw one with gaps.get('knapsack').sample(size, rng).
    """
    shown = repr(instance)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    why = f"; {reason.rstrip('.')}" if reason else ""
    return InvalidArgument(
        f"The instance given to {family}'s {role} must be {expected}{why}. Got {shown} "
        f"({type(instance).__name__}). Hint: draw one with gaps.get({family!r}).sample(size, rng)."
    )

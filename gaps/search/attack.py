"""Attacks: cheap procedures that look for a witness on a generated object.

An attack is written for a relation kind (:data:`gaps.kinds.KINDS`) and applies to
every family of that kind. Whatever it returns is checked by the family's certified
verifier, so an attack can make verification cheaper but never unsound.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gaps.errors import InvalidArgument
from gaps.kinds import KINDS

__all__ = ["Attack", "attacks_for"]


@dataclass(frozen=True)
class Attack:
    """A cheap witness finder for one relation kind.

    ``fn(object, meter)`` returns a witness in the kind's canonical form, or None when
    it gives up; it ticks ``meter`` for its own work.

    >>> import gaps
    >>> def small_factor(n, meter):
    ...     for d in range(2, 100):
    ...         meter.tick()
    ...         if n % d == 0:
    ...             return d
    ...     return None
    >>> attack = gaps.Attack("small_factor", "factor", small_factor)
    >>> attack.fn(91, gaps.Meter())
    7
    """

    name: str
    kind: str
    fn: Callable[[Any, Any], Any]

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise InvalidArgument(f"An Attack's name must be a non-empty str. Got {self.name!r}.")
        if self.kind not in KINDS:
            raise InvalidArgument(
                f"Attack {self.name!r} has kind {self.kind!r}, which is not one of "
                f"{', '.join(sorted(KINDS))}."
            )
        if not callable(self.fn):
            raise InvalidArgument(
                f"Attack {self.name!r} needs a callable fn(object, meter). "
                f"Got {type(self.fn).__name__}."
            )


def builtin() -> tuple[Attack, ...]:
    """Every built-in attack, in a fixed order."""
    from gaps.search import cycles, factor, graphs, lattice, linear, sat, spectral

    return (
        *sat.ATTACKS,
        *factor.ATTACKS,
        *graphs.ATTACKS,
        *spectral.ATTACKS,
        *cycles.ATTACKS,
        *linear.ATTACKS,
        *lattice.ATTACKS,
    )


def attacks_for(kind: str | None, extra: Sequence[Attack] = ()) -> list[Attack]:
    """The built-in attacks for ``kind``, then the ``extra`` ones of that kind.

    >>> [a.name for a in attacks_for("factor")]
    ['trial_division', 'fermat', 'pollard_p_minus_1', 'pollard_rho']
    """
    chosen: Iterable[Attack] = (*builtin(), *extra)
    return [a for a in chosen if kind is not None and a.kind == kind]

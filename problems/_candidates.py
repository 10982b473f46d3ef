"""Candidate lists of small ints for specifications: a length and the entries.

A list of length ``low_length`` to ``high_length`` is encoded as a length variable
and ``high_length`` entries, those past the length pinned to 0 so that each list is
one model. Wrong lengths and out-of-range entries are candidates on purpose: a
verifier that skips a length or range check is caught on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def int_list_variables(name: str, longest: int) -> list[Any]:
    """z3 variables for a list of at most ``longest`` ints: its length, then the entries.

    >>> int_list_variables("tour", 2)
    [tour_length, tour0, tour1]
    """
    import z3

    return [z3.Int(f"{name}_length"), *(z3.Int(f"{name}{i}") for i in range(longest))]


def int_list_domain(v: Sequence[Any], lengths: range, low: int, high: int) -> Any:
    """Lengths in ``lengths``, entries in [low, high], entries past the length 0.

    >>> import z3
    >>> solver = z3.Solver()
    >>> solver.add(int_list_domain(int_list_variables("x", 2), range(1, 3), 0, 1))
    >>> count = 0
    >>> while solver.check() == z3.sat:
    ...     model, count = solver.model(), count + 1
    ...     solver.add(z3.Or([x != model.eval(x) for x in int_list_variables("x", 2)]))
    >>> count  # [0], [1], and the four lists of length 2
    6
    """
    import z3

    length, xs = v[0], v[1:]
    ranges = [z3.If(length > i, z3.And(x >= low, x <= high), x == 0) for i, x in enumerate(xs)]
    return z3.And(length >= lengths.start, length <= lengths.stop - 1, *ranges)


def lengths_near(n: int) -> range:
    """One shorter than ``n`` to one longer: the lengths an off-by-one check gets wrong.

    >>> lengths_near(3)
    range(2, 5)
    """
    return range(max(n - 1, 0), n + 2)


def decode_int_list(values: Sequence[Any]) -> list[int]:
    """The list encoded by :func:`int_list_variables`' values.

    >>> decode_int_list([2, 5, 7, 0])
    [5, 7]
    """
    return [int(x) for x in values[1 : 1 + int(values[0])]]


def entries(v: Sequence[Any], length: int) -> list[Any]:
    """The first ``length`` entry variables (the list's, when its length is ``length``)."""
    return list(v[1 : 1 + length])

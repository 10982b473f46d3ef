"""Sorting: produce the sorted list vs check that a list is the sorted input.

Problem: a list of n random integers. Generation is Python's Timsort (``sorted``),
the best general comparison sort, with every comparison it makes counted through a
counting key: Θ(n log n) comparisons on random input. Witness verification checks
that the output is non-decreasing and is a permutation of the input (one pass and a
multiset count): Θ(n). The gap grows like log n bits: positive.

References: Knuth, TAOCP vol. 3 (1998), §5.3.1 (n log n comparison lower bound);
Peters, "Timsort" (2002).

>>> import gaps
>>> fam = gaps.get("sorting")
>>> xs = fam.sample(8, __import__("random").Random(1))
>>> ys = fam.generate["timsort"](xs, gaps.Meter())
>>> fam.verify["check"].fn(xs, ys, gaps.Meter())
True
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cmp_to_key
from typing import Any

import gaps


def sample(size: int, rng: random.Random) -> list[int]:
    return [rng.randrange(4 * size) for _ in range(size)]


def timsort(xs: list[int], meter: gaps.Meter) -> list[int]:
    def counted(a: int, b: int) -> int:
        meter.tick()
        return (a > b) - (a < b)

    return sorted(xs, key=cmp_to_key(counted))


def check(xs: list[int], ys: object, meter: gaps.Meter) -> bool:
    if not isinstance(ys, list) or len(ys) != len(xs):
        return False
    for a, b in itertools.pairwise(ys):
        meter.tick()
        if a > b:
            return False
    meter.tick(2 * len(xs))  # building both multisets: one step per element each
    return Counter(xs) == Counter(ys)


def corrupt(xs: list[int], ys: list[int], rng: random.Random) -> list[int]:
    bad = list(ys)
    if len(bad) < 2 or bad[0] == bad[-1]:
        bad.append(bad[-1] + 1 if bad else 0)  # too long: no longer a permutation
        return bad
    i = rng.randrange(len(bad) - 1)
    j = rng.randrange(i + 1, len(bad))
    if bad[i] == bad[j]:
        bad[0], bad[-1] = bad[-1], bad[0]  # the ends differ, so this breaks the order
    else:
        bad[i], bad[j] = bad[j], bad[i]
    return bad


#: The specification's values: inputs draw from range(VALUES - 1), so every candidate
#: output may hold a value absent from the input.
VALUES = 3


def small_lists(bound: int) -> Iterator[list[int]]:
    """Every list of length 0 to ``bound`` over {0, 1} (duplicates and all orders).

    >>> len(list(small_lists(3)))
    15
    """
    for n in range(bound + 1):
        yield from (list(xs) for xs in itertools.product(range(VALUES - 1), repeat=n))


def _variables(xs: list[int]) -> list[Any]:
    """A length in [n - 1, n + 1] and n + 1 values in range(VALUES), the tail pinned to 0."""
    import z3

    return [z3.Int("length"), *(z3.Int(f"y{i}") for i in range(len(xs) + 1))]


def _domain(xs: list[int], v: Sequence[Any]) -> Any:
    import z3

    length, ys = v[0], v[1:]
    ranges = [z3.If(length > i, z3.And(y >= 0, y < VALUES), y == 0) for i, y in enumerate(ys)]
    return z3.And(length >= max(len(xs) - 1, 0), length <= len(xs) + 1, *ranges)


def _is_sorted_input(xs: list[int], v: Sequence[Any]) -> Any:
    """Length n, non-decreasing, and each value occurs as often as in ``xs``."""
    import z3

    n, ys = len(xs), v[1 : len(xs) + 1]
    order = [a <= b for a, b in itertools.pairwise(ys)]
    counts = [
        z3.Sum([z3.If(y == k, 1, 0) for y in ys] or [z3.IntVal(0)]) == xs.count(k)
        for k in range(VALUES)
    ]
    return z3.And(v[0] == n, *order, *counts)


SPECIFICATION = gaps.Specification(
    instances=small_lists,
    variables=_variables,
    valid=_is_sorted_input,
    decode=lambda xs, values: list(values[1 : 1 + values[0]]),
    domain=_domain,
)


FAMILY = gaps.Family(
    name="sorting",
    domain="strings",
    summary="Sort n integers (Timsort) vs check sortedness and permutation.",
    sample=sample,
    generate={"timsort": timsort},
    verify={"check": gaps.witness(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n*log(n)", verify="n", sign="positive", reference="Knuth 1998, §5.3.1"
    ),
    references=("Knuth, TAOCP vol. 3 (1998), §5.3.1", "Peters 2002 (Timsort)"),
    tags=("comparison", "textbook"),
    units=("steps", "time"),
    spec=SPECIFICATION,
    sizes=(64, 128, 256, 512, 1024, 2048, 4096),
)

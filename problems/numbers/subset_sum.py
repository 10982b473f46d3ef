"""Planted subset sum: pick a subset and add it up vs find a subset with that sum.

Problem: the instance ``(n, seed)`` asks for a yes-instance of subset sum: n random
integers of n bits (density about 1, the hardest regime for lattice attacks to be
irrelevant and for dynamic programming to be useless) and a target equal to the sum
of a hidden random subset. The generator (``plant``) draws the numbers and the subset
from the seed and returns ``Certified((numbers, target), subset)`` with the subset as
a sorted tuple of indices. The planting leaks nothing beyond the instance itself: the
target is a sum like any other, but the subset is the secret.

Gap: planting is Θ(n) draws and additions. Without the subset, the ``decide``
verifier (blind) must decide whether some subset reaches the target: the
meet-in-the-middle algorithm of Horowitz & Sahni (1974) lists the 2**(n/2) subset sums
of each half, stores one half in a hash set and looks up target − s for each sum s of
the other: Θ(2**(n/2)) steps, still the best known worst-case exponent for this
density up to the Schroeppel–Shamir memory saving and the 2**(0.291n) heuristics of
Howgrave-Graham & Joux (2010) for random instances. Negative gap. With the subset,
``check`` (certified) reads the instance, checks that the indices strictly increase
and adds them up: Θ(n), neutral.

Costs: steps (one per subset sum listed or looked up; one per number drawn, coin
flipped, read or added, and per index checked) and time. Each side ticks all of its
linear work: a check that ticked only its additions would count the subset's size,
a binomial whose spread between instances tilts the fits.

References: Horowitz & Sahni 1974; Schroeppel & Shamir 1981; Howgrave-Graham & Joux
2010; Garey & Johnson 1979 (NP-completeness).

>>> import random, gaps
>>> fam = gaps.get("subset_sum")
>>> spec = fam.sample(16, random.Random(1))
>>> instance, subset = fam.generate["plant"](spec, gaps.Meter())
>>> fam.verify["decide"].fn(spec, instance, gaps.Meter())
True
>>> fam.verify["check"].fn(spec, instance, subset, gaps.Meter())
True
>>> numbers, target = instance
>>> fam.verify["decide"].fn(spec, (numbers, sum(numbers) + 1), gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from typing import Any

import gaps

Spec = tuple[int, int]
Instance = tuple[tuple[int, ...], int]


def sample(size: int, rng: random.Random) -> Spec:
    return max(size, 2), rng.getrandbits(64)


def plant(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, seed = spec
    rng = random.Random(seed)
    numbers = tuple(rng.getrandbits(n) | (1 << (n - 1)) for _ in range(n))
    subset = tuple(i for i in range(n) if rng.random() < 0.5)
    meter.tick(2 * n + len(subset))
    return gaps.Certified((numbers, sum(numbers[i] for i in subset)), subset)


def _well_formed(spec: Spec, instance: object) -> bool:
    n = spec[0]
    if not isinstance(instance, tuple) or len(instance) != 2:
        return False
    numbers, target = instance
    if not isinstance(numbers, tuple) or len(numbers) != n or type(target) is not int:
        return False
    return all(type(a) is int and a > 0 and a.bit_length() == n for a in numbers)


def _sums(numbers: tuple[int, ...], meter: gaps.Meter) -> list[int]:
    sums = [0]
    for a in numbers:
        meter.tick(len(sums))
        sums += [s + a for s in sums]
    return sums


def has_subset(numbers: tuple[int, ...], target: int, meter: gaps.Meter) -> bool:
    """Horowitz–Sahni meet in the middle: is some subset's sum equal to ``target``?"""
    half = len(numbers) // 2
    left = set(_sums(numbers[:half], meter))
    right = _sums(numbers[half:], meter)
    meter.tick(len(right))
    return any(target - s in left for s in right)


def decide(spec: Spec, instance: object, meter: gaps.Meter) -> bool:
    if not _well_formed(spec, instance):
        return False
    numbers: tuple[int, ...] = instance[0]  # type: ignore[index]
    return has_subset(numbers, instance[1], meter)  # type: ignore[index]


def check(spec: Spec, instance: object, subset: object, meter: gaps.Meter) -> bool:
    if not _well_formed(spec, instance) or not isinstance(subset, tuple):
        return False
    numbers: tuple[int, ...] = instance[0]  # type: ignore[index]
    target: int = instance[1]  # type: ignore[index]
    meter.tick(len(numbers))  # the well-formedness scan
    if not all(type(i) is int and 0 <= i < len(numbers) for i in subset):
        return False
    if not all(i < j for i, j in itertools.pairwise(subset)):
        return False
    meter.tick(2 * len(subset))
    return sum(numbers[i] for i in subset) == target


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Shift the target to a nearby value that no subset reaches (checked by search)."""
    numbers, target = result.output
    meter = gaps.Meter()
    while True:
        bad = target + rng.choice((-1, 1)) * rng.randint(1, 1 << max(spec[0] // 2, 1))
        if not has_subset(numbers, bad, meter):
            return gaps.Certified((numbers, bad), result.certificate)


def small_specs(bound: int) -> list[Spec]:
    """Every count n from 1 to ``bound`` − 1 (the seed plays no part in deciding)."""
    return [(n, 0) for n in range(1, bound)]


def _instance_variables(spec: Spec) -> list[Any]:
    import z3

    return [*(z3.Int(f"number{i}") for i in range(spec[0])), z3.Int("target")]


def _instances_near(spec: Spec, v: Sequence[Any]) -> Any:
    """Numbers of n − 1 to n + 1 bits (0 included), targets from -1 to one past the
    largest sum: malformed numbers and unreachable targets are candidates too."""
    import z3

    n = spec[0]
    numbers, target = v[:-1], v[-1]
    return z3.And(
        *(z3.And(a >= 2 ** (n - 1) - 1, a <= 2**n) for a in numbers),
        target >= -1,
        target <= n * 2**n + 1,
    )


def _has_subset_sum(spec: Spec, v: Sequence[Any]) -> Any:
    """Every number has exactly n bits, and some subset (the empty one too) sums to the target."""
    import z3

    n = spec[0]
    numbers, target = v[:-1], v[-1]
    subsets = itertools.product((0, 1), repeat=n)
    reach = [target == z3.Sum([a * k for a, k in zip(numbers, s, strict=True)]) for s in subsets]
    return z3.And(*(z3.And(a >= 2 ** (n - 1), a < 2**n) for a in numbers), z3.Or(reach))


SPECIFICATION = gaps.Specification(
    instances=small_specs,
    variables=_instance_variables,
    valid=_has_subset_sum,
    decode=lambda spec, values: (tuple(values[:-1]), values[-1]),
    domain=_instances_near,
)


def _subset_variables(spec: Spec) -> list[Any]:
    """The numbers and the target, the subset's length, then n + 1 index slots."""
    import z3

    n = spec[0]
    return [
        *_instance_variables(spec),
        z3.Int("picked"),
        *(z3.Int(f"index{p}") for p in range(n + 1)),
    ]


def _subsets_near(spec: Spec, v: Sequence[Any]) -> Any:
    """The instances near n-bit numbers, and indices from -1 (Python's last) to n in the
    used slots, zero past them."""
    import z3

    n = spec[0]
    count, slots = v[n + 1], v[n + 2 :]
    used = [z3.If(p < count, z3.And(i >= -1, i <= n), i == 0) for p, i in enumerate(slots)]
    return z3.And(_instances_near(spec, v[: n + 1]), count >= 0, count <= n + 1, *used)


def _is_subset_summing(spec: Spec, v: Sequence[Any]) -> Any:
    """Every number has exactly n bits, and increasing indices in range pick numbers
    summing to the target."""
    import z3

    n = spec[0]
    numbers, target, count, slots = v[:n], v[n], v[n + 1], v[n + 2 :]
    used = [p < count for p in range(len(slots))]
    order = [
        z3.Implies(on, z3.And(i >= 0 if p == 0 else i > slots[p - 1], i < n))
        for p, (on, i) in enumerate(zip(used, slots, strict=True))
    ]
    picked = [
        z3.If(z3.And(on, i == k), a, 0)
        for on, i in zip(used, slots, strict=True)
        for k, a in enumerate(numbers)
    ]
    sized = [z3.And(a >= 2 ** (n - 1), a < 2**n) for a in numbers]
    return z3.And(*sized, *order, z3.Sum(picked) == target)


def _decode_subset(spec: Spec, values: Sequence[Any]) -> gaps.Certified:
    n = spec[0]
    subset = tuple(values[n + 2 : n + 2 + values[n + 1]])
    return gaps.Certified((tuple(values[:n]), values[n]), subset)


#: The certified check's relation: the instance with the indices of a subset reaching it.
CHECK_SPECIFICATION = gaps.Specification(
    # At most two numbers: three already give 512 valid candidates (every 3-bit
    # triple with every subset), each with its neighbours.
    instances=lambda bound: small_specs(min(bound, 3)),
    variables=_subset_variables,
    valid=_is_subset_summing,
    decode=_decode_subset,
    domain=_subsets_near,
    verifier="check",
    # One number: every candidate; more: those within one change of a valid one.
    near=lambda spec: None if spec[0] == 1 else 1,
)


FAMILY = gaps.Family(
    name="subset_sum",
    domain="numbers",
    summary="Plant a subset sum of n n-bit numbers vs find one (meet in the middle) or check.",
    sample=sample,
    generate={"plant": plant},
    verify={"decide": gaps.blind(decide), "check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify={"decide": "2**(n/2)", "check": "n"},
        sign={"decide": "negative", "check": "neutral"},
        reference="Horowitz and Sahni 1974",
    ),
    references=(
        "Horowitz and Sahni 1974",
        "Schroeppel and Shamir 1981",
        "Howgrave-Graham and Joux 2010",
        "Garey and Johnson 1979",
    ),
    tags=("subset-sum", "np-complete", "planted", "textbook"),
    units=("steps", "time"),
    sizes=(12, 16, 20, 24, 28, 32),
    spec=(SPECIFICATION, CHECK_SPECIFICATION),
)

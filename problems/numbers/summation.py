"""Summation: add n integers vs recompute the sum and compare.

Problem: a list of n random integers in [-2**62, 2**62). The output is their sum
(a Python int: no overflow, and every partial sum fits in two machine words, so each
addition is O(1)).

Gap: generation adds the numbers with CPython's built-in ``sum`` in blocks of 1024,
ticking one step per number where each block is added: Θ(n). The only verifier,
``recompute`` (compare), adds them again and compares: Θ(n) as well, so the gap is
neutral (a constant near 0 bits). This is the control family of the catalog: no
certificate makes checking a sum cheaper than reading every number (a verifier that
skips a number can be fooled by changing it), so a positive gap here would point at
a measurement bug.

Costs: steps and time.

References: Knuth, TAOCP vol. 2 (1997), §4.3.1 (addition).

>>> import random, gaps
>>> fam = gaps.get("summation")
>>> xs = fam.sample(10, random.Random(1))
>>> total = fam.generate["sum"](xs, gaps.Meter())
>>> total == sum(xs), fam.verify["recompute"].fn(xs, total + 1, gaps.Meter())
(True, False)
"""

from __future__ import annotations

import random

import gaps

#: Numbers added per block between two ticks.
BLOCK = 1024
BOUND = 2**62


def sample(size: int, rng: random.Random) -> list[int]:
    return [rng.randrange(-BOUND, BOUND) for _ in range(size)]


def add(xs: list[int], meter: gaps.Meter) -> int:
    total = 0
    for start in range(0, len(xs), BLOCK):
        block = xs[start : start + BLOCK]
        meter.tick(len(block))
        total += sum(block)
    return total


def recompute(xs: list[int], total: object, meter: gaps.Meter) -> bool:
    if type(total) is not int:
        return False
    return add(xs, meter) == total


def corrupt(xs: list[int], total: int, rng: random.Random) -> int:
    return total + rng.choice((-1, 1)) * rng.randint(1, 1000)


FAMILY = gaps.Family(
    name="summation",
    domain="numbers",
    summary="Sum n integers vs recompute the sum and compare (the neutral control).",
    sample=sample,
    generate={"sum": add},
    verify={"recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(generate="n", verify="n", sign="neutral", reference="Knuth 1997, §4.3.1"),
    references=("Knuth, TAOCP vol. 2 (1997), §4.3.1",),
    tags=("arithmetic", "control", "textbook"),
    units=("steps", "time"),
    sizes=(1000, 4000, 16000, 64000, 256000),
)

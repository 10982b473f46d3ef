"""0/1 knapsack: the dynamic program vs checking that a packed set is optimal.

Problem: n items with integer weights w_i in [1, 100] and values v_i in [1, 1000]
(the "uncorrelated" class) and a capacity C = ⌊Σ w_i / 2⌋. The output is
``(items, value)``, the packed indices and the claimed optimum. Weights are bounded
on purpose: C ≈ 25 n grows like n, so every cost below is a function of n alone.

Gap: generation is the textbook dynamic program over capacities (Bellman 1957;
Kellerer, Pferschy & Pisinger 2004, ch. 2): best[i][c] = max(best[i-1][c],
best[i-1][c - w_i] + v_i) over the n·(C + 1) cells, then a walk back for the set:
Θ(n·C) = Θ(n²) here, pseudo-polynomial as an NP-hard problem's must be (Karp 1972);
faster bounded-weight algorithms (Polak, Rohwedder & Węgrzycki 2021) keep it neutral.

Checking a set's weight and value is Θ(n) but proves only a lower bound (the optimal
set minus one item passes): no verifier. Optimality of a feasible set is coNP-complete
(add an item of weight C and value V − 1: its singleton is optimal exactly when no set
reaches V), so no short certificate exists unless NP = coNP, and an O((n + C)^(2−ε))
check would give a truly subquadratic (min, +)-convolution (Cygan et al. 2019).
Dantzig's (1957) fractional bound proves optimality only when a set reaches it.

- ``optimality`` (compare) reruns the dynamic program keeping one row (Θ(C) memory)
  for the optimum, then checks the set against it (Θ(n)): Θ(n·C), neutral.
- ``table`` (certified) checks the generator's table (row 0 zero, every cell obeying the
  recurrence) and the set against its last cell: Θ(n·C), neutral (the table is the work).

Costs: steps (one per table cell or item, on both sides) and time.

References: Bellman 1957; Dantzig 1957; Karp 1972; Kellerer, Pferschy & Pisinger 2004;
Cygan, Mucha, Węgrzycki & Włodarczyk 2019; Polak, Rohwedder & Węgrzycki 2021.

>>> import random, gaps
>>> fam = gaps.get("knapsack")
>>> instance = fam.sample(12, random.Random(1))
>>> (items, value), table = fam.generate["dynamic_programming"](instance, gaps.Meter())
>>> fam.verify["optimality"].fn(instance, (items, value), gaps.Meter())
True
>>> fewer = items[1:]  # feasible, but worth less than the optimum
>>> worth = sum(instance.values[i] for i in fewer)
>>> fam.verify["optimality"].fn(instance, (fewer, worth), gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from typing import Any, NamedTuple

import gaps

#: The largest weight and the largest value of a sampled item.
MAX_WEIGHT = 100
MAX_VALUE = 1000


class Knapsack(NamedTuple):
    """An instance: item weights and values (equal-length tuples) and the capacity."""

    weights: tuple[int, ...]
    values: tuple[int, ...]
    capacity: int


def _is_count(x: object) -> bool:
    return type(x) is int and x >= 0


def _checked(instance: object, role: str) -> Knapsack:
    """The instance as a Knapsack, or InvalidArgument naming the family and the role."""
    ok = (
        isinstance(instance, tuple)
        and len(instance) == 3
        and isinstance(instance[0], tuple)
        and isinstance(instance[1], tuple)
        and len(instance[0]) == len(instance[1])
        and _is_count(instance[2])
        and all(_is_count(x) for x in instance[0] + instance[1])
    )
    if not ok:
        raise gaps.wrong_instance(
            "knapsack",
            role,
            instance,
            "a (weights, values, capacity) triple: two tuples of non-negative ints of equal "
            "length and a non-negative int",
        )
    return Knapsack(*instance)  # type: ignore[misc]


def sample(size: int, rng: random.Random) -> Knapsack:
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise gaps.InvalidArgument(
            f"The 'size' parameter of knapsack's sampler (the number of items) must be an "
            f"int >= 1. Got {size!r} ({type(size).__name__})."
        )
    weights = tuple(rng.randint(1, MAX_WEIGHT) for _ in range(size))
    values = tuple(rng.randint(1, MAX_VALUE) for _ in range(size))
    return Knapsack(weights, values, sum(weights) // 2)


def _next_row(row: list[int], w: int, v: int, meter: gaps.Meter) -> list[int]:
    """best[i][·] from best[i-1][·]: one tick per cell, C + 1 cells."""
    meter.tick(len(row))
    return row[:w] + [max(row[c], row[c - w] + v) for c in range(w, len(row))]


def dynamic_programming(instance: Knapsack, meter: gaps.Meter) -> gaps.Certified:
    """The optimal set and its value by the O(n·C) table; the table is the certificate."""
    weights, values, capacity = _checked(instance, "generator 'dynamic_programming'")
    table = [[0] * (capacity + 1)]
    for w, v in zip(weights, values, strict=True):
        table.append(_next_row(table[-1], w, v, meter))
    items, c = [], capacity
    for i in range(len(weights), 0, -1):  # walk back: item i-1 is packed iff it helped
        meter.tick()
        if table[i][c] != table[i - 1][c]:
            items.append(i - 1)
            c -= weights[i - 1]
    return gaps.Certified((tuple(reversed(items)), table[-1][capacity]), table)


def _packed_value(instance: Knapsack, output: Any, meter: gaps.Meter) -> int | None:
    """The claimed value if ``output`` is a feasible set worth exactly that, else None.

    Θ(len(items)) steps. This is all a witness check can establish: a lower bound.
    """
    if not isinstance(output, tuple) or len(output) != 2:
        return None
    items, value = output
    if not isinstance(items, tuple) or type(value) is not int:
        return None
    n, weight, worth, last = len(instance.weights), 0, 0, -1
    for i in items:
        meter.tick()
        if type(i) is not int or not last < i < n:  # sorted, distinct, in range
            return None
        weight, worth, last = weight + instance.weights[i], worth + instance.values[i], i
    return value if weight <= instance.capacity and worth == value else None


def optimality(instance: object, output: object, meter: gaps.Meter) -> bool:
    """Compare: rerun the dynamic program for the optimum and check the set reaches it."""
    knapsack = _checked(instance, "verifier 'optimality'")
    value = _packed_value(knapsack, output, meter)
    if value is None:
        return False
    row = [0] * (knapsack.capacity + 1)
    for w, v in zip(knapsack.weights, knapsack.values, strict=True):
        row = _next_row(row, w, v, meter)
    return value == row[-1]


def table(instance: object, output: object, certificate: object, meter: gaps.Meter) -> bool:
    """Certified: check every cell of the claimed table, then the set against its optimum."""
    knapsack = _checked(instance, "verifier 'table'")
    value = _packed_value(knapsack, output, meter)
    width = knapsack.capacity + 1
    if value is None or not isinstance(certificate, list | tuple):
        return False
    if len(certificate) != len(knapsack.weights) + 1:
        return False
    rows = list(certificate)
    if not all(isinstance(r, list | tuple) and len(r) == width for r in rows):
        return False
    meter.tick(width)
    if any(x != 0 or type(x) is not int for x in rows[0]):
        return False
    for prev, row, w, v in zip(rows[:-1], rows[1:], knapsack.weights, knapsack.values, strict=True):
        meter.tick(width)
        for c in range(width):
            best = prev[c] if c < w else max(prev[c], prev[c - w] + v)
            if type(row[c]) is not int or row[c] != best:
                return False
    return value == rows[-1][-1]


def corrupt(instance: object, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """A realistic wrong answer, its value recomputed honestly unless the value is the lie.

    Drop a packed item (feasible, suboptimal), swap a packed item for an unpacked one
    (overweight or suboptimal; a swap that ties the optimum is not wrong and is skipped),
    add an unpacked item (overweight, since the set was optimal), or misstate the value.
    """
    knapsack = _checked(instance, "corruptor")
    (items, optimum), certificate = result
    unpacked = sorted(set(range(len(knapsack.weights))) - set(items))
    candidates: list[tuple[int, ...]] = []
    if items:
        dropped = rng.choice(items)
        candidates.append(tuple(i for i in items if i != dropped))
    if items and unpacked:
        out, into = rng.choice(items), rng.choice(unpacked)
        candidates.append(tuple(sorted({*items, into} - {out})))
    if unpacked:
        candidates.append(tuple(sorted({*items, rng.choice(unpacked)})))
    rng.shuffle(candidates)
    for bad in candidates:
        weight = sum(knapsack.weights[i] for i in bad)
        worth = sum(knapsack.values[i] for i in bad)
        if weight > knapsack.capacity or worth != optimum:
            return gaps.Certified((bad, worth), certificate)
    return gaps.Certified((items, optimum + rng.choice((-1, 1))), certificate)


def small_knapsacks(bound: int) -> list[Knapsack]:
    """Every instance of fewer than ``bound`` items of weight and value 1 or 2: with the
    sampler's capacity (half the total weight, rounded down), and for one item every
    capacity up to its weight (so that packing it can be optimal)."""
    instances = []
    for n in range(bound):
        for weights in itertools.product((1, 2), repeat=n):
            total = sum(weights)
            capacities = range(total + 1) if n == 1 else (total // 2,)
            for values in itertools.product((1, 2), repeat=n):
                instances += [Knapsack(weights, values, c) for c in capacities]
    return instances


def _table_variables(instance: Knapsack) -> list[Any]:
    """The claimed value, the set's length, n + 1 item slots, then the table row by row."""
    import z3

    n, width = len(instance.weights), instance.capacity + 1
    return [
        z3.Int("value"),
        z3.Int("packed"),
        *(z3.Int(f"item{p}") for p in range(n + 1)),
        *(z3.Int(f"cell{i}_{c}") for i in range(n + 1) for c in range(width)),
    ]


def _parts(instance: Knapsack, v: Sequence[Any]) -> tuple[Any, Any, Sequence[Any], list[Any]]:
    n, width = len(instance.weights), instance.capacity + 1
    cells = v[n + 3 :]
    return v[0], v[1], v[2 : n + 3], [cells[i * width : (i + 1) * width] for i in range(n + 1)]


def _tables_near(instance: Knapsack, v: Sequence[Any]) -> Any:
    """Items from -1 (Python's last) to n in the used slots, zero past them; values and
    cells from -1 to one past the total value."""
    import z3

    n, top = len(instance.weights), sum(instance.values) + 1
    value, packed, items, rows = _parts(instance, v)
    slots = [z3.If(p < packed, z3.And(i >= -1, i <= n), i == 0) for p, i in enumerate(items)]
    cells = [z3.And(x >= -1, x <= top) for row in rows for x in row]
    return z3.And(packed >= 0, packed <= n + 1, value >= -1, value <= top, *slots, *cells)


def _is_optimal_with_table(instance: Knapsack, v: Sequence[Any]) -> Any:
    """The table is the recurrence's (row 0 zero, each cell the better of leaving or
    packing item i), and the set (increasing indices) fits and is worth the claimed
    value, the table's last cell."""
    import z3

    weights, values, capacity = instance
    value, packed, items, rows = _parts(instance, v)
    recurrence = [x == 0 for x in rows[0]]
    for i, (w, gain) in enumerate(zip(weights, values, strict=True)):
        prev, row = rows[i], rows[i + 1]
        for c, x in enumerate(row):
            best = (
                prev[c]
                if c < w
                else z3.If(prev[c] >= prev[c - w] + gain, prev[c], prev[c - w] + gain)
            )
            recurrence.append(x == best)
    used = [p < packed for p in range(len(items))]
    order = [
        z3.Implies(on, z3.And(i >= 0 if p == 0 else i > items[p - 1], i < len(weights)))
        for p, (on, i) in enumerate(zip(used, items, strict=True))
    ]

    def total(of: Sequence[int]) -> Any:
        """The sum of ``of`` over the used slots."""
        terms = [
            z3.If(z3.And(on, i == k), x, 0)
            for on, i in zip(used, items, strict=True)
            for k, x in enumerate(of)
        ]
        return z3.Sum(terms) if terms else z3.IntVal(0)

    return z3.And(
        *recurrence,
        *order,
        total(weights) <= capacity,
        total(values) == value,
        value == rows[-1][-1],
    )


def _decode_table(instance: Knapsack, values: Sequence[Any]) -> gaps.Certified:
    value, packed, items, rows = _parts(instance, values)
    return gaps.Certified((tuple(items[:packed]), value), [list(row) for row in rows])


SPECIFICATION = gaps.Specification(
    instances=small_knapsacks,
    variables=_table_variables,
    valid=_is_optimal_with_table,
    decode=_decode_table,
    domain=_tables_near,
    verifier="table",
    # No items: every candidate; one item: within two changes of a valid answer (a set
    # dropped with its value); more: within one.
    near=lambda instance: {0: None, 1: 2}.get(len(instance.weights), 1),
)


FAMILY = gaps.Family(
    name="knapsack",
    domain="numbers",
    summary="0/1 knapsack by the O(n·C) table vs checking optimality (rerun or check the table).",
    sample=sample,
    generate={"dynamic_programming": dynamic_programming},
    verify={"optimality": gaps.compare(optimality), "table": gaps.certified(table)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**2",
        verify={"optimality": "n**2", "table": "n**2"},
        sign={"optimality": "neutral", "table": "neutral"},
        reference="Kellerer, Pferschy and Pisinger 2004, ch. 2; Garey and Johnson 1979",
    ),
    references=(
        "Bellman 1957",
        "Dantzig 1957",
        "Karp 1972",
        "Garey and Johnson 1979",
        "Kellerer, Pferschy and Pisinger 2004",
        "Cygan, Mucha, Wegrzycki and Wlodarczyk 2019",
        "Polak, Rohwedder and Wegrzycki 2021",
    ),
    tags=("knapsack", "np-hard", "pseudo-polynomial", "dynamic-programming", "optimality"),
    units=("steps", "time"),
    sizes=(12, 24, 48, 96, 192),
    spec=SPECIFICATION,
)

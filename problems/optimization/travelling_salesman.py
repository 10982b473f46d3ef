"""Travelling salesman: an optimal tour by Held–Karp vs checking it.

Problem: n random cities in the unit square, Euclidean distances. The output is
``(tour, length)``: a permutation of the n cities (a closed tour) and its claimed
length, which the generator claims to be the optimum.

Gap: ``held_karp`` is the Bellman–Held–Karp dynamic programme over (subset, last
city), O(2ⁿ n²) time: still the best worst-case bound known for exact TSP (Bellman
1962; Held & Karp 1962). It is a readable Python version that ticks one step per
transition tried; practical exact solvers (Concorde: branch and cut) are far faster
on Euclidean instances but are not available here.

- ``tour`` (witness) checks that the tour is a permutation of the cities and that the
  claimed length is its length (to 1e-9 relative): O(n). It does **not** check
  optimality: its gap is that of checking a *claimed tour*, not an *optimal* one (the
  corruptor's wrong lengths are caught; a suboptimal tour with its true length is not).
- ``optimality`` (compare) also recomputes the optimum by Held–Karp and requires the
  tour's length to equal it: the only sound optimality check here, never positive.
- No cheap optimality certificate is offered. The Held–Karp 1-tree bound (Held &
  Karp 1970) is checkable in O(n²) given the node multipliers, but it is not tight on
  many random instances (the subtour LP's integrality gap), so a verifier relying on
  it would reject honest optimal tours; an exact certificate (a branch-and-cut tree,
  Applegate et al. 2006) is as large as the search. TSP optimality is coNP-hard to
  certify (Papadimitriou & Steiglitz 1977): short certificates are not expected.

Costs: steps (ticked in both sides' Python code) and time. Expected: generation
2ⁿ n², ``tour`` n (positive, for the weaker property), ``optimality`` 2ⁿ n² (neutral).

References: Bellman 1962; Held & Karp 1962, 1970; Papadimitriou & Steiglitz 1977;
Applegate, Bixby, Chvátal & Cook 2006.

>>> import random, gaps
>>> fam = gaps.get("travelling_salesman")
>>> cities = fam.sample(7, random.Random(1))
>>> tour, length = fam.generate["held_karp"](cities, gaps.Meter())
>>> fam.verify["optimality"].fn(cities, (tour, length), gaps.Meter())
True
>>> fam.verify["tour"].fn(cities, (tour, length * 0.99), gaps.Meter())
False
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from gaps.problems._candidates import (
    decode_int_list,
    entries,
    int_list_domain,
    int_list_variables,
    lengths_near,
)

import gaps

#: Relative tolerance on lengths (sums of n square roots in double precision).
TOL = 1e-9

Cities = tuple[tuple[float, float], ...]


def sample(size: int, rng: random.Random) -> Cities:
    n = max(size, 3)
    return tuple((rng.random(), rng.random()) for _ in range(n))


def _distances(cities: Cities, meter: gaps.Meter) -> list[list[float]]:
    meter.tick(len(cities) ** 2)
    return [[math.dist(p, q) for q in cities] for p in cities]


def _optimum(cities: Cities, meter: gaps.Meter) -> tuple[list[int], float]:
    """Held–Karp: best[mask][j], the shortest path from city 0 through mask ending at j."""
    n = len(cities)
    d = _distances(cities, meter)
    k = n - 1  # cities 1..n-1 are bits 0..k-1
    full = 1 << k
    inf = math.inf
    best = [[inf] * k for _ in range(full)]
    back = [[-1] * k for _ in range(full)]
    for j in range(k):
        best[1 << j][j] = d[0][j + 1]
    for mask in range(1, full):
        row = best[mask]
        for j in range(k):
            if not mask >> j & 1:
                continue
            prev = mask ^ (1 << j)
            if not prev:
                continue
            prow, dj, choice, value = best[prev], d[j + 1], -1, inf
            meter.tick(k)
            for i in range(k):
                if prev >> i & 1:
                    cand = prow[i] + dj[i + 1]
                    if cand < value:
                        value, choice = cand, i
            row[j], back[mask][j] = value, choice
    last = min(range(k), key=lambda j: best[full - 1][j] + d[j + 1][0])
    length = best[full - 1][last] + d[last + 1][0]
    tour, mask, j = [], full - 1, last
    while j >= 0:
        tour.append(j + 1)
        mask, j = mask ^ (1 << j), back[mask][j]
    tour.append(0)
    return tour[::-1], length


def held_karp(cities: Cities, meter: gaps.Meter) -> tuple[list[int], float]:
    return _optimum(cities, meter)


def _length(cities: Cities, answer: object, meter: gaps.Meter) -> float | None:
    """The tour's length if ``answer`` is (permutation, claimed length matching it)."""
    n = len(cities)
    if not isinstance(answer, tuple) or len(answer) != 2:
        return None
    tour, claimed = answer
    if not isinstance(tour, list) or len(tour) != n or type(claimed) is not float:
        return None
    meter.tick(n)
    if not all(type(v) is int for v in tour) or sorted(tour) != list(range(n)):
        return None
    length = sum(math.dist(cities[tour[i - 1]], cities[tour[i]]) for i in range(n))
    return length if abs(length - claimed) <= TOL * (1.0 + length) else None


def tour(cities: Cities, answer: object, meter: gaps.Meter) -> bool:
    return _length(cities, answer, meter) is not None


def optimality(cities: Cities, answer: object, meter: gaps.Meter) -> bool:
    length = _length(cities, answer, meter)
    if length is None:
        return False
    _, best = _optimum(cities, meter)
    return length <= best + TOL * (1.0 + best)


def corrupt(
    cities: Cities, answer: tuple[list[int], float], rng: random.Random
) -> tuple[list[int], float]:
    """Swap two cities of the tour but keep the old length, or understate the length."""
    order, length = answer
    if rng.random() < 0.5:
        for _ in range(100):
            bad = list(order)
            i, j = rng.sample(range(len(bad)), 2)
            bad[i], bad[j] = bad[j], bad[i]
            new = sum(math.dist(cities[bad[k - 1]], cities[bad[k]]) for k in range(len(bad)))
            if abs(new - length) > 1e-6 * (1.0 + length):
                return bad, length
    return list(order), length * rng.uniform(0.8, 0.99)


def small_cities(bound: int) -> list[Cities]:
    """Two to ``bound`` cities at fixed points (a tour's validity does not depend on them)."""
    points = ((0.0, 0.0), (1.0, 0.0), (0.5, 1.0), (0.0, 1.0), (1.0, 1.0))
    return [points[:n] for n in range(2, min(max(bound, 2), len(points)) + 1)]


def _tour_variables(cities: Cities) -> list[Any]:
    import z3

    return [*int_list_variables("tour", len(cities) + 1), z3.Bool("claim_exact")]


def _is_tour(cities: Cities, v: Sequence[Any]) -> Any:
    """A permutation of the cities, with its length claimed exactly."""
    import z3

    n = len(cities)
    tour = entries(v, n)
    return z3.And(v[0] == n, z3.Distinct(*tour), *(z3.And(x >= 0, x < n) for x in tour), v[-1])


def _answer(cities: Cities, values: Sequence[Any]) -> tuple[list[int], float]:
    """(tour, claimed length): its true length when claim_exact, else one more; a tour
    that is no permutation claims 0.0."""
    tour = decode_int_list(values[:-1])
    n = len(cities)
    closed = all(0 <= x < n for x in tour) and len(tour) == n
    length = (
        sum(math.dist(cities[tour[i - 1]], cities[tour[i]]) for i in range(n)) if closed else 0.0
    )
    return tour, length if values[-1] else length + 1.0


SPECIFICATION = gaps.Specification(
    instances=small_cities,
    variables=_tour_variables,
    valid=_is_tour,
    decode=_answer,
    # Tours one city short to one too long, through a city n that does not exist.
    domain=lambda cities, v: int_list_domain(v[:-1], lengths_near(len(cities)), 0, len(cities)),
)


FAMILY = gaps.Family(
    name="travelling_salesman",
    domain="optimization",
    summary="Optimal Euclidean tour by Held–Karp vs checking the tour or recomputing it.",
    sample=sample,
    generate={"held_karp": held_karp},
    verify={"tour": gaps.witness(tour), "optimality": gaps.compare(optimality)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n*n**2",
        verify={"tour": "n", "optimality": "2**n*n**2"},
        sign={"tour": "positive", "optimality": "neutral"},
        reference="Bellman 1962; Held and Karp 1962",
    ),
    references=(
        "Bellman 1962",
        "Held and Karp 1962",
        "Held and Karp 1970",
        "Papadimitriou and Steiglitz 1977",
        "Applegate, Bixby, Chvatal and Cook 2006",
    ),
    tags=("optimization", "np-hard", "dynamic-programming", "textbook", "compare-only"),
    units=("steps", "time"),
    sizes=(8, 9, 10, 11, 12, 13, 14),
    spec=SPECIFICATION,
)

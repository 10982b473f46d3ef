"""Permanent of a 0/1 matrix: count the perfect matchings of a random bipartite graph.

Problem: a random n×n 0/1 matrix A (each entry 1 with probability 1/2), the
biadjacency matrix of a bipartite graph; the output is per(A), the number of its
perfect matchings.

Gap: computing the permanent of a 0/1 matrix is #P-complete (Valiant 1979), and no
certificate is known that makes checking a count cheaper than counting. Generation
is Ryser's inclusion–exclusion formula in Gray-code order (Ryser 1963; Nijenhuis &
Wilf 1978), the best known exact algorithm in general: per(A) = (−1)^n Σ_S (−1)^|S|
Π_i Σ_{j∈S} a_ij, one column added or removed per subset, Θ(2^n · n) steps (one tick
per row-sum update and per factor of the product). This is a readable Python
version that ticks, not a library call. The ``recompute`` verifier (compare)
produces its own reference by running Ryser's formula afresh on the matrix, then
compares the two counts (one tick): it does exactly the generator's work plus a
comparison, ticked the same way, so the gap is flat near zero bits — neutral, as
any compare verifier's. Both sides run the same algorithm on purpose: a recount
whose cost depends on the matrix's pattern (say, row expansion memoised over the
reachable column sets) would fit a different exponential from Ryser's and read as a
sign that belongs to the pairing of algorithms, not to the problem.

Costs: steps (ticked on both sides) and time.

References: Ryser 1963; Valiant 1979 (#P-completeness of the permanent); Nijenhuis &
Wilf 1978 (Gray-code Ryser).

>>> import random, gaps
>>> fam = gaps.get("permanent")
>>> ryser([[1, 1], [1, 1]], gaps.Meter())
2
>>> matrix = fam.sample(6, random.Random(1))
>>> count = fam.generate["ryser"](matrix, gaps.Meter())
>>> fam.verify["recompute"].fn(matrix, count, gaps.Meter())
True
>>> fam.verify["recompute"].fn(matrix, count + 1, gaps.Meter())
False
"""

from __future__ import annotations

import random

import gaps

Matrix = list[list[int]]


def sample(size: int, rng: random.Random) -> Matrix:
    n = max(size, 1)
    return [[rng.getrandbits(1) for _ in range(n)] for _ in range(n)]


def ryser(matrix: Matrix, meter: gaps.Meter) -> int:
    n = len(matrix)
    sums = [0] * n
    total = 0
    in_set = [False] * n
    for k in range(1, 1 << n):
        j = (k & -k).bit_length() - 1  # the column that flips between Gray codes k-1 and k
        sign = -1 if in_set[j] else 1
        in_set[j] = not in_set[j]
        meter.tick(2 * n)
        product = 1
        for i in range(n):
            sums[i] += sign * matrix[i][j]
            product *= sums[i]
        size = bin(k ^ (k >> 1)).count("1")
        total += -product if size % 2 else product
    return total if n % 2 == 0 else -total


def recompute(matrix: Matrix, count: object, meter: gaps.Meter) -> bool:
    if type(count) is not int:
        return False
    reference = ryser(matrix, meter)
    meter.tick()
    return reference == count


def corrupt(matrix: Matrix, count: int, rng: random.Random) -> int:
    return count + rng.choice((-1, 1)) * rng.randint(1, 3)


FAMILY = gaps.Family(
    name="permanent",
    domain="counting",
    summary="Count perfect matchings (0/1 permanent) by Ryser's formula vs recount.",
    sample=sample,
    generate={"ryser": ryser},
    verify={"recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n*n",
        verify="2**n*n",
        sign="neutral",
        reference="Ryser 1963; Valiant 1979",
    ),
    references=("Ryser 1963", "Valiant 1979", "Nijenhuis and Wilf 1978"),
    tags=("counting", "sharp-p", "matchings", "permanent"),
    units=("steps", "time"),
    sizes=(6, 8, 10, 12, 13, 14),
)

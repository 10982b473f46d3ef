"""n queens: place n non-attacking queens, by search or by formula, vs check a placement.

Problem: the instance ``(n, order)`` asks for n queens on an n × n board, no two in
the same row, column or diagonal; ``order`` is a random permutation of the columns
(the order in which the backtracking generator tries them, so that instances of one
size differ). The output is a list ``q`` of n ints: the queen of row i stands in
column ``q[i]``. Solutions exist for every n ≥ 4 (Pauls 1874); sizes start there.

Gap — the choice of generator decides the sign:

- ``backtracking``: row-by-row depth-first search with O(1) conflict tests, trying
  columns in the instance's order; one step per node visited and per column tried.
  In the natural order the first solution takes time exponential in n. Random orders
  help (placements are plentiful, about (0.143 n)ⁿ, Simkin 2021) but make the cost
  heavy-tailed, so the search restarts with a fresh order drawn from the instance
  after Luby cutoffs of n² steps (Gomes, Selman & Kautz 1998). The theory keeps the
  fixed-order exponential; the sign is positive either way. A textbook search: the
  best way to *find* a placement is the next generator.
- ``construction``: the explicit placement of Hoffman, Loessi & Moore (1969)
  (Bernhardsson 1991): queens at (i, 2i) and (n/2 + i, 2i − 1) for even n by the
  residue of n mod 6, plus a corner queen for odd n. O(n), one step per queen.

The ``check`` verifier (witness) tests the shape and that the n columns, anti-diagonals
r + c and diagonals r − c are distinct, with sets: O(n), one step per queen. So
``backtracking/check`` is positive and ``construction/check`` neutral: no verifier
can be asymptotically cheaper than reading the n queens.

Costs: steps (ticked by both sides' Python code) and time.

References: Pauls 1874; Hoffman, Loessi & Moore 1969; Bernhardsson 1991; Minton et
al. 1992; Luby, Sinclair & Zuckerman 1993; Gomes, Selman & Kautz 1998; Simkin 2021.

>>> import random, gaps
>>> fam = gaps.get("n_queens")
>>> spec = fam.sample(10, random.Random(1))
>>> queens = fam.generate["construction"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, queens, gaps.Meter())
True
>>> fam.verify["check"].fn(spec, list(range(10)), gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from typing import Any

import gaps

Spec = tuple[int, tuple[int, ...]]


def sample(size: int, rng: random.Random) -> Spec:
    n = max(size, 4)
    order = list(range(n))
    rng.shuffle(order)
    return n, tuple(order)


def _luby(i: int) -> int:
    """The i-th term (from 1) of Luby's restart sequence 1, 1, 2, 1, 1, 2, 4, 1, ..."""
    k = i.bit_length()
    while i != (1 << k) - 1:
        i -= (1 << (k - 1)) - 1
        k = i.bit_length()
    return 1 << (k - 1)


def _search(n: int, order: Sequence[int], cutoff: int, meter: gaps.Meter) -> list[int] | None:
    """Depth-first search trying columns in ``order``; None past ``cutoff`` steps."""
    cols, diag, anti = [False] * n, [False] * (2 * n), [False] * (2 * n)
    queens = [-1] * n
    # An explicit stack: next[r] is the index in `order` to try next in row r.
    nxt = [0] * (n + 1)
    row, steps = 0, 0
    while row < n:
        steps += 1
        meter.tick()
        placed = False
        while nxt[row] < n:
            steps += 1
            meter.tick()
            c = order[nxt[row]]
            nxt[row] += 1
            if not (cols[c] or diag[row - c + n] or anti[row + c]):
                cols[c] = diag[row - c + n] = anti[row + c] = True
                queens[row] = c
                placed = True
                break
        if steps > cutoff:
            return None
        if placed:
            row += 1
            nxt[row] = 0
            continue
        row -= 1  # backtrack: undo the previous row's queen
        if row < 0:
            raise gaps.GaveUp(f"no placement of {n} queens")  # impossible for n >= 4
        c = queens[row]
        cols[c] = diag[row - c + n] = anti[row + c] = False
    return queens


def backtracking(spec: Spec, meter: gaps.Meter) -> list[int]:
    n, order = spec
    # Restarts with Luby cutoffs of n² steps, each with a fresh column order drawn from
    # the instance (a string seed: reproducible in every process), cut the heavy tail.
    orders = random.Random(repr(spec))
    columns = list(order)
    restart = 1
    while (queens := _search(n, columns, _luby(restart) * n * n, meter)) is None:
        restart += 1
        orders.shuffle(columns)
    return queens


def construction(spec: Spec, meter: gaps.Meter) -> list[int]:
    n = spec[0]
    m = n - (n % 2)  # place an even board, then a corner queen when n is odd
    half = m // 2
    queens = [0] * n
    if m % 6 != 2:
        for i in range(half):
            meter.tick(2)
            queens[i] = 2 * i + 1
            queens[half + i] = 2 * i
    else:  # m ≡ 2 (mod 6): the shifted formula of Hoffman, Loessi & Moore
        for i in range(half):
            meter.tick(2)
            queens[i] = (2 * i + half - 1) % m
            queens[m - 1 - i] = m - 1 - (2 * i + half - 1) % m
    if n % 2:
        meter.tick()
        queens[n - 1] = n - 1
    return queens


def check(spec: Spec, queens: object, meter: gaps.Meter) -> bool:
    n = spec[0]
    if not isinstance(queens, list) or len(queens) != n:
        return False
    cols, diag, anti = set(), set(), set()
    for r, c in enumerate(queens):
        meter.tick()
        if type(c) is not int or not 0 <= c < n:
            return False
        if c in cols or r - c in diag or r + c in anti:
            return False
        cols.add(c)
        diag.add(r - c)
        anti.add(r + c)
    return True


def corrupt(spec: Spec, queens: list[int], rng: random.Random) -> list[int]:
    """Move one queen into another queen's column (a column attack), or off the board."""
    bad = list(queens)
    i, j = rng.sample(range(len(bad)), 2)
    bad[i] = bad[j] if rng.random() < 0.8 else spec[0]
    return bad


def small_boards(bound: int) -> Iterator[Spec]:
    """Every board size from 1 to ``bound`` (the order the sampler adds is not read).

    >>> list(small_boards(2))
    [(1, (0,)), (2, (0, 1))]
    """
    yield from ((n, tuple(range(n))) for n in range(1, bound + 1))


def _variables(spec: Spec) -> list[Any]:
    """A length in [n - 1, n + 1] and n + 1 columns from -1 to n, the tail pinned to 0."""
    import z3

    return [z3.Int("length"), *(z3.Int(f"column{r}") for r in range(spec[0] + 1))]


def _domain(spec: Spec, v: Sequence[Any]) -> Any:
    import z3

    n, length = spec[0], v[0]
    ranges = [z3.If(length > r, z3.And(c >= -1, c <= n), c == 0) for r, c in enumerate(v[1:])]
    return z3.And(length >= max(n - 1, 0), length <= n + 1, *ranges)


def _no_attack(spec: Spec, v: Sequence[Any]) -> Any:
    """n queens, one a row, on the board, no two sharing a column or a diagonal."""
    import z3

    n, queens = spec[0], list(enumerate(v[1 : spec[0] + 1]))
    on_board = [z3.And(c >= 0, c < n) for _, c in queens]
    apart = [
        z3.And(c != d, r - c != s - d, r + c != s + d)
        for (r, c), (s, d) in itertools.combinations(queens, 2)
    ]
    return z3.And(v[0] == n, *on_board, *apart)


SPECIFICATION = gaps.Specification(
    instances=small_boards,
    variables=_variables,
    valid=_no_attack,
    decode=lambda spec, values: list(values[1 : 1 + values[0]]),
    domain=_domain,
)


FAMILY = gaps.Family(
    name="n_queens",
    domain="puzzles",
    summary="Place n queens by backtracking or by formula vs check no two attack.",
    sample=sample,
    generate={"backtracking": backtracking, "construction": construction},
    not_best_known={"backtracking": "textbook search; the explicit construction is O(n)"},
    verify={"check": gaps.witness(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate={"backtracking": "2**(n/4)", "construction": "n"},
        verify="n",
        sign={"backtracking/check": "positive", "construction/check": "neutral"},
        reference="Hoffman, Loessi and Moore 1969; Bell and Stevens 2009",
    ),
    references=(
        "Pauls 1874",
        "Hoffman, Loessi and Moore 1969",
        "Bernhardsson 1991",
        "Minton, Johnston, Philips and Laird 1992",
        "Luby, Sinclair and Zuckerman 1993",
        "Gomes, Selman and Kautz 1998",
        "Bell and Stevens 2009",
        "Simkin 2021",
    ),
    tags=("puzzles", "construction", "backtracking", "textbook"),
    units=("steps", "time"),
    spec=SPECIFICATION,
    sizes=(8, 12, 16, 20, 24, 32, 40, 48, 56, 64, 80, 96),
)

"""Generalised sudoku: complete a puzzle with CaDiCaL vs check the filled grid.

Problem: an N × N grid split into r × c boxes (N = r·c, r the largest divisor of N
with r ≤ √N: 3 × 3 boxes for N = 9, 2 × 3 for N = 6, 4 × 5 for N = 20). The instance
``(N, r, c, givens)`` is a puzzle: ``givens`` is a tuple of N·N ints, 0 for an empty
cell, else a value in 1..N. The output is a filled grid (a list of N lists of N ints)
whose rows, columns and boxes each hold 1..N once and which keeps every given.

Sampling plants a solution: the base pattern v(i, j) = (c·(i mod r) + ⌊i/r⌋ + j)
mod N + 1 is a valid grid; the sampler relabels the values, permutes rows within
bands, bands, columns within stacks and stacks (all validity-preserving), then empties
each cell with probability 0.6. The planted grid is one solution; others may exist,
and the verifier accepts any. The planting does leak structure (the grid is a
symmetry image of one pattern), but the generator does not use it: it solves the
puzzle as given.

Gap: ``generate`` encodes the puzzle for CaDiCaL and solves it. The encoding
(Lynce & Ouaknine 2006, "reduced" form) has a variable per (empty cell, value not
excluded by a given in its row, column or box), "at least one value" per empty cell,
and exactly-one (pairwise at-most-one) per cell and per (unit, missing value):
O(N⁴) clauses in the worst case, fewer with givens. Completing a sudoku is
NP-complete for general N (Yato & Seta 2003), so no polynomial bound is known; on
these random puzzles CaDiCaL mostly propagates, and the measured cost is dominated by
building the encoding. The ``check`` verifier (witness) reads the grid once per row,
column and box with sets: Θ(N²). Positive gap.

Costs: time only (CaDiCaL is native; its counters are reported for information).

References: Yato & Seta 2003; Lynce & Ouaknine 2006; Kwon & Jain 2006.

>>> import random, gaps
>>> fam = gaps.get("sudoku")
>>> puzzle = fam.sample(9, random.Random(1))
>>> grid = fam.generate["generate"](puzzle, gaps.Meter())
>>> fam.verify["check"].fn(puzzle, grid, gaps.Meter())
True
>>> grid[0][0], grid[0][1] = grid[0][1], grid[0][0]
>>> fam.verify["check"].fn(puzzle, grid, gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from typing import Any

from gaps.problems._sat import solve_cnf

import gaps

#: Probability that the sampler empties a cell.
HOLES = 0.6

Puzzle = tuple[int, int, int, tuple[int, ...]]


def _boxes(size: int) -> tuple[int, int]:
    r = max(d for d in range(1, math.isqrt(size) + 1) if size % d == 0)
    return r, size // r


def _permuted(blocks: int, width: int, rng: random.Random) -> list[int]:
    """A permutation of blocks·width lines: blocks shuffled, lines shuffled within each."""
    order = list(range(blocks))
    rng.shuffle(order)
    lines: list[int] = []
    for b in order:
        inner = list(range(width))
        rng.shuffle(inner)
        lines.extend(b * width + i for i in inner)
    return lines


def sample(size: int, rng: random.Random) -> Puzzle:
    n = max(size, 4)
    r, c = _boxes(n)
    labels = list(range(1, n + 1))
    rng.shuffle(labels)
    rows = _permuted(c, r, rng)  # c bands of r rows
    cols = _permuted(r, c, rng)  # r stacks of c columns
    cells = []
    for i in rows:
        for j in cols:
            value = labels[(c * (i % r) + i // r + j) % n]
            cells.append(0 if rng.random() < HOLES else value)
    return n, r, c, tuple(cells)


def _units(n: int, r: int, c: int) -> list[list[int]]:
    rows = [[i * n + j for j in range(n)] for i in range(n)]
    cols = [[i * n + j for i in range(n)] for j in range(n)]
    boxes = [
        [(bi + i) * n + bj + j for i in range(r) for j in range(c)]
        for bi in range(0, n, r)
        for bj in range(0, n, c)
    ]
    return rows + cols + boxes


def _puzzle(puzzle: Any, role: str) -> Puzzle:
    """The instance, checked to be ``(n, r, c, givens)``."""
    if not (
        isinstance(puzzle, (tuple, list))
        and len(puzzle) == 4
        and all(type(x) is int and x >= 1 for x in puzzle[:3])
        and puzzle[0] == puzzle[1] * puzzle[2]
        and isinstance(puzzle[3], (tuple, list))
        and len(puzzle[3]) == puzzle[0] ** 2
        and all(type(g) is int and 0 <= g <= puzzle[0] for g in puzzle[3])
    ):
        raise gaps.wrong_instance(
            "sudoku",
            role,
            puzzle,
            "a tuple (n, r, c, givens): ints with n = r·c (boxes of r rows and c columns) and "
            "the n·n cells row by row, each 0 (empty) or a value in 1..n",
        )
    n, r, c, givens = puzzle
    return n, r, c, tuple(givens)


def generate(puzzle: Puzzle, meter: gaps.Meter) -> list[list[int]]:
    n, r, c, givens = _puzzle(puzzle, "generator 'generate'")
    units = _units(n, r, c)
    seen: list[set[int]] = [set() for _ in givens]  # values excluded at each cell
    for unit in units:
        placed = {givens[k] for k in unit if givens[k]}
        for k in unit:
            seen[k] |= placed
    var: dict[tuple[int, int], int] = {}
    clauses: list[list[int]] = []
    for k, g in enumerate(givens):
        if not g:
            options = [v for v in range(1, n + 1) if v not in seen[k]]
            ids = [var.setdefault((k, v), len(var) + 1) for v in options]
            clauses.append(ids)
            clauses.extend([-a, -b] for a, b in itertools.combinations(ids, 2))
    for unit in units:
        for v in range(1, n + 1):
            ids = [var[k, v] for k in unit if (k, v) in var]
            if ids and not any(givens[k] == v for k in unit):
                clauses.append(ids)
                clauses.extend([-a, -b] for a, b in itertools.combinations(ids, 2))
    model = solve_cnf(clauses, meter)
    if model is None:
        raise gaps.GaveUp("the puzzle has no solution")  # impossible: one is planted
    true = {lit for lit in model if lit > 0}
    cells = list(givens)
    for (k, v), x in var.items():
        if x in true:
            cells[k] = v
    return [cells[i * n : (i + 1) * n] for i in range(n)]


def check(puzzle: Puzzle, grid: object, meter: gaps.Meter) -> bool:
    n, r, c, givens = _puzzle(puzzle, "verifier 'check'")
    if not isinstance(grid, list) or len(grid) != n:
        return False
    if not all(isinstance(row, list) and len(row) == n for row in grid):
        return False
    cells = [x for row in grid for x in row]
    meter.tick(n * n)
    if not all(type(x) is int for x in cells):
        return False
    if any(g and g != x for g, x in zip(givens, cells, strict=True)):
        return False
    full = set(range(1, n + 1))
    for unit in _units(n, r, c):
        meter.tick(n)
        if {cells[k] for k in unit} != full:
            return False
    return True


def corrupt(puzzle: Puzzle, grid: list[list[int]], rng: random.Random) -> list[list[int]]:
    """Change one cell's value (its row then repeats a value), or overwrite a given."""
    n = puzzle[0]
    bad = [list(row) for row in grid]
    i, j = rng.randrange(n), rng.randrange(n)
    bad[i][j] = rng.choice([v for v in range(1, n + 1) if v != grid[i][j]])
    return bad


def small_puzzles(bound: int) -> list[Puzzle]:
    """The 1 × 1 puzzles; from ``bound`` 2 a 2 × 2 one (1 × 2 boxes) empty and with a
    given; from ``bound`` 3 the empty 4 × 4 puzzle (2 × 2 boxes) and one with a given row."""
    puzzles: list[Puzzle] = [(1, 1, 1, (0,)), (1, 1, 1, (1,))]
    if bound >= 2:
        puzzles += [(2, 1, 2, (0,) * 4), (2, 1, 2, (1, 0, 0, 0))]
    if bound >= 3:
        puzzles += [(4, 2, 2, (0,) * 16), (4, 2, 2, (2, 4, 1, 3) + (0,) * 12)]
    return puzzles


def _cell_variables(puzzle: Puzzle) -> list[Any]:
    import z3

    n = puzzle[0]
    return [z3.Int(f"cell{i}_{j}") for i in range(n) for j in range(n)]


def _lines(n: int) -> list[list[int]]:
    return [[i * n + j for j in range(n)] for i in range(n)] + [
        [i * n + j for i in range(n)] for j in range(n)
    ]


def _grids_near(puzzle: Puzzle, v: Sequence[Any]) -> Any:
    """Up to 2 × 2, any values from 0 to n + 1; 4 × 4, the Latin squares (each row and
    column holds 1..n once), which a check of rows and columns alone accepts."""
    import z3

    n = puzzle[0]
    if n <= 2:
        return z3.And([z3.And(x >= 0, x <= n + 1) for x in v])
    ranged = [z3.And(x >= 1, x <= n) for x in v]
    return z3.And(*ranged, *(z3.Distinct(*(v[k] for k in line)) for line in _lines(n)))


def _is_completion(puzzle: Puzzle, v: Sequence[Any]) -> Any:
    """Every row, column and r × c box holds 1..n once, and every given is kept."""
    import z3

    n, r, c, givens = puzzle
    boxes = [
        [(i0 + i) * n + j0 + j for i in range(r) for j in range(c)]
        for i0 in range(0, n, r)
        for j0 in range(0, n, c)
    ]
    ranged = [z3.And(x >= 1, x <= n) for x in v]
    distinct = [z3.Distinct(*(v[k] for k in unit)) for unit in _lines(n) + boxes]
    kept = [x == g for x, g in zip(v, givens, strict=True) if g]
    return z3.And(*ranged, *distinct, *kept)


SPECIFICATION = gaps.Specification(
    instances=small_puzzles,
    variables=_cell_variables,
    valid=_is_completion,
    decode=lambda puzzle, values: [
        list(values[i * puzzle[0] : (i + 1) * puzzle[0]]) for i in range(puzzle[0])
    ],
    domain=_grids_near,
)


FAMILY = gaps.Family(
    name="sudoku",
    domain="puzzles",
    summary="Complete an N×N sudoku with CaDiCaL vs check rows, columns, boxes and givens.",
    sample=sample,
    generate={"generate": generate},
    verify={"check": gaps.witness(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**4",
        verify="n**2",
        sign="positive",
        reference="Yato and Seta 2003; Lynce and Ouaknine 2006",
    ),
    references=("Yato and Seta 2003", "Lynce and Ouaknine 2006", "Kwon and Jain 2006"),
    tags=("puzzles", "sat", "solver", "planted"),
    units=("time",),
    sizes=(6, 9, 12, 15, 20, 25, 30),
    spec=SPECIFICATION,
)

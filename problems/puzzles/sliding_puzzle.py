"""Sliding puzzle: an optimal 15-puzzle solution by IDA* vs replaying the moves.

Problem: the 4 × 4 sliding puzzle (fifteen tiles and a blank). The instance is a
board (a tuple of 16 ints, 0 the blank) reached from the goal (1, 2, ..., 15, 0) by n
random blank moves that never undo the previous one, so it is solvable and its
optimal solution has at most n moves. The output is a list of blank moves, each one
of ``"U"``, ``"D"``, ``"L"``, ``"R"``, leading to the goal; the generator claims it is
as short as possible.

Gap: ``ida_star`` is iterative-deepening A* with the Manhattan-distance heuristic
(Korf 1985), updated incrementally per move; one step per node expanded. Its cost is
about b^d nodes for an optimal depth d, b ≈ 1.3–1.5 here (Korf, Reid & Edelkamp
2001); optimal solving of the (N² − 1)-puzzle is NP-hard (Ratner & Warmuth 1990).
This is a readable Python version, labelled as such; stronger heuristics (pattern
databases, Korf & Felner 2002) lower b, not the exponential.

- ``replay`` (witness) replays the moves from the board, rejecting an unknown move
  or one that leaves the board, and checks that the goal is reached: O(moves) ≤ O(n).
  It does **not** check optimality: any solution passes, however long.
- ``optimal`` (compare) replays, then re-solves by IDA* and requires the same length:
  the only sound optimality check here; neutral gap. No cheap certificate of
  optimality exists (the problem is NP-hard, so a short one would put a coNP-hard
  question in NP).

Costs: steps (ticked in both sides' Python code) and time. Sizes are scramble
lengths: the optimal depth d grows with them (d ≤ n, slower than n as random walks
backtrack), and IDA*'s cost exponentially. The theory writes the generator as b^n
with b ≈ 1.5 (an upper-bound form, in n rather than d); ``replay`` reads ≤ n moves.

References: Korf 1985; Ratner & Warmuth 1990; Korf, Reid & Edelkamp 2001.

>>> import random, gaps
>>> fam = gaps.get("sliding_puzzle")
>>> board = fam.sample(12, random.Random(1))
>>> moves = fam.generate["ida_star"](board, gaps.Meter())
>>> fam.verify["optimal"].fn(board, moves, gaps.Meter())
True
>>> fam.verify["replay"].fn(board, moves[:-1], gaps.Meter())
False
"""

from __future__ import annotations

import random

import gaps

SIDE = 4
GOAL = (*range(1, SIDE * SIDE), 0)
#: Blank moves: the change of the blank's index, and the move that undoes each.
DELTA = {"U": -SIDE, "D": SIDE, "L": -1, "R": 1}
INVERSE = {"U": "D", "D": "U", "L": "R", "R": "L"}

Board = tuple[int, ...]


def _legal(blank: int, move: str) -> bool:
    row, col = divmod(blank, SIDE)
    return {"U": row > 0, "D": row < SIDE - 1, "L": col > 0, "R": col < SIDE - 1}[move]


def sample(size: int, rng: random.Random) -> Board:
    board, blank, last = list(GOAL), SIDE * SIDE - 1, ""
    for _ in range(size):
        move = rng.choice([m for m in DELTA if _legal(blank, m) and m != INVERSE.get(last)])
        target = blank + DELTA[move]
        board[blank], board[target] = board[target], 0
        blank, last = target, move
    return tuple(board)


def _manhattan(tile: int, at: int) -> int:
    row, col = divmod(at, SIDE)
    goal_row, goal_col = divmod(tile - 1, SIDE)
    return abs(row - goal_row) + abs(col - goal_col)


def _solve(board: Board, meter: gaps.Meter) -> list[str]:
    state = list(board)
    blank = state.index(0)
    h0 = sum(_manhattan(t, i) for i, t in enumerate(state) if t)
    path: list[str] = []

    def search(blank: int, g: int, h: int, bound: int, last: str) -> int:
        """-1 when the goal is found (path holds the moves), else the next bound."""
        meter.tick()
        if g + h > bound:
            return g + h
        if h == 0:
            return -1
        smallest = 1 << 30
        for move, delta in DELTA.items():
            if move == INVERSE.get(last) or not _legal(blank, move):
                continue
            target = blank + delta
            tile = state[target]
            h2 = h - _manhattan(tile, target) + _manhattan(tile, blank)
            state[blank], state[target] = tile, 0
            path.append(move)
            found = search(target, g + 1, h2, bound, move)
            if found == -1:
                return -1
            path.pop()
            state[target], state[blank] = tile, 0
            smallest = min(smallest, found)
        return smallest

    bound = h0
    while True:
        found = search(blank, 0, h0, bound, "")
        if found == -1:
            return path
        bound = found


def ida_star(board: Board, meter: gaps.Meter) -> list[str]:
    return _solve(board, meter)


def _solves(board: Board, moves: object, meter: gaps.Meter) -> bool:
    if not isinstance(moves, list):
        return False
    state, blank = list(board), board.index(0)
    for move in moves:
        meter.tick()
        if not isinstance(move, str) or move not in DELTA or not _legal(blank, move):
            return False
        target = blank + DELTA[move]
        state[blank], state[target] = state[target], 0
        blank = target
    meter.tick()
    return tuple(state) == GOAL


def replay(board: Board, moves: object, meter: gaps.Meter) -> bool:
    return _solves(board, moves, meter)


def optimal(board: Board, moves: object, meter: gaps.Meter) -> bool:
    if not _solves(board, moves, meter):
        return False
    return len(moves) == len(_solve(board, meter))  # type: ignore[arg-type]


def corrupt(board: Board, moves: list[str], rng: random.Random) -> list[str]:
    """Drop the last move (one move short of the goal) or replace a move by another."""
    if moves and rng.random() < 0.5:
        return moves[:-1]
    if not moves:
        return [rng.choice(["U", "L"])]  # from the goal, a move leaves it
    bad = list(moves)
    i = rng.randrange(len(bad))
    bad[i] = rng.choice([m for m in DELTA if m != bad[i]])
    return bad


FAMILY = gaps.Family(
    name="sliding_puzzle",
    domain="puzzles",
    summary="Optimal 15-puzzle solution by IDA* vs replaying it or re-solving.",
    sample=sample,
    generate={"ida_star": ida_star},
    verify={"replay": gaps.witness(replay), "optimal": gaps.compare(optimal)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="1.5**n",
        verify={"replay": "n", "optimal": "1.5**n"},
        sign={"replay": "positive", "optimal": "neutral"},
        reference="Korf 1985; Korf, Reid and Edelkamp 2001",
    ),
    references=("Korf 1985", "Ratner and Warmuth 1990", "Korf, Reid and Edelkamp 2001"),
    tags=("puzzles", "search", "np-hard", "textbook", "compare-only"),
    units=("steps", "time"),
    # Below a scramble of 18, IDA* expands tens of nodes, as few as the replay that the
    # compare verifier adds: those sizes measure that overhead, not the search.
    sizes={"replay": (8, 13, 18, 23, 28, 33, 38), "optimal": (18, 23, 28, 33, 38)},
)

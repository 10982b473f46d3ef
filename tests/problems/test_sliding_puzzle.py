import random

import gaps

FAM = gaps.get("sliding_puzzle")
REPLAY = FAM.verify["replay"].fn
OPTIMAL = FAM.verify["optimal"].fn
GOAL = tuple([*range(1, 16), 0])


def test_sliding_puzzle_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (10, 1), (20, 2)]:
        board = FAM.sample(size, random.Random(seed))
        moves = FAM.generate["ida_star"](board, gaps.Meter())
        assert len(moves) <= size
        assert REPLAY(board, moves, gaps.Meter()) is True
        assert OPTIMAL(board, moves, gaps.Meter()) is True
        for k in range(5):
            bad = FAM.corrupt(board, moves, random.Random(k))
            assert REPLAY(board, bad, gaps.Meter()) is False
            assert OPTIMAL(board, bad, gaps.Meter()) is False


def test_sliding_puzzle_replay_does_not_check_optimality():
    # Documented limitation: a detour (a move and its undo) passes `replay`, not `optimal`.
    board = FAM.sample(12, random.Random(3))
    moves = FAM.generate["ida_star"](board, gaps.Meter())
    longer = ["L", "R", *moves] if board.index(0) % 4 else ["R", "L", *moves]
    assert REPLAY(board, longer, gaps.Meter()) is True
    assert OPTIMAL(board, longer, gaps.Meter()) is False


def test_sliding_puzzle_rejects_hand_made_wrong_answers():
    one_away = tuple([*range(1, 15), 0, 15])  # the blank one left of its goal
    assert FAM.generate["ida_star"](one_away, gaps.Meter()) == ["R"]
    assert OPTIMAL(GOAL, [], gaps.Meter()) is True
    for bad in (["L"], ["R", "R"], ["D"], ["U", "D", "R"], [], ["X"], [0], "R", ("R",), None):
        assert REPLAY(one_away, bad, gaps.Meter()) is (bad == ["U", "D", "R"]), bad
        assert OPTIMAL(one_away, bad, gaps.Meter()) is False, bad

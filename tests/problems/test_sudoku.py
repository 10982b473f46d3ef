import random

import gaps

FAM = gaps.get("sudoku")
CHECK = FAM.verify["check"].fn


def test_sudoku_accepts_honest_and_rejects_corruptions():
    for size, seed in [(4, 0), (9, 1), (12, 2)]:
        puzzle = FAM.sample(size, random.Random(seed))
        grid = FAM.generate["generate"](puzzle, gaps.Meter())
        assert CHECK(puzzle, grid, gaps.Meter()) is True
        for k in range(5):
            assert CHECK(puzzle, FAM.corrupt(puzzle, grid, random.Random(k)), gaps.Meter()) is False


def test_sudoku_sampler_plants_a_valid_grid():
    for size in (4, 6, 8, 9, 15):
        n, r, c, givens = FAM.sample(size, random.Random(size))
        assert r * c == n and len(givens) == n * n
        assert 0 < sum(1 for g in givens if g) < n * n


def test_sudoku_rejects_hand_made_wrong_answers():
    puzzle = (4, 2, 2, (1, 0, 0, 0) + (0,) * 12)
    good = [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 2, 1]]
    assert CHECK(puzzle, good, gaps.Meter()) is True
    assert FAM.generate["generate"](puzzle, gaps.Meter())[0][0] == 1
    latin_not_boxes = [[1, 2, 3, 4], [2, 3, 4, 1], [3, 4, 1, 2], [4, 1, 2, 3]]
    given_changed = [[2, 1, 4, 3], [4, 3, 2, 1], [1, 2, 3, 4], [3, 4, 1, 2]]
    wrong = [
        latin_not_boxes,
        given_changed,
        [[1, 2, 3, 4]] * 4,
        [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3]],
        [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 2, 1.0]],
        [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 2]],
        [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 2, 5]],
        "grid",
        None,
    ]
    for bad in wrong:
        assert CHECK(puzzle, bad, gaps.Meter()) is False, bad

import random

import gaps

FAM = gaps.get("n_queens")
CHECK = FAM.verify["check"].fn


def test_n_queens_accepts_honest_and_rejects_corruptions():
    for size, seed in [(4, 0), (9, 1), (14, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        for generate in FAM.generate.values():
            queens = generate(spec, gaps.Meter())
            assert CHECK(spec, queens, gaps.Meter()) is True
            for k in range(5):
                assert (
                    CHECK(spec, FAM.corrupt(spec, queens, random.Random(k)), gaps.Meter()) is False
                )


def test_n_queens_construction_is_valid_for_every_residue():
    for n in range(4, 80):
        spec = FAM.sample(n, random.Random(n))
        meter = gaps.Meter()
        assert CHECK(spec, FAM.generate["construction"](spec, meter), gaps.Meter()), n
        assert meter.steps == n


def test_n_queens_rejects_hand_made_wrong_answers():
    spec = FAM.sample(4, random.Random(0))
    assert CHECK(spec, [1, 3, 0, 2], gaps.Meter()) is True
    wrong = [
        [0, 1, 2, 3],  # one diagonal
        [1, 3, 0, 0],  # same column
        [0, 2, 0, 2],
        [1, 3, 0],
        [1, 3, 0, 4],  # off the board
        [1, 3, 0, -2],
        [1, 3.0, 0, 2],
        [True, 3, 0, 2],
        (1, 3, 0, 2),
        None,
    ]
    for bad in wrong:
        assert CHECK(spec, bad, gaps.Meter()) is False, bad


def test_n_queens_backtracking_steps_exceed_construction():
    spec = FAM.sample(24, random.Random(5))
    search, formula = gaps.Meter(), gaps.Meter()
    FAM.generate["backtracking"](spec, search)
    FAM.generate["construction"](spec, formula)
    assert search.steps > formula.steps


def test_n_queens_luby_cutoffs_follow_the_sequence():
    from gaps.problems.puzzles.n_queens import _luby

    assert [_luby(i) for i in range(1, 16)] == [1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]


def test_n_queens_backtracking_restarts_are_reproducible_and_valid():
    # The restart orders come from the instance: the same instance costs the same steps.
    for n in (40, 64):
        spec = FAM.sample(n, random.Random(n))
        first, second = gaps.Meter(), gaps.Meter()
        queens = FAM.generate["backtracking"](spec, first)
        assert FAM.generate["backtracking"](spec, second) == queens
        assert first.steps == second.steps
        assert CHECK(spec, queens, gaps.Meter()) is True

import random

import gaps

FAM = gaps.get("random_3sat")
CHECK = FAM.verify["check"].fn
UNSAT = (3, [(a, b, c) for a in (1, -1) for b in (2, -2) for c in (3, -3)])


def test_random_3sat_accepts_honest_and_rejects_corruptions():
    for seed in range(3):
        formula = FAM.sample(40, random.Random(seed))
        assignment = FAM.generate["cadical"](formula, gaps.Meter())
        assert CHECK(formula, assignment, gaps.Meter()) is True
        for k in range(4):
            bad = FAM.corrupt(formula, assignment, random.Random(k))
            assert CHECK(formula, bad, gaps.Meter()) is False


def test_random_3sat_no_answer_is_checked_by_solving():
    assert FAM.generate["cadical"](UNSAT, gaps.Meter()) is None
    assert CHECK(UNSAT, None, gaps.Meter()) is True
    assert CHECK(UNSAT, (True, False, True), gaps.Meter()) is False
    assert CHECK(UNSAT, FAM.corrupt(UNSAT, None, random.Random(0)), gaps.Meter()) is False


def test_random_3sat_rejects_hand_made_wrong_answers():
    n, clauses = formula = FAM.sample(30, random.Random(6))
    assert FAM.generate["cadical"](formula, gaps.Meter()) is not None  # satisfiable
    falsify = [True] * n
    for lit in clauses[0]:
        falsify[abs(lit) - 1] = lit < 0
    wrong = [None, tuple(falsify), (True,) * (n - 1), (1,) * n, "1" * n, 42, [None] * n]
    for answer in wrong:
        assert CHECK(formula, answer, gaps.Meter()) is False, answer


def test_random_3sat_sampling_is_reproducible():
    assert FAM.sample(50, random.Random(7)) == FAM.sample(50, random.Random(7))
    assert FAM.sample(50, random.Random(7)) != FAM.sample(50, random.Random(8))
    n, clauses = FAM.sample(50, random.Random(7))
    assert n == 50 and len(clauses) == 200
    assert all(len({abs(lit) for lit in clause}) == 3 for clause in clauses)

import random

import numpy as np
from scipy.optimize import linprog

import gaps

FAM = gaps.get("linear_programming")
DUALITY = FAM.verify["duality"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def test_linear_programming_accepts_honest_and_rejects_corruptions():
    for size, seed in [(2, 0), (20, 1), (60, 2)]:
        lp = FAM.sample(size, random.Random(seed))
        x, y = result = FAM.generate["highs"](lp, gaps.Meter())
        assert DUALITY(lp, x, y, gaps.Meter()) is True
        assert RECOMPUTE(lp, x, gaps.Meter()) is True
        for k in range(6):
            bad_x, bad_y = FAM.corrupt(lp, result, random.Random(k))
            assert DUALITY(lp, bad_x, bad_y, gaps.Meter()) is False
            assert RECOMPUTE(lp, bad_x, gaps.Meter()) is False


def test_linear_programming_dual_signs_match_an_independent_solve():
    a, b, c = lp = FAM.sample(15, random.Random(3))
    x, y = FAM.generate["highs"](lp, gaps.Meter())
    # The dual LP min b.y s.t. A^T y >= c, y >= 0 solved directly has the same value.
    dual = linprog(b, A_ub=-a.T, b_ub=-c, method="highs")
    assert abs(dual.fun - float(np.dot(c, x))) < 1e-7 * (1 + abs(dual.fun))
    assert min(y) >= 0


def test_linear_programming_rejects_hand_made_wrong_answers():
    # max x1 + x2 s.t. x1 + 2 x2 <= 4, 3 x1 + x2 <= 6: optimum (1.6, 1.2), y = (0.4, 0.2).
    lp = (np.array([[1.0, 2.0], [3.0, 1.0]]), np.array([4.0, 6.0]), np.array([1.0, 1.0]))
    x, y = FAM.generate["highs"](lp, gaps.Meter())
    assert np.allclose(x, [1.6, 1.2]) and np.allclose(y, [0.4, 0.2])
    assert DUALITY(lp, [1.6, 1.2], [0.4, 0.2], gaps.Meter()) is True
    assert DUALITY(lp, [1.6, 1.2], [0.5, 0.5], gaps.Meter()) is False  # not tight
    assert DUALITY(lp, [1.6, 1.2], [0.4, 0.0], gaps.Meter()) is False  # not dual feasible
    assert DUALITY(lp, [1.6, 1.2], [-0.4, 0.2], gaps.Meter()) is False
    assert DUALITY(lp, [0.0, 0.0], [0.0, 0.0], gaps.Meter()) is False
    for bad in (
        [2.0, 0.0],
        [1.6, 1.3],
        [-1.0, 2.5],
        [1.6],
        [1.6, float("nan")],
        [1.6, "1.2"],
        None,
    ):
        assert DUALITY(lp, bad, [0.4, 0.2], gaps.Meter()) is False, bad
        assert RECOMPUTE(lp, bad, gaps.Meter()) is False, bad
    assert DUALITY(lp, [1.6, 1.2], None, gaps.Meter()) is False
    assert RECOMPUTE(lp, [1.6, 1.2], gaps.Meter()) is True

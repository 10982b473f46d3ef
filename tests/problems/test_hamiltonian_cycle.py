import random

import gaps

FAM = gaps.get("hamiltonian_cycle")
DECIDE = FAM.verify["decide"].fn
CHECK = FAM.verify["check"].fn


def test_hamiltonian_cycle_accepts_honest_and_rejects_corruptions():
    for size, seed in [(5, 0), (40, 1), (200, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        edges, cycle = result = FAM.generate["plant"](spec, gaps.Meter())
        assert DECIDE(spec, edges, gaps.Meter()) is True
        assert CHECK(spec, edges, cycle, gaps.Meter()) is True
        for k in range(4):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert DECIDE(spec, bad, gaps.Meter()) is False
            assert CHECK(spec, bad, certificate, gaps.Meter()) is False


def test_hamiltonian_cycle_accepts_a_correct_no():
    spec = (6, 0)
    # Two disjoint triangles: every degree is 2 but there is no Hamiltonian cycle.
    triangles = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]
    assert DECIDE(spec, triangles, gaps.Meter()) is False
    # ... joined by one edge: still none (a bridge), found only after subtour clauses.
    assert DECIDE(spec, [*triangles, (2, 3)], gaps.Meter()) is False
    # ... joined by two edges: Hamiltonian (0-1-2-3-4-5 closed by 5-0).
    assert DECIDE(spec, [*triangles, (2, 3), (0, 5)], gaps.Meter()) is True


def test_hamiltonian_cycle_rejects_hand_made_wrong_answers():
    spec = (4, 0)
    square = [(0, 1), (1, 2), (2, 3), (0, 3)]
    assert CHECK(spec, square, [0, 1, 2, 3], gaps.Meter()) is True
    for cycle in ([0, 2, 1, 3], [0, 1, 2], [0, 1, 1, 3], [0, 1, 2, 4], None, [0, 1, 2, 3.0]):
        assert CHECK(spec, square, cycle, gaps.Meter()) is False, cycle
    for edges in (square[:3], [*square, (0, 0)], [*square, (1, 0)], [(0, 1, 2)], None):
        assert DECIDE(spec, edges, gaps.Meter()) is False, edges
        assert CHECK(spec, edges, [0, 1, 2, 3], gaps.Meter()) is False, edges

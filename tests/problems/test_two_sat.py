import random

import gaps

FAM = gaps.get("two_sat")
CHECK = FAM.verify["check"].fn


def test_two_sat_accepts_honest_answers_and_rejects_corruptions():
    answers = set()
    for size, seed in [(20, 2), (50, 1), (400, 0), (3200, 0)]:
        spec = FAM.sample(size, random.Random(seed))
        answer, certificate = result = FAM.generate["scc"](spec, gaps.Meter())
        answers.add(answer == "unsatisfiable")
        assert CHECK(spec, answer, certificate, gaps.Meter()) is True
        for k in range(3):
            bad, bad_certificate = FAM.corrupt(spec, result, random.Random(k))
            assert CHECK(spec, bad, bad_certificate, gaps.Meter()) is False
    assert answers == {True, False}


def test_two_sat_rejects_hand_made_wrong_answers():
    spec = (2, [(1, 2), (-1, 2), (1, -2), (-1, -2)])
    answer, certificate = FAM.generate["scc"](spec, gaps.Meter())
    assert answer == "unsatisfiable"
    assert CHECK(spec, answer, certificate, gaps.Meter()) is True
    x, forth, back = certificate
    for bad in ((x, back, forth), (x, forth[:1], back), (3, forth, back), (x, forth), None):
        assert CHECK(spec, answer, bad, gaps.Meter()) is False
    for bad_answer in ((True, True), (True,), (1, 0), "satisfiable"):
        assert CHECK(spec, bad_answer, None, gaps.Meter()) is False

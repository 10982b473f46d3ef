import random

import gaps

FAM = gaps.get("xor_sat")
CHECK = FAM.verify["check"].fn


def test_xor_sat_accepts_honest_answers_and_rejects_corruptions():
    answers = set()
    for size, seed in [(10, 0), (40, 1), (80, 2), (80, 1), (160, 0)]:
        spec = FAM.sample(size, random.Random(seed))
        answer, certificate = result = FAM.generate["gauss"](spec, gaps.Meter())
        answers.add(answer == "inconsistent")
        assert CHECK(spec, answer, certificate, gaps.Meter()) is True
        for k in range(3):
            bad, bad_certificate = FAM.corrupt(spec, result, random.Random(k))
            assert CHECK(spec, bad, bad_certificate, gaps.Meter()) is False
    assert answers == {True, False}  # both a solution and a correct "no" were checked


def test_xor_sat_rejects_hand_made_wrong_answers():
    n = 3
    spec = (n, [((0, 1, 2), 1), ((0, 1, 2), 0)])
    assert CHECK(spec, "inconsistent", [0, 1], gaps.Meter()) is True
    for certificate in ([0], [0, 0], [0, 1, 1], [5], None, "01"):
        assert CHECK(spec, "inconsistent", certificate, gaps.Meter()) is False
    for answer in ((True, False, False), (True, True), (1, 0, 0), "yes", None):
        assert CHECK(spec, answer, None, gaps.Meter()) is False

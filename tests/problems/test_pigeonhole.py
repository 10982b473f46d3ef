import random

import gaps

FAM = gaps.get("pigeonhole")
DECIDE = FAM.verify["decide"].fn
DRAT = FAM.verify["drat"].fn


def test_pigeonhole_accepts_honest_refutations_and_rejects_corruptions():
    for size, seed in [(2, 0), (4, 1), (5, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        answer, proof = result = FAM.generate["cadical"](spec, gaps.Meter())
        assert answer == "unsatisfiable"
        assert DECIDE(spec, answer, gaps.Meter()) is True
        assert DRAT(spec, answer, proof, gaps.Meter()) is True
        for k in range(3):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert DECIDE(spec, bad, gaps.Meter()) is False
            assert DRAT(spec, bad, certificate, gaps.Meter()) is False


def test_pigeonhole_rejects_broken_proofs_without_raising():
    spec = FAM.sample(5, random.Random(3))
    answer, proof = FAM.generate["cadical"](spec, gaps.Meter())
    lemmas = [line for line in proof if not line.startswith("d")]
    for bad in ([], ["0"], [*lemmas[:3], "0"], ["1 2 x 0"], ["1 2"], [17], "proof", None):
        assert DRAT(spec, answer, bad, gaps.Meter()) is False
    for bad_answer in ("satisfiable", [], [1, -1], None):
        assert DECIDE(spec, bad_answer, gaps.Meter()) is False
        assert DRAT(spec, bad_answer, proof, gaps.Meter()) is False


def test_pigeonhole_sampling_is_reproducible():
    assert FAM.sample(5, random.Random(7)) == FAM.sample(5, random.Random(7))
    assert FAM.sample(5, random.Random(7)) != FAM.sample(5, random.Random(8))

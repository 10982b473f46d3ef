import random

import pytest

import gaps

FAM = gaps.get("tseitin")
VERIFIERS = {name: v.fn for name, v in FAM.verify.items()}


def _run(name, spec, answer, proof):
    if name in ("drat", "backward"):
        return VERIFIERS[name](spec, answer, proof, gaps.Meter())
    return VERIFIERS[name](spec, answer, gaps.Meter())


def test_tseitin_accepts_honest_refutations_and_rejects_corruptions():
    for size, seed in [(6, 0), (12, 1), (20, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        answer, proof = result = FAM.generate["cadical"](spec, gaps.Meter())
        assert answer == "unsatisfiable"
        for name in VERIFIERS:
            assert _run(name, spec, answer, proof) is True
        for k in range(3):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            for name in VERIFIERS:
                assert _run(name, spec, bad, certificate) is False


def test_tseitin_rejects_wrong_answers_without_raising():
    spec = FAM.sample(12, random.Random(3))
    answer, proof = FAM.generate["cadical"](spec, gaps.Meter())
    for bad in ([], ["0"], [*proof[:2], "0"], ["a 0"], None):
        assert VERIFIERS["drat"](spec, answer, bad, gaps.Meter()) is False
    for bad_answer in ("satisfiable", [], [1, -1], None):
        for name in VERIFIERS:
            assert _run(name, spec, bad_answer, proof) is False


def test_tseitin_gauss_refuses_a_formula_that_is_not_xor():
    # Elimination cannot refute such a formula, so any verdict would be a guess.
    n, clauses = FAM.sample(10, random.Random(4))
    with pytest.raises(gaps.InvalidArgument, match="verifier 'gauss' must be a formula of XOR"):
        VERIFIERS["gauss"]((n, clauses[1:]), "unsatisfiable", gaps.Meter())

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


def test_pigeonhole_clauses_are_cnfgens_php_with_the_documented_numbering():
    from gaps.problems.logic.pigeonhole import pigeonhole_clauses

    for n in range(1, 6):
        p = {(i, j): i * n + j + 1 for i in range(n + 1) for j in range(n)}
        pigeons = {frozenset(p[i, j] for j in range(n)) for i in range(n + 1)}
        holes = {
            frozenset({-p[i, j], -p[k, j]})
            for j in range(n)
            for i in range(n + 1)
            for k in range(i + 1, n + 1)
        }
        clauses = pigeonhole_clauses(n)
        assert len(clauses) == (n + 1) + n * n * (n + 1) // 2
        assert {frozenset(c) for c in clauses} == pigeons | holes


def test_pigeonhole_sample_is_a_renaming_of_php():
    n, clauses = FAM.sample(5, random.Random(4))
    long = [c for c in clauses if len(c) == n]
    binary = [c for c in clauses if len(c) == 2]
    assert len(long) == n + 1 and len(binary) == n * n * (n + 1) // 2
    assert all(x > 0 for c in long for x in c) and all(x < 0 for c in binary for x in c)
    positive = sorted(x for c in long for x in c)
    assert positive == list(range(1, n * (n + 1) + 1))  # each variable in one pigeon clause
    negative = [-x for c in binary for x in c]
    assert all(negative.count(v) == n for v in positive)  # and clashes with n other pigeons

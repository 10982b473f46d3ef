import itertools
import random

import gaps

FAM = gaps.get("model_count")
WITNESSES = FAM.verify["witnesses"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def _brute(spec):
    n, clauses = spec
    return sum(
        all(any(bits[abs(x) - 1] == (x > 0) for x in clause) for clause in clauses)
        for bits in itertools.product((False, True), repeat=n)
    )


def test_model_count_is_exact_and_rejects_corruptions():
    for size, seed in [(3, 0), (8, 1), (12, 2), (14, 3)]:
        spec = FAM.sample(size, random.Random(seed))
        count, certificate = result = FAM.generate["enumerate"](spec, gaps.Meter())
        assert count == _brute(spec)
        assert WITNESSES(spec, count, certificate, gaps.Meter()) is True
        assert RECOMPUTE(spec, count, gaps.Meter()) is True
        for k in range(4):
            bad, bad_certificate = FAM.corrupt(spec, result, random.Random(k))
            assert WITNESSES(spec, bad, bad_certificate, gaps.Meter()) is False
            assert RECOMPUTE(spec, bad, gaps.Meter()) is False


def test_model_count_rejects_an_undercount_with_a_truncated_list():
    spec = FAM.sample(12, random.Random(5))
    count, (models, proof) = FAM.generate["enumerate"](spec, gaps.Meter())
    assert count >= 2
    # every listed model is a real, distinct model: only the DRAT upper bound catches it
    assert WITNESSES(spec, count - 1, (models[:-1], proof), gaps.Meter()) is False
    for bad in (None, (models,), (models, None), ("x", proof), ([models[0]] * count, proof)):
        assert WITNESSES(spec, count, bad, gaps.Meter()) is False
    for bad_count in (2.0, "3", None):
        assert WITNESSES(spec, bad_count, (models, proof), gaps.Meter()) is False
        assert RECOMPUTE(spec, bad_count, gaps.Meter()) is False


def test_model_count_accepts_a_correct_zero():
    spec = (3, [[1, 2, 3], [-1], [-2], [-3]])
    count, certificate = FAM.generate["enumerate"](spec, gaps.Meter())
    assert count == 0
    assert WITNESSES(spec, 0, certificate, gaps.Meter()) is True
    assert RECOMPUTE(spec, 0, gaps.Meter()) is True


def test_model_count_recompute_repeats_the_whole_generation():
    # A compare verifier regenerates (enumeration and DRAT refutation) and compares:
    # CaDiCaL's deterministic counters must be the same on both sides.
    spec = FAM.sample(14, random.Random(2))
    generated, checked = gaps.Meter(), gaps.Meter()
    count, _ = FAM.generate["enumerate"](spec, generated)
    assert RECOMPUTE(spec, count, checked) is True
    assert checked.counters == generated.counters


def test_model_count_counts_the_propagations_of_every_solver_call_and_of_the_check():
    # Generation sums CaDiCaL's counters over the enumeration and the refutation; the
    # witnesses verifier reports the DRUP checker's, counted the same way.
    from gaps.problems.logic._refutation import check_drup, refute

    spec = FAM.sample(14, random.Random(2))
    generated = gaps.Meter()
    count, (models, proof) = FAM.generate["enumerate"](spec, generated)
    blocked = spec[1] + [[-x for x in model] for model in models]
    refuted = gaps.Meter()
    refute(blocked, refuted)
    assert generated.counters["propagations"] > refuted.counters["propagations"] > 0
    checked, replayed = gaps.Meter(), gaps.Meter()
    assert WITNESSES(spec, count, (models, proof), checked) is True
    assert check_drup(blocked, proof, replayed) is True
    assert checked.counters == replayed.counters
    counted = [p for p in FAM.pairings if p.generator == "enumerate"]
    assert counted and all(FAM.units_of(p) == ("propagations", "time") for p in counted)


def test_model_count_ganak_agrees_with_enumeration():
    fam = gaps.get("model_count")
    for size, seed in [(3, 0), (8, 1), (12, 2), (16, 3)]:
        spec = fam.sample(size, random.Random(seed))
        count = fam.generate["ganak"](spec, gaps.Meter())
        assert count == fam.generate["enumerate"](spec, gaps.Meter()).output
        assert fam.verify["recount"].fn(spec, count, gaps.Meter()) is True
        assert fam.verify["recount"].fn(spec, count + 1, gaps.Meter()) is False
        assert fam.verify["recount"].fn(spec, str(count), gaps.Meter()) is False

import random

import gaps

FAM = gaps.get("term_equivalence")
REPLAY = FAM.verify["replay"].fn
PROVE = FAM.verify["prove"].fn


def test_term_equivalence_accepts_honest_rewrites_and_rejects_corruptions():
    for size, seed in [(4, 0), (6, 1), (7, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        assert spec[0] == size and spec[1][0] == "mul"
        rewritten, trace = result = FAM.generate["rewrite"](spec, gaps.Meter())
        assert len(trace) == 8 * size
        assert REPLAY(spec, rewritten, trace, gaps.Meter()) is True
        assert PROVE(spec, rewritten, gaps.Meter()) is True
        for k in range(2):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert REPLAY(spec, bad, certificate, gaps.Meter()) is False
            assert PROVE(spec, bad, gaps.Meter()) is False


def test_term_equivalence_first_step_is_one_mba_identity_on_a_factor():
    # The MBA step is what z3's word-level normaliser cannot undo; later steps are
    # ring and Boolean rewrites only (nested MBA layers make z3's time erratic).
    mba = {"add_xor_and", "add_or_and", "sub_not", "xor_or_and", "or_xor_and", "and_add_or"}
    for seed in range(10):
        spec = FAM.sample(4, random.Random(seed))
        _, trace = FAM.generate["rewrite"](spec, gaps.Meter())
        assert trace[0][0] in ((1,), (2,)) and trace[0][1] in mba
        assert not any(rule in mba for _, rule in trace[1:])


def test_term_equivalence_mba_identities_are_sound():
    a, b = ("var", "a"), ("var", "b")
    rewrites = {
        "add": [("add_xor_and", ("add", ("xor", a, b), ("shl", ("and", a, b), 1)))],
        "sub": [("sub_not", ("add", ("add", a, ("not", b)), ("const", 1)))],
        "xor": [("xor_or_and", ("sub", ("or", a, b), ("and", a, b)))],
        "or": [("or_xor_and", ("add", ("xor", a, b), ("and", a, b)))],
        "and": [("and_add_or", ("sub", ("add", a, b), ("or", a, b)))],
    }
    for op, pairs in rewrites.items():
        for width in (2, 5):
            spec = (width, (op, a, b))
            for rule, image in pairs:
                assert REPLAY(spec, image, [((), rule)], gaps.Meter()) is True
                assert PROVE(spec, image, gaps.Meter()) is True


def test_term_equivalence_rejects_invalid_steps_and_malformed_terms():
    spec = (2, ("add", ("var", "a"), ("var", "b")))
    good = ("add", ("var", "b"), ("var", "a"))
    assert REPLAY(spec, good, [((), "commute")], gaps.Meter()) is True
    for trace in ([((), "factor")], [((1,), "commute")], [((5,), "commute")], [("x", "y")], None):
        assert REPLAY(spec, good, trace, gaps.Meter()) is False
    for bad in (("sub", ("var", "a"), ("var", "b")), ("var", "z"), ("const", 4), (), "a+b", None):
        assert REPLAY(spec, bad, [((), "commute")], gaps.Meter()) is False
        assert PROVE(spec, bad, gaps.Meter()) is False
    # A shift by the width or more is not a well-formed n-bit term.
    assert PROVE(spec, ("shl", ("var", "a"), 2), gaps.Meter()) is False

import random

import gaps

FAM = gaps.get("term_equivalence")
REPLAY = FAM.verify["replay"].fn
PROVE = FAM.verify["prove"].fn


def test_term_equivalence_accepts_honest_rewrites_and_rejects_corruptions():
    for size, seed in [(4, 0), (24, 1)]:
        spec = FAM.sample(size, random.Random(seed))
        rewritten, trace = result = FAM.generate["rewrite"](spec, gaps.Meter())
        assert len(trace) == spec[0]
        assert REPLAY(spec, rewritten, trace, gaps.Meter()) is True
        assert PROVE(spec, rewritten, gaps.Meter()) is True
        for k in range(2):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert REPLAY(spec, bad, certificate, gaps.Meter()) is False
            assert PROVE(spec, bad, gaps.Meter()) is False


def test_term_equivalence_rejects_invalid_steps_and_malformed_terms():
    spec = (2, ("add", ("var", "a"), ("var", "b")))
    good = ("add", ("var", "b"), ("var", "a"))
    assert REPLAY(spec, good, [((), "commute")], gaps.Meter()) is True
    for trace in ([((), "factor")], [((1,), "commute")], [((5,), "commute")], [("x", "y")], None):
        assert REPLAY(spec, good, trace, gaps.Meter()) is False
    for bad in (("sub", ("var", "a"), ("var", "b")), ("var", "z"), ("const", 999), (), "a+b", None):
        assert REPLAY(spec, bad, [((), "commute")], gaps.Meter()) is False
        assert PROVE(spec, bad, gaps.Meter()) is False

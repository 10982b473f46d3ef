import random

import gaps

FAM = gaps.get("longest_common_subsequence")
COMMON = FAM.verify["common"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def _brute_force(s, t):
    best = 0
    for mask in range(1 << len(s)):
        sub = "".join(c for i, c in enumerate(s) if mask >> i & 1)
        it = iter(t)
        if all(c in it for c in sub):
            best = max(best, len(sub))
    return best


def test_longest_common_subsequence_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (8, 1), (60, 2)]:
        pair = FAM.sample(size, random.Random(seed))
        k, pairs = result = FAM.generate["dynamic_programming"](pair, gaps.Meter())
        if size <= 8:
            assert k == _brute_force(*pair)
        assert COMMON(pair, k, pairs, gaps.Meter()) is True
        assert RECOMPUTE(pair, k, gaps.Meter()) is True
        for j in range(4):
            bad, certificate = FAM.corrupt(pair, result, random.Random(j))
            assert COMMON(pair, bad, certificate, gaps.Meter()) is False
            assert RECOMPUTE(pair, bad, gaps.Meter()) is False


def test_longest_common_subsequence_rejects_hand_made_wrong_answers():
    pair = ("abcbdab", "bdcaba")
    k, pairs = FAM.generate["dynamic_programming"](pair, gaps.Meter())
    assert k == 4 and COMMON(pair, 4, pairs, gaps.Meter())
    for bad in (3, 5, 4.0, "4", None, True):
        assert RECOMPUTE(pair, bad, gaps.Meter()) is False, bad
        assert COMMON(pair, bad, pairs, gaps.Meter()) is False, bad
    for certificate in (
        pairs[::-1],
        [*pairs[:3], pairs[2]],
        [(0, 0), (1, 1), (2, 2), (3, 3)],
        [(0, 5), (1, 0), (2, 2), (3, 4)],
        [list(p) for p in pairs],
        [(9, 9), *pairs[1:]],
        None,
    ):
        assert COMMON(pair, 4, certificate, gaps.Meter()) is False, certificate
    # A shorter common subsequence proves only a lower bound: it passes for its length.
    assert COMMON(pair, 1, [(1, 0)], gaps.Meter()) is True
    assert RECOMPUTE(pair, 1, gaps.Meter()) is False

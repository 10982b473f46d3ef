import random

import flint

import gaps

FAM = gaps.get("polynomial_factorisation")
EXPAND = FAM.verify["expand"].fn
IRREDUCIBLE = FAM.verify["irreducible"].fn


def test_polynomial_factorisation_accepts_honest_and_rejects_corruptions():
    for size, seed in [(2, 0), (12, 1), (40, 2)]:
        poly = FAM.sample(size, random.Random(seed))
        assert len(poly) == max(size, 2) + 1
        result = FAM.generate["flint"](poly, gaps.Meter())
        assert EXPAND(poly, result, gaps.Meter()) is True
        assert IRREDUCIBLE(poly, result, gaps.Meter()) is True
        for k in range(4):
            bad = FAM.corrupt(poly, result, random.Random(k))
            assert EXPAND(poly, bad, gaps.Meter()) is False
            assert IRREDUCIBLE(poly, bad, gaps.Meter()) is False


def test_polynomial_factorisation_rejects_hand_made_wrong_answers():
    # (x + 1)**2 (x**2 + 1) (2): content 2
    poly = tuple(
        int(c) for c in (flint.fmpz_poly([1, 1]) ** 2 * flint.fmpz_poly([1, 0, 1]) * 2).coeffs()
    )
    result = FAM.generate["flint"](poly, gaps.Meter())
    assert result == (2, (((1, 0, 1), 1), ((1, 1), 2)))
    assert IRREDUCIBLE(poly, result, gaps.Meter()) is True
    unfactored = (2, (((1, 2, 2, 2, 1), 1),))  # the right product, not irreducible
    assert EXPAND(poly, unfactored, gaps.Meter()) is True
    assert IRREDUCIBLE(poly, unfactored, gaps.Meter()) is False
    for bad in (
        (1, (((1, 0, 1), 1), ((1, 1), 2))),
        (2, (((1, 0, 1), 1), ((1, 1), 1))),
        (2, (((1, 0, 1), 1), ((1, 1), 2), ((1,), 1))),
        (2, (((1, 0, 1), 1), ((1.0, 1), 2))),
        (2, [((1, 0, 1), 1), ((1, 1), 2)]),
        (2.0, (((1, 0, 1), 1), ((1, 1), 2))),
        None,
        (2,),
    ):
        assert EXPAND(poly, bad, gaps.Meter()) is False, bad
        assert IRREDUCIBLE(poly, bad, gaps.Meter()) is False, bad


def test_polynomial_factorisation_sampling_is_reproducible():
    assert FAM.sample(30, random.Random(7)) == FAM.sample(30, random.Random(7))

import random

import pytest
import sympy

import gaps

FAM = gaps.get("integration")
DIFFERENTIATE = FAM.verify["differentiate"].fn
SPOT_CHECK = FAM.verify["spot_check"].fn
x = sympy.Symbol("x")


def test_integration_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (2, 1), (3, 1), (4, 2)]:
        f = FAM.sample(size, random.Random(seed))
        G = FAM.generate["sympy"](f, gaps.Meter())
        assert DIFFERENTIATE(f, G, gaps.Meter()) is True
        assert SPOT_CHECK(f, G, gaps.Meter()) == 1.0
        for k in range(3):
            bad = FAM.corrupt(f, G, random.Random(k))
            assert DIFFERENTIATE(f, bad, gaps.Meter()) is False
            assert SPOT_CHECK(f, bad, gaps.Meter()) < 1.0


def test_integration_accepts_any_antiderivative_up_to_a_constant():
    f = 2 * sympy.sin(x) * sympy.cos(x)
    forms = (sympy.sin(x) ** 2, -(sympy.cos(x) ** 2), -sympy.cos(2 * x) / 2, sympy.sin(x) ** 2 + 7)
    for G in forms:
        assert DIFFERENTIATE(f, G, gaps.Meter()) is True
        assert SPOT_CHECK(f, G, gaps.Meter()) == 1.0


def test_integration_rejects_hand_made_wrong_answers():
    f = 2 * x * sympy.exp(x**2)
    y = sympy.Symbol("y")
    wrong = [
        f,
        sympy.exp(x**2) * y,
        sympy.Integral(f, x),
        sympy.exp(x**2) + x,
        sympy.S.Zero,
        sympy.zoo,
        "exp(x**2)",
        None,
        sympy.Eq(x, 1),
    ]
    for bad in wrong:
        assert DIFFERENTIATE(f, bad, gaps.Meter()) is False, bad
        assert SPOT_CHECK(f, bad, gaps.Meter()) < 1.0, bad
    assert DIFFERENTIATE(f, sympy.exp(x**2), gaps.Meter()) is True


def test_integration_generator_raises_when_sympy_gives_up():
    with pytest.raises(gaps.GaveUp, match="gave up"):
        FAM.generate["sympy"](sympy.sin(sympy.sin(x)), gaps.Meter())


def test_integration_sampling_is_reproducible():
    assert FAM.sample(4, random.Random(7)) == FAM.sample(4, random.Random(7))
    samples = {FAM.sample(4, random.Random(seed)) for seed in range(6)}
    assert len(samples) > 1
    f = FAM.sample(4, random.Random(7))
    assert f.free_symbols <= {x}

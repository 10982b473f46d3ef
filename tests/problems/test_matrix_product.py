import random

import numpy as np

import gaps

FAM = gaps.get("matrix_product")
VERIFIERS = [FAM.verify["freivalds"].fn, FAM.verify["recompute"].fn]


def test_matrix_product_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (8, 1), (40, 2)]:
        pair = FAM.sample(size, random.Random(seed))
        product = FAM.generate["numpy"](pair, gaps.Meter())
        assert np.array_equal(product, pair[0].astype(object) @ pair[1].astype(object))
        for verify in VERIFIERS:
            assert verify(pair, product, gaps.Meter()) is True
            for k in range(5):
                bad = FAM.corrupt(pair, product, random.Random(k))
                assert verify(pair, bad, gaps.Meter()) is False


def test_matrix_product_rejects_hand_made_wrong_answers():
    a, b = pair = FAM.sample(12, random.Random(3))
    c = a @ b
    wrong = [
        c.T,
        b @ a,
        c[:-1],
        c.astype(np.float64),
        c.tolist(),
        None,
        np.zeros_like(c),
        c.astype(np.uint64) + np.uint64(2**63),  # equal modulo 2**64 would need a wrap
        c + np.int64(2**62),  # a large offset: products overflow int64 inside Freivalds
    ]
    for bad in wrong:
        for verify in VERIFIERS:
            assert verify(pair, bad, gaps.Meter()) is False
    for verify in VERIFIERS:  # other integer dtypes holding the right values are fine
        assert verify(pair, c.astype(np.int32), gaps.Meter()) is True


def test_matrix_product_verifiers_leave_inputs_alone():
    a, b = pair = FAM.sample(10, random.Random(4))
    c = a @ b
    copies = (a.copy(), b.copy(), c.copy())
    for verify in VERIFIERS:
        verify(pair, c, gaps.Meter())
    assert all(np.array_equal(x, y) for x, y in zip((a, b, c), copies, strict=True))


def test_matrix_product_sampling_is_reproducible():
    a1, b1 = FAM.sample(16, random.Random(7))
    a2, b2 = FAM.sample(16, random.Random(7))
    a3, _ = FAM.sample(16, random.Random(8))
    assert np.array_equal(a1, a2) and np.array_equal(b1, b2) and not np.array_equal(a1, a3)
    assert a1.dtype == np.int64 and np.abs(a1).max() <= 100

import random

import gaps

FAM = gaps.get("modular_sqrt")
SQUARE = FAM.verify["square"].fn


def test_modular_sqrt_accepts_honest_and_rejects_corruptions():
    for size, seed in [(3, 0), (64, 1), (300, 2)]:
        p, a = instance = FAM.sample(size, random.Random(seed))
        x = FAM.generate["tonelli_shanks"](instance, gaps.Meter())
        assert FAM.generate["counted"](instance, gaps.Meter()) == x
        assert x * x % p == a and SQUARE(instance, x, gaps.Meter()) is True
        assert SQUARE(instance, p - x if x else 0, gaps.Meter()) is True  # the other root
        for k in range(4):
            assert (
                SQUARE(instance, FAM.corrupt(instance, x, random.Random(k)), gaps.Meter()) is False
            )


def test_modular_sqrt_handles_primes_with_large_two_power():
    p = 2**64 - 2**32 + 1  # p - 1 = 2**32 * (2**32 - 1)
    for r in (3, 12345, 2**40 + 7):
        for name in ("tonelli_shanks", "counted"):
            x = FAM.generate[name]((p, r * r % p), gaps.Meter())
            assert x * x % p == r * r % p


def test_modular_sqrt_rejects_hand_made_wrong_answers():
    instance = FAM.sample(64, random.Random(4))
    p = instance[0]
    x = FAM.generate["tonelli_shanks"](instance, gaps.Meter())
    for bad in (x + p, -x, float(x), str(x), True, None, x + 1):
        assert SQUARE(instance, bad, gaps.Meter()) is False, bad

import random

import gaps

FAM = gaps.get("discrete_log")
POWER = FAM.verify["power"].fn


def test_discrete_log_accepts_honest_and_rejects_corruptions():
    for size, seed in [(4, 0), (16, 1), (26, 2)]:
        p, g, h = instance = FAM.sample(size, random.Random(seed))
        for name in ("sympy", "bsgs"):
            x = FAM.generate[name](instance, gaps.Meter())
            assert pow(g, x, p) == h and POWER(instance, x, gaps.Meter()) is True
            for k in range(4):
                assert (
                    POWER(instance, FAM.corrupt(instance, x, random.Random(k)), gaps.Meter())
                    is False
                )


def test_discrete_log_rejects_hand_made_wrong_answers():
    instance = FAM.sample(20, random.Random(4))
    p = instance[0]
    x = FAM.generate["bsgs"](instance, gaps.Meter())
    assert POWER(instance, x + (p - 1), gaps.Meter()) is True  # any representative is right
    for bad in (x + 1, x + (p - 1) // 2, -x, float(x), str(x), None):
        assert POWER(instance, bad, gaps.Meter()) is False, bad


def test_discrete_log_steps_grow():
    steps = []
    for n in (16, 24):
        instance = FAM.sample(n, random.Random(n))
        meter = gaps.Meter()
        FAM.generate["bsgs"](instance, meter)
        steps.append(meter.steps)
    assert steps[1] > steps[0]

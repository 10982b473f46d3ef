import random

import gaps

FAM = gaps.get("subset_sum")
DECIDE = FAM.verify["decide"].fn
CHECK = FAM.verify["check"].fn


def test_subset_sum_accepts_honest_and_rejects_corruptions():
    for size, seed in [(2, 0), (10, 1), (18, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        instance, subset = result = FAM.generate["plant"](spec, gaps.Meter())
        assert DECIDE(spec, instance, gaps.Meter()) is True
        assert CHECK(spec, instance, subset, gaps.Meter()) is True
        for k in range(4):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert DECIDE(spec, bad, gaps.Meter()) is False
            assert CHECK(spec, bad, certificate, gaps.Meter()) is False


def test_subset_sum_rejects_hand_made_wrong_answers():
    spec = FAM.sample(12, random.Random(4))
    (numbers, target), subset = FAM.generate["plant"](spec, gaps.Meter())
    for bad in (
        (numbers, sum(numbers) + 1),
        (numbers, -1),
        (numbers[:-1], target),
        (list(numbers), target),
        (numbers, float(target)),
        None,
        (numbers,),
    ):
        assert DECIDE(spec, bad, gaps.Meter()) is False, bad
        assert CHECK(spec, bad, subset, gaps.Meter()) is False, bad
    for certificate in (
        subset + subset[:1],
        tuple(reversed(subset)) if len(subset) > 1 else (99,),
        (12,),
        (-1,),
        list(subset),
        None,
        ("0",),
    ):
        assert CHECK(spec, (numbers, target), certificate, gaps.Meter()) is False, certificate
    assert DECIDE(spec, (numbers, 0), gaps.Meter()) is True  # the empty subset: a correct yes


def test_subset_sum_steps_grow_like_two_to_the_half_n():
    costs = []
    for n in (16, 20):
        spec = FAM.sample(n, random.Random(n))
        instance, _ = FAM.generate["plant"](spec, gaps.Meter())
        meter = gaps.Meter()
        DECIDE(spec, instance, meter)
        costs.append(meter.steps)
    assert costs[1] > 3 * costs[0]

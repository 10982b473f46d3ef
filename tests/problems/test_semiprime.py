import random

import flint

import gaps

FAM = gaps.get("semiprime")
DECIDE = FAM.verify["decide"].fn
CHECK = FAM.verify["check"].fn


def test_semiprime_accepts_honest_and_rejects_corruptions():
    for size, seed in [(32, 0), (48, 1), (64, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        N, (p, q) = result = FAM.generate["multiply"](spec, gaps.Meter())
        assert N.bit_length() == size and p * q == N and p <= q
        assert DECIDE(spec, N, gaps.Meter()) is True
        assert CHECK(spec, N, (p, q), gaps.Meter()) is True
        for k in range(6):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert bad.bit_length() == size
            assert DECIDE(spec, bad, gaps.Meter()) is False
            assert CHECK(spec, bad, certificate, gaps.Meter()) is False


def test_semiprime_rejects_hand_made_wrong_answers():
    spec = FAM.sample(40, random.Random(4))
    N, (p, q) = FAM.generate["multiply"](spec, gaps.Meter())
    prime = next(k for k in range(2**39 + 1, 2**40, 2) if flint.fmpz(k).is_prime())
    three = 8191 * 8209 * 8221  # three primes, 40 bits
    assert three.bit_length() == 40 and all(flint.fmpz(k).is_prime() for k in (8191, 8209, 8221))
    for bad in (prime, three, N * 2, N + 1, N - 1, "N", True, -N, float(N)):
        assert DECIDE(spec, bad, gaps.Meter()) is False, bad
    for certificate in ((q, p), (1, N), (p, q, 1), (p, q + 2), (p * 1.0, q), None, (True, N)):
        assert CHECK(spec, N, certificate, gaps.Meter()) is False, certificate
    assert CHECK(spec, three, (8191, 8209 * 8221), gaps.Meter()) is False
    assert CHECK(spec, prime, (1, prime), gaps.Meter()) is False


def test_semiprime_sampling_is_reproducible():
    assert FAM.sample(64, random.Random(7)) == FAM.sample(64, random.Random(7))
    spec = FAM.sample(64, random.Random(7))
    first = FAM.generate["multiply"](spec, gaps.Meter())
    assert first == FAM.generate["multiply"](spec, gaps.Meter())
    assert first != FAM.generate["multiply"](FAM.sample(64, random.Random(8)), gaps.Meter())


def test_semiprime_schedules_stay_inside_one_regime_of_the_primality_test():
    # Factors below 2**62 (one-word tests) for decide, beyond 2**81 (proofs) for check.
    decide, check = (FAM.sizes_of(FAM.pairing(v)) for v in ("decide", "check"))
    assert decide is not None and check is not None
    assert max(decide) // 2 <= 62 and min(check) // 2 > 81
    spec = FAM.sample(min(check), random.Random(0))
    N, (p, q) = FAM.generate["multiply"](spec, gaps.Meter())
    assert p > 2**81 and CHECK(spec, N, (p, q), gaps.Meter()) is True

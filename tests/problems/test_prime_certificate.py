import random

import gaps

FAM = gaps.get("prime_certificate")
PRATT = FAM.verify["pratt"].fn
BLIND = FAM.verify["miller_rabin"].fn


def test_prime_certificate_accepts_honest_and_rejects_corruptions():
    for size, seed in [(3, 0), (4, 5), (20, 1), (40, 2), (160, 3)]:
        spec = FAM.sample(size, random.Random(seed))
        p, cert = result = FAM.generate["maurer"](spec, gaps.Meter())
        assert p.bit_length() == size
        assert PRATT(spec, p, cert, gaps.Meter()) is True
        assert BLIND(spec, p, gaps.Meter()) is True
        for k in range(3):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert PRATT(spec, bad, certificate, gaps.Meter()) is False
            assert BLIND(spec, bad, gaps.Meter()) is False


def test_prime_certificate_rejects_hand_made_wrong_answers():
    spec = (5, 0)
    cert = {
        17: (3, ((2, 4),)),
        23: (5, ((2, 1), (11, 1))),
        11: (2, ((2, 1), (5, 1))),
        5: (2, ((2, 2),)),
    }
    assert PRATT(spec, 17, cert, gaps.Meter()) is True
    assert PRATT(spec, 23, cert, gaps.Meter()) is True
    assert PRATT((6, 0), 23, cert, gaps.Meter()) is False  # the wrong bit length
    assert PRATT((5, 0), 21, {21: (2, ((2, 2), (5, 1)))}, gaps.Meter()) is False  # composite
    assert BLIND((5, 0), 21, gaps.Meter()) is False and BLIND((5, 0), 17, gaps.Meter()) is True
    for bad_cert in (
        {17: (2, ((2, 4),))},  # 2 has order 8 mod 17, not 16
        {17: (3, ((2, 3),))},  # wrong factorisation
        {17: (3, ((4, 2),))},  # 4 is not certified prime
        {17: (17, ((2, 4),))},  # a ≡ 0: a**16 ≢ 1
        {17: (16, ((2, 4),))},  # -1 has order 2
        {17: (3.0, ((2, 4),))},
        {17: (3, [(2, 4)])},
        {17: None},
        {},
        None,
    ):
        assert PRATT(spec, 17, bad_cert, gaps.Meter()) is False, bad_cert
    for bad in (17.0, True, "17", -17, None):
        assert PRATT(spec, bad, cert, gaps.Meter()) is False
        assert BLIND(spec, bad, gaps.Meter()) is False


def test_prime_certificate_witness_is_read_modulo_r():
    # The exponentiations run in FLINT: an unreduced or negative witness means its residue.
    for a in (3, 20, -14):
        assert PRATT((5, 0), 17, {17: (a, ((2, 4),))}, gaps.Meter()) is True


def test_prime_certificate_checks_large_primes_with_the_generators_arithmetic():
    spec = FAM.sample(600, random.Random(4))
    p, cert = FAM.generate["maurer"](spec, gaps.Meter())
    a, factors = cert[p]
    assert pow(a, p - 1, p) == 1 and all(pow(a, (p - 1) // q, p) != 1 for q, _ in factors)
    assert PRATT(spec, p, cert, gaps.Meter()) is True

import hashlib
import random

import gaps

FAM = gaps.get("proof_of_work")
CHECK = FAM.verify["check"].fn


def _leading_zero_bits(challenge, nonce):
    digest = hashlib.sha256(challenge + nonce.to_bytes(8, "big")).digest()
    return 256 - int.from_bytes(digest, "big").bit_length()


def test_proof_of_work_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (6, 1), (10, 2)]:
        puzzle = FAM.sample(size, random.Random(seed))
        meter = gaps.Meter()
        nonce = FAM.generate["search"](puzzle, meter)
        assert meter.steps == nonce + 1  # one hash per nonce tried
        assert _leading_zero_bits(puzzle[1], nonce) >= size
        assert all(_leading_zero_bits(puzzle[1], k) < size for k in range(nonce))
        assert CHECK(puzzle, nonce, gaps.Meter()) is True
        for k in range(4):
            bad = FAM.corrupt(puzzle, nonce, random.Random(k))
            assert CHECK(puzzle, bad, gaps.Meter()) is False


def test_proof_of_work_rejects_hand_made_wrong_answers():
    puzzle = FAM.sample(8, random.Random(3))
    nonce = FAM.generate["search"](puzzle, gaps.Meter())
    miss = next(k for k in range(10**6) if _leading_zero_bits(puzzle[1], k) < 8)
    for bad in (miss, -1, 2**64, float(nonce), str(nonce), None, True, [nonce]):
        assert CHECK(puzzle, bad, gaps.Meter()) is False, bad
    meter = gaps.Meter()
    assert CHECK(puzzle, nonce, meter) is True and meter.steps == 1


def test_proof_of_work_sampling_is_reproducible():
    assert FAM.sample(12, random.Random(7)) == FAM.sample(12, random.Random(7))
    assert FAM.sample(12, random.Random(7)) != FAM.sample(12, random.Random(8))

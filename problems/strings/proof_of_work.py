"""Proof of work: find a nonce whose SHA-256 hash has n leading zero bits vs check it.

Problem: a random 16-byte challenge and a difficulty of n bits. The output is a nonce
in [0, 2**64) such that SHA-256(challenge || nonce as 8 big-endian bytes) starts with
at least n zero bits (Hashcash, Back 2002; Bitcoin's mining puzzle, Nakamoto 2008).

Gap: SHA-256 is modelled as a random function, so each hash meets the target with
probability 2**-n and the search (nonces 0, 1, 2, ... in turn) takes 2**n hash
evaluations on average, geometrically distributed; no better generic method is known
(Grover's search would take 2**(n/2) on a quantum computer). Checking takes one hash.
The gap is n bits: exponential vs constant, positive. This is the textbook example
of a puzzle built to have a tunable positive gap (Dwork & Naor 1992).

Costs: steps (one per hash evaluation; a hash of a 24-byte message is O(1)) and time.

References: Dwork & Naor 1992; Back 2002 (Hashcash); Nakamoto 2008; NIST FIPS 180-4
(SHA-256).

>>> import random, gaps
>>> fam = gaps.get("proof_of_work")
>>> puzzle = fam.sample(8, random.Random(1))
>>> nonce = fam.generate["search"](puzzle, gaps.Meter())
>>> fam.verify["check"].fn(puzzle, nonce, gaps.Meter())
True
>>> fam.verify["check"].fn(puzzle, fam.corrupt(puzzle, nonce, random.Random(2)), gaps.Meter())
False
"""

from __future__ import annotations

import hashlib
import random

import gaps

Puzzle = tuple[int, bytes]


def sample(size: int, rng: random.Random) -> Puzzle:
    return min(size, 256), rng.getrandbits(128).to_bytes(16, "big")


def _zeros_ok(challenge: bytes, nonce: int, bits: int) -> bool:
    digest = hashlib.sha256(challenge + nonce.to_bytes(8, "big")).digest()
    return int.from_bytes(digest, "big") >> (256 - bits) == 0


def search(puzzle: Puzzle, meter: gaps.Meter) -> int:
    bits, challenge = puzzle
    nonce = 0
    while True:
        meter.tick()
        if _zeros_ok(challenge, nonce, bits):
            return nonce
        nonce += 1


def check(puzzle: Puzzle, nonce: object, meter: gaps.Meter) -> bool:
    if type(nonce) is not int or not 0 <= nonce < 2**64:
        return False
    meter.tick()
    return _zeros_ok(puzzle[1], nonce, puzzle[0])


def corrupt(puzzle: Puzzle, nonce: int, rng: random.Random) -> int:
    """The next nonce after a random offset that misses the target (almost always the first)."""
    bits, challenge = puzzle
    bad = (nonce + rng.randint(1, 1000)) % 2**64
    while bits and _zeros_ok(challenge, bad, bits):
        bad = (bad + 1) % 2**64
    return bad if bits else -1  # with difficulty 0 every nonce in range is valid


FAMILY = gaps.Family(
    name="proof_of_work",
    domain="strings",
    summary="Find a nonce with n leading zero bits of SHA-256 (2**n hashes) vs hash it once.",
    sample=sample,
    generate={"search": search},
    verify={"check": gaps.witness(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n", verify="1", sign="positive", reference="Dwork and Naor 1992"
    ),
    references=("Dwork and Naor 1992", "Back 2002 (Hashcash)", "Nakamoto 2008", "FIPS 180-4"),
    tags=("hashing", "cryptography", "puzzle"),
    units=("steps", "time"),
    sizes=(4, 6, 8, 10, 12, 14, 16, 18),
)

"""Bit-string candidates: the image of a k-bit seed under a generator vs find a preimage.

Objects are ``(generator, k, image)`` (kind ``preimage``): generator a picklable
callable from a seed in range(2**k) to 2k bits as bytes. Generators: SHA-256 and
BLAKE2s (hashlib), an LFSR, a random linear map over GF(2), and a small nonlinear
generator (each output bit x_a XOR x_b XOR (x_c AND x_d) on random seed bits,
Goldreich's construction). Naive: image of a random seed. The decider is exhaustive
search over the 2**k seeds: the generator is a black box to it; structure-exploiting
methods (GF(2) elimination, Berlekamp–Massey) are the search's attacks.

>>> import random, gaps
>>> fam = candidates()[0]
>>> spec = fam.sample(8, random.Random(0))
>>> obj, seed = fam.generate["generate"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, obj, seed, gaps.Meter())
True
"""

from __future__ import annotations

import functools
import hashlib
import random
from typing import Any

from gaps.problems.space.grammar import atom, declare

import gaps

SIZES = (8, 12, 16, 20)


def _bytes(bits: int, nbits: int) -> bytes:
    return bits.to_bytes((nbits + 7) // 8, "little")


def hashed(name: str, k: int, seed: int) -> bytes:
    """The first 2k bits of hashlib's ``name`` of the seed's bytes."""
    digest = hashlib.new(name, _bytes(seed, k)).digest()
    return _bytes(int.from_bytes(digest, "little") & ((1 << (2 * k)) - 1), 2 * k)


def lfsr(taps: int, k: int, seed: int) -> bytes:
    """2k output bits of the Fibonacci LFSR with feedback ``taps`` from state ``seed``."""
    state, out = seed, 0
    for i in range(2 * k):
        out |= (state & 1) << i
        state = (state >> 1) | ((bin(state & taps).count("1") & 1) << (k - 1))
    return _bytes(out, 2 * k)


def linear(rows: tuple[int, ...], k: int, seed: int) -> bytes:
    """M x over GF(2), the rows of M as k-bit masks."""
    return _bytes(sum((bin(r & seed).count("1") & 1) << i for i, r in enumerate(rows)), len(rows))


def local(quads: tuple[tuple[int, ...], ...], k: int, seed: int) -> bytes:
    """Each output bit x_a ^ x_b ^ (x_c & x_d)."""
    bit = lambda i: (seed >> i) & 1  # noqa: E731
    out = sum((bit(a) ^ bit(b) ^ (bit(c) & bit(d))) << i for i, (a, b, c, d) in enumerate(quads))
    return _bytes(out, len(quads))


def _generator(name: str, k: int, rng: random.Random) -> Any:
    if name in ("sha256", "blake2s"):
        return functools.partial(hashed, name, k)
    if name == "lfsr":
        return functools.partial(lfsr, rng.getrandbits(k) | 1, k)
    if name == "linear":
        return functools.partial(linear, tuple(rng.getrandbits(k) for _ in range(2 * k)), k)
    quads = tuple(tuple(rng.sample(range(k), 4)) for _ in range(2 * k))
    return functools.partial(local, quads, k)


def generate(name: str, spec: Any, meter: gaps.Meter) -> Any:
    k, seed = spec
    rng = random.Random(seed)
    g = _generator(name, k, rng)
    x = rng.getrandbits(k)
    meter.tick(k)
    return gaps.Certified((g, k, g(x)), x)


def _ok(spec: Any, obj: Any) -> bool:
    return (
        isinstance(obj, tuple) and len(obj) == 3 and callable(obj[0]) and obj[1] == spec[0]
        and isinstance(obj[2], bytes)
    )  # fmt: skip


def decide(spec: Any, obj: Any, meter: gaps.Meter) -> bool:
    if not _ok(spec, obj):
        return False
    g, k, image = obj
    for x in range(2**k):
        meter.tick()
        if g(x) == image:
            return True
    return False


def check(spec: Any, obj: Any, x: Any, meter: gaps.Meter) -> bool:
    meter.tick()
    return _ok(spec, obj) and type(x) is int and 0 <= x < 2 ** obj[1] and obj[0](x) == obj[2]


#: Seeds of at most this many bits: a corruption is confirmed to have no preimage by
#: trying them all. Above, 2**k seeds reach at most 2**k of the 2**(2k) strings of 2k
#: bits, so a random string is an image with probability at most 2**-k; confirming it
#: would cost as much as the exhaustive decider, on every corruption.
CONFIRM_BITS = 16


def corrupt(spec: Any, result: Any, rng: random.Random) -> Any:
    """A random string of the image's length, with no preimage: confirmed exhaustively
    up to :data:`CONFIRM_BITS` seed bits, an image with probability at most 2**-k above."""
    (g, k, _), x = result
    images = {g(s) for s in range(2**k)} if k <= CONFIRM_BITS else set()
    while True:
        bad = _bytes(rng.getrandbits(2 * k), 2 * k)
        if bad not in images:
            return gaps.Certified((g, k, bad), x)


def candidates() -> list[gaps.Family]:
    """Images of five generators.

    >>> len(candidates())
    5
    """
    return [
        declare(
            domain="bitstrings",
            prefix="bits",
            prop=atom("in_image", generator=name),
            construction="naive_plant",
            generate=functools.partial(generate, name),
            decide=decide,
            decider="exhaustive search over the 2**k seeds",
            check=check,
            corrupt=corrupt,
            kind="preimage",
            sizes=SIZES,
        )
        for name in ("sha256", "blake2s", "lfsr", "linear", "local")
    ]

"""Pairs of random DNA-like strings, the instances of the string alignment families."""

from __future__ import annotations

import itertools
import random

ALPHABET = "acgt"

Pair = tuple[str, str]


def sample(size: int, rng: random.Random) -> Pair:
    """Two independent random strings of length ``size`` over ``ALPHABET``.

    >>> sample(4, random.Random(0))
    ('ttag', 'ttgt')
    """
    n = max(size, 1)
    return (
        "".join(rng.choice(ALPHABET) for _ in range(n)),
        "".join(rng.choice(ALPHABET) for _ in range(n)),
    )


#: The letters of the small pairs a specification checks: two are enough for every
#: kind of column (match, mismatch, insertion, deletion).
SMALL_ALPHABET = "ac"


def small_pairs(bound: int) -> list[Pair]:
    """Every pair of strings over ``SMALL_ALPHABET`` of total length below ``bound``.

    >>> small_pairs(2)
    [('', ''), ('', 'a'), ('', 'c'), ('a', ''), ('c', '')]
    """
    words = [
        "".join(w)
        for length in range(bound)
        for w in itertools.product(SMALL_ALPHABET, repeat=length)
    ]
    pairs = [(s, t) for s in words for t in words if len(s) + len(t) < bound]
    return sorted(pairs, key=lambda p: (len(p[0]) + len(p[1]), p))

"""Pairs of random DNA-like strings, the instances of the string alignment families."""

from __future__ import annotations

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

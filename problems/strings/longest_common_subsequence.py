"""Longest common subsequence: dynamic programming vs checking a common subsequence.

Problem: two random strings of length n over the alphabet ``acgt``. The output is the
length of their longest common subsequence (LCS).

Gap: generation is the textbook dynamic program (Wagner & Fischer 1974; Hirschberg
1975 for linear space), a readable Python loop ticking one step per table cell,
Θ(n**2), followed by a traceback that returns, as a certificate, one longest common
subsequence as a list of index pairs ``(i, j)`` with s[i] = t[j], both strictly
increasing. A strongly subquadratic algorithm would refute the strong exponential
time hypothesis (Abboud, Backurs & Vassilevska Williams 2015; Bringmann & Künnemann
2015); the four-Russians speed-up saves only a log factor.

The ``common`` verifier (certified) checks in Θ(n) that the pairs form a common
subsequence of exactly the claimed length. That proves only that the LCS is AT LEAST
the claim: a shorter common subsequence with its own length would pass. No short
certificate of optimality (an upper bound) is known in general, so the exact check
is ``recompute`` (compare): run the dynamic program again (two rows) and compare,
Θ(n**2), a neutral gap. The corruptor changes the claimed length by one and keeps
the pairs, which both verifiers reject.

Costs: steps (one per table cell, per traceback move, per pair checked) and time.
Expected: generation n**2, common n (positive, for the weaker lower-bound claim),
recompute n**2 (neutral).

References: Wagner & Fischer 1974; Hirschberg 1975; Masek & Paterson 1980; Abboud,
Backurs & Vassilevska Williams 2015; Bringmann & Künnemann 2015.

>>> import random, gaps
>>> fam = gaps.get("longest_common_subsequence")
>>> pair = fam.sample(40, random.Random(1))
>>> k, pairs = fam.generate["dynamic_programming"](pair, gaps.Meter())
>>> fam.verify["common"].fn(pair, k, pairs, gaps.Meter())
True
>>> fam.verify["common"].fn(pair, k + 1, pairs, gaps.Meter())
False
>>> fam.generate["dynamic_programming"](("abcbdab", "bdcaba"), gaps.Meter()).output
4
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from typing import Any

from gaps.problems.strings._pairs import sample, small_pairs

import gaps

Pair = tuple[str, str]


def _next_row(prev: list[int], a: str, t: str) -> list[int]:
    row = [0]
    for j, b in enumerate(t, 1):
        row.append(prev[j - 1] + 1 if a == b else max(prev[j], row[j - 1]))
    return row


def length(s: str, t: str, meter: gaps.Meter) -> int:
    """The LCS length, keeping two rows."""
    prev = [0] * (len(t) + 1)
    for a in s:
        meter.tick(len(t))
        prev = _next_row(prev, a, t)
    return prev[-1]


def dynamic_programming(pair: Pair, meter: gaps.Meter) -> gaps.Certified:
    s, t = pair
    table = [[0] * (len(t) + 1)]
    for a in s:
        meter.tick(len(t))
        table.append(_next_row(table[-1], a, t))
    i, j, pairs = len(s), len(t), []
    while i and j:
        meter.tick()
        if s[i - 1] == t[j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return gaps.Certified(table[-1][-1], pairs)


def common(pair: Pair, k: object, pairs: object, meter: gaps.Meter) -> bool:
    s, t = pair
    if type(k) is not int or not isinstance(pairs, list) or len(pairs) != k:
        return False
    last_i, last_j = -1, -1
    for item in pairs:
        meter.tick()
        if not isinstance(item, tuple) or len(item) != 2:
            return False
        i, j = item
        if type(i) is not int or type(j) is not int:
            return False
        if not (last_i < i < len(s) and last_j < j < len(t)) or s[i] != t[j]:
            return False
        last_i, last_j = i, j
    return True


def recompute(pair: Pair, k: object, meter: gaps.Meter) -> bool:
    return type(k) is int and k == length(*pair, meter)


def corrupt(pair: Pair, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Claim a length one lower or one higher, with the same pairs."""
    k = result.output
    bad = k + 1 if k == 0 else k + rng.choice((-1, 1))
    return gaps.Certified(bad, result.certificate)


def _room(pair: Pair) -> int:
    """Room for one pair more than the longest common subsequence can have."""
    return min(len(pair[0]), len(pair[1])) + 1


def _pair_variables(pair: Pair) -> list[Any]:
    """The claimed length, the list's length, then the first and second index of each pair."""
    import z3

    m = _room(pair)
    return [
        z3.Int("k"),
        z3.Int("length"),
        *(z3.Int(f"i{p}") for p in range(m)),
        *(z3.Int(f"j{p}") for p in range(m)),
    ]


def _pairs_near(pair: Pair, v: Sequence[Any]) -> Any:
    """Indices from -1 (Python's last) to one past each string in the listed pairs, zero
    past them; claims from -1 to one past the room."""
    import z3

    s, t = pair
    m = _room(pair)
    k, count, first, second = v[0], v[1], v[2 : 2 + m], v[2 + m :]
    ranges = [
        z3.If(p < count, z3.And(i >= -1, i <= len(s), j >= -1, j <= len(t)), z3.And(i == 0, j == 0))
        for p, (i, j) in enumerate(zip(first, second, strict=True))
    ]
    return z3.And(count >= 0, count <= m, k >= -1, k <= m + 1, *ranges)


def _is_common_subsequence(pair: Pair, v: Sequence[Any]) -> Any:
    """As many pairs as claimed, both indices strictly increasing within the strings, and
    the letters at each pair equal."""
    import z3

    s, t = pair
    m = _room(pair)
    k, count, first, second = v[0], v[1], v[2 : 2 + m], v[2 + m :]
    matches = [(a, b) for a, b in itertools.product(range(len(s)), range(len(t))) if s[a] == t[b]]
    listed = []
    for p, (i, j) in enumerate(zip(first, second, strict=True)):
        equal = z3.Or([z3.And(i == a, j == b) for a, b in matches])
        after = [] if p == 0 else [i > first[p - 1], j > second[p - 1]]
        listed.append(z3.Implies(p < count, z3.And(equal, *after)))
    return z3.And(k == count, *listed)


def _decode_pairs(pair: Pair, values: Sequence[Any]) -> gaps.Certified:
    m = _room(pair)
    k, count, first, second = values[0], values[1], values[2 : 2 + m], values[2 + m :]
    return gaps.Certified(k, list(zip(first[:count], second[:count], strict=True)))


SPECIFICATION = gaps.Specification(
    instances=small_pairs,
    variables=_pair_variables,
    valid=_is_common_subsequence,
    decode=_decode_pairs,
    domain=_pairs_near,
    verifier="common",
    # Pairs with an empty string are checked exhaustively; the others within two
    # changes of a common subsequence (a pair added with its claimed length).
    near=lambda pair: None if not (pair[0] and pair[1]) else 2,
)


FAMILY = gaps.Family(
    name="longest_common_subsequence",
    domain="strings",
    summary="LCS length by dynamic programming vs checking a common subsequence or recomputing.",
    sample=sample,
    generate={"dynamic_programming": dynamic_programming},
    verify={"common": gaps.certified(common), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**2",
        verify={"common": "n", "recompute": "n**2"},
        sign={"common": "positive", "recompute": "neutral"},
        reference="Wagner and Fischer 1974; Abboud, Backurs and Vassilevska Williams 2015",
    ),
    references=(
        "Wagner and Fischer 1974",
        "Hirschberg 1975",
        "Masek and Paterson 1980",
        "Abboud, Backurs and Vassilevska Williams 2015",
        "Bringmann and Künnemann 2015",
    ),
    tags=("strings", "dynamic-programming", "certificate", "textbook"),
    units=("steps", "time"),
    sizes=(40, 64, 100, 150, 220, 320),
    spec=SPECIFICATION,
)

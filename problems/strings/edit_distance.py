"""Edit distance: Wagner–Fischer dynamic programming vs checking an alignment.

Problem: two random strings of length n over the alphabet ``acgt``. The output is
their Levenshtein distance (insertions, deletions and substitutions of cost 1).

Gap: generation is the Wagner–Fischer dynamic program (textbook, a readable Python
loop ticking one step per table cell), Θ(n**2), followed by a traceback that returns,
as a certificate, an optimal alignment: a list of column pairs ``(a, b)`` where a is a
character of the first string or ``""`` (an insertion) and b one of the second or
``""`` (a deletion). Θ(n**2) is essentially optimal: a strongly subquadratic algorithm
would refute the strong exponential time hypothesis (Backurs & Indyk 2015); the
Masek–Paterson "four Russians" speed-up only saves a log factor.

The ``alignment`` verifier (certified) checks in Θ(n) that the alignment spells both
strings and costs exactly the claimed distance. That proves only that the distance is
AT MOST the claim: an honest-looking suboptimal alignment with its (too large) cost
would pass. A short certificate of optimality (a lower bound) is not known in
general, so the exact check is ``recompute`` (compare): run the dynamic program again
and compare, Θ(n**2), a neutral gap. The corruptor changes the claimed distance by one
(keeping the alignment), which both verifiers reject.

Costs: steps (one per table cell, per traceback move, per alignment column) and time.
Expected: generation n**2, alignment n (positive, but for the weaker upper-bound
claim), recompute n**2 (neutral).

References: Wagner & Fischer 1974; Masek & Paterson 1980; Backurs & Indyk 2015.

>>> import random, gaps
>>> fam = gaps.get("edit_distance")
>>> pair = fam.sample(40, random.Random(1))
>>> d, alignment = fam.generate["wagner_fischer"](pair, gaps.Meter())
>>> fam.verify["alignment"].fn(pair, d, alignment, gaps.Meter())
True
>>> fam.verify["alignment"].fn(pair, d - 1, alignment, gaps.Meter())
False
>>> fam.generate["wagner_fischer"](("kitten", "sitting"), gaps.Meter()).output
3
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from gaps.problems.strings._pairs import SMALL_ALPHABET, sample, small_pairs

import gaps

Pair = tuple[str, str]


def _table(s: str, t: str, meter: gaps.Meter) -> list[list[int]]:
    rows = [list(range(len(t) + 1))]
    for i, a in enumerate(s, 1):
        meter.tick(len(t))
        prev, row = rows[-1], [i]
        for j, b in enumerate(t, 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a != b)))
        rows.append(row)
    return rows


def distance(s: str, t: str, meter: gaps.Meter) -> int:
    """The Levenshtein distance by Wagner–Fischer, keeping two rows."""
    prev = list(range(len(t) + 1))
    for i, a in enumerate(s, 1):
        meter.tick(len(t))
        row = [i]
        for j, b in enumerate(t, 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a != b)))
        prev = row
    return prev[-1]


def wagner_fischer(pair: Pair, meter: gaps.Meter) -> gaps.Certified:
    s, t = pair
    table = _table(s, t, meter)
    i, j, columns = len(s), len(t), []
    while i or j:
        meter.tick()
        here = table[i][j]
        if i and j and here == table[i - 1][j - 1] + (s[i - 1] != t[j - 1]):
            columns.append((s[i - 1], t[j - 1]))
            i, j = i - 1, j - 1
        elif i and here == table[i - 1][j] + 1:
            columns.append((s[i - 1], ""))
            i -= 1
        else:
            columns.append(("", t[j - 1]))
            j -= 1
    columns.reverse()
    return gaps.Certified(table[-1][-1], columns)


def alignment(pair: Pair, d: object, columns: object, meter: gaps.Meter) -> bool:
    s, t = pair
    if type(d) is not int or not isinstance(columns, list):
        return False
    top, bottom, cost = [], [], 0
    for column in columns:
        meter.tick()
        if not isinstance(column, tuple) or len(column) != 2:
            return False
        a, b = column
        if not (isinstance(a, str) and isinstance(b, str)) or len(a) > 1 or len(b) > 1:
            return False
        if not (a or b):
            return False
        top.append(a)
        bottom.append(b)
        cost += a != b
    return cost == d and "".join(top) == s and "".join(bottom) == t


def recompute(pair: Pair, d: object, meter: gaps.Meter) -> bool:
    return type(d) is int and d == distance(*pair, meter)


def corrupt(pair: Pair, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Claim a distance one lower or one higher, with the same alignment."""
    d = result.output
    bad = d + 1 if d == 0 else d + rng.choice((-1, 1))
    return gaps.Certified(bad, result.certificate)


#: What a column side's code stands for: a gap, a letter, or two letters (malformed).
SIDES = ("", *SMALL_ALPHABET, SMALL_ALPHABET[::-1])


def _columns(pair: Pair) -> int:
    """Room for one column more than the longest alignment: one too many is a candidate."""
    return len(pair[0]) + len(pair[1]) + 1


def _alignment_variables(pair: Pair) -> list[Any]:
    """The claimed distance, the column count, then a code per column side (see SIDES)."""
    import z3

    m = _columns(pair)
    return [
        z3.Int("d"),
        z3.Int("columns"),
        *(z3.Int(f"top{i}") for i in range(m)),
        *(z3.Int(f"bottom{i}") for i in range(m)),
    ]


def _alignments_near(pair: Pair, v: Sequence[Any]) -> Any:
    """Any side codes in the used columns (zero past them), distances from -1 to m + 1."""
    import z3

    m = _columns(pair)
    d, count, sides = v[0], v[1], v[2:]
    ranges = [
        z3.If(i % m < count, z3.And(x >= 0, x < len(SIDES)), x == 0) for i, x in enumerate(sides)
    ]
    return z3.And(count >= 0, count <= m, d >= -1, d <= m + 1, *ranges)


def _spells(word: str, codes: Sequence[Any], used: Sequence[Any]) -> list[Any]:
    """Each used non-gap code is the next letter of ``word``, and every letter is used."""
    import z3

    letters, placed = [], z3.IntVal(0)
    for code, on in zip(codes, used, strict=True):
        here = z3.Or([z3.And(placed == p, code == SIDES.index(a)) for p, a in enumerate(word)])
        letters.append(z3.Implies(z3.And(on, code != 0), here))
        placed = placed + z3.If(z3.And(on, code != 0), 1, 0)
    return [*letters, placed == len(word)]


def _is_alignment_of_cost(pair: Pair, v: Sequence[Any]) -> Any:
    """The columns (one letter or a gap a side, never two gaps) spell both strings, and
    as many columns differ as the claimed distance."""
    import z3

    m = _columns(pair)
    d, count, top, bottom = v[0], v[1], v[2 : 2 + m], v[2 + m :]
    used = [count > i for i in range(m)]
    columns = [
        z3.Implies(on, z3.And(a <= len(SMALL_ALPHABET), b <= len(SMALL_ALPHABET), a + b > 0))
        for on, a, b in zip(used, top, bottom, strict=True)
    ]
    cost = z3.Sum(
        [z3.If(z3.And(on, a != b), 1, 0) for on, a, b in zip(used, top, bottom, strict=True)]
    )
    return z3.And(
        *columns, *_spells(pair[0], top, used), *_spells(pair[1], bottom, used), d == cost
    )


def _decode_alignment(pair: Pair, values: Sequence[Any]) -> gaps.Certified:
    m = _columns(pair)
    d, count, top, bottom = values[0], values[1], values[2 : 2 + m], values[2 + m :]
    columns = [(SIDES[a], SIDES[b]) for a, b in zip(top[:count], bottom[:count], strict=True)]
    return gaps.Certified(d, columns)


SPECIFICATION = gaps.Specification(
    instances=small_pairs,
    variables=_alignment_variables,
    valid=_is_alignment_of_cost,
    decode=_decode_alignment,
    domain=_alignments_near,
    verifier="alignment",
    # Two empty strings are checked exhaustively; longer pairs next to each alignment.
    near=lambda pair: None if not pair[0] + pair[1] else 1,
)


FAMILY = gaps.Family(
    name="edit_distance",
    domain="strings",
    summary="Levenshtein distance by dynamic programming vs checking an alignment or recomputing.",
    sample=sample,
    generate={"wagner_fischer": wagner_fischer},
    verify={"alignment": gaps.certified(alignment), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**2",
        verify={"alignment": "n", "recompute": "n**2"},
        sign={"alignment": "positive", "recompute": "neutral"},
        reference="Wagner and Fischer 1974; Backurs and Indyk 2015",
    ),
    references=("Wagner and Fischer 1974", "Masek and Paterson 1980", "Backurs and Indyk 2015"),
    tags=("strings", "dynamic-programming", "certificate", "textbook"),
    units=("steps", "time"),
    sizes=(40, 64, 100, 150, 220, 320),
    spec=SPECIFICATION,
)

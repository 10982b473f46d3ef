"""Matrix candidates over GF(p) and the rationals: singular, rank at most r, nilpotent.

Objects are ``(p, rows)``: p a prime, or 0 for the rationals (integer entries), and
rows an n x n matrix as a tuple of tuples of ints (entries in range(p) when p > 0).
Singular matrices are of kind ``kernel``: the witness is a non-zero x with A x = 0.
A rank-at-most-r matrix carries the factors (B, C) of A = B C, n x r and r x n, and
a nilpotent one (P, P^-1) with P^-1 A P strictly upper triangular.

Constructions: naive, a column repeated (singular), random factors (rank), a
strictly upper triangular matrix conjugated by a random unimodular P (nilpotent);
quiet, a uniformly random matrix among those whose kernel holds a hidden x (each row
projected orthogonally to x, so that no column stands out); rejection, a uniformly
random matrix over GF(2) or GF(3) kept when it is singular (with probability about
0.71 and 0.56), its kernel vector from the decider; transform, A -> P A Q for random
unimodular P and Q (the witness follows: Q^-1 x, (P B, C Q), or (P^-1... conjugated)).

Deciders: FLINT's exact linear algebra through python-flint (``nmod_mat`` and
``fmpz_mat``: rank, determinant, characteristic polynomial, nullspace). Checks
multiply with FLINT too. All costs are native, so they are timed.

>>> import random, gaps
>>> fam = next(c for c in candidates() if c.name == "matrix_singular_gf65521_quiet_plant")
>>> spec = fam.sample(8, random.Random(0))
>>> A, x = fam.generate["generate"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, A, x, gaps.Meter()), fam.verify["decide"].fn(spec, A, gaps.Meter())
(True, True)
"""

from __future__ import annotations

import functools
import random
from typing import Any

import flint
from gaps.problems.space.grammar import Prop, atom, declare

import gaps

SIZES = (8, 16, 32, 64)
TRIES = 300
Rows = tuple[tuple[int, ...], ...]


def _mat(p: int, rows: Any) -> Any:
    return (
        flint.nmod_mat([list(r) for r in rows], p) if p else flint.fmpz_mat([list(r) for r in rows])
    )


def _rows(p: int, m: Any) -> Rows:
    return tuple(tuple(int(v) for v in row) for row in m.tolist())


def _random(p: int, n: int, cols: int, rng: random.Random) -> list[list[int]]:
    return [
        [rng.randrange(p) if p else rng.randrange(-9, 10) for _ in range(cols)] for _ in range(n)
    ]


def _unimodular(p: int, n: int, rng: random.Random) -> Any:
    """A random product of a unit lower and a unit upper triangular matrix (det = 1)."""
    low = [[1 if i == j else (rng.choice((-1, 0, 1)) % p if p else rng.choice((-1, 0, 1)))
            if j < i else 0 for j in range(n)] for i in range(n)]  # fmt: skip
    up = [[1 if i == j else (rng.choice((-1, 0, 1)) % p if p else rng.choice((-1, 0, 1)))
           if j > i else 0 for j in range(n)] for i in range(n)]  # fmt: skip
    return _mat(p, low) * _mat(p, up)


def _inverse(p: int, m: Any) -> Any:
    if p:
        return m.inv()
    inv = flint.fmpq_mat(m).inv()  # det 1: the inverse is integral
    return flint.fmpz_mat([[int(v) for v in row] for row in inv.tolist()])


def _zero(m: Any) -> bool:
    return not any(int(v) for v in m.entries())


def _identity(p: int, n: int) -> Any:
    return _mat(p, [[int(i == j) for j in range(n)] for i in range(n)])


def _vec(p: int, x: Any) -> Any:
    return _mat(p, [[v] for v in x])


def build(name: str, construction: str, p: int, r: int, n: int, rng: random.Random) -> Any:
    """(rows, witness) of one construction."""
    if name == "singular":
        if construction == "rejection":
            for _ in range(TRIES):
                m = _mat(p, _random(p, n, n, rng))
                space, nullity = m.nullspace()
                if nullity:
                    return _rows(p, m), tuple(int(space[i, 0]) for i in range(n))
            raise gaps.GaveUp(f"no singular matrix over GF({p}) in {TRIES} tries")
        rows = _random(p, n, n, rng)
        i, j = rng.sample(range(n), 2)
        if construction == "quiet_plant":  # rows uniform among those orthogonal to x
            x = [rng.randrange(p) if p else rng.randrange(-3, 4) for _ in range(n)]
            x[j] = 1
            for row in rows:
                dot = sum(a * b for a, b in zip(row, x, strict=True)) - row[j]
                row[j] = (-dot) % p if p else -dot
            return tuple(map(tuple, rows)), tuple(v % p if p else v for v in x)
        for row in rows:
            row[j] = row[i]
        x = [0] * n
        x[i], x[j] = 1, (p - 1 if p else -1)
        a = _mat(p, rows)
        if construction == "transform":
            P, Q = _unimodular(p, n, rng), _unimodular(p, n, rng)
            xq = _inverse(p, Q) * _vec(p, x)
            return _rows(p, P * a * Q), tuple(int(xq[k, 0]) for k in range(n))
        return _rows(p, a), tuple(x)
    if name == "rank_at_most":
        B, C = _mat(p, _random(p, n, r, rng)), _mat(p, _random(p, r, n, rng))
        if construction == "transform":
            B, C = _unimodular(p, n, rng) * B, C * _unimodular(p, n, rng)
        return _rows(p, B * C), (_rows(p, B), _rows(p, C))
    # nilpotent: P N P^-1 with N strictly upper triangular
    N = [[(rng.randrange(p) if p else rng.randrange(-9, 10)) if j > i else 0 for j in range(n)]
         for i in range(n)]  # fmt: skip
    P = _unimodular(p, n, rng)
    if construction == "transform":
        P = P * _unimodular(p, n, rng)
    Pinv = _inverse(p, P)
    return _rows(p, P * _mat(p, N) * Pinv), (_rows(p, P), _rows(p, Pinv))


def _square(p: int, n: int, obj: Any, shape: tuple[int, int] | None = None) -> Any:
    """obj as a FLINT matrix, if it is a (p, rows) with the right shape and entries."""
    rows_expected, cols = shape or (n, n)
    if shape is None:
        if not (isinstance(obj, tuple) and len(obj) == 2 and obj[0] == p):
            return None
        obj = obj[1]
    if not (isinstance(obj, tuple) and len(obj) == rows_expected):
        return None
    for row in obj:
        if not (isinstance(row, tuple) and len(row) == cols):
            return None
        if not all(type(v) is int and (0 <= v < p if p else True) for v in row):
            return None
    return _mat(p, obj)


def decide(name: str, p: int, r: int, spec: Any, obj: Any, meter: gaps.Meter) -> bool:
    n = spec[0]
    a = _square(p, n, obj)
    if a is None:
        return False
    if name == "singular":
        return a.rank() < n
    if name == "rank_at_most":
        return a.rank() <= r
    return all(int(c) == 0 for c in list(a.charpoly().coeffs())[:-1])


def check(name: str, p: int, r: int, spec: Any, obj: Any, w: Any, meter: gaps.Meter) -> bool:
    n = spec[0]
    a = _square(p, n, obj)
    if a is None or not isinstance(w, tuple):
        return False
    if name == "singular":
        if len(w) != n or not all(type(v) is int for v in w):
            return False
        x = _mat(p, [[v % p if p else v] for v in w])
        return not _zero(x) and _zero(a * x)
    if len(w) != 2:
        return False
    if name == "rank_at_most":
        B, C = _square(p, n, w[0], (n, r)), _square(p, n, w[1], (r, n))
        return B is not None and C is not None and a == B * C
    P, Pinv = _square(p, n, w[0], (n, n)), _square(p, n, w[1], (n, n))
    if P is None or Pinv is None or P * Pinv != _identity(p, n):
        return False
    t = Pinv * a * P
    return all(int(t[i, j]) == 0 for i in range(n) for j in range(i + 1))


def corrupt(name: str, p: int, spec: Any, result: Any, rng: random.Random) -> Any:
    """A unimodular matrix (full rank) for the rank properties; A + I for nilpotent A."""
    n = spec[0]
    if name == "nilpotent":
        bad = _mat(p, result.output[1]) + _identity(p, n)
    else:
        bad = _unimodular(p, n, rng)
    return gaps.Certified((p, _rows(p, bad)), result.certificate)


def _generate(name: str, construction: str, p: int, r: int, spec: Any, meter: gaps.Meter) -> Any:
    n, seed = spec
    rows, witness = build(name, construction, p, _r(r, n), n, random.Random(seed))
    return gaps.Certified((p, rows), witness)


def _r(r: int, n: int) -> int:
    """The rank bound: r itself, or n/2 when r is 0."""
    return r or n // 2


def _field(p: int) -> str:
    return f"gf{p}" if p else "rationals"


_CANDIDATES: tuple[tuple[str, str, int, int], ...] = (
    *(("singular", c, p, 0) for p in (2, 65521, 0)
      for c in ("naive_plant", "quiet_plant", "transform")),
    ("singular", "rejection", 2, 0),
    ("singular", "rejection", 3, 0),
    *(("rank_at_most", c, p, 0) for p in (2, 65521, 0) for c in ("naive_plant", "transform")),
    *(("rank_at_most", "naive_plant", p, 1) for p in (2, 65521, 0)),
    *(("nilpotent", c, p, 0) for p in (2, 65521, 0) for c in ("naive_plant", "transform")),
)  # fmt: skip


def candidates() -> list[gaps.Family]:
    """Matrix candidates over GF(2), GF(3), GF(65521) and the rationals.

    >>> len(candidates())
    26
    """
    found = []
    for name, construction, p, r in _CANDIDATES:
        prop: Prop = atom(name, r=r or "n/2") if name == "rank_at_most" else atom(name)
        part = functools.partial
        found.append(
            declare(
                domain="matrices",
                prefix="matrix",
                prop=prop,
                construction=construction,
                variant=_field(p),
                generate=part(_generate, name, construction, p, r),
                decide=_bound(decide, name, p, r),
                decider="FLINT's exact rank and characteristic polynomial (python-flint)",
                check=_bound(check, name, p, r),
                check_ticks=False,
                corrupt=part(corrupt, name, p),
                kind="kernel" if name == "singular" else None,
                sizes=SIZES,
            )
        )
    return found


def _bound(fn: Any, name: str, p: int, r: int) -> Any:
    """``fn`` with the rank bound resolved per size (r = 0 means n/2)."""

    def bound(spec: Any, *args: Any) -> Any:
        return fn(name, p, _r(r, spec[0]), spec, *args)

    return bound

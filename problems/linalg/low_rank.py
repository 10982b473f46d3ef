"""Low rank: multiply random factors into a rank-r matrix vs decide or certify its rank.

Problem: the instance ``(n, r, seed)`` asks for an n×n matrix of rank exactly r over
GF(p), p = 2**61 − 1 (exact arithmetic: no rounding decides a rank), with r = ⌊n/2⌋
when sampled. The output is the matrix, a tuple of n rows of ints in [0, p).

Gap: ``product`` (pure Python, one tick per field multiplication) multiplies random
U (n×r) and V (r×n), n²r steps, so rank(A) ≤ r, and inverts a random r×r minor
A[I, J] by Gauss–Jordan (2r³ steps, redrawn if singular), proving rank(A) ≥ r; the
certificate is ``(U, V, I, J, M)``, M = A[I, J]⁻¹.

- ``decide`` (blind) computes the rank by Gaussian elimination, which stops finding
  pivots after r columns: ≈ n²r − nr² + r³/3 steps, Θ(n²r) like the product, so
  neutral for every r. Fast methods keep the tie: both cost O(n²r^(ω−2)) (Bunch &
  Hopcroft 1974; Jeannerod, Pernet & Storjohann 2013).
- ``freivalds`` (certified) checks A·x = U·(V·x) for one random x ∈ GF(p)ⁿ
  (n² + 2nr steps), which proves A = UV and so rank ≤ r, and A[I, J]·(M·y) = y for
  one random y ∈ GF(p)ʳ (2r² steps), which proves rank ≥ r: Θ(n²), positive. A wrong
  answer passes with probability at most 2/p (Freivalds 1977); x, y from ``secrets``.

Costs: steps (one per field multiplication or entry read, on every side) and time,
the steps a function of n: ``product`` tends to 3/4 n³, ``decide`` to 7/24 n³, and
``freivalds`` is 4.75 n², of which 2.25 n² validates the shown matrices. The corruptor
changes one entry off the certified minor (rank r + 1), the certificate kept, or drops
a rank-one term u_k v_kᵀ (rank r − 1) with that column of U zeroed, which only the
minor check can catch.

References: Freivalds 1977; Bunch & Hopcroft 1974; Jeannerod, Pernet & Storjohann
2013; Motwani & Raghavan 1995, §7.1.

>>> import random, gaps
>>> fam = gaps.get("low_rank")
>>> instance = fam.sample(8, random.Random(1))
>>> matrix, certificate = fam.generate["product"](instance, gaps.Meter())
>>> fam.verify["freivalds"].fn(instance, matrix, certificate, gaps.Meter())
True
>>> bad, forged = fam.corrupt(instance, gaps.Certified(matrix, certificate), random.Random(2))
>>> fam.verify["decide"].fn(instance, bad, gaps.Meter()), fam.verify["freivalds"].fn(
...     instance, bad, forged, gaps.Meter())
(False, False)
"""

from __future__ import annotations

import itertools
import operator
import random
import secrets
from collections.abc import Sequence
from typing import Any, NamedTuple

import gaps

#: The field: the Mersenne prime 2**61 − 1.
P = 2**61 - 1

Matrix = tuple[tuple[int, ...], ...]


class LowRank(NamedTuple):
    """An instance: the dimension n, the rank r (0 ≤ r ≤ n) and the generator's seed."""

    n: int
    rank: int
    seed: int


def _is_int(x: object) -> bool:
    return type(x) is int


def _checked(instance: object, role: str) -> LowRank:
    """The instance as a LowRank, or InvalidArgument naming the family and the role."""
    ok = (
        isinstance(instance, tuple)
        and len(instance) == 3
        and all(_is_int(x) for x in instance)
        and instance[0] >= 1
        and 0 <= instance[1] <= instance[0]
    )
    if not ok:
        raise gaps.wrong_instance(
            "low_rank", role, instance, "an (n, r, seed) triple of ints with n >= 1 and 0 <= r <= n"
        )
    return LowRank(*instance)  # type: ignore[misc]


def sample(size: int, rng: random.Random) -> LowRank:
    if not isinstance(size, int) or isinstance(size, bool) or size < 2:
        raise gaps.InvalidArgument(
            f"The 'size' parameter of low_rank's sampler (the matrix dimension n; the "
            f"rank is n // 2) must be an int >= 2. Got {size!r} ({type(size).__name__})."
        )
    return LowRank(size, size // 2, rng.getrandbits(64))


def _dot(row: Any, vector: list[int]) -> int:
    return sum(map(operator.mul, row, vector)) % P


def _inverse(square: list[list[int]], meter: gaps.Meter) -> list[list[int]] | None:
    """The inverse by Gauss–Jordan on [S | I] (2k³ steps for k×k), or None if singular."""
    k = len(square)
    rows = [row + [int(i == j) for j in range(k)] for i, row in enumerate(square)]
    for c in range(k):
        pivot = next((i for i in range(c, k) if rows[i][c]), None)
        meter.tick(k - c)
        if pivot is None:
            return None
        rows[c], rows[pivot] = rows[pivot], rows[c]
        inv = pow(rows[c][c], -1, P)
        top = rows[c] = [x * inv % P for x in rows[c]]
        for i in range(k):
            f = rows[i][c]
            if i != c and f:
                meter.tick(2 * k)
                rows[i] = [(x - f * y) % P for x, y in zip(rows[i], top, strict=True)]
    return [row[k:] for row in rows]


def product(instance: object, meter: gaps.Meter) -> gaps.Certified:
    """A = U·V for random U (n×r) and V (r×n), certified by its factors and a minor's inverse."""
    n, r, seed = _checked(instance, "generator 'product'")
    rng = random.Random(seed)
    while True:  # a singular minor (probability about r/p) is redrawn
        meter.tick(2 * n * r)
        u = [[rng.randrange(P) for _ in range(r)] for _ in range(n)]
        v = [[rng.randrange(P) for _ in range(n)] for _ in range(r)]
        columns = list(zip(*v, strict=True)) if r else [()] * n
        a = []
        for row in u:
            meter.tick(n * r)
            a.append(tuple(sum(map(operator.mul, row, col)) % P for col in columns))
        rows, cols = sorted(rng.sample(range(n), r)), sorted(rng.sample(range(n), r))
        meter.tick(r * r)
        inverse = _inverse([[a[i][j] for j in cols] for i in rows], meter)
        if inverse is not None:
            certificate = (
                tuple(map(tuple, u)),
                tuple(map(tuple, v)),
                tuple(rows),
                tuple(cols),
                tuple(map(tuple, inverse)),
            )
            return gaps.Certified(tuple(a), certificate)


def _matrix(obj: object, height: int, width: int, meter: gaps.Meter) -> list[Any] | None:
    """``obj`` as a list of rows if it is a height×width matrix over GF(p), else None."""
    if not isinstance(obj, tuple | list) or len(obj) != height:
        return None
    for row in obj:
        meter.tick(width)
        if not isinstance(row, tuple | list) or len(row) != width:
            return None
        if not all(type(x) is int and 0 <= x < P for x in row):
            return None
    return list(obj)


def _rank(matrix: list[Any], meter: gaps.Meter) -> int:
    """Rank by Gaussian elimination: Θ(n²·rank) steps for an n×n matrix."""
    rows = [list(row) for row in matrix]  # a copy: the shown matrix stays untouched
    height, width = len(rows), len(rows[0]) if rows else 0
    rank = 0
    for c in range(width):
        meter.tick(height - rank)  # the pivot search reads the rest of column c
        pivot = next((i for i in range(rank, height) if rows[i][c]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        inv = pow(rows[rank][c], -1, P)
        meter.tick(width - c)
        top = [x * inv % P for x in rows[rank][c + 1 :]]
        for i in range(rank + 1, height):
            f = rows[i][c]
            if f:
                meter.tick(width - c)
                tail = zip(rows[i][c + 1 :], top, strict=True)
                rows[i][c + 1 :] = [(x - f * y) % P for x, y in tail]
        rank += 1
    return rank


def decide(instance: object, output: object, meter: gaps.Meter) -> bool:
    """Blind: the output is an n×n matrix over GF(p) whose rank, by elimination, is r."""
    n, r, _ = _checked(instance, "verifier 'decide'")
    matrix = _matrix(output, n, n, meter)
    return matrix is not None and _rank(matrix, meter) == r


def _indices(obj: object, r: int, n: int) -> bool:
    return (
        isinstance(obj, tuple | list)
        and len(obj) == r
        and all(type(i) is int and 0 <= i < n for i in obj)
        and all(i < j for i, j in itertools.pairwise(obj))  # sorted and distinct
    )


def freivalds(instance: object, output: object, certificate: object, meter: gaps.Meter) -> bool:
    """Certified: A = U·V (rank ≤ r) and M = A[I, J]⁻¹ (rank ≥ r), each by one random vector."""
    n, r, _ = _checked(instance, "verifier 'freivalds'")
    a = _matrix(output, n, n, meter)
    if a is None or not isinstance(certificate, tuple | list) or len(certificate) != 5:
        return False
    u, v, rows, cols, m = certificate
    u, v, m = _matrix(u, n, r, meter), _matrix(v, r, n, meter), _matrix(m, r, r, meter)
    if u is None or v is None or m is None or not _indices(rows, r, n) or not _indices(cols, r, n):
        return False
    # Fresh entropy per call: the generator must not be able to predict the vectors.
    x = [secrets.randbelow(P) for _ in range(n)]
    meter.tick(n * n + 2 * n * r)
    vx = [_dot(row, x) for row in v]
    if [_dot(row, x) for row in a] != [_dot(row, vx) for row in u]:
        return False
    y = [secrets.randbelow(P) for _ in range(r)]
    meter.tick(2 * r * r)
    my = [_dot(row, y) for row in m]
    return [_dot([a[i][j] for j in cols], my) for i in rows] == y


def corrupt(instance: object, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """A matrix of rank r + 1 (one entry changed) or r − 1 (one rank-one term dropped)."""
    n, r, _ = _checked(instance, "corruptor")
    a = [list(row) for row in result.output]
    u, v, rows, cols, m = result.certificate
    kinds = (["extra"] if r < n else []) + (["dropped"] if r > 0 else [])
    if rng.choice(kinds) == "extra":
        # The minor on I + {i}, J + {j} has determinant det(A[I, J])·δ ≠ 0: rank r + 1.
        i = rng.choice([i for i in range(n) if i not in rows])
        j = rng.choice([j for j in range(n) if j not in cols])
        a[i][j] = (a[i][j] + rng.randrange(1, P)) % P
        return gaps.Certified(tuple(map(tuple, a)), result.certificate)
    # U with column k zeroed still has full rank r − 1, and V full row rank r: rank r − 1.
    k = rng.randrange(r)
    for i in range(n):
        a[i] = [(x - u[i][k] * y) % P for x, y in zip(a[i], v[k], strict=True)]
    zeroed = tuple((*row[:k], 0, *row[k + 1 :]) for row in u)
    return gaps.Certified(tuple(map(tuple, a)), (zeroed, v, rows, cols, m))


#: The entries a specification's candidates take: field elements (2 and its inverse,
#: so that a minor can be inverted; p − 1) and the two just outside the field.
ENTRIES = (-1, 0, 1, 2, (P + 1) // 2, P - 1, P)


def small_instances(bound: int) -> list[LowRank]:
    """1×1 matrices of rank 0 and 1 and a 2×2 of rank 0; from ``bound`` 4 a 2×2 of rank 1
    (its U, V and minor admit some 500 valid certificates among ENTRIES)."""
    small = [LowRank(1, 0, 0), LowRank(1, 1, 0), LowRank(2, 0, 0), LowRank(2, 1, 0)]
    return small[: min(bound, 4)]


def _shapes(instance: LowRank) -> list[tuple[str, int, int]]:
    n, r, _ = instance
    return [("a", n, n), ("u", n, r), ("v", r, n), ("m", r, r), ("rows", 1, r), ("cols", 1, r)]


def _parts(instance: LowRank, v: Sequence[Any]) -> dict[str, list[list[Any]]]:
    parts, at = {}, 0
    for name, height, width in _shapes(instance):
        parts[name] = [list(v[at + i * width : at + (i + 1) * width]) for i in range(height)]
        at += height * width
    return parts


def _certificate_variables(instance: LowRank) -> list[Any]:
    """A, U, V and M entry by entry, then the minor's row and column indices."""
    import z3

    return [
        z3.Int(f"{name}{i}_{j}")
        for name, height, width in _shapes(instance)
        for i in range(height)
        for j in range(width)
    ]


def _entries_near(instance: LowRank, v: Sequence[Any]) -> Any:
    """Entries among ENTRIES, indices from -1 (Python's last) to n."""
    import z3

    parts = _parts(instance, v)
    entries = [x for name in "auvm" for row in parts[name] for x in row]
    indices = [x for name in ("rows", "cols") for row in parts[name] for x in row]
    return z3.And(
        *(z3.Or([x == e for e in ENTRIES]) for x in entries),
        *(z3.And(i >= -1, i <= instance.n) for i in indices),
    )


def _is_rank_certificate(instance: LowRank, v: Sequence[Any]) -> Any:
    """Every entry in the field, A = U·V, and M·A[I, J] = 1 for indices in range (ranks
    0 and 1 only: a 1×1 minor)."""
    import z3

    n, r, _ = instance
    parts = _parts(instance, v)
    a, u, w, m = parts["a"], parts["u"], parts["v"], parts["m"]
    field = [e for e in ENTRIES if 0 <= e < P]
    entries = [x for name in "auvm" for row in parts[name] for x in row]
    claims = [z3.Or([x == e for e in field]) for x in entries]
    for i, j in itertools.product(range(n), repeat=2):
        if r == 0:
            claims.append(a[i][j] == 0)
        else:
            products = itertools.product(field, repeat=2)
            claims.append(
                z3.Or(
                    [z3.And(u[i][0] == x, w[0][j] == y, a[i][j] == x * y % P) for x, y in products]
                )
            )
    if r == 1:
        row, col = parts["rows"][0][0], parts["cols"][0][0]
        inverse = [
            z3.And(row == i, col == j, a[i][j] == x, m[0][0] == pow(x, -1, P))
            for i, j in itertools.product(range(n), repeat=2)
            for x in field
            if x
        ]
        claims.append(z3.Or(inverse))
    return z3.And(claims)


def _decode_certificate(instance: LowRank, values: Sequence[Any]) -> gaps.Certified:
    parts = _parts(instance, values)
    matrix = {name: tuple(tuple(row) for row in parts[name]) for name in "auvm"}
    certificate = (
        matrix["u"],
        matrix["v"],
        tuple(parts["rows"][0]),
        tuple(parts["cols"][0]),
        matrix["m"],
    )
    return gaps.Certified(matrix["a"], certificate)


SPECIFICATION = gaps.Specification(
    instances=small_instances,
    variables=_certificate_variables,
    valid=_is_rank_certificate,
    decode=_decode_certificate,
    domain=_entries_near,
    verifier="freivalds",
    # A 1×1 matrix of rank 0: every candidate; the others within one change of a
    # valid certificate.
    near=lambda instance: None if instance[:2] == (1, 0) else 1,
)


FAMILY = gaps.Family(
    name="low_rank",
    domain="linalg",
    summary="Multiply random n×r and r×n factors over GF(p) vs decide the rank or check factors.",
    sample=sample,
    generate={"product": product},
    verify={"decide": gaps.blind(decide), "freivalds": gaps.certified(freivalds)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**3",
        verify={"decide": "n**3", "freivalds": "n**2"},
        sign={"decide": "neutral", "freivalds": "positive"},
        reference="Freivalds 1977; Jeannerod, Pernet and Storjohann 2013",
    ),
    references=(
        "Freivalds 1977",
        "Bunch and Hopcroft 1974",
        "Jeannerod, Pernet and Storjohann 2013",
        "Motwani and Raghavan 1995, §7.1",
    ),
    tags=("linear-algebra", "rank", "randomised", "finite-field", "certificate"),
    units=("steps", "time"),
    sizes=(16, 24, 32, 48, 64, 96, 128),
    spec=SPECIFICATION,
)

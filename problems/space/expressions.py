"""Expression candidates: build an identity between polynomial expressions vs decide it.

Objects are pairs ``(lhs, rhs)`` of expression trees over the integers: ``("x", i)``
a variable, ``("c", v)`` a constant, ``("+", a, b)``, ``("-", a, b)``, ``("*", a, b)``
and ``("^", a, e)`` with a small int exponent e. The property ``identity`` says that
lhs and rhs are the same polynomial. Each side is built from random products of n
binary sums, A = ∏ (c_i x_{a_i} + d_i x_{b_i}), whose expansion has up to 2^n
monomials; the identities instantiated (``form``) are a one-level rewrite of a
product (distributing its first factor), the difference of squares, the square of a
sum, Sophie Germain's a^4 + 4b^4 = (a^2 + 2b^2 + 2ab)(a^2 + 2b^2 - 2ab) and the
geometric sum (a - 1)(a^2 + a + 1) = a^3 - 1. Quiet: both sides are rewrites of the
same product, so neither is the factored one; transform: every variable is replaced
by a random binary sum, which keeps an identity an identity.

No relation kind fits and an identity has no short witness the attacks could use:
``identity`` is checked blind only (numeric evaluation at random points, the
Schwartz–Zippel test, is the search's attack, not a sound verifier). Its negation has
one, a point where the sides differ, checked exactly in O(size).

The decider expands both sides with FLINT's multivariate polynomials
(``fmpz_mpoly`` through python-flint) and compares them.

>>> import random, gaps
>>> fam = next(c for c in candidates() if c.name == "expr_identitysquares_naive_plant")
>>> spec = fam.sample(5, random.Random(0))
>>> fam.verify["decide"].fn(spec, fam.generate["generate"](spec, gaps.Meter()), gaps.Meter())
True
"""

from __future__ import annotations

import functools
import random
from typing import Any

import flint
from gaps.problems.space.grammar import Prop, atom, declare

import gaps

SIZES = (5, 10, 15, 20)
Expr = tuple[Any, ...]


def _x(i: int) -> Expr:
    return ("x", i)


def _c(v: int) -> Expr:
    return ("c", v)


def _sum(n: int, rng: random.Random) -> Expr:
    a, b = rng.sample(range(n), 2)
    return ("+", ("*", _c(rng.randint(1, 9)), _x(a)), ("*", _c(rng.randint(1, 9)), _x(b)))


def _product(factors: list[Expr]) -> Expr:
    out = factors[0]
    for f in factors[1:]:
        out = ("*", out, f)
    return out


def _random_product(count: int, n: int, rng: random.Random) -> list[Expr]:
    return [_sum(n, rng) for _ in range(count)]


def _rewrite(factors: list[Expr], rng: random.Random) -> Expr:
    """The product with its first factor distributed and the rest in shuffled order."""
    first, rest = factors[0], factors[1:]
    rng.shuffle(rest)
    tail = _product(rest)
    return ("+", ("*", first[1], tail), ("*", tail, first[2]))


def identity(form: str, n: int, rng: random.Random, quiet: bool) -> tuple[Expr, Expr]:
    """An identity of the given form over n variables, each side O(n) nodes."""
    if form == "rewrite":
        factors = _random_product(n, n, rng)
        lhs = _rewrite(list(factors), rng) if quiet else _product(factors)
        return lhs, _rewrite(list(factors), rng)
    a = _product(_random_product(max(1, n // 2), n, rng))
    b = _product(_random_product(max(1, n - n // 2), n, rng))
    two = _c(2)
    if form == "squares":
        return ("*", ("+", a, b), ("-", a, b)), ("-", ("^", a, 2), ("^", b, 2))
    if form == "binomial":
        return ("^", ("+", a, b), 2), (
            "+",
            ("+", ("^", a, 2), ("*", two, ("*", a, b))),
            ("^", b, 2),
        )
    if form == "germain":
        core = ("+", ("^", a, 2), ("*", two, ("^", b, 2)))
        cross = ("*", two, ("*", a, b))
        lhs = ("+", ("^", a, 4), ("*", _c(4), ("^", b, 4)))
        return lhs, ("*", ("+", core, cross), ("-", core, cross))
    product = _product(_random_product(max(1, n // 3), n, rng))  # (p - 1)(p^2 + p + 1) = p^3 - 1
    one = _c(1)
    return ("*", ("-", product, one), ("+", ("+", ("^", product, 2), product), one)), (
        "-",
        ("^", product, 3),
        one,
    )


def substitute(e: Expr, images: list[Expr]) -> Expr:
    """``e`` with variable i replaced by ``images[i]``."""
    if e[0] == "x":
        return images[e[1]]
    if e[0] in ("c",):
        return e
    if e[0] == "^":
        return ("^", substitute(e[1], images), e[2])
    return (e[0], substitute(e[1], images), substitute(e[2], images))


def _size(e: Any, n: int, budget: list[int]) -> bool:
    """Whether e is a well-formed expression over n variables (and small enough)."""
    budget[0] -= 1
    if budget[0] < 0 or not isinstance(e, tuple) or not e:
        return False
    if e[0] == "x":
        return len(e) == 2 and type(e[1]) is int and 0 <= e[1] < n
    if e[0] == "c":
        return len(e) == 2 and type(e[1]) is int
    if e[0] == "^":
        return len(e) == 3 and type(e[2]) is int and 0 <= e[2] <= 4 and _size(e[1], n, budget)
    return len(e) == 3 and e[0] in "+-*" and _size(e[1], n, budget) and _size(e[2], n, budget)


def _poly(e: Expr, gens: Any, ctx: Any) -> Any:
    tag = e[0]
    if tag == "x":
        return gens[e[1]]
    if tag == "c":
        return ctx.constant(e[1])
    if tag == "^":
        return _poly(e[1], gens, ctx) ** e[2]
    a, b = _poly(e[1], gens, ctx), _poly(e[2], gens, ctx)
    return a + b if tag == "+" else a - b if tag == "-" else a * b


def _value(e: Expr, point: tuple[int, ...]) -> int:
    tag = e[0]
    if tag == "x":
        return point[e[1]]
    if tag == "c":
        return int(e[1])
    if tag == "^":
        return int(_value(e[1], point) ** e[2])
    a, b = _value(e[1], point), _value(e[2], point)
    return a + b if tag == "+" else a - b if tag == "-" else a * b


def _pair(spec: Any, obj: Any) -> tuple[Expr, Expr] | None:
    n = spec[0]
    budget = [200 * n + 100]
    if not (isinstance(obj, tuple) and len(obj) == 2):
        return None
    return obj if _size(obj[0], n, budget) and _size(obj[1], n, budget) else None


def decide(negated: bool, spec: Any, obj: Any, meter: gaps.Meter) -> bool:
    pair = _pair(spec, obj)
    if pair is None:
        return False
    ctx = flint.fmpz_mpoly_ctx.get(("x", spec[0]))
    gens = ctx.gens()
    same = _poly(pair[0], gens, ctx) == _poly(pair[1], gens, ctx)
    return same != negated


def check(spec: Any, obj: Any, point: Any, meter: gaps.Meter) -> bool:
    """The sides differ at ``point``: exact integer evaluation."""
    pair = _pair(spec, obj)
    n = spec[0]
    if pair is None or not (isinstance(point, tuple) and len(point) == n):
        return False
    if not all(type(v) is int for v in point):
        return False
    return _value(pair[0], point) != _value(pair[1], point)


def _perturb(e: Expr, rng: random.Random) -> Expr:
    """``e`` with one constant changed by one (the leftmost reached by a random walk)."""
    if e[0] == "c":
        return ("c", e[1] + 1)
    if e[0] == "x":
        return ("+", e, _c(1))
    if e[0] == "^":
        return ("^", _perturb(e[1], rng), e[2])
    if rng.random() < 0.5:
        return (e[0], _perturb(e[1], rng), e[2])
    return (e[0], e[1], _perturb(e[2], rng))


def generate(form: str, construction: str, negated: bool, spec: Any, meter: gaps.Meter) -> Any:
    n, seed = spec
    rng = random.Random(seed)
    lhs, rhs = identity(form, n, rng, construction == "quiet_plant")
    meter.tick(n)
    if construction == "transform":
        images = [_sum(n, rng) for _ in range(n)]
        lhs, rhs = substitute(lhs, images), substitute(rhs, images)
    if not negated:
        return lhs, rhs
    for _ in range(100):  # a changed constant changes the polynomial; find a point showing it
        bad = _perturb(rhs, rng)
        point = tuple(rng.randrange(-(2**20), 2**20) for _ in range(n))
        if _value(lhs, point) != _value(bad, point):
            return gaps.Certified((lhs, bad), point)
    raise gaps.GaveUp("no point separating the sides")


def corrupt(negated: bool, spec: Any, result: Any, rng: random.Random) -> Any:
    """Change a constant (an identity no more), or restore equal sides (a non-identity)."""
    if negated:
        (lhs, _), point = result
        return gaps.Certified((lhs, lhs), point)
    lhs, rhs = result
    return lhs, _perturb(rhs, rng)


_CANDIDATES = (
    *((form, "naive_plant", False) for form in ("rewrite", "squares", "binomial", "geometric")),
    *((form, "quiet_plant", False) for form in ("rewrite",)),
    *((form, "transform", False) for form in ("rewrite", "squares")),
    ("rewrite", "naive_plant", True),
    ("squares", "naive_plant", True),
    ("rewrite", "transform", True),
)  # fmt: skip


def candidates() -> list[gaps.Family]:
    """Identities of five forms, and non-identities with a separating point.

    >>> len(candidates())
    10
    """
    found = []
    for form, construction, negated in _CANDIDATES:
        prop: Prop = atom("identity", form=form)
        found.append(
            declare(
                domain="expressions",
                prefix="expr",
                prop=~prop if negated else prop,
                construction=construction,
                generate=functools.partial(generate, form, construction, negated),
                decide=functools.partial(decide, negated),
                decider="expansion with FLINT's fmpz_mpoly (python-flint)",
                check=check if negated else None,
                check_ticks=False,
                corrupt=functools.partial(corrupt, negated),
                sizes=SIZES,
            )
        )
    return found

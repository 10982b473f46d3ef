"""Symbolic integration: find an antiderivative (sympy) vs differentiate it back.

Problem: a random elementary function F(x), an expression tree over x with n operator
nodes, the first n of the cycle sin, ×, exp, +, u**2 or u**3, log(u**2 + 1), u + c,
cos, c·u, in random order and shape with random constants. The instance is f = F′,
so an elementary antiderivative exists. The output is an expression G(x).

Gap: generation is ``sympy.integrate(f, x)``: a cascade of heuristics (table lookup,
derivative-divides, heuristic Risch, parts of the Risch algorithm, Meijer G). The
Risch algorithm decides elementary integrability but is not fully implemented
anywhere and has no useful complexity bound. An unevaluated ``Integral`` makes the
generator raise ``gaps.GaveUp`` (a censored point, never an answer). The
``differentiate`` verifier (witness) reduces G′ − f with ``expand``, then ``simplify``,
``trigsimp`` and ``expand_log`` until it is 0: cheap, but its ``False`` could be a
false rejection (zero-equivalence of elementary expressions is undecidable, Richardson
1968). The ``spot_check`` grader evaluates G′ − f at 8 random points of [0.5, 2] (OS
entropy) with 30-digit mpmath and returns the fraction where it vanishes. The sign is
positive, but both growth laws, "4**n" for sympy and "n**2" for the checker (the
derivative of a tree of n nodes has O(n**2) nodes), are summaries, not theorems.

Costs: time only; sympy's cache is cleared at the start of every call (never warm).

Why a fixed operator cycle: sympy's cost depends on which operators a tree holds far
more than on how many (log(u**2 + 1) sends it to rational-function code, exp times a
polynomial to derivative-divides), so random operators make the cost at one size a
lottery. From n = 3 the cycle holds sin, × and exp, whose compositions (x·sin(exp x))
split into terms with no elementary integral, where sympy is slowest and sometimes
gives up; larger sizes add more such draws, so the default sizes stay small.

References: Risch 1969; Richardson 1968; Bronstein 2005; Meurer et al. 2017 (SymPy).

>>> import random, gaps
>>> fam = gaps.get("integration")
>>> f = fam.sample(2, random.Random(1))
>>> G = fam.generate["sympy"](f, gaps.Meter())
>>> fam.verify["differentiate"].fn(f, G, gaps.Meter())
True
>>> fam.verify["differentiate"].fn(f, G + X, gaps.Meter()), fam.verify["spot_check"].fn(
...     f, G + X, gaps.Meter())
(False, 0.0)
"""

from __future__ import annotations

import random
import secrets

import sympy
from sympy.core.cache import clear_cache

import gaps

X = sympy.Symbol("x")
#: The operators in the order sizes add them (size n uses the first n, cyclically).
OPERATORS = ("sin", "mul", "exp", "add", "pow", "log", "shift", "cos", "scale")
#: Spot-check points and the relative tolerance of the grader.
POINTS = 8
TOLERANCE = 1e-12
#: sympy raises many exception types of its own (PolynomialError, CoercionFailed, ...)
#: that do not subclass the builtins; a verifier must answer, not raise, on any candidate.
_SYMPY_ERRORS = (Exception,)


def _build(ops: list[str], rng: random.Random) -> sympy.Expr:
    """A random tree whose nodes, top-down, are ``ops`` (a binary node splits the rest)."""
    if not ops:
        return X
    op, rest = ops[0], ops[1:]
    if op in ("add", "mul"):
        k = rng.randint(0, len(rest))
        a, b = _build(rest[:k], rng), _build(rest[k:], rng)
        return a + b if op == "add" else a * b
    a = _build(rest, rng)
    if op == "scale":
        return rng.randint(2, 5) * a
    if op == "shift":
        return a + rng.randint(1, 5)
    if op == "pow":
        return a ** rng.randint(2, 3)
    if op == "log":
        return sympy.log(a**2 + 1)
    return {"exp": sympy.exp, "sin": sympy.sin, "cos": sympy.cos}[op](a)


def _tree(n: int, rng: random.Random) -> sympy.Expr:
    # The operator multiset depends on n alone (the first n of OPERATORS, cyclically),
    # so sizes differ by one operator, not by the luck of the draw; the order and the
    # tree shape are random.
    ops = [OPERATORS[i % len(OPERATORS)] for i in range(n)]
    rng.shuffle(ops)
    return _build(ops, rng)


def sample(size: int, rng: random.Random) -> sympy.Expr:
    return sympy.diff(_tree(size, rng), X)


def integrate(f: sympy.Expr, meter: gaps.Meter) -> sympy.Expr:
    clear_cache()
    antiderivative = sympy.integrate(f, X)
    if antiderivative.has(sympy.Integral):
        raise gaps.GaveUp(f"sympy.integrate gave up on {f} (returned an unevaluated Integral)")
    return antiderivative


def _candidate(G: object) -> bool:
    """A closed-form expression in x alone (no other symbol, no unevaluated Integral)."""
    if not isinstance(G, sympy.Expr):
        return False
    try:
        return G.free_symbols <= {X} and not G.has(sympy.Integral) and G.is_finite is not False
    except _SYMPY_ERRORS:
        return False


def differentiate(f: sympy.Expr, G: object, meter: gaps.Meter) -> bool:
    if not _candidate(G):
        return False
    clear_cache()
    try:
        difference = sympy.diff(G, X) - f
        for simplify in (sympy.expand, sympy.simplify, sympy.trigsimp, sympy.expand_log):
            difference = simplify(difference)
            if difference == 0:
                return True
    except _SYMPY_ERRORS:
        return False
    return False


def spot_check(f: sympy.Expr, G: object, meter: gaps.Meter) -> float:
    if not _candidate(G):
        return 0.0
    clear_cache()
    try:
        difference = sympy.lambdify(X, sympy.diff(G, X) - f, "mpmath")
        integrand = sympy.lambdify(X, f, "mpmath")
    except _SYMPY_ERRORS:
        return 0.0
    import mpmath

    entropy = random.Random(secrets.randbits(128))
    hits = 0
    with mpmath.workdps(30):
        for _ in range(POINTS):
            x = mpmath.mpf(0.5) + 1.5 * mpmath.mpf(entropy.random())
            try:
                gap, scale = abs(difference(x)), abs(integrand(x))
            except _SYMPY_ERRORS:
                continue
            hits += bool(gap <= TOLERANCE * (1 + scale))
    return hits / POINTS


def corrupt(f: sympy.Expr, G: sympy.Expr, rng: random.Random) -> sympy.Expr:
    """Add a term with a nonzero derivative: c·x**k, c in 1..5, k in 1..3."""
    return G + rng.randint(1, 5) * X ** rng.randint(1, 3)


FAMILY = gaps.Family(
    name="integration",
    domain="algebra",
    summary="Integrate F′ for a random elementary F (sympy) vs differentiate back and simplify.",
    sample=sample,
    generate={"sympy": integrate},
    verify={"differentiate": gaps.witness(differentiate), "spot_check": gaps.grade(spot_check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="4**n",
        verify="n**2",
        sign="positive",
        reference="Risch 1969; Bronstein 2005 (heuristic: no complexity bound is known)",
    ),
    references=("Risch 1969", "Richardson 1968", "Bronstein 2005", "Meurer et al. 2017"),
    tags=("symbolic", "calculus", "heuristic", "sympy"),
    units=("time",),
    sizes=(1, 2, 3, 4),
)

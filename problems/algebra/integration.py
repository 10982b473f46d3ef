"""Symbolic integration: find an antiderivative (sympy) vs differentiate it back.

Problem: a random elementary function F(x) is built as a random expression tree with
n operator nodes over the leaf x (operators: +, ×, c·u, u + c, u**2 or u**3, exp,
sin, cos, log(u**2 + 1)); the instance is its derivative f = F′ as sympy builds it.
So an elementary antiderivative always exists. The output is an expression G(x).

Gap: generation is ``sympy.integrate(f, x)``: a cascade of heuristics (table lookup,
derivative-divides substitution, heuristic Risch "heurisch", parts of the Risch
algorithm, Meijer G-functions). The Risch algorithm decides elementary integrability
but is not fully implemented anywhere and has no useful complexity bound; sympy's
cost on these integrands grows steeply with n (median about 0.001 s at n = 1,
0.2–1 s at n = 5, about half the calls past 5 s at n = 6) and is very irregular.
When sympy gives up it returns an unevaluated ``Integral``; the generator then
raises ``gaps.GaveUp`` (the call is recorded as censored, at least the time spent,
never passed off as an answer).

The ``differentiate`` verifier (witness) computes G′ − f and reduces it with
``expand``, then ``simplify``, ``trigsimp`` and ``expand_log`` until it is 0:
differentiation is cheap, simplification heuristic but fast at these sizes. Its
``False`` could in principle be a false rejection (zero-equivalence of elementary
expressions is undecidable, Richardson 1968). The ``spot_check`` grader does not
have that weakness: it evaluates G′ − f at 8 random points of [0.5, 2] with 30-digit
mpmath arithmetic and returns the fraction of points where it vanishes (to 1e-12
relative). Its points come from OS entropy, so a generator cannot aim at them.

The sign is positive (integration is harder than differentiation and checking), but
both growth laws are heuristic: "4**n" for sympy's integrator (its median grew about
4-fold per size step at n ≤ 5) and "n**2" for the checker (the derivative of a tree
of n nodes has O(n**2) nodes; simplification is heuristic) are summaries, not
theorems.

Costs: time only (sympy's internals are not metered). sympy's cache is cleared at the
start of every call, so repeated calls are not measured warm.

Both pairings are honestly undecidable at measurable sizes, and are left so. sympy's
cost is not monotone in n: it depends on which operators the tree drew far more than
on how many (with 3 instances, the median generation took 11 ms at n = 1 and 0.4 ms
at n = 2 on one seed: log(u**2 + 1) sends sympy to its rational-function code, a
product of exp and a polynomial to the cheap derivative-divides step). At n = 4 two
of three calls ran past the survey's 5 s limit on one seed, so sizes 1 to 5 cost 10
to 21 s of CPU per run, far past the family's budget, and both signs read inconclusive
on seeds 0 and 1. The default sizes are 1 to 3, the largest whose calls all finish
in well under a second; there the gap grows by about 2 bits per size step on most
seeds (positive), but one bad draw at n = 1 or 2 can still make it inconclusive.

References: Risch 1969; Bronstein 2005 (Symbolic Integration I); Richardson 1968;
Meurer et al. 2017 (SymPy).

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
OPERATORS = ("add", "mul", "scale", "shift", "pow", "exp", "sin", "cos", "log")
#: Spot-check points and the relative tolerance of the grader.
POINTS = 8
TOLERANCE = 1e-12
#: sympy raises many exception types of its own (PolynomialError, CoercionFailed, ...)
#: that do not subclass the builtins; a verifier must answer, not raise, on any candidate.
_SYMPY_ERRORS = (Exception,)


def _tree(n: int, rng: random.Random) -> sympy.Expr:
    if n <= 0:
        return X
    op = rng.choice(OPERATORS)
    if op in ("add", "mul"):
        k = rng.randint(0, n - 1)
        a, b = _tree(k, rng), _tree(n - 1 - k, rng)
        return a + b if op == "add" else a * b
    a = _tree(n - 1, rng)
    if op == "scale":
        return rng.randint(2, 5) * a
    if op == "shift":
        return a + rng.randint(1, 5)
    if op == "pow":
        return a ** rng.randint(2, 3)
    if op == "log":
        return sympy.log(a**2 + 1)
    return {"exp": sympy.exp, "sin": sympy.sin, "cos": sympy.cos}[op](a)


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
    sizes=(1, 2, 3),
)

"""Polynomial factorisation over the integers: FLINT's factoriser vs multiplying back.

Problem: the expanded product (coefficients, constant term first) of random
irreducible integer polynomials of degrees 2 to 8 (coefficients in [-20, 20]), of
total degree n. The output is its factorisation ``(content, ((coefficients,
exponent), ...))``, the factors primitive with positive leading coefficients, sorted.

Gap: generation is FLINT's ``fmpz_poly.factor`` (square-free decomposition, factoring
modulo a small prime, Hensel lifting, then recombination of the modular factors by the
lattice method of van Hoeij 2002 as implemented by Hart, van Hoeij & Novocin 2011):
polynomial time, but the recombination of about n/5 true factors from many more
modular ones dominates (n**3 is the usual practical estimate; the proven bounds are
much higher). The ``expand`` verifier (witness) multiplies the factors back in a
balanced product tree and compares: the coefficients grow to about 0.9·n bits, so
multiplying the factors in one at a time costs Θ(n**3) bit operations, the tree with
FLINT's fast multiplication Õ(n**2), the size of the product (von zur Gathen &
Gerhard 2013, §10.1). It does not check irreducibility; ``irreducible`` (witness) also
re-factors each factor with FLINT: as hard as factoring in general, but every factor
here has degree ≤ 8, so the check adds O(n). Both gaps are positive for this
distribution; for a few high-degree factors the irreducibility check would cost about
as much as the factorisation (neutral).

Costs: time only (FLINT is native code). Expected: generation n**3, expand and
irreducible n**2. The sizes start above n = 65, where the coefficients outgrow FLINT's
one-word integers and ``expand`` steps up to GMP (a step that flattens the fitted gap),
and end at 450: up to 310 the time gap moves less than the memory hierarchy can move it.

References: Zassenhaus 1969; Lenstra, Lenstra & Lovász 1982; van Hoeij 2002;
Hart, van Hoeij & Novocin 2011; Hart 2010 (FLINT); von zur Gathen & Gerhard 2013.

>>> import random, gaps
>>> fam = gaps.get("polynomial_factorisation")
>>> poly = fam.sample(20, random.Random(1))
>>> factors = fam.generate["flint"](poly, gaps.Meter())
>>> fam.verify["expand"].fn(poly, factors, gaps.Meter())
True
>>> bad = fam.corrupt(poly, factors, random.Random(2))
>>> fam.verify["expand"].fn(poly, bad, gaps.Meter()), fam.verify["irreducible"].fn(
...     poly, bad, gaps.Meter())
(False, False)
"""

from __future__ import annotations

import random
from typing import Any

import flint

import gaps

#: Degrees of the planted factors and the size of their coefficients.
MIN_DEGREE, MAX_DEGREE, HEIGHT = 2, 8, 20

Poly = tuple[int, ...]
Factorisation = tuple[int, tuple[tuple[Poly, int], ...]]


def _is_irreducible(f: Any) -> bool:
    content, factors = f.factor()
    return abs(int(content)) == 1 and len(factors) == 1 and factors[0][1] == 1


def _random_irreducible(degree: int, rng: random.Random) -> Any:
    while True:
        coeffs = [rng.randint(-HEIGHT, HEIGHT) for _ in range(degree)]
        coeffs.append(rng.randint(1, HEIGHT))
        if coeffs[0] == 0:
            continue
        f = flint.fmpz_poly(coeffs)
        if _is_irreducible(f):
            return f


def sample(size: int, rng: random.Random) -> Poly:
    n = max(size, MIN_DEGREE)
    product, degree = flint.fmpz_poly([1]), 0
    while degree < n:
        d = rng.randint(MIN_DEGREE, MAX_DEGREE)
        d = n - degree if n - degree - d < MIN_DEGREE else d
        product *= _random_irreducible(d, rng)
        degree += d
    return tuple(int(c) for c in product.coeffs())


def factor(poly: Poly, meter: gaps.Meter) -> Factorisation:
    content, factors = flint.fmpz_poly(list(poly)).factor()
    listed = sorted((tuple(int(c) for c in f.coeffs()), int(e)) for f, e in factors)
    return int(content), tuple(listed)


def _product(poly: Poly, result: object) -> list[Any] | None:
    """The factors as FLINT polynomials if they multiply to ``poly``, else None."""
    if not isinstance(result, tuple) or len(result) != 2:
        return None
    content, factors = result
    if type(content) is not int or not isinstance(factors, tuple):
        return None
    polys, powers = [], [flint.fmpz_poly([content])]
    for item in factors:
        if not isinstance(item, tuple) or len(item) != 2:
            return None
        coeffs, e = item
        if not isinstance(coeffs, tuple) or not all(type(c) is int for c in coeffs):
            return None
        if type(e) is not int or not 1 <= e <= len(poly):
            return None
        f = flint.fmpz_poly(list(coeffs))
        if f.degree() < 1:
            return None
        polys.append(f)
        powers.append(f**e)
    return polys if _product_tree(powers) == flint.fmpz_poly(list(poly)) else None


def _product_tree(polys: list[Any]) -> Any:
    """The product of ``polys`` multiplied pairwise, level by level (a product tree).

    Multiplying n/5 small factors one at a time into a product whose degree and
    coefficient size grow to n costs Θ(n**3) bit operations; the balanced tree keeps
    the operands of each multiplication alike in size, so FLINT's fast multiplication
    (Kronecker substitution) brings the whole to Õ(n**2), the size of the product.
    """
    while len(polys) > 1:
        paired = [polys[i] * polys[i + 1] for i in range(0, len(polys) - 1, 2)]
        polys = paired + polys[len(polys) - len(polys) % 2 :]
    return polys[0]


def expand(poly: Poly, result: object, meter: gaps.Meter) -> bool:
    return _product(poly, result) is not None


def irreducible(poly: Poly, result: object, meter: gaps.Meter) -> bool:
    polys = _product(poly, result)
    if polys is None:
        return False
    return all(_is_irreducible(f) and int(f.coeffs()[-1]) > 0 for f in polys)


def corrupt(poly: Poly, result: Factorisation, rng: random.Random) -> Factorisation:
    """Change one coefficient of one factor by ±1 (the product then changes)."""
    content, factors = result
    if not factors:
        return content + 1, factors
    i = rng.randrange(len(factors))
    coeffs, e = factors[i]
    j = rng.randrange(len(coeffs) - 1)  # never the leading coefficient
    changed = list(coeffs)
    changed[j] += rng.choice((-1, 1))
    return content, (*factors[:i], (tuple(changed), e), *factors[i + 1 :])


FAMILY = gaps.Family(
    name="polynomial_factorisation",
    domain="algebra",
    summary="Factor a product of random irreducible integer polynomials (FLINT) vs multiply back.",
    sample=sample,
    generate={"flint": factor},
    verify={"expand": gaps.witness(expand), "irreducible": gaps.witness(irreducible)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**3",
        verify="n**2",
        sign="positive",
        reference="van Hoeij 2002; Hart, van Hoeij and Novocin 2011",
    ),
    references=(
        "Zassenhaus 1969",
        "Lenstra, Lenstra and Lovász 1982",
        "van Hoeij 2002",
        "Hart, van Hoeij and Novocin 2011",
        "Hart 2010 (FLINT)",
        "von zur Gathen and Gerhard 2013",
    ),
    tags=("algebra", "polynomials", "factoring", "flint"),
    units=("time",),
    sizes=(80, 98, 120, 146, 176, 212, 256, 310, 376, 450),
)

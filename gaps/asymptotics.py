"""Comparing fitted growths with each other and with a declared theory.

Polynomial growths compare by exponent, with a tolerance for measurement noise;
everything else compares by the sympy limit of the ratio of the two expressions.
"""

from __future__ import annotations

import math
from functools import lru_cache

from gaps.growth import Candidate, Growth

__all__ = ["EXPONENT_TOLERANCE", "compare_fitted", "matches_theory"]

_POWER_LABELS = ("constant", "linear", "quadratic", "cubic", "polynomial")
_SUPERPOLY_LABELS = ("exponential", "subexponential")
#: Polynomial exponents closer than this are the same growth (noise, not asymptotics).
EXPONENT_TOLERANCE = 0.2


def _power(g: Growth) -> float | None:
    if g.label == "constant":
        return 0.0
    if g.label in _POWER_LABELS:
        return float(g.param) if g.param is not None else None
    return None


def _overlap(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """Whether two bootstrap intervals on an exponent overlap (the data cannot tell them apart)."""
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


@lru_cache(maxsize=4096)
def _compare_texts(a: str, b: str) -> str:
    from gaps.symbolic import compare_growth, parse_growth

    return compare_growth(parse_growth(a), parse_growth(b))


def compare_fitted(a: Growth, b: Growth) -> str:
    """'faster', 'slower' or 'same': how fitted growth ``a`` grows relative to ``b``.

    >>> from gaps import fit_growth
    >>> ns = [16, 32, 64, 128, 256]
    >>> compare_fitted(fit_growth(ns, [n * n for n in ns]), fit_growth(ns, [5 * n for n in ns]))
    'faster'
    """
    ka, kb = _power(a), _power(b)
    if ka is not None and kb is not None:
        if abs(ka - kb) <= EXPONENT_TOLERANCE or _overlap(a.interval, b.interval):
            return "same"
        return "faster" if ka > kb else "slower"
    if a.label in _SUPERPOLY_LABELS and b.label == a.label and a.param and b.param:
        close = abs(math.log(a.param) / math.log(b.param) - 1) < 0.15 if b.param != 1 else False
        if close:
            return "same"
    return _compare_texts(_rounded(a), _rounded(b))


def _rounded(g: Growth) -> str:
    # Fitted parameters are noisy in the third digit; sympy sees them rounded so that
    # the cache is shared by nearby bootstrap fits.
    if g.param is None or g.label in ("linear", "quadratic", "cubic"):
        return g.text
    if g.label == "polynomial":
        return f"n**{round(g.param, 2)}"
    if g.label == "exponential" and g.param > 1:
        # Two significant digits of b - 1: a base of 1.0036 must not round to 1.
        return f"{1 + float(f'{g.param - 1:.2g}')!r}**n"
    return g.text


def matches_theory(g: Growth | None, text: str | None) -> bool | None:
    """Whether a fitted growth matches a declared one (None when either is missing).

    Exponential and subexponential fits match any super-polynomial theory (bases are
    not identifiable from a short range); a free polynomial matches within
    ``EXPONENT_TOLERANCE``; the rest must grow like the theory up to a constant. When
    the sizes cannot separate several growths (``g.separable`` is False), the theory
    matches when it matches one of them or lies between the slowest and the fastest.

    >>> from gaps import fit_growth
    >>> ns = [16, 32, 64, 128, 256]
    >>> matches_theory(fit_growth(ns, [n * n for n in ns]), "n**2/2 + n")
    True
    """
    if g is None or text is None:
        return None
    # plausible is never empty, and every test parses ``text`` (a malformed theory raises).
    if any(_matches(c, text) for c in g.plausible):
        return True
    if g.separable:
        return False
    return _not_below(text, g.plausible[0]) and _not_above(text, g.plausible[-1])


def _matches(c: Candidate, text: str) -> bool:
    if c.label in _SUPERPOLY_LABELS:
        return _compare_texts(text, "n**12") == "faster"
    if c.label == "polynomial" and c.param is not None:
        k = _exponent(text)
        lo, hi = c.interval or (c.param, c.param)
        return k is not None and lo - EXPONENT_TOLERANCE <= k <= hi + EXPONENT_TOLERANCE
    return _compare_texts(c.text, text) == "same"


@lru_cache(maxsize=1024)
def _exponent(text: str) -> float | None:
    """The polynomial degree of a growth (None when it is not polynomially bounded)."""
    import sympy

    from gaps.symbolic import n_symbol, parse_growth

    n = n_symbol()
    k = sympy.limit(sympy.log(parse_growth(text)) / sympy.log(n), n, sympy.oo)
    return float(k) if k.is_finite else None


def _not_below(text: str, c: Candidate) -> bool:
    """Whether ``text`` grows at least as fast as the slowest plausible growth ``c``."""
    if c.label in _SUPERPOLY_LABELS:
        return _compare_texts(text, "n**12") == "faster"
    if c.label == "polynomial" and c.interval is not None:
        k = _exponent(text)
        return k is None or k >= c.interval[0] - EXPONENT_TOLERANCE
    return _compare_texts(text, c.text) in ("faster", "same")


def _not_above(text: str, c: Candidate) -> bool:
    """Whether ``text`` grows at most as fast as the fastest plausible growth ``c``."""
    if c.label in _SUPERPOLY_LABELS:
        return True
    if c.label == "polynomial" and c.interval is not None:
        k = _exponent(text)
        return k is not None and k <= c.interval[1] + EXPONENT_TOLERANCE
    return _compare_texts(text, c.text) in ("slower", "same")

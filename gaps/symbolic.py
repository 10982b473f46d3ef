"""Growth expressions in ``n`` and their asymptotic comparison (sympy, loaded on use)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

__all__ = ["compare_growth", "n_symbol", "parse_growth", "theory_curve"]


def n_symbol() -> Any:
    """The positive symbol ``n`` every growth expression is written in."""
    import sympy

    return sympy.Symbol("n", positive=True)


def parse_growth(text: str) -> Any:
    """Parse a growth such as ``"n*log(n)"`` or ``"2**n"`` into a sympy expression.

    >>> parse_growth("n*log(n)")
    n*log(n)
    >>> parse_growth("m**2")
    Traceback (most recent call last):
    ...
    ValueError: growth 'm**2' may only use the variable n; it uses m.
    """
    import sympy

    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"growth must be a non-empty string in n. Got {text!r}.")
    n = n_symbol()
    try:
        expr = sympy.sympify(text, locals={"n": n, "N": n})
    except (sympy.SympifyError, SyntaxError, TypeError, AttributeError) as exc:
        raise ValueError(f"growth {text!r} is not a sympy expression ({exc}).") from None
    if not isinstance(expr, sympy.Expr):
        raise ValueError(f"growth {text!r} is not an expression in n.")
    extra = sorted(str(s) for s in expr.free_symbols if s != n)
    if extra:
        raise ValueError(
            f"growth {text!r} may only use the variable n; it uses {', '.join(extra)}."
        )
    return expr


def compare_growth(a: Any, b: Any) -> Literal["faster", "slower", "same"]:
    """Whether ``a`` grows faster than, slower than, or like ``b`` as n → ∞ (sympy limit).

    >>> compare_growth(parse_growth("n*log(n)"), parse_growth("n"))
    'faster'
    >>> compare_growth(parse_growth("3*n + 5"), parse_growth("n"))
    'same'
    >>> compare_growth(parse_growth("1.5**n"), parse_growth("2**n"))
    'slower'
    """
    import sympy

    n = n_symbol()
    ratio = sympy.limit(sympy.simplify(a / b), n, sympy.oo)
    if ratio in (sympy.oo, sympy.zoo):
        return "faster"
    if ratio == 0:
        return "slower"
    if ratio.is_finite and ratio.is_positive:
        return "same"
    raise ValueError(f"cannot compare growths {a} and {b}: limit of the ratio is {ratio}.")


def theory_curve(
    text: str | None, sizes: Sequence[float], costs: Sequence[float], censored: Sequence[int]
) -> list[float] | None:
    """The declared growth ``text`` at ``sizes``, scaled to the measured ``costs``.

    A theory fixes a shape, not a constant: the scale is the one that fits the
    uncensored costs best in log space (their geometric mean ratio), so the curve can be
    drawn over the measured points. None when there is no theory, no uncensored point,
    or the shape is not a positive finite number at every size (a growth such as
    ``log(n)`` at n = 1).

    >>> theory_curve("n**2", [2, 4, 8], [40, 160, 640], [0, 0, 0])
    [40.0, 160.0, 640.0]
    >>> theory_curve("2**n", [4, 8], [1, 1], [1, 1]) is None
    True
    """
    if not text:
        return None
    import sympy

    try:
        shape = sympy.lambdify(n_symbol(), parse_growth(text), "math")
        values = [float(shape(float(n))) for n in sizes]
    except (ValueError, TypeError, OverflowError, ZeroDivisionError):
        return None
    if not all(math.isfinite(v) and v > 0 for v in values):
        return None
    logs = [
        math.log(c) - math.log(v)
        for v, c, cut in zip(values, costs, censored, strict=True)
        if not cut and c > 0
    ]
    if not logs:
        return None
    scale = math.exp(sum(logs) / len(logs))
    return [round(scale * v, 12) for v in values]

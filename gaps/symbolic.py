"""Growth expressions in ``n`` and their asymptotic comparison (sympy, loaded on use)."""

from __future__ import annotations

from typing import Any, Literal

__all__ = ["compare_growth", "n_symbol", "parse_growth"]


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

"""The lemmas behind the algebraic families' certified checks, proved by z3 at bounded sizes.

Term rewriting (``term_equivalence``'s ``replay``) is sound when every rule it replays
keeps a term's value; the low-rank certificate (``low_rank``'s ``freivalds``) is
sound when a random vector catches a wrong product and a right inverse proves full
rank. The rewrite lemma runs the family's own rule table, not a copy of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

from gaps.proofs.core import RLIMIT, Proof, prove

__all__ = ["prove_freivalds_certifies_rank", "prove_rewrite_rules_keep_the_value"]

Term = tuple[Any, ...]


def _patterns() -> list[Term]:
    """Every node the rules can inspect, two levels deep, with variables for the rest.

    A rule reads a node's operator and its children's operators and compares children
    for equality; a variable stands for any subterm, so a rule that keeps the value
    of these patterns keeps it wherever it applies."""
    a, b, c = (("var", x) for x in "abc")
    leaves = [a, b, c, ("const", 0), ("const", 1), ("const", 2)]
    binary = ("add", "sub", "mul", "and", "or", "xor")
    children = leaves + [(op, a, b) for op in binary] + [("mul", a, c), ("not", a), ("not", b)]
    tops: list[Term] = [(op, x, y) for op in binary for x in children for y in children]
    tops += [(op, x) for op in ("not", "neg") for x in children] + [("shl", x, 1) for x in children]
    return tops


def _contains(term: Term, part: Term) -> bool:
    return term == part or any(isinstance(x, tuple) and _contains(x, part) for x in term[1:])


def _substitute(term: Term, part: Term, name: Term) -> Term:
    if term == part:
        return name
    return tuple(_substitute(x, part, name) if isinstance(x, tuple) else x for x in term)


def _generalise(term: Term, rewritten: Term) -> tuple[Term, Term]:
    """The pair with ``term`` made a variable where the rewrite keeps it whole.

    The general pair implies this one (substitute the term back), so one claim covers a
    rule that wraps any term (x to x + 0); were the general pair false while this one
    holds, the lemma would report it refuted, never proved wrongly."""
    if term != rewritten and _contains(rewritten, term):
        name = ("var", "z")
        return name, _substitute(rewritten, term, name)
    return term, rewritten


def _to_z3(z3: Any, term: Term, env: Mapping[str, Any], width: int) -> Any:
    op = term[0]
    if op == "var":
        return env[term[1]]
    if op == "const":
        return z3.BitVecVal(term[1], width)
    if op == "shl":
        return _to_z3(z3, term[1], env, width) << term[2]
    if op == "not":
        return ~_to_z3(z3, term[1], env, width)
    if op == "neg":
        return -_to_z3(z3, term[1], env, width)
    s, t = (_to_z3(z3, term[i], env, width) for i in (1, 2))
    operators = {
        "add": lambda: s + t,
        "sub": lambda: s - t,
        "mul": lambda: s * t,
        "and": lambda: s & t,
        "or": lambda: s | t,
        "xor": lambda: s ^ t,
    }
    return operators[op]()


def prove_rewrite_rules_keep_the_value(
    bound: int = 3,
    rlimit: int = RLIMIT,
    rules: Mapping[str, Callable[[Term, Any], Term | None]] | None = None,
) -> Proof:
    """Every rewrite rule of ``term_equivalence`` turns a term into one of equal value.

    For every width 1 ≤ n ≤ ``bound``, every rule of the family's rule table (or of
    ``rules``), every node it matches (operators two levels deep, variables below) and
    all n-bit values of the variables: the rewritten node evaluates to the original's
    value. Values are compositional, so a rule applied anywhere in a term keeps the
    term's value; ``replay`` accepts a term reached from the original by such steps,
    and this lemma is why it is then equal to the original for all inputs.

    >>> prove_rewrite_rules_keep_the_value(2).status
    'proved'
    """
    import z3

    import gaps

    if rules is None:
        from gaps.problems.programs import term_equivalence

        rules = term_equivalence.RULES
    meter = gaps.Meter()
    pairs: dict[tuple[Term, Term], None] = {}
    for term in _patterns():
        for rule in rules.values():
            rewritten = rule(term, meter)
            if rewritten is not None:
                pairs[_generalise(term, rewritten)] = None
    claims = []
    for width in range(1, bound + 1):
        env = {x: z3.BitVec(f"{x}{width}", width) for x in "abcz"}
        claims += [_to_z3(z3, s, env, width) == _to_z3(z3, t, env, width) for s, t in pairs]
    return prove("every rewrite rule keeps the value", bound, z3.And(*claims), rlimit)


def _mod(z3: Any, x: Any, p: int) -> Any:
    return z3.URem(x, p)


def prove_freivalds_certifies_rank(bound: int = 2, rlimit: int = RLIMIT, p: int = 5) -> Proof:
    """Freivalds' vector catches a wrong product, and a right inverse proves full rank, over GF(p).

    For every n × n difference D = A − U·V over GF(p) with 1 ≤ n ≤ ``bound`` that has a
    non-zero entry D[i][j], and every two vectors x, x' equal but at coordinate j: if
    D·x and D·x' both vanish at row i then x = x', so at most one value of x_j in p
    hides D, and a random x exposes a wrong product with probability ≥ 1 − 1/p. And for
    every r × r matrices B, M with 1 ≤ r ≤ ``bound`` and B·M = I: B·y = 0 only for y = 0,
    so B, the certified minor, has rank r. ``low_rank``'s ``freivalds`` check tests
    A·x = U·(V·x) and B·(M·y) = y with random vectors (p = 2⁶¹ − 1 there; the lemma's
    argument is the same for every prime p).

    >>> prove_freivalds_certifies_rank(1).status
    'proved'
    """
    import z3

    width = 4 * p.bit_length() + 2 * bound.bit_length() + 2  # room for sums of products

    def element(name: str) -> Any:
        return z3.BitVec(name, width)

    def in_field(xs: list[Any]) -> list[Any]:
        return [z3.ULT(x, p) for x in xs]

    def dot(row: list[Any], xs: list[Any]) -> Any:
        return _mod(z3, z3.Sum([r * x for r, x in zip(row, xs, strict=True)]), p)

    claims = []
    for n in range(1, bound + 1):
        d = [[element(f"d{n}_{i}_{j}") for j in range(n)] for i in range(n)]
        x = [element(f"x{n}_{j}") for j in range(n)]
        for i, j in itertools.product(range(n), repeat=2):
            other = element(f"xj{n}_{i}_{j}")
            moved = [other if k == j else x[k] for k in range(n)]
            premise = [*in_field([e for row in d for e in row]), *in_field([*x, other])]
            premise += [d[i][j] != 0, dot(d[i], x) == 0, dot(d[i], moved) == 0]
            claims.append(z3.Implies(z3.And(*premise), other == x[j]))
    for r in range(1, bound + 1):
        b = [[element(f"b{r}_{i}_{j}") for j in range(r)] for i in range(r)]
        m = [[element(f"m{r}_{i}_{j}") for j in range(r)] for i in range(r)]
        y = [element(f"y{r}_{j}") for j in range(r)]
        columns = [[m[k][j] for k in range(r)] for j in range(r)]
        inverse = [dot(b[i], columns[j]) == int(i == j) for i in range(r) for j in range(r)]
        entries = [e for row in (*b, *m) for e in row] + y
        kernel = [dot(row, y) == 0 for row in b]
        premise = z3.And(*in_field(entries), *inverse, *kernel)
        claims.append(z3.Implies(premise, z3.And(*(v == 0 for v in y))))
    return prove("Freivalds' check certifies the rank", bound, z3.And(*claims), rlimit)

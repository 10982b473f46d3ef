"""Polynomial identity testing: rewrite a product of sums vs expand it or test it at random points.

Problem: an arithmetic circuit over GF(p), p = 2**61 − 1, for the product of n sums
∏ (a_i·x_i + b_i·y_i), a_i, b_i in [1, 9] (8n − 1 gates: ``("var", k)``,
``("const", c)``, ``("add", i, j)``, ``("mul", i, j)`` over earlier gates i, j; the
value is the last gate's). The output is another circuit for the same polynomial.

Gap: ``rewrite`` passes once over the gates applying ring identities (commuting,
splitting constants c = s + (c − s), distributing products over sums), referring to
shared subcircuits rather than copying them: Θ(n) gates, one step per gate.

- ``schwartz_zippel`` (blind) evaluates both circuits at a random point of GF(p)^v,
  twice. Two different polynomials of degree at most D agree at a random point with
  probability at most D/p (Schwartz 1980, Zippel 1979, DeMillo & Lipton 1978); the
  verifier rejects formal degrees above 2**32 (s gates can reach 2**s), so a wrong
  output passes with probability below 2**-57 (points from ``secrets``): Θ(n), neutral.
- ``expand`` (blind, deterministic) expands both circuits with sympy (cache cleared
  around each call) and compares the coefficients modulo p: 2**n monomials, Θ(2**n)
  at least, negative. No deterministic polynomial-time identity test is known for
  general circuits (one would prove circuit lower bounds, Kabanets & Impagliazzo
  2004), only for restricted classes (Saxena 2009).

Costs: ``schwartz_zippel`` in steps (per gate validated, degree taken or evaluated,
and random coordinate, on both sides) and time; ``expand`` in time only, its sizes
ending where it leaves the budget. The corruptor changes one constant or variable of
the output, each used once in a rewrite, so the difference is a nonzero term.

References: DeMillo & Lipton 1978; Zippel 1979; Schwartz 1980; Kabanets & Impagliazzo
2004; Saxena 2009 (survey); Meurer et al. 2017 (sympy).

>>> import random, gaps
>>> fam = gaps.get("identity_testing")
>>> spec = fam.sample(5, random.Random(1))
>>> rewritten = fam.generate["rewrite"](spec, gaps.Meter())
>>> fam.verify["schwartz_zippel"].fn(spec, rewritten, gaps.Meter())
True
>>> bad = fam.corrupt(spec, rewritten, random.Random(2))
>>> fam.verify["schwartz_zippel"].fn(spec, bad, gaps.Meter()), fam.verify["expand"].fn(
...     spec, bad, gaps.Meter())
(False, False)
"""

from __future__ import annotations

import random
import secrets
from typing import Any, NamedTuple

import gaps

#: The field: the Mersenne prime 2**61 − 1.
P = 2**61 - 1
#: Random points per test, and the largest formal degree the test accepts.
ROUNDS = 2
MAX_DEGREE = 2**32
#: Coefficients of the sampled factors, and the generator's rewriting probabilities.
MAX_COEFFICIENT = 9
DISTRIBUTE, SPLIT = 0.75, 0.25

Gate = tuple[Any, ...]
Circuit = tuple[Gate, ...]


class Spec(NamedTuple):
    """An instance: the circuit to rewrite and the seed of the generator's choices."""

    circuit: Circuit
    seed: int


def _well_formed(circuit: object, meter: gaps.Meter) -> bool:
    """A non-empty tuple or list of gates, each referring to earlier gates only."""
    if not isinstance(circuit, tuple | list) or not circuit:
        return False
    meter.tick(len(circuit))
    for index, gate in enumerate(circuit):
        if not isinstance(gate, tuple) or not gate:
            return False
        op = gate[0]
        if op == "var" or op == "const":
            if len(gate) != 2 or type(gate[1]) is not int or gate[1] < 0:
                return False
            if op == "const" and gate[1] >= P:
                return False
        elif op == "add" or op == "mul":
            if len(gate) != 3 or not all(type(i) is int and 0 <= i < index for i in gate[1:]):
                return False
        else:
            return False
    return True


def _checked(instance: object, role: str, meter: gaps.Meter) -> Spec:
    """The instance as a Spec, or InvalidArgument naming the family and the role."""
    ok = (
        isinstance(instance, tuple)
        and len(instance) == 2
        and isinstance(instance[0], tuple)
        and type(instance[1]) is int
        and _well_formed(instance[0], meter)
    )
    if not ok:
        raise gaps.wrong_instance(
            "identity_testing",
            role,
            instance,
            "a (circuit, seed) pair: a non-empty tuple of gates ('var', k), ('const', c) with "
            "0 <= c < 2**61 - 1, ('add', i, j) or ('mul', i, j) naming earlier gates, and an int",
        )
    return Spec(*instance)  # type: ignore[misc]


def sample(size: int, rng: random.Random) -> Spec:
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise gaps.InvalidArgument(
            f"The 'size' parameter of identity_testing's sampler (the number of factors "
            f"of the product) must be an int >= 1. Got {size!r} ({type(size).__name__})."
        )
    gates: list[Gate] = []
    product = None
    for i in range(size):
        for variable in (2 * i, 2 * i + 1):  # x_i, then y_i
            gates += [("var", variable), ("const", rng.randint(1, MAX_COEFFICIENT))]
            gates.append(("mul", len(gates) - 1, len(gates) - 2))
        gates.append(("add", len(gates) - 4, len(gates) - 1))
        if product is not None:
            gates.append(("mul", product, len(gates) - 1))
        product = len(gates) - 1
    return Spec(tuple(gates), rng.getrandbits(64))


def rewrite(instance: object, meter: gaps.Meter) -> Circuit:
    """One pass of sound rewrites (commute, split constants, distribute), then pruning."""
    circuit, seed = _checked(instance, "generator 'rewrite'", meter)
    rng = random.Random(seed)
    out: list[Gate] = []
    new: list[int] = []  # new[i]: the gate of ``out`` computing old gate i

    def emit(*gate: Any) -> int:
        meter.tick()
        out.append(gate)
        return len(out) - 1

    def times(a: int, b: int) -> int:
        return emit("mul", *((a, b) if rng.random() < 0.5 else (b, a)))

    for gate in circuit:
        op = gate[0]
        if op == "const" and rng.random() < SPLIT:
            part = rng.randrange(P)
            new.append(emit("add", emit("const", part), emit("const", (gate[1] - part) % P)))
        elif op in ("var", "const"):
            new.append(emit(*gate))
        elif op == "add":
            a, b = new[gate[1]], new[gate[2]]
            new.append(emit("add", *((a, b) if rng.random() < 0.5 else (b, a))))
        else:
            left, right = circuit[gate[1]], circuit[gate[2]]
            if left[0] == "add" and right[0] == "add" and rng.random() < DISTRIBUTE:
                l1, l2, r1, r2 = (new[i] for i in (*left[1:], *right[1:]))
                first = emit("add", times(l1, r1), times(l1, r2))
                second = emit("add", times(l2, r1), times(l2, r2))
                new.append(emit("add", first, second))
            elif right[0] == "add" and rng.random() < DISTRIBUTE:
                a, (r1, r2) = new[gate[1]], (new[i] for i in right[1:])
                new.append(emit("add", times(a, r1), times(a, r2)))
            elif left[0] == "add" and rng.random() < DISTRIBUTE:
                (l1, l2), b = (new[i] for i in left[1:]), new[gate[2]]
                new.append(emit("add", times(l1, b), times(l2, b)))
            else:
                new.append(times(new[gate[1]], new[gate[2]]))
    return _pruned(out, meter)


def _pruned(gates: list[Gate], meter: gaps.Meter) -> Circuit:
    """The gates the last one depends on, renumbered in order: two passes."""
    meter.tick(2 * len(gates))
    needed = [False] * len(gates)
    needed[-1] = True
    for index in range(len(gates) - 1, -1, -1):
        if needed[index] and gates[index][0] in ("add", "mul"):
            needed[gates[index][1]] = needed[gates[index][2]] = True
    renumber: dict[int, int] = {}
    kept: list[Gate] = []
    for index, gate in enumerate(gates):
        if needed[index]:
            if gate[0] in ("add", "mul"):
                gate = (gate[0], renumber[gate[1]], renumber[gate[2]])
            renumber[index] = len(kept)
            kept.append(gate)
    return tuple(kept)


def _degree(circuit: Circuit, meter: gaps.Meter) -> int:
    """The formal degree (sum at products, max at sums), capped just above MAX_DEGREE."""
    meter.tick(len(circuit))
    degrees: list[int] = []
    for gate in circuit:
        op = gate[0]
        if op == "var":
            degrees.append(1)
        elif op == "const":
            degrees.append(0)
        elif op == "add":
            degrees.append(max(degrees[gate[1]], degrees[gate[2]]))
        else:
            degrees.append(min(degrees[gate[1]] + degrees[gate[2]], MAX_DEGREE + 1))
    return degrees[-1]


def _evaluate(circuit: Circuit, point: dict[int, int], meter: gaps.Meter) -> int:
    """The circuit's value at ``point`` modulo p: one field operation per gate."""
    meter.tick(len(circuit))
    values: list[int] = []
    for gate in circuit:
        op = gate[0]
        if op == "var":
            values.append(point[gate[1]])
        elif op == "const":
            values.append(gate[1])
        elif op == "add":
            values.append((values[gate[1]] + values[gate[2]]) % P)
        else:
            values.append(values[gate[1]] * values[gate[2]] % P)
    return values[-1]


def schwartz_zippel(instance: object, output: object, meter: gaps.Meter) -> bool:
    """Blind: equal values at ROUNDS random points of GF(p)^v, after a degree check."""
    circuit = _checked(instance, "verifier 'schwartz_zippel'", meter).circuit
    if not _well_formed(output, meter):
        return False
    other: Circuit = tuple(output)  # type: ignore[arg-type]
    if max(_degree(circuit, meter), _degree(other, meter)) > MAX_DEGREE:
        return False
    variables = {gate[1] for gate in circuit + other if gate[0] == "var"}
    for _ in range(ROUNDS):
        meter.tick(len(variables))
        # Fresh entropy per call: the generator must not be able to predict the point.
        point = {v: secrets.randbelow(P) for v in variables}
        if _evaluate(circuit, point, meter) != _evaluate(other, point, meter):
            return False
    return True


def _to_sympy(circuit: Circuit) -> Any:
    import sympy

    values: list[Any] = []
    for gate in circuit:
        op = gate[0]
        if op == "var":
            values.append(sympy.Symbol(f"v{gate[1]}"))
        elif op == "const":
            values.append(sympy.Integer(gate[1]))
        elif op == "add":
            values.append(sympy.Add(values[gate[1]], values[gate[2]]))
        else:
            values.append(sympy.Mul(values[gate[1]], values[gate[2]]))
    return values[-1]


def expand(instance: object, output: object, meter: gaps.Meter) -> bool:
    """Blind and deterministic: expand both circuits with sympy, compare coefficients mod p."""
    import sympy

    circuit = _checked(instance, "verifier 'expand'", meter).circuit
    if not _well_formed(output, meter):
        return False
    # sympy memoises expansions process-wide: without clearing, a repeated or corrupted
    # call would reuse the previous call's work and cost a fraction of an expansion.
    sympy.core.cache.clear_cache()
    try:
        lhs, rhs = _to_sympy(circuit), _to_sympy(tuple(output))  # type: ignore[arg-type]
        difference = sympy.expand(lhs) - sympy.expand(rhs)
        return all(int(c) % P == 0 for c in difference.as_coefficients_dict().values())
    finally:
        sympy.core.cache.clear_cache()


def corrupt(instance: object, output: Circuit, rng: random.Random) -> Circuit:
    """Change one constant by δ ≠ 0 or one variable into another (see the module docstring)."""
    gates = list(output)
    leaves = [i for i, gate in enumerate(gates) if gate[0] in ("var", "const")]
    if not leaves:  # not a rewrite of a sampled instance: add 1, never an identity
        gates.append(("const", 1))
        gates.append(("add", len(gates) - 2, len(gates) - 1))
        return tuple(gates)
    i = rng.choice(leaves)
    op, value = gates[i]
    if op == "const":
        gates[i] = ("const", (value + rng.randrange(1, P)) % P)
    else:
        used = sorted({g[1] for g in gates if g[0] == "var"} - {value})
        gates[i] = ("var", rng.choice(used) if used else value + 1)
    return tuple(gates)


FAMILY = gaps.Family(
    name="identity_testing",
    domain="algebra",
    summary="Rewrite a product of n sums into an equal circuit vs Schwartz–Zippel or expansion.",
    sample=sample,
    generate={"rewrite": rewrite},
    verify={"schwartz_zippel": gaps.blind(schwartz_zippel), "expand": gaps.blind(expand)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify={"schwartz_zippel": "n", "expand": "2**n"},
        sign={"schwartz_zippel": "neutral", "expand": "negative"},
        reference="Schwartz 1980; Zippel 1979; DeMillo and Lipton 1978",
    ),
    references=(
        "DeMillo and Lipton 1978",
        "Zippel 1979",
        "Schwartz 1980",
        "Kabanets and Impagliazzo 2004",
        "Saxena 2009",
        "Meurer et al. 2017 (sympy)",
    ),
    tags=("algebra", "polynomials", "identity-testing", "randomised", "circuits", "sympy"),
    units={"schwartz_zippel": ("steps", "time"), "expand": ("time",)},
    sizes=(3, 4, 5, 6, 7, 8),
)

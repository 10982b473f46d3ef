"""The property grammar of the candidate space, and the declaration every candidate shares.

A property is an atom, an atom with parameters, a negation or a conjunction::

    property := name | name(param=value, ...) | ~property | property & property

written as the summary of a candidate (``"hamiltonian & ~bipartite"``,
``"k_colourable(k=3)"``). A candidate's certified verifier checks the witness of its
*main* atom (the first conjunct) and decides the other conjuncts itself, so every
other conjunct must be decidable in polynomial time; a negated atom has no short
witness, so a property whose main atom is negated is checked blind only.

>>> prop = atom("hamiltonian") & ~atom("bipartite")
>>> str(prop), prop.parameters, prop.named
('hamiltonian & ~bipartite', 0, False)
>>> str(atom("k_colourable", k=3)), atom("k_colourable", k=3).named
('k_colourable(k=3)', True)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import gaps

__all__ = ["CONSTRUCTIONS", "Prop", "atom", "declare", "evaluate"]

#: How a candidate's generator builds its object.
CONSTRUCTIONS = ("naive_plant", "quiet_plant", "rejection", "transform")


@dataclass(frozen=True)
class Prop:
    """A property: an atom (``op="atom"``), a negation or a conjunction of properties."""

    op: str
    name: str = ""
    params: tuple[tuple[str, Any], ...] = ()
    args: tuple[Prop, ...] = ()

    def __and__(self, other: Prop) -> Prop:
        return Prop("and", args=(*self.conjuncts, *other.conjuncts))

    def __invert__(self) -> Prop:
        return Prop("not", args=(self,))

    def __str__(self) -> str:
        if self.op == "atom":
            inner = ", ".join(f"{k}={v}" for k, v in self.params)
            return f"{self.name}({inner})" if inner else self.name
        if self.op == "not":
            return f"~{self.args[0]}"
        return " & ".join(str(a) for a in self.args)

    @property
    def conjuncts(self) -> tuple[Prop, ...]:
        return self.args if self.op == "and" else (self,)

    @property
    def parameters(self) -> int:
        """How many parameters the property names (its atoms' together)."""
        if self.op == "atom":
            return len(self.params)
        return sum(a.parameters for a in self.args)

    @property
    def named(self) -> bool:
        """Whether the property is one named concept: a single atom, with its parameters."""
        return self.op == "atom"

    @property
    def slug(self) -> str:
        """The property as a snake_case fragment of a candidate's name.

        >>> (atom("k_colourable", k=3) & ~atom("planar")).slug
        'k_colourable3_not_planar'
        """
        if self.op == "atom":
            return self.name + "".join(re.sub(r"[^a-z0-9]", "", str(v)) for _, v in self.params)
        if self.op == "not":
            return "not_" + self.args[0].slug
        return "_".join(a.slug for a in self.args)


def atom(name: str, **params: Any) -> Prop:
    """A named predicate with parameters.

    >>> str(atom("smooth", bound=1000))
    'smooth(bound=1000)'
    """
    return Prop("atom", name, tuple(params.items()))


def evaluate(prop: Prop, deciders: Mapping[str, Callable[..., bool]], obj: Any) -> bool:
    """Decide ``prop`` of ``obj`` with ``deciders[atom name](obj, **params)``.

    >>> evaluate(atom("even") & ~atom("big", limit=9), {"even": lambda x: x % 2 == 0,
    ...          "big": lambda x, limit: x > limit}, 4)
    True
    """
    if prop.op == "atom":
        return bool(deciders[prop.name](obj, **dict(prop.params)))
    if prop.op == "not":
        return not evaluate(prop.args[0], deciders, obj)
    return all(evaluate(a, deciders, obj) for a in prop.args)


def sample(size: int, rng: random.Random) -> tuple[int, int]:
    """Every candidate's instance: the size and a seed for the generator's own rng.

    >>> sample(8, random.Random(0))[0]
    8
    """
    return size, rng.getrandbits(64)


def _documented(fn: Callable[..., Any], doc: str) -> Callable[..., Any]:
    """``fn`` under a wrapper whose docstring is ``doc`` (the verifier names its decider)."""

    def documented(*args: Any) -> Any:
        return fn(*args)

    documented.__doc__ = doc
    return documented


def declare(
    *,
    domain: str,
    prefix: str,
    prop: Prop,
    construction: str,
    generate: Callable[[Any, gaps.Meter], Any],
    decide: Callable[[Any, Any, gaps.Meter], bool],
    decider: str,
    corrupt: Callable[[Any, Any, random.Random], Any],
    sizes: tuple[int, ...],
    check: Callable[[Any, Any, Any, gaps.Meter], bool] | None = None,
    check_ticks: bool = True,
    kind: str | None = None,
    variant: str = "",
    note: str = "",
) -> gaps.Family:
    """One candidate: a family with a blind ``decide`` and, given one, a certified ``check``.

    The name is ``prefix_slug[_variant]_construction``; the tags carry the construction,
    the verification mode (``blind``: the candidate asks whether the object's property
    can be decided without the builder's secret), ``named`` and the parameter count.
    ``check_ticks`` says whether the check ticks all its work (else it is timed only).

    >>> fam = declare(domain="integers", prefix="int", prop=atom("even"),
    ...               construction="naive_plant", generate=lambda s, m: 2 * s[1],
    ...               decide=lambda s, x, m: x % 2 == 0, decider="the remainder mod 2",
    ...               corrupt=lambda s, x, rng: x + 1, sizes=(8, 16, 32, 64))
    >>> fam.name, fam.summary
    ('int_even_naive_plant', 'even')
    >>> fam.tags
    ('construction=naive_plant', 'mode=blind', 'named', 'params=0')
    """
    if construction not in CONSTRUCTIONS:
        raise ValueError(f"unknown construction {construction!r}; use one of {CONSTRUCTIONS}")
    name = "_".join(p for p in (prefix, prop.slug, variant, construction) if p)
    verify: dict[str, gaps.Verifier] = {
        "decide": gaps.blind(_documented(decide, f"Decide {prop} blind: {decider}.{note}"))
    }
    units: dict[str, tuple[str, ...]] = {"decide": ("time",)}
    if check is not None:
        doc = f"Check the planted witness of {prop} in the {kind or 'own'} form."
        verify["check"] = gaps.certified(_documented(check, doc))
        units["check"] = ("steps", "time") if check_ticks else ("time",)
    tags = [f"construction={construction}", "mode=blind"]
    if prop.named:
        tags.append("named")
    tags.append(f"params={prop.parameters}")
    return gaps.Family(
        name=name,
        sample=sample,
        generate={"generate": generate},
        verify=verify,
        corrupt=corrupt,
        domain=domain,
        summary=str(prop),
        tags=tags,
        units=units,
        sizes=sizes,
        kind=kind,
    )

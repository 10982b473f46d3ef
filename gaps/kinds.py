"""Relation kinds: the canonical forms of object and witness that attacks work on.

A family that declares ``kind="sat"`` promises that its generators output a CNF
formula in the canonical form and, through :class:`gaps.Certified`, a satisfying
assignment in the canonical form. Any attack written for a kind then applies to every
family of that kind, and the witness an attack finds is checked by the family's own
certified verifier, so an attack can make a verifier cheaper but never unsound.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["KINDS", "Kind"]


@dataclass(frozen=True)
class Kind:
    """A relation kind: what its objects and witnesses look like.

    >>> KINDS["factor"].witness
    'a non-trivial factor of N (int)'
    """

    name: str
    object: str
    witness: str


_GRAPH_K = "(n, edges, k): vertices 0..n-1, edges a tuple of pairs of ints, k an int"

KINDS: Mapping[str, Kind] = MappingProxyType(
    {
        k.name: k
        for k in (
            Kind(
                "sat",
                "(num_vars, clauses): clauses are tuples of non-zero ints (DIMACS literals)",
                "tuple of num_vars bools, index i for variable i+1",
            ),
            Kind("factor", "int N > 1", "a non-trivial factor of N (int)"),
            Kind("clique", _GRAPH_K, "tuple of k vertices, pairwise adjacent"),
            Kind("colouring", _GRAPH_K, "tuple of n colours in range(k), adjacent vertices differ"),
        )
    }
)

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
            Kind(
                "hamiltonian",
                "(n, edges): vertices 0..n-1, edges a tuple of pairs of ints",
                "tuple of the n vertices in cycle order, each adjacent to the next and the "
                "last to the first",
            ),
            Kind("independent_set", _GRAPH_K, "tuple of k vertices, pairwise non-adjacent"),
            Kind("vertex_cover", _GRAPH_K, "tuple of at most k vertices touching every edge"),
            Kind(
                "dominating_set",
                _GRAPH_K,
                "tuple of at most k vertices; every vertex is in it or adjacent to one in it",
            ),
            Kind(
                "isomorphism",
                "((n, edges), (n, edges)): two graphs on vertices 0..n-1",
                "tuple p of n vertices; {p[u], p[v]} is an edge of the second graph exactly "
                "when {u, v} is an edge of the first",
            ),
            Kind(
                "subset_sum",
                "(numbers, target): a tuple of positive ints and an int",
                "tuple of distinct indices into numbers whose entries sum to target",
            ),
            Kind(
                "kernel",
                "(p, rows): p a prime, or 0 for the rationals; rows a square matrix as a "
                "tuple of tuples of ints",
                "a non-zero tuple x of ints with rows @ x = 0 (mod p when p > 0)",
            ),
            Kind(
                "preimage",
                "(generator, k, image): generator a picklable callable from an int seed in "
                "range(2**k) to bytes, image bytes",
                "an int seed in range(2**k) with generator(seed) == image",
            ),
        )
    }
)

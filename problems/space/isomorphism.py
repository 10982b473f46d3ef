"""Isomorphism candidates: permute a graph vs decide whether two graphs are isomorphic.

Objects are ``((n, edges), (n, edges))``, each edge list a sorted tuple of pairs, and
the witness is the permutation p with {p[u], p[v]} an edge of the second graph
exactly when {u, v} is one of the first (kind ``isomorphism``). Constructions: naive,
a random graph with 4n edges (colour refinement tells its vertices apart, Babai,
Erdős & Selkow 1980); quiet, a random 4-regular graph (every vertex looks alike to
colour refinement); transform, a naive pair whose two sides are relabelled again
independently. The negation (a pair with equal degree sequences that is not
isomorphic, by a degree-preserving switch) is checked blind only. The decider is
BLISS through igraph (Junttila & Kaski 2007).

>>> import random, gaps
>>> fam = candidates()[1]
>>> spec = fam.sample(16, random.Random(0))
>>> pair, p = fam.generate["generate"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, pair, p, gaps.Meter()), fam.summary
(True, 'isomorphic')
"""

from __future__ import annotations

import functools
import random
from typing import Any

from gaps.problems.space import graphs as g
from gaps.problems.space.grammar import atom, declare

import gaps

_PLAIN = g.Atom("plain", None, g.find_regular, g.check_regular, g.plant_regular)
SIZES = (32, 64, 128, 256)


def _permuted(n: int, edges: Any, rng: random.Random, meter: gaps.Meter) -> Any:
    p = list(range(n))
    rng.shuffle(p)
    meter.tick(n + len(edges))
    return tuple(sorted(g._e(p[u], p[v]) for u, v in edges)), tuple(p)


def _base(n: int, quiet: bool, rng: random.Random, meter: gaps.Meter) -> Any:
    if quiet:
        return g.plant_regular(n, 0, rng, True, meter)[0]
    return g._gnm(n, 4 * n, rng, meter)


def generate(construction: str, spec: Any, meter: gaps.Meter) -> Any:
    n, seed = spec
    rng = random.Random(seed)
    first = tuple(sorted(_base(n, construction == "quiet_plant", rng, meter)))
    second, p = _permuted(n, first, rng, meter)
    if construction == "transform":  # relabel the first graph too; p composes with it
        first, q = _permuted(n, first, rng, meter)
        inverse = [0] * n
        for v, image in enumerate(q):
            inverse[image] = v
        p = tuple(p[inverse[v]] for v in range(n))
    if construction == "negation":
        return (n, first), (n, _switched(n, set(second), rng))
    return gaps.Certified(((n, first), (n, second)), p)


def _switched(n: int, edges: set[tuple[int, int]], rng: random.Random) -> Any:
    """A degree-preserving 2-switch of ``edges`` that BLISS says is not isomorphic."""
    original = g._igraph(n, edges)
    for _ in range(g.TRIES):
        (a, b), (c, d) = rng.sample(sorted(edges), 2)
        new = {g._e(a, d), g._e(c, b)}
        if len({a, b, c, d}) == 4 and not new & edges:
            switched = (edges - {(a, b), (c, d)}) | new
            if not original.isomorphic_bliss(g._igraph(n, switched)):
                return tuple(sorted(switched))
    raise gaps.GaveUp("no non-isomorphic switch found")


def _pair(spec: Any, obj: Any, meter: gaps.Meter) -> Any:
    if not isinstance(obj, tuple) or len(obj) != 2:
        return None
    first, second = (g._parse(_PLAIN, side, spec[0], meter) for side in obj)
    return None if first is None or second is None else (first[1], second[1])


def decide(negated: bool, spec: Any, obj: Any, meter: gaps.Meter) -> bool:
    pair = _pair(spec, obj, meter)
    if pair is None:
        return False
    n = spec[0]
    same = bool(g._igraph(n, pair[0]).isomorphic_bliss(g._igraph(n, pair[1])))
    return same != negated


def check(spec: Any, obj: Any, p: Any, meter: gaps.Meter) -> bool:
    pair = _pair(spec, obj, meter)
    n = spec[0]
    if pair is None or not g._distinct(p, n, meter) or len(p) != n:
        return False
    first, second = pair
    meter.tick(len(first))
    return len(first) == len(second) and all(g._e(p[u], p[v]) in second for u, v in first)


def corrupt(spec: Any, result: Any, rng: random.Random) -> Any:
    """Drop an edge of the second graph (planted pairs) or make the pair isomorphic."""
    if isinstance(result, gaps.Certified):
        (first, (n, second)), p = result
        drop = rng.randrange(len(second))
        return gaps.Certified((first, (n, second[:drop] + second[drop + 1 :])), p)
    (n, first), _ = result
    return (n, first), (n, _permuted(n, first, rng, gaps.Meter())[0])


def candidates() -> list[gaps.Family]:
    """Isomorphic pairs under three constructions, and the non-isomorphic control.

    >>> [c.summary for c in candidates()][-1]
    '~isomorphic'
    """
    found = []
    for construction in ("naive_plant", "quiet_plant", "transform", "negation"):
        negated = construction == "negation"
        found.append(
            declare(
                domain="graphs",
                prefix="graph",
                prop=~atom("isomorphic") if negated else atom("isomorphic"),
                construction="quiet_plant" if negated else construction,
                generate=functools.partial(generate, construction),
                decide=functools.partial(decide, negated),
                decider="BLISS canonical labelling through igraph",
                check=None if negated else check,
                corrupt=corrupt,
                kind=None if negated else "isomorphism",
                sizes=SIZES,
            )
        )
    return found

"""Graph isomorphism: permute a random graph vs decide isomorphism (BLISS) or check π.

Problem: the instance ``(n, seed)`` asks for a pair of isomorphic graphs on the
vertices 0..n−1. The generator draws a random graph G(n, m) with m = 4n edges
(average degree 8) and a random permutation π, and returns ``(G, H)`` with
H = π(G) (edge lists, H's shuffled), keeping π as the certificate.

Gap: permuting is O(n + m). The ``bliss`` verifier (blind) decides isomorphism
without π with igraph's ``isomorphic_bliss`` (BLISS canonical labelling, Junttila &
Kaski 2007). Graph isomorphism is quasipolynomial in the worst case (Babai 2016), and
individualisation–refinement is exponential on some families (Neuen & Schweitzer
2018), but random graphs are easy: colour refinement separates almost all their
vertices (Babai, Erdős & Selkow 1980; Czajka & Pandurangan 2008), a few rounds at
average degree 8 (O(m log n), Cardon & Crochemore 1982), and BLISS's search tree stays
trivial. So the gap is expected **neutral**: a planted isomorphic pair is not a hard
instance. A small drift of the paired gap is still expected: colour refinement is
O(m log n), tight for some graphs (Berkholz, Bonsma & Grohe 2017), a log factor is
1/ln n bits per doubling, and the Python validation of the edge lists grows with the
graphs' cache footprint. Not told from a constant factor at affordable sizes, it may
make a survey read neutral or, with decisive fits (n against n log n), negative.
``check`` (certified) maps G's edges through π onto H's edge set: O(n + m), neutral.

Both verifiers first check that G and H are simple graphs on 0..n−1. Costs: ``bliss``
in time only (native code), ``check`` in steps and time.

References: Babai, Erdős & Selkow 1980; Cardon & Crochemore 1982; Junttila & Kaski
2007 (bliss); Czajka & Pandurangan 2008; McKay & Piperno 2014; Babai 2016; Neuen &
Schweitzer 2018; Berkholz, Bonsma & Grohe 2017.

>>> import random, gaps
>>> fam = gaps.get("graph_isomorphism")
>>> spec = fam.sample(50, random.Random(1))
>>> pair, permutation = fam.generate["permute"](spec, gaps.Meter())
>>> fam.verify["bliss"].fn(spec, pair, gaps.Meter())
True
>>> fam.verify["check"].fn(spec, pair, permutation, gaps.Meter())
True
>>> bad, _ = fam.corrupt(spec, gaps.Certified(pair, permutation), random.Random(2))
>>> fam.verify["bliss"].fn(spec, bad, gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from typing import Any

import igraph
from gaps.problems._graphs import size_and_seed

import gaps

#: Edges per vertex (average degree twice that).
DEGREE = 4

Spec = tuple[int, int]
Edges = list[tuple[int, int]]


def sample(size: int, rng: random.Random) -> Spec:
    return max(size, 5), rng.getrandbits(64)


def permute(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, seed = size_and_seed(spec, "graph_isomorphism", "generator 'permute'", 1)
    rng = random.Random(seed)
    target = min(DEGREE * n, n * (n - 1) // 2)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < target:
        meter.tick()
        u, v = rng.sample(range(n), 2)
        pairs.add((min(u, v), max(u, v)))
    g = list(pairs)  # set order: reproducible, since int tuples hash deterministically
    meter.tick(len(g))
    permutation = list(range(n))
    rng.shuffle(permutation)
    meter.tick(n + len(g))
    h = [(permutation[u], permutation[v]) for u, v in g]
    rng.shuffle(h)
    return gaps.Certified((g, h), permutation)


def _simple(n: int, edges: Any, meter: gaps.Meter) -> set[int] | None:
    """The edge set of a simple graph on 0..n-1 (edge {u, v} as min·n + max), or None."""
    if not isinstance(edges, (list, tuple)):
        return None
    found: set[int] = set()
    for edge in edges:
        meter.tick()
        if not isinstance(edge, (list, tuple)) or len(edge) != 2:
            return None
        u, v = edge
        if type(u) is not int or type(v) is not int or not (0 <= u < n and 0 <= v < n):
            return None
        if u == v:
            return None
        found.add(u * n + v if u < v else v * n + u)
    return found if len(found) == len(edges) else None


def _pair(spec: Spec, pair: Any, meter: gaps.Meter) -> tuple[Any, Any] | None:
    if not isinstance(pair, (list, tuple)) or len(pair) != 2:
        return None
    n = spec[0]
    if _simple(n, pair[0], meter) is None or _simple(n, pair[1], meter) is None:
        return None
    return pair[0], pair[1]


def bliss(spec: Spec, pair: Any, meter: gaps.Meter) -> bool:
    n = size_and_seed(spec, "graph_isomorphism", "verifier 'bliss'", 1)[0]
    graphs = _pair(spec, pair, meter)
    if graphs is None:
        return False
    g, h = (igraph.Graph(n=n, edges=list(edges)) for edges in graphs)
    return bool(g.isomorphic_bliss(h))


def check(spec: Spec, pair: Any, permutation: Any, meter: gaps.Meter) -> bool:
    n = size_and_seed(spec, "graph_isomorphism", "verifier 'check'", 1)[0]
    if not isinstance(pair, (list, tuple)) or len(pair) != 2:
        return False
    g, h = _simple(n, pair[0], meter), _simple(n, pair[1], meter)
    if g is None or h is None:
        return False
    if not isinstance(permutation, (list, tuple)) or len(permutation) != n:
        return False
    meter.tick(n)
    if sorted(p for p in permutation if type(p) is int) != list(range(n)):
        return False
    if len(g) != len(h):
        return False
    for key in g:
        meter.tick()
        a, b = permutation[key // n], permutation[key % n]
        if (a * n + b if a < b else b * n + a) not in h:
            return False
    return True


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Rewire H by a degree-preserving 2-switch until it is no longer isomorphic to G.

    The degree sequence is kept, so no degree count can reject it; BLISS confirms
    non-isomorphism (a random graph has no symmetry to undo the switch, so the first
    try almost always works). If none is found, one edge of H is removed.
    """
    n = spec[0]
    (g, h), permutation = result
    graph_g = igraph.Graph(n=n, edges=list(g))
    present = {frozenset(e) for e in h}
    for _ in range(50):
        i, j = rng.sample(range(len(h)), 2)
        (a, b), (c, d) = h[i], h[j]
        if len({a, b, c, d}) < 4 or frozenset((a, d)) in present or frozenset((c, b)) in present:
            continue
        bad = list(h)
        bad[i], bad[j] = (a, d), (c, b)
        if not graph_g.isomorphic_bliss(igraph.Graph(n=n, edges=bad)):
            return gaps.Certified((g, bad), permutation)
    return gaps.Certified((g, h[1:]), permutation)


def small_specs(bound: int) -> list[Spec]:
    """Graphs on 1 and 2 vertices; on 3 from ``bound`` 4 (8000 candidates there)."""
    return [(n, 0) for n in range(1, min(bound, 2) + 1)] + ([(3, 0)] if bound >= 4 else [])


def _graph_variables(spec: Spec) -> list[Any]:
    """A Bool per vertex pair in G, then in H, then π's images."""
    import z3

    n = spec[0]
    pairs = list(itertools.combinations(range(n), 2))
    g = [z3.Bool(f"g{u}_{v}") for u, v in pairs]
    h = [z3.Bool(f"h{u}_{v}") for u, v in pairs]
    return [*g, *h, *(z3.Int(f"pi{v}") for v in range(n))]


def _images_near(spec: Spec, v: Sequence[Any]) -> Any:
    """Images from -1 to n: out-of-range ones included."""
    import z3

    n = spec[0]
    return z3.And(*(z3.And(x >= -1, x <= n) for x in v[len(v) - n :]))


def _isomorphic_by(spec: Spec, v: Sequence[Any]) -> Any:
    """π is a permutation of 0..n−1 mapping G's edges exactly onto H's."""
    import z3

    n = spec[0]
    pairs = list(itertools.combinations(range(n), 2))
    g, h, pi = v[: len(pairs)], v[len(pairs) : 2 * len(pairs)], v[2 * len(pairs) :]
    permutation = [z3.And(x >= 0, x < n) for x in pi] + ([z3.Distinct(*pi)] if n > 1 else [])
    edge_h = dict(zip(pairs, h, strict=True))

    def mapped(u: int, w: int) -> Any:
        hits = [
            z3.And(
                edge_h[a, b], z3.Or(z3.And(pi[u] == a, pi[w] == b), z3.And(pi[u] == b, pi[w] == a))
            )
            for a, b in pairs
        ]
        return z3.Or(*hits, False)

    exact = [e == mapped(*p) for e, p in zip(g, pairs, strict=True)]
    count = [z3.Sum(0, *(z3.If(e, 1, 0) for e in g)) == z3.Sum(0, *(z3.If(e, 1, 0) for e in h))]
    return z3.And(*permutation, *exact, *count)


def _decode(spec: Spec, values: Sequence[Any]) -> gaps.Certified:
    n = spec[0]
    pairs = list(itertools.combinations(range(n), 2))
    g = [p for p, on in zip(pairs, values[: len(pairs)], strict=True) if on]
    h = [p for p, on in zip(pairs, values[len(pairs) : 2 * len(pairs)], strict=True) if on]
    return gaps.Certified((g, h), list(values[2 * len(pairs) :]))


SPECIFICATION = gaps.Specification(
    instances=small_specs,
    variables=_graph_variables,
    valid=_isomorphic_by,
    decode=_decode,
    domain=_images_near,
    verifier="check",
)


FAMILY = gaps.Family(
    name="graph_isomorphism",
    domain="graphs",
    summary="Permute a random graph (O(n + m)) vs decide isomorphism with BLISS or check π.",
    sample=sample,
    generate={"permute": permute},
    verify={"bliss": gaps.blind(bliss), "check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify={"bliss": "n", "check": "n"},
        sign={"bliss": "neutral", "check": "neutral"},
        reference="Babai, Erdős and Selkow 1980 (random graphs are easy); Babai 2016",
    ),
    references=(
        "Babai, Erdos and Selkow 1980",
        "Cardon and Crochemore 1982",
        "Junttila and Kaski 2007",
        "Czajka and Pandurangan 2008",
        "McKay and Piperno 2014",
        "Babai 2016",
        "Neuen and Schweitzer 2018",
        "Berkholz, Bonsma and Grohe 2017",
    ),
    tags=("graphs", "isomorphism", "planted", "certificate"),
    units={"bliss": ("time",), "check": ("steps", "time")},
    sizes=(125, 250, 500, 1000, 2000, 4000),
    spec=SPECIFICATION,
)

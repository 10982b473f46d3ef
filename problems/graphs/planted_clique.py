"""Planted clique: hide a k-clique in G(n, 1/2) vs find one blind or check the k vertices.

Problem: the instance ``(n, seed)`` asks for a graph on 0..n−1 with a clique of
k = ⌈2 log2 n⌉ vertices. The generator draws G(n, 1/2) and makes a random k-set of
vertices pairwise adjacent. The graph is given by its upper adjacency rows: row u is
an int whose bit v (v > u) says that u and v are adjacent; bits at or below u are
ignored, so every tuple of n ints is a graph and reading one pair costs O(1).

Gap: planting costs O(n²) bits (O(n²/64) word operations, ticked per word, plus k²
for the clique). The natural clique number of G(n, 1/2) is about 2 log2 n −
2 log2 log2 n (Matula 1976; Bollobás & Erdős 1976), so k sits just above it: w.h.p.
the planted clique is the only k-clique, but it is too small for the degree or
spectral methods that find cliques of size Ω(√n) (Kučera 1995; Alon, Krivelevich &
Sudakov 1998). The ``decide`` verifier (blind) must find a k-clique without the
secret: igraph's ``cliques(min=k, max=k)`` (Cliquer's branch and bound, Östergård
2002), after unpacking the rows into an edge list (numpy). Exhaustive search over
k-sets costs n^O(log n), quasi-polynomial, and no polynomial algorithm is known for
k = O(log n) (the planted-clique conjecture is about k up to √n). The ``check``
verifier (certified) reads the k claimed vertices' k(k−1)/2 pairs and the n rows'
types: O(n + log² n) — **positive** against the n² planting, since the graph is
handed over in a form with O(1) adjacency tests.

Leakage: the planted vertices have degree about n/2 + k/2, a shift of k/2 = O(log n)
against a standard deviation √n/2, so degrees do not reveal them for k ≪ √n. Costs:
``decide`` in time only (igraph is native); planting and ``check`` tick their steps.

References: Matula 1976; Bollobás & Erdős 1976; Karp 1976; Kučera 1995; Alon,
Krivelevich & Sudakov 1998; Östergård 2002 (Cliquer).

>>> import random, gaps
>>> fam = gaps.get("planted_clique")
>>> spec = fam.sample(60, random.Random(1))
>>> rows, clique = fam.generate["plant"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, rows, clique, gaps.Meter())
True
>>> fam.verify["decide"].fn(spec, rows, gaps.Meter())
True
>>> bad, _ = fam.corrupt(spec, gaps.Certified(rows, clique), random.Random(2))
>>> fam.verify["decide"].fn(spec, bad, gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from typing import Any

import igraph
import numpy as np
from gaps.problems._graphs import size_and_seed

import gaps

Spec = tuple[int, int]
Rows = tuple[int, ...]


def clique_size(n: int) -> int:
    """The planted clique's size, ⌈2 log2 n⌉.

    >>> clique_size(100)
    14
    """
    return math.ceil(2 * math.log2(n))


def sample(size: int, rng: random.Random) -> Spec:
    return max(size, 8), rng.getrandbits(64)


def plant(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, seed = size_and_seed(spec, "planted_clique", "generator 'plant'", 2)
    rng = random.Random(seed)
    words = -(-n // 64)
    rows = [rng.getrandbits(n) >> (u + 1) << (u + 1) for u in range(n)]
    meter.tick(n * words)
    clique = sorted(rng.sample(range(n), clique_size(n)))
    for i, a in enumerate(clique):
        for b in clique[i + 1 :]:
            meter.tick()
            rows[a] |= 1 << b
    return gaps.Certified(tuple(rows), tuple(clique))


def _rows_ok(n: int, rows: Any, meter: gaps.Meter) -> bool:
    if not isinstance(rows, (tuple, list)) or len(rows) != n:
        return False
    meter.tick(n)
    return all(type(r) is int and r >= 0 for r in rows)


def _graph(n: int, rows: Any) -> igraph.Graph:
    size = (n + 7) // 8
    edges: list[tuple[int, int]] = []
    for u, row in enumerate(rows):
        row = (row >> (u + 1) << (u + 1)) & ((1 << n) - 1)
        bits = np.unpackbits(
            np.frombuffer(row.to_bytes(size, "little"), dtype=np.uint8), bitorder="little"
        )
        edges += [(u, int(v)) for v in np.flatnonzero(bits)]
    return igraph.Graph(n=n, edges=edges)


def decide(spec: Spec, rows: Any, meter: gaps.Meter) -> bool:
    n = size_and_seed(spec, "planted_clique", "verifier 'decide'", 2)[0]
    if not _rows_ok(n, rows, meter):
        return False
    k = clique_size(n)
    return len(_graph(n, rows).cliques(min=k, max=k)) > 0


def _adjacent(rows: Any, a: int, b: int) -> bool:
    if a > b:
        a, b = b, a
    return a < b and (rows[a] >> b) & 1 == 1


def check(spec: Spec, rows: Any, clique: Any, meter: gaps.Meter) -> bool:
    n = size_and_seed(spec, "planted_clique", "verifier 'check'", 2)[0]
    if not _rows_ok(n, rows, meter):
        return False
    k = clique_size(n)
    if not isinstance(clique, (tuple, list)) or len(clique) != k:
        return False
    if not all(type(v) is int and 0 <= v < n for v in clique) or len(set(clique)) != k:
        return False
    for i, a in enumerate(clique):
        for b in clique[i + 1 :]:
            meter.tick()
            if not _adjacent(rows, a, b):
                return False
    return True


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Remove an edge of the planted clique, then one edge of any k-clique left, until
    none is left (igraph confirms): the graph then has no k-clique."""
    n = spec[0]
    rows, clique = result
    bad = list(rows)
    k = clique_size(n)
    target = list(clique)
    while True:
        a, b = sorted(rng.sample(target, 2))
        bad[a] &= ~(1 << b)
        remaining = _graph(n, bad).cliques(min=k, max=k)
        if not remaining:
            return gaps.Certified(tuple(bad), clique)
        target = list(remaining[0])


def small_specs(bound: int) -> list[Spec]:
    """Every vertex count from 2 to ``bound`` + 2 (the seed plays no part in deciding)."""
    return [(n, 0) for n in range(2, bound + 3)]


def _pairs(spec: Spec) -> list[tuple[int, int]]:
    return list(itertools.combinations(range(spec[0]), 2))


def _edge_variables(spec: Spec) -> list[Any]:
    """One Bool per vertex pair: every simple graph on n vertices is one candidate."""
    import z3

    return [z3.Bool(f"edge{u}_{v}") for u, v in _pairs(spec)]


def _has_clique(spec: Spec, v: Sequence[Any]) -> Any:
    """Some clique_size(n) vertices are pairwise adjacent."""
    import z3

    edge = dict(zip(_pairs(spec), v, strict=True))
    groups = itertools.combinations(range(spec[0]), clique_size(spec[0]))
    return z3.Or([z3.And([edge[p] for p in itertools.combinations(g, 2)]) for g in groups])


def _rows(spec: Spec, values: Sequence[Any]) -> tuple[int, ...]:
    """The adjacency rows: bit v of row u for each edge (u, v) with u < v."""
    rows = [0] * spec[0]
    for (u, w), on in zip(_pairs(spec), values, strict=True):
        rows[u] |= int(on) << w
    return tuple(rows)


SPECIFICATION = gaps.Specification(
    instances=small_specs,
    variables=_edge_variables,
    valid=_has_clique,
    decode=_rows,
)


def clique_specs(bound: int) -> list[Spec]:
    """The vertex counts from 2 to ``bound`` + 1 where a clique of the planted size fits."""
    return [spec for spec in small_specs(bound - 1) if clique_size(spec[0]) <= spec[0]]


def _clique_variables(spec: Spec) -> list[Any]:
    """The graph's edges, the listed clique's length, then k + 1 vertex slots."""
    import z3

    k = clique_size(spec[0])
    return [*_edge_variables(spec), z3.Int("length"), *(z3.Int(f"member{i}") for i in range(k + 1))]


def _cliques_near(spec: Spec, v: Sequence[Any]) -> Any:
    """Lengths from k - 1 to k + 1; vertices from -1 (Python's last) to n in the used
    slots, zero past them."""
    import z3

    n, m, k = spec[0], len(_pairs(spec)), clique_size(spec[0])
    length, slots = v[m], v[m + 1 :]
    used = [z3.If(i < length, z3.And(x >= -1, x <= n), x == 0) for i, x in enumerate(slots)]
    return z3.And(length >= k - 1, length <= k + 1, *used)


def _is_listed_clique(spec: Spec, v: Sequence[Any]) -> Any:
    """The list holds k distinct vertices, each two joined by an edge of the graph."""
    import z3

    n, m, k = spec[0], len(_pairs(spec)), clique_size(spec[0])
    edge = dict(zip(_pairs(spec), v[:m], strict=True))
    length, members = v[m], v[m + 1 : m + 1 + k]
    joined = [
        z3.Or(
            [
                z3.And(on, z3.Or(z3.And(a == x, b == y), z3.And(a == y, b == x)))
                for (x, y), on in edge.items()
            ]
        )
        for a, b in itertools.combinations(members, 2)
    ]
    ranged = [z3.And(x >= 0, x < n) for x in members]
    return z3.And(length == k, z3.Distinct(*members), *ranged, *joined)


def _decode_clique(spec: Spec, values: Sequence[Any]) -> gaps.Certified:
    m = len(_pairs(spec))
    return gaps.Certified(_rows(spec, values[:m]), tuple(values[m + 1 : m + 1 + values[m]]))


#: The certified check's relation: the graph with k pairwise adjacent vertices listed.
CHECK_SPECIFICATION = gaps.Specification(
    instances=clique_specs,
    variables=_clique_variables,
    valid=_is_listed_clique,
    decode=_decode_clique,
    domain=_cliques_near,
    verifier="check",
    near=lambda spec: 1,
)


FAMILY = gaps.Family(
    name="planted_clique",
    domain="graphs",
    summary="Plant a 2·log2(n)-clique in G(n, 1/2) (n²) vs find it blind or check its pairs.",
    sample=sample,
    generate={"plant": plant},
    verify={"decide": gaps.blind(decide), "check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n**2",
        verify={"decide": "n**log(n)", "check": "n"},
        sign={"decide": "negative", "check": "positive"},
        reference="Matula 1976; Karp 1976; Kučera 1995; Alon, Krivelevich and Sudakov 1998",
    ),
    references=(
        "Matula 1976",
        "Bollobas and Erdos 1976",
        "Karp 1976",
        "Kucera 1995",
        "Alon, Krivelevich and Sudakov 1998",
        "Ostergard 2002",
    ),
    tags=("graphs", "clique", "planted", "np-complete"),
    units={"decide": ("time",), "check": ("steps", "time")},
    sizes=(50, 80, 120, 180, 270, 400),
    spec=(SPECIFICATION, CHECK_SPECIFICATION),
)

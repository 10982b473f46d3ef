"""Graph candidates whose property is a negation: checked blind only.

A negated NP property (non-Hamiltonian, not 3-colourable, no k-clique) has no short
witness unless NP = coNP, so these candidates have no certified verifier: the builder
knows *why* its graph lacks the property (a cut vertex, an unbalanced bipartition, a
4-chromatic gadget, a hidden partition into too few classes), but that reason is not
something a checker can be handed in the canonical forms the attacks work on. The
negations of polynomial properties (not connected, not planar, not bipartite) are
here too, as controls. Objects are ``(n, edges)``, edges a sorted tuple of pairs.

>>> import random, gaps
>>> fam = next(c for c in candidates() if c.name == "graph_not_hamiltonian_connected_naive_plant")
>>> spec = fam.sample(16, random.Random(0))
>>> fam.verify["decide"].fn(spec, fam.generate["generate"](spec, gaps.Meter()), gaps.Meter())
True
"""

from __future__ import annotations

import functools
import random
from typing import Any

from gaps.problems.space import graphs as g
from gaps.problems.space.grammar import Prop, atom, declare, evaluate

import gaps

Edges = set[tuple[int, int]]

#: The Grötzsch graph: triangle-free and 4-chromatic (Mycielski 1955), on 11 vertices.
GROTZSCH = (
    *((i, (i + 1) % 5) for i in range(5)),
    *((i, 5 + (i + 1) % 5) for i in range(5)),
    *((i, 5 + (i - 1) % 5) for i in range(5)),
    *((5 + i, 10) for i in range(5)),
)


def _join(n: int, a: Edges, b: Edges, shared: int) -> Edges:
    """a on 0..shared, b on shared..n-1: the graphs meet in the single vertex ``shared``."""
    return a | {g._e(u + shared, v + shared) for u, v in b}


def build_not_hamiltonian(n: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Edges:
    """Naive: two random graphs sharing one cut vertex. Quiet: a random bipartite graph
    with sides n/2 - 1 and n/2 + 1 (a Hamiltonian cycle alternates sides), plus a few
    edges inside the larger side, fewer than it would need to close a cycle."""
    if not quiet:
        half = n // 2
        left = g._gnp(half + 1, 6 / half, rng, meter)
        right = g._gnp(n - half, 6 / half, rng, meter)
        edges = _join(n, left, right, half)
    else:
        sides = [0] * (n // 2 - 1) + [1] * (n - n // 2 + 1)
        rng.shuffle(sides)
        edges = g._gnm(n, 3 * n, rng, meter, lambda u, v: sides[u] != sides[v])
    perm = list(range(n))
    rng.shuffle(perm)
    return {g._e(perm[u], perm[v]) for u, v in edges}


def build_not_colourable(n: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Edges:
    """A planted 3-colourable graph plus a hidden obstruction: a K4 (naive) or the
    triangle-free Grötzsch graph (quiet) on random vertices."""
    edges, _ = g.plant_colouring(n, 3, rng, True, meter)
    gadget = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)] if not quiet else list(GROTZSCH)
    where = rng.sample(range(n), 4 if not quiet else 11)
    meter.tick(len(gadget))
    return edges | {g._e(where[u], where[v]) for u, v in gadget}


def build_no_clique(n: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Edges:
    """G(n, 1/2) with the edges inside a hidden partition into 2 log2 n - 1 classes
    removed: no clique of 2 log2 n vertices."""
    k = g._two_log2(n)
    colours = [rng.randrange(k - 1) for _ in range(n)]
    return {(u, v) for u, v in g._gnp(n, 0.5, rng, meter) if colours[u] != colours[v]}


def build_not_connected(n: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Edges:
    """Two random graphs on a hidden split of the vertices, no edge between them."""
    sides = g._classes(n, 2, rng, quiet)
    return g._gnm(n, 2 * n, rng, meter, lambda u, v: sides[u] == sides[v])


def build_not_planar(n: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Edges:
    """A planar graph plus a subdivided K5 (naive) or K3,3 (quiet) on random vertices."""
    edges, _ = g.plant_planar(n, 0, rng, False, meter)
    where = rng.sample(range(n), 5 if not quiet else 6)
    if quiet:
        return edges | {g._e(where[i], where[3 + j]) for i in range(3) for j in range(3)}
    return edges | {g._e(a, b) for i, a in enumerate(where) for b in where[:i]}


def build_not_bipartite(n: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Edges:
    """A random bipartite graph plus one edge inside a side (an odd cycle, w.h.p.)."""
    edges, colours = g.plant_colouring(n, 2, rng, quiet, meter)
    same = [v for v in range(n) if colours[v] == colours[0]]
    u, v = rng.sample(same, 2)
    return edges | {g._e(u, v)}


def _falsify(name: str, n: int, edges: Edges, rng: random.Random) -> Edges:
    """A graph with the property the candidate's negates."""
    order = list(range(n))
    rng.shuffle(order)
    if name in ("hamiltonian", "connected"):
        return edges | g._cycle_edges(order)
    if name == "k_colourable":
        colours = [rng.randrange(3) for _ in range(n)]
        return {(u, v) for u, v in edges if colours[u] != colours[v]}
    if name == "has_clique":
        k = g._two_log2(n)
        return edges | {g._e(a, b) for i, a in enumerate(order[:k]) for b in order[:i]}
    if name == "planar":
        return {g._e(order[i - 1], order[i]) for i in range(1, n)}
    colours = [rng.randrange(2) for _ in range(n)]  # bipartite
    return {(u, v) for u, v in edges if colours[u] != colours[v]}


_PROPS = {
    "hamiltonian": (~atom("hamiltonian") & atom("connected"), build_not_hamiltonian),
    "k_colourable": (~atom("k_colourable", k=3), build_not_colourable),
    "has_clique": (~atom("has_clique", k="2log2n"), build_no_clique),
    "connected": (~atom("connected"), build_not_connected),
    "planar": (~atom("planar"), build_not_planar),
    "bipartite": (~atom("bipartite"), build_not_bipartite),
}


#: What a planting does not guarantee by construction, and generation checks (in
#: polynomial time); the hard part of each negated NP property holds by construction.
_GUARANTEE = {
    "hamiltonian": atom("connected"),
    "connected": _PROPS["connected"][0],
    "planar": _PROPS["planar"][0],
    "bipartite": _PROPS["bipartite"][0],
}


def _deciders() -> dict[str, Any]:
    deciders = g._deciders()
    deciders["has_clique"] = lambda graph, k: (
        g.find_clique(*graph, g._two_log2(graph[0])) is not None
    )
    return deciders


def _generate(name: str, construction: str, spec: Any, meter: gaps.Meter) -> Any:
    n, seed = spec
    rng = random.Random(seed)
    prop, build = _PROPS[name]
    for _ in range(g.TRIES):
        if construction == "rejection":
            edges = g._gnp(n, 5.5 / n if name == "k_colourable" else 2.0 / n, rng, meter)
        else:
            edges = build(n, rng, construction == "quiet_plant", meter)
        test = prop if construction == "rejection" else _GUARANTEE.get(name)
        if test is None or evaluate(test, _deciders(), (n, edges)):
            return (n, tuple(sorted(edges)))
    raise gaps.GaveUp(f"no graph with {prop} in {g.TRIES} tries at size {n}")


_PLAIN = g.Atom("plain", None, g.find_regular, g.check_regular, g.plant_regular)


def _decide(name: str, spec: Any, obj: Any, meter: gaps.Meter) -> bool:
    parsed = g._parse(_PLAIN, obj, spec[0], meter)
    return parsed is not None and evaluate(_PROPS[name][0], _deciders(), parsed[:2])


def _corrupt(name: str, spec: Any, obj: Any, rng: random.Random) -> Any:
    n, edges = obj
    return (n, tuple(sorted(_falsify(name, n, set(edges), rng))))


_CONSTRUCTIONS = {
    "hamiltonian": ("naive_plant", "quiet_plant"),
    "k_colourable": ("naive_plant", "quiet_plant", "rejection"),
    "has_clique": ("naive_plant",),
    "connected": ("naive_plant", "quiet_plant"),
    "planar": ("naive_plant", "quiet_plant", "rejection"),
    "bipartite": ("naive_plant", "quiet_plant"),
}
_DECIDERS = {
    "hamiltonian": g.find_cycle.__doc__,
    "k_colourable": g.find_colouring.__doc__,
    "has_clique": g.find_clique.__doc__,
    "connected": "igraph's connectivity test",
    "planar": g.find_planar.__doc__,
    "bipartite": g.find_bipartite.__doc__,
}


def candidates() -> list[gaps.Family]:
    """The negated graph properties, each under its constructions.

    >>> all("check" not in c.verifiers for c in candidates())
    True
    """
    found = []
    for name, constructions in _CONSTRUCTIONS.items():
        prop: Prop = _PROPS[name][0]
        for construction in constructions:
            found.append(
                declare(
                    domain="graphs",
                    prefix="graph",
                    prop=prop,
                    construction=construction,
                    generate=functools.partial(_generate, name, construction),
                    decide=functools.partial(_decide, name),
                    decider=(_DECIDERS[name] or "").rstrip("."),
                    corrupt=functools.partial(_corrupt, name),
                    sizes=g.SIZES,
                )
            )
    return found

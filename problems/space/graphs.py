"""Graph candidates: plant, hide, sample or transform a graph with a property vs decide it.

Objects are simple graphs on the vertices 0..n-1 with their edges as a sorted tuple
of pairs ``(u, v)``, u < v, in the canonical form of the candidate's relation kind:
``(n, edges, k)`` for colourings, cliques, independent sets, vertex covers and
dominating sets, ``(n, edges)`` for Hamiltonian cycles and the properties without a
kind, ``((n, edges), (n, edges))`` for isomorphism. Planted structures sit on random
vertices, so the sorted edge list shows nothing of them.

Constructions: *naive* planting adds the structure to a random graph (its vertices'
degrees then stand out); *quiet* planting hides that trace (balanced colour classes
with a fixed edge count, a Hamiltonian cycle as one of several that make the graph
regular, a clique whose vertices lose edges elsewhere to keep their expected degree);
*rejection* samples G(n, p) near the property's threshold and keeps a graph when the
decider finds a witness, so generation contains a decision (its parameter k is then
one the random graph reaches, e.g. a clique of log2 n rather than 2 log2 n vertices);
*transform* plants naively, relabels the vertices and adds (for monotone increasing
properties) or removes (for decreasing ones) random edges, which keeps the property
and its witness.

Deciders, the strongest the toolkit has: CaDiCaL on the standard encodings
(colouring, dominating set with a sequential-counter bound, Hamiltonian cycle with
lazy subtour elimination), Cliquer through igraph (cliques, independent sets and
vertex covers on the complement, triangles), BLISS through igraph (isomorphism),
Edmonds' blossom algorithm in networkx (perfect matching), the left-right planarity
test in networkx, and igraph for bipartiteness, connectivity and degrees.

>>> import random, gaps
>>> fam = next(c for c in candidates() if c.name == "graph_hamiltonian_not_bipartite_quiet_plant")
>>> spec = fam.sample(16, random.Random(0))
>>> (n, edges), cycle = fam.generate["generate"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, (n, edges), cycle, gaps.Meter())
True
>>> fam.verify["decide"].fn(spec, (n, edges), gaps.Meter())
True
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from gaps.problems._sat import hamiltonian_cycle, solve_cnf
from gaps.problems.space._igraph import igraph
from gaps.problems.space.grammar import Prop, atom, declare
from pysat.card import CardEnc, EncType

import gaps

Edges = set[tuple[int, int]]
#: The construction gives up after this many tries (rejection, or a conjunct that failed).
TRIES = 300
SIZES = (16, 32, 64, 128)


def _e(u: int, v: int) -> tuple[int, int]:
    return (u, v) if u < v else (v, u)


def _gnp(n: int, p: float, rng: random.Random, meter: gaps.Meter) -> Edges:
    meter.tick(n * n // 2)
    return {(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < p}


def _gnm(n: int, m: int, rng: random.Random, meter: gaps.Meter, allowed: Any = None) -> Edges:
    edges: Edges = set()
    m = min(m, n * (n - 1) // 2)
    while len(edges) < m:
        meter.tick()
        u, v = rng.sample(range(n), 2)
        if allowed is None or allowed(u, v):
            edges.add(_e(u, v))
    return edges


def _cycle_edges(order: list[int]) -> Edges:
    return {_e(order[i - 1], order[i]) for i in range(len(order))}


def _adjacency(n: int, edges: Edges, meter: gaps.Meter) -> list[set[int]]:
    adj: list[set[int]] = [set() for _ in range(n)]
    for u, v in edges:
        meter.tick()
        adj[u].add(v)
        adj[v].add(u)
    return adj


def _igraph(n: int, edges: Edges) -> igraph.Graph:
    return igraph.Graph(n=n, edges=sorted(edges))


# Finders: the strongest deciders, returning a witness (or True for a property without
# one) when the property holds, None otherwise.


def find_colouring(n: int, edges: Edges, k: int) -> tuple[int, ...] | None:
    """A k-colouring by CaDiCaL on the standard encoding (one variable per vertex colour)."""
    var = lambda v, c: v * k + c + 1  # noqa: E731
    clauses = [[var(v, c) for c in range(k)] for v in range(n)]
    clauses += [[-var(v, a), -var(v, b)] for v in range(n) for a in range(k) for b in range(a)]
    clauses += [[-var(u, c), -var(v, c)] for u, v in edges for c in range(k)]
    model = solve_cnf(clauses, gaps.Meter())
    if model is None:
        return None
    true = {x for x in model if x > 0}
    return tuple(next(c for c in range(k) if var(v, c) in true) for v in range(n))


def find_cycle(n: int, edges: Edges) -> tuple[int, ...] | None:
    """A Hamiltonian cycle by CaDiCaL with lazy subtour elimination (the catalog's)."""
    if n < 3:
        return None
    cycle = hamiltonian_cycle(n, edges, gaps.Meter())
    return None if cycle is None else tuple(cycle)


def find_clique(n: int, edges: Edges, k: int) -> tuple[int, ...] | None:
    """A k-clique by Cliquer (igraph's clique number), found greedily when that is enough."""
    if k > n:
        return None
    graph = _igraph(n, edges)
    if graph.clique_number() < k:
        return None
    adj = [set(a) for a in graph.get_adjlist()]
    for start in sorted(range(n), key=lambda v: -len(adj[v])):
        clique, common = [start], set(adj[start])
        while common and len(clique) < k:
            v = max(common, key=lambda u: len(adj[u] & common))
            clique.append(v)
            common &= adj[v]
        if len(clique) == k:
            return tuple(sorted(clique))
    return tuple(sorted(graph.largest_cliques()[0][:k]))


def _complement(n: int, edges: Edges) -> Edges:
    return {(u, v) for u in range(n) for v in range(u + 1, n) if (u, v) not in edges}


def find_independent(n: int, edges: Edges, k: int) -> tuple[int, ...] | None:
    """An independent k-set: a k-clique of the complement, by Cliquer."""
    return find_clique(n, _complement(n, edges), k)


def find_cover(n: int, edges: Edges, k: int) -> tuple[int, ...] | None:
    """A vertex cover of at most k vertices: the complement of an independent (n-k)-set."""
    if k >= n:
        return tuple(range(n))
    independent = find_independent(n, edges, n - k)
    return None if independent is None else tuple(v for v in range(n) if v not in independent)


def find_dominating(n: int, edges: Edges, k: int) -> tuple[int, ...] | None:
    """A dominating set of at most k vertices by CaDiCaL (sequential-counter bound)."""
    adj = _adjacency(n, edges, gaps.Meter())
    clauses = [[v + 1, *(u + 1 for u in adj[v])] for v in range(n)]
    if k < n:
        bound = CardEnc.atmost(range(1, n + 1), bound=k, top_id=n, encoding=EncType.seqcounter)
        clauses += bound.clauses
    model = solve_cnf(clauses, gaps.Meter())
    return None if model is None else tuple(v for v in range(n) if model[v] > 0)


def find_matching(n: int, edges: Edges) -> tuple[tuple[int, int], ...] | None:
    """A perfect matching by Edmonds' blossom algorithm (networkx)."""
    graph = nx.Graph(list(edges))
    graph.add_nodes_from(range(n))
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    return tuple(sorted(_e(u, v) for u, v in matching)) if 2 * len(matching) == n else None


def find_tree(n: int, edges: Edges) -> tuple[tuple[int, int], ...] | None:
    """A spanning tree as (vertex, parent) pairs in breadth-first order (igraph BFS)."""
    if n == 0 or not _igraph(n, edges).is_connected():
        return None
    adj = _adjacency(n, edges, gaps.Meter())
    order, seen = [(0, -1)], {0}
    for v, _ in order:
        for u in sorted(adj[v] - seen):
            seen.add(u)
            order.append((u, v))
    return tuple(order)


def find_circuit(n: int, edges: Edges) -> tuple[int, ...] | None:
    """An Euler circuit through every vertex (networkx; Hierholzer)."""
    graph = nx.Graph(list(edges))
    graph.add_nodes_from(range(n))
    if not edges or not nx.is_eulerian(graph):
        return None
    circuit = [u for u, _ in nx.eulerian_circuit(graph, source=0)]
    return (*circuit, circuit[0])


def find_planar(n: int, edges: Edges) -> bool | None:
    """Planarity by the left-right test (networkx)."""
    graph = nx.Graph(list(edges))
    graph.add_nodes_from(range(n))
    return True if nx.check_planarity(graph)[0] else None


def find_triangle_free(n: int, edges: Edges) -> bool | None:
    """Triangle-freeness: Cliquer's clique number below 3 (igraph)."""
    return True if _igraph(n, edges).clique_number() < 3 else None


def find_regular(n: int, edges: Edges) -> bool | None:
    """Regularity: all degrees equal (igraph)."""
    return True if len(set(_igraph(n, edges).degree())) <= 1 else None


def find_bipartite(n: int, edges: Edges) -> tuple[int, ...] | None:
    """A 2-colouring by breadth-first search (igraph)."""
    ok, types = _igraph(n, edges).is_bipartite(return_types=True)
    return tuple(int(t) for t in types) if ok else None


# Witness checks: cheap and sound, ticking their steps.


def _distinct(vertices: Any, n: int, meter: gaps.Meter) -> bool:
    if not isinstance(vertices, tuple):
        return False
    meter.tick(len(vertices))
    return all(type(v) is int and 0 <= v < n for v in vertices) and len(set(vertices)) == len(
        vertices
    )


def check_colouring(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not isinstance(w, tuple) or len(w) != n or not all(type(c) is int for c in w):
        return False
    meter.tick(n + len(edges))
    return all(0 <= c < k for c in w) and all(w[u] != w[v] for u, v in edges)


def check_cycle(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not _distinct(w, n, meter) or len(w) != n or n < 3:
        return False
    meter.tick(n)
    return all(_e(w[i - 1], w[i]) in edges for i in range(n))


def check_clique(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not _distinct(w, n, meter) or len(w) != k:
        return False
    meter.tick(k * k)
    return all(_e(a, b) in edges for i, a in enumerate(w) for b in w[:i])


def check_independent(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not _distinct(w, n, meter) or len(w) != k:
        return False
    meter.tick(k * k)
    return not any(_e(a, b) in edges for i, a in enumerate(w) for b in w[:i])


def check_cover(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not _distinct(w, n, meter) or len(w) > k:
        return False
    cover = set(w)
    meter.tick(len(edges))
    return all(u in cover or v in cover for u, v in edges)


def check_dominating(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not _distinct(w, n, meter) or len(w) > k:
        return False
    chosen = set(w)
    covered = set(chosen)
    for u, v in edges:
        meter.tick()
        if u in chosen:
            covered.add(v)
        if v in chosen:
            covered.add(u)
    return len(covered) == n


def check_matching(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not isinstance(w, tuple) or 2 * len(w) != n:
        return False
    meter.tick(n)
    seen = [v for pair in w for v in (pair if isinstance(pair, tuple) else ())]
    return len(seen) == n and set(seen) == set(range(n)) and all(tuple(p) in edges for p in w)


def check_tree(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not isinstance(w, tuple) or len(w) != n or n == 0:
        return False
    meter.tick(n)
    if not all(isinstance(p, tuple) and len(p) == 2 for p in w):
        return False
    if not _distinct(tuple(v for v, _ in w), n, meter) or w[0][1] != -1:
        return False
    earlier = {w[0][0]}
    for v, parent in w[1:]:
        if parent not in earlier or type(parent) is not int or _e(v, parent) not in edges:
            return False
        earlier.add(v)
    return True


def check_circuit(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    if not isinstance(w, tuple) or len(w) != len(edges) + 1 or not edges:
        return False
    meter.tick(len(w))
    if not all(type(v) is int and 0 <= v < n for v in w) or w[0] != w[-1]:
        return False
    used = {_e(w[i], w[i + 1]) for i in range(len(edges))}
    return used == edges and set(w) == set(range(n))


def check_triangle_free(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    adj = _adjacency(n, edges, meter)
    for u, v in edges:
        meter.tick(min(len(adj[u]), len(adj[v])))
        if adj[u] & adj[v]:
            return False
    return True


def check_regular(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    adj = _adjacency(n, edges, meter)
    return len({len(a) for a in adj}) <= 1


def check_planar(n: int, edges: Edges, k: int, w: Any, meter: gaps.Meter) -> bool:
    return find_planar(n, edges) is not None


# Plantings: (edges, witness) on n vertices with parameter k, naive or quiet.


def _classes(n: int, k: int, rng: random.Random, balanced: bool) -> list[int]:
    if not balanced:
        return [rng.randrange(k) for _ in range(n)]
    colours = [v % k for v in range(n)]
    rng.shuffle(colours)
    return colours


def plant_colouring(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """Edges only between hidden classes, average degree near the k-colouring threshold."""
    degree = {2: 2.0, 3: 4.4, 4: 8.4}[k]
    colours = _classes(n, k, rng, quiet)
    if quiet:  # balanced classes and a fixed edge count: no class stands out by degree
        edges = _gnm(n, round(degree * n / 2), rng, meter, lambda u, v: colours[u] != colours[v])
    else:
        edges = _gnp(n, degree / n, rng, meter)
        edges = {(u, v) for u, v in edges if colours[u] != colours[v]}
    return edges, tuple(colours)


def plant_cycle(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A random Hamiltonian cycle plus random edges; quiet: plus two more edge-disjoint
    random cycles, so the graph is 6-regular and the planted cycle one of three alike."""
    order = list(range(n))
    rng.shuffle(order)
    edges = _cycle_edges(order)
    meter.tick(n)
    if quiet:
        for _ in range(TRIES):
            if len(edges) >= 3 * n:
                break
            other = list(range(n))
            rng.shuffle(other)
            meter.tick(n)
            if not _cycle_edges(other) & edges:
                edges |= _cycle_edges(other)
    else:
        edges |= _gnm(n, 2 * n, rng, meter)
    return edges, tuple(order)


def plant_clique(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A k-clique in G(n, 1/2); quiet: each clique vertex loses about k/2 outside edges."""
    edges = _gnp(n, 0.5, rng, meter)
    clique = sorted(rng.sample(range(n), k))
    meter.tick(k * k)
    inside = set(clique)
    for i, a in enumerate(clique):
        for b in clique[:i]:
            if quiet and _e(a, b) not in edges:  # an edge added inside: drop one outside
                outside = [u for u in range(n) if u not in inside and _e(a, u) in edges]
                if outside:
                    edges.discard(_e(a, rng.choice(outside)))
            edges.add(_e(a, b))
    return edges, tuple(clique)


def plant_independent(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """An independent k-set in G(n, 1/2): the complement of a planted clique."""
    edges, clique = plant_clique(n, k, rng, quiet, meter)
    meter.tick(n * n // 2)
    return _complement(n, edges), clique


def plant_cover(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A vertex cover of n - s vertices: the rest of a planted independent s-set."""
    edges, independent = plant_independent(n, n - k, rng, quiet, meter)
    return edges, tuple(v for v in range(n) if v not in independent)


def plant_dominating(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """k dominators, each other vertex joined to one; random edges at average degree 2,
    quiet: among the others only, so that the dominators' degrees do not stand out."""
    chosen = sorted(rng.sample(range(n), k))
    inside = set(chosen)
    edges = {_e(v, rng.choice(chosen)) for v in range(n) if v not in inside}
    meter.tick(n)
    others = lambda u, v: u not in inside and v not in inside  # noqa: E731
    extra = round((n / k - 1) * (n - k) / 2) if quiet else n
    edges |= _gnm(n, len(edges) + extra, rng, meter, others if quiet else None)
    return edges, tuple(chosen)


def plant_matching(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A random perfect matching plus random edges; quiet: plus two more matchings."""
    order = list(range(n))
    rng.shuffle(order)
    matching = tuple(sorted(_e(order[i], order[i + 1]) for i in range(0, n, 2)))
    edges = set(matching)
    meter.tick(n)
    if quiet:
        for _ in range(2):
            rng.shuffle(order)
            edges |= {_e(order[i], order[i + 1]) for i in range(0, n, 2)}
    else:
        edges |= _gnm(n, n, rng, meter)
    return edges, matching


def plant_tree(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A random spanning tree (recursive; quiet: a random path, degree about 2 everywhere)
    plus n/2 random edges."""
    order = list(range(n))
    rng.shuffle(order)
    parents = [(order[0], -1)]
    for i in range(1, n):
        parents.append((order[i], order[i - 1] if quiet else order[rng.randrange(i)]))
    meter.tick(n)
    edges = {_e(v, p) for v, p in parents[1:]} | _gnm(n, n // 2, rng, meter)
    tree = find_tree(n, edges)  # re-read in breadth-first order, the witness form
    return edges, tree


def plant_circuit(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A union of edge-disjoint random cycles through every vertex (quiet: Hamiltonian
    cycles, so the graph is 4-regular); the circuit is found by Hierholzer's algorithm."""
    edges: Edges = set()
    for _ in range(2):
        for _ in range(TRIES):
            order = list(range(n))
            rng.shuffle(order)
            length = n if quiet else rng.randrange(3, n + 1)
            new = _cycle_edges(order[:length])
            meter.tick(length)
            if not new & edges:
                edges |= new
                break
    if not quiet:
        edges |= _cycle_edges(list(range(n)))  # through every vertex, so it is connected
    return edges, find_circuit(n, edges)


def plant_planar(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A stacked triangulation (quiet: a triangulated polygon), a third of its edges
    removed."""
    order = list(range(n))
    rng.shuffle(order)
    edges = _cycle_edges(order[:3])
    faces = [tuple(order[:3])]
    boundary = order[:3]
    for v in order[3:]:
        meter.tick()
        if quiet:  # a maximal outerplanar graph: v goes outside an edge of the boundary
            j = rng.randrange(len(boundary))
            edges |= {_e(v, boundary[j]), _e(v, boundary[(j + 1) % len(boundary)])}
            boundary.insert(j + 1, v)
        else:
            a, b, c = faces.pop(rng.randrange(len(faces)))
            edges |= {_e(v, a), _e(v, b), _e(v, c)}
            faces += [(a, b, v), (b, c, v), (a, c, v)]
    kept = {e for e in edges if rng.random() < 2 / 3}
    return kept, True


def plant_triangle_free(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A random bipartite graph (naive), or the random triangle-free process (quiet)."""
    if not quiet:
        sides = _classes(n, 2, rng, False)
        return _gnm(n, 2 * n, rng, meter, lambda u, v: sides[u] != sides[v]), True
    edges: Edges = set()
    adj: list[set[int]] = [set() for _ in range(n)]
    for _ in range(4 * n):
        meter.tick()
        u, v = rng.sample(range(n), 2)
        if not adj[u] & adj[v]:
            edges.add(_e(u, v))
            adj[u].add(v)
            adj[v].add(u)
    return edges, True


def plant_regular(n: int, k: int, rng: random.Random, quiet: bool, meter: gaps.Meter) -> Any:
    """A 4-regular graph as the union of two edge-disjoint random Hamiltonian cycles."""
    while True:
        first, second = list(range(n)), list(range(n))
        rng.shuffle(first)
        rng.shuffle(second)
        meter.tick(2 * n)
        a, b = _cycle_edges(first), _cycle_edges(second)
        if not a & b:
            return a | b, True


@dataclass(frozen=True)
class Atom:
    """A graph predicate: its kind, finder, witness check, planting and falsifier."""

    name: str
    kind: str | None
    find: Callable[..., Any]
    check: Callable[..., bool]
    plant: Callable[..., Any]
    k: Callable[[int], int] | None = None
    k_text: str = ""
    monotone: str = ""  # "up" if adding edges keeps the property, "down" if removing does
    rejection: Callable[[int], tuple[float, int]] | None = None  # n -> (p, k)
    ticks: bool = True

    def has(self, n: int, edges: Edges, k: int) -> Any:
        return self.find(n, edges, k) if self.k is not None else self.find(n, edges)


def _two_log2(n: int) -> int:
    return max(3, math.ceil(2 * math.log2(n)))


def _one_log2(n: int) -> int:
    return max(2, math.ceil(math.log2(n)))


ATOMS = {
    a.name: a
    for a in (
        Atom("k_colourable3", "colouring", find_colouring, check_colouring, plant_colouring,
             lambda n: 3, "3", "down", lambda n: (4.2 / n, 3)),
        Atom("k_colourable4", "colouring", find_colouring, check_colouring, plant_colouring,
             lambda n: 4, "4", "down", lambda n: (8.0 / n, 4)),
        Atom("bipartite", "colouring", find_colouring, check_colouring, plant_colouring,
             lambda n: 2, "", "down", lambda n: (0.7 / n, 2)),
        Atom("hamiltonian", "hamiltonian", find_cycle, check_cycle, plant_cycle, None, "", "up",
             lambda n: ((math.log(n) + math.log(math.log(n)) + 2) / n, 0)),
        Atom("has_clique", "clique", find_clique, check_clique, plant_clique, _two_log2,
             "2log2n", "up", lambda n: (0.5, _one_log2(n))),
        Atom("independent_set", "independent_set", find_independent, check_independent,
             plant_independent, _two_log2, "2log2n", "down", lambda n: (0.5, _one_log2(n))),
        Atom("vertex_cover", "vertex_cover", find_cover, check_cover, plant_cover,
             lambda n: n - _two_log2(n), "n-2log2n", "down", lambda n: (0.5, n - _one_log2(n))),
        Atom("dominating_set", "dominating_set", find_dominating, check_dominating,
             plant_dominating, lambda n: max(1, n // 8), "n/8", "up",
             lambda n: (4 / n, max(1, n // 3))),
        Atom("perfect_matching", None, find_matching, check_matching, plant_matching, None,
             "", "up", lambda n: ((math.log(n) + 2) / n, 0)),
        Atom("connected", None, find_tree, check_tree, plant_tree, None, "", "up",
             lambda n: ((math.log(n) + 2) / n, 0)),
        Atom("eulerian", None, find_circuit, check_circuit, plant_circuit),
        Atom("planar", None, find_planar, check_planar, plant_planar, None, "", "down",
             lambda n: (1.0 / n, 0), ticks=False),
        Atom("triangle_free", None, find_triangle_free, check_triangle_free,
             plant_triangle_free, None, "", "down", lambda n: (1.5 / n, 0)),
        Atom("regular", None, find_regular, check_regular, plant_regular, None, "", "",
             lambda n: (0.0, 0)),
    )
}  # fmt: skip


#: The parameter of a rejection-sampled property, where it differs from the planted one.
_REJECTION_K = {
    "has_clique": "log2n",
    "independent_set": "log2n",
    "vertex_cover": "n-log2n",
    "dominating_set": "n/3",
}


def _prop(a: Atom, construction: str) -> Prop:
    if a.name.startswith("k_colourable"):
        return atom("k_colourable", k=int(a.k_text))
    text = _REJECTION_K.get(a.name, a.k_text) if construction == "rejection" else a.k_text
    return atom(a.name, k=text) if text else atom(a.name)


def _deciders() -> dict[str, Callable[..., bool]]:
    """Deciders of (n, edges) by atom name, for the conjuncts beside the main atom."""
    return {
        "k_colourable": lambda g, k: find_colouring(g[0], g[1], k) is not None,
        **{
            a.name: (lambda g, a=a, **_: a.has(g[0], g[1], a.k(g[0]) if a.k else 0) is not None)
            for a in ATOMS.values()
        },
    }


def _evaluate(prop: Prop, n: int, edges: Edges) -> bool:
    from gaps.problems.space.grammar import evaluate

    return evaluate(prop, _deciders(), (n, edges))


def _relabel(n: int, edges: Edges, witness: Any, name: str, rng: random.Random) -> Any:
    perm = list(range(n))
    rng.shuffle(perm)
    edges = {_e(perm[u], perm[v]) for u, v in edges}
    if name in ("k_colourable3", "k_colourable4", "bipartite"):
        inverse = [0] * n
        for v, p in enumerate(perm):
            inverse[p] = v
        witness = tuple(witness[inverse[v]] for v in range(n))
    elif name in ("has_clique", "independent_set", "vertex_cover", "dominating_set"):
        witness = tuple(sorted(perm[v] for v in witness))
    elif name == "hamiltonian":
        witness = tuple(perm[v] for v in witness)
    elif name == "perfect_matching":
        witness = tuple(sorted(_e(perm[u], perm[v]) for u, v in witness))
    return edges, witness


def _build(a: Atom, construction: str, n: int, rng: random.Random, meter: gaps.Meter) -> Any:
    """(edges, witness, k) for one try of a construction."""
    k = a.k(n) if a.k else 0
    if construction == "rejection":
        assert a.rejection is not None
        p, k = a.rejection(n)
        if a.name == "regular":  # the configuration model: 3-regular, kept when simple
            stubs = [v for v in range(n) for _ in range(3)]
            rng.shuffle(stubs)
            meter.tick(len(stubs))
            pairs = [_e(stubs[i], stubs[i + 1]) for i in range(0, len(stubs), 2)]
            edges = set(pairs)
            ok = len(edges) == len(pairs) and all(u != v for u, v in pairs)
            return (edges, True, k) if ok else None
        edges = _gnp(n, p, rng, meter)
        found = a.find(n, edges, k) if a.k else a.find(n, edges)
        return None if found is None else (edges, found, k)
    if construction == "transform":
        edges, witness = a.plant(n, k, rng, False, meter)
        edges, witness = _relabel(n, edges, witness, a.name, rng)
        meter.tick(len(edges))
        if a.monotone == "up":
            edges |= _gnm(n, len(edges) + n // 2, rng, meter)
        elif a.monotone == "down":
            edges = {e for e in edges if rng.random() < 0.8}
        if a.name in ("connected", "eulerian"):  # the witness names edges: re-read it
            witness = a.find(n, edges)
        return edges, witness, k
    edges, witness = a.plant(n, k, rng, construction == "quiet_plant", meter)
    return edges, witness, k


def _object(a: Atom, n: int, edges: Edges, k: int) -> Any:
    pairs = tuple(sorted(edges))
    return (n, pairs, k) if a.kind not in (None, "hamiltonian") else (n, pairs)


def _parse(a: Atom, obj: Any, n: int, meter: gaps.Meter) -> tuple[int, Edges, int] | None:
    """(n, edge set, k) of a well-formed object of ``a``'s form with n vertices, else None."""
    with_k = a.kind not in (None, "hamiltonian")
    if not isinstance(obj, tuple) or len(obj) != (3 if with_k else 2) or obj[0] != n:
        return None
    k = obj[2] if with_k else 0
    edges = obj[1]
    if type(k) is not int or not isinstance(edges, tuple):
        return None
    meter.tick(len(edges))
    found: Edges = set()
    for edge in edges:
        if not (isinstance(edge, tuple) and len(edge) == 2):
            return None
        u, v = edge
        if type(u) is not int or type(v) is not int or not 0 <= u < v < n:
            return None
        found.add(edge)
    return (n, found, k) if len(found) == len(edges) else None


def _k(a: Atom, construction: str, n: int) -> int:
    """The parameter k an object of size n must carry."""
    if construction == "rejection" and a.rejection is not None:
        return a.rejection(n)[1]
    return a.k(n) if a.k else 0


def _generate(a: Atom, prop: Prop, construction: str, spec: Any, meter: gaps.Meter) -> Any:
    n, seed = spec
    rng = random.Random(seed)
    rest = Prop("and", args=prop.conjuncts[1:])
    for _ in range(TRIES):
        built = _build(a, construction, n, rng, meter)
        if built is not None and built[1] is not None and _evaluate(rest, n, built[0]):
            edges, witness, k = built
            return gaps.Certified(_object(a, n, edges, k), None if witness is True else witness)
    raise gaps.GaveUp(f"no graph with {prop} in {TRIES} tries at size {n}")


def _decide(a: Atom, prop: Prop, construction: str, spec: Any, obj: Any, meter: gaps.Meter) -> bool:
    parsed = _parse(a, obj, spec[0], meter)
    if parsed is None or parsed[2] != _k(a, construction, spec[0]):
        return False
    n, edges, k = parsed
    rest = Prop("and", args=prop.conjuncts[1:])
    return a.has(n, edges, k) is not None and _evaluate(rest, n, edges)


def _check(
    a: Atom, prop: Prop, construction: str, spec: Any, obj: Any, w: Any, meter: gaps.Meter
) -> bool:
    parsed = _parse(a, obj, spec[0], meter)
    if parsed is None or parsed[2] != _k(a, construction, spec[0]):
        return False
    n, edges, k = parsed
    if not a.check(n, edges, k, w, meter):
        return False
    return _evaluate(Prop("and", args=prop.conjuncts[1:]), n, edges)


def _falsify(name: str, n: int, edges: Edges, k: int, rng: random.Random) -> Edges:
    """Edges on the same vertices without the atom's property (checked by the tests)."""
    edges = set(edges)
    v = rng.randrange(n)
    if name.startswith("k_colourable") or name == "bipartite":
        group = rng.sample(range(n), k + 1)
        return edges | {_e(a, b) for i, a in enumerate(group) for b in group[:i]}
    if name in ("hamiltonian", "perfect_matching", "connected"):
        return {e for e in edges if v not in e}
    if name == "has_clique":
        colours = [rng.randrange(k - 1) for _ in range(n)]
        return {(a, b) for a, b in edges if colours[a] != colours[b]}
    if name in ("independent_set", "vertex_cover"):
        size = k if name == "independent_set" else n - k
        colours = [rng.randrange(size - 1) for _ in range(n)]
        same = {(a, b) for a in range(n) for b in range(a + 1, n) if colours[a] == colours[b]}
        return edges | same
    if name == "dominating_set":
        alone = set(rng.sample(range(n), min(n, k + 1)))
        return {(a, b) for a, b in edges if a not in alone and b not in alone}
    if name in ("eulerian", "regular"):
        return edges - {sorted(edges)[rng.randrange(len(edges))]} if edges else {(0, 1)}
    if name == "planar":
        group = rng.sample(range(n), 5)
        return edges | {_e(a, b) for i, a in enumerate(group) for b in group[:i]}
    group = rng.sample(range(n), 3)  # bipartite and triangle-free: add a triangle
    return edges | {_e(group[0], group[1]), _e(group[1], group[2]), _e(group[0], group[2])}


def _corrupt(a: Atom, construction: str, spec: Any, result: Any, rng: random.Random) -> Any:
    obj, witness = result
    n, pairs = obj[0], set(obj[1])
    k = obj[2] if len(obj) == 3 else 0
    return gaps.Certified(_object(a, n, _falsify(a.name, n, pairs, k, rng), k), witness)


def _candidate(name: str, construction: str, extra: Prop | None = None) -> gaps.Family:
    a = ATOMS[name]
    prop = _prop(a, construction) if extra is None else _prop(a, construction) & extra
    part = functools.partial
    simple = extra is None and a.ticks and construction != "rejection"
    return declare(
        domain="graphs",
        prefix="graph",
        prop=prop,
        construction=construction,
        generate=part(_generate, a, prop, construction),
        decide=part(_decide, a, prop, construction),
        decider=(a.find.__doc__ or "").rstrip("."),
        check=part(_check, a, prop, construction),
        check_ticks=simple,
        corrupt=part(_corrupt, a, construction),
        kind=a.kind,
        sizes=(32, 64, 128, 256) if a.name in ("has_clique", "independent_set") else SIZES,
    )


_NO_REJECTION = {"eulerian"}
_CONJUNCTIONS = (
    ("hamiltonian", ~atom("bipartite"), ("naive_plant", "quiet_plant", "transform")),
    ("hamiltonian", ~atom("planar"), ("naive_plant", "quiet_plant", "rejection")),
    ("hamiltonian", atom("regular"), ("quiet_plant",)),
    ("hamiltonian", atom("connected"), ("naive_plant", "quiet_plant")),
    ("k_colourable4", ~atom("bipartite"), ("naive_plant", "quiet_plant", "transform")),
    ("k_colourable3", ~atom("bipartite"), ("naive_plant", "quiet_plant", "rejection")),
    ("k_colourable3", ~atom("planar"), ("naive_plant", "quiet_plant")),
    ("k_colourable4", ~atom("planar"), ("naive_plant", "quiet_plant", "rejection")),
    ("has_clique", atom("connected"), ("naive_plant", "quiet_plant")),
    ("independent_set", ~atom("bipartite"), ("naive_plant", "quiet_plant")),
    ("perfect_matching", ~atom("bipartite"), ("naive_plant", "quiet_plant", "rejection")),
    ("perfect_matching", atom("regular"), ("quiet_plant",)),
    ("eulerian", ~atom("planar"), ("quiet_plant",)),
    ("connected", ~atom("bipartite"), ("naive_plant", "rejection")),
)


def candidates() -> list[gaps.Family]:
    """The graph candidates, in a fixed order.

    >>> len(candidates()) > 60
    True
    """
    found = [
        _candidate(name, construction)
        for name in ATOMS
        for construction in ("naive_plant", "quiet_plant", "rejection", "transform")
        if not (construction == "rejection" and name in _NO_REJECTION)
    ]
    found += [_candidate(n, c, extra) for n, extra, cs in _CONJUNCTIONS for c in cs]
    return found

"""The lemmas behind the graph families' certified checks, proved by z3 at bounded sizes.

Each ``prove_<claim>(bound)`` states in its docstring what the check relies on and
asks z3 for a counterexample over *symbolic* graphs (every edge set, every weight,
every permutation or vertex list) of every size up to ``bound``, within ``rlimit``.
"""

from __future__ import annotations

import itertools
from typing import Any

from gaps.proofs.core import RLIMIT, Proof, prove

__all__ = [
    "prove_cycle_property_implies_minimum",
    "prove_distinct_vertices_visit_all",
    "prove_kuratowski_subdivisions_are_not_plane",
    "prove_listed_pairs_cover_the_clique",
    "prove_mapped_edges_make_an_isomorphism",
]


def _spanning_trees(n: int) -> list[tuple[tuple[int, int], ...]]:
    """Every spanning tree of the complete graph on 0..n−1, as sorted edge tuples."""
    import networkx as nx

    pairs = list(itertools.combinations(range(n), 2))
    trees = []
    for chosen in itertools.combinations(pairs, n - 1):
        graph = nx.Graph(chosen)
        graph.add_nodes_from(range(n))
        if nx.is_connected(graph):
            trees.append(chosen)
    return trees


def prove_cycle_property_implies_minimum(bound: int = 5, rlimit: int = RLIMIT) -> Proof:
    """A spanning tree no non-tree edge undercuts on its tree path is a minimum one.

    For every graph on 2 ≤ n ≤ ``bound`` vertices (any edge set, any integer weights),
    every spanning tree T of it such that each non-tree edge weighs at least as much as
    every tree edge on the tree path between its ends, and every spanning tree T' of
    the same graph: w(T) ≤ w(T'). T ranges over the trees up to relabelling (the claim
    is invariant under it), T' over every spanning tree of the complete graph.
    ``minimum_spanning_tree``'s ``cycle_property`` check accepts exactly such a T.

    >>> prove_cycle_property_implies_minimum(4).status
    'proved'
    """
    import networkx as nx
    import z3

    claims = []
    for n in range(2, bound + 1):
        pairs = list(itertools.combinations(range(n), 2))
        present = {p: z3.Bool(f"e{n}_{p[0]}_{p[1]}") for p in pairs}
        weight = {p: z3.Int(f"w{n}_{p[0]}_{p[1]}") for p in pairs}
        others = _spanning_trees(n)
        for shape in nx.nonisomorphic_trees(n) if n > 2 else [nx.Graph([(0, 1)])]:
            tree = [tuple(sorted(e)) for e in shape.edges()]
            undercut = []
            for f in pairs:
                if f in tree:
                    continue
                path = nx.shortest_path(shape, *f)
                on_path = [tuple(sorted(e)) for e in itertools.pairwise(path)]
                undercut += [z3.Implies(present[f], weight[f] >= weight[g]) for g in on_path]
            total = z3.Sum([weight[e] for e in tree])
            for other in others:
                premise = [present[e] for e in {*tree, *other}] + undercut
                cheaper = total <= z3.Sum([weight[e] for e in other])
                claims.append(z3.Implies(z3.And(*premise), cheaper))
    return prove(
        "the cycle property implies a minimum spanning tree", bound, z3.And(*claims), rlimit
    )


def prove_mapped_edges_make_an_isomorphism(bound: int = 4, rlimit: int = RLIMIT) -> Proof:
    """A permutation mapping every edge of G onto an edge of H, |E(G)| = |E(H)|, is an isomorphism.

    For every pair of simple graphs G, H on 1 ≤ n ≤ ``bound`` vertices and every
    permutation π of the vertices: if π maps each edge of G to an edge of H and the
    two have as many edges, then uv is an edge of G exactly when π(u)π(v) is an edge of
    H. ``graph_isomorphism``'s ``check`` tests exactly the premises (one pass over G's
    edges and a count), so it accepts isomorphic pairs only.

    >>> prove_mapped_edges_make_an_isomorphism(3).status
    'proved'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        pairs = list(itertools.combinations(range(n), 2))
        g = {p: z3.Bool(f"g{n}_{p[0]}_{p[1]}") for p in pairs}
        h = {p: z3.Bool(f"h{n}_{p[0]}_{p[1]}") for p in pairs}
        pi = [z3.Int(f"pi{n}_{v}") for v in range(n)]

        def mapped(u: int, v: int, h: dict[tuple[int, int], Any] = h, pi: list[Any] = pi) -> Any:
            hits = [
                z3.And(
                    h[a, b], z3.Or(z3.And(pi[u] == a, pi[v] == b), z3.And(pi[u] == b, pi[v] == a))
                )
                for a, b in h
            ]
            return z3.Or(hits) if hits else z3.BoolVal(False)

        permutation = [z3.And(x >= 0, x < n) for x in pi] + ([z3.Distinct(*pi)] if n > 1 else [])
        count = [z3.Sum([z3.If(x, 1, 0) for x in e.values()]) for e in (g, h)] if pairs else []
        same_size = [count[0] == count[1]] if pairs else []
        into = [z3.Implies(g[p], mapped(*p)) for p in pairs]
        iso = [g[p] == mapped(*p) for p in pairs]
        claims.append(z3.Implies(z3.And(*permutation, *same_size, *into), z3.And(*iso)))
    return prove("a mapping check implies isomorphism", bound, z3.And(*claims), rlimit)


def prove_kuratowski_subdivisions_are_not_plane(bound: int = 6, rlimit: int = RLIMIT) -> Proof:
    """No rotation system of a subdivided K5 or K3,3 reaches V − E + F = 2 (genus 0).

    Subdividing an edge adds one vertex and one edge, so a subdivision with s ≤
    ``bound`` extra vertices keeps V − E = 5 − 10 (K5) or 6 − 9 (K3,3). Each face of a
    rotation system of it is bounded by at least 3 branch paths (4 for K3,3: the graph
    is simple, and bipartite for K3,3), and the faces use both sides of every branch
    path: 20 (18) sides in all. So for every face count F and every face lengths
    meeting those bounds, V − E + F ≠ 2. ``planarity``'s ``certificate`` check
    accepts a Kuratowski subdivision as proof of non-planarity and a rotation system
    with V − E + F = 2 as proof of planarity; this lemma is why no graph passes both.

    >>> prove_kuratowski_subdivisions_are_not_plane(2).status
    'proved'
    """
    import z3

    claims = []
    for branch, edges, shortest in ((5, 10, 3), (6, 9, 4)):
        sides = 2 * edges
        for s in range(bound + 1):
            faces = z3.Int(f"faces{branch}_{s}")
            length = [z3.Int(f"len{branch}_{s}_{i}") for i in range(sides)]
            used = [z3.If(i < faces, length[i], 0) for i in range(sides)]
            bounded = [z3.Implies(i < faces, length[i] >= shortest) for i in range(sides)]
            premise = z3.And(faces >= 1, faces <= sides, z3.Sum(used) == sides, *bounded)
            euler = (branch + s) - (edges + s) + faces == 2
            claims.append(z3.Implies(premise, z3.Not(euler)))
    return prove("a Kuratowski subdivision has no plane embedding", bound, z3.And(*claims), rlimit)


def prove_distinct_vertices_visit_all(bound: int = 6, rlimit: int = RLIMIT) -> Proof:
    """n pairwise distinct vertices in range(n) are all n vertices: the cycle visits every one.

    For every list c of 1 ≤ n ≤ ``bound`` ints with 0 ≤ c[i] < n, pairwise distinct:
    every vertex v < n is some c[i]. ``hamiltonian_cycle``'s ``check`` tests range and
    repetition (its ``seen`` array) and each consecutive pair's edge; this lemma is why
    a cycle passing it is Hamiltonian.

    >>> prove_distinct_vertices_visit_all(4).status
    'proved'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        cycle = [z3.Int(f"c{n}_{i}") for i in range(n)]
        ranged = [z3.And(x >= 0, x < n) for x in cycle]
        distinct = [z3.Distinct(*cycle)] if n > 1 else []
        every = [z3.Or([x == v for x in cycle]) for v in range(n)]
        claims.append(z3.Implies(z3.And(*ranged, *distinct), z3.And(*every)))
    return prove("distinct vertices in range visit every vertex", bound, z3.And(*claims), rlimit)


def prove_listed_pairs_cover_the_clique(bound: int = 6, rlimit: int = RLIMIT) -> Proof:
    """k distinct vertices are k members, and the list's pairs i < j are all their pairs.

    For every n ≤ ``bound``, k ≤ n and every list c of k distinct vertices in range(n):
    the set {c[i]} has k members, and every two members u < v are (min, max) of some
    c[i], c[j] with i < j. ``planted_clique``'s ``check`` reads the bit of row
    min(a, b) at max(a, b) for each such pair (rows hold the upper triangle); this
    lemma is why it tests every edge of a k-clique.

    >>> prove_listed_pairs_cover_the_clique(4).status
    'proved'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        for k in range(1, n + 1):
            clique = [z3.Int(f"c{n}_{k}_{i}") for i in range(k)]
            ranged = [z3.And(x >= 0, x < n) for x in clique]
            distinct = [z3.Distinct(*clique)] if k > 1 else []
            member = [z3.Or([x == v for x in clique]) for v in range(n)]
            size = z3.Sum([z3.If(m, 1, 0) for m in member]) == k
            covered = []
            for u, v in itertools.combinations(range(n), 2):
                listed = [
                    z3.And(z3.If(a < b, a, b) == u, z3.If(a < b, b, a) == v)
                    for a, b in itertools.combinations(clique, 2)
                ]
                covered.append(z3.Implies(z3.And(member[u], member[v]), z3.Or(*listed, False)))
            claims.append(z3.Implies(z3.And(*ranged, *distinct), z3.And(size, *covered)))
    return prove("listed pairs cover a clique", bound, z3.And(*claims), rlimit)

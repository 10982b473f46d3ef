"""The lemmas that make the catalog's certificates sound, proved by z3 at bounded sizes.

A certified verifier accepts an output because its certificate proves it optimal or
impossible to improve: a dual solution, a cut, potentials, a vertex cover, a
combination of equations. Each ``prove_<claim>(bound)`` states the lemma its check
relies on in the docstring and asks z3 for a counterexample over *symbolic*
instances (every matrix, capacity, weight or edge set) of every size up to
``bound``, within ``rlimit`` (z3's deterministic resource count). ``proved`` means
none exists at those sizes.
"""

from __future__ import annotations

import itertools
from typing import Any

from gaps.proofs.core import RLIMIT, Proof, prove

__all__ = [
    "prove_cut_bounds_flow",
    "prove_gf2_solution",
    "prove_koenig_cover_bounds_matching",
    "prove_potentials_bound_paths",
    "prove_pratt_certificate_implies_prime",
    "prove_two_sat_paths_refute",
    "prove_weak_lp_duality",
]


def _sum(z3: Any, terms: list[Any]) -> Any:
    return z3.Sum(terms) if terms else z3.IntVal(0)


def prove_weak_lp_duality(bound: int = 2, rlimit: int = RLIMIT) -> Proof:
    """Weak LP duality: if A x ≤ b, x ≥ 0 and Aᵀ y ≥ c, y ≥ 0 then c·x ≤ b·y.

    For every real m × n matrix A and vectors b, c, x, y with 1 ≤ m, n ≤ ``bound``.
    ``linear_programming``'s ``duality`` check accepts x when a feasible y has
    b·y = c·x; this lemma is why no feasible x' can then do better.

    >>> prove_weak_lp_duality(2).status
    'proved'
    """
    import z3

    claims = []
    for m, n in itertools.product(range(1, bound + 1), repeat=2):
        a = [[z3.Real(f"a{m}{n}_{i}_{j}") for j in range(n)] for i in range(m)]
        b = [z3.Real(f"b{m}{n}_{i}") for i in range(m)]
        c = [z3.Real(f"c{m}{n}_{j}") for j in range(n)]
        x = [z3.Real(f"x{m}{n}_{j}") for j in range(n)]
        y = [z3.Real(f"y{m}{n}_{i}") for i in range(m)]
        primal = [z3.Sum([a[i][j] * x[j] for j in range(n)]) <= b[i] for i in range(m)]
        dual = [z3.Sum([a[i][j] * y[i] for i in range(m)]) >= c[j] for j in range(n)]
        signs = [v >= 0 for v in (*x, *y)]
        objective = z3.Sum([c[j] * x[j] for j in range(n)]) <= z3.Sum(
            [b[i] * y[i] for i in range(m)]
        )
        claims.append(z3.Implies(z3.And(*primal, *dual, *signs), objective))
    return prove("weak LP duality", bound, z3.And(*claims), rlimit)


def prove_cut_bounds_flow(bound: int = 4, rlimit: int = RLIMIT) -> Proof:
    """Every s–t cut's capacity bounds every s–t flow's value.

    For every directed graph on 2 ≤ n ≤ ``bound`` vertices (capacities c ≥ 0 on
    every ordered pair, 0 meaning no arc), every flow f (0 ≤ f ≤ c, conserved at every
    vertex but s = 0 and t = n − 1) and every vertex set S holding s but not t: the
    flow out of s minus the flow into s is at most the capacity of the arcs leaving
    S. ``max_flow``'s check accepts a flow whose value equals a cut's capacity; this
    lemma is why no flow can exceed it.

    >>> prove_cut_bounds_flow(3).status
    'proved'
    """
    import z3

    claims = []
    for n in range(2, bound + 1):
        arcs = [(u, v) for u in range(n) for v in range(n) if u != v]
        c = {e: z3.Real(f"c{n}_{e[0]}_{e[1]}") for e in arcs}
        f = {e: z3.Real(f"f{n}_{e[0]}_{e[1]}") for e in arcs}
        side = [z3.Bool(f"s{n}_{v}") for v in range(n)]
        capacity = [z3.And(f[e] >= 0, f[e] <= c[e]) for e in arcs]

        def net_out(v: int, f: dict[tuple[int, int], Any] = f, n: int = n) -> Any:
            return z3.Sum([f[v, w] - f[w, v] for w in range(n) if w != v])

        conserved = [net_out(v) == 0 for v in range(1, n - 1)]
        cut = z3.Sum([z3.If(z3.And(side[u], z3.Not(side[v])), c[u, v], 0) for u, v in arcs])
        premise = z3.And(*capacity, *conserved, side[0], z3.Not(side[n - 1]))
        claims.append(z3.Implies(premise, net_out(0) <= cut))
    return prove("a cut bounds every flow", bound, z3.And(*claims), rlimit)


def prove_potentials_bound_paths(bound: int = 4, rlimit: int = RLIMIT) -> Proof:
    """Feasible potentials bound every path: d(t) − d(s) ≤ the length of any s–t walk.

    For every directed graph on 1 ≤ n ≤ ``bound`` vertices with real arc weights,
    every potential d with d(v) ≤ d(u) + w(u, v) on every arc, and every walk of at
    most n − 1 arcs (a simple path's length) from any vertex s to any vertex t. With
    d(s) = 0 this is why ``shortest_paths``' check may accept distances that are
    tight on a tree of arcs: no path is shorter.

    >>> prove_potentials_bound_paths(3).status
    'proved'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        arc = [[z3.Bool(f"e{n}_{u}_{v}") for v in range(n)] for u in range(n)]
        w = [[z3.Real(f"w{n}_{u}_{v}") for v in range(n)] for u in range(n)]
        d = [z3.Real(f"d{n}_{v}") for v in range(n)]
        feasible = [
            z3.Implies(arc[u][v], d[v] <= d[u] + w[u][v]) for u in range(n) for v in range(n)
        ]
        for k in range(1, n):
            walk = [z3.Int(f"p{n}_{k}_{i}") for i in range(k + 1)]
            steps, length = [z3.And(p >= 0, p < n) for p in walk], []
            for p, q in itertools.pairwise(walk):
                for u, v in itertools.product(range(n), repeat=2):
                    hit = z3.And(p == u, q == v)
                    steps.append(z3.Implies(hit, arc[u][v]))
                    length.append(z3.If(hit, w[u][v], 0))
            ends = [z3.If(walk[i] == v, d[v], 0) for i in (0, k) for v in range(n)]
            gain = z3.Sum(ends[n:]) - z3.Sum(ends[:n])
            claims.append(z3.Implies(z3.And(*feasible, *steps), gain <= z3.Sum(length)))
    return prove("potentials bound every path", bound, z3.And(*claims), rlimit)


def prove_koenig_cover_bounds_matching(bound: int = 3, rlimit: int = RLIMIT) -> Proof:
    """Every vertex cover of a bipartite graph is at least as large as every matching.

    For every bipartite graph with 1 ≤ n ≤ ``bound`` vertices a side, every matching
    M (edges with distinct endpoints) and every cover (L, R) (each edge has its left
    end in L or its right end in R): |M| ≤ |L| + |R|. ``bipartite_matching``'s
    ``konig`` check accepts M when a cover has |L| + |R| = |M|; this lemma is why M
    is then maximum.

    >>> prove_koenig_cover_bounds_matching(2).status
    'proved'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        pairs = list(itertools.product(range(n), repeat=2))
        edge = {p: z3.Bool(f"e{n}_{p[0]}_{p[1]}") for p in pairs}
        match = {p: z3.Bool(f"m{n}_{p[0]}_{p[1]}") for p in pairs}
        left = [z3.Bool(f"l{n}_{u}") for u in range(n)]
        right = [z3.Bool(f"r{n}_{v}") for v in range(n)]
        matching = [z3.Implies(match[p], edge[p]) for p in pairs]
        matching += [z3.AtMost(*(match[u, v] for v in range(n)), 1) for u in range(n)]
        matching += [z3.AtMost(*(match[u, v] for u in range(n)), 1) for v in range(n)]
        cover = [z3.Implies(edge[u, v], z3.Or(left[u], right[v])) for u, v in pairs]
        size = _sum(z3, [z3.If(match[p], 1, 0) for p in pairs])
        covered = _sum(z3, [z3.If(x, 1, 0) for x in (*left, *right)])
        claims.append(z3.Implies(z3.And(*matching, *cover), size <= covered))
    return prove("a cover bounds every matching", bound, z3.And(*claims), rlimit)


def prove_gf2_solution(bound: int = 4, rlimit: int = RLIMIT) -> Proof:
    """A combination of equations reading 0 = 1 leaves a GF(2) system without solution.

    For every system A x = b over GF(2) with 1 ≤ m, n ≤ ``bound`` (every 0/1 matrix
    and right side), every set S of equations whose left sides cancel (each variable
    in an even number of them) and whose right sides sum to 1, and every assignment
    x: some equation is violated. ``xor_sat``'s check accepts "inconsistent" with such
    an S; this lemma is why no assignment it could have missed exists.

    >>> prove_gf2_solution(3).status
    'proved'
    """
    import z3

    def parity(bits: list[Any]) -> Any:
        value = z3.BoolVal(False)
        for bit in bits:
            value = z3.Xor(value, bit)
        return value

    claims = []
    for m, n in itertools.product(range(1, bound + 1), repeat=2):
        a = [[z3.Bool(f"a{m}{n}_{i}_{j}") for j in range(n)] for i in range(m)]
        b = [z3.Bool(f"b{m}{n}_{i}") for i in range(m)]
        x = [z3.Bool(f"x{m}{n}_{j}") for j in range(n)]
        s = [z3.Bool(f"s{m}{n}_{i}") for i in range(m)]
        cancel = [z3.Not(parity([z3.And(s[i], a[i][j]) for i in range(m)])) for j in range(n)]
        odd = parity([z3.And(s[i], b[i]) for i in range(m)])
        solves = [parity([z3.And(a[i][j], x[j]) for j in range(n)]) == b[i] for i in range(m)]
        claims.append(z3.Implies(z3.And(*cancel, odd), z3.Not(z3.And(*solves))))
    return prove("a 0 = 1 combination refutes a GF(2) system", bound, z3.And(*claims), rlimit)


def prove_pratt_certificate_implies_prime(bound: int = 32, rlimit: int = RLIMIT) -> Proof:
    """Lucas' test, which a Pratt certificate applies at each of its numbers, admits primes only.

    For every r from 3 to ``bound`` and every base a with 1 ≤ a < r: if a^(r−1) ≡ 1
    (mod r) and a^((r−1)/q) ≢ 1 (mod r) for every prime q dividing r − 1, then r is
    prime. ``prime_certificate``'s ``pratt`` check accepts r when a certificate gives
    such an a and the primes q (with exponents whose product is r − 1, each q
    certified in turn); this lemma is why a composite r never passes. The base is
    symbolic (a bit-vector wide enough for r²), so z3 covers every a at once.

    >>> prove_pratt_certificate_implies_prime(16).status
    'proved'
    """
    import z3

    claims = []
    for r in range(3, bound + 1):
        width = 2 * r.bit_length()  # room for a product of two residues
        a = z3.BitVec(f"a{r}", width)

        def power(e: int, a: Any = a, r: int = r, width: int = width) -> Any:
            """a^e mod r by square and multiply, reducing after each product."""
            result, base = z3.BitVecVal(1, width), z3.URem(a, r)
            while e:
                if e & 1:
                    result = z3.URem(result * base, r)
                base, e = z3.URem(base * base, r), e >> 1
            return result

        primes = [q for q in range(2, r) if (r - 1) % q == 0 and _is_prime(q)]
        fermat = power(r - 1) == 1
        lucas = [power((r - 1) // q) != 1 for q in primes]
        base = z3.And(z3.UGE(a, 1), z3.ULT(a, r))
        claims.append(z3.Implies(z3.And(base, fermat, *lucas), z3.BoolVal(_is_prime(r))))
    return prove("a Pratt certificate implies primality", bound, z3.And(*claims), rlimit)


def _is_prime(r: int) -> bool:
    """Primality by its definition (no divisor between 2 and r − 1): r is small here."""
    return r >= 2 and all(r % d for d in range(2, r))


def prove_two_sat_paths_refute(bound: int = 3, rlimit: int = RLIMIT) -> Proof:
    """Implication paths x ⇝ ¬x and ¬x ⇝ x leave a 2-CNF formula unsatisfiable.

    For every formula on 1 ≤ n ≤ ``bound`` variables (every set of clauses over two
    distinct variables), every variable x, every pair of walks of at most 2n steps
    through its implication graph (clause a ∨ b gives ¬a → b and ¬b → a) from x to ¬x
    and from ¬x back to x, and every assignment: some clause is false. ``two_sat``'s
    ``check`` accepts "unsatisfiable" with such a pair of paths; this lemma is why no
    assignment it could have missed exists.

    >>> prove_two_sat_paths_refute(2).status
    'proved'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        # Literal l is variable l // 2, negated when l is odd; l ^ 1 is its negation.
        value = [z3.Bool(f"v{n}_{i}") for i in range(n)]
        truth = [
            value[lit // 2] if lit % 2 == 0 else z3.Not(value[lit // 2]) for lit in range(2 * n)
        ]
        pairs = [(a, b) for a, b in itertools.combinations(range(2 * n), 2) if a // 2 != b // 2]
        clause = {p: z3.Bool(f"c{n}_{p[0]}_{p[1]}") for p in pairs}

        def arc(a: int, b: int, clause: dict[tuple[int, int], Any] = clause) -> Any:
            """a → b holds when the clause ¬a ∨ b is in the formula."""
            key = (min(a ^ 1, b), max(a ^ 1, b))
            return clause.get(key, z3.BoolVal(False))

        def walk(name: str, start: Any, end: Any, n: int = n) -> list[Any]:
            """2n + 1 literals from start to end, each step an arc or a pause."""
            p = [z3.Int(f"{name}{n}_{i}") for i in range(2 * n + 1)]
            steps = [z3.And(x >= 0, x < 2 * n) for x in p] + [p[0] == start, p[-1] == end]
            for u, w in itertools.pairwise(p):
                moves = [
                    z3.And(u == a, w == b, arc(a, b)) for a in range(2 * n) for b in range(2 * n)
                ]
                steps.append(z3.Or(u == w, *moves))
            return steps

        x = z3.Int(f"x{n}")
        forth = walk("forth", 2 * x, 2 * x + 1)
        back = walk("back", 2 * x + 1, 2 * x)
        satisfied = [z3.Implies(clause[a, b], z3.Or(truth[a], truth[b])) for a, b in pairs]
        premise = z3.And(x >= 0, x < n, *forth, *back, *satisfied)
        claims.append(z3.Not(premise))
    return prove(
        "implication paths x to not-x and back refute a 2-CNF", bound, z3.And(*claims), rlimit
    )

"""CNF candidates: plant a satisfying assignment in a random k-CNF vs decide satisfiability.

Objects are ``(n, clauses)`` with clauses a tuple of tuples of DIMACS literals, and
the witness the planted assignment as a tuple of n bools (kind ``sat``). Styles:

- *naive* planting keeps random k-clauses that the hidden assignment σ satisfies: a
  true literal is then (2^(k-1))/(2^k - 1) likely, and a majority vote over literal
  signs recovers most of σ;
- *q-hidden* planting (Jia, Moore & Strain 2005) keeps a clause with t true literals
  with probability ∝ q^t, q chosen so that a literal is true half the time;
- *2-hidden* planting (Achlioptas, Jia & Moore 2005) keeps clauses that σ and its
  complement both satisfy;
- *balanced* planting keeps a σ-satisfied clause only if it does not widen the gap
  between any of its literals' counts and their negations' counts (degree-balanced,
  quiet in the literal counts);
- *rejection* keeps a uniformly random k-CNF below the threshold when CaDiCaL finds a
  model (generation contains a decision);
- *transform* renames the variables, flips the signs of a random half and shuffles the
  clauses of a naively planted formula (σ follows);
- *xor* and *nae*: planted k-XOR-SAT equations and not-all-equal 3-SAT clauses, as CNF.

The decider is CaDiCaL 1.9.5 through python-sat on the formula itself.

>>> import random, gaps
>>> fam = next(c for c in candidates() if c.name == "cnf_satisfiable342_qhidden_quiet_plant")
>>> spec = fam.sample(25, random.Random(0))
>>> formula, sigma = fam.generate["generate"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, formula, sigma, gaps.Meter()), fam.summary
(True, 'satisfiable(k=3, ratio=4.2)')
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from typing import Any

from gaps.problems._sat import solve_cnf
from gaps.problems.space.grammar import atom, declare

import gaps

Clause = tuple[int, ...]
TRIES = 300


@functools.cache
def hiding_q(k: int) -> float:
    """The q of q-hidden planting that makes a literal true half the time (bisection).

    >>> round(hiding_q(3), 6) == round((math.sqrt(5) - 1) / 2, 6)
    True
    """

    def excess(q: float) -> float:
        return sum(math.comb(k, t) * q**t * (2 * t - k) for t in range(1, k + 1))

    low, high = 1e-9, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if excess(mid) < 0 else (low, mid)
    return low


def _true(clause: Clause, sigma: tuple[bool, ...]) -> int:
    return sum(sigma[abs(x) - 1] == (x > 0) for x in clause)


def _random_clause(n: int, k: int, rng: random.Random) -> Clause:
    return tuple(v if rng.random() < 0.5 else -v for v in rng.sample(range(1, n + 1), k))


def plant(style: str, n: int, k: int, m: int, rng: random.Random, meter: gaps.Meter) -> Any:
    """(clauses, σ) of one planting style; ``m`` counts clauses (equations for xor)."""
    sigma = tuple(rng.random() < 0.5 for _ in range(n))
    meter.tick(n)
    clauses: list[Clause] = []
    balance = [0] * (2 * n + 1)  # count of literal x at index x (negative from the end)
    q = hiding_q(k)
    if style == "xor":  # m equations, each as the 2^(k-1) clauses forbidding a wrong parity
        for _ in range(m):
            clause = _random_clause(n, k, rng)
            parity = sum(sigma[abs(x) - 1] for x in clause) % 2
            variables = [abs(x) for x in clause]
            for signs in itertools.product((1, -1), repeat=k):
                meter.tick()
                if sum(sign < 0 for sign in signs) % 2 != parity:
                    clauses.append(tuple(s * v for s, v in zip(signs, variables, strict=True)))
        return clauses, sigma
    while len(clauses) < m:
        meter.tick()
        clause = _random_clause(n, k, rng)
        true = _true(clause, sigma)
        if style == "nae":
            if 0 < true < k:
                clauses += [clause, tuple(-x for x in clause)]
            continue
        keep = {
            "naive": true > 0,
            "qhidden": true > 0 and rng.random() < q ** (true - 1),
            "twohidden": 0 < true < k,
            "balanced": true > 0 and sum(balance[x] - balance[-x] for x in clause) <= 0,
        }[style]
        if keep:
            clauses.append(clause)
            for x in clause:
                balance[x] += 1
    return clauses, sigma


def generate(style: str, k: int, ratio: float, spec: Any, meter: gaps.Meter) -> Any:
    n, seed = spec
    rng = random.Random(seed)
    m = round(ratio * n)
    if style == "rejection":
        for _ in range(TRIES):
            clauses = [_random_clause(n, k, rng) for _ in range(m)]
            meter.tick(m)
            model = solve_cnf(clauses, gaps.Meter())
            if model is not None:
                return gaps.Certified((n, tuple(clauses)), tuple(x > 0 for x in model[:n]))
        raise gaps.GaveUp(f"no satisfiable random {k}-CNF in {TRIES} tries at n = {n}")
    base = "naive" if style == "transform" else style
    clauses, sigma = plant(base, n, k, m, rng, meter)
    if style == "transform":
        rename = list(range(1, n + 1))
        rng.shuffle(rename)
        flip = [rng.random() < 0.5 for _ in range(n)]
        meter.tick(n + len(clauses) * k)
        clauses = [
            tuple(
                (-1 if flip[abs(x) - 1] else 1) * (rename[abs(x) - 1] if x > 0 else -rename[-x - 1])
                for x in c
            )
            for c in clauses
        ]
        rng.shuffle(clauses)
        moved = [False] * n
        for v in range(n):
            moved[rename[v] - 1] = sigma[v] != flip[v]
        sigma = tuple(moved)
    return gaps.Certified((n, tuple(clauses)), sigma)


def _formula(spec: Any, obj: Any, meter: gaps.Meter) -> tuple[Clause, ...] | None:
    n = spec[0]
    if not isinstance(obj, tuple) or len(obj) != 2 or obj[0] != n:
        return None
    clauses = obj[1]
    if not isinstance(clauses, tuple) or not clauses:
        return None
    for clause in clauses:
        meter.tick()
        if not isinstance(clause, tuple) or not clause:
            return None
        if not all(type(x) is int and 1 <= abs(x) <= n for x in clause):
            return None
    return clauses


def decide(spec: Any, obj: Any, meter: gaps.Meter) -> bool:
    clauses = _formula(spec, obj, meter)
    return clauses is not None and solve_cnf(clauses, meter) is not None


def check(spec: Any, obj: Any, sigma: Any, meter: gaps.Meter) -> bool:
    clauses = _formula(spec, obj, meter)
    n = spec[0]
    if clauses is None or not isinstance(sigma, tuple) or len(sigma) != n:
        return False
    if not all(type(b) is bool for b in sigma):
        return False
    meter.tick(sum(len(c) for c in clauses))
    return all(_true(c, sigma) > 0 for c in clauses)


def corrupt(spec: Any, result: Any, rng: random.Random) -> Any:
    """Replace 2^3 random clauses by all sign patterns over three variables: unsatisfiable."""
    (n, clauses), sigma = result
    bad = list(clauses)
    trio = rng.sample(range(1, n + 1), 3)
    core = [tuple(s * v for s, v in zip(signs, trio, strict=True))
            for signs in itertools.product((1, -1), repeat=3)]  # fmt: skip
    for position, clause in zip(rng.sample(range(len(bad)), 8), core, strict=True):
        bad[position] = clause
    return gaps.Certified((n, tuple(bad)), sigma)


_SIZES = {3: (25, 50, 100, 200), 4: (20, 40, 80, 160), 5: (15, 30, 60, 120)}
#: (style, k, clause ratio, construction): ratios around each k's threshold
#: (4.27, 9.93 and 21.1 clauses per variable for k = 3, 4, 5).
_CANDIDATES = (
    *(
        (style, 3, ratio, construction)
        for ratio in (3.5, 4.2, 5.0)
        for style, construction in (
            ("naive", "naive_plant"),
            ("qhidden", "quiet_plant"),
            ("twohidden", "quiet_plant"),
            ("balanced", "quiet_plant"),
            ("transform", "transform"),
        )
    ),
    ("rejection", 3, 3.5, "rejection"),
    ("rejection", 3, 4.0, "rejection"),
    *(
        (style, 4, ratio, construction)
        for ratio in (8.0, 9.5)
        for style, construction in (
            ("naive", "naive_plant"),
            ("qhidden", "quiet_plant"),
            ("twohidden", "quiet_plant"),
            ("balanced", "quiet_plant"),
            ("transform", "transform"),
        )
    ),
    ("rejection", 4, 8.0, "rejection"),
    *(
        (style, 5, ratio, construction)
        for ratio in (18.0, 21.0)
        for style, construction in (
            ("naive", "naive_plant"),
            ("qhidden", "quiet_plant"),
            ("balanced", "quiet_plant"),
        )
    ),
    ("rejection", 5, 16.0, "rejection"),
    ("xor", 3, 0.8, "naive_plant"),
    ("xor", 4, 0.8, "naive_plant"),
    ("nae", 3, 2.0, "quiet_plant"),
)


def candidates() -> list[gaps.Family]:
    """Satisfiable k-CNF formulas under every planting style.

    >>> len(candidates())
    38
    """
    found = []
    for style, k, ratio, construction in _CANDIDATES:
        form = {"xor": "xor", "nae": "nae"}.get(style)
        prop = atom("satisfiable", k=k, ratio=ratio, **({"form": form} if form else {}))
        variant = style if construction == "quiet_plant" and not form else ""
        found.append(
            declare(
                domain="cnf",
                prefix="cnf",
                prop=prop,
                construction=construction,
                variant=variant,
                generate=functools.partial(generate, style, k, ratio),
                decide=decide,
                decider="CaDiCaL 1.9.5 through python-sat on the formula",
                check=check,
                check_ticks=construction != "rejection",
                corrupt=corrupt,
                kind="sat",
                sizes=_SIZES[k],
            )
        )
    return found

"""Model counting (#SAT) of small random 3-CNFs: enumerate with CaDiCaL vs check or recount.

Problem: a random 3-CNF with n variables and m = round(3.5 n) clauses (each variable
occurs in some clause); the output is its number of models over the n variables.

Gap: counting models is #P-complete (Valiant 1979). Generation enumerates them with
CaDiCaL 1.9.5 (python-sat): solve, record the model, add the clause blocking exactly
that model, repeat until unsatisfiable — Θ(#models) SAT calls; then a fresh CaDiCaL
with proof logging refutes F ∧ ¬m_1 ∧ … ∧ ¬m_k. The certificate is the list of models
with that DRAT proof. The ``witnesses`` verifier (certified) checks that there are
exactly ``count`` listed models, pairwise distinct, each satisfying every clause
(Θ(count · m)) — the lower bound — *and* that the DRAT proof refutes F plus the
blocking clauses of the listed models (textbook DRUP checker of
``problems/logic/_refutation.py``) — the upper bound: no other model exists. Both
bounds are checked, so the check is complete and sound, not merely "at least count".
Its cost is linear in the certificate, which is as large as the count itself (and so
exponential in n, like the enumeration): neutral in theory. Measured, the Python
check grows faster than native enumeration (1.8x its time at n = 8, 5.4x at n = 23:
each lemma's unit propagation also visits the blocking clauses, so the check is
closer to proof length × count), and ``gaps classify`` reads it negative at the
default sizes. ``recompute`` (compare) reruns the whole generation — enumeration and
the DRAT refutation — and compares the counts: a compare verifier costs one
generation plus a comparison, so the measured gap is flat at 0 bits. (It used to
skip the refutation, so the gap sat near +2 bits and drifted with the proof-logging
overhead.) Neutral by construction; at 3 instances per size, though, the time of one
instance varies several-fold with its random model count, which the per-side
bootstrap of ``gaps classify`` turns into fits of different labels on the two sides.

Costs: time only (CaDiCaL is native; its counters are reported for information).

References: Valiant 1979 (#P); Gomes, Sabharwal & Selman 2009 (model counting
survey); Heule, Hunt & Wetzler 2013 (DRAT).

>>> import random, gaps
>>> fam = gaps.get("model_count")
>>> spec = fam.sample(12, random.Random(1))
>>> count, certificate = fam.generate["enumerate"](spec, gaps.Meter())
>>> fam.verify["witnesses"].fn(spec, count, certificate, gaps.Meter())
True
>>> models, proof = certificate
>>> fam.verify["witnesses"].fn(spec, count - 1, (models[1:], proof), gaps.Meter())
False
"""

from __future__ import annotations

import random

from gaps.problems.logic._refutation import check_drup, refute, satisfies
from pysat.solvers import Solver

import gaps

#: Clauses per variable: below the 3-SAT threshold (4.27), so models exist but are few.
RATIO = 3.5

Spec = tuple[int, list[list[int]]]


def sample(size: int, rng: random.Random) -> Spec:
    n = max(size, 3)
    order = list(range(1, n + 1))
    rng.shuffle(order)
    clauses = []
    for i in range(round(RATIO * n)):
        chosen = order[3 * i : 3 * i + 3]  # the first clauses cover every variable
        others = [v for v in range(1, n + 1) if v not in chosen]
        chosen += rng.sample(others, 3 - len(chosen))
        clauses.append([v if rng.random() < 0.5 else -v for v in chosen])
    return n, clauses


def _models(spec: Spec, meter: gaps.Meter) -> list[tuple[int, ...]]:
    n, clauses = spec
    models = []
    with Solver(name="cadical195", bootstrap_with=clauses) as solver:
        while solver.solve():
            model = tuple(solver.get_model()[:n])
            models.append(model)
            solver.add_clause([-x for x in model])
        stats = solver.accum_stats()
    meter.count(
        propagations=stats.get("propagations", 0),
        conflicts=stats.get("conflicts", 0),
        decisions=stats.get("decisions", 0),
    )
    return models


def enumerate_models(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    models = _models(spec, meter)
    blocked = spec[1] + [[-x for x in model] for model in models]
    _, proof = refute(blocked, meter)
    return gaps.Certified(len(models), (models, proof))


def witnesses(spec: Spec, count: object, certificate: object, meter: gaps.Meter) -> bool:
    n, clauses = spec
    if type(count) is not int or not isinstance(certificate, tuple) or len(certificate) != 2:
        return False
    models, proof = certificate
    if not isinstance(models, (list, tuple)) or len(models) != count:
        return False
    seen = set()
    for model in models:
        meter.tick(n)
        if not isinstance(model, tuple) or len(model) != n:
            return False
        if any(type(x) is not int or abs(x) != v for v, x in enumerate(model, 1)):
            return False
        if model in seen or not satisfies(clauses, list(model), meter):
            return False
        seen.add(model)
    blocked = clauses + [[-x for x in model] for model in models]
    return check_drup(blocked, proof, meter)


def recompute(spec: Spec, count: object, meter: gaps.Meter) -> bool:
    if type(count) is not int:
        return False
    reference, _ = enumerate_models(spec, meter)  # the same generation, certificate and all
    return bool(reference == count)


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Undercount by hiding a model, or overcount by listing a model twice."""
    count, (models, proof) = result
    if models and rng.random() < 0.5:
        hidden = list(models)
        del hidden[rng.randrange(len(hidden))]
        return gaps.Certified(count - 1, (hidden, proof))
    n = spec[0]
    extra = models[0] if models else tuple(range(1, n + 1))
    return gaps.Certified(count + 1, ([*models, extra], proof))


FAMILY = gaps.Family(
    name="model_count",
    domain="counting",
    summary="Count a random 3-CNF's models with CaDiCaL vs check models plus a DRAT bound.",
    sample=sample,
    generate={"enumerate": enumerate_models},
    verify={"witnesses": gaps.certified(witnesses), "recompute": gaps.compare(recompute)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n",
        verify="2**n",
        sign="neutral",
        reference="Valiant 1979; Gomes, Sabharwal and Selman 2009",
    ),
    references=(
        "Valiant 1979",
        "Gomes, Sabharwal and Selman 2009",
        "Heule, Hunt and Wetzler 2013",
    ),
    tags=("counting", "sharp-p", "sat", "drat", "solver"),
    units=("time",),
    sizes=(8, 11, 14, 17, 20, 23),
)

"""Pigeonhole formulas: refute PHP(n+1, n) with CaDiCaL vs re-decide it or check its DRAT proof.

Problem: the pigeonhole formula PHP(n+1, n) as cnfgen builds it (p(i, j): pigeon i
sits in hole j; n + 1 clauses put each pigeon in some hole, n·C(n+1, 2) binary
clauses forbid two pigeons in one hole), its variables renamed and its clauses and
literals shuffled by the sampler. The expected answer is ``"unsatisfiable"``; a
satisfying assignment is also a well-typed answer (always wrong here). Any formula
``gaps.formats.to_clauses`` takes is an instance too.

Gap: generation is CaDiCaL (python-sat, proof logging on), which answers
``"unsatisfiable"`` and hands its DRAT proof over as the certificate. Every
resolution refutation of PHP(n+1, n) has 2^Ω(n) clauses (Haken 1985), and CDCL is
resolution-bounded, so generation is exponential. ``decide`` (blind) re-decides with
CaDiCaL: the same work, neutral. ``drat`` (certified) checks the proof forward with
the textbook DRUP checker of ``problems/logic/_refutation.py``; ``backward`` as
drat-trim does (``_backward.py``: back from the final conflict, only the core's
lemmas). Both are polynomial in the exponential proof, yet costlier than the search
by a factor growing with n, so the certified gap is negative: the solver reaches each
conflict on a trail shared with the conflicts before it, while a RUP check derives
each lemma's conflict afresh, and nearly every lemma here is in the core. Checking
taking longer than solving is what drat-trim's authors report (Wetzler, Heule & Hunt
2014). The factor is about n: over n = 1..6 a fall by lg n bends as an overhead fading
like 1/n does, so the sign may stay undecided there (``benchmarks/beyond_defaults.py``
reaches n = 9). A verifier handed an assignment evaluates it clause by clause.

Costs: propagations (literals whose watches unit propagation scanned: CaDiCaL's own
search counter on one side, the DRUP checker's on the other) and time. CaDiCaL's
counter leaves out inprocessing, so generation's count is a lower bound.

References: Haken 1985; Cook & Reckhow 1979; Heule, Hunt & Wetzler 2013 (DRUP/DRAT,
forward checking); Wetzler, Heule & Hunt 2014 (drat-trim).

>>> import random, gaps
>>> fam = gaps.get("pigeonhole")
>>> spec = fam.sample(4, random.Random(1))
>>> answer, proof = fam.generate["cadical"](spec, gaps.Meter())
>>> answer, fam.verify["drat"].fn(spec, answer, proof, gaps.Meter())
('unsatisfiable', True)
>>> fam.verify["drat"].fn(spec, answer, proof[: len(proof) // 3], gaps.Meter())
False
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import cnfgen
from gaps.problems.logic import _backward, _refutation
from gaps.problems.logic._proof_spec import refutation_specification
from gaps.problems.logic._refutation import clauses_of

import gaps
from gaps.formats import cnf_from

NAME = "pigeonhole"
Spec = tuple[int, list[list[int]]]


def pigeonhole_clauses(n: int) -> list[list[int]]:
    """cnfgen's PHP(n+1, n): p(i, j) is variable i·n + j + 1 (pigeons i ≤ n, holes j < n)."""
    return cnf_from(cnfgen.PigeonholePrinciple(n + 1, n)).clauses


def sample(size: int, rng: random.Random) -> Spec:
    n = max(size, 1)
    names = list(range(1, n * (n + 1) + 1))
    rng.shuffle(names)
    clauses = []
    for clause in pigeonhole_clauses(n):
        renamed = [names[abs(x) - 1] * (1 if x > 0 else -1) for x in clause]
        rng.shuffle(renamed)
        clauses.append(renamed)
    rng.shuffle(clauses)
    return n, clauses


def cadical(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    return _refutation.cadical(clauses_of(spec, NAME, "generator 'cadical'"), meter)


def decide(spec: Spec, answer: object, meter: gaps.Meter) -> bool:
    return _refutation.decide(clauses_of(spec, NAME, "verifier 'decide'"), answer, meter)


def drat(spec: Spec, answer: object, proof: object, meter: gaps.Meter) -> bool:
    return _refutation.drat(clauses_of(spec, NAME, "verifier 'drat'"), answer, proof, meter)


def backward(spec: Spec, answer: object, proof: object, meter: gaps.Meter) -> bool:
    return _backward.backward(clauses_of(spec, NAME, "verifier 'backward'"), answer, proof, meter)


def small_formulas(bound: int) -> Iterator[tuple[Spec, list[list[int]] | None]]:
    """PHP(n+1, n) for n < ``bound``, each beside its satisfiable twin: pigeon 0's clause
    dropped, with the full formula's proof to edit."""
    for n in range(1, bound):
        clauses = pigeonhole_clauses(n)
        yield (n, clauses), None
        yield (n, clauses[1:]), clauses


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Claim a random assignment satisfies the formula (no assignment does)."""
    n = spec[0]
    model = [v if rng.random() < 0.5 else -v for v in range(1, n * (n + 1) + 1)]
    return gaps.Certified(model, result.certificate)


FAMILY = gaps.Family(
    name=NAME,
    domain="logic",
    summary="Refute PHP(n+1, n) with CaDiCaL vs re-decide it or check its DRAT proof.",
    sample=sample,
    generate={"cadical": cadical},
    verify={
        "decide": gaps.blind(decide),
        "drat": gaps.certified(drat),
        "backward": gaps.certified(backward),
    },
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n",
        verify={"decide": "2**n", "drat": "n*2**n", "backward": "n*2**n"},
        sign={"decide": "neutral", "drat": "negative", "backward": "negative"},
        reference="Haken 1985; Heule, Hunt and Wetzler 2013; Wetzler, Heule and Hunt 2014",
    ),
    references=(
        "Haken 1985",
        "Cook and Reckhow 1979",
        "Heule, Hunt and Wetzler 2013",
        "Wetzler, Heule and Hunt 2014",
    ),
    tags=("sat", "unsat", "proof-complexity", "drat", "solver"),
    units=("propagations", "time"),
    sizes=(1, 2, 3, 4, 5, 6),
    spec=(
        refutation_specification(small_formulas, "drat"),
        refutation_specification(small_formulas, "backward", exact=False),
    ),
    not_best_known={"drat": "forward checking of every lemma; backward checks only the core"},
)

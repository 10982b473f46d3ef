"""Model counting (#SAT) of small random 3-CNFs: enumerate with CaDiCaL vs check or recount.

Problem: a random 3-CNF with n variables and m = round(3.5 n) clauses (each variable
occurs in some clause); the output is its number of models over the n variables. Any
CNF read from a file (what ``gaps.formats.to_clauses`` takes) is an instance too.

Gap: counting models is #P-complete (Valiant 1979). Generation enumerates them with
CaDiCaL (python-sat): solve, record the model, block exactly that model, repeat —
Θ(#models) SAT calls; then a CaDiCaL with proof logging refutes F ∧ ¬m_1 ∧ … ∧ ¬m_k.
The certificate is the models with that DRAT proof. ``witnesses`` (certified) checks
``count`` distinct models, each satisfying every clause, and the proof with the DRUP
checker of ``problems/logic/_refutation.py``: sound and complete. A RUP check
propagates each lemma from scratch over F and every blocking clause, where the search
propagated incrementally, so checking costs a factor growing with n more than the
search that logged it (Heule, Hunt & Wetzler 2013): the certified gap is **negative**,
a polynomial factor on an exponential. ``recompute`` (compare) reruns enumeration and
refutation (a recount without the refutation would fake a positive gap) and compares
the counts: neutral. Enumeration is textbook; Ganak (Sharma et al. 2019; pyganak), the
best exact counter at hand, is paired as ``ganak/recount`` (compare, neutral; no
certificate). ``witnesses`` has larger sizes of its own, where counting dominates the
refutation of F; they span one doubling, over which a factor polynomial in n moves
the gap by less than its scatter between instances: the sign reads inconclusive.

Costs: propagations (literals whose watches unit propagation scanned: CaDiCaL's search
counter summed over every solver call on one side, the DRUP checker's on the other;
neither counts reading and writing models), then time.

References: Valiant 1979 (#P); Gomes, Sabharwal & Selman 2009 (model counting
survey); Heule, Hunt & Wetzler 2013 (DRAT); Wetzler, Heule & Hunt 2014 (DRAT-trim).

>>> import random, gaps
>>> fam = gaps.get("model_count")
>>> spec = fam.sample(12, random.Random(1))
>>> generated, checked = gaps.Meter(), gaps.Meter()
>>> count, certificate = fam.generate["enumerate"](spec, generated)
>>> fam.verify["witnesses"].fn(spec, count, certificate, checked)
True
>>> models, proof = certificate
>>> fam.verify["witnesses"].fn(spec, count - 1, (models[1:], proof), gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from typing import Any

from gaps.problems._edits import Edits, among
from gaps.problems._sat import count_stats, formula_of
from gaps.problems.logic._proof_spec import ProofEdits, rup_refutation, text
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


def _models(n: int, clauses: list[tuple[int, ...]], meter: gaps.Meter) -> list[tuple[int, ...]]:
    models = []
    with Solver(name="cadical195", bootstrap_with=clauses) as solver:
        while solver.solve():
            found = solver.get_model()[:n]
            # The solver knows only the variables it has met: one past them is free, and
            # set false here, so the blocking clause brings it in and the next model
            # takes it true.
            model = (*found, *(-v for v in range(len(found) + 1, n + 1)))
            models.append(model)
            solver.add_clause([-x for x in model])
        count_stats(solver, meter)
    return models


def enumerate_models(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, clauses = formula_of(spec, "model_count", "generator 'enumerate'")
    return _enumerate(n, clauses, meter)


def _enumerate(n: int, clauses: list[tuple[int, ...]], meter: gaps.Meter) -> gaps.Certified:
    models = _models(n, clauses, meter)
    blocked = clauses + [tuple(-x for x in model) for model in models]
    _, proof = refute(blocked, meter)
    return gaps.Certified(len(models), (models, proof))


def witnesses(spec: Spec, count: object, certificate: object, meter: gaps.Meter) -> bool:
    n, clauses = formula_of(spec, "model_count", "verifier 'witnesses'")
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
    blocked = clauses + [tuple(-x for x in model) for model in models]
    return check_drup(blocked, proof, meter)


def recompute(spec: Spec, count: object, meter: gaps.Meter) -> bool:
    n, clauses = formula_of(spec, "model_count", "verifier 'recompute'")
    if type(count) is not int:
        return False
    reference, _ = _enumerate(n, clauses, meter)  # the same generation, certificate and all
    return bool(reference == count)


def ganak(spec: Spec, meter: gaps.Meter) -> int:
    """The exact model count by Ganak (time only: it reports no counters)."""
    return _ganak(*formula_of(spec, "model_count", "generator 'ganak'"))


def _ganak(n: int, clauses: list[tuple[int, ...]]) -> int:
    import pyganak

    counter = pyganak.Counter()
    counter.new_vars(n)
    counter.add_clauses([list(clause) for clause in clauses])
    return int(counter.count())


def recount(spec: Spec, count: object, meter: gaps.Meter) -> bool:
    n, clauses = formula_of(spec, "model_count", "verifier 'recount'")
    return type(count) is int and _ganak(n, clauses) == count


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Undercount by hiding a model, or overcount by listing a model twice (or, bare, by one)."""
    if type(result) is int:
        return result + rng.choice((-1, 1))  # type: ignore[unreachable]
    count, (models, proof) = result
    if models and rng.random() < 0.5:
        hidden = list(models)
        del hidden[rng.randrange(len(hidden))]
        return gaps.Certified(count - 1, (hidden, proof))
    n = spec[0]
    extra = models[0] if models else tuple(range(1, n + 1))
    return gaps.Certified(count + 1, ([*models, extra], proof))


def small_formulas(bound: int) -> Iterator[Spec]:
    """The sampler's formula on 3..``bound`` variables (rng seeded 0), each beside its
    blocked formula: every model excluded, so its count is 0."""
    for n in range(3, bound + 1):
        formula = sample(n, random.Random(0))
        models = _models(n, [tuple(c) for c in formula[1]], gaps.Meter())
        yield formula
        yield n, [*formula[1], *([-x for x in model] for model in models)]


class _Candidates:
    """A count with listed models and a proof, each edited from the generator's own.

    Fields: the count (the real one ± 1), whether each assignment is listed (in
    lexicographic order), whether a model is listed twice, then the proof's edits
    (:class:`~gaps.problems.logic._proof_spec.ProofEdits`). The relation: the models
    are distinct, each satisfies every clause, there are ``count`` of them, and the
    proof is a RUP refutation of the formula with every model blocked.
    """

    def __init__(self, formula: Spec) -> None:
        n, clauses = formula
        self.points = [
            tuple(v if bit else -v for v, bit in enumerate(bits, 1))
            for bits in itertools.product((False, True), repeat=n)
        ]
        count, (models, proof) = _enumerate(n, [tuple(c) for c in clauses], gaps.Meter())
        self.proof = ProofEdits.of(proof, clauses[0], n, clauses[0])
        listed = tuple(p in set(models) for p in self.points)
        edits = Edits(
            (count, *listed, False),
            (tuple(range(max(count - 1, 0), count + 2)), *[(False, True)] * (len(listed) + 1)),
        )
        self.candidates = [self._parts(v) for v in (edits + self.proof.edits).candidates()]
        self.valid = [i for i, c in enumerate(self.candidates) if _valid(clauses, *c)]

    def _parts(self, values: Sequence[Any]) -> tuple[int, list[tuple[int, ...]], list[Any]]:
        points = len(self.points)
        listed = [p for p, on in zip(self.points, values[1 : 1 + points], strict=True) if on]
        twice = [listed[0] if listed else self.points[0]] if values[1 + points] else []
        return int(values[0]), [*listed, *twice], self.proof.decode(values[2 + points :])

    def decode(self, index: int) -> gaps.Certified:
        count, models, lines = self.candidates[index]
        return gaps.Certified(count, (models, text(lines)))


def _valid(clauses: Sequence[Sequence[int]], count: int, models: list[Any], lines: Any) -> bool:
    if len(set(models)) != len(models) or count != len(models):
        return False
    if not all(any(lit in model for lit in c) for model in models for c in clauses):
        return False
    blocked = [*clauses, *([-x for x in model] for model in models)]
    return rup_refutation(blocked, lines)[0]


def _specification() -> gaps.Specification:
    """The relation of ``witnesses`` on :func:`small_formulas`, candidates edited from the
    generator's own (see :class:`_Candidates`)."""
    tables: dict[Any, _Candidates] = {}

    def key(formula: Spec) -> Any:
        return tuple(map(tuple, formula[1]))

    def instances(bound: int) -> Iterator[Spec]:
        for formula in small_formulas(bound):
            tables[key(formula)] = _Candidates(formula)
            yield formula

    def variables(formula: Spec) -> list[Any]:
        import z3

        return [z3.Int("candidate")]

    def valid(formula: Spec, variables: Sequence[Any]) -> Any:
        import z3

        return among(z3, variables[0], tables[key(formula)].valid)

    def domain(formula: Spec, variables: Sequence[Any]) -> Any:
        import z3

        return z3.And(variables[0] >= 0, variables[0] < len(tables[key(formula)].candidates))

    return gaps.Specification(
        instances=instances,
        variables=variables,
        valid=valid,
        decode=lambda formula, values: tables[key(formula)].decode(values[0]),
        domain=domain,
        verifier="witnesses",
    )


FAMILY = gaps.Family(
    name="model_count",
    domain="counting",
    summary="Count a random 3-CNF's models with CaDiCaL vs check models plus a DRAT bound.",
    sample=sample,
    generate={"enumerate": enumerate_models, "ganak": ganak},
    verify={
        "witnesses": gaps.certified(witnesses),
        "recompute": gaps.compare(recompute),
        "recount": gaps.compare(recount),
    },
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="2**n",
        verify={"witnesses": "n*2**n", "recompute": "2**n", "recount": "2**n"},
        sign={"witnesses": "negative", "recompute": "neutral", "recount": "neutral"},
        reference="Valiant 1979; Heule, Hunt and Wetzler 2013 (checking clausal proofs)",
    ),
    references=(
        "Valiant 1979",
        "Gomes, Sabharwal and Selman 2009",
        "Heule, Hunt and Wetzler 2013",
        "Wetzler, Heule and Hunt 2014",
        "Sharma, Roy, Soos and Meel 2019 (Ganak)",
    ),
    tags=("counting", "sharp-p", "sat", "drat", "solver"),
    not_best_known={
        "enumerate": "enumerates models one SAT call each; Ganak counts without listing them",
        "recompute": "reruns the enumeration; recount counts with Ganak",
    },
    units={
        "enumerate/witnesses": ("propagations", "time"),
        "enumerate/recompute": ("propagations", "time"),
        "ganak/recount": ("time",),
    },
    spec=_specification(),
    pairings=(("enumerate", "witnesses"), ("enumerate", "recompute"), ("ganak", "recount")),
    sizes={
        "recompute": (8, 11, 14, 17, 20, 23),
        "witnesses": (16, 20, 24, 28, 32),
        "recount": (16, 20, 24, 28, 32),
    },
)

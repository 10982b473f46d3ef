"""The lemmas behind the CNF families' certified checks, proved by z3 at bounded sizes.

Formulas are symbolic: each clause is a Bool per literal saying whether the literal is
in it, so one claim covers every formula of ``m`` clauses over ``n`` variables.
Literal ``l`` is variable ``l // 2``, negated when ``l`` is odd; ``l ^ 1`` is its
negation.
"""

from __future__ import annotations

import itertools
from typing import Any

from gaps.proofs.core import RLIMIT, Proof, prove

__all__ = [
    "prove_blocked_models_are_all_models",
    "prove_checked_assignment_satisfies",
    "prove_rat_step_keeps_a_model",
    "prove_rup_step_is_implied",
]


def _truth(value: list[Any], z3: Any) -> list[Any]:
    """The truth of each literal under an assignment of the variables."""
    return [
        value[lit // 2] if lit % 2 == 0 else z3.Not(value[lit // 2])
        for lit in range(2 * len(value))
    ]


def _satisfies(z3: Any, clause: list[Any], truth: list[Any]) -> Any:
    return z3.Or([z3.And(inside, true) for inside, true in zip(clause, truth, strict=True)])


def prove_rup_step_is_implied(bound: int = 3, rlimit: int = RLIMIT) -> Proof:
    """A clause whose negation unit propagation refutes is implied by the formula (RUP).

    For every formula of 1 ≤ m ≤ ``bound`` clauses over 1 ≤ n ≤ ``bound`` variables,
    every clause C, and every assignment x: if assigning the negation of C's literals
    and propagating units (a literal is implied when some clause has it and every
    other literal of the clause is false) reaches a conflict (a clause with every
    literal false, or a literal implied both ways) within 2n rounds, and x satisfies
    the formula, then x satisfies C. The DRUP checker of ``pigeonhole`` and
    ``tseitin`` (``drat``) and of ``model_count`` (``witnesses``) adds each lemma only
    on such a conflict; this lemma is why every clause it adds, down to the empty
    clause, follows from the formula.

    >>> prove_rup_step_is_implied(2).status
    'proved'
    """
    import z3

    claims = []
    for n, m in itertools.product(range(1, bound + 1), repeat=2):
        lits = range(2 * n)
        clauses, lemma, x = _symbolic_formula(z3, n, m)
        true = [lemma[lit ^ 1] for lit in lits]  # the negated lemma, assigned
        for _ in range(2 * n):
            implied = [
                z3.Or(
                    true[lit],
                    *(
                        z3.And(
                            clause[lit],
                            *(z3.Implies(clause[o], true[o ^ 1]) for o in lits if o != lit),
                        )
                        for clause in clauses
                    ),
                )
                for lit in lits
            ]
            true = implied
        falsified = [
            z3.And(*(z3.Implies(clause[o], true[o ^ 1]) for o in lits)) for clause in clauses
        ]
        clash = [z3.And(true[lit], true[lit ^ 1]) for lit in range(0, 2 * n, 2)]
        conflict = z3.Or(*falsified, *clash)
        truth = _truth(x, z3)
        model = [_satisfies(z3, clause, truth) for clause in clauses]
        claims.append(z3.Implies(z3.And(conflict, *model), _satisfies(z3, lemma, truth)))
    return prove("a RUP step is implied by the clauses", bound, z3.And(*claims), rlimit)


def _symbolic_formula(z3: Any, n: int, m: int) -> tuple[list[list[Any]], list[Any], list[Any]]:
    """Symbolic clauses (m rows of literal-membership flags), a lemma, and an assignment
    over n variables, named apart per (n, m)."""
    lits = range(2 * n)
    clauses = [[z3.Bool(f"in{n}{m}_{c}_{lit}") for lit in lits] for c in range(m)]
    lemma = [z3.Bool(f"lemma{n}{m}_{lit}") for lit in lits]
    return clauses, lemma, [z3.Bool(f"x{n}{m}_{v}") for v in range(n)]


def prove_rat_step_keeps_a_model(bound: int = 3, rlimit: int = RLIMIT) -> Proof:
    """A clause that is RAT on a literal keeps a satisfiable formula satisfiable.

    For every formula of 1 ≤ m ≤ ``bound`` clauses over 1 ≤ n ≤ ``bound`` variables,
    every clause C with a literal p, and every model x of the formula that satisfies
    each resolvent of C on p (C ∪ D ∖ {¬p} for every clause D with ¬p; a RAT check
    finds each one RUP, so implied by the formula and true in each model): x
    satisfies C, or x with p made true satisfies the formula and C. The ``backward``
    checker of ``pigeonhole`` and ``tseitin`` takes a lemma that is not RUP when it is
    RAT on its first literal; this lemma is why such a lemma never turns a satisfiable
    formula unsatisfiable, so that deriving the empty clause still refutes it
    (Järvisalo, Heule & Biere 2012).

    >>> prove_rat_step_keeps_a_model(2).status
    'proved'
    """
    import z3

    claims = []
    for n, m in itertools.product(range(1, bound + 1), repeat=2):
        lits = range(2 * n)
        clauses, lemma, x = _symbolic_formula(z3, n, m)
        truth = _truth(x, z3)
        for p in lits:
            moved = [z3.BoolVal(p % 2 == 0) if v == p // 2 else x[v] for v in range(n)]
            after = _truth(moved, z3)
            resolvents = [
                z3.Implies(
                    clause[p ^ 1],
                    z3.Or(
                        _satisfies(z3, lemma, truth),
                        *(z3.And(clause[o], truth[o]) for o in lits if o != p ^ 1),
                    ),
                )
                for clause in clauses
            ]
            model = [_satisfies(z3, clause, truth) for clause in clauses]
            kept = z3.And(*(_satisfies(z3, c, after) for c in (*clauses, lemma)))
            premise = z3.And(lemma[p], *model, *resolvents)
            claims.append(z3.Implies(premise, z3.Or(_satisfies(z3, lemma, truth), kept)))
    return prove("a RAT step keeps a model", bound, z3.And(*claims), rlimit)


def prove_blocked_models_are_all_models(bound: int = 2, rlimit: int = RLIMIT) -> Proof:
    """k distinct models whose blocking clauses leave the formula unsatisfiable are all of them.

    For every formula of 1 ≤ m ≤ ``bound`` clauses over 1 ≤ n ≤ ``bound`` variables and
    every list of k ≤ 2ⁿ pairwise distinct models of it: if no assignment satisfies the
    formula together with the clauses ¬model (each model's blocking clause), then the
    formula has exactly k models. ``model_count``'s ``witnesses`` check accepts the
    count k with k distinct satisfying models and a DRUP refutation of that blocked
    formula (sound by :func:`prove_rup_step_is_implied`).

    >>> prove_blocked_models_are_all_models(2).status
    'proved'
    """
    import z3

    claims = []
    for n, m in itertools.product(range(1, bound + 1), repeat=2):
        clauses = [[z3.Bool(f"in{n}{m}_{c}_{lit}") for lit in range(2 * n)] for c in range(m)]
        points = list(itertools.product((False, True), repeat=n))

        def holds(values: list[Any], clauses: list[list[Any]] = clauses) -> Any:
            truth = _truth(values, z3)
            return z3.And(*(_satisfies(z3, clause, truth) for clause in clauses))

        count = z3.Sum([z3.If(holds([z3.BoolVal(b) for b in p]), 1, 0) for p in points])
        for k in range(len(points) + 1):
            models = [[z3.Bool(f"model{n}{m}_{k}_{i}_{v}") for v in range(n)] for i in range(k)]
            distinct = [
                z3.Or([a != b for a, b in zip(p, q, strict=True)])
                for p, q in itertools.combinations(models, 2)
            ]
            satisfied = [holds(model) for model in models]
            blocked = [
                z3.Not(
                    z3.And(
                        holds([z3.BoolVal(b) for b in p]),
                        *(
                            z3.Or([z3.BoolVal(b) != v for b, v in zip(p, model, strict=True)])
                            for model in models
                        ),
                    )
                )
                for p in points
            ]
            claims.append(z3.Implies(z3.And(*distinct, *satisfied, *blocked), count == k))
    return prove("blocked models are all the models", bound, z3.And(*claims), rlimit)


def prove_checked_assignment_satisfies(bound: int = 4, rlimit: int = RLIMIT) -> Proof:
    """Reading literal l as ``assignment[|l| − 1] == (l > 0)`` is the literal's truth.

    For every 1 ≤ n ≤ ``bound``, every assignment of n bools and every DIMACS literal
    l (0 < |l| ≤ n): the check's reading of l holds exactly when the variable |l| is
    true for l > 0 and false for l < 0, so a clause with some literal read true is
    satisfied. ``planted_sat``'s and ``random_3sat``'s ``check`` read clauses this
    way; ``planted_sat``'s planted assignment passes by
    :func:`~gaps.proofs.prove_planted_assignment_satisfies`.

    >>> prove_checked_assignment_satisfies(3).status
    'proved'
    """
    import z3

    claims = []
    for n in range(1, bound + 1):
        values = [z3.Bool(f"a{n}_{v}") for v in range(n)]
        lit = z3.Int(f"lit{n}")
        index = z3.If(lit > 0, lit, -lit) - 1
        read = z3.Or([z3.And(index == v, values[v] == (lit > 0)) for v in range(n)])
        truth = z3.Or(
            [
                z3.Or(z3.And(lit == v + 1, values[v]), z3.And(lit == -(v + 1), z3.Not(values[v])))
                for v in range(n)
            ]
        )
        ranged = z3.And(lit != 0, lit >= -n, lit <= n)
        claims.append(z3.Implies(ranged, read == truth))
    return prove(
        "the check's literal reading is the literal's truth", bound, z3.And(*claims), rlimit
    )

import random

from gaps.problems.logic._refutation import UNSAT, check_drup, refute
from hypothesis import given, settings
from hypothesis import strategies as st

import gaps

FAM = gaps.get("pigeonhole")
DECIDE = FAM.verify["decide"].fn
DRAT = FAM.verify["drat"].fn


def test_pigeonhole_accepts_honest_refutations_and_rejects_corruptions():
    for size, seed in [(2, 0), (4, 1), (5, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        answer, proof = result = FAM.generate["cadical"](spec, gaps.Meter())
        assert answer == "unsatisfiable"
        assert DECIDE(spec, answer, gaps.Meter()) is True
        assert DRAT(spec, answer, proof, gaps.Meter()) is True
        for k in range(3):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert DECIDE(spec, bad, gaps.Meter()) is False
            assert DRAT(spec, bad, certificate, gaps.Meter()) is False


def test_pigeonhole_rejects_broken_proofs_without_raising():
    spec = FAM.sample(5, random.Random(3))
    answer, proof = FAM.generate["cadical"](spec, gaps.Meter())
    lemmas = [line for line in proof if not line.startswith("d")]
    for bad in ([], ["0"], [*lemmas[:3], "0"], ["1 2 x 0"], ["1 2"], [17], "proof", None):
        assert DRAT(spec, answer, bad, gaps.Meter()) is False
    for bad_answer in ("satisfiable", [], [1, -1], None):
        assert DECIDE(spec, bad_answer, gaps.Meter()) is False
        assert DRAT(spec, bad_answer, proof, gaps.Meter()) is False


def test_pigeonhole_sampling_is_reproducible():
    assert FAM.sample(5, random.Random(7)) == FAM.sample(5, random.Random(7))
    assert FAM.sample(5, random.Random(7)) != FAM.sample(5, random.Random(8))


def test_pigeonhole_clauses_are_cnfgens_php_with_the_documented_numbering():
    from gaps.problems.logic.pigeonhole import pigeonhole_clauses

    for n in range(1, 6):
        p = {(i, j): i * n + j + 1 for i in range(n + 1) for j in range(n)}
        pigeons = {frozenset(p[i, j] for j in range(n)) for i in range(n + 1)}
        holes = {
            frozenset({-p[i, j], -p[k, j]})
            for j in range(n)
            for i in range(n + 1)
            for k in range(i + 1, n + 1)
        }
        clauses = pigeonhole_clauses(n)
        assert len(clauses) == (n + 1) + n * n * (n + 1) // 2
        assert {frozenset(c) for c in clauses} == pigeons | holes


def test_pigeonhole_sample_is_a_renaming_of_php():
    n, clauses = FAM.sample(5, random.Random(4))
    long = [c for c in clauses if len(c) == n]
    binary = [c for c in clauses if len(c) == 2]
    assert len(long) == n + 1 and len(binary) == n * n * (n + 1) // 2
    assert all(x > 0 for c in long for x in c) and all(x < 0 for c in binary for x in c)
    positive = sorted(x for c in long for x in c)
    assert positive == list(range(1, n * (n + 1) + 1))  # each variable in one pigeon clause
    negative = [-x for c in binary for x in c]
    assert all(negative.count(v) == n for v in positive)  # and clashes with n other pigeons


# The DRUP checker shared with tseitin and model_count, against a naive restatement.


def _closure(live, assumed):
    """What unit propagation over ``live`` implies from ``assumed``; None on a conflict."""
    true = set(assumed)
    if any(-x in true for x in true):
        return None
    while True:
        unit = None
        for clause in live:
            free = [x for x in clause if -x not in true]
            if not clause & true and len(free) <= 1:
                if not free:
                    return None
                unit = free[0]
                break
        if unit is None:
            return true
        true.add(unit)


def _reference_drup(clauses, proof):
    # The checker's rules restated naively: each lemma must close under unit propagation
    # over the live clauses and the literals implied at the top level (which deletions
    # do not retract); the proof is accepted once the top level is inconsistent.
    live = [set(c) for c in clauses]
    fixed = _closure(live, ())
    for line in proof:
        if fixed is None:
            break
        words = line.split()
        if words[0] == "d":
            lits = {int(w) for w in words[1:-1]}
            for k in reversed(range(len(live))):
                if live[k] == lits:
                    del live[k]
                    break
            continue
        lemma = [int(w) for w in words[:-1]]
        if _closure(live, fixed | {-x for x in lemma}) is not None:
            return False
        if not lemma:
            return True
        live.append(set(lemma))
        fixed = _closure(live, fixed)
    return fixed is None


@settings(max_examples=100, deadline=None)
@given(st.integers(4, 14), st.integers(0, 2**32))
def test_drup_checker_agrees_with_naive_unit_propagation(n, seed):
    # Random formulas with short clauses and long ones (like a model counter's blocking
    # clauses); CaDiCaL's proof as written, with a line dropped, with lines spliced in,
    # and a random proof: the checker's verdict is the naive one, and it accepts only
    # unsatisfiable formulas and every honest refutation.
    rng = random.Random(seed)

    def clause(width):
        return [v if rng.random() < 0.5 else -v for v in rng.sample(range(1, n + 1), width)]

    def line():
        if rng.random() < 0.2:
            return " ".join(map(str, ["d", *rng.choice(clauses), 0]))
        return " ".join(map(str, [*clause(rng.randint(0, 4)), 0]))

    widths = [1, 2, 3, 3, 3, n, n]
    clauses = [clause(min(n, rng.choice(widths))) for _ in range(rng.randint(n, 6 * n))]
    answer, proof = refute(clauses, gaps.Meter())
    dropped = list(proof)
    if dropped:
        del dropped[rng.randrange(len(dropped))]
    spliced = list(proof)
    for _ in range(rng.randint(1, 3)):
        spliced.insert(rng.randint(0, len(spliced)), line())
    scrambled = [line() for _ in range(rng.randint(0, 3 * n))]
    for lines in (proof, dropped, spliced, scrambled):
        verdict = check_drup(clauses, lines, gaps.Meter())
        assert verdict == _reference_drup(clauses, lines)
        assert not verdict or answer == UNSAT
    assert check_drup(clauses, proof, gaps.Meter()) == (answer == UNSAT)

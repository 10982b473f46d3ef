import random
from itertools import product

from gaps.problems.logic._backward import check_drat
from gaps.problems.logic._refutation import UNSAT, check_drup, refute
from hypothesis import given, settings
from hypothesis import strategies as st

import gaps

SQUARE = [[1, 2], [-1, 2], [1, -2], [-1, -2]]  # every assignment of two variables excluded


def _satisfiable(clauses, n):
    return any(
        all(any((x > 0) == bits[abs(x) - 1] for x in clause) for clause in clauses)
        for bits in product((False, True), repeat=n)
    )


def test_backward_accepts_cadical_refutations_of_the_catalog_families():
    for name, size in [("pigeonhole", 5), ("tseitin", 16), ("tseitin", 20)]:
        fam = gaps.get(name)
        spec = fam.sample(size, random.Random(1))
        answer, proof = fam.generate["cadical"](spec, gaps.Meter())
        meter = gaps.Meter()
        assert fam.verify["backward"].fn(spec, answer, proof, meter) is True
        assert meter.counters["propagations"] > 0
        for k in range(3):
            bad, certificate = fam.corrupt(spec, gaps.Certified(answer, proof), random.Random(k))
            assert fam.verify["backward"].fn(spec, bad, certificate, gaps.Meter()) is False


def test_backward_rejects_broken_proofs_without_raising():
    for bad in ([], ["0"], ["1 x 0"], ["1 2"], [17], "proof", None, ["3 0", "0"]):
        assert check_drat(SQUARE, bad, gaps.Meter()) is False
    assert check_drat(SQUARE, ["2 0", "0"], gaps.Meter()) is True
    assert check_drat(SQUARE, ["2 0"], gaps.Meter()) is True  # unit propagation ends it


def test_backward_checks_only_the_core_but_every_lemma_in_it():
    # "1 -1 -2 0"-style junk outside the core is never checked; a bad lemma in it is.
    assert check_drat(SQUARE, ["3 0", "2 0", "0"], gaps.Meter()) is True
    assert check_drat(SQUARE, ["3 0", "-3 0", "0"], gaps.Meter()) is False
    assert check_drup(SQUARE, ["3 0", "2 0", "0"], gaps.Meter()) is False


def test_backward_accepts_rat_lemmas_on_fresh_variables():
    # 5 is fresh: "5 -1" is RAT on 5; "-5 -1" is RAT on -5 (its resolvent -1 is RUP).
    proof = ["5 -1 0", "-5 -1 0", "-1 0", "0"]
    assert check_drat(SQUARE, proof, gaps.Meter()) is True
    assert check_drat([[1, 2], [1, -2]], ["5 -1 0", "-5 -1 0", "0"], gaps.Meter()) is False


def test_backward_honours_deletions():
    # Without [1, -2] the rest is satisfiable: deleting it must sink the proof.
    assert check_drat(SQUARE, ["d 1 -2 0", "2 0", "0"], gaps.Meter()) is False
    assert check_drat(SQUARE, ["2 0", "d 1 2 0", "0"], gaps.Meter()) is True


@settings(max_examples=100, deadline=None)
@given(st.integers(3, 10), st.integers(0, 2**32))
def test_backward_agrees_with_forward_checking_and_is_sound(n, seed):
    # CaDiCaL's proofs of random formulas, as written, with a line dropped, with random
    # lines spliced in, and random proofs: honest refutations pass both checkers; what
    # the forward checker accepts, the backward one does; and whatever the backward
    # checker accepts is unsatisfiable by enumeration.
    rng = random.Random(seed)

    def clause(width):
        return [v if rng.random() < 0.5 else -v for v in rng.sample(range(1, n + 1), width)]

    def line():
        if rng.random() < 0.2:
            return " ".join(map(str, ["d", *rng.choice(clauses), 0]))
        return " ".join(map(str, [*clause(rng.randint(0, 3)), 0]))

    clauses = [clause(min(n, rng.choice([1, 2, 3, 3, n]))) for _ in range(rng.randint(n, 6 * n))]
    answer, proof = refute(clauses, gaps.Meter())
    assert check_drat(clauses, proof, gaps.Meter()) == (answer == UNSAT)
    dropped = list(proof)
    if dropped:
        del dropped[rng.randrange(len(dropped))]
    spliced = list(proof)
    for _ in range(rng.randint(1, 3)):
        spliced.insert(rng.randint(0, len(spliced)), line())
    scrambled = [line() for _ in range(rng.randint(0, 3 * n))]
    unsat = not _satisfiable(clauses, n)
    for lines in (proof, dropped, spliced, scrambled):
        verdict = check_drat(clauses, lines, gaps.Meter())
        assert not verdict or unsat
        assert verdict or not check_drup(clauses, lines, gaps.Meter())

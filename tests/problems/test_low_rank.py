import random

import flint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gaps

FAM = gaps.get("low_rank")
GENERATE = FAM.generate["product"]
DECIDE = FAM.verify["decide"].fn
FREIVALDS = FAM.verify["freivalds"].fn
P = 2**61 - 1


def _flint_rank(matrix):
    n, m = len(matrix), len(matrix[0]) if matrix else 0
    return flint.nmod_mat(n, m, [x for row in matrix for x in row], P).rank()


def _accepts(instance, matrix, certificate):
    return DECIDE(instance, matrix, gaps.Meter()), FREIVALDS(
        instance, matrix, certificate, gaps.Meter()
    )


def test_low_rank_accepts_honest_and_rejects_corruptions():
    for size, seed in [(2, 0), (3, 1), (8, 2), (21, 3)]:
        instance = FAM.sample(size, random.Random(seed))
        _, r, _ = instance
        matrix, certificate = result = GENERATE(instance, gaps.Meter())
        assert _flint_rank(matrix) == r == size // 2
        assert _accepts(instance, matrix, certificate) == (True, True)
        for k in range(6):
            bad, forged = FAM.corrupt(instance, result, random.Random(k))
            assert _flint_rank(bad) in (r - 1, r + 1)
            assert _accepts(instance, bad, forged) == (False, False)


def test_low_rank_corruptor_makes_both_kinds_of_wrong_rank():
    instance = FAM.sample(10, random.Random(5))
    result = GENERATE(instance, gaps.Meter())
    ranks = {_flint_rank(FAM.corrupt(instance, result, random.Random(k))[0]) for k in range(20)}
    assert ranks == {4, 6}


@pytest.mark.parametrize("n, r", [(1, 0), (1, 1), (4, 0), (4, 4), (5, 1), (6, 5)])
def test_low_rank_extreme_ranks_are_built_checked_and_corrupted(n, r):
    instance = (n, r, 7)
    matrix, certificate = result = GENERATE(instance, gaps.Meter())
    assert _flint_rank(matrix) == r
    assert _accepts(instance, matrix, certificate) == (True, True)
    if r == 0:
        assert all(x == 0 for row in matrix for x in row)
    for k in range(4):
        bad, forged = FAM.corrupt(instance, result, random.Random(k))
        assert _accepts(instance, bad, forged) == (False, False)


def test_low_rank_rejects_hand_made_wrong_answers():
    instance = FAM.sample(6, random.Random(3))
    matrix, certificate = GENERATE(instance, gaps.Meter())
    wrong = [
        matrix[:-1],
        tuple(row[:-1] for row in matrix),
        tuple(tuple(float(x) for x in row) for row in matrix),
        tuple(tuple(x + P for x in row) for row in matrix),  # equal modulo p, not reduced
        tuple(tuple(x - P if x else x for x in row) for row in matrix),
        ((True,) * 6,) * 6,
        tuple(tuple(0 for _ in row) for row in matrix),  # rank 0
        tuple(tuple(int(i == j) for j in range(6)) for i in range(6)),  # rank 6
        None,
        "matrix",
    ]
    for bad in wrong:
        assert _accepts(instance, bad, certificate) == (False, False), bad
    # Lists are as good as tuples.
    assert _accepts(instance, [list(row) for row in matrix], certificate) == (True, True)


def test_low_rank_freivalds_rejects_forged_certificates():
    instance = FAM.sample(8, random.Random(4))
    matrix, (u, v, rows, cols, m) = GENERATE(instance, gaps.Meter())
    other = GENERATE((8, 4, 12345), gaps.Meter()).certificate
    swapped_rows = (rows[1], rows[0], *rows[2:])
    shifted = tuple(sorted({*rows[1:], next(i for i in range(8) if i not in rows)}))
    changed_m = (tuple((x + 1) % P for x in m[0]), *m[1:])
    zero_u = tuple((0,) * 4 for _ in range(8))
    for forged in (
        other,
        (v, u, rows, cols, m),
        (u, v, swapped_rows, cols, m),  # not sorted
        (u, v, (rows[0],) * 4, cols, m),  # repeated
        (u, v, rows, (*cols[:-1], 8), m),  # out of range
        (u, v, shifted, cols, m),  # another minor: M is not its inverse
        (u, v, rows, cols, changed_m),
        (zero_u, v, rows, cols, m),
        (u[:-1], v, rows, cols, m),
        (u, v, rows, cols),
        None,
    ):
        assert FREIVALDS(instance, matrix, forged, gaps.Meter()) is False
    assert DECIDE(instance, matrix, gaps.Meter()) is True  # blind: ignores certificates


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 7), st.data(), st.integers(0, 2**32))
def test_low_rank_decide_matches_flint_on_any_matrix(n, data, seed):
    # Entries from a tiny set make rank deficiency common.
    entries = st.sampled_from([0, 1, 2, P - 1])
    matrix = tuple(tuple(data.draw(entries) for _ in range(n)) for _ in range(n))
    rank = _flint_rank(matrix)
    for r in range(n + 1):
        assert DECIDE((n, r, seed), matrix, gaps.Meter()) is (r == rank)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 9), st.integers(0, 2**32), st.data())
def test_low_rank_freivalds_rejects_any_changed_entry(n, seed, data):
    r = data.draw(st.integers(0, n))
    matrix, certificate = GENERATE((n, r, seed), gaps.Meter())
    i, j = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
    delta = data.draw(st.integers(1, P - 1))
    changed = [list(row) for row in matrix]
    changed[i][j] = (changed[i][j] + delta) % P
    assert FREIVALDS((n, r, seed), changed, certificate, gaps.Meter()) is False


def test_low_rank_steps_count_field_operations():
    for n in (8, 20):
        instance = FAM.sample(n, random.Random(n))
        r = n // 2
        meter = gaps.Meter()
        matrix, certificate = GENERATE(instance, meter)
        assert n * n * r <= meter.steps <= n * n * r + 3 * r**3 + 3 * n * n
        meter = gaps.Meter()
        assert FREIVALDS(instance, matrix, certificate, meter)
        # Validation (n² + 2nr + r²), then n² + 2nr for A = UV and 2r² for the minor.
        assert meter.steps == 2 * n * n + 4 * n * r + 3 * r * r
        meter = gaps.Meter()
        assert DECIDE(instance, matrix, meter)
        assert n * n * r // 2 <= meter.steps <= 2 * n * n * r


def test_low_rank_verifiers_leave_inputs_alone():
    instance = FAM.sample(7, random.Random(6))
    matrix, certificate = GENERATE(instance, gaps.Meter())
    as_lists = [list(row) for row in matrix]
    copy = [list(row) for row in matrix]
    DECIDE(instance, as_lists, gaps.Meter())
    FREIVALDS(instance, as_lists, certificate, gaps.Meter())
    assert as_lists == copy


def test_low_rank_sampling_is_reproducible():
    assert FAM.sample(16, random.Random(7)) == FAM.sample(16, random.Random(7))
    assert FAM.sample(16, random.Random(7)) != FAM.sample(16, random.Random(8))
    instance = FAM.sample(16, random.Random(7))
    assert GENERATE(instance, gaps.Meter()) == GENERATE(instance, gaps.Meter())


@pytest.mark.parametrize("size", [0, 1, -3, 2.5, True, "8", None])
def test_low_rank_sampler_rejects_bad_sizes_naming_the_family(size):
    with pytest.raises(gaps.InvalidArgument, match=r"'size' parameter of low_rank's sampler"):
        FAM.sample(size, random.Random(0))


@pytest.mark.parametrize(
    "instance",
    [
        [4, 2, 0],  # a list, not a tuple
        (4, 5, 0),  # rank above n
        (4, -1, 0),
        (0, 0, 0),  # no rows
        (4.0, 2, 0),
        (4, True, 0),
        (4, 2),
        None,
    ],
)
def test_low_rank_rejects_malformed_instances_naming_the_family(instance):
    matrix = ((0,) * 4,) * 4
    with pytest.raises(gaps.InvalidArgument, match=r"low_rank's verifier 'decide'"):
        DECIDE(instance, matrix, gaps.Meter())
    with pytest.raises(gaps.InvalidArgument, match=r"low_rank's verifier 'freivalds'"):
        FREIVALDS(instance, matrix, None, gaps.Meter())
    with pytest.raises(ValueError, match=r"low_rank's generator 'product'"):
        GENERATE(instance, gaps.Meter())

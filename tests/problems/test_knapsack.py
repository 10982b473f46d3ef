import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gaps

FAM = gaps.get("knapsack")
GENERATE = FAM.generate["dynamic_programming"]
OPTIMALITY = FAM.verify["optimality"].fn
TABLE = FAM.verify["table"].fn


def _brute_force(instance):
    """Every subset's (weight, value), and the optimum over the feasible ones."""
    weights, values, capacity = instance
    subsets = {}
    for r in range(len(weights) + 1):
        for items in itertools.combinations(range(len(weights)), r):
            subsets[items] = (sum(weights[i] for i in items), sum(values[i] for i in items))
    optimum = max(v for w, v in subsets.values() if w <= capacity)
    return subsets, optimum


def _accepts(instance, output, certificate):
    return OPTIMALITY(instance, output, gaps.Meter()), TABLE(
        instance, output, certificate, gaps.Meter()
    )


def test_knapsack_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (2, 1), (10, 2), (40, 3)]:
        instance = FAM.sample(size, random.Random(seed))
        result = GENERATE(instance, gaps.Meter())
        assert _accepts(instance, *result) == (True, True)
        for k in range(8):
            bad, certificate = FAM.corrupt(instance, result, random.Random(k))
            assert bad != result.output
            assert _accepts(instance, bad, certificate) == (False, False), bad


@pytest.mark.parametrize(
    "instance",
    [
        ((1, 1, 1), (1, 1, 1), 2),  # swapping a packed item for the unpacked one ties
        ((1, 1), (5, 0), 2),  # dropping the worthless item ties
        ((1, 1, 0), (2, 2, 0), 1),  # adding or dropping the weightless worthless item ties
        ((), (), 3),  # nothing to drop, swap or add
    ],
)
def test_knapsack_corruptor_never_returns_a_tying_answer(instance):
    result = GENERATE(instance, gaps.Meter())
    for k in range(40):
        bad, certificate = FAM.corrupt(instance, result, random.Random(k))
        assert _accepts(instance, bad, certificate) == (False, False), bad


def test_knapsack_corruptor_makes_each_kind_of_wrong_answer():
    instance = FAM.sample(30, random.Random(5))
    (items, optimum), _ = result = GENERATE(instance, gaps.Meter())
    kinds = set()
    for k in range(60):
        (bad, claimed), _ = FAM.corrupt(instance, result, random.Random(k))
        weight = sum(instance.weights[i] for i in bad)
        if weight > instance.capacity:
            kinds.add("overweight")
        elif claimed != optimum and bad == items:
            kinds.add("misstated")
        else:
            assert claimed == sum(instance.values[i] for i in bad) < optimum
            kinds.add("suboptimal")
    assert kinds >= {"overweight", "suboptimal"}


def test_knapsack_rejects_hand_made_wrong_answers():
    # Two optimal sets worth 9: {0, 1} (weight 7) and {2, 3} (weight 7).
    instance = ((3, 4, 5, 2), (4, 5, 6, 3), 7)
    (items, value), table = GENERATE(instance, gaps.Meter())
    assert value == 9 and items in {(0, 1), (2, 3)}
    for tie in ((0, 1), (2, 3)):
        assert _accepts(instance, (tie, 9), table) == (True, True), tie
    wrong = [
        ((1, 2), 11),  # overweight (9 > 7), worth more than the optimum
        ((0, 3), 7),  # feasible, value right, suboptimal
        ((3,), 3),  # feasible, suboptimal
        ((), 0),  # the empty set: feasible, suboptimal
        ((0, 1), 10),  # the value misstated, up
        ((0, 1), 8),  # the value misstated, down
        ((0, 1), 9.0),
        ((0, 1), True),
        ((1, 0), 9),  # not sorted
        ((0, 0, 1), 9),  # repeated
        ((0, 4), 9),  # out of range
        ((-1, 1), 8),
        ((False, True), 9),
        ([0, 1], 9),
        ((0, 1),),
        ((0, 1), 9, 0),
        None,
    ]
    for bad in wrong:
        assert _accepts(instance, bad, table) == (False, False), bad


def test_knapsack_table_verifier_rejects_forged_tables():
    instance = ((3, 4, 5, 2), (4, 5, 6, 3), 7)
    output, table = GENERATE(instance, gaps.Meter())
    tampered = [list(row) for row in table]
    tampered[2][5] += 1
    zero_row = [list(row) for row in table]
    zero_row[0][0] = 1
    # Another instance's table (item 2 worth 1, not 6): its last cell is also 9, but its
    # row for item 2 breaks this instance's recurrence.
    _, other = GENERATE(((3, 4, 5, 2), (4, 5, 1, 3), 7), gaps.Meter())
    for certificate in (
        tampered,
        zero_row,
        other,
        table[:-1],
        [row[:-1] for row in table],
        [[float(x) for x in row] for row in table],
        None,
        "table",
        [None] * len(table),
    ):
        assert TABLE(instance, output, certificate, gaps.Meter()) is False
    # A table obeying the recurrence everywhere but started from row 0 = -4: every cell
    # is 4 short, which would certify the suboptimal {0} worth 4 were row 0 not checked.
    weights, values, capacity = instance
    shifted = [[-4] * (capacity + 1)]
    for w, v in zip(weights, values, strict=True):
        prev = shifted[-1]
        shifted.append([prev[c] if c < w else max(prev[c], prev[c - w] + v) for c in range(8)])
    assert shifted[-1][-1] == 9 - 4
    assert TABLE(instance, ((0,), 4), shifted, gaps.Meter()) is False
    assert TABLE(instance, output, tuple(tuple(r) for r in table), gaps.Meter()) is True
    assert OPTIMALITY(instance, output, gaps.Meter()) is True  # compare ignores the table


@pytest.mark.parametrize(
    "instance, optimal",
    [
        (((), (), 5), ((), 0)),  # no items
        (((3, 4), (5, 6), 0), ((), 0)),  # capacity 0
        (((3, 0, 4), (5, 2, 6), 0), ((1,), 2)),  # capacity 0, a weightless item
        (((3, 4), (5, 6), 2), ((), 0)),  # nothing fits
        (((3, 4), (5, 6), 100), ((0, 1), 11)),  # everything fits
        (((2, 2), (0, 0), 2), ((), 0)),  # worthless items: the empty set ties
    ],
)
def test_knapsack_edge_cases_are_solved_and_checked(instance, optimal):
    output, table = GENERATE(instance, gaps.Meter())
    assert output == optimal
    assert _accepts(instance, output, table) == (True, True)
    items, value = optimal
    assert _accepts(instance, (items, value + 1), table) == (False, False)


def test_knapsack_accepts_every_optimal_tie_including_worthless_items():
    instance = ((2, 2), (0, 0), 2)
    _, table = GENERATE(instance, gaps.Meter())
    for items in ((), (0,), (1,)):
        assert _accepts(instance, (items, 0), table) == (True, True)
    assert _accepts(instance, ((0, 1), 0), table) == (False, False)  # overweight


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=6),
    st.integers(0, 40),
)
def test_knapsack_matches_brute_force_on_every_subset(items, capacity):
    instance = (tuple(w for w, _ in items), tuple(v for _, v in items), capacity)
    subsets, optimum = _brute_force(instance)
    output, table = GENERATE(instance, gaps.Meter())
    weight, worth = subsets[output[0]]
    assert output[1] == worth == optimum and weight <= capacity
    for chosen, (weight, value) in subsets.items():
        correct = weight <= capacity and value == optimum
        assert _accepts(instance, (chosen, value), table) == (correct, correct), chosen
        assert _accepts(instance, (chosen, value + 1), table) == (False, False)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**32), st.data())
def test_knapsack_table_verifier_rejects_any_changed_cell(size, seed, data):
    instance = FAM.sample(size, random.Random(seed))
    output, table = GENERATE(instance, gaps.Meter())
    i = data.draw(st.integers(0, len(table) - 1))
    c = data.draw(st.integers(0, len(table[0]) - 1))
    delta = data.draw(st.integers(-5, 5).filter(bool))
    forged = [list(row) for row in table]
    forged[i][c] += delta
    assert TABLE(instance, output, forged, gaps.Meter()) is False


def test_knapsack_steps_count_cells_on_both_sides():
    for size in (5, 40):
        instance = FAM.sample(size, random.Random(size))
        cells = size * (instance.capacity + 1)
        meter = gaps.Meter()
        (items, value), table = GENERATE(instance, meter)
        assert meter.steps == cells + size  # every cell, then a walk back over the items
        meter = gaps.Meter()
        assert OPTIMALITY(instance, (items, value), meter)
        assert meter.steps == cells + len(items)
        meter = gaps.Meter()
        assert TABLE(instance, (items, value), table, meter)
        assert meter.steps == cells + instance.capacity + 1 + len(items)


def test_knapsack_sampler_is_reproducible_and_bounded():
    assert FAM.sample(50, random.Random(7)) == FAM.sample(50, random.Random(7))
    assert FAM.sample(50, random.Random(7)) != FAM.sample(50, random.Random(8))
    weights, values, capacity = FAM.sample(50, random.Random(7))
    assert len(weights) == len(values) == 50
    assert all(1 <= w <= 100 for w in weights) and all(1 <= v <= 1000 for v in values)
    assert capacity == sum(weights) // 2


@pytest.mark.parametrize("size", [0, -3, 2.5, True, "8", None])
def test_knapsack_sampler_rejects_bad_sizes_naming_the_family(size):
    with pytest.raises(gaps.InvalidArgument, match=r"'size' parameter of knapsack's sampler"):
        FAM.sample(size, random.Random(0))


@pytest.mark.parametrize(
    "instance",
    [
        [(1, 2), (3, 4), 3],  # a list, not a tuple
        ((1, 2), (3,), 3),  # lengths differ
        ((1, -2), (3, 4), 3),  # a negative weight
        ((1, 2), (3, 4), -1),  # a negative capacity
        ((1, 2), (3, 4.0), 3),  # a float value
        ((1, 2), (3, 4)),  # no capacity
        None,
    ],
)
def test_knapsack_rejects_malformed_instances_naming_the_family(instance):
    output = ((0,), 3)
    with pytest.raises(gaps.InvalidArgument, match=r"knapsack's verifier 'optimality'"):
        OPTIMALITY(instance, output, gaps.Meter())
    with pytest.raises(gaps.InvalidArgument, match=r"knapsack's verifier 'table'"):
        TABLE(instance, output, [[0]], gaps.Meter())
    with pytest.raises(ValueError, match=r"knapsack's generator 'dynamic_programming'"):
        GENERATE(instance, gaps.Meter())

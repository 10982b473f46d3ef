"""Each attack finds the witness on the distribution it is built for, and its answer is a
real witness (checked here independently of the attack)."""

from __future__ import annotations

import functools
import math
import random

from gaps.problems.space.bitstrings import hashed, lfsr
from hypothesis import given, settings
from hypothesis import strategies as st

import gaps
from gaps.search.cycles import posa
from gaps.search.graphs import greedy_dominating_set
from gaps.search.lattice import lll_subset_sum
from gaps.search.linear import lfsr_seed
from gaps.search.spectral import belief_propagation, spectral_clique, spectral_colouring

ANY_SEED = st.randoms(use_true_random=False)


def _edges(pairs):
    return tuple(sorted({(min(u, v), max(u, v)) for u, v in pairs if u != v}))


def _adjacent(edges):
    return {frozenset(e) for e in edges}


@settings(max_examples=25, deadline=None)
@given(st.integers(8, 40), ANY_SEED)
def test_posa_finds_a_planted_hamiltonian_cycle(n, rng):
    order = list(range(n))
    rng.shuffle(order)
    p = 3 * math.log(n) / n
    extra = [(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < p]
    edges = _edges([*zip(order, order[1:] + order[:1], strict=True), *extra])
    cycle = posa((n, edges), gaps.Meter())
    assert cycle is not None
    adjacent = _adjacent(edges)
    assert sorted(cycle) == list(range(n))
    assert all(frozenset((cycle[i], cycle[i - 1])) in adjacent for i in range(n))


def test_posa_gives_up_on_a_graph_without_a_cycle():
    star = (6, tuple((0, v) for v in range(1, 6)))
    assert posa(star, gaps.Meter()) is None
    # Two triangles joined by an edge: every vertex has degree 2 or more, no cycle.
    joined = (6, ((0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)))
    assert posa(joined, gaps.Meter()) is None


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 6), st.integers(6, 12), ANY_SEED)
def test_greedy_dominating_set_finds_planted_centres(k, block, rng):
    n = k * (block + 1)
    centres = list(range(k))
    pairs = [(c, k + c * block + j) for c in centres for j in range(block)]
    # Leaves meet only leaves of their own block, so no leaf dominates more than a centre.
    block_of = {k + c * block + j: c for c in centres for j in range(block)}
    pairs += [
        (u, v)
        for u in block_of
        for v in block_of
        if u < v and block_of[u] == block_of[v] and rng.random() < 0.3
    ]
    edges = _edges(pairs)
    found = greedy_dominating_set((n, edges, k), gaps.Meter())
    assert found is not None and len(found) <= k
    covered = set(found) | {w for u, v in edges for w in (u, v) if u in found or v in found}
    assert covered == set(range(n))


def test_greedy_dominating_set_refuses_when_k_is_too_small():
    path = (5, ((0, 1), (1, 2), (2, 3), (3, 4)), 1)
    assert greedy_dominating_set(path, gaps.Meter()) is None


@settings(max_examples=25, deadline=None)
@given(st.integers(4, 18), ANY_SEED)
def test_lll_finds_a_planted_subset_at_low_density(n, rng):
    numbers = tuple(rng.getrandbits(4 * n + 8) | 1 for _ in range(n))
    chosen = rng.sample(range(n), rng.randrange(1, n))
    target = sum(numbers[i] for i in chosen)
    found = lll_subset_sum((numbers, target), gaps.Meter())
    assert found is not None
    assert len(set(found)) == len(found) and sum(numbers[i] for i in found) == target


def test_lll_answers_nothing_without_a_subset():
    assert lll_subset_sum(((4, 6, 10), 7), gaps.Meter()) is None


def _planted_clique(n, k, rng):
    members = rng.sample(range(n), k)
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < 0.5]
    pairs += [(u, v) for u in members for v in members if u < v]
    return _edges(pairs)


def _planted_colouring(n, k, rng, p):
    colours = [i % k for i in range(n)]
    rng.shuffle(colours)
    pairs = [
        (u, v)
        for u in range(n)
        for v in range(u + 1, n)
        if colours[u] != colours[v] and rng.random() < p
    ]
    return _edges(pairs)


def test_spectral_clique_finds_a_large_planted_clique_nearly_always():
    found = 0
    for seed in range(30):
        rng = random.Random(seed)
        n = rng.randrange(30, 61)
        edges = _planted_clique(n, n // 3, rng)
        clique = spectral_clique((n, edges, n // 3), gaps.Meter())
        if clique is not None:
            adjacent = _adjacent(edges)
            assert len(set(clique)) == n // 3
            assert all(frozenset((u, v)) in adjacent for u in clique for v in clique if u < v)
            found += 1
    assert found >= 27


def test_colouring_attacks_find_a_dense_planted_colouring_nearly_always():
    for attack in (spectral_colouring, belief_propagation):
        found = 0
        for seed in range(30):
            rng = random.Random(seed)
            n, k = rng.randrange(20, 61), rng.randrange(2, 4)
            edges = _planted_colouring(n, k, rng, 0.5)
            colouring = attack((n, edges, k), gaps.Meter())
            if colouring is not None:
                assert len(colouring) == n and all(0 <= c < k for c in colouring)
                assert all(colouring[u] != colouring[v] for u, v in edges)
                found += 1
        assert found >= 27, attack.__name__


def test_colouring_attacks_answer_nothing_for_a_clique_too_large():
    k4 = (4, _edges((u, v) for u in range(4) for v in range(u + 1, 4)), 3)
    assert spectral_colouring(k4, gaps.Meter()) is None
    assert belief_propagation(k4, gaps.Meter()) is None


@settings(max_examples=30, deadline=None)
@given(st.integers(4, 24), ANY_SEED)
def test_berlekamp_massey_reads_the_seed_of_an_lfsr_image(k, rng):
    generator = functools.partial(lfsr, rng.getrandbits(k) | 1, k)

    seed = rng.getrandbits(k)
    found = lfsr_seed((generator, k, generator(seed)), gaps.Meter())
    assert found is not None and generator(found) == generator(seed)


def test_berlekamp_massey_does_not_invert_a_hash():
    def generator(seed):
        return hashed("sha256", 12, seed)

    hits = sum(
        lfsr_seed((generator, 12, generator(s)), gaps.Meter()) is not None for s in range(64)
    )
    assert hits == 0

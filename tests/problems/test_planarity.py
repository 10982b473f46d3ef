import itertools
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gaps

FAM = gaps.get("planarity")
LEFT_RIGHT = FAM.generate["left_right"]
CERTIFICATE = FAM.verify["certificate"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def _graph(g):
    """A networkx graph as the family's instance (n, edges), vertices relabelled 0..n-1."""
    g = nx.convert_node_labels_to_integers(g)
    return g.number_of_nodes(), sorted((min(u, v), max(u, v)) for u, v in g.edges)


def _check(graph, planar, evidence):
    return CERTIFICATE(graph, planar, evidence, gaps.Meter())


K5 = _graph(nx.complete_graph(5))
K33 = _graph(nx.complete_bipartite_graph(3, 3))
PETERSEN = _graph(nx.petersen_graph())
GRID = _graph(nx.grid_2d_graph(5, 6))
TREE = _graph(nx.random_labeled_tree(30, seed=1))
DISCONNECTED = (12, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (5, 6), (3, 6), (3, 5), (8, 9)])


@pytest.mark.parametrize("graph", [K5, K33, PETERSEN], ids=["K5", "K33", "petersen"])
def test_planarity_accepts_a_correct_no(graph):
    planar, kuratowski = LEFT_RIGHT(graph, gaps.Meter())
    assert planar is False
    assert _check(graph, False, kuratowski) is True
    assert RECOMPUTE(graph, False, gaps.Meter()) is True
    assert RECOMPUTE(graph, True, gaps.Meter()) is False
    # No rotation system of a non-planar graph is plane: "yes" with any rotation fails.
    n, edges = graph
    around = [[w for e in edges for w in e if v in e and w != v] for v in range(n)]
    assert _check(graph, True, tuple(map(tuple, around))) is False


@pytest.mark.parametrize(
    "graph", [GRID, TREE, DISCONNECTED, (1, []), (4, [])], ids=["grid", "tree", "disc", "1", "4"]
)
def test_planarity_accepts_a_correct_yes(graph):
    planar, rotation = LEFT_RIGHT(graph, gaps.Meter())
    assert planar is True
    assert _check(graph, True, rotation) is True
    assert RECOMPUTE(graph, True, gaps.Meter()) is True
    assert RECOMPUTE(graph, False, gaps.Meter()) is False
    assert _check(graph, False, tuple(graph[1])) is False


def test_planarity_accepts_honest_and_rejects_corruptions():
    for size, seed in [(8, 0), (60, 1), (300, 2), (300, 3), (1000, 4)]:
        graph = FAM.sample(size, random.Random(seed))
        result = LEFT_RIGHT(graph, gaps.Meter())
        assert result.output == nx.is_planar(nx.Graph(graph[1]))
        assert _check(graph, *result) is True
        assert RECOMPUTE(graph, result.output, gaps.Meter()) is True
        for k in range(6):
            bad, evidence = FAM.corrupt(graph, result, random.Random(k))
            assert _check(graph, bad, evidence) is False
            assert RECOMPUTE(graph, bad, gaps.Meter()) is False


def test_planarity_sampler_draws_sparse_planar_graphs_below_eulers_bound():
    for k in range(10):
        n, edges = FAM.sample(200, random.Random(k))
        assert nx.is_planar(nx.Graph(edges))
        assert 2 * n < len(edges) < 3 * n - 6


# A square with one diagonal 0-2: the plane rotation (counter-clockwise order) and breakages.
SQUARE = (4, [(0, 1), (0, 2), (0, 3), (1, 2), (2, 3)])
SQUARE_ROTATION = ((1, 2, 3), (2, 0), (3, 0, 1), (0, 2))


def test_planarity_rejects_hand_made_wrong_embeddings():
    assert _check(SQUARE, True, SQUARE_ROTATION) is True
    # K4 with one vertex's rotation reversed (two neighbours swapped): genus 1, F = 2.
    k4 = _graph(nx.complete_graph(4))
    planar, rotation = LEFT_RIGHT(k4, gaps.Meter())
    assert _check(k4, planar, rotation) is True
    swapped = list(rotation)
    swapped[0] = (rotation[0][1], rotation[0][0], rotation[0][2])
    assert _check(k4, True, tuple(swapped)) is False
    dropped = ((1, 2), (2, 0), (3, 0, 1), (0, 2))  # edge 0-3 dropped from the embedding
    extra = ((1, 2, 3), (2, 0, 3), (3, 0, 1), (0, 2, 1))  # a non-edge 1-3 added
    doubled = ((1, 2, 3, 1), (2, 0), (3, 0, 1), (0, 2))
    for bad in (
        dropped,
        extra,
        doubled,
        SQUARE_ROTATION[:3],
        None,
        ((1.0, 2, 3), *SQUARE_ROTATION[1:]),
    ):
        assert _check(SQUARE, True, bad) is False, bad
    assert _check(SQUARE, "yes", SQUARE_ROTATION) is False
    assert RECOMPUTE(SQUARE, 1, gaps.Meter()) is False


def test_planarity_rejects_hand_made_wrong_kuratowski_claims():
    k5_edges = tuple(K5[1])
    assert _check(K5, False, k5_edges) is True
    subdivided = (7, [e for e in K5[1] if e != (0, 1)] + [(0, 5), (5, 6), (1, 6)])
    assert _check(subdivided, False, tuple(subdivided[1])) is True
    # A K5-looking claim that is not a subgraph of the grid (it has no such edges).
    assert _check(GRID, False, tuple(itertools.combinations(range(5), 2))) is False
    for bad in (
        k5_edges[:-1],  # one edge missing: degrees 3 and 4 mixed
        (*k5_edges, (0, 1)),  # an edge twice
        ((0, 5), (5, 6), (1, 6), (0, 6), *[e for e in k5_edges if e != (0, 1)]),  # not in G
        None,
        ((0, 1, 2),),
    ):
        assert _check(subdivided, False, bad) is False, bad
    # K4 plus a separate triangle: degrees 3, 6 vertices, but not K3,3 (not bipartite).
    prism = _graph(nx.circular_ladder_graph(3))
    assert _check(prism, False, tuple(prism[1])) is False
    assert _check(K33, False, tuple(K33[1])) is True
    # Two triangles joined through paths: degree pattern of K3,3 is not enough.
    k33_with_cycle = (10, [*K33[1], (6, 7), (7, 8), (6, 8)])
    assert _check(k33_with_cycle, False, tuple(k33_with_cycle[1])) is False


def test_planarity_names_itself_on_bad_input():
    with pytest.raises(gaps.InvalidArgument, match="planarity"):
        CERTIFICATE({"n": 5}, False, (), gaps.Meter())
    with pytest.raises(gaps.InvalidArgument, match="planarity"):
        RECOMPUTE((5, [(1, 0)]), True, gaps.Meter())
    with pytest.raises(gaps.InvalidArgument, match="planarity"):
        LEFT_RIGHT((3, [(0, "1")]), gaps.Meter())
    for size in (3, 0, 10.0, True):
        with pytest.raises(gaps.InvalidArgument, match="'size' parameter of planarity"):
            FAM.sample(size, random.Random(0))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 9).flatmap(
        lambda n: st.tuples(
            st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)))
        )
    )
)
def test_planarity_verifier_agrees_with_networkx(data):
    n, pairs = data
    graph = (n, sorted({(min(u, v), max(u, v)) for u, v in pairs if u != v}))
    planar, evidence = LEFT_RIGHT(graph, gaps.Meter())
    assert planar == nx.is_planar(nx.Graph(graph[1]))
    assert _check(graph, planar, evidence) is True
    assert _check(graph, not planar, evidence) is False
    # A plane embedding is still checked when its neighbours are listed in a random order:
    # accepted exactly when the shuffled rotations happen to be plane.
    if planar:
        rng = random.Random(n + len(graph[1]))
        shuffled = tuple(tuple(rng.sample(around, len(around))) for around in evidence)
        embedding = nx.PlanarEmbedding()
        embedding.add_nodes_from(range(n))
        for v, around in enumerate(shuffled):
            for i, w in enumerate(around):
                embedding.add_half_edge(v, w, cw=around[i - 1] if i else None)
        assert _check(graph, True, shuffled) is _networkx_accepts(embedding)


def _networkx_accepts(embedding):
    try:
        embedding.check_structure()  # raises when the faces break Euler's formula
    except nx.NetworkXException:
        return False
    return True

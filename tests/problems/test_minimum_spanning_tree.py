import random

import networkx as nx

import gaps

FAM = gaps.get("minimum_spanning_tree")
CYCLE = FAM.verify["cycle_property"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def test_minimum_spanning_tree_accepts_honest_and_rejects_corruptions():
    for size, seed in [(3, 0), (40, 1), (300, 2)]:
        graph = FAM.sample(size, random.Random(seed))
        tree = FAM.generate["kruskal"](graph, gaps.Meter())
        g = nx.Graph()
        g.add_weighted_edges_from(graph[1])
        assert sum(graph[1][i][2] for i in tree) == g.size(weight="weight") - sum(
            w for i, (_, _, w) in enumerate(graph[1]) if i not in set(tree)
        )
        assert sum(graph[1][i][2] for i in tree) == nx.minimum_spanning_tree(g).size(
            weight="weight"
        )
        assert CYCLE(graph, tree, gaps.Meter()) is True
        assert RECOMPUTE(graph, tree, gaps.Meter()) is True
        for k in range(4):
            bad = FAM.corrupt(graph, tree, random.Random(k))
            assert CYCLE(graph, bad, gaps.Meter()) is False
            assert RECOMPUTE(graph, bad, gaps.Meter()) is False


def test_minimum_spanning_tree_rejects_hand_made_wrong_answers():
    # A square 0-1-2-3 with a diagonal 0-2; the MST is 0-1, 1-2, 2-3.
    graph = (4, [(0, 1, 1), (1, 2, 2), (2, 3, 3), (3, 0, 5), (0, 2, 4)])
    assert FAM.generate["kruskal"](graph, gaps.Meter()) == (0, 1, 2)
    wrong = [(0, 1, 4), (0, 1), (0, 1, 2, 3), (0, 0, 1), (0, 1, 9), (0, 1, "2"), None, (1, 2, 3)]
    for bad in wrong:
        assert CYCLE(graph, bad, gaps.Meter()) is False, bad
        assert RECOMPUTE(graph, bad, gaps.Meter()) is False, bad
    # a cycle plus an isolated vertex is not spanning: 0-1, 1-2, 0-2 leaves 3 out
    assert CYCLE(graph, (0, 1, 4), gaps.Meter()) is False


def test_minimum_spanning_tree_sampling_is_reproducible():
    assert FAM.sample(100, random.Random(7)) == FAM.sample(100, random.Random(7))
    n, edges = FAM.sample(100, random.Random(7))
    assert len({w for _, _, w in edges}) == len(edges) == 4 * n

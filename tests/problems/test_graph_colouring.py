import random

import networkx as nx

import gaps

FAM = gaps.get("graph_colouring")
CHECK = FAM.verify["check"].fn


def test_graph_colouring_accepts_honest_and_rejects_corruptions():
    for size, seed in [(20, 0), (60, 1), (120, 2)]:
        graph = FAM.sample(size, random.Random(seed))
        colouring = FAM.generate["cadical"](graph, gaps.Meter())
        assert CHECK(graph, colouring, gaps.Meter()) is True
        if colouring is not None:
            assert all(colouring[u] != colouring[v] for u, v in graph.edges())
        for k in range(4):
            bad = FAM.corrupt(graph, colouring, random.Random(k))
            assert CHECK(graph, bad, gaps.Meter()) is False


def test_graph_colouring_no_answer_is_checked_by_solving():
    k4 = nx.complete_graph(4)
    assert FAM.generate["cadical"](k4, gaps.Meter()) is None
    assert CHECK(k4, None, gaps.Meter()) is True
    assert CHECK(k4, {0: 0, 1: 1, 2: 2, 3: 0}, gaps.Meter()) is False
    assert CHECK(k4, FAM.corrupt(k4, None, random.Random(0)), gaps.Meter()) is False
    odd_cycle = nx.cycle_graph(5)
    assert CHECK(odd_cycle, None, gaps.Meter()) is False
    assert CHECK(odd_cycle, {0: 0, 1: 1, 2: 0, 3: 1, 4: 2}, gaps.Meter()) is True


def test_graph_colouring_rejects_hand_made_wrong_answers():
    graph = FAM.sample(40, random.Random(3))
    good = FAM.generate["cadical"](graph, gaps.Meter())
    assert good is not None
    missing = dict(good)
    missing.pop(0)
    renamed = {str(v): c for v, c in good.items()}
    wrong = [
        {v: 0 for v in graph},
        {**good, 0: 3},
        {**good, 0: -1},
        {**good, 0: True},
        {**good, 0: 1.0},
        missing,
        {**missing, "extra": 0},
        renamed,
        [good[v] for v in graph],
        "colouring",
    ]
    for bad in wrong:
        assert CHECK(graph, bad, gaps.Meter()) is False
    assert CHECK(graph, good, gaps.Meter()) is True  # the checks above did not mutate it


def test_graph_colouring_sampling_is_reproducible():
    g1, g2 = FAM.sample(80, random.Random(7)), FAM.sample(80, random.Random(7))
    g3 = FAM.sample(80, random.Random(8))
    assert list(g1.edges()) == list(g2.edges()) != list(g3.edges())
    assert g1.number_of_nodes() == 80 and g1.number_of_edges() == 176

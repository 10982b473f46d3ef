import random

import networkx as nx

import gaps

FAM = gaps.get("max_flow")
MIN_CUT = FAM.verify["min_cut"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def _networkx_value(network):
    n, s, t, arcs = network
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for u, v, c in arcs:
        if g.has_edge(u, v):
            g[u][v]["capacity"] += c
        else:
            g.add_edge(u, v, capacity=c)
    return nx.maximum_flow_value(g, s, t)


def test_max_flow_accepts_honest_and_rejects_corruptions():
    for size, seed in [(4, 0), (50, 1), (300, 2)]:
        network = FAM.sample(size, random.Random(seed))
        result = FAM.generate["dinic"](network, gaps.Meter())
        assert result.output[0] == _networkx_value(network)
        assert MIN_CUT(network, *result, gaps.Meter()) is True
        assert RECOMPUTE(network, result.output, gaps.Meter()) is True
        for k in range(6):
            bad, cut = FAM.corrupt(network, result, random.Random(k))
            assert MIN_CUT(network, bad, cut, gaps.Meter()) is False
            assert RECOMPUTE(network, bad, gaps.Meter()) is False


def test_max_flow_rejects_hand_made_wrong_answers():
    # 0 -> 1 -> 3 (capacities 3, 2) and 0 -> 2 -> 3 (capacities 1, 5): max flow 3.
    network = (4, 0, 3, [(0, 1, 3), (1, 3, 2), (0, 2, 1), (2, 3, 5)])
    (value, flows), side = FAM.generate["dinic"](network, gaps.Meter())
    assert value == 3 and flows == [2, 2, 1, 1]
    assert MIN_CUT(network, (value, flows), side, gaps.Meter()) is True
    smaller = (2, [1, 1, 1, 1])  # a feasible flow, not maximum
    assert RECOMPUTE(network, smaller, gaps.Meter()) is False
    for cut in ([0], [0, 1, 2], [0, 1, 2, 3], [1], None, [0, "1"]):
        assert MIN_CUT(network, smaller, cut, gaps.Meter()) is False, cut
    for bad in [(3, [3, 2, 1, 1]), (3, [2, 2, 1]), (3.0, flows), (4, [3, 3, 1, 1]), None, (3,)]:
        assert MIN_CUT(network, bad, side, gaps.Meter()) is False, bad
        assert RECOMPUTE(network, bad, gaps.Meter()) is False, bad

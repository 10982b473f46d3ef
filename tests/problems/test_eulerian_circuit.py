import random

import networkx as nx

import gaps

FAM = gaps.get("eulerian_circuit")
WALK = FAM.verify["walk"].fn


def test_eulerian_circuit_accepts_honest_and_rejects_corruptions():
    for size, seed in [(3, 0), (30, 1), (500, 2)]:
        graph = FAM.sample(size, random.Random(seed))
        g = nx.MultiGraph()
        g.add_edges_from(graph[1])
        assert nx.is_eulerian(g)
        circuit = FAM.generate["hierholzer"](graph, gaps.Meter())
        assert WALK(graph, circuit, gaps.Meter()) is True
        for k in range(5):
            assert WALK(graph, FAM.corrupt(graph, circuit, random.Random(k)), gaps.Meter()) is False


def test_eulerian_circuit_rejects_hand_made_wrong_answers():
    # Two triangles sharing vertex 0, and a doubled edge 3-4 closing... keep it simple:
    graph = (5, [(0, 1), (1, 2), (2, 0), (0, 3), (3, 4), (4, 0)])
    circuit = FAM.generate["hierholzer"](graph, gaps.Meter())
    assert WALK(graph, circuit, gaps.Meter()) is True
    for bad in [
        [0, 1, 2, 0, 3, 4, 3],  # not closed, reuses 3-4
        [0, 1, 2, 0, 1, 2, 0],  # reuses a triangle
        [0, 1, 2, 0, 3, 4],  # too short
        [0, 1, 2, 0, 3, 4, 0, 0],  # too long
        [0, 1, 2, 0, 3, 4, 5],  # out of range
        [0, 1, 2, 0, 3, 4, 0.0],
        None,
        "0120340",
    ]:
        assert WALK(graph, bad, gaps.Meter()) is False, bad

import math
import random

import networkx as nx

import gaps

FAM = gaps.get("shortest_paths")
POTENTIALS = FAM.verify["potentials"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def _networkx_distances(graph):
    n, source, edges = graph
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for u, v, w in edges:
        if not g.has_edge(u, v) or g[u][v]["weight"] > w:
            g.add_edge(u, v, weight=w)
    found = nx.single_source_dijkstra_path_length(g, source)
    return [found.get(v, math.inf) for v in range(n)]


def test_shortest_paths_accepts_honest_and_rejects_corruptions():
    for size, seed in [(2, 0), (50, 1), (400, 2)]:
        graph = FAM.sample(size, random.Random(seed))
        dist, parents = result = FAM.generate["dijkstra"](graph, gaps.Meter())
        assert dist == _networkx_distances(graph)
        assert POTENTIALS(graph, dist, parents, gaps.Meter()) is True
        assert RECOMPUTE(graph, dist, gaps.Meter()) is True
        for k in range(5):
            bad, certificate = FAM.corrupt(graph, result, random.Random(k))
            assert POTENTIALS(graph, bad, certificate, gaps.Meter()) is False
            assert RECOMPUTE(graph, bad, gaps.Meter()) is False


def test_shortest_paths_rejects_hand_made_wrong_answers():
    # 0 -> 1 -> 2 and 0 -> 2 directly; 3 is unreachable but has an arc into 2.
    graph = (4, 0, [(0, 1, 2), (1, 2, 3), (0, 2, 7), (3, 2, 1)])
    dist, parents = FAM.generate["dijkstra"](graph, gaps.Meter())
    assert dist == [0, 2, 5, math.inf] and parents[1:3] == [0, 1]
    assert POTENTIALS(graph, dist, parents, gaps.Meter()) is True
    wrong = [
        [0, 2, 7, math.inf],  # not tight enough: the arc 1 -> 2 is violated
        [0, 2, 4, math.inf],  # too short: no tight parent arc
        [0, 2, 5, 0],  # claims the unreachable vertex
        [0, 2, math.inf, math.inf],  # claims a reachable vertex unreachable
        [1, 3, 6, math.inf],  # the source is not at distance 0
        [0, 2.0, 5, math.inf],  # not an int
        [0, True, 5, math.inf],
        [0, 2, 5],
        None,
    ]
    for bad in wrong:
        assert POTENTIALS(graph, bad, parents, gaps.Meter()) is False, bad
        assert RECOMPUTE(graph, bad, gaps.Meter()) is False, bad
    for certificate in ([-1, -1, -1, -1], [-1, 0, 2, -1], [-1, 0, 9, -1], None, [-1, 0, 1]):
        assert POTENTIALS(graph, dist, certificate, gaps.Meter()) is False, certificate
    assert RECOMPUTE(graph, dist, gaps.Meter()) is True  # compare ignores the certificate


def test_shortest_paths_steps_grow_like_m_log_n_for_dijkstra_and_m_for_potentials():
    costs = {}
    for size in (1000, 4000):
        graph = FAM.sample(size, random.Random(size))
        gen, check = gaps.Meter(), gaps.Meter()
        dist, parents = FAM.generate["dijkstra"](graph, gen)
        assert POTENTIALS(graph, dist, parents, check)
        assert check.steps == 5 * size  # one per arc (4n) and one per vertex
        costs[size] = gen.steps / check.steps
    assert costs[4000] > costs[1000]  # the log n factor


def test_shortest_paths_sampling_is_reproducible():
    assert FAM.sample(100, random.Random(7)) == FAM.sample(100, random.Random(7))
    assert FAM.sample(100, random.Random(7)) != FAM.sample(100, random.Random(8))
    n, _source, edges = FAM.sample(100, random.Random(7))
    assert all(u != v and 1 <= w <= 100 for u, v, w in edges) and len(edges) == 4 * n

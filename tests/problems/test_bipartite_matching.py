import random

import networkx as nx

import gaps

FAM = gaps.get("bipartite_matching")
KONIG = FAM.verify["konig"].fn


def test_bipartite_matching_accepts_honest_and_rejects_corruptions():
    for size, seed in [(2, 0), (40, 1), (400, 2)]:
        graph = FAM.sample(size, random.Random(seed))
        n, edges = graph
        result = FAM.generate["hopcroft_karp"](graph, gaps.Meter())
        g = nx.Graph()
        g.add_nodes_from(("L", u) for u in range(n))
        g.add_edges_from((("L", u), ("R", v)) for u, v in edges)
        top = [("L", u) for u in range(n)]
        assert len(result.output) == len(nx.bipartite.hopcroft_karp_matching(g, top)) // 2
        assert KONIG(graph, *result, gaps.Meter()) is True
        for k in range(5):
            bad = FAM.corrupt(graph, result, random.Random(k))
            assert KONIG(graph, *bad, gaps.Meter()) is False


def test_bipartite_matching_rejects_hand_made_wrong_answers():
    # Left 0, 1 both adjacent to right 0 only, and left 1 also to right 1.
    graph = (2, [(0, 0), (1, 0), (1, 1)])
    matching, cover = FAM.generate["hopcroft_karp"](graph, gaps.Meter())
    assert sorted(matching) == [(0, 0), (1, 1)]
    assert KONIG(graph, matching, cover, gaps.Meter()) is True
    for bad in [((0, 0), (1, 0)), ((0, 1), (1, 0)), ((0, 0),), ((0, 0), (1, "1")), None, (0, 0)]:
        assert KONIG(graph, bad, cover, gaps.Meter()) is False, bad
    for bad_cover in [((), (0,)), ((0,), ()), ((0, 1), (0, 1)), None, ((5,), (0,)), ((0,),)]:
        assert KONIG(graph, matching, bad_cover, gaps.Meter()) is False, bad_cover


def test_recompute_accepts_any_maximum_matching_and_rejects_a_smaller_one():
    fam = gaps.get("bipartite_matching")
    recompute = fam.verify["recompute"].fn
    graph = (2, [(0, 0), (0, 1), (1, 0)])
    assert recompute(graph, ((0, 1), (1, 0)), gaps.Meter()) is True
    assert recompute(graph, ((0, 0),), gaps.Meter()) is False  # maximal, not maximum
    assert recompute(graph, ((1, 1),), gaps.Meter()) is False  # not an edge
    assert recompute(graph, "nonsense", gaps.Meter()) is False
    big = fam.sample(200, random.Random(3))
    matching = fam.generate["hopcroft_karp"](big, gaps.Meter()).output
    assert recompute(big, matching, gaps.Meter()) is True

"""Catalog families handed what gaps.formats reads from files that cnfgen and networkx wrote.

Every family whose instances are formulas or graphs either answers correctly (checked
by its own verifiers and by a reference computation here: another SAT solver, brute
force, networkx) or raises its documented ``wrong_instance`` error. A bare exception,
or an answer the reference contradicts, fails.
"""

from __future__ import annotations

import itertools
import math
import random

import cnfgen
import networkx as nx
import pytest
from pysat.solvers import Minisat22

import gaps
from gaps.formats import CNF, read_dimacs, read_edgelist, read_graphml, to_edges
from gaps.roles import split, verifier_call

#: Families whose instances are formulas or graphs, by the registry's domains and tags.
FAMILIES = sorted(
    f.name
    for f in gaps.catalog()
    if f.domain in {"logic", "graphs"} or {"sat", "graphs"} & set(f.tags)
)


def _cnfgen_formulas() -> dict[str, object]:
    sparse = cnfgen.RandomKCNF(3, 8, 10, seed=2)
    sparse.new_variable("free")  # declared, in no clause: every count doubles
    regular = nx.random_regular_graph(3, 6, seed=1)
    # Small unsatisfiable formulas: Ganak takes seconds on PHP(4, 3) already.
    return {
        "random_3cnf": cnfgen.RandomKCNF(3, 12, 50, seed=1),
        "random_3cnf_with_a_free_variable": sparse,
        "random_2cnf": cnfgen.RandomKCNF(2, 10, 12, seed=3),
        "pigeonhole": cnfgen.PigeonholePrinciple(3, 2),
        "tseitin": cnfgen.TseitinFormula(regular, charges=[1] + [0] * 5),
    }


def _networkx_graphs() -> dict[str, tuple[nx.Graph, str]]:
    """Graphs and the format each is written in."""
    rng = random.Random(5)
    eulerian = nx.MultiGraph(nx.cycle_graph(7))
    eulerian.add_edges_from([(0, 3), (3, 5), (5, 0), (1, 2), (1, 2)])  # a triangle, parallel edges
    eulerian = nx.relabel_nodes(eulerian, {v: f"v{v}" for v in eulerian})
    weighted = nx.gnm_random_graph(11, 24, seed=6)
    for u, v in weighted.edges:
        weighted[u][v]["weight"] = rng.randint(1, 9)
    fractional = nx.connected_watts_strogatz_graph(10, 4, 0.3, seed=7)
    for u, v in fractional.edges:
        fractional[u][v]["weight"] = rng.choice([0.5, 1.25, -2.0, 3.0])
    bipartite = nx.bipartite.random_graph(6, 7, 0.35, seed=8)
    return {
        "eulerian_multigraph": (eulerian, "graphml"),
        "random_graph": (nx.gnp_random_graph(10, 0.4, seed=9), "graphml"),
        "planar_grid": (nx.grid_2d_graph(3, 4), "edgelist"),
        "k5": (nx.complete_graph(5), "edgelist"),
        "weighted": (weighted, "weighted_edgelist"),
        "fractional_weights": (fractional, "weighted_edgelist"),
        "directed": (nx.gnp_random_graph(9, 0.3, seed=10, directed=True), "graphml"),
        "bipartite": (bipartite, "graphml"),
        "odd_cycle": (nx.cycle_graph(5), "edgelist"),
    }


def _written_and_read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("formats")
    objects: dict[str, object] = {}
    for name, formula in _cnfgen_formulas().items():
        path = folder / f"{name}.cnf"
        path.write_text(formula.to_dimacs(), encoding="utf-8")  # type: ignore[attr-defined]
        objects[name] = read_dimacs(path)
    for name, (graph, form) in _networkx_graphs().items():
        if form == "graphml":
            path = folder / f"{name}.graphml"
            nx.write_graphml(graph, path)
            objects[name] = read_graphml(path)
        else:
            path = folder / f"{name}.txt"
            if form == "weighted_edgelist":
                nx.write_weighted_edgelist(graph, path)
            else:
                # grid nodes are pairs: write them as single tokens
                nx.write_edgelist(
                    nx.relabel_nodes(graph, lambda v: str(v).replace(" ", "")), path, data=False
                )
            objects[name] = read_edgelist(path, weighted=form == "weighted_edgelist")
    return objects


@pytest.fixture(scope="module")
def objects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return _written_and_read(tmp_path_factory)


# --- references: another solver, brute force or networkx -------------------------------


def _satisfiable(cnf: CNF) -> bool:
    with Minisat22(bootstrap_with=cnf.clauses) as solver:
        return bool(solver.solve())


def _models(cnf: CNF) -> int:
    return sum(
        all(any(values[abs(x) - 1] == (x > 0) for x in clause) for clause in cnf.clauses)
        for values in itertools.product((False, True), repeat=cnf.num_vars)
    )


def _satisfies(cnf: CNF, answer: object) -> bool:
    """Whether an assignment, as a tuple of bools or a list of literals, satisfies ``cnf``."""
    assert isinstance(answer, (tuple, list))
    if all(type(x) is bool for x in answer):
        true = {v if value else -v for v, value in enumerate(answer, 1)}
    else:
        true = set(answer)
    return all(any(x in true for x in clause) for clause in cnf.clauses)


def _sat_answer(cnf: CNF, answer: object) -> bool:
    """A SAT answer is right: an assignment that satisfies, or "no" exactly when unsatisfiable."""
    if answer is None or answer == "unsatisfiable":
        return not _satisfiable(cnf)
    return _satisfies(cnf, answer)


def _labels(graph: nx.Graph) -> tuple:
    return to_edges(graph).labels


def _eulerian_circuit(graph: nx.Graph, circuit: object) -> bool:
    labels = _labels(graph)
    walked = sorted(tuple(sorted((labels[a], labels[b]))) for a, b in itertools.pairwise(circuit))
    return circuit[0] == circuit[-1] and walked == sorted(tuple(sorted(e)) for e in graph.edges())


def _planar(graph: nx.Graph, answer: object) -> bool:
    return answer == nx.check_planarity(graph)[0]


def _max_cut(graph: nx.Graph, answer: object) -> bool:
    n, edges, _ = to_edges(graph)
    best = max(
        sum(sides[u] != sides[v] for u, v in edges) for sides in itertools.product((0, 1), repeat=n)
    )
    return answer[1] == best


def _three_colouring(graph: nx.Graph, colouring: object) -> bool:
    if colouring is not None:
        return all(colouring[u] != colouring[v] for u, v in graph.edges()) and set(
            colouring.values()
        ) <= {0, 1, 2}
    nodes = list(graph)
    return not any(
        all(c[nodes.index(u)] != c[nodes.index(v)] for u, v in graph.edges())
        for c in itertools.product(range(3), repeat=len(nodes))
    )


def _spanning_tree(graph: nx.Graph, tree: object) -> bool:
    _, edges, _ = to_edges(graph, weight="weight")
    weight = sum(edges[i][2] for i in tree)
    return math.isclose(weight, nx.minimum_spanning_tree(graph).size(weight="weight"))


def _matching(graph: nx.Graph, matching: object) -> bool:
    return len(matching) == len(nx.max_weight_matching(graph, maxcardinality=True))


#: For each family that takes files, whether its generator's output is right.
REFERENCES = {
    "random_3sat": _sat_answer,
    "two_sat": _sat_answer,
    "pigeonhole": _sat_answer,
    "tseitin": _sat_answer,
    "model_count": lambda cnf, count: count == _models(cnf),
    "eulerian_circuit": _eulerian_circuit,
    "planarity": _planar,
    "max_cut": _max_cut,
    "graph_colouring": _three_colouring,
    "minimum_spanning_tree": _spanning_tree,
    "bipartite_matching": _matching,
}


def _is_wrong_instance(error: Exception, family: str) -> bool:
    return isinstance(error, gaps.InvalidArgument) and str(error).startswith(
        f"The instance given to {family}'s "
    )


def test_the_selection_holds_the_formula_and_graph_families():
    assert {"tseitin", "pigeonhole", "random_3sat", "eulerian_circuit", "shortest_paths"} <= set(
        FAMILIES
    )
    assert set(REFERENCES) <= set(FAMILIES)


@pytest.mark.parametrize("name", FAMILIES)
def test_a_family_answers_right_or_refuses_what_the_readers_return(name, objects):
    fam = gaps.get(name)
    answered = []
    for label, obj in objects.items():
        for generator, generate in fam.generate.items():
            try:
                result = generate(obj, gaps.Meter())
            except Exception as error:
                assert _is_wrong_instance(error, name), f"{generator} on {label}: {error!r}"
                for verifier in fam.verify:
                    call = verifier_call(fam, verifier, obj, None, None)
                    try:
                        verdict = call(gaps.Meter())
                    except Exception as error:
                        assert _is_wrong_instance(error, name), f"{verifier} on {label}: {error!r}"
                    else:  # refusing an answer is right where no answer exists
                        assert verdict is False, f"{verifier} accepted None for {label}"
                continue
            output, certificate = split(result)
            assert name in REFERENCES, f"{name} answered on {label}: add a reference"
            assert REFERENCES[name](obj, output), f"{generator} is wrong on {label}: {output!r}"
            for verifier in (p.verifier for p in fam.pairings if p.generator == generator):
                # A verifier whose method does not cover this instance may refuse it.
                try:
                    verdict = verifier_call(fam, verifier, obj, output, certificate)(gaps.Meter())
                except Exception as error:
                    assert _is_wrong_instance(error, name), f"{verifier} on {label}: {error!r}"
                else:
                    assert verdict is True, f"{verifier} rejected {generator}'s answer on {label}"
            answered.append(label)
    if name in REFERENCES:
        assert answered, f"{name} refused every file"


@pytest.mark.parametrize(
    ("name", "terminals", "attribute"),
    [("shortest_paths", ("0",), "weight"), ("max_flow", ("0", "7"), "capacity")],
)
def test_a_network_from_a_file_comes_with_its_terminals(name, terminals, attribute, tmp_path):
    graph = nx.gnm_random_graph(10, 40, seed=11, directed=True)
    rng = random.Random(12)
    for u, v in graph.edges:
        graph[u][v][attribute] = rng.randint(1, 9)
    nx.write_graphml(graph, tmp_path / "network.graphml")
    read = read_graphml(tmp_path / "network.graphml")
    fam = gaps.get(name)
    (generate,) = fam.generate.values()
    output, certificate = split(generate((read, *terminals), gaps.Meter()))
    if name == "shortest_paths":
        reference = nx.single_source_dijkstra_path_length(read, terminals[0])
        assert output == [reference.get(v, math.inf) for v in _labels(read)]
    else:
        assert output[0] == nx.maximum_flow_value(read, *terminals)
    for verifier in fam.verify:
        assert verifier_call(fam, verifier, (read, *terminals), output, certificate)(gaps.Meter())
    edge = read.edges[next(iter(read.edges))]
    edge[attribute] = 1.5
    with pytest.raises(gaps.InvalidArgument, match=f"{name}'s .* has {attribute} 1.5; scale"):
        generate((read, *terminals), gaps.Meter())
    del edge[attribute]
    with pytest.raises(gaps.InvalidArgument, match=f"{name}'s .*has no {attribute!r} attribute"):
        generate((read, *terminals), gaps.Meter())
    edge[attribute] = 1
    with pytest.raises(gaps.InvalidArgument, match="is not a node of the graph"):
        generate((read, *["nowhere"] * len(terminals)), gaps.Meter())


def test_term_equivalence_refuses_an_smtlib_formula_in_every_role(tmp_path):
    path = tmp_path / "identity.smt2"
    path.write_text(
        "(declare-const x (_ BitVec 8))\n(declare-const y (_ BitVec 8))\n"
        "(assert (= (bvmul (bvadd x y) (bvadd x y)) (bvmul (bvadd y x) (bvadd y x))))\n"
    )
    formula = gaps.formats.read_smtlib(path)
    family = gaps.get("term_equivalence")
    spec = family.sample(6, random.Random(1))
    rewritten, trace = family.generate["rewrite"](spec, gaps.Meter())
    calls = [
        lambda: family.generate["rewrite"](formula, gaps.Meter()),
        lambda: family.verify["replay"].fn(formula, rewritten, trace, gaps.Meter()),
        lambda: family.verify["prove"].fn(formula, rewritten, gaps.Meter()),
    ]
    for call in calls:
        with pytest.raises(gaps.InvalidArgument) as raised:
            call()
        assert _is_wrong_instance(raised.value, "term_equivalence")
        assert "z3 expressions" in str(raised.value)

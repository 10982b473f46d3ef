"""Strict format readers: round trips with python-sat, and clear errors on malformed files."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaps.formats import CNF, FormatError, dumps_dimacs, read_dimacs, read_edgelist, read_graphml


@st.composite
def cnfs(draw):
    n = draw(st.integers(1, 12))
    literal = st.integers(1, n).flatmap(lambda v: st.sampled_from([v, -v]))
    clauses = draw(st.lists(st.lists(literal, min_size=1, max_size=5), max_size=20))
    return CNF(n, clauses)


@given(cnfs())
def test_dimacs_round_trip(cnf):
    again = read_dimacs(io.StringIO(dumps_dimacs(cnf)))
    assert (again.num_vars, again.clauses) == (cnf.num_vars, cnf.clauses)


@given(cnfs())
def test_python_sat_reads_what_we_write_and_we_read_what_it_writes(cnf):
    from pysat.formula import CNF as PysatCNF

    theirs = PysatCNF(from_string=dumps_dimacs(cnf))
    assert theirs.clauses == cnf.clauses
    out = io.StringIO()
    theirs.to_fp(out)
    assert read_dimacs(io.StringIO(out.getvalue())).clauses == cnf.clauses


def test_clauses_may_span_lines_and_satlib_end_marker_is_honoured():
    text = "c x\np cnf 3 2\n1 2\n-3 0 3\n0\n%\n0\n"
    assert read_dimacs(io.StringIO(text)).clauses == [[1, 2, -3], [3]]


@pytest.mark.parametrize(
    "text, message",
    [
        ("1 2 0\n", "line 1: expected the header"),
        ("p cnf 2\n1 0\n", "line 1: expected 'p cnf VARIABLES CLAUSES'"),
        ("p cnf two 1\n1 0\n", "counts must be integers"),
        ("p cnf 2 1\n1 x 0\n", "line 2: expected an integer literal, got 'x'"),
        ("p cnf 2 1\n1 3 0\n", "line 2: literal 3 names variable 3"),
        ("p cnf 2 1\n1 2\n", "not terminated by 0"),
        ("p cnf 2 2\n1 2 0\n", "announces 2 clauses, the file has 1"),
        ("p cnf 2 1\np cnf 2 1\n1 0\n", "line 2: a second 'p cnf' header"),
        ("c only comments\n", "no 'p cnf VARIABLES CLAUSES' header"),
    ],
)
def test_malformed_dimacs_names_the_line_and_the_expectation(text, message):
    with pytest.raises(FormatError, match=message):
        read_dimacs(io.StringIO(text))


def test_dimacs_file_errors_name_the_file(tmp_path):
    path = tmp_path / "bad.cnf"
    path.write_text("p cnf 1 1\n2 0\n")
    with pytest.raises(FormatError, match=r"bad\.cnf: line 2"):
        read_dimacs(path)
    with pytest.raises(FormatError, match="no such file"):
        read_dimacs(tmp_path / "missing.cnf")


def test_weighted_edge_list_rejects_bad_weights():
    graph = read_edgelist(io.StringIO("a b 1.5\nb c 2\n"), weighted=True)
    assert graph["a"]["b"]["weight"] == 1.5
    with pytest.raises(FormatError, match="line 2: the weight 'heavy' is not a number"):
        read_edgelist(io.StringIO("a b 1\nb c heavy\n"), weighted=True)


def test_graphml_round_trip_and_malformed_xml():
    import networkx as nx

    graph = nx.cycle_graph(4)
    text = "\n".join(nx.generate_graphml(nx.relabel_nodes(graph, str)))
    assert nx.is_isomorphic(read_graphml(io.StringIO(text)), graph)
    with pytest.raises(FormatError, match="not well-formed XML"):
        read_graphml(io.StringIO("<graphml><graph>"))

"""Strict format readers: round trips with python-sat, cnfgen and z3, clear errors on bad files."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaps.errors import InvalidArgument
from gaps.formats import (
    CNF,
    FormatError,
    cnf_from,
    dumps_dimacs,
    dumps_smtlib,
    read_dimacs,
    read_edgelist,
    read_graphml,
    read_smtlib,
    to_clauses,
    to_edges,
)


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
        ("p cnf 20 1\n1_0 0\n", "line 2: expected an integer literal, got '1_0'"),
        ("p cnf 2 1\n+1 0\n", "line 2: expected an integer literal, got '\\+1'"),
        ("p cnf 2 1\n\uff11 0\n", "line 2: expected an integer literal"),
        ("p cnf 2 1\n-0 0\n", "line 2: expected an integer literal, got '-0'"),
        ("p cnf 2 1\n" + "9" * 5000 + " 0\n", "line 2: literal 9+ names variable"),
        ("p cnf \uff12 1\n1 0\n", "line 1: the header's counts must be integers"),
        ("p cnf 2147483648 1\n1 0\n", "line 1: .* 2147483648 variables; SAT solvers take at most"),
        ("p cnf 2 " + "9" * 30 + "\n1 0\n", "line 1: .* clauses, more than any file holds"),
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


@pytest.mark.parametrize("weight", ["nan", "inf", "-inf", "1e400", "1_0", "\uff11"])
def test_weighted_edge_list_rejects_weights_that_are_not_finite_decimals(weight):
    with pytest.raises(FormatError, match=f"line 2: the weight '{weight}' is not a number"):
        read_edgelist(io.StringIO(f"a b 1\nb c {weight}\n"), weighted=True)


def test_graphml_round_trip_and_malformed_xml():
    import networkx as nx

    graph = nx.cycle_graph(4)
    text = "\n".join(nx.generate_graphml(nx.relabel_nodes(graph, str)))
    assert nx.is_isomorphic(read_graphml(io.StringIO(text)), graph)
    with pytest.raises(FormatError, match="not well-formed XML"):
        read_graphml(io.StringIO("<graphml><graph>"))


_XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY secret SYSTEM "{}">]>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    '<key id="d0" for="node" attr.name="label" attr.type="string"/>'
    '<graph edgedefault="undirected"><node id="a"><data key="d0">&secret;</data></node>'
    "</graph></graphml>"
)


def test_graphml_entities_cannot_read_files_or_urls(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    for target in (secret.as_uri(), "http://127.0.0.1:9/x"):
        with pytest.raises(FormatError, match="declares a document type") as caught:
            read_graphml(io.StringIO(_XXE.format(target)))
        assert "do not read me" not in str(caught.value)


def test_graphml_entities_cannot_expand_without_bound():
    entities = '<!ENTITY e0 "lol">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    )
    text = (
        f"<!DOCTYPE graphml [{entities}]>"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="label" attr.type="string"/>'
        '<graph edgedefault="undirected"><node id="a"><data key="d0">&e9;</data></node>'
        "</graph></graphml>"
    )
    with pytest.raises(FormatError, match="declares a document type"):
        read_graphml(io.StringIO(text))


def test_graphml_with_a_doctype_only_in_a_comment_reads():
    text = (
        '<?xml version="1.0"?><!-- <!DOCTYPE graphml> -->'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<graph edgedefault="undirected"><node id="a"/><node id="b"/>'
        '<edge source="a" target="b"/></graph></graphml>'
    )
    assert list(read_graphml(io.StringIO(text)).edges) == [("a", "b")]


def test_importing_formats_loads_neither_z3_nor_cnfgen_nor_python_sat():
    heavy = "('z3', 'cnfgen', 'pysat')"
    code = f"import gaps.formats, sys; print([m for m in {heavy} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def cnfgen_families():
    import cnfgen

    empty = cnfgen.CNF()
    empty.update_variable_number(5)
    return [
        cnfgen.PigeonholePrinciple(4, 3),
        cnfgen.RandomKCNF(3, 10, 20, seed=1),
        cnfgen.OrderingPrinciple(4),
        cnfgen.VanDerWaerden(8, 3, 3),
        empty,
    ]


@pytest.mark.parametrize("formula", cnfgen_families(), ids=lambda f: f.header["description"])
def test_cnf_from_cnfgen_keeps_the_formula_and_round_trips_through_dimacs(formula):
    cnf = cnf_from(formula)
    assert cnf.num_vars == formula.number_of_variables()
    assert cnf.clauses == [list(clause) for clause in formula.clauses()]
    assert cnf.comments[0] == f"description: {formula.header['description']}"
    again = read_dimacs(io.StringIO(dumps_dimacs(cnf)))
    assert (again.num_vars, again.clauses, again.comments) == (
        cnf.num_vars,
        cnf.clauses,
        cnf.comments,
    )


@pytest.mark.parametrize("formula", cnfgen_families(), ids=lambda f: f.header["description"])
def test_we_read_what_cnfgen_writes(formula):
    plain = read_dimacs(io.StringIO(formula.to_dimacs()))
    assert (plain.num_vars, plain.clauses) == (
        cnf_from(formula).num_vars,
        cnf_from(formula).clauses,
    )
    with_header = io.StringIO()
    formula.to_file(with_header)  # cnfgen's header as comment lines
    read = read_dimacs(io.StringIO(with_header.getvalue()))
    assert read.clauses == plain.clauses
    assert read.comments[: len(formula.header)] == cnf_from(formula).comments


@given(cnfs())
def test_cnf_from_agrees_with_cnfgen_and_python_sat_on_any_clauses(cnf):
    import cnfgen
    from pysat.formula import CNF as PysatCNF

    from_cnfgen = cnfgen.CNF(cnf.clauses)
    from_pysat = PysatCNF(from_clauses=cnf.clauses)
    assert cnf_from(from_cnfgen).clauses == cnf_from(from_pysat).clauses == cnf.clauses
    assert cnf_from(from_cnfgen).num_vars == cnf_from(from_pysat).num_vars
    pysat_text = io.StringIO()
    from_pysat.to_fp(pysat_text)
    for text in (from_cnfgen.to_dimacs(), pysat_text.getvalue()):
        assert read_dimacs(io.StringIO(text)).clauses == cnf.clauses


def test_cnf_from_python_sat_keeps_comments_without_their_lead():
    from pysat.formula import CNF as PysatCNF

    cnf = cnf_from(PysatCNF(from_string="c made by hand\np cnf 3 1\n1 -3 0\n"))
    assert (cnf.num_vars, cnf.clauses, cnf.comments) == (3, [[1, -3]], ["made by hand"])


def test_cnf_from_copies_a_cnf():
    original = CNF(2, [[1, -2]], ["kept"])
    copy = cnf_from(original)
    copy.clauses[0].append(2)
    copy.comments.append("added")
    assert (original.clauses, original.comments) == ([[1, -2]], ["kept"])


def unsized_pysat_cnf():
    from pysat.formula import CNF as PysatCNF

    formula = PysatCNF()
    formula.clauses = [[1, 2]]  # nv stays 0: python-sat itself would write 'p cnf 0 1'
    return formula


def pysat_object(name):
    from pysat import formula

    made = getattr(formula, name)()
    made.append([1, 2])
    return made


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: [[1, -2]],
            "takes a cnfgen formula, a python-sat CNF or a gaps.formats.CNF. Got list",
        ),
        (lambda: "p cnf 1 1\n1 0\n", "Got str"),
        (lambda: pysat_object("WCNF"), "cannot take a python-sat WCNF"),
        (lambda: pysat_object("CNFPlus"), None),
        (unsized_pysat_cnf, "declares 0 variables, but clause 1 \\[1, 2\\] uses variable 1"),
        (lambda: CNF(2, [[1, 0]]), "Clause 1 of the CNF holds 0 \\(int\\); literals are nonzero"),
        (lambda: CNF(2, [[True]]), "holds True \\(bool\\)"),
        (lambda: CNF(-1, []), "number of variables must be an int >= 0. Got -1"),
    ],
)
def test_cnf_from_refuses_what_it_cannot_convert(make, message):
    formula = make()
    if message is None:  # a CNFPlus is accepted until it holds a cardinality constraint
        assert cnf_from(formula).clauses == [[1, 2]]
        formula.append([[1, 2], 1], is_atmost=True)
        message = "CNFPlus with cardinality constraints"
    with pytest.raises(InvalidArgument, match=message):
        cnf_from(formula)


def z3_terms():
    import z3

    x, y = z3.Ints("x y")
    r = z3.Real("r")
    f = z3.Function("f", z3.IntSort(), z3.IntSort())
    bits = z3.BitVec("b v", 8)  # a name that SMT-LIB must quote
    a = z3.Array("a", z3.IntSort(), z3.BoolSort())
    s = z3.String("s")
    return [
        [x > 1],
        [x + 2 * y <= 7, z3.Or(x == y, z3.Not(x < 0))],
        [r * r == 2, r > 0],
        [f(f(x)) < y, z3.ForAll([x], f(x) >= 0)],
        [bits + 1 == 3, z3.Extract(7, 4, bits) == 0],
        [z3.Select(a, x), z3.Implies(a[y], x != y)],
        [s == z3.StringVal('say "hi"'), z3.Length(s) > 2],
    ]


@pytest.mark.parametrize("terms", z3_terms(), ids=str)
def test_smtlib_round_trip(terms, tmp_path):
    text = dumps_smtlib(terms)
    again = read_smtlib(io.StringIO(text))
    assert [a.sexpr() for a in again] == [t.sexpr() for t in terms]
    path = tmp_path / "round.smt2"
    path.write_text(text)
    assert dumps_smtlib(read_smtlib(path)) == text


def test_smtlib_commands_and_comments_are_allowed():
    text = (
        "; a benchmark\n(set-logic QF_LIA)\n(set-info :status sat)\n"
        "(declare-const x Int) ; the unknown\n(define-fun two () Int 2)\n"
        "(push 1)\n(assert (< x 0))\n(pop 1)\n"
        "(assert (> x two))\n(check-sat)\n(get-model)\n"
    )
    assert [a.sexpr() for a in read_smtlib(io.StringIO(text))] == ["(> x 2)"]


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "(declare-const x Int)\n  (assert (> x 1)\n",
            "line 2, column 3: this command is never closed",
        ),
        ("(declare-const x Int)\n(assert (> x 1)))\n", "line 2, column 17: .* a '\\)' that closes"),
        ("(declare-const x Int)\n\n(assert (< y 3))\n", "line 3, column 12: unknown constant y"),
        (
            "(declare-const x Int)\n(declare-const s String)\n(assert (> x s))\n",
            "line 3, column \\d+: Sort mismatch at argument #2",
        ),
        ("(declare-const x Int)\n(assert (+ x 1))\n", "line 2, column \\d+: .*term is not Boolean"),
        ("(frobnicate)\n(assert true)\n", "line 1, column 2: expected an SMT-LIB command"),
        ("(assert true)\n(asert false)\n", "line 2, column 2: .*'assert'.*got 'asert'"),
        (
            "(assert true)\nhello\n",
            "line 2, column 1: expected '\\(' to start a command, got 'hello'",
        ),
        ('(assert (= "a b))\n', "line 1, column 12: this string literal is never closed"),
        ("(assert |p)\n", "line 1, column 9: this quoted symbol"),
        ("", "no assertion; expected at least one \\(assert TERM\\)"),
        ("; only a comment\n", "no assertion"),
        ("(declare-const x Int)\n(check-sat)\n", "no assertion"),
    ],
)
def test_malformed_smtlib_names_the_line_and_the_expectation(text, message):
    with pytest.raises(FormatError, match=message) as caught:
        read_smtlib(io.StringIO(text))
    error = caught.value
    assert error.__context__ is None or error.__suppress_context__  # no z3 traceback chained


@pytest.mark.parametrize(
    "command, message",
    [
        ("(set-option :timeout 1)", r"line 2, column 2: \(set-option ...\) is refused"),
        ("(set-option :rlimit 1)", "set-option"),
        ('(set-option :regular-output-channel "out.txt")', "set-option"),
        ("(set-info :print-success true)", r"line 2, column 11: \(set-info :print-success"),
        ('(echo "hello")', r"\(echo ...\) is refused"),
        ("(exit)", "anything after it would be dropped"),
        ("(reset)", "discards everything before it"),
        ("(get-value (x))", r"\(get-value ...\) is refused"),
    ],
)
def test_smtlib_commands_that_reach_outside_the_formula_are_refused(command, message):
    text = f"(declare-const x Int)\n{command}\n(assert (> x 1))\n"
    with pytest.raises(FormatError, match=message):
        read_smtlib(io.StringIO(text))


def test_smtlib_option_in_a_file_does_not_reach_later_queries():
    import z3

    with pytest.raises(FormatError):
        read_smtlib(io.StringIO("(set-option :timeout 1)\n(assert true)\n"))
    x = z3.Int("x")
    assert z3.Solver().check(x * x == 2 * x + 48) == z3.sat


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "(declare-const x Int)\n(assert (> x " + "9" * 5000 + "))\n",
            "line 2, column 14: .*5,000 digits",
        ),
        ("(assert " + "(not " * 10_001 + "true" + ")" * 10_002, "nested deeper than 10,000"),
    ],
    ids=["numeral", "nesting"],
)
def test_smtlib_numerals_and_nesting_are_bounded(text, message):
    started = time.perf_counter()
    with pytest.raises(FormatError, match=message):
        read_smtlib(io.StringIO(text))
    assert time.perf_counter() - started < 5


CAPPED_INPUTS = [
    (read_smtlib, "(assert true)\n" * 10),
    (read_dimacs, "p cnf 2 10\n" + "1 -2 0\n" * 10),
    (read_edgelist, "a b\n" * 40),
    (
        read_graphml,
        '<graphml><graph edgedefault="undirected">' + '<node id="a"/>' * 10 + "</graph></graphml>",
    ),
]


@pytest.mark.parametrize("reader, text", CAPPED_INPUTS)
def test_every_reader_refuses_input_past_its_size_cap_and_says_how_to_raise_it(reader, text):
    reader(io.StringIO(text), max_chars=len(text))  # at the cap: read
    with pytest.raises(FormatError, match=rf"longer than {len(text) - 1} characters.*max_chars=N"):
        reader(io.StringIO(text), max_chars=len(text) - 1)


def test_one_endless_line_is_refused_without_reading_it_whole():
    class Endless(io.StringIO):
        def readline(self, size=-1):
            assert size >= 0, "an unbounded read"
            return "1" * size

    with pytest.raises(FormatError, match="longer than 1,000 characters"):
        read_dimacs(Endless(), max_chars=1000)


NESTED_GRAPHML = "<graphml>" + "<graph><node id='x'>" * 30 + "</node></graph>" * 30 + "</graphml>"


@pytest.mark.parametrize(
    "reader, text",
    [
        (read_smtlib, "(assert " + "(not " * 30 + "true" + ")" * 31),
        (
            read_graphml,
            "<graphml>" + "<graph><node id='x'>" * 30 + "</node></graph>" * 30 + "</graphml>",
        ),
    ],
)
def test_nesting_past_the_depth_cap_is_refused_and_says_how_to_raise_it(reader, text):
    with pytest.raises(FormatError, match=r"nested deeper than 20.*max_depth=N"):
        reader(io.StringIO(text), max_depth=20)


@pytest.mark.parametrize("cap", [0, -1, 2.5, True, "10"])
def test_a_cap_that_is_not_a_positive_int_is_refused(cap):
    with pytest.raises(InvalidArgument, match="'max_chars' parameter of read_dimacs must be"):
        read_dimacs(io.StringIO("p cnf 1 1\n1 0\n"), max_chars=cap)


def test_smtlib_file_errors_name_the_file_and_line(tmp_path):
    path = tmp_path / "bad.smt2"
    path.write_text("(set-logic QF_LIA)\n(declare-const x Int)\n(assert (< x zz))\n")
    with pytest.raises(FormatError, match=r"bad\.smt2: line 3, column 14: unknown constant zz"):
        read_smtlib(path)
    with pytest.raises(FormatError, match="no such file"):
        read_smtlib(tmp_path / "missing.smt2")


def test_dumps_smtlib_refuses_what_read_smtlib_would_not_read_back():
    import z3

    with pytest.raises(InvalidArgument, match="at least one assertion"):
        dumps_smtlib([])
    with pytest.raises(InvalidArgument, match=r"Assertion 1 must be a z3 Boolean term\. Got x"):
        dumps_smtlib([z3.BoolVal(True), z3.Int("x")])
    with pytest.raises(InvalidArgument, match="Got True \\(bool\\)"):
        dumps_smtlib([True])


_GRAPHML = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{}</graphml>'


@pytest.mark.parametrize(
    "body, message",
    [
        (
            '<graph edgedefault="undirected"><node id="a" yfiles.foldertype="group"/></graph>',
            "not valid GraphML",
        ),
        (
            '<key id="d0" for="node" attr.name="flag" attr.type="boolean"><default/></key>'
            '<graph edgedefault="undirected"><node id="a"/></graph>',
            "not valid GraphML",
        ),
        ('<graph edgedefault="undirected"><node id="a\ud800"/></graph>', "not valid Unicode"),
        (
            '<graph edgedefault="undirected"><node id="a"/></graph>'
            '<graph edgedefault="undirected"><node id="b"/></graph>',
            "holds 2 <graph> elements",
        ),
    ],
    ids=["yfiles-group", "boolean-empty-default", "lone-surrogate", "second-graph"],
)
def test_graphml_that_networkx_trips_on_is_a_format_error(body, message):
    with pytest.raises(FormatError, match=message):
        read_graphml(io.StringIO(_GRAPHML.format(body)))


def test_z3_warnings_stay_out_of_the_users_output(capfd):
    assert [str(t) for t in read_smtlib(io.StringIO("(set-logic QF_XX)\n(assert true)\n"))] == [
        "True"
    ]
    print("after", file=sys.stderr)
    assert capfd.readouterr().err == "after\n"  # z3's "; ignoring unsupported logic" is gone


def test_graphml_key_without_a_type_is_a_string_without_a_warning():
    text = (
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="b" for="node" attr.name="label"/><graph edgedefault="undirected">'
        '<node id="a"><data key="b">1</data></node></graph></graphml>'
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert read_graphml(io.StringIO(text)).nodes["a"] == {"label": "1"}
    assert caught == []


@given(cnfs())
def test_to_clauses_gives_the_same_formula_from_every_form(cnf):
    expected = (cnf.num_vars, [tuple(c) for c in cnf.clauses])
    assert to_clauses(cnf) == expected
    assert to_clauses((cnf.num_vars, cnf.clauses)) == expected
    assert to_clauses(read_dimacs(io.StringIO(dumps_dimacs(cnf)))) == expected


def test_to_clauses_takes_cnfgen_and_refuses_what_is_no_formula():
    import cnfgen

    assert to_clauses(cnfgen.PigeonholePrinciple(2, 1)) == (2, [(1,), (2,), (-1, -2)])
    for bad in [(2, [[0]]), (2, [[3]]), (2, [1, 2]), ("2", [[1]]), (True, [[1]]), 5, "p cnf"]:
        with pytest.raises(InvalidArgument):
            to_clauses(bad)


def test_to_edges_numbers_numerals_in_order_and_other_labels_in_file_order():
    graph = read_edgelist(io.StringIO("10 2\n2 0\n"))
    assert to_edges(graph) == (3, [(2, 1), (1, 0)], ("0", "2", "10"))
    graph = read_edgelist(io.StringIO("b a\na 01\n"))  # "01" is no vertex number
    assert to_edges(graph) == (3, [(0, 1), (1, 2)], ("b", "a", "01"))


def test_to_edges_keeps_parallel_edges_and_checks_weights_and_direction():
    import networkx as nx

    multi = nx.MultiGraph([(0, 1), (0, 1)])
    assert to_edges(multi).edges == [(0, 1), (0, 1)]
    weighted = read_edgelist(io.StringIO("a b 2\nb c -0.5\n"), weighted=True)
    assert to_edges(weighted, weight="weight").edges == [(0, 1, 2.0), (1, 2, -0.5)]
    with pytest.raises(InvalidArgument, match="has no 'cost' attribute"):
        to_edges(weighted, weight="cost")
    weighted["a"]["b"]["weight"] = "2"
    with pytest.raises(InvalidArgument, match="has 'weight' '2' \\(str\\)"):
        to_edges(weighted, weight="weight")
    with pytest.raises(InvalidArgument, match=r"graph\.to_undirected"):
        to_edges(nx.DiGraph([(0, 1)]), directed=False)
    with pytest.raises(InvalidArgument, match="takes a networkx graph"):
        to_edges((2, [(0, 1)]))

import random

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import gaps

FAM = gaps.get("identity_testing")
REWRITE = FAM.generate["rewrite"]
SCHWARTZ_ZIPPEL = FAM.verify["schwartz_zippel"].fn
EXPAND = FAM.verify["expand"].fn
P = 2**61 - 1


def _poly(circuit, gens):
    """The circuit's polynomial over GF(p), computed independently of the family's code."""
    values = []
    for gate in circuit:
        if gate[0] == "var":
            values.append(sympy.Poly(sympy.Symbol(f"v{gate[1]}"), *gens, modulus=P))
        elif gate[0] == "const":
            values.append(sympy.Poly(gate[1], *gens, modulus=P))
        elif gate[0] == "add":
            values.append(values[gate[1]] + values[gate[2]])
        else:
            values.append(values[gate[1]] * values[gate[2]])
    return values[-1]


def _same(a, b):
    names = sorted({g[1] for g in (*a, *b) if g[0] == "var"} | {-1})
    gens = [sympy.Symbol(f"v{k}") for k in names]
    return (_poly(a, gens) - _poly(b, gens)).is_zero


def _accepts(spec, output):
    return SCHWARTZ_ZIPPEL(spec, output, gaps.Meter()), EXPAND(spec, output, gaps.Meter())


def _spec(*gates):
    return (tuple(gates), 0)


def test_identity_testing_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (2, 1), (5, 2), (7, 3)]:
        spec = FAM.sample(size, random.Random(seed))
        assert len(spec.circuit) == 8 * size - 1
        output = REWRITE(spec, gaps.Meter())
        assert _same(spec.circuit, output)
        assert _accepts(spec, output) == (True, True)
        for k in range(6):
            bad = FAM.corrupt(spec, output, random.Random(k))
            assert not _same(spec.circuit, bad)
            assert _accepts(spec, bad) == (False, False)


def test_identity_testing_sample_is_the_product_of_sums():
    spec = FAM.sample(3, random.Random(4))
    poly = _poly(spec.circuit, sympy.symbols("v0:6"))
    assert poly.total_degree() == 3 and len(poly.terms()) == 2**3
    factors = sympy.factor_list(poly.as_expr())[1]
    assert len(factors) == 3 and all(sympy.Poly(f).total_degree() == 1 for f, _ in factors)


def test_identity_testing_rewrite_changes_the_circuit_and_keeps_it_linear():
    for size in (2, 10, 100):
        spec = FAM.sample(size, random.Random(size))
        output = REWRITE(spec, gaps.Meter())
        assert output != spec.circuit
        assert len(output) <= 16 * size
        assert all(g[0] in ("var", "const", "add", "mul") for g in output)
    spec = FAM.sample(9, random.Random(1))
    assert REWRITE(spec, gaps.Meter()) == REWRITE(spec, gaps.Meter())  # deterministic


def test_identity_testing_rejects_hand_made_wrong_answers():
    spec = FAM.sample(3, random.Random(5))
    output = REWRITE(spec, gaps.Meter())
    wrong = [
        (),
        None,
        "circuit",
        (*output, ("add", len(output) - 1, len(output))),  # refers forward
        (("add", 0, 0),),  # refers to itself
        (*output[:-1], ("sub", 0, 1)),  # unknown operator
        (("const", P),),  # not reduced
        (("const", -1),),
        (("var", -1),),
        (("var", 1.0),),
        (("const", True),),
        (["var", 0],),  # a gate must be a tuple
        (("var",),),
        (*output, ("const", 1), ("add", len(output) - 1, len(output))),  # off by one
        (*output, ("mul", len(output) - 1, len(output) - 1)),  # squared
    ]
    for bad in wrong:
        assert _accepts(spec, bad) == (False, False), bad
    # A list of gates is as good as a tuple.
    assert _accepts(spec, list(output)) == (True, True)


def test_identity_testing_identities_are_taken_over_gf_p():
    x, y = ("var", 0), ("var", 1)
    # x vs x + ((p - 1)·y + y): equal modulo p, different over the integers.
    spec = _spec(x)
    modular = (x, y, ("const", P - 1), ("mul", 2, 1), ("add", 3, 1), ("add", 0, 4))
    assert _accepts(spec, modular) == (True, True)
    assert _accepts(_spec(x, y, ("mul", 0, 1)), (y, x, ("mul", 0, 1))) == (True, True)
    plus_one = (y, x, ("mul", 0, 1), ("const", 1), ("add", 2, 3))
    assert _accepts(_spec(x, y, ("mul", 0, 1)), plus_one) == (False, False)


def test_identity_testing_rejects_x_to_the_p_which_equals_x_at_every_point():
    # x**p = x on all of GF(p) (Fermat), but they are different polynomials: only the
    # degree check keeps Schwartz–Zippel from accepting.
    gates = [("var", 0)]
    for _ in range(60):  # x**(2**k) for k = 1..60
        gates.append(("mul", len(gates) - 1, len(gates) - 1))
    product = 0
    for k in range(1, 61):  # x**(2**61 - 1) = x**1 · x**2 · ... · x**(2**60)
        gates.append(("mul", product, k))
        product = len(gates) - 1
    assert _accepts(_spec(("var", 0)), tuple(gates)) == (False, False)
    # The degree cap alone: a circuit of degree 2**33 equal to itself is still rejected.
    squares = [("var", 0)] + [("mul", k, k) for k in range(33)]
    assert SCHWARTZ_ZIPPEL(_spec(*squares), tuple(squares), gaps.Meter()) is False
    assert EXPAND(_spec(*squares), tuple(squares), gaps.Meter()) is True


_GATES = st.recursive(
    st.one_of(
        st.sampled_from([("var", 0), ("var", 1), ("var", 2)]),
        st.integers(0, 4).map(lambda c: ("const", c)),
    ),
    lambda inner: st.tuples(st.sampled_from(["add", "mul"]), inner, inner),
    max_leaves=8,
)


def _flatten(tree, gates):
    if tree[0] in ("var", "const"):
        gates.append(tree)
    else:
        i, j = _flatten(tree[1], gates), _flatten(tree[2], gates)
        gates.append((tree[0], i, j))
    return len(gates) - 1


@settings(max_examples=60, deadline=None)
@given(_GATES, _GATES)
def test_identity_testing_verifiers_agree_with_sympy_on_random_circuits(left, right):
    a, b = [], []
    _flatten(left, a), _flatten(right, b)
    truth = _same(a, b)
    assert _accepts((tuple(a), 0), tuple(b)) == (truth, truth)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32), st.integers(0, 2**32))
def test_identity_testing_rewrites_are_identities_and_corruptions_are_not(size, seed, k):
    spec = FAM.sample(size, random.Random(seed))
    output = REWRITE(spec, gaps.Meter())
    assert SCHWARTZ_ZIPPEL(spec, output, gaps.Meter()) is True
    bad = FAM.corrupt(spec, output, random.Random(k))
    assert not _same(spec.circuit, bad)
    assert SCHWARTZ_ZIPPEL(spec, bad, gaps.Meter()) is False


def test_identity_testing_steps_are_linear_in_the_circuits():
    for size in (10, 40):
        spec = FAM.sample(size, random.Random(size))
        meter = gaps.Meter()
        output = REWRITE(spec, meter)
        assert len(spec.circuit) + len(output) <= meter.steps <= 60 * size
        meter = gaps.Meter()
        assert SCHWARTZ_ZIPPEL(spec, output, meter)
        gates, variables = len(spec.circuit) + len(output), 2 * size
        # Validation and degrees (2 per gate), two evaluations, two random points.
        assert meter.steps == 2 * gates + 2 * gates + 2 * variables


def test_identity_testing_expand_does_not_reuse_a_previous_expansion():
    spec = FAM.sample(6, random.Random(3))
    output = REWRITE(spec, gaps.Meter())
    sympy.expand(sympy.Symbol("z") ** 2 * (sympy.Symbol("z") + 1))  # fill the cache
    assert EXPAND(spec, output, gaps.Meter()) is True
    # sympy's memo is empty again: the next call expands from scratch.
    assert sum(f.cache_info().currsize for f in sympy.core.cache.CACHE) == 0


def test_identity_testing_sampling_is_reproducible():
    assert FAM.sample(12, random.Random(7)) == FAM.sample(12, random.Random(7))
    assert FAM.sample(12, random.Random(7)) != FAM.sample(12, random.Random(8))


@pytest.mark.parametrize("size", [0, -3, 2.5, True, "8", None])
def test_identity_testing_sampler_rejects_bad_sizes_naming_the_family(size):
    with pytest.raises(
        gaps.InvalidArgument, match=r"'size' parameter of identity_testing's sampler"
    ):
        FAM.sample(size, random.Random(0))


@pytest.mark.parametrize(
    "instance",
    [
        [(("var", 0),), 0],  # a list, not a tuple
        ((), 0),  # no gates
        ((("add", 0, 1),), 0),  # refers forward
        ((("const", P),), 0),
        ((("var", 0),), 1.5),  # the seed is not an int
        ([("var", 0)], 0),  # the circuit is a list
        ((("var", 0),),),
        None,
    ],
)
def test_identity_testing_rejects_malformed_instances_naming_the_family(instance):
    output = (("var", 0),)
    with pytest.raises(
        gaps.InvalidArgument, match=r"identity_testing's verifier 'schwartz_zippel'"
    ):
        SCHWARTZ_ZIPPEL(instance, output, gaps.Meter())
    with pytest.raises(gaps.InvalidArgument, match=r"identity_testing's verifier 'expand'"):
        EXPAND(instance, output, gaps.Meter())
    with pytest.raises(ValueError, match=r"identity_testing's generator 'rewrite'"):
        REWRITE(instance, gaps.Meter())

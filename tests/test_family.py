"""Declaring a family: mistakes are caught at declaration, naming the family and part."""

from __future__ import annotations

import pytest

import gaps


def sample(size, rng):
    return [rng.random() for _ in range(size)]


def generate(xs, meter):
    return sorted(xs)


def verify(xs, ys, meter):
    return ys == sorted(xs)


def test_simple_form_has_one_witness_pairing():
    fam = gaps.Family("ok_family", sample, generate, verify)
    assert [(p.name, p.mode) for p in fam.pairings] == [("generate/verify", "witness")]


def test_rich_form_pairs_every_generator_with_every_verifier():
    fam = gaps.Family(
        "rich",
        sample,
        {"a": generate, "b": generate},
        {"w": verify, "g": gaps.grade(lambda xs, ys, m: 1.0)},
    )
    assert sorted(p.name for p in fam.pairings) == ["a/g", "a/w", "b/g", "b/w"]
    assert fam.pairing("a/g").mode == "grade"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"name": "Bad Name"}, "snake_case"),
        ({"name": "broken\n"}, "snake_case"),
        ({"name": "x" * 65}, "at most 64 characters"),
        ({"generate": {"check[/bold]": generate}}, "generator 'check[/bold]' must be named"),
        ({"verify": {"<script>": verify}}, "verifier '<script>' must be named"),
        ({"verify": {"a|b": verify}}, "verifier 'a|b' must be named"),
        ({"generate": {"g" * 300: generate}}, "at most 64 characters"),
        ({"sample": lambda size: []}, "'sample' must take 2 positional"),
        ({"generate": {}}, "needs at least one generator"),
        ({"verify": lambda xs, m: True}, "verifier 'verify' must take 3"),
        ({"verify": gaps.certified(verify)}, "verifier 'verify' must take 4"),
        ({"generate": 3}, "must be a callable"),
        ({"corrupt": lambda xs, ys: ys}, "'corrupt' must take 3"),
        ({"units": ("bananas",)}, "'units' must be a non-empty subset"),
        ({"sizes": (4, 0)}, "'sizes' must be non-empty, of positive ints"),
        ({"sizes": ()}, "'sizes' must be non-empty"),
        ({"sizes": {"verify": (4, 2.5)}}, "'sizes' must be non-empty, of positive ints"),
        ({"sizes": {"nope": (4, 8)}}, "'sizes' key 'nope' names no verifier or pairing"),
        (
            {"theory": gaps.Theory(generate="n", verify={"nope": "n"}, sign="neutral")},
            "theory.verify names unknown verifier 'nope'",
        ),
        ({"pairings": [("generate", "nope")]}, "names an unknown verifier"),
        ({"kind": "graph"}, "'kind' is 'graph'; use one of ('sat', 'factor'"),
        (
            {"theory": gaps.Theory(generate="n*", verify="n", sign="positive")},
            "theory.generate['generate']",
        ),
        (
            {"theory": gaps.Theory(generate="n*m", verify="n", sign="positive")},
            "may only use the variable n",
        ),
        (
            {"theory": gaps.Theory(generate="n", verify="n", sign="great")},
            "theory.sign",
        ),
        (
            {"theory": gaps.Theory("n", "n", "neutral", units={"bits": {"verify": "n"}})},
            "theory.units names unknown unit 'bits'",
        ),
        (
            {"theory": gaps.Theory("n", "n", "neutral", units={"steps": {"check": "n"}})},
            "maps only 'generate' and 'verify'",
        ),
        (
            {"theory": gaps.Theory("n", "n", "neutral", units={"steps": {"verify": "n*"}})},
            "theory.units['steps'].verify['verify']",
        ),
    ],
)
def test_declaration_mistakes_are_named(kwargs, message):
    args = {"name": "broken", "sample": sample, "generate": generate, "verify": verify}
    args.update(kwargs)
    with pytest.raises(gaps.DeclarationError) as info:
        gaps.Family(**args)
    assert message in str(info.value)
    assert "Family" in str(info.value) or "name" in str(info.value)


def test_unknown_pairing_suggests_a_known_one():
    fam = gaps.Family("ok_family", sample, generate, verify)
    with pytest.raises(gaps.UnknownName, match="Did you mean 'generate/verify'"):
        fam.pairing("generate/verfy")


def test_a_declared_kind_is_kept():
    fam = gaps.Family("ok_family", sample, generate, verify, kind="factor")
    assert fam.kind == "factor"
    assert gaps.Family("ok_family", sample, generate, verify).kind is None


def test_theory_in_a_unit_overrides_the_default_statement_there_only():
    theory = gaps.Theory(
        generate={"fast": "n**3", "slow": "n**4"},
        verify="n**2",
        sign="positive",
        units={"steps": {"generate": {"fast": "n"}, "verify": "1"}},
    )
    assert theory.growth_of("generate", "fast", "steps") == "n"
    assert theory.growth_of("generate", "slow", "steps") == "n**4"
    assert theory.growth_of("generate", "fast", "time") == "n**3"
    assert theory.growth_of("verify", "any", "steps") == "1"
    assert theory.growth_of("verify", "any") == "n**2"

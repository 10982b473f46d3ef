"""Testing your code against families: hypothesis strategies and a solver check.

Every family is a source of test data: :func:`instances` draws its instances,
:func:`outputs` its generators' honest outputs, :func:`corruptions` its corruptor's
wrong answers, all as hypothesis strategies; :func:`accepts` asks the family's
verifiers about one output, and :func:`check_solver` runs your solver on a
reproducible set of instances and judges every answer. Import them from
:mod:`gaps.testing`.

Shrinking: the size is drawn first, from a few sizes, so hypothesis shrinks towards
the smallest; the rng seed is drawn as an integer and the family is handed
``random.Random(seed)``, so a failing instance is reproducible from its note
``FAMILY.sample(size, random.Random(seed))``. Family code never sees the seed.

Importing this module registers strategies for the toolkit's own types with
``st.register_type_strategy``: :class:`gaps.Meter` (a fresh meter without budget),
:class:`gaps.Family` (a registered family) and :class:`gaps.Certified` (generic
payloads, for code that handles results without knowing their family). Third-party
types (networkx graphs, numpy arrays) are left alone.

>>> import gaps
>>> from hypothesis import given, settings
>>> from gaps.testing import instances
>>> @settings(max_examples=10, database=None)
... @given(instances(gaps.get("sorting"), sizes=[1, 2, 3]))
... def test_sorted_is_accepted(xs):
...     assert gaps.testing.accepts("sorting", xs, sorted(xs))
>>> test_sorted_is_accepted()
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import note
from hypothesis import strategies as st

from gaps.errors import InvalidArgument, UnknownName, did_you_mean
from gaps.family import Certified, Family
from gaps.meter import Meter
from gaps.roles import corruption, split
from gaps.seeding import derive_seed
from gaps.testing._run import (
    ContractError,
    SolverError,
    _as_family,
    _call_verifier,
    _reproduction,
    _short,
    _verdict_of,
    contract_sizes,
)

__all__ = ["accepts", "check_solver", "corruptions", "instances", "outputs"]

#: Seeds for ``random.Random``: any integer works; hypothesis shrinks them towards 0.
SEEDS = st.integers(min_value=0, max_value=2**64 - 1)


# --------------------------------------------------------------------------- arguments


def _validate_sizes(sizes: Any, owner: str) -> tuple[int, ...]:
    ok = isinstance(sizes, Sequence) and not isinstance(sizes, str) and len(sizes) > 0
    if not ok or not all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in sizes):
        raise InvalidArgument(
            f"The 'sizes' parameter of {owner}() must be a non-empty sequence of positive "
            f"ints. Got {_short(sizes)} ({type(sizes).__name__}). Hint: sizes=[8, 16, 32]."
        )
    return tuple(sorted(set(sizes)))


def _size_strategy(family: Family, sizes: Any, owner: str) -> st.SearchStrategy[int]:
    if isinstance(sizes, st.SearchStrategy):
        return sizes
    chosen = contract_sizes(family) if sizes is None else _validate_sizes(sizes, owner)
    return st.sampled_from(chosen)  # sorted: hypothesis shrinks towards the first, smallest


def _generator_names(family: Family, generator: Any, owner: str) -> list[str]:
    if generator is None:
        return list(family.generators)
    if not isinstance(generator, str) or generator not in family.generators:
        raise UnknownName(
            f"Family {family.name!r} has no generator {generator!r} (parameter 'generator' "
            f"of {owner}()). " + did_you_mean(str(generator), list(family.generators))
        )
    return [generator]


# --------------------------------------------------------------------------- strategies


@st.composite
def _drawn_instance(draw: Any, family: Family, sizes: st.SearchStrategy[int]) -> Any:
    size = draw(sizes)
    seed = draw(SEEDS)
    note(f"{family.name}: instance = FAMILY.sample({size}, random.Random({seed}))")
    return family.sample(size, random.Random(seed))


@st.composite
def _drawn_output(
    draw: Any, family: Family, names: list[str], sizes: st.SearchStrategy[int]
) -> tuple[Any, Any]:
    instance = draw(_drawn_instance(family, sizes))
    name = draw(st.sampled_from(names))
    note(f"{family.name}: output of generator {name!r}")
    return instance, family.generators[name](instance, Meter())


@st.composite
def _drawn_corruption(
    draw: Any, family: Family, names: list[str], sizes: st.SearchStrategy[int]
) -> tuple[Any, Any]:
    assert family.corrupt is not None  # corruptions() checked it
    instance, result = draw(_drawn_output(family, names, sizes))
    seed = draw(SEEDS)
    note(f"{family.name}: corrupted with random.Random({seed})")
    bad = family.corrupt(instance, result, random.Random(seed))
    answer = corruption(result, bad)  # as a task does: the honest certificate stays
    if answer is None or not isinstance(result, Certified):
        return instance, bad
    return instance, Certified(*answer)


def instances(
    family: Family | str, sizes: Sequence[int] | st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[Any]:
    """A strategy for the family's instances, shrinking towards the smallest size.

    Parameters
    ----------
    family : Family or str
        A family, or the name of a registered one.
    sizes : sequence of int, or a strategy of int, optional
        The sizes to draw from; by default the family's contract sizes (its two
        smallest declared sizes, or 4 and 8).

    Examples
    --------
    Hypothesis shrinks to the smallest size and to seed 0 (``random.Random(0)``):

    >>> import random, gaps
    >>> from hypothesis import find
    >>> xs = find(instances("sorting", sizes=[3, 50]), lambda xs: True)
    >>> xs == gaps.get("sorting").sample(3, random.Random(0))
    True
    """
    fam = _as_family(family, "instances")
    return _drawn_instance(fam, _size_strategy(fam, sizes, "instances"))


def outputs(
    family: Family | str,
    generator: str | None = None,
    sizes: Sequence[int] | st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[tuple[Any, Any]]:
    """A strategy for ``(instance, output)`` pairs: valid outputs from a generator.

    The output is what the generator returned: a :class:`gaps.Certified` for
    generators with a certificate.

    Parameters
    ----------
    family : Family or str
        A family, or the name of a registered one.
    generator : str, optional
        The generator's name; by default any of the family's generators is drawn.
    sizes : sequence of int, or a strategy of int, optional
        As for :func:`instances`.

    Examples
    --------
    >>> from hypothesis import find
    >>> xs, ys = find(outputs("sorting", sizes=[4, 8]), lambda pair: True)
    >>> len(xs), ys == sorted(xs)
    (4, True)
    """
    fam = _as_family(family, "outputs")
    names = _generator_names(fam, generator, "outputs")
    return _drawn_output(fam, names, _size_strategy(fam, sizes, "outputs"))


def corruptions(
    family: Family | str,
    generator: str | None = None,
    sizes: Sequence[int] | st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[tuple[Any, Any]]:
    """A strategy for ``(instance, wrong output)`` pairs from the family's corruptor.

    A corruption of a :class:`gaps.Certified` result is a ``Certified`` too (with the
    honest certificate when the corruptor changed the output only). The contract
    (:func:`gaps.testing.check_soundness`) is what makes these wrong answers.

    Parameters
    ----------
    family : Family or str
        A family with a corruptor, or the name of a registered one.
    generator : str, optional
        The generator whose outputs are corrupted; by default any.
    sizes : sequence of int, or a strategy of int, optional
        As for :func:`instances`.

    Examples
    --------
    >>> from hypothesis import find
    >>> xs, bad = find(corruptions("sorting", sizes=[6]), lambda pair: True)
    >>> accepts("sorting", xs, bad)
    False
    """
    fam = _as_family(family, "corruptions")
    if fam.corrupt is None:
        raise InvalidArgument(
            f"corruptions(): family {fam.name!r} declares no corruptor ('corrupt='), so it "
            "has no wrong answers to draw. Declare one, or draw outputs() and change them."
        )
    names = _generator_names(fam, generator, "corruptions")
    return _drawn_corruption(fam, names, _size_strategy(fam, sizes, "corruptions"))


def _registered_families() -> st.SearchStrategy[Family]:
    from gaps.registry import catalog

    return st.sampled_from(catalog())


#: Generic payloads for Certified: its fields are Any; meaningful outputs come from outputs().
_PAYLOADS = st.none() | st.booleans() | st.integers() | st.text() | st.lists(st.integers())

st.register_type_strategy(Meter, st.builds(Meter))
st.register_type_strategy(Family, st.deferred(_registered_families))
st.register_type_strategy(Certified, st.builds(Certified, output=_PAYLOADS, certificate=_PAYLOADS))


# --------------------------------------------------------------------------- your solvers


def _verifier_names(family: Family, verifier: Any, owner: str) -> tuple[str, ...] | None:
    """The named verifiers, validated; None means every one that applies."""
    if verifier is None:
        return None
    names = (verifier,) if isinstance(verifier, str) else verifier
    if not isinstance(names, Sequence) or not names or not all(isinstance(n, str) for n in names):
        raise InvalidArgument(
            f"The 'verifier' parameter of {owner}() must be a verifier name, a sequence of "
            f"them, or None. Got {_short(verifier)} ({type(verifier).__name__})."
        )
    for name in names:
        if name not in family.verifiers:
            raise UnknownName(
                f"Family {family.name!r} has no verifier {name!r} (parameter 'verifier' of "
                f"{owner}()). " + did_you_mean(name, list(family.verifiers))
            )
    return tuple(names)


def _applicable(
    family: Family, names: tuple[str, ...] | None, result: Any, owner: str
) -> list[str]:
    """The verifiers to run on ``result``: certified ones need a :class:`Certified` result."""
    certified = isinstance(result, Certified)
    chosen = names or [n for n, v in family.verifiers.items() if certified or v.mode != "certified"]
    missing = [n for n in chosen if family.verifiers[n].mode == "certified" and not certified]
    if missing or not chosen:
        raise InvalidArgument(
            f"Verifier {(missing or list(family.verifiers))[0]!r} of family {family.name!r} "
            f"is certified: the result given to {owner}() must be "
            f"gaps.Certified(output, certificate). Got {_short(result)} ({type(result).__name__})."
        )
    return list(chosen)


def _accepted(family: Family, name: str, value: Any) -> bool:
    """The verifier's verdict; a value that is not one is the family's fault, not the solver's."""
    verdict = _verdict_of(family, name, value)
    if verdict is None:
        raise ContractError(
            f"{family.name}: verifier {name!r} returned {_short(value)} "
            f"({type(value).__name__}), not a verdict; run gaps.testing.check_family on it."
        )
    return verdict


def accepts(
    family: Family | str, instance: Any, result: Any, verifier: str | Sequence[str] | None = None
) -> bool:
    """Whether the family's verifiers accept ``result`` for ``instance``.

    Parameters
    ----------
    family : Family or str
        A family, or the name of a registered one.
    instance : object
        An instance of the family.
    result : object
        An output, or ``gaps.Certified(output, certificate)``.
    verifier : str or sequence of str, optional
        The verifiers to ask; by default every verifier that can judge ``result``
        (certified ones only when it is a :class:`gaps.Certified`). A ``grade``
        verifier accepts with a grade of 1.

    Raises
    ------
    ContractError
        When a verifier returns something that is not a verdict.

    Examples
    --------
    >>> accepts("sorting", [3, 1, 2], [1, 2, 3])
    True
    >>> accepts("sorting", [3, 1, 2], [1, 3, 2])
    False
    """
    fam = _as_family(family, "accepts")
    names = _applicable(fam, _verifier_names(fam, verifier, "accepts"), result, "accepts")
    output, certificate = split(result)
    return all(
        _accepted(fam, name, _call_verifier(fam, name, instance, output, certificate))
        for name in names
    )


def _examples_per_size(examples: Any, sizes: tuple[int, ...]) -> list[int]:
    if isinstance(examples, bool) or not isinstance(examples, int) or examples < 1:
        raise InvalidArgument(
            "The 'examples' parameter of check_solver() must be a positive int. "
            f"Got {_short(examples)} ({type(examples).__name__})."
        )
    share, extra = divmod(examples, len(sizes))
    return [share + (i < extra) for i in range(len(sizes))]  # smaller sizes get the extra


def _solver_failure(family: Family, size: int, seed: int, what: str, **case: Any) -> SolverError:
    shown = "" if "output" not in case else f"\n  output:   {_short(case['output'])}"
    rerun = _reproduction(
        family, f"import random; print(FAMILY.sample({size}, random.Random({seed})))"
    )
    case = {"output": None, "verifier": None, **case}
    return SolverError(
        f"check_solver: the solver failed on family {family.name!r} at size {size} "
        f"(instance seed {seed}): {what}\n  instance: {_short(case['instance'])}{shown}\n"
        f"  reproduce: {rerun}",
        family=family.name,
        size=size,
        seed=seed,
        **case,
    )


def _try_solver(
    family: Family,
    solver: Callable[[Any], Any],
    names: tuple[str, ...] | None,
    size: int,
    seed: int,
) -> None:
    instance = family.sample(size, random.Random(seed))
    try:  # the solver gets a copy: the verifiers judge against the instance as sampled
        given = copy.deepcopy(instance)
    except Exception:  # not copyable: sampling is reproducible, so sample it again
        given = family.sample(size, random.Random(seed))
    try:
        result = solver(given)
    except Exception as exc:
        what = f"it raised {type(exc).__name__}: {exc}"
        raise _solver_failure(family, size, seed, what, instance=instance) from exc
    try:
        applicable = _applicable(family, names, result, "check_solver")
    except InvalidArgument as exc:  # a bare output where a certificate is needed
        raise _solver_failure(
            family, size, seed, str(exc), instance=instance, output=result
        ) from None
    output, certificate = split(result)
    for name in applicable:
        try:
            value = _call_verifier(family, name, instance, output, certificate)
        except Exception as exc:  # the verifier choked on the output: it is of the wrong type
            what = f"verifier {name!r} raised {type(exc).__name__} on its output: {exc}"
            case = {"instance": instance, "output": result, "verifier": name}
            raise _solver_failure(family, size, seed, what, **case) from exc
        if not _accepted(family, name, value):
            what = f"verifier {name!r} rejected its output (returned {_short(value)})."
            case = {"instance": instance, "output": result, "verifier": name}
            raise _solver_failure(family, size, seed, what, **case)


def check_solver(
    family: Family | str,
    solver: Callable[[Any], Any],
    *,
    verifier: str | Sequence[str] | None = None,
    sizes: Sequence[int] | None = None,
    examples: int = 20,
    seed: int = 0,
) -> None:
    """Test ``solver(instance) -> output`` against a family's verifiers on drawn instances.

    A plain loop over derived seeds, not hypothesis: the instances are the same on
    every run and every machine (instance ``i`` at size ``n`` is
    ``family.sample(n, random.Random(derive_seed(seed, family.name, n, i)))``, the
    instances ``gaps.classify`` measures with that seed), nothing is stored in a
    database, and it can be called from any test, a hypothesis test included. Sizes
    run smallest first and the first wrong answer is raised, so the failure reported
    is at the smallest failing size: the shrinking that matters for instances drawn
    from an rng.

    Parameters
    ----------
    family : Family or str
        A family, or the name of a registered one.
    solver : callable
        ``solver(instance) -> output`` (or ``gaps.Certified(output, certificate)``).
        It is given a copy of the instance, so it may work in place.
    verifier : str or sequence of str, optional
        The verifiers to judge with; by default every verifier that can judge the
        solver's result (certified ones only when it returns :class:`gaps.Certified`).
    sizes : sequence of int, optional
        The sizes to draw at; by default the family's contract sizes.
    examples : int
        How many instances in all, spread evenly over the sizes.
    seed : int
        Another seed draws other instances.

    Raises
    ------
    SolverError
        On the first instance where the solver raises or a verifier rejects its
        output; the error keeps the instance, the output and the instance seed.

    Examples
    --------
    >>> import gaps
    >>> check_solver(gaps.get("sorting"), sorted, sizes=[1, 2, 3, 50], examples=40)
    >>> check_solver(gaps.get("sorting"), lambda xs: sorted(xs)[:-1], sizes=[1, 2, 3])
    Traceback (most recent call last):
    ...
    gaps.testing.SolverError: check_solver: the solver failed on family 'sorting' at size 1 (instance seed ...): verifier 'check' rejected its output (returned False).
      instance: [...]
      output:   []
      reproduce: python -c "import gaps, gaps.testing as t; import random; print(gaps.get('sorting').sample(1, random.Random(...)))"
    """  # noqa: E501
    fam = _as_family(family, "check_solver")
    if not callable(solver):
        raise InvalidArgument(
            "The 'solver' parameter of check_solver() must be a callable "
            f"solver(instance) -> output. Got {_short(solver)} ({type(solver).__name__})."
        )
    names = _verifier_names(fam, verifier, "check_solver")
    chosen = contract_sizes(fam) if sizes is None else _validate_sizes(sizes, "check_solver")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidArgument(
            f"The 'seed' parameter of check_solver() must be an int. Got {_short(seed)} "
            f"({type(seed).__name__})."
        )
    for size, count in zip(chosen, _examples_per_size(examples, chosen), strict=True):
        for index in range(count):
            _try_solver(fam, solver, names, size, derive_seed(seed, fam.name, size, index))

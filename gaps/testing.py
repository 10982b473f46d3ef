"""Testing with gaps: the family contract, your solvers, and hypothesis strategies.

The **contract** is a set of small named checks (:data:`CHECKS`) that any family,
built-in or yours, must pass. Each check takes a family, a size and a seed, runs the
family in this process, and raises :class:`ContractError` naming the family, the
check, the seed and a one-line command that reproduces the failure.
:func:`check_family` runs them all; :func:`parametrize_with_checks` turns them into
one pytest test per (family, check), as scikit-learn does for estimators.

**Your code** is tested against the catalog with :func:`check_solver` (your solver
against a family's verifier), :func:`accepts` (a family's verdict on one output),
and the hypothesis strategies :func:`instances`, :func:`outputs` and
:func:`corruptions` (defined in :mod:`gaps.strategies`, imported on first use so that
the contract itself does not load hypothesis).

>>> import gaps
>>> from gaps.testing import check_family, check_solver
>>> check_family(gaps.get("sorting"))
>>> check_solver(gaps.get("sorting"), sorted)
"""

from __future__ import annotations

import functools
import os
import pickle
import random
import re
import reprlib
import shlex
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gaps.errors import DeclarationError, GapsError, InvalidArgument, UnknownName, did_you_mean
from gaps.family import Certified, Family, Pairing, verdict_of
from gaps.meter import Meter
from gaps.seeding import derive_rng

if TYPE_CHECKING:  # pragma: no cover
    from gaps.strategies import accepts, check_solver, corruptions, instances, outputs

__all__ = [
    "CHECKS",
    "ContractError",
    "SolverError",
    "accepts",
    "check_completeness",
    "check_corruptor_corrupts",
    "check_costs_grow",
    "check_declaration",
    "check_family",
    "check_global_rng_untouched",
    "check_sampling_reproducible",
    "check_solver",
    "check_soundness",
    "check_theory_consistent",
    "check_verifier_pure",
    "check_verifier_returns_verdict",
    "check_verifier_total",
    "contract_sizes",
    "corruptions",
    "instances",
    "outputs",
    "parametrize_with_checks",
]

#: Testing your code against families lives in gaps.strategies, loaded (with hypothesis)
#: on first use: checking a family's contract does not need hypothesis.
_LAZY = {"accepts", "check_solver", "corruptions", "instances", "outputs"}

Check = Callable[[Family, int, int], None]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import gaps.strategies

        return getattr(gaps.strategies, name)
    raise AttributeError(f"module 'gaps.testing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class ContractError(GapsError, AssertionError):
    """A family broke its contract; the message says how to reproduce it."""


class SolverError(GapsError, AssertionError):
    """A solver under :func:`check_solver` gave a wrong answer (or raised).

    The failing case is kept: ``family`` (its name), ``size``, ``seed`` (the
    instance is ``family.sample(size, random.Random(seed))``), ``instance``,
    ``output`` (None when the solver raised) and ``verifier``.
    """

    family: str
    size: int
    seed: int
    instance: Any
    output: Any
    verifier: str | None

    def __init__(self, message: str, **case: Any) -> None:
        super().__init__(message)
        self.__dict__.update(case)


# --------------------------------------------------------------------------- helpers


def contract_sizes(family: Family) -> tuple[int, ...]:
    """The small sizes the contract runs at: the family's two smallest, or 4 and 8.

    >>> import gaps
    >>> contract_sizes(gaps.get("sorting"))
    (64, 128)
    """
    return tuple(sorted(family.sizes)[:2]) if family.sizes else (4, 8)


def _split(result: Any) -> tuple[Any, Any]:
    return (result.output, result.certificate) if isinstance(result, Certified) else (result, None)


def _call_verifier(family: Family, name: str, instance: Any, output: Any, certificate: Any) -> Any:
    verifier = family.verifiers[name]
    if verifier.mode == "certified":
        return verifier.fn(instance, output, certificate, Meter())
    return verifier.fn(instance, output, Meter())


def _verdict_of(family: Family, name: str, value: Any) -> bool | None:
    """True (accepted), False (rejected) or None (not a verdict for this verifier's mode)."""
    return verdict_of(family.verifiers[name].mode, value)


def _same(a: Any, b: Any) -> bool:
    try:
        return pickle.dumps(a) == pickle.dumps(b) or bool(a == b)
    except Exception:  # unpicklable, or == gives an array: not provably equal
        return False


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 8


def _short(value: Any) -> str:
    """A bounded repr: instances can be large, and a message must stay readable."""
    return _REPR.repr(value)


def _as_family(value: Any, owner: str) -> Family:
    if isinstance(value, Family):
        return value
    if isinstance(value, str):
        from gaps.registry import get

        return get(value)
    raise InvalidArgument(
        f"The 'family' parameter of {owner}() must be a gaps.Family or the name of a "
        f"registered family. Got {_short(value)} ({type(value).__name__})."
    )


def _registered(family: Family) -> bool:
    try:
        from gaps.registry import get

        return get(family.name) is family
    except Exception:  # a catalog that fails to load must not hide the original failure
        return False


def _module_attribute(family: Family) -> str | None:
    """``module.NAME`` bound to ``family`` in the module that defines its sampler."""
    module_name = getattr(family.sample, "__module__", None)
    module = sys.modules.get(module_name or "")
    if module is None or module_name == "__main__":
        return None
    for attr, value in vars(module).items():
        if value is family and not attr.startswith("_"):
            return f"{module_name}.{attr}"
    return None


def _reproduction(family: Family, code: str) -> str:
    """A one-line command running ``code``, in which ``FAMILY`` stands for the family."""
    if _registered(family):
        line = "import gaps, gaps.testing as t; " + code.replace(
            "FAMILY", f"gaps.get({family.name!r})"
        )
        return f'python -c "{line}"'
    node = os.environ.get("PYTEST_CURRENT_TEST")
    if node:  # a test's own family: rerunning its test reruns the same seeds
        return "python -m pytest " + shlex.quote(re.sub(r" \((setup|call|teardown)\)$", "", node))
    located = _module_attribute(family)
    if located:
        module = located.rsplit(".", 1)[0]
        line = f"import gaps, gaps.testing as t, {module}; " + code.replace("FAMILY", located)
        return f'python -c "{line}"'
    line = "import gaps.testing as t; " + code.replace("FAMILY", "family")
    return f"{line}  # with family = your family {family.name!r}"


# --------------------------------------------------------------------------- the checks

#: (pairing, instance, (output, certificate), what it is): one answer shown to a verifier.
Answer = tuple[Pairing, Any, tuple[Any, Any], str]


@dataclass(frozen=True)
class _Run:
    """One check at one (size, seed): runs family code and words its failures."""

    family: Family
    check: Check
    size: int
    seed: int

    def fail(self, what: str) -> ContractError:
        call = f"t.{self.check.__name__}(FAMILY, size={self.size}, seed={self.seed})"
        return ContractError(
            f"{self.family.name}: {self.check.__name__} failed at size {self.size}, "
            f"seed {self.seed}: {what}\n  reproduce: {_reproduction(self.family, call)}"
        )

    def call(self, role: str, fn: Callable[..., Any], *args: Any) -> Any:
        """Run family code; an exception becomes this check's failure, naming the role."""
        try:
            return fn(*args)
        except Exception as exc:
            raise self.fail(f"{role} raised {type(exc).__name__}: {exc}") from exc

    def instance(self, index: int = 0, size: int | None = None) -> Any:
        size = self.size if size is None else size
        rng = derive_rng(self.seed, self.family.name, size, index)
        return self.call("the sampler", self.family.sample, size, rng)

    def honest(self, index: int = 0) -> Iterator[tuple[Pairing, Any, Any]]:
        """(pairing, instance, generator result) for every pairing, generating once each."""
        instance = self.instance(index)
        for name, generate in self.family.generators.items():
            result = self.call(f"generator {name!r}", generate, instance, Meter())
            for pairing in self.family.pairings:
                if pairing.generator == name:
                    yield pairing, instance, result

    def corruption(self, instance: Any, result: Any) -> Any:
        assert self.family.corrupt is not None  # callers check; mypy cannot see it
        rng = derive_rng(self.seed, self.family.name, self.size, 0, "corrupt")
        return self.call("the corruptor", self.family.corrupt, instance, result, rng)

    def wrong_answers(self, others: bool = True) -> Iterator[Answer]:
        """Well-typed wrong answers: corruptions, and another instance's honest outputs.

        A "corruption" equal to its output is skipped (check_corruptor_corrupts reports
        it). Another instance's output may happen to be right; the checks using it only
        ask how the verifier answers, never what it answers.
        """
        other = {p.generator: r for p, _, r in self.honest(index=1)} if others else {}
        for pairing, instance, result in self.honest():
            corrupted = None if self.family.corrupt is None else self.corruption(instance, result)
            if corrupted is not None and not _same(corrupted, result):
                bad, bad_certificate = _split(corrupted)
                if bad_certificate is None:  # a corrupted output keeps the honest certificate
                    bad_certificate = _split(result)[1]
                what = f"a corruption of an output of generator {pairing.generator!r}"
                yield pairing, instance, (bad, bad_certificate), what
            if others:
                what = "another instance's honest output of the same size"
                yield pairing, instance, _split(other[pairing.generator]), what

    def answers(self) -> Iterator[Answer]:
        """Honest outputs, then wrong answers."""
        for pairing, instance, result in self.honest():
            yield pairing, instance, _split(result), f"an honest output of {pairing.generator!r}"
        yield from self.wrong_answers()


def _verify(family: Family, answer: Answer) -> Any:
    pairing, instance, (output, certificate), _ = answer
    return _call_verifier(family, pairing.verifier, instance, output, certificate)


def _redeclare(family: Family) -> None:
    """Declare the family again from its parts: what was validated once must still hold."""
    Family(
        family.name,
        family.sample,
        family.generate,
        family.verify,
        family.corrupt,
        domain=family.domain,
        summary=family.summary,
        theory=family.theory,
        references=family.references,
        tags=family.tags,
        units=family.units,
        sizes=family.sizes,
        pairings=[(p.generator, p.verifier) for p in family.pairings],
    )


def check_declaration(family: Family, size: int, seed: int) -> None:
    """The declaration (theory included) still validates, and the family can go to workers.

    Families travel to worker processes with cloudpickle; one holding a lock, an open
    file or another unpicklable object in a closure would fail there, far from here.

    >>> import gaps
    >>> check_declaration(gaps.get("sorting"), size=64, seed=0)
    """
    import cloudpickle

    run = _Run(family, check_declaration, size, seed)
    try:
        _redeclare(family)
    except DeclarationError as exc:
        raise run.fail(f"the declaration no longer validates: {exc}") from exc
    try:
        cloudpickle.loads(cloudpickle.dumps(family))
    except Exception as exc:
        raise run.fail(
            f"the family cannot be sent to worker processes (cloudpickle: "
            f"{type(exc).__name__}: {exc}). Declare its functions without references to "
            "open files, locks or other unpicklable state."
        ) from exc


@functools.lru_cache(maxsize=256)
def _implied_sign(generate: str, verify: str) -> str | None:
    """The sign two growths imply; None when one does not parse (check_declaration's case)."""
    from gaps.symbolic import compare_growth, parse_growth

    try:
        a, b = parse_growth(generate), parse_growth(verify)
    except ValueError:
        return None
    order = compare_growth(a, b)  # ValueError when sympy cannot take the limit
    return {"faster": "positive", "same": "neutral", "slower": "negative"}[order]


def check_theory_consistent(family: Family, size: int, seed: int) -> None:
    """Each declared sign follows from the declared growths (skipped without a theory).

    ``positive`` needs the generator's growth to dominate the verifier's, ``neutral``
    the same growth, ``negative`` the reverse (sympy limits); a ``compare`` verifier
    regenerates, so its sign is never positive.

    >>> import gaps
    >>> check_theory_consistent(gaps.get("sorting"), size=64, seed=0)
    """
    theory, run = family.theory, _Run(family, check_theory_consistent, size, seed)
    if theory is None:
        return
    for pairing in family.pairings:
        sign = theory.sign_of(pairing)
        if pairing.mode == "compare" and sign == "positive":
            raise run.fail(
                f"the theory says pairing {pairing.name!r} is positive, but a compare "
                "verifier regenerates the output, so its gap is never positive."
            )
        generate = theory.growth_of("generate", pairing.generator)
        verify = theory.growth_of("verify", pairing.verifier)
        if sign not in ("positive", "negative", "neutral") or generate is None or verify is None:
            continue
        try:
            implied = _implied_sign(generate, verify)
        except ValueError as exc:
            raise run.fail(f"cannot compare the growths of {pairing.name!r}: {exc}") from exc
        if implied is not None and implied != sign:
            raise run.fail(
                f"the theory says pairing {pairing.name!r} is {sign}, but its growths "
                f"{generate!r} (generate) and {verify!r} (verify) make it {implied}."
            )


def check_sampling_reproducible(family: Family, size: int, seed: int) -> None:
    """The same rng state gives the same instance (compared by pickled bytes, then ==).

    >>> import gaps
    >>> check_sampling_reproducible(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_sampling_reproducible, size, seed)
    if not _same(run.instance(), run.instance()):
        raise run.fail("two samples from equal rngs differ: draw all randomness from `rng`.")


def check_global_rng_untouched(family: Family, size: int, seed: int) -> None:
    """Sampling, generating, verifying and corrupting leave the global RNGs alone.

    The global states are first moved to a fresh point (and restored afterwards), so a
    family that reseeds them is caught even when an earlier call left them where that
    reseeding leads.

    >>> import gaps
    >>> check_global_rng_untouched(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_global_rng_untouched, size, seed)
    saved, np_saved = random.getstate(), _numpy_state()
    random.seed(f"gaps-sentinel-{seed}")
    sentinel = random.getstate()
    np = sys.modules.get("numpy")
    if np is not None:
        np.random.seed(seed % 2**32)
    np_sentinel = _numpy_state()
    try:
        for pairing, instance, result in run.honest():
            run.call(
                f"verifier {pairing.verifier!r}",
                _verify,
                family,
                (pairing, instance, _split(result), ""),
            )
            if family.corrupt is not None:
                run.corruption(instance, result)
        python_changed = random.getstate() != sentinel
        numpy_changed = np_sentinel is not None and not _same_numpy_state(np_sentinel)
    finally:
        random.setstate(saved)
        if np is not None and np_saved is not None:
            np.random.set_state(np_saved)
    if python_changed:
        raise run.fail("the global `random` state changed: use the `rng` argument.")
    if numpy_changed:
        raise run.fail(
            "numpy's global RNG state changed: use np.random.default_rng(rng.getrandbits(64))."
        )


def _numpy_state() -> Any:
    np = sys.modules.get("numpy")
    return None if np is None else np.random.get_state()


def _same_numpy_state(before: Any) -> bool:
    import numpy as np

    after: Any = np.random.get_state()
    return bool(before[0] == after[0] and (before[1] == after[1]).all() and before[2:] == after[2:])


def check_completeness(family: Family, size: int, seed: int) -> None:
    """Every verifier accepts its generators' honest outputs.

    A value that is not a verdict is :func:`check_verifier_returns_verdict`'s to report.

    >>> import gaps
    >>> check_completeness(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_completeness, size, seed)
    for pairing, instance, result in run.honest():
        answer = (pairing, instance, _split(result), "")
        value = run.call(
            f"verifier {pairing.verifier!r} (on an honest output)", _verify, family, answer
        )
        if _verdict_of(family, pairing.verifier, value) is False:
            raise run.fail(
                f"verifier {pairing.verifier!r} rejects an honest output of "
                f"generator {pairing.generator!r} (returned {_short(value)})."
            )


def check_soundness(family: Family, size: int, seed: int) -> None:
    """Every verifier rejects the corruptor's outputs (skipped without a corruptor).

    Raising on a corruption is not accepting it; :func:`check_verifier_total` reports it.

    >>> import gaps
    >>> check_soundness(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_soundness, size, seed)
    for answer in run.wrong_answers(others=False):  # another instance's output may be right
        pairing, what = answer[0], answer[3]
        try:
            value = _verify(family, answer)
        except Exception:
            continue
        if _verdict_of(family, pairing.verifier, value) is True:
            raise run.fail(
                f"verifier {pairing.verifier!r} accepts {what} (returned {_short(value)})."
            )


def check_verifier_returns_verdict(family: Family, size: int, seed: int) -> None:
    """Verifiers return a verdict: a bool (numpy's too), or a number in [0, 1] for ``grade``.

    Checked on honest outputs and wrong answers; a verifier that raises is left to
    :func:`check_completeness` and :func:`check_verifier_total`.

    >>> import gaps
    >>> check_verifier_returns_verdict(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_verifier_returns_verdict, size, seed)
    for answer in run.answers():
        try:
            value = _verify(family, answer)
        except Exception:
            continue
        name = answer[0].verifier
        if _verdict_of(family, name, value) is None:
            grader = family.verifiers[name].mode == "grade"
            raise run.fail(
                f"verifier {name!r} returned {_short(value)} ({type(value).__name__}) on "
                f"{answer[3]}; it must return {'a number in [0, 1]' if grader else 'a bool'}."
            )


def check_verifier_pure(family: Family, size: int, seed: int) -> None:
    """Verifiers leave the instance, output and certificate they are shown unchanged.

    Checked on honest outputs and wrong answers.

    >>> import gaps
    >>> check_verifier_pure(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_verifier_pure, size, seed)
    for answer in run.answers():
        before = pickle.dumps(answer[1:3])
        try:
            _verify(family, answer)
        except Exception:
            continue  # raising is check_completeness's or check_verifier_total's to report
        if pickle.dumps(answer[1:3]) != before:
            raise run.fail(
                f"verifier {answer[0].verifier!r} modified its instance or output "
                f"(shown {answer[3]})."
            )


def check_verifier_total(family: Family, size: int, seed: int) -> None:
    """Verifiers answer well-typed wrong answers instead of raising.

    The wrong answers are the corruptor's outputs and another instance's honest output
    of the same size: a dishonest generator hands in whatever it likes, and a verifier
    that crashes on it has not rejected it.

    >>> import gaps
    >>> check_verifier_total(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_verifier_total, size, seed)
    for answer in run.wrong_answers():
        try:
            _verify(family, answer)
        except Exception as exc:
            raise run.fail(
                f"verifier {answer[0].verifier!r} raised {type(exc).__name__}: {exc} on "
                f"{answer[3]}; a wrong answer must be rejected (return False), not raise."
            ) from exc


def check_corruptor_corrupts(family: Family, size: int, seed: int) -> None:
    """A corruption differs from the output it was made from (skipped without a corruptor).

    >>> import gaps
    >>> check_corruptor_corrupts(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_corruptor_corrupts, size, seed)
    for _, instance, result in run.honest() if family.corrupt is not None else ():
        if _same(run.corruption(instance, result), result):
            raise run.fail("the corruptor returned its input unchanged.")


#: Instances per size behind check_costs_grow. Costs can be random (a proof-of-work
#: search is geometric), so sizes are compared by samples, not by one instance each.
_COST_INSTANCES = 5


def _steps_by_side(run: _Run, size: int) -> dict[str, list[int]]:
    """Ticked steps of each generator and each pairing's verifier, one per instance."""
    family, steps = run.family, defaultdict[str, list[int]](list)
    for index in range(_COST_INSTANCES):
        instance = run.instance(index, size)
        for name, generate in family.generators.items():
            meter = Meter()
            result = run.call(f"generator {name!r}", generate, instance, meter)
            steps[f"generator {name!r}"].append(meter.steps)
            for pairing in (p for p in family.pairings if p.generator == name):
                verifier, meter = family.verifiers[pairing.verifier], Meter()
                args = _split(result) if verifier.mode == "certified" else _split(result)[:1]
                run.call(f"verifier {pairing.verifier!r}", verifier.fn, instance, *args, meter)
                steps[f"verifier {pairing.verifier!r} (on {name!r}'s outputs)"].append(meter.steps)
    return steps


def check_costs_grow(family: Family, size: int, seed: int) -> None:
    """Ticked steps grow with size (skipped unless ``"steps"`` is among the family's units).

    Five instances are drawn at each of two sizes (``size`` and the other contract
    size). A side fails when it ticks no steps at the larger size (it would fake a free
    side), or when every instance at the larger size ticks fewer steps than every
    instance at the smaller: a comparison that random costs (a geometric search) pass
    and costs that shrink with size fail.

    >>> import gaps
    >>> check_costs_grow(gaps.get("sorting"), size=128, seed=0)
    """
    if "steps" not in family.units:
        return
    run, sizes = _Run(family, check_costs_grow, size, seed), contract_sizes(family)
    small, large = (min(sizes), size) if size > min(sizes) else (size, max(sizes))
    at_small, at_large = _steps_by_side(run, small), _steps_by_side(run, large)
    for side, steps in at_large.items():
        if not any(steps):
            raise run.fail(
                f"{side} ticked no steps on {_COST_INSTANCES} instances of size {large}, "
                "yet the family lists 'steps' in its units: call meter.tick() where the "
                "work is done, or declare units without 'steps'."
            )
        if small < large and max(steps) < min(at_small[side]):
            raise run.fail(
                f"{side} ticked fewer steps on each of {_COST_INSTANCES} instances of size "
                f"{large} (at most {max(steps)}) than on any of size {small} "
                f"(at least {min(at_small[side])})."
            )


CHECKS: tuple[Check, ...] = (
    check_declaration,
    check_theory_consistent,
    check_sampling_reproducible,
    check_global_rng_untouched,
    check_completeness,
    check_soundness,
    check_verifier_returns_verdict,
    check_verifier_pure,
    check_verifier_total,
    check_corruptor_corrupts,
    check_costs_grow,
)

# --------------------------------------------------------------------------- running the checks


def _expected(value: Any, owner: str) -> dict[str, str]:
    """``expected_failures`` validated: known check names mapped to non-empty reasons."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgument(
            f"The 'expected_failures' parameter of {owner}() must be a mapping of check "
            f"name to reason. Got {_short(value)} ({type(value).__name__}). Hint: "
            "{'check_soundness': 'the corruptor is not written yet'}."
        )
    names = [check.__name__ for check in CHECKS]
    for name, reason in value.items():
        if name not in names:
            raise UnknownName(
                f"The 'expected_failures' parameter of {owner}() names no check {name!r}. "
                + did_you_mean(str(name), names)
            )
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidArgument(
                f"The reason for expecting {name!r} to fail, in 'expected_failures' of "
                f"{owner}(), must be a non-empty str. Got {_short(reason)} "
                f"({type(reason).__name__})."
            )
    return dict(value)


def _validate_seeds(seeds: Any, owner: str) -> tuple[int, ...]:
    seeds = tuple(seeds) if isinstance(seeds, Iterable) and not isinstance(seeds, str) else seeds
    if (
        not isinstance(seeds, tuple)
        or not seeds
        or not all(isinstance(s, int) and not isinstance(s, bool) for s in seeds)
    ):
        raise InvalidArgument(
            f"The 'seeds' parameter of {owner}() must be a non-empty sequence of ints. "
            f"Got {_short(seeds)} ({type(seeds).__name__})."
        )
    return seeds


def _first_failure(family: Family, check: Check, seeds: tuple[int, ...]) -> ContractError | None:
    for size in contract_sizes(family):
        for seed in seeds:
            try:
                check(family, size, seed)
            except ContractError as exc:
                return exc
    return None


def _unexpected_pass(family: Family, check: Check, reason: str) -> ContractError:
    return ContractError(
        f"{family.name}: check {check.__name__} was expected to fail ({reason}) but passed; "
        "remove it from expected_failures."
    )


def check_family(
    family: Family | str,
    expected_failures: Mapping[str, str] | None = None,
    *,
    seeds: Iterable[int] = (0, 1),
) -> None:
    """Run every contract check at the family's contract sizes and seeds.

    Every check runs, so one failure does not hide another; all failures are raised
    together in one :class:`ContractError`.

    Parameters
    ----------
    family : Family or str
        A family, or the name of a registered one.
    expected_failures : mapping of str to str, optional
        ``{check_name: reason}`` for checks known to fail. Strict: an expected failure
        that passes is itself an error, so the mapping never outlives the bug.
    seeds : iterable of int
        The contract seeds; each check runs at every contract size with each seed.

    Raises
    ------
    ContractError
        Listing every failing check (with a command reproducing each) and every
        expected failure that passed.

    Examples
    --------
    >>> import gaps
    >>> check_family(gaps.get("sorting"))
    >>> lazy = gaps.Family(
    ...     "lazy_sorting",
    ...     sample=lambda size, rng: [rng.randrange(9) for _ in range(size)],
    ...     generate=lambda xs, meter: sorted(xs),
    ...     verify=lambda xs, ys, meter: ys == sorted(xs),
    ...     units=("time",),
    ... )
    >>> check_family(lazy)
    >>> check_family(lazy, expected_failures={"check_soundness": "no corruptor yet"})
    Traceback (most recent call last):
    ...
    gaps.testing.ContractError: lazy_sorting: check check_soundness was expected to fail (no corruptor yet) but passed; remove it from expected_failures.
    >>> check_family(lazy, expected_failures={"soundness": "no corruptor yet"})
    Traceback (most recent call last):
    ...
    gaps.errors.UnknownName: The 'expected_failures' parameter of check_family() names no check 'soundness'. Did you mean 'check_soundness'?
    """  # noqa: E501
    fam = _as_family(family, "check_family")
    expected = _expected(expected_failures, "check_family")
    seeds = _validate_seeds(seeds, "check_family")
    problems: list[ContractError] = []
    for check in CHECKS:
        failure, reason = _first_failure(fam, check, seeds), expected.get(check.__name__)
        if failure is not None and reason is None:
            problems.append(failure)
        elif failure is None and reason is not None:
            problems.append(_unexpected_pass(fam, check, reason))
    if len(problems) == 1:
        raise problems[0]
    if problems:
        listed = "\n\n".join(str(problem) for problem in problems)
        raise ContractError(f"{fam.name}: {len(problems)} contract checks failed:\n\n{listed}")


@dataclass(frozen=True)
class _BoundCheck:
    """One check made a callable of the family alone, for :func:`parametrize_with_checks`."""

    check: Check
    reason: str | None
    seeds: tuple[int, ...]

    def __call__(self, family: Family) -> None:
        failure = _first_failure(family, self.check, self.seeds)
        if failure is not None and self.reason is None:
            raise failure
        if failure is None and self.reason is not None:
            raise _unexpected_pass(family, self.check, self.reason)
        if failure is not None and self.reason is not None:
            import pytest

            pytest.xfail(self.reason)

    def __repr__(self) -> str:
        return self.check.__name__


def parametrize_with_checks(
    families: Iterable[Family | str],
    expected_failures: Mapping[str, str]
    | Callable[[Family], Mapping[str, str] | None]
    | None = None,
    *,
    seeds: Iterable[int] = (0, 1),
) -> Any:
    """A pytest decorator making one test per (family, check), with ids ``family-check``.

    The decorated test takes ``family`` and ``check`` and calls ``check(family)``,
    which runs that check at every contract size and seed. Expected failures are
    strict: the test is reported as xfailed while the check fails, and fails as soon
    as the check passes.

    Parameters
    ----------
    families : iterable of Family or str
        Families, or names of registered ones.
    expected_failures : mapping of str to str, or callable, optional
        ``{check_name: reason}`` for every family, or a function of the family
        returning that mapping (or None).
    seeds : iterable of int
        The contract seeds.

    Examples
    --------
    In a test module::

        from gaps.testing import parametrize_with_checks

        @parametrize_with_checks([MY_FAMILY], expected_failures={"check_soundness": "#12"})
        def test_my_family(family, check):
            check(family)

    >>> import gaps
    >>> mark = parametrize_with_checks(["sorting"])
    >>> [p.id for p in mark.args[1]][:2]
    ['sorting-check_declaration', 'sorting-check_theory_consistent']
    """
    import pytest

    if isinstance(families, (str, Family)) or not isinstance(families, Iterable):
        raise InvalidArgument(
            "The 'families' parameter of parametrize_with_checks() must be an iterable of "
            f"families or names. Got {_short(families)} ({type(families).__name__}). "
            "Hint: parametrize_with_checks([family])."
        )
    seeds = _validate_seeds(seeds, "parametrize_with_checks")
    params = []
    for item in families:
        family = _as_family(item, "parametrize_with_checks")
        wanted = expected_failures(family) if callable(expected_failures) else expected_failures
        expected = _expected(wanted, "parametrize_with_checks")
        for check in CHECKS:
            bound = _BoundCheck(check, expected.get(check.__name__), seeds)
            params.append(pytest.param(family, bound, id=f"{family.name}-{check.__name__}"))
    return pytest.mark.parametrize("family, check", params)

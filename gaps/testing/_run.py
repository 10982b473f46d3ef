"""The machinery every contract check shares: running family code and wording failures.

A check at one (size, seed) is a :class:`_Run`: it draws instances with rngs derived
from (seed, family, size, index), calls the generators, verifiers and corruptor (an
exception becomes the check's failure, naming the role that raised), builds the
well-typed wrong answers the verifier checks show, and words a failure as a
:class:`ContractError` with a one-line command that reproduces it. The error types,
the contract sizes and the small helpers :mod:`gaps.testing._strategies` shares with the
checks (bounded reprs, verdicts, splitting a certified result) live here too.
"""

from __future__ import annotations

import os
import re
import reprlib
import shlex
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from gaps.errors import GapsError, InvalidArgument
from gaps.family import Family, Pairing, verdict_of
from gaps.meter import Meter
from gaps.roles import corruption, corruption_rng, split, verifier_call
from gaps.seeding import derive_rng

Check = Callable[[Family, int, int], None]


class ContractError(GapsError, AssertionError):
    """A family broke its contract; the message says how to reproduce it."""

    __module__ = "gaps.testing"  # its public home: tracebacks and pickle name it there


class SolverError(GapsError, AssertionError):
    """A solver under :func:`check_solver` gave a wrong answer (or raised).

    The failing case is kept: ``family`` (its name), ``size``, ``seed`` (the
    instance is ``family.sample(size, random.Random(seed))``), ``instance``,
    ``output`` (None when the solver raised) and ``verifier``.
    """

    __module__ = "gaps.testing"

    family: str
    size: int
    seed: int
    instance: Any
    output: Any
    verifier: str | None

    def __init__(self, message: str, **case: Any) -> None:
        super().__init__(message)
        self.__dict__.update(case)


def contract_sizes(family: Family) -> tuple[int, ...]:
    """The small sizes the contract runs at: the family's two smallest, or 4 and 8.

    >>> import gaps
    >>> contract_sizes(gaps.get("sorting"))
    (64, 128)
    """
    return tuple(sorted(family.sizes)[:2]) if family.sizes else (4, 8)


def _call_verifier(family: Family, name: str, instance: Any, output: Any, certificate: Any) -> Any:
    """Run a verifier on an answer by the path the survey's tasks take (its own meter)."""
    return verifier_call(family, name, instance, output, certificate)(Meter())


def _verdict_of(family: Family, name: str, value: Any) -> bool | None:
    """True (accepted), False (rejected) or None (not a verdict for this verifier's mode)."""
    return verdict_of(family.verifiers[name].mode, value)


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

    def corruption(self, pairing: Pairing, instance: Any, result: Any) -> Any:
        """The corruptor's output for this generator's result, drawn as a task draws it."""
        assert self.family.corrupt is not None  # callers check; mypy cannot see it
        rng = corruption_rng(self.seed, self.family, self.size, 0, pairing.generator)
        return self.call("the corruptor", self.family.corrupt, instance, result, rng)

    def wrong_answers(self, others: bool = True) -> Iterator[Answer]:
        """Well-typed wrong answers: corruptions, and another instance's honest outputs.

        A "corruption" equal to its output is skipped (check_corruptor_corrupts reports
        it). Another instance's output may happen to be right; the checks using it only
        ask how the verifier answers, never what it answers.
        """
        other = {p.generator: r for p, _, r in self.honest(index=1)} if others else {}
        for pairing, instance, result in self.honest():
            if self.family.corrupt is not None:
                bad = corruption(result, self.corruption(pairing, instance, result))
                if bad is not None:
                    what = f"a corruption of an output of generator {pairing.generator!r}"
                    yield pairing, instance, bad, what
            if others:
                what = "another instance's honest output of the same size"
                yield pairing, instance, split(other[pairing.generator]), what

    def answers(self) -> Iterator[Answer]:
        """Honest outputs, then wrong answers."""
        for pairing, instance, result in self.honest():
            yield pairing, instance, split(result), f"an honest output of {pairing.generator!r}"
        yield from self.wrong_answers()


def _verify(family: Family, answer: Answer) -> Any:
    pairing, instance, (output, certificate), _ = answer
    return _call_verifier(family, pairing.verifier, instance, output, certificate)

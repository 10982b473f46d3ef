"""Calling a family's roles: the one path the survey's tasks and the contract checks share.

A generator's result is an output, or a :class:`gaps.Certified` output with its
certificate; a ``certified`` verifier is shown both and every other mode the output
alone. A certified verifier handed a bare output has no certificate to check, and that
is the generator's mistake whoever runs it: :func:`verifier_call` raises
:class:`MissingCertificate`, which a task records as the call's error and a contract
check reports as its failure, rather than showing the verifier ``None``. A corruption
keeps the honest certificate unless the corruptor returns one of its own, and one equal
to what it was made from is no corruption (:func:`corruption` returns None: the
corruptor's fault, not a verifier's). Two values are the same when :func:`same` can
show it; what it cannot show equal counts as different, so a sampler whose instances
cannot be compared is never vouched for as reproducible.
"""

from __future__ import annotations

import pickle
import random
from collections.abc import Callable
from typing import Any

from gaps.errors import GapsError
from gaps.family import Certified, Family
from gaps.meter import Meter
from gaps.seeding import derive_rng

__all__ = [
    "NO_CERTIFICATE",
    "MissingCertificate",
    "corruption",
    "corruption_rng",
    "same",
    "split",
    "verifier_call",
]


class MissingCertificate(GapsError, TypeError):
    """A certified verifier was to be shown a generator's output without a certificate."""


class _NoCertificate:
    def __repr__(self) -> str:
        return "NO_CERTIFICATE"

    def __reduce__(self) -> str:
        return "NO_CERTIFICATE"  # unpickles as the one instance


#: What a generator that returned no ``gaps.Certified`` has as its certificate (a
#: certificate may itself be None, so None cannot mean "none").
NO_CERTIFICATE: Any = _NoCertificate()


def split(result: Any) -> tuple[Any, Any]:
    """(output, certificate) of a generator's result; NO_CERTIFICATE when it has none.

    >>> import gaps
    >>> split(gaps.Certified(output=[1, 2], certificate=(1, 0)))
    ([1, 2], (1, 0))
    >>> split([1, 2])
    ([1, 2], NO_CERTIFICATE)
    """
    if isinstance(result, Certified):
        return result.output, result.certificate
    return result, NO_CERTIFICATE


def verifier_call(
    family: Family, name: str, instance: Any, output: Any, certificate: Any
) -> Callable[[Meter], Any]:
    """The call of verifier ``name`` on an answer, as a function of the meter.

    >>> import gaps
    >>> check = verifier_call(gaps.get("sorting"), "check", [2, 1], [1, 2], NO_CERTIFICATE)
    >>> check(gaps.Meter())
    True
    """
    verifier = family.verifiers[name]
    if verifier.mode != "certified":
        return lambda meter: verifier.fn(instance, output, meter)
    if certificate is NO_CERTIFICATE:
        raise MissingCertificate(
            f"certified verifier {name!r} of family {family.name!r} needs a certificate, but "
            "the generator returned none; return gaps.Certified(output, certificate) from it."
        )
    return lambda meter: verifier.fn(instance, output, certificate, meter)


def corruption_rng(
    seed: int, family: Family, size: int, index: int, generator: str
) -> random.Random:
    """The rng the corruptor gets for instance ``index`` of a generator's outputs.

    >>> import gaps
    >>> corruption_rng(0, gaps.get("sorting"), 8, 0, "timsort").random() < 1
    True
    """
    return derive_rng(seed, family.name, size, index, "corrupt", generator)


def corruption(result: Any, corrupted: Any) -> tuple[Any, Any] | None:
    """(output, certificate) of a corruption of ``result``; None when nothing changed.

    >>> corruption([1, 2], [2, 1])
    ([2, 1], NO_CERTIFICATE)
    >>> corruption([1, 2], [1, 2]) is None
    True
    """
    output, certificate = split(result)
    bad_output, bad_certificate = split(corrupted)
    if bad_certificate is NO_CERTIFICATE:
        bad_certificate = certificate  # a corrupted output keeps the honest certificate
    if same(bad_output, output) and same(bad_certificate, certificate):
        return None
    return bad_output, bad_certificate


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` can be shown equal: pickled bytes, then ``==``, then repr.

    ``==`` may not give a bool (numpy arrays, z3 terms); those are compared by their
    values' representations, and anything that still cannot be compared counts as
    different.

    >>> same({1: [2]}, {1: [2]}), same([1], [2])
    (True, False)
    """
    try:
        if pickle.dumps(a) == pickle.dumps(b):
            return True
    except Exception:  # unpicklable: left to the comparisons below
        pass
    try:
        return bool(a == b)
    except Exception:  # == gave no truth value
        pass
    try:
        import numpy as np

        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            return bool(np.array_equal(a, b))
    except Exception:
        return False
    try:
        return type(a) is type(b) and repr(a) == repr(b)
    except Exception:
        return False

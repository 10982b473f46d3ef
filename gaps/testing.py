"""The family contract, as small named checks any family (built-in or yours) must pass.

Each check takes a family, a size and a seed, runs the family in this process, and
raises :class:`ContractError` naming the family, the check, the seed and a command
that reproduces the failure.

>>> import gaps
>>> from gaps.testing import check_family
>>> check_family(gaps.get("sorting"))
"""

from __future__ import annotations

import pickle
import random
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from gaps.errors import GapsError
from gaps.family import Certified, Family, Pairing
from gaps.meter import Meter
from gaps.seeding import derive_rng

__all__ = [
    "CHECKS",
    "ContractError",
    "check_completeness",
    "check_corruptor_corrupts",
    "check_family",
    "check_global_rng_untouched",
    "check_sampling_reproducible",
    "check_soundness",
    "check_verifier_pure",
    "contract_sizes",
]


class ContractError(GapsError, AssertionError):
    """A family broke its contract; the message says how to reproduce it."""


def _fail(
    family: Family, check: Callable[..., Any], size: int, seed: int, what: str
) -> ContractError:
    command = (
        f'python -c "import gaps, gaps.testing as t; '
        f't.{check.__name__}(gaps.get({family.name!r}), size={size}, seed={seed})"'
    )
    return ContractError(
        f"{family.name}: {check.__name__} failed at size {size}, seed {seed}: {what}\n"
        f"  reproduce: {command}"
    )


def contract_sizes(family: Family) -> tuple[int, ...]:
    """The small sizes the contract runs at: the family's two smallest, or 4 and 8."""
    return tuple(sorted(family.sizes)[:2]) if family.sizes else (4, 8)


def _instance(family: Family, size: int, seed: int) -> Any:
    return family.sample(size, derive_rng(seed, family.name, size, 0))


def _split(result: Any) -> tuple[Any, Any]:
    return (result.output, result.certificate) if isinstance(result, Certified) else (result, None)


def _verdict(family: Family, name: str, instance: Any, output: Any, certificate: Any) -> Any:
    verifier = family.verifiers[name]
    if verifier.mode == "certified":
        value = verifier.fn(instance, output, certificate, Meter())
    else:
        value = verifier.fn(instance, output, Meter())
    return value


def _accepts(family: Family, name: str, value: Any) -> bool | None:
    mode = family.verifiers[name].mode
    if mode == "grade":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
        return (value >= 1 - 1e-9) if ok else None
    return bool(value) if isinstance(value, bool) or type(value).__name__ == "bool_" else None


def check_sampling_reproducible(family: Family, size: int, seed: int) -> None:
    """The same rng state gives the same instance (compared by pickled bytes)."""
    a, b = _instance(family, size, seed), _instance(family, size, seed)
    if pickle.dumps(a) != pickle.dumps(b) and a != b:
        raise _fail(
            family,
            check_sampling_reproducible,
            size,
            seed,
            "two samples from equal rngs differ: draw all randomness from `rng`.",
        )


def _honest(family: Family, size: int, seed: int) -> Iterator[tuple[Pairing, Any, Any]]:
    """(pairing, instance, generator result) for every pairing, generating once each."""
    instance = _instance(family, size, seed)
    for name, generate in family.generators.items():
        result = generate(instance, Meter())
        for pairing in family.pairings:
            if pairing.generator == name:
                yield pairing, instance, result


def _corruption(family: Family, instance: Any, result: Any, size: int, seed: int) -> Any:
    assert family.corrupt is not None
    rng = derive_rng(seed, family.name, size, 0, "corrupt")
    return family.corrupt(instance, result, rng)


def check_global_rng_untouched(family: Family, size: int, seed: int) -> None:
    """Sampling, generating, verifying and corrupting leave the global RNGs alone.

    The global states are first moved to a fresh point (and restored afterwards), so a
    family that reseeds them is caught even when an earlier call left them where that
    reseeding leads.
    """
    saved, np_saved = random.getstate(), _numpy_state()
    random.seed(f"gaps-sentinel-{seed}")
    sentinel = random.getstate()
    np = sys.modules.get("numpy")
    if np is not None:
        np.random.seed(seed + 12345)
    np_sentinel = _numpy_state()
    try:
        for pairing, instance, result in _honest(family, size, seed):
            _verdict(family, pairing.verifier, instance, *_split(result))
            if family.corrupt is not None:
                _corruption(family, instance, result, size, seed)
        python_changed = random.getstate() != sentinel
        numpy_changed = np_sentinel is not None and not _same_numpy_state(np_sentinel)
    finally:
        random.setstate(saved)
        if np is not None and np_saved is not None:
            np.random.set_state(np_saved)
    if python_changed:
        raise _fail(
            family,
            check_global_rng_untouched,
            size,
            seed,
            "the global `random` state changed: use the `rng` argument.",
        )
    if numpy_changed:
        raise _fail(
            family,
            check_global_rng_untouched,
            size,
            seed,
            "numpy's global RNG state changed: use np.random.default_rng(rng.getrandbits(64)).",
        )


def _numpy_state() -> Any:
    np = sys.modules.get("numpy")
    return None if np is None else np.random.get_state()


def _same_numpy_state(before: Any) -> bool:
    import numpy as np

    after: Any = np.random.get_state()
    return bool(before[0] == after[0] and (before[1] == after[1]).all() and before[2:] == after[2:])


def check_completeness(family: Family, size: int, seed: int) -> None:
    """Every verifier accepts its generators' honest outputs."""
    for pairing, instance, result in _honest(family, size, seed):
        value = _verdict(family, pairing.verifier, instance, *_split(result))
        verdict = _accepts(family, pairing.verifier, value)
        if not verdict:
            what = "rejects" if verdict is False else f"returns {value!r:.60}, not a verdict, for"
            raise _fail(
                family,
                check_completeness,
                size,
                seed,
                f"verifier {pairing.verifier!r} {what} an honest output of "
                f"generator {pairing.generator!r}.",
            )


def check_soundness(family: Family, size: int, seed: int) -> None:
    """Every verifier rejects the corruptor's outputs (skipped without a corruptor)."""
    if family.corrupt is None:
        return
    for pairing, instance, result in _honest(family, size, seed):
        _, certificate = _split(result)
        corrupted = _corruption(family, instance, result, size, seed)
        if pickle.dumps(corrupted) == pickle.dumps(result):
            continue  # not a corruption at all: check_corruptor_corrupts reports it
        bad, bad_certificate = _split(corrupted)
        cert = certificate if bad_certificate is None else bad_certificate
        value = _verdict(family, pairing.verifier, instance, bad, cert)
        if _accepts(family, pairing.verifier, value) is not False:
            raise _fail(
                family,
                check_soundness,
                size,
                seed,
                f"verifier {pairing.verifier!r} accepts a corruption of generator "
                f"{pairing.generator!r}'s output (returned {value!r:.60}).",
            )


def check_verifier_pure(family: Family, size: int, seed: int) -> None:
    """Verifiers leave the instance and the output they are shown unchanged."""
    for pairing, instance, result in _honest(family, size, seed):
        before = pickle.dumps((instance, result))
        _verdict(family, pairing.verifier, instance, *_split(result))
        if pickle.dumps((instance, result)) != before:
            raise _fail(
                family,
                check_verifier_pure,
                size,
                seed,
                f"verifier {pairing.verifier!r} modified its instance or output.",
            )


def check_corruptor_corrupts(family: Family, size: int, seed: int) -> None:
    """A corruption differs from the output it was made from."""
    if family.corrupt is None:
        return
    for _, instance, result in _honest(family, size, seed):
        bad = _corruption(family, instance, result, size, seed)
        if pickle.dumps(bad) == pickle.dumps(result):
            raise _fail(
                family,
                check_corruptor_corrupts,
                size,
                seed,
                "the corruptor returned its input unchanged.",
            )


CHECKS: tuple[Callable[[Family, int, int], None], ...] = (
    check_sampling_reproducible,
    check_global_rng_untouched,
    check_completeness,
    check_soundness,
    check_verifier_pure,
    check_corruptor_corrupts,
)


def check_family(family: Family, seeds: Iterable[int] = (0, 1)) -> None:
    """Run every check at the family's contract sizes; raise on the first failure."""
    for check in CHECKS:
        for size in contract_sizes(family):
            for seed in seeds:
                check(family, size, seed)

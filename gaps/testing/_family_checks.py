"""The checks of a family as a whole: its declaration, its randomness and its costs.

:func:`check_declaration` and :func:`check_theory_consistent` look at what the family
declares (it still validates, it can travel to workers, its signs follow from its
growths); :func:`check_sampling_reproducible` and :func:`check_global_rng_untouched`
at how it draws randomness (only from the ``rng`` it is given);
:func:`check_costs_grow` at what its meters tick. Each takes a family, a size and a
seed and raises :class:`~gaps.testing.ContractError` on failure.
"""

from __future__ import annotations

import functools
import random
import sys
from collections import defaultdict
from typing import Any

from gaps.errors import DeclarationError
from gaps.family import Family
from gaps.meter import Meter
from gaps.roles import same, split, verifier_call
from gaps.testing._run import _Run, _verify, contract_sizes


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
        units=family._pairing_units or family.units,
        sizes=family._pairing_sizes or family.sizes,
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
        if sign not in ("positive", "negative", "neutral"):
            continue
        # The sign must follow from the growths in every unit the theory states.
        for unit in (None, *theory.units):
            generate = theory.growth_of("generate", pairing.generator, unit)
            verify = theory.growth_of("verify", pairing.verifier, unit)
            if generate is None or verify is None:
                continue
            where = "" if unit is None else f" in {unit}"
            try:
                implied = _implied_sign(generate, verify)
            except ValueError as exc:
                raise run.fail(
                    f"cannot compare the growths of {pairing.name!r}{where}: {exc}"
                ) from exc
            if implied is not None and implied != sign:
                raise run.fail(
                    f"the theory says pairing {pairing.name!r} is {sign}, but its growths "
                    f"{generate!r} (generate) and {verify!r} (verify){where} make it "
                    f"{implied}."
                )


def check_sampling_reproducible(family: Family, size: int, seed: int) -> None:
    """The same rng state gives the same instance (compared by pickled bytes, then ==).

    >>> import gaps
    >>> check_sampling_reproducible(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_sampling_reproducible, size, seed)
    if not same(run.instance(), run.instance()):
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
                (pairing, instance, split(result), ""),
            )
            if family.corrupt is not None:
                run.corruption(pairing, instance, result)
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
                meter = Meter()
                call = run.call(
                    f"verifier {pairing.verifier!r}",
                    verifier_call,
                    family,
                    pairing.verifier,
                    instance,
                    *split(result),
                )
                run.call(f"verifier {pairing.verifier!r}", call, meter)
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

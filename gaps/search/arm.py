"""Arm a candidate: add, beside its own verifiers, one "attack, then the decider"
verifier and one bare probe per attack.

One sweep measures the family's own verifiers and the probes; each attack thus runs
once per object, and the decider once. The composite's calls are not run again: a
composite call is the probe's call followed, when the attack found no checked
witness, by the decider's call on the same object, so its record is assembled from
those two (:func:`measure_armed`).
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from gaps.calls import CallRecord
from gaps.errors import DeclarationError
from gaps.execution import Runner
from gaps.family import Family, Verifier, blind
from gaps.measure import Measurements, Sweep, run_sweep, sweep
from gaps.search.attack import Attack
from gaps.settings import Settings

#: The name of the verifier that runs ``attack`` then falls back to ``decider``.
COMPOSITE = "{attack}_then_{decider}"
#: The name of the verifier that accepts exactly when ``attack`` finds a checked witness.
PROBE = "{attack}_alone"


def own_verifiers(family: Family, mode: str) -> list[str]:
    """The names of ``family``'s verifiers of ``mode``, in declaration order."""
    return [name for name, v in family.verifiers.items() if v.mode == mode]


class _Composite:
    """Run the attack; a witness the certified check accepts decides, else the decider."""

    def __init__(self, attack: Attack, check: Verifier, decide: Verifier | None) -> None:
        self.attack, self.check, self.decide = attack, check, decide
        # Stored measurements are reused only while this name holds: it carries the
        # attack's code, since the source of this class is the same for every attack.
        try:
            code = inspect.getsource(attack.fn)
        except (OSError, TypeError):
            code = getattr(attack.fn, "__qualname__", attack.name)
        digest = hashlib.sha256(code.encode()).hexdigest()[:12]
        self.__qualname__ = f"{attack.name}:{digest}:{decide is not None}"

    def __call__(self, instance: Any, output: Any, meter: Any) -> bool:
        found = self.attack.fn(output, meter)
        if found is not None and self.check.fn(instance, output, found, meter):
            return True
        return False if self.decide is None else bool(self.decide.fn(instance, output, meter))


def arm(family: Family, attacks: Sequence[Attack]) -> Family:
    """``family`` with a composite and a probe verifier per attack, first generator only.

    >>> import gaps
    >>> from gaps.search.attack import attacks_for
    >>> fam = gaps.Family("tiny_factor", lambda n, rng: n, lambda n, m: gaps.Certified(15, 3),
    ...     {"check": gaps.certified(lambda n, x, w, m: 1 < w < x and x % w == 0),
    ...      "decide": gaps.blind(lambda n, x, m: any(x % d == 0 for d in range(2, x)))},
    ...     kind="factor")
    >>> sorted(arm(fam, attacks_for("factor")[:1]).verifiers)
    ['check', 'decide', 'trial_division_alone', 'trial_division_then_decide']
    """
    checks = own_verifiers(family, "certified")
    if attacks and not checks:
        raise DeclarationError(
            f"Candidate {family.name!r} has attacks of kind {family.kind!r} but no certified "
            "verifier to check their witnesses; declare one with gaps.certified(...)."
        )
    deciders = own_verifiers(family, "blind")
    decider = deciders[0] if deciders else None
    # A task runs its verifiers in this order and ends at the first call stopped by the
    # time limit (its worker is killed): the probes run before the blind deciders, which
    # are the calls that reach it, so a censored decider does not take the attacks'
    # records on that object with it, and its stored task is complete, read back
    # rather than run again when the sweep is extended.
    verifiers = {n: v for n, v in family.verifiers.items() if v.mode != "blind"}
    for attack in attacks:
        probe = _Composite(attack, family.verifiers[checks[0]], None)
        verifiers[PROBE.format(attack=attack.name)] = blind(probe)
    verifiers.update((n, v) for n, v in family.verifiers.items() if v.mode == "blind")
    for attack in attacks:
        if decider is not None:
            composite = _Composite(attack, family.verifiers[checks[0]], family.verifiers[decider])
            verifiers[COMPOSITE.format(attack=attack.name, decider=decider)] = blind(composite)
    generator = next(iter(family.generators))
    sizes: Any = None
    if family.sizes is not None:
        reach = family.sizes_of(family.pairing(decider)) if decider else family.sizes
        sizes = {
            name: family.sizes_of(family.pairing(name)) if name in family.verifiers else reach
            for name in verifiers
        }
    base = family.units_of(family.pairing(decider)) if decider else family.units
    units = {
        name: family.units_of(family.pairing(name)) if name in family.verifiers else base
        for name in verifiers
    }
    return Family(
        family.name,
        family.sample,
        {generator: family.generators[generator]},
        verifiers,
        family.corrupt,
        domain=family.domain,
        summary=family.summary,
        tags=family.tags,
        units=units,
        sizes=sizes,
        kind=family.kind,
        origin=family.origin,
    )


def _composed(probe: CallRecord, decider: CallRecord | None, name: str) -> CallRecord | None:
    """The record of "attack, then the decider" on one object, from its two parts.

    A checked witness decides at the probe's cost. Otherwise (no witness, or the attack
    stopped by its budget: a failed attempt) the decider runs after it, and the call
    costs both and ends as the decider's did. An attack that raised is a bug the
    composite keeps.
    """
    if probe.outcome == "ok" and probe.verdict is True:
        return replace(probe, verifier=name, counters=dict(probe.counters))
    if probe.outcome in ("error", "rejected"):
        return replace(probe, verifier=name, counters=dict(probe.counters))
    if decider is None:
        return None

    def total(a: float | int | None, b: float | int | None) -> Any:
        return None if a is None or b is None else a + b

    counters = {
        key: probe.counters.get(key, 0) + decider.counters.get(key, 0)
        for key in probe.counters.keys() | decider.counters.keys()
    }
    memory = [m for m in (probe.memory, decider.memory) if m is not None]
    return replace(
        decider,
        verifier=name,
        steps=total(probe.steps, decider.steps),
        cpu=total(probe.cpu, decider.cpu),
        wall=total(probe.wall, decider.wall),
        memory=max(memory) if memory else None,
        counters=counters,
    )


def measure_armed(
    armed: Family,
    attacks: Sequence[Attack],
    sizes: Sequence[int] | None,
    settings: Settings,
    *,
    pool: Runner,
    run_id: int = 0,
) -> Measurements:
    """Measure an :func:`arm`-ed family: its own verifiers and probes are run, and each
    composite's records are assembled from its probe's and its decider's.

    >>> import gaps
    >>> from gaps.execution import WorkerPool
    >>> from gaps.search.attack import attacks_for
    >>> fam = gaps.Family("tiny_factor", lambda n, rng: n,
    ...     lambda n, m: gaps.Certified(15 * n, 3),
    ...     {"check": gaps.certified(lambda n, x, w, m: 1 < w < x and x % w == 0),
    ...      "decide": gaps.blind(lambda n, x, m: any(x % d == 0 for d in range(2, x)))},
    ...     kind="factor", sizes=(4, 8, 16, 32))
    >>> tried = attacks_for("factor")[:1]
    >>> with WorkerPool(1) as pool:
    ...     meas = measure_armed(arm(fam, tried), tried, None, gaps.Settings(instances=2),
    ...                          pool=pool)
    >>> [r.verdict for _, _, r in meas.calls(meas.family.pairing(
    ...     "trial_division_then_decide"), "verify")][:2]
    [True, True]
    """
    return run_sweep(sweep_armed(armed, attacks, sizes, settings, run_id=run_id), pool)


def sweep_armed(
    armed: Family,
    attacks: Sequence[Attack],
    sizes: Sequence[int] | None,
    settings: Settings,
    *,
    run_id: int = 0,
) -> Sweep:
    """:func:`measure_armed` as a :func:`gaps.measure.sweep`, for a caller that runs it."""
    deciders = own_verifiers(armed, "blind")
    parts = {
        COMPOSITE.format(attack=a.name, decider=deciders[0]): (
            PROBE.format(attack=a.name),
            deciders[0],
        )
        for a in attacks
        if deciders and COMPOSITE.format(attack=a.name, decider=deciders[0]) in armed.verifiers
    }
    meas = yield from sweep(
        without_verifiers(armed, set(parts)), sizes, settings, run_id=run_id, stop_censored=True
    )
    records = {}
    for key, calls in meas.records.items():
        added = list(calls)
        for name, (probe, decider) in parts.items():
            for role in ("verify", "verify_corrupt"):
                found = {r.verifier: r for r in calls if r.role == role}
                if probe in found:
                    record = _composed(found[probe], found.get(decider), name)
                    if record is not None:
                        added.append(record)
        records[key] = added
    # A composite is measured where both its parts are.
    schedules = dict(meas.schedules)
    generator = next(iter(armed.generators))
    for name, parts_of in parts.items():
        keys = [f"{generator}/{p}" for p in parts_of]
        own = [set(schedules[k]) for k in keys if k in schedules]
        if own:
            schedules[f"{generator}/{name}"] = tuple(sorted(set.intersection(*own)))
    return Measurements(armed, meas.seed, meas.limits, records, meas.resumed, schedules)


def without_verifiers(family: Family, names: set[str]) -> Family:
    """``family`` without the verifiers ``names`` (sizes and units kept for the rest)."""
    keep = {n: v for n, v in family.verifiers.items() if n not in names}
    return Family(
        family.name,
        family.sample,
        family.generators,
        keep,
        family.corrupt,
        domain=family.domain,
        summary=family.summary,
        tags=family.tags,
        units={n: family.units_of(family.pairing(n)) for n in keep},
        sizes=None
        if family.sizes is None
        else {n: family.sizes_of(family.pairing(n)) or family.sizes for n in keep},
        kind=family.kind,
        origin=family.origin,
    )

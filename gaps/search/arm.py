"""Arm a candidate: add, beside its own verifiers, one "attack, then the decider"
verifier and one bare probe per attack, so that one sweep measures them all."""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Sequence
from typing import Any

from gaps.errors import DeclarationError
from gaps.family import Family, Verifier, blind
from gaps.search.attack import Attack

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
    verifiers: dict[str, Verifier] = dict(family.verifiers)
    for attack in attacks:
        check = family.verifiers[checks[0]]
        decide = None if decider is None else family.verifiers[decider]
        if decide is not None:
            name = COMPOSITE.format(attack=attack.name, decider=decider)
            verifiers[name] = blind(_Composite(attack, check, decide))
        verifiers[PROBE.format(attack=attack.name)] = blind(_Composite(attack, check, None))
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

"""The best verifier of a pairing: the cheapest sound verifier the toolkit knows for the
same relation.

A pairing's gap is only as honest as its verifier. The verifiers that answer the same
question are those of the same family, generator and mode: the family's own, and, for
a blind verifier of a family that declares a relation kind, every "attack, then the
decider" composite (measured with :func:`attack_reports`). The best is the one whose
gap is least negative: a positive or neutral sign first, then the largest gap in bits
at the largest size. An unsound verifier is never the best.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gaps.execution import Runner
from gaps.family import Family
from gaps.report import GapReport
from gaps.settings import Settings

__all__ = ["Best", "attack_reports", "best_verifiers"]


@dataclass(frozen=True)
class Best:
    """The best verifier beside one pairing: its name, its sign, and what it beat.

    >>> Best("planted_sat", "plant/decide", "majority_vote_then_decide", "positive", 3.5,
    ...      ("decide", "majority_vote_then_decide")).verifier
    'majority_vote_then_decide'
    """

    family: str
    pairing: str
    verifier: str
    sign: str
    gap_bits: float | None
    considered: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "pairing": self.pairing,
            "verifier": self.verifier,
            "sign": self.sign,
            "gap_bits": self.gap_bits,
            "considered": list(self.considered),
        }


def _top_bits(report: GapReport) -> float | None:
    return report.gap[max(report.gap)] if report.gap else None


def rank(report: GapReport) -> tuple[bool, float]:
    """Sort key of a verifier: a gap that is not negative first, then the largest gap."""
    bits = _top_bits(report)
    return report.sign in ("positive", "neutral"), float("-inf") if bits is None else bits


def _verifier(report: GapReport) -> str:
    return report.pairing.split("/", 1)[1]


def best_verifiers(
    reports: Iterable[GapReport], composites: Iterable[GapReport] = ()
) -> dict[tuple[str, str], Best]:
    """The best verifier beside every pairing, keyed by (family, pairing name).

    ``composites`` are reports of "attack, then the decider" verifiers: blind, so they
    compete with a family's blind verifiers of the same generator only.

    >>> from types import SimpleNamespace as Report  # the fields read of a GapReport
    >>> slow = Report(family="f", pairing="g/expand", mode="blind", sign="negative", gap={8: -4.0})
    >>> fast = Report(family="f", pairing="g/eval", mode="blind", sign="neutral", gap={8: 1.0})
    >>> best = best_verifiers([slow, fast])[("f", "g/expand")]
    >>> best.verifier, best.sign, best.considered
    ('eval', 'neutral', ('expand', 'eval'))
    """
    own = list(reports)
    pool: dict[tuple[str, str, str], list[GapReport]] = {}
    for r in [*own, *composites]:
        if r.sign != "unsound":
            pool.setdefault((r.family, r.pairing.split("/", 1)[0], r.mode), []).append(r)
    found = {}
    for r in own:
        rivals = pool.get((r.family, r.pairing.split("/", 1)[0], r.mode), [])
        if not rivals:
            continue
        top = max(rivals, key=rank)
        found[(r.family, r.pairing)] = Best(
            r.family,
            r.pairing,
            _verifier(top),
            top.sign,
            _top_bits(top),
            tuple(_verifier(x) for x in rivals),
        )
    return found


def attack_reports(
    family: Family,
    settings: Settings,
    *,
    pool: Runner,
    run_id: int = 0,
    cost: str | None = None,
) -> Mapping[str, GapReport]:
    """Measure and classify the "attack, then the decider" verifiers of ``family``.

    Empty unless the family declares a relation kind with built-in attacks, a certified
    verifier to check their witnesses and a blind decider to fall back on. The decider
    and each attack run once per object, and the composites are assembled from them
    (:func:`gaps.search.arm.measure_armed`). ``cost`` is the unit where a composite
    offers it (by default the decider's own first unit).
    """
    from gaps.classification import _report
    from gaps.search.arm import (
        COMPOSITE,
        PROBE,
        arm,
        measure_armed,
        own_verifiers,
        without_verifiers,
    )
    from gaps.search.attack import attacks_for

    tried = attacks_for(family.kind)
    deciders = own_verifiers(family, "blind")
    if not tried or not deciders or not own_verifiers(family, "certified"):
        return {}
    armed = arm(family, tried)
    names = {COMPOSITE.format(attack=a.name, decider=deciders[0]) for a in tried}
    # The decider and the probes are what a composite is assembled from.
    keep = {*names, deciders[0], *(PROBE.format(attack=a.name) for a in tried)}
    only = without_verifiers(armed, set(armed.verifiers) - keep)
    meas = measure_armed(only, tried, None, settings, pool=pool, run_id=run_id)
    found = {}
    for name in sorted(names):
        p = only.pairing(name)
        units = only.units_of(p)
        found[name] = _report(meas, p, cost if cost in units else units[0])
    return found

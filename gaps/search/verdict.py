"""The verdict on one candidate, read from the classified gaps of its verifiers.

The sign of each gap is :func:`gaps.classify`'s; this module only compares them. The
question a candidate asks is whether its *property* is harder to decide than to
produce, so the verifiers that count are those that see the object alone: the blind
deciders and every "attack, then the decider" composite. A certified verifier is
handed the generator's own witness; it answers a different relation, is measured as
evidence, and is what checks every attack's witness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gaps.classification import SIGN_POLICY
from gaps.growth import Growth
from gaps.report import GapReport

#: An attack refutes a candidate when it finds a checked witness this often at the
#: largest sizes, at a cost that grows no faster than generation, or polynomially
#: where the family's own decider grows super-polynomially (the hardness was the
#: decider's, not the problem's).
SUCCESS_RATE = 0.9
#: How many of the largest measured sizes the success rate is read over.
TOP_SIZES = 2
#: Growth labels of super-polynomial cost.
SUPERPOLYNOMIAL = ("exponential", "subexponential")


@dataclass
class AttackRecord:
    """How one attack fared: its success rate at the largest sizes and its cost's growth."""

    name: str
    success: float
    tried: int
    sign: str | None
    growth: str | None
    rates: dict[int, float] = field(default_factory=dict)
    #: The growth of "attack, then the decider" when the attack succeeds.
    composite: str | None = None

    def refutes(self, decider_superpolynomial: bool) -> bool:
        """Whether this attack refutes the gap of a decider (super-polynomial or not)."""
        if self.success < SUCCESS_RATE:
            return False
        if self.sign in ("positive", "neutral"):
            return True
        return decider_superpolynomial and self.composite not in (None, *SUPERPOLYNOMIAL)

    def __str__(self) -> str:
        sign = (
            f"; with the decider: {self.composite or 'unfitted'}, {self.sign}" if self.sign else ""
        )
        return (
            f"{self.name}: {self.success:.0%} of {self.tried} at the largest sizes, "
            f"cost {self.growth or 'unfitted'}{sign}"
        )


@dataclass
class Judgement:
    verdict: str
    refuted_by: str | None
    best: str | None
    before: str | None
    strength: str | None
    gap_bits: float | None
    reasons: list[str]
    #: The verifiers whose undecided sign left the verdict inconclusive.
    pending: list[str] = field(default_factory=list)


def success_rates(calls: list[tuple[int, int, Any]]) -> tuple[float, int, dict[int, float]]:
    """(rate over the top sizes, calls counted there, rate per size) of a probe's calls.

    A censored or failed call counts as a failure: the attack did not finish.
    """
    by_size: dict[int, list[bool]] = {}
    for size, _, record in calls:
        by_size.setdefault(size, []).append(record.outcome == "ok" and record.verdict is True)
    rates = {n: sum(v) / len(v) for n, v in sorted(by_size.items())}
    top = [ok for n in sorted(by_size)[-TOP_SIZES:] for ok in by_size[n]]
    return (sum(top) / len(top) if top else 0.0), len(top), rates


def _rank(report: GapReport) -> tuple[bool, float]:
    """Verifiers with a gap that is not negative first, then the cheapest at the top size."""
    top = max(report.gap) if report.gap else None
    bits = report.gap[top] if top is not None else float("-inf")
    return report.sign in ("positive", "neutral"), bits


def _superpolynomial(report: GapReport) -> bool:
    """Whether verifying grows super-polynomially where generating does not."""
    ver, gen = report.verify.growth, report.generate.growth
    return (
        ver is not None
        and ver.label in SUPERPOLYNOMIAL
        and (gen is None or gen.label not in SUPERPOLYNOMIAL)
    )


#: The strength of a negative gap whose growths the measured sizes do not tell apart.
UNSEPARATED = "not separable at these sizes"


def _share(growth: Growth | None, labels: tuple[str, ...], within: bool) -> float:
    """Share of the fit's bootstrap resamples whose law is (or, ``within=False``, is not)
    one of ``labels``."""
    if growth is None:
        return 0.0
    return sum(share for label, share, *_ in growth.alternatives if (label in labels) == within)


def strength(report: GapReport) -> str | None:
    """How a negative gap grows: "super-polynomial", "polynomial" or "not separable at
    these sizes" (None for any other sign).

    Read from the growth fits of both sides and their bootstrap: super-polynomial when
    verifying is fitted super-polynomial, and generating polynomial, each in at least
    the sign's interval level of resamples (``SignPolicy.level``); polynomial when
    verifying is fitted polynomial as clearly (then so is the ratio). A short or noisy
    series whose fits waver between the two says neither.

    >>> from types import SimpleNamespace as Side  # the fields read of a GapReport
    >>> from gaps.growth import Growth
    >>> linear = Growth("linear", 1.0, 1.0, "n", 1.0, None, 0, (("linear", 1.0, 1.0, "n"),))
    >>> wavering = Growth("exponential", 1.1, 1.0, "1.1**n", 0.6, None, 0,
    ...     (("exponential", 0.6, 1.1, "1.1**n"), ("cubic", 0.4, 3.0, "n**3")))
    >>> strength(Side(sign="negative", generate=Side(growth=linear),
    ...               verify=Side(growth=wavering)))
    'not separable at these sizes'
    """
    if report.sign != "negative":
        return None
    gen, ver = report.generate.growth, report.verify.growth
    level = SIGN_POLICY.level
    if _share(ver, SUPERPOLYNOMIAL, True) >= level and _share(gen, SUPERPOLYNOMIAL, False) >= level:
        return "super-polynomial"
    if _share(ver, SUPERPOLYNOMIAL, False) >= level:
        return "polynomial"
    return UNSEPARATED


def judge(
    own: dict[str, GapReport], composites: dict[str, GapReport], attacks: list[AttackRecord]
) -> Judgement:
    """The verdict from the reports of the family's own verifiers, its composites and probes."""
    unsound = [
        f"{name}: {'; '.join(r.reasons[:1])}" for name, r in own.items() if r.sign == "unsound"
    ]
    if unsound:
        return Judgement("unsound", None, None, None, None, None, unsound)
    deciders = {n: r for n, r in own.items() if r.mode == "blind"}
    question = (
        {**deciders, **composites}
        if deciders
        else {n: r for n, r in own.items() if r.mode != "blind"}
    )
    if not question:
        return Judgement("inconclusive", None, None, None, None, None, ["no verifier to judge"])
    before_name = max(deciders or question, key=lambda n: _rank((deciders or question)[n]))
    before = (deciders or question)[before_name].sign
    best = max(question, key=lambda n: _rank(question[n]))
    report = question[best]
    top = max(report.gap) if report.gap else None
    bits = report.gap[top] if top is not None else None
    hard = _superpolynomial((deciders or question)[before_name])
    refuting = [a for a in attacks if a.refutes(hard)]
    if refuting and before not in ("positive", "neutral"):
        winner = max(refuting, key=lambda a: (a.success, a.sign == "positive"))
        reasons = [f"refuted by {winner}"]
        return Judgement("refuted", winner.name, best, before, None, bits, reasons)
    if report.sign in ("positive", "neutral"):
        reasons = [f"the best verifier, {best}, is {report.sign}"]
        return Judgement("not negative", None, best, before, None, bits, reasons)
    pending = [n for n, r in question.items() if r.sign != "negative"]
    if pending:
        reasons = [f"{n} is {question[n].sign}" for n in pending]
        return Judgement("inconclusive", None, best, before, None, bits, reasons, pending)
    reasons = [f"negative against all {len(question)} verifiers; the cheapest is {best}"]
    return Judgement("survives", None, best, before, strength(report), bits, reasons)

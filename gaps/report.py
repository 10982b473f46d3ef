"""The result of classifying a pairing: both sides' costs, fitted growths and the sign."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gaps.growth import Growth
from gaps.render import Table, report_plot, report_table

__all__ = ["GapReport", "SideReport"]


@dataclass
class SideReport:
    """One side of a pairing (generation, verification of outputs or of corruptions)."""

    role: str
    unit: str
    sizes: list[int]
    median: list[float]
    low: list[float]
    high: list[float]
    censored: list[int]
    count: list[int]
    growth: Growth | None
    theory: str | None = None
    agrees: bool | None = None
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        g = self.growth
        return {
            "role": self.role,
            "unit": self.unit,
            "sizes": self.sizes,
            "median": self.median,
            "low": self.low,
            "high": self.high,
            "censored": self.censored,
            "count": self.count,
            "growth": None
            if g is None
            else {
                "label": g.label,
                "param": g.param,
                "text": g.text,
                "confidence": g.confidence,
                "separable": g.separable,
                "plausible": [c.text for c in g.plausible],
                "summary": g.summary,
            },
            "theory": self.theory,
            "agrees": self.agrees,
            "errors": self.errors,
        }


@dataclass
class GapReport:
    """The classified gap of one pairing.

    ``sign`` is positive / negative / neutral / inconclusive / unsound / unmeasurable
    (a role raised on every call: ``reasons`` holds its error);
    ``gap`` maps each size to log2(C_generate / C_verify) (bits of advantage);
    ``evidence`` holds the instance and output behind an ``unsound`` sign;
    ``basis`` says what a decided sign rests on (:attr:`gaps.sign.SignDecision.basis`).
    """

    family: str
    pairing: str
    mode: str
    unit: str
    sign: str
    confidence: float
    generate: SideReport
    verify: SideReport
    verify_corrupt: SideReport | None
    gap: dict[int, float]
    crossover: float | None
    theory_sign: str | None
    reasons: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    evidence: str = ""
    seed: int = 0
    not_best_known: str = ""
    basis: str = ""

    @property
    def measured(self) -> bool:
        """Whether any call of the pairing gave a cost (a censored one counts: a bound)."""
        return sum(self.generate.count) + sum(self.verify.count) > 0

    @property
    def agrees(self) -> bool | None:
        """Whether the measured sign matches the declared one (None without a theory)."""
        return None if self.theory_sign is None else self.sign == self.theory_sign

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "pairing": self.pairing,
            "mode": self.mode,
            "unit": self.unit,
            "sign": self.sign,
            "confidence": self.confidence,
            "theory_sign": self.theory_sign,
            "agrees": self.agrees,
            "gap_bits": {str(k): v for k, v in self.gap.items()},
            "crossover": self.crossover,
            "generate": self.generate.to_dict(),
            "verify": self.verify.to_dict(),
            "verify_corrupt": None
            if self.verify_corrupt is None
            else self.verify_corrupt.to_dict(),
            "reasons": self.reasons,
            "flags": self.flags,
            "evidence": self.evidence,
            "seed": self.seed,
            "not_best_known": self.not_best_known,
            "basis": self.basis,
        }

    def table(self) -> Table:
        """Both sides' costs and the gap per size: printed as plain text by ``print``,
        in colour by a rich console.

        >>> import gaps
        >>> report = gaps.classify(gaps.get("sorting"), sizes=[8, 16, 32], cost="steps",
        ...                        instances=2, workers=1)
        >>> print(report.table())  # doctest: +ELLIPSIS
        sorting · timsort/check (witness) · cost in steps
        ...
        """
        return Table(report_table(self.to_dict()))

    def __str__(self) -> str:
        """The table as plain text, so ``print(report)`` shows it.

        >>> import gaps
        >>> report = gaps.classify(gaps.get("sorting"), sizes=[8, 16, 32], cost="steps",
        ...                        instances=2, workers=1)
        >>> text = str(report)
        >>> "sorting · timsort/check (witness)" in text, "gap (bits)" in text
        (True, True)
        """
        return str(self.table())

    def _repr_html_(self) -> str:
        """The report in a notebook: the sign, its reasons, the cost and gap curves."""
        from gaps.html import pairing_html

        return pairing_html(self.to_dict())

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per size: each side's median cost, censored
        counts and the gap in bits. pandas is optional: ``pip install 'gaps[notebook]'``;
        the example notebook in ``docs/notebooks`` runs it.
        """
        pandas = _pandas("GapReport.to_frame")
        sides = {"generate": self.generate, "verify": self.verify}
        if self.verify_corrupt is not None:
            sides["verify_corrupt"] = self.verify_corrupt
        sizes = sorted({n for side in sides.values() for n in side.sizes})
        rows = []
        for n in sizes:
            row: dict[str, Any] = {"n": n}
            for name, side in sides.items():
                i = side.sizes.index(n) if n in side.sizes else None
                row[name] = None if i is None else side.median[i]
                row[f"{name}_censored"] = None if i is None else side.censored[i]
            row["gap_bits"] = self.gap.get(n)
            rows.append(row)
        return pandas.DataFrame(rows)

    def plot(self, path: str | None = None) -> Any:
        """A matplotlib figure of both sides' costs (log scale, censored points marked)."""
        return report_plot(self.to_dict(), path)


def _pandas(owner: str) -> Any:
    """pandas, or a one-line ImportError saying how to install it."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            f"{owner} needs pandas, an optional dependency: pip install 'gaps[notebook]'."
        ) from None
    return pandas

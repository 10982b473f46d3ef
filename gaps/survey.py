"""The survey: classify every pairing of every registered family, explain disagreements."""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from gaps.classification import (
    GapReport,
    MeasuredPairings,
    record_signs,
    report_pairings,
    settings_or_keywords,
    sweep_pairings,
)
from gaps.distributed import open_runner
from gaps.errors import GapsError
from gaps.family import Family
from gaps.measure import run_sweeps
from gaps.search.best import Best, attack_reports, best_verifiers
from gaps.settings import Progress, Settings
from gaps.store import Store

__all__ = ["Survey", "explain", "survey"]


@dataclass
class Survey:
    """Every pairing's report, the families that failed, and the explained disagreements."""

    reports: list[GapReport]
    failures: list[str] = field(default_factory=list)
    #: The best verifier beside each pairing, by (family, pairing name): the cheapest
    #: sound verifier of the same relation, attacks of the family's kind included.
    best: dict[tuple[str, str], Best] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def agreement(self) -> float | None:
        """Share of pairings with a declared sign whose measured sign matches it; None
        when no measured sign could be compared with a declared one."""
        judged = [r for r in self.reports if r.agrees is not None]
        return sum(bool(r.agrees) for r in judged) / len(judged) if judged else None

    @property
    def side_agreement(self) -> dict[str, int]:
        """Side growths (each generator and verifier once per unit) against their theory:
        ``agree`` (separable and matching), ``not_separable`` (the sizes cannot separate
        the theory from the fit: it is among the growths they cannot reject) and
        ``disagree``."""
        sides: dict[tuple[str, str, str, str], str] = {}
        for r in self.reports:
            generator, verifier = r.pairing.split("/")
            for side, name in ((r.generate, generator), (r.verify, verifier)):
                if side.agrees is None or side.growth is None:
                    continue
                verdict = "disagree"
                if side.agrees:
                    verdict = "agree" if side.growth.separable else "not_separable"
                sides[r.family, side.role, name, r.unit] = verdict
        counts = dict.fromkeys(("agree", "not_separable", "disagree"), 0)
        for verdict in sides.values():
            counts[verdict] += 1
        return counts

    @property
    def inconclusive(self) -> int:
        """Pairings with a declared sign that the measured sizes did not decide."""
        return sum(r.theory_sign is not None and r.sign == "inconclusive" for r in self.reports)

    @property
    def decided_agreement(self) -> float | None:
        """Share of the decided signs (inconclusive left out) that match the declared one;
        None when no sign was decided.

        Beside :attr:`agreement`, which counts an inconclusive sign as a disagreement,
        it tells a wrong sign from one the sizes could not decide.

        >>> Survey(reports=[]).decided_agreement is None
        True
        """
        judged = self._decided()
        return sum(bool(r.agrees) for r in judged) / len(judged) if judged else None

    def _decided(self) -> list[GapReport]:
        """The pairings with a declared sign whose measured sign is decided."""
        return [r for r in self.reports if r.agrees is not None and r.sign != "inconclusive"]

    def agreement_text(self) -> str:
        """The agreement with theory in words, inconclusive signs counted apart, and
        honest when no measured sign could be compared with a declared one.

        >>> Survey(reports=[]).agreement_text()
        'no measured sign could be compared with a declared theory'
        """
        if self.agreement is None:
            return "no measured sign could be compared with a declared theory"
        decided = len(self._decided())
        among = "" if self.decided_agreement is None else f"{self.decided_agreement:.0%} of "
        return (
            f"{self.agreement:.0%} of signs agree with the declared theory "
            f"({among}the {decided} decided; {self.inconclusive} inconclusive)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "reports": [r.to_dict() for r in self.reports],
            "failures": self.failures,
            "notes": self.notes,
            "best": [b.to_dict() for b in self.best.values()],
            "seconds": self.seconds,
            "agreement": self.agreement,
            "side_agreement": self.side_agreement,
            "decided_agreement": self.decided_agreement,
            "inconclusive": self.inconclusive,
        }

    def _repr_html_(self) -> str:
        """The survey in a notebook: the sortable gap table and every pairing's curves."""
        from gaps.html import survey_html

        return survey_html([r.to_dict() for r in self.reports], notes=self.notes)

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per pairing: growths, sign, theory, largest gap."""
        from gaps.report import _pandas

        pandas = _pandas("Survey.to_frame")
        rows = []
        for r in self.reports:
            top = max(r.gap) if r.gap else None
            best = self.best.get((r.family, r.pairing))
            rows.append(
                {
                    "family": r.family,
                    "pairing": r.pairing,
                    "mode": r.mode,
                    "unit": r.unit,
                    "generate": None if r.generate.growth is None else r.generate.growth.text,
                    "verify": None if r.verify.growth is None else r.verify.growth.text,
                    "sign": r.sign,
                    "confidence": r.confidence,
                    "theory_sign": r.theory_sign,
                    "largest_n": top,
                    "gap_bits": None if top is None else r.gap[top],
                    "best_verifier": None if best is None else best.verifier,
                    "best_sign": None if best is None else best.sign,
                }
            )
        return pandas.DataFrame(rows)


def explain(report: GapReport) -> str | None:
    """Why a pairing's measured sign differs from its declared one (None when they agree).

    The cause is read off the evidence: an audit failure, too few sizes, censoring, a
    side whose fitted growth differs from its declared growth, or a narrow size range.
    """
    if report.agrees is not False and report.sign != "unsound":
        return None
    head = f"{report.family} {report.pairing}: measured {report.sign}"
    if report.theory_sign:
        head += f", theory says {report.theory_sign}"
    causes = list(report.reasons)
    for side in (report.generate, report.verify):
        if side.agrees is False and side.growth is not None:
            cause = f"{side.role} grew as {side.growth.summary}, theory {side.theory}"
            if any(side.censored):
                cause += " (budgets censored the largest sizes)"
            elif side.sizes and side.sizes[-1] / side.sizes[0] < 8:
                cause += " (the sizes span less than a factor 8: asymptotics may not show yet)"
            elif side.median and max(side.median) < 1e-4 and side.unit == "time":
                cause += " (costs near 100µs: fixed overheads dominate)"
            causes.append(cause)
    if not causes:
        causes.append("both sides match their declared growth only loosely; see the table")
    return head + " — " + "; ".join(causes)


def _failure(family: Family, exc: BaseException) -> str:
    """A family's failure as the survey reports it; a broken third-party family must not
    end the survey, so anything it raises is recorded."""
    if isinstance(exc, GapsError):
        return f"{family.name}: {exc}"
    return f"{family.name}: internal error {type(exc).__name__}: {exc}"


def survey(
    families: Sequence[Family],
    *,
    seed: int = 0,
    instances: int = 3,
    time_limit: float | None = 5.0,
    memory_limit: int | None = 2 * 2**30,
    store: Store | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
) -> Survey:
    """Classify every pairing of ``families`` in each family's default unit and sizes.

    The keywords are those of :class:`gaps.Settings` (``progress(family, done,
    total)`` as tasks finish); ``settings`` gives them as one object instead.
    """
    keywords = {
        "seed": seed,
        "instances": instances,
        "time_limit": time_limit,
        "memory_limit": memory_limit,
        "store": store,
        "workers": workers,
        "scheduler": scheduler,
        "progress": progress,
    }
    # Checked before the store records the run: a bad seed or limit is the caller's
    # mistake, not one family's failure.
    settings = settings_or_keywords(survey, settings, keywords)
    started = time.perf_counter()
    result = Survey(reports=[])
    composites: list[GapReport] = []
    run_id = 0
    if settings.store is not None:
        run_id = settings.store.start_run(
            seed=settings.seed,
            config={
                "command": "survey",
                "families": [f.name for f in families],
                **settings.config(),
            },
        )
    # The families' sweeps share the workers (a free worker takes the next family's task
    # while another ends a size), and a family's fits run in a thread as its sweep ends;
    # signs are stored from this thread, in the families' order.
    outcomes: dict[int, BaseException | tuple[MeasuredPairings, Future[list[GapReport]]]] = {}
    with open_runner(settings.workers, settings.scheduler) as pool, ThreadPoolExecutor(1) as fits:

        def finished(index: int, value: object) -> None:
            if isinstance(value, MeasuredPairings):
                outcomes[index] = (value, fits.submit(report_pairings, value))
            elif isinstance(value, BaseException):
                outcomes[index] = value  # what ended the family's sweep

        starts = [partial(sweep_pairings, f, settings=settings, run_id=run_id) for f in families]
        run_sweeps(starts, pool, finished)
        for index, family in enumerate(families):
            outcome = outcomes[index]
            if isinstance(outcome, BaseException):
                result.failures.append(_failure(family, outcome))
                continue
            measured, reports = outcome
            try:
                found = attack_reports(family, settings, pool=pool, run_id=run_id)
                record_signs(measured, reports.result())
            except Exception as exc:
                result.failures.append(_failure(family, exc))
                continue
            result.reports.extend(reports.result())
            composites.extend(found.values())
    if settings.store is not None:
        settings.store.finish_run(run_id)
    result.best = best_verifiers(result.reports, composites)
    result.notes = [note for r in result.reports if (note := explain(r))]
    result.notes += [f"{failure} (family not measured)" for failure in result.failures]
    result.seconds = time.perf_counter() - started
    return result

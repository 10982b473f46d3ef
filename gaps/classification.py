"""Classifying a gap: fit both sides, audit the verifier, take the asymptotic sign.

The sign is read from the paired gap curve by :func:`gaps.sign.decide_sign`; the fitted
growths of the two sides explain it, and a report says so when their symbolic
comparison reads otherwise. A verifier that rejects an honest output or accepts a
corruption makes the pairing ``unsound`` whatever the costs say.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import math
import statistics
from collections.abc import Generator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from gaps.asymptotics import compare_fitted, matches_theory
from gaps.distributed import open_runner
from gaps.errors import InvalidArgument, UnknownName, did_you_mean
from gaps.execution import Runner
from gaps.family import UNITS, Family, Pairing
from gaps.growth import Growth, fit_growth
from gaps.measure import Batch, Measurements, run_sweep, sweep, validate_sizes
from gaps.report import GapReport, SideReport
from gaps.settings import SEARCH_CALIBRATION, Settings
from gaps.sign import SignDecision, SignPolicy, decide_sign
from gaps.store import Store
from gaps.tasks import IRREPRODUCIBLE

__all__ = ["classify", "classify_family", "settings_or_keywords"]

#: The thresholds of the sign decision (see gaps.sign.SignPolicy for their reasons).
SIGN_POLICY = SignPolicy()
#: Generator-only instances, per paired instance, that a sweep adds when a pairing's
#: fall awaits its generator's own costs (:attr:`SignDecision.wants_generator_instances`):
#: a median's standard error falls as one over the square root of the instances, and
#: telling a plant from a hidden decision needs the generator's about four times as
#: sharp as three paired instances give it, which sixteen times the instances do.
GENERATOR_ONLY_FACTOR = 15

#: CPU times below this (seconds) are too close to timer noise to cross-check steps with.
TIMER_FLOOR = 5e-5
#: The same for calls timed once, cold (see :meth:`gaps.Settings.timing_warm`): a cold
#: call pays a fixed warm-up of about 0.3 ms, measured on the search's candidates; ten
#: times it leaves the slope of the work, not of the warm-up.
COLD_TIMER_FLOOR = 3e-3


def _check_cost(family: Family, pairing: Pairing, cost: str | None) -> str:
    units = family.units_of(pairing)
    if cost is None:
        return units[0]
    if cost not in UNITS:
        raise UnknownName(f"Unknown cost unit {cost!r}. " + did_you_mean(cost, list(UNITS)))
    if cost not in units and cost not in ("time", "memory"):
        raise InvalidArgument(
            f"Pairing {pairing.name!r} of family {family.name!r} does not count {cost!r} on "
            f"both sides (its units are {', '.join(units)}). Use cost={units[0]!r}."
        )
    return cost


def classify(
    family: Family,
    sizes: Sequence[int] | None = None,
    cost: str | None = None,
    seed: int = 0,
    *,
    pairing: str | None = None,
    instances: int = 5,
    time_limit: float | None = 10.0,
    memory_limit: int | None = 2 * 2**30,
    steps_limit: int | None = None,
    store: Store | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    settings: Settings | None = None,
) -> GapReport:
    """Measure a family and classify the gap of one pairing (the first by default).

    Parameters
    ----------
    family : gaps.Family
    sizes : sequence of int, optional
        Instance sizes; by default the family's schedule, or one that grows until the
        budgets bind.
    cost : str, optional
        ``"steps"``, ``"time"``, ``"memory"`` or a solver counter; the family's first
        unit by default. The same unit is used on both sides.
    seed : int
        Every instance is derived from (seed, family, size, index).
    time_limit, memory_limit, steps_limit
        Per-call budgets (seconds, bytes, steps); a call past one is stopped and
        recorded as censored.
    store : gaps.Store, optional
        Where every finished measurement is committed (and read back on a rerun).
    workers : int, optional
        Local worker processes (one per core by default).
    scheduler : str or distributed.Client, optional
        Run on this Dask cluster instead of local workers.
    settings : gaps.Settings, optional
        All of the above but ``sizes`` and ``cost`` as one object, instead of keywords.

    Examples
    --------
    >>> import gaps
    >>> fam = gaps.Family(
    ...     name="sum_demo",
    ...     sample=lambda size, rng: [rng.randrange(100) for _ in range(size)],
    ...     generate=lambda xs, meter: meter.tick(len(xs)) or sum(xs),
    ...     verify=lambda xs, s, meter: meter.tick(len(xs)) or s == sum(xs),
    ...     corrupt=lambda xs, s, rng: s + 1,
    ... )
    >>> report = gaps.classify(fam, sizes=[10, 20, 40, 80], cost="steps", workers=1)
    >>> report.sign, report.generate.growth.label
    ('neutral', 'linear')
    """
    keywords = {
        "seed": seed,
        "instances": instances,
        "time_limit": time_limit,
        "memory_limit": memory_limit,
        "steps_limit": steps_limit,
        "store": store,
        "workers": workers,
        "scheduler": scheduler,
    }
    settings = settings_or_keywords(classify, settings, keywords)
    _check_family(family)
    chosen = family.pairings[0] if pairing is None else family.pairing(pairing)
    return classify_family(family, sizes, cost, pairings=[chosen.name], settings=settings)[0]


def settings_or_keywords(fn: Any, settings: Settings | None, keywords: dict[str, Any]) -> Settings:
    """``settings`` when given (no keyword may then differ from its default), else the
    settings the keywords make."""
    if settings is None:
        return Settings.from_keywords(**keywords)
    if not isinstance(settings, Settings):
        raise InvalidArgument(
            f"'settings' must be a gaps.Settings. Got {settings!r} ({type(settings).__name__})."
        )
    defaults = inspect.signature(fn).parameters
    given = [k for k, v in keywords.items() if v != defaults[k].default]
    if given:
        raise InvalidArgument(
            f"{fn.__name__}() takes either settings= or the keywords it holds, not both. "
            f"Got settings and {', '.join(repr(k) for k in given)}; put them in the settings."
        )
    return settings


def _check_family(family: object) -> None:
    if not isinstance(family, Family):
        raise InvalidArgument(
            f"classify() takes a gaps.Family. Got {type(family).__name__}; "
            "use gaps.get(name) for a catalog family."
        )


def classify_family(
    family: Family,
    sizes: Sequence[int] | None = None,
    cost: str | None = None,
    *,
    pairings: Sequence[str] | None = None,
    settings: Settings | None = None,
    pool: Runner | None = None,
    run_id: int = 0,
) -> list[GapReport]:
    """Measure a family once and classify every pairing (or the named ones).

    ``pool`` and ``run_id`` let a survey share its workers and its stored run.

    >>> import gaps
    >>> [r.pairing for r in classify_family(gaps.get("sorting"), [64, 128, 256],
    ...                                     settings=gaps.Settings(instances=1, workers=1))]
    ['timsort/check']
    """
    steps = sweep_pairings(family, sizes, cost, pairings=pairings, settings=settings, run_id=run_id)
    if pool is not None:
        measured = run_sweep(steps, pool)
    else:
        settings = settings or Settings()
        with open_runner(settings.workers, settings.scheduler) as own:
            measured = run_sweep(steps, own)
    reports = report_pairings(measured)
    record_signs(measured, reports)
    return reports


@dataclass(frozen=True)
class MeasuredPairings:
    """A family's measurements and the pairings (with their units) to classify from
    them: what :func:`report_pairings` needs, apart from any worker or store."""

    family: Family
    measurements: Measurements
    pairings: list[Pairing]
    units: list[str]
    settings: Settings
    run_id: int


def sweep_pairings(
    family: Family,
    sizes: Sequence[int] | None = None,
    cost: str | None = None,
    *,
    pairings: Sequence[str] | None = None,
    settings: Settings | None = None,
    run_id: int = 0,
) -> Generator[Batch, None, MeasuredPairings]:
    """The measuring half of :func:`classify_family` (same arguments) as a sweep (see
    :func:`gaps.measure.sweep`), which a survey runs beside other families'; the
    arguments are checked as it starts."""
    _check_family(family)
    settings = settings or Settings()
    if sizes is not None:
        validate_sizes(sizes)
    chosen = list(family.pairings) if pairings is None else [family.pairing(p) for p in pairings]
    units = [_check_cost(family, p, cost) for p in chosen]
    settings = settings.tracking_memory(cost == "memory").timing_warm("time" in units)
    store = settings.store
    if store is not None and not run_id:
        run_id = store.start_run(
            seed=settings.seed,
            config={"family": family.name, "cost": units, **settings.config()},
        )
    generators = sorted({p.generator for p in chosen})
    meas = yield from sweep(family, sizes, settings, run_id=run_id, generators=generators)
    # The sizes at which each generator's own costs decide a pairing's sign.
    wanted: dict[str, set[int]] = {}
    for pairing, unit in zip(chosen, units, strict=True):
        if _wants_generator(meas, pairing, unit):
            paired = _paired_gaps(meas, pairing, unit)
            wanted.setdefault(pairing.generator, set()).update(paired)
    # Generator-only calls are many and mostly quick: calibrated over the search's
    # shorter repetitions, which time them as precisely beside their spread.
    alone = replace(
        settings,
        limits=replace(
            settings.limits, calibration=min(settings.limits.calibration, SEARCH_CALIBRATION)
        ),
    )
    for generator, at in sorted(wanted.items()):
        extra = yield from sweep(
            family,
            sorted(at),
            alone,
            run_id=run_id,
            generators=[generator],
            generator_only=GENERATOR_ONLY_FACTOR * settings.instances,
        )
        meas.records.update(extra.records)
        meas.resumed += extra.resumed
    return MeasuredPairings(family, meas, chosen, units, settings, run_id)


def _wants_generator(meas: Measurements, pairing: Pairing, unit: str) -> bool:
    """Whether the pairing's fall awaits more of its generator's own costs."""
    if _audit(meas, pairing)[0] or _unmeasurable(meas, pairing):
        return False
    sides = (_side(meas, pairing, role, unit, fit=False) for role in ("generate", "verify"))
    return _sign_decision(meas, pairing, unit, *sides).wants_generator_instances


def report_pairings(measured: MeasuredPairings) -> list[GapReport]:
    """The classifying half of :func:`classify_family`: fits only, no worker, no store,
    so a survey can run it beside the next family's measurements."""
    return [
        _report(measured.measurements, p, unit)
        for p, unit in zip(measured.pairings, measured.units, strict=True)
    ]


def record_signs(measured: MeasuredPairings, reports: Sequence[GapReport]) -> None:
    """Store each report's sign in the run that measured it (when there is a store)."""
    store = measured.settings.store
    if store is None:
        return
    for report in reports:
        store.record_sign(
            measured.family.name,
            report.pairing,
            origin=measured.family.origin,
            unit=report.unit,
            sign=report.sign,
            theory_sign=report.theory_sign,
            confidence=report.confidence,
            seed=measured.settings.seed,
            run_id=measured.run_id,
        )


def _side(
    meas: Measurements,
    pairing: Pairing,
    role: str,
    unit: str,
    fit: bool = True,
    bootstrap: int = 200,
) -> SideReport:
    ns, costs, censored = meas.series(pairing, role, unit)
    by_size: dict[int, list[tuple[float, bool]]] = {}
    for n, c, z in zip(ns, costs, censored, strict=True):
        by_size.setdefault(n, []).append((c, z))
    sizes = sorted(by_size)
    quant = [_quantiles([c for c, _ in by_size[n]]) for n in sizes]
    errors = [
        f"n={size}: {r.outcome}: {r.reason}"
        for size, _, r in meas.calls(pairing, role)
        if r.outcome in ("error", "rejected")
    ]
    growth = _fit(ns, costs, censored, bootstrap) if fit else None
    return SideReport(
        role=role,
        unit=unit,
        sizes=sizes,
        median=[q[1] for q in quant],
        low=[q[0] for q in quant],
        high=[q[2] for q in quant],
        censored=[sum(z for _, z in by_size[n]) for n in sizes],
        count=[len(by_size[n]) for n in sizes],
        growth=growth,
        errors=errors,
    )


def _quantiles(values: list[float]) -> tuple[float, float, float]:
    values = sorted(values)
    if len(values) == 1:
        return values[0], values[0], values[0]
    q = statistics.quantiles(values, n=10, method="inclusive")
    return q[0], statistics.median(values), q[-1]


def _fit(
    ns: list[int], costs: list[float], censored: list[bool], bootstrap: int = 200
) -> Growth | None:
    if len(set(ns)) < 3:
        return None
    return _fit_series(tuple(ns), tuple(costs), tuple(censored), bootstrap)


@functools.lru_cache(maxsize=256)
def _fit_series(
    ns: tuple[int, ...], costs: tuple[float, ...], censored: tuple[bool, ...], bootstrap: int
) -> Growth | None:
    """The growth of one series, fitted once: every pairing of a generator reports the
    same generate series, and a composite whose attack always succeeds its probe's."""
    try:
        return fit_growth(ns, costs, censored, bootstrap=bootstrap)
    except InvalidArgument:
        return None


def _audit(meas: Measurements, pairing: Pairing) -> tuple[list[str], str]:
    reasons, evidence = [], ""
    for role, wrong, what in (
        ("verify", False, "rejects an honest output of the generator"),
        ("verify_corrupt", True, "accepts a corrupted output"),
    ):
        for size, index, r in meas.calls(pairing, role):
            if r.outcome == "rejected":
                reasons.append(f"verifier {r.reason} (n={size}, instance {index})")
                break
            if r.verdict is wrong:
                reasons.append(f"verifier {what} (n={size}, instance {index})")
                evidence = evidence or r.evidence
                break
    return reasons, evidence


#: The calls a pairing needs, in the order they run: when every call of one raised,
#: nothing after it says anything about the gap.
_NEEDED = (
    ("sample", "the sampler"),
    ("generate", "the generator"),
    ("verify", "the verifier"),
    ("verify_corrupt", "the verifier, on corrupted outputs,"),
)


def _unmeasurable(meas: Measurements, pairing: Pairing) -> str | None:
    """Why the pairing's gap cannot be measured: a role whose every call raised, else None.

    A verifier that raises on every call has no cost to compare, and one that raises on
    every corruption was never shown to reject one: an inconclusive sign would pass
    such a pairing off as merely undecided.
    """
    for role, who in _NEEDED:
        calls = meas.calls(pairing, role)
        if calls and all(r.outcome == "error" for _, _, r in calls):
            size, _, first = calls[0]
            return f"{who} raised on all {len(calls)} calls; first at n={size}: {first.reason}"
    return None


_SIGN_OF_ORDER = {"faster": "positive", "slower": "negative", "same": "neutral"}


def _gap_curve(gen: SideReport, ver: SideReport) -> dict[int, float]:
    curve = {}
    vmed = dict(zip(ver.sizes, ver.median, strict=True))
    for n, c in zip(gen.sizes, gen.median, strict=True):
        v = vmed.get(n)
        if v is not None and c > 0 and v > 0:
            curve[n] = math.log2(c / v)
    return curve


def _finished_costs(
    meas: Measurements, pairing: Pairing, role: str, unit: str
) -> dict[tuple[int, int], float]:
    """(size, instance) -> the cost of each call of ``role`` that finished."""
    costs = {}
    for size, index, r in meas.calls(pairing, role):
        cost = r.cost(unit)
        if r.outcome == "ok" and cost is not None and cost > 0:
            costs[size, index] = cost
    return costs


def _paired_costs(
    meas: Measurements, pairing: Pairing, unit: str
) -> dict[int, list[tuple[float, float]]]:
    """Size -> (generate, verify) costs of every instance that both sides finished."""
    generate = _finished_costs(meas, pairing, "generate", unit)
    verify = _finished_costs(meas, pairing, "verify", unit)
    by_size: dict[int, list[tuple[float, float]]] = {}
    for key in sorted(generate.keys() & verify.keys()):
        by_size.setdefault(key[0], []).append((generate[key], verify[key]))
    return by_size


def _own_costs(
    meas: Measurements, pairing: Pairing, unit: str
) -> dict[str, dict[int, list[float]]]:
    """Role -> size -> log2 of each side's own costs, as :func:`decide_sign` reads them:
    the generator's on every instance it finished (generator-only ones too), the
    verifier's on the paired instances."""
    paired = _paired_costs(meas, pairing, unit)
    generate: dict[int, list[float]] = {}
    for (size, _), cost in sorted(_finished_costs(meas, pairing, "generate", unit).items()):
        if size in paired:
            generate.setdefault(size, []).append(math.log2(cost))
    verify = {size: [math.log2(v) for _, v in pairs] for size, pairs in paired.items()}
    return {"generate": generate, "verify": verify}


def _paired_gaps(meas: Measurements, pairing: Pairing, unit: str) -> dict[int, list[float]]:
    """Size -> log2(generate / verify) of every instance that both sides finished.

    Each instance was generated and verified, so the gap is measured *paired*: what an
    instance costs both sides alike (a formula with many models is slow to enumerate
    and to check) cancels, where resampling the two sides apart would count it as noise.
    """
    return _log_ratios(_paired_costs(meas, pairing, unit))


def _log_ratios(paired: dict[int, list[tuple[float, float]]]) -> dict[int, list[float]]:
    return {size: [math.log2(g / v) for g, v in pairs] for size, pairs in paired.items()}


def _censored_side(gen: SideReport, ver: SideReport) -> str | None:
    sides = [s.role for s in (gen, ver) if any(s.censored)]
    return "both" if len(sides) == 2 else (sides[0] if sides else None)


def _sign_decision(
    meas: Measurements, pairing: Pairing, unit: str, gen: SideReport, ver: SideReport
) -> SignDecision:
    return decide_sign(
        _paired_gaps(meas, pairing, unit),
        unit,
        SIGN_POLICY,
        censored=_censored_side(gen, ver),
        seed=meas.seed,
        **_own_costs(meas, pairing, unit),
    )


def _explain(gen: SideReport, ver: SideReport, sign: str) -> str | None:
    """A reason when the fitted side growths compare otherwise than the gap curve reads."""
    if gen.growth is None or ver.growth is None or sign not in _SIGN_OF_ORDER.values():
        return None
    fitted = _SIGN_OF_ORDER[compare_fitted(gen.growth, ver.growth)]
    if fitted == sign:
        return None
    return (
        f"the fitted side growths ({gen.growth.label} against {ver.growth.label}) compare "
        f"as {fitted}, but the paired gap curve reads {sign}: the sign follows the curve"
    )


def _crossover(curve: dict[int, float]) -> float | None:
    points = sorted(curve.items())
    for (n0, g0), (n1, g1) in itertools.pairwise(points):
        if g0 == 0:
            return float(n0)
        if (g0 < 0) != (g1 < 0):
            t = g0 / (g0 - g1)  # linear in log n between the two sizes
            return float(math.exp(math.log(n0) + t * (math.log(n1) - math.log(n0))))
    return None


def _report(meas: Measurements, pairing: Pairing, unit: str) -> GapReport:
    family = meas.family
    theory = family.theory
    gen = _side(meas, pairing, "generate", unit)
    ver = _side(meas, pairing, "verify", unit)
    bad = _side(meas, pairing, "verify_corrupt", unit) if family.corrupt else None
    if theory is not None:
        gen.theory = theory.growth_of("generate", pairing.generator, unit)
        ver.theory = theory.growth_of("verify", pairing.verifier, unit)
        gen.agrees = matches_theory(gen.growth, gen.theory)
        ver.agrees = matches_theory(ver.growth, ver.theory)
    reasons, evidence = _audit(meas, pairing)
    flags = _flags(meas, pairing, unit, gen, ver, bad)
    confidence, basis = 1.0, ""
    failure = _unmeasurable(meas, pairing)
    if reasons:
        sign = "unsound"
    elif failure:
        sign, confidence = "unmeasurable", 0.0
        reasons.append(failure)
    else:
        decision = _sign_decision(meas, pairing, unit, gen, ver)
        sign, confidence, basis = decision.sign, decision.confidence, decision.basis
        reasons += decision.reasons
        disagreement = _explain(gen, ver, sign)
        if disagreement:
            reasons.append(disagreement)
    curve = _gap_curve(gen, ver)
    return GapReport(
        family=family.name,
        pairing=pairing.name,
        mode=pairing.mode,
        unit=unit,
        sign=sign,
        confidence=confidence,
        generate=gen,
        verify=ver,
        verify_corrupt=bad,
        gap=curve,
        crossover=_crossover(curve),
        theory_sign=None if theory is None else theory.sign_of(pairing),
        reasons=reasons,
        flags=flags,
        evidence=evidence,
        seed=meas.seed,
        not_best_known=family.not_best_known_of(pairing),
        basis=basis,
    )


def _top_slope(side: SideReport) -> float | None:
    """The log-log slope of the median cost over the largest half of the sizes."""
    points = [(n, c) for n, c in zip(side.sizes, side.median, strict=True) if c > 0]
    top = points[len(points) // 2 :]
    if len(top) < 2:
        return None
    (n0, c0), (n1, c1) = top[0], top[-1]
    return math.log(c1 / c0) / math.log(n1 / n0)


def _flags(
    meas: Measurements,
    pairing: Pairing,
    unit: str,
    gen: SideReport,
    ver: SideReport,
    bad: SideReport | None,
) -> list[str]:
    flags = []
    if meas.family.corrupt is None:
        flags.append("no corruptor: the verifier's soundness was not audited")
    if any(r.reason == IRREPRODUCIBLE for _, _, r in meas.calls(pairing, "sample")):
        flags.append(f"not reproducible: {IRREPRODUCIBLE}")
    for role in ("sample", "corrupt"):
        failed = [(n, r) for n, _, r in meas.calls(pairing, role) if r.outcome != "ok"]
        if failed:
            n, r = failed[0]
            flags.append(
                f"{role}: {len(failed)} failed calls, first n={n}: {r.outcome}: {r.reason}"
            )
    for side in (gen, ver):
        if side.errors:
            flags.append(f"{side.role}: {len(side.errors)} failed calls, first {side.errors[0]}")
    if (
        bad is not None
        and bad.growth is not None
        and ver.growth is not None
        and compare_fitted(bad.growth, ver.growth) == "faster"
    ):
        flags.append(
            f"verifying corruptions grows faster ({bad.growth.label}) than verifying "
            f"honest outputs ({ver.growth.label}): a dishonest generator can slow checking"
        )
    if unit == "steps":
        for side, role in ((gen, "generate"), (ver, "verify")):
            timed = _side(meas, pairing, role, "time", fit=False)
            if side.growth is None or side.growth.label == "constant":
                continue  # a constant step count leaves only timer noise to compare
            floor = TIMER_FLOOR if meas.limits.warm_time else COLD_TIMER_FLOOR
            if not timed.median or max(timed.median) < floor:
                continue
            steps_slope, time_slope = _top_slope(side), _top_slope(timed)
            if steps_slope is None or time_slope is None:
                continue
            if abs(steps_slope - time_slope) > max(0.5, 0.25 * max(steps_slope, time_slope)):
                flags.append(
                    f"{role}: at the largest sizes ticked steps grow like n^{steps_slope:.2f} "
                    f"but CPU time like n^{time_slope:.2f}: the steps may not be counted "
                    "where the work is done"
                )
    return flags

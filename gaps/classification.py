"""Classifying a gap: fit both sides, audit the verifier, take the asymptotic sign.

The sign is the symbolic limit of C_generate / C_verify for the fitted growths
(``positive``: checking grows strictly slower), made robust by a bootstrap over
instances within each size; a verifier that rejects an honest output or accepts a
corruption makes the pairing ``unsound`` whatever the costs say.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from gaps.distributed import open_runner
from gaps.errors import InvalidArgument, UnknownName, did_you_mean
from gaps.execution import Runner
from gaps.family import UNITS, Family, Pairing
from gaps.growth import Growth, fit_growth
from gaps.measure import Measurements, measure
from gaps.store import Store
from gaps.tasks import IRREPRODUCIBLE, Limits

__all__ = ["GapReport", "SideReport", "classify", "classify_family"]

_POWER_LABELS = ("constant", "linear", "quadratic", "cubic", "polynomial")
_SUPERPOLY_LABELS = ("exponential", "subexponential")
#: Polynomial exponents closer than this are the same growth (noise, not asymptotics).
EXPONENT_TOLERANCE = 0.2
BOOTSTRAP = 40


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
            "censored": self.censored,
            "growth": None
            if g is None
            else {"label": g.label, "param": g.param, "text": g.text, "confidence": g.confidence},
            "theory": self.theory,
            "agrees": self.agrees,
            "errors": self.errors,
        }


@dataclass
class GapReport:
    """The classified gap of one pairing.

    ``sign`` is positive / negative / neutral / inconclusive / unsound;
    ``gap`` maps each size to log2(C_generate / C_verify) (bits of advantage);
    ``evidence`` holds the instance and output behind an ``unsound`` sign.
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
        }

    def table(self) -> Any:
        """A rich table of both sides' costs and the gap per size."""
        from gaps.render import report_table

        return report_table(self)

    def plot(self, path: str | None = None) -> Any:
        """A matplotlib figure of both sides' costs (log scale, censored points marked)."""
        from gaps.render import report_plot

        return report_plot(self, path)


def _check_cost(family: Family, cost: str | None) -> str:
    if cost is None:
        return family.units[0]
    if cost not in UNITS:
        raise UnknownName(f"Unknown cost unit {cost!r}. " + did_you_mean(cost, list(UNITS)))
    if cost not in family.units and cost not in ("time", "memory"):
        raise InvalidArgument(
            f"Family {family.name!r} does not count {cost!r} on every side (its units are "
            f"{', '.join(family.units)}). Use cost={family.units[0]!r}."
        )
    return cost


def _limits(time_limit: Any, memory_limit: Any, steps_limit: Any, cost: str) -> Limits:
    for name, value, kind in (
        ("time_limit", time_limit, (int, float)),
        ("memory_limit", memory_limit, (int,)),
        ("steps_limit", steps_limit, (int,)),
    ):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, kind) or value <= 0
        ):
            raise InvalidArgument(
                f"{name!r} must be a positive number or None. "
                f"Got {value!r} ({type(value).__name__})."
            )
    return Limits(
        time=None if time_limit is None else float(time_limit),
        memory=memory_limit,
        steps=steps_limit,
        track_memory=cost == "memory",
    )


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
    chosen = family.pairings[0] if pairing is None else family.pairing(pairing)
    reports = classify_family(
        family,
        sizes,
        cost,
        seed,
        pairings=[chosen.name],
        instances=instances,
        time_limit=time_limit,
        memory_limit=memory_limit,
        steps_limit=steps_limit,
        store=store,
        workers=workers,
        scheduler=scheduler,
    )
    return reports[0]


def classify_family(
    family: Family,
    sizes: Sequence[int] | None = None,
    cost: str | None = None,
    seed: int = 0,
    *,
    pairings: Sequence[str] | None = None,
    instances: int = 5,
    time_limit: float | None = 10.0,
    memory_limit: int | None = 2 * 2**30,
    steps_limit: int | None = None,
    store: Store | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    pool: Runner | None = None,
    run_id: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> list[GapReport]:
    """Measure a family once and classify every pairing (or the named ones)."""
    if not isinstance(family, Family):
        raise InvalidArgument(
            f"classify() takes a gaps.Family. Got {type(family).__name__}; "
            "use gaps.get(name) for a catalog family."
        )
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidArgument(f"'seed' must be an int. Got {seed!r} ({type(seed).__name__}).")
    unit = _check_cost(family, cost)
    limits = _limits(time_limit, memory_limit, steps_limit, unit)
    chosen = list(family.pairings) if pairings is None else [family.pairing(p) for p in pairings]
    generators = sorted({p.generator for p in chosen})
    own_pool = pool is None
    active = pool or open_runner(workers, scheduler)
    try:
        if store is not None and not run_id:
            run_id = store.start_run(
                seed=seed, config={"family": family.name, "cost": unit, "limits": limits.key()}
            )
        meas = measure(
            family,
            sizes,
            instances=instances,
            seed=seed,
            limits=limits,
            pool=active,
            store=store,
            run_id=run_id,
            generators=generators,
            progress=progress,
        )
    finally:
        if own_pool:
            active.close()
    return [_report(meas, p, unit) for p in chosen]


def _side(
    meas: Measurements, pairing: Pairing, role: str, unit: str, fit: bool = True
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
    growth = _fit(ns, costs, censored) if fit else None
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


def _power(g: Growth) -> float | None:
    if g.label == "constant":
        return 0.0
    if g.label in _POWER_LABELS:
        return float(g.param) if g.param is not None else None
    return None


@lru_cache(maxsize=4096)
def _compare_texts(a: str, b: str) -> str:
    from gaps.symbolic import compare_growth, parse_growth

    return compare_growth(parse_growth(a), parse_growth(b))


def _order(a: Growth, b: Growth) -> str:
    """'faster', 'slower' or 'same': how ``a`` grows relative to ``b``."""
    ka, kb = _power(a), _power(b)
    if ka is not None and kb is not None:
        if abs(ka - kb) <= EXPONENT_TOLERANCE:
            return "same"
        return "faster" if ka > kb else "slower"
    if a.label in _SUPERPOLY_LABELS and b.label == a.label and a.param and b.param:
        close = abs(math.log(a.param) / math.log(b.param) - 1) < 0.15 if b.param != 1 else False
        if close:
            return "same"
    return _compare_texts(_rounded(a), _rounded(b))


def _rounded(g: Growth) -> str:
    # Fitted parameters are noisy in the third digit; sympy sees them rounded so that
    # the cache is shared by nearby bootstrap fits.
    if g.param is None or g.label in ("linear", "quadratic", "cubic"):
        return g.text
    p = round(g.param, 2)
    if g.label == "polynomial":
        return f"n**{p}"
    if g.label == "exponential":
        return f"{p}**n"
    return g.text


_SIGN_OF_ORDER = {"faster": "positive", "slower": "negative", "same": "neutral"}


def _bootstrap_sign(meas: Measurements, pairing: Pairing, unit: str, sign: str) -> float:
    gen = meas.series(pairing, "generate", unit)
    ver = meas.series(pairing, "verify", unit)
    rng = random.Random(meas.seed)
    agree = 0
    for _ in range(BOOTSTRAP):
        g = _fit(*_resample(gen, rng), bootstrap=0)
        v = _fit(*_resample(ver, rng), bootstrap=0)
        if g is not None and v is not None and _SIGN_OF_ORDER[_order(g, v)] == sign:
            agree += 1
    return agree / BOOTSTRAP


def _resample(
    series: tuple[list[int], list[float], list[bool]], rng: random.Random
) -> tuple[list[int], list[float], list[bool]]:
    """Resample instances within each size (never across sizes)."""
    by_size: dict[int, list[tuple[float, bool]]] = {}
    for n, c, z in zip(*series, strict=True):
        by_size.setdefault(n, []).append((c, z))
    ns, costs, censored = [], [], []
    for n, points in by_size.items():
        for c, z in rng.choices(points, k=len(points)):
            ns.append(n)
            costs.append(c)
            censored.append(z)
    return ns, costs, censored


def _theory_agrees(g: Growth | None, text: str | None) -> bool | None:
    if g is None or text is None:
        return None
    from gaps.symbolic import compare_growth, parse_growth

    expr = parse_growth(text)
    if g.label in _SUPERPOLY_LABELS:
        return compare_growth(expr, parse_growth("n**12")) == "faster"
    if g.label == "polynomial" and g.param is not None:
        import sympy

        n = sympy.Symbol("n", positive=True)
        k = sympy.limit(sympy.log(expr) / sympy.log(n), n, sympy.oo)
        return bool(k.is_finite) and abs(float(k) - g.param) <= EXPONENT_TOLERANCE
    return compare_growth(g.expr, expr) == "same"


def _gap_curve(gen: SideReport, ver: SideReport) -> dict[int, float]:
    curve = {}
    vmed = dict(zip(ver.sizes, ver.median, strict=True))
    for n, c in zip(gen.sizes, gen.median, strict=True):
        v = vmed.get(n)
        if v is not None and c > 0 and v > 0:
            curve[n] = math.log2(c / v)
    return curve


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
        gen.theory = theory.growth_of("generate", pairing.generator)
        ver.theory = theory.growth_of("verify", pairing.verifier)
        gen.agrees = _theory_agrees(gen.growth, gen.theory)
        ver.agrees = _theory_agrees(ver.growth, ver.theory)
    reasons, evidence = _audit(meas, pairing)
    flags = _flags(meas, pairing, unit, gen, ver, bad)
    confidence = 1.0
    if reasons:
        sign = "unsound"
    elif gen.growth is None or ver.growth is None:
        sign = "inconclusive"
        missing = "generation" if gen.growth is None else "verification"
        reasons.append(f"{missing} was measured at fewer than 3 sizes")
    elif sum(gen.censored) and sum(ver.censored):
        sign = "inconclusive"
        reasons.append("both sides were censored by budgets")
    else:
        sign = _SIGN_OF_ORDER[_order(gen.growth, ver.growth)]
        confidence = _bootstrap_sign(meas, pairing, unit, sign)
        if confidence < 0.5:
            reasons.append(f"the sign {sign} held in only {confidence:.0%} of bootstrap resamples")
            sign = "inconclusive"
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
        and _order(bad.growth, ver.growth) == "faster"
    ):
        flags.append(
            f"verifying corruptions grows faster ({bad.growth.label}) than verifying "
            f"honest outputs ({ver.growth.label}): a dishonest generator can slow checking"
        )
    if unit == "steps":
        for side, role in ((gen, "generate"), (ver, "verify")):
            timed = _side(meas, pairing, role, "time", fit=False)
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

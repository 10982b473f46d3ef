"""Measure and attack every candidate, and judge it."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from gaps.classification import SIGN_POLICY, _paired_gaps, _report, _side
from gaps.errors import InvalidArgument
from gaps.execution import Runner
from gaps.family import Family, Pairing
from gaps.measure import Measurements, validate_sizes
from gaps.report import GapReport
from gaps.search.arm import COMPOSITE, PROBE, arm, measure_armed, own_verifiers
from gaps.search.attack import Attack, attacks_for
from gaps.search.result import Entry, SearchResult
from gaps.search.verdict import AttackRecord, judge, success_rates
from gaps.settings import SEARCH_CALIBRATION, SEARCH_TIME_LIMIT, SEARCH_WARM_BELOW, Settings
from gaps.store import Store

#: The entry-point group the built-in candidate space is registered under.
GROUP = "gaps.candidates"
#: An undecided candidate is measured again with this many times the instances: the
#: sign's bootstrap interval narrows as the square root of the instances per size, and
#: only the candidates that more instances can decide pay for the extension.
EXTEND = 3


def load_candidates() -> list[Family]:
    """The candidates registered under the ``gaps.candidates`` entry-point group."""
    from gaps.registry import load_group

    found = load_group(GROUP)
    if not found:
        raise InvalidArgument(
            f"No candidates: nothing is registered under the entry-point group {GROUP!r}. "
            "Install a package that registers some, or pass candidates=[...] "
            "(on the command line: --candidate path.py:NAME)."
        )
    return found


def _checked(candidates: Sequence[Any] | None, attacks: Sequence[Any]) -> list[Family]:
    for a in attacks:
        if not isinstance(a, Attack):
            raise InvalidArgument(
                f"search() takes attacks as gaps.Attack objects. Got {type(a).__name__}."
            )
    fams = load_candidates() if candidates is None else list(candidates)
    seen: set[str] = set()
    for fam in fams:
        if not isinstance(fam, Family):
            raise InvalidArgument(
                f"search() takes candidates as gaps.Family objects. Got {type(fam).__name__}."
            )
        if fam.name in seen:
            raise InvalidArgument(f"Two candidates are called {fam.name!r}; names must differ.")
        seen.add(fam.name)
    return fams


def interleaved(fams: Sequence[Family]) -> list[Family]:
    """The candidates in the order a search measures them: one from each domain in turn.

    A search stopped by its budget has then measured every domain alike, so its "how
    common" table compares kinds on like samples, and the domains of a few cheap
    candidates are not left waiting behind a long one. The result lists the
    candidates in their given order whatever the order they were measured in.

    >>> import gaps
    >>> def fam(name, domain):
    ...     return gaps.Family(name, lambda n, rng: n, lambda x, m: x,
    ...                        lambda x, y, m: x == y, domain=domain)
    >>> fams = [fam("g1", "graphs"), fam("g2", "graphs"), fam("g3", "graphs"),
    ...         fam("c1", "cnf"), fam("i1", "integers")]
    >>> [f.name for f in interleaved(fams)]
    ['g1', 'c1', 'i1', 'g2', 'g3']
    """
    by_domain: dict[str, list[Family]] = {}
    for fam in fams:
        by_domain.setdefault(fam.domain, []).append(fam)
    queues = list(by_domain.values())
    rounds = max((len(q) for q in queues), default=0)
    return [q[i] for i in range(rounds) for q in queues if i < len(q)]


def _mode(fam: Family) -> str:
    tagged = [t.split("=", 1)[1] for t in fam.tags if t.startswith("mode=")]
    if tagged:
        return tagged[0]
    return "blind" if own_verifiers(fam, "blind") else next(iter(fam.verifiers.values())).mode


def _unit(armed: Family, pairing: Pairing, cost: str) -> str:
    units = armed.units_of(pairing)
    return cost if cost in units else units[0]


class _Spent(Exception):
    """Raised between two tasks once the search's budget is spent: the sweep stops."""


def _extensible(meas: Measurements, reports: dict[str, GapReport], pending: list[str]) -> bool:
    """Whether more instances per size could decide one of the ``pending`` signs.

    Only an inconclusive sign can move. A sign needs paired instances at
    ``SIGN_POLICY.min_sizes`` sizes, and no sign stands where both sides were censored:
    a size at which every call was censored (or failed) stays so with more instances,
    and censoring on both sides stays too, so those signs wait for larger budgets,
    not for more instances.
    """
    for name in pending:
        report = reports[name]
        if report.sign != "inconclusive":
            continue
        if any(report.generate.censored) and any(report.verify.censored):
            continue
        paired = _paired_gaps(meas, meas.family.pairing(name), report.unit)
        if sum(1 for costs in paired.values() if costs) >= SIGN_POLICY.min_sizes:
            return True
    return False


def _unmeasured(fam: Family, reason: str) -> Entry:
    return Entry(fam.name, fam.domain, _mode(fam), fam.summary, fam.tags, "inconclusive",
                 reasons=[reason], kind=fam.kind)  # fmt: skip


@dataclass
class _Swept:
    """One candidate's sweep, ready to be judged."""

    fam: Family
    tried: list[Attack]
    armed: Family
    meas: Measurements


def _sweep(
    fam: Family,
    attacks: Sequence[Attack],
    settings: Settings,
    *,
    sizes: Sequence[int] | None,
    cost: str,
    pool: Runner,
    run_id: int,
    deadline: float | None,
) -> _Swept:
    """Measure a candidate armed with its attacks; raises :class:`_Spent` past the deadline.

    Calls are timed once, cold, unless a gap of the candidate is judged by time: the
    warm re-timing that makes a time series smooth costs most of a cheap candidate's
    sweep, and a count (steps, solver counters) does not depend on it.
    """

    def spent(name: str, done: int, total: int) -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise _Spent

    tried = attacks_for(fam.kind, attacks)
    armed = arm(fam, tried)
    if all(_unit(armed, p, cost) != "time" for p in armed.pairings):
        settings = replace(settings, limits=replace(settings.limits, warm_time=False))
    meas = measure_armed(
        armed, tried, sizes, replace(settings, progress=spent), pool=pool, run_id=run_id
    )
    return _Swept(fam, tried, armed, meas)


def _judge(swept: _Swept, cost: str) -> tuple[Entry, bool]:
    """The entry of a swept candidate, and whether more instances could decide it.

    Reads the measurements only, so it runs beside the next candidate's sweep.
    """
    fam, tried, armed, meas = swept.fam, swept.tried, swept.armed, swept.meas
    reports = {}
    for p in armed.pairings:
        if not p.verifier.endswith(PROBE.format(attack="")):
            reports[p.verifier] = _report(meas, p, _unit(armed, p, cost))
    deciders = own_verifiers(fam, "blind")
    records = []
    composites = {}
    for attack in tried:
        probe = armed.pairing(PROBE.format(attack=attack.name))
        rate, count, rates = success_rates(meas.calls(probe, "verify"))
        name = COMPOSITE.format(attack=attack.name, decider=deciders[0]) if deciders else None
        composite = reports.pop(name) if name else None
        if composite is not None and name is not None:
            composites[name] = composite
        # Only the probe's own cost growth is read: its gap is the composite's question.
        growth = _side(meas, probe, "verify", _unit(armed, probe, cost)).growth
        records.append(
            AttackRecord(
                attack.name,
                rate,
                count,
                composite.sign if composite else None,
                growth.label if growth else None,
                rates,
                composite.verify.growth.label if composite and composite.verify.growth else None,
            )
        )
    judgement = judge(reports, composites, records)
    weak = []
    if len(deciders) < 2:
        weak.append("one decider only" if deciders else "no blind decider")
    if not tried:
        weak.append(f"no attack for kind {fam.kind!r}" if fam.kind else "no kind, so no attack")
    if fam.corrupt is None:
        weak.append("no corruptor: soundness against wrong outputs not audited")
    entry = Entry(
        name=fam.name,
        domain=fam.domain,
        mode=_mode(fam),
        summary=fam.summary,
        tags=fam.tags,
        verdict=judgement.verdict,
        refuted_by=judgement.refuted_by,
        best=judgement.best,
        before=judgement.before,
        strength=judgement.strength,
        gap_bits=judgement.gap_bits,
        deciders=deciders,
        attacks=records,
        reports={**reports, **composites},
        reasons=judgement.reasons,
        weak_points=weak,
        kind=fam.kind,
    )
    return entry, _extensible(meas, {**reports, **composites}, judgement.pending)


def _record_signs(entry: Entry, fam: Family, store: Store, seed: int, run_id: int) -> None:
    for r in entry.reports.values():
        store.record_sign(fam.name, r.pairing, origin=fam.origin, unit=r.unit, sign=r.sign,
                          theory_sign=None, confidence=r.confidence, seed=seed,
                          run_id=run_id)  # fmt: skip


class _Examiner:
    """Sweeps candidates one after another and judges each beside the next one's sweep.

    Judging (growth fits and their bootstraps) needs the coordinator's processor while
    the workers would idle, so it runs in a thread while the next candidate is
    measured. An undecided candidate that more instances can decide is extended with
    :data:`EXTEND` times the instances (the stored ones are read back) once every
    candidate has been measured, while the deadline allows. Only the calling thread
    writes the store.
    """

    def __init__(
        self,
        attacks: Sequence[Attack],
        settings: Settings,
        *,
        sizes: Sequence[int] | None,
        cost: str,
        pool: Runner,
        run_id: int,
        deadline: float | None,
    ) -> None:
        self.attacks, self.settings, self.sizes, self.cost = attacks, settings, sizes, cost
        self.pool, self.run_id, self.deadline = pool, run_id, deadline
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gaps-judge")

    def sweep(self, fam: Family, instances: int | None = None) -> _Swept:
        settings = (
            self.settings if instances is None else replace(self.settings, instances=instances)
        )
        return _sweep(fam, self.attacks, settings, sizes=self.sizes, cost=self.cost, pool=self.pool,
                      run_id=self.run_id, deadline=self.deadline)  # fmt: skip

    def judging(self, swept: _Swept) -> Future[tuple[Entry, bool]]:
        return self.thread.submit(_judge, swept, self.cost)

    def finish(self, swept: _Swept, judged: Future[tuple[Entry, bool]]) -> tuple[Entry, bool]:
        """The candidate's entry once judged, and whether to extend it with more instances."""
        entry, extensible = judged.result()
        store = self.settings.store
        if store is not None:
            _record_signs(entry, swept.fam, store, self.settings.seed, self.run_id)
        if entry.verdict != "inconclusive" or store is None:
            return entry, False
        if not extensible:
            entry.reasons.append(
                "not extended: more instances cannot decide it (too few sizes with finished "
                "calls on both sides, or both sides censored)"
            )
        return entry, extensible

    def extend(self, fam: Family, entry: Entry) -> Entry:
        """``entry`` measured again with :data:`EXTEND` times the instances, budget allowing."""
        store = self.settings.store
        assert store is not None
        if self.deadline is not None and time.monotonic() > self.deadline:
            entry.reasons.append("not extended: the budget was spent")
            return entry
        extended = EXTEND * self.settings.instances
        try:
            more, _ = _judge(self.sweep(fam, extended), self.cost)
        except _Spent:
            entry.reasons.append("extension stopped: the budget was spent")
            return entry
        _record_signs(more, fam, store, self.settings.seed, self.run_id)
        more.reasons.append(f"extended to {extended} instances per size")
        return more

    def close(self) -> None:
        self.thread.shutdown(wait=True, cancel_futures=True)


def search(
    candidates: Sequence[Family] | None = None,
    seed: int = 0,
    attacks: Sequence[Attack] = (),
    *,
    sizes: Sequence[int] | None = None,
    instances: int = 5,
    cost: str = "steps",
    budget: float | None = None,
    time_limit: float | None = SEARCH_TIME_LIMIT,
    memory_limit: int | None = 2 * 2**30,
    steps_limit: int | None = 10**7,
    store: Store | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> SearchResult:
    """Measure every candidate, attack it with the attacks of its kind, and judge it.

    Parameters
    ----------
    candidates : sequence of gaps.Family, optional
        By default the candidates registered under the ``gaps.candidates`` group.
    seed : int
        Every instance derives from it: the same seed gives the same result.
    attacks : sequence of gaps.Attack
        Tried besides the built-in attacks of each candidate's kind.
    sizes : sequence of int, optional
        Sizes for every candidate (each candidate's own schedule by default).
    cost : str
        The cost unit compared on both sides, where a pairing offers it.
    time_limit, memory_limit, steps_limit
        Per-call budgets (seconds, bytes, steps); a call past one is censored. Steps
        censor the same calls on every executor; time is a safety net, shorter than a
        survey's (:data:`gaps.settings.SEARCH_TIME_LIMIT` says why). A call under
        :data:`gaps.settings.SEARCH_WARM_BELOW` is timed again, warm, and one under
        2 ms over :data:`gaps.settings.SEARCH_CALIBRATION` of repetitions.
    budget : float, optional
        Seconds after which the search stops: the running candidate between two
        tasks (its finished tasks are stored, so a rerun resumes it) and no further
        candidate is started; those are "inconclusive", not measured. Candidates are
        measured one domain after another in turn (:func:`interleaved`), so a budget
        that ends early has measured every domain alike.
    store : gaps.Store, optional
        Every measurement is committed there and read back on a rerun, and the result
        is kept (:meth:`gaps.Store.latest_search`).

    Examples
    --------
    >>> import gaps
    >>> def plant(n, meter):  # a multiple of 1009, in n steps
    ...     meter.tick(n)
    ...     return gaps.Certified(output=1009 * (2 * n + 1), certificate=1009)
    >>> def decide(n, x, meter):  # knows the answer, in n steps
    ...     meter.tick(n)
    ...     return True
    >>> fam = gaps.Family("tiny_composite", lambda size, rng: size, plant,
    ...     {"check": gaps.certified(lambda n, x, w, m: 1 < w < x and x % w == 0),
    ...      "decide": gaps.blind(decide)}, kind="factor", sizes=(8, 16, 32, 64, 128))
    >>> gaps.search([fam], seed=0, instances=2, workers=1)["tiny_composite"].verdict
    'not negative'
    """
    settings = Settings.from_keywords(
        seed=seed,
        instances=instances,
        time_limit=time_limit,
        memory_limit=memory_limit,
        steps_limit=steps_limit,
        store=store,
        workers=workers,
        scheduler=scheduler,
    )
    search_limits = replace(
        settings.limits, calibration=SEARCH_CALIBRATION, warm_below=SEARCH_WARM_BELOW
    )
    settings = replace(settings, limits=search_limits)
    if sizes is not None:
        validate_sizes(sizes)
    if budget is not None and not (isinstance(budget, int | float) and budget > 0):
        raise InvalidArgument(f"'budget' must be a positive number of seconds. Got {budget!r}.")
    fams = _checked(candidates, attacks)
    from gaps.distributed import open_runner

    pool = open_runner(workers, scheduler)
    # Without a store of the caller's, an in-memory one lets an extension reuse the
    # instances already measured.
    own_store = settings.store is None
    if own_store:
        settings = replace(settings, store=Store(":memory:"))
    store = settings.store
    assert store is not None
    run_id = store.start_run(
        seed=seed,
        config={
            "command": "search",
            "search": [f.name for f in fams],
            "budget": budget,
            **settings.config(),
        },
    )
    started = time.monotonic()
    deadline = None if budget is None else started + budget
    examiner = _Examiner(attacks, settings, sizes=sizes, cost=cost, pool=pool, run_id=run_id,
                         deadline=deadline)  # fmt: skip
    entries: dict[str, Entry] = {}
    waiting: tuple[_Swept, Future[tuple[Entry, bool]]] | None = None

    def done(entry: Entry) -> None:
        entries[entry.name] = entry
        if progress is not None:
            progress(len(entries), len(fams))

    # Every candidate is measured once before any is extended: the budget covers the
    # whole space first, and refines the undecided candidates with what is left.
    undecided: list[tuple[Family, Entry]] = []

    def finish(swept: _Swept, judged: Future[tuple[Entry, bool]]) -> None:
        entry, extensible = examiner.finish(swept, judged)
        done(entry)
        if extensible:
            undecided.append((swept.fam, entry))

    try:
        for fam in interleaved(fams):
            if deadline is not None and time.monotonic() > deadline:
                done(_unmeasured(fam, "not measured: the budget was spent"))
                continue
            try:
                swept = examiner.sweep(fam)
            except _Spent:
                done(_unmeasured(fam, "stopped: the budget was spent (finished tasks are stored)"))
                continue
            judged = examiner.judging(swept)
            if waiting is not None:
                finish(*waiting)
            waiting = swept, judged
        if waiting is not None:
            finish(*waiting)
        for fam, entry in undecided:
            entries[entry.name] = examiner.extend(fam, entry)
    finally:
        examiner.close()
        pool.close()
    result = SearchResult([entries[f.name] for f in fams], seed=seed)
    if not own_store:
        # The result, not only its measurements: gaps report reads it from the store.
        store.record_search(run_id, result.to_dict())
    store.finish_run(run_id)
    if own_store:
        store.close()
    return result

"""Measure and attack every candidate, and judge it."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from gaps.classification import SIGN_POLICY, _paired_gaps, _report, _side
from gaps.errors import InvalidArgument
from gaps.execution import Runner
from gaps.family import Family, Pairing
from gaps.measure import Measurements, Sweep, run_sweeps, validate_sizes
from gaps.report import GapReport
from gaps.search.arm import COMPOSITE, PROBE, arm, own_verifiers, sweep_armed
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


def _candidate_settings(armed: Family, settings: Settings, cost: str) -> Settings:
    """Calls are timed once, cold, unless a gap of the candidate is judged by time: the
    warm re-timing that makes a time series smooth costs most of a cheap candidate's
    sweep, and a count (steps, solver counters) does not depend on it."""
    return settings.timing_warm(any(_unit(armed, p, cost) == "time" for p in armed.pairings))


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
        # Only the probe's own cost growth is read, and only its label (the bootstrap
        # that gives a label's confidence and interval is left out): its gap is the
        # composite's question.
        growth = _side(meas, probe, "verify", _unit(armed, probe, cost), bootstrap=0).growth
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
    """Measures the queued candidates' sweeps together, and judges each as it ends.

    The sweeps share the workers through :func:`gaps.measure.run_sweeps`. Judging
    (growth fits and their bootstraps) runs in a thread while the workers go on. An
    undecided candidate that more instances can decide is queued, after every
    candidate not yet opened, to be measured again with :data:`EXTEND` times the
    instances (the stored ones are read back). The budget is checked as each task
    ends: once spent, no task starts and no candidate opens. Only the calling thread
    writes the store.
    """

    def __init__(
        self,
        attacks: Sequence[Attack],
        settings: Settings,
        *,
        sizes: Sequence[int] | None,
        cost: str,
        run_id: int,
        deadline: float | None,
        done: Callable[[Entry], None],
    ) -> None:
        self.attacks, self.settings, self.sizes, self.cost = attacks, settings, sizes, cost
        self.run_id, self.deadline, self.done = run_id, deadline, done
        self.queue: deque[tuple[Family, Entry | None]] = deque()
        self.opened: list[tuple[Family, list[Attack], Family, Entry | None]] = []
        self.judging: list[tuple[_Swept, Entry | None, Future[tuple[Entry, bool]]]] = []
        self.extended: dict[str, Entry] = {}
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gaps-judge")

    def past_deadline(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    def _starts(self) -> Iterator[Callable[[], Sweep]]:
        """A sweep's start for each queued candidate, taken from the queue as the runner
        opens it (judged candidates are taken in first: they may queue extensions)."""
        while True:
            self.collect()
            if not self.queue or self.past_deadline():
                return
            fam, extends = self.queue.popleft()
            tried = attacks_for(fam.kind, self.attacks)
            armed = arm(fam, tried)
            settings = _candidate_settings(armed, self.settings, self.cost)
            if extends is not None:
                settings = replace(settings, instances=EXTEND * settings.instances)
            self.opened.append((fam, tried, armed, extends))
            yield partial(sweep_armed, armed, tried, self.sizes, settings, run_id=self.run_id)

    def _swept(self, index: int, value: object) -> None:
        """Hand a finished sweep to the judge; a sweep that raised ends the search."""
        if isinstance(value, BaseException):
            raise value
        fam, tried, armed, extends = self.opened[index]
        assert isinstance(value, Measurements)
        swept = _Swept(fam, tried, armed, value)
        self.judging.append((swept, extends, self.thread.submit(_judge, swept, self.cost)))

    def collect(self, wait: bool = False) -> None:
        """Take in the judged candidates (all of them, waiting, with ``wait``)."""
        for item in list(self.judging):
            swept, extends, judged = item
            if wait or judged.done():
                self.judging.remove(item)
                self._finish(swept, extends, *judged.result())

    def _finish(self, swept: _Swept, extends: Entry | None, entry: Entry, more: bool) -> None:
        store = self.settings.store
        if store is not None:
            _record_signs(entry, swept.fam, store, self.settings.seed, self.run_id)
        if extends is not None:
            entry.reasons.append(f"extended to {EXTEND * self.settings.instances} instances "
                                 "per size")  # fmt: skip
            self.extended[entry.name] = entry
            return
        self.done(entry)
        if entry.verdict != "inconclusive" or store is None:
            return
        if more:
            self.queue.append((swept.fam, entry))
        else:
            entry.reasons.append(
                "not extended: more instances cannot decide it (too few sizes with finished "
                "calls on both sides, or both sides censored)"
            )

    def run(self, pool: Runner) -> None:
        """Measure and judge every queued candidate on ``pool``, as far as the budget goes."""
        left_open: list[int] = []
        while self.queue and not (left_open or self.past_deadline()):
            self.opened = []
            left_open = run_sweeps(self._starts(), pool, self._swept, self.past_deadline)
            self.collect(wait=True)
        for fam, _, _, extends in (self.opened[i] for i in left_open):
            if extends is None:
                self.done(_unmeasured(fam, "stopped: the budget was spent (finished "
                                           "tasks are stored)"))  # fmt: skip
            else:
                extends.reasons.append("extension stopped: the budget was spent")
        for fam, extends in self.queue:
            if extends is None:
                self.done(_unmeasured(fam, "not measured: the budget was spent"))
            else:
                extends.reasons.append("not extended: the budget was spent")

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
        Seconds after which the search stops: the open candidates between two tasks
        (their finished tasks are stored, so a rerun resumes them) and no further
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
    entries: dict[str, Entry] = {}

    def done(entry: Entry) -> None:
        entries[entry.name] = entry
        if progress is not None:
            progress(len(entries), len(fams))

    started = time.monotonic()
    deadline = None if budget is None else started + budget
    examiner = _Examiner(attacks, settings, sizes=sizes, cost=cost, run_id=run_id,
                         deadline=deadline, done=done)  # fmt: skip
    # Every candidate is measured once before any is extended: the budget covers the
    # whole space first, and refines the undecided candidates with what is left.
    examiner.queue.extend((fam, None) for fam in interleaved(fams))
    try:
        examiner.run(pool)
    finally:
        examiner.close()
        pool.close()
    entries.update(examiner.extended)
    result = SearchResult([entries[f.name] for f in fams], seed=seed)
    if not own_store:
        # The result, not only its measurements: gaps report reads it from the store.
        store.record_search(run_id, result.to_dict())
    store.finish_run(run_id)
    if own_store:
        store.close()
    return result

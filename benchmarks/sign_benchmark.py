"""Sign benchmark: synthetic pairings whose asymptotic sign is known exactly.

Each pairing ticks a known function of n on each side, times a per-instance difficulty
shared by both sides (real instances share it) and independent lognormal noise per
side; a budget may censor one side. The call records are built by hand, as the
classification tests build them, so no worker runs and every figure is reproducible.
Each pairing is classified on three seeds through the classifier's own report, and
the benchmark prints right / wrong / inconclusive per kind and in total, and the
false negatives (a negative sign where the truth is not negative), the worst error.

    python benchmarks/sign_benchmark.py          # goal: >= 95% right, 0 false negatives
    python benchmarks/sign_benchmark.py --quick  # one seed
    python benchmarks/sign_benchmark.py --seeds 3,4,5

A second set, written after the rule's thresholds were set and never tuned on, is
reported apart: its figure is the honest one.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import gaps
from gaps.calls import CallRecord
from gaps.classification import GENERATOR_ONLY_FACTOR, _report, _wants_generator
from gaps.measure import Measurements
from gaps.report import GapReport
from gaps.tasks import Limits

Cost = Callable[[float], float]

#: Sizes for polynomial and sub-exponential pairings, and for exponential ones.
POWERS = tuple(2**k for k in range(5, 14))
LINEAR = tuple(range(10, 46, 5))
#: Instances per size: what a survey measures at its larger sizes.
INSTANCES = 7
SEEDS = (0, 1, 2)

FAMILY = gaps.Family(
    name="sign_benchmark",
    sample=lambda size, rng: size,
    generate=lambda n, meter: n,
    verify=lambda n, out, meter: True,
)
PAIRING = FAMILY.pairings[0]


@dataclass(frozen=True)
class Case:
    """One pairing: each side's cost as a function of n, and the true sign."""

    kind: str
    name: str
    generate: Cost
    verify: Cost
    sign: str
    sizes: tuple[int, ...] = POWERS
    noise: float = 0.0  # sigma of each side's independent lognormal factor
    shared: str = "mild"  # the per-instance difficulty both sides share
    budget: float | None = None  # steps past which a call is censored
    instances: int = INSTANCES  # per size; a default survey measures three


def lg(n: float) -> float:
    return math.log2(n)


def _difficulty(shared: str, rng: random.Random) -> float:
    if shared == "heavy":
        return rng.paretovariate(1.1)  # slowest instance often 50x the median
    return rng.choice((1.0, 1.5, 3.0))


def measurements(case: Case, seed: int, generator_only: int = 0) -> Measurements:
    """Call records of ``case``, as a sweep with this seed would have stored them, and
    ``generator_only`` more instances per size on which only the generator ran."""
    rng = random.Random(f"{case.kind}/{case.name}/{seed}")
    meas = Measurements(family=FAMILY, seed=seed, limits=Limits())
    for n in case.sizes:
        for index in range(case.instances):
            w = _difficulty(case.shared, rng)
            meas.records[PAIRING.generator, n, index] = [
                _record(case, role, w * cost(n) * math.exp(rng.gauss(0.0, case.noise)))
                for role, cost in (("generate", case.generate), ("verify", case.verify))
            ]
    alone = random.Random(f"{case.kind}/{case.name}/{seed}/generator only")
    for n in case.sizes:
        for index in range(case.instances, case.instances + generator_only):
            steps = _difficulty(case.shared, alone) * case.generate(n)
            steps *= math.exp(alone.gauss(0.0, case.noise))
            meas.records[PAIRING.generator, n, index] = [_record(case, "generate", steps)]
    return meas


def _record(case: Case, role: str, steps: float) -> CallRecord:
    outcome = "ok"
    if case.budget is not None and steps > case.budget:
        steps, outcome = case.budget, "censored"
    verifier = PAIRING.verifier if role == "verify" else ""
    return CallRecord(role=role, verifier=verifier, outcome=outcome, steps=max(1, round(steps)))


def classified(case: Case, seed: int) -> GapReport:
    """The report a survey gives ``case``, with generator-only instances where its sign
    asks for them, as :func:`gaps.classification.sweep_pairings` adds them."""
    meas = measurements(case, seed)
    if _wants_generator(meas, PAIRING, "steps"):
        meas = measurements(case, seed, GENERATOR_ONLY_FACTOR * case.instances)
    return _report(meas, PAIRING, "steps")


def _exponents() -> Iterator[Case]:
    for base in (1.0, 1.5, 2.0):
        for d in (0.1, 0.2, 0.3):
            yield Case(
                "exponent", f"n^{base + d:g} vs n^{base:g}", _pow(base + d), _pow(base), "positive"
            )
            yield Case(
                "exponent", f"n^{base:g} vs n^{base + d:g}", _pow(base), _pow(base + d), "negative"
            )


def _pow(k: float) -> Cost:
    return lambda n: n**k


def cases() -> list[Case]:
    """The benchmark's pairings, by kind."""
    out = [
        # Constant and additive overheads: the ratio settles, however it starts.
        Case("overhead", "n+2000 vs n", lambda n: n + 2000, lambda n: n, "neutral"),
        Case("overhead", "n+500 vs n", lambda n: n + 500, lambda n: n, "neutral"),
        Case("overhead", "n+8000 vs n", lambda n: n + 8000, lambda n: n, "neutral"),
        Case("overhead", "n vs n+2000", lambda n: n, lambda n: n + 2000, "neutral"),
        Case("overhead", "n vs n+500", lambda n: n, lambda n: n + 500, "neutral"),
        Case(
            "overhead", "n^2+1000n vs n^2", lambda n: n * n + 1000 * n, lambda n: n * n, "neutral"
        ),
        Case(
            "overhead",
            "5n lg n+10^4 vs n lg n",
            lambda n: 5 * n * lg(n) + 1e4,
            lambda n: n * lg(n),
            "neutral",
        ),
        Case(
            "overhead", "n^1.5 vs n^1.5+3000", lambda n: n**1.5, lambda n: n**1.5 + 3000, "neutral"
        ),
        # Two lower-order terms fading at different rates: no single fade fits them, and
        # over these sizes the sum may honestly stay undecided.
        Case(
            "two overheads",
            "n^2+1000n+10^5 vs n^2",
            lambda n: n * n + 1000 * n + 1e5,
            lambda n: n * n,
            "neutral",
        ),
        Case(
            "two overheads",
            "n+100 n^0.5+1000 vs n",
            lambda n: n + 100 * n**0.5 + 1000,
            lambda n: n,
            "neutral",
        ),
        Case("constant", "10 n^2 vs n^2", lambda n: 10 * n * n, lambda n: n * n, "neutral"),
        Case(
            "constant",
            "n lg n vs 0.1 n lg n",
            lambda n: n * lg(n),
            lambda n: 0.1 * n * lg(n),
            "neutral",
        ),
        Case("constant", "n vs 3n", lambda n: n, lambda n: 3 * n, "neutral"),
        Case("constant", "2^n vs 3*2^n", lambda n: 2.0**n, lambda n: 3 * 2.0**n, "neutral", LINEAR),
        # Crossovers: the sign at small n is the opposite of the asymptotic one.
        Case("crossover", "n^2 vs 1000n", lambda n: n * n, lambda n: 1000 * n, "positive"),
        Case("crossover", "n^1.5 vs 30n", lambda n: n**1.5, lambda n: 30 * n, "positive"),
        Case("crossover", "1000n vs n^1.3", lambda n: 1000 * n, lambda n: n**1.3, "negative"),
        Case(
            "crossover",
            "n lg^2 n vs 20 n lg n",
            lambda n: n * lg(n) ** 2,
            lambda n: 20 * n * lg(n),
            "positive",
        ),
        Case(
            "crossover",
            "200 n lg n vs n^1.5",
            lambda n: 200 * n * lg(n),
            lambda n: n**1.5,
            "negative",
        ),
        Case(
            "crossover",
            "1.3^n vs 10^4 n^2",
            lambda n: 1.3**n,
            lambda n: 1e4 * n * n,
            "positive",
            LINEAR,
        ),
        # Log factors.
        Case(
            "log factor",
            "n lg^2 n vs n lg n",
            lambda n: n * lg(n) ** 2,
            lambda n: n * lg(n),
            "positive",
        ),
        Case(
            "log factor",
            "n lg n vs n lg^2 n / 4",
            lambda n: n * lg(n),
            lambda n: n * lg(n) ** 2 / 4,
            "negative",
        ),
        Case("log factor", "n^2/lg n vs n^2", lambda n: n * n / lg(n), lambda n: n * n, "negative"),
        Case("log factor", "n lg n vs n", lambda n: n * lg(n), lambda n: n, "positive"),
        Case("log factor", "n^2 vs n^2 lg n", lambda n: n * n, lambda n: n * n * lg(n), "negative"),
        Case("log factor", "n vs n / lg n", lambda n: n, lambda n: n / lg(n), "positive"),
        # Exponential bases and exponential against polynomial.
        Case("exponential", "2^n vs 1.5^n", lambda n: 2.0**n, lambda n: 1.5**n, "positive", LINEAR),
        Case("exponential", "1.5^n vs 2^n", lambda n: 1.5**n, lambda n: 2.0**n, "negative", LINEAR),
        Case(
            "exponential", "1.2^n vs 1.1^n", lambda n: 1.2**n, lambda n: 1.1**n, "positive", LINEAR
        ),
        Case(
            "exponential",
            "n 2^n vs 3^n",
            lambda n: n * 2.0**n,
            lambda n: 3.0**n,
            "negative",
            LINEAR,
        ),
        Case("exponential", "2^n vs n^3", lambda n: 2.0**n, lambda n: n**3, "positive", LINEAR),
        Case("exponential", "n^2 vs 1.3^n", lambda n: n * n, lambda n: 1.3**n, "negative", LINEAR),
        # Sub-exponential against polynomial (n a bit length, as for factoring).
        Case("subexponential", "L(1/3) vs n^3", _l_third, lambda n: n**3, "positive"),
        Case("subexponential", "n^3 vs L(1/3)", lambda n: n**3, _l_third, "negative"),
        Case("subexponential", "e^sqrt(n ln n) vs n^2", _l_half, lambda n: n * n, "positive"),
        Case("subexponential", "n^2 vs e^sqrt(n ln n)", lambda n: n * n, _l_half, "negative"),
        # More of each kind, on other growths.
        Case(
            "overhead",
            "n lg n vs n lg n+5000",
            lambda n: n * lg(n),
            lambda n: n * lg(n) + 5000,
            "neutral",
        ),
        Case("constant", "n^3 vs n^3/7", lambda n: n**3, lambda n: n**3 / 7, "neutral"),
        Case(
            "log factor",
            "n^1.5 lg n vs n^1.5",
            lambda n: n**1.5 * lg(n),
            lambda n: n**1.5,
            "positive",
        ),
        Case(
            "exponential",
            "1.1^n vs 1.05^n",
            lambda n: 1.1**n,
            lambda n: 1.05**n,
            "positive",
            LINEAR,
        ),
        Case(
            "subexponential",
            "2^sqrt(n) vs n^2",
            lambda n: 2.0 ** math.sqrt(n),
            lambda n: n * n,
            "positive",
        ),
        Case(
            "crossover", "n^2 vs 100 n lg n", lambda n: n * n, lambda n: 100 * n * lg(n), "positive"
        ),
        # Heavy-tailed difficulty shared by both sides (Pareto, alpha 1.1).
        *(
            Case("heavy tail", c.name, c.generate, c.verify, c.sign, c.sizes, shared="heavy")
            for c in _basics()
        ),
        # Censoring: a budget stops one side's largest calls.
        Case(
            "censored",
            "2^n vs n^2, budget 1e9",
            lambda n: 2.0**n,
            lambda n: n * n,
            "positive",
            LINEAR,
            budget=1e9,
        ),
        Case(
            "censored",
            "n^2 vs 2^n, budget 1e9",
            lambda n: n * n,
            lambda n: 2.0**n,
            "negative",
            LINEAR,
            budget=1e9,
        ),
        Case(
            "censored",
            "n^3 vs n^2, budget 1e10",
            lambda n: n**3,
            lambda n: n * n,
            "positive",
            budget=1e10,
        ),
        Case(
            "censored",
            "n^2 vs n^2.5, budget 3e8",
            lambda n: n * n,
            lambda n: n**2.5,
            "negative",
            budget=3e8,
        ),
        Case(
            "censored",
            "n^2 lg n vs n^2, budget 5e8",
            lambda n: n * n * lg(n),
            lambda n: n * n,
            "positive",
            budget=5e8,
        ),
        # Independent lognormal noise on each side.
        *(
            Case(f"noise {s}", c.name, c.generate, c.verify, c.sign, c.sizes, noise=s)
            for s in (0.25, 0.5)
            for c in _basics()
        ),
    ]
    out += list(_exponents())
    return out


def _basics() -> list[Case]:
    """Pairings of every sign, reused under heavier difficulty and noise."""
    return [
        Case("", "n^2 vs n", lambda n: n * n, lambda n: n, "positive"),
        Case("", "n vs n^1.5", lambda n: n, lambda n: n**1.5, "negative"),
        Case("", "n^1.3 vs n", lambda n: n**1.3, lambda n: n, "positive"),
        Case("", "5n vs n", lambda n: 5 * n, lambda n: n, "neutral"),
        Case("", "n+2000 vs n", lambda n: n + 2000, lambda n: n, "neutral"),
        Case("", "1.5^n vs 1.2^n", lambda n: 1.5**n, lambda n: 1.2**n, "positive", LINEAR),
    ]


def fresh_cases() -> list[Case]:
    """Pairings written after the rule's thresholds were set and never tuned on:
    slow growth, polylog factors, noisy overheads, censored sides."""
    return [
        Case("fresh slow", "n lg lg n vs n", lambda n: n * lg(lg(n)), lambda n: n, "positive"),
        Case("fresh slow", "n^1.25 vs n", _pow(1.25), _pow(1.0), "positive"),
        Case("fresh slow", "n vs n^1.25", _pow(1.0), _pow(1.25), "negative"),
        Case("fresh slow", "n^1.1 vs n, noise 0.25", _pow(1.1), _pow(1.0), "positive", noise=0.25),
        Case("fresh slow", "2^(n^0.25) vs n", lambda n: 2.0 ** (n**0.25), _pow(1.0), "positive"),
        Case("fresh slow", "1.15^n vs n^2", lambda n: 1.15**n, _pow(2.0), "positive", LINEAR),
        Case(
            "fresh polylog",
            "n lg^3 n vs n lg n",
            lambda n: n * lg(n) ** 3,
            lambda n: n * lg(n),
            "positive",
        ),
        Case(
            "fresh polylog",
            "n lg^2 n vs n lg^4 n",
            lambda n: n * lg(n) ** 2,
            lambda n: n * lg(n) ** 4,
            "negative",
        ),
        Case(
            "fresh polylog",
            "n lg n vs n, heavy tail",
            lambda n: n * lg(n),
            _pow(1.0),
            "positive",
            shared="heavy",
        ),
        Case(
            "fresh overhead",
            "n+2000 vs n, noise 0.3",
            lambda n: n + 2000,
            _pow(1.0),
            "neutral",
            noise=0.3,
        ),
        Case(
            "fresh overhead",
            "3n+10^4 vs n, noise 0.2",
            lambda n: 3 * n + 1e4,
            _pow(1.0),
            "neutral",
            noise=0.2,
        ),
        Case(
            "fresh overhead",
            "n lg n+4000 vs 2 n lg n",
            lambda n: n * lg(n) + 4000,
            lambda n: 2 * n * lg(n),
            "neutral",
        ),
        Case(
            "fresh overhead",
            "n+30 sqrt n vs n",
            lambda n: n + 30 * math.sqrt(n),
            _pow(1.0),
            "neutral",
        ),
        Case(
            "fresh overhead",
            "4n^2 vs n^2, noise 0.5",
            lambda n: 4 * n * n,
            _pow(2.0),
            "neutral",
            noise=0.5,
        ),
        Case(
            "fresh censored",
            "n^2.2 vs n^2, budget 2.5e8",
            _pow(2.2),
            _pow(2.0),
            "positive",
            budget=2.5e8,
        ),
        Case(
            "fresh censored",
            "n^2 vs n^2.2, budget 2.5e8",
            _pow(2.0),
            _pow(2.2),
            "negative",
            budget=2.5e8,
        ),
        Case(
            "fresh censored",
            "2n^2 vs n^2, budget 2.5e8",
            lambda n: 2 * n * n,
            _pow(2.0),
            "neutral",
            budget=2.5e8,
        ),
        Case(
            "fresh censored",
            "n lg n vs n, budget 3e4",
            lambda n: n * lg(n),
            _pow(1.0),
            "positive",
            budget=3e4,
        ),
    ]


#: Sizes as a catalog family measures them: a narrow range, one size per step of 1.2.
NARROW = (560, 660, 780, 920, 1080, 1280, 1500)
DOUBLING = (100, 200, 400, 800, 1600, 3200)


def survey_cases() -> list[Case]:
    """Cases shaped like a default survey's measurements, three instances per size,
    written after the sign rule took the point estimate and a majority of resamples."""
    three = {"instances": 3}
    return [
        Case(
            "fresh 3 inst.",
            "n^3 vs n^2, narrow, noise 0.05",
            _pow(3.0),
            _pow(2.0),
            "positive",
            NARROW,
            noise=0.05,
            **three,
        ),
        Case(
            "fresh 3 inst.",
            "n^2 vs n^2 lg n, noise 0.1",
            _pow(2.0),
            lambda n: n * n * lg(n),
            "negative",
            DOUBLING,
            noise=0.1,
            **three,
        ),
        Case(
            "fresh 3 inst.",
            "1.3^n vs n, noise 0.5",
            lambda n: 1.3**n,
            _pow(1.0),
            "positive",
            LINEAR,
            noise=0.5,
            **three,
        ),
        Case(
            "fresh 3 inst.",
            "n+2000 vs n, noise 0.1",
            lambda n: n + 2000,
            _pow(1.0),
            "neutral",
            DOUBLING,
            noise=0.1,
            **three,
        ),
        Case(
            "fresh 3 inst.",
            "n^2+500n vs n^2, narrow",
            lambda n: n * n + 500 * n,
            _pow(2.0),
            "neutral",
            NARROW,
            noise=0.05,
            **three,
        ),
        Case(
            "fresh 3 inst.",
            "8n then 7n vs n (a step)",
            lambda n: (8 if n < 1500 else 7) * n,
            _pow(1.0),
            "neutral",
            DOUBLING,
            **three,
        ),
        Case(
            "fresh 3 inst.",
            "n lg n vs n, heavy tail",
            lambda n: n * lg(n),
            _pow(1.0),
            "positive",
            DOUBLING,
            noise=0.2,
            shared="heavy",
            **three,
        ),
        Case(
            "fresh 3 inst.",
            "n^2 vs n^2.2, narrow, exact",
            _pow(2.0),
            _pow(2.2),
            "negative",
            NARROW,
            **three,
        ),
        Case(
            "fresh 3 inst.",
            "6n with a bump at 800 vs n",
            lambda n: (7 if n == 800 else 6) * n,
            _pow(1.0),
            "neutral",
            DOUBLING,
            **three,
        ),
    ]


def _l_third(n: float) -> float:
    ln = n * math.log(2)  # n is a bit length
    return math.exp(1.9 * ln ** (1 / 3) * math.log(ln) ** (2 / 3))


def _l_half(n: float) -> float:
    return math.exp(math.sqrt(n * math.log(n)))


def run(selected: list[Case], seeds: tuple[int, ...] = SEEDS) -> dict[str, dict[str, int]]:
    """Tally per kind: right, wrong, inconclusive, false negatives."""
    tally: dict[str, dict[str, int]] = {}
    for case in selected:
        counts = tally.setdefault(
            case.kind, dict.fromkeys(("right", "wrong", "inconclusive", "false negative"), 0)
        )
        for seed in seeds:
            found = classified(case, seed).sign
            if found == case.sign:
                counts["right"] += 1
            elif found == "inconclusive":
                counts["inconclusive"] += 1
                print(f"  inconclusive: {case.kind}: {case.name} (seed {seed}), truth {case.sign}")
            else:
                counts["wrong"] += 1
                print(
                    f"  wrong: {case.kind}: {case.name} (seed {seed}): {found}, truth {case.sign}"
                )
            if found == "negative" and case.sign != "negative":
                counts["false negative"] += 1
    return tally


def _row(kind: str, counts: dict[str, int]) -> str:
    widths = {"right": 7, "wrong": 7, "inconclusive": 9, "false negative": 11}
    return f"{kind:<16}" + "".join(f"{counts[k]:>{w}}" for k, w in widths.items())


def _table(title: str, selected: list[Case], seeds: tuple[int, ...]) -> dict[str, int]:
    tally = run(selected, seeds)
    total = dict.fromkeys(("right", "wrong", "inconclusive", "false negative"), 0)
    print(f"{title}: {len(selected)} pairings x {len(seeds)} seeds {seeds}")
    print(f"{'kind':<16}{'right':>7}{'wrong':>7}{'inconcl.':>9}{'false neg.':>11}")
    for kind, counts in tally.items():
        print(_row(kind, counts))
        for k in total:
            total[k] += counts[k]
    runs = len(selected) * len(seeds)
    print(_row("total", total))
    print(
        f"right {total['right'] / runs:.1%}, wrong {total['wrong'] / runs:.1%}, "
        f"inconclusive {total['inconclusive'] / runs:.1%}, "
        f"false negatives {total['false negative']}\n"
    )
    total["runs"] = runs
    return total


def main(argv: list[str]) -> int:
    seeds = SEEDS
    if "--quick" in argv:
        seeds = (0,)
    elif "--seeds" in argv:
        seeds = tuple(int(s) for s in argv[argv.index("--seeds") + 1].split(","))
    tuned = _table("tuned set", cases(), seeds)
    fresh = _table("fresh set (not tuned on)", fresh_cases() + survey_cases(), seeds)
    met = tuned["false negative"] == 0 and tuned["right"] >= 0.95 * tuned["runs"]
    return 0 if met and fresh["false negative"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

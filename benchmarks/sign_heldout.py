"""Held-out sign suite: random pairings drawn from a grammar, never tuned on.

:mod:`sign_benchmark` holds pairings written by hand; this suite draws them. Each side
costs a leading term ``c * 2**(r * n**k) * n**a * lg(n)**j * lg(lg(n))**m`` (a in
[0.5, 3] on a grid of 0.05, j in {-1, 0, 1, 2}, an optional lg lg n, an exponential
b**n or 2**(r * n**k) on linear sizes; c = 2**U[-6, 6]) plus additive terms of lower
order: a constant, sqrt n, a lower power (n lg n under n**2), one log factor fewer.
An additive term equals the leading term at a size drawn between a quarter of the
smallest size and twice the largest, so it fades within the range, at its top, or
after it. Costs are then drawn as :mod:`sign_benchmark` draws them: a difficulty
per instance shared by both sides (mild, or Pareto 1.1), independent lognormal noise
(sigma in [0, 0.5]), 3 to 7 instances at 5 to 9 sizes spaced geometrically or
linearly over a factor 4 to 256, and in a fifth of the cases a budget that censors
the costlier side's largest calls. The call records go through the classifier's own
report, with no worker.

The true sign is exact: the leading terms are compared by their exponents, which are
rationals, from the exponential down to the lg lg n factor. A case is *identifiable*
when its sizes reach the asymptotic regime: on each side the lower-order terms add at
most one bit to the leading term at the largest size, and the noise-free gap does not
move against the true sign over the last step. Elsewhere no rule can tell: over 16..64,
``n**0.5 + 10**5`` against ``n**0.5`` gives the numbers of a constant against
``n**0.5``, a negative gap. A negative reading of a neutral or positive case is a false
negative, the worst error; the headline counts them all, and names those on
identifiable cases, where an honest rule reads the sign or says inconclusive. Neutral
readings are also counted by what they rest on: equivalence (every growing shape moves
within the band) or parsimony (a settled shape wins by the evidence margin), each right
or wrong, and apart on the cases whose noise-free gap has *settled* at the top (moves
over the last doubling within the band that equivalence allows). Elsewhere a neutral
reading extrapolates: a fading overhead and a slow trend both still move there.

    python benchmarks/sign_heldout.py                   # 300 cases on seed 0
    python benchmarks/sign_heldout.py --seed 3 --cases 500
    python benchmarks/sign_heldout.py --quick           # 60 cases
    python benchmarks/sign_heldout.py --seed 3 --case 17  # one case and its reasons

>>> suite = draw_cases(seed=0, count=20)
>>> [c.index for c in suite[:3]], all(c.sign in SIGNS for c in suite)
([0, 1, 2], True)
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from sign_benchmark import Case, classified

from gaps.report import GapReport
from gaps.sign import SignPolicy

__all__ = [
    "KINDS",
    "SIGNS",
    "HeldOut",
    "Term",
    "draw_case",
    "draw_cases",
    "judge",
    "neutral_bases",
    "read",
    "tally",
]

Q = Fraction
ZERO = Q(0)
#: Exponents and their differences are drawn on this grid, so they compare exactly.
STEP = Q(1, 20)
SIGNS = ("positive", "negative", "neutral")

#: Kinds of pairing and their weights. "overhead" and "masked" are the false-negative
#: traps: a neutral ratio, or a real difference, under additive terms that fade.
KINDS = {
    "overhead": 0.22,  # one leading shape, other constants, additive terms that fade
    "constant": 0.08,  # one leading shape, other constants, nothing added
    "masked": 0.14,  # a real difference under an additive term on the larger side
    "exponent": 0.16,  # n**a against n**(a + d), d in [0.05, 0.5]
    "log factor": 0.10,  # lg**j n against lg**i n, one power of n
    "log log": 0.05,  # a lg lg n factor alone
    "exponential": 0.10,  # different bases, or an exponential against a polynomial
    "subexponential": 0.08,  # 2**(r * n**k), 0 < k < 1, against a polynomial or another k
    "crossover": 0.07,  # a real difference whose smaller side starts larger
}

#: Bits of the largest cost an exponential case may reach at its largest size.
MAX_BITS = 180.0
#: Noise-free costs are scaled (a finer unit, the same on both sides) so that the
#: cheapest call costs at least this many steps: rounding to whole steps is no noise.
MIN_STEPS = 1024.0


def lg(n: float) -> float:
    return math.log2(n)


@dataclass(frozen=True)
class Term:
    """``coef * 2**(rate * n**power) * n**a * lg(n)**j * lg(lg(n))**m``."""

    coef: float
    a: Fraction = ZERO
    j: int = 0
    m: int = 0
    power: Fraction = ZERO  # k of 2**(rate * n**k); 0 when rate is 0
    rate: float = 0.0

    def key(self) -> tuple[Fraction, float, Fraction, int, int]:
        """The asymptotic order: a larger key grows faster, an equal key as fast."""
        return (self.power, self.rate, self.a, self.j, self.m)

    def log2(self, n: float) -> float:
        return (
            math.log2(self.coef)
            + self.rate * n ** float(self.power)
            + float(self.a) * lg(n)
            + self.j * lg(lg(n))
            + self.m * lg(lg(lg(n)))
        )

    def value(self, n: float) -> float:
        return 2.0 ** self.log2(n)

    def shape(self) -> str:
        """The term without its constant, as a reader writes it."""
        parts = []
        if self.rate and self.power == 1:
            parts.append(f"{2.0**self.rate:.3g}^n")
        elif self.rate:
            parts.append(f"2^({self.rate:.3g} n^{self.power})")
        if self.a:
            parts.append("n" if self.a == 1 else f"n^{float(self.a):g}")
        if self.j:
            parts.append("lg n" if self.j == 1 else f"lg^{self.j} n")
        if self.m:
            parts.append("lglg n")
        return " ".join(parts) or "1"

    def __str__(self) -> str:
        return f"{self.coef:.3g} {self.shape()}" if self.shape() != "1" else f"{self.coef:.3g}"

    def sympy(self) -> str:
        """The term as a sympy-parsable growth (exponents and rate as exact rationals)."""
        coef = Q(self.coef).limit_denominator(10**9)
        rate = Q(self.rate).limit_denominator(10**9)
        return (
            f"({coef})*2**(({rate})*n**({self.power}))*n**({self.a})"
            f"*log(n, 2)**({self.j})*log(log(n, 2), 2)**({self.m})"
        )


Side = tuple[Term, ...]


def _lead(side: Side) -> Term:
    return max(side, key=Term.key)


def _total(side: Side, n: float) -> float:
    return sum(t.value(n) for t in side)


def exact_sign(gen: Side, ver: Side) -> str:
    """The sign of ``C_gen / C_ver`` as n grows, from the two leading terms' orders.

    >>> exact_sign((Term(1.0, Q(1)), Term(2000.0)), (Term(1.0, Q(1)),))
    'neutral'
    >>> exact_sign((Term(1.0, Q(2), j=-1),), (Term(5.0, Q(2)),))
    'negative'
    """
    g, v = _lead(gen).key(), _lead(ver).key()
    return "positive" if g > v else "negative" if g < v else "neutral"


@dataclass(frozen=True)
class HeldOut:
    """One drawn pairing: the two sides, the true sign and how its costs are drawn."""

    seed: int
    index: int
    kind: str
    generate: Side
    verify: Side
    sizes: tuple[int, ...]
    spacing: str
    instances: int
    noise: float
    shared: str
    unit: float  # steps per unit of the terms, the same on both sides
    budget: float | None  # steps, after the unit

    @property
    def sign(self) -> str:
        return exact_sign(self.generate, self.verify)

    def case(self) -> Case:
        """The pairing as :mod:`sign_benchmark` draws its call records."""
        gen, ver, unit = self.generate, self.verify, self.unit
        return Case(
            kind=self.kind,
            name=f"heldout {self.seed} #{self.index}",
            generate=lambda n: unit * _total(gen, n),
            verify=lambda n: unit * _total(ver, n),
            sign=self.sign,
            sizes=self.sizes,
            noise=self.noise,
            shared=self.shared,
            budget=self.budget,
            instances=self.instances,
        )

    def gap(self, n: float) -> float:
        """The noise-free gap at ``n``, in bits."""
        return lg(_total(self.generate, n) / _total(self.verify, n))

    @property
    def added(self) -> bool:
        """Whether either side has an additive term of lower order (one that fades)."""
        return len(self.generate) > 1 or len(self.verify) > 1

    @property
    def settled(self) -> bool:
        """Whether the noise-free gap has settled at the top: over the last doubling up
        to the largest size it moves no more than the band within which equivalence
        reads a gap neutral (a neutral reading elsewhere extrapolates a shape)."""
        top = self.sizes[-1]
        return abs(self.gap(top) - self.gap(top / 2)) <= SignPolicy().band("steps", top)

    @property
    def identifiable(self) -> bool:
        """Whether the sizes reach the asymptotic regime (see the module docstring)."""
        top, below = self.sizes[-1], self.sizes[-2]
        for side in (self.generate, self.verify):
            if _total(side, top) > 2 * _lead(side).value(top):
                return False
        step = self.gap(top) - self.gap(below)
        return {"positive": step >= 0, "negative": step <= 0}.get(self.sign, True)

    def __str__(self) -> str:
        sides = " vs ".join(" + ".join(map(str, s)) for s in (self.generate, self.verify))
        censored = ""
        if self.budget is not None:
            top = self.sizes[-1]
            costly = "generate" if self.gap(top) > 0 else "verify"
            censored = f", budget {self.budget:.3g} steps ({costly} censored)"
        return (
            f"{sides}; {len(self.sizes)} sizes {self.sizes[0]}..{self.sizes[-1]} "
            f"{self.spacing}, {self.instances} inst., noise {self.noise:.2f}, "
            f"{self.shared} difficulty{censored}"
        )


def _grid(rng: random.Random, lo: float, hi: float, step: Fraction = STEP) -> Fraction:
    return rng.randint(math.ceil(lo / step), math.floor(hi / step)) * step


def _coef(rng: random.Random) -> float:
    return 2.0 ** rng.uniform(-6, 6)


def _poly(rng: random.Random, lo: float = 0.5, hi: float = 3.0) -> Term:
    j = rng.choices((-1, 0, 1, 2), weights=(1, 4, 2, 1))[0]
    return Term(_coef(rng), _grid(rng, lo, hi), j, int(rng.random() < 0.15))


def _exponential(rng: random.Random) -> Term:
    return Term(_coef(rng), Q(rng.choice((0, 0, 1, 2))), power=Q(1), rate=rng.uniform(0.1, 1.6))


def _subexponential(rng: random.Random) -> Term:
    k = rng.choice((Q(1, 4), Q(1, 3), Q(1, 2), Q(2, 3), Q(3, 4)))
    return Term(_coef(rng), power=k, rate=rng.uniform(0.5, 3.0))


def _leads(rng: random.Random, kind: str) -> tuple[Term, Term]:
    """The two leading terms of a kind, the asymptotically larger one first."""
    if kind in ("overhead", "constant"):
        base = _poly(rng) if rng.random() < 0.85 else _exponential(rng)
        return replace(base, coef=_coef(rng)), base
    if kind == "log log":
        base = replace(_poly(rng), m=0)
        return replace(base, m=1, coef=_coef(rng)), base
    if kind == "log factor" or (kind in ("masked", "crossover") and rng.random() < 0.4):
        base = _poly(rng)
        low, high = sorted(rng.sample((-1, 0, 1, 2), 2))
        return replace(base, j=high, coef=_coef(rng)), replace(base, j=low)
    if kind in ("exponent", "masked", "crossover"):
        d = _grid(rng, 0.05, 0.5)
        base = _poly(rng, 0.5, 3.0 - float(d))
        return replace(base, a=base.a + d, coef=_coef(rng)), base
    if kind == "exponential":
        base = _exponential(rng)
        if rng.random() < 0.3:
            return base, _poly(rng, 1.0, 3.0)
        other = base.rate * 2.0 ** -rng.uniform(0.07, 0.6)
        return base, replace(base, rate=other, coef=_coef(rng), a=Q(rng.choice((0, 1, 2))))
    if kind == "subexponential":
        base = _subexponential(rng)
        if rng.random() < 0.3:
            other = _subexponential(rng)
            if other.power != base.power:
                return (base, other) if base.key() > other.key() else (other, base)
        return base, _poly(rng)
    raise ValueError(f"unknown kind {kind!r}; the kinds are {', '.join(KINDS)}")


def _sizes(rng: random.Random, leads: Sequence[Term]) -> tuple[tuple[int, ...], str]:
    """5 to 9 distinct sizes over a factor 4 to 256; linear for exponentials, and capped
    so no cost passes ``MAX_BITS``."""
    count = rng.randint(5, 9)
    exponential = any(t.rate and t.power == 1 for t in leads)
    spacing = "linear" if exponential or rng.random() < 0.5 else "geometric"
    lo = rng.randint(8, 32) if exponential else round(2.0 ** rng.uniform(4, 9))
    hi = lo * 2.0 ** rng.uniform(2, 8)
    for t in leads:
        if t.rate:
            hi = min(hi, (MAX_BITS / t.rate) ** (1 / float(t.power)))
    lo = min(lo, math.floor(hi / 4))
    if spacing == "linear":
        grid = [lo + (hi - lo) * i / (count - 1) for i in range(count)]
    else:
        grid = [lo * (hi / lo) ** (i / (count - 1)) for i in range(count)]
    return tuple(sorted({round(v) for v in grid})), spacing


def _added(rng: random.Random, lead: Term, sizes: Sequence[int]) -> Term | None:
    """An additive term of lower order than ``lead``, equal to it at a size drawn from a
    quarter of the smallest size to twice the largest."""
    shapes = [Term(1.0), Term(1.0, Q(1, 2))]
    lower = lead.a - _grid(rng, 0.25, 1.5)
    if lower >= 0:
        shapes.append(Term(1.0, lower, rng.choice((0, 1))))
    if not lead.rate:
        shapes.append(Term(1.0, lead.a, lead.j - 1, lead.m))  # fades as 1 / lg n
    else:
        shapes.append(Term(1.0, Q(rng.randint(1, 3))))
    shapes = [s for s in shapes if s.key() < lead.key()]
    if not shapes:
        return None
    shape = rng.choice(shapes)
    cross = math.exp(rng.uniform(math.log(sizes[0] / 4), math.log(2 * sizes[-1])))
    cross = max(cross, 4.0)  # lg lg n is defined and positive from 4 on
    return replace(shape, coef=lead.value(cross) / shape.value(cross))


def _side(rng: random.Random, lead: Term, sizes: Sequence[int], added: int) -> Side:
    terms = [t for t in (_added(rng, lead, sizes) for _ in range(added)) if t is not None]
    return (lead, *terms)


def _budget(rng: random.Random, gen: Side, ver: Side, sizes: Sequence[int]) -> float | None:
    """A budget below the costlier side's largest calls, four times above the other
    side's and above the costlier side's middle size, so the lower half of the sizes
    stays measured; None when no such budget exists."""
    top, middle = sizes[-1], sizes[len(sizes) // 2]
    high, low = sorted((gen, ver), key=lambda s: _total(s, top), reverse=True)
    floor = max(4 * _total(low, top), _total(high, middle))
    ceiling = _total(high, top) / math.sqrt(2)
    if floor >= ceiling:
        return None
    return floor ** (t := rng.random()) * ceiling ** (1 - t)


def draw_case(seed: int, index: int) -> HeldOut:
    """The ``index``-th case of ``seed``, drawn on its own (the same in any suite size).

    >>> draw_case(0, 5) == draw_case(0, 5) != draw_case(1, 5)
    True
    """
    rng = random.Random(f"sign_heldout/{seed}/{index}")
    kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
    high, low = _leads(rng, kind)
    sizes, spacing = _sizes(rng, (high, low))
    if kind == "crossover":
        # The asymptotically smaller side starts 2 to 256 times the larger one.
        start = high.value(sizes[0]) * 2.0 ** rng.uniform(1, 8)
        low = replace(low, coef=low.coef * start / low.value(sizes[0]))
    if kind == "overhead":
        counts = rng.choice(((1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 1)))
    elif kind == "masked":
        counts = (1, rng.choice((0, 0, 1)))
    elif kind == "constant":
        counts = (0, 0)
    else:
        counts = (int(rng.random() < 0.4), int(rng.random() < 0.4))
    large = _side(rng, high, sizes, counts[0])
    small = _side(rng, low, sizes, counts[1])
    # A neutral pair has no larger side; elsewhere the larger side is the generator
    # (a positive gap) or the verifier (a negative one) at random.
    gen, ver = (large, small) if rng.random() < 0.5 else (small, large)
    if kind == "masked" and rng.random() < 0.7:
        gen, ver = large, small  # a positive gap whose added term makes it fall first
    cheapest = min(min(_total(gen, n), _total(ver, n)) for n in sizes)
    unit = 2.0 ** max(0, math.ceil(lg(MIN_STEPS / cheapest)))
    budget = None
    if rng.random() < 0.3:
        budget = _budget(rng, gen, ver, sizes)
        budget = None if budget is None else unit * budget
    return HeldOut(
        seed=seed,
        index=index,
        kind=kind,
        generate=gen,
        verify=ver,
        sizes=sizes,
        spacing=spacing,
        instances=rng.randint(3, 7),
        noise=0.0 if rng.random() < 0.1 else rng.uniform(0.0, 0.5),
        shared="heavy" if rng.random() < 0.4 else "mild",
        unit=unit,
        budget=budget,
    )


def draw_cases(seed: int, count: int) -> list[HeldOut]:
    """The first ``count`` cases of ``seed``."""
    return [draw_case(seed, i) for i in range(count)]


def read(case: HeldOut) -> GapReport:
    """The classifier's report on ``case``, from hand-built call records."""
    return classified(case.case(), case.seed)


def judge(case: HeldOut) -> str:
    """The sign the classifier's report gives ``case``."""
    return read(case).sign


COLUMNS = ("cases", "right", "wrong", "inconclusive", "false negative")


def tally(
    results: Sequence[tuple[HeldOut, str]],
) -> tuple[dict[str, dict[str, int]], list[tuple[HeldOut, str]]]:
    """Counts per kind (and ``"total"``, ``"identifiable"``) and the false negatives.

    >>> neutral = draw_case(0, 0)
    >>> counts, wrong = tally([(neutral, "negative")])
    >>> counts["total"]["false negative"], wrong[0][0] is neutral
    (1, True)
    """
    counts: dict[str, dict[str, int]] = {}
    false_negatives = []
    for case, found in results:
        rows = [case.kind, "total"] + (["identifiable"] if case.identifiable else [])
        verdict = (
            "right"
            if found == case.sign
            else "inconclusive"
            if found == "inconclusive"
            else "wrong"
        )
        negative = found == "negative" and case.sign != "negative"
        for row in rows:
            c = counts.setdefault(row, dict.fromkeys(COLUMNS, 0))
            c["cases"] += 1
            c[verdict] += 1
            c["false negative"] += negative
        if negative:
            false_negatives.append((case, found))
    return counts, false_negatives


def run(
    cases: Sequence[HeldOut], decide: Callable[[HeldOut], str] = judge
) -> list[tuple[HeldOut, str]]:
    return [(case, decide(case)) for case in cases]


def _table(counts: dict[str, dict[str, int]]) -> list[str]:
    lines = [f"{'kind':<16}{'cases':>6}{'right':>7}{'wrong':>7}{'inconcl.':>9}{'false neg.':>11}"]
    order = [k for k in KINDS if k in counts] + ["total", "identifiable"]
    for kind in order:
        c = counts.get(kind, dict.fromkeys(COLUMNS, 0))
        lines.append(
            f"{kind:<16}{c['cases']:>6}{c['right']:>7}{c['wrong']:>7}"
            f"{c['inconclusive']:>9}{c['false negative']:>11}"
        )
    return lines


def _share(c: dict[str, int], column: str) -> str:
    return f"{c[column] / c['cases']:.1%}" if c["cases"] else "-"


#: What a neutral reading can rest on (:attr:`gaps.sign.SignDecision.basis`).
NEUTRAL_BASES = ("equivalence", "parsimony")


def neutral_bases(readings: Sequence[tuple[HeldOut, GapReport]]) -> dict[str, dict[str, int]]:
    """Neutral readings by what they rest on (equivalence or parsimony), right and wrong,
    and apart, those of cases whose noise-free gap had settled at the top.

    >>> case = draw_case(0, 0)
    >>> neutral = replace(classified(case.case(), 0), sign="neutral", basis="parsimony")
    >>> counts = neutral_bases([(case, neutral)])["parsimony"]
    >>> counts["right"] == (case.sign == "neutral"), counts["settled right"] == (
    ...     case.sign == "neutral" and case.settled)
    (True, True)
    """
    columns = ("right", "wrong", "settled right", "settled wrong")
    bases = {b: dict.fromkeys(columns, 0) for b in NEUTRAL_BASES}
    for case, found in readings:
        if found.sign == "neutral":
            verdict = "right" if case.sign == "neutral" else "wrong"
            bases[found.basis][verdict] += 1
            bases[found.basis][f"settled {verdict}"] += case.settled
    return bases


def report(seed: int, count: int) -> int:
    """Print the suite's table and false negatives; 1 if one is on an identifiable case."""
    cases = draw_cases(seed, count)
    readings = [(case, read(case)) for case in cases]
    counts, false_negatives = tally([(case, found.sign) for case, found in readings])
    traps = sum(
        c.sign != "negative" and any(len(s) > 1 for s in (c.generate, c.verify)) for c in cases
    )
    print(
        f"held-out sign suite: {count} cases drawn on seed {seed}; "
        f"{traps} neutral or positive with added terms that fade"
    )
    print("\n".join(_table(counts)))
    for case, found in false_negatives:
        fair = "identifiable" if case.identifiable else "not identifiable at these sizes"
        print(
            f"  false negative: seed {seed} #{case.index} {case.kind}, truth {case.sign}, "
            f"read {found} ({fair}): {case}"
        )
    total = counts["total"]
    fair = counts.get("identifiable", dict.fromkeys(COLUMNS, 0))
    print(
        f"HEADLINE false negatives: {total['false negative']} of {count} cases "
        f"({fair['false negative']} of {fair['cases']} identifiable); right "
        f"{_share(total, 'right')}, wrong {_share(total, 'wrong')}, inconclusive "
        f"{_share(total, 'inconclusive')} (identifiable: right {_share(fair, 'right')}, "
        f"wrong {_share(fair, 'wrong')})"
    )
    for basis, c in neutral_bases(readings).items():
        settled = c["settled right"] + c["settled wrong"]
        moving = c["right"] + c["wrong"] - settled
        print(
            f"neutral readings on {basis}: {c['right']} of {c['right'] + c['wrong']} right "
            f"({c['wrong']} were positive or negative gaps); where the noise-free gap had "
            f"settled at the top {c['settled right']} of {settled}, where it still moved "
            f"past the band {c['right'] - c['settled right']} of {moving}"
        )
    return 1 if fair["false negative"] else 0


def explain(seed: int, index: int) -> int:
    """Print one case, its truth and the report's sign with its reasons."""
    case = draw_case(seed, index)
    found = classified(case.case(), case.seed)
    print(f"seed {seed} #{index} {case.kind}: {case}")
    print(f"truth {case.sign} (identifiable: {case.identifiable}); read {found.sign}")
    gaps = ", ".join(f"{n}: {case.gap(n):+.2f}" for n in case.sizes)
    print(f"noise-free gap (bits): {gaps}")
    for reason in found.reasons:
        print(f"  {reason}")
    return 0


def _option(argv: list[str], name: str, default: int) -> int:
    if name not in argv:
        return default
    at = argv.index(name) + 1
    if at >= len(argv) or not argv[at].lstrip("-").isdigit():
        raise SystemExit(f"{name} takes an integer, as in '{name} 3'.")
    return int(argv[at])


def main(argv: list[str]) -> int:
    seed = _option(argv, "--seed", 0)
    if "--case" in argv:
        return explain(seed, _option(argv, "--case", 0))
    count = _option(argv, "--cases", 60 if "--quick" in argv else 300)
    return report(seed, count)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Signs the default survey leaves inconclusive, measured beyond its sizes.

The survey's schedule is set to finish within three minutes on two cores. For the
pairings named here it reads inconclusive where the theory declares a sign; this
script measures them further (larger sizes, more instances, a longer time limit) and
prints the evidence either way: the paired gap's median per size, how many instances
both sides finished, the sign read with its reason, and how far the declared theory
says the gap moves over the sizes measured.

* ``pigeonhole``: CaDiCaL's refutation of PHP(n+1, n) against checking its DRAT proof
  forward (``drat``) and backward (``backward``), in propagations, n = 2..9 pigeons
  (the survey: 1..6). The theory (``n*2**n`` against ``2**n``) says the gap falls by
  lg n: 2.2 bits over 2..9, a fall that slows down on linear sizes, as an overhead
  fading as 1/n does. Each further pigeon costs about nine times the last: a check at
  n = 9 takes minutes.
* ``prime_certificate``: Maurer's generation against checking the Pratt certificate,
  in time, 880..4992 bits with nine instances (the survey: 880..3520 with three). The
  theory (``n**4/log(n)`` against ``n**3*log(n)``) says the gap rises by n / lg(n)**2,
  1.8 bits over this range; a time sign needs more than the memory hierarchy can move
  two unlike codes (``SignPolicy.time_hierarchy_bits``), which at that rate takes some
  five doublings, and generation grows as n**3.5.

    python benchmarks/beyond_defaults.py                     # both, about an hour
    python benchmarks/beyond_defaults.py pigeonhole          # one
    python benchmarks/beyond_defaults.py pigeonhole --seed 1
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass

import numpy as np
from paired import measure_paired

import gaps
from gaps.symbolic import n_symbol, parse_growth


@dataclass(frozen=True)
class Run:
    """A family's pairings measured beyond the survey's schedule."""

    family: str
    pairings: tuple[str, ...]
    cost: str
    sizes: tuple[int, ...]
    instances: int
    time_limit: float


RUNS = {
    "pigeonhole": Run(
        "pigeonhole", ("cadical/drat", "cadical/backward"), "propagations",
        (2, 3, 4, 5, 6, 7, 8, 9), 3, 900.0,
    ),
    "prime_certificate": Run(
        "prime_certificate", ("maurer/pratt",), "time",
        (880, 1248, 1760, 2496, 3520, 4992), 9, 60.0,
    ),
}  # fmt: skip


def theory_move(family: gaps.Family, pairing: str, unit: str, lo: int, hi: int) -> float:
    """Bits by which the declared theory moves the gap from size ``lo`` to ``hi``.

    >>> round(theory_move(gaps.get("pigeonhole"), "cadical/drat", "propagations", 2, 8), 2)
    -2.0
    """
    chosen = family.pairing(pairing)
    theory = family.theory
    assert theory is not None
    gap = parse_growth(theory.growth_of("generate", chosen.generator, unit)) / parse_growth(
        theory.growth_of("verify", chosen.verifier, unit)
    )
    n = n_symbol()
    return math.log2(float(gap.subs(n, hi) / gap.subs(n, lo)))


def censored_at(report: gaps.GapReport, size: int) -> int:
    """Calls at ``size`` that a budget stopped, on either side."""
    return sum(
        c
        for side in (report.generate, report.verify)
        for n, c in zip(side.sizes, side.censored, strict=True)
        if n == size
    )


def main(argv: list[str]) -> int:
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    names = [a for a in argv if not a.startswith("-") and a != str(seed)] or list(RUNS)
    unknown = [n for n in names if n not in RUNS]
    if unknown:
        print(f"unknown run {', '.join(unknown)}; choose from {', '.join(RUNS)}")
        return 2
    for name in names:
        run = RUNS[name]
        family = gaps.get(run.family)
        start = time.monotonic()
        settings = gaps.Settings(
            seed=seed, instances=run.instances, limits=gaps.Limits(time=run.time_limit)
        )
        for pairing in run.pairings:
            report, paired = measure_paired(family, list(run.sizes), run.cost, settings, pairing)
            medians = {n: float(np.median(g)) for n, g in paired.items()}
            moved = theory_move(family, pairing, run.cost, run.sizes[0], run.sizes[-1])
            print(
                f"{run.family} {pairing} ({run.cost}, {run.instances} instances, seed {seed}, "
                f"time limit {run.time_limit:g} s): paired gap, median per size"
            )
            for n in run.sizes:
                got = f"{medians[n]:+6.2f} bits" if n in medians else "  none     "
                print(
                    f"  n {n:>5}: {got}, {len(paired.get(n, ()))} paired, "
                    f"{censored_at(report, n)} calls censored"
                )
            ends = sorted(medians)
            print(
                f"  moved {medians[ends[-1]] - medians[ends[0]]:+.2f} bits from n {ends[0]} to "
                f"{ends[-1]}; the theory ({report.theory_sign}) moves it {moved:+.2f} bits "
                f"from n {run.sizes[0]} to {run.sizes[-1]}"
            )
            print(f"  sign: {report.sign}: {report.reasons[0] if report.reasons else ''}")
        print(f"  ({time.monotonic() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

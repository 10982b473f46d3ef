"""What the sign reads, for the benchmarks: a pairing's report and its paired gaps.

The report's ``gap`` compares the two sides' medians; the sign reads each instance's
own ratio (both sides measured on it), whose per-size medians are what a benchmark of
the sign must look at.
"""

from __future__ import annotations

import numpy as np

import gaps
from gaps.classification import _paired_gaps, report_pairings, sweep_pairings
from gaps.distributed import open_runner
from gaps.measure import run_sweep


def measure_paired(
    family: gaps.Family,
    sizes: list[int],
    cost: str,
    settings: gaps.Settings,
    pairing: str | None = None,
) -> tuple[gaps.GapReport, dict[int, np.ndarray]]:
    """The report of ``pairing`` (the first by default) in ``cost``, and its paired
    per-instance gaps (bits) by size.

    >>> fam = gaps.Family(name="paired_demo", sample=lambda size, rng: size,
    ...                   generate=lambda n, meter: meter.tick(2 * n),
    ...                   verify=lambda n, out, meter: meter.tick(n) or True)
    >>> report, gaps_by_size = measure_paired(fam, [8, 16, 32, 64], "steps",
    ...                                       gaps.Settings(instances=2, workers=1))
    >>> report.sign, gaps_by_size[8].tolist()
    ('neutral', [1.0, 1.0])
    """
    chosen = [pairing] if pairing else [family.pairings[0].name]
    with open_runner(settings.workers, settings.scheduler) as pool:
        result = run_sweep(
            sweep_pairings(family, sizes, cost, pairings=chosen, settings=settings), pool
        )
    paired = _paired_gaps(result.measurements, result.pairings[0], cost)
    return report_pairings(result)[0], {n: np.array(v) for n, v in sorted(paired.items())}

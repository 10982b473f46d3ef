"""Candidates per minute of ``gaps.search``: local pool and a 2-worker Dask LocalCluster.

Searches the built-in candidate space (the ``gaps.candidates`` entry-point group) when
one is installed, else a stand-in set of small candidates built here (images of
k-bit seeds under hashes and under linear maps, drawn by rejection), on a fresh
in-memory store each time, and prints the rate on each executor side by side with
the verdict counts, which must agree (step costs do not depend on the executor).
The issue's goal: at least 200 candidates in at most 10 minutes on 2 cores. A search
judges every candidate once, then measures the undecided ones again with more
instances for as long as its budget lasts; the rate is that of the first pass (each
candidate measured, attacked and judged), and the time with the extensions is printed
beside it. With ``--budget`` each executor stops after that many seconds, and the rate
counts the candidates it judged (the others are left "inconclusive", not measured). Each rate
is printed with the machine's 5-minute load average at its end: on 2 cores, a load
well above 3 (two workers and the coordinator) means other jobs took a share.

    python benchmarks/search_rate.py [--limit N] [--budget SECONDS]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from collections import Counter
from dataclasses import dataclass

import gaps
from gaps.errors import InvalidArgument
from gaps.search.run import load_candidates

GOAL_CANDIDATES, GOAL_SECONDS = 200, 600


def _hash_image(seed: int, salt: int = 0) -> bytes:
    return hashlib.blake2b(seed.to_bytes(8, "big"), digest_size=4, salt=bytes([salt])).digest()


def _stand_in(count: int) -> list[gaps.Family]:
    def family(index: int) -> gaps.Family:
        linear = index % 2 == 0

        def image(seed: int) -> bytes:
            if linear:
                return (seed ^ seed << 7 ^ seed << (index % 5 + 1)).to_bytes(4, "big")
            return _hash_image(seed, index % 256)

        def generate(instance, meter):
            k, seed = instance
            meter.tick(4)
            return gaps.Certified(output=(image, k, image(seed)), certificate=seed)

        def check(instance, target, seed, meter):
            meter.tick(4)
            return 0 <= seed < 2 ** target[1] and target[0](seed) == target[2]

        def decide(instance, target, meter):
            for seed in range(2 ** target[1]):
                meter.tick(4)
                if target[0](seed) == target[2]:
                    return True
            return False

        return gaps.Family(
            f"stand_in_{index}",
            lambda size, rng: (size, rng.randrange(2**size)),
            generate,
            {"check": gaps.certified(check), "decide": gaps.blind(decide)},
            domain="bitstrings",
            kind="preimage",
            sizes=(3, 4, 6, 8, 12),
            tags=("mode=blind", f"construction={'transform' if linear else 'naive_plant'}"),
        )

    return [family(i) for i in range(count)]


@dataclass
class Rate:
    """One search's figures: candidates judged once, when that was done, and the rest."""

    judged: int
    first_pass: float  # seconds until every measured candidate was judged once
    total: float  # seconds with the extensions of undecided candidates
    verdicts: Counter[str]
    load: float  # the machine's 5-minute load average at the end

    @property
    def per_minute(self) -> float:
        return self.judged / (self.first_pass / 60)


def _rate(candidates: list[gaps.Family], budget: float | None, **where) -> Rate:
    """Candidates judged per minute on one executor (the rate is only the search's while
    the load stays near the worker count: other jobs on the same cores slow it down).

    A search judges every candidate once, then measures the undecided ones again with
    more instances; the rate is that of the first pass, read off the progress calls.
    """
    started = time.perf_counter()
    judged_at: list[float] = []

    def progress(done: int, total: int) -> None:
        judged_at.append(time.perf_counter() - started)

    result = gaps.search(candidates, seed=0, budget=budget, progress=progress, **where)
    total = time.perf_counter() - started
    measured = [e for e in result.values() if e.reports]  # left out by the budget: none
    first_pass = judged_at[len(measured) - 1] if measured else total
    load = os.getloadavg()[1]  # over the last 5 minutes
    verdicts = Counter(e.verdict for e in measured)
    return Rate(len(measured), first_pass, total, verdicts, load)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Only the first N candidates.")
    parser.add_argument(
        "--budget", type=float, default=None, help="Stop each search after this many seconds."
    )
    args = parser.parse_args()
    try:
        candidates, source = load_candidates(), "the built-in space"
    except InvalidArgument:
        candidates, source = _stand_in(args.limit or 40), "stand-in candidates"
    candidates = candidates[: args.limit] if args.limit else candidates
    from distributed import LocalCluster

    local = _rate(candidates, args.budget, workers=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        dask = _rate(candidates, args.budget, scheduler=cluster.scheduler_address)
    within = f", each within {args.budget:g} s" if args.budget else ""
    print(f"gaps.search over {len(candidates)} candidates ({source}), seed 0{within}")
    for label, rate in (
        ("local pool, 2 workers:       ", local),
        ("Dask LocalCluster, 2 workers:", dask),
    ):
        print(f"  {label} {rate.per_minute:7.1f} per minute: {rate.judged} judged once in "
              f"{rate.first_pass:.0f} s ({rate.total:.0f} s with the extensions), "
              f"load {rate.load:.1f}")  # fmt: skip
    print(f"  verdicts: {dict(sorted(local.verdicts.items()))}")
    # A budget ends each executor at its own candidate: compare verdicts of complete runs.
    same = args.budget is not None or local.verdicts == dask.verdicts
    if args.budget is None:
        print(f"  verdicts identical on both executors: {'yes' if same else 'NO'}")
    needed = GOAL_CANDIDATES / (GOAL_SECONDS / 60)
    met = local.judged >= GOAL_CANDIDATES and local.first_pass <= GOAL_SECONDS
    print(
        f"goal: {GOAL_CANDIDATES} candidates judged in {GOAL_SECONDS // 60} minutes "
        f"({needed:.0f} per minute) on the local pool: {'met' if met else 'MISSED'}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Candidates per minute of ``gaps.search``: local pool and a 2-worker Dask LocalCluster.

Searches the built-in candidate space (the ``gaps.candidates`` entry-point group) when
one is installed, else a stand-in set of small candidates built here (images of
k-bit seeds under hashes and under linear maps, drawn by rejection), on a fresh
in-memory store each time, and prints the rate on each executor side by side with
the verdict counts, which must agree (step costs do not depend on the executor).
The issue's goal: at least 200 candidates in at most 10 minutes on 2 cores. With
``--budget`` each executor stops after that many seconds, and the rate counts the
candidates it measured (the others are left "inconclusive", not measured). Each rate
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


def _rate(
    candidates: list[gaps.Family], budget: float | None, **where
) -> tuple[float, int, Counter[str], float]:
    """Candidates measured per minute, how many were measured, the verdicts of those, and
    the machine's load at the end (the rate is only the search's while the load stays
    near the worker count: other jobs on the same cores slow it down)."""
    started = time.perf_counter()
    result = gaps.search(candidates, seed=0, budget=budget, **where)
    minutes = (time.perf_counter() - started) / 60
    measured = [e for e in result.values() if e.reports]  # left out by the budget: none
    load = os.getloadavg()[1]  # over the last 5 minutes
    return len(measured) / minutes, len(measured), Counter(e.verdict for e in measured), load


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

    local, local_count, local_verdicts, local_load = _rate(candidates, args.budget, workers=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        dask, dask_count, dask_verdicts, dask_load = _rate(
            candidates, args.budget, scheduler=cluster.scheduler_address
        )
    within = f", each within {args.budget:g} s" if args.budget else ""
    print(f"gaps.search over {len(candidates)} candidates ({source}), seed 0{within}")
    print(f"  local pool, 2 workers:        {local:7.1f} per minute, {local_count} measured, "
          f"load {local_load:.1f}")  # fmt: skip
    print(f"  Dask LocalCluster, 2 workers: {dask:7.1f} per minute, {dask_count} measured, "
          f"load {dask_load:.1f}")  # fmt: skip
    print(f"  verdicts: {dict(sorted(local_verdicts.items()))}")
    # A budget ends each executor at its own candidate: compare verdicts of complete runs.
    same = args.budget is not None or local_verdicts == dask_verdicts
    if args.budget is None:
        print(f"  verdicts identical on both executors: {'yes' if same else 'NO'}")
    needed = GOAL_CANDIDATES / (GOAL_SECONDS / 60)
    print(
        f"goal: {GOAL_CANDIDATES} candidates in {GOAL_SECONDS // 60} minutes "
        f"({needed:.0f} per minute) on the local pool: {'met' if local >= needed else 'MISSED'}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

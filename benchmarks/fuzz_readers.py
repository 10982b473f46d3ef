"""Feed generated inputs to every reader: throughput and outcomes (parsed, refused, crash).

Half the inputs are mutations of valid files, half random bytes. A crash is any
exception other than the reader's FormatError; a slow input is one that takes more
than a second. The figure to reach is 0 crashes and 0 slow inputs.

    python benchmarks/fuzz_readers.py [--inputs 100000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from gaps.formats._fuzzing import READERS, SEEDS, feed, mutate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names = list(READERS)
    outcomes: dict[str, Counter[str]] = {name: Counter() for name in names}
    seconds: Counter[str] = Counter()
    crashes: list[str] = []
    for i in range(args.inputs):
        name = names[i % len(names)]
        if rng.random() < 0.5:
            data: bytes | str = mutate(rng.choice(SEEDS[name]), rng, edits=rng.choice((1, 3, 8)))
        else:
            data = rng.randbytes(rng.randrange(200))
        started = time.perf_counter()
        try:
            outcome = feed(name, data)
        except Exception as exc:
            outcome = "crash"
            if len(crashes) < 10:
                crashes.append(f"{name}: {type(exc).__name__}: {exc} <- {data!r:.200}")
        elapsed = time.perf_counter() - started
        seconds[name] += elapsed
        outcomes[name][outcome] += 1
        if elapsed > 1.0:
            outcomes[name]["slow"] += 1
    print(f"{'reader':24} {'inputs':>7} {'parsed':>7} {'refused':>7} {'crash':>6} {'slow':>5} "
          f"{'inputs/s':>9}")  # fmt: skip
    for name in names:
        c = outcomes[name]
        total = c["parsed"] + c["refused"] + c["crash"]
        rate = total / seconds[name] if seconds[name] else float("inf")
        print(f"{name:24} {total:7d} {c['parsed']:7d} {c['refused']:7d} {c['crash']:6d} "
              f"{c['slow']:5d} {rate:9.0f}")  # fmt: skip
    total_crashes = sum(c["crash"] for c in outcomes.values())
    print(f"{args.inputs} inputs, {total_crashes} crashes, "
          f"{sum(c['slow'] for c in outcomes.values())} slow")  # fmt: skip
    for line in crashes:
        print("  " + line)


if __name__ == "__main__":
    main()

"""Overhead of the steps meter: the same merge sort with and without ticking.

Both variants run side by side in one process, interleaved, best of several rounds,
so machine noise hits both alike. Goal: ticking every comparison costs <= 1.5x.

    python benchmarks/meter_overhead.py
"""

from __future__ import annotations

import random
import sys
import time

import gaps


def merge_sort_plain(xs: list[float]) -> list[float]:
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left, right = merge_sort_plain(xs[:mid]), merge_sort_plain(xs[mid:])
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def merge_sort_ticked(xs: list[float], meter: gaps.Meter) -> list[float]:
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left, right = merge_sort_ticked(xs[:mid], meter), merge_sort_ticked(xs[mid:], meter)
    out, i, j = [], 0, 0
    tick = meter.tick
    while i < len(left) and j < len(right):
        tick()
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def best_of(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    rng = random.Random(0)
    print("merge sort, one meter.tick() per comparison vs none (best of 7, interleaved)")
    print(f"{'n':>8} {'plain':>10} {'ticked':>10} {'ratio':>7}")
    worst = 0.0
    for n in (1_000, 10_000, 100_000):
        xs = [rng.random() for _ in range(n)]
        plain = ticked = float("inf")
        for _ in range(7):
            plain = min(plain, best_of(lambda xs=xs: merge_sort_plain(xs), 1))
            ticked = min(
                ticked, best_of(lambda xs=xs: merge_sort_ticked(xs, gaps.Meter(10**12)), 1)
            )
        ratio = ticked / plain
        worst = max(worst, ratio)
        print(f"{n:>8} {plain * 1e3:>8.1f}ms {ticked * 1e3:>8.1f}ms {ratio:>6.2f}x")
    print(f"worst ratio {worst:.2f}x (goal <= 1.5x): {'met' if worst <= 1.5 else 'MISSED'}")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())

"""Targeted search within a candidate: the instances that maximise verify / generate.

Hypothesis draws a size from the candidate's schedule and an instance index, samples
that instance (with the rng the core derives from the seed, the family, the size and
the index, as a sweep would), generates, verifies, and reports
``target(log2(verify steps / generate steps))``: its targeted phase then climbs
towards the instances where checking is most expensive relative to producing. The
run is derandomised from ``seed``, so the same seed finds the same worst instances.
Costs are the families' ticked steps, measured in this process without limits: keep
the sizes small.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from gaps.errors import InvalidArgument
from gaps.family import Certified, Family
from gaps.meter import Meter
from gaps.seeding import derive_rng

__all__ = ["Worst", "worst_instances"]


@dataclass(frozen=True)
class Worst:
    """One instance and its cost ratio: re-create it with ``derive_rng(seed, family,
    size, index)`` and the family's sampler."""

    size: int
    index: int
    ratio_bits: float
    generate_steps: int
    verify_steps: int

    def __str__(self) -> str:
        return (
            f"n={self.size} instance {self.index}: verify/generate = 2^{self.ratio_bits:+.2f} "
            f"({self.verify_steps} / {self.generate_steps} steps)"
        )


def worst_instances(
    family: Family,
    verifier: str | None = None,
    *,
    sizes: Sequence[int] | None = None,
    examples: int = 100,
    indices: int = 2**16,
    keep: int = 5,
    seed: int = 0,
) -> list[Worst]:
    """The ``keep`` instances with the largest verify/generate step ratio that a
    hypothesis search, guided by ``target()``, found among ``examples`` tries.

    ``verifier`` defaults to the family's first blind verifier (else its first).

    >>> import gaps
    >>> def decide(n, x, meter):  # trial division: slow on primes, quick on evens
    ...     d = 2
    ...     while d * d <= x:
    ...         meter.tick()
    ...         if x % d == 0:
    ...             return True
    ...         d += 1
    ...     return False
    >>> def build(size, meter):
    ...     meter.tick()
    ...     return size[1] * 2 + 3
    >>> fam = gaps.Family("odd_numbers", lambda size, rng: (size, rng.randrange(size**3)),
    ...                   build, {"decide": gaps.blind(decide)}, sizes=(8, 16, 32))
    >>> worst = worst_instances(fam, examples=60, seed=0)
    >>> worst[0].size, worst[0].ratio_bits > 4
    (32, True)
    >>> worst == worst_instances(fam, examples=60, seed=0)
    True
    """
    from hypothesis import HealthCheck, given, settings, target
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    if not isinstance(family, Family):
        raise InvalidArgument(
            f"worst_instances() takes a gaps.Family. Got {type(family).__name__}."
        )
    blind = [n for n, v in family.verifiers.items() if v.mode == "blind"]
    name = verifier or (blind or list(family.verifiers))[0]
    if name not in family.verifiers:
        raise InvalidArgument(
            f"Family {family.name!r} has no verifier {name!r}; it has "
            f"{', '.join(family.verifiers)}."
        )
    schedule = tuple(sizes or family.sizes or ())
    if not schedule:
        raise InvalidArgument(f"Give sizes=[...]: family {family.name!r} declares none.")
    generate = next(iter(family.generators.values()))
    check = family.verifiers[name]
    seen: dict[tuple[int, int], Worst] = {}

    def run(size: int, index: int) -> Worst:
        instance = family.sample(size, derive_rng(seed, family.name, size, index))
        gen, ver = Meter(), Meter()
        made = generate(instance, gen)
        output = made.output if isinstance(made, Certified) else made
        if check.mode == "certified" and isinstance(made, Certified):
            check.fn(instance, output, made.certificate, ver)
        else:
            check.fn(instance, output, ver)
        g, v = max(gen.steps, 1), max(ver.steps, 1)
        return Worst(size, index, math.log2(v / g), gen.steps, ver.steps)

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.sampled_from(schedule), st.integers(0, indices - 1))
    def explore(size: int, index: int) -> None:
        found = seen.get((size, index)) or run(size, index)
        seen[(size, index)] = found
        target(found.ratio_bits)

    explore()
    return sorted(seen.values(), key=lambda w: (-w.ratio_bits, w.size, w.index))[:keep]

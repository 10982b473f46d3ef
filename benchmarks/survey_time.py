"""Wall time of ``gaps survey`` on the embedded defaults (goal: under 3 minutes on 2 cores).

Runs the command as a user would, on a fresh store, and prints the wall time, the
number of families and pairings classified, the share of signs that agree with the
declared theory (goal: 95% on seeds 0, 1 and 2), the same among the decided signs
(an inconclusive sign, where the sizes cannot tell, counted apart) and the share of
side growths (each generator and verifier once per unit) that agree with their
declared growth or are honestly reported as not separable at the sizes measured
(goal: 90%). A fixed workload timed just before tells a slower machine from slower
code. It also counts the neutral signs that rest on parsimony rather than
equivalence (see ``docs/costs.md``), and marks them in the list of pairings.

    python benchmarks/survey_time.py            # seed 0
    python benchmarks/survey_time.py --seed 1
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time

GOAL_SECONDS = 180


def reference_seconds() -> float:
    """Wall seconds of a fixed pure-Python workload (sorting 2**20 shuffled floats, the
    least of five runs, as timeit takes), timed just before the survey: a run on a
    slower or busier machine shows as a longer reference, apart from slower code."""
    rng = random.Random(0)
    data = [rng.random() for _ in range(2**20)]
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        sorted(data)
        runs.append(time.perf_counter() - started)
    return min(runs)


def main(argv: list[str]) -> int:
    seed = argv[argv.index("--seed") + 1] if "--seed" in argv else "0"
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            sys.executable,
            "-m",
            "gaps",
            "survey",
            "--json",
            "--no-plots",
            "--seed",
            seed,
            "--db",
            os.path.join(tmp, "gaps.sqlite"),
            "--out",
            os.path.join(tmp, "report"),
        ]
        reference = reference_seconds()
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
    if not result.stdout.strip():
        print(result.stderr)
        return 2
    survey = json.loads(result.stdout)
    reports = survey["reports"]
    families = {r["family"] for r in reports}
    print(
        f"gaps survey (defaults, {os.cpu_count()} cores): {seconds:.1f} s wall, "
        f"{len(families)} families, {len(reports)} pairings, exit code {result.returncode}"
    )
    print(
        f"machine reference: a fixed sort took {reference:.2f} s just before; the survey "
        f"took {seconds / reference:.0f} times as long"
    )
    agreement, decided = survey["agreement"], survey["decided_agreement"]
    print(
        f"seed {seed}: signs agreeing with the declared theory: "
        + ("none comparable" if agreement is None else f"{agreement:.0%}")
        + ("" if decided is None else f" ({decided:.0%} of the decided ones")
        + f"; {survey['inconclusive']} inconclusive, counted as disagreeing in the first figure)"
    )
    sides = survey["side_agreement"]
    judged = sum(sides.values())
    honest = sides["agree"] + sides["not_separable"]
    print(
        f"side growths agreeing with the declared theory or honestly not separable: "
        f"{honest} of {judged} ({honest / max(judged, 1):.0%}): {sides['agree']} agree, "
        f"{sides['not_separable']} not separable at the sizes measured (the theory among "
        f"the growths the data cannot reject), {sides['disagree']} disagree"
    )
    for r in reports:
        for role in ("generate", "verify"):
            side = r[role]
            if side["agrees"] is False and side["growth"]:
                print(
                    f"  side DIFF {r['family']:>22} {role:<8} {r['pairing']:<28} {r['unit']:>5} "
                    f"{side['growth']['summary']} (theory {side['theory']})"
                )
    neutral = [r for r in reports if r["sign"] == "neutral"]
    settled = [r for r in neutral if r["basis"] == "parsimony"]
    print(
        f"neutral signs on parsimony (a settled shape winning by the evidence margin, "
        f"the weaker claim): {len(settled)} of {len(neutral)}, "
        f"{sum(bool(r['agrees']) for r in settled)} of them agreeing with the theory"
    )
    for r in reports:
        mark = "ok " if r["agrees"] else "DIFF" if r["agrees"] is False else "  - "
        basis = " (on parsimony)" if r["basis"] == "parsimony" else ""
        print(
            f"  {mark} {r['family']:>22} {r['pairing']:<28} {r['unit']:>5} "
            f"{r['sign']:>12} (theory {r['theory_sign']}){basis}"
        )
    for note in survey["notes"]:
        print(f"  note: {note}")
    met = seconds <= GOAL_SECONDS
    print(f"goal: <= {GOAL_SECONDS} s: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

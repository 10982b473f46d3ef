"""Wall time of ``gaps survey`` on the embedded defaults (goal: under 3 minutes on 2 cores).

Runs the command as a user would, on a fresh store, and prints the wall time, the
number of families and pairings classified, the share of signs that agree with the
declared theory (goal: 95% on seeds 0, 1 and 2), the same among the decided signs
(an inconclusive sign, where the sizes cannot tell, counted apart) and the share of
side growths (each generator and verifier once per unit) that agree with their
declared growth.

    python benchmarks/survey_time.py            # seed 0
    python benchmarks/survey_time.py --seed 1
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

GOAL_SECONDS = 180


def side_agreement(reports: list[dict]) -> tuple[int, int]:
    """Side growths agreeing with their theory, and those with a theory to judge by."""
    sides: dict[tuple[str, str, str, str], bool] = {}
    for r in reports:
        generator, verifier = r["pairing"].split("/")
        for role, name in (("generate", generator), ("verify", verifier)):
            agrees = r[role]["agrees"]
            if agrees is not None:
                sides[r["family"], role, name, r["unit"]] = agrees
    return sum(sides.values()), len(sides)


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
        f"seed {seed}: signs agreeing with the declared theory: {survey['agreement']:.0%} "
        f"({survey['decided_agreement']:.0%} of the decided ones; "
        f"{survey['inconclusive']} inconclusive, counted as disagreeing in the first figure)"
    )
    agreeing, judged = side_agreement(reports)
    print(
        f"side growths agreeing with the declared theory: {agreeing} of {judged} "
        f"({agreeing / max(judged, 1):.0%})"
    )
    for r in reports:
        mark = "ok " if r["agrees"] else "DIFF" if r["agrees"] is False else "  - "
        print(
            f"  {mark} {r['family']:>22} {r['pairing']:<28} {r['unit']:>5} "
            f"{r['sign']:>12} (theory {r['theory_sign']})"
        )
    for note in survey["notes"]:
        print(f"  note: {note}")
    met = seconds <= GOAL_SECONDS
    print(f"goal: <= {GOAL_SECONDS} s: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

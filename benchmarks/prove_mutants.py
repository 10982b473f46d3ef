"""Mutation score of gaps.prove: seeded bugs in catalog verifiers that it refutes.

Every mutant in ``gaps.proofs.mutants`` is a copy of a catalog verifier with one
realistic bug. Goal: 100% of them refuted with a counterexample, and every
unmutated verifier proved at the same bound. Then ``gaps prove`` on its defaults (every
specification and every lemma), timed: goal within 5 minutes on 2 cores.

    python benchmarks/prove_mutants.py [BOUND]
"""

from __future__ import annotations

import subprocess
import sys
import time

from gaps.proofs.mutants import MUTANTS

import gaps


def _show(value: object) -> str:
    """A counterexample as text; a networkx graph by its nodes and edges."""
    if isinstance(value, tuple):
        inner = ", ".join(_show(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    edges, nodes = getattr(value, "edges", None), getattr(value, "nodes", None)
    if callable(edges) and callable(nodes):
        return f"Graph(nodes={list(nodes())}, edges={list(edges())})"
    return repr(value)


def main(bound: int = 3) -> int:
    started = time.perf_counter()
    families = sorted({(m.family, m.target) for m in MUTANTS})
    proved = 0
    for name, verifier in families:
        report = gaps.prove(gaps.get(name), verifier=verifier, bound=bound)
        proved += report.status == "proved"
        print(f"  original  {report}")
    refuted = 0
    for mutant in MUTANTS:
        family = gaps.get(mutant.family)
        report = gaps.prove(family, verifier=mutant.verifier, against=mutant.target, bound=bound)
        refuted += report.status == "refuted"
        example = "-" if report.counterexample is None else _show(report.counterexample)
        print(f"  {report.status:8}  {mutant.name:34} {mutant.bug}\n            on {example}")
    seconds = time.perf_counter() - started
    print(
        f"bound {bound}: {refuted}/{len(MUTANTS)} mutants refuted, "
        f"{proved}/{len(families)} unmutated verifiers proved, in {seconds:.1f} s"
    )
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "gaps", "prove", "--no-store"], capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr.strip()
    print(f"gaps prove (defaults): {summary} in {seconds:.0f} s wall (goal: 300 s)")
    ok = refuted == len(MUTANTS) and proved == len(families) and run.returncode == 0
    return 0 if ok and seconds <= 300 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))

"""Kill a survey with SIGKILL at random moments and resume it, over and over.

Each cycle starts ``gaps survey`` on one store and kills the coordinator after a random
delay; the next cycle resumes. When a run finally finishes, its stored measurements are
compared with those of an uninterrupted run: none may be lost, none duplicated, and
every step count, outcome and verdict must be identical. After every kill, the
processes of the run (workers, their guardians, anything the family forked) are
counted; none may remain.

    python benchmarks/kill_resume.py --cycles 20 --seed 1
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

FAMILY = """
import gaps

def generate(xs, meter):
    sum(i * i for i in range(100_000))  # CPU work, so that kills land mid-run
    meter.tick(len(xs) * max(1, len(xs).bit_length()))
    return sorted(xs)

def verify(xs, ys, meter):
    meter.tick(len(xs))
    return ys == sorted(xs)

FAMILY = gaps.Family("kill_resume", lambda n, rng: [rng.random() for _ in range(n)],
                     generate, verify, sizes=[8, 16, 32, 64, 128, 256])
"""

KEY = "fingerprint, generator, size, idx, seed, limits, position"


def survey(folder: Path, db: Path, tag: str, instances: int) -> subprocess.Popen[bytes]:
    args = ["survey", "--family", "kill_resume.py:FAMILY", "--db", str(db), "--workers", "2"]
    args += ["--instances", str(instances), "--no-plots", "--out", str(folder / "report")]
    return subprocess.Popen(
        [sys.executable, "-m", "gaps", *args],
        cwd=folder,
        env=dict(os.environ, GAPS_KILL_RESUME=tag),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def tagged(tag: str) -> list[int]:
    """The live processes whose environment carries ``tag`` (Linux /proc)."""
    found = []
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            environ = Path(f"/proc/{name}/environ").read_bytes()
            state = Path(f"/proc/{name}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if tag.encode() in environ and state != b"Z":
            found.append(int(name))
    return found


def remaining(tag: str, seconds: float = 10.0) -> int:
    """The processes of the run still alive once they have had ``seconds`` to die."""
    deadline = time.monotonic() + seconds
    while tagged(tag) and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(tagged(tag))


def rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as con:
        return con.execute(
            f"SELECT {KEY}, role, verifier, outcome, steps, verdict FROM measurements "
            f"ORDER BY {KEY}"
        ).fetchall()


def run(cycles: int, seed: int, folder: Path, instances: int = 4) -> dict[str, int]:
    """The figures of ``cycles`` kills, each followed by a resume, of a survey in ``folder``.

    A run that finishes before its kill is compared with the uninterrupted one, and the
    cycles go on with a new store.
    """
    rng = random.Random(seed)
    (folder / "kill_resume.py").write_text(FAMILY)
    tag = uuid.uuid4().hex
    reference_db = folder / "reference.sqlite"
    started = time.monotonic()
    survey(folder, reference_db, tag, instances).wait()
    full = time.monotonic() - started
    reference = {r[:_WIDTH]: r[_WIDTH:] for r in rows(reference_db)}
    figures = {"kills": 0, "finished runs": 0, "measurements": len(reference), "lost": 0}
    figures |= {"duplicated": 0, "different": 0, "processes_left": remaining(tag)}
    store = 0
    while figures["kills"] < cycles:
        process = survey(folder, folder / f"killed{store}.sqlite", tag, instances)
        try:
            process.wait(timeout=rng.uniform(0.3, max(0.6, 0.8 * full)))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            figures["kills"] += 1
        else:  # resumed to the end before the kill: check it, then start a new store
            _compare(reference, folder / f"killed{store}.sqlite", figures)
            store += 1
        figures["processes_left"] += remaining(tag)
    survey(folder, folder / f"killed{store}.sqlite", tag, instances).wait()
    figures["processes_left"] += remaining(tag)
    _compare(reference, folder / f"killed{store}.sqlite", figures)
    return figures


_WIDTH = len(KEY.split(","))


def _compare(reference: dict[Any, Any], db: Path, figures: dict[str, int]) -> None:
    """Add the lost, duplicated and different measurements of a finished ``db``."""
    got: dict[Any, Any] = {}
    for r in rows(db):
        figures["duplicated"] += r[:_WIDTH] in got
        got[r[:_WIDTH]] = r[_WIDTH:]
    figures["finished runs"] += 1
    figures["lost"] += sum(k not in got for k in reference)
    figures["different"] += sum(k in got and got[k] != v for k, v in reference.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = run(options.cycles, options.seed, Path(folder))
    for name, value in figures.items():
        print(f"{name:>15}: {value}")
    failed = figures["lost"] or figures["duplicated"] or figures["different"]
    sys.exit(1 if failed or figures["processes_left"] else 0)


if __name__ == "__main__":
    main()

"""No process of a run outlives it; limits hold across calls and over a family's import."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import gaps
from gaps.execution import WorkerPool
from gaps.measure import measure
from gaps.settings import Settings
from gaps.tasks import Limits

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")

FORKING_FAMILY = """
import os, time
import gaps

def linger():
    time.sleep(600)
    os._exit(0)

def generate(xs, meter):
    if os.fork() == 0:  # a plain child
        linger()
    if os.fork() == 0:  # a grandchild in a session of its own, orphaned at once
        os.setsid()
        if os.fork() == 0:
            linger()
        os._exit(0)
    time.sleep(0.2)
    meter.tick(len(xs))
    return sorted(xs)

def verify(xs, ys, meter):
    meter.tick(len(xs))
    return ys == sorted(xs)

FAMILY = gaps.Family("forking", lambda n, rng: [rng.random() for _ in range(n)],
                     generate, verify)
"""


def tagged(tag: str) -> list[int]:
    """The processes whose environment carries ``tag``."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                environ = f.read()
            with open(f"/proc/{name}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if tag.encode() in environ and state != b"Z":
            found.append(int(name))
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def run_tagged(args, tmp_path):
    tag = f"GAPS_TEST_RUN={uuid.uuid4().hex}"
    env = dict(os.environ, GAPS_TEST_RUN=tag.split("=")[1])
    (tmp_path / "forking.py").write_text(FORKING_FAMILY)
    process = subprocess.Popen(
        [sys.executable, "-m", "gaps", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return tag, process


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_a_survey_mid_run_leaves_no_process_behind(tmp_path, sig):
    args = ["survey", "--family", "forking.py:FAMILY", "--no-store", "--workers", "2"]
    tag, coordinator = run_tagged([*args, "--out", "report", "--no-plots"], tmp_path)
    try:
        # Workers, guardians and the children the family forked are all running.
        assert wait_for(lambda: len(tagged(tag)) >= 6, 60), tagged(tag)
        coordinator.send_signal(sig)
        coordinator.wait(timeout=30)
        assert wait_for(lambda: not tagged(tag), 10), f"left behind: {tagged(tag)}"
    finally:
        for pid in tagged(tag):
            os.kill(pid, signal.SIGKILL)


def test_kill_and_resume_cycles_lose_nothing_and_leave_no_process(tmp_path):
    spec = importlib.util.spec_from_file_location("kill_resume", BENCHMARKS / "kill_resume.py")
    assert spec is not None and spec.loader is not None
    kill_resume = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kill_resume)
    figures = kill_resume.run(cycles=2, seed=3, folder=tmp_path, instances=1)
    assert figures["measurements"] > 0 and figures["kills"] == 2, figures
    assert (figures["lost"], figures["duplicated"], figures["different"]) == (0, 0, 0), figures
    assert figures["processes_left"] == 0, figures


def test_a_finished_run_leaves_no_process_behind(tmp_path):
    args = ["classify", "forking.py:FAMILY", "--sizes", "4,8", "--instances", "1", "--no-store"]
    tag, coordinator = run_tagged([*args, "--workers", "1"], tmp_path)
    try:
        coordinator.wait(timeout=120)
        assert coordinator.returncode in (0, 1), coordinator.stderr.read().decode()
        assert wait_for(lambda: not tagged(tag), 5), f"left behind: {tagged(tag)}"
    finally:
        for pid in tagged(tag):
            os.kill(pid, signal.SIGKILL)


def sample(size, rng):
    return [rng.randrange(100) for _ in range(size)]


def die_leaving_a_child_on_the_pipe(xs, meter):
    if os.fork() == 0:
        time.sleep(600)  # keeps the worker's end of the pipe open
        os._exit(0)
    os._exit(5)


def test_a_worker_that_dies_is_recorded_by_its_exit_whoever_holds_its_pipe():
    fam = gaps.Family("orphaning", sample, die_leaving_a_child_on_the_pipe, lambda *a: True)
    started = time.monotonic()
    with WorkerPool(1) as pool:
        result = measure(fam, [3], Settings(instances=1, limits=Limits(time=None)), pool=pool)
    record = result.records[("generate", 3, 0)][-1]
    assert record.outcome == "error" and "exit code 5" in record.reason, record
    assert time.monotonic() - started < 30


#: Memory a family keeps in its module between calls, as a leaking cache would.
_KEPT: list[bytearray] = []
CHUNK = 48 * 2**20


def keep_memory(xs, meter):
    _KEPT.append(bytearray(CHUNK))
    meter.tick(len(_KEPT))
    return len(_KEPT)


def test_the_memory_limit_is_a_ceiling_on_the_worker_across_calls():
    limit = 128 * 2**20
    fam = gaps.Family("keeping", sample, keep_memory, lambda xs, n, meter: True)
    with WorkerPool(1) as pool:
        result = measure(
            fam, list(range(1, 11)), Settings(instances=1, limits=Limits(memory=limit)), pool=pool
        )
    kept = [rs[1].steps for rs in result.records.values() if rs[1].outcome == "ok"]
    # Renewed at each call, the allowance would let one worker keep 10 chunks.
    assert kept and max(kept) * CHUNK <= limit + CHUNK, kept


SLOW_IMPORT = """
import time
import gaps

time.sleep({seconds})

def sample(size, rng):
    return list(range(size))

FAMILY = gaps.Family("slow_import", sample, lambda xs, m: sum(xs), lambda xs, s, m: True)
"""


def test_a_family_import_in_the_worker_is_under_the_time_limit_or_a_floor(tmp_path, monkeypatch):
    (tmp_path / "slow_import_family.py").write_text(SLOW_IMPORT.format(seconds=0))
    monkeypatch.syspath_prepend(str(tmp_path))
    from slow_import_family import FAMILY

    # The workers import the module again, and now it takes a minute.
    (tmp_path / "slow_import_family.py").write_text(SLOW_IMPORT.format(seconds=60))
    started = time.monotonic()
    with WorkerPool(1) as pool:
        result = measure(FAMILY, [3], Settings(instances=1, limits=Limits(time=1.0)), pool=pool)
    (records,) = result.records.values()
    # A short per-call limit does not cut loading below LOAD_TIME_FLOOR (10 s): importing a
    # family's libraries on a busy machine can take longer than a call may.
    assert records[0].outcome == "error" and "longer than 10 s" in records[0].reason
    assert time.monotonic() - started < 40

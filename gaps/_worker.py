"""Entry point of a worker process: run tasks sent by the coordinator, one at a time.

Started by :class:`gaps.execution.WorkerPool` as ``python -m gaps._worker RFD WFD LFD
PFD COORDINATOR MAIN`` in a session of its own (PFD: a file shared with the
coordinator, where the worker publishes the running call's counts; see
:func:`gaps.calls.publish_progress`). It is a fresh interpreter, not a fork of the
coordinator: forking after z3 or a BLAS has started threads is unsafe, and unlike
multiprocessing's spawn it never re-runs the user's ``__main__``.

The process splits in two before anything else is loaded: a guardian, which adopts
every orphan below it (a subreaper), and the worker proper, its child. The guardian
waits for one of three things: the worker ends, the coordinator closes the lifeline
pipe (LFD: it ended, however it died, or it wants this worker gone), or the kernel
signals that the coordinator's thread ended. It then kills everything below it,
children that a family forked or moved into a session of their own included, and
exits as the worker did. So no process of a run outlives it, and a worker's death is
seen by its coordinator even when a forked child of it still holds the pipe.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import pickle
import resource
import select
import signal
import sys
from typing import Any, BinaryIO

from gaps import _processes
from gaps.execution import read_frame, write_frame

#: A worker whose size grew by more than this share of the memory limit over a task
#: (memory its family keeps between calls) is replaced after it: the limit is a ceiling
#: on the worker, not an allowance renewed at every call.
RECYCLE_GROWTH = 0.25


def serve(rx: BinaryIO, tx: BinaryIO, progress: Any = None) -> None:
    import cloudpickle

    from gaps.calls import pin_memory_base, process_size, publish_progress, reset_progress
    from gaps.tasks import run_task

    if progress is not None:
        publish_progress(progress)

    families: dict[str, Any] = {}
    fresh: set[str] = set()  # families loaded but with no finished task yet
    base = process_size()
    write_frame(tx, ("ready", os.getpid()))
    while True:
        message = read_frame(rx)
        if message is None:
            return
        kind, payload = message
        if kind == "call":
            write_frame(tx, ("result", _call(payload)))
            continue
        key, blob, task, limits = payload
        if key not in families:
            write_frame(tx, ("start", ("load", "")))
            try:
                families[key] = cloudpickle.loads(blob)
            except Exception as exc:
                write_frame(tx, ("record", _unloadable(exc)))
                write_frame(tx, ("done", False))
                continue
            base = pin_memory_base()
            fresh.add(key)
        family = families[key]

        def announce(role: str, verifier: str) -> None:
            reset_progress()  # counts the coordinator reads from now on are this call's
            write_frame(tx, ("start", (role, verifier)))

        _reset_solver_options()
        for record in run_task(family, task, limits, announce):
            write_frame(tx, ("record", record))
        _processes.kill_descendants(os.getppid(), spare=os.getpid())
        _processes.reap()
        if key in fresh:
            # What the first task loaded (a solver, numpy) is the worker's own size,
            # not the family's allowance.
            fresh.discard(key)
            base = pin_memory_base()
        recycle = bool(limits.memory) and process_size() > base + RECYCLE_GROWTH * limits.memory
        write_frame(tx, ("done", recycle))
        if recycle:
            return


def _call(blob: bytes) -> tuple[str, Any]:
    """Run a shipped ``(fn, args)``: ("ok", its value) or ("error", what it raised)."""
    import cloudpickle

    try:
        fn, args = cloudpickle.loads(blob)
        return "ok", fn(*args)
    except Exception as exc:  # reported to the coordinator, which decides what it means
        return "error", f"{type(exc).__name__}: {exc}"


def _reset_solver_options() -> None:
    """Undo z3 options an earlier task set: they are global to the process, so one
    task's ``z3.set_param("timeout", 1)`` would censor every later query in the worker."""
    z3 = sys.modules.get("z3")  # a worker that never loaded z3 has nothing to reset
    if z3 is not None:
        z3.reset_params()


def _unloadable(exc: Exception) -> Any:
    from gaps.calls import CallRecord

    return CallRecord(
        "sample",
        outcome="error",
        reason=f"the family could not be loaded in a worker process ({type(exc).__name__}: "
        f"{exc}); define it in an importable module or in the script that runs gaps",
    )


def guard(worker: int, lifeline: int) -> int | None:
    """Wait until the worker ends or the coordinator is gone, then kill every process
    below this one; the worker's wait status when it ended by itself, else None."""
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    os.set_blocking(wake_r, False)
    signal.set_wakeup_fd(wake_w)
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, lambda *_: None)  # wake the select, nothing more
    status = None
    while status is None:
        ready, _, _ = select.select([lifeline, wake_r], [], [])
        if lifeline in ready or _pending_stop(wake_r):
            break
        status = _reaped(worker)
    _processes.kill_descendants(os.getpid())
    return status


def _pending_stop(wake_r: int) -> bool:
    """Whether a signal other than SIGCHLD woke the guardian."""
    stop = False
    with contextlib.suppress(BlockingIOError):
        stop = any(n != signal.SIGCHLD for n in os.read(wake_r, 512))
    return stop


def _reaped(worker: int) -> int | None:
    """Reap ended children (orphans it adopted among them); the worker's status if it ended."""
    found = None
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return found
        if pid == 0:
            return found
        if pid == worker:
            found = status


def _exit_as(status: int | None) -> None:
    """End this process as the worker ended: the same exit code or the same signal
    (SIGKILL when the guardian had to kill it)."""
    if status is None:
        status = signal.SIGKILL  # a wait status that says: killed by SIGKILL
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        os.kill(os.getpid(), sig)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


def main(argv: list[str]) -> None:
    read_fd, write_fd, lifeline, progress_fd, coordinator, from_main_thread = (int(a) for a in argv)
    _processes.become_subreaper()
    # The kernel's parent-death signal follows the thread that started this process, so
    # it is armed only when that is the coordinator's main thread (a Dask worker starts
    # workers from pool threads); the lifeline covers every case.
    if from_main_thread:
        _processes.die_with_parent(signal.SIGTERM, coordinator)
    if os.getppid() != coordinator:
        os._exit(1)  # the coordinator is already gone
    guardian = os.getpid()
    worker = os.fork()
    if worker == 0:
        os.close(lifeline)
        # The guardian is single-threaded, so this fires exactly when it ends.
        if not _processes.die_with_parent(signal.SIGKILL, guardian) and os.getppid() != guardian:
            os._exit(1)
        sys.path[:] = json.loads(os.environ.get("GAPS_WORKER_PATH", "[]")) or sys.path
        # When the coordinator goes away there is nothing left to report to.
        from gaps.calls import PROGRESS

        with (
            os.fdopen(read_fd, "rb") as rx,
            os.fdopen(write_fd, "wb") as tx,
            mmap.mmap(progress_fd, PROGRESS.size) as progress,
            contextlib.suppress(BrokenPipeError, pickle.UnpicklingError, EOFError),
        ):
            serve(rx, tx, progress)
        os._exit(0)
    os.close(read_fd)
    os.close(write_fd)
    os.close(progress_fd)
    _exit_as(guard(worker, lifeline))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Entry point of a worker process: run tasks sent by the coordinator, one at a time.

Started by :class:`gaps.execution.WorkerPool` as ``python -m gaps._worker RFD WFD`` in
a session of its own (so the coordinator can kill its whole process group). It is a
fresh interpreter, not a fork: forking after z3 or a BLAS has started threads is
unsafe, and unlike multiprocessing's spawn it never re-runs the user's ``__main__``.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import sys
from typing import Any, BinaryIO

from gaps.execution import read_frame, write_frame


def serve(rx: BinaryIO, tx: BinaryIO) -> None:
    import cloudpickle

    from gaps.tasks import run_task

    families: dict[str, Any] = {}
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
            try:
                families[key] = cloudpickle.loads(blob)
            except Exception as exc:
                write_frame(tx, ("record", _unloadable(exc)))
                write_frame(tx, ("done", None))
                continue
        family = families[key]

        def announce(role: str, verifier: str) -> None:
            write_frame(tx, ("start", (role, verifier)))

        _reset_solver_options()
        for record in run_task(family, task, limits, announce):
            write_frame(tx, ("record", record))
        write_frame(tx, ("done", None))


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


if __name__ == "__main__":
    sys.path[:] = json.loads(os.environ.get("GAPS_WORKER_PATH", "[]")) or sys.path
    read_fd, write_fd = int(sys.argv[1]), int(sys.argv[2])
    # When the coordinator goes away there is nothing left to report to.
    with (
        os.fdopen(read_fd, "rb") as rx,
        os.fdopen(write_fd, "wb") as tx,
        contextlib.suppress(BrokenPipeError, pickle.UnpicklingError, EOFError),
    ):
        serve(rx, tx)

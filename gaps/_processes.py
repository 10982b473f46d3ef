"""Process-tree control for worker processes: parent-death signals, subreapers, sweeps.

Linux only (``prctl`` and ``/proc``); elsewhere each function does nothing and the
coordinator's process-group kill is the only cleanup.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time

__all__ = ["become_subreaper", "descendants", "die_with_parent", "kill_descendants", "reap"]

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(option, value, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def die_with_parent(sig: int, parent: int) -> bool:
    """Have the kernel send ``sig`` to this process when the thread that started it ends.

    False when the platform cannot, or when ``parent`` is already gone (the signal is
    armed only for a parent still alive, so the check must follow it).
    """
    armed = _prctl(_PR_SET_PDEATHSIG, int(sig))
    return armed and os.getppid() == parent


def become_subreaper() -> bool:
    """Adopt this process's orphaned descendants (a double fork or ``setsid`` child
    of a worker), so that they stay in its tree and a sweep still finds them."""
    return _prctl(_PR_SET_CHILD_SUBREAPER, 1)


def _parents() -> dict[int, int]:
    """Each live process's parent (ended, unreaped ones are left out: they hold nothing)."""
    found: dict[int, int] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # ended meanwhile
        # The command name (in parentheses) may hold spaces and parentheses itself.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if fields[0] not in (b"Z", b"X"):
            found[int(name)] = int(fields[1])
    return found


def descendants(root: int) -> list[int]:
    """Every process below ``root``, parents before their children.

    >>> descendants(os.getpid()) == [] or all(isinstance(p, int) for p in descendants(1))
    True
    """
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, frontier = [], [root]
    while frontier:
        below = [c for p in frontier for c in children.get(p, [])]
        found.extend(below)
        frontier = below
    return found


def kill_descendants(root: int, spare: int | None = None, rounds: int = 100) -> int:
    """SIGKILL every process below ``root`` but ``spare`` (its children are not spared).

    Repeated until none is left, since a process may fork between the listing and the
    kill; a killed process cannot fork again, so this ends. Returns how many were sent
    a kill.
    """
    killed = 0
    for _ in range(rounds):
        targets = [p for p in descendants(root) if p != spare]
        if not targets:
            break
        for pid in targets:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
                killed += 1
        time.sleep(0.002)
        reap()
    return killed


def reap() -> None:
    """Collect this process's ended children (its own, and orphans it adopted)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return

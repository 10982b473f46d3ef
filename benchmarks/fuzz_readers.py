"""Feed generated inputs to every reader and to the CLI: outcomes and throughput.

Reader inputs: half mutations of valid files, half random bytes. A crash is any
exception other than the reader's FormatError; a slow input is one that takes more
than a second. CLI inputs: argument lists drawn from the commands, their options,
hostile values (nan, inf, 1e20, markup, control characters, long names) and fuzzed
files, run in-process with the measuring entry points replaced, so that a command
that passes every check counts as accepted without measuring anything. A CLI crash
is a traceback or an exit code other than 0, 1 and 2. The figure to reach is 0
crashes and 0 slow inputs.

    python benchmarks/fuzz_readers.py [--inputs 100000] [--cli-inputs 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from gaps.formats._fuzzing import READERS, SEEDS, feed, mutate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--cli-inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    cli_outcomes, cli_crashes = fuzz_cli(args.cli_inputs, random.Random(args.seed))
    rng = random.Random(args.seed)
    names = list(READERS)
    outcomes: dict[str, Counter[str]] = {name: Counter() for name in names}
    seconds: Counter[str] = Counter()
    crashes: list[str] = []
    for i in range(args.inputs):
        name = names[i % len(names)]
        if rng.random() < 0.5:
            data: bytes | str = mutate(rng.choice(SEEDS[name]), rng, edits=rng.choice((1, 3, 8)))
        else:
            data = rng.randbytes(rng.randrange(200))
        started = time.perf_counter()
        try:
            outcome = feed(name, data)
        except Exception as exc:
            outcome = "crash"
            if len(crashes) < 10:
                crashes.append(f"{name}: {type(exc).__name__}: {exc} <- {data!r:.200}")
        elapsed = time.perf_counter() - started
        seconds[name] += elapsed
        outcomes[name][outcome] += 1
        if elapsed > 1.0:
            outcomes[name]["slow"] += 1
    print(f"{'reader':24} {'inputs':>7} {'parsed':>7} {'refused':>7} {'crash':>6} {'slow':>5} "
          f"{'inputs/s':>9}")  # fmt: skip
    for name in names:
        c = outcomes[name]
        total = c["parsed"] + c["refused"] + c["crash"]
        rate = total / seconds[name] if seconds[name] else float("inf")
        print(f"{name:24} {total:7d} {c['parsed']:7d} {c['refused']:7d} {c['crash']:6d} "
              f"{c['slow']:5d} {rate:9.0f}")  # fmt: skip
    total_crashes = sum(c["crash"] for c in outcomes.values())
    print(f"{args.inputs} inputs, {total_crashes} crashes, "
          f"{sum(c['slow'] for c in outcomes.values())} slow")  # fmt: skip
    for line in crashes:
        print("  " + line)
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(cli_outcomes.items()))
    print(f"CLI: {sum(cli_outcomes.values())} argument lists, {kinds}")
    for line in cli_crashes:
        print("  " + line)
    total = args.inputs + sum(cli_outcomes.values())
    print(f"{total} inputs in all, {total_crashes + cli_outcomes['crash']} crashes")


COMMANDS = ("catalog", "classify", "survey", "search", "prove", "report", "measure", "")
OPTIONS = (
    "--seed", "--sizes", "--instances", "--time-limit", "--memory-limit", "--steps-limit",
    "--cost", "--pairing", "--workers", "--db", "--no-store", "--json", "--plot", "--out",
    "--family", "--domain", "--mode", "--sign", "--bound", "--verifier", "--candidate",
    "--budget", "--no-plots", "--scheduler", "-h",
)  # fmt: skip
VALUES = (
    "sorting", "sortng", "planarity", "x.py:FAMILY", "nope:FAMILY", ":", "", " ", "0", "-1",
    "1", "3", "8,16", "8,x", "1e20", "nan", "inf", "-inf", "1e30", "512M", "2G", "none",
    "steps", "time", "stepz", "timsort/check", "[/bold]", "<script>", "a|b", "\x01",
    "\u202e", "\udcff", "x" * 300, "graphs", "blind", "positive", "out.txt", "out.png",
    "tcp://127.0.0.1:1", "../", "/", "-", "--", "é", "1,2,3,1", "99999999999999999999",
)  # fmt: skip


class _Reached(Exception):
    """A command passed every check and reached its measurement."""


def fuzz_cli(count: int, rng: random.Random) -> tuple[Counter[str], list[str]]:
    """Run ``count`` random argument lists through the CLI; count exits and crashes."""
    import gaps
    import gaps.classification
    import gaps.survey
    from gaps import cli

    def reached(*args: object, **kwargs: object) -> None:
        raise _Reached

    outcomes: Counter[str] = Counter()
    crashes: list[str] = []
    folder = tempfile.mkdtemp()
    files = _fuzzed_files(Path(folder), rng)
    saved = (os.getcwd(), sys.argv, os.environ.get("GAPS_DB"))
    patches = [
        (gaps.classification, "classify_family"),
        (gaps.survey, "survey"),
        # By module: ``gaps.search`` the attribute is the function, not the package.
        (importlib.import_module("gaps.search.run"), "search"),
        (gaps, "prove"),
    ]
    originals = [getattr(module, name) for module, name in patches]
    os.chdir(folder)
    os.environ["GAPS_DB"] = str(Path(folder) / "store.sqlite")
    for module, name in patches:
        setattr(module, name, reached)
    try:
        for _ in range(count):
            argv = _arguments(rng, files)
            sys.argv = ["gaps", *argv]
            out, err = io.StringIO(), io.StringIO()
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    cli.main()
                code: object = 0
            except SystemExit as exc:
                code = exc.code or 0
            except _Reached:
                code = "accepted"
            except Exception as exc:
                code = f"{type(exc).__name__}: {exc}"
            if code == "accepted":
                outcomes["accepted"] += 1
            elif code in (0, 1, 2) and "Traceback" not in err.getvalue():
                outcomes[f"exit {code}"] += 1
            else:
                outcomes["crash"] += 1
                if len(crashes) < 10:
                    crashes.append(f"{argv!r}: {code!r} {err.getvalue()[-200:]!r}")
    finally:
        for (module, name), original in zip(patches, originals, strict=True):
            setattr(module, name, original)
        os.chdir(saved[0])
        sys.argv = saved[1]
        if saved[2] is None:
            os.environ.pop("GAPS_DB", None)
        else:
            os.environ["GAPS_DB"] = saved[2]
    return outcomes, crashes


def _fuzzed_files(folder: Path, rng: random.Random) -> list[str]:
    """Files for the arguments that take one: mutated reader inputs and random bytes."""
    paths = []
    for i, name in enumerate(READERS):
        path = folder / f"input{i}.dat"
        data = mutate(rng.choice(SEEDS[name]), rng, edits=3)
        path.write_bytes(data if isinstance(data, bytes) else data.encode(errors="replace"))
        paths.append(str(path))
    junk = folder / "junk.sqlite"
    junk.write_bytes(rng.randbytes(4096))
    return [*paths, str(junk), str(folder / "missing.json")]


def _arguments(rng: random.Random, files: list[str]) -> list[str]:
    argv = [rng.choice(COMMANDS)] if rng.random() < 0.95 else []
    for _ in range(rng.randrange(6)):
        token = rng.choice(OPTIONS) if rng.random() < 0.6 else rng.choice(VALUES)
        argv.append(token)
        if token.startswith("--") and rng.random() < 0.8:
            argv.append(rng.choice(files) if rng.random() < 0.2 else rng.choice(VALUES))
    if rng.random() < 0.3:  # a mutated token: hostile bytes inside a plausible argument
        i = rng.randrange(len(argv)) if argv else 0
        argv[i:i] = [
            rng.choice(VALUES)
            + chr(rng.choice((rng.randrange(1, 0xD800), rng.randrange(0xDC80, 0xDD00))))
        ]
    # argv holds no NUL, and undecodable bytes arrive as surrogates U+DC80..U+DCFF.
    return [a.replace("\x00", "\x01") for a in argv]


if __name__ == "__main__":
    main()

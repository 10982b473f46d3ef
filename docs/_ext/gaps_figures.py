"""The catalog's measured curves and the "how common" table, from the store's latest
survey and search.

    gaps survey --db gaps.sqlite                         # measures (minutes)
    gaps search --db gaps.sqlite --budget 600            # measures and attacks
    python docs/_ext/gaps_figures.py --db gaps.sqlite    # draws (no measurement)

The script finds the latest finished ``gaps survey`` run in the store and classifies
its families again from a copy of the store, with the run's own seed, instances and
budgets, so every task is read back rather than measured (the count of stored tasks
is checked). It writes one SVG per measured pairing into ``docs/figures``, drawn by
the report's own chart code (:func:`gaps.html.pairing_figure`), and
``provenance.json``: the run's seed, budgets, date, gaps and solver versions, and
each figure's unit and whether that unit depends on the machine. The site's build
reads the folder and never measures; a pairing absent from it is shown as "not
measured in the stored survey".

The same store's latest ``gaps search`` becomes ``how_common.json``: its "how common"
table with each group's count of candidates measured within the budget, the verdicts,
and the run's seed, budget, date and gaps version. A store without a survey, or
without a search, leaves that part of the folder as it was.

>>> limits = gaps.Limits(time=2.0, calibration=0.005, warm_below=0.05)
>>> limits_from_key(limits.key()) == limits
True
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import gaps

FOLDER = Path(__file__).resolve().parent.parent / "figures"
PROVENANCE = "provenance.json"
HOW_COMMON = "how_common.json"
#: Units whose figures move with the machine (CPU seconds, peak bytes); the others are
#: counts (ticked steps, solver counters) that a rerun reproduces exactly.
MACHINE_DEPENDENT = frozenset({"time", "memory"})


class NoSurvey(gaps.GapsError, LookupError):
    """The store holds no finished survey to draw."""


_TIMING = (("cal", "calibration"), ("below", "warm_below"))


def limits_from_key(key: str) -> gaps.Limits:
    """The budgets a stored run records (``Limits.key()``) as a ``gaps.Limits``."""
    fields = dict(part.split("=", 1) for part in key.split(";"))

    def number(text: str, kind: type) -> Any:
        return None if text == "None" else kind(text)

    return gaps.Limits(
        time=number(fields["t"], float),
        memory=number(fields["m"], int),
        steps=number(fields["s"], int),
        track_memory=fields["mem"] == "True",
        warm_time=fields.get("warm") != "False",
        **{name: float(fields[part]) for part, name in _TIMING if part in fields},
    )


def latest_survey(store: gaps.Store) -> dict[str, Any]:
    """The latest finished ``gaps survey`` run of ``store``, its config decoded."""
    surveys = []
    for run in store.runs():
        config = json.loads(run["config"])
        if config.get("command") == "survey" and run["finished"] is not None:
            surveys.append({**run, "config": config, "solvers": json.loads(run["solvers"])})
    if not surveys:
        raise NoSurvey(
            "The store holds no finished survey; run gaps survey --db FILE first "
            "(an interrupted survey resumes where it stopped)."
        )
    return max(surveys, key=lambda run: (run["finished"], run["id"]))


def figure_name(family: str, pairing: str) -> str:
    """The figure file of a pairing: ``sorting--timsort--check.svg``."""
    return re.sub(r"[^\w.-]", "_", f"{family}--{pairing.replace('/', '--')}") + ".svg"


def survey_command(run: dict[str, Any], limits: gaps.Limits) -> str:
    """The ``gaps survey`` command line that measures what ``run`` measured."""
    config = run["config"]
    words = ["gaps survey --db FILE", f"--seed {run['seed']}", f"--instances {config['instances']}"]
    words.append(f"--time-limit {'none' if limits.time is None else f'{limits.time:g}'}")
    words.append(f"--memory-limit {'none' if limits.memory is None else limits.memory}")
    if config["families"] != [f.name for f in gaps.catalog()]:
        words += [f"--family {name}" for name in config["families"]]
    return " ".join(words)


def reclassify(path: Path, run: dict[str, Any], workers: int) -> Any:
    """The survey of ``run`` classified again from a copy of the store at ``path``.

    The copy keeps the store as it was (classifying records a run of its own); the
    stored task count before and after shows whether anything had to be measured.
    """
    from gaps.survey import survey

    limits = limits_from_key(run["config"]["limits"])
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "survey.sqlite"
        with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        with gaps.Store(copy) as store:
            before = store.count("tasks")
            settings = gaps.Settings(
                seed=run["seed"],
                instances=run["config"]["instances"],
                limits=limits,
                store=store,
                workers=workers,
            )
            families = [gaps.get(name) for name in run["config"]["families"]]
            result = survey(families, settings=settings)
            measured = store.count("tasks") - before
    if measured:
        print(
            f"warning: the store lacked {measured} task(s) of that survey; they were measured "
            "now on this machine.",
            file=sys.stderr,
        )
    return result


def write_figures(path: Path, folder: Path = FOLDER, *, workers: int = 1) -> dict[str, Any]:
    """Draw the store's latest survey into ``folder``: the SVGs and ``provenance.json``.

    Figures of an earlier survey are removed first, so the folder holds one survey.
    Returns the provenance written.
    """
    from gaps.html import pairing_figure

    with gaps.Store(path) as store:
        run = latest_survey(store)
    result = reclassify(path, run, workers)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.svg"):
        old.unlink()
    figures: dict[str, dict[str, Any]] = {}
    for report in (r.to_dict() for r in result.reports):
        svg = pairing_figure(report)
        entry = {
            "unit": report["unit"],
            "machine_independent": report["unit"] not in MACHINE_DEPENDENT,
            "sign": report["sign"],
            "theory_sign": report["theory_sign"],
            "file": None,
            "reason": None,
        }
        if svg is None:
            entry["reason"] = (report["reasons"] or ["no call gave a cost"])[-1]
        else:
            entry["file"] = figure_name(report["family"], report["pairing"])
            (folder / entry["file"]).write_text(svg)
        figures.setdefault(report["family"], {})[report["pairing"]] = entry
    limits = limits_from_key(run["config"]["limits"])
    measured = datetime.datetime.fromtimestamp(run["started"], datetime.UTC)
    provenance = {
        "command": survey_command(run, limits),
        "seed": run["seed"],
        "instances": run["config"]["instances"],
        "time_limit": limits.time,
        "memory_limit": limits.memory,
        "date": measured.date().isoformat(),
        "gaps": run["version"],
        "solvers": run["solvers"],
        "failures": result.failures,
        "figures": figures,
    }
    (folder / PROVENANCE).write_text(json.dumps(provenance, indent=1, sort_keys=True) + "\n")
    return provenance


def latest_search(store: gaps.Store) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The run of the store's latest kept search (config decoded) and its result, or
    None when the store keeps no search. The run is the finished one that searched the
    result's candidates, in their order."""
    result = store.latest_search()
    if result is None:
        return None
    names = [c["name"] for c in result["candidates"]]
    runs = [
        {**run, "config": json.loads(run["config"])}
        for run in store.runs()
        if run["finished"] is not None
    ]
    searches = [run for run in runs if run["config"].get("search") == names]
    if not searches:
        return None
    return max(searches, key=lambda run: (run["finished"], run["id"])), result


def search_command(run: dict[str, Any], limits: gaps.Limits) -> str:
    """The ``gaps search`` command line that searches what ``run`` searched."""
    from gaps.search.run import load_candidates

    config = run["config"]
    words = ["gaps search --db FILE", f"--seed {run['seed']}"]
    if config.get("budget") is not None:
        words.append(f"--budget {config['budget']:g}")
    words.append(f"--instances {config['instances']}")
    words.append(f"--time-limit {'none' if limits.time is None else f'{limits.time:g}'}")
    if config["search"] != [c.name for c in load_candidates()]:
        words += [f"--candidate {name}" for name in config["search"]]
    return " ".join(words)


def how_common(run: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The "how common" table of a kept search with its provenance: each row also
    counts the group's candidates that were measured (the others ran out of budget
    and count as neither negative nor surviving)."""
    candidates = result["candidates"]
    rows = []
    for row in result["common"]:
        group = [c for c in candidates if c.get(row["by"]) == row["group"]]
        rows.append({**row, "measured": sum(bool(c["reports"]) for c in group)})
    verdicts = Counter(c["verdict"] for c in candidates)
    limits = limits_from_key(run["config"]["limits"])
    searched = datetime.datetime.fromtimestamp(run["started"], datetime.UTC)
    return {
        "command": search_command(run, limits),
        "seed": run["seed"],
        "budget": run["config"].get("budget"),
        "instances": run["config"]["instances"],
        "time_limit": limits.time,
        "date": searched.date().isoformat(),
        "gaps": run["version"],
        "candidates": len(candidates),
        "measured": sum(bool(c["reports"]) for c in candidates),
        "verdicts": dict(verdicts),
        "survivors": result["survivors"],
        "common": rows,
    }


def write_how_common(path: Path, folder: Path = FOLDER) -> dict[str, Any] | None:
    """Write ``how_common.json`` into ``folder`` from the store's latest search; None,
    writing nothing, when the store keeps no search."""
    with gaps.Store(path) as store:
        found = latest_search(store)
    if found is None:
        return None
    table = how_common(*found)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / HOW_COMMON).write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    return table


def read_how_common(folder: Path = FOLDER) -> dict[str, Any] | None:
    """The stored search's "how common" table, or None when none was written."""
    path = folder / HOW_COMMON
    return json.loads(path.read_text()) if path.is_file() else None


def drawn(provenance: dict[str, Any]) -> int:
    """How many pairings of the provenance have a figure."""
    return sum(e["file"] is not None for f in provenance["figures"].values() for e in f.values())


def read_provenance(folder: Path = FOLDER) -> dict[str, Any] | None:
    """The stored survey's provenance, or None when no figures were drawn."""
    path = folder / PROVENANCE
    return json.loads(path.read_text()) if path.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", required=True, type=Path, help="the store gaps survey and gaps search wrote"
    )
    parser.add_argument("--out", type=Path, default=FOLDER, help=f"[{FOLDER}]")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.exit(2, f"No store at {args.db}; run gaps survey --db {args.db} first.\n")
    table = write_how_common(args.db, args.out)
    if table is not None:
        print(
            f"how common: {table['measured']} of {table['candidates']} candidates measured "
            f"(search of {table['date']}) in {args.out / HOW_COMMON}"
        )
    try:
        provenance = write_figures(args.db, args.out, workers=args.workers)
    except NoSurvey as exc:
        if table is None:
            parser.exit(2, f"{exc} It keeps no search either.\n")
        print(f"figures left as they were: {exc}")
        return 0
    except gaps.GapsError as exc:
        parser.exit(2, f"{exc}\n")
    size = sum(p.stat().st_size for p in args.out.glob("*.svg"))
    date = provenance["date"]
    print(f"{drawn(provenance)} figures, {size / 1024:.0f} KiB in {args.out} (survey of {date})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

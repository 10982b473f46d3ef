"""The ``gaps`` command line: catalog, classify, survey, prove, report.

Exit codes: 0 ok, 1 a check failed (an unsound verifier, a family that could not be
measured), 2 a usage error. Heavy libraries load only inside the command that needs
them, so ``gaps --help`` answers at once.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from gaps.errors import GapsError, InvalidArgument, UnknownName
from gaps.settings import SEARCH_TIME_LIMIT

_SUFFIXES = {"k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


class _Memory(click.ParamType):
    name = "bytes"

    def convert(self, value: Any, param: Any, ctx: Any) -> int | None:
        if value is None or isinstance(value, int):
            return value
        text = str(value).strip().lower().removesuffix("b").removesuffix("i")
        if text in ("none", "0", ""):
            return None
        scale = _SUFFIXES.get(text[-1], 1)
        number = text[:-1] if text[-1] in _SUFFIXES else text
        try:
            result = int(float(number) * scale)
        except (ValueError, OverflowError):  # OverflowError: inf
            self.fail(f"{value!r} is not a size in bytes (examples: 512M, 2G, 1000000).")
        if result <= 0:
            self.fail(f"{value!r} must be positive.")
        return result


class _Sizes(click.ParamType):
    name = "sizes"

    def convert(self, value: Any, param: Any, ctx: Any) -> list[int]:
        if isinstance(value, list):
            return value
        try:
            sizes = [int(part) for part in str(value).split(",") if part.strip()]
        except ValueError:
            self.fail(f"{value!r} is not a comma-separated list of positive integers (8,16,32).")
        if not sizes or any(s <= 0 for s in sizes):
            self.fail(f"{value!r}: sizes must be positive integers (8,16,32).")
        return sizes


def _plain(text: object) -> str:
    """``text`` escaped for rich: messages, reprs and docstrings hold brackets (an error
    message with "[/bold]", a docstring's "x[i]") that rich would read as markup."""
    from rich.markup import escape

    return escape(str(text))


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    # Piped output is read in files and logs, where a wide table beats a wrapped one.
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, highlight=False, width=None if stream.isatty() else 160)


def _family(name: str) -> Any:
    """A catalog family by name, or a user's family as ``path.py:NAME`` / ``module:NAME``."""
    import gaps

    if ":" not in name:
        return gaps.get(name)
    import importlib
    import importlib.util

    where, _, attribute = name.rpartition(":")
    if where.endswith(".py"):
        path = Path(where)
        if not path.is_file():
            raise InvalidArgument(f"No file {where!r} (from {name!r}).")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        sys.path.insert(0, str(path.parent.resolve()))
        try:
            with _import_deadline(where, name):
                spec.loader.exec_module(module)
        except Exception as exc:  # the user's file: any error in it is theirs to fix
            raise _unloadable(where, name, exc) from None
    else:
        try:
            with _import_deadline(where, name):
                module = importlib.import_module(where)
        except Exception as exc:
            raise _unloadable(where, name, exc) from None
    family = getattr(module, attribute, None)
    if not isinstance(family, gaps.Family):
        raise InvalidArgument(
            f"{name!r} does not name a gaps.Family (got {type(family).__name__})."
        )
    return family


@contextlib.contextmanager
def _import_deadline(where: str, name: str) -> Iterator[None]:
    """Stop a family's import that runs past LOAD_TIME_LIMIT (a module that loops forever)."""
    import signal

    from gaps.execution import LOAD_TIME_LIMIT

    def expired(*_: object) -> None:
        raise TimeoutError(
            f"it ran for more than {LOAD_TIME_LIMIT:g} s; a family module must not do long "
            "work at import"
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, LOAD_TIME_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _unloadable(where: str, name: str, exc: Exception) -> InvalidArgument:
    return InvalidArgument(
        f"Cannot import {where!r} (from {name!r}): {type(exc).__name__}: {exc}. "
        f"Run it with python to see the traceback."
    )


def _check_plot_path(path: str) -> None:
    """Refuse a plot file type matplotlib cannot write before anything is measured."""
    from matplotlib.backend_bases import FigureCanvasBase

    known = sorted(FigureCanvasBase.get_supported_filetypes())
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in known:
        raise InvalidArgument(
            f"--plot {path!r}: cannot write a {suffix or 'suffix-less'} file; end the name "
            f"with one of .{', .'.join(known)} (e.g. gap.png)."
        )


def _store(db: str | None, no_store: bool) -> Any:
    from gaps.store import Store, default_path

    if no_store:
        return None
    return Store(db or default_path())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gaps")
def cli() -> None:
    """Measure generator-verifier gaps: how much cheaper checking is than producing."""


@cli.command()
@click.argument("family", required=False)
@click.option("--domain", help="Only families of this domain.")
@click.option("--mode", help="Only pairings whose verifier has this mode (witness, blind, ...).")
@click.option("--sign", help="Only pairings whose last measured sign is this.")
@click.option("--db", type=click.Path(dir_okay=False), help="Store holding measured signs.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def catalog(
    family: str | None,
    domain: str | None,
    mode: str | None,
    sign: str | None,
    db: str | None,
    as_json: bool,
) -> None:
    """List the registered pairings with their theory and last measured sign, or show one
    family's documentation."""
    import gaps
    from gaps.errors import did_you_mean
    from gaps.family import MODES, SIGNS

    if family is not None:
        _show_family(_family(family), as_json)
        return
    for name, value, known in (("mode", mode, MODES), ("sign", sign, SIGNS)):
        if value is not None and value not in known:
            raise InvalidArgument(f"Unknown {name} {value!r}. " + did_you_mean(value, known))
    domains = sorted({f.domain for f in gaps.catalog()})
    if domain is not None and domain not in domains:
        raise InvalidArgument(
            f"No family matches domain {domain!r}. " + did_you_mean(domain, domains)
        )
    measured = _measured_signs(db)
    proofs = _proof_status(db)
    rows: list[dict[str, Any]] = []
    for f in gaps.catalog(domain):
        for p in f.pairings:
            row: dict[str, Any] = {
                "family": f.name,
                "domain": f.domain,
                "pairing": p.name,
                "mode": p.mode,
                "units": list(f.units_of(p)),
                "theory_sign": None if f.theory is None else f.theory.sign_of(p),
                # A sign stored before origins were kept ("") stands in for the family's own.
                "measured_sign": measured.get(
                    (f.name, f.origin, p.name), measured.get((f.name, "", p.name))
                ),
                "verifier_checked": _checked(f, p.verifier, proofs),
                "not_best_known": f.not_best_known_of(p),
                "summary": f.summary,
            }
            if (mode is None or p.mode == mode) and (sign is None or row["measured_sign"] == sign):
                rows.append(row)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    from rich.table import Table

    families = len({row["family"] for row in rows})
    table = Table(title=f"{families} families, {len(rows)} pairings")
    columns = ("family", "domain", "pairing", "mode", "units", "theory", "measured")
    for column in (*columns, "verifier", "not best known"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["family"],
            row["domain"],
            row["pairing"],
            row["mode"],
            ", ".join(row["units"]),
            row["theory_sign"] or "-",
            row["measured_sign"] or "-",
            row["verifier_checked"],
            row["not_best_known"] or "-",
        )
    _console().print(table)


def _measured_signs(db: str | None) -> dict[tuple[str, str, str], str]:
    """The latest classified signs in the store, if there is one (it is never created here)."""
    from gaps.store import Store, default_path

    path = Path(db) if db else default_path()
    if not path.is_file():
        return {}
    with Store(path) as store:
        return store.latest_signs()


def _proof_status(db: str | None) -> dict[tuple[str, str], str]:
    """The stored verdicts of ``gaps prove`` per (family, verifier), if there is a store."""
    from gaps.store import Store, default_path

    path = Path(db) if db else default_path()
    if not path.is_file():
        return {}
    with Store(path) as store:
        return store.proof_status()


def _checked(family: Any, verifier: str, proofs: dict[tuple[str, str], str]) -> str:
    """``proved`` or ``refuted`` by the stored proofs, else ``tested only`` when the
    soundness audit corrupts its outputs, else ``unchecked``."""
    status = proofs.get((family.name, verifier))
    if status in ("proved", "refuted"):
        return status
    return "tested only" if family.corrupt is not None else "unchecked"


def _show_family(family: Any, as_json: bool) -> None:
    import inspect

    module = inspect.getmodule(family.sample)
    doc = inspect.getdoc(module) if module is not None else None
    info = {
        "name": family.name,
        "origin": family.origin,
        "domain": family.domain,
        "summary": family.summary,
        "pairings": [
            {
                "name": p.name,
                "mode": p.mode,
                "units": list(family.units_of(p)),
                "sizes": family.sizes_of(p),
            }
            for p in family.pairings
        ],
        "sizes": family.sizes,
        "references": list(family.references),
        "documentation": doc or "",
    }
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    console = _console()
    console.rule(_plain(f"{family.name} ({family.domain})"))
    console.print(_plain(doc or family.summary))
    for p in family.pairings:
        own = family.sizes_of(p)
        sizes = f", sizes {own}" if own != family.sizes else ""
        console.print(
            _plain(f"pairing {p.name}: {p.mode}, units {', '.join(family.units_of(p))}{sizes}")
        )
    console.print(_plain(f"default sizes: {family.sizes}"))
    for ref in family.references:
        console.print(f"  - {_plain(ref)}")


def _common_options(time_limit: float) -> Any:
    """The options every measuring command takes, ``--time-limit`` defaulting to ``time_limit``."""
    options = [
        click.option("--seed", default=0, show_default=True, type=int),
        click.option(
            "--time-limit",
            default=time_limit,
            show_default=True,
            type=float,
            help="Wall-clock seconds per call; a call past it is stopped and censored.",
        ),
        click.option(
            "--memory-limit",
            default="2G",
            show_default=True,
            type=_Memory(),
            help="Bytes per call (512M, 2G); 'none' lifts it.",
        ),
        click.option(
            "--workers", type=click.IntRange(min=1), help="Worker processes [one per core]."
        ),
        click.option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run on the Dask cluster at this scheduler address instead.",
        ),
        click.option(
            "--db",
            type=click.Path(dir_okay=False),
            help="SQLite store [$GAPS_DB or ~/.local/share/gaps/gaps.sqlite].",
        ),
        click.option("--no-store", is_flag=True, help="Keep nothing: measure everything afresh."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables."),
    ]

    def apply(fn: Any) -> Any:
        for option in reversed(options):
            fn = option(fn)
        return fn

    return apply


_with_common = _common_options(10.0)


def _progress(label: str) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    )


@cli.command()
@click.argument("family")
@click.option("--pairing", help="generator/verifier (default: every pairing).")
@click.option("--sizes", type=_Sizes(), help="Comma-separated sizes, e.g. 8,16,32.")
@click.option("--cost", help="steps, time, memory or a solver counter [the family's first unit].")
@click.option("--instances", default=5, show_default=True, type=click.IntRange(min=1))
@click.option("--steps-limit", type=click.IntRange(min=1), help="Steps per call.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Write a plot (PNG, SVG, PDF).")
@_with_common
def classify(
    family: str,
    pairing: str | None,
    sizes: list[int] | None,
    cost: str | None,
    instances: int,
    steps_limit: int | None,
    plot: str | None,
    seed: int,
    time_limit: float,
    memory_limit: int | None,
    workers: int | None,
    scheduler: str | None,
    db: str | None,
    no_store: bool,
    as_json: bool,
) -> None:
    """Measure one family and classify the gap of its pairings.

    FAMILY is a catalog name, or a family of your own as path.py:NAME or module:NAME.
    """
    from gaps.classification import classify_family
    from gaps.settings import Settings

    if plot:
        _check_plot_path(plot)
    fam = _family(family)
    chosen = None if pairing is None else [fam.pairing(pairing).name]
    with _progress("classify") as bar:
        job = bar.add_task(fam.name, total=None)
        settings = Settings.from_keywords(
            seed=seed,
            instances=instances,
            time_limit=time_limit,
            memory_limit=memory_limit,
            steps_limit=steps_limit,
            store=_store(db, no_store),
            workers=workers,
            scheduler=scheduler,
            progress=lambda _, done, total: bar.update(job, completed=done, total=total),
        )
        reports = classify_family(fam, sizes, cost, pairings=chosen, settings=settings)
    if plot:
        for i, report in enumerate(reports):
            path = plot if len(reports) == 1 else _numbered(plot, report.pairing, i)
            report.plot(path)
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        console = _console()
        for report in reports:
            console.print(report.table())
            for line in report.reasons + report.flags:
                console.print(f"  • {_plain(line)}")
            if report.evidence:
                console.print(f"  evidence:\n{_plain(report.evidence)}")
    _exit_if_nothing_measured(reports)
    if any(r.sign == "unsound" for r in reports):
        sys.exit(1)


def _exit_if_nothing_measured(reports: Any) -> None:
    """Exit 1 when not one call of the run gave a cost: its errors are all there is."""
    reports = list(reports)
    if not any(r.measured for r in reports):
        click.echo(
            "Nothing could be measured: every call failed (the errors are shown above).",
            err=True,
        )
        sys.exit(1)


def _numbered(path: str, pairing: str, index: int) -> str:
    p = Path(path)
    return str(p.with_name(f"{p.stem}-{pairing.replace('/', '-')}{p.suffix}"))


@cli.command()
@click.option("--domain", help="Only families of this domain.")
@click.option("--family", "names", multiple=True, help="Only this family (repeatable).")
@click.option("--instances", default=3, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--out",
    default="gaps-report",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the report (Markdown, JSON, plots).",
)
@click.option("--no-plots", is_flag=True, help="Skip the plots.")
@_with_common
def survey(
    domain: str | None,
    names: tuple[str, ...],
    instances: int,
    out: str,
    no_plots: bool,
    seed: int,
    time_limit: float,
    memory_limit: int | None,
    workers: int | None,
    scheduler: str | None,
    db: str | None,
    no_store: bool,
    as_json: bool,
) -> None:
    """Classify every catalog family: the gap table, a report, and plots."""
    import gaps
    from gaps.render import survey_markdown, survey_table
    from gaps.settings import Settings
    from gaps.survey import survey as run_survey

    families = [_family(n) for n in names] if names else gaps.catalog(domain)
    if not families:
        raise InvalidArgument(f"No family matches domain {domain!r}.")
    store = _store(db, no_store)
    with _progress("survey") as bar:
        jobs = {f.name: bar.add_task(f.name, total=None) for f in families}
        settings = Settings.from_keywords(
            seed=seed,
            instances=instances,
            time_limit=time_limit,
            memory_limit=memory_limit,
            store=store,
            workers=workers,
            scheduler=scheduler,
            progress=lambda name, done, total: bar.update(jobs[name], completed=done, total=total),
        )
        result = run_survey(families, settings=settings)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    data = result.to_dict()
    (folder / "survey.json").write_text(json.dumps(data, indent=2))
    header = (
        f"# gaps survey\n\n{len(result.reports)} pairings of {len(families)} families, "
        f"seed {seed}, {result.seconds:.0f} s; {result.agreement_text()}."
    )
    best = {(b["family"], b["pairing"]): b for b in data["best"]}
    (folder / "report.md").write_text(survey_markdown(data["reports"], result.notes, header, best))
    if not no_plots:
        plots = folder / "plots"
        plots.mkdir(exist_ok=True)
        for r in result.reports:
            r.plot(str(plots / f"{r.family}__{r.pairing.replace('/', '__')}.png"))
    if as_json:
        click.echo(json.dumps(data, indent=2))
    else:
        console = _console()
        proofs = {} if store is None else store.proof_status()
        checked = {
            (f.name, p.name): _checked(f, p.verifier, proofs) for f in families for p in f.pairings
        }
        console.print(survey_table(data["reports"], checked, best))
        console.print(
            f"{len(result.reports)} pairings in {result.seconds:.0f} s; {result.agreement_text()}."
        )
        for note in result.notes:
            console.print(f"  • {_plain(note)}")
        console.print(f"Report: {_plain(folder / 'report.md')}")
    _exit_if_nothing_measured(result.reports)
    if result.failures or any(r.sign == "unsound" for r in result.reports):
        sys.exit(1)


@cli.command()
@click.argument("family", required=False)
@click.option("--verifier", help="The verifier to check [the family's first].")
@click.option("--bound", default=3, show_default=True, type=click.IntRange(min=0))
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    help="SQLite store [$GAPS_DB or ~/.local/share/gaps/gaps.sqlite].",
)
@click.option("--no-store", is_flag=True, help="Keep the verdicts out of the store.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
def prove(
    family: str | None,
    verifier: str | None,
    bound: int,
    db: str | None,
    no_store: bool,
    as_json: bool,
) -> None:
    """Check verifiers against their families' specifications, and the lemmas they rest on.

    With FAMILY, that family's specification (at --bound) and lemmas; without, every
    family that declares a specification, then every certificate and construction
    lemma at its own bound. Each verdict is stored, so that the catalog and the survey
    show which verifiers are proved. Exits 1 when anything is refuted.
    """
    import gaps
    from gaps.proofs import prove_limited
    from gaps.proofs.catalog import CONSTRUCTIONS, LEMMAS
    from gaps.proofs.verifiers import target

    chosen = _family(family) if family else None
    lemmas = [
        (key.split("/"), lemma)
        for key, found in {**LEMMAS, **CONSTRUCTIONS}.items()
        for lemma in found
        if chosen is None
        or (key.split("/")[0] == chosen.name and verifier in (None, key.split("/")[1]))
    ]
    families = [f for f in gaps.catalog() if f.spec is not None] if chosen is None else [chosen]
    if chosen is not None and chosen.spec is None and lemmas:
        families = []  # its lemmas are what there is to check
    checks = [
        (fam, name)
        for fam in families
        for name in (
            [target(fam, spec) for spec in fam.specs] if fam.specs and not verifier else [verifier]
        )
    ]
    rows = []
    for fam, name in checks:
        report = gaps.prove(fam, verifier=name, bound=bound)
        example = None if report.counterexample is None else repr(report.counterexample)
        rows.append(
            {
                "family": fam.name,
                "part": report.verifier,
                "claim": f"{fam.name}/{report.verifier}",
                "bound": bound,
                "status": report.status,
                "detail": str(report),
                "counterexample": example,
            }
        )
    done: dict[Any, Any] = {}
    for (name, part), lemma in lemmas:
        if lemma not in done:  # a lemma several verifiers rest on runs once
            # Each lemma in a process of its own: z3 overruns its own limits.
            done[lemma] = prove_limited(lemma)
        proof = done[lemma]
        rows.append(
            {
                "family": name,
                "part": part,
                "claim": proof.claim,
                "bound": proof.bound,
                "status": proof.status,
                "detail": f"{name}/{part}: {proof}",
                "counterexample": proof.counterexample or None,
            }
        )
    store = _store(db, no_store)
    if store is not None:
        with store:
            for row in rows:
                store.record_proof(
                    row["family"],
                    row["part"],
                    claim=row["claim"],
                    bound=row["bound"],
                    status=row["status"],
                    detail=row["detail"],
                    counterexample=row["counterexample"],
                )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        for row in rows:
            click.echo(row["detail"])
            if row["counterexample"] is not None:
                click.echo(f"  counterexample: {row['counterexample']}")
        proved = sum(row["status"] == "proved" for row in rows)
        click.echo(f"{proved}/{len(rows)} proved.")
    if any(row["status"] == "refuted" for row in rows):
        sys.exit(1)


@cli.command()
@click.option(
    "--candidate",
    "names",
    multiple=True,
    help="A candidate of your own as path.py:NAME or module:NAME (repeatable) "
    "[the built-in candidate space].",
)
@click.option("--domain", help="Only candidates of this domain.")
@click.option("--instances", default=5, show_default=True, type=click.IntRange(min=2))
@click.option(
    "--budget",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds after which the search stops (the running candidate between two tasks; "
    "a rerun with the same --db resumes it).",
)
@click.option(
    "--target",
    "examples",
    type=click.IntRange(min=1),
    help="Instead of judging, look for each candidate's instances with the largest "
    "verify/generate step ratio, in this many hypothesis examples (seeded).",
)
@click.option(
    "--out",
    default="gaps-report",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for search.json, which gaps report reads beside the survey when the "
    "store keeps no search (--no-store).",
)
@_common_options(SEARCH_TIME_LIMIT)
def search(
    names: tuple[str, ...],
    domain: str | None,
    instances: int,
    budget: float | None,
    examples: int | None,
    out: str,
    seed: int,
    time_limit: float,
    memory_limit: int | None,
    workers: int | None,
    scheduler: str | None,
    db: str | None,
    no_store: bool,
    as_json: bool,
) -> None:
    """Measure and attack candidates; print the survivors, the refuted, how common."""
    from gaps.search.run import load_candidates
    from gaps.search.run import search as run_search

    candidates = [_family(n) for n in names] if names else load_candidates()
    if domain is not None:
        candidates = [c for c in candidates if c.domain == domain]
        if not candidates:
            raise InvalidArgument(f"No candidate matches domain {domain!r}.")
    if examples is not None:
        from gaps.search.target import worst_instances

        for fam in candidates:
            click.echo(f"{fam.name}: the worst instances found (seed {seed})")
            for worst in worst_instances(fam, examples=examples, seed=seed):
                click.echo(f"  {worst}")
        return
    store = _store(db, no_store)
    with _progress("search") as bar:
        job = bar.add_task("candidates", total=len(candidates))
        result = run_search(
            candidates,
            seed=seed,
            instances=instances,
            budget=budget,
            time_limit=time_limit,
            memory_limit=memory_limit,
            store=store,
            workers=workers,
            scheduler=scheduler,
            progress=lambda done, total: bar.update(job, completed=done, total=total),
        )
    data = result.to_dict()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "search.json").write_text(json.dumps(data, indent=2))
    if as_json:
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(str(result))
    _exit_if_nothing_measured(r for e in result.values() for r in e.reports.values())
    if any(e.verdict == "unsound" for e in result.values()):
        sys.exit(1)


def _read_json(path: Path, what: str, key: str) -> Any:
    """A JSON file that gaps wrote, or a one-line error naming what it should be."""
    try:
        data = json.loads(path.read_text())
        data[key]
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise InvalidArgument(
            f"{str(path)!r} is not a {what} JSON written by gaps {what} ({type(exc).__name__})."
        ) from None
    return data


def _stored_proofs(db: Path) -> list[dict[str, Any]]:
    """The latest status of each proof claim kept in the store, if it keeps any.

    Read-only and defensive: a store without a ``proofs`` table, or whose table lacks a
    claim and a status, has no proofs to show.
    """
    import sqlite3

    if not db.is_file():
        return []
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            conn.row_factory = sqlite3.Row
            if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'proofs'"
            ).fetchone():
                return []
            rows = [dict(r) for r in conn.execute("SELECT * FROM proofs ORDER BY rowid")]
    except sqlite3.Error:
        return []
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        claim = row.get("claim") or "/".join(
            str(row[k]) for k in ("family", "verifier") if row.get(k)
        )
        if claim and row.get("status"):
            latest[claim] = {**row, "claim": claim}
    return list(latest.values())


# gaps report: an HTML page of a saved survey, with the search and proofs when kept.
@cli.command()
@click.option(
    "--from",
    "source",
    default="gaps-report/survey.json",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The survey JSON that gaps survey wrote.",
)
@click.option(
    "--search",
    "search_source",
    type=click.Path(dir_okay=False),
    help="The search JSON that gaps search wrote [the store's latest search, else "
    "search.json beside the survey, if any].",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    help="The store whose latest search and proof results to show [the default store, if any].",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="The HTML file to write [report.html beside the survey JSON].",
)
def report(source: str, search_source: str | None, db: str | None, out: str | None) -> None:
    """Write a self-contained HTML report of a survey: the sortable gap table, every
    pairing's cost curves (theory a pale band, censored points open) and gap curve, the
    latest search's "how common" table and candidates, and the proofs' status; one
    file that opens offline."""
    import gaps
    from gaps.html import survey_html
    from gaps.store import default_path, read_latest_search

    path = Path(source)
    if not path.is_file():
        raise InvalidArgument(f"No survey at {source!r}; run gaps survey first, or pass --from.")
    data = _read_json(path, "survey", "reports")
    store = Path(db) if db else default_path()
    if search_source:
        if not Path(search_source).is_file():
            raise InvalidArgument(f"No search at {search_source!r}; run gaps search first.")
        search = _read_json(Path(search_source), "search", "candidates")
    else:
        search = read_latest_search(store)
        beside = path.with_name("search.json")
        if search is None and beside.is_file():
            search = _read_json(beside, "search", "candidates")
    proofs = _stored_proofs(store)
    domains = {f.name: f.domain for f in gaps.catalog()}
    target = Path(out) if out else path.with_name("report.html")
    page = survey_html(
        data["reports"],
        notes=data.get("notes", []),
        domains=domains,
        search=search,
        proofs=proofs,
    )
    target.write_text(page, encoding="utf-8")
    click.echo(f"Report: {target}")


def main() -> None:
    """Run the CLI; ordinary mistakes get a one-line message, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(
            "gaps: interrupted. Finished measurements are kept in the store; "
            "rerun the same command to resume.",
            err=True,
        )
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (InvalidArgument, UnknownName, GapsError) as exc:
        click.echo(f"gaps: error: {exc}", err=True)
        usage = isinstance(exc, (InvalidArgument, UnknownName, TypeError, OSError))
        sys.exit(2 if usage else 1)
    except KeyboardInterrupt:
        click.echo(
            "gaps: interrupted. Finished measurements are kept in the store; "
            "rerun the same command to resume.",
            err=True,
        )
        sys.exit(130)

"""The site's generated pages: the catalog (a page per family), the CLI and API
references, the sign policy's table, the "how common" table and the example notebook.

Each page is built from what it documents (the family registry and the figures drawn
from the stored survey, the stored search's table, the click command tree, the public
names of ``gaps`` and ``gaps.testing``, the fields of ``gaps.sign.SignPolicy``, the
notebook run afresh), so none is kept by hand.
As a Sphinx extension it writes them into ``generated/`` when a build starts; the
functions return Markdown and need neither Sphinx nor a build to run.

>>> "## gaps classify" in cli_page()
True
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path
from typing import Any

import click
from gaps_figures import FOLDER as FIGURES
from gaps_figures import MACHINE_DEPENDENT, drawn, read_how_common, read_provenance

import gaps

FOLDER = "generated"


def docstring_markdown(doc: str) -> str:
    """A docstring as Markdown: its doctest sessions fenced as ``pycon`` blocks.

    A session starts at a ``>>>`` line and ends at a blank line, as doctest reads it;
    unfenced, Markdown would read its prompts as nested quotes.

    >>> docstring_markdown("Sum.\\n\\n>>> 1 + 1\\n2").splitlines()
    ['Sum.', '', '```pycon', '>>> 1 + 1', '2', '```']
    """
    out: list[str] = []
    in_session = False
    for line in doc.splitlines():
        if not in_session and line.lstrip().startswith(">>>"):
            out.append("```pycon")
            in_session = True
        elif in_session and not line.strip():
            out.append("```")
            in_session = False
        out.append(line)
    if in_session:
        out.append("```")
    return "\n".join(out)


def _cell(text: object) -> str:
    """Text for one Markdown table cell: pipes escaped, lines joined."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(text: str | None) -> str:
    return "-" if text is None else f"`{_cell(text)}`"


NOT_MEASURED = "Not measured in the stored survey."


def _measured_unit(unit: str) -> str:
    if unit in MACHINE_DEPENDENT:
        return f"cost in {unit} (the measuring machine's: read the slopes, not the values)"
    return f"cost in {unit} (a count any machine reproduces)"


def provenance_text(provenance: dict[str, Any] | None) -> str:
    """Where the catalog's curves come from: the stored survey, its versions and budgets,
    and the commands that measure and redraw them.

    >>> provenance_text(None).startswith("No survey is stored")
    True
    """
    redraw = "`python docs/_ext/gaps_figures.py --db FILE`"
    if provenance is None:
        return (
            "No survey is stored with the documentation, so no pairing has measured curves "
            f"here. `gaps survey --db FILE` measures them and {redraw} draws them."
        )
    limit = provenance["time_limit"]
    solvers = ", ".join(f"{k} {v}" for k, v in sorted(provenance["solvers"].items()))
    return (
        f"The curves come from the stored survey of {provenance['date']} (seed "
        f"{provenance['seed']}, {provenance['instances']} instances per size, "
        f"{'no time limit' if limit is None else f'{limit:g} s per call'}; gaps "
        f"{provenance['gaps']}, {solvers}), measured by `{provenance['command']}` and drawn "
        f"by {redraw}, which classifies the stored measurements again without measuring. "
        "Each plot shows both sides' median cost per size (open triangles: censored "
        "calls, lower bounds), the declared theory as a pale band scaled to the points, "
        "and the paired gap in bits beneath."
    )


def _pairing_curves(name: str, entry: dict[str, Any] | None, family: str) -> list[str]:
    lines = [f"### {name}", ""]
    if entry is None or entry.get("file") is None:
        reason = None if entry is None else entry.get("reason")
        recorded = "" if not reason else f" The survey recorded: {_cell(reason)}"
        return [*lines, NOT_MEASURED + recorded, ""]
    theory = entry.get("theory_sign") or "none declared"
    return [
        *lines,
        f"Measured sign **{entry['sign']}** (theory: {theory}); {_measured_unit(entry['unit'])}.",
        "",
        f"![{family} {name}: both sides' costs and the paired gap](../../figures/{entry['file']})",
        "",
    ]


def family_page(family: gaps.Family, provenance: dict[str, Any] | None) -> str:
    """A family's page: its module docstring, its pairings with their declared theory,
    and each pairing's measured curves from the stored survey (or the plain statement
    that the stored survey did not measure it).

    >>> page = family_page(gaps.get("sorting"), None)
    >>> "# sorting" in page and "Not measured in the stored survey." in page
    True
    """
    module = inspect.getmodule(family.sample)
    doc = inspect.getdoc(module) if module is not None else None
    lines = [f"(family-{family.name})=", f"# {family.name}", ""]
    lines += [docstring_markdown(doc or family.summary), "", "## Pairings", ""]
    lines += [
        "| pairing | mode | units | generate (theory) | verify (theory) | expected sign |",
        "|---|---|---|---|---|---|",
    ]
    theory = family.theory
    for p in family.pairings:
        generate = None if theory is None else theory.growth_of("generate", p.generator)
        verify = None if theory is None else theory.growth_of("verify", p.verifier)
        sign = (None if theory is None else theory.sign_of(p)) or "-"
        units = ", ".join(family.units_of(p))
        lines.append(
            f"| {_cell(p.name)} | {p.mode} | {units} | {_code(generate)} | {_code(verify)} "
            f"| {sign} |"
        )
    if family.sizes:
        lines += ["", f"Default sizes: {', '.join(map(str, family.sizes))}."]
    if family.references:
        lines += ["", "References: " + "; ".join(family.references) + "."]
    lines += ["", "## Measured curves", "", provenance_text(provenance), ""]
    measured = {} if provenance is None else provenance["figures"].get(family.name, {})
    for p in family.pairings:
        lines += _pairing_curves(p.name, measured.get(p.name), family.name)
    return "\n".join(lines)


def catalog_page(provenance: dict[str, Any] | None) -> str:
    """The catalog's index: every registered family by domain, each linked to its page.

    >>> page = catalog_page(None)
    >>> "[sorting](sorting.md)" in page and "\\nsorting\\n" in page.split(":hidden:")[1]
    True
    """
    families = gaps.catalog()
    domains = sorted({f.domain for f in families})
    pairings = sum(len(f.pairings) for f in families)
    figures = 0 if provenance is None else drawn(provenance)
    parts = [
        "# The catalog",
        "",
        f"{len(families)} families in {len(domains)} domains, {pairings} pairings, generated "
        "from the registry: each family's page is its module's docstring (the problem, why "
        "the gap has its sign, the costs, references and an example), its pairings with "
        f"their declared theory, and their measured curves ({figures} of {pairings} pairings "
        "drawn from the stored survey). `gaps catalog FAMILY` prints the same documentation "
        "in a terminal.",
        "",
        provenance_text(provenance),
        "",
    ]
    for domain in domains:
        parts += [f"## {domain}", "", "| family | pairings | summary |", "|---|---|---|"]
        parts += [
            f"| [{f.name}]({f.name}.md) | {len(f.pairings)} | {_cell(f.summary)} |"
            for f in gaps.catalog(domain)
        ]
        parts.append("")
    names = [f.name for domain in domains for f in gaps.catalog(domain)]
    parts += ["```{toctree}", ":hidden:", "", *names, "```", ""]
    return "\n".join(parts)


def _search_provenance(table: dict[str, Any]) -> str:
    budget = table.get("budget")
    limit = table.get("time_limit")
    verdicts = ", ".join(f"{n} {v}" for v, n in sorted(table["verdicts"].items()))
    unmeasured = table["candidates"] - table["measured"]
    left = (
        f"; the other {unmeasured} ran out of budget and count as neither negative nor surviving"
        if unmeasured
        else ""
    )
    return (
        f"From the stored search of {table['date']} (seed {table['seed']}, "
        f"{'budget not recorded' if budget is None else f'a budget of {budget:g} s'}, "
        f"{table['instances']} instances per size, "
        f"{'no time limit' if limit is None else f'{limit:g} s per call'}; gaps "
        f"{table['gaps']}), run as `{table['command']}` and read back by "
        "`python docs/_ext/gaps_figures.py --db FILE`: "
        f"**{table['measured']} of the {table['candidates']} candidates were measured** "
        f"within the budget{left}. Verdicts: {verdicts}."
    )


def how_common_page(table: dict[str, Any] | None) -> str:
    """The "how common" table of the stored search, with where it comes from, or the
    plain statement that it has not been generated.

    >>> how_common_page(None).startswith('The "how common" table has not been generated')
    True
    """
    if table is None:
        return (
            'The "how common" table has not been generated: no search is stored with the '
            "documentation. `gaps search --db FILE --budget 600` searches the built-in "
            "space and `python docs/_ext/gaps_figures.py --db FILE` writes the table.\n"
        )
    lines = [_search_provenance(table), ""]
    lines += [
        "| by | group | candidates | measured | negative before attacks | survive attacks |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['by']} | {_cell(r['group'])} | {r['candidates']} | {r['measured']} "
        f"| {r['negative_before']} | {r['negative_after']} |"
        for r in table["common"]
    ]
    survivors = ", ".join(f"`{_cell(name)}`" for name in table["survivors"]) or "none"
    lines += ["", f"Survivors: {survivors}.", ""]
    return "\n".join(lines)


def _command_section(name: str, command: click.Command, parent: click.Context) -> str:
    ctx = click.Context(command, info_name=name, parent=parent)
    lines = [f"## {ctx.command_path}", ""]
    lines += [inspect.cleandoc(command.help or ""), ""]
    lines += ["```text", command.get_usage(ctx), "```", ""]
    records = [p.get_help_record(ctx) for p in command.get_params(ctx)]
    rows = [r for r in records if r is not None]
    if rows:
        lines += ["| option | meaning |", "|---|---|"]
        lines += [f"| `{_cell(opts)}` | {_cell(meaning) or '-'} |" for opts, meaning in rows]
        lines.append("")
    return "\n".join(lines)


def cli_page() -> str:
    """The command-line reference, read from the click commands of ``gaps``."""
    from gaps.cli import cli

    root = click.Context(cli, info_name="gaps")
    parts = [
        "# The command line",
        "",
        inspect.cleandoc(cli.help or ""),
        "",
        "Generated from the commands themselves; `gaps COMMAND --help` prints the same. "
        "Exit codes: 0 ok, 1 a check failed (an unsound verifier, a refuted proof, a "
        "family that could not be measured), 2 a usage error.",
        "",
    ]
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        if command is not None:
            parts.append(_command_section(name, command, root))
    return "\n".join(parts)


def _directive(path: str, obj: Any) -> str:
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        return f"```{{autoexception}} {path}\n```\n"
    if inspect.isclass(obj):
        return f"```{{autoclass}} {path}\n:members:\n```\n"
    if callable(obj):
        return f"```{{autofunction}} {path}\n```\n"
    return f"```{{autodata}} {path}\n:no-value:\n```\n"


def _first_line(module: str) -> str:
    import importlib

    doc = inspect.getdoc(importlib.import_module(module)) or ""
    return doc.split("\n", 1)[0]


def api_page() -> str:
    """The API reference: every public name of ``gaps`` and ``gaps.testing``, by module.

    >>> page = api_page()
    >>> "{autofunction} gaps.classify" in page, "{autofunction} gaps.testing.check_family" in page
    (True, True)
    """
    import gaps.testing

    parts = [
        "# API reference",
        "",
        "Every public name, generated from `gaps.__all__` and `gaps.testing.__all__`. "
        "Import them from `gaps` (or `gaps.testing`), not from the modules that define "
        "them.",
        "",
    ]
    by_module: dict[str, list[str]] = {}
    for name in gaps.__all__:
        by_module.setdefault(getattr(gaps, name).__module__, []).append(name)
    for module, names in sorted(by_module.items()):
        parts += [f"## {_first_line(module)}", ""]
        parts += [_directive(f"gaps.{n}", getattr(gaps, n)) for n in names]
    parts += ["## gaps.testing", "", _first_line("gaps.testing"), ""]
    parts += [
        _directive(f"gaps.testing.{n}", getattr(gaps.testing, n)) for n in gaps.testing.__all__
    ]
    return "\n".join(parts)


def field_reasons(cls: type) -> dict[str, str]:
    """Each dataclass field's reason: its ``doc`` metadata, else the ``#:`` comment
    lines just above it in the class's source (as Sphinx reads attribute docs).

    >>> from gaps.sign import SignPolicy
    >>> field_reasons(SignPolicy)["min_instances"]
    'A size with fewer paired instances than this says little about its median.'
    """
    comments: dict[str, str] = {}
    block: list[str] = []
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):  # defined where no source is kept: metadata only
        source = ""
    for line in source.splitlines():
        text = line.strip()
        if text.startswith("#:"):
            block.append(text[2:].strip())
            continue
        match = re.match(r"(\w+)\s*:", text)
        if match and block:
            comments[match.group(1)] = " ".join(block)
        block = []
    return {
        f.name: str(f.metadata.get("doc") or comments.get(f.name, ""))
        for f in dataclasses.fields(cls)
    }


def policy_table(cls: type) -> str:
    """A Markdown table of a dataclass's fields: name, default and reason.

    >>> from gaps.sign import SignPolicy
    >>> table = policy_table(SignPolicy)
    >>> "| `min_sizes` | `4` |" in table
    True
    """
    instance = cls()
    lines = ["| field | default | why |", "|---|---|---|"]
    reasons = field_reasons(cls)
    for f in dataclasses.fields(cls):
        value = getattr(instance, f.name)
        if isinstance(value, tuple):
            value = "(" + ", ".join(f"{v:.3g}" if isinstance(v, float) else repr(v) for v in value)
            value += ")"
        elif isinstance(value, float):
            value = f"{value:g}"
        lines.append(f"| `{f.name}` | `{_cell(value)}` | {_cell(reasons[f.name]) or '-'} |")
    return "\n".join(lines) + "\n"


def sign_policy_page() -> str:
    """The table of every threshold of the sign decision, read from ``SignPolicy``."""
    from gaps.sign import SignPolicy

    return policy_table(SignPolicy)


NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _output_markdown(output: Any) -> str:
    """One cell output: HTML as raw HTML, else its text, else nothing."""
    if output.get("output_type") == "stream":
        return f"```text\n{output['text'].rstrip()}\n```\n"
    data = output.get("data", {})
    if "text/html" in data:
        return f"```{{raw}} html\n{data['text/html'].rstrip()}\n```\n"
    if "text/plain" in data:
        return f"```text\n{data['text/plain'].rstrip()}\n```\n"
    return ""


def notebook_page(path: Path, *, execute: bool = True) -> str:
    """A notebook as a Markdown page: its Markdown cells as they are, each code cell
    fenced, followed by the outputs of a fresh run (HTML kept, so a report shows its
    plots). The run uses nbclient with an ipykernel (``pip install 'gaps[notebook]'``).

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"),
    ...                                      nbformat.v4.new_code_cell("1 + 1")])
    >>> nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"})]
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     nbformat.write(nb, os.path.join(folder, "t.ipynb"))
    ...     print(notebook_page(Path(folder, "t.ipynb"), execute=False))
    # T
    <BLANKLINE>
    ```python
    1 + 1
    ```
    <BLANKLINE>
    ```text
    2
    ```
    <BLANKLINE>
    """
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    if execute:
        import nbclient

        nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3").execute()
    parts = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source.rstrip() + "\n")
        elif cell.cell_type == "code":
            parts.append(f"```python\n{cell.source.rstrip()}\n```\n")
            parts += [_output_markdown(o) for o in cell.get("outputs", [])]
    return "\n".join(p for p in parts if p)


PAGES = {
    "cli.md": cli_page,
    "api.md": api_page,
    "sign_policy.md": sign_policy_page,
}


def write_pages(folder: Path, figures: Path = FIGURES, notebooks: Path = NOTEBOOKS) -> list[Path]:
    """Write every generated page into ``folder``, rewriting only the changed ones and
    removing pages no longer generated (a renamed family's), which Sphinx would
    otherwise read as documents outside every table of contents."""
    folder.mkdir(parents=True, exist_ok=True)
    provenance = read_provenance(figures)
    builds = dict(PAGES)
    builds["catalog/index.md"] = lambda: catalog_page(provenance)
    builds["how_common.md"] = lambda: how_common_page(read_how_common(figures))
    for family in gaps.catalog():
        builds[f"catalog/{family.name}.md"] = lambda f=family: family_page(f, provenance)
    for notebook in sorted(notebooks.glob("*.ipynb")):
        builds[f"notebooks/{notebook.stem}.md"] = lambda notebook=notebook: notebook_page(notebook)
    written = []
    for name, build in builds.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = build()
        if not path.is_file() or path.read_text() != text:
            path.write_text(text)
        written.append(path)
    for stale in set(folder.rglob("*.md")) - set(written):
        stale.unlink()
    return written


def setup(app: Any) -> dict[str, Any]:
    """Sphinx hook: write the pages before the sources are read."""
    app.connect("builder-inited", lambda app: write_pages(Path(app.srcdir) / FOLDER))
    return {"parallel_read_safe": True, "parallel_write_safe": True}

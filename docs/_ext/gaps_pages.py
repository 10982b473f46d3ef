"""The site's generated pages: the catalog, the CLI and API references, the sign
policy's table and the example notebook.

Each page is built from what it documents (the family registry, the click command
tree, the public names of ``gaps`` and ``gaps.testing``, the fields of
``gaps.sign.SignPolicy``, the notebook run afresh), so none is kept by hand.
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


def family_section(family: gaps.Family) -> str:
    """One family's part of the catalog page: its module docstring, pairings and theory."""
    module = inspect.getmodule(family.sample)
    doc = inspect.getdoc(module) if module is not None else None
    lines = [f"(family-{family.name})=", f"### {family.name}", ""]
    lines += [docstring_markdown(doc or family.summary), ""]
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
    return "\n".join(lines) + "\n"


def catalog_page() -> str:
    """The catalog page: every registered family, grouped by domain.

    >>> page = catalog_page()
    >>> "### sorting" in page and "(family-sorting)=" in page
    True
    """
    families = gaps.catalog()
    domains = sorted({f.domain for f in families})
    pairings = sum(len(f.pairings) for f in families)
    parts = [
        "# The catalog",
        "",
        f"{len(families)} families in {len(domains)} domains, {pairings} pairings, generated "
        "from the registry: each family's page is its module's docstring (the problem, why "
        "the gap has its sign, the costs, references and an example), followed by its "
        "pairings with their declared theory. `gaps catalog FAMILY` prints the same "
        "documentation in a terminal.",
        "",
    ]
    for domain in domains:
        parts += [f"## {domain}", ""]
        parts += [family_section(f) for f in gaps.catalog(domain)]
    return "\n".join(parts)


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
    "catalog.md": catalog_page,
    "cli.md": cli_page,
    "api.md": api_page,
    "sign_policy.md": sign_policy_page,
}


def write_pages(folder: Path) -> list[Path]:
    """Write every generated page into ``folder``, rewriting only the changed ones."""
    folder.mkdir(parents=True, exist_ok=True)
    builds = dict(PAGES)
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        builds[f"notebooks/{notebook.stem}.md"] = lambda notebook=notebook: notebook_page(notebook)
    written = []
    for name, build in builds.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = build()
        if not path.is_file() or path.read_text() != text:
            path.write_text(text)
        written.append(path)
    return written


def setup(app: Any) -> dict[str, Any]:
    """Sphinx hook: write the pages before the sources are read."""
    app.connect("builder-inited", lambda app: write_pages(Path(app.srcdir) / FOLDER))
    return {"parallel_read_safe": True, "parallel_write_safe": True}

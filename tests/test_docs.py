"""The README's and the docs' examples run as written; the generated pages cover the code."""

from __future__ import annotations

import doctest
import importlib.util
import inspect
import re
import shlex
import sys
from pathlib import Path

import click
import pytest

import gaps
import gaps.testing

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)", re.M)


def _load_pages_module():
    # gaps_pages imports its sibling gaps_figures, as the Sphinx build does (conf.py).
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    path = ROOT / "docs" / "_ext" / "gaps_pages.py"
    spec = importlib.util.spec_from_file_location("gaps_pages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gaps_pages"] = module
    spec.loader.exec_module(module)
    return module


pages = _load_pages_module()


def python_fences(text: str) -> int:
    """How many fenced blocks of ``text`` are Python sessions (each must hold an example)."""
    return sum(lang in ("pycon", "python") for lang in FENCE.findall(text)[::2])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_examples_in_page_run(page):
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted >= python_fences(page.read_text()), (
        f"{page.name} has a Python block that is not a doctest session"
    )
    assert result.failed == 0


def test_python_fences_counts_opening_fences_only():
    text = "```pycon\n>>> 1\n1\n```\n\n```bash\ngaps survey\n```\n\n```python\nx = 1\n```\n"
    assert python_fences(text) == 2


def gaps_command_lines(text: str) -> list[list[str]]:
    """The ``gaps`` command lines of the shell blocks of ``text``, comments dropped.

    >>> gaps_command_lines("```bash\\ngaps prove sorting  # one\\npip install x\\n```\\n")
    [['prove', 'sorting']]
    """
    lines = []
    for block in re.findall(r"^```(?:bash|console|sh)\n(.*?)^```", text, re.M | re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["gaps"]:
                lines.append(words[1:])
    return lines


def parse_gaps_command(words: list[str]) -> None:
    """Parse a command line as ``gaps`` would (its command, options and their values)
    without running it; click's UsageError when something is wrong."""
    from gaps.cli import cli

    command = cli.commands.get(words[0])
    if command is None:
        raise click.UsageError(f"no command gaps {words[0]}")
    command.make_context(words[0], words[1:])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_shell_commands_in_page_parse(page):
    # Shell blocks run whole surveys or a cluster: too long to run, but each one must
    # name a real command with real options and valid values.
    for words in gaps_command_lines(page.read_text()):
        parse_gaps_command(words)


@pytest.mark.parametrize(
    "words", [["surveys"], ["survey", "--no-such-option"], ["search", "--budget", "-1"]]
)
def test_a_wrong_shell_command_does_not_parse(words):
    with pytest.raises(click.UsageError):
        parse_gaps_command(words)


def test_page_generator_examples_run():
    result = doctest.testmod(pages, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_every_family_has_a_page_with_each_pairing_and_its_curves(tmp_path):
    written = pages.write_pages(tmp_path, notebooks=tmp_path)
    provenance = pages.read_provenance()
    assert provenance is not None, "no stored survey in docs/figures"
    index = (tmp_path / "catalog" / "index.md").read_text()
    for family in gaps.catalog():
        path = tmp_path / "catalog" / f"{family.name}.md"
        assert path in written, f"no page for {family.name}"
        text = path.read_text()
        assert f"(family-{family.name})=\n# {family.name}\n" in text
        assert f"[{family.name}]({family.name}.md)" in index
        table, curves = text.split("\n## Measured curves\n", 1)
        assert pages.provenance_text(provenance) in curves, f"{family.name}: no provenance"
        for p in family.pairings:
            assert f"| {p.name} | {p.mode} |" in table, f"{family.name}: no row for {p.name}"
            body = curves.split(f"\n### {p.name}\n", 1)[1].split("\n### ", 1)[0]
            figure = re.search(r"\]\(\.\./\.\./figures/([^)]+\.svg)\)", body)
            if figure is None:
                assert pages.NOT_MEASURED in body, f"{family.name} {p.name}: no figure, no note"
            else:
                svg = ROOT / "docs" / "figures" / figure.group(1)
                assert svg.is_file() and "<polyline" in svg.read_text(), svg


def test_stored_figures_show_their_survey_and_nothing_else():
    provenance = pages.read_provenance()
    assert provenance is not None
    for key in ("seed", "date", "gaps", "command", "solvers", "instances"):
        assert provenance.get(key) is not None, key
    files = {e["file"] for f in provenance["figures"].values() for e in f.values()} - {None}
    on_disk = {p.name for p in (ROOT / "docs" / "figures").glob("*.svg")}
    assert files == on_disk
    names = {f.name: {p.name for p in f.pairings} for f in gaps.catalog()}
    for family, pairings in provenance["figures"].items():
        assert set(pairings) <= names.get(family, set()), f"{family}: not in the catalog"
        for entry in pairings.values():
            assert entry["machine_independent"] == (entry["unit"] not in ("time", "memory"))


def test_figures_are_drawn_from_the_stores_latest_survey_without_measuring(tmp_path):
    import gaps_figures

    from gaps.survey import survey

    db = tmp_path / "store.sqlite"
    with pytest.raises(gaps_figures.NoSurvey, match="no finished survey"), gaps.Store(db) as s:
        gaps_figures.latest_survey(s)
    with gaps.Store(db) as store:
        survey([gaps.get("sorting")], seed=5, instances=1, store=store, workers=1)
        tasks = store.count("tasks")
    first = gaps_figures.write_figures(db, tmp_path / "a")
    second = gaps_figures.write_figures(db, tmp_path / "b")
    with gaps.Store(db) as store:
        assert store.count("tasks") == tasks and len(list(store.runs())) == 1
    assert first == second and first["seed"] == 5 and first["instances"] == 1
    assert "--seed 5 --instances 1" in first["command"] and "--family sorting" in first["command"]
    (entry,) = first["figures"]["sorting"].values()
    svg = (tmp_path / "a" / entry["file"]).read_text()
    assert svg == (tmp_path / "b" / entry["file"]).read_text()  # steps: the same drawing
    assert entry["unit"] == "steps" and entry["machine_independent"]
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')


HOW_COMMON = {
    "command": "gaps search --db FILE --seed 4 --budget 600 --instances 5 --time-limit 2",
    "seed": 4,
    "budget": 600,
    "instances": 5,
    "time_limit": 2.0,
    "date": "2026-01-02",
    "gaps": "9.9",
    "candidates": 5,
    "measured": 3,
    "verdicts": {"refuted": 1, "survives": 1, "inconclusive": 3},
    "survivors": ["sha_image"],
    "common": [
        {"by": "domain", "group": "bitstrings", "candidates": 3, "measured": 2,
         "negative_before": 2, "negative_after": 1},
        {"by": "mode", "group": "blind", "candidates": 5, "measured": 3,
         "negative_before": 2, "negative_after": 1},
    ],
}  # fmt: skip


def test_how_common_page_renders_the_stored_table_with_its_provenance(tmp_path):
    import json

    figures = tmp_path / "figures"
    figures.mkdir()
    (figures / "how_common.json").write_text(json.dumps(HOW_COMMON))
    pages.write_pages(tmp_path / "out", figures=figures, notebooks=tmp_path)
    text = (tmp_path / "out" / "how_common.md").read_text()
    assert "| domain | bitstrings | 3 | 2 | 2 | 1 |" in text
    assert "| mode | blind | 5 | 3 | 2 | 1 |" in text
    assert "3 of the 5 candidates were measured" in text and "other 2 ran out" in text
    assert "2026-01-02" in text and "seed 4" in text and "600 s" in text and "gaps 9.9" in text
    assert HOW_COMMON["command"] in text and "`sha_image`" in text
    pages.write_pages(tmp_path / "none", figures=tmp_path / "empty", notebooks=tmp_path)
    assert "has not been generated" in (tmp_path / "none" / "how_common.md").read_text()


def test_how_common_is_read_from_the_stores_latest_search(tmp_path, tiny_search):
    import gaps_figures

    db, result = tiny_search
    table = gaps_figures.write_how_common(db, tmp_path)
    assert table is not None and table == gaps_figures.read_how_common(tmp_path)
    assert table["seed"] == 0 and table["candidates"] == table["measured"] == 1
    assert table["verdicts"] == {result["tiny_composite"].verdict: 1}
    assert "--seed 0" in table["command"] and "--candidate tiny_composite" in table["command"]
    (domain, mode) = table["common"]
    assert domain["group"] == "user" and domain["measured"] == 1 and mode["group"] == "blind"
    with gaps.Store(tmp_path / "empty.sqlite") as store:
        assert gaps_figures.latest_search(store) is None
    assert gaps_figures.write_how_common(tmp_path / "empty.sqlite", tmp_path / "b") is None
    assert not (tmp_path / "b").exists()


def test_search_pages_include_the_generated_how_common_table():
    for name in ("negative-gaps.md", "searching.md"):
        assert "```{include} generated/how_common.md" in (ROOT / "docs" / name).read_text()
    table = pages.read_how_common()
    assert table is not None, "no stored search in docs/figures"
    assert 0 < table["measured"] <= table["candidates"] and table["common"]


def test_a_page_without_a_stored_survey_says_so_for_every_pairing(tmp_path):
    pages.write_pages(tmp_path, figures=tmp_path / "none", notebooks=tmp_path)
    text = (tmp_path / "catalog" / "sorting.md").read_text()
    curves = text.split("## Measured curves", 1)[1]
    assert "No survey is stored" in curves and "figures/" not in curves
    assert curves.count(pages.NOT_MEASURED) == len(gaps.get("sorting").pairings)


def test_stale_generated_pages_are_removed(tmp_path):
    stale = tmp_path / "catalog.md"
    stale.write_text("# an old page")
    pages.write_pages(tmp_path, notebooks=tmp_path)
    assert not stale.exists() and (tmp_path / "catalog" / "index.md").is_file()


def test_catalog_page_examples_are_the_docstrings_own():
    # The page's sessions are the module docstrings' examples, which --doctest-modules runs.
    parser = doctest.DocTestParser()
    for family in gaps.catalog():
        doc = inspect.getdoc(inspect.getmodule(family.sample)) or ""
        body = pages.family_page(family, None).split("\n## Pairings\n", 1)[0]
        fenced = re.findall(r"```pycon\n(.*?)```", body, re.S)
        on_page = [e.source for block in fenced for e in parser.get_examples(block)]
        assert on_page == [e.source for e in parser.get_examples(doc)], family.name


def test_docstring_markdown_fences_every_session():
    doc = "Text.\n\n>>> a = 1\n>>> a\n1\n\nMore text.\n\n>>> a + 1\n2"
    out = pages.docstring_markdown(doc)
    assert out.count("```pycon") == 2
    assert not re.search(r"^>>>", out.split("```pycon")[0], re.M)


def test_cli_page_has_every_command_and_option():
    from gaps.cli import cli

    text = pages.cli_page()
    for name, command in cli.commands.items():
        section = text.split(f"## gaps {name}\n", 1)
        assert len(section) == 2, f"no section for gaps {name}"
        body = section[1].split("\n## ", 1)[0]
        for param in command.params:
            for opt in param.opts if param.param_type_name == "option" else []:
                assert f"`{opt}" in body or f", {opt}" in body, f"gaps {name}: no {opt}"


def test_api_page_documents_every_public_name():
    text = pages.api_page()
    names = [f"gaps.{n}" for n in gaps.__all__]
    names += [f"gaps.testing.{n}" for n in gaps.testing.__all__]
    for name in names:
        assert re.search(rf"^```\{{auto\w+\}} {re.escape(name)}$", text, re.M), name


def test_sign_policy_table_has_every_field_with_its_reason():
    import dataclasses

    from gaps.sign import SignPolicy

    table = pages.sign_policy_page()
    for f in dataclasses.fields(SignPolicy):
        row = re.search(rf"^\| `{f.name}` \| `[^`]+` \| (.+) \|$", table, re.M)
        assert row and row.group(1) != "-", f"{f.name} has no reason in the table"


def test_policy_table_reads_a_new_field_from_its_comment_or_metadata(tmp_path):
    module = tmp_path / "extra_policy.py"
    module.write_text(
        "import dataclasses\n\n"
        "@dataclasses.dataclass(frozen=True)\n"
        "class Extra:\n"
        "    #: Because three\n"
        "    #: is enough.\n"
        "    tries: int = 3\n"
        "    names: tuple[str, ...] = ('a',)\n"
        "    ratio: float = dataclasses.field(default=0.5, metadata={'doc': 'Half.'})\n"
    )
    spec = importlib.util.spec_from_file_location("extra_policy", module)
    assert spec is not None and spec.loader is not None
    extra = importlib.util.module_from_spec(spec)
    sys.modules["extra_policy"] = extra
    spec.loader.exec_module(extra)
    table = pages.policy_table(extra.Extra)
    assert "| `tries` | `3` | Because three is enough. |" in table
    assert "| `names` | `('a')` | - |" in table
    assert "| `ratio` | `0.5` | Half. |" in table


def test_cost_page_includes_the_generated_policy_table():
    assert "```{include} generated/sign_policy.md" in (ROOT / "docs" / "costs.md").read_text()


def test_notebook_page_has_every_cell_in_order():
    nbformat = pytest.importorskip("nbformat")
    for path in sorted((ROOT / "docs" / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        page = pages.notebook_page(path, execute=False)
        position = 0
        for cell in notebook.cells:
            position = page.index(cell.source.strip(), position)

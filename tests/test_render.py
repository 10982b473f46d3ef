"""Tables and plots of reports: plain text without rich, the theory and gap drawn."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gaps
from gaps.render import (
    Table,
    report_plot,
    report_table,
    size_ticks,
    survey_markdown,
    survey_table,
)


@pytest.fixture(scope="module")
def report():
    return gaps.classify(
        gaps.get("subset_sum"), sizes=[12, 16, 20, 24], cost="steps", instances=2, workers=1
    )


def test_print_report_shows_the_table_as_plain_text(report, capsys):
    print(report)
    out = capsys.readouterr().out
    assert "subset_sum · plant/decide (blind)" in out and "gap (bits)" in out
    assert "\x1b[" not in out and "[dim]" not in out
    for n in (12, 16, 20, 24):
        assert f"│ {n} │" in out


def test_a_neutral_sign_on_parsimony_says_so_under_its_table(report):
    plain = {**report.to_dict(), "sign": "neutral", "basis": "equivalence"}
    settled = {**plain, "basis": "parsimony"}
    assert "on parsimony" not in str(Table(report_table(plain)))
    assert "sign: neutral (on parsimony) (confidence" in str(Table(report_table(settled)))
    assert "(on parsimony)" in str(survey_table([settled]))
    assert "**neutral** (on parsimony)" in survey_markdown([settled], [], "# survey")


def test_table_prints_and_reprs_the_same_text(report):
    table = report.table()
    assert isinstance(table, Table)
    assert repr(table) == str(table) == str(report)
    assert table.__rich__() is table.rich


def test_survey_table_prints_one_row_per_pairing(report):
    text = str(survey_table([report.to_dict(), report.to_dict()]))
    assert text.count("plant/decide") == 2 and "negative" in text


def test_plot_overlays_theory_marks_censoring_and_draws_the_gap(report):
    data = report.to_dict()
    data["generate"]["censored"] = [0, 0, 0, 1]
    fig = report_plot(data)
    costs, gap = fig.axes
    labels = [line.get_label() for line in costs.get_lines()]
    assert "theory n" in labels and "theory 2**(n/2)" in labels
    assert "censored (at least)" in labels
    # Each theory lies beneath every measured curve, so a curve that follows it shows.
    lines = costs.get_lines()
    theory = [line.get_zorder() for line in lines if line.get_label().startswith("theory")]
    measured = [line.get_zorder() for line in lines if " ~ " in line.get_label()]
    assert theory and measured and max(theory) < min(measured)
    gap_line = gap.get_lines()[0]
    assert list(gap_line.get_xdata()) == [12, 16, 20, 24]
    assert list(gap_line.get_ydata()) == [report.gap[n] for n in (12, 16, 20, 24)]
    assert [t.get_text() for t in gap.get_xticklabels()] == ["12", "16", "20", "24"]


@given(st.lists(st.integers(1, 10**6), min_size=1, max_size=40))
def test_size_ticks_never_crowd_and_keep_the_ends(sizes):
    ticks = size_ticks(sizes, labels=10)
    assert ticks[0] == min(sizes) and ticks[-1] == max(sizes)
    assert len(ticks) <= 11 and ticks == sorted(set(ticks))
    step = (max(sizes) / min(sizes)) ** 0.1
    assert all(b >= a * step * 0.999 for a, b in itertools.pairwise(ticks))


def _imports(module: str) -> set[str]:
    path = Path(gaps.__file__).parent / f"{module}.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_render_reads_the_json_form_and_never_imports_the_report():
    assert "gaps.report" not in _imports("render")
    assert "gaps.render" not in _imports("html") and "gaps.report" not in _imports("html")

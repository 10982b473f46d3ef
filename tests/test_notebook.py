"""Reports in Jupyter: HTML representations, DataFrames, and the example notebook run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gaps.survey import Survey

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "docs" / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def report(sorting_report):
    return sorting_report


def test_report_and_survey_render_as_html(report):
    html = report._repr_html_()
    assert "timsort/check" in html and html.count("<svg") == 2
    page = Survey(reports=[report, report])._repr_html_()
    assert page.count("<tr data-domain") == 2 and page.count('<section class="pairing"') == 2


def test_report_frame_has_a_row_per_size(report):
    pytest.importorskip("pandas")
    frame = report.to_frame()
    assert list(frame["n"]) == [8, 16, 32, 64]
    assert list(frame["generate"]) == report.generate.median
    assert list(frame["gap_bits"]) == [report.gap[n] for n in (8, 16, 32, 64)]


def test_survey_frame_has_a_row_per_pairing(report):
    pytest.importorskip("pandas")
    frame = Survey(reports=[report]).to_frame()
    assert frame.loc[0, "sign"] == report.sign
    assert frame.loc[0, "gap_bits"] == report.gap[64]


def test_search_result_renders_as_html_with_its_plots(tiny_search):
    _, result = tiny_search
    entry = result["tiny_composite"]
    html = result._repr_html_()
    (row,) = re.findall(r"<tr data-verdict=.*?</tr>", html)
    assert f">{entry.verdict}<" in row and "tiny_composite" in row
    assert "How common are negative gaps?" in html
    # Every pairing of the candidate (its deciders and each attack's composite) drawn.
    sections = re.findall(r'<section class="pairing".*?</section>', html, re.S)
    assert len(sections) == len(entry.reports) > 2
    assert all(section.count("<svg") == 2 for section in sections)


def test_search_frame_has_a_row_per_candidate_with_its_evidence(tiny_search):
    pytest.importorskip("pandas")
    from dataclasses import replace

    from gaps.search import SearchResult

    _, result = tiny_search
    entry = result["tiny_composite"]
    assert entry.kind == "factor"  # the search records the candidate's kind
    frame = SearchResult([entry, replace(entry, name="other")]).to_frame()
    assert list(frame["candidate"]) == ["tiny_composite", "other"]
    row = frame.iloc[0]
    assert (row["verdict"], row["refuted_by"], row["best"]) == (
        entry.verdict,
        entry.refuted_by,
        entry.best,
    )
    best = entry.reports[entry.best]
    assert row["sign"] == best.sign and row["gap_bits"] == entry.gap_bits
    assert row["verify"] == best.verify.growth.text
    assert row["deciders"] == entry.deciders
    assert [a.split(":")[0] for a in row["attacks"]] == [a.name for a in entry.attacks]
    assert list(frame["kind"]) == ["factor", "factor"]


def test_frame_without_pandas_says_how_to_install(report, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'gaps\[notebook\]'"):
        report.to_frame()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("text/html" in o.get("data", {}) for o in outputs)


def test_there_is_a_notebook():
    assert NOTEBOOKS


def test_survey_counts_inconclusive_signs_apart(report):
    from dataclasses import replace

    right = replace(report, sign="positive", theory_sign="positive")
    wrong = replace(report, sign="negative", theory_sign="positive")
    undecided = replace(report, sign="inconclusive", theory_sign="positive")
    result = Survey(reports=[right, right, right, wrong, undecided])
    assert result.agreement == 3 / 5
    assert result.decided_agreement == 3 / 4
    assert result.inconclusive == 1
    assert "(75% of the 4 decided; 1 inconclusive)" in result.agreement_text()
    assert result.to_dict()["inconclusive"] == 1

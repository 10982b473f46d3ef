"""The HTML report: one offline file, every pairing present, every family string escaped."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

import gaps
from gaps.html import survey_html

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def reports():
    """Two real reports: the catalog's sorting, and a family whose names attack the page."""
    sorting = gaps.classify(
        gaps.get("sorting"), sizes=[8, 16, 32, 64], cost="steps", instances=2, workers=1
    )
    hostile = gaps.Family(
        name="evil_family",
        sample=lambda size, rng: [rng.random() for _ in range(size)],
        generate={"gen": lambda xs, meter: sorted(xs)},
        verify={"ver": lambda xs, ys, meter: ys == sorted(xs)},
    )
    evil = gaps.classify(hostile, sizes=[8, 16, 32, 64], cost="time", instances=2, workers=1)
    evil_dict = evil.to_dict()
    evil_dict["family"] = HOSTILE
    evil_dict["pairing"] = '"><img src=x onerror=alert(1)>/ver'
    evil_dict["reasons"] = ["</li><script>alert(2)</script>"]
    return [sorting.to_dict(), evil_dict]


@pytest.fixture(scope="module")
def page(reports):
    return survey_html(reports, notes=[HOSTILE], domains={"sorting": "strings"})


def test_family_strings_cannot_inject_markup(page):
    body, own_script = page.rsplit("<script>", 1)
    assert "<script" not in body and "<img" not in body
    assert "alert" not in own_script
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in body


def test_page_fetches_nothing(page):
    assert not re.search(r"https?://|<link|@import|url\(|src=", page.replace("src=x", ""))


def test_every_pairing_has_a_row_and_plots(page, reports):
    rows = re.findall(r"<tr data-domain", page)
    assert len(rows) == len(reports)
    sections = re.findall(r'<section class="pairing".*?</section>', page, re.S)
    assert len(sections) == len(reports)
    for section in sections:
        assert section.count("<svg") == 2 and "<polyline" in section


def test_censored_points_are_drawn_as_triangles():
    side = {"sizes": [8, 16, 32], "median": [1.0, 4.0, 16.0], "censored": [0, 0, 2]}
    report = {
        "family": "f",
        "pairing": "g/v",
        "unit": "steps",
        "sign": "inconclusive",
        "generate": side,
        "verify": {**side, "censored": [0, 0, 0]},
        "gap_bits": {},
    }
    page = survey_html([report])
    assert page.count("censored: at least this") == 1


def gaps_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "gaps", *args], capture_output=True, text=True, timeout=120
    )


def test_report_command_writes_the_page(tmp_path, reports):
    source = tmp_path / "survey.json"
    source.write_text(json.dumps({"reports": reports, "notes": []}))
    result = gaps_cli("report", "--from", str(source))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "timsort/check" in page


@pytest.mark.parametrize("content", [None, "not json", '{"no": "reports"}', "[1, 2]"])
def test_report_command_refuses_a_bad_source_in_one_line(tmp_path, content):
    source = tmp_path / "survey.json"
    if content is not None:
        source.write_text(content)
    result = gaps_cli("report", "--from", str(source))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None, reason="no headless Chromium (Debian: apt-get install chromium)"
)
def test_page_renders_in_chromium_without_console_errors(tmp_path, page, reports):
    path = tmp_path / "report.html"
    path.write_text(page)
    shot = tmp_path / "shot.png"
    common = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1200,2000",
    ]
    dom = subprocess.run(
        [*common, "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120
    )
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console
    assert dom.stdout.count("<tr data-domain") == len(reports)
    assert dom.stdout.count("<svg") == 2 * len(reports)
    subprocess.run(
        [*common, f"--screenshot={shot}", path.as_uri()], capture_output=True, timeout=120
    )
    assert shot.stat().st_size > 10_000


def test_report_md_shows_user_text_literally():
    from gaps.render import survey_markdown

    note = "broken: ValueError: <script>alert(1)</script> | [link](x) *bold*\nsecond line"
    text = survey_markdown([], [note], "# Survey")
    (line,) = [line for line in text.splitlines() if line.startswith("- ")]
    assert "<script>" not in line and "&lt;script&gt;" in line
    assert re.search(r"(?<!\\)[|\[\]*]", line) is None  # every one backslashed

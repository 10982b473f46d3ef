"""The HTML report: one offline file, every pairing present, every family string escaped."""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import gaps
from gaps._svg import GAP_HEIGHT, MARGINS, WIDTH, linear_ticks, log_ticks, tick_labels
from gaps.html import survey_html

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def reports(sorting_report):
    """Two real reports: the catalog's sorting, and a family whose names attack the page."""
    sorting = sorting_report
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


THEORY_BAND = 'stroke-width="7" stroke-opacity="0.2"'


def test_theory_is_drawn_as_a_band_beneath_each_side(reports):
    sorting = reports[0]
    section = survey_html([sorting]).split('<section class="pairing"', 1)[1]
    assert "theory n*log(n)<title>" in section and "theory n<title>" in section
    costs = section.split("<svg", 2)[1]
    assert costs.count(THEORY_BAND) == 2 * 2  # each curve and its key
    # Both bands come before every measured line, and every marker after every line.
    lines = re.findall(r"<polyline[^>]*>", costs)
    assert [THEORY_BAND in line for line in lines] == [True, True] + [False] * (len(lines) - 2)
    assert costs.rindex("<polyline") < costs.index("<circle")


def test_a_side_without_theory_draws_no_theory_curve(reports):
    bare = json.loads(json.dumps(reports[0]))
    for role in ("generate", "verify", "verify_corrupt"):
        if bare.get(role):
            bare[role]["theory"] = None
    assert THEORY_BAND not in survey_html([bare])


SEARCH = {
    "seed": 3,
    "candidates": [
        {"name": HOSTILE, "domain": "graphs", "mode": "blind", "verdict": "survives",
         "refuted_by": None, "best": "decide", "gap_bits": -4.25},
        {"name": "planted_x", "domain": "graphs", "mode": "blind", "verdict": "refuted",
         "refuted_by": "degrees", "best": "degrees", "gap_bits": None},
    ],
    "common": [{"by": "domain", "group": "graphs", "candidates": 2, "negative_before": 2,
                "negative_after": 1}],
}  # fmt: skip


def test_search_and_proofs_sections_show_how_common_and_status():
    page = survey_html(
        [], search=SEARCH, proofs=[{"claim": "sorting/check", "bound": 3, "status": "refuted",
                                    "counterexample": "([1], [2])"}]
    )  # fmt: skip
    search = page.split('<section id="search">', 1)[1].split("</section>", 1)[0]
    assert "Search (seed 3)" in search and "100% → 50%" in search
    assert "-4.2" in search and "degrees" in search and "<script" not in search
    proofs = page.split('<section id="proofs">', 1)[1].split("</section>", 1)[0]
    assert "sorting/check" in proofs and "refuted" in proofs and "([1], [2])" in proofs
    assert '<section id="search">' not in survey_html([]) and "proofs" not in survey_html([])


def test_a_search_result_escapes_every_name_it_embeds(tiny_search):
    from dataclasses import replace

    from gaps.search import SearchResult

    _, result = tiny_search
    entry = result["tiny_composite"]
    hostile = replace(
        entry,
        name=HOSTILE,
        domain=HOSTILE,
        kind=HOSTILE,
        refuted_by=HOSTILE,
        best=HOSTILE,
        deciders=[HOSTILE],
        attacks=[replace(a, name=HOSTILE) for a in entry.attacks],
        reports={HOSTILE: replace(entry.reports[entry.best], family=HOSTILE)},
    )
    html = SearchResult([hostile])._repr_html_()
    assert "<script" not in html
    escaped = html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")
    # Shown escaped: the name (row, fold), the domain (row, "how common"), the kind, the
    # refuting attack, the best verifier, the decider, each attack, the report's family.
    assert escaped == 9 + len(entry.attacks)


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


def test_report_command_adds_the_search_beside_and_the_stored_proofs(tmp_path, reports):
    import sqlite3

    source = tmp_path / "survey.json"
    source.write_text(json.dumps({"reports": reports, "notes": []}))
    (tmp_path / "search.json").write_text(json.dumps(SEARCH))
    db = tmp_path / "store.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE proofs (claim TEXT, bound INT, status TEXT, at REAL)")
        conn.executemany(
            "INSERT INTO proofs VALUES (?, ?, ?, ?)",
            [("sorting/check", 2, "unknown", 1.0), ("sorting/check", 3, "proved", 2.0)],
        )
    result = gaps_cli("report", "--from", str(source), "--db", str(db))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "report.html").read_text()
    assert "How common are negative gaps?" in page and "planted_x" in page
    proofs = page.split('<section id="proofs">', 1)[1].split("</section>", 1)[0]
    assert proofs.count("sorting/check") == 1 and "proved" in proofs and "unknown" not in proofs


def test_report_command_shows_the_stores_latest_search_over_the_file(
    tmp_path, reports, tiny_search
):
    source = tmp_path / "survey.json"
    source.write_text(json.dumps({"reports": reports, "notes": []}))
    (tmp_path / "search.json").write_text(json.dumps(SEARCH))
    db, stored = tiny_search
    result = gaps_cli("report", "--from", str(source), "--db", str(db))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "report.html").read_text()
    search = page.split('<section id="search">', 1)[1].split("<h2>Pairings</h2>", 1)[0]
    assert "tiny_composite" in search and "planted_x" not in search
    # Its row with verdict, deciders and attacks, the "how common" rows, and its curves.
    entry = stored["tiny_composite"]
    (row,) = re.findall(r"<tr data-verdict=.*?</tr>", search)
    assert f">{entry.verdict}<" in row and ", ".join(entry.deciders) in row
    assert all(f"<li>{a.name}: " in row for a in entry.attacks) and entry.attacks
    assert "<td>domain</td><td>user</td>" in search and "<td>mode</td><td>blind</td>" in search
    assert search.count('<section class="pairing"') == len(entry.reports)
    # An explicit --search file is shown instead of the store's.
    chosen = gaps_cli(
        "report", "--from", str(source), "--db", str(db), "--search", str(tmp_path / "search.json")
    )
    assert chosen.returncode == 0, chosen.stderr
    assert "planted_x" in (tmp_path / "report.html").read_text()


def test_report_command_reads_a_store_without_proofs_as_none(tmp_path, reports):
    source = tmp_path / "survey.json"
    source.write_text(json.dumps({"reports": reports, "notes": []}))
    db = tmp_path / "store.sqlite"
    gaps.Store(db).close()
    result = gaps_cli("report", "--from", str(source), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert '<section id="proofs">' not in (tmp_path / "report.html").read_text()
    missing = gaps_cli("report", "--from", str(source), "--search", str(tmp_path / "no.json"))
    assert missing.returncode == 2 and "No search" in missing.stderr


@pytest.mark.parametrize("content", [None, "not json", '{"no": "reports"}', "[1, 2]"])
def test_report_command_refuses_a_bad_source_in_one_line(tmp_path, content):
    source = tmp_path / "survey.json"
    if content is not None:
        source.write_text(content)
    result = gaps_cli("report", "--from", str(source))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no headless Chromium (Debian: apt-get install chromium)"
)


def chromium(page, *flags, profile):
    """Headless Chromium on ``page`` with a fresh profile, no network of its own, and
    its console on stderr: the finished process."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *flags,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def console_lines(run):
    return [line for line in run.stderr.splitlines() if ":CONSOLE" in line]


def assert_screenshot_shows_something(shot):
    from PIL import Image

    assert shot.stat().st_size > 10_000
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 16, "the screenshot is nearly uniform"


@needs_chromium
def test_page_renders_in_chromium_without_console_errors(tmp_path, page, reports):
    path = tmp_path / "report.html"
    path.write_text(page)
    size = "--window-size=1200,2000"
    dom = chromium(path, size, "--dump-dom", profile=tmp_path / "profile")
    assert console_lines(dom) == [], console_lines(dom)
    assert dom.stdout.count("<tr data-domain") == len(reports)
    assert dom.stdout.count("<svg") == 2 * len(reports)
    shot = tmp_path / "shot.png"
    chromium(path, size, f"--screenshot={shot}", profile=tmp_path / "profile")
    assert_screenshot_shows_something(shot)


class _Outline(HTMLParser):
    """What a rendered report holds: the pairing each table row links to, and the SVG
    count of each pairing's section."""

    def __init__(self):
        super().__init__()
        self.rows: list[str] = []
        self.svgs: dict[str, int] = {}
        self._row = False
        self._section: str | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "tr" and "data-domain" in found:
            self._row = True
        elif tag == "a" and self._row:
            self.rows.append(str(found["href"]).removeprefix("#"))
            self._row = False
        elif tag == "section" and found.get("class") == "pairing":
            self._section = str(found["id"])
            self.svgs[self._section] = 0
        elif tag == "svg" and self._section is not None:
            self.svgs[self._section] += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None


DEFAULT_SURVEY = Path(__file__).parent / "data" / "default_survey.json.gz"


@needs_chromium
def test_a_default_surveys_report_renders_every_pairing_in_chromium(tmp_path):
    from gaps.html import _anchor

    source = tmp_path / "survey.json"
    source.write_bytes(gzip.decompress(DEFAULT_SURVEY.read_bytes()))
    reports = json.loads(source.read_text())["reports"]
    written = gaps_cli("report", "--from", str(source), "--db", str(tmp_path / "none.sqlite"))
    assert written.returncode == 0, written.stderr
    path = tmp_path / "report.html"
    size = "--window-size=1400,2400"
    dom = chromium(path, size, "--dump-dom", profile=tmp_path / "profile")
    assert console_lines(dom) == [], console_lines(dom)
    outline = _Outline()
    outline.feed(dom.stdout)
    anchors = [_anchor(r) for r in reports]
    assert len(anchors) > 50 and sorted(outline.rows) == sorted(anchors)
    assert outline.svgs == dict.fromkeys(anchors, 2)
    shot = tmp_path / "shot.png"
    chromium(path, size, f"--screenshot={shot}", profile=tmp_path / "profile")
    assert_screenshot_shows_something(shot)


def test_report_md_shows_user_text_literally():
    from gaps.render import survey_markdown

    note = "broken: ValueError: <script>alert(1)</script> | [link](x) *bold*\nsecond line"
    text = survey_markdown([], [note], "# Survey")
    (line,) = [line for line in text.splitlines() if line.startswith("- ")]
    assert "<script>" not in line and "&lt;script&gt;" in line
    assert re.search(r"(?<!\\)[|\[\]*]", line) is None  # every one backslashed


def _x_labels(svg):
    """The x-axis labels of a chart: (centre, text), read off the SVG."""
    found = re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" font-size="11" text-anchor="middle">([^<]+)<', svg
    )
    return [(float(x), text) for x, text in found if text != "instance size n"]


def test_size_labels_never_overlap():
    from gaps.html import pairing_charts

    sizes = [1000, 1100, 1250, 1500, 2000, 10000, 10500, 12800, 25600, 100000]
    side = {"sizes": sizes, "median": [float(n) for n in sizes], "censored": [0] * len(sizes)}
    costs, _ = pairing_charts({"unit": "steps", "generate": side, "verify": side})
    labels = _x_labels(costs)
    assert labels[0][1] == "1000" and len(labels) < len(sizes)
    for (x0, a), (x1, b) in itertools.pairwise(labels):
        assert x1 - x0 >= 6.5 * (len(a) + len(b)) / 2, (a, b)


def test_a_long_legend_entry_is_cut_and_kept_whole_in_its_tooltip():
    from gaps.html import pairing_charts

    long = "exp(0.6931*n**0.5)*n**2.25*log(n)"
    side = {"sizes": [8, 16], "median": [1.0, 2.0], "censored": [0, 0], "growth": {"text": long}}
    costs, _ = pairing_charts({"unit": "steps", "generate": side})
    shown, tooltip = re.search(r">(generate ~ [^<]*)<title>([^<]*)</title>", costs).groups()
    assert shown.endswith("…") and len(shown) == 28 and tooltip == f"generate ~ {long}"


def test_a_pairing_figure_is_a_standalone_svg_of_both_charts(reports):
    import xml.etree.ElementTree as ET

    from gaps.html import pairing_charts, pairing_figure

    svg = pairing_figure(reports[0])
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    costs, gap = pairing_charts(reports[0])
    assert costs in svg and gap in svg
    assert int(root.get("height")) == 220 + 160


def test_a_flat_gap_gets_a_readable_axis():
    from gaps.html import pairing_charts

    side = {"sizes": [8, 16, 32], "median": [4.0, 8.0, 16.0], "censored": [0, 0, 0]}
    _, gap = pairing_charts({"unit": "steps", "generate": side, "verify": side,
                             "gap_bits": {"8": 0.0, "16": 0.0, "32": 0.0}})  # fmt: skip
    assert "e-9" not in gap and ">0</text>" in gap


# The y axes. The smallest plot (the gap chart's) is this many pixels high; an 11px
# label needs 14 of them, and 8 characters fit the left margin beside the axis title.
PLOT_HEIGHT = GAP_HEIGHT - MARGINS[2] - MARGINS[3]
LABEL_PX, LABEL_CHARS = 14, 8


def assert_ticks_label_the_range(ticks, low, high, log):
    assert len(ticks) >= 2 and all(a < b for a, b in itertools.pairwise(ticks)), ticks
    assert ticks[0] <= low and ticks[-1] >= high, (ticks, low, high)
    scale = (lambda v: math.log10(v)) if log else (lambda v: v)
    axis = scale(ticks[-1]) - scale(ticks[0])
    spacing = min(scale(b) - scale(a) for a, b in itertools.pairwise(ticks))
    assert spacing / axis * PLOT_HEIGHT >= LABEL_PX, ticks
    labels = tick_labels(ticks)
    assert len(set(labels)) == len(labels), labels
    assert all(len(label) <= LABEL_CHARS for label in labels), labels
    for label, tick in zip(labels, ticks, strict=True):  # each names its own tick
        assert float(label) == pytest.approx(tick, rel=1e-9, abs=1e-6 * spacing), labels


# Zero, and magnitudes from 1e-9 to 1e9 (beyond them an exponent takes a ninth character).
finite = st.just(0.0) | st.floats(1e-9, 1e9).flatmap(lambda x: st.sampled_from([x, -x]))


@example(-0.17, -0.06)
@example(0.0, 0.0)
@example(-0.93, 0.0)
@example(3.0, 3.0)
@example(-5.4e-5, 0.0)
@given(finite, finite)
def test_linear_ticks_label_any_finite_range_at_least_three_times(a, b):
    low, high = sorted((a, b))
    ticks = linear_ticks(low, high)
    assert len(ticks) >= 3
    assert_ticks_label_the_range(ticks, low, high, log=False)


positive = st.floats(1e-9, 1e30)


@example(3.0, 8.0)
@example(120.0, 600.0)
@example(1000.0, 1100.0)
@example(2000.0, 9000.0)
@example(9e3, 2e4)
@example(5.0, 5.0)
@given(positive, positive)
def test_log_ticks_label_any_positive_range_even_within_a_decade(a, b):
    low, high = sorted((a, b))
    assert_ticks_label_the_range(log_ticks(low, high), low, high, log=True)


def _y_labels(svg):
    """The y-axis labels of a chart: (baseline, text), read off the SVG."""
    found = re.findall(
        r'<text x="[\d.]+" y="([\d.]+)" font-size="11" text-anchor="end">([^<]+)<', svg
    )
    return [(float(y), text) for y, text in found]


NARROW = {"8": -0.17, "16": -0.13, "32": -0.09, "64": -0.06}


@pytest.mark.parametrize(
    "gap_bits, medians",
    [
        (NARROW, [300.0, 400.0, 500.0, 600.0]),  # costs within one decade
        (dict.fromkeys(NARROW, 0.0), [3.0, 3.0, 3.0, 3.0]),  # flat both
        ({"64": 2.5}, [5.0, 5.0, 5.0, 8.0]),  # one nonzero size
    ],
)
def test_both_charts_label_their_y_axis_distinctly_and_apart(gap_bits, medians):
    from gaps.html import pairing_charts

    side = {"sizes": [8, 16, 32, 64], "median": medians, "censored": [0] * 4}
    charts = pairing_charts({"unit": "steps", "generate": side, "gap_bits": gap_bits})
    for chart in charts:
        labels = _y_labels(chart)
        texts = [text for _, text in labels]
        assert len(labels) >= 2 and len(set(texts)) == len(texts), texts
        baselines = sorted(y for y, _ in labels)
        assert all(b - a >= LABEL_PX for a, b in itertools.pairwise(baselines)), labels


def _notes(svg):
    """The notes a chart writes beside its key, each as one line of text."""
    found = re.findall(r'<text class="note"[^>]*>(.*?)</text>', svg)
    return [" ".join(re.findall(r">([^<]*)</tspan>", note)) for note in found]


def _side(medians, censored=None):
    return {"sizes": [8, 16, 32, 64], "median": medians, "censored": censored or [0] * 4}


def test_coincident_sides_both_show_with_their_own_line_and_markers():
    from gaps.html import pairing_charts

    same = _side([10.0, 40.0, 160.0, 640.0])
    costs, _ = pairing_charts({"unit": "steps", "generate": same, "verify": same})
    lines = re.findall(r'<polyline points="([^"]+)" fill="none" stroke="([^"]+)"([^/]*)/>', costs)
    (g_path, g_colour, g_stroke), (v_path, v_colour, v_stroke) = lines
    assert g_path == v_path and g_colour != v_colour and g_stroke != v_stroke
    # Generate's points are filled circles; verify's open squares around them.
    circles = re.findall(rf'<circle cx="([\d.]+)" cy="([\d.]+)" r="3" fill="{g_colour}"/>', costs)
    squares = re.findall(
        rf'<rect x="([\d.]+)" y="([\d.]+)" width="8" height="8" fill="none" stroke="{v_colour}"',
        costs,
    )
    in_plot = WIDTH - MARGINS[1]  # the key's markers are right of it
    points = {(float(x), float(y)) for x, y in circles if float(x) <= in_plot}
    assert len(points) == 4
    assert {(float(x) + 4, float(y) + 4) for x, y in squares if float(x) <= in_plot} == points
    assert _notes(costs) == ["generate and verify overlap exactly"]


def test_sides_apart_get_no_note_and_close_ones_say_how_close():
    from gaps.html import pairing_charts

    apart = {"unit": "steps", "generate": _side([10.0, 40.0, 160.0, 640.0]),
             "verify": _side([1.0, 2.0, 4.0, 8.0])}  # fmt: skip
    assert _notes(pairing_charts(apart)[0]) == []
    close = {**apart, "verify": _side([11.0, 44.0, 176.0, 640.0])}
    assert _notes(pairing_charts(close)[0]) == ["generate and verify overlap within 10%"]


def test_a_gap_on_its_zero_shows_both_and_says_so():
    from gaps.html import pairing_charts

    side = _side([10.0, 40.0, 160.0, 640.0])
    flat = {"unit": "steps", "generate": side, "gap_bits": dict.fromkeys(NARROW, 0.0)}
    _, gap = pairing_charts(flat)
    zero, curve = re.findall(r"<polyline[^>]*>", gap)  # the zero rule beneath the gap
    assert "stroke-dasharray" in zero and "stroke-dasharray" not in curve
    assert _notes(gap) == ["gap and zero overlap exactly"]
    _, apart = pairing_charts({**flat, "gap_bits": NARROW})
    assert _notes(apart) == []


def test_two_sides_censored_at_one_point_both_show():
    from gaps.html import pairing_charts

    cut = _side([10.0, 40.0, 160.0, 640.0], censored=[0, 0, 0, 1])
    costs, _ = pairing_charts({"unit": "steps", "generate": cut, "verify": cut})
    triangles = re.findall(r'<path d="M[\d.]+,[\d.]+ l([\d.]+),[^"]*" fill="none"[^>]*>'
                           r"<title>censored", costs)  # fmt: skip
    assert len(triangles) == 2 and len(set(triangles)) == 2  # nested, not stacked

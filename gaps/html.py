"""Self-contained HTML reports: the gap table and every pairing's cost curves.

A report is one file that opens offline: its style, its script (sorting and filtering
the table) and its plots (SVG drawn here) are inline, and nothing is fetched. Every
string that comes from a family (names, growths, reasons) is escaped, since families
may be anyone's code. The input is the JSON form of reports (``GapReport.to_dict()``,
or the ``survey.json`` that ``gaps survey`` writes), so a report can be rebuilt from a
saved survey without measuring again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, NamedTuple

__all__ = [
    "pairing_charts",
    "pairing_figure",
    "pairing_html",
    "proofs_html",
    "search_html",
    "survey_html",
]


class _Series(NamedTuple):
    label: str
    colour: str
    xs: list[float]
    ys: list[float]
    censored: list[bool]
    # "solid", "dashed" or "dotdash" for a measured side (its points hollow when
    # dotdash), "theory" for a pale band without markers.
    style: str = "solid"


# Chart sizes in pixels: the cost chart, and the gap chart drawn beneath it.
_WIDTH, _COST_HEIGHT, _GAP_HEIGHT = 560, 220, 160

# Each style's stroke: measured sides solid, dashed or dot-dashed (so that a curve lying
# on another still shows), a theory a wide pale band drawn beneath them.
_STROKES = {
    "solid": ' stroke-width="2"',
    "dashed": ' stroke-width="2" stroke-dasharray="6 3"',
    "dotdash": ' stroke-width="1.5" stroke-dasharray="10 3 2 3"',
    "theory": ' stroke-width="7" stroke-opacity="0.2" stroke-linecap="round"',
}
# Legend entries longer than this are cut (the whole text is the entry's tooltip), so
# that the key stays within the chart's right margin.
_LEGEND_CHARS = 28

_COLOURS = {"generate": "#1f77b4", "verify": "#d62728", "verify_corrupt": "#2ca02c"}
_LABELS = {"generate": "generate", "verify": "verify", "verify_corrupt": "verify corruption"}
_STYLES = {"generate": "solid", "verify": "dashed", "verify_corrupt": "dotdash"}
_SIGN_COLOURS = {
    "positive": "#2a7d2a",
    "negative": "#b22222",
    "neutral": "#9a7d00",
    "inconclusive": "#666",
    "unsound": "#8b008b",
    "unmeasurable": "#c00000",
}

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}
th.sorted-up::after{content:" ▲"}th.sorted-down::after{content:" ▼"}
code{font-size:12px}.sign{font-weight:600}
#gaps td{overflow-wrap:anywhere}#gaps td:last-child{min-width:6em;max-width:16em}
.filters{margin:.8em 0}
.filters label{margin-right:1em}.pairing{border-top:2px solid #ccc;margin-top:1.5em}
.pairing svg{display:block;margin:.4em 0}.note{color:#555}
"""

# Sorting by a clicked header (numbers numerically) and filtering by domain, mode and
# sign; plain DOM code, so the page needs nothing but itself.
_SCRIPT = """
(function(){
const table=document.getElementById('gaps');if(!table)return;
const body=table.tBodies[0];const rows=Array.from(body.rows);
table.querySelectorAll('th').forEach(function(th,col){
  th.addEventListener('click',function(){
    const up=!th.classList.contains('sorted-up');
    table.querySelectorAll('th').forEach(function(h){h.classList.remove('sorted-up','sorted-down');});
    th.classList.add(up?'sorted-up':'sorted-down');
    const key=function(r){const c=r.cells[col];
      return c.dataset.sort!==undefined?c.dataset.sort:c.textContent;};
    rows.sort(function(a,b){const x=key(a),y=key(b),nx=parseFloat(x),ny=parseFloat(y);
      const d=(isNaN(nx)||isNaN(ny))?x.localeCompare(y):nx-ny;return up?d:-d;});
    rows.forEach(function(r){body.appendChild(r);});
  });
});
const selects=document.querySelectorAll('select[data-column]');
function apply(){rows.forEach(function(r){let shown=true;
  selects.forEach(function(s){if(s.value&&r.dataset[s.dataset.column]!==s.value)shown=false;});
  r.hidden=!shown;});}
selects.forEach(function(s){s.addEventListener('change',apply);});
})();
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _ticks(low: float, high: float) -> list[float]:
    """Powers of ten spanning [low, high] (log axes), at most about six of them."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    step = max(1, math.ceil((last - first) / 6))
    return [10.0**k for k in range(first, last + 1, step)]


def _linear_ticks(low: float, high: float) -> list[float]:
    span = max(high - low, 1e-9)
    step = 10 ** math.floor(math.log10(span))
    if span / step > 5:
        step *= 2
    start = math.floor(low / step) * step
    return [start + i * step for i in range(int((high - start) / step) + 2)]


def _text_width(text: str) -> float:
    """The width in pixels of ``text`` at the charts' 11px sans-serif, a little over."""
    return 6.5 * len(text)


def _tick_text(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1e4 or abs(value) < 1e-2:
        return f"{value:.0e}".replace("e+0", "e").replace("e-0", "e-")
    return f"{value:g}"


def _chart(
    series: Sequence[_Series],
    *,
    log_y: bool,
    y_label: str,
    width: int = _WIDTH,
    height: int = _COST_HEIGHT,
) -> str:
    """An SVG line chart: log x; log or linear y; censored points as open triangles."""
    points = [(x, y) for s in series for x, y in zip(s.xs, s.ys, strict=True)]
    points = [(x, y) for x, y in points if x > 0 and (y > 0 or not log_y)]
    if not points:
        return '<p class="note">No measured point.</p>'
    left, right, top, bottom = 64, 220, 10, 36
    xs_all, ys_all = [p[0] for p in points], [p[1] for p in points]
    x0, x1 = math.log10(min(xs_all)), math.log10(max(xs_all))
    if log_y:
        y0, y1 = math.log10(min(ys_all)), math.log10(max(ys_all))
    else:
        y0, y1 = min(min(ys_all), 0.0), max(max(ys_all), 0.0)
    x1 = x1 + 1e-9 if x1 == x0 else x1
    if y1 == y0:  # a flat curve (a gap of 0 bits everywhere): a unit range around it
        y0, y1 = y0 - 0.5, y1 + 0.5
    pad = 0.06 * (y1 - y0)
    y0, y1 = y0 - pad, y1 + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(x: float) -> float:
        return left + (math.log10(x) - x0) / (x1 - x0) * plot_w

    def py(y: float) -> float:
        v = math.log10(y) if log_y else y
        return top + (1 - (v - y0) / (y1 - y0)) * plot_h

    out = [
        f'<svg width="{width}" height="{height}" role="img" aria-label="{_e(y_label)}">',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#999"/>',
    ]
    y_ticks = _ticks(10**y0, 10**y1) if log_y else _linear_ticks(y0, y1)
    last_y = 1e9
    for t in y_ticks:  # skipping labels that would overlap the one below
        v = math.log10(t) if log_y else t
        if y0 <= v <= y1 and last_y - py(t) >= 14:
            y = last_y = py(t)
            out.append(
                f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                'stroke="#eee"/>'
                f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
                f"{_tick_text(t)}</text>"
            )
    last_x, last_half = -1e9, 0.0
    for t in sorted(set(xs_all)):  # every size, skipping labels that would overlap
        x, half = px(t), _text_width(f"{t:g}") / 2
        if x - last_x < last_half + half + 6:
            continue
        last_x, last_half = x, half
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 14}" font-size="11" '
            f'text-anchor="middle">{t:g}</text>'
        )
    out.append(
        f'<text x="{left + plot_w / 2}" y="{height - 4}" font-size="11" '
        'text-anchor="middle">instance size n</text>'
        f'<text x="12" y="{top + plot_h / 2}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + plot_h / 2})">{_e(y_label)}</text>'
    )
    lines: list[str] = []
    markers: list[str] = []
    legend: list[str] = []
    for i, (label, colour, xs, ys, censored, style) in enumerate(series):
        kept = [
            (x, y, c)
            for x, y, c in zip(xs, ys, censored or [False] * len(xs), strict=True)
            if x > 0 and (y > 0 or not log_y)
        ]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y, _ in kept)
        stroke = _STROKES[style]
        # Theory bands go beneath every measured line: a measured curve that follows
        # its theory runs inside the band instead of hiding it.
        polyline = f'<polyline points="{path}" fill="none" stroke="{colour}"{stroke}/>'
        if style == "theory":
            lines.insert(0, polyline)
        else:
            lines.append(polyline)
        for x, y, c in kept if style != "theory" else ():
            cx, cy = px(x), py(y)
            if c:
                markers.append(
                    f'<path d="M{cx:.1f},{cy - 6:.1f} l5,9 h-10 z" fill="white" '
                    f'stroke="{colour}" stroke-width="1.5"><title>censored: at least this'
                    "</title></path>"
                )
            else:
                fill = "white" if style == "dotdash" else colour
                markers.append(
                    f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="2.5" fill="{fill}" stroke="{colour}"/>'
                )
        ly = top + 12 + 16 * i
        shown = label if len(label) <= _LEGEND_CHARS else label[: _LEGEND_CHARS - 1] + "…"
        legend.append(
            f'<line x1="{left + plot_w + 8}" x2="{left + plot_w + 26}" y1="{ly - 4}" '
            f'y2="{ly - 4}" stroke="{colour}"{stroke}/>'
            f'<text x="{left + plot_w + 30}" y="{ly}" font-size="11">{_e(shown)}'
            f"<title>{_e(label)}</title></text>"
        )
    # Markers above every line, so no line crosses out a point of another side.
    out += lines + markers + legend
    out.append("</svg>")
    return "".join(out)


def _growth_text(side: Mapping[str, Any] | None) -> str:
    growth = None if side is None else side.get("growth")
    return "-" if not growth else str(growth.get("text") or growth.get("label"))


def _anchor(report: Mapping[str, Any]) -> str:
    return f"p-{report['family']}--{report['pairing']}".replace("/", "--")


def pairing_charts(report: Mapping[str, Any]) -> tuple[str, str]:
    """A pairing's two SVG charts: both cost curves (censored points as open triangles,
    the declared theory dotted over each side), and the paired gap in bits beneath.

    A chart with no point to draw is a short note in HTML instead of an SVG.

    >>> from gaps.html import pairing_charts
    >>> side = {"sizes": [8, 16], "median": [64, 256], "censored": [0, 1]}
    >>> costs, gap = pairing_charts({"unit": "steps", "generate": side, "verify": side,
    ...                              "gap_bits": {}})
    >>> costs.startswith("<svg"), gap
    (True, '<p class="note">No measured point.</p>')
    """
    from gaps.symbolic import theory_curve

    sides: list[_Series] = []
    for role in ("generate", "verify", "verify_corrupt"):
        side = report.get(role)
        if not side or not side.get("sizes"):
            continue
        xs = [float(n) for n in side["sizes"]]
        ys = [float(m) for m in side["median"]]
        censored = [bool(c) for c in side["censored"]]
        style = _STYLES[role]
        label = f"{_LABELS[role]} ~ {_growth_text(side)}"
        sides.append(_Series(label, _COLOURS[role], xs, ys, censored, style))
        theory = side.get("theory")
        curve = theory_curve(theory, xs, ys, [int(c) for c in censored])
        if curve is not None:
            sides.append(_Series(f"theory {theory}", _COLOURS[role], xs, curve, [], "theory"))
    unit = str(report.get("unit", ""))
    costs = _chart(sides, log_y=True, y_label="CPU seconds" if unit == "time" else unit)
    bits = sorted((int(n), float(b)) for n, b in (report.get("gap_bits") or {}).items())
    gap = _chart(
        [_Series("gap (bits)", "#444", [float(n) for n, _ in bits], [b for _, b in bits], [])]
        if bits
        else [],
        log_y=False,
        y_label="log2(C_gen / C_ver)",
        height=_GAP_HEIGHT,
    )
    return costs, gap


def pairing_figure(report: Mapping[str, Any]) -> str | None:
    """The two charts of :func:`pairing_charts` as one standalone SVG file (the gap
    beneath the costs), or None when no cost was measured.

    >>> from gaps.html import pairing_figure
    >>> side = {"sizes": [8, 16], "median": [64, 256], "censored": [0, 0]}
    >>> svg = pairing_figure({"unit": "steps", "generate": side, "verify": side,
    ...                       "gap_bits": {"8": 0.0, "16": 0.0}})
    >>> import xml.etree.ElementTree as ET
    >>> len(ET.fromstring(svg).findall("{http://www.w3.org/2000/svg}g"))
    2
    >>> pairing_figure({"unit": "steps", "gap_bits": {}}) is None
    True
    """
    costs, gap = pairing_charts(report)
    if not costs.startswith("<svg"):
        return None
    height = _COST_HEIGHT + (_GAP_HEIGHT if gap.startswith("<svg") else 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" font-family="sans-serif">',
        f"<g>{costs}</g>",
    ]
    if gap.startswith("<svg"):
        parts.append(f'<g transform="translate(0,{_COST_HEIGHT})">{gap}</g>')
    return "".join(parts) + "</svg>\n"


def pairing_html(report: Mapping[str, Any]) -> str:
    """One pairing's section: the sign, its reasons, both cost curves and the gap curve.

    >>> from gaps.html import pairing_html
    >>> side = {"sizes": [8, 16], "median": [64, 256], "censored": [0, 1],
    ...         "growth": {"text": "n**2"}}
    >>> html = pairing_html({"family": "a<b", "pairing": "g/v", "mode": "witness",
    ...                      "unit": "steps", "sign": "positive", "generate": side,
    ...                      "verify": side, "gap_bits": {"8": 0.0, "16": 1.0}})
    >>> "a&lt;b" in html and "<svg" in html and "a<b" not in html
    True
    """
    costs, gap = pairing_charts(report)
    unit = str(report.get("unit", ""))
    sign = str(report.get("sign", ""))
    reasons = [*report.get("reasons", []), *report.get("flags", [])]
    items = "".join(f"<li>{_e(r)}</li>" for r in reasons)
    return (
        f'<section class="pairing" id="{_e(_anchor(report))}">'
        f"<h3>{_e(report['family'])} · {_e(report['pairing'])} ({_e(report.get('mode', ''))})</h3>"
        f'<p>sign <span class="sign" style="color:{_SIGN_COLOURS.get(sign, "#222")}">'
        f"{_e(sign)}</span>, theory {_e(report.get('theory_sign') or '-')}; cost in "
        f"{_e(unit)}</p>" + (f"<ul>{items}</ul>" if items else "") + costs + gap + "</section>"
    )


def _options(name: str, values: set[str]) -> str:
    options = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in sorted(values))
    return (
        f'<label>{name} <select data-column="{name}"><option value="">all</option>'
        f"{options}</select></label>"
    )


def search_html(search: Mapping[str, Any]) -> str:
    """The search's part of a report: how common negative gaps are, then every candidate.

    ``search`` is ``SearchResult.to_dict()`` (what ``gaps search --json`` prints).

    >>> from gaps.html import search_html
    >>> html = search_html({"seed": 0, "candidates": [{"name": "x<y", "domain": "graphs",
    ...     "mode": "blind", "verdict": "refuted", "refuted_by": "degrees"}],
    ...     "common": [{"by": "domain", "group": "graphs", "candidates": 1,
    ...                 "negative_before": 1, "negative_after": 0}]})
    >>> "x&lt;y" in html and "100% → 0%" in html
    True
    """
    common = []
    for row in search.get("common") or []:
        total = int(row.get("candidates") or 0)
        before, after = int(row.get("negative_before") or 0), int(row.get("negative_after") or 0)
        share = f"{before / total:.0%} → {after / total:.0%}" if total else "-"
        common.append(
            f"<tr><td>{_e(row.get('by', ''))}</td><td>{_e(row.get('group', ''))}</td>"
            f'<td data-sort="{total}">{total}</td><td>{before}</td><td>{after}</td>'
            f"<td>{_e(share)}</td></tr>"
        )
    rows = []
    for c in search.get("candidates") or []:
        verdict = str(c.get("verdict", ""))
        bits = c.get("gap_bits")
        rows.append(
            f'<tr data-verdict="{_e(verdict)}"><td>{_e(c.get("name", ""))}</td>'
            f"<td>{_e(c.get('domain', ''))}</td><td>{_e(c.get('mode', ''))}</td>"
            f"<td>{_e(verdict)}</td><td>{_e(c.get('refuted_by') or '-')}</td>"
            f"<td>{_e(c.get('best') or '-')}</td>"
            f"<td>{'-' if bits is None else _e(f'{float(bits):+.1f}')}</td></tr>"
        )
    head = "".join(
        f"<th>{c}</th>"
        for c in ("candidate", "domain", "mode", "verdict", "refuted by", "best verifier", "gap")
    )
    return (
        f'<section id="search"><h2>Search (seed {_e(search.get("seed", "-"))})</h2>'
        "<h3>How common are negative gaps?</h3><p>Candidates with a negative gap against "
        "their own decider (before attacks), and those that survive every attack (after).</p>"
        "<table><thead><tr><th>by</th><th>group</th><th>candidates</th>"
        "<th>negative before</th><th>after attacks</th><th>share</th></tr></thead>"
        f"<tbody>{''.join(common)}</tbody></table>"
        f"<h3>Candidates</h3><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def proofs_html(proofs: Sequence[Mapping[str, Any]]) -> str:
    """The proofs' part of a report: each claim's status, bound and counterexample.

    >>> from gaps.html import proofs_html
    >>> html = proofs_html([{"claim": "sorting/check", "bound": 3, "status": "proved"}])
    >>> "sorting/check" in html and "proved" in html
    True
    """
    colours = {"proved": _SIGN_COLOURS["positive"], "refuted": _SIGN_COLOURS["negative"]}
    rows = []
    for p in proofs:
        status = str(p.get("status", ""))
        rows.append(
            f"<tr><td>{_e(p.get('claim', ''))}</td><td>{_e(p.get('bound', '-'))}</td>"
            f'<td class="sign" style="color:{colours.get(status, "#666")}">{_e(status)}</td>'
            f"<td><code>{_e(p.get('counterexample') or '')}</code></td></tr>"
        )
    return (
        '<section id="proofs"><h2>Proofs</h2><table><thead><tr><th>claim</th><th>bound</th>'
        f"<th>status</th><th>counterexample</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table></section>"
    )


def survey_html(
    reports: Sequence[Mapping[str, Any]],
    *,
    title: str = "gaps survey",
    notes: Sequence[str] = (),
    domains: Mapping[str, str] | None = None,
    search: Mapping[str, Any] | None = None,
    proofs: Sequence[Mapping[str, Any]] = (),
) -> str:
    """A whole report page: the sortable, filterable gap table, every pairing, and the
    search's and the proofs' results when given.

    ``reports`` are ``GapReport.to_dict()`` forms; ``domains`` maps family names to
    their domains, for the domain filter; ``search`` is a ``SearchResult.to_dict()``;
    ``proofs`` are rows with ``claim``, ``bound``, ``status`` and ``counterexample``.

    >>> from gaps.html import survey_html
    >>> page = survey_html([], title="<none>")
    >>> page.startswith("<!DOCTYPE html>"), "&lt;none&gt;" in page
    (True, True)
    """
    domains = domains or {}
    rows = []
    for r in reports:
        domain = domains.get(str(r["family"]), "")
        bits = r.get("gap_bits") or {}
        top = max(bits, key=int) if bits else None
        gap_cell = "-" if top is None else f"{float(bits[top]):+.1f} @ n={int(top)}"
        sign = str(r.get("sign", ""))
        if sign == "unmeasurable" and r.get("reasons"):
            gap_cell = str(r["reasons"][-1])  # the error that stopped the measurement
        rows.append(
            f'<tr data-domain="{_e(domain)}" data-mode="{_e(r.get("mode", ""))}" '
            f'data-sign="{_e(sign)}">'
            f'<td><a href="#{_e(_anchor(r))}">{_e(r["family"])}</a></td>'
            f"<td>{_e(domain)}</td><td>{_e(r['pairing'])}</td><td>{_e(r.get('mode', ''))}</td>"
            f"<td>{_e(r.get('unit', ''))}</td>"
            f"<td><code>{_e(_growth_text(r.get('generate')))}</code></td>"
            f"<td><code>{_e(_growth_text(r.get('verify')))}</code></td>"
            f'<td class="sign" style="color:{_SIGN_COLOURS.get(sign, "#222")}">{_e(sign)}</td>'
            f"<td>{_e(r.get('theory_sign') or '-')}</td>"
            f'<td data-sort="{"" if top is None else float(bits[top])}">{_e(gap_cell)}</td></tr>'
        )
    columns = ["family", "domain", "pairing", "mode", "unit"]
    columns += ["generate", "verify", "sign", "theory", "gap"]
    head = "".join(f"<th>{c}</th>" for c in columns)
    filters = (
        _options("domain", {d for d in domains.values() if d})
        + _options("mode", {str(r.get("mode", "")) for r in reports})
        + _options("sign", {str(r.get("sign", "")) for r in reports})
    )
    note_items = "".join(f"<li>{_e(n)}</li>" for n in notes)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>{_e(title)}</h1><p>{len(reports)} pairing{'' if len(reports) == 1 else 's'}. "
        "Click a column to sort; "
        "open triangles on the plots are censored points (lower bounds).</p>"
        f'<div class="filters">{filters}</div>'
        f'<table id="gaps"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        + (f"<h2>Disagreements and failures</h2><ul>{note_items}</ul>" if note_items else "")
        + (search_html(search) if search else "")
        + (proofs_html(proofs) if proofs else "")
        + "<h2>Pairings</h2>"
        + "".join(pairing_html(r) for r in reports)
        + f"<script>{_SCRIPT}</script></body></html>\n"
    )

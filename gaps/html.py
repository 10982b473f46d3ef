"""Self-contained HTML reports: the gap table and every pairing's cost curves.

A report is one file that opens offline: its style, its script (sorting and filtering
the table) and its plots (SVG drawn here) are inline, and nothing is fetched. Every
string that comes from a family (names, growths, reasons) is escaped, since families
may be anyone's code. The input is the JSON form of reports (``GapReport.to_dict()``,
or the ``survey.json`` that ``gaps survey`` writes), so a report can be rebuilt from a
saved survey without measuring again.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from typing import Any, NamedTuple

__all__ = [
    "pairing_charts",
    "pairing_figure",
    "pairing_html",
    "proofs_html",
    "search_html",
    "search_rows",
    "survey_html",
]


class _Series(NamedTuple):
    label: str  # its legend entry
    colour: str
    xs: list[float]
    ys: list[float]
    censored: list[bool]
    style: str = "solid"  # a key of _STROKES
    name: str = ""  # what notes call it; the label when empty


# Chart sizes in pixels: the cost chart, and the gap chart drawn beneath it; the plot's
# margins (left, right, top, bottom), the right one holding the key and the notes.
_WIDTH, _COST_HEIGHT, _GAP_HEIGHT = 600, 220, 160
_MARGINS = (72, 220, 10, 36)

# Each style's stroke. The measured sides differ in dash and width (generate's wide solid
# line shows along the edges of verify's narrow dashes) and in marker (see _marker), so
# that a side lying on another still shows. A theory is a wide pale band and the gap
# chart's zero a thin dotted rule, both beneath the measured lines and without markers.
_STROKES = {
    "solid": ' stroke-width="2.5"',
    "dashed": ' stroke-width="1.5" stroke-dasharray="6 3"',
    "dotdash": ' stroke-width="1.5" stroke-dasharray="10 3 2 3"',
    "theory": ' stroke-width="7" stroke-opacity="0.2" stroke-linecap="round"',
    "zero": ' stroke-width="1" stroke-dasharray="2 2"',
}
_UNDERLAYS = {"theory", "zero"}
# The half-height of each side's censored triangle: nested, not stacked.
_CENSORED_SIZES = {"solid": 5.0, "dashed": 6.5, "dotdash": 8.0}
# The least span of a gap chart's axis, in bits: finer differences (a few percent of a
# cost) are no trend, and drawn over the whole height they would look like one.
_MIN_GAP_SPAN = 0.1
# Two curves closer than this at every shared size, in pixels, get a note saying so.
_MARKER_PX = 6.0
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
# A search verdict in the colour of the sign it stands for.
_VERDICT_COLOURS = {
    "survives": _SIGN_COLOURS["negative"],
    "refuted": _SIGN_COLOURS["positive"],
    "not negative": _SIGN_COLOURS["neutral"],
    "inconclusive": _SIGN_COLOURS["inconclusive"],
    "unsound": _SIGN_COLOURS["unsound"],
}

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}
th.sorted-up::after{content:" ▲"}th.sorted-down::after{content:" ▼"}
code{font-size:12px}.sign{font-weight:600}
#gaps td{overflow-wrap:anywhere}#gaps td:last-child{min-width:6em;max-width:16em}
#gaps td.word{overflow-wrap:normal;white-space:nowrap}
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


def _breakable(name: object) -> str:
    """``name`` escaped, with a line break allowed after each ``_`` and ``/``, so that a
    narrow column wraps a long name between its words.

    >>> _breakable("max_flow <x>/cut")
    'max_<wbr>flow &lt;x&gt;/<wbr>cut'
    """
    return _e(name).replace("_", "_<wbr>").replace("/", "/<wbr>")


# Ticks. An axis runs from its first tick to its last, so both of its ends are labelled;
# ticks lie at least an eighth of the axis apart, which keeps 11px labels apart on the
# shortest plot (the gap chart's), and a label has at most 8 characters, which fits the
# left margin beside the axis title.
_TICK_SHARE = 1 / 8
_NICE_STEPS = (1, 2, 5)


def _widened(low: float, high: float) -> tuple[float, float]:
    """``[low, high]`` widened around its centre when it is narrower than a tenth of its
    magnitude (a flat curve), so that its ticks need few digits.

    >>> _widened(0.0, 0.0), _widened(4.0, 4.0), _widened(-0.17, -0.06)
    ((-0.5, 0.5), (3.8, 4.2), (-0.17, -0.06))
    """
    magnitude = max(abs(low), abs(high))
    if magnitude <= 1e-300:  # zero, or too close to it for a power of ten
        return -0.5, 0.5
    if high - low >= 0.1 * magnitude:
        return low, high
    centre, half = low / 2 + high / 2, 0.05 * magnitude
    return centre - half, centre + half


def _linear_ticks(low: float, high: float) -> list[float]:
    """Three to six evenly spaced round values (steps of 1, 2 or 5 times a power of ten)
    from one at or below ``low`` to one at or above ``high``.

    >>> _linear_ticks(-0.17, 0.0)
    [-0.2, -0.15000000000000002, -0.1, -0.05, 0.0]
    >>> _linear_ticks(0.0, 0.0)
    [-0.5, 0.0, 0.5]
    """
    low, high = _widened(low, high)
    exponent = math.floor(math.log10(high - low)) - 1  # a step of a tenth or less
    while True:
        for mantissa in _NICE_STEPS:
            step = mantissa * 10.0**exponent
            first, last = math.floor(low / step), math.ceil(high / step)
            if first * step > low:  # a quotient rounded up across an integer
                first -= 1
            if last * step < high:
                last += 1
            if last - first <= 5:
                return [k * step for k in range(first, last + 1)]
        exponent += 1


def _log_ticks(low: float, high: float) -> list[float]:
    """Round values for a log axis from one at or below ``low`` to one at or above
    ``high`` (both positive), three to eight of them: powers of ten across decades;
    within a decade or two, 1, 2 and 5 (or 1 to 9) times them; across less than a
    factor of two, evenly spaced round values. The first of these around which the data
    fills 40% of the axis, else the one it fills most.

    >>> _log_ticks(20, 3e5)
    [10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0]
    >>> _log_ticks(3, 8), _log_ticks(1000, 1200)
    ([2.0, 5.0, 10.0], [1000.0, 1050.0, 1100.0, 1150.0, 1200.0])
    """
    if high - low < 0.1 * high:  # a flat curve: a factor of two either side
        centre = 10 ** (math.log10(low) / 2 + math.log10(high) / 2)
        low, high = centre / 2, centre * 2
    candidates = (
        _decade_ticks(low, high),
        _mantissa_ticks(low, high, _NICE_STEPS),
        _mantissa_ticks(low, high, range(1, 10)),
        _linear_ticks(low, high),
    )
    readable = [(ticks, fill) for ticks in candidates if (fill := _fill(ticks, low, high))]
    for ticks, fill in readable:
        if fill >= 0.4:
            return ticks
    return max(readable, key=lambda found: found[1], default=([low, high], 1.0))[0]


def _decade_ticks(low: float, high: float) -> list[float]:
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    if 10.0**first > low:  # a logarithm rounded across an integer
        first -= 1
    if 10.0**last < high:
        last += 1
    stride = max(1, math.ceil((last - first) / 5))
    count = math.ceil((last - first) / stride)
    return [10.0 ** (first + stride * i) for i in range(count + 1)]


def _mantissa_ticks(low: float, high: float, mantissas: Iterable[int]) -> list[float]:
    # A decade more on each side, for logarithms rounded across an integer.
    decades = range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 2)
    values = sorted(m * 10.0**e for e in decades for m in mantissas)
    first = max(v for v in values if v <= low)
    last = min(v for v in values if v >= high)
    return [v for v in values if first <= v <= last]


def _fill(ticks: Sequence[float], low: float, high: float) -> float | None:
    """The share of a log axis from the first of ``ticks`` to the last that ``[low,
    high]`` fills, or None unless the ticks cover it with three to eight positive labels
    an eighth of the axis apart."""
    if not 3 <= len(ticks) <= 8 or ticks[0] <= 0 or ticks[0] > low or ticks[-1] < high:
        return None
    axis = math.log10(ticks[-1] / ticks[0])
    if min(math.log10(b / a) for a, b in itertools.pairwise(ticks)) < _TICK_SHARE * axis:
        return None
    return math.log10(high / low) / axis


def _tick_labels(ticks: Sequence[float]) -> list[str]:
    """The shortest labels that name each tick exactly (up to rounding error): the same
    number of decimals for all, trailing zeros dropped, so no two labels are alike.

    >>> _tick_labels([-0.2, -0.15000000000000002, -0.1, -0.05, 0.0])
    ['-0.2', '-0.15', '-0.1', '-0.05', '0']
    >>> _tick_labels([1e3, 1e4, 1e5]), _tick_labels([9e-3, 1.02e4])
    (['1000', '1e4', '1e5'], ['9e-3', '1.02e4'])
    """
    for digits in range(17):
        labels = [_tick_text(t, digits) for t in ticks]
        # Each within a millionth of its tick: ticks are further apart than that.
        if all(abs(float(s) - t) <= 1e-6 * abs(t) for s, t in zip(labels, ticks, strict=True)):
            return labels
    return [repr(t) for t in ticks]


def _tick_text(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals (of its mantissa when large or small), trailing
    zeros dropped."""
    if value == 0:
        return "0"
    if 1e-2 <= abs(value) < 1e4:
        return _without_trailing_zeros(f"{value:.{digits}f}")
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{_without_trailing_zeros(mantissa)}e{int(exponent)}"


def _without_trailing_zeros(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number


def _text_width(text: str) -> float:
    """The width in pixels of ``text`` at the charts' 11px sans-serif, a little over."""
    return 6.5 * len(text)


def _chart(
    series: Sequence[_Series],
    *,
    log_y: bool,
    y_label: str,
    unit: str = "",
    width: int = _WIDTH,
    height: int = _COST_HEIGHT,
) -> str:
    """An SVG line chart: log x; log or linear y, from its first tick to its last; each
    side its own line and marker, censored points as open triangles; a note for curves
    that overlap. ``unit`` names the differences of a linear y in those notes."""
    points = [(x, y) for s in series for x, y in _drawn(s, log_y)]
    if not points:
        return '<p class="note">No measured point.</p>'
    left, right, top, bottom = _MARGINS
    xs_all, ys_all = [p[0] for p in points], [p[1] for p in points]
    x0, x1 = math.log10(min(xs_all)), math.log10(max(xs_all))
    x1 = x1 + 1e-9 if x1 == x0 else x1
    if log_y:
        y_ticks = _log_ticks(min(ys_all), max(ys_all))
        y0, y1 = math.log10(y_ticks[0]), math.log10(y_ticks[-1])
    else:  # the gap chart: zero, where the sign changes, is always on the axis
        low, high = min(min(ys_all), 0.0), max(max(ys_all), 0.0)
        pad = max(0.0, _MIN_GAP_SPAN - (high - low)) / 2
        y_ticks = _linear_ticks(low - pad, high + pad)
        y0, y1 = y_ticks[0], y_ticks[-1]
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
    for t, text in zip(y_ticks, _tick_labels(y_ticks), strict=True):
        y = py(t)
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
            f"{text}</text>"
        )
    last_x, last_half = -1e9, 0.0
    # Every size, skipping labels that would overlap, set low enough to clear the
    # lowest y label, which sits on the bottom edge.
    for t in sorted(set(xs_all)):
        x, half = px(t), _text_width(f"{t:g}") / 2
        if x - last_x < last_half + half + 6:
            continue
        last_x, last_half = x, half
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="11" '
            f'text-anchor="middle">{t:g}</text>'
        )
    out.append(
        f'<text x="{left + plot_w / 2}" y="{height - 4}" font-size="11" '
        'text-anchor="middle">instance size n</text>'
        f'<text x="12" y="{top + plot_h / 2}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + plot_h / 2})">{_e(y_label)}</text>'
    )
    underlays: list[str] = []
    lines: list[str] = []
    markers: list[str] = []
    legend: list[str] = []
    key_x = left + plot_w + 8
    for i, s in enumerate(series):
        kept = _drawn(s, log_y)
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in kept)
        stroke = _STROKES[s.style]
        polyline = f'<polyline points="{path}" fill="none" stroke="{s.colour}"{stroke}/>'
        # Theory bands and the zero rule go beneath every measured line: a measured
        # curve that follows them runs over them instead of hiding them.
        (underlays if s.style in _UNDERLAYS else lines).append(polyline)
        censored = dict(zip(s.xs, s.censored, strict=True)) if s.censored else {}
        for x, y in kept if s.style not in _UNDERLAYS else ():
            mark = _censored_marker if censored.get(x) else _marker
            markers.append(mark(s.style, s.colour, px(x), py(y)))
        ly = top + 12 + 16 * i
        shown = s.label if len(s.label) <= _LEGEND_CHARS else s.label[: _LEGEND_CHARS - 1] + "…"
        legend.append(
            f'<line x1="{key_x}" x2="{key_x + 22}" y1="{ly - 4}" y2="{ly - 4}" '
            f'stroke="{s.colour}"{stroke}/>'
            + ("" if s.style in _UNDERLAYS else _marker(s.style, s.colour, key_x + 11, ly - 4))
            + f'<text x="{key_x + 30}" y="{ly}" font-size="11">{_e(shown)}'
            f"<title>{_e(s.label)}</title></text>"
        )
    note_y = top + 16 * len(series) + 16
    for note in _overlaps(series, py, log_y=log_y, unit=unit):
        lines_of_note = textwrap.wrap(note, _LEGEND_CHARS + 4)
        legend.append(
            f'<text class="note" y="{note_y}" font-size="10" fill="#555">'
            + "".join(
                f'<tspan x="{key_x}" dy="{0 if j == 0 else 13}">{_e(line)}</tspan>'
                for j, line in enumerate(lines_of_note)
            )
            + "</text>"
        )
        note_y += 13 * len(lines_of_note)
    # Markers above every line, so no line crosses out a point of another side.
    out += underlays + lines + markers + legend
    out.append("</svg>")
    return "".join(out)


def _drawn(series: _Series, log_y: bool) -> list[tuple[float, float]]:
    """The points of ``series`` a chart can place: a positive size, and a positive cost
    on a log axis."""
    return [
        (x, y) for x, y in zip(series.xs, series.ys, strict=True) if x > 0 and (y > 0 or not log_y)
    ]


def _marker(style: str, colour: str, x: float, y: float) -> str:
    """A measured point: a filled circle (solid), an open square (dashed) or an open
    diamond (dotdash). Open markers leave a coincident point of another side visible
    inside them."""
    if style == "dashed":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="none" '
            f'stroke="{colour}" stroke-width="1.5"/>'
        )
    if style == "dotdash":
        return (
            f'<path d="M{x:.1f},{y - 6:.1f} l6,6 l-6,6 l-6,-6 z" fill="none" '
            f'stroke="{colour}" stroke-width="1.2"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'


def _censored_marker(style: str, colour: str, x: float, y: float) -> str:
    """A censored point (a lower bound): an open triangle, larger for each later side, so
    that two sides censored at one place both show."""
    size = _CENSORED_SIZES[style]
    return (
        f'<path d="M{x:.1f},{y - size:.1f} l{size:g},{1.6 * size:g} h{-2 * size:g} z" '
        f'fill="none" stroke="{colour}" stroke-width="1.5"><title>censored: at least this'
        "</title></path>"
    )


def _overlaps(
    series: Sequence[_Series], py: Callable[[float], float], *, log_y: bool, unit: str
) -> list[str]:
    """A note for each group of curves (besides theory bands) that lie within a marker's
    width of one another at every size they share, where the one drawn last would hide
    the others: how close they are, as a ratio on a log axis, in ``unit`` otherwise."""
    drawn = [s for s in series if s.style != "theory"]
    group_of = {i: frozenset([i]) for i in range(len(drawn))}
    for i, j in itertools.combinations(range(len(drawn)), 2):
        pairs = _shared_points(drawn[i], drawn[j], log_y)
        if pairs and all(abs(py(y) - py(z)) < _MARKER_PX for y, z in pairs):
            merged = group_of[i] | group_of[j]
            group_of.update(dict.fromkeys(merged, merged))
    notes = []
    for group in sorted({g for g in group_of.values() if len(g) > 1}, key=min):
        members = [drawn[i] for i in sorted(group)]
        shared = [_shared_points(a, b, log_y) for a, b in itertools.combinations(members, 2)]
        worst = max(_distance(pairs, log_y) for pairs in shared if pairs)
        if worst == 0:
            closeness = "exactly"
        elif log_y:
            percent = 100 * math.expm1(worst)
            closeness = f"within {percent:.0f}%" if percent >= 1 else f"within {percent:.1g}%"
        else:
            closeness = f"within {worst:.2g} {unit}".rstrip()
        names = [s.name or s.label for s in members]
        notes.append(f"{', '.join(names[:-1])} and {names[-1]} overlap {closeness}")
    return notes


def _shared_points(a: _Series, b: _Series, log_y: bool) -> list[tuple[float, float]]:
    """The values of ``a`` and ``b`` at each size both have a drawn point at."""
    theirs = dict(_drawn(b, log_y))
    return [(y, theirs[x]) for x, y in _drawn(a, log_y) if x in theirs]


def _distance(pairs: Sequence[tuple[float, float]], log_y: bool) -> float:
    """The largest difference of paired values: of their natural logs on a log axis."""
    if log_y:
        return max(abs(math.log(y / z)) for y, z in pairs)
    return max(abs(y - z) for y, z in pairs)


def _growth_text(side: Mapping[str, Any] | None) -> str:
    growth = None if side is None else side.get("growth")
    return "-" if not growth else str(growth.get("text") or growth.get("label"))


def _anchor(report: Mapping[str, Any]) -> str:
    return f"p-{report['family']}--{report['pairing']}".replace("/", "--")


def pairing_charts(report: Mapping[str, Any]) -> tuple[str, str]:
    """A pairing's two SVG charts: both cost curves (censored points as open triangles,
    the declared theory a pale band beneath each side), and the paired gap in bits
    beneath, over a dotted zero.

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
        sides.append(_Series(label, _COLOURS[role], xs, ys, censored, style, _LABELS[role]))
        theory = side.get("theory")
        curve = theory_curve(theory, xs, ys, [int(c) for c in censored])
        if curve is not None:
            sides.append(_Series(f"theory {theory}", _COLOURS[role], xs, curve, [], "theory"))
    unit = str(report.get("unit", ""))
    costs = _chart(sides, log_y=True, y_label="CPU seconds" if unit == "time" else unit)
    bits = sorted((float(n), float(b)) for n, b in (report.get("gap_bits") or {}).items())
    sizes = [n for n, _ in bits]
    gap = _chart(
        [
            _Series("gap (bits)", "#444", sizes, [b for _, b in bits], [], name="gap"),
            _Series("equal costs", "#888", sizes, [0.0] * len(sizes), [], "zero", "zero"),
        ]
        if bits
        else [],
        log_y=False,
        y_label="log2(C_gen / C_ver)",
        unit="bits",
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


def search_rows(search: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per candidate of a search's JSON form (``SearchResult.to_dict()``): its
    verdict, the gap against the best verifier (sign, both growths, bits at the largest
    size), the deciders and how each attack fared. The search's table in HTML and its
    DataFrame are both these rows.

    >>> from gaps.html import search_rows
    >>> rows = search_rows({"candidates": [{"name": "x", "kind": "factor", "mode": "blind",
    ...     "verdict": "refuted", "refuted_by": "rho", "best": "rho_then_decide",
    ...     "deciders": ["decide"], "attacks": [{"name": "rho", "success": 1.0,
    ...     "sign": "positive"}], "reports": {"rho_then_decide": {"sign": "positive",
    ...     "generate": {"growth": {"text": "n"}}, "verify": {"growth": {"label": "log"}}}}}]})
    >>> {k: rows[0][k] for k in ("candidate", "sign", "generate", "verify")}
    {'candidate': 'x', 'sign': 'positive', 'generate': 'n', 'verify': 'log'}
    >>> rows[0]["attacks"]
    ['rho: 100% found; with the decider positive']
    """
    rows = []
    for c in search.get("candidates") or []:
        best = c.get("best")
        report = (c.get("reports") or {}).get(best) or {}
        rows.append(
            {
                "candidate": str(c.get("name", "")),
                "domain": c.get("domain"),
                "kind": c.get("kind"),
                "mode": c.get("mode"),
                "verdict": c.get("verdict"),
                "refuted_by": c.get("refuted_by"),
                "best": best,
                "sign": report.get("sign"),
                "generate": _growth_or_none(report.get("generate")),
                "verify": _growth_or_none(report.get("verify")),
                "strength": c.get("strength"),
                "gap_bits": c.get("gap_bits"),
                "before": c.get("before"),
                "deciders": [str(d) for d in c.get("deciders") or []],
                "attacks": [_attack_text(a) for a in c.get("attacks") or []],
            }
        )
    return rows


def _growth_or_none(side: Mapping[str, Any] | None) -> str | None:
    text = _growth_text(side)
    return None if text == "-" else text


def _attack_text(attack: Mapping[str, Any]) -> str:
    """How often the attack found a witness at the largest sizes, and the sign of
    "attack, then the decider"."""
    success = attack.get("success")
    rate = "-" if success is None else f"{float(success):.0%}"
    return f"{attack.get('name', '')}: {rate} found; with the decider {attack.get('sign') or '-'}"


def search_html(search: Mapping[str, Any]) -> str:
    """The search's part of a report: how common negative gaps are, every candidate's
    verdict and evidence (the rows of :func:`search_rows`), then each
    candidate's pairings with their curves, folded.

    ``search`` is ``SearchResult.to_dict()`` (what ``gaps search --json`` prints).

    >>> from gaps.html import search_html
    >>> html = search_html({"seed": 0, "candidates": [{"name": "x<y", "domain": "graphs",
    ...     "mode": "blind", "verdict": "refuted", "refuted_by": "degrees"}],
    ...     "common": [{"by": "domain", "group": "graphs", "candidates": 1,
    ...                 "negative_before": 1, "negative_after": 0}]})
    >>> "x&lt;y" in html and "x<y" not in html and "100% → 0%" in html
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
    candidates = search.get("candidates") or []
    rows = []
    for i, row in enumerate(search_rows(search)):
        verdict = str(row["verdict"] or "")
        attacks = "".join(f"<li>{_e(a)}</li>" for a in row["attacks"])
        rows.append(
            f'<tr data-verdict="{_e(verdict)}">'
            f'<td><a href="#candidate-{i}">{_e(row["candidate"])}</a></td>'
            f"<td>{_e(row['domain'] or '-')}</td><td>{_e(row['kind'] or '-')}</td>"
            f"<td>{_e(row['mode'] or '-')}</td>"
            f'<td class="sign" style="color:{_VERDICT_COLOURS.get(verdict, "#222")}">'
            f"{_e(verdict)}</td><td>{_e(row['refuted_by'] or '-')}</td>"
            f'<td data-sort="{"" if row["gap_bits"] is None else float(row["gap_bits"])}">'
            f"{_evidence(row)}</td><td>{_e(', '.join(row['deciders']) or '-')}</td>"
            f"<td>{f'<ul>{attacks}</ul>' if attacks else '-'}</td></tr>"
        )
    columns = ["candidate", "domain", "kind", "mode", "verdict", "refuted by"]
    columns += ["gap against the best verifier", "deciders", "attacks"]
    head = "".join(f"<th>{c}</th>" for c in columns)
    folded = "".join(
        f'<details id="candidate-{i}"><summary>{_e(c.get("name", ""))}: '
        f"{_e(c.get('verdict', ''))}</summary>"
        + "".join(pairing_html(r) for r in (c.get("reports") or {}).values())
        + "</details>"
        for i, c in enumerate(candidates)
        if c.get("reports")
    )
    return (
        f'<section id="search"><h2>Search (seed {_e(search.get("seed", "-"))})</h2>'
        "<h3>How common are negative gaps?</h3><p>Candidates with a negative gap against "
        "their own decider (before attacks), and those that survive every attack (after).</p>"
        "<table><thead><tr><th>by</th><th>group</th><th>candidates</th>"
        "<th>negative before</th><th>after attacks</th><th>share</th></tr></thead>"
        f"<tbody>{''.join(common)}</tbody></table>"
        f"<h3>Candidates</h3><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        + (f"<h3>Each candidate's pairings</h3>{folded}" if folded else "")
        + "</section>"
    )


def _evidence(row: Mapping[str, Any]) -> str:
    """The gap cell: the sign against the best verifier, both growths, the bits."""
    if not row["best"]:
        return "-"
    sign = str(row["sign"] or "-")
    parts = [
        f'<span class="sign" style="color:{_SIGN_COLOURS.get(sign, "#222")}">{_e(sign)}</span>'
        f" against {_e(row['best'])}"
    ]
    if row["generate"] or row["verify"]:
        parts.append(
            f"generate <code>{_e(row['generate'] or '-')}</code>, "
            f"verify <code>{_e(row['verify'] or '-')}</code>"
        )
    detail = [str(row["strength"])] if row["strength"] else []
    if row["gap_bits"] is not None:
        detail.append(f"{float(row['gap_bits']):+.1f} bits")
    if row["before"]:
        detail.append(f"own decider: {row['before']}")
    if detail:
        parts.append(_e("; ".join(detail)))
    return "<br>".join(parts)


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
            f'<td><a href="#{_e(_anchor(r))}">{_breakable(r["family"])}</a></td>'
            f"<td>{_e(domain)}</td><td>{_breakable(r['pairing'])}</td>"
            f'<td class="word">{_e(r.get("mode", ""))}</td>'
            f'<td class="word">{_e(r.get("unit", ""))}</td>'
            f"<td><code>{_e(_growth_text(r.get('generate')))}</code></td>"
            f"<td><code>{_e(_growth_text(r.get('verify')))}</code></td>"
            f'<td class="sign word" style="color:{_SIGN_COLOURS.get(sign, "#222")}">{_e(sign)}</td>'
            f'<td class="word">{_e(r.get("theory_sign") or "-")}</td>'
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
        "open triangles on the plots are censored points (lower bounds), and a note beside "
        "a plot's key names the curves that overlap.</p>"
        f'<div class="filters">{filters}</div>'
        f'<table id="gaps"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        + (f"<h2>Disagreements and failures</h2><ul>{note_items}</ul>" if note_items else "")
        + (search_html(search) if search else "")
        + (proofs_html(proofs) if proofs else "")
        + "<h2>Pairings</h2>"
        + "".join(pairing_html(r) for r in reports)
        + f"<script>{_SCRIPT}</script></body></html>\n"
    )

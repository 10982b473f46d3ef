"""SVG line charts for the report: log x, log or linear y, a key and notes beside.

Each axis runs between round ticks that label it whatever the data's range; each
series has its own line and marker, so that one lying on another still shows, and a
note beside the key names the curves that overlap.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import NamedTuple

__all__ = [
    "COST_HEIGHT",
    "GAP_HEIGHT",
    "MARGINS",
    "WIDTH",
    "Series",
    "chart",
    "linear_ticks",
    "log_ticks",
    "tick_labels",
]


class Series(NamedTuple):
    """One curve of a chart: its points, which of them are censored, and how it is drawn.

    ``style`` is "solid", "dashed" or "dotdash" for a measured curve (with markers),
    "theory" for a pale band or "zero" for a dotted rule (beneath, without markers).
    """

    label: str  # its legend entry
    colour: str
    xs: list[float]
    ys: list[float]
    censored: list[bool]
    style: str = "solid"
    name: str = ""  # what notes call it; the label when empty


# Chart sizes in pixels: the cost chart, and the gap chart drawn beneath it; the plot's
# margins (left, right, top, bottom), the right one holding the key and the notes.
WIDTH, COST_HEIGHT, GAP_HEIGHT = 600, 220, 160
MARGINS = (72, 220, 10, 36)

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


def linear_ticks(low: float, high: float) -> list[float]:
    """Three to six evenly spaced round values (steps of 1, 2 or 5 times a power of ten)
    from one at or below ``low`` to one at or above ``high``.

    >>> linear_ticks(-0.17, 0.0)
    [-0.2, -0.15000000000000002, -0.1, -0.05, 0.0]
    >>> linear_ticks(0.0, 0.0)
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


def log_ticks(low: float, high: float) -> list[float]:
    """Round values for a log axis from one at or below ``low`` to one at or above
    ``high`` (both positive), three to eight of them: powers of ten across decades;
    within a decade or two, 1, 2 and 5 (or 1 to 9) times them; across less than a
    factor of two, evenly spaced round values. The first of these around which the data
    fills 40% of the axis, else the one it fills most.

    >>> log_ticks(20, 3e5)
    [10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0]
    >>> log_ticks(3, 8), log_ticks(1000, 1200)
    ([2.0, 5.0, 10.0], [1000.0, 1050.0, 1100.0, 1150.0, 1200.0])
    """
    if high - low < 0.1 * high:  # a flat curve: a factor of two either side
        centre = 10 ** (math.log10(low) / 2 + math.log10(high) / 2)
        low, high = centre / 2, centre * 2
    candidates = (
        _decade_ticks(low, high),
        _mantissa_ticks(low, high, _NICE_STEPS),
        _mantissa_ticks(low, high, range(1, 10)),
        linear_ticks(low, high),
    )
    readable = [(t, fill) for t in candidates if (fill := _fill(t, low, high)) is not None]
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


def tick_labels(ticks: Sequence[float]) -> list[str]:
    """The shortest labels that name each tick exactly (up to rounding error): the same
    number of decimals for all, trailing zeros dropped, so no two labels are alike.

    >>> tick_labels([-0.2, -0.15000000000000002, -0.1, -0.05, 0.0])
    ['-0.2', '-0.15', '-0.1', '-0.05', '0']
    >>> tick_labels([1e3, 1e4, 1e5]), tick_labels([9e-3, 1.02e4])
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


def chart(
    series: Sequence[Series],
    *,
    log_y: bool,
    y_label: str,
    unit: str = "",
    width: int = WIDTH,
    height: int = COST_HEIGHT,
) -> str:
    """An SVG line chart: log x; log or linear y, from its first tick to its last; each
    side its own line and marker, censored points as open triangles; a note for curves
    that overlap. ``unit`` names the differences of a linear y in those notes.

    >>> svg = chart([Series("cost", "#000", [8.0, 16.0], [3.0, 9.0], [False, True])],
    ...             log_y=True, y_label="steps")
    >>> svg.startswith("<svg") and svg.count("censored: at least this") == 1
    True
    """
    points = [(x, y) for s in series for x, y in _drawn(s, log_y)]
    if not points:
        return '<p class="note">No measured point.</p>'
    left, right, top, bottom = MARGINS
    xs_all, ys_all = [p[0] for p in points], [p[1] for p in points]
    x0, x1 = math.log10(min(xs_all)), math.log10(max(xs_all))
    x1 = x1 + 1e-9 if x1 == x0 else x1
    if log_y:
        y_ticks = log_ticks(min(ys_all), max(ys_all))
        y0, y1 = math.log10(y_ticks[0]), math.log10(y_ticks[-1])
    else:  # the gap chart: zero, where the sign changes, is always on the axis
        low, high = min(min(ys_all), 0.0), max(max(ys_all), 0.0)
        pad = max(0.0, _MIN_GAP_SPAN - (high - low)) / 2
        y_ticks = linear_ticks(low - pad, high + pad)
        y0, y1 = y_ticks[0], y_ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(x: float) -> float:
        return left + (math.log10(x) - x0) / (x1 - x0) * plot_w

    def py(y: float) -> float:
        v = math.log10(y) if log_y else y
        return top + (1 - (v - y0) / (y1 - y0)) * plot_h

    out = [
        f'<svg width="{width}" height="{height}" role="img" aria-label="{escape(y_label)}">',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#999"/>',
    ]
    for t, text in zip(y_ticks, tick_labels(y_ticks), strict=True):
        y = py(t)
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
            f"{text}</text>"
        )
    out += _size_labels(xs_all, px, top + plot_h + 16)
    out.append(
        f'<text x="{left + plot_w / 2}" y="{height - 4}" font-size="11" '
        'text-anchor="middle">instance size n</text>'
        f'<text x="12" y="{top + plot_h / 2}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + plot_h / 2})">{escape(y_label)}</text>'
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
            + f'<text x="{key_x + 30}" y="{ly}" font-size="11">{escape(shown)}'
            f"<title>{escape(s.label)}</title></text>"
        )
    notes = _overlaps(series, py, log_y=log_y, unit=unit)
    legend.append(_notes(notes, key_x, top + 16 * len(series) + 16))
    # Markers above every line, so no line crosses out a point of another side.
    out += underlays + lines + markers + legend
    out.append("</svg>")
    return "".join(out)


def _size_labels(sizes: Sequence[float], px: Callable[[float], float], y: float) -> list[str]:
    """A label under each size, skipping those that would overlap the one before (``y``
    is set low enough to clear the lowest y label, which sits on the bottom edge)."""
    labels: list[str] = []
    last_x, last_half = -1e9, 0.0
    for t in sorted(set(sizes)):
        x, half = px(t), _text_width(f"{t:g}") / 2
        if x - last_x < last_half + half + 6:
            continue
        last_x, last_half = x, half
        labels.append(f'<text x="{x:.1f}" y="{y}" font-size="11" text-anchor="middle">{t:g}</text>')
    return labels


def _notes(notes: Sequence[str], x: float, y: float) -> str:
    """``notes`` from ``(x, y)`` down, each one text wrapped to the key's width."""
    out = []
    for note in notes:
        lines = textwrap.wrap(note, _LEGEND_CHARS + 4)
        out.append(
            f'<text class="note" y="{y}" font-size="10" fill="#555">'
            + "".join(
                f'<tspan x="{x}" dy="{0 if j == 0 else 13}">{escape(line)}</tspan>'
                for j, line in enumerate(lines)
            )
            + "</text>"
        )
        y += 13 * len(lines)
    return "".join(out)


def _drawn(series: Series, log_y: bool) -> list[tuple[float, float]]:
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
    series: Sequence[Series], py: Callable[[float], float], *, log_y: bool, unit: str
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


def _shared_points(a: Series, b: Series, log_y: bool) -> list[tuple[float, float]]:
    """The values of ``a`` and ``b`` at each size both have a drawn point at."""
    theirs = dict(_drawn(b, log_y))
    return [(y, theirs[x]) for x, y in _drawn(a, log_y) if x in theirs]


def _distance(pairs: Sequence[tuple[float, float]], log_y: bool) -> float:
    """The largest difference of paired values: of their natural logs on a log axis."""
    if log_y:
        return max(abs(math.log(y / z)) for y, z in pairs)
    return max(abs(y - z) for y, z in pairs)

"""Tables (rich) and plots (matplotlib) of gap reports; loaded only when drawn.

Like :mod:`gaps.html`, everything here reads the JSON form of a report
(``GapReport.to_dict()``, or a report in the ``survey.json`` that ``gaps survey``
writes), so a saved survey draws as a fresh one does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "Table",
    "format_cost",
    "markdown_text",
    "report_plot",
    "report_table",
    "survey_markdown",
    "survey_table",
]

_SIGN_STYLE = {
    "positive": "green",
    "negative": "red",
    "neutral": "yellow",
    "inconclusive": "dim",
    "unsound": "bold magenta",
    "unmeasurable": "bold red",
}

# Each side its colour, marker and line style, so a curve lying on another still shows.
_SIDES = (
    ("generate", "generate", "C0", "o", "-"),
    ("verify", "verify", "C1", "s", "--"),
    ("verify_corrupt", "verify corruption", "C2", "D", ":"),
)


class Table:
    """A table that prints as plain text and keeps its colours in a rich console.

    ``print(table)`` and ``str(table)`` give the text (no terminal codes), the REPL
    shows the same, and ``rich.print(table)`` draws the coloured original (``.rich``).

    >>> from rich.table import Table as RichTable
    >>> t = RichTable(title="demo")
    >>> t.add_column("n")
    >>> t.add_row("8")
    >>> "demo" in str(Table(t)) and "8" in repr(Table(t))
    True
    """

    def __init__(self, rich_table: Any) -> None:
        self.rich = rich_table

    def __rich__(self) -> Any:
        return self.rich

    def __str__(self) -> str:
        import io

        from rich.console import Console

        out = io.StringIO()
        Console(file=out, width=200, color_system=None, force_terminal=False).print(self.rich)
        return "\n".join(line.rstrip() for line in out.getvalue().splitlines())

    def __repr__(self) -> str:
        return str(self)


def format_cost(value: float | None, unit: str) -> str:
    """A cost for people: seconds with SI prefixes, counts with thousands separators.

    >>> format_cost(0.00042, "time"), format_cost(123456, "steps")
    ('420µs', '123,456')
    """
    if value is None:
        return "-"
    if unit == "time":
        for scale, suffix in ((1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")):
            if value >= scale or suffix == "ns":
                return f"{value / scale:.3g}{suffix}"
    if unit == "memory":
        return f"{value / 2**20:.3g}MiB"
    return f"{value:,.0f}"


def _growth(side: Mapping[str, Any] | None, summary: bool = False) -> str:
    """The selected growth's text; with ``summary``, every growth the sizes cannot
    separate from it (``n .. n*log(n); not separable at these sizes``)."""
    growth = None if side is None else side.get("growth")
    if not growth:
        return "-"
    return str((summary and growth.get("summary")) or growth.get("text") or growth["label"])


def _with_theory(side: Mapping[str, Any]) -> str:
    """The fitted growth, and below it the declared one, marked when they disagree."""
    if side.get("theory") is None:
        return _growth(side)
    agrees = side.get("agrees")
    mark = "" if agrees is None else (" ✓" if agrees else " ✗")
    return f"{_growth(side, summary=True)}\n[dim]theory {side['theory']}{mark}[/]"


def _sides(report: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    return [(role, report[role]) for role, *_ in _SIDES if report.get(role)]


def _gap_bits(report: Mapping[str, Any]) -> dict[int, float]:
    return {int(n): float(b) for n, b in (report.get("gap_bits") or {}).items()}


def report_table(report: Mapping[str, Any]) -> Any:
    """Both sides' median costs per size, with censored counts and the gap in bits."""
    from rich.table import Table as RichTable

    sign, unit = str(report["sign"]), str(report["unit"])
    theory = report.get("theory_sign")
    table = RichTable(
        title=f"{report['family']} · {report['pairing']} ({report['mode']}) · cost in {unit}",
        caption=f"sign: [{_SIGN_STYLE.get(sign, '')}]{sign}[/]{_on_parsimony(report)} "
        f"(confidence {float(report.get('confidence') or 0):.0%})"
        + (f", theory: {theory}" if theory else ""),
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("n", justify="right")
    labels = {role: label for role, label, *_ in _SIDES}
    sides = _sides(report)
    for role, side in sides:
        table.add_column(f"{labels[role]} ~ {_growth(side)}", justify="right")
    table.add_column("gap (bits)", justify="right")
    gap = _gap_bits(report)
    for n in sorted({int(n) for _, side in sides for n in side["sizes"]}):
        cells = [str(n), *(_cell(side, n, unit) for _, side in sides)]
        cells.append("-" if n not in gap else f"{gap[n]:+.1f}")
        table.add_row(*cells)
    return table


def _cell(side: Mapping[str, Any], n: int, unit: str) -> str:
    if n not in side["sizes"]:
        return "-"
    i = side["sizes"].index(n)
    text = format_cost(side["median"][i], unit)
    censored = side["censored"][i]
    if censored:
        count = side.get("count")
        of = f"/{count[i]}" if count else ""
        text = f"≥{text} ({censored}{of} censored)"
    return text


def size_ticks(sizes: Sequence[float], *, labels: int = 10) -> list[float]:
    """The sizes to label on a log axis: at most about ``labels`` of them, each at
    least a ``labels``-th of the axis from the last, so no two labels overlap; the
    smallest and the largest size are always labelled.

    >>> size_ticks([8, 9, 10, 11, 12, 16, 32, 64, 128, 256, 512, 1024])
    [8, 16, 32, 64, 128, 256, 512, 1024]
    >>> size_ticks([12, 16, 20, 24])
    [12, 16, 20, 24]
    """
    ordered = sorted(set(sizes))
    if not ordered:
        return []
    ratio = (ordered[-1] / ordered[0]) ** (1 / labels) * (1 - 1e-9)
    ticks = [ordered[0]]
    for n in ordered[1:]:
        if n >= ticks[-1] * ratio:
            ticks.append(n)
    if ticks[-1] != ordered[-1]:
        # The largest size takes the place of the label too close to it.
        ticks[-1 if len(ticks) > 1 else 1 :] = [ordered[-1]]
    return ticks


def report_plot(report: Mapping[str, Any], path: str | None = None) -> Any:
    """Both sides' costs against size on log axes, the declared theory as a pale band
    beneath each (scaled to the measured points), censored points as open ▲ (lower bounds), and the
    paired gap curve in bits beneath."""
    import matplotlib

    if path is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

    from gaps.symbolic import theory_curve

    fig, (ax, gap_ax) = plt.subplots(
        2, 1, figsize=(6.4, 5.6), sharex=True, gridspec_kw={"height_ratios": [3, 1.2]}
    )
    unit = str(report["unit"])
    styles = {role: (label, colour, marker, line) for role, label, colour, marker, line in _SIDES}
    sizes: list[float] = []
    for role, side in _sides(report):
        label, colour, marker, line = styles[role]
        ns, median = side["sizes"], side["median"]
        if not ns:
            continue
        sizes += ns
        censored = side["censored"]
        ax.plot(ns, median, line, color=colour, lw=1.6, label=f"{label} ~ {_growth(side)}")
        low, high = side.get("low"), side.get("high")
        if low and high:
            ax.fill_between(ns, low, high, color=colour, alpha=0.12, lw=0)
        exact = [(n, m) for n, m, c in zip(ns, median, censored, strict=True) if not c]
        cut = [(n, m) for n, m, c in zip(ns, median, censored, strict=True) if c]
        if exact:
            # The corruption side's markers are open: it often lies on the honest side.
            fill = "white" if role == "verify_corrupt" else colour
            ax.plot(*zip(*exact, strict=True), marker, color=colour, mfc=fill, ms=5, zorder=3)
        if cut:
            ax.plot(*zip(*cut, strict=True), "^", mfc="white", mec=colour, ms=9, zorder=4)
        curve = theory_curve(side.get("theory"), ns, median, censored)
        if curve is not None:
            # A pale band beneath the measured line: a dotted theory vanished under a
            # curve that followed it.
            ax.plot(
                ns,
                curve,
                "-",
                color=colour,
                lw=7,
                alpha=0.2,
                solid_capstyle="round",
                zorder=1,
                label=f"theory {side['theory']}",
            )
    if any(c for _, side in _sides(report) for c in side["censored"]):
        ax.plot([], [], "^", mfc="white", mec="0.3", ms=9, label="censored (at least)")
    ax.set_yscale("log")
    ax.set_ylabel(f"cost ({'CPU seconds' if unit == 'time' else unit})")
    ax.set_title(f"{report['family']}: {report['pairing']} — {report['sign']}", fontsize="medium")
    ax.legend(fontsize="small", loc="upper left", frameon=False)
    ax.grid(True, which="major", alpha=0.3)

    gap = _gap_bits(report)
    if gap:
        ns_gap = sorted(gap)
        gap_ax.plot(ns_gap, [gap[n] for n in ns_gap], "o-", color="0.25", ms=4)
    gap_ax.axhline(0, color="0.6", lw=0.8)
    gap_ax.set_ylabel("gap (bits)")
    gap_ax.set_xlabel("instance size n")
    gap_ax.grid(True, alpha=0.3)
    gap_ax.set_xscale("log")
    # Label the measured sizes only, thinned so labels never overlap; matplotlib's own
    # minor labels on a short log range do.
    ticks = size_ticks(sizes or list(gap))
    gap_ax.xaxis.set_major_locator(FixedLocator(ticks))
    gap_ax.xaxis.set_minor_locator(NullLocator())
    gap_ax.set_xticklabels([f"{t:g}" for t in ticks])
    ax.xaxis.set_minor_formatter(NullFormatter())
    fig.align_ylabels([ax, gap_ax])
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=120)
        plt.close(fig)
    return fig


def survey_table(
    reports: Sequence[Mapping[str, Any]],
    checked: Mapping[tuple[str, str], str] | None = None,
    best: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
) -> Table:
    """One row per pairing: fitted growths, measured and declared sign.

    ``checked`` maps (family, pairing) to whether its verifier is proved, tested only
    or unchecked; ``best`` to the best verifier of the same relation (a survey's
    ``to_dict()["best"]`` entries). Each is a column when given."""
    from rich.table import Table as RichTable

    table = RichTable(title="generator–verifier gaps")
    columns: tuple[str, ...] = ("family", "pairing", "mode", "unit", "generate", "verify")
    columns += ("sign", "theory", "gap", "not best known")
    extra = (*(("verifier",) if checked is not None else ()),)
    extra += ("vs best verifier",) if best is not None else ()
    for column in (*columns, *extra):
        table.add_column(column, justify="right" if column == "gap" else "left")
    for r in reports:
        agrees = r.get("agrees")
        mark = "" if agrees is None else (" ✓" if agrees else " ✗")
        gap = _gap_bits(r)
        top = max(gap) if gap else None
        sign = str(r["sign"])
        table.add_row(
            str(r["family"]),
            str(r["pairing"]),
            str(r["mode"]),
            str(r["unit"]),
            _with_theory(r["generate"]),
            _with_theory(r["verify"]),
            f"[{_SIGN_STYLE.get(sign, '')}]{sign}[/]{_on_parsimony(r)}",
            f"{r.get('theory_sign') or '-'}{mark}",
            _gap_cell(r, gap, top),
            str(r.get("not_best_known") or "-"),
            *(() if checked is None else (checked.get((r["family"], r["pairing"]), "-"),)),
            *(() if best is None else (_best(best, r),)),
        )
    return Table(table)


def _on_parsimony(report: Mapping[str, Any]) -> str:
    """A mark for a sign that rests on parsimony, the weaker basis of a neutral sign.

    >>> _on_parsimony({"sign": "neutral", "basis": "parsimony"}), _on_parsimony({"sign": "neutral"})
    (' (on parsimony)', '')
    """
    return " (on parsimony)" if report.get("basis") == "parsimony" else ""


def _best(best: Mapping[tuple[str, str], Mapping[str, Any]] | None, r: Mapping[str, Any]) -> str:
    b = (best or {}).get((r["family"], r["pairing"]))
    return "-" if b is None else f"{b['sign']} ({b['verifier']})"


def _gap_cell(report: Mapping[str, Any], gap: Mapping[int, float], top: int | None) -> str:
    """The largest size's gap, or for an unmeasurable pairing the error that stopped it."""
    reasons = report.get("reasons") or ()
    if report["sign"] == "unmeasurable" and reasons:
        return _shorten(str(reasons[-1]), 80)
    return "-" if top is None else f"{gap[top]:+.1f} bits @ n={top}"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _error(report: Mapping[str, Any]) -> str:
    reasons = report.get("reasons") or ()
    if report["sign"] != "unmeasurable" or not reasons:
        return ""
    return " (" + markdown_text(_shorten(str(reasons[-1]), 120)) + ")"


def survey_markdown(
    reports: Sequence[Mapping[str, Any]],
    notes: Sequence[str],
    header: str,
    best: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
) -> str:
    """The survey as a Markdown report: the gap table, then every disagreement explained."""
    lines = [header, ""]
    lines.append("| family | pairing | mode | unit | generate | verify | sign | theory | vs best |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for r in reports:
        agrees = r.get("agrees")
        mark = "" if agrees is None else (" ✓" if agrees else " ✗")
        gen, ver = r["generate"], r["verify"]
        lines.append(
            f"| {r['family']} | {r['pairing']} | {r['mode']} | {r['unit']} "
            f"| `{_growth(gen, summary=True)}` (theory `{gen.get('theory') or '-'}`) "
            f"| `{_growth(ver, summary=True)}` "
            f"(theory `{ver.get('theory') or '-'}`) | **{r['sign']}**{_on_parsimony(r)}{_error(r)} "
            f"| {r.get('theory_sign') or '-'}{mark} | {_best(best, r)} |"
        )
    weak = [r for r in reports if r.get("not_best_known")]
    if weak:
        lines += ["", "## Sides that are not the best known", ""]
        lines += [
            f"- {r['family']} {r['pairing']}: {markdown_text(str(r['not_best_known']))}"
            for r in weak
        ]
    if notes:
        lines += ["", "## Disagreements and failures", ""]
        lines += [f"- {markdown_text(note)}" for note in notes]
    return "\n".join(lines) + "\n"


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")


def markdown_text(text: str) -> str:
    """``text`` shown literally in Markdown: punctuation backslashed, HTML escaped.

    Messages quote user code and data (an exception's text, a repr), which must not
    become a table cell boundary, a link or a ``<script>``.

    >>> print(markdown_text("<script>|x*2"))
    &lt;script&gt;\\|x\\*2
    """
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return (
        escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")
    )

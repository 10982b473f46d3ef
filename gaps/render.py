"""Tables (rich) and plots (matplotlib) of gap reports; loaded only when drawn."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gaps.report import GapReport, SideReport

__all__ = [
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
}


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


def _growth(side: SideReport | None) -> str:
    if side is None or side.growth is None:
        return "-"
    return side.growth.text


def _with_theory(side: SideReport) -> str:
    """The fitted growth, and below it the declared one, marked when they disagree."""
    if side.theory is None:
        return _growth(side)
    mark = "" if side.agrees is None else (" ✓" if side.agrees else " ✗")
    return f"{_growth(side)}\n[dim]theory {side.theory}{mark}[/]"


def report_table(report: GapReport) -> Any:
    """Both sides' median costs per size, with censored counts and the gap in bits."""
    from rich.table import Table

    sign = report.sign
    table = Table(
        title=f"{report.family} · {report.pairing} ({report.mode}) · cost in {report.unit}",
        caption=f"sign: [{_SIGN_STYLE[sign]}]{sign}[/] (confidence {report.confidence:.0%})"
        + (f", theory: {report.theory_sign}" if report.theory_sign else ""),
    )
    table.add_column("n", justify="right")
    table.add_column(f"generate ~ {_growth(report.generate)}", justify="right")
    table.add_column(f"verify ~ {_growth(report.verify)}", justify="right")
    if report.verify_corrupt is not None:
        table.add_column(f"verify corrupt ~ {_growth(report.verify_corrupt)}", justify="right")
    table.add_column("gap (bits)", justify="right")
    sides = [report.generate, report.verify]
    if report.verify_corrupt is not None:
        sides.append(report.verify_corrupt)
    sizes = sorted({n for s in sides for n in s.sizes})
    for n in sizes:
        cells = [str(n)]
        for side in sides:
            cells.append(_cell(side, n, report.unit))
        gap = report.gap.get(n)
        cells.append("-" if gap is None else f"{gap:+.1f}")
        table.add_row(*cells)
    return table


def report_text(report: GapReport) -> str:
    """The table of :func:`report_table` as plain text: no colours, no terminal codes."""
    import io

    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=200, color_system=None, force_terminal=False).print(
        report_table(report)
    )
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines())


def _cell(side: SideReport, n: int, unit: str) -> str:
    if n not in side.sizes:
        return "-"
    i = side.sizes.index(n)
    text = format_cost(side.median[i], unit)
    if side.censored[i]:
        text = f"≥{text} ({side.censored[i]}/{side.count[i]} censored)"
    return text


def report_plot(report: GapReport, path: str | None = None) -> Any:
    """Both sides' costs against size on log axes; censored points drawn as ▲ (lower bounds)."""
    import matplotlib

    if path is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    sides = [("generate", report.generate, "C0"), ("verify", report.verify, "C1")]
    if report.verify_corrupt is not None:
        sides.append(("verify corruption", report.verify_corrupt, "C2"))
    for label, side, colour in sides:
        if not side.sizes:
            continue
        lows = [m - lo for m, lo in zip(side.median, side.low, strict=True)]
        highs = [hi - m for m, hi in zip(side.median, side.high, strict=True)]
        ax.errorbar(
            side.sizes,
            side.median,
            yerr=[lows, highs],
            marker="o",
            color=colour,
            capsize=3,
            label=f"{label} ~ {_growth(side)}",
        )
        censored = [
            (n, m) for n, m, c in zip(side.sizes, side.median, side.censored, strict=True) if c
        ]
        if censored:
            xs, ys = [n for n, _ in censored], [m for _, m in censored]
            ax.scatter(xs, ys, marker="^", s=80, color=colour, zorder=3)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("instance size n")
    ax.set_ylabel(f"cost ({'CPU seconds' if report.unit == 'time' else report.unit})")
    ax.set_title(f"{report.family}: {report.pairing} — {report.sign}")
    ax.legend(fontsize="small")
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=120)
        plt.close(fig)
    return fig


def survey_table(reports: Sequence[GapReport]) -> Any:
    """One row per pairing: fitted growths, measured and declared sign."""
    from rich.table import Table

    table = Table(title="generator–verifier gaps")
    for column in (
        "family",
        "pairing",
        "mode",
        "unit",
        "generate",
        "verify",
        "sign",
        "theory",
        "gap",
    ):
        table.add_column(column, justify="right" if column == "gap" else "left")
    for r in reports:
        agree = "" if r.agrees is None else (" ✓" if r.agrees else " ✗")
        top = max(r.gap) if r.gap else None
        table.add_row(
            r.family,
            r.pairing,
            r.mode,
            r.unit,
            _with_theory(r.generate),
            _with_theory(r.verify),
            f"[{_SIGN_STYLE[r.sign]}]{r.sign}[/]",
            f"{r.theory_sign or '-'}{agree}",
            "-" if top is None else f"{r.gap[top]:+.1f} bits @ n={top}",
        )
    return table


def survey_markdown(reports: Sequence[GapReport], notes: Sequence[str], header: str) -> str:
    """The survey as a Markdown report: the gap table, then every disagreement explained."""
    lines = [header, "", "| family | pairing | mode | unit | generate | verify | sign | theory |"]
    lines.append("|---|---|---|---|---|---|---|---|")
    for r in reports:
        mark = "" if r.agrees is None else (" ✓" if r.agrees else " ✗")
        lines.append(
            f"| {r.family} | {r.pairing} | {r.mode} | {r.unit} | `{_growth(r.generate)}` "
            f"(theory `{r.generate.theory or '-'}`) | `{_growth(r.verify)}` "
            f"(theory `{r.verify.theory or '-'}`) | **{r.sign}** | {r.theory_sign or '-'}{mark} |"
        )
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

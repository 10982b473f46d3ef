"""Self-contained HTML reports: the gap table and every pairing's cost curves.

A report is one file that opens offline: its style, its script (sorting and filtering
the table) and its plots (SVG drawn here) are inline, and nothing is fetched. Every
string that comes from a family (names, growths, reasons) is escaped, since families
may be anyone's code. The input is the JSON form of reports (``GapReport.to_dict()``,
or the ``survey.json`` that ``gaps survey`` writes), so a report can be rebuilt from a
saved survey without measuring again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from gaps._svg import COST_HEIGHT, GAP_HEIGHT, WIDTH, Series, chart

__all__ = [
    "pairing_charts",
    "pairing_figure",
    "pairing_html",
    "proofs_html",
    "search_html",
    "search_rows",
    "survey_html",
]


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

    sides: list[Series] = []
    for role in ("generate", "verify", "verify_corrupt"):
        side = report.get(role)
        if not side or not side.get("sizes"):
            continue
        xs = [float(n) for n in side["sizes"]]
        ys = [float(m) for m in side["median"]]
        censored = [bool(c) for c in side["censored"]]
        style = _STYLES[role]
        label = f"{_LABELS[role]} ~ {_growth_text(side)}"
        sides.append(Series(label, _COLOURS[role], xs, ys, censored, style, _LABELS[role]))
        theory = side.get("theory")
        curve = theory_curve(theory, xs, ys, [int(c) for c in censored])
        if curve is not None:
            sides.append(Series(f"theory {theory}", _COLOURS[role], xs, curve, [], "theory"))
    unit = str(report.get("unit", ""))
    costs = chart(sides, log_y=True, y_label="CPU seconds" if unit == "time" else unit)
    bits = sorted((float(n), float(b)) for n, b in (report.get("gap_bits") or {}).items())
    sizes = [n for n, _ in bits]
    gap = chart(
        [
            Series("gap (bits)", "#444", sizes, [b for _, b in bits], [], name="gap"),
            Series("equal costs", "#888", sizes, [0.0] * len(sizes), [], "zero", "zero"),
        ]
        if bits
        else [],
        log_y=False,
        y_label="log2(C_gen / C_ver)",
        unit="bits",
        height=GAP_HEIGHT,
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
    height = COST_HEIGHT + (GAP_HEIGHT if gap.startswith("<svg") else 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif">',
        f"<g>{costs}</g>",
    ]
    if gap.startswith("<svg"):
        parts.append(f'<g transform="translate(0,{COST_HEIGHT})">{gap}</g>')
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

"""The result of a search: one entry per candidate, the ranking, the "how common" table."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from gaps.report import GapReport
from gaps.search.verdict import AttackRecord

VERDICTS = ("survives", "refuted", "not negative", "inconclusive", "unsound")


@dataclass
class Entry:
    """The verdict on one candidate and the evidence behind it.

    ``verdict`` is one of "survives", "refuted", "not negative", "inconclusive",
    "unsound"; ``refuted_by`` names the refuting attack; ``best`` the cheapest sound
    verifier of the object alone; ``before`` the sign against the family's own decider;
    ``kind`` the candidate's relation kind (None without one).
    """

    name: str
    domain: str
    mode: str
    summary: str
    tags: tuple[str, ...]
    verdict: str
    refuted_by: str | None = None
    best: str | None = None
    before: str | None = None
    strength: str | None = None
    gap_bits: float | None = None
    deciders: list[str] = field(default_factory=list)
    attacks: list[AttackRecord] = field(default_factory=list)
    reports: dict[str, GapReport] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    weak_points: list[str] = field(default_factory=list)
    kind: str | None = None

    @property
    def naturalness(self) -> int:
        """Description length of the property, plus its parameters, less 2 if it is named.

        >>> Entry("x", "graphs", "blind", "hamiltonian & ~bipartite", ("named",), "survives"
        ...       ).naturalness
        2
        """
        words = len(re.findall(r"\w+|[&|~]", self.summary)) or len(self.name.split("_"))
        params = sum(int(t.split("=", 1)[1]) for t in self.tags if re.fullmatch(r"params=\d+", t))
        return words + params - (2 if "named" in self.tags else 0)

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON-ready data (reports by verifier, attacks by name)."""
        return {
            "name": self.name,
            "domain": self.domain,
            "kind": self.kind,
            "mode": self.mode,
            "summary": self.summary,
            "verdict": self.verdict,
            "refuted_by": self.refuted_by,
            "best": self.best,
            "before": self.before,
            "strength": self.strength,
            "gap_bits": self.gap_bits,
            "naturalness": self.naturalness,
            "deciders": self.deciders,
            "attacks": [asdict(a) for a in self.attacks],
            "reports": {name: r.to_dict() for name, r in self.reports.items()},
            "reasons": self.reasons,
            "weak_points": self.weak_points,
        }

    def __str__(self) -> str:
        head = f"{self.name} [{self.domain}, {self.mode}]: {self.verdict}"
        if self.refuted_by:
            head += f" by {self.refuted_by}"
        if self.strength:
            head += f" ({self.strength}"
            head += f", {self.gap_bits:+.1f} bits)" if self.gap_bits is not None else ")"
        lines = [head]
        if self.best:
            lines.append(f"  best verifier: {self.best}; own decider: {self.before}")
        for name, r in self.reports.items():
            gen = r.generate.growth.label if r.generate.growth else "?"
            ver = r.verify.growth.label if r.verify.growth else "?"
            lines.append(f"  {name}: {r.sign} (generate {gen}, verify {ver}, {r.unit})")
        lines += [f"  attack {a}" for a in self.attacks]
        lines += [f"  {reason}" for reason in self.reasons]
        lines += [f"  weak point: {w}" for w in self.weak_points]
        return "\n".join(lines)


class SearchResult(Mapping[str, Entry]):
    """Every candidate's :class:`Entry` by name, printed as the ranked report.

    >>> result = SearchResult([Entry("a", "graphs", "blind", "", (), "refuted", "dsatur")])
    >>> result["a"].refuted_by
    'dsatur'
    """

    def __init__(self, entries: list[Entry], seed: int = 0) -> None:
        self._entries = {e.name: e for e in entries}
        self.seed = seed

    def __getitem__(self, name: str) -> Entry:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def survivors(self) -> list[Entry]:
        """Survivors ranked: super-polynomial gaps first, then natural ones, then larger gaps."""
        found = [e for e in self._entries.values() if e.verdict == "survives"]
        return sorted(
            found,
            key=lambda e: (
                e.strength != "super-polynomial",
                e.naturalness,
                e.gap_bits if e.gap_bits is not None else 0.0,
                e.name,
            ),
        )

    def common(self) -> list[tuple[str, str, int, int, int]]:
        """(by, group, candidates, negative before attacks, negative after) per domain and mode.

        "Before" counts a negative sign against the family's own decider, "after" a
        candidate that survives every attack.
        """
        rows = []
        for by in ("domain", "mode"):
            groups: dict[str, list[Entry]] = {}
            for e in self._entries.values():
                groups.setdefault(getattr(e, by), []).append(e)
            for group, es in sorted(groups.items()):
                before = sum(e.before == "negative" for e in es)
                after = sum(e.verdict == "survives" for e in es)
                rows.append((by, group, len(es), before, after))
        return rows

    def to_dict(self) -> dict[str, Any]:
        """Every entry, the ranking and the "how common" table as JSON-ready data."""
        return {
            "seed": self.seed,
            "candidates": [e.to_dict() for e in self._entries.values()],
            "survivors": [e.name for e in self.survivors()],
            "common": [
                {"by": by, "group": g, "candidates": n, "negative_before": b, "negative_after": a}
                for by, g, n, b, a in self.common()
            ],
        }

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        """The search in a notebook: how common, every candidate's verdict and evidence,
        and each candidate's pairings with their curves (folded)."""
        from gaps.html import search_html

        return search_html(self.to_dict())

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per candidate: verdict, refuting attack, the gap
        against the best verifier (sign, both growths, bits), deciders and attacks.

        >>> result = SearchResult([Entry("a", "graphs", "blind", "", (), "refuted", "dsatur")])
        >>> result.to_frame()[["candidate", "verdict", "refuted_by"]]
          candidate  verdict refuted_by
        0         a  refuted     dsatur
        """
        from gaps.html import search_rows
        from gaps.report import _pandas

        return _pandas("SearchResult.to_frame").DataFrame(search_rows(self.to_dict()))

    def __str__(self) -> str:
        counts = {v: sum(e.verdict == v for e in self._entries.values()) for v in VERDICTS}
        unmeasured = sum(not e.reports and e.verdict == "inconclusive" for e in self.values())
        lines = [
            f"gaps search (seed {self.seed}): {len(self)} candidates, "
            + ", ".join(f"{n} {v}" for v, n in counts.items() if n)
            + (f" ({unmeasured} of them not measured within the budget)" if unmeasured else "")
        ]
        survivors = self.survivors()
        lines.append("")
        lines.append("Survivors, ranked" if survivors else "Survivors: none")
        lines += [str(e) for e in survivors]
        refuted = [e for e in self._entries.values() if e.verdict == "refuted"]
        if refuted:
            lines += ["", "Refuted"]
            lines += [f"  {e.name}: {e.reasons[0]}" for e in refuted]
        others = [e for e in self._entries.values() if e.verdict not in ("survives", "refuted")]
        if others:
            lines += ["", "Others"]
            lines += [f"  {e.name}: {e.verdict}: {'; '.join(e.reasons)}" for e in others]
        lines += ["", "How common (negative before attacks -> after)"]
        for by, group, total, before, after in self.common():
            lines.append(
                f"  {by:<6} {group:<14} {total:>4} candidates  "
                f"{before / total:>5.0%} -> {after / total:>5.0%}"
            )
        return "\n".join(lines)

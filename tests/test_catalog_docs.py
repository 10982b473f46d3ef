"""Each catalog family's module docstring reads as its documentation page.

A family module keeps the problem, why the gap has its sign, the costs, references
and one example. Figures measured on one machine or one seed, and stories of how the
module changed, go stale with the next change: measured figures belong in pages
generated from the store, reasons for past changes in commit messages.
"""

from __future__ import annotations

import inspect
import re

import pytest

import gaps

MAX_LINES = 40

# Each pattern names a kind of text that does not belong in a family's page.
FORBIDDEN = {
    "a seed-specific result": re.compile(r"\bseeds? \d|\bon seeds?\b|\bseed \d", re.I),
    "a run's layout": re.compile(r"\b\d+ instances(?: per size)?\b", re.I),
    "a wall-clock figure": re.compile(r"\b\d+(?:\.\d+)? ?(?:s|ms|µs)\b(?! ?=)"),
    "a pinned tool version": re.compile(r"(?<!§)\b\d+\.\d+\.\d+\b"),
    "a measurement report": re.compile(r"\bMeasured\b|\bwe measured\b"),
    "history": re.compile(
        r"\bused to\b|\bbefore,|\bno longer\b|\bearlier (?:version|code)\b"
        r"|\b(?:was|were) replaced\b|\bpreviously\b|\bformerly\b|\bnow\b|\b(?:was|were) once\b",
        re.I,
    ),
}

FAMILIES = gaps.catalog()


def problems_in(text: str) -> list[str]:
    """Name every way ``text`` falls short of a family page, one string each."""
    found = []
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        found.append(f"{len(lines)} lines, over {MAX_LINES}")
    for kind, pattern in FORBIDDEN.items():
        for number, line in enumerate(lines, 1):
            match = pattern.search(line)
            if match:
                found.append(f"{kind} on line {number}: {match.group(0)!r} in {line.strip()!r}")
    return found


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_family_docstring_is_a_page(family):
    module = inspect.getmodule(family.sample)
    assert module is not None and module.__doc__, f"{family.name} has no module docstring"
    found = problems_in(module.__doc__)
    assert not found, f"{module.__name__}'s docstring:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "text",
    [
        "Gap: negative on seeds 0, 1 and 2, confidence 0.72.",
        "z3 takes 134 s at n = 6.",
        "It used to skip the refutation.",
        "Before, the checker rebuilt the table.",
        "The warm time now decides.",
        "Sizes 340 to 480 were once skipped.",
        "With 3 instances per size the gap falls.",
        "CaDiCaL 1.9.5 counts propagations.",
        "\n".join(["line"] * (MAX_LINES + 1)),
    ],
)
def test_checker_flags_stale_text(text):
    assert problems_in(text) != []


def test_checker_passes_a_page():
    page = "Sorting: Θ(n log n) comparisons vs an Θ(n) check.\n\nReferences: Knuth 1998."
    assert problems_in(page) == []

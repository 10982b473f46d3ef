"""Fitted growths against declared theories: exact matches and unseparated sets."""

from __future__ import annotations

import pytest

from gaps.asymptotics import matches_theory
from gaps.growth import Candidate, Growth
from gaps.report import GapReport, SideReport
from gaps.survey import Survey


def unseparated(*candidates: Candidate) -> Growth:
    first = candidates[0]
    return Growth(first.label, first.param, 1.0, first.text, 0.6, None, plausible=candidates)


SEVEN = Candidate("polynomial", 7.0, (6.6, 7.3), "n**7")
SUBEXP = Candidate("subexponential", 0.5, (0.3, 0.7), "exp(1.3*n**0.5)")
LINEAR = Candidate("linear", 1.0, None, "n")
N_LOG_N = Candidate("linearithmic", None, None, "n*log(n)")


@pytest.mark.parametrize(
    ("growth", "theory", "agrees"),
    [
        (unseparated(SEVEN, SUBEXP), "exp(sqrt(n*log(n)))", True),
        (unseparated(SEVEN, SUBEXP), "n**7", True),
        (unseparated(SEVEN, SUBEXP), "n**3", False),
        (unseparated(LINEAR, N_LOG_N), "n", True),
        (unseparated(LINEAR, N_LOG_N), "n*log(n)", True),
        (unseparated(LINEAR, N_LOG_N), "n*sqrt(log(n))", True),
        (unseparated(LINEAR, N_LOG_N), "n**2", False),
        (unseparated(LINEAR, N_LOG_N), "log(n)", False),
        (Growth("polynomial", 7.0, 1.0, "n**7", 1.0, (6.9, 7.1)), "exp(sqrt(n*log(n)))", False),
        (Growth("linear", 1.0, 1.0, "n", 1.0, (0.95, 1.05)), "n*log(n)", False),
    ],
)
def test_a_theory_agrees_when_the_sizes_cannot_reject_it(growth, theory, agrees):
    assert matches_theory(growth, theory) is agrees


def side(role: str, growth: Growth, theory: str) -> SideReport:
    return SideReport(
        role,
        "steps",
        [8, 16, 32],
        [1.0, 2.0, 4.0],
        [1.0, 2.0, 4.0],
        [1.0, 2.0, 4.0],
        [0, 0, 0],
        [1, 1, 1],
        growth,
        theory,
        matches_theory(growth, theory),
    )


def test_survey_counts_unseparated_sides_apart_once_per_side_and_unit():
    exact = Growth("linear", 1.0, 1.0, "n", 1.0, None)
    both = unseparated(LINEAR, N_LOG_N)

    def report(pairing: str, verify: SideReport) -> GapReport:
        return GapReport(
            "fam",
            pairing,
            "witness",
            "steps",
            "positive",
            1.0,
            side("generate", both, "n*log(n)"),
            verify,
            None,
            {},
            None,
            "positive",
        )

    survey = Survey(
        reports=[
            report("gen/a", side("verify", exact, "n")),
            report("gen/b", side("verify", exact, "n**2")),
        ]
    )
    assert survey.side_agreement == {"agree": 1, "not_separable": 1, "disagree": 1}
    assert survey.to_dict()["side_agreement"] == survey.side_agreement
    growth = survey.to_dict()["reports"][0]["generate"]["growth"]
    assert growth["separable"] is False
    assert growth["summary"] == "n .. n*log(n); not separable at these sizes"

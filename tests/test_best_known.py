import pytest

import gaps
from gaps.classification import classify_family
from gaps.errors import DeclarationError
from gaps.render import survey_markdown


def _family(**extra):
    return gaps.Family(
        "toy_search",
        lambda n, rng: n,
        {"brute": lambda n, meter: n, "fast": lambda n, meter: n},
        {"check": lambda n, out, meter: out == n},
        **extra,
    )


def test_not_best_known_is_reported_next_to_each_pairing_of_that_side():
    fam = _family(not_best_known={"brute": "textbook; fast is better", "check": "slow"})
    assert fam.not_best_known_of(fam.pairing("brute/check")) == (
        "brute: textbook; fast is better; check: slow"
    )
    assert fam.not_best_known_of(fam.pairing("fast/check")) == "check: slow"
    assert _family().not_best_known_of(_family().pairing("fast/check")) == ""


def test_not_best_known_must_name_a_side_of_the_family():
    with pytest.raises(DeclarationError, match=r"'brut'.*Did you mean 'brute'"):
        _family(not_best_known={"brut": "textbook"})


def test_the_survey_report_lists_the_sides_that_are_not_best_known():
    fam = _family(not_best_known={"brute": "textbook"})
    settings = gaps.Settings(seed=0, instances=2)
    reports = classify_family(fam, sizes=[2, 4, 8], cost="time", settings=settings)
    text = survey_markdown([r.to_dict() for r in reports], [], "# survey")
    assert "## Sides that are not the best known" in text
    assert "- toy_search brute/check: brute: textbook" in text
    assert "fast/check:" not in text
    assert [r.not_best_known for r in reports] == ["brute: textbook", ""]


def test_the_catalog_declares_its_textbook_sides():
    pigeonhole = gaps.get("pigeonhole")
    assert "forward" in pigeonhole.not_best_known_of(pigeonhole.pairing("cadical/drat"))
    assert pigeonhole.not_best_known_of(pigeonhole.pairing("cadical/backward")) == ""
    max_cut = gaps.get("max_cut")
    assert max_cut.not_best_known_of(max_cut.pairing("rc2/maxsat")) == ""

"""The survey over several families: fits beside measurements, failures recorded."""

from __future__ import annotations

import gaps
import gaps.survey
from gaps.survey import survey


def _sorting(name: str) -> gaps.Family:
    def merge_sort(xs, meter):
        meter.tick(len(xs) * max(1, len(xs).bit_length()))
        return sorted(xs)

    def is_sorted(xs, ys, meter):
        meter.tick(len(xs))
        return ys == sorted(xs)

    return gaps.Family(
        name=name,
        sample=lambda size, rng: [rng.random() for _ in range(size)],
        generate=merge_sort,
        verify=is_sorted,
        corrupt=lambda xs, ys, rng: ys[::-1],
        sizes=(8, 16, 32, 64),
    )


def test_a_family_whose_fit_fails_is_recorded_and_the_others_stay_in_order(tmp_path, monkeypatch):
    fit = gaps.survey.report_pairings

    def failing(measured):
        if measured.family.name == "broken_fit":
            raise ValueError("no fit")
        return fit(measured)

    monkeypatch.setattr(gaps.survey, "report_pairings", failing)
    families = [_sorting("first"), _sorting("broken_fit"), _sorting("last")]
    with gaps.Store(tmp_path / "s.sqlite") as store:
        result = survey(families, instances=2, workers=1, store=store)
        stored = {family for family, _, _ in store.latest_signs()}
    assert [r.family for r in result.reports] == ["first", "last"]
    assert result.failures == ["broken_fit: internal error ValueError: no fit"]
    assert stored == {"first", "last"}


def test_fits_beside_measurements_give_the_reports_a_family_alone_gets():
    families = [_sorting("one"), _sorting("two")]
    together = survey(families, instances=2, workers=1)
    alone = [gaps.classify(f, instances=2, workers=1) for f in families]
    assert [r.to_dict() for r in together.reports] == [r.to_dict() for r in alone]


def test_a_family_that_fails_to_measure_is_recorded_with_its_message(monkeypatch):
    sweep = gaps.survey.sweep_pairings

    def failing(family, **keywords):
        if family.name == "unmeasurable":
            raise gaps.InvalidArgument("sizes must be at least 1; give sizes=(1, 2, 4)")
        return sweep(family, **keywords)

    monkeypatch.setattr(gaps.survey, "sweep_pairings", failing)
    result = survey([_sorting("unmeasurable"), _sorting("fine")], instances=2, workers=1)
    assert [r.family for r in result.reports] == ["fine"]
    assert result.failures == ["unmeasurable: sizes must be at least 1; give sizes=(1, 2, 4)"]

"""Error helpers: messages say what was wrong and how to fix it."""

from __future__ import annotations

import gaps


def test_a_wrong_instance_names_family_role_and_expectation_and_is_cut_short():
    error = gaps.wrong_instance("sorting", "verifier 'check'", list(range(100)), "a list")
    message = str(error)
    assert isinstance(error, gaps.InvalidArgument)
    assert message.startswith("The instance given to sorting's verifier 'check' must be a list.")
    shown = message.split("Got ")[1].split(" (list)")[0]
    assert len(shown) == 60 and shown.endswith("...")
    assert "gaps.get('sorting').sample(size, rng)" in message


def test_a_short_instance_is_shown_whole():
    message = str(gaps.wrong_instance("sorting", "generator 'timsort'", (1, 2), "a list"))
    assert "Got (1, 2) (tuple)." in message


def test_a_wrong_instance_says_what_was_wrong_when_told():
    message = str(gaps.wrong_instance("sorting", "verifier 'check'", [], "a list", "it is empty."))
    assert message.startswith("The instance given to sorting's verifier 'check' must be a list; ")
    assert "; it is empty. Got [] (list)." in message

"""The checks of the verifiers, and of the corruptor that feeds them wrong answers.

Verifiers accept honest outputs (:func:`check_completeness`), reject corruptions
(:func:`check_soundness`), return a verdict (:func:`check_verifier_returns_verdict`),
leave what they are shown unchanged (:func:`check_verifier_pure`) and answer wrong
answers instead of raising (:func:`check_verifier_total`); a corruption differs from
the output it was made from (:func:`check_corruptor_corrupts`). Each takes a family, a
size and a seed and raises :class:`~gaps.testing.ContractError` on failure.
"""

from __future__ import annotations

import pickle

from gaps.family import Family
from gaps.roles import MissingCertificate, corruption, split
from gaps.testing._run import _Run, _short, _verdict_of, _verify


def check_completeness(family: Family, size: int, seed: int) -> None:
    """Every verifier accepts its generators' honest outputs.

    A value that is not a verdict is :func:`check_verifier_returns_verdict`'s to report.

    >>> import gaps
    >>> check_completeness(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_completeness, size, seed)
    for pairing, instance, result in run.honest():
        answer = (pairing, instance, split(result), "")
        value = run.call(
            f"verifier {pairing.verifier!r} (on an honest output)", _verify, family, answer
        )
        if _verdict_of(family, pairing.verifier, value) is False:
            raise run.fail(
                f"verifier {pairing.verifier!r} rejects an honest output of "
                f"generator {pairing.generator!r} (returned {_short(value)})."
            )


def check_soundness(family: Family, size: int, seed: int) -> None:
    """Every verifier rejects the corruptor's outputs (skipped without a corruptor).

    Raising on a corruption is not accepting it; :func:`check_verifier_total` reports it.

    >>> import gaps
    >>> check_soundness(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_soundness, size, seed)
    for answer in run.wrong_answers(others=False):  # another instance's output may be right
        pairing, what = answer[0], answer[3]
        try:
            value = _verify(family, answer)
        except Exception:
            continue
        if _verdict_of(family, pairing.verifier, value) is True:
            raise run.fail(
                f"verifier {pairing.verifier!r} accepts {what} (returned {_short(value)})."
            )


def check_verifier_returns_verdict(family: Family, size: int, seed: int) -> None:
    """Verifiers return a verdict: a bool (numpy's too), or a number in [0, 1] for ``grade``.

    Checked on honest outputs and wrong answers; a verifier that raises is left to
    :func:`check_completeness` and :func:`check_verifier_total`.

    >>> import gaps
    >>> check_verifier_returns_verdict(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_verifier_returns_verdict, size, seed)
    for answer in run.answers():
        try:
            value = _verify(family, answer)
        except Exception:
            continue
        name = answer[0].verifier
        if _verdict_of(family, name, value) is None:
            grader = family.verifiers[name].mode == "grade"
            raise run.fail(
                f"verifier {name!r} returned {_short(value)} ({type(value).__name__}) on "
                f"{answer[3]}; it must return {'a number in [0, 1]' if grader else 'a bool'}."
            )


def check_verifier_pure(family: Family, size: int, seed: int) -> None:
    """Verifiers leave the instance, output and certificate they are shown unchanged.

    Checked on honest outputs and wrong answers.

    >>> import gaps
    >>> check_verifier_pure(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_verifier_pure, size, seed)
    for answer in run.answers():
        before = pickle.dumps(answer[1:3])
        try:
            _verify(family, answer)
        except Exception:
            continue  # raising is check_completeness's or check_verifier_total's to report
        if pickle.dumps(answer[1:3]) != before:
            raise run.fail(
                f"verifier {answer[0].verifier!r} modified its instance or output "
                f"(shown {answer[3]})."
            )


def check_verifier_total(family: Family, size: int, seed: int) -> None:
    """Verifiers answer well-typed wrong answers instead of raising.

    The wrong answers are the corruptor's outputs and another instance's honest output
    of the same size: a dishonest generator hands in whatever it likes, and a verifier
    that crashes on it has not rejected it.

    >>> import gaps
    >>> check_verifier_total(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_verifier_total, size, seed)
    for answer in run.wrong_answers():
        try:
            _verify(family, answer)
        except MissingCertificate:
            continue  # the generator's mistake, which check_completeness reports
        except Exception as exc:
            raise run.fail(
                f"verifier {answer[0].verifier!r} raised {type(exc).__name__}: {exc} on "
                f"{answer[3]}; a wrong answer must be rejected (return False), not raise."
            ) from exc


def check_corruptor_corrupts(family: Family, size: int, seed: int) -> None:
    """A corruption differs from the output it was made from (skipped without a corruptor).

    >>> import gaps
    >>> check_corruptor_corrupts(gaps.get("sorting"), size=64, seed=0)
    """
    run = _Run(family, check_corruptor_corrupts, size, seed)
    for pairing, instance, result in run.honest() if family.corrupt is not None else ():
        if corruption(result, run.corruption(pairing, instance, result)) is None:
            raise run.fail("the corruptor returned its input unchanged.")

"""The contract as a whole: the list of checks and the two ways of running it.

:data:`CHECKS` lists the named checks in the order they run. :func:`check_family`
runs every check at the family's contract sizes and seeds and raises all failures
together; :func:`parametrize_with_checks` makes one pytest test per (family, check).
Both take strict expected failures, ``{check_name: reason}``: an expected failure
that passes is itself an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gaps.errors import InvalidArgument, UnknownName, did_you_mean
from gaps.family import Family
from gaps.testing._family_checks import (
    check_costs_grow,
    check_declaration,
    check_global_rng_untouched,
    check_sampling_reproducible,
    check_theory_consistent,
)
from gaps.testing._run import Check, ContractError, _as_family, _short, contract_sizes
from gaps.testing._verifier_checks import (
    check_completeness,
    check_corruptor_corrupts,
    check_soundness,
    check_verifier_pure,
    check_verifier_returns_verdict,
    check_verifier_total,
)

#: The contract: every named check, in the order check_family runs them.
CHECKS: tuple[Check, ...] = (
    check_declaration,
    check_theory_consistent,
    check_sampling_reproducible,
    check_global_rng_untouched,
    check_completeness,
    check_soundness,
    check_verifier_returns_verdict,
    check_verifier_pure,
    check_verifier_total,
    check_corruptor_corrupts,
    check_costs_grow,
)


def _expected(value: Any, owner: str) -> dict[str, str]:
    """``expected_failures`` validated: known check names mapped to non-empty reasons."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgument(
            f"The 'expected_failures' parameter of {owner}() must be a mapping of check "
            f"name to reason. Got {_short(value)} ({type(value).__name__}). Hint: "
            "{'check_soundness': 'the corruptor is not written yet'}."
        )
    names = [check.__name__ for check in CHECKS]
    for name, reason in value.items():
        if name not in names:
            raise UnknownName(
                f"The 'expected_failures' parameter of {owner}() names no check {name!r}. "
                + did_you_mean(str(name), names)
            )
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidArgument(
                f"The reason for expecting {name!r} to fail, in 'expected_failures' of "
                f"{owner}(), must be a non-empty str. Got {_short(reason)} "
                f"({type(reason).__name__})."
            )
    return dict(value)


def _validate_seeds(seeds: Any, owner: str) -> tuple[int, ...]:
    seeds = tuple(seeds) if isinstance(seeds, Iterable) and not isinstance(seeds, str) else seeds
    if (
        not isinstance(seeds, tuple)
        or not seeds
        or not all(isinstance(s, int) and not isinstance(s, bool) for s in seeds)
    ):
        raise InvalidArgument(
            f"The 'seeds' parameter of {owner}() must be a non-empty sequence of ints. "
            f"Got {_short(seeds)} ({type(seeds).__name__})."
        )
    return seeds


def _first_failure(family: Family, check: Check, seeds: tuple[int, ...]) -> ContractError | None:
    for size in contract_sizes(family):
        for seed in seeds:
            try:
                check(family, size, seed)
            except ContractError as exc:
                return exc
    return None


def _unexpected_pass(family: Family, check: Check, reason: str) -> ContractError:
    return ContractError(
        f"{family.name}: check {check.__name__} was expected to fail ({reason}) but passed; "
        "remove it from expected_failures."
    )


def check_family(
    family: Family | str,
    expected_failures: Mapping[str, str] | None = None,
    *,
    seeds: Iterable[int] = (0, 1),
) -> None:
    """Run every contract check at the family's contract sizes and seeds.

    Every check runs, so one failure does not hide another; all failures are raised
    together in one :class:`ContractError`.

    Parameters
    ----------
    family : Family or str
        A family, or the name of a registered one.
    expected_failures : mapping of str to str, optional
        ``{check_name: reason}`` for checks known to fail. Strict: an expected failure
        that passes is itself an error, so the mapping never outlives the bug.
    seeds : iterable of int
        The contract seeds; each check runs at every contract size with each seed.

    Raises
    ------
    ContractError
        Listing every failing check (with a command reproducing each) and every
        expected failure that passed.

    Examples
    --------
    >>> import gaps
    >>> check_family(gaps.get("sorting"))
    >>> lazy = gaps.Family(
    ...     "lazy_sorting",
    ...     sample=lambda size, rng: [rng.randrange(9) for _ in range(size)],
    ...     generate=lambda xs, meter: sorted(xs),
    ...     verify=lambda xs, ys, meter: ys == sorted(xs),
    ...     units=("time",),
    ... )
    >>> check_family(lazy)
    >>> check_family(lazy, expected_failures={"check_soundness": "no corruptor yet"})
    Traceback (most recent call last):
    ...
    gaps.testing.ContractError: lazy_sorting: check check_soundness was expected to fail (no corruptor yet) but passed; remove it from expected_failures.
    >>> check_family(lazy, expected_failures={"soundness": "no corruptor yet"})
    Traceback (most recent call last):
    ...
    gaps.errors.UnknownName: The 'expected_failures' parameter of check_family() names no check 'soundness'. Did you mean 'check_soundness'?
    """  # noqa: E501
    fam = _as_family(family, "check_family")
    expected = _expected(expected_failures, "check_family")
    seeds = _validate_seeds(seeds, "check_family")
    problems: list[ContractError] = []
    for check in CHECKS:
        failure, reason = _first_failure(fam, check, seeds), expected.get(check.__name__)
        if failure is not None and reason is None:
            problems.append(failure)
        elif failure is None and reason is not None:
            problems.append(_unexpected_pass(fam, check, reason))
    if len(problems) == 1:
        raise problems[0]
    if problems:
        listed = "\n\n".join(str(problem) for problem in problems)
        raise ContractError(f"{fam.name}: {len(problems)} contract checks failed:\n\n{listed}")


@dataclass(frozen=True)
class _BoundCheck:
    """One check made a callable of the family alone, for :func:`parametrize_with_checks`."""

    check: Check
    reason: str | None
    seeds: tuple[int, ...]

    def __call__(self, family: Family) -> None:
        failure = _first_failure(family, self.check, self.seeds)
        if failure is not None and self.reason is None:
            raise failure
        if failure is None and self.reason is not None:
            raise _unexpected_pass(family, self.check, self.reason)
        if failure is not None and self.reason is not None:
            import pytest

            pytest.xfail(self.reason)

    def __repr__(self) -> str:
        return self.check.__name__


def parametrize_with_checks(
    families: Iterable[Family | str],
    expected_failures: Mapping[str, str]
    | Callable[[Family], Mapping[str, str] | None]
    | None = None,
    *,
    seeds: Iterable[int] = (0, 1),
) -> Any:
    """A pytest decorator making one test per (family, check), with ids ``family-check``.

    The decorated test takes ``family`` and ``check`` and calls ``check(family)``,
    which runs that check at every contract size and seed. Expected failures are
    strict: the test is reported as xfailed while the check fails, and fails as soon
    as the check passes.

    Parameters
    ----------
    families : iterable of Family or str
        Families, or names of registered ones.
    expected_failures : mapping of str to str, or callable, optional
        ``{check_name: reason}`` for every family, or a function of the family
        returning that mapping (or None).
    seeds : iterable of int
        The contract seeds.

    Examples
    --------
    In a test module::

        from gaps.testing import parametrize_with_checks

        @parametrize_with_checks([MY_FAMILY], expected_failures={"check_soundness": "#12"})
        def test_my_family(family, check):
            check(family)

    >>> import gaps
    >>> mark = parametrize_with_checks(["sorting"])
    >>> [p.id for p in mark.args[1]][:2]
    ['sorting-check_declaration', 'sorting-check_theory_consistent']
    """
    import pytest

    if isinstance(families, (str, Family)) or not isinstance(families, Iterable):
        raise InvalidArgument(
            "The 'families' parameter of parametrize_with_checks() must be an iterable of "
            f"families or names. Got {_short(families)} ({type(families).__name__}). "
            "Hint: parametrize_with_checks([family])."
        )
    seeds = _validate_seeds(seeds, "parametrize_with_checks")
    params = []
    for item in families:
        family = _as_family(item, "parametrize_with_checks")
        wanted = expected_failures(family) if callable(expected_failures) else expected_failures
        expected = _expected(wanted, "parametrize_with_checks")
        for check in CHECKS:
            bound = _BoundCheck(check, expected.get(check.__name__), seeds)
            params.append(pytest.param(family, bound, id=f"{family.name}-{check.__name__}"))
    return pytest.mark.parametrize("family, check", params)

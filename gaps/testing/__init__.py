"""Testing with gaps: the family contract, your solvers, and hypothesis strategies.

The **contract** is a set of small named checks (:data:`CHECKS`) that any family,
built-in or yours, must pass. Each check takes a family, a size and a seed, runs the
family in this process, and raises :class:`ContractError` naming the family, the
check, the seed and a one-line command that reproduces the failure.
:func:`check_family` runs them all; :func:`parametrize_with_checks` turns them into
one pytest test per (family, check), as scikit-learn does for estimators.

**Your code** is tested against the catalog with :func:`check_solver` (your solver
against a family's verifier), :func:`accepts` (a family's verdict on one output),
and the hypothesis strategies :func:`instances`, :func:`outputs` and
:func:`corruptions` (defined in :mod:`gaps.testing._strategies`, imported on first use so that
the contract itself does not load hypothesis).

>>> import gaps
>>> from gaps.testing import check_family, check_solver
>>> check_family(gaps.get("sorting"))
>>> check_solver(gaps.get("sorting"), sorted)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gaps.testing._contract import CHECKS, check_family, parametrize_with_checks
from gaps.testing._family_checks import (
    check_costs_grow,
    check_declaration,
    check_global_rng_untouched,
    check_sampling_reproducible,
    check_theory_consistent,
)
from gaps.testing._run import ContractError, SolverError, contract_sizes
from gaps.testing._verifier_checks import (
    check_completeness,
    check_corruptor_corrupts,
    check_soundness,
    check_verifier_pure,
    check_verifier_returns_verdict,
    check_verifier_total,
)

if TYPE_CHECKING:  # pragma: no cover
    from gaps.testing._strategies import accepts, check_solver, corruptions, instances, outputs

__all__ = [
    "CHECKS",
    "ContractError",
    "SolverError",
    "accepts",
    "check_completeness",
    "check_corruptor_corrupts",
    "check_costs_grow",
    "check_declaration",
    "check_family",
    "check_global_rng_untouched",
    "check_sampling_reproducible",
    "check_solver",
    "check_soundness",
    "check_theory_consistent",
    "check_verifier_pure",
    "check_verifier_returns_verdict",
    "check_verifier_total",
    "contract_sizes",
    "corruptions",
    "instances",
    "outputs",
    "parametrize_with_checks",
]

#: Testing your code against families lives in gaps.testing._strategies, loaded (with hypothesis)
#: on first use: checking a family's contract does not need hypothesis.
_LAZY = {"accepts", "check_solver", "corruptions", "instances", "outputs"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import gaps.testing._strategies

        return getattr(gaps.testing._strategies, name)
    raise AttributeError(f"module 'gaps.testing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

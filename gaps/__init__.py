"""gaps: measure generator-verifier gaps, how much cheaper checking is than producing.

The public names are imported lazily so that ``import gaps`` (and ``gaps --help``)
stays quick: sympy, z3, matplotlib and the catalog load only when used.

>>> import gaps
>>> meter = gaps.Meter()
>>> meter.tick(3); meter.steps
3
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "BudgetExceeded": "gaps.errors",
    "DeclarationError": "gaps.errors",
    "GapsError": "gaps.errors",
    "GaveUp": "gaps.errors",
    "InvalidArgument": "gaps.errors",
    "UnknownName": "gaps.errors",
    "wrong_instance": "gaps.errors",
    "Meter": "gaps.meter",
    "Certified": "gaps.family",
    "Family": "gaps.family",
    "Pairing": "gaps.family",
    "Theory": "gaps.family",
    "Verifier": "gaps.family",
    "blind": "gaps.family",
    "certified": "gaps.family",
    "compare": "gaps.family",
    "grade": "gaps.family",
    "witness": "gaps.family",
    "catalog": "gaps.registry",
    "get": "gaps.registry",
    "Growth": "gaps.growth",
    "fit_growth": "gaps.growth",
    "Limits": "gaps.execution",
    "GapReport": "gaps.report",
    "SideReport": "gaps.report",
    "classify": "gaps.classification",
    "Settings": "gaps.settings",
    "Store": "gaps.store",
    "Attack": "gaps.search",
    "SearchResult": "gaps.search",
    "search": "gaps.search",
    "ProofReport": "gaps.proofs.verifiers",
    "Specification": "gaps.proofs.verifiers",
    "prove": "gaps.proofs.verifiers",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from gaps.classification import classify
    from gaps.errors import (
        BudgetExceeded,
        DeclarationError,
        GapsError,
        GaveUp,
        InvalidArgument,
        UnknownName,
        wrong_instance,
    )
    from gaps.execution import Limits
    from gaps.family import (
        Certified,
        Family,
        Pairing,
        Theory,
        Verifier,
        blind,
        certified,
        compare,
        grade,
        witness,
    )
    from gaps.growth import Growth, fit_growth
    from gaps.meter import Meter
    from gaps.proofs.verifiers import ProofReport, Specification, prove
    from gaps.registry import catalog, get
    from gaps.report import GapReport, SideReport
    from gaps.search import Attack, SearchResult, search
    from gaps.settings import Settings
    from gaps.store import Store


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gaps' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])

"""Search for problems whose answers are cheaper to produce than to check.

Each candidate family is measured like any family, then attacked: every built-in
attack for its relation kind (and any passed in) runs on the generated objects, and
"attack, then the family's decider" is measured as one more verifier. A negative gap
counts only if it stands against every one of them.

The package is callable, so ``gaps.search(...)`` runs :func:`search` whether or not
a submodule was imported first.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from gaps.search.attack import Attack, attacks_for
from gaps.search.result import Entry, SearchResult
from gaps.search.run import search
from gaps.search.target import Worst, worst_instances

__all__ = ["Attack", "Entry", "SearchResult", "Worst", "attacks_for", "search", "worst_instances"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> SearchResult:
        return search(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

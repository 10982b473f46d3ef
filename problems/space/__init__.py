"""The built-in candidate space that ``gaps.search`` explores by default.

A candidate is (object type, property, construction, verification mode): an ordinary
:class:`gaps.Family` whose summary is its property in the grammar of
:mod:`gaps.problems.space.grammar`, whose tags name its construction
(``construction=naive_plant|quiet_plant|rejection|transform``), its mode
(``mode=blind``), whether its property is a named concept (``named``) and how many
parameters it has (``params=<int>``), and which declares its relation kind where one
fits, so that the search's attacks apply. Each has a blind verifier ``decide`` (the
strongest decider the toolkit has, named in its docstring) and, where the property has
a short witness, a certified verifier ``check``. One module per object type.

>>> fams = candidates()
>>> len(fams) >= 200, len({f.name for f in fams}) == len(fams)
(True, True)
"""

from __future__ import annotations

import gaps

__all__ = ["candidates"]

_MODULES = ("graphs", "graph_complements", "isomorphism", "cnf", "integers", "matrices",
            "expressions", "bitstrings")  # fmt: skip


def candidates() -> list[gaps.Family]:
    """Every built-in candidate, in a fixed order (registered under ``gaps.candidates``).

    >>> [f.name for f in candidates()][:1]
    ['graph_k_colourable3_naive_plant']
    """
    import importlib

    found: list[gaps.Family] = []
    for module in _MODULES:
        found += importlib.import_module(f"{__name__}.{module}").candidates()
    return found

"""Candidate outputs as edits of a real certificate, for the catalog's specifications.

A specification whose relation is a definition (a proof checked lemma by lemma, a
rewrite trace replayed) draws its candidates near a real certificate: each field of
the certificate has the value the generator gave it and the values a bug could let
through, and a candidate changes at most :data:`EDITS` fields. The candidates are
listed once, the real certificate first; z3 enumerates them by their index.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["EDITS", "Edits", "Value", "among"]

#: Fields a candidate changes from the real certificate, at most.
EDITS = 2

Value = bool | int


@dataclass(frozen=True)
class Edits:
    """Fields with a base value each (the real certificate's) and the values they may take.

    >>> edits = Edits((True, 0), ((True, False), (0, 1, 2)))
    >>> edits.candidates()
    [(True, 0), (False, 0), (True, 1), (True, 2), (False, 1), (False, 2)]
    """

    base: tuple[Value, ...]
    choices: tuple[tuple[Value, ...], ...]

    def candidates(self) -> list[tuple[Value, ...]]:
        """Every candidate within :data:`EDITS` changes, fewest changes first."""
        found = []
        for k in range(EDITS + 1):
            for chosen in itertools.combinations(range(len(self.base)), k):
                others = [[c for c in self.choices[i] if c != self.base[i]] for i in chosen]
                for values in itertools.product(*others):
                    candidate = list(self.base)
                    for i, value in zip(chosen, values, strict=True):
                        candidate[i] = value
                    found.append(tuple(candidate))
        return found

    def __add__(self, other: Edits) -> Edits:
        return Edits(self.base + other.base, self.choices + other.choices)


def among(z3: Any, variable: Any, indices: Iterable[int]) -> Any:
    """The z3 formula saying that ``variable`` is one of ``indices``.

    >>> import z3
    >>> among(z3, z3.Int("i"), [1, 3])
    Or(False, i == 1, i == 3)
    """
    return z3.Or(z3.BoolVal(False), *(variable == i for i in indices))

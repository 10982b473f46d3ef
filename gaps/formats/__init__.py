"""Strict readers and writers for the field's formats: DIMACS CNF, SMT-LIB, edge lists, GraphML.

The usual readers are lenient where a silent misreading would corrupt a measurement:
python-sat's DIMACS reader ignores the header's counts and rejects clauses that span
lines; networkx's edge-list parser drops one-token lines; its GraphML reader creates
nodes that were never declared; z3's SMT-LIB parser skips unknown commands with a
note on stderr. These readers accept what the standards allow (clauses across lines,
comments anywhere, SATLIB's ``%`` end marker) and reject the rest with the file, the
line and what was expected. :func:`cnf_from` brings the formulas of cnfgen and
python-sat, which users already hold, into the same :class:`CNF`; :func:`to_clauses`
and :func:`to_edges` bring formulas and graphs into the forms catalog families take.
"""

from __future__ import annotations

from gaps.formats._dimacs import (
    CNF,
    cnf_from,
    dumps_dimacs,
    read_dimacs,
    to_clauses,
    write_dimacs,
)
from gaps.formats._graphs import EdgeList, read_edgelist, read_graphml, to_edges
from gaps.formats._smtlib import dumps_smtlib, read_smtlib
from gaps.formats._text import FormatError

__all__ = [
    "CNF",
    "EdgeList",
    "FormatError",
    "cnf_from",
    "dumps_dimacs",
    "dumps_smtlib",
    "read_dimacs",
    "read_edgelist",
    "read_graphml",
    "read_smtlib",
    "to_clauses",
    "to_edges",
    "write_dimacs",
]

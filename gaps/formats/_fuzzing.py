"""Untrusted input for the readers: seed files, mutations, and the one allowed failure.

A reader handed arbitrary bytes must return its object or raise a
:class:`~gaps.formats.FormatError` naming the source; any other exception is a crash.
Used by the hypothesis fuzz tests, the reader fuzzing benchmark and, where atheris
builds (the ``fuzz`` extra), a coverage-guided run::

    python -m gaps.formats._fuzzing read_graphml -atheris_runs=100000
"""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Callable
from functools import partial
from typing import Any

from gaps.formats._dimacs import read_dimacs
from gaps.formats._graphs import read_edgelist, read_graphml
from gaps.formats._smtlib import read_smtlib
from gaps.formats._text import FormatError

READERS: dict[str, Callable[..., Any]] = {
    "read_dimacs": read_dimacs,
    "read_edgelist": read_edgelist,
    "read_edgelist_weighted": partial(read_edgelist, weighted=True),
    "read_graphml": read_graphml,
    "read_smtlib": read_smtlib,
}

#: Valid files each reader takes, to mutate: mutations of valid input reach deeper
#: into a parser than random bytes, which most readers refuse on the first line.
SEEDS: dict[str, tuple[str, ...]] = {
    "read_dimacs": (
        "c a comment\np cnf 3 2\n1 -2 0\n2 3 -1 0\n",
        "p cnf 4 3\n1 2\n -3 0 4 0\n-1 -4 0\n%\n0\n",
    ),
    "read_edgelist": ("a b\nb c  # path\nc a\n", "1 2\n2 3\n3 4\n"),
    "read_edgelist_weighted": ("a b 1.5\nb c -2\nc a 1e3\n",),
    "read_graphml": (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '<key id="w" for="edge" attr.name="weight" attr.type="double"><default>1.0</default>'
        "</key>\n"
        '<key id="c" for="node" attr.name="colour" attr.type="string"/>\n'
        '<key id="b" for="graph" attr.name="flag" attr.type="boolean"/>\n'
        '<graph id="G" edgedefault="undirected">\n'
        '<node id="a"><data key="c">red</data></node><node id="b"/><node id="c"/>\n'
        '<edge source="a" target="b"><data key="w">2.5</data></edge>\n'
        '<edge source="b" target="c"/>\n'
        "</graph>\n</graphml>\n",
        '<graphml><graph edgedefault="directed"><node id="n0"><graph id="n0:">'
        '<node id="n0::n0"/></graph></node><node id="n1"/><edge source="n0" target="n1"/>'
        "</graph></graphml>",
    ),
    "read_smtlib": (
        "(set-logic QF_LIA)\n(declare-const x Int)\n(declare-fun y () Int)\n"
        "(assert (and (> x 1) (< (+ x y) 10)))\n(check-sat)\n",
        "(set-info :status sat)\n(declare-const p Bool)\n(define-fun f ((a Int)) Int (* 2 a))\n"
        "(assert (let ((q (not p))) (or q (= (f 3) 6))))\n(push 1)\n(assert p)\n(pop 1)\n",
    ),
}

#: Tokens a mutation may splice in: the formats' own syntax and the values that broke
#: readers before (non-decimal digits, non-finite numbers, huge indices, markup).
TOKENS = (
    "0", "-", "+1", "1_0", "\uff11", "nan", "inf", "2147483648", "p cnf", "%", "c", "#",
    "(", ")", "|", '"', ";", "assert", "set-option", ":timeout", "echo", "declare-fun",
    "<", ">", "/>", "</graph>", "<graph>", '<node id="z"/>', '<edge source="a" target="q"/>',
    'yfiles.foldertype="group"', "<default/>", 'attr.type="boolean"', "&amp;", "&#0;",
    "\ud800", "\x00", "\n", " ", "\t", "9" * 30,
)  # fmt: skip


def mutate(text: str, rng: random.Random, edits: int = 3) -> str:
    """``text`` with a few random edits: deletions, duplications, splices, swaps.

    >>> mutate("p cnf 1 1\\n1 0\\n", random.Random(0)) != "p cnf 1 1\\n1 0\\n"
    True
    """
    for _ in range(rng.randint(1, edits)):
        i = rng.randrange(len(text) + 1)
        j = min(len(text), i + rng.randint(0, 12))
        kind = rng.randrange(5)
        if kind == 0:
            text = text[:i] + text[j:]
        elif kind == 1:
            text = text[:i] + text[i:j] * rng.randint(2, 20) + text[j:]
        elif kind == 2:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif kind == 3:
            text = (
                text[:i] + chr(rng.choice((rng.randrange(128), rng.randrange(0x11000)))) + text[j:]
            )
        else:
            k = rng.randrange(len(text) + 1)
            text = text[:i] + text[k : k + (j - i)] + text[j:]
    return text


def feed(reader: str, data: bytes | str) -> str:
    """Read ``data`` with ``reader``: "parsed" or "refused" (a FormatError naming the
    source); any other exception propagates, as the crash it is.

    >>> feed("read_dimacs", b"p cnf 1 1\\n1 0\\n"), feed("read_dimacs", b"\\xff")
    ('parsed', 'refused')
    """
    text = data if isinstance(data, str) else data.decode("utf-8", "surrogateescape")
    try:
        READERS[reader](io.StringIO(text))
    except FormatError as exc:
        if "<stream>" not in str(exc):
            raise AssertionError(f"a FormatError that does not name its source: {exc}") from exc
        return "refused"
    return "parsed"


def _atheris_main(argv: list[str]) -> None:
    import atheris

    if not argv or argv[0] not in READERS:
        sys.exit(
            f"usage: python -m gaps.formats._fuzzing {{{','.join(READERS)}}} [-atheris_runs=N]"
        )
    reader, count = argv[0], 0

    def one(data: bytes) -> None:
        nonlocal count
        count += 1
        feed(reader, data)

    def report() -> None:
        print(f"{reader}: {count} inputs, no crash")

    import atexit

    atexit.register(report)
    atheris.Setup([sys.argv[0], *argv[1:]], one)
    atheris.Fuzz()


if __name__ == "__main__":
    _atheris_main(sys.argv[1:])

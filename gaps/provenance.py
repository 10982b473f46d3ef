"""What a family's measurements depend on: the code its roles reach, and the toolkit.

A stored measurement is reused only while its fingerprint holds, so the fingerprint
must change whenever anything the measured calls run could have changed. The roles of
a family often live in shared helper modules (the refutation families' generators and
checkers sit in one module, which calls a SAT module of its own), so hashing the role
functions alone misses an edit to a helper they call. The walk here starts at every
role function (its closure and default arguments included), takes the module that
defines each, and follows the imports of those modules: every module reached that
belongs to the same package as the family's code is hashed whole, from the file the
workers will import. The core toolkit (``gaps`` outside its catalog) is represented by
its version, and third-party libraries by their own versions (recorded with each run).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gaps.family import Family

__all__ = ["code_modules", "fingerprint"]

#: Packages inside ``gaps`` that are family code, not the core: the catalog and proofs.
_FAMILY_CODE = ("gaps.problems", "gaps.proofs")


def fingerprint(family: Family) -> str:
    """A hash of everything the family's measurements depend on, for reusing stored ones.

    It covers the family's name and verification modes, the toolkit's version, and the
    source of every module its roles reach (see :func:`code_modules`), so editing a
    helper that a verifier calls invalidates the stored measurements of that verifier.

    >>> import gaps
    >>> len(fingerprint(gaps.get("sorting")))
    16
    """
    import gaps

    parts = [family.name, f"gaps {gaps.__version__}"]
    parts += [f"{name}:{v.mode}" for name, v in family.verifiers.items()]
    for name, source in _sources(family):
        parts.append(f"{name}\n{source}")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def code_modules(family: Family) -> list[str]:
    """The modules, by name, whose source the family's fingerprint covers.

    >>> import gaps
    >>> "gaps.problems.logic._refutation" in code_modules(gaps.get("pigeonhole"))
    True
    """
    return sorted(name for name, _ in _sources(family) if not name.startswith("<"))


def _roles(family: Family) -> list[Any]:
    functions = [family.sample, family.corrupt, *family.generators.values()]
    return functions + [v.fn for v in family.verifiers.values()]


def _sources(family: Family) -> list[tuple[str, str]]:
    """(module name, source) of every reached module; role functions whose module has no
    readable file (``__main__`` in a notebook, a lambda typed at a prompt) by their own
    source, named ``<function qualname>``."""
    roots: set[str] = set()
    loose: list[tuple[str, str]] = []
    for fn in _functions(_roles(family)):
        module = sys.modules.get(getattr(fn, "__module__", None) or "")
        if module is not None and _file_source(module) is not None:
            roots.add(module.__name__)
        else:
            loose.append((f"<function {getattr(fn, '__qualname__', repr(fn))}>", _own_source(fn)))
    reached = _reach(roots)
    found = [(name, _file_source(sys.modules[name]) or "") for name in sorted(reached)]
    return found + sorted(loose)


def _functions(values: list[Any]) -> Iterator[Any]:
    """The role functions and every function their closures and defaults hold."""
    seen: set[int] = set()
    stack = [v for v in values if v is not None]
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, functools.partial):
            stack += [value.func, *value.args, *value.keywords.values()]
            continue
        if not callable(value):
            continue
        yield value
        if isinstance(value, types.FunctionType):
            stack += [c.cell_contents for c in value.__closure__ or () if _filled(c)]
            stack += list(value.__defaults__ or ())
            stack += [v for v in (value.__kwdefaults__ or {}).values()]


def _filled(cell: Any) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises
    except ValueError:
        return False
    return True


def _package(name: str) -> str:
    """The package whose modules count as family code together with ``name``."""
    for inner in _FAMILY_CODE:
        if name == inner or name.startswith(inner + "."):
            return inner
    return name.split(".")[0]


def _in_scope(name: str, packages: set[str]) -> bool:
    if name == "gaps" or (name.startswith("gaps.") and _package(name) == "gaps"):
        return False  # the core: covered by the toolkit's version
    return _package(name) in packages or name in packages


def _reach(roots: set[str]) -> set[str]:
    """Every module within the roots' packages that the roots import, transitively."""
    packages = {_package(r) for r in roots} | roots
    reached: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        module = sys.modules.get(name)
        # A class may name a public alias as its module (numpy.recarray says
        # "numpy.rec"): no module, no source of its own to cover.
        if name in reached or module is None:
            continue
        reached.add(name)
        for value in list(vars(module).values()):
            other = _module_of(value)
            if other and other not in reached and _in_scope(other, packages):
                stack.append(other)
    return reached


def _module_of(value: Any) -> str | None:
    if isinstance(value, types.ModuleType):
        return value.__name__
    if isinstance(value, (types.FunctionType, type)):
        return getattr(value, "__module__", None)
    return None


def _file_source(module: types.ModuleType) -> str | None:
    """The module's source as the file on disk holds it now (what a worker imports)."""
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return None
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _own_source(fn: Any) -> str:
    try:
        return inspect.getsource(fn)
    except (OSError, TypeError):
        code = getattr(fn, "__code__", None)
        if code is None:
            return getattr(fn, "__qualname__", repr(fn))
        return repr((code.co_code, code.co_consts, code.co_names))

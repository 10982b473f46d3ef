"""The registered families: the built-in catalog and third-party catalogs alike.

Catalogs plug in through the entry-point group ``gaps.families``; each entry point
names a sequence of :class:`gaps.Family` objects (or a callable returning one). The
core never imports the catalog by name: the built-in one registers the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import entry_points

from gaps.errors import DeclarationError, UnknownName, did_you_mean
from gaps.family import Family

__all__ = ["catalog", "get"]

_cache: dict[str, Family] | None = None


def load_group(group: str) -> list[Family]:
    """Every ``gaps.Family`` registered under the entry-point ``group``, by entry point.

    >>> import gaps
    >>> "sorting" in [f.name for f in load_group("gaps.families")]
    True
    """
    found: dict[str, Family] = {}
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        try:
            entries = ep.load()
        except ImportError as exc:
            raise DeclarationError(
                f"Entry point {ep.name!r} of group {group!r} ({ep.value}) could not "
                f"be imported: {exc}. Reinstall the package that declares it "
                "(for gaps itself: pip install -e . in the checkout)."
            ) from None
        families: Iterable[object] = entries() if callable(entries) else entries
        for fam in families:
            if not isinstance(fam, Family):
                raise DeclarationError(
                    f"Entry point {ep.name!r} of group {group!r} yielded "
                    f"{type(fam).__name__}, not a gaps.Family."
                )
            if fam.name in found:
                raise DeclarationError(
                    f"Two registered families are called {fam.name!r}; "
                    f"the second comes from entry point {ep.name!r}."
                )
            found[fam.name] = fam
    return list(found.values())


def _load() -> dict[str, Family]:
    global _cache
    if _cache is None:
        _cache = {f.name: f for f in load_group("gaps.families")}
    return _cache


def catalog(domain: str | None = None) -> list[Family]:
    """The registered families, sorted by domain then name.

    >>> import gaps
    >>> "sorting" in [f.name for f in gaps.catalog()]
    True
    """
    fams = sorted(_load().values(), key=lambda f: (f.domain, f.name))
    return [f for f in fams if domain is None or f.domain == domain]


def get(name: str) -> Family:
    """The registered family called ``name``.

    >>> import gaps
    >>> gaps.get("sorting").name
    'sorting'
    >>> gaps.get("sortng")
    Traceback (most recent call last):
    ...
    gaps.errors.UnknownName: No family called 'sortng'. Did you mean 'sorting'?
    """
    families = _load()
    if name not in families:
        raise UnknownName(f"No family called {name!r}. " + did_you_mean(name, list(families)))
    return families[name]

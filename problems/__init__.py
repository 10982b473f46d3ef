"""The built-in catalog of problem families, registered through ``gaps.families``.

Each module under a domain folder declares one ``FAMILY`` with the public API; the
modules are found, not listed, so adding a family touches nothing else. Modules whose
name starts with ``_`` are helpers shared by families. Discovery runs on first use of
``FAMILIES``, so importing one family (as a worker process does) imports only it.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import gaps


def _discover() -> list[gaps.Family]:
    families = []
    # "space" holds the search's candidates (the gaps.candidates group), not catalog families.
    domains = (m.name for m in pkgutil.iter_modules(__path__) if m.ispkg and m.name != "space")
    for domain in sorted(domains):
        package = importlib.import_module(f"{__name__}.{domain}")
        modules = [m.name for m in pkgutil.iter_modules(package.__path__)]
        for module in sorted(m for m in modules if not m.startswith("_")):
            families.append(importlib.import_module(f"{package.__name__}.{module}").FAMILY)
    return families


def __getattr__(name: str) -> Any:
    if name == "FAMILIES":
        families = _discover()
        globals()["FAMILIES"] = families
        return families
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The built-in catalog of problem families, registered through ``gaps.families``.

Each module under a domain folder declares one ``FAMILY`` with the public API; this
list is the only place that names them.
"""

from __future__ import annotations

import importlib
import pkgutil

import gaps


def _discover() -> list[gaps.Family]:
    families = []
    for domain in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg):
        package = importlib.import_module(f"{__name__}.{domain}")
        modules = [m.name for m in pkgutil.iter_modules(package.__path__)]
        for module in sorted(m for m in modules if not m.startswith("_")):  # _x: helpers
            families.append(importlib.import_module(f"{package.__name__}.{module}").FAMILY)
    return families


FAMILIES: list[gaps.Family] = _discover()

"""igraph, imported without the ``matplotlib.pyplot`` it loads for its plotting.

igraph imports ``matplotlib.pyplot`` at import time whenever matplotlib is installed:
that took about half of loading a graph candidate in a worker process, which every
worker that replaces one stopped at the time limit pays again. Nothing in the space
plots through igraph. Where matplotlib or igraph is already loaded, nothing changes.
"""

from __future__ import annotations

import sys

if "igraph" not in sys.modules and "matplotlib" not in sys.modules:
    # A None entry makes `import matplotlib` raise ImportError: igraph then leaves
    # plotting out. The entry goes at once, so a later import loads matplotlib.
    sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
else:
    import igraph

__all__ = ["igraph"]

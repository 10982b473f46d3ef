"""Sphinx configuration: Markdown pages (MyST), autodoc of the public API, and the
pages generated from the code (``_ext/gaps_pages.py``). Build with warnings as errors:

    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import gaps

project = "gaps"
author = "the gaps authors"
release = version = gaps.__version__

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "gaps_pages"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# numpydoc sections in the docstrings; signatures already carry the types.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_class_signature = "separated"

myst_heading_anchors = 3
html_theme = "alabaster"
html_theme_options = {"description": "generator–verifier gaps", "fixed_sidebar": True}
html_static_path: list[str] = []

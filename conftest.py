"""Test-session settings shared by the whole tree."""

import os
import tempfile

# Catalog calls run in this process too (contract tests, doctests): one BLAS thread, as
# in the measuring workers, so that two busy cores are not oversubscribed. Set before
# anything imports numpy.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# The CLI's default store ($GAPS_DB included) is the user's own: tests and doctests get
# a fresh one each session, so that they neither read nor write it.
os.environ["GAPS_DB"] = os.path.join(tempfile.mkdtemp(prefix="gaps-tests-"), "gaps.sqlite")

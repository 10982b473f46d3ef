"""Test-session settings shared by the whole tree."""

import os

# Catalog calls run in this process too (contract tests, doctests): one BLAS thread, as
# in the measuring workers, so that two busy cores are not oversubscribed. Set before
# anything imports numpy.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

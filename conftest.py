"""Test-session settings shared by the whole tree."""

import atexit
import os
import shutil
import tempfile

# Catalog calls run in this process too (contract tests, doctests): one BLAS thread, as
# in the measuring workers, so that two busy cores are not oversubscribed. Set before
# anything imports numpy.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# Commands the tests run without --db use the default store: keep it in a throwaway
# folder, so the suite never reads or writes the user's own store (nor trips on one
# written by a newer gaps).
_data_home = tempfile.mkdtemp(prefix="gaps-tests-")
atexit.register(shutil.rmtree, _data_home, ignore_errors=True)
os.environ.pop("GAPS_DB", None)
os.environ["XDG_DATA_HOME"] = _data_home

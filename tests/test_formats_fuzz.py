"""Every reader, fed random bytes or mutated valid files, returns its object or raises
its own FormatError naming the source: never another exception, never a hang."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaps.formats._fuzzing import READERS, SEEDS, feed, mutate


@pytest.mark.parametrize("reader", list(READERS))
@given(data=st.binary(max_size=400))
def test_random_bytes_are_parsed_or_refused(reader, data):
    assert feed(reader, data) in {"parsed", "refused"}


@pytest.mark.parametrize("reader", list(READERS))
@given(rng=st.randoms(use_true_random=False), edits=st.integers(1, 8))
def test_mutated_valid_files_are_parsed_or_refused(reader, rng, edits):
    text = mutate(rng.choice(SEEDS[reader]), rng, edits)
    assert feed(reader, text) in {"parsed", "refused"}


@pytest.mark.parametrize("reader", list(READERS))
def test_every_seed_file_is_valid(reader):
    # A seed the reader refused would leave only shallow mutations to test.
    assert all(feed(reader, seed) == "parsed" for seed in SEEDS[reader])


def test_a_crash_is_not_passed_off_as_a_refusal(monkeypatch):
    def broken(source):
        raise KeyError("inside the parser")

    monkeypatch.setitem(READERS, "read_dimacs", broken)
    with pytest.raises(KeyError):
        feed("read_dimacs", b"p cnf 1 1\n1 0\n")


@pytest.mark.fuzz
@pytest.mark.parametrize("reader", list(READERS))
@settings(max_examples=20_000)
@given(rng=st.randoms(use_true_random=True), edits=st.integers(1, 12))
def test_many_mutated_files_are_parsed_or_refused(reader, rng, edits):
    text = mutate(rng.choice(SEEDS[reader]), rng, edits)
    assert feed(reader, text) in {"parsed", "refused"}


@pytest.mark.fuzz
@pytest.mark.parametrize("reader", list(READERS))
def test_coverage_guided_fuzzing_finds_no_crash(reader):
    pytest.importorskip("atheris", reason="the fuzz extra (atheris) is not installed")
    result = subprocess.run(
        [sys.executable, "-m", "gaps.formats._fuzzing", reader, "-atheris_runs=20000"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    print(result.stdout.strip().splitlines()[-1])

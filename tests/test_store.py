"""The store keeps every finished task, resumes without redoing work, refuses bad files."""

from __future__ import annotations

import sqlite3

import pytest

import gaps
from gaps.execution import WorkerPool
from gaps.measure import measure
from gaps.store import SCHEMA_VERSION, Store, StoreError


def test_rerun_resumes_without_redoing_or_duplicating(tmp_path):
    path = tmp_path / "gaps.sqlite"
    fam = gaps.get("sorting")
    with WorkerPool(2) as pool:
        with Store(path) as store:
            first = measure(fam, [8, 16], instances=2, pool=pool, store=store)
            rows = store.count()
        with Store(path) as store:
            second = measure(fam, [8, 16, 32], instances=2, pool=pool, store=store)
            assert second.resumed == 4  # the sizes 8 and 16 were read back
            assert store.count() == rows * 3 // 2
            assert store.count("tasks") == 6
    for key, records in first.records.items():
        assert [r.steps for r in records] == [r.steps for r in second.records[key]]


def test_interrupted_survey_keeps_what_was_finished(tmp_path):
    path = tmp_path / "gaps.sqlite"
    calls = []

    def stop_after_two(task, records):
        calls.append(task)
        if len(calls) == 2:
            raise KeyboardInterrupt

    fam = gaps.get("sorting")
    store = Store(path)
    with WorkerPool(1) as pool, pytest.raises(KeyboardInterrupt):
        from gaps.tasks import Limits, Task

        tasks = [Task("timsort", ("check",), 8, i, 0) for i in range(5)]
        pool.run(
            fam,
            tasks,
            Limits(),
            lambda t, r: (
                store.commit_task(fam.name, ("fp", t.generator, t.size, t.index, 0, "l"), 1, r),
                stop_after_two(t, r),
            ),
        )
    store.close()
    with Store(path) as reopened:
        assert reopened.count("tasks") == 2


def test_a_file_that_is_not_a_store_gets_a_clear_error(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="--db"):
        Store(path)
    assert path.read_text().startswith("these are my notes")


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_runs_record_versions_and_config(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        run = store.start_run(seed=3, config={"cost": "steps"})
        store.finish_run(run)
        (row,) = store.runs()
    assert row["seed"] == 3 and row["version"] == gaps.__version__
    assert "z3-solver" in row["solvers"] and row["finished"] >= row["started"]

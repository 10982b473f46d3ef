"""The store keeps every finished task, resumes without redoing work, refuses bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import gaps
from gaps.execution import WorkerPool
from gaps.measure import measure
from gaps.settings import Settings
from gaps.store import APPLICATION_ID, SCHEMA_VERSION, Store, StoreError, read_latest_search

DATA = Path(__file__).parent / "data"


def test_rerun_resumes_without_redoing_or_duplicating(tmp_path):
    path = tmp_path / "gaps.sqlite"
    fam = gaps.get("sorting")
    with WorkerPool(2) as pool:
        with Store(path) as store:
            first = measure(fam, [8, 16], Settings(instances=2, store=store), pool=pool)
            rows = store.count()
        with Store(path) as store:
            second = measure(fam, [8, 16, 32], Settings(instances=2, store=store), pool=pool)
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
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute("CREATE TABLE future (x)")
    db.close()
    before = _snapshot(path)
    with pytest.raises(StoreError, match="newer"):
        Store(path)
    assert _snapshot(path) == before


def _snapshot(path):
    """The file's bytes and the names of its sidecar files (a WAL switch would add some)."""
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


def _foreign(path, user_version=0):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    db.execute("INSERT INTO contacts VALUES ('Ada', '123')")
    db.execute(f"PRAGMA user_version = {user_version}")
    db.commit()
    db.close()


@pytest.mark.parametrize("user_version", [0, 1, 2])
def test_another_programs_database_is_refused_untouched(tmp_path, user_version):
    path = tmp_path / "contacts.sqlite"
    _foreign(path, user_version)
    before = _snapshot(path)
    with pytest.raises(StoreError, match=r"another program.*left untouched.*--db"):
        Store(path)
    assert _snapshot(path) == before


def test_an_empty_database_with_someone_elses_user_version_is_refused(tmp_path):
    path = tmp_path / "claimed.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 7")
    db.close()
    with pytest.raises(StoreError, match="another program"):
        Store(path)


def test_a_new_store_carries_the_application_id(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    Store(path).close()  # and is opened again


CATALOG = "module gaps.problems.strings.sorting"


def _sign(store, sign, seed=0, origin=CATALOG):
    store.record_sign(
        "sorting",
        "timsort/check",
        origin=origin,
        unit="steps",
        sign=sign,
        theory_sign="positive",
        confidence=1.0,
        seed=seed,
        run_id=1,
    )


def test_classifying_again_replaces_the_sign_instead_of_appending(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        _sign(store, "neutral")
        _sign(store, "positive")
        _sign(store, "positive", seed=1)
        assert store.count("signs") == 2
        assert store.latest_signs() == {("sorting", CATALOG, "timsort/check"): "positive"}


def test_a_family_from_elsewhere_keeps_its_own_sign_beside_the_catalogs(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        _sign(store, "positive")
        _sign(store, "negative", origin="file /home/me/sorting.py")
        assert store.latest_signs() == {
            ("sorting", CATALOG, "timsort/check"): "positive",
            ("sorting", "file /home/me/sorting.py", "timsort/check"): "negative",
        }


def test_a_store_of_the_current_version_with_other_tables_is_refused_untouched(tmp_path):
    path = tmp_path / "other_build.sqlite"
    db = sqlite3.connect(path)
    db.executescript((DATA / "store_v3.sql").read_text())
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.close()
    before = _snapshot(path)
    with pytest.raises(StoreError, match=r"claims schema version \d+ but holds other tables"):
        Store(path)
    assert _snapshot(path) == before


def test_a_version_3_store_written_by_the_previous_schema_is_upgraded(tmp_path):
    path = tmp_path / "v3.sqlite"
    db = sqlite3.connect(path)
    db.executescript((DATA / "store_v3.sql").read_text())
    db.close()
    with Store(path) as store:
        assert store.latest_signs() == {
            ("sorting", "", "timsort/check"): "positive",
            ("planarity", "", "embed/check"): "neutral",
        }
        assert store.count("runs") == store.count("tasks") == 1
        key = ("fp", "timsort", 8, 0, 0, "t=1")
        assert [r.steps for r in store.task_records(key)] == [8, 3]
        _sign(store, "negative")  # the catalog's own sign now sits beside the old one
        assert store.count("signs") == 3
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


def test_a_version_2_store_is_upgraded_keeping_the_latest_sign(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(_VERSION_2_SIGNS)
    db.executemany(
        "INSERT INTO signs VALUES ('sorting', 'timsort/check', 'steps', ?, NULL, 1.0, 0, 1, ?)",
        [("neutral", 1.0), ("positive", 2.0), ("positive", 3.0)],
    )
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.latest_signs() == {("sorting", "", "timsort/check"): "positive"}
        _sign(store, "negative", origin="")
        assert store.count("signs") == 1


_VERSION_2_SIGNS = """
CREATE TABLE runs (id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL,
    version TEXT NOT NULL, solvers TEXT NOT NULL, config TEXT NOT NULL,
    seed INTEGER NOT NULL, host TEXT NOT NULL);
CREATE TABLE tasks (family TEXT NOT NULL, fingerprint TEXT NOT NULL, generator TEXT NOT NULL,
    size INTEGER NOT NULL, idx INTEGER NOT NULL, seed INTEGER NOT NULL, limits TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id), finished REAL NOT NULL,
    PRIMARY KEY (fingerprint, generator, size, idx, seed, limits));
CREATE TABLE measurements (fingerprint TEXT NOT NULL, generator TEXT NOT NULL,
    size INTEGER NOT NULL, idx INTEGER NOT NULL, seed INTEGER NOT NULL, limits TEXT NOT NULL,
    position INTEGER NOT NULL, family TEXT NOT NULL, role TEXT NOT NULL,
    verifier TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL, steps INTEGER,
    cpu REAL, wall REAL, memory INTEGER, counters TEXT NOT NULL, verdict INTEGER,
    score REAL, evidence TEXT NOT NULL,
    PRIMARY KEY (fingerprint, generator, size, idx, seed, limits, position));
CREATE INDEX measurements_family ON measurements (family, role);
CREATE TABLE signs (family TEXT NOT NULL, pairing TEXT NOT NULL, unit TEXT NOT NULL,
    sign TEXT NOT NULL, theory_sign TEXT, confidence REAL NOT NULL, seed INTEGER NOT NULL,
    run_id INTEGER NOT NULL, classified REAL NOT NULL);
CREATE INDEX signs_latest ON signs (family, pairing, classified);
PRAGMA user_version = 2;
"""


def test_runs_record_versions_and_config(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        run = store.start_run(seed=3, config={"cost": "steps"})
        store.finish_run(run)
        (row,) = store.runs()
    assert row["seed"] == 3 and row["version"] == gaps.__version__
    assert "z3-solver" in row["solvers"] and row["finished"] >= row["started"]


def _proof(store, claim, status, part="min_cut"):
    store.record_proof("max_flow", part, claim=claim, bound=3, status=status, detail=claim)


def test_proving_again_replaces_a_claims_verdict(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        _proof(store, "a cut bounds every flow", "unknown")
        _proof(store, "a cut bounds every flow", "proved")
        assert store.count("proofs") == 1
        assert store.proof_status() == {("max_flow", "min_cut"): "proved"}


def test_a_verifier_with_one_refuted_claim_is_refuted(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        _proof(store, "a cut bounds every flow", "proved")
        _proof(store, "specification", "refuted")
        _proof(store, "specification", "unknown", part="recompute")
        assert store.proof_status() == {
            ("max_flow", "min_cut"): "refuted",
            ("max_flow", "recompute"): "unknown",
        }


def test_a_version_3_store_gains_the_proofs_table_and_keeps_its_signs(tmp_path):
    path = tmp_path / "v3.sqlite"
    with Store(path) as store:
        _sign(store, "positive")
    db = sqlite3.connect(path)
    db.execute("DROP TABLE proofs")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.latest_signs() == {("sorting", "", "timsort/check"): "positive"}
        _proof(store, "a cut bounds every flow", "proved")
        assert store.proof_status() == {("max_flow", "min_cut"): "proved"}
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
    db.close()


def test_a_version_5_store_gains_the_searches_table_and_keeps_the_latest_search(tmp_path):
    path = tmp_path / "v5.sqlite"
    with Store(path) as store:
        _proof(store, "a cut bounds every flow", "proved")
    db = sqlite3.connect(path)
    db.execute("DROP TABLE searches")
    db.execute("PRAGMA user_version = 5")
    db.commit()
    db.close()
    assert read_latest_search(path) is None
    with Store(path) as store:
        assert store.proof_status() == {("max_flow", "min_cut"): "proved"}
        for seed in (1, 2):
            store.record_search(store.start_run(seed=seed, config={}), {"seed": seed})
        assert store.latest_search() == {"seed": 2}
    assert read_latest_search(path) == {"seed": 2}

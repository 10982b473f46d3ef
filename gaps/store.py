"""The embedded SQLite store: runs and every measured call, committed as it finishes.

Measurements are keyed by (family fingerprint, generator, size, index, seed, limits),
so an interrupted or repeated sweep resumes without redoing or duplicating work. A
task's records and its completion mark are committed in one transaction: a task is
either wholly stored or not at all. Only the coordinator process writes.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from gaps.calls import CallRecord
from gaps.errors import GapsError

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "default_path",
    "read_latest_search",
]

#: 2: the signs table; 3: signs keyed, the application id set; 4: signs keyed by origin
#: too; 5: the proofs table; 6: the searches table.
SCHEMA_VERSION = 6
#: SQLite's application_id of every gaps store ("gaps" in ASCII): a file without it is
#: another program's, and gaps refuses it rather than adding its tables.
APPLICATION_ID = 0x67617073

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started REAL NOT NULL,
    finished REAL,
    version TEXT NOT NULL,
    solvers TEXT NOT NULL,
    config TEXT NOT NULL,
    seed INTEGER NOT NULL,
    host TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
    family TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    generator TEXT NOT NULL,
    size INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    limits TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    finished REAL NOT NULL,
    PRIMARY KEY (fingerprint, generator, size, idx, seed, limits)
);
CREATE TABLE IF NOT EXISTS measurements (
    fingerprint TEXT NOT NULL,
    generator TEXT NOT NULL,
    size INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    limits TEXT NOT NULL,
    position INTEGER NOT NULL,
    family TEXT NOT NULL,
    role TEXT NOT NULL,
    verifier TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL,
    steps INTEGER,
    cpu REAL,
    wall REAL,
    memory INTEGER,
    counters TEXT NOT NULL,
    verdict INTEGER,
    score REAL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (fingerprint, generator, size, idx, seed, limits, position)
);
CREATE INDEX IF NOT EXISTS measurements_family ON measurements (family, role);
CREATE TABLE IF NOT EXISTS signs (
    family TEXT NOT NULL,
    origin TEXT NOT NULL,
    pairing TEXT NOT NULL,
    unit TEXT NOT NULL,
    sign TEXT NOT NULL,
    theory_sign TEXT,
    confidence REAL NOT NULL,
    seed INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    classified REAL NOT NULL,
    PRIMARY KEY (family, origin, pairing, unit, seed)
);
CREATE INDEX IF NOT EXISTS signs_latest ON signs (family, origin, pairing, classified);
"""

#: Version 5's table: the latest verdict of each claim ``gaps prove`` checked, by the
#: family and the verifier (or generator) it is about.
_PROOFS = """
CREATE TABLE IF NOT EXISTS proofs (
    family TEXT NOT NULL,
    part TEXT NOT NULL,
    claim TEXT NOT NULL,
    bound INTEGER NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL,
    counterexample TEXT,
    z3 TEXT NOT NULL,
    checked REAL NOT NULL,
    PRIMARY KEY (family, part, claim)
)
"""

#: Version 6's table: each finished search's result (``SearchResult.to_dict()`` as JSON),
#: by the run that measured it, so that ``gaps report`` shows the latest without a file.
_SEARCHES = """
CREATE TABLE IF NOT EXISTS searches (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id),
    finished REAL NOT NULL,
    result TEXT NOT NULL
)
"""


_LATEST_SEARCH = "SELECT result FROM searches ORDER BY finished DESC, run_id DESC LIMIT 1"


class StoreError(GapsError, OSError):
    """The store cannot be opened or written (wrong file, newer schema, locked)."""


def default_path() -> Path:
    """Where the CLI keeps its store: ``$GAPS_DB``, else ``~/.local/share/gaps/gaps.sqlite``.

    >>> default_path().name
    'gaps.sqlite'
    """
    env = os.environ.get("GAPS_DB")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "gaps" / "gaps.sqlite"


TaskKey = tuple[str, str, int, int, int, str]  # fingerprint, generator, size, idx, seed, limits


class Store:
    """An SQLite file (or ``":memory:"``) holding runs and measurements.

    Examples
    --------
    >>> store = Store(":memory:")
    >>> run = store.start_run(seed=0, config={"cost": "steps"})
    >>> key = ("fp", "generate", 8, 0, 0, "t=1")
    >>> store.has_task(key)
    False
    >>> store.commit_task("demo", key, run, [CallRecord("generate", steps=8)])
    >>> store.has_task(key), [r.steps for r in store.task_records(key)]
    (True, [8])
    """

    def __init__(self, path: str | os.PathLike[str] = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout = 30000")
            # Read-only checks first: a file that is not a gaps store is left as it was.
            version = _owned_version(self._db, self.path)
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            with self._transaction():
                _upgrade(self._db, version)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(
                f"Cannot open the store {self.path!r} ({exc}). Is it a gaps SQLite file? "
                "Pass another path with --db."
            ) from None
        except StoreError:
            self.close()
            raise

    def _transaction(self) -> Any:
        return _Immediate(self._db)

    def close(self) -> None:
        if hasattr(self, "_db"):  # not when the file could not even be opened
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start_run(self, *, seed: int, config: dict[str, Any]) -> int:
        """Record the start of a run (toolkit and solver versions, config, seed, host)."""
        import gaps

        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO runs (started, version, solvers, config, seed, host) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    time.time(),
                    gaps.__version__,
                    json.dumps(solver_versions()),
                    json.dumps(config, sort_keys=True, default=str),
                    seed,
                    platform.node(),
                ),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int) -> None:
        with self._transaction():
            self._db.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), run_id))

    def has_task(self, key: TaskKey) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM tasks WHERE fingerprint=? AND generator=? AND size=? AND idx=? "
            "AND seed=? AND limits=?",
            key,
        ).fetchone()
        return row is not None

    def commit_task(
        self, family: str, key: TaskKey, run_id: int, records: list[CallRecord]
    ) -> None:
        """Store a finished task's records and its completion mark, atomically."""
        rows = [
            (
                *key,
                position,
                family,
                r.role,
                r.verifier,
                r.outcome,
                r.reason,
                r.steps,
                r.cpu,
                r.wall,
                r.memory,
                json.dumps(r.counters),
                None if r.verdict is None else int(r.verdict),
                r.score,
                r.evidence,
            )
            for position, r in enumerate(records)
        ]
        with self._transaction():
            self._db.execute(
                "DELETE FROM measurements WHERE fingerprint=? AND generator=? AND size=? "
                "AND idx=? AND seed=? AND limits=?",
                key,
            )
            self._db.executemany(f"INSERT INTO measurements VALUES ({', '.join('?' * 20)})", rows)
            self._db.execute(
                "INSERT OR REPLACE INTO tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (family, *key, run_id, time.time()),
            )

    def task_records(self, key: TaskKey) -> list[CallRecord]:
        cursor = self._db.execute(
            "SELECT role, verifier, outcome, reason, steps, cpu, wall, memory, counters, "
            "verdict, score, evidence FROM measurements WHERE fingerprint=? AND generator=? "
            "AND size=? AND idx=? AND seed=? AND limits=? ORDER BY position",
            key,
        )
        return [_record(row) for row in cursor]

    def runs(self) -> Iterator[dict[str, Any]]:
        cursor = self._db.execute("SELECT * FROM runs ORDER BY id")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def record_sign(
        self,
        family: str,
        pairing: str,
        *,
        origin: str,
        unit: str,
        sign: str,
        theory_sign: str | None,
        confidence: float,
        seed: int,
        run_id: int,
    ) -> None:
        """Keep a pairing's classified sign (the catalog shows the latest).

        One sign per (family, origin, pairing, unit, seed): classifying again, as a
        resumed run does, replaces it, and a family of the same name from elsewhere
        (``origin``, the family's :attr:`~gaps.Family.origin`) keeps its own.
        """
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO signs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    family,
                    origin,
                    pairing,
                    unit,
                    sign,
                    theory_sign,
                    confidence,
                    seed,
                    run_id,
                    time.time(),
                ),
            )

    def latest_signs(self) -> dict[tuple[str, str, str], str]:
        """The most recently classified sign of every (family, origin, pairing).

        >>> store = Store(":memory:")
        >>> store.record_sign("sorting", "timsort/check", origin="module mine",
        ...                   unit="steps", sign="positive", theory_sign="positive",
        ...                   confidence=1.0, seed=0, run_id=0)
        >>> store.latest_signs()
        {('sorting', 'module mine', 'timsort/check'): 'positive'}
        """
        cursor = self._db.execute(
            "SELECT family, origin, pairing, sign FROM signs ORDER BY classified, rowid"
        )
        return {(family, origin, pairing): sign for family, origin, pairing, sign in cursor}

    def record_proof(
        self,
        family: str,
        part: str,
        *,
        claim: str,
        bound: int,
        status: str,
        detail: str,
        counterexample: str | None = None,
    ) -> None:
        """Keep the verdict on one claim about ``family``'s verifier (or generator) ``part``.

        One verdict per (family, part, claim): proving again replaces it.
        """
        z3 = solver_versions().get("z3-solver", "")
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO proofs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (family, part, claim, bound, status, detail, counterexample, z3, time.time()),
            )

    def proof_status(self) -> dict[tuple[str, str], str]:
        """Per (family, part): ``refuted`` if a claim is, ``unknown`` if one is, else ``proved``.

        >>> store = Store(":memory:")
        >>> store.record_proof("max_flow", "min_cut", claim="a cut bounds every flow",
        ...                    bound=4, status="proved", detail="")
        >>> store.proof_status()
        {('max_flow', 'min_cut'): 'proved'}
        """
        found: dict[tuple[str, str], set[str]] = {}
        for family, part, status in self._db.execute("SELECT family, part, status FROM proofs"):
            found.setdefault((family, part), set()).add(status)
        order = ("refuted", "unknown", "proved")
        return {key: next(s for s in order if s in seen) for key, seen in found.items()}

    def record_search(self, run_id: int, result: dict[str, Any]) -> None:
        """Keep the result of the search that ran as ``run_id`` (its ``to_dict()``)."""
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO searches VALUES (?, ?, ?)",
                (run_id, time.time(), json.dumps(result)),
            )

    def latest_search(self) -> dict[str, Any] | None:
        """The result of the search that finished last, or None if none was kept.

        >>> store = Store(":memory:")
        >>> store.latest_search() is None
        True
        >>> store.record_search(store.start_run(seed=0, config={}), {"candidates": []})
        >>> store.latest_search()
        {'candidates': []}
        """
        row = self._db.execute(_LATEST_SEARCH).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def count(self, table: str = "measurements") -> int:
        if table not in ("runs", "tasks", "measurements", "signs", "proofs", "searches"):
            raise ValueError(f"unknown table {table!r}")
        return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def read_latest_search(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The latest search kept in the store at ``path``, read without writing to it.

    None when there is no such file, or it keeps no search (a store older than the
    searches table, or another program's file): a report then shows what it has.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "gaps.sqlite"
    >>> read_latest_search(path) is None
    True
    >>> with Store(path) as store:
    ...     store.record_search(store.start_run(seed=0, config={}), {"candidates": []})
    >>> read_latest_search(path)
    {'candidates': []}
    """
    if not Path(path).is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as db:
            if "searches" not in _tables(db):
                return None
            row = db.execute(_LATEST_SEARCH).fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else dict(json.loads(row[0]))


def _tables(db: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Every table's column names."""
    names = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {
        name: tuple(c[1] for c in db.execute(f"PRAGMA table_info({name!r})")) for (name,) in names
    }


def _schema_tables() -> dict[str, tuple[str, ...]]:
    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA + ";" + _PROOFS + ";" + _SEARCHES)
    try:
        return _tables(db)
    finally:
        db.close()


def _owned_version(db: sqlite3.Connection, path: str) -> int:
    """The schema version of a gaps store (0 for an empty file), or StoreError."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The store {path!r} has schema version {version}, newer than this "
                f"gaps ({SCHEMA_VERSION}). Upgrade gaps or use another --db."
            )
        if version == SCHEMA_VERSION and _tables(db) != _schema_tables():
            raise StoreError(
                f"The store {path!r} claims schema version {version} but holds other "
                "tables (a development build of gaps wrote it); it was left untouched. "
                "Pass another path with --db."
            )
        return int(version)
    tables = _tables(db)
    if app_id == 0 and version == 0 and not tables:
        return 0
    # Stores written before the application id was set: known only by their tables.
    current = {k: v for k, v in _schema_tables().items() if k not in ("proofs", "searches")}
    signs = tuple(c for c in current["signs"] if c != "origin")
    before = {1: {k: v for k, v in current.items() if k != "signs"}, 2: {**current, "signs": signs}}
    if app_id == 0 and before.get(version) == tables:
        return int(version)
    raise StoreError(
        f"{path!r} is an SQLite file of another program (application id {app_id}, "
        f"user_version {version}, tables {', '.join(sorted(tables)) or 'none'}), not a gaps "
        "store; it was left untouched. Pass another path with --db."
    )


def _upgrade(db: sqlite3.Connection, version: int) -> None:
    """Bring a gaps store of ``version`` (0: a new one) to the current schema.

    A new store gets the whole schema; an older one runs each migration step from its
    version on, in order, each taking the store one version up.
    """
    if version == 0:
        for statement in (*_SCHEMA.split(";"), _PROOFS, _SEARCHES):
            if statement.strip():
                db.execute(statement)
    else:
        for step in _MIGRATIONS[version - 1 :]:
            step(db)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


_SIGNS_V3 = """
CREATE TABLE signs (
    family TEXT NOT NULL,
    pairing TEXT NOT NULL,
    unit TEXT NOT NULL,
    sign TEXT NOT NULL,
    theory_sign TEXT,
    confidence REAL NOT NULL,
    seed INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    classified REAL NOT NULL,
    PRIMARY KEY (family, pairing, unit, seed)
)"""


def _to_version_2(db: sqlite3.Connection) -> None:
    """Version 2 adds the signs table (keyed here already: step 3 then has nothing to merge)."""
    db.execute(_SIGNS_V3)


def _to_version_3(db: sqlite3.Connection) -> None:
    """Version 3 keys the signs; version 2 appended one per classification: keep the latest."""
    if "PRIMARY KEY" in _create_statement(db, "signs"):
        return
    db.execute("ALTER TABLE signs RENAME TO signs_unkeyed")
    db.execute("DROP INDEX IF EXISTS signs_latest")
    db.execute(_SIGNS_V3)
    db.execute(
        "INSERT OR REPLACE INTO signs SELECT * FROM signs_unkeyed ORDER BY classified, rowid"
    )
    db.execute("DROP TABLE signs_unkeyed")


def _to_version_4(db: sqlite3.Connection) -> None:
    """Version 4 keys signs by the family's origin too.

    Where a version-3 sign came from is unknown; it keeps the origin ``""``, which the
    catalog reads only where no sign of the registered family's own origin exists.
    """
    db.execute("ALTER TABLE signs RENAME TO signs_v3")
    db.execute("DROP INDEX IF EXISTS signs_latest")
    for statement in _SCHEMA.split(";"):
        if "signs" in statement:
            db.execute(statement)
    db.execute(
        "INSERT INTO signs SELECT family, '', pairing, unit, sign, theory_sign, confidence, "
        "seed, run_id, classified FROM signs_v3"
    )
    db.execute("DROP TABLE signs_v3")


def _to_version_5(db: sqlite3.Connection) -> None:
    """Version 5 keeps the verdicts of ``gaps prove``."""
    db.execute(_PROOFS)


def _to_version_6(db: sqlite3.Connection) -> None:
    """Version 6 keeps each search's result."""
    db.execute(_SEARCHES)


#: Migration step i takes a store from version i + 1 to version i + 2.
_MIGRATIONS = (_to_version_2, _to_version_3, _to_version_4, _to_version_5, _to_version_6)


def _create_statement(db: sqlite3.Connection, table: str) -> str:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return str(row[0]) if row else ""


def _record(row: tuple[Any, ...]) -> CallRecord:
    role, verifier, outcome, reason, steps, cpu, wall, memory, counters, verdict, score, ev = row
    return CallRecord(
        role=role,
        verifier=verifier,
        outcome=outcome,
        reason=reason,
        steps=steps,
        cpu=cpu,
        wall=wall,
        memory=memory,
        counters=json.loads(counters),
        verdict=None if verdict is None else bool(verdict),
        score=score,
        evidence=ev,
    )


class _Immediate:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``: take the write lock up front, roll back on error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def solver_versions() -> dict[str, str]:
    """Versions of the solvers whose counters the measurements may hold."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("z3-solver", "python-sat", "python-flint", "sympy", "networkx", "numpy"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found

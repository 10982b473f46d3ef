-- A schema-3 store as the schema-3 Store wrote it: a run, a task and two signs.
BEGIN TRANSACTION;
CREATE TABLE measurements (
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
INSERT INTO "measurements" VALUES('fp','timsort',8,0,0,'t=1',0,'sorting','generate','','ok','',8,NULL,NULL,NULL,'{}',NULL,NULL,'');
INSERT INTO "measurements" VALUES('fp','timsort',8,0,0,'t=1',1,'sorting','verify','check','ok','',3,NULL,NULL,NULL,'{}',1,NULL,'');
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started REAL NOT NULL,
    finished REAL,
    version TEXT NOT NULL,
    solvers TEXT NOT NULL,
    config TEXT NOT NULL,
    seed INTEGER NOT NULL,
    host TEXT NOT NULL
);
INSERT INTO "runs" VALUES(1,1.79649500875405645364e+09,1.79649500879896354679e+09,'0.1.0','{"z3-solver": "5.4.1.0", "python-sat": "1.9.dev24", "python-flint": "0.9.0", "sympy": "1.14.0", "networkx": "3.6.1", "numpy": "2.4.6"}','{"cost": "steps"}',0,'vm');
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
);
INSERT INTO "signs" VALUES('sorting','timsort/check','steps','positive','positive',0.9,0,1,1.79649500879288387305e+09);
INSERT INTO "signs" VALUES('planarity','embed/check','steps','neutral',NULL,0.5,1,1,1.79649500879688978193e+09);
CREATE TABLE tasks (
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
INSERT INTO "tasks" VALUES('sorting','fp','timsort',8,0,0,'t=1',1,1.79649500879119896883e+09);
CREATE INDEX measurements_family ON measurements (family, role);
CREATE INDEX signs_latest ON signs (family, pairing, classified);
COMMIT;
PRAGMA application_id = 1734439027;
PRAGMA user_version = 3;

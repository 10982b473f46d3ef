"""The CLI as a user runs it: exit codes, messages without tracebacks, JSON, quick help."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest


def gaps(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "gaps", *args], capture_output=True, text=True, timeout=300, env=env
    )


def test_help_is_quick_and_loads_no_heavy_library():
    code = (
        "import time, sys; t = time.perf_counter(); from gaps.cli import cli; "
        "import gaps; print(time.perf_counter() - t); "
        "heavy = ('sympy', 'z3', 'matplotlib', 'dask', 'numpy'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.split(
        "\n"
    )
    assert out[1] == "[]"
    started = time.perf_counter()
    result = gaps("--help")
    assert result.returncode == 0 and "survey" in result.stdout
    assert time.perf_counter() - started < 3  # the import itself is checked above


@pytest.mark.parametrize(
    "args, message",
    [
        (["classify", "sortng"], "Did you mean 'sorting'?"),
        (["classify", "sorting", "--sizes", "8,x"], "comma-separated"),
        (["classify", "sorting", "--cost", "stepz"], "Did you mean 'steps'?"),
        (["classify", "sorting", "--pairing", "nope"], "has no pairing"),
        (["classify", "sorting", "--memory-limit", "lots"], "not a size in bytes"),
        (["classify", "sorting", "--memory-limit", "inf", "--no-store"], "not a size in bytes"),
        (["classify", "sorting", "--memory-limit", "1e30", "--no-store"], "'memory_limit' must be"),
        (["classify", "sorting", "--time-limit", "nan", "--no-store"], "'time_limit' must be"),
        (["classify", "sorting", "--time-limit", "inf", "--no-store"], "'time_limit' must be"),
        (["classify", "sorting", "--seed", str(10**20), "--no-store"], "'seed' must be"),
        (["classify", "sorting", "--sizes", f"8,{10**20}", "--no-store"], "sizes must be at most"),
        (
            ["survey", "--family", "sorting", "--time-limit", "nan", "--no-store"],
            "'time_limit' must be",
        ),
        (["survey", "--domain", "astrology"], "No family matches"),
        (["classify", "no_such_file.py:FAMILY"], "No file"),
        (["bogus"], "No such command"),
        (["classify", "sorting", "--plot", "out.txt", "--no-store"], "cannot write a txt file"),
    ],
)
def test_usage_errors_exit_2_with_a_message_and_no_traceback(args, message):
    result = gaps(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_store_that_is_not_a_database_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not sqlite" * 200)
    result = gaps("classify", "sorting", "--sizes", "4,8,16", "--db", str(bad))
    assert result.returncode == 2 and "Cannot open the store" in result.stderr
    assert bad.read_text().startswith("not sqlite")


def test_another_programs_database_is_a_usage_error_and_left_untouched(tmp_path):
    import sqlite3

    other = tmp_path / "contacts.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    before = other.read_bytes()
    result = gaps("classify", "sorting", "--sizes", "4,8,16", "--db", str(other))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "another program" in result.stderr
    assert other.read_bytes() == before


def test_classify_json_and_plot(tmp_path):
    plot = tmp_path / "sorting.png"
    result = gaps(
        "classify",
        "sorting",
        "--sizes",
        "32,64,128,256,512,1024,2048,4096",
        "--instances",
        "2",
        "--json",
        "--plot",
        str(plot),
        "--db",
        str(tmp_path / "s.sqlite"),
    )
    assert result.returncode == 0, result.stderr
    (report,) = json.loads(result.stdout)
    assert report["sign"] == "positive" and report["generate"]["growth"]["label"] == "linearithmic"
    assert plot.stat().st_size > 10_000


def test_user_family_from_a_file_unsound_exits_1(tmp_path):
    source = tmp_path / "mine.py"
    source.write_text(
        "import gaps\n"
        "FAMILY = gaps.Family('accept_all', lambda n, rng: list(range(n)),\n"
        "    lambda xs, m: xs[::-1], lambda xs, ys, m: True, lambda xs, ys, rng: ys + [0])\n"
    )
    result = gaps("classify", f"{source}:FAMILY", "--sizes", "4,8,16", "--no-store")
    assert result.returncode == 1
    assert "unsound" in result.stdout and "accepts a corrupted output" in result.stdout


def test_catalog_lists_and_shows_a_family():
    listed = gaps("catalog", "--json")
    assert listed.returncode == 0
    assert "sorting" in [row["family"] for row in json.loads(listed.stdout)]
    shown = gaps("catalog", "sorting")
    assert shown.returncode == 0 and "Timsort" in shown.stdout


def test_catalog_shows_last_measured_sign_and_filters_by_it(tmp_path):
    db = str(tmp_path / "s.sqlite")
    assert (
        gaps(
            "classify", "sorting", "--sizes", "32,64,128,256,512,1024,2048,4096", "--db", db
        ).returncode
        == 0
    )
    rows = json.loads(gaps("catalog", "--json", "--db", db).stdout)
    (sorting,) = [r for r in rows if r["family"] == "sorting"]
    assert (sorting["theory_sign"], sorting["measured_sign"]) == ("positive", "positive")
    positive = json.loads(gaps("catalog", "--json", "--db", db, "--sign", "positive").stdout)
    assert [r["family"] for r in positive] == ["sorting"]
    unknown = gaps("catalog", "--mode", "blnd")
    assert unknown.returncode == 2 and "Did you mean 'blind'?" in unknown.stderr


IMPOSTOR_FAMILY = """
import gaps

FAMILY = gaps.Family(
    "sorting",
    lambda size, rng: [rng.randrange(9) for _ in range(size)],
    {"timsort": lambda xs, meter: sorted(xs)},
    {"check": lambda xs, ys, meter: ys == sorted(xs)},
)
"""


def test_a_user_family_named_like_a_catalog_family_leaves_the_catalogs_sign(tmp_path):
    from gaps.store import Store

    db = str(tmp_path / "s.sqlite")
    with Store(db) as store:
        store.record_sign(
            "sorting",
            "timsort/check",
            origin=json.loads(gaps("catalog", "sorting", "--json").stdout)["origin"],
            unit="steps",
            sign="positive",
            theory_sign="positive",
            confidence=1.0,
            seed=0,
            run_id=0,
        )
    path = tmp_path / "sorting.py"
    path.write_text(IMPOSTOR_FAMILY)
    args = ("--sizes", "4,8", "--instances", "1", "--workers", "1", "--db", db)
    assert gaps("classify", f"{path}:FAMILY", *args).returncode in (0, 1)
    with Store(db) as store:
        origins = {origin for _, origin, _ in store.latest_signs()}
    assert f"file {path.resolve()}" in origins and len(origins) == 2
    rows = json.loads(gaps("catalog", "--json", "--db", db).stdout)
    (sorting,) = [r for r in rows if r["pairing"] == "timsort/check"]
    assert sorting["measured_sign"] == "positive"


MARKUP_FAMILY = '''
import gaps


def sample(size, rng):
    """Sorted lists x[i] <= x[i + 1]."""
    return [rng.randrange(9) for _ in range(size)]


def generate(xs, meter):
    meter.tick(len(xs))
    if len(xs) == 8:
        raise ValueError("[/bold] is not a closing tag here")
    return sorted(xs)


def verify(xs, ys, meter):
    meter.tick(len(xs))
    return ys == sorted(xs)


FAMILY = gaps.Family("markup_demo", sample, generate, verify, domain="[red]lists")
'''


def test_user_text_is_printed_as_text_not_as_rich_markup(tmp_path):
    path = tmp_path / "markup_demo.py"
    path.write_text(MARKUP_FAMILY)
    result = gaps(
        "classify",
        f"{path}:FAMILY",
        "--sizes",
        "4,8,16",
        "--instances",
        "1",
        "--workers",
        "1",
        "--no-store",
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "[/bold] is not a closing tag here" in result.stdout
    shown = gaps("catalog", f"{path}:FAMILY")
    assert shown.returncode == 0 and "Traceback" not in shown.stderr
    assert "x[i] <= x[i + 1]" in shown.stdout or "[red]lists" in shown.stdout


def test_a_run_in_which_nothing_could_be_measured_exits_1_showing_the_errors(tmp_path):
    path = tmp_path / "failing_family.py"
    path.write_text(
        "import gaps\n"
        "def generate(xs, meter):\n"
        "    raise ValueError('no output today')\n"
        "FAMILY = gaps.Family('failing_family', lambda n, rng: [0] * n, generate,\n"
        "                     lambda xs, ys, meter: True)\n"
    )
    args = ("--sizes", "4,8", "--instances", "1", "--workers", "1", "--no-store")
    result = gaps("classify", f"{path}:FAMILY", *args)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "ValueError: no output today" in result.stdout
    assert "Nothing could be measured" in result.stderr


def test_a_survey_in_which_every_role_fails_exits_1_with_one_line_saying_so(tmp_path):
    path = tmp_path / "failing_families.py"
    path.write_text(
        "import gaps\n"
        "def generate(xs, meter):\n"
        "    raise ValueError('no output today')\n"
        "def verify(xs, ys, meter):\n"
        "    raise ValueError('no verdict today')\n"
        "ONE = gaps.Family('failing_one', lambda n, rng: [0] * n, generate, verify, sizes=(4, 8))\n"
        "TWO = gaps.Family('failing_two', lambda n, rng: [1] * n, generate, verify, sizes=(4, 8))\n"
    )
    families = ("--family", f"{path}:ONE", "--family", f"{path}:TWO")
    args = ("--instances", "1", "--workers", "1", "--no-store", "--no-plots")
    result = gaps("survey", *families, *args, "--out", str(tmp_path / "report"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if "Nothing could be measured" in line]
    assert said == ["Nothing could be measured: every call failed (the errors are shown above)."]
    assert "100%" not in result.stdout
    assert "no measured sign could be compared with a declared theory" in result.stdout


def test_a_family_file_that_fails_at_import_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "broken_family.py"
    path.write_text("import gaps\nraise RuntimeError('not ready yet')\n")
    result = gaps("classify", f"{path}:FAMILY", "--no-store")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "RuntimeError: not ready yet" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_family_file_that_hangs_at_import_is_stopped_with_a_message(tmp_path, monkeypatch):
    from gaps import cli, execution
    from gaps.errors import InvalidArgument

    monkeypatch.setattr(execution, "LOAD_TIME_LIMIT", 0.5)
    path = tmp_path / "hanging_family.py"
    path.write_text("import gaps\nwhile True:\n    pass\n")
    with pytest.raises(InvalidArgument, match=r"TimeoutError: it ran for more than 0.5 s"):
        cli._family(f"{path}:FAMILY")


def test_prove_a_catalog_family_proves_its_verifier_and_lemma_and_stores_them(tmp_path):
    db = str(tmp_path / "s.sqlite")
    result = gaps("prove", "sorting", "--bound", "2", "--json", "--db", db)
    assert result.returncode == 0, result.stderr
    spec, lemma = json.loads(result.stdout)
    assert spec["claim"] == "sorting/check" and spec["status"] == "proved"
    assert (lemma["part"], lemma["status"]) == ("check", "proved")
    listed = json.loads(gaps("catalog", "--json", "--db", db).stdout)
    checked = {(r["family"], r["pairing"]): r["verifier_checked"] for r in listed}
    assert checked["sorting", "timsort/check"] == "proved"
    assert checked["max_flow", "dinic/min_cut"] == "tested only"


def test_prove_a_family_runs_its_specification_then_its_lemmas(tmp_path):
    result = gaps("prove", "term_equivalence", "--json", "--no-store")
    assert result.returncode == 0, result.stderr
    spec, lemma = json.loads(result.stdout)
    assert (spec["claim"], spec["status"]) == ("term_equivalence/replay", "proved")
    assert (lemma["family"], lemma["part"], lemma["status"]) == (
        "term_equivalence",
        "replay",
        "proved",
    )


def test_prove_a_wrong_user_verifier_exits_1_with_the_counterexample(tmp_path):
    path = tmp_path / "roots.py"
    path.write_text(
        "import gaps, z3\n"
        "spec = gaps.Specification(\n"
        "    instances=lambda bound: range(bound + 1),\n"
        "    variables=lambda n: [z3.Int('root')],\n"
        "    valid=lambda n, v: v[0] * v[0] == n,\n"
        "    decode=lambda n, values: values[0],\n"
        "    domain=lambda n, v: z3.And(v[0] >= 0, v[0] <= n + 1),\n"
        ")\n"
        "FAMILY = gaps.Family('roots', lambda size, rng: size, lambda n, meter: 0,\n"
        "                     lambda n, r, meter: r * r <= n, spec=spec)\n"
    )
    result = gaps("prove", f"{path}:FAMILY", "--bound", "4", "--no-store")
    assert result.returncode == 1
    assert "refuted" in result.stdout and "counterexample: (1, 0)" in result.stdout


def test_prove_a_family_without_specification_or_lemma_is_a_usage_error():
    result = gaps("prove", "summation", "--no-store")
    assert result.returncode == 2 and "declares no specification" in result.stderr
    assert "Traceback" not in result.stderr


SEARCH_CANDIDATE = """
import random
import gaps


def draw(instance, meter):
    n, salt = instance
    rng = random.Random(salt)
    while True:
        bits = [rng.random() < 0.5 for _ in range(n)]
        meter.tick(n)
        if sum(bits) % 2 == 0:
            return tuple(bits)


def even(instance, bits, meter):
    meter.tick(len(bits))
    return sum(bits) % 2 == 0


EVEN = gaps.Family(
    "even_by_rejection", lambda size, rng: (size, rng.getrandbits(32)), draw,
    {"decide": gaps.blind(even)}, domain="bitstrings", sizes=(8, 16, 32, 64),
)
"""


def test_search_prints_the_verdicts_and_the_how_common_table(tmp_path):
    path = tmp_path / "candidate.py"
    path.write_text(SEARCH_CANDIDATE)
    out = ("--out", str(tmp_path))
    result = gaps("search", "--candidate", f"{path}:EVEN", "--no-store", "--workers", "1", *out)
    assert result.returncode == 0, result.stderr
    assert "even_by_rejection: not negative" in result.stdout
    assert "How common" in result.stdout and "bitstrings" in result.stdout
    as_json = gaps("search", "--candidate", f"{path}:EVEN", "--no-store", "--json", *out)
    assert json.loads(as_json.stdout)["candidates"][0]["verdict"] == "not negative"
    assert json.loads((tmp_path / "search.json").read_text()) == json.loads(as_json.stdout)


@pytest.mark.parametrize(
    "args, message",
    [
        (["search", "--budget", "0"], "--budget"),
        (["search", "--candidate", "no_such_file.py:X"], "No file"),
        (["search", "--instances", "1"], "--instances"),
    ],
)
def test_search_usage_errors_are_one_line(args, message):
    result = gaps(*args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_search_target_prints_the_worst_instances_reproducibly(tmp_path):
    path = tmp_path / "candidate.py"
    path.write_text(SEARCH_CANDIDATE)
    args = ("search", "--candidate", f"{path}:EVEN", "--target", "20", "--seed", "3")
    first, again = gaps(*args), gaps(*args)
    assert first.returncode == 0, first.stderr
    assert "even_by_rejection: the worst instances found (seed 3)" in first.stdout
    assert "verify/generate = 2^" in first.stdout
    assert first.stdout == again.stdout


def test_random_argument_lists_never_crash_the_cli():
    import importlib.util
    import random
    from pathlib import Path

    path = Path(__file__).parent.parent / "benchmarks" / "fuzz_readers.py"
    spec = importlib.util.spec_from_file_location("fuzz_readers", path)
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    outcomes, crashes = fuzz.fuzz_cli(200, random.Random(7))
    assert outcomes["crash"] == 0, crashes
    assert outcomes["exit 2"] > 60 and outcomes["accepted"] > 0, outcomes

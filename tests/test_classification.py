"""A user's own families (not in the catalog) get the textbook classification."""

from __future__ import annotations

import hashlib
import itertools
import random

import pytest

import gaps


def merge_sort(xs, meter):
    if len(xs) <= 1:
        return list(xs)
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid], meter), merge_sort(xs[mid:], meter)
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        meter.tick()
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    meter.tick(len(left) - i + len(right) - j)
    return out + left[i:] + right[j:]


def is_sorted_permutation(xs, ys, meter):
    meter.tick(len(xs))
    return (
        len(ys) == len(xs) and all(a <= b for a, b in itertools.pairwise(ys)) and sorted(xs) == ys
    )


SORTING = gaps.Family(
    name="user_sorting",
    sample=lambda size, rng: [rng.random() for _ in range(size)],
    generate=merge_sort,
    verify=is_sorted_permutation,
    corrupt=lambda xs, ys, rng: ys[::-1],
)


def matmul(ab, meter):
    a, b = ab
    n = len(a)
    meter.tick(n**3)
    return [[sum(a[i][k] * b[k][j] for k in range(n)) for j in range(n)] for i in range(n)]


def freivalds(ab, c, meter):
    a, b = ab
    n = len(a)
    rng = random.Random(hashlib.sha256(repr(c).encode()).digest())
    for _ in range(10):
        r = [rng.randrange(2) for _ in range(n)]
        meter.tick(3 * n * n)
        br = [sum(b[i][j] * r[j] for j in range(n)) for i in range(n)]
        abr = [sum(a[i][j] * br[j] for j in range(n)) for i in range(n)]
        cr = [sum(c[i][j] * r[j] for j in range(n)) for i in range(n)]
        if abr != cr:
            return False
    return True


def corrupt_matrix(ab, c, rng):
    bad = [row[:] for row in c]
    bad[rng.randrange(len(c))][rng.randrange(len(c))] += 1
    return bad


MATRIX = gaps.Family(
    name="user_matrix_product",
    sample=lambda n, rng: tuple(
        [[rng.randrange(10) for _ in range(n)] for _ in range(n)] for _ in range(2)
    ),
    generate=matmul,
    verify=freivalds,
    corrupt=corrupt_matrix,
)

SUM = gaps.Family(
    name="user_sum",
    sample=lambda n, rng: [rng.randrange(1000) for _ in range(n)],
    generate=lambda xs, meter: meter.tick(len(xs)) or sum(xs),
    verify=gaps.compare(lambda xs, s, meter: meter.tick(len(xs)) or s == sum(xs)),
    corrupt=lambda xs, s, rng: s + 1,
)


def leading_zero_bits(digest: bytes) -> int:
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def mine(instance, meter):
    challenge, bits = instance
    nonce = 0
    while True:
        meter.tick()
        if leading_zero_bits(hashlib.sha256(challenge + nonce.to_bytes(8, "big")).digest()) >= bits:
            return nonce
        nonce += 1


def check_nonce(instance, nonce, meter):
    challenge, bits = instance
    meter.tick()
    digest = hashlib.sha256(challenge + nonce.to_bytes(8, "big")).digest()
    return leading_zero_bits(digest) >= bits


def corrupt_nonce(instance, nonce, rng):
    bad = nonce + 1
    while check_nonce(instance, bad, gaps.Meter()):
        bad += 1
    return bad


PROOF_OF_WORK = gaps.Family(
    name="user_proof_of_work",
    sample=lambda bits, rng: (rng.randbytes(16), bits),
    generate=mine,
    verify=check_nonce,
    corrupt=corrupt_nonce,
)


def random_prime(bits, rng):
    while True:
        candidate = rng.getrandbits(bits) | (1 << (bits - 1)) | 1
        if all(candidate % d for d in range(3, int(candidate**0.5) + 1, 2)):
            return candidate


def trial_division_semiprime(instance, n, meter):
    factors, m, d = 0, n, 2
    while d * d <= m:
        meter.tick()
        while m % d == 0:
            m //= d
            factors += 1
        d += 1
    return factors + (m > 1) == 2


def corrupt_semiprime(instance, n, rng):
    return n * 3


SEMIPRIME = gaps.Family(
    name="user_semiprime",
    sample=lambda bits, rng: (random_prime(bits // 2, rng), random_prime(bits - bits // 2, rng)),
    generate=lambda pq, meter: meter.tick(1) or pq[0] * pq[1],
    verify=gaps.blind(trial_division_semiprime),
    corrupt=corrupt_semiprime,
)

ACCEPT_ALL = gaps.Family(
    name="user_accept_all",
    sample=SORTING.sample,
    generate=merge_sort,
    verify=lambda xs, ys, meter: True,
    corrupt=lambda xs, ys, rng: ys[::-1],
)


@pytest.mark.parametrize(
    "family, sizes, sign, generate, verify",
    [
        (SORTING, [64, 128, 256, 512, 1024, 2048], "positive", "linearithmic", "linear"),
        (MATRIX, [4, 6, 8, 12, 16, 24], "positive", "cubic", "quadratic"),
        (SUM, [16, 64, 256, 1024, 4096], "neutral", "linear", "linear"),
        (PROOF_OF_WORK, [2, 4, 6, 8, 10, 12], "positive", "exponential", "constant"),
        (SEMIPRIME, [12, 16, 20, 24, 28, 32], "negative", "constant", "exponential"),
    ],
    ids=lambda v: v.name if isinstance(v, gaps.Family) else None,
)
def test_user_family_gets_textbook_classification(family, sizes, sign, generate, verify):
    report = gaps.classify(family, sizes=sizes, cost="steps", seed=0, workers=2)
    assert (report.generate.growth.label, report.verify.growth.label) == (generate, verify)
    assert report.sign == sign, report.reasons


def test_accept_all_verifier_is_unsound_with_evidence():
    report = gaps.classify(ACCEPT_ALL, sizes=[8, 16, 32], cost="steps", workers=1)
    assert report.sign == "unsound"
    assert "accepts a corrupted output" in report.reasons[0]
    assert report.evidence.startswith("instance=")


def raising_check(xs, ys, meter):
    meter.tick(len(xs))
    raise RuntimeError("checker crashed")


def check_or_crash_on_wrong(xs, ys, meter):
    """Accepts honest outputs; raises instead of rejecting a wrong one."""
    meter.tick(len(xs))
    if ys != sorted(xs):
        raise RuntimeError("not sorted, and no verdict")
    return True


def swap_two(xs, ys, rng):
    ys = list(ys)
    i = rng.randrange(len(ys) - 1)
    ys[i], ys[i + 1] = ys[i + 1] + 1, ys[i]
    return ys


def user_sample(size, rng):
    return [rng.random() for _ in range(size)]


@pytest.mark.parametrize(
    ("verify", "who"),
    [(raising_check, "the verifier raised"), (check_or_crash_on_wrong, "on corrupted outputs")],
)
def test_a_verifier_that_always_raises_makes_the_pairing_unmeasurable(verify, who):
    family = gaps.Family("crashing", user_sample, merge_sort, verify, swap_two)
    report = gaps.classify(family, sizes=[8, 16, 32, 64], cost="steps", instances=2, workers=1)
    assert (report.sign, report.confidence) == ("unmeasurable", 0.0)
    assert who in report.reasons[-1] and "RuntimeError" in report.reasons[-1]
    from gaps.render import survey_markdown

    assert "RuntimeError" in survey_markdown([report.to_dict()], [], "# survey")


def test_a_verifier_that_raises_on_some_calls_is_still_measured():
    def sometimes(xs, ys, meter):
        if len(xs) == 8:
            raise RuntimeError("only at 8")
        return is_sorted_permutation(xs, ys, meter)

    family = gaps.Family("flaky", user_sample, merge_sort, sometimes, swap_two)
    report = gaps.classify(family, sizes=[8, 16, 32, 64, 128], cost="steps", workers=1)
    assert report.sign != "unmeasurable"
    assert any("failed calls" in flag for flag in report.flags)


def test_sizes_omitted_grow_until_the_budget_binds():
    # No sizes from the caller or the family: doubling until a call takes a quarter of
    # the 0.2 s limit. Merge sort's steps still classify as linearithmic.
    report = gaps.classify(SORTING, cost="steps", time_limit=0.2, workers=2, instances=2)
    sizes = report.generate.sizes
    assert sizes[0] == 4 and len(sizes) >= 6
    assert all(b == 2 * a for a, b in itertools.pairwise(sizes))
    assert report.generate.growth.label == "linearithmic"


def test_an_exponential_with_a_base_near_one_still_outgrows_n_log_n():
    from gaps.asymptotics import compare_fitted

    slow_exponential = gaps.Growth("exponential", 1.0036, 1.0, "1.0036**n", 1.0, None)
    linearithmic = gaps.Growth("linearithmic", None, 1.0, "n*log(n)", 1.0, None)
    assert compare_fitted(slow_exponential, linearithmic) == "faster"
    assert compare_fitted(linearithmic, slow_exponential) == "slower"


def test_print_report_shows_its_table_as_plain_text(capsys):
    report = gaps.classify(SORTING, sizes=[8, 16, 32], cost="steps", instances=2, workers=1)
    print(report)
    shown = capsys.readouterr().out
    assert "\x1b[" not in shown  # no terminal codes, even when output is captured
    assert f"{report.family} · {report.pairing}" in shown
    assert "gap (bits)" in shown and f"sign: {report.sign}" in shown
    table_rows = [
        line for line in shown.splitlines() if line.lstrip("│ ").startswith(("8 ", "16 ", "32 "))
    ]
    assert len(table_rows) == 3
    assert str(report) != repr(report)


@pytest.mark.parametrize(
    "arguments, name",
    [
        ({"time_limit": float("nan")}, "time_limit"),
        ({"time_limit": float("inf")}, "time_limit"),
        ({"time_limit": 1e300}, "time_limit"),
        ({"memory_limit": 10**30}, "memory_limit"),
        ({"steps_limit": 2**63}, "steps_limit"),
        ({"seed": 10**20}, "seed"),
        ({"sizes": [8, 10**20]}, "sizes"),
    ],
)
def test_limits_seeds_and_sizes_out_of_range_are_refused_before_measuring(arguments, name):
    with pytest.raises(gaps.InvalidArgument, match=name):
        gaps.classify(SORTING, **{"sizes": [8, 16], "cost": "steps", **arguments})


def test_a_survey_refuses_a_bad_limit_before_recording_a_run(tmp_path):
    from gaps.survey import survey

    with gaps.Store(tmp_path / "s.sqlite") as store, pytest.raises(gaps.InvalidArgument):
        survey([SORTING], time_limit=float("nan"), store=store)


def test_settings_carry_a_run_and_keywords_build_the_same_settings():
    settings = gaps.Settings.from_keywords(seed=4, instances=2, time_limit=5, workers=1)
    by_object = gaps.classify(SORTING, sizes=[8, 16, 32, 64], cost="steps", settings=settings)
    by_keywords = gaps.classify(
        SORTING, sizes=[8, 16, 32, 64], cost="steps", seed=4, instances=2, time_limit=5, workers=1
    )
    assert by_object.to_dict() == by_keywords.to_dict()
    assert by_object.seed == 4 and by_object.generate.count == [2, 2, 2, 2]


def test_settings_and_their_keywords_together_are_refused():
    with pytest.raises(gaps.InvalidArgument, match="either settings= or the keywords"):
        gaps.classify(SORTING, sizes=[8, 16, 32], settings=gaps.Settings(), seed=3)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("seed", 2**64, "'seed' must be an int"),
        ("instances", True, "'instances' must be a positive int"),
        ("workers", 0, "'workers' must be a positive int or None"),
        ("limits", 5.0, "'limits' must be a gaps.Limits"),
        ("store", "gaps.sqlite", "'store' must be a gaps.Store"),
        ("progress", 3, "'progress' must be callable"),
    ],
)
def test_settings_are_validated_once_where_the_run_starts(field, value, message):
    with pytest.raises(gaps.InvalidArgument, match=message):
        gaps.Settings(**{field: value})


def test_steps_not_counted_where_the_work_is_done_are_flagged_from_cold_timings():
    def quadratic_work(n, meter):
        meter.tick(n)  # counts n, but does n**2
        return sum(i * j for i in range(n) for j in range(n))

    family = gaps.Family(
        name="miscounted",
        sample=lambda n, rng: n,
        generate=quadratic_work,
        verify=lambda n, total, meter: meter.tick(1) or isinstance(total, int),
        corrupt=lambda n, total, rng: total + 1,
    )
    settings = gaps.Settings(instances=2, workers=1)
    report = gaps.classify(family, sizes=[100, 200, 400, 800], cost="steps", settings=settings)
    assert any("may not be counted where the work is done" in f for f in report.flags)


def plant_sample(size, rng):
    return size, rng.gauss(0.0, 0.5), rng.gauss(0.0, 0.5)


def plant(instance, meter):
    meter.tick(round(1024 * 2 ** instance[1]))
    return instance


def search(instance, found, meter):
    size, _, noise = instance
    meter.tick(round(64 * 2 ** (size / 4 + noise)))
    return found == instance


PLANTED = gaps.Family("planted", plant_sample, plant, search, sizes=(12, 16, 20, 24, 28, 32))


def test_a_fall_a_noisy_generator_leaves_open_is_measured_on_more_generator_instances(
    tmp_path,
):
    # A plant of noisy constant cost beside a search of 2**(n/4) steps: on seed 1 its
    # three paired instances leave a hidden share of the search possible; the sweep then
    # runs the plant alone on 45 more instances per size, which rule it out.
    from gaps.classification import report_pairings, sweep_pairings
    from gaps.execution import WorkerPool
    from gaps.measure import run_sweep

    with gaps.Store(tmp_path / "gaps.sqlite") as store, WorkerPool(1) as pool:
        settings = gaps.Settings(instances=3, seed=1, store=store)
        measured = run_sweep(sweep_pairings(PLANTED, cost="steps", settings=settings), pool)
        again = run_sweep(sweep_pairings(PLANTED, cost="steps", settings=settings), pool)
    (report,) = report_pairings(measured)
    assert report.sign == "negative", report.reasons
    assert report.generate.count == [48] * 6 and report.verify.count == [3] * 6
    alone = measured.measurements.records[PLANTED.pairings[0].generator, 32, 47]
    assert [r.role for r in alone] == ["sample", "generate"]
    assert again.measurements.resumed == 48 * 6
    assert report_pairings(again)[0].sign == "negative"

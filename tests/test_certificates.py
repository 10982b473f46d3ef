"""Certificate lemmas: proved at their bounds, and refuted when a premise is dropped."""

from __future__ import annotations

import inspect
import textwrap
import time

import pytest
from gaps.proofs import Proof, certificates, prove_limited

#: Each lemma with one premise its proof needs; dropping it must give a counterexample,
#: so a lemma cannot pass by being vacuous.
PREMISES = {
    "prove_weak_lp_duality": ("*primal, *dual, *signs", "*primal, *dual"),
    "prove_cut_bounds_flow": ("*capacity, *conserved,", "*capacity,"),
    "prove_potentials_bound_paths": ("z3.And(*feasible, *steps)", "z3.And(*steps)"),
    "prove_koenig_cover_bounds_matching": (
        "matching = [z3.Implies(match[p], edge[p]) for p in pairs]",
        "matching = []",
    ),
    "prove_gf2_solution": ("z3.And(*cancel, odd)", "z3.And(*cancel)"),
    "prove_pratt_certificate_implies_prime": (
        "z3.And(base, fermat, *lucas)",
        "z3.And(base, fermat)",
    ),
    "prove_two_sat_paths_refute": ("*forth, *back, *satisfied", "*forth, *satisfied"),
}


def test_every_lemma_is_listed() -> None:
    assert set(PREMISES) == set(certificates.__all__)


def test_resource_count_is_the_claims_own() -> None:
    # z3's count is per context and drifts a little with what the context has seen,
    # so a repeat is close to the first run, not its sum with everything before.
    first, again = (certificates.prove_gf2_solution(2).rlimit for _ in range(2))
    assert 0 < again < 1.5 * first


#: Weak duality is non-linear real arithmetic: at m, n = 3 z3 needs seconds alone and
#: may not settle within its budget after a long session has filled its context.
FAST = {name: 3 for name in PREMISES} | {
    "prove_weak_lp_duality": 2,
    "prove_pratt_certificate_implies_prime": 32,
}


@pytest.mark.parametrize("name", sorted(PREMISES))
def test_lemma_is_proved(name: str) -> None:
    assert getattr(certificates, name)(FAST[name]).status == "proved"


@pytest.mark.parametrize("name", sorted(PREMISES))
def test_lemma_without_a_premise_is_refuted(name: str) -> None:
    old, new = PREMISES[name]
    source = textwrap.dedent(inspect.getsource(getattr(certificates, name)))
    assert source.count(old) == 1
    namespace = dict(vars(certificates))
    exec(source.replace(old, new), namespace)
    proof = namespace[name](FAST[name])
    assert proof.status == "refuted" and proof.counterexample


def _stalls(bound: int = 1) -> Proof:
    """A lemma whose solver call never returns within its limit, as z3's can."""
    time.sleep(60)
    return Proof("stalls", bound, "proved")


def _breaks(bound: int = 1) -> Proof:
    raise RuntimeError("no such encoding")


def test_lemma_past_its_limit_is_unknown_not_a_hang() -> None:
    started = time.monotonic()
    proof = prove_limited(_stalls, time_limit=1.0)
    assert time.monotonic() - started < 30
    assert (proof.status, proof.claim, proof.bound) == ("unknown", "stalls", 1)
    assert proof.reason.startswith("budget")


def test_lemma_that_raises_is_unknown_with_its_error() -> None:
    proof = prove_limited(_breaks, bound=2)
    assert (proof.status, proof.bound) == ("unknown", 2)
    assert "RuntimeError: no such encoding" in proof.reason


def test_lemma_in_its_own_process_reaches_the_same_verdict() -> None:
    here = certificates.prove_cut_bounds_flow(2)
    there = prove_limited(certificates.prove_cut_bounds_flow, 2)
    assert (there.claim, there.bound, there.status) == (here.claim, here.bound, "proved")
    dropped = prove_limited(certificates.prove_cut_bounds_flow, 1)
    assert (dropped.bound, dropped.status) == (1, "proved")


#: Deeper bounds z3 settles within the default budget (potentials at 5 come back
#: unknown, so that lemma stops at 4).
DEEPER = {
    "prove_weak_lp_duality": 4,
    "prove_cut_bounds_flow": 6,
    "prove_potentials_bound_paths": 4,
    "prove_koenig_cover_bounds_matching": 5,
    "prove_gf2_solution": 5,
    "prove_pratt_certificate_implies_prime": 48,
    "prove_two_sat_paths_refute": 4,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DEEPER))
def test_lemma_is_proved_deeper(name: str) -> None:
    assert getattr(certificates, name)(DEEPER[name]).status == "proved"

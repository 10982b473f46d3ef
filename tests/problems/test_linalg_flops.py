"""The flop counts the linear-algebra families tick are those of the algorithms run.

Each closed form is checked against a plain implementation of its algorithm that
counts every arithmetic operation and whose result is checked against numpy, so a
wrong formula and a reference that does not compute what LAPACK computes both fail.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from gaps.problems.linalg import _flops

import gaps

SIZES = range(1, 9)


class Counter:
    def __init__(self) -> None:
        self.flops = 0

    def add(self, k: int = 1) -> None:
        self.flops += k


def lu(a: np.ndarray, count: Counter) -> np.ndarray:
    """Right-looking LU without pivoting, L (unit) and U packed in one matrix."""
    a = a.copy()
    n = a.shape[0]
    for k in range(n):
        for i in range(k + 1, n):
            a[i, k] /= a[k, k]
            count.add()
            for j in range(k + 1, n):
                a[i, j] -= a[i, k] * a[k, j]
                count.add(2)
    return a


def substitute(packed: np.ndarray, b: np.ndarray, count: Counter) -> np.ndarray:
    """Solve L·U·x = b: forward with unit L, then back with U."""
    n = packed.shape[0]
    y = b.copy()
    for i in range(n):
        for j in range(i):
            y[i] -= packed[i, j] * y[j]
            count.add(2)
    for i in reversed(range(n)):
        for j in range(i + 1, n):
            y[i] -= packed[i, j] * y[j]
            count.add(2)
        y[i] /= packed[i, i]
        count.add()
    return y


def invert(packed: np.ndarray, count: Counter) -> np.ndarray:
    """U⁻¹ column by column, then X·L = U⁻¹ column by column from the last."""
    n = packed.shape[0]
    v = np.zeros((n, n))
    for j in range(n):
        v[j, j] = 1 / packed[j, j]
        count.add()
        for i in reversed(range(j)):
            s = packed[i, i + 1] * v[i + 1, j]
            count.add()
            for k in range(i + 2, j + 1):
                s += packed[i, k] * v[k, j]
                count.add(2)
            v[i, j] = -s / packed[i, i]
            count.add()
    x = v.copy()
    for j in reversed(range(n)):
        for k in range(j + 1, n):
            x[:, j] -= x[:, k] * packed[k, j]
            count.add(2 * n)
    return x


def matrix(n: int) -> np.ndarray:
    a = np.random.default_rng(n).standard_normal((n, n))
    return a + n * np.eye(n)  # diagonally dominant: no pivoting needed


@pytest.mark.parametrize("n", SIZES)
def test_lu_and_substitution_counts_match_the_algorithms(n):
    a, b = matrix(n), np.arange(1.0, n + 1)
    count = Counter()
    packed = lu(a, count)
    assert count.flops == _flops.lu(n)
    count = Counter()
    x = substitute(packed, b, count)
    assert count.flops == _flops.lu_solve(n)
    assert np.allclose(a @ x, b)


@pytest.mark.parametrize("n", SIZES)
def test_inverse_count_matches_the_algorithm(n):
    a = matrix(n)
    count = Counter()
    x = invert(lu(a, Counter()), count)
    assert count.flops == _flops.inverse_from_lu(n)
    assert np.allclose(a @ x, np.eye(n))


def test_families_tick_their_flops():
    n = 40
    inverse = gaps.get("matrix_inverse")
    a = inverse.sample(n, random.Random(0))
    meter = gaps.Meter()
    x = inverse.generate["lapack"](a, meter)
    assert meter.steps == _flops.lu(n) + _flops.inverse_from_lu(n)
    meter = gaps.Meter()
    assert inverse.verify["product"].fn(a, x, meter)
    assert 2 * n**3 <= meter.steps <= 2 * n**3 + 8 * n**2
    system = gaps.get("linear_system")
    instance = system.sample(n, random.Random(0))
    meter = gaps.Meter()
    solution = system.generate["lapack"](instance, meter)
    assert meter.steps == _flops.lu(n) + _flops.lu_solve(n)
    meter = gaps.Meter()
    assert system.verify["residual"].fn(instance, solution, meter)
    assert 4 * n**2 <= meter.steps <= 4 * n**2 + 8 * n


def test_matrix_product_ticks_its_operations():
    n, fam = 200, gaps.get("matrix_product")
    pair = fam.sample(n, random.Random(0))
    meter = gaps.Meter()
    c = fam.generate["numpy"](pair, meter)
    assert meter.steps == 2 * n**3
    checked = gaps.Meter()
    assert fam.verify["freivalds"].fn(pair, c, checked)
    assert checked.steps < meter.steps / 3

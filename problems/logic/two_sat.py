"""Random 2-SAT at the threshold: solve by strongly connected components vs check.

Problem: n variables and m = n random 2-clauses (two distinct variables, random
signs): clause density 1, the satisfiability threshold of random 2-SAT (Chvátal &
Reed 1992; Goerdt 1996), so both answers occur. The output is an assignment (a tuple
of n bools) or ``"unsatisfiable"``. A 2-CNF read from a file (what
``gaps.formats.to_clauses`` takes) is an instance too, a unit clause (a) read as (a ∨ a).

Gap: generation is the Aspvall–Plass–Tarjan algorithm: build the implication graph
(clause a ∨ b gives ¬a → b and ¬b → a), find its strongly connected components with
Tarjan's algorithm (a textbook iterative version that ticks one step per vertex and
per arc), and set x true when x's component comes before ¬x's in Tarjan's order:
Θ(n + m). When some x shares a component with ¬x the formula is unsatisfiable, and
the certificate is the pair of implication paths x ⇝ ¬x and ¬x ⇝ x (found by BFS
inside the component). The ``check`` verifier (certified) evaluates every clause on
an assignment, or checks that each step of both paths is an implication given by a
clause of the formula (a hash set of the clauses): Θ(n + m) either way. Both sides
are linear: a neutral gap.

Costs: steps (ticked on both sides) and time.

References: Aspvall, Plass & Tarjan 1979; Tarjan 1972; Chvátal & Reed 1992;
Goerdt 1996.

>>> import random, gaps
>>> fam = gaps.get("two_sat")
>>> spec = fam.sample(50, random.Random(1))
>>> answer, certificate = fam.generate["scc"](spec, gaps.Meter())
>>> fam.verify["check"].fn(spec, answer, certificate, gaps.Meter())
True
>>> fam.verify["check"].fn(spec, "unsatisfiable", (1, [1, -1], [-1, 1]), gaps.Meter())
False
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections import deque
from collections.abc import Iterator

from gaps.problems._sat import FORMULA, assignment_specification, formula_of

import gaps

UNSAT = "unsatisfiable"

Spec = tuple[int, list[tuple[int, int]]]


def sample(size: int, rng: random.Random) -> Spec:
    n = max(size, 2)
    clauses = []
    for _ in range(n):
        a, b = rng.sample(range(1, n + 1), 2)
        clauses.append((a if rng.random() < 0.5 else -a, b if rng.random() < 0.5 else -b))
    return n, clauses


def _node(lit: int) -> int:
    return 2 * (abs(lit) - 1) + (lit < 0)


def _lit(node: int) -> int:
    return -(node // 2 + 1) if node & 1 else node // 2 + 1


def _tarjan(succ: list[list[int]], meter: gaps.Meter) -> list[int]:
    """Component index of each vertex, in Tarjan's (reverse topological) order."""
    size = len(succ)
    index = [-1] * size
    low = [0] * size
    comp = [-1] * size
    stack: list[int] = []
    counter = components = 0
    for root in range(size):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            meter.tick()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
            if i < len(succ[v]):
                work.append((v, i + 1))
                w = succ[v][i]
                if index[w] == -1:
                    work.append((w, 0))
                elif comp[w] == -1:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                while True:
                    meter.tick()
                    w = stack.pop()
                    comp[w] = components
                    if w == v:
                        break
                components += 1
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return comp


def _path(succ: list[list[int]], comp: list[int], s: int, t: int, meter: gaps.Meter) -> list[int]:
    parent = {s: s}
    queue = deque([s])
    while queue:
        v = queue.popleft()
        if v == t:
            break
        for w in succ[v]:
            meter.tick()
            if comp[w] == comp[s] and w not in parent:
                parent[w] = v
                queue.append(w)
    path = [t]
    while path[-1] != s:
        path.append(parent[path[-1]])
    return [_lit(v) for v in reversed(path)]


def _two_cnf(spec: object, role: str) -> Spec:
    """The instance's clauses as pairs (a unit clause (a) as (a, a)), or wrong_instance."""
    expected = FORMULA + ", whose clauses have one or two literals"
    n, clauses = formula_of(spec, "two_sat", role, expected)
    pairs = []
    for index, clause in enumerate(clauses, 1):
        if not 1 <= len(clause) <= 2:
            reason = f"clause {index} {clause[:6]} has {len(clause)} literals"
            raise gaps.wrong_instance("two_sat", role, spec, expected, reason)
        pairs.append((clause[0], clause[-1]))
    return n, pairs


def scc(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, clauses = _two_cnf(spec, "generator 'scc'")
    succ: list[list[int]] = [[] for _ in range(2 * n)]
    for a, b in clauses:
        meter.tick()
        succ[_node(-a)].append(_node(b))
        succ[_node(-b)].append(_node(a))
    comp = _tarjan(succ, meter)
    for x in range(1, n + 1):
        meter.tick()
        if comp[_node(x)] == comp[_node(-x)]:
            forth = _path(succ, comp, _node(x), _node(-x), meter)
            back = _path(succ, comp, _node(-x), _node(x), meter)
            return gaps.Certified(UNSAT, (x, forth, back))
    # Tarjan numbers sink components first: x is true when x's component is nearer a sink.
    answer = tuple(comp[_node(x)] < comp[_node(-x)] for x in range(1, n + 1))
    return gaps.Certified(answer, ())


def _is_path(
    lits: object,
    start: int,
    end: int,
    implications: set[tuple[int, int]],
    n: int,
    meter: gaps.Meter,
) -> bool:
    if not isinstance(lits, list) or len(lits) < 2 or lits[0] != start or lits[-1] != end:
        return False
    if not all(type(x) is int and 1 <= abs(x) <= n for x in lits):
        return False
    for a, b in itertools.pairwise(lits):
        meter.tick()
        if (a, b) not in implications:
            return False
    return True


def check(spec: Spec, answer: object, certificate: object, meter: gaps.Meter) -> bool:
    n, clauses = _two_cnf(spec, "verifier 'check'")
    if answer == UNSAT:
        if not isinstance(certificate, tuple) or len(certificate) != 3:
            return False
        x, forth, back = certificate
        if type(x) is not int or not 1 <= x <= n:
            return False
        implications = set()
        for a, b in clauses:
            meter.tick()
            implications.add((-a, b))
            implications.add((-b, a))
        return _is_path(forth, x, -x, implications, n, meter) and _is_path(
            back, -x, x, implications, n, meter
        )
    if not isinstance(answer, tuple) or len(answer) != n:
        return False
    if not all(type(value) is bool for value in answer):
        return False
    for clause in clauses:
        meter.tick()
        if not any(answer[abs(lit) - 1] == (lit > 0) for lit in clause):
            return False
    return True


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Falsify a clause of an assignment, or claim an assignment for an UNSAT formula."""
    n, clauses = spec
    answer, certificate = result
    if answer == UNSAT:
        return gaps.Certified(tuple(rng.random() < 0.5 for _ in range(n)), certificate)
    bad = list(answer)
    for lit in rng.choice(clauses):
        bad[abs(lit) - 1] = lit < 0
    return gaps.Certified(tuple(bad), certificate)


def small_formulas(bound: int) -> Iterator[Spec]:
    """Every set of 2-clauses on two variables (the four-clause set is unsatisfiable)
    and two sampled formulas per n from 2 to ``bound`` variables.

    The specification covers the assignments; the "unsatisfiable" answer, whose
    certificate is a pair of implication paths, is left to the audit.

    >>> len(list(small_formulas(3)))
    20
    """
    clauses = [(a, b) for a in (1, -1) for b in (2, -2)]
    for chosen in itertools.product((False, True), repeat=len(clauses)):
        yield 2, [c for c, keep in zip(clauses, chosen, strict=True) if keep]
    for n in range(2, bound + 1):
        yield from (sample(n, random.Random(i)) for i in range(2))


def _decode(spec: Spec, values: list) -> gaps.Certified:
    return gaps.Certified(_ASSIGNMENTS.decode(spec, values), ())


_ASSIGNMENTS = assignment_specification(small_formulas)


FAMILY = gaps.Family(
    name="two_sat",
    domain="logic",
    summary="Solve random 2-SAT by implication-graph SCCs vs check the assignment or the cycle.",
    sample=sample,
    generate={"scc": scc},
    verify={"check": gaps.certified(check)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify="n",
        sign="neutral",
        reference="Aspvall, Plass and Tarjan 1979",
    ),
    references=(
        "Aspvall, Plass and Tarjan 1979",
        "Tarjan 1972",
        "Chvatal and Reed 1992",
        "Goerdt 1996",
    ),
    tags=("sat", "2-sat", "graphs", "scc"),
    units=("steps", "time"),
    spec=dataclasses.replace(_ASSIGNMENTS, decode=_decode),
    sizes=(100, 200, 400, 800, 1600, 3200, 6400, 12800),
)

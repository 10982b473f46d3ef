"""Copies of catalog verifiers with one realistic bug each, for :func:`gaps.prove` to catch.

A mutant names a family, a function of its module (the verifier or a helper it
calls) or of a helper module the verifier calls (a proof checker shared by several
families: the verifier then calls a copy of that module), a piece of that function's
source and what the bug replaces it with. Its verifier is the family's own code
recompiled with that one change, so the check that catches it checks the real code
path. A replacement that no longer matches the
source raises instead of leaving an unmutated copy.

>>> import gaps
>>> mutant = next(m for m in MUTANTS if m.name == "sorting_skips_multiset")
>>> mutant.verifier([1, 0], [0, 0], gaps.Meter())
True
>>> report = gaps.prove(gaps.get("sorting"), verifier=mutant.verifier, against=mutant.target)
>>> report.counterexample
([0], [1])
"""

from __future__ import annotations

import importlib
import inspect
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

__all__ = ["MUTANTS", "Mutant"]


@dataclass(frozen=True)
class Mutant:
    """One seeded bug: ``old`` becomes ``new`` in ``function`` of ``family``'s module."""

    name: str
    family: str
    bug: str
    old: str
    new: str
    function: str = ""  # a helper of the verifier; the verifier itself when empty
    copy_of: str = ""  # the verifier copied; the one the family's first specification states
    module: str = ""  # the module holding ``function``, when not the family's own

    @property
    def target(self) -> str:
        """The name of the verifier this is a copy of (``against`` for :func:`gaps.prove`)."""
        from gaps.proofs.verifiers import target

        import gaps

        family = gaps.get(self.family)
        return self.copy_of or target(family, family.spec)

    @property
    def verifier(self) -> Callable[..., Any]:
        """The verifier copied, recompiled with the bug."""
        import gaps

        fn = gaps.get(self.family).verifiers[self.target].fn
        module = sys.modules[fn.__module__]
        namespace = dict(vars(module))
        if self.module:
            # The bug is in a helper module the verifier calls: the verifier gets a
            # copy of that module, recompiled whole so that its functions call each
            # other's mutated versions.
            helper = importlib.import_module(self.module)
            copy = self._mutated(helper)
            for name, value in vars(module).items():
                if value is helper:
                    namespace[name] = copy
                elif getattr(value, "__module__", None) == helper.__name__:
                    namespace[name] = getattr(copy, value.__name__)
        for name in dict.fromkeys([self.function or fn.__name__, fn.__name__]):
            if self.module and name != fn.__name__:
                continue
            source = textwrap.dedent(inspect.getsource(getattr(module, name)))
            if name == (self.function or fn.__name__):
                source = self._replace(source, name)
            exec(compile(source, f"<mutant {self.name}>", "exec"), namespace)
        mutated: Callable[..., Any] = namespace[fn.__name__]
        return mutated

    def _replace(self, source: str, name: str) -> str:
        if source.count(self.old) != 1:
            raise ValueError(f"Mutant {self.name!r}: {self.old!r} is not once in {name}.")
        return source.replace(self.old, self.new)

    def _mutated(self, helper: ModuleType) -> ModuleType:
        whole = inspect.getsource(helper)
        part = inspect.getsource(getattr(helper, self.function))
        copy = ModuleType(f"{helper.__name__}.<mutant {self.name}>")
        source = whole.replace(part, self._replace(part, self.function))
        exec(compile(source, f"<mutant {self.name}>", "exec"), vars(copy))
        return copy


MUTANTS: tuple[Mutant, ...] = (
    Mutant(
        "sat_two_literals_per_clause",
        "random_3sat",
        "reads only the first two literals of a clause",
        "for lit in clause)",
        "for lit in clause[:2])",
    ),
    Mutant(
        "sat_length_off_by_one",
        "random_3sat",
        "off-by-one length bound: accepts one value too many",
        "len(assignment) != n",
        "len(assignment) < n",
    ),
    Mutant(
        "sat_flipped_polarity",
        "random_3sat",
        "flipped comparison: a literal is true when its variable is false",
        "== (lit > 0)",
        "== (lit < 0)",
    ),
    Mutant(
        "sat_skips_last_clause",
        "random_3sat",
        "off-by-one loop bound: the last clause is never read",
        "for clause in clauses:",
        "for clause in clauses[:-1]:",
    ),
    Mutant(
        "two_sat_missing_length_check",
        "two_sat",
        "missing range check: the assignment's length is not checked",
        "if not isinstance(answer, tuple) or len(answer) != n:",
        "if not isinstance(answer, tuple):",
    ),
    Mutant(
        "two_sat_flipped_comparison",
        "two_sat",
        "flipped comparison: a clause counts as satisfied when a literal is false",
        "answer[abs(lit) - 1] == (lit > 0)",
        "answer[abs(lit) - 1] != (lit > 0)",
    ),
    Mutant(
        "colouring_upper_bound_off_by_one",
        "graph_colouring",
        "off-by-one range: colour 3 accepted among three colours",
        "0 <= c < COLOURS",
        "0 <= c <= COLOURS",
    ),
    Mutant(
        "colouring_missing_lower_bound",
        "graph_colouring",
        "missing range check: negative colours accepted",
        "0 <= c < COLOURS",
        "c < COLOURS",
    ),
    Mutant(
        "colouring_skips_an_edge",
        "graph_colouring",
        "missing edge check: the first edge is never compared",
        "for u, v in graph.edges():",
        "for u, v in list(graph.edges())[1:]:",
    ),
    Mutant(
        "sorting_skips_multiset",
        "sorting",
        "skipped multiset check: any sorted list of the right length passes",
        "return Counter(xs) == Counter(ys)",
        "return True",
    ),
    Mutant(
        "sorting_flipped_comparison",
        "sorting",
        "flipped comparison: equal neighbours rejected",
        "if a > b:",
        "if a >= b:",
    ),
    Mutant(
        "sorting_order_off_by_one",
        "sorting",
        "off-by-one bound: the last pair's order is never checked",
        "itertools.pairwise(ys)",
        "itertools.pairwise(ys[:-1])",
    ),
    Mutant(
        "xor_unchecked_cancellation",
        "xor_sat",
        "unchecked certificate field: the left sides need not cancel",
        "return not odd and total == 1",
        "return total == 1",
    ),
    Mutant(
        "xor_unchecked_total",
        "xor_sat",
        "unchecked certificate field: the right sides need not sum to 1",
        "return not odd and total == 1",
        "return not odd",
    ),
    Mutant(
        "xor_flipped_parity",
        "xor_sat",
        "flipped comparison: an equation counts as satisfied when it is violated",
        "% 2 != rhs",
        "% 2 == rhs",
    ),
    Mutant(
        "queens_missing_diagonal",
        "n_queens",
        "missing check: two queens may share a diagonal",
        "if c in cols or r - c in diag or r + c in anti:",
        "if c in cols or r + c in anti:",
    ),
    Mutant(
        "queens_column_off_by_one",
        "n_queens",
        "off-by-one range: a queen one column past the board is accepted",
        "not 0 <= c < n",
        "not 0 <= c <= n",
    ),
    Mutant(
        "konig_missing_edge_check",
        "bipartite_matching",
        "missing edge check: matched pairs need not be edges",
        " or (u, v) not in edge_set",
        "",
        function="_is_matching",
    ),
    Mutant(
        "konig_shared_right_vertex",
        "bipartite_matching",
        "missing check: two matched edges may share a right vertex",
        "if u in left or v in right:",
        "if u in left:",
        function="_is_matching",
    ),
    Mutant(
        "konig_cover_size_inequality",
        "bipartite_matching",
        "flipped comparison: a cover larger than the matching is accepted",
        "len(cover_left) + len(cover_right) == len(matching)",
        "len(cover_left) + len(cover_right) >= len(matching)",
    ),
    Mutant(
        "konig_unchecked_cover",
        "bipartite_matching",
        "unchecked certificate field: the cover need not cover every edge",
        "if u not in cover_left and v not in cover_right:",
        "if False:",
    ),
    Mutant(
        "hamiltonian_degree_off_by_one",
        "hamiltonian_cycle",
        "off-by-one bound: a vertex of degree 2 is taken to lie on no cycle",
        "len(out[v]) < 2",
        "len(out[v]) < 3",
        function="hamiltonian_cycle",
    ),
    Mutant(
        "clique_size_off_by_one",
        "planted_clique",
        "off-by-one bound: a clique one vertex short is accepted",
        "return len(_graph(n, rows).cliques(min=k, max=k)) > 0",
        "return len(_graph(n, rows).cliques(min=k - 1, max=k)) > 0",
    ),
    Mutant(
        "semiprime_counts_distinct_primes",
        "semiprime",
        "counts distinct prime factors, not with multiplicity: p²q passes",
        "sum(e for _, e in factors) == 2",
        "len(factors) == 2",
    ),
    Mutant(
        "semiprime_missing_length_check",
        "semiprime",
        "missing range check: a number shorter than n bits is accepted",
        "N.bit_length() != n",
        "N.bit_length() > n",
    ),
    Mutant(
        "factoring_unchecked_primality",
        "factoring",
        "unchecked certificate field: the factors need not be prime",
        "return all(flint.fmpz(p).is_prime() for p in factors)",
        "return True",
    ),
    Mutant(
        "factoring_skips_order",
        "factoring",
        "missing check: the factors need not be sorted",
        "list(factors) != sorted(factors) or ",
        "",
    ),
    Mutant(
        "sqrt_range_off_by_one",
        "modular_sqrt",
        "off-by-one range: x = p is accepted",
        "not 0 <= x < p",
        "not 0 <= x <= p",
    ),
    Mutant(
        "sqrt_missing_lower_bound",
        "modular_sqrt",
        "missing range check: negative roots accepted",
        "not 0 <= x < p",
        "not x < p",
    ),
    Mutant(
        "discrete_log_rejects_zero",
        "discrete_log",
        "flipped comparison: the exponent 0 (the logarithm of 1) is rejected",
        "x < 0",
        "x <= 0",
    ),
    Mutant(
        "discrete_log_drops_top_bit",
        "discrete_log",
        "off-by-one loop bound: the exponent's top bit is never multiplied in",
        "while x:",
        "while x > 1:",
    ),
    Mutant(
        "subset_sum_bit_length_range",
        "subset_sum",
        "missing range check: numbers shorter than n bits are accepted",
        "a.bit_length() == n",
        "a.bit_length() <= n",
        function="_well_formed",
    ),
    Mutant(
        "subset_sum_skips_empty_half",
        "subset_sum",
        "off-by-one: the right half's empty subset is never tried",
        "for s in right)",
        "for s in right[1:])",
        function="has_subset",
    ),
    Mutant(
        "euler_open_trail",
        "eulerian_circuit",
        "missing check: the walk need not return to its start",
        " or circuit[0] != circuit[-1]",
        "",
    ),
    Mutant(
        "euler_edge_reused",
        "eulerian_circuit",
        "off-by-one comparison: an edge may be used once more than it occurs",
        "if unused[key] <= 0:",
        "if unused[key] < 0:",
    ),
    Mutant(
        "tsp_unchecked_length",
        "travelling_salesman",
        "unchecked certificate field: the claimed length is not compared",
        "return length if abs(length - claimed) <= TOL * (1.0 + length) else None",
        "return length",
        function="_length",
    ),
    Mutant(
        "max_cut_value_inequality",
        "max_cut",
        "flipped comparison: a claimed value below the cut's is accepted",
        "return value if value == claimed else None",
        "return value if value >= claimed else None",
        function="_value",
    ),
    Mutant(
        "mst_ties_rejected",
        "minimum_spanning_tree",
        "flipped comparison: a tree edge tied with a non-tree edge is rejected",
        "if w < heaviest_on_path:",
        "if w <= heaviest_on_path:",
    ),
    Mutant(
        "linear_system_unscaled_tolerance",
        "linear_system",
        "missing scale: any residual below the norms' scale passes",
        "<= TOLERANCE * scale)",
        "<= scale)",
    ),
    Mutant(
        "max_flow_cut_inequality",
        "max_flow",
        "flipped comparison: a cut larger than the flow is accepted",
        "return capacity == result[0]",
        "return capacity >= result[0]",
    ),
    Mutant(
        "max_flow_source_side_unchecked",
        "max_flow",
        "unchecked certificate field: the cut's side need not hold the source",
        "if s not in cut or t in cut:",
        "if t in cut:",
    ),
    Mutant(
        "max_flow_capacity_off_by_one",
        "max_flow",
        "off-by-one range: a flow one unit over an arc's capacity is accepted",
        "not 0 <= f <= c",
        "not 0 <= f <= c + 1",
        function="_feasible",
    ),
    Mutant(
        "max_flow_skips_conservation",
        "max_flow",
        "missing check: flow need not be conserved at inner vertices",
        "if any(excess[v] for v in range(n) if v not in (s, t)):",
        "if False:",
        function="_feasible",
    ),
    Mutant(
        "shortest_paths_flipped_potential",
        "shortest_paths",
        "flipped comparison: an arc that shortens a distance is allowed",
        "dist[v] > dist[u] + w",
        "dist[v] < dist[u] + w",
    ),
    Mutant(
        "shortest_paths_parent_lower_bound",
        "shortest_paths",
        "missing range check: parent index -1 (Python's last arc) is accepted",
        "not 0 <= i < len(edges)",
        "not i < len(edges)",
    ),
    Mutant(
        "shortest_paths_unchecked_parent_head",
        "shortest_paths",
        "unchecked certificate field: the parent arc need not end at the vertex",
        "if head != v or dist[u] + w != dist[v]:",
        "if dist[u] + w != dist[v]:",
    ),
    Mutant(
        "planted_sat_repeated_variable",
        "planted_sat",
        "skipped check: a clause may repeat a variable",
        "if len({abs(lit) for lit in clause}) != 3:",
        "if len({abs(lit) for lit in clause}) > 3:",
        function="_well_formed",
    ),
    Mutant(
        "planted_sat_zero_literal",
        "planted_sat",
        "missing range check: literal 0 (read as variable -1, the last) is accepted",
        "1 <= abs(lit) <= n",
        "abs(lit) <= n",
        function="_well_formed",
    ),
    Mutant(
        "planted_sat_flipped_polarity",
        "planted_sat",
        "flipped comparison: a literal is true when its variable is false",
        "== (lit > 0)",
        "!= (lit > 0)",
    ),
    Mutant(
        "isomorphism_skips_edge_count",
        "graph_isomorphism",
        "skipped check: H may have more edges than G's image",
        "if len(g) != len(h):",
        "if len(g) > len(h):",
    ),
    Mutant(
        "isomorphism_permutation_range",
        "graph_isomorphism",
        "missing range check: any n distinct ints pass as a permutation",
        "sorted(p for p in permutation if type(p) is int) != list(range(n))",
        "len({p for p in permutation if type(p) is int}) != n",
    ),
    Mutant(
        "alignment_cost_counts_matches",
        "edit_distance",
        "flipped comparison: a column costs 1 when its sides are equal",
        "cost += a != b",
        "cost += a == b",
    ),
    Mutant(
        "alignment_empty_column",
        "edit_distance",
        "missing check: a column of two gaps is accepted",
        "if not (a or b):",
        "if False:",
    ),
    Mutant(
        "alignment_cost_inequality",
        "edit_distance",
        "flipped comparison: a claim above the alignment's cost is accepted",
        "return cost == d and",
        "return cost <= d and",
    ),
    Mutant(
        "alignment_unchecked_bottom",
        "edit_distance",
        "unchecked certificate field: the bottom row need not spell the second string",
        ' and "".join(bottom) == t',
        "",
    ),
    Mutant(
        "common_unchecked_length",
        "longest_common_subsequence",
        "unchecked certificate field: the claimed length need not be the pairs' count",
        " or len(pairs) != k",
        "",
    ),
    Mutant(
        "common_unequal_letters",
        "longest_common_subsequence",
        "missing check: the letters at a pair need not be equal",
        " or s[i] != t[j]",
        "",
    ),
    Mutant(
        "common_second_index_off_by_one",
        "longest_common_subsequence",
        "off-by-one range: an index one past the second string is accepted",
        "last_j < j < len(t)",
        "last_j < j <= len(t)",
    ),
    Mutant(
        "common_repeated_index",
        "longest_common_subsequence",
        "flipped comparison: the first index may repeat",
        "last_i < i < len(s)",
        "last_i <= i < len(s)",
    ),
    Mutant(
        "knapsack_skips_optimality",
        "knapsack",
        "unchecked certificate field: the set's value need not be the table's optimum",
        "return value == rows[-1][-1]",
        "return True",
    ),
    Mutant(
        "knapsack_unchecked_first_row",
        "knapsack",
        "missing check: the table's row 0 need not be zero",
        "if any(x != 0 or type(x) is not int for x in rows[0]):",
        "if any(type(x) is not int for x in rows[0]):",
    ),
    Mutant(
        "knapsack_recurrence_off_by_one",
        "knapsack",
        "off-by-one bound: an item is taken to fit only below its weight",
        "best = prev[c] if c < w else",
        "best = prev[c] if c <= w else",
    ),
    Mutant(
        "knapsack_repeated_item",
        "knapsack",
        "flipped comparison: an item may be packed twice",
        "not last < i < n",
        "not last <= i < n",
        function="_packed_value",
    ),
    Mutant(
        "sudoku_skips_givens",
        "sudoku",
        "missing check: a grid that overwrites a given passes",
        "if any(g and g != x for g, x in zip(givens, cells, strict=True)):",
        "if False:",
    ),
    Mutant(
        "sudoku_distinct_only",
        "sudoku",
        "missing range check: any n distinct values fill a unit",
        "if {cells[k] for k in unit} != full:",
        "if len({cells[k] for k in unit}) != n:",
    ),
    Mutant(
        "sudoku_skips_boxes",
        "sudoku",
        "missing check: the boxes are never read (a Latin square passes)",
        "return rows + cols + boxes",
        "return rows + cols",
        function="_units",
    ),
    Mutant(
        "pratt_skips_product",
        "prime_certificate",
        "unchecked certificate field: the factors need not multiply to r - 1",
        "if product != r - 1 or not",
        "if not",
    ),
    Mutant(
        "pratt_factors_not_certified",
        "prime_certificate",
        "missing check: the listed factors are never certified prime in turn",
        "        todo.extend(q for q, _ in factors)\n",
        "",
    ),
    Mutant(
        "pratt_skips_order",
        "prime_certificate",
        "missing check: the witness's order need not be r - 1 (only a**(r-1) = 1)",
        "if any(_is_one(a, (r - 1) // q, r) for q, _ in factors):",
        "if False:",
    ),
    Mutant(
        "pratt_any_length",
        "prime_certificate",
        "missing range check: a prime of another bit length is accepted",
        "p.bit_length() != spec[0] or ",
        "",
    ),
    Mutant(
        "semiprime_check_composite_factor",
        "semiprime",
        "unchecked certificate field: the second factor need not be prime",
        " and bool(flint.fmpz(q).is_prime())",
        "",
        copy_of="check",
    ),
    Mutant(
        "semiprime_check_unsorted_factors",
        "semiprime",
        "missing check: the factors need not be in order",
        "1 < p <= q and p * q == N",
        "1 < p and p * q == N",
        copy_of="check",
    ),
    Mutant(
        "semiprime_check_product_inequality",
        "semiprime",
        "flipped comparison: factors multiplying past the number are accepted",
        "p * q == N",
        "p * q >= N",
        copy_of="check",
    ),
    Mutant(
        "subset_sum_check_repeated_index",
        "subset_sum",
        "flipped comparison: an index may repeat (a number counted twice)",
        "if not all(i < j for i, j in itertools.pairwise(subset)):",
        "if not all(i <= j for i, j in itertools.pairwise(subset)):",
        copy_of="check",
    ),
    Mutant(
        "subset_sum_check_negative_index",
        "subset_sum",
        "missing range check: index -1 (Python's last number) is accepted",
        "0 <= i < len(numbers)",
        "i < len(numbers)",
        copy_of="check",
    ),
    Mutant(
        "subset_sum_check_sum_inequality",
        "subset_sum",
        "flipped comparison: a subset summing past the target is accepted",
        "sum(numbers[i] for i in subset) == target",
        "sum(numbers[i] for i in subset) >= target",
        copy_of="check",
    ),
    Mutant(
        "hamiltonian_check_repeated_vertex",
        "hamiltonian_cycle",
        "missing check: a vertex may be visited twice (another never)",
        " or seen[v]:",
        ":",
        copy_of="check",
    ),
    Mutant(
        "hamiltonian_check_open_path",
        "hamiltonian_cycle",
        "off-by-one loop bound: the closing edge (last to first) is never checked",
        "    for i in range(n):\n        meter.tick()\n        u, v = cycle[i - 1], cycle[i]",
        "    for i in range(1, n):\n        meter.tick()\n        u, v = cycle[i - 1], cycle[i]",
        copy_of="check",
    ),
    Mutant(
        "clique_check_skips_pairs",
        "planted_clique",
        "off-by-one loop bound: neighbours in the list are never checked",
        "for b in clique[i + 1 :]:",
        "for b in clique[i + 2 :]:",
        copy_of="check",
    ),
    Mutant(
        "lp_negative_dual",
        "linear_programming",
        "missing range check: a negative dual value is accepted",
        "if (ys < -TOL).any() or (a.T @ ys < c - slack).any():",
        "if (a.T @ ys < c - slack).any():",
    ),
    Mutant(
        "lp_skips_dual_feasibility",
        "linear_programming",
        "unchecked certificate field: the dual need not satisfy Aᵀy ≥ c",
        "if (ys < -TOL).any() or (a.T @ ys < c - slack).any():",
        "if (ys < -TOL).any():",
    ),
    Mutant(
        "lp_one_sided_gap",
        "linear_programming",
        "flipped comparison: a primal value below the dual's is accepted",
        "return abs(primal - dual) <= TOL * (1.0 + abs(primal))",
        "return primal - dual <= TOL * (1.0 + abs(primal))",
    ),
    Mutant(
        "lp_negative_primal",
        "linear_programming",
        "missing range check: a negative primal value is accepted",
        "(x >= -TOL).all() and ",
        "",
        function="_primal_feasible",
    ),
    Mutant(
        "freivalds_skips_minor",
        "low_rank",
        "unchecked certificate field: M need not invert the minor (rank may fall short)",
        "return [_dot([a[i][j] for j in cols], my) for i in rows] == y",
        "return True",
    ),
    Mutant(
        "freivalds_entry_range",
        "low_rank",
        "missing range check: an entry equal to p (not in the field) is accepted",
        "0 <= x < P",
        "0 <= x",
        function="_matrix",
    ),
    Mutant(
        "freivalds_negative_index",
        "low_rank",
        "missing range check: minor index -1 (Python's last row) is accepted",
        "0 <= i < n",
        "i < n",
        function="_indices",
    ),
    Mutant(
        "freivalds_skips_product",
        "low_rank",
        "missing check: A need not equal U·V (rank may exceed r)",
        "if [_dot(row, x) for row in a] != [_dot(row, vx) for row in u]:",
        "if False:",
    ),
    Mutant(
        "kuratowski_skips_shape",
        "planarity",
        "missing check: the branch vertices' degrees need not be K5's or K3,3's",
        "    if shape not in ([4] * 5, [3] * 6):\n        return False\n",
        "",
        function="_is_kuratowski_subgraph",
    ),
    Mutant(
        "embedding_repeated_neighbour",
        "planarity",
        "skipped check: a rotation may list a neighbour twice",
        "if len(where) != len(around) or where.keys() != neighbours[v]:",
        "if where.keys() != neighbours[v]:",
        function="_is_plane_embedding",
    ),
    Mutant(
        "embedding_missing_neighbour",
        "planarity",
        "flipped comparison: a rotation may leave out a neighbour",
        "if len(where) != len(around) or where.keys() != neighbours[v]:",
        "if len(where) != len(around) or not where.keys() <= neighbours[v]:",
        function="_is_plane_embedding",
    ),
    Mutant(
        "drup_skips_rup_check",
        "pigeonhole",
        "skipped check: a lemma is added without its RUP check",
        "        if not checker.rup(lits):\n            return False\n",
        "",
        function="_check",
        copy_of="drat",
        module="gaps.problems.logic._refutation",
    ),
    Mutant(
        "drup_accepts_without_conflict",
        "tseitin",
        "missing check: a proof that derives no empty clause is accepted",
        "return checker.inconsistent and checker.rup([])",
        "return True",
        function="_check",
        copy_of="drat",
        module="gaps.problems.logic._refutation",
    ),
    Mutant(
        "drup_unit_taken_as_conflict",
        "pigeonhole",
        "off-by-one: a clause with one literal not false counts as falsified",
        "        if not free:\n            self.inconsistent = True\n",
        "        if len(free) <= 1:\n            self.inconsistent = True\n",
        function="_Checker",
        copy_of="drat",
        module="gaps.problems.logic._refutation",
    ),
    Mutant(
        "drup_drops_last_literal",
        "tseitin",
        "off-by-one: the RUP check assumes all but the lemma's last literal false",
        "        for lit in lits:\n            self.meter.tick()",
        "        for lit in lits[:-1]:\n            self.meter.tick()",
        function="_Checker",
        copy_of="drat",
        module="gaps.problems.logic._refutation",
    ),
    Mutant(
        "drup_deletion_unhonoured",
        "tseitin",
        "skipped deletion: a deleted clause keeps propagating",
        "            self.alive[found.pop()] = False",
        "            found.pop()",
        function="_Checker",
        copy_of="drat",
        module="gaps.problems.logic._refutation",
    ),
    Mutant(
        "backward_core_unmarked",
        "pigeonhole",
        "skipped marking: lemmas a conflict used stay out of the core, unchecked",
        "            self.marked[ci] = True\n            for x in self.clauses[ci]:",
        "            for x in self.clauses[ci]:",
        function="_Database",
        copy_of="backward",
        module="gaps.problems.logic._backward",
    ),
    Mutant(
        "backward_checks_unmarked",
        "tseitin",
        "flipped test: the lemmas outside the core are checked, those in it not",
        "        if db.marked[ci]:",
        "        if not db.marked[ci]:",
        function="_check",
        copy_of="backward",
        module="gaps.problems.logic._backward",
    ),
    Mutant(
        "backward_rat_on_any_pivot",
        "pigeonhole",
        "flipped literal: RAT resolves on clauses with the pivot, not its negation",
        "-pivot not in clause",
        "pivot not in clause",
        function="_Database",
        copy_of="backward",
        module="gaps.problems.logic._backward",
    ),
    Mutant(
        "backward_empty_clause_trusted",
        "tseitin",
        "missing check: an empty clause ends the forward pass as a conflict",
        "        if not lits:\n            return False",
        "        if not lits:\n            return True",
        function="_check",
        copy_of="backward",
        module="gaps.problems.logic._backward",
    ),
    Mutant(
        "witnesses_repeated_model",
        "model_count",
        "skipped check: a model listed twice counts twice",
        "if model in seen or not satisfies(clauses, list(model), meter):",
        "if not satisfies(clauses, list(model), meter):",
    ),
    Mutant(
        "witnesses_count_inequality",
        "model_count",
        "flipped comparison: more models than the count are accepted",
        "len(models) != count",
        "len(models) < count",
    ),
    Mutant(
        "witnesses_skips_refutation",
        "model_count",
        "skipped check: the models listed need not be all of them",
        "return check_drup(blocked, proof, meter)",
        "return True",
    ),
    Mutant(
        "witnesses_last_model_unblocked",
        "model_count",
        "off-by-one: the last model's blocking clause is left out of the refuted formula",
        "for model in models]\n    return check_drup",
        "for model in models[:-1]]\n    return check_drup",
    ),
    Mutant(
        "witnesses_skips_model_check",
        "model_count",
        "skipped check: a listed model need not satisfy the formula",
        "if model in seen or not satisfies(clauses, list(model), meter):",
        "if model in seen:",
    ),
    Mutant(
        "replay_skips_final_comparison",
        "term_equivalence",
        "skipped check: the replayed term is not compared with the output",
        "return _eq(term, rewritten, meter)",
        "return True",
    ),
    Mutant(
        "replay_skips_unmatched_step",
        "term_equivalence",
        "skipped check: a step whose rule does not match is passed over",
        "        if new is None:\n            return False\n        term = new",
        "        if new is None:\n            continue\n        term = new",
    ),
    Mutant(
        "replay_compares_sizes",
        "term_equivalence",
        "weak comparison: terms of the same size count as equal",
        "    return s == t",
        "    return _size(s) == _size(t)",
        function="_eq",
    ),
)

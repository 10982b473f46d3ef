"""Bit-vector term rewriting: obfuscate a product of n-bit words vs prove or replay equivalence.

Problem: the product (x ∘ y)·(z ∘ w) of n-bit words, where x, y, z, w are the four
variables a, b, c, d in random order and each ∘ is one of + − & | ^ (terms are nested
tuples: ``("var", "a")``, ``("const", 3)``, ``("mul", s, t)``, ``("not", t)``,
``("shl", t, k)``). The output is another term equal to it for all inputs.

Gap: the generator first rewrites one factor by a mixed Boolean-arithmetic (MBA)
identity (x + y = (x ^ y) + 2(x & y) = (x | y) + (x & y), x − y = x + ~y + 1,
x ^ y = (x | y) − (x & y), x | y = (x ^ y) + (x & y), x & y = (x + y) − (x | y)), as
MBA obfuscators do, then applies 8n − 1 random ring and Boolean rewrites (x + 0 ↔ x,
commutativity, distributing, De Morgan, x·2 ↔ x << 1, …) at positions found by a
short random walk from the root: Θ(n) steps, returning the term and the trace of
(path, rule) steps as a certificate. ``replay`` (certified) re-applies every step,
checking that the rule matches there, and compares the result with the output: Θ(n),
neutral. ``prove`` (blind) asks z3 to prove ``original == rewritten`` for all inputs.
z3's word-level normaliser undoes ring rewrites, but not an MBA identity inside a
factor, so it bit-blasts both multipliers and CDCL must show the two circuits equal,
exponential in the width in practice (multiplier miters: Biere 2016; Kaufmann, Biere &
Kauers 2019): negative. One MBA layer, since nested layers make z3's cost explode
erratically. Dedicated MBA simplifiers or algebraic multiplier verification could be
much faster; the blind verifier here is a general SMT solver. The corruptor flips one
operator, kept only if random inputs show the terms differ (else it adds 1).

Costs: ``replay`` in steps and time; ``prove`` in time (z3 is native; rlimit shown).

References: Baader & Nipkow 1998 (term rewriting); Zhou, Main, Gu & Johnson 2007
(MBA); de Moura & Bjørner 2008 (z3); Kroening & Strichman 2016, ch. 6 (bit-blasting);
Biere 2016; Kaufmann, Biere & Kauers 2019 (multiplier verification).

>>> import random, gaps
>>> fam = gaps.get("term_equivalence")
>>> spec = fam.sample(6, random.Random(1))
>>> rewritten, trace = fam.generate["rewrite"](spec, gaps.Meter())
>>> fam.verify["replay"].fn(spec, rewritten, trace, gaps.Meter())
True
>>> fam.verify["prove"].fn(spec, rewritten, gaps.Meter())
True
>>> fam.verify["prove"].fn(spec, ("add", rewritten, ("const", 1)), gaps.Meter())
False
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import gaps

VARIABLES = ("a", "b", "c", "d")
BINARY = ("add", "sub", "mul", "and", "or", "xor")
#: Operators of the product's two factors (multiplication is the product itself).
FACTOR_OPS = ("add", "sub", "and", "or", "xor")
COMMUTATIVE = ("add", "mul", "and", "or", "xor")
UNARY = ("not", "neg")
FLIP = {"add": "xor", "xor": "or", "or": "and", "and": "add", "sub": "add", "mul": "add"}

Term = tuple[Any, ...]
Spec = tuple[int, Term]
Step = tuple[tuple[int, ...], str]


def sample(size: int, rng: random.Random) -> Spec:
    """The product (x ∘ y)·(z ∘ w) of n-bit words over the four variables, shuffled."""
    names = list(VARIABLES)
    rng.shuffle(names)
    factors = [(rng.choice(FACTOR_OPS), ("var", x), ("var", y)) for x, y in (names[:2], names[2:])]
    return max(size, 2), ("mul", *factors)


def _children(term: Term) -> tuple[int, ...]:
    """Indices of the subterms of ``term`` (the shift amount of shl is not a term)."""
    if term[0] in BINARY:
        return (1, 2)
    if term[0] in UNARY or term[0] == "shl":
        return (1,)
    return ()


def _eq(s: Term, t: Term, meter: gaps.Meter) -> bool:
    meter.tick(_size(s))
    return s == t


def _size(term: Term) -> int:
    return 1 + sum(_size(term[i]) for i in _children(term))


# Each rule maps a node to its rewrite, or None when it does not match.
def _comm(t: Term, m: gaps.Meter) -> Term | None:
    return (t[0], t[2], t[1]) if t[0] in COMMUTATIVE else None


def _assoc(t: Term, m: gaps.Meter) -> Term | None:
    if t[0] in COMMUTATIVE and t[1][0] == t[0]:
        return (t[0], t[1][1], (t[0], t[1][2], t[2]))
    return None


def _assoc_back(t: Term, m: gaps.Meter) -> Term | None:
    if t[0] in COMMUTATIVE and t[2][0] == t[0]:
        return (t[0], (t[0], t[1], t[2][1]), t[2][2])
    return None


def _add_zero(t: Term, m: gaps.Meter) -> Term | None:
    return ("add", t, ("const", 0))


def _drop_zero(t: Term, m: gaps.Meter) -> Term | None:
    return t[1] if t[0] == "add" and t[2] == ("const", 0) else None


def _mul_one(t: Term, m: gaps.Meter) -> Term | None:
    return ("mul", t, ("const", 1))


def _drop_one(t: Term, m: gaps.Meter) -> Term | None:
    return t[1] if t[0] == "mul" and t[2] == ("const", 1) else None


def _not_not(t: Term, m: gaps.Meter) -> Term | None:
    return ("not", ("not", t))


def _drop_not_not(t: Term, m: gaps.Meter) -> Term | None:
    return t[1][1] if t[0] == "not" and t[1][0] == "not" else None


def _de_morgan(t: Term, m: gaps.Meter) -> Term | None:
    if t[0] == "not" and t[1][0] in ("and", "or"):
        dual = "or" if t[1][0] == "and" else "and"
        return (dual, ("not", t[1][1]), ("not", t[1][2]))
    return None


def _de_morgan_back(t: Term, m: gaps.Meter) -> Term | None:
    if t[0] in ("and", "or") and t[1][0] == "not" and t[2][0] == "not":
        dual = "or" if t[0] == "and" else "and"
        return ("not", (dual, t[1][1], t[2][1]))
    return None


def _distribute(t: Term, m: gaps.Meter) -> Term | None:
    if t[0] == "mul" and t[2][0] == "add":
        return ("add", ("mul", t[1], t[2][1]), ("mul", t[1], t[2][2]))
    return None


def _factor(t: Term, m: gaps.Meter) -> Term | None:
    if t[0] == "add" and t[1][0] == "mul" and t[2][0] == "mul" and _eq(t[1][1], t[2][1], m):
        return ("mul", t[1][1], ("add", t[1][2], t[2][2]))
    return None


def _shift(t: Term, m: gaps.Meter) -> Term | None:
    return ("shl", t[1], 1) if t[0] == "mul" and t[2] == ("const", 2) else None


def _unshift(t: Term, m: gaps.Meter) -> Term | None:
    return ("mul", t[1], ("const", 2)) if t[0] == "shl" and t[2] == 1 else None


# Mixed Boolean-arithmetic identities (Zhou et al. 2007), each sound over any width.
def _add_xor_and(t: Term, m: gaps.Meter) -> Term | None:  # x + y = (x ^ y) + 2(x & y)
    return ("add", ("xor", t[1], t[2]), ("shl", ("and", t[1], t[2]), 1)) if t[0] == "add" else None


def _add_or_and(t: Term, m: gaps.Meter) -> Term | None:  # x + y = (x | y) + (x & y)
    return ("add", ("or", t[1], t[2]), ("and", t[1], t[2])) if t[0] == "add" else None


def _sub_not(t: Term, m: gaps.Meter) -> Term | None:  # x − y = x + ~y + 1
    return ("add", ("add", t[1], ("not", t[2])), ("const", 1)) if t[0] == "sub" else None


def _xor_or_and(t: Term, m: gaps.Meter) -> Term | None:  # x ^ y = (x | y) − (x & y)
    return ("sub", ("or", t[1], t[2]), ("and", t[1], t[2])) if t[0] == "xor" else None


def _or_xor_and(t: Term, m: gaps.Meter) -> Term | None:  # x | y = (x ^ y) + (x & y)
    return ("add", ("xor", t[1], t[2]), ("and", t[1], t[2])) if t[0] == "or" else None


def _and_add_or(t: Term, m: gaps.Meter) -> Term | None:  # x & y = (x + y) − (x | y)
    return ("sub", ("add", t[1], t[2]), ("or", t[1], t[2])) if t[0] == "and" else None


MBA: dict[str, Callable[[Term, gaps.Meter], Term | None]] = {
    "add_xor_and": _add_xor_and,
    "add_or_and": _add_or_and,
    "sub_not": _sub_not,
    "xor_or_and": _xor_or_and,
    "or_xor_and": _or_xor_and,
    "and_add_or": _and_add_or,
}

RULES: dict[str, Callable[[Term, gaps.Meter], Term | None]] = {
    **MBA,
    "commute": _comm,
    "associate": _assoc,
    "associate_back": _assoc_back,
    "add_zero": _add_zero,
    "drop_zero": _drop_zero,
    "mul_one": _mul_one,
    "drop_one": _drop_one,
    "not_not": _not_not,
    "drop_not_not": _drop_not_not,
    "de_morgan": _de_morgan,
    "de_morgan_back": _de_morgan_back,
    "distribute": _distribute,
    "factor": _factor,
    "shift": _shift,
    "unshift": _unshift,
}
#: Rewrite steps per bit of width: with fewer, the fixed costs (the first step, the
#: final comparison) tilt the replay gap at the small sizes z3 allows.
STEPS_PER_BIT = 8
#: Rules that only grow the term are taken when nothing else matches (or rarely).
GROWING = ("add_zero", "mul_one", "not_not")
#: The rules of the generator's steps after the first.
RING = tuple(r for r in RULES if r not in GROWING and r not in MBA)


def _apply(term: Term, path: tuple[int, ...], rule: str, meter: gaps.Meter) -> Term | None:
    meter.tick()
    if not path:
        return RULES[rule](term, meter)
    i = path[0]
    if i not in _children(term):
        return None
    inner = _apply(term[i], path[1:], rule, meter)
    if inner is None:
        return None
    return (*term[:i], inner, *term[i + 1 :])


INSTANCE = "a (width, term) pair of this family's nested-tuple terms"


def _checked(spec: object, role: str) -> Spec:
    """The instance, or the documented error: an SMT-LIB formula read by
    ``gaps.formats.read_smtlib`` is a z3 expression, not one of these terms."""
    if (
        isinstance(spec, tuple)
        and len(spec) == 2
        and isinstance(spec[0], int)
        and not isinstance(spec[0], bool)
        and spec[0] >= 1
        and _well_formed(spec[1], spec[0])
    ):
        return spec
    raise gaps.wrong_instance(
        "term_equivalence", role, spec, INSTANCE, "z3 expressions and other objects are not"
    )


def rewrite(spec: Spec, meter: gaps.Meter) -> gaps.Certified:
    n, term = _checked(spec, "generator 'rewrite'")
    rng = random.Random(_digest(term))
    # One MBA identity on one factor of the product: z3's word-level normaliser
    # cannot undo it, so the two multipliers must be compared bit by bit.
    side = rng.choice((1, 2))
    meter.tick(len(MBA))
    rule = rng.choice([r for r in MBA if MBA[r](term[side], meter) is not None])
    term = _apply(term, (side,), rule, meter)  # type: ignore[assignment]
    trace: list[Step] = [((side,), rule)]
    # Then ring and Boolean rewrites only: nested MBA layers make z3's time explode
    # erratically (see the docstring).
    while len(trace) < STEPS_PER_BIT * n:
        path: list[int] = []
        node = term
        while _children(node) and rng.random() < 0.75:
            meter.tick()
            path.append(rng.choice(_children(node)))
            node = node[path[-1]]
        names = [r for r in RING if RULES[r](node, meter) is not None]
        meter.tick(len(RING))
        if not names or rng.random() < 0.1:
            names = list(GROWING)
        rule = rng.choice(names)
        new = _apply(term, tuple(path), rule, meter)
        if new is None:  # pragma: no cover - the rule was checked to match
            continue
        term = new
        trace.append((tuple(path), rule))
    return gaps.Certified(term, trace)


def _digest(term: Term) -> int:
    """A seed for the generator's own choices, a pure function of the term."""
    value = 0
    for ch in repr(term):
        value = (value * 131 + ord(ch)) % (1 << 61)
    return value


def _well_formed(term: object, width: int, depth: int = 0) -> bool:
    if not isinstance(term, tuple) or not term or depth > 10_000:
        return False
    op = term[0]
    if op == "var":
        return len(term) == 2 and term[1] in VARIABLES
    if op == "const":
        return len(term) == 2 and type(term[1]) is int and 0 <= term[1] < 1 << width
    if op in UNARY:
        return len(term) == 2 and _well_formed(term[1], width, depth + 1)
    if op == "shl":
        return (
            len(term) == 3
            and type(term[2]) is int
            and 0 <= term[2] < width
            and _well_formed(term[1], width, depth + 1)
        )
    if op in BINARY:
        return (
            len(term) == 3
            and _well_formed(term[1], width, depth + 1)
            and _well_formed(term[2], width, depth + 1)
        )
    return False


def replay(spec: Spec, rewritten: object, trace: object, meter: gaps.Meter) -> bool:
    spec = _checked(spec, "verifier 'replay'")
    if not _well_formed(rewritten, spec[0]) or not isinstance(trace, (list, tuple)):
        return False
    term = spec[1]
    for step in trace:
        if not (isinstance(step, tuple) and len(step) == 2 and step[1] in RULES):
            return False
        path, rule = step
        if not isinstance(path, tuple) or not all(type(i) is int for i in path):
            return False
        new = _apply(term, path, rule, meter)
        if new is None:
            return False
        term = new
    return _eq(term, rewritten, meter)  # type: ignore[arg-type]


def _to_z3(term: Term, env: dict[str, Any]) -> Any:
    """The z3 bit-vector of ``term``; the width is the variables' own."""
    import z3

    op = term[0]
    if op == "var":
        return env[term[1]]
    if op == "const":
        x = env[VARIABLES[0]]
        return z3.BitVecVal(term[1], x.size(), ctx=x.ctx)
    if op == "shl":
        return _to_z3(term[1], env) << term[2]
    if op == "not":
        return ~_to_z3(term[1], env)
    if op == "neg":
        return -_to_z3(term[1], env)
    s, t = _to_z3(term[1], env), _to_z3(term[2], env)
    return {
        "add": s + t,
        "sub": s - t,
        "mul": s * t,
        "and": s & t,
        "or": s | t,
        "xor": s ^ t,
    }[op]


def prove(spec: Spec, rewritten: object, meter: gaps.Meter) -> bool:
    spec = _checked(spec, "verifier 'prove'")
    if not _well_formed(rewritten, spec[0]):
        return False
    import z3

    context = z3.Context()
    env = {v: z3.BitVec(v, spec[0], ctx=context) for v in VARIABLES}
    solver = z3.Solver(ctx=context)
    solver.add(_to_z3(spec[1], env) != _to_z3(rewritten, env))  # type: ignore[arg-type]
    answer = solver.check()
    stats = solver.statistics()
    counters = stats.keys()
    if "rlimit count" in counters:
        meter.count(rlimit=int(stats.get_key_value("rlimit count")))
    if answer == z3.unknown:
        raise gaps.GaveUp(f"z3 returned unknown: {solver.reason_unknown()}")
    return bool(answer == z3.unsat)


def _evaluate(term: Term, env: dict[str, int], mask: int) -> int:
    op = term[0]
    if op == "var":
        return env[term[1]]
    if op == "const":
        return int(term[1])
    if op == "shl":
        return (_evaluate(term[1], env, mask) << term[2]) & mask
    if op == "not":
        return ~_evaluate(term[1], env, mask) & mask
    if op == "neg":
        return -_evaluate(term[1], env, mask) & mask
    s, t = _evaluate(term[1], env, mask), _evaluate(term[2], env, mask)
    value = {"add": s + t, "sub": s - t, "mul": s * t, "and": s & t, "or": s | t, "xor": s ^ t}
    return value[op] & mask


def _flip(term: Term, path: list[int]) -> Term:
    if not path:
        return (FLIP[term[0]], *term[1:])
    i = path[0]
    return (*term[:i], _flip(term[i], path[1:]), *term[i + 1 :])


def corrupt(spec: Spec, result: gaps.Certified, rng: random.Random) -> gaps.Certified:
    """Flip one binary operator of the output so that it is no longer equivalent."""
    rewritten, trace = result
    mask = (1 << spec[0]) - 1
    inputs = [{v: rng.randrange(mask + 1) for v in VARIABLES} for _ in range(64)]
    for _ in range(20):
        path: list[int] = []
        node, target = rewritten, None
        while _children(node):
            if node[0] in BINARY:
                target = list(path)
            path.append(rng.choice(_children(node)))
            node = node[path[-1]]
            if target is not None and rng.random() < 0.3:
                break
        if target is None:
            break
        bad = _flip(rewritten, target)
        if any(_evaluate(bad, env, mask) != _evaluate(rewritten, env, mask) for env in inputs):
            return gaps.Certified(bad, trace)
    return gaps.Certified(("add", rewritten, ("const", 1)), trace)


def _subterm_paths(term: Term, path: tuple[int, ...] = ()) -> Iterator[tuple[int, ...]]:
    """The path of every binary node of ``term``, root first."""
    if term[0] in BINARY:
        yield path
    for i in range(1, len(term)):
        if isinstance(term[i], tuple):
            yield from _subterm_paths(term[i], (*path, i))


def _replays(term: Term, trace: Sequence[Step], output: Term) -> bool:
    """The definition: each step's rule matches the node at its path, and the last term is
    ``output`` (a path walks the tuple's subterms; a shift amount is not one)."""
    for path, rule in trace:
        nodes = [term]
        for i in path:
            node = nodes[-1]
            if not (0 < i < len(node) and isinstance(node[i], tuple)):
                return False
            nodes.append(node[i])
        new = RULES[rule](nodes[-1], gaps.Meter())
        if new is None:
            return False
        for node, i in zip(reversed(nodes[:-1]), reversed(path), strict=True):
            new = (*node[:i], new, *node[i + 1 :])
        term = new
    return term == output


def _equal(width: int, s: Term, t: Term) -> bool:
    """``s`` and ``t`` agree on every input of ``width`` bits (all of them, evaluated)."""
    mask = (1 << width) - 1
    for values in itertools.product(range(mask + 1), repeat=len(VARIABLES)):
        env = dict(zip(VARIABLES, values, strict=True))
        if _evaluate(s, env, mask) != _evaluate(t, env, mask):
            return False
    return True


def _specification() -> gaps.Specification:
    """The relation of ``replay``: the trace replays from the term to the output, which
    equals the term on every input. Candidates edit the generator's own certificate on
    products of width 2..``bound`` - 1 (rng seeded 0 and 1), at most two edits: steps
    dropped, a step inserted that drops a zero at the root (the product's root is no
    sum, so it does not match there at first), and one binary operator of the output
    flipped (as the corruptor does)."""
    from gaps.problems._edits import Edits, among

    tables: dict[Spec, tuple[list[gaps.Certified], list[int]]] = {}

    def instances(bound: int) -> Iterator[Spec]:
        for width, seed in itertools.product(range(2, bound), (0, 1)):
            spec = sample(width, random.Random(seed))
            output, trace = rewrite(spec, gaps.Meter())
            paths = list(_subterm_paths(output))
            edits = Edits(
                (*(True,) * len(trace), -1, -1),
                (
                    *((True, False),) * len(trace),
                    (-1, 0, len(trace) // 2),
                    tuple(range(-1, len(paths))),
                ),
            )
            outputs = []
            for values in edits.candidates():
                steps: list[Step] = []
                for j, step in enumerate(trace):
                    steps += [((), "drop_zero")] if values[len(trace)] == j else []
                    steps += [step] if values[j] else []
                flip = int(values[len(trace) + 1])
                rewritten = output if flip < 0 else _flip(output, list(paths[flip]))
                outputs.append(gaps.Certified(rewritten, steps))
            valid = [
                i
                for i, (rewritten, steps) in enumerate(outputs)
                if _replays(spec[1], steps, rewritten) and _equal(width, spec[1], rewritten)
            ]
            tables[spec] = outputs, valid
            yield spec

    def variables(spec: Spec) -> list[Any]:
        import z3

        return [z3.Int("candidate")]

    def valid(spec: Spec, variables: Sequence[Any]) -> Any:
        import z3

        return among(z3, variables[0], tables[spec][1])

    def domain(spec: Spec, variables: Sequence[Any]) -> Any:
        import z3

        return z3.And(variables[0] >= 0, variables[0] < len(tables[spec][0]))

    return gaps.Specification(
        instances=instances,
        variables=variables,
        valid=valid,
        decode=lambda spec, values: tables[spec][0][values[0]],
        domain=domain,
        verifier="replay",
    )


FAMILY = gaps.Family(
    name="term_equivalence",
    domain="programs",
    summary="Obfuscate an n-bit product by sound rewrites vs replay the trace or prove it with z3.",
    sample=sample,
    generate={"rewrite": rewrite},
    verify={"replay": gaps.certified(replay), "prove": gaps.blind(prove)},
    corrupt=corrupt,
    theory=gaps.Theory(
        generate="n",
        verify={"replay": "n", "prove": "2**n"},
        sign={"replay": "neutral", "prove": "negative"},
        reference="Kroening and Strichman 2016; Biere 2016; Kaufmann, Biere and Kauers 2019",
    ),
    references=(
        "Baader and Nipkow 1998",
        "Zhou, Main, Gu and Johnson 2007",
        "de Moura and Bjorner 2008",
        "Kroening and Strichman 2016",
        "Biere 2016",
        "Kaufmann, Biere and Kauers 2019",
    ),
    tags=("rewriting", "smt", "bit-vectors", "z3", "equivalence", "mba", "multipliers"),
    units={"replay": ("steps", "time"), "prove": ("time",)},
    sizes=(4, 5, 6, 7, 8, 9),
    spec=_specification(),
)

"""Checking a verifier's real code against its family's specification.

A family may declare its relation as a :class:`Specification`: the small instances
up to a bound, the z3 variables that encode a candidate output of one instance, a z3
formula saying which candidates are valid, and a decoder from the variables' values
to the Python output the verifier is handed. :func:`prove` asks z3 for every valid
candidate and then every invalid one (blocking each model once seen), runs the
verifier on each, and compares its verdict with the formula's. The first
disagreement refutes the verifier; enumerating every candidate of every instance
proves it up to the bound; a budget reached first leaves the question open.

This checks the verifier itself, not a model of it: a copy with one wrong
comparison is refuted with the instance and output it gets wrong.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gaps.errors import InvalidArgument, UnknownName, did_you_mean
from gaps.family import Certified, Family, Verifier, verdict_of
from gaps.meter import Meter

__all__ = ["ProofReport", "Specification", "prove", "target"]

#: Candidate outputs checked over all instances before the answer is "unknown".
BUDGET = 200_000
#: z3's deterministic resource limit per enumeration query.
RLIMIT = 5_000_000


@dataclass(frozen=True)
class Specification:
    """A family's relation, in a form z3 can enumerate candidate outputs from.

    Parameters
    ----------
    instances : callable
        ``instances(bound)`` yields every instance the check covers up to ``bound``
        (exhaustively at the smallest sizes): the verifier's first argument.
    variables : callable
        ``variables(instance)`` returns the z3 variables (Bool or Int) that encode one
        candidate output; each assignment of them is one candidate.
    valid : callable
        ``valid(instance, variables)`` is the z3 formula that holds exactly for the
        valid candidates.
    decode : callable
        ``decode(instance, values)`` turns the variables' values (Python bools and
        ints, in order) into the output, or a :class:`gaps.Certified` pair for
        certified verifiers.
    domain : callable, optional
        ``domain(instance, variables)`` bounds the candidate space (the finite range
        of each variable), malformed candidates included so that a missing range
        check is caught.
    verifier : str, optional
        The name of the verifier whose relation this is [the family's first]: what
        :func:`prove` checks when it is not told.
    near : callable, optional
        ``near(instance)`` is None to check every invalid candidate of that instance's
        domain (the default), or k to check only those within k changed variables of
        some valid candidate: every valid candidate is still checked, and the invalid
        ones a one-field bug lets through are the ones next to a valid one. This keeps
        instances whose domain is too large to exhaust within the budget.
    allowed : callable, optional
        ``allowed(instance, variables)`` holds for the candidates the verifier may
        accept (the valid ones and more); the verifier must reject the others and
        accept the valid ones, and may go either way between. None [the default]:
        exactly the valid ones. For a verifier whose relation the specification
        bounds from both sides, as a proof checker that checks only the lemmas a
        refutation uses.

    Examples
    --------
    >>> import z3
    >>> spec = Specification(
    ...     instances=lambda bound: range(bound + 1),
    ...     variables=lambda n: [z3.Int("root")],
    ...     valid=lambda n, v: v[0] * v[0] == n,
    ...     decode=lambda n, values: values[0],
    ...     domain=lambda n, v: z3.And(v[0] >= 0, v[0] <= n + 1),
    ... )
    >>> spec.variables(4)
    [root]
    """

    instances: Callable[[int], Iterable[Any]]
    variables: Callable[[Any], Sequence[Any]]
    valid: Callable[[Any, Sequence[Any]], Any]
    decode: Callable[[Any, Sequence[Any]], Any]
    domain: Callable[[Any, Sequence[Any]], Any] | None = None
    verifier: str | None = None
    near: Callable[[Any], int | None] | None = None
    allowed: Callable[[Any, Sequence[Any]], Any] | None = None


@dataclass(frozen=True)
class ProofReport:
    """The verdict of :func:`prove` on one verifier at one bound.

    ``status`` is ``"proved"`` (agreed with the specification on every candidate of
    every instance), ``"refuted"`` (``counterexample`` holds the instance and the
    output it got wrong, ``reason`` says how) or ``"unknown"`` (the budget ran out).
    """

    family: str
    verifier: str
    bound: int
    status: str
    counterexample: tuple[Any, Any] | None = None
    reason: str = ""
    instances: int = 0
    outputs: int = 0
    valid_outputs: int = 0

    def __str__(self) -> str:
        line = (
            f"{self.family}/{self.verifier} at bound {self.bound}: {self.status} "
            f"({self.instances} instances, {self.outputs} outputs, "
            f"{self.valid_outputs} valid)"
        )
        return line if self.counterexample is None else f"{line}; {self.reason}"


class _Refuted(Exception):
    def __init__(self, instance: Any, output: Any, reason: str) -> None:
        super().__init__(reason)
        self.instance, self.output, self.reason = instance, output, reason


class _OutOfBudget(Exception):
    pass


def target(family: Family, spec: Specification) -> str:
    """The name of the verifier whose relation ``spec`` states.

    >>> import gaps
    >>> fam = gaps.get("subset_sum")
    >>> [target(fam, spec) for spec in fam.specs]
    ['decide', 'check']
    """
    return spec.verifier or next(iter(family.verifiers))


def _specification(family: Family, name: str | None) -> Specification:
    """The specification of verifier ``name``: the first one, when none states its relation."""
    if name is not None and name not in family.verifiers:
        raise UnknownName(
            f"Family {family.name!r} has no verifier {name!r}. "
            + did_you_mean(name, list(family.verifiers))
        )
    found = [spec for spec in family.specs if target(family, spec) == name]
    spec: Specification = found[0] if found else family.spec
    return spec


def _resolve(family: Family, verifier: str | Callable[..., Any] | Verifier) -> tuple[str, Verifier]:
    if isinstance(verifier, Verifier):
        return getattr(verifier.fn, "__name__", "verifier"), verifier
    if isinstance(verifier, str):
        if verifier not in family.verifiers:
            raise UnknownName(
                f"Family {family.name!r} has no verifier {verifier!r}. "
                + did_you_mean(verifier, list(family.verifiers))
            )
        return verifier, family.verifiers[verifier]
    if callable(verifier):
        # A bare callable takes the shape of the family's own verifiers: a certified
        # family's specification decodes (output, certificate) pairs.
        try:
            arity = len(inspect.signature(verifier).parameters)
        except (TypeError, ValueError):
            arity = 3
        return getattr(verifier, "__name__", "verifier"), Verifier(
            verifier, "certified" if arity == 4 else "witness"
        )
    raise InvalidArgument(
        f"The 'verifier' parameter of gaps.prove must be a verifier name of {family.name!r} "
        f"or a callable. Got {verifier!r} ({type(verifier).__name__})."
    )


def _value(z3: Any, var: Any, value: Any) -> bool | int:
    return bool(z3.is_true(value)) if z3.is_bool(var) else int(value.as_long())


def _verdict(verifier: Verifier, instance: Any, output: Any) -> bool | None:
    """The verifier's verdict, or None when it raised or returned no verdict."""
    try:
        if isinstance(output, Certified):
            value = verifier.fn(instance, output.output, output.certificate, Meter())
        else:
            value = verifier.fn(instance, output, Meter())
    except Exception:  # a crash on a candidate is a wrong verdict, not a proof failure
        return None
    return verdict_of(verifier.mode, value)


def _check_shape(spec: Specification, verifier: Verifier, output: Any) -> None:
    """A specification of (output, certificate) pairs checks certified verifiers only:
    another verifier's relation (a compare verifier's, say) is not the one it states."""
    if isinstance(output, Certified) != (verifier.mode == "certified"):
        shape = "(output, certificate) pairs" if isinstance(output, Certified) else "outputs"
        raise InvalidArgument(
            f"This specification decodes {shape}, so it cannot check a {verifier.mode} "
            "verifier; pass one with the shape it states."
        )


def _enumerate(
    z3: Any,
    spec: Specification,
    verifier: Verifier,
    instance: Any,
    want: bool,
    left: int,
    wrong: list[_Refuted] | None = None,
    valid: list[list[bool | int]] | None = None,
) -> int:
    """Check every candidate whose validity is ``want``; return how many were seen.

    The first wrong verdict raises, unless ``wrong`` collects every one of them. The
    valid candidates' values are added to ``valid``; invalid candidates are then drawn
    from those within the specification's ``near`` distance of one of them."""
    variables = list(spec.variables(instance))
    solver = z3.Solver()
    solver.set("rlimit", RLIMIT)
    if spec.domain is not None:
        solver.add(spec.domain(instance, variables))
    if want:
        solver.add(spec.valid(instance, variables))
    else:
        solver.add(z3.Not((spec.allowed or spec.valid)(instance, variables)))
    k = None if want or spec.near is None else spec.near(instance)
    # Around each valid candidate in turn, a small query each; a candidate near two
    # of them is found twice and checked once.
    anchors: list[list[bool | int] | None] = [None] if k is None else list(valid or [])
    checked: set[tuple[bool | int, ...]] = set()
    seen = 0
    for anchor in anchors:
        if anchor is not None:
            solver.push()
            solver.add(_within(z3, variables, anchor, k or 0))
        while True:
            result = solver.check()
            if result == z3.unsat:
                break
            if result != z3.sat or seen >= left:
                raise _OutOfBudget
            model = solver.model()
            exprs = [model.eval(v, model_completion=True) for v in variables]
            values = [_value(z3, v, e) for v, e in zip(variables, exprs, strict=True)]
            solver.add(z3.Or([v != e for v, e in zip(variables, exprs, strict=True)]))
            if anchor is not None and tuple(values) in checked:
                continue
            checked.add(tuple(values))
            output = spec.decode(instance, values)
            _check_shape(spec, verifier, output)
            verdict = _verdict(verifier, instance, output)
            if verdict is not want:
                said = "no verdict" if verdict is None else ("accepted" if verdict else "rejected")
                kind = "a valid" if want else "an invalid"
                refuted = _Refuted(instance, output, f"{said} {kind} output")
                if wrong is None:
                    raise refuted
                wrong.append(refuted)
            seen += 1
            if want and valid is not None:
                valid.append(values)
        if anchor is not None:
            solver.pop()
    return seen


def _within(z3: Any, variables: list[Any], anchor: list[bool | int], k: int) -> Any:
    """The candidate differs from the valid candidate ``anchor`` in at most ``k`` variables."""
    changed = [z3.If(v == value, 0, 1) for v, value in zip(variables, anchor, strict=True)]
    return z3.Sum(changed) <= k


def _smallest(
    z3: Any, spec: Specification, verifier: Verifier, first: _Refuted, left: int
) -> _Refuted:
    """The shortest wrong verdict (by the output's text) on the first instance with one.

    Instances come smallest first, so the counterexample's instance is already the
    smallest; among its outputs z3's order is arbitrary, so all are checked within the
    budget left, and the shortest kept: ``[1]`` rather than ``[2, 0, 1]``."""
    wrong: list[_Refuted] = []
    valid: list[list[bool | int]] = []
    try:
        for want in (True, False):
            left -= _enumerate(z3, spec, verifier, first.instance, want, left, wrong, valid)
    except _OutOfBudget:
        return first
    return min(wrong, key=lambda r: (len(repr(r.output)), repr(r.output)), default=first)


def prove(
    family: Family,
    verifier: str | Callable[..., Any] | Verifier | None = None,
    bound: int = 3,
    *,
    budget: int = BUDGET,
    against: str | None = None,
) -> ProofReport:
    """Check ``verifier`` against ``family``'s specification on every instance up to ``bound``.

    ``verifier`` is the name of one of the family's verifiers (the one the first
    specification names, else the first) or any callable with a verifier's
    signature. It is checked against the specification of the verifier named by
    ``against``, else of the verifier named, else the family's first. The report
    counts the instances and candidate outputs covered; ``budget`` caps the
    candidates checked in all.

    Examples
    --------
    >>> import gaps, z3
    >>> spec = gaps.Specification(
    ...     instances=lambda bound: range(bound + 1),
    ...     variables=lambda n: [z3.Int("root")],
    ...     valid=lambda n, v: v[0] * v[0] == n,
    ...     decode=lambda n, values: values[0],
    ...     domain=lambda n, v: z3.And(v[0] >= 0, v[0] <= n + 1),
    ... )
    >>> fam = gaps.Family("square_root", lambda size, rng: size, lambda n, meter: 0,
    ...                   lambda n, r, meter: r * r == n, spec=spec)
    >>> gaps.prove(fam, bound=9).status
    'proved'
    >>> wrong = gaps.prove(fam, verifier=lambda n, r, meter: r * r <= n, bound=9)
    >>> wrong.status, wrong.counterexample
    ('refuted', (1, 0))
    """
    import z3

    if family.spec is None:
        raise InvalidArgument(
            f"Family {family.name!r} declares no specification, so gaps.prove has nothing "
            "to check its verifier against. Pass spec=gaps.Specification(...) to gaps.Family."
        )
    if isinstance(bound, bool) or not isinstance(bound, int) or bound < 0:
        raise InvalidArgument(
            f"The 'bound' parameter of gaps.prove must be an int >= 0. "
            f"Got {bound!r} ({type(bound).__name__})."
        )
    spec = _specification(family, against or (verifier if isinstance(verifier, str) else None))
    default = spec.verifier or next(iter(family.verifiers))
    name, ver = _resolve(family, default if verifier is None else verifier)
    counts = {"instances": 0, "outputs": 0, "valid_outputs": 0}

    def report(status: str, **extra: Any) -> ProofReport:
        return ProofReport(family.name, name, bound, status, **{**extra, **counts})

    try:
        for instance in spec.instances(bound):
            valid: list[list[bool | int]] = []
            for want in (True, False):
                left = budget - counts["outputs"]
                seen = _enumerate(z3, spec, ver, instance, want, left, valid=valid)
                counts["outputs"] += seen
                counts["valid_outputs"] += seen if want else 0
            counts["instances"] += 1
    except _Refuted as exc:
        exc = _smallest(z3, spec, ver, exc, budget - counts["outputs"])
        return report("refuted", counterexample=(exc.instance, exc.output), reason=exc.reason)
    except _OutOfBudget:
        return report("unknown", reason="budget reached")
    return report("proved")

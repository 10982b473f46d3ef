"""Declaring a problem family: sampler, generators, verifiers with modes, corruptor, theory.

The simple form of the public API takes one function per role; the richer form takes
mappings of named generators and verifiers, wraps verifiers in a mode
(:func:`witness`, :func:`certified`, :func:`blind`, :func:`grade`, :func:`compare`)
and declares the expected growth of each side in a :class:`Theory`. Everything is
checked when the family is declared, so a mistake surfaces where it was made.
"""

from __future__ import annotations

import inspect
import numbers
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from gaps.errors import DeclarationError, UnknownName, did_you_mean
from gaps.kinds import KINDS
from gaps.meter import COUNTERS

__all__ = [
    "MODES",
    "SIGNS",
    "UNITS",
    "Certified",
    "Family",
    "Pairing",
    "Theory",
    "Verifier",
    "blind",
    "certified",
    "compare",
    "grade",
    "verdict_of",
    "witness",
]

Mode = Literal["witness", "certified", "blind", "grade", "compare"]
MODES: tuple[str, ...] = ("witness", "certified", "blind", "grade", "compare")
SIGNS: tuple[str, ...] = (
    "positive",
    "negative",
    "neutral",
    "inconclusive",
    "unsound",
    "unmeasurable",
)
#: Cost units: steps and solver counters are the family's claim, time and memory the core's.
UNITS: tuple[str, ...] = ("steps", "time", "memory", *COUNTERS)
# Names become CLI arguments, table cells, Markdown and file names, so they are plain
# snake_case and short. fullmatch: "$" alone would let a trailing newline through.
_NAME = re.compile(r"[a-z][a-z0-9_]*")
MAX_NAME_LENGTH = 64


class Certified(NamedTuple):
    """A generator's output together with a certificate for ``certified`` verifiers.

    Other verifiers of the family see ``output`` alone; the certificate is the
    builder's secret (a planted assignment, the factors, a permutation).

    >>> Certified(output=15, certificate=(3, 5)).output
    15
    """

    output: Any
    certificate: Any


@dataclass(frozen=True)
class Verifier:
    """A verifier function and the mode that says what it is shown.

    ``witness``, ``blind``, ``grade`` and ``compare`` verifiers are called as
    ``fn(instance, output, meter)``; ``certified`` ones as
    ``fn(instance, output, certificate, meter)``. A ``grade`` verifier returns a
    score in [0, 1] (1 means accepted); the others return a bool.
    """

    fn: Callable[..., Any]
    mode: Mode = "witness"

    @property
    def arity(self) -> int:
        return 4 if self.mode == "certified" else 3


def verdict_of(mode: str, value: Any) -> bool | None:
    """What a verifier of ``mode`` returned: accepted, rejected, or None (not a verdict).

    A ``grade`` verifier accepts with a score of 1 and must return a real number in
    [0, 1]; the others must return a bool (numpy's bools count, ints do not).

    >>> verdict_of("witness", True), verdict_of("witness", 1), verdict_of("grade", 0.5)
    (True, None, False)
    """
    if mode == "grade":
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return None
        score = float(value)
        return score >= 1 - 1e-9 if 0 <= score <= 1 else None  # NaN fails both bounds
    numpy_bool = type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")
    return bool(value) if isinstance(value, bool) or numpy_bool else None


def witness(fn: Callable[[Any, Any, Any], bool]) -> Verifier:
    """Mark ``fn(instance, output, meter)`` as checking the output as its own evidence.

    >>> witness(lambda xs, ys, meter: ys == sorted(xs)).mode
    'witness'
    """
    return Verifier(fn, "witness")


def certified(fn: Callable[[Any, Any, Any, Any], bool]) -> Verifier:
    """Mark ``fn(instance, output, certificate, meter)`` as checking a certificate.

    >>> certified(lambda n, N, pq, meter: pq[0] * pq[1] == N).mode
    'certified'
    """
    return Verifier(fn, "certified")


def blind(fn: Callable[[Any, Any, Any], bool]) -> Verifier:
    """Mark ``fn(instance, output, meter)`` as deciding the property without the secret.

    >>> blind(lambda n, N, meter: N > 1).mode
    'blind'
    """
    return Verifier(fn, "blind")


def grade(fn: Callable[[Any, Any, Any], float]) -> Verifier:
    """Mark ``fn(instance, output, meter) -> score in [0, 1]`` as a grader (feedback).

    >>> grade(lambda xs, ys, meter: 1.0).mode
    'grade'
    """
    return Verifier(fn, "grade")


def compare(fn: Callable[[Any, Any, Any], bool]) -> Verifier:
    """Mark ``fn(instance, output, meter)`` as producing its own reference and comparing.

    Its cost includes that generation, so its gap is never positive.

    >>> compare(lambda xs, ys, meter: ys == sorted(xs)).mode
    'compare'
    """
    return Verifier(fn, "compare")


@dataclass(frozen=True)
class Pairing:
    """One (generator, verifier) pair of a family: the unit that gets a gap."""

    generator: str
    verifier: str
    mode: Mode

    @property
    def name(self) -> str:
        return f"{self.generator}/{self.verifier}"


@dataclass(frozen=True)
class Theory:
    """The expected growth of each side (sympy strings in ``n``) and the expected sign.

    ``generate`` and ``verify`` are one string or a mapping by generator / verifier
    name; ``sign`` is one sign or a mapping by verifier name or pairing name
    (``"generator/verifier"``). A growth counted in another unit than the default
    statement (which is usually in bit operations or time) goes in ``units``: a mapping
    from the unit to ``{"generate": ..., "verify": ...}`` of the same forms, e.g. a
    square-and-multiply that ticks one step per multiplication grows as ``n`` in
    ``"steps"`` while its bit operations grow as ``n**3``.

    >>> t = Theory(generate="n*log(n)", verify="n", sign="positive", reference="Knuth 1998")
    >>> t.growth_of("generate", "generate")
    'n*log(n)'
    >>> t = Theory(generate="n**3", verify="n**2", sign="positive",
    ...            units={"steps": {"generate": "n", "verify": "1"}})
    >>> t.growth_of("verify", "square", "steps"), t.growth_of("verify", "square", "time")
    ('1', 'n**2')
    """

    generate: str | Mapping[str, str]
    verify: str | Mapping[str, str]
    sign: str | Mapping[str, str]
    reference: str = ""
    units: Mapping[str, Mapping[str, str | Mapping[str, str]]] = field(default_factory=dict)

    def growth_of(self, side: str, name: str, unit: str | None = None) -> str | None:
        """The declared growth of side ``name`` (in ``unit`` where one is declared)."""
        in_unit = self.units.get(unit, {}) if unit is not None else {}
        if side in in_unit:
            value = in_unit[side]
            found = value if isinstance(value, str) else value.get(name)
            if found is not None:
                return found
        value = self.generate if side == "generate" else self.verify
        return value if isinstance(value, str) else value.get(name)

    def sign_of(self, pairing: Pairing) -> str | None:
        if isinstance(self.sign, str):
            return self.sign
        return self.sign.get(pairing.name, self.sign.get(pairing.verifier))


def _as_mapping(value: Any, default_name: str) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    return {default_name: value}


@dataclass(frozen=True, eq=False)
class Family:
    """A problem family: how to draw instances, produce outputs and check them.

    Parameters
    ----------
    name : str
        snake_case; the name of the module, the CLI argument and the docs anchor.
    sample : callable
        ``sample(size, rng) -> instance``; all randomness must come from ``rng``.
    generate : callable or mapping of name to callable
        ``generate(instance, meter) -> output`` (or :class:`Certified`).
    verify : callable, Verifier, or mapping of name to either
        A bare callable is a ``witness`` verifier.
    corrupt : callable, optional
        ``corrupt(instance, output, rng) -> output`` turning a valid output invalid.
    domain, summary, tags, references
        Catalog metadata.
    theory : Theory, optional
        Expected growth of each side and expected sign.
    units : sequence of str, or mapping of verifier (or pairing) name to one
        Cost units that are meaningful on both sides of a pairing, the first being
        its default. Time and memory are always measured by the core; a side that
        runs in native code does not tick where its work is done, so a pairing with
        one omits ``"steps"``. A mapping gives each pairing its own units; the
        ``units`` attribute then holds those common to every pairing.
    sizes : sequence of int, or mapping of verifier (or pairing) name to one, optional
        A default size schedule (used by ``gaps survey``). A mapping gives pairings
        their own schedules, for a certified verifier that reaches the sizes where its
        asymptotics show while a blind one is out of budget there; the ``sizes``
        attribute then holds their union, the schedule of any pairing not named.
    pairings : sequence of (generator, verifier), optional
        Restrict which pairs get a gap; by default every generator is paired with
        every verifier.
    spec : gaps.Specification, or a sequence of them, optional
        The relation as z3 can enumerate it, so that :func:`gaps.prove` can check
        the verifiers' code against it on every small instance. Verifiers that
        decide different relations (a blind decider and a certificate check) each
        get one, naming its verifier; ``specs`` holds them all, ``spec`` the first.
    not_best_known : mapping of generator or verifier name to str, optional
        The sides that are not the best algorithm known, each with what would be
        (a textbook search beside a solver, a library slower than the state of the
        art): a gap is only as honest as its two sides, so ``gaps catalog`` and the
        survey table show it next to every pairing of that side.
    kind : str, optional
        The relation kind (a key of :data:`gaps.kinds.KINDS`): the generators output
        objects, and certificates, in that kind's canonical form, so that the search's
        attacks for the kind apply to the family.
    origin : str, optional
        Where the family was declared; by default the module that calls ``Family``:
        ``"module pkg.mod"`` inside a package, ``"file /abs/path.py"`` for a top-level
        module or script. The store keys its records by origin as well as name, so a
        family of your own never overwrites a catalog family's records.

    Examples
    --------
    >>> import gaps
    >>> fam = gaps.Family(
    ...     name="sorting_demo",
    ...     sample=lambda size, rng: [rng.random() for _ in range(size)],
    ...     generate=lambda xs, meter: sorted(xs),
    ...     verify=lambda xs, ys, meter: ys == sorted(xs),
    ... )
    >>> [p.name for p in fam.pairings]
    ['generate/verify']
    """

    name: str
    sample: Callable[[int, Any], Any]
    generate: Any
    verify: Any
    corrupt: Callable[[Any, Any, Any], Any] | None = None
    domain: str = "user"
    summary: str = ""
    theory: Theory | None = None
    references: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    units: tuple[str, ...] = ("steps", "time")
    sizes: tuple[int, ...] | None = None
    pairings: tuple[Pairing, ...] = field(default=())
    spec: Any = None
    specs: tuple[Any, ...] = field(init=False, repr=False)
    kind: str | None = None
    not_best_known: Mapping[str, str] = field(default_factory=dict)
    origin: str = ""
    generators: Mapping[str, Callable[..., Any]] = field(init=False, repr=False)
    verifiers: Mapping[str, Verifier] = field(init=False, repr=False)
    _pairing_units: Mapping[str, tuple[str, ...]] = field(init=False, repr=False)
    _pairing_sizes: Mapping[str, tuple[int, ...]] = field(init=False, repr=False)

    def __init__(
        self,
        name: str,
        sample: Callable[[int, Any], Any],
        generate: Callable[..., Any] | Mapping[str, Callable[..., Any]],
        verify: Callable[..., Any] | Verifier | Mapping[str, Callable[..., Any] | Verifier],
        corrupt: Callable[[Any, Any, Any], Any] | None = None,
        *,
        domain: str = "user",
        summary: str = "",
        theory: Theory | None = None,
        references: Sequence[str] = (),
        tags: Sequence[str] = (),
        units: Sequence[str] | Mapping[str, Sequence[str]] = ("steps", "time"),
        sizes: Sequence[int] | Mapping[str, Sequence[int]] | None = None,
        pairings: Sequence[tuple[str, str]] | None = None,
        spec: Any = None,
        kind: str | None = None,
        not_best_known: Mapping[str, str] | None = None,
        origin: str | None = None,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "not_best_known", dict(not_best_known or {}))
        set_(self, "origin", _declaring_module() if origin is None else origin)
        specs = tuple(spec) if isinstance(spec, list | tuple) else () if spec is None else (spec,)
        set_(self, "specs", specs)
        set_(self, "spec", specs[0] if specs else None)
        set_(self, "kind", kind)
        set_(self, "name", name)
        set_(self, "sample", sample)
        set_(self, "corrupt", corrupt)
        set_(self, "domain", domain)
        set_(self, "summary", summary)
        set_(self, "theory", theory)
        set_(self, "references", tuple(references))
        set_(self, "tags", tuple(tags))
        per_pairing = {k: tuple(v) for k, v in units.items()} if isinstance(units, Mapping) else {}
        set_(self, "_pairing_units", per_pairing)
        set_(self, "units", _common_units(per_pairing) if per_pairing else tuple(units))
        own_sizes = {k: tuple(v) for k, v in sizes.items()} if isinstance(sizes, Mapping) else {}
        set_(self, "_pairing_sizes", own_sizes)
        if own_sizes:
            set_(self, "sizes", tuple(sorted({s for v in own_sizes.values() for s in v})))
        else:
            set_(self, "sizes", None if sizes is None else tuple(sizes))
        gens = _as_mapping(generate, "generate")
        vers = {
            k: v if isinstance(v, Verifier) else Verifier(v, "witness")
            for k, v in _as_mapping(verify, "verify").items()
        }
        set_(self, "generate", generate)
        set_(self, "verify", verify)
        set_(self, "generators", gens)
        set_(self, "verifiers", vers)
        if pairings is None:
            pairs = [(g, v) for g in gens for v in vers]
        else:
            pairs = [(str(g), str(v)) for g, v in pairings]
        set_(self, "pairings", tuple(Pairing(g, v, vers[v].mode) for g, v in pairs if v in vers))
        _validate(self, pairs)

    def not_best_known_of(self, pairing: Pairing) -> str:
        """Why either side of ``pairing`` is not the best known algorithm ("" when both are).

        >>> import gaps
        >>> fam = gaps.Family("toy_search", lambda n, rng: n, {"brute": lambda n, m: n},
        ...                   lambda n, o, m: True, not_best_known={"brute": "textbook"})
        >>> fam.not_best_known_of(fam.pairing("brute"))
        'brute: textbook'
        """
        notes = self.not_best_known
        return "; ".join(
            f"{name}: {notes[name]}"
            for name in (pairing.generator, pairing.verifier)
            if name in notes
        )

    def units_of(self, pairing: Pairing) -> tuple[str, ...]:
        """The cost units meaningful for ``pairing``, its default first.

        >>> import gaps
        >>> fam = gaps.Family("two_units", lambda n, rng: n, lambda n, m: n,
        ...                   {"fast": lambda n, o, m: True, "native": lambda n, o, m: True},
        ...                   units={"fast": ("steps", "time"), "native": ("time",)})
        >>> fam.units, fam.units_of(fam.pairing("fast"))
        (('time',), ('steps', 'time'))
        """
        return _own(self._pairing_units, pairing, self.units)

    def sizes_of(self, pairing: Pairing) -> tuple[int, ...] | None:
        """The default size schedule of ``pairing`` (None when the family declares none).

        >>> import gaps
        >>> fam = gaps.Family("two_reaches", lambda n, rng: n, lambda n, m: n,
        ...                   {"blind": lambda n, o, m: True, "cheap": lambda n, o, m: True},
        ...                   sizes={"blind": (8, 16, 32), "cheap": (32, 64, 128)})
        >>> fam.sizes, fam.sizes_of(fam.pairing("blind"))
        ((8, 16, 32, 64, 128), (8, 16, 32))
        """
        return _own(self._pairing_sizes, pairing, self.sizes)

    def pairing(self, name: str) -> Pairing:
        """The pairing called ``"generator/verifier"`` (or just a verifier's name)."""
        for p in self.pairings:
            if name in (p.name, p.verifier) or (len(self.pairings) == 1 and name == p.generator):
                return p
        raise UnknownName(
            f"Family {self.name!r} has no pairing {name!r}. "
            + did_you_mean(name, [p.name for p in self.pairings])
        )

    def __repr__(self) -> str:
        return f"<Family {self.name!r} ({self.domain}): {', '.join(p.name for p in self.pairings)}>"


def _own(per_pairing: Mapping[str, Any], pairing: Pairing, default: Any) -> Any:
    """A pairing's own entry of a per-pairing declaration (by pairing or verifier name)."""
    return per_pairing.get(pairing.name, per_pairing.get(pairing.verifier, default))


def _common_units(per_pairing: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    first = next(iter(per_pairing.values()), ("time",))
    common = tuple(u for u in first if all(u in units for units in per_pairing.values()))
    return common or ("time",)


def _fail(family: str, part: str, problem: str) -> DeclarationError:
    return DeclarationError(f"Family {family!r}: {part} {problem}")


def _required_positional(fn: Callable[..., Any]) -> tuple[int, int] | None:
    """(required, maximum) positional arity, or None when Python cannot tell."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    required, most = 0, 0
    for p in sig.parameters.values():
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            most += 1
            required += p.default is p.empty
        elif p.kind is p.VAR_POSITIONAL:
            most = 10**6
    return required, most


def _check_callable(family: str, part: str, fn: Any, arity: int, signature: str) -> None:
    if not callable(fn):
        raise _fail(family, part, f"must be a callable {signature}. Got {type(fn).__name__}.")
    shape = _required_positional(fn)
    if shape is not None and not (shape[0] <= arity <= shape[1]):
        raise _fail(
            family,
            part,
            f"must take {arity} positional arguments {signature}; "
            f"it takes {shape[0]}{'' if shape[0] == shape[1] else '+'}.",
        )


def _declaring_module() -> str:
    """The origin of a family declared by the caller of ``Family(...)``.

    A module inside a package is named by its dotted name, which no install path
    changes; a top-level module or a script by its resolved file, so that two user files
    that both call themselves ``families`` stay apart.
    """
    frame = sys._getframe(2)  # _declaring_module <- Family.__init__ <- the declaration
    module = str(frame.f_globals.get("__name__", "__main__"))
    file = frame.f_globals.get("__file__")
    if "." in module or not file:
        return f"module {module}"
    return f"file {Path(file).resolve()}"


def _is_name(name: object) -> bool:
    return isinstance(name, str) and len(name) <= MAX_NAME_LENGTH and bool(_NAME.fullmatch(name))


def _validate(fam: Family, pairs: list[Any]) -> None:
    name = fam.name
    if not _is_name(name):
        raise DeclarationError(
            f"A family's name must be snake_case (lowercase letters, digits, '_'), at most "
            f"{MAX_NAME_LENGTH} characters. Got {name!r}."
        )
    for role, names in (("generator", fam.generators), ("verifier", fam.verifiers)):
        for n in names:
            if not _is_name(n):
                raise _fail(
                    name,
                    f"{role} {n!r}",
                    f"must be named in snake_case (lowercase letters, digits, '_'), at most "
                    f"{MAX_NAME_LENGTH} characters, like the family; e.g. 'decide' or 'check'.",
                )
    for role in fam.not_best_known:
        if role not in fam.generators and role not in fam.verifiers:
            roles = [*fam.generators, *fam.verifiers]
            raise _fail(
                name,
                "'not_best_known'",
                f"names {role!r}, which is neither a generator nor a verifier. "
                + did_you_mean(role, roles),
            )
    _check_callable(name, "'sample'", fam.sample, 2, "sample(size, rng)")
    if not fam.generators:
        raise _fail(name, "'generate'", "needs at least one generator.")
    if not fam.verifiers:
        raise _fail(name, "'verify'", "needs at least one verifier.")
    for g, fn in fam.generators.items():
        _check_callable(name, f"generator {g!r}", fn, 2, "generate(instance, meter)")
    for v, ver in fam.verifiers.items():
        if ver.mode not in MODES:
            raise _fail(name, f"verifier {v!r}", f"has unknown mode {ver.mode!r}; use {MODES}.")
        sig = (
            "verify(instance, output, certificate, meter)"
            if ver.mode == "certified"
            else "verify(instance, output, meter)"
        )
        _check_callable(name, f"verifier {v!r}", ver.fn, ver.arity, sig)
    if fam.corrupt is not None:
        _check_callable(name, "'corrupt'", fam.corrupt, 3, "corrupt(instance, output, rng)")
    for g, v in pairs:
        if g not in fam.generators:
            raise _fail(name, f"pairing ({g!r}, {v!r})", "names an unknown generator.")
        if v not in fam.verifiers:
            raise _fail(name, f"pairing ({g!r}, {v!r})", "names an unknown verifier.")
    known = {*fam.verifiers, *(p.name for p in fam.pairings)}
    for part, per_pairing in (("units", fam._pairing_units), ("sizes", fam._pairing_sizes)):
        for key in sorted(per_pairing.keys() - known):
            raise _fail(name, f"'{part}' key {key!r}", "names no verifier or pairing.")
    for units in [fam.units, *fam._pairing_units.values()]:
        if not units or any(u not in UNITS for u in units):
            raise _fail(name, "'units'", f"must be a non-empty subset of {UNITS}. Got {units}.")
    for sizes in [fam.sizes, *fam._pairing_sizes.values()]:
        if sizes is not None and not (
            sizes and all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in sizes)
        ):
            raise _fail(name, "'sizes'", f"must be non-empty, of positive ints. Got {sizes!r}.")
    if fam.kind is not None and fam.kind not in KINDS:
        raise _fail(name, "'kind'", f"is {fam.kind!r}; use one of {tuple(KINDS)} or None.")
    if fam.spec is not None:
        _validate_spec(fam)
    if fam.theory is not None:
        _validate_theory(fam)


#: What a specification provides (checked by shape: the core does not load the proofs).
_SPEC_PARTS = ("instances", "variables", "valid", "decode")


def _validate_spec(fam: Family) -> None:
    targets = []
    for spec in fam.specs:
        missing = [p for p in _SPEC_PARTS if not callable(getattr(spec, p, None))]
        if missing:
            raise _fail(
                fam.name,
                "'spec'",
                f"must be a gaps.Specification with callables {_SPEC_PARTS}; "
                f"{type(spec).__name__} lacks {tuple(missing)}.",
            )
        target = getattr(spec, "verifier", None)
        if target is not None and target not in fam.verifiers:
            raise _fail(
                fam.name,
                "'spec'",
                f"names verifier {target!r}, which the family does not declare; "
                + did_you_mean(target, list(fam.verifiers)),
            )
        targets.append(target or next(iter(fam.verifiers)))
    if len(set(targets)) < len(targets):
        raise _fail(
            fam.name,
            "'spec'",
            f"gives two specifications for one verifier ({targets}); name a different "
            "verifier in each (Specification(verifier=...)).",
        )


def _validate_theory(fam: Family) -> None:
    from gaps.symbolic import parse_growth  # sympy is loaded only by declared theories

    theory = fam.theory
    assert theory is not None
    for unit, sides in theory.units.items():
        if unit not in UNITS:
            raise _fail(fam.name, "theory.units", f"names unknown unit {unit!r} (one of {UNITS}).")
        unknown = set(sides) - {"generate", "verify"}
        if unknown:
            raise _fail(
                fam.name,
                f"theory.units[{unit!r}]",
                f"maps only 'generate' and 'verify', not {sorted(unknown)}.",
            )
    declared = [("", side, getattr(theory, side)) for side in ("generate", "verify")]
    declared += [
        (f".units[{unit!r}]", side, value)
        for unit, sides in theory.units.items()
        for side, value in sides.items()
    ]
    for where, side, value in declared:
        names = fam.generators if side == "generate" else fam.verifiers
        items = {n: value for n in names} if isinstance(value, str) else dict(value)
        for key, text in items.items():
            if key not in names:
                role = "generator" if side == "generate" else "verifier"
                raise _fail(fam.name, f"theory{where}.{side}", f"names unknown {role} {key!r}.")
            try:
                parse_growth(text)
            except ValueError as exc:
                raise _fail(fam.name, f"theory{where}.{side}[{key!r}]", str(exc)) from None
    signs = {"*": theory.sign} if isinstance(theory.sign, str) else dict(theory.sign)
    for key, sign in signs.items():
        if sign not in SIGNS[:4]:
            raise _fail(fam.name, f"theory.sign[{key!r}]", f"must be one of {SIGNS[:4]}.")

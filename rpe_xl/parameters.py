"""The tool's dated reference parameters (OpenFisca style), kept as YAML files under ``rpe_xl/data/``.

A file holds a ``description``, ``values`` keyed by date (``2022-01-01: {value: 0.43}``: a value holds until
the next dated one; ``null`` means "not known", and the tool then says so instead of guessing; a value is a
number, a fraction written ``1/3``, or ``true``/``false``) and ``metadata`` with the ``unit``, the ``reference``
(title and link to the official text; a rule that changed over time gives one reference per date, each with a
short ``cite`` for messages, ``CGCT L2121-17``) and ``settable: true`` for a value a team or its Caf may set itself
(the CAF rate, ceiling per ETP, bonus).

Those are read from the ``[parametres]`` section of ``rpe-xl.toml`` (see :mod:`rpe_xl.config_file`) over the
package's values: a number holds for every date, a table of dated values from its first date on::

    [parametres]
    caf.rpe.plafond_par_etp = 12345.67
    caf.rpe.bonus_mission_renforcee = { 2026-01-01 = 3229 }

>>> parameter("temps_de_travail").at(dt.date(2026, 1, 1))
Decimal('35')
>>> parameter("caf/rpe/taux").at(dt.date(2026, 1, 1))
Decimal('0.43')
>>> quorum = parameter("seance/quorum/part")
>>> quorum.at(dt.date(2021, 3, 1)), quorum.cite_at(dt.date(2025, 9, 30))
(Fraction(1, 3), 'CGCT L2121-17')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from decimal import InvalidOperation
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Union

from .config_file import ConfigError, find_config, read_config
from .text import fr_value, norm

DATA_DIR = Path(__file__).resolve().parent / "data"
SECTION = "parametres"
PLACEHOLDER = "à compléter"  # the value of a line to paste, until the team fills it in


Value = Union[Decimal, Fraction, bool]


@dataclass(frozen=True)
class Reference:
    """The official text of a value: ``title`` (with its date), ``href`` (its link), ``cite`` (short, for messages)."""

    title: str
    href: str = ""
    cite: str = ""


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    values: tuple[tuple[dt.date, Value | None], ...]
    unit: str = ""
    reference: str = ""  # the title of the latest reference
    href: str = ""
    settable: bool = False
    source: str = ""  # the rpe-xl.toml whose values are used, when there are
    references: tuple[tuple[dt.date, Reference], ...] = ()  # dated references (a single one: from date.min)

    def at(self, date: dt.date) -> Value | None:
        """Value in force at ``date``: the last dated on or before it (None before the first date, or unknown)."""
        return _last(self.values, date)

    def reference_at(self, date: dt.date) -> Reference | None:
        """The text in force at ``date`` (the last reference dated on or before it)."""
        return _last(self.references, date)

    def cite_at(self, date: dt.date) -> str:
        """Short citation of the text in force at ``date`` (its title when it has no ``cite``)."""
        ref = self.reference_at(date)
        return (ref.cite or ref.title) if ref is not None else ""

    @property
    def since(self) -> dt.date | None:
        """The first date the parameter has a value (the date of the text that created what it describes)."""
        return self.values[0][0] if self.values else None


def _last(dated: Iterable[tuple[dt.date, Any]], date: dt.date) -> Any:
    current = None
    for start, value in dated:
        if start <= date:
            current = value
    return current


@lru_cache(maxsize=None)
def parameter(name: str, folder: Path = DATA_DIR) -> Parameter:
    """Read ``<folder>/<name>.yaml`` (``name`` may hold sub-folders: ``caf/rpe/taux``)."""
    import yaml

    raw = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
    values = []
    for key, entry in (raw.get("values") or {}).items():
        value = entry.get("value") if isinstance(entry, dict) else entry
        values.append((_iso(key), _value(value)))
    meta = raw.get("metadata") or {}
    ref = meta.get("reference") or {}
    dated = sorted((_iso(k), v) for k, v in ref.items()) if ref and all(_day(k) for k in ref) else [(dt.date.min, ref)]
    refs = tuple((d, Reference(r.get("title", ""), r.get("href", ""), r.get("cite", ""))) for d, r in dated if r)
    last = refs[-1][1] if refs else Reference("")
    return Parameter(name, raw.get("description", ""), tuple(sorted(values, key=lambda v: v[0])), meta.get("unit", ""),
                     last.title, last.href, bool(meta.get("settable")), references=refs)


def _iso(key: object) -> dt.date:
    return key if isinstance(key, dt.date) else dt.date.fromisoformat(str(key))


def _value(value: object) -> Value | None:
    """A value of a file: a number, a fraction ``1/3`` (kept exact), ``true``/``false``; None when unknown."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and "/" in value:
        return Fraction(value.replace(" ", ""))
    return Decimal(str(value))


def toml_key(name: str) -> str:
    """The key of parameter ``name`` in the ``[parametres]`` section: ``caf/rpe/taux`` -> ``caf.rpe.taux``."""
    return name.replace("/", ".")


@dataclass(frozen=True)
class Settings:
    """The ``[parametres]`` section of the ``rpe-xl.toml`` in use: ``path`` (None: no file), whether the section
    is there, the dated values it gives (parameter name -> values) and what is wrong in it (French)."""

    path: Path | None = None
    has_section: bool = False
    values: dict[str, tuple[tuple[dt.date, Decimal], ...]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def settings(near: Iterable[Path] = ()) -> Settings:
    """The team's parameters, from the ``rpe-xl.toml`` found in the working folder or beside ``near``."""
    path = find_config(near)
    if path is None:
        return Settings()
    try:
        return _settings(path, path.stat().st_mtime_ns)
    except OSError as exc:
        return Settings(path, False, {}, (f"{path} illisible ({exc.strerror or exc}) : vérifiez le fichier.",))


@lru_cache(maxsize=8)
def _settings(path: Path, _mtime_ns: int) -> Settings:  # a changed file is read again
    try:
        section = read_config(path).get(SECTION)
    except ConfigError as exc:
        return Settings(path, False, {}, (str(exc),))
    if not isinstance(section, dict):
        return Settings(path, section is not None, {}, () if section is None else (
            f"[{SECTION}] de {path} doit être une section (une ligne [{SECTION}] puis les valeurs) : corrigez-la.",))
    values: dict[str, tuple[tuple[dt.date, Decimal], ...]] = {}
    problems: list[str] = []
    for name, raw in _leaves(section):
        key = toml_key(name)
        if not re.fullmatch(r"[a-z0-9_]+(/[a-z0-9_]+)*", name) or not (DATA_DIR / f"{name}.yaml").is_file():
            known = ", ".join(toml_key(n) for n in settable_names())
            problems.append(f"{key} : paramètre inconnu dans [{SECTION}] de {path.name} ; paramètres réglables : "
                            f"{known}.")
        elif not parameter(name).settable:
            problems.append(f"{key} : valeur fixée par un texte officiel ({parameter(name).reference}), elle ne se "
                            f"règle pas dans {path.name} : retirez cette ligne.")
        else:
            dated, problem = _dated(key, raw, parameter(name).unit.startswith("ratio"))
            if problem:
                problems.append(problem)
            elif dated:
                values[name] = dated
    return Settings(path, True, values, tuple(problems))


def effective(name: str, near: Iterable[Path] = (), team: Settings | None = None) -> Parameter:
    """Parameter ``name`` with the team's values of ``rpe-xl.toml`` (``team``, else found from ``near``) over the
    package's, from their first date on."""
    base = parameter(name)
    team = team if team is not None else settings(near)
    own = team.values.get(name) if base.settable else None
    if not own:
        return base
    first = own[0][0]
    return replace(base, values=tuple(v for v in base.values if v[0] < first) + own, source=str(team.path))


@lru_cache(maxsize=None)
def settable_names() -> tuple[str, ...]:
    """Names of the parameters a team may set in ``rpe-xl.toml``."""
    names = (f.relative_to(DATA_DIR).with_suffix("").as_posix() for f in sorted(DATA_DIR.rglob("*.yaml")))
    return tuple(n for n in names if parameter(n).settable)


def _leaves(section: dict[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    """(parameter name, value) of a nested TOML table; a table keyed by dates is one dated value."""
    for key, value in section.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and not all(_day(k) for k in value):
            yield from _leaves(value, f"{name}/")
        else:
            yield name, value


def _dated(key: str, raw: Any, ratio: bool) -> tuple[tuple[tuple[dt.date, Decimal], ...], str | None]:
    """Dated values of one setting (a number holds for every date), or a French problem."""
    items = raw.items() if isinstance(raw, dict) else [(None, raw)]
    out = []
    for day, value in items:
        if isinstance(value, str) and norm(value) == norm(PLACEHOLDER):
            continue  # the line pasted from a message, not filled in yet: the value stays unknown
        number = _number(value)
        if number is None:
            return (), (f"{key} = {fr_value(value)} n'est pas un nombre : saisissez la valeur avec un point décimal "
                        f"(ex. {key} = {'0.43' if ratio else '12345.67'}), sans guillemets.")
        if number < 0 or (ratio and number > 1):
            rule = "un taux s'écrit entre 0 et 1 (0.43 pour 43 %)" if ratio else "un montant n'est pas négatif"
            return (), f"{key} = {value} : {rule} ; corrigez la valeur."
        out.append((_day(day) if day is not None else dt.date.min, number))
    return tuple(sorted(out)), None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    try:
        number = Decimal(str(value).replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _day(key: object) -> dt.date | None:
    """``2026-01-01`` or ``2026`` (1st January) as a date, else None."""
    text = str(key)
    try:
        return dt.date(int(text), 1, 1) if text.isdigit() and len(text) == 4 else dt.date.fromisoformat(text)
    except ValueError:
        return None

"""The description of the team's workbooks, ``rpe_xl/data/classeurs.yaml``, loaded once per file.

The reader finds sheets and columns from it (:mod:`.specs` objects), the sheet schemas are built from its column
checks, and rules ask it for list values, rubric labels and identifier patterns by KEY, so that a value renamed
in the workbooks is renamed in this one file. ``RPE_XL_DESCRIPTION`` names another description file (a relais
whose lists are worded otherwise).

>>> label("oui_non", "oui"), rubric("contexte", "date_commission")
('Oui', 'Date de la commission')
>>> by_kind()["suivi"].sheet("contacts_familles").field("motif").list_name
'Motifs familles'
>>> pattern_regex(("am", "gad")), pattern_form(("am", "gad"))
('^(?:AM-\\\\d{4}|GAD-\\\\d{2})$', 'AM-0001 ou GAD-01')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..text import norm
from .specs import ColumnCheck, Field, SheetSpec, WorkbookSpec

ENV = "RPE_XL_DESCRIPTION"
DEFAULT = Path(__file__).resolve().parent.parent / "data" / "classeurs.yaml"
VERSION = 1
KINDS = {"text", "free", "code", "ouinon", "date", "int", "number", "amount", "hours", "any"}


class DescriptionError(ValueError):
    """The description file cannot be used (message in French, says what to fix)."""


@dataclass(frozen=True)
class Value:
    """A value of a drop-down list: ``label`` as the list holds it, other spellings, the regular expression the
    indicators search in the normalised label, the identifier of a participant type, and what is not checked
    when a workbook's list lacks the label (``used_by``, French)."""

    key: str
    label: str
    variants: tuple[str, ...] = ()
    match: str | None = None
    identifier: str | None = None
    used_by: str | None = None


@dataclass(frozen=True)
class ListSpec:
    key: str
    name: str | None  # header of the *Listes* column; None for a list kept only in the description
    values: tuple[Value, ...] = ()

    def value(self, key: str) -> Value:
        found = next((v for v in self.values if v.key == key), None)
        if found is None:
            raise KeyError(f"list {self.key!r} has no value {key!r}")
        return found


@dataclass(frozen=True)
class Rubric:
    """A label of a label/value sheet (``Rubrique | Valeur``)."""

    key: str
    label: str
    date: bool = False
    prefix: bool = False
    pattern: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class Pattern:
    """An identifier (``prefix``, ``widths``) or another format of a column (phone, mail, INSEE code)."""

    key: str
    regex: str
    example: str | None = None
    form: str | None = None
    finding: str | None = None
    prefix: str | None = None
    widths: tuple[int, ...] = ()


class Description:
    """Everything the description file says, as objects."""

    def __init__(self, raw: dict[str, Any], path: Path):
        self.path, self.version = path, raw.get("version")
        if self.version != VERSION:
            raise DescriptionError(f"{path} : version {self.version!r} de la description des classeurs, la "
                                   f"version {VERSION} est attendue.")
        self.lists = {k: _list(k, v) for k, v in (raw.get("lists") or {}).items()}
        self.identifiers = {k: _pattern(k, v) for k, v in (raw.get("identifiers") or {}).items()}
        self.patterns = {**self.identifiers, **{k: _pattern(k, v) for k, v in (raw.get("patterns") or {}).items()}}
        self.rubrics = {sheet: {k: _rubric(k, v) for k, v in labels.items()}
                        for sheet, labels in (raw.get("rubrics") or {}).items()}
        shared = raw.get("shared_sheets") or {}
        self.shared_names = {k: v["name"] for k, v in shared.items()}
        self.workbooks = tuple(self._workbook(w, shared) for w in raw.get("workbooks") or ())
        self.by_kind = {w.kind: w for w in self.workbooks}
        self.variants_by_name = {spec.name: {v.label: v.variants for v in spec.values if v.variants}
                                 for spec in self.lists.values() if spec.name and any(v.variants for v in spec.values)}

    def _workbook(self, raw: dict[str, Any], shared: dict[str, Any]) -> WorkbookSpec:
        if raw.get("recognised_by", "table_sheets") != "table_sheets":
            raise DescriptionError(f"{self.path} : classeur {raw.get('kind')} : recognised_by doit valoir "
                                   "table_sheets.")
        sheets = []
        for s in raw.get("sheets") or ():
            if isinstance(s, str):  # a shared sheet, by key
                s = {"key": s, **shared[s]}
            rubrics = s.get("rubrics")
            if rubrics is not None and rubrics not in self.rubrics:
                raise DescriptionError(f"{self.path} : feuille {s['name']} : rubriques {rubrics!r} inconnues.")
            fields = tuple(self._field(s["name"], c) for c in s.get("columns", ()))
            sheets.append(SheetSpec(s["key"], s["name"], fields, s.get("layout", "table"), s.get("required", True),
                                    s.get("many", False), tuple(s.get("ends_at", ())), rubrics))
        return WorkbookSpec(raw["kind"], raw["title"], tuple(sheets))

    def _field(self, sheet: str, c: dict[str, Any]) -> Field:
        where = f"{self.path} : feuille {sheet}, colonne {c.get('header')!r}"
        kind, list_key = c.get("type", "text"), c.get("list")
        if kind not in KINDS:
            raise DescriptionError(f"{where} : type {kind!r} inconnu ({', '.join(sorted(KINDS))}).")
        if list_key is not None and list_key not in self.lists:
            raise DescriptionError(f"{where} : liste {list_key!r} absente de la section lists.")
        check = c.get("check")
        return Field(c["field"], str(c["header"]), kind, c.get("required", True),
                     self.lists[list_key].name if list_key else None, c.get("prefix", False),
                     tuple(c.get("variants", ())), c.get("helper", False), list_key,
                     None if check is None else self._check(where, check))

    def _check(self, where: str, raw: dict[str, Any]) -> ColumnCheck:
        pattern = raw.get("pattern") or ()
        pattern = (pattern,) if isinstance(pattern, str) else tuple(pattern)
        unknown = [p for p in pattern if p not in self.patterns]
        if unknown or (raw.get("list") is not None and raw["list"] not in self.lists):
            raise DescriptionError(f"{where} : motif ou liste inconnu ({', '.join(unknown) or raw.get('list')}).")
        le_parameter = raw.get("le_parameter") or ()
        return ColumnCheck(raw.get("nullable", False), raw.get("ge"), raw.get("gt"), raw.get("le"),
                           (le_parameter,) if isinstance(le_parameter, str) else tuple(le_parameter), pattern,
                           raw.get("list"))


def _list(key: str, raw: dict[str, Any]) -> ListSpec:
    values = []
    for k, v in (raw.get("values") or {}).items():
        v = {"label": v} if isinstance(v, str) else v
        values.append(Value(k, str(v["label"]), tuple(map(str, v.get("variants", ()))), v.get("match"),
                            v.get("identifier"), v.get("used_by")))
    return ListSpec(key, raw.get("name"), tuple(values))


def _pattern(key: str, raw: dict[str, Any]) -> Pattern:
    return Pattern(key, raw["regex"], raw.get("example"), raw.get("form"), raw.get("finding"), raw.get("prefix"),
                   tuple(raw.get("widths", ())))


def _rubric(key: str, raw: Any) -> Rubric:
    raw = {"label": raw} if isinstance(raw, str) else raw
    return Rubric(key, str(raw["label"]), raw.get("date", False), raw.get("prefix", False), raw.get("pattern"),
                  raw.get("optional", False))


@lru_cache(maxsize=8)
def load(path: str | None = None) -> Description:
    """The description in the file ``path`` (default: the package's ``data/classeurs.yaml``), read once."""
    import yaml

    file = Path(path) if path else DEFAULT
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = yaml.load(file.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise DescriptionError(f"Description des classeurs illisible ({file}) : {exc}") from exc
    try:
        return Description(raw, file)
    except (KeyError, TypeError, AttributeError) as exc:
        raise DescriptionError(f"{file} : description des classeurs mal formée ({type(exc).__name__} {exc}).") from exc


def description() -> Description:
    """The description in use: the file named by ``RPE_XL_DESCRIPTION``, else the package's."""
    return load(os.environ.get(ENV) or None)


def workbooks() -> tuple[WorkbookSpec, ...]:
    """The workbooks of the description in use."""
    return description().workbooks


def by_kind() -> dict[str, WorkbookSpec]:
    return description().by_kind


def sheet_name(kind: str, key: str) -> str:
    """The name of a sheet of a workbook: ``sheet_name("budget", "hypotheses") == "Hypothèses"``."""
    return description().by_kind[kind].sheet(key).name


def shared_sheet_name(key: str) -> str:
    """The name of a sheet several workbooks hold: ``shared_sheet_name("listes") == "Listes"``."""
    return description().shared_names[key]


def list_choices(name: str, values: list[str]) -> dict[str, str]:
    """Key (:func:`norm`) of every accepted spelling -> value of the drop-down list ``name``: its values, and the
    other spellings (``variants``) of those the description gives, read as that value (``value-repaired``)."""
    variants = {norm(k): v for k, v in description().variants_by_name.get(name, {}).items()}
    choices = {norm(x): v for v in values for x in variants.get(norm(v), ())}
    choices.update({norm(v): v for v in values})
    return choices


def __getattr__(name: str) -> Any:
    """``WORKBOOKS``: the workbooks of the description in use."""
    if name == "WORKBOOKS":
        return workbooks()
    raise AttributeError(name)


def list_spec(list_key: str) -> ListSpec:
    return description().lists[list_key]


def label(list_key: str, value_key: str) -> str:
    """The label of a list value: ``label("statut_presence", "represente") == "Représenté"``."""
    return description().lists[list_key].value(value_key).label


def labels(list_key: str) -> dict[str, str]:
    """Value key -> label of every value the description gives for a list."""
    return {v.key: v.label for v in description().lists[list_key].values}


def list_name(list_key: str) -> str | None:
    """Header of the *Listes* column of a list: ``list_name("gardes_a_domicile") == "Gardes à domicile"``."""
    return description().lists[list_key].name


def workbook_list(wb, list_key: str) -> list[str]:
    """The values of a list in the workbook's own *Listes* sheet (empty: no such column)."""
    name = list_name(list_key)
    return list(wb.lists.values.get(name, [])) if wb is not None and name else []


def keyword_rules(list_key: str) -> list[tuple[str, str]]:
    """(regular expression, value key) of the values of a list that the indicators recognise by keywords."""
    return [(v.match, v.key) for v in description().lists[list_key].values if v.match]


def rubric_spec(sheet: str, key: str) -> Rubric:
    return description().rubrics[sheet][key]


def rubric(sheet: str, key: str) -> str:
    """The label of a rubric of a label/value sheet: ``rubric("seance", "secretaire") == "Secrétaire de séance"``."""
    return description().rubrics[sheet][key].label


def rubrics(sheet: str) -> tuple[Rubric, ...]:
    return tuple(description().rubrics.get(sheet, {}).values())


def pattern(key: str) -> Pattern:
    return description().patterns[key]


def pattern_regex(keys: tuple[str, ...]) -> str:
    """The regular expression of one pattern, or of any of several identifiers."""
    found = [description().patterns[k].regex for k in keys]
    if len(found) == 1:
        return found[0]
    return "^(?:" + "|".join(r.removeprefix("^").removesuffix("$") for r in found) + ")$"


def pattern_form(keys: tuple[str, ...]) -> str | None:
    """How a value of the pattern(s) looks, for messages: ``AM-0001, GAD-01, F-25-001 ou E-0001``."""
    found = [description().patterns[k] for k in keys]
    if len(found) == 1 and found[0].form:
        return found[0].form
    shown = [p.example for p in found if p.example]
    return (", ".join(shown[:-1]) + " ou " + shown[-1] if len(shown) > 1 else shown[0]) if shown else None

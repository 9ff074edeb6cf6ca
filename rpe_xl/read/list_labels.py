"""Whether a workbook holds the labels the rules need: the list values of the description of the workbooks in the
workbook's own *Listes* sheet, the rubrics in its label/value sheets (*Séance*, *Contexte RPE*).

A label the workbook lacks (the team renamed a value without the description following) turns off the rules
that compare with it: they ask :func:`known` first, and one ``list-value-unknown`` finding says so.
"""

from __future__ import annotations

import re

from ..text import norm
from .description import ListSpec, Rubric, Value, description, rubrics


def listed(wb, spec: ListSpec) -> list[str] | None:
    """The values of the list in the workbook's *Listes* sheet; None when the sheet has no such column."""
    if wb is None or not spec.name:
        return None
    return wb.lists.values.get(spec.name)


def holds(values: list[str], value: Value) -> bool:
    """The list holds the value: its label, or one of its other spellings (read as that value)."""
    return value.label in values or any(x in values for x in value.variants)


def known(wb, list_key: str, *value_keys: str) -> bool:
    """Every value of ``value_keys`` is in the workbook's list (see :func:`holds`), or the workbook has no such list
    (the description is then trusted, as the sheet schema has no list to check the cells with)."""
    spec = description().lists[list_key]
    values = listed(wb, spec)
    return values is None or all(holds(values, spec.value(k)) for k in value_keys)


def unknown_values(wb) -> list[tuple[ListSpec, list[Value]]]:
    """Per list of the workbook's *Listes* sheet, the values rules use (``used_by``) whose label it lacks."""
    out = []
    for spec in description().lists.values():
        values = listed(wb, spec)
        if values is None:
            continue
        missing = [v for v in spec.values if v.used_by and not holds(values, v)]
        if missing:
            out.append((spec, missing))
    return out


def rubric_key(text: object) -> str:
    """Key of a rubric, as :func:`~rpe_xl.read.dataset.value_of` matches them (case, accents, spaces, kind of
    dash)."""
    return re.sub(r"[\u2010-\u2015-]+", "-", norm(text))


def rubric_found(keys: set[str], rubric: Rubric) -> bool:
    """The rubric is among the (keyed) labels of a sheet."""
    wanted = rubric_key(rubric.label)
    if rubric.pattern:
        return any(re.search(rubric.pattern, k) for k in keys)
    if rubric.prefix:
        return any(k.startswith(wanted) for k in keys)
    return wanted in keys


def missing_rubrics(table, sheet_key: str) -> list[Rubric]:
    """The rubrics of the description that the label/value ``table`` lacks (optional ones left out)."""
    keys = {rubric_key(k) for k in table.df["key"] if k is not None}
    return [r for r in rubrics(sheet_key) if not r.optional and not rubric_found(keys, r)]


def unknown_in_fields(wb, sheet_key: str, fields) -> str | None:
    """Why the values of ``fields`` of a table cannot be counted (French): a label of their drop-down list that the
    workbook's list lacks, so that what counts it counts nothing; None when their lists hold every label."""
    if wb is None:
        return None
    keys = {wb.spec.sheet(sheet_key).field(f).list_key for f in fields}
    for spec, missing in unknown_values(wb):
        if spec.key in keys:
            shown = " et ".join(f"« {v.label} »" for v in missing)
            return f"{shown} absent{'s' if len(missing) > 1 else ''} de la liste « {spec.name} » de la feuille Listes"
    return None

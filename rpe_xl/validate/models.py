"""The pandera schema of each data sheet, generated from the description of the workbooks: the ``check`` of each
column in ``rpe_xl/data/classeurs.yaml`` (filled, bounds, legal limits, format of identifiers, phone and mail).

Only what a single column can say lives here; the allowed values of drop-down columns come from the workbook's
own *Listes* sheet (added in ``schema.py``), and rules across rows and sheets live in ``rules/``. Commune and
Animatrice columns have no check: rules/territory.py and rules/team.py check them (official commune, perimeter at
the row's date, team member), so that one fault gives one finding.

The legal limits (places per AM, AM per MAM: dated files of ``rpe_xl/data/agrement/``) are those in force at the
date passed in (the end of the period the workbook covers, else the day of the check).

>>> built = sheet_schema("assistants_maternels", "mam", dt.date(2020, 1, 1))
>>> built.bounds["am_count"], sheet_schema("assistants_maternels", "mam", dt.date(2025, 1, 1)).bounds["am_count"]
(4, 6)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd
import pandera.pandas as pa

from ..parameters import parameter
from ..read.description import Description, description, labels, pattern, pattern_form, pattern_regex
from ..read.specs import SheetSpec

_DTYPES = {"int": pd.Int64Dtype(), "number": "float64", "hours": "float64"}


@dataclass(frozen=True)
class SheetSchema:
    """The schema of a sheet (columns named by field), with, per field, the code of its format finding
    (``invalid-phone``…), the expected form shown in messages, its regular expression and its legal bound."""

    columns: dict[str, pa.Column]
    codes: dict[str, str]
    forms: dict[str, str]
    patterns: dict[str, str]
    bounds: dict[str, int | None]

    def select(self, names: list[str], allowed: dict[str, list[str]]) -> pa.DataFrameSchema:
        """The schema of the fields ``names``, each drop-down column also checked against its ``allowed`` values."""
        columns = {}
        for name in names:
            col = self.columns[name]
            if name in allowed:  # a copy with the workbook's list
                col = pa.Column(col.dtype, [*col.checks, pa.Check.isin(allowed[name], name="liste")],
                                nullable=col.nullable, coerce=False, name=name)
            columns[name] = col
        return pa.DataFrameSchema(columns, strict=False)


def sheet_schema(kind: str, key: str, on: dt.date) -> SheetSchema | None:
    """The schema of sheet ``key`` of workbook ``kind`` with the legal limits in force on ``on`` (None: the sheet
    has no column check)."""
    desc = description()
    spec = desc.by_kind.get(kind)
    sheet = next((s for s in spec.sheets if s.key == key), None) if spec else None
    if sheet is None or not any(f.check for f in sheet.fields):
        return None
    bounds = tuple((f.name, _legal_bound(f.check.le_parameter, on)) for f in sheet.fields
                   if f.check and f.check.le_parameter)
    return _build(desc, sheet, bounds)


def _legal_bound(names: tuple[str, ...], on: dt.date) -> int | None:
    """Product of the dated parameters ``names`` in force on ``on`` (None when one is unknown at that date)."""
    out = 1
    for name in names:
        value = parameter(name).at(on)
        if value is None:
            return None
        out *= int(value)
    return out


@lru_cache(maxsize=64)
def _build(desc: Description, sheet: SheetSpec, bounds: tuple[tuple[str, int | None], ...]) -> SheetSchema:
    legal = dict(bounds)
    columns: dict[str, pa.Column] = {}
    codes, forms, patterns = {}, {}, {}
    for f in sheet.fields:
        c = f.check
        if c is None:
            continue
        checks: list[Any] = []
        if c.gt is not None:
            checks.append(pa.Check.greater_than(c.gt))
        if c.ge is not None:
            checks.append(pa.Check.greater_than_or_equal_to(c.ge))
        upper = c.le if not c.le_parameter else legal.get(f.name)
        if upper is not None:
            checks.append(pa.Check.less_than_or_equal_to(upper))
        if c.list_key:
            checks.append(pa.Check.isin(list(labels(c.list_key).values())))
        if c.pattern:
            patterns[f.name] = pattern_regex(c.pattern)
            checks.append(pa.Check.str_matches(patterns[f.name]))
            code = pattern(c.pattern[0]).finding if len(c.pattern) == 1 else None
            form = pattern_form(c.pattern)
            if code:
                codes[f.name] = code
            if form:
                forms[f.name] = form
        columns[f.name] = pa.Column(_DTYPES.get(f.kind, object), checks, nullable=c.nullable, coerce=False,
                                    name=f.name)
    return SheetSchema(columns, codes, forms, patterns, legal)

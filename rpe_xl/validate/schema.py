"""Validate a table with the schema of its sheet (``lazy=True``) and turn failure cases into findings."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import pandas as pd
import pandera.pandas as pa

from ..findings import Finding
from ..read import Dataset, Table, Workbook
from ..text import fr_value, norm, phone_advice
from .codes import likely_code
from .models import sheet_schema


def list_values(wb: Workbook, table: Table, name: str) -> list[str] | None:
    """Allowed values of a drop-down column, from the workbook's *Listes* sheet (None: no list)."""
    spec_field = wb.spec.sheet(table.key).field(name)
    if not spec_field.list_name:
        return None
    return wb.lists.values.get(spec_field.list_name)


def model_findings(data: Dataset, ctx, kind: str, key: str) -> list[Finding]:
    """Findings of a table's sheet schema, computed once per run (the sheet rule and the declared figures, which
    must not count a refused cell, both ask)."""
    def build() -> list[Finding]:
        wb, table = data.workbook(kind), data.table(kind, key)
        return validate_table(wb, table, ctx.today) if wb is not None and table is not None else []
    return ctx.memo(f"sheet-model:{kind}/{key}", build)


def limits_date(wb: Workbook, on: dt.date | None = None) -> dt.date:
    """The date whose legal limits apply to a workbook: the end of the period it covers (« du … au … »), else
    ``on`` (the day of the check)."""
    from ..read.period import workbook_period

    period = workbook_period(wb)
    return period.end if period is not None else (on or dt.date.today())


def validate_table(wb: Workbook, table: Table, on: dt.date | None = None) -> list[Finding]:
    """Findings of the sheet's schema plus the drop-down lists of the workbook; ``on``: the day of the check (the
    legal limits are those in force at the end of the workbook's period, else on that day)."""
    sheet = wb.spec.sheet(table.key)
    if len(table) == 0 or not any(f.check for f in sheet.fields):
        return []
    needs_date = any(f.check and f.check.le_parameter for f in sheet.fields)
    built = sheet_schema(wb.kind, table.key, limits_date(wb, on) if needs_date else (on or dt.date.today()))
    if built is None:
        return []
    names = [name for name in built.columns if table.has(name)]
    allowed = {name: values for name in names if (values := list_values(wb, table, name))}
    schema = built.select(names, allowed)
    try:
        schema.validate(table.df[names], lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    findings = []
    for case in cases.itertuples(index=False):
        name = case.column
        if name not in built.columns or pd.isna(case.index):
            continue
        i = int(case.index)
        if (i, name) in table.bad_cells:
            continue  # already reported as unreadable
        value = table.df[name].iloc[i]
        findings.append(_finding(table, i, name, sheet.field(name).header, str(case.check), value,
                                 allowed.get(name), built.codes.get(name), built.forms.get(name),
                                 built.patterns.get(name)))
    return findings


def _finding(table: Table, i: int, name: str, header: str, check: str, value: Any,
             allowed: list[str] | None, code: str | None, form: str | None = None,
             pattern: str | None = None) -> Finding:
    if check == "not_nullable":
        return table.finding("missing-value", i, name, header=header)
    if check == "liste" or check.startswith("isin"):
        guess = _suggest(value, allowed)
        return table.finding("value-not-in-list", i, name, **_not_in_list(guess, allowed), header=header,
                             typed=fr_value(value), value=value, expected=guess)
    if check.startswith("str_matches"):
        if code == "invalid-phone":
            return table.finding(code, i, name, variant="cell", header=header, typed=fr_value(value),
                                 advice=phone_advice(value), value=value)
        if code == "invalid-email":
            return table.finding(code, i, name, header=header, typed=fr_value(value), form=form, value=value)
        guess = likely_code(value, pattern) if pattern else None
        return table.finding("invalid-code", i, name, variant="guess" if guess else "default", header=header,
                             typed=fr_value(value), shape=f" ({form})" if form else "", guess=guess, value=value,
                             expected=guess)
    bounds = _bounds(check)
    return table.finding("out-of-range", i, name, header=header, typed=fr_value(value), bounds=bounds,
                         value=_plain(value))


SHORT_LIST = 6  # a list this short is shown whole in the message


def _not_in_list(guess: str | None, allowed: list[str] | None) -> dict[str, str]:
    """Variant of the ``value-not-in-list`` message and the list shown in it."""
    if guess:
        return {"variant": "guess", "guess": guess}
    if allowed and len(allowed) <= SHORT_LIST:
        quoted = [f"« {a} »" for a in allowed]
        return {"variant": "short_list",
                "choices": " ou ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)}
    return {"variant": "default"}


def _suggest(value: Any, allowed: list[str] | None) -> str | None:
    """The list value meant: a near miss (« Telephne »), the same words in another order (« Mélanie BALESDENT »),
    or the only value that starts with what was typed (« Sans suite » for « Sans suite (famille injoignable) »)."""
    if not allowed or value is None:
        return None
    keys = {norm(a): a for a in allowed}
    typed = norm(value)
    close = difflib.get_close_matches(typed, list(keys), n=1, cutoff=0.75)
    if close:
        return keys[close[0]]
    words = sorted(typed.split())
    same_words = [a for k, a in keys.items() if sorted(k.split()) == words]
    if len(same_words) == 1:
        return same_words[0]
    starting = [a for k, a in keys.items() if len(typed) >= 4 and k.startswith(typed)]
    return starting[0] if len(starting) == 1 else None


def _bounds(check: str) -> str:
    labels = {"greater_than_or_equal_to": "minimum", "less_than_or_equal_to": "maximum",
              "greater_than": "strictement plus que", "less_than": "strictement moins que",
              "in_range": "entre"}
    name, _, arg = check.partition("(")
    return f"{labels.get(name, name)} {arg.rstrip(')').replace('.', ',')}".strip()


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value

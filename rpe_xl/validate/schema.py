"""Validate a table with its pandera model (``lazy=True``) and turn failure cases into findings."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any

import pandas as pd
import pandera.pandas as pa

from ..findings import Finding
from ..read import Dataset, Table, Workbook
from ..text import fr_value, norm, phone_advice
from .codes import likely_code
from .models import MODELS, Model


@lru_cache(maxsize=None)
def _aliases(model: type[Model]) -> dict[str, str]:
    """field name -> French header (alias) declared in the model."""
    return {fi.original_name: fi.name for _, fi in model.__fields__.values()}


def list_values(wb: Workbook, table: Table, name: str) -> list[str] | None:
    """Allowed values of a drop-down column, from the workbook's *Listes* sheet (None: no list)."""
    spec_field = wb.spec.sheet(table.key).field(name)
    if not spec_field.list_name:
        return None
    return wb.lists.values.get(spec_field.list_name)


def model_findings(data: Dataset, ctx, kind: str, key: str) -> list[Finding]:
    """Findings of a table's sheet model, computed once per run (the sheet rule and the declared figures, which
    must not count a refused cell, both ask)."""
    def build() -> list[Finding]:
        wb, table = data.workbook(kind), data.table(kind, key)
        return validate_table(wb, table) if wb is not None and table is not None else []
    return ctx.memo(f"sheet-model:{kind}/{key}", build)


def validate_table(wb: Workbook, table: Table) -> list[Finding]:
    """Findings of the sheet's model plus the drop-down lists of the workbook."""
    model = MODELS.get((wb.kind, table.key))
    if model is None or len(table) == 0:
        return []
    aliases = {name: alias for name, alias in _aliases(model).items() if table.has(name)}
    schema = model.to_schema().select_columns(list(aliases.values()))
    allowed: dict[str, list[str]] = {}
    for name, alias in aliases.items():
        values = list_values(wb, table, name)
        if values:
            allowed[alias] = values
    if allowed:  # one copy of the schema for all the drop-down columns
        schema = schema.update_columns({alias: {"checks": [*schema.columns[alias].checks,
                                                           pa.Check.isin(values, name="liste")]}
                                        for alias, values in allowed.items()})
    frame = table.df[list(aliases)].rename(columns=aliases)
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    by_alias = {alias: name for name, alias in aliases.items()}
    findings = []
    for case in cases.itertuples(index=False):
        name = by_alias.get(case.column)
        if name is None or pd.isna(case.index):
            continue
        i = int(case.index)
        if (i, name) in table.bad_cells:
            continue  # already reported as unreadable
        value = table.df[name].iloc[i]
        meta = schema.columns[case.column].metadata or {}
        check = str(case.check)
        pattern = next((c.statistics.get("pattern") for c in schema.columns[case.column].checks
                        if c.name == "str_matches"), None)
        findings.append(_finding(table, i, name, case.column, check, value, allowed.get(case.column),
                                 meta.get("code"), meta.get("form"), pattern))
    return findings


def _finding(table: Table, i: int, name: str, header: str, check: str, value: Any,
             allowed: list[str] | None, code: str | None, form: str | None = None,
             pattern: str | None = None) -> Finding:
    if check == "not_nullable":
        return table.finding("missing-value", i, name, f"{header} : cellule vide ; saisissez une valeur.")
    if check == "liste" or check.startswith("isin"):
        return table.finding("value-not-in-list", i, name, _not_in_list(header, value, allowed),
                             value=value, expected=_suggest(value, allowed))
    if check.startswith("str_matches"):
        if code == "invalid-phone":
            message = f"{header} : {fr_value(value)} n'est pas un numéro français valide ; {phone_advice(value)}"
        elif code == "invalid-email":
            message = f"{header} : {fr_value(value)} n'est pas une adresse mail valide (nom@domaine.fr)."
        else:
            code = "invalid-code"
            guess = likely_code(value, pattern) if pattern else None
            shape = f" ({form})" if form else ""
            fix = f"saisissez « {guess} » ?" if guess else "vérifiez le code saisi."
            message = f"{header} : {fr_value(value)} n'a pas la forme attendue{shape} ; {fix}"
            return table.finding(code, i, name, message, value=value, expected=guess)
        return table.finding(code, i, name, message, value=value)
    bounds = _bounds(check)
    return table.finding("out-of-range", i, name, f"{header} : {fr_value(value)} est hors des bornes ({bounds}) ; "
                         "corrigez la valeur.", value=_plain(value))


SHORT_LIST = 6  # a list this short is shown whole in the message


def _not_in_list(header: str, value: Any, allowed: list[str] | None) -> str:
    guess = _suggest(value, allowed)
    if guess:
        return (f"{header} : {fr_value(value)} n'est pas dans la liste déroulante. Vouliez-vous dire « {guess} » ? "
                "Choisissez une valeur de la liste.")
    if allowed and len(allowed) <= SHORT_LIST:
        quoted = [f"« {a} »" for a in allowed]
        choices = " ou ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
        return f"{header} : {fr_value(value)} n'est pas dans la liste déroulante ; saisissez {choices}."
    return f"{header} : {fr_value(value)} n'est pas dans la liste déroulante. Choisissez une valeur de la liste."


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

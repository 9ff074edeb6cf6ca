"""The labels the rules compare with, against the workbooks: a value of the description of the workbooks
(``rpe_xl/data/classeurs.yaml``) missing from the workbook's own drop-down list, a rubric missing from a
label/value sheet. The rules that need such a label are not applied (they ask :func:`~rpe_xl.read.list_labels.known`):
one ``list-value-unknown`` says which label and what is not checked, instead of a check silently turned off."""

from __future__ import annotations

import difflib

from ...findings import Finding, make
from ...read import Dataset
from ...read.address import cell as a1
from ...read.description import rubrics
from ...read.list_labels import listed, missing_rubrics, rubric_key, unknown_values
from ...text import norm
from ..registry import rule

DESCRIPTION_FILE = "rpe_xl/data/classeurs.yaml"


def _quoted(labels: list[str]) -> str:
    quoted = [f"« {x} »" for x in labels]
    return " et ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def _closest(label: str, candidates: list[str]) -> str | None:
    """The candidate the label was most likely renamed to (same letters whatever the case, else a near miss)."""
    keys = {norm(c): c for c in candidates}
    if norm(label) in keys:
        return keys[norm(label)]
    close = difflib.get_close_matches(norm(label), list(keys), n=1, cutoff=0.6)
    return keys[close[0]] if close else None


def _header_cell(wb, name: str) -> str | None:
    """Cell of the header of the list ``name`` on the *Listes* sheet (row 1)."""
    grid = wb.grid("listes") or [[]]
    col = next((c for c, v in enumerate(grid[0]) if isinstance(v, str) and v.strip() == name), None)
    return a1(1, col + 1) if col is not None else None


@rule
def list_values_known(data: Dataset, ctx) -> list[Finding]:
    """Each list value the rules use is in the workbook's list of that name."""
    out: list[Finding] = []
    for wb in data.workbooks.values():
        sheet = wb.sheet_names.get("listes", [None])[0]
        for spec, missing in unknown_values(wb):
            labels = [v.label for v in missing]
            uses = list(dict.fromkeys(v.used_by for v in missing))
            guesses = [g for g in (_closest(x, listed(wb, spec)) for x in labels) if g]
            variant = ("values" if len(labels) > 1 else "value") + ("_guess" if guesses else "")
            out.append(make(
                "list-value-unknown", wb.name, sheet, _header_cell(wb, spec.name), variant=variant,
                list_name=spec.name, quoted=_quoted(labels), uses=" ; ".join(uses), guesses=_quoted(guesses),
                description_file=DESCRIPTION_FILE, value=", ".join(labels), expected=", ".join(guesses) or None))
        for key, table in wb.tables.items():
            rubric_sheet = wb.spec.sheet(key).rubrics
            if rubric_sheet is None or not (table.has("key") and table.has("value")) or not len(table):
                continue
            present = [str(k).strip() for k in table.df["key"] if k is not None and str(k).strip()]
            known = {rubric_key(r.label) for r in rubrics(rubric_sheet)}
            strangers = [k for k in present if rubric_key(k) not in known]
            for r in missing_rubrics(table, rubric_sheet):
                guess = _closest(r.label, strangers)
                out.append(make(
                    "list-value-unknown", wb.name, table.sheet, table.header_cell("key"),
                    variant="rubric_guess" if guess else "rubric", label=r.label, sheet_name=table.sheet, guess=guess,
                    description_file=DESCRIPTION_FILE, value=r.label, expected=guess))
    return out

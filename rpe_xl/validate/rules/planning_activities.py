"""Activities of the planning blocks, and the *Correspondance activités* table that gives each its CAF category.

A row of the table that cannot be used is reported at its cell: a keyword or category in error (``#N/A``) or
empty (by the reader and the sheet model), a category that is not one of the bilan's six, or a note typed in
place of a keyword (« voir avec Julie », « à compléter ? ») that no planning activity contains. While such a row is there, the blocks left without category are not
reported one by one (the broken row may be the one meant for them): one ``reference-not-checked`` info at the
row says how many wait; the *Répartition* comparison waits too (declared_repartition.py).
"""

from __future__ import annotations

import re
from collections import Counter

from ...compute.planning import CATEGORIES, category_of, category_slug, keywords_from
from ...findings import Finding, make
from ...read import Dataset
from ...read.description import labels
from ...text import fr_value, norm
from ..registry import rule
from .declared import refused_by_model
from .planning import hm, plannings

# a note left in a keyword cell: a question, an exclamation, or a reminder to someone
_NOTE = re.compile(r"[?!]|\b(?:voir|demander|verifier|a completer|a definir|a preciser|a revoir|a faire|en attente|"
                   r"en cours|penser|todo|cf|nb)\b")


def correspondance_faults(data: Dataset, ctx) -> tuple[list[str], list[Finding]]:
    """(A1 cells of the unusable rows of *Correspondance activités*, in reading order; the findings this module
    adds for them — the reader and the sheet model report the others)."""
    def build() -> tuple[list[str], list[Finding]]:
        table = data.table("equipe", "correspondance")
        if table is None:
            return [], []
        refused = refused_by_model(data, ctx, "equipe", "correspondance")
        texts = [norm(b.activity) for p in plannings(data, ctx) for b in p.blocks]
        unmatched = [b.activity for p in plannings(data, ctx) for b in p.blocks
                     if category_of(b.activity, keywords_from(table.df)) is None and b.activity]
        found: list[Finding] = []
        cells = {table.cell(i, f) for i, f in refused if f in ("keyword", "category")}
        for i, (keyword, category) in enumerate(zip(table.df["keyword"], table.df["category"])):
            if keyword and (i, "keyword") not in refused and _note_like(keyword, texts):
                hint = Counter(unmatched).most_common(1)[0][0] if unmatched else None
                found.append(table.finding(
                    "activity-keyword-invalid", i, "keyword", variant="note_example" if hint else "note",
                    keyword=fr_value(str(keyword)), example=hint, value=str(keyword), expected=hint))
            if category and (i, "category") not in refused and category_slug(category) not in CATEGORIES:
                found.append(table.finding(
                    "activity-keyword-invalid", i, "category",
                    category=fr_value(str(category)), categories=", ".join(labels("categories_activite").values()),
                    value=str(category)))
        cells |= {f.cell for f in found}
        return sorted(cells, key=_reading_order), found
    return ctx.memo("correspondance_faults", build)


def _reading_order(cell: str) -> tuple[int, str]:
    letters = cell.rstrip("0123456789")
    return int(cell[len(letters):]), letters


def _note_like(keyword: object, activities: list[str]) -> bool:
    """A note rather than a keyword: a question or a reminder that no activity of the plannings contains."""
    key = norm(keyword)
    return bool(_NOTE.search(key)) and not any(key in a for a in activities)


@rule
def planning_activities(data: Dataset, ctx) -> list[Finding]:
    """Every block's activity finds a keyword of *Correspondance activités*; the unusable rows of that table."""
    wb = data.workbook("equipe")
    table = data.table("equipe", "correspondance")
    if wb is None or table is None:
        return []
    keywords = keywords_from(table.df)
    faulty, out = correspondance_faults(data, ctx)
    out = list(out)
    lost = [(plan, b) for plan in plannings(data, ctx) for b in plan.blocks
            if category_of(b.activity, keywords) is None]
    if faulty and lost:
        shown = ", ".join(f"{p.sheet}!{b.cell}" for p, b in lost[:3]) + (" …" if len(lost) > 3 else "")
        out.append(make("reference-not-checked", wb.name, table.sheet, faulty[0],
                        variant="slots" if len(lost) > 1 else "slot", count=len(lost), shown=shown))
        return out
    for plan, b in lost:
        out.append(make("unknown-activity", wb.name, plan.sheet, b.cell,
                        activity=b.activity or '(vide)', start=hm(b.start), end=hm(b.end), value=b.activity))
    return out

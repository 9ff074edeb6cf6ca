"""Totals and ETP of the animatrices of the *Équipe* sheet, against their weekly hours and plannings.

ETP against weekly hours: the full-time base is the one most animatrices share (hours / ETP, 35 in the
team's file); when no strict majority of animatrices agrees, the legal full time of
``rpe_xl/data/temps_de_travail.yaml`` (35 h, Code du travail L3121-27) is used. Four sources say how long an
animatrice works: ``Heures hebdo`` and ``ETP`` of *Équipe*, the ETP in her planning's title and the hours of
her planning's blocks (when readable). Hours are read to the minute; an ETP agrees with hours when it is their
ratio to the base rounded as the ETP is typed (precision.py: 0,69 for 24 h out of 35 h agrees, 0,70 does not).
When the sources disagree and all but one agree, the odd one is reported at its cell; otherwise the ETP cell
(hours against ETP) and the planning's title (planning against *Équipe*) are.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ...compute.indicators.team import is_animatrice
from ...findings import Finding, make
from ...read import Dataset, Table
from ...reference import full_time_hours
from ...text import fr_number, fr_value
from ..registry import rule
from .assistants import total_findings
from .common import present
from .planning import Planning, hm, planning_rows
from .precision import DURATION_PRECISION, ETP_PRECISION, cell_tolerance, tolerance_of
from .team_rows import team_reference


def animatrice_rows(data: Dataset, ctx, t: Table, duplicates: bool = False) -> list[int]:
    """Rows of the animatrices: *Fonction* says so, or the row's Fonction is reported as the fault (it has a
    planning); a row repeating an earlier person only with ``duplicates``. Without a Fonction column, the rows
    holding an ETP (the responsable has none)."""
    ref = team_reference(data, ctx)
    if t.has("function"):
        rows = sorted({i for i, f in enumerate(t.df["function"]) if is_animatrice(f)} | set(ref.extra_animatrices))
    else:
        rows = [i for i, e in enumerate(t.df["etp"]) if present(e)]
    return rows if duplicates else [i for i in rows if i not in ref.duplicates]


def _number(t: Table, i: int, field: str) -> float | None:
    value = t.df[field].iloc[i]
    return float(value) if present(value) else None


def full_time_base(t: Table, rows: list[int], today) -> float:
    """Hours of 1 ETP: the hours / ETP most animatrices share, else the legal full time."""
    pairs = [(h, e) for h, e in ((_number(t, i, "weekly_hours"), _number(t, i, "etp")) for i in rows)
             if h is not None and e]
    bases = Counter(round(h / e, 1) for h, e in pairs)
    base, votes = bases.most_common(1)[0] if bases else (None, 0)
    return base if base and votes * 2 > len(pairs) else full_time_hours(today)


def _agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two sources, each ``(hours, tolerance in hours)``: they agree within the coarser of the two (hours to the
    half-minute, an ETP as typed)."""
    return abs(a[0] - b[0]) <= max(a[1], b[1]) + 1e-9


def odd_one(sources: dict[str, tuple[float, float]]) -> str | None:
    """The one source that disagrees with all the others while these agree together (at least three sources).

    >>> odd_one({"g": (35, 0.01), "e": (28, 0.2), "t": (28, 0.2), "w": (28, 0.01)})
    'g'
    >>> odd_one({"g": (35, 0.01), "e": (28, 0.2)}) is None
    True
    """
    if len(sources) < 3:
        return None
    keys = list(sources)
    found = [s for s in keys
             if not any(_agree(sources[s], sources[x]) for x in keys if x != s)
             and all(_agree(sources[x], sources[y]) for x in keys for y in keys if s not in (x, y))]
    return found[0] if len(found) == 1 else None


@rule
def team_totals_and_etp(data: Dataset, ctx) -> list[Finding]:
    """Total animatrices row = sum of the animatrices (not for a column holding an unreadable cell, nor while a
    fault of the rows holds it back); an ETP for each animatrice; hours, ETP, planning title and planning blocks
    agree."""
    t = data.table("equipe", "equipe")
    if t is None or not (t.has("weekly_hours") and t.has("etp")):
        return []
    rows = animatrice_rows(data, ctx, t, duplicates=True)
    held = team_reference(data, ctx).held_totals
    sub = Table(t.workbook, t.sheet, t.key, t.header_row, t.columns, [t.rows[i] for i in rows],
                t.df.iloc[rows].reset_index(drop=True), t.missing, t.total_row, t.total_values)
    outside = any(f.code == "etp-not-animatrice" for f in team_reference(data, ctx).findings)
    readable = tuple(f for f in ("weekly_hours", "etp") if f not in held and not (f == "etp" and outside and
                                                                                 _whole_column(t, f))
                     and not any((i, f) in t.bad_cells for i in rows))
    findings = total_findings(sub, readable, "Total animatrices")
    for i in animatrice_rows(data, ctx, t):
        if not present(t.df["etp"].iloc[i]) and (i, "etp") not in t.bad_cells:
            findings.append(t.finding("missing-value", i, "etp", variant="etp"))
    return findings + etp_checks(data, ctx)


def _whole_column(t: Table, field: str) -> bool:
    """The TOTAL of ``field`` sums every row of the table, an ETP typed on a row that is not an animatrice's
    included (reported at its cell): not a formula to correct."""
    typed = t.total_values.get(field)
    if not isinstance(typed, (int, float)) or isinstance(typed, bool):
        return False
    every = float(pd.to_numeric(t.df[field], errors="coerce").fillna(0).sum())
    return abs(float(typed) - every) <= 0.005


def etp_checks(data: Dataset, ctx) -> list[Finding]:
    """``etp-hours-mismatch`` findings of the *Équipe* rows and their plannings (computed once per run)."""
    def build() -> list[Finding]:
        t = data.table("equipe", "equipe")
        if t is None or not (t.has("weekly_hours") and t.has("etp")):
            return []
        rows = animatrice_rows(data, ctx, t)
        base = full_time_base(t, rows, ctx.today)
        plans = planning_rows(data, ctx)
        wb = data.workbook("equipe")
        return [f for i in sorted(set(rows) | (set(plans) - team_reference(data, ctx).duplicates))
                for f in _etp_findings(wb, t, i, plans.get(i), base)]
    return ctx.memo("team_etp", build)


def doubtful_etp_cells(data: Dataset, ctx) -> list[str]:
    """Cells of *Équipe* to fix before a figure built on the ETP column (the team's total ETP) is compared: ETP
    cells unreadable or reported as the odd one against the hours, and the faults of the rows themselves (a
    person twice, an emptied row, a function the planning contradicts: team_rows.py).

    A rule comparing such a figure calls it and gives ``declared-not-compared`` when the list is not empty."""
    t = data.table("equipe", "equipe")
    if t is None or not t.has("etp"):
        return []
    letter = t.letter("etp")
    cells = {t.cell(i, f) for i, f in t.bad_cells if f == "etp"}
    cells |= {f.cell for f in etp_checks(data, ctx) if f.sheet == t.sheet and f.cell and
              f.cell.rstrip("0123456789") == letter}
    cells |= set(team_reference(data, ctx).etp_cells)
    return sorted(cells, key=lambda c: (len(c), c))


def _etp_findings(wb, t: Table, i: int, plan: Planning | None, base: float) -> list[Finding]:
    """Hours (g), ETP (e), planning title (t) and planning blocks (w) of one person, each in hours with its
    tolerance (precision.py): typed hours to the minute, an ETP as it is typed (at least to the hundredth) times
    the base; the blocks' sum is exact."""
    hours, etp = _number(t, i, "weekly_hours"), _number(t, i, "etp")
    etp_tol = cell_tolerance(wb, t.sheet, t.cell(i, "etp"), etp, ETP_PRECISION)
    src: dict[str, tuple[float, float]] = {}
    if hours is not None:
        src["g"] = (hours, cell_tolerance(wb, t.sheet, t.cell(i, "weekly_hours"), hours, DURATION_PRECISION))
    if etp is not None:
        src["e"] = (etp * base, etp_tol * base)
    if plan is not None and plan.etp is not None:
        src["t"] = (plan.etp * base, tolerance_of(plan.etp_text or plan.etp, None, ETP_PRECISION) * base)
    if plan is not None and not plan.error_days:
        src["w"] = (plan.week_hours, 0.0)  # computed from the blocks: exact
    full = fr_number(base, 1 if base % 1 else 0)
    said = {"g": lambda: f"les heures hebdo ({fr_value(hours)} h, {t.cell(i, 'weekly_hours')})",
            "e": lambda: f"l'ETP ({fr_number(etp, 2)}, {t.cell(i, 'etp')})",
            "t": lambda: f"le titre du planning ({fr_number(plan.etp, 2)} ETP)",
            "w": lambda: f"les créneaux du planning ({hm(plan.week_hours)})"}
    odd = odd_one(src)
    if odd:
        others = [k for k in "gwet" if k in src and k != odd]
        ref = src[others[0]][0]  # hours agreed by the others (typed hours first, then the blocks)
        texts = [said[k]() for k in others]
        witnesses = ", ".join(texts[:-1]) + " et " + texts[-1]
        if odd == "g":
            return [t.finding("etp-hours-mismatch", i, "weekly_hours",
                              variant="hours_witnesses", hours=fr_value(hours), witnesses=witnesses,
                              ref=fr_value(round(ref, 2)), full=full,
                              value=hours, expected=round(ref, 2))]
        expected = round(ref / base, 2)
        if odd == "e":
            return [t.finding("etp-hours-mismatch", i, "etp",
                              variant="etp_witnesses", etp=fr_number(etp, 2), witnesses=witnesses,
                              wanted=fr_number(expected, 2), full=full,
                              value=etp, expected=expected)]
        if odd == "t":
            expected = etp if etp is not None else expected
            return [make("etp-hours-mismatch", t.workbook, plan.sheet, plan.title_cell,
                         variant="title_etp_witnesses", etp=fr_number(plan.etp, 2), witnesses=witnesses,
                         wanted=fr_number(expected, 2), first_name=plan.first_name, value=plan.etp, expected=expected)]
        return [make("etp-hours-mismatch", t.workbook, plan.sheet, plan.title_cell,
                     variant="week_hours_witnesses", week_hours=hm(plan.week_hours), witnesses=witnesses, ref=hm(ref),
                     value=round(plan.week_hours, 2), expected=round(ref, 2))]
    out = []  # no single odd source: the ETP cell, then the planning's title
    if "g" in src and "e" in src and etp > 0 and not _agree(src["g"], src["e"]):
        expected = round(hours / base, 2)
        out.append(t.finding("etp-hours-mismatch", i, "etp",
                             variant="etp_hours", etp=fr_number(etp, 2), hours=fr_value(hours), full=full,
                             wanted=fr_number(expected, 2), value=etp, expected=expected))
    if "t" in src and "e" in src and not _agree(src["t"], src["e"]):
        out.append(make("etp-hours-mismatch", t.workbook, plan.sheet, plan.title_cell,
                        variant="title_etp_team", etp=fr_number(plan.etp, 2), etp2=fr_number(etp, 2),
                        at=t.cell(i, 'etp'), value=plan.etp, expected=etp))
    if "w" in src and "g" in src and not _agree(src["w"], src["g"]):
        out.append(make("etp-hours-mismatch", t.workbook, plan.sheet, plan.title_cell,
                        variant="week_hours_team", week_hours=hm(plan.week_hours), hours=hm(hours),
                        at=t.cell(i, 'weekly_hours'), value=round(plan.week_hours, 2), expected=hours))
    return out

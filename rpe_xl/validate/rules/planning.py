"""Rules on the weekly planning grids: blocks parse, do not overlap, add up to the typed TOTAL,
have a category in *Correspondance activités*, and the ETP of the title matches the *Équipe* sheet."""

from __future__ import annotations

from ...compute.planning import Planning, category_of, keywords_from, parse_planning
from ...findings import Finding, make
from ...read import Dataset
from ...text import fr_number, norm
from ..registry import rule

HOURS_TOLERANCE = 1 / 120  # half a minute


def plannings(data: Dataset, ctx) -> list[Planning]:
    """Parsed ``Planning …`` sheets of the équipe workbook, shared by the rules of one run."""
    def build() -> list[Planning]:
        wb = data.workbook("equipe")
        return [parse_planning(name, grid) for name, grid in wb.grids("planning")] if wb else []
    return ctx.memo("plannings", build)


def _h(hours: float) -> str:
    """7.5 -> ``7h30``."""
    whole, minutes = int(hours), round((hours - int(hours)) * 60)
    if minutes == 60:
        whole, minutes = whole + 1, 0
    return f"{whole}h{minutes:02d}" if minutes else f"{whole}h"


@rule
def planning_blocks(data: Dataset, ctx) -> list[Finding]:
    """Unreadable times, overlapping blocks, TOTAL row against the blocks."""
    wb = data.workbook("equipe")
    if wb is None:
        return []
    out: list[Finding] = []
    for plan in plannings(data, ctx):
        for where, pieces in plan.cell_errors.items():
            shown = " ; ".join(f"« {p} »" for p in pieces)
            out.append(make("invalid-time", wb.name, plan.sheet, where,
                            f"Horaire illisible dans le créneau {shown} : écrivez « 8h30 à 12h » (heure de début "
                            "avant l'heure de fin, minutes sur deux chiffres).", value=" ; ".join(pieces)))
        for prev, cur in plan.overlaps:
            out.append(make("planning-overlap", wb.name, plan.sheet, cur.cell,
                            f"{cur.day.capitalize()} : le créneau {_h(cur.start)} à {_h(cur.end)} chevauche "
                            f"{_h(prev.start)} à {_h(prev.end)} : corrigez les horaires pour qu'ils se suivent.",
                            value=f"{_h(cur.start)}-{_h(cur.end)}", expected=f">= {_h(prev.end)}"))
        for total in plan.totals:
            if total.day in plan.error_days:
                continue  # unreadable or overlapping blocks: the sum is unknown, their finding says what to fix
            computed = plan.day_hours(total.day)
            if total.error:
                out.append(make("invalid-time", wb.name, plan.sheet, total.cell,
                                f"TOTAL Heures du {total.day} illisible : saisissez la durée comme « {_h(computed)} ».",
                                value=str(total.raw), expected=_h(computed)))
            elif total.hours is None:
                if computed > HOURS_TOLERANCE:
                    out.append(make("planning-total-mismatch", wb.name, plan.sheet, total.cell,
                                    f"TOTAL Heures du {total.day} vide alors que les créneaux font {_h(computed)} : "
                                    f"saisissez {_h(computed)}.", value=None, expected=round(computed, 2)))
            elif abs(total.hours - computed) > HOURS_TOLERANCE:
                out.append(make("planning-total-mismatch", wb.name, plan.sheet, total.cell,
                                f"TOTAL Heures du {total.day} : {_h(total.hours)} saisi, mais les créneaux font "
                                f"{_h(computed)} : corrigez le total ou les horaires.",
                                value=round(total.hours, 2), expected=round(computed, 2)))
    return out


@rule
def planning_activities(data: Dataset, ctx) -> list[Finding]:
    """Every block's activity finds a keyword of *Correspondance activités*."""
    wb = data.workbook("equipe")
    table = data.table("equipe", "correspondance")
    if wb is None or table is None:
        return []
    keywords = keywords_from(table.df)
    out = []
    for plan in plannings(data, ctx):
        for b in plan.blocks:
            if category_of(b.activity, keywords) is None:
                out.append(make("unknown-activity", wb.name, plan.sheet, b.cell,
                                f"Activité « {b.activity or '(vide)'} » ({_h(b.start)} à {_h(b.end)}) : aucun mot-clé "
                                "de la feuille « Correspondance activités » ne s'y trouve ; ajoutez un mot-clé ou "
                                "reprenez le libellé.", value=b.activity))
    return out


@rule
def planning_etp(data: Dataset, ctx) -> list[Finding]:
    """ETP of the title against the *Équipe* sheet, and the week's hours against ``Heures hebdo``."""
    wb = data.workbook("equipe")
    team = data.table("equipe", "equipe")
    if wb is None or team is None:
        return []
    people = {norm(p): i for i, p in enumerate(team.df["first_name"]) if p}
    out = []
    for plan in plannings(data, ctx):
        i = people.get(norm(plan.first_name))
        if i is None:
            out.append(make("unknown-person", wb.name, plan.sheet, plan.title_cell,
                            f"« {plan.first_name} » (titre du planning) n'a pas de ligne dans la feuille Équipe : "
                            "ajoutez-la ou corrigez le prénom du titre."))
            continue
        etp, hours = team.df["etp"].iloc[i], team.df["weekly_hours"].iloc[i]
        if plan.etp is None:
            out.append(make("etp-hours-mismatch", wb.name, plan.sheet, plan.title_cell,
                            f"Titre sans ETP lisible : écrivez « Planning type – {plan.first_name} "
                            f"({fr_number(etp, 2) if etp == etp else '1'} ETP) ».", severity="avertissement"))
        elif etp == etp and abs(plan.etp - float(etp)) > 0.005:
            out.append(make("etp-hours-mismatch", wb.name, plan.sheet, plan.title_cell,
                            f"Le titre indique {fr_number(plan.etp, 2)} ETP, la feuille Équipe "
                            f"{fr_number(etp, 2)} ETP ({team.cell(i, 'etp')}) : mettez-les d'accord.",
                            value=plan.etp, expected=float(etp)))
        if hours == hours and not plan.error_days and abs(plan.week_hours - float(hours)) > HOURS_TOLERANCE:
            out.append(make("etp-hours-mismatch", wb.name, plan.sheet, plan.title_cell,
                            f"Les créneaux de la semaine font {_h(plan.week_hours)}, la feuille Équipe indique "
                            f"{_h(float(hours))} par semaine ({team.cell(i, 'weekly_hours')}) : corrigez le planning "
                            "ou les heures hebdomadaires.", value=round(plan.week_hours, 2), expected=float(hours)))
    return out

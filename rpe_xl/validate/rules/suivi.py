"""Rules of the activity log (RPE_suivi_activite): keys, dates, training days, coherence of families, online
demands (the codes pointing to other sheets: :mod:`.suivi_references`)."""

from __future__ import annotations

from ...findings import Finding
from ...read import Dataset, Table
from ...read.description import label, labels
from ...read.list_labels import known
from ...text import fr_date, fr_value
from ..registry import rule
from .common import (broken_sequence, date_checks, duplicate_keys, header, majority, out_of_sequence, present,
                     reported_dates, suivi_period)

FAMILY_FIELDS = ("demand_type", "atypical_hours", "urgency", "disability", "periscolaire")  # one value per family
TRAINING = (("modalites_echange", "reunion_collective"), ("themes_echanges", "formations_continues"))


def _t(data: Dataset, key: str) -> Table | None:
    return data.table("suivi", key)


@rule
def suivi_unique_keys(data: Dataset, ctx) -> list[Finding]:
    """N° of contacts and online demands, N° séance: each key once, in sequence."""
    findings = []
    for key, name in (("contacts_familles", "number"), ("contacts_pros", "number"), ("demandes_en_ligne", "number"),
                      ("seances", "seance")):
        findings += duplicate_keys(_t(data, key), name) + broken_sequence(_t(data, key), name)
    return findings


@rule
def suivi_dates(data: Dataset, ctx) -> list[Finding]:
    """Activity dates inside the workbook's period, not in the future, on working days.

    Online demands are received any day (families write on Sundays): only their answer must be a working day,
    and an answer may come after the end of the period (request of 28/06 answered on 02/07).
    """
    period = suivi_period(data, ctx)
    findings: list[Finding] = []
    for key in ("contacts_familles", "contacts_pros", "seances"):
        findings += date_checks(_t(data, key), "date", ctx.today, period)
    echanges = _t(data, "echanges")
    training = _training_rows(data, echanges)  # None: the training rows cannot be told, Saturdays are accepted
    findings += date_checks(echanges, "date", ctx.today, period, saturday_rows=True if training is None else training)
    findings += date_checks(_t(data, "demandes_en_ligne"), "received", ctx.today, period, working_day=False)
    findings += date_checks(_t(data, "demandes_en_ligne"), "answered", ctx.today, None)
    findings += date_checks(_t(data, "formations_am"), "date", ctx.today, period, saturday_rows=True)
    return findings


def _training_rows(data: Dataset, t: Table | None) -> list[int] | None:
    """Rows of Échanges pros that are training days of Formations AM (held on Saturdays): modality « Réunion
    collective », theme « Les formations continues » (:data:`TRAINING`); None when the workbook's lists lack
    those values (reported as ``list-value-unknown``)."""
    if not all(known(data.workbook("suivi"), *pair) for pair in TRAINING):
        return None
    if t is None or not (t.has("modality") and t.has("theme")):
        return []
    training = tuple(label(*pair) for pair in TRAINING)
    return [i for i, pair in enumerate(zip(t.df["modality"], t.df["theme"])) if pair == training]


@rule
def training_days_match(data: Dataset, ctx) -> list[Finding]:
    """The Échanges pros training rows (Réunion collective, Les formations continues) fall on the days of
    Formations AM and each training day has its row. A date moved on one side leaves two unmatched dates a few
    days apart: one finding, on Échanges pros, unless the Formations AM date is the one that is not a Saturday
    (that cell is then already reported by ``formations_on_saturday``)."""
    e, f = _t(data, "echanges"), _t(data, "formations_am")
    training = _training_rows(data, e)
    if e is None or f is None or not (e.has("date") and f.has("date")) or training is None:
        return []
    period = suivi_period(data, ctx)
    e_all = {i: e.df["date"].iloc[i] for i in training}
    f_all = dict(enumerate(f.df["date"]))
    # while a training date is already reported (unreadable, in the future, out of the period), the days are not
    # matched: its correction comes first, and one wrong date gives one finding
    for days in (e_all, f_all):
        reported = reported_dates(days.values(), ctx.today, period)
        if any(not hasattr(d, "year") or d in reported for d in days.values()):
            return []
    e_days, f_days = e_all, f_all
    if not e_days or not f_days:  # an empty sheet is reported as such
        return []
    meeting, theme = (label(*pair) for pair in TRAINING)
    lone_e = {i: d for i, d in e_days.items() if d not in set(f_days.values())}
    lone_f = {i: d for i, d in f_days.items() if d not in set(e_days.values())}
    findings = []
    for i, day in lone_e.items():
        # the lone training day of Formations AM closest to this one: probably the same day, one side mistyped
        j = min(lone_f, key=lambda k: abs((lone_f[k] - day).days), default=None)
        if j is not None and abs((lone_f[j] - day).days) > 14:
            j = None
        other = lone_f.pop(j) if j is not None else None
        if other is not None and other.weekday() != 5 and day.weekday() == 5:
            continue  # Formations AM is the odd one: its cell already has « training-not-saturday »
        findings.append(e.finding(
            "training-day-mismatch", i, "date", variant="other_day" if other else "default", meeting=meeting,
            theme=theme, day=fr_date(day), other=fr_date(other) if other else None,
            at=f.cell(j, "date") if other else None, value=day.isoformat()))
    for j, day in lone_f.items():
        findings.append(f.finding(
            "training-day-mismatch", j, "date",
            variant="formation_without_meeting", header=header(f, 'date'), day=fr_date(day), meeting=meeting,
            theme=theme, value=day.isoformat()))
    return findings


@rule
def dates_in_number_order(data: Dataset, ctx) -> list[Finding]:
    """Running numbers follow the dates (guide: « N° est un numéro d'ordre, trié par date »): a date typed out of
    that order is an avertissement on that row only."""
    findings = []
    period = suivi_period(data, ctx)
    for key, number, name in (("contacts_familles", "number", "date"), ("contacts_pros", "number", "date"),
                              ("seances", "seance", "date"), ("demandes_en_ligne", "number", "received")):
        t = _t(data, key)
        if t is None or not (t.has(number) and t.has(name)):
            continue
        days = t.df[name].tolist()
        title = header(t, name)
        for i, (before, after) in out_of_sequence(days, reported_dates(days, ctx.today, period)).items():
            day = t.df[name].iloc[i]
            findings.append(t.finding(
                "date-out-of-sequence", i, name,
                title=title, day=fr_date(day), before=fr_date(before), after=fr_date(after),
                value=day.isoformat(), expected=f"{before.isoformat()}/{after.isoformat()}"))
    return findings


@rule
def formations_on_saturday(data: Dataset, ctx) -> list[Finding]:
    """AM trainings take place on Saturdays (dossier): another weekday is unusual, worth a look (avertissement)."""
    t = _t(data, "formations_am")
    if t is None or not t.has("date"):
        return []
    title = header(t, "date")
    return [t.finding("training-not-saturday", i, "date",
                      title=title, day=fr_date(day), value=day.isoformat())
            for i, day in enumerate(t.df["date"]) if hasattr(day, "weekday") and day.weekday() < 5]


@rule
def contacts_familles_demands(data: Dataset, ctx) -> list[Finding]:
    """Demande d'accueil filled exactly on search rows; a family's demand and flags are the same on all rows."""
    t = _t(data, "contacts_familles")
    if t is None or not all(t.has(f) for f in ("motif", "demand_type")):
        return []
    df, wb = t.df, data.workbook("suivi")
    findings = []
    spec = wb.spec.sheet(t.key)
    # the search motif: while the workbook's list lacks it (``list-value-unknown``), demands are not judged by motif
    search = label("motifs_familles", "recherche_mode_accueil") if known(wb, "motifs_familles",
                                                                         "recherche_mode_accueil") else None
    motif_list = set(wb.lists.values.get(spec.field("motif").list_name, []))
    demand = header(t, "demand_type")
    for i, (motif, typed) in enumerate(zip(df["motif"], df["demand_type"])):
        if search is None or not present(motif) or (motif_list and motif not in motif_list):
            continue  # a motif outside the list is reported at its cell: the demand is not judged against it
        if motif == search and not present(typed):
            findings.append(t.finding("incoherent-row", i, "demand_type",
                                      variant="demand_missing", search=search, demand=demand,
                                      choices=_choices(labels('types_demande'))))
        elif motif != search and present(typed):
            findings.append(t.finding("incoherent-row", i, "demand_type",
                                      variant="demand_not_search", demand=demand, typed=fr_value(typed),
                                      motif=fr_value(motif), search=search, value=typed))
    if not t.has("family"):
        return findings
    names = [name for name in FAMILY_FIELDS if t.has(name) and (name != "demand_type" or search is not None)]
    columns = {name: df[name].tolist() for name in names}
    motifs = df["motif"].tolist()
    allowed = {name: set(wb.lists.values.get(spec.field(name).list_name, [])) for name in columns}
    for family, rows in df.groupby("family", sort=False).indices.items():
        if len(rows) < 2:
            continue
        for name in names:
            column = columns[name]
            # only values that are right on their own row: a typo or a demand on a non-search contact is
            # already reported at its cell and must not also count as a family incoherence
            values = [(i, column[i]) for i in rows if present(column[i])
                      and (not allowed[name] or column[i] in allowed[name])
                      and (name != "demand_type" or motifs[i] == search)]
            usual = majority(v for _, v in values)
            for i, v in values:
                if v != usual:
                    first = next(j for j, w in values if w == usual)
                    findings.append(t.finding(
                        "incoherent-family", i, name,
                        family=family, header=header(t, name), typed=fr_value(v), usual=fr_value(usual),
                        at=t.cell(first, name),
                        value=v, expected=usual))
    return findings


def _choices(values: dict[str, str]) -> str:
    """``Accueil collectif, Assistant maternel ou Garde à domicile``."""
    shown = list(values.values())
    return ", ".join(shown[:-1]) + " ou " + shown[-1] if len(shown) > 1 else "".join(shown)


@rule
def demandes_answer_order(data: Dataset, ctx) -> list[Finding]:
    """An online demand is answered on or after its reception."""
    t = _t(data, "demandes_en_ligne")
    if t is None or not (t.has("received") and t.has("answered")):
        return []
    return [t.finding("date-order", i, "answered",
                      variant="answer_before_receipt", answered=fr_date(b), received=fr_date(a),
                      at=t.cell(i, 'received'),
                      value=b.isoformat(), expected=f">= {a.isoformat()}")
            for i, (a, b) in enumerate(zip(t.df["received"], t.df["answered"]))
            if hasattr(a, "year") and hasattr(b, "year") and b < a]


UNUSUAL_DELAY_DAYS = 31  # a month: the team answers within days (3,3 on average in 2025)


@rule
def demandes_answer_dates(data: Dataset, ctx) -> list[Finding]:
    """A demand with a Suite has its answer date (the mean delay is computed from it); an answer more than a
    month after the reception is unusual (a typo on the month or the year, most often)."""
    t = _t(data, "demandes_en_ligne")
    if t is None or not (t.has("received") and t.has("answered")):
        return []
    findings = []
    outcomes = t.df["outcome"].tolist() if t.has("outcome") else [None] * len(t)
    for i, (a, b, outcome) in enumerate(zip(t.df["received"], t.df["answered"], outcomes)):
        if b is None and present(outcome) and (i, "answered") not in t.bad_cells:
            findings.append(t.finding(
                "missing-value", i, "answered",
                variant="answer_date", outcome=fr_value(outcome), severity="avertissement"))
        elif hasattr(a, "year") and hasattr(b, "year") and (b - a).days > UNUSUAL_DELAY_DAYS:
            findings.append(t.finding(
                "unusual-delay", i, "answered",
                answered=fr_date(b), days=(b - a).days, received=fr_date(a), at=t.cell(i, 'received'),
                value=b.isoformat()))
    return findings


@rule
def entretien_individuel_one(data: Dataset, ctx) -> list[Finding]:
    """An « Entretien individuel » has exactly one participant."""
    t = _t(data, "echanges")
    if t is None or not (t.has("modality") and t.has("participants")):
        return []
    if not known(data.workbook("suivi"), "modalites_echange", "entretien"):
        return []  # reported as ``list-value-unknown``
    names = labels("modalites_echange")
    alone, others = names["entretien"], [names[k] for k in ("groupe_parole", "reunion_collective") if k in names]
    return [t.finding("incoherent-row", i, "participants",
                      variant="individual_interview", alone=alone, n=fr_value(int(n)),
                      choices=' / '.join(f'« {x} »' for x in others),
                      value=int(n), expected=1)
            for i, (m, n) in enumerate(zip(t.df["modality"], t.df["participants"]))
            if m == alone and present(n) and int(n) != 1]

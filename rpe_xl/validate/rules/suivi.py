"""Rules of the activity log (RPE_suivi_activite): keys, references, dates, coherence of families."""

from __future__ import annotations

import re

from ...findings import Finding
from ...read import Dataset, Table
from ...text import fr_date, fr_value
from ..models import PARTICIPANT_CODE
from ..registry import rule
from .common import (broken_sequence, date_checks, duplicate_keys, majority, out_of_sequence, present, reported_dates,
                     running_number_gaps, suivi_period)

SEARCH_MOTIF = "Recherche d'un mode d'accueil"
PREFIXES = {"Assistant maternel": "AM-", "Garde à domicile": "GAD-", "Parent": "F-", "Enfant": "E-"}
FAMILY_FIELDS = {"demand_type": "Demande d'accueil", "atypical_hours": "Horaires atypiques", "urgency": "Urgence",
                 "disability": "Handicap", "periscolaire": "Avant/après la classe"}
_WELL_FORMED = re.compile(PARTICIPANT_CODE)


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
    findings += date_checks(echanges, "date", ctx.today, period, saturday_rows=_training_rows(echanges))
    findings += date_checks(_t(data, "demandes_en_ligne"), "received", ctx.today, period, working_day=False)
    findings += date_checks(_t(data, "demandes_en_ligne"), "answered", ctx.today, None)
    findings += date_checks(_t(data, "formations_am"), "date", ctx.today, period, saturday_rows=True)
    return findings


TRAINING = ("Réunion collective", "Les formations continues")  # Échanges pros rows that are training days


def _training_rows(t: Table | None) -> list[int]:
    """Rows of Échanges pros that are training days of Formations AM (held on Saturdays)."""
    if t is None or not (t.has("modality") and t.has("theme")):
        return []
    return [i for i, pair in enumerate(zip(t.df["modality"], t.df["theme"])) if pair == TRAINING]


@rule
def training_days_match(data: Dataset, ctx) -> list[Finding]:
    """The Échanges pros training rows (Réunion collective, Les formations continues) fall on the days of
    Formations AM and each training day has its row. A date moved on one side leaves two unmatched dates a few
    days apart: one finding, on Échanges pros, unless the Formations AM date is the one that is not a Saturday
    (that cell is then already reported by ``formations_on_saturday``)."""
    e, f = _t(data, "echanges"), _t(data, "formations_am")
    if e is None or f is None or not (e.has("date") and f.has("date")):
        return []
    period = suivi_period(data, ctx)
    e_all = {i: e.df["date"].iloc[i] for i in _training_rows(e)}
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
        hint = f" ; Formations AM a une journée le {fr_date(other)} ({f.cell(j, 'date')})" if other else ""
        findings.append(e.finding(
            "training-day-mismatch", i, "date",
            f"Réunion collective « Les formations continues » du {fr_date(day)} : aucune journée de Formations AM à "
            f"cette date{hint} ; corrigez la date ici ou dans Formations AM.", value=day.isoformat()))
    for j, day in lone_f.items():
        findings.append(f.finding(
            "training-day-mismatch", j, "date",
            f"Date début : la journée de formation du {fr_date(day)} n'a pas sa ligne « Réunion collective » / « Les "
            "formations continues » dans Échanges pros : ajoutez-la, ou corrigez la date.", value=day.isoformat()))
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
        label = "Date de réception" if name == "received" else "Date"
        days = t.df[name].tolist()
        for i, (before, after) in out_of_sequence(days, reported_dates(days, ctx.today, period)).items():
            day = t.df[name].iloc[i]
            findings.append(t.finding(
                "date-out-of-sequence", i, name,
                f"{label} : {fr_date(day)} entre le {fr_date(before)} et le {fr_date(after)} des lignes voisines, "
                f"alors que les numéros suivent les dates : vérifiez la date (faute de frappe sur le jour ou le mois ?).",
                value=day.isoformat(), expected=f"{before.isoformat()}/{after.isoformat()}"))
    return findings


@rule
def formations_on_saturday(data: Dataset, ctx) -> list[Finding]:
    """AM trainings take place on Saturdays (dossier): another weekday is unusual, worth a look (avertissement)."""
    t = _t(data, "formations_am")
    if t is None or not t.has("date"):
        return []
    return [t.finding("training-not-saturday", i, "date",
                      f"Date début : le {fr_date(day)} n'est pas un samedi, alors que les formations des assistants "
                      "maternels ont lieu le samedi ; vérifiez la date.", value=day.isoformat())
            for i, day in enumerate(t.df["date"]) if hasattr(day, "weekday") and day.weekday() < 5]


def _gad_codes(data: Dataset) -> set[str]:
    wb = data.workbook("suivi")
    return set(wb.lists.values.get("Gardes à domicile", [])) if wb else set()


def _am_codes(data: Dataset) -> set[str] | None:
    """Codes of Listing AM; None when they cannot be relied on (no listing, or a code cell left empty or
    unreadable: the AM references then wait, see ``am_references_held_back``)."""
    t = data.table("assistants_maternels", "listing_am")
    if t is None or not t.has("am_code") or _lost_am_code(t) is not None:
        return None
    return {c for c in t.df["am_code"] if present(c)}


def _lost_am_code(listing: Table) -> int | None:
    """First row of Listing AM whose code is empty or unreadable."""
    return next((i for i, c in enumerate(listing.df["am_code"]) if not present(c)), None)


@rule
def am_references_held_back(data: Dataset, ctx) -> list[Finding]:
    """When a code of Listing AM is empty or unreadable, the AM codes of the activity log that are not in the
    listing may be that AM's: one info at the listing cell instead of an error per activity row."""
    listing = data.table("assistants_maternels", "listing_am")
    if listing is None or not listing.has("am_code") or (lost := _lost_am_code(listing)) is None:
        return []
    known = {c for c in listing.df["am_code"] if present(c)}
    referenced = set()
    for key, name in (("contacts_pros", "am_code"), ("presences", "participant")):
        t = _t(data, key)
        if t is not None and t.has(name):
            referenced |= {c for c in set(t.df[name]) if isinstance(c, str) and re.fullmatch(r"AM-\d{4}", c)}
    unknown = sorted(referenced - known)
    if not unknown:
        return []
    return [listing.finding(
        "reference-not-checked", lost, "am_code",
        f"{len(unknown)} code(s) AM du suivi d'activité (par exemple {unknown[0]}) absents de Listing AM ne sont pas "
        f"signalés tant que le code de {listing.cell(lost, 'am_code')} est vide ou illisible : saisissez-le d'abord.")]


def _reference_missing(code: str, am: set[str] | None, gad: set[str]) -> bool:
    """An AM-/GAD- code that is not in Listing AM / the list ``Gardes à domicile``."""
    return ((code.startswith("AM-") and am is not None and code not in am)
            or (code.startswith("GAD-") and bool(gad) and code not in gad))


def _reference(t: Table, i: int, name: str, code: str, am: set[str] | None, gad: set[str]) -> Finding | None:
    """The ``unknown-reference`` finding of a code missing from Listing AM / Gardes à domicile, if it is."""
    if not _reference_missing(code, am, gad):
        return None
    if code.startswith("AM-"):
        where = "la feuille Listing AM du classeur des assistants maternels"
    else:
        where = "la liste « Gardes à domicile » de la feuille Listes"
    return t.finding("unknown-reference", i, name, f"{code} n'existe pas dans {where} : saisissez le code d'une "
                     "personne existante (ou ajoutez-la d'abord à la liste).", value=code)


@rule
def contacts_pros_references(data: Dataset, ctx) -> list[Finding]:
    """Code AM of Contacts pros: prefix agrees with Public, code exists (Listing AM / Gardes à domicile)."""
    t = _t(data, "contacts_pros")
    if t is None or not (t.has("am_code") and t.has("public")):
        return []
    am, gad = _am_codes(data), _gad_codes(data)
    findings = []
    for i, (public, code) in enumerate(zip(t.df["public"], t.df["am_code"])):
        if not present(code) or not re.fullmatch(r"(?:AM-\d{4}|GAD-\d{2})", str(code)):
            continue  # empty or malformed: reported by the sheet model
        prefix = PREFIXES.get(public)
        if prefix in ("AM-", "GAD-") and not code.startswith(prefix):
            known = (am is not None and code in am) or code in gad
            name = "public" if known else "am_code"
            findings.append(t.finding("incoherent-row", i, name,
                                      f"Public {fr_value(public)} mais code {code} : un assistant maternel a un code "
                                      "AM-…, une garde à domicile un code GAD-… ; corrigez le public ou le code.",
                                      value=public if known else code))
            continue
        found = _reference(t, i, "am_code", code, am, gad)
        if found:
            findings.append(found)
    return findings


@rule
def presences_references(data: Dataset, ctx) -> list[Finding]:
    """Présences: the séance exists, the participant's code agrees with its type and exists (AM/GAD)."""
    t, seances = _t(data, "presences"), _t(data, "seances")
    if t is None or not t.has("participant"):
        return []
    findings = []
    seance_of = t.df["seance"].tolist() if t.has("seance") else [None] * len(t)
    if seances is not None and seances.has("seance") and t.has("seance") and len(seances):  # empty: reported
        numbers = seances.df["seance"].tolist()
        # a séance whose number was mistyped as a duplicate, or is unreadable or empty between two numbers that
        # frame it (25, « 26 bis », 27), is still the séance the presences point to
        known = ({int(s) for s in numbers if present(s)} | set(running_number_gaps(numbers).values())
                 | set(_framed_numbers(numbers).values()))
        lost = [i for i, s in enumerate(numbers) if not present(s) and i not in _framed_numbers(numbers)]
        # below 1 the sheet model already reports the cell (out of range)
        unknown = {s for s in set(seance_of) if present(s) and int(s) >= 1 and int(s) not in known}
        if unknown and lost:  # the missing séance may be the one they point to: say so once, at its cell
            findings.append(seances.finding(
                "reference-not-checked", lost[0], "seance",
                f"Les lignes de Présences dont le N° séance n'existe pas ({len(unknown)} numéro(s)) ne sont pas "
                f"contrôlées tant que le N° séance de {seances.cell(lost[0], 'seance')} n'est pas lisible : "
                "corrigez d'abord cette cellule."))
            unknown = set()
        for i, s in enumerate(seance_of):
            if s in unknown:
                findings.append(t.finding("unknown-reference", i, "seance",
                                          f"N° séance {fr_value(int(s))} n'existe pas dans la feuille Séances : "
                                          "saisissez le numéro d'une séance existante.", value=int(s)))
    am, gad = _am_codes(data), _gad_codes(data)
    types = t.df["participant_type"].tolist() if t.has("participant_type") else [None] * len(t)
    codes = t.df["participant"].tolist()
    # participants come back séance after séance: each (type, code) is judged once
    distinct = {(ty, code) for ty, code in zip(types, codes) if present(code)}
    seen_as = {(code, ty) for ty, code in distinct}
    verdicts = {pair: _participant_verdict(*pair, seen_as, am, gad) for pair in distinct}
    pairs: dict[tuple, int] = {}
    for i, pair in enumerate(zip(types, codes)):
        verdict = verdicts.get(pair)
        if verdict is None:
            continue  # empty or malformed: reported by the sheet model
        ty, code = pair
        if verdict[0] == "incoherent":
            findings.append(t.finding("incoherent-row", i, verdict[1],
                                      f"Type {fr_value(ty)} mais code {code} : un parent a un code F-…, un enfant "
                                      "E-…, un assistant maternel AM-…, une garde à domicile GAD-… ; corrigez le type "
                                      "ou le code.", value=code))
            continue
        if verdict[0] == "unknown":
            findings.append(_reference(t, i, "participant", code, am, gad))
        key = (seance_of[i], code)
        if key in pairs:
            findings.append(t.finding("duplicate-key", i, "participant",
                                      f"{code} est déjà inscrit à la séance {fr_value(int(key[0]))} en "
                                      f"{t.cell(pairs[key], 'participant')} : supprimez cette ligne en double.",
                                      value=code))
        elif present(key[0]):
            pairs[key] = i
    return findings


def _framed_numbers(numbers: list) -> dict[int, int]:
    """Rows of a running number left empty or unreadable between two numbers that frame one value:
    ``[25, None, 27]`` -> ``{1: 26}``."""
    return {i: int(numbers[i - 1]) + 1 for i in range(1, len(numbers) - 1)
            if not present(numbers[i]) and present(numbers[i - 1]) and present(numbers[i + 1])
            and int(numbers[i + 1]) == int(numbers[i - 1]) + 2}


def _participant_verdict(ty, code, seen_as: set, am: set[str] | None, gad: set[str]) -> tuple[str, str] | None:
    """None (malformed: the sheet model reports it), ``("incoherent", field to fix)``, ``("unknown", "")`` for a
    code missing from Listing AM / Gardes à domicile, or ``("ok", "")``."""
    if not _WELL_FORMED.fullmatch(str(code)):
        return None
    prefix = PREFIXES.get(ty)
    if prefix and not code.startswith(prefix):
        own = next((k for k, p in PREFIXES.items() if code.startswith(p)), None)
        known = (code, own) in seen_as or (am is not None and code in am) or code in gad
        return ("incoherent", "participant_type" if known else "participant")
    return ("unknown", "") if _reference_missing(code, am, gad) else ("ok", "")


@rule
def contacts_familles_demands(data: Dataset, ctx) -> list[Finding]:
    """Demande d'accueil filled exactly on search rows; a family's demand and flags are the same on all rows."""
    t = _t(data, "contacts_familles")
    if t is None or not all(t.has(f) for f in ("motif", "demand_type")):
        return []
    df = t.df
    findings = []
    motif_list = set(data.workbook("suivi").lists.values.get("Motifs familles", []))
    for i, (motif, demand) in enumerate(zip(df["motif"], df["demand_type"])):
        if not present(motif) or (motif_list and motif not in motif_list):
            continue  # a motif outside the list is reported at its cell: the demand is not judged against it
        if motif == SEARCH_MOTIF and not present(demand):
            findings.append(t.finding("incoherent-row", i, "demand_type",
                                      f"Motif « {SEARCH_MOTIF} » sans Demande d'accueil : choisissez le type "
                                      "d'accueil demandé (Accueil collectif, Assistant maternel ou Garde à domicile)."))
        elif motif != SEARCH_MOTIF and present(demand):
            findings.append(t.finding("incoherent-row", i, "demand_type",
                                      f"Demande d'accueil {fr_value(demand)} sur un contact de motif "
                                      f"{fr_value(motif)} : la demande ne se remplit que sur les contacts « "
                                      f"{SEARCH_MOTIF} » ; videz la cellule ou corrigez le motif.", value=demand))
    if not t.has("family"):
        return findings
    columns = {name: df[name].tolist() for name in FAMILY_FIELDS if t.has(name)}
    motifs = df["motif"].tolist()
    wb = data.workbook("suivi")
    spec = wb.spec.sheet(t.key)
    allowed = {name: set(wb.lists.values.get(spec.field(name).list_name, [])) for name in columns}
    for family, rows in df.groupby("family", sort=False).indices.items():
        if len(rows) < 2:
            continue
        for name, label in FAMILY_FIELDS.items():
            if name not in columns:
                continue
            column = columns[name]
            # only values that are right on their own row: a typo or a demand on a non-search contact is
            # already reported at its cell and must not also count as a family incoherence
            values = [(i, column[i]) for i in rows if present(column[i])
                      and (not allowed[name] or column[i] in allowed[name])
                      and (name != "demand_type" or motifs[i] == SEARCH_MOTIF)]
            usual = majority(v for _, v in values)
            for i, v in values:
                if v != usual:
                    first = next(j for j, w in values if w == usual)
                    findings.append(t.finding(
                        "incoherent-family", i, name,
                        f"Famille {family} : {label} {fr_value(v)} ici, {fr_value(usual)} sur ses autres contacts "
                        f"(par exemple {t.cell(first, name)}) ; une famille a une seule demande : harmonisez.",
                        value=v, expected=usual))
    return findings


@rule
def demandes_answer_order(data: Dataset, ctx) -> list[Finding]:
    """An online demand is answered on or after its reception."""
    t = _t(data, "demandes_en_ligne")
    if t is None or not (t.has("received") and t.has("answered")):
        return []
    return [t.finding("date-order", i, "answered",
                      f"Date de réponse {fr_date(b)} avant la date de réception {fr_date(a)} "
                      f"({t.cell(i, 'received')}) : corrigez l'une des deux dates.",
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
                f"Date de réponse vide alors que la suite est {fr_value(outcome)} : saisissez la date de la réponse "
                "(le délai moyen de réponse du bilan CAF en dépend).", severity="avertissement"))
        elif hasattr(a, "year") and hasattr(b, "year") and (b - a).days > UNUSUAL_DELAY_DAYS:
            findings.append(t.finding(
                "unusual-delay", i, "answered",
                f"Date de réponse {fr_date(b)} : {(b - a).days} jours après la réception du {fr_date(a)} "
                f"({t.cell(i, 'received')}) ; vérifiez la date (faute de frappe sur le mois ou l'année ?).",
                value=b.isoformat()))
    return findings


@rule
def entretien_individuel_one(data: Dataset, ctx) -> list[Finding]:
    """An « Entretien individuel » has exactly one participant."""
    t = _t(data, "echanges")
    if t is None or not (t.has("modality") and t.has("participants")):
        return []
    return [t.finding("incoherent-row", i, "participants",
                      f"Entretien individuel avec {fr_value(int(n))} participants : un entretien individuel compte "
                      "1 participant ; saisissez 1 ou choisissez « Groupe de parole » / « Réunion collective ».",
                      value=int(n), expected=1)
            for i, (m, n) in enumerate(zip(t.df["modality"], t.df["participants"]))
            if m == "Entretien individuel" and present(n) and int(n) != 1]

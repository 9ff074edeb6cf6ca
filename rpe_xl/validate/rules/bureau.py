"""Rules on the Bureau séance: members, statuses, proxies, quorum and votes per question.

Quorum and votes follow the guide §7 (CGCT L2121-17, L2121-20), computed by ``compute/seance.py``.
A fault is reported once, at its cell: a person typed twice counts once (the first row), a name misspelt on
one sheet is matched with the other sheet's spelling, a column missing from a sheet (already reported by the
reading) skips the checks that need it, and an unreadable cell holds back the conclusions built on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ...compute.seance import (EXCUSED, MAX_QUESTION, PRESENT, REPRESENTED, Attendee, Roster, as_int, attendees,
                               build_roster, closest_person, is_status, present_at, question_state)
from ...findings import Finding
from ...read import Dataset
from ...read.dataset import value_of
from ...read.table import Table
from ...text import fr_value, norm
from ..registry import rule

SEANCE_COUNTS = (  # Séance key, status counted in Présences
    ("Présents (feuille de présence)", PRESENT),
    ("Représentés (pouvoirs)", REPRESENTED),
    ("Absents excusés", EXCUSED),
)
VOTES = ("votes_for", "votes_against", "abstentions", "not_voting")
OFFICERS = ("Président", "Secrétaire de séance")
ODD_SPACES = ("\u00a0", "\u202f", "\u2007")  # no-break spaces pasted from Word or a mail
DATE_RUBRICS = {  # rubrics of the key/value sheets that hold a date (the deliberation prints them)
    "seance": ("Date", "Date de convocation"),
    "contexte": ("Projet de territoire – Conseil communautaire du", "Services communs – Conseil communautaire du",
                 "Mise en place des services communs", "Comité partenarial", "Date de la commission",
                 "Agrément en vigueur jusqu'au", "Délégations du Conseil communautaire"),  # the last one: a prefix
}
FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")  # Bureau_AAAA-MM-JJ.xlsx


def _tables(data: Dataset):
    return data.table("bureau", "membres"), data.table("bureau", "presences"), data.table("bureau", "deliberations")


def usable(table: Table | None, *fields: str) -> bool:
    """The table exists and none of ``fields`` is a missing column (already reported as ``missing-column``)."""
    return table is not None and not any(f in table.missing or not table.has(f) for f in fields)


def roster(data: Dataset, ctx=None) -> Roster | None:
    """The attendance sheet matched with *Membres* (see :func:`build_roster`), or None without names."""
    membres, presences, _ = _tables(data)
    if not usable(presences, "last_name", "first_name"):
        return None

    def build() -> Roster:
        unreadable = {i for i, f in presences.bad_cells if f == "from_question"} | implausible_arrivals(presences)
        people = attendees(presences.df, membres.df if membres is not None else None, unreadable)
        members = (list(zip(map(cell_text, membres.df["last_name"]), map(cell_text, membres.df["first_name"])))
                   if usable(membres, "last_name", "first_name") else [])
        seance = data.table("bureau", "seance")
        officers = [str(value_of(seance, k)[0] or "") for k in OFFICERS] if seance is not None else []
        return build_roster(people, members, officers)

    return ctx.memo("bureau-roster", build) if ctx is not None else build()


def implausible_arrivals(presences: Table) -> set[int]:
    """Rows whose « À partir de la question » is too large to be a question number (a date Excel made of it)."""
    if not usable(presences, "from_question"):
        return set()
    numbers = presences.df["from_question"].astype("Float64")
    return set(numbers.index[(numbers > MAX_QUESTION).fillna(False)].tolist())


def rubric_key(text: object) -> str:
    """Key of a rubric, as :func:`value_of` matches them (case, accents, spaces, kind of dash)."""
    return re.sub(r"[\u2010-\u2015-]+", "-", norm(text))


def is_date_rubric(kind: str, key: object) -> bool:
    """The rubric ``key`` of sheet ``kind`` (``seance``/``contexte``) holds a date."""
    k = rubric_key(key)
    return bool(k) and any(k == rubric_key(d) or (d.startswith("Délégations") and k.startswith(rubric_key(d)))
                           for d in DATE_RUBRICS.get(kind, ()))


def file_date(name: str) -> dt.date | None:
    """The séance's date in the workbook's name: ``file_date("Bureau_2025-09-30.xlsx") == dt.date(2025, 9, 30)``."""
    m = FILE_DATE.search(name or "")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def members_in_office(data: Dataset) -> int:
    """Members in office: rows of *Membres*, else the Séance's declared figure."""
    membres = data.table("bureau", "membres")
    if membres is not None and len(membres):
        return len(membres)
    seance = data.table("bureau", "seance")
    declared, _ = value_of(seance, "Membres en exercice") if seance is not None else (None, None)
    return int(declared) if isinstance(declared, (int, float)) else 0


@rule
def bureau_members(data: Dataset, ctx) -> list[Finding]:
    """Every person of Présences is a member and vice versa (surname AND first name), once."""
    membres, presences, _ = _tables(data)
    r = roster(data, ctx)
    if r is None or not usable(membres, "last_name", "first_name"):
        return []
    out: list[Finding] = []
    names = [f"{cell_text(a)} {cell_text(b)}".strip()
             for a, b in zip(membres.df["last_name"], membres.df["first_name"])]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if norm(name) in seen:
            out.append(membres.finding("duplicate-key", i, "last_name",
                                       f"{name} figure deux fois dans la liste des membres (ligne "
                                       f"{membres.rows[seen[norm(name)]]}) : supprimez le doublon."))
        seen.setdefault(norm(name), i)
    for i, first in r.duplicate_of.items():
        p, kept = r.people[i], r.people[first]
        out.append(presences.finding("member-status-conflict", i, "last_name",
                                     f"{p.name} figure déjà ligne {presences.rows[first]} de la feuille de présence "
                                     f"(statut {fr_value(kept.status)}) : supprimez cette ligne (statut "
                                     f"{fr_value(p.status)}) ; seule la ligne {presences.rows[first]} est comptée."))
    for i, j, part, wrong in r.pairs:
        out.append(_misspelt(membres, presences, r, i, j, part, wrong))
    listed = [Attendee(cell_text(a), cell_text(b), None)
              for a, b in zip(membres.df["last_name"], membres.df["first_name"])]
    for i in r.unmatched_rows:
        p = r.people[i]
        guess = closest_person(p.name, listed)
        hint = f"vouliez-vous dire « {guess.name} » ? Corrigez l'orthographe" if guess else "corrigez l'orthographe"
        out.append(presences.finding("unknown-member", i, "last_name",
                                     f"{p.name} n'est pas dans la feuille « Membres » (nom et prénom) : {hint} ou "
                                     "ajoutez ce membre.", expected=guess.name if guess else None))
    for j in r.unmatched_members:
        out.append(membres.finding("unknown-member", j, "last_name",
                                   f"{names[j]} n'a pas de ligne sur la feuille « Présences » : ajoutez-la avec son "
                                   "statut (Présent, Représenté ou Absent excusé)."))
    return out


def _misspelt(membres: Table, presences: Table, r: Roster, i: int, j: int, part: str, wrong: str) -> Finding:
    """One finding at the cell whose spelling is the odd one of a name the two sheets write differently."""
    field = "last_name" if part == "last" else "first_name"
    label = "Nom" if part == "last" else "Prénom"
    row_value, member_value = presences.df[field].iloc[i], membres.df[field].iloc[j]
    if wrong == "row":
        table, k, typed, other, other_sheet, other_row = presences, i, row_value, member_value, membres, j
    else:
        table, k, typed, other, other_sheet, other_row = membres, j, member_value, row_value, presences, i
    right = r.people[i].name
    return table.finding("member-name-mismatch", k, field,
                         f"{label} {fr_value(typed)} : la feuille « {other_sheet.sheet} » écrit {fr_value(other)} "
                         f"(ligne {other_sheet.rows[other_row]}). Vouliez-vous dire « {right} » ? Corrigez l'orthographe pour que les "
                         "deux feuilles donnent le même nom.", value=cell_text(typed), expected=right)


@rule
def bureau_statuses(data: Dataset, ctx) -> list[Finding]:
    """A status and the other columns of the row do not contradict each other."""
    _, presences, _ = _tables(data)
    r = roster(data, ctx)
    if r is None or not usable(presences, "status"):
        return []
    out: list[Finding] = []
    for i, p in enumerate(r.people):
        if i in r.duplicate_of:
            continue
        if p.holder and not is_status(p.status, REPRESENTED):
            out.append(presences.finding("member-status-conflict", i, "proxy_holder",
                                         f"{p.name} a le statut {fr_value(p.status)} et un mandataire "
                                         f"({p.holder}) : mettez le statut « Représenté » ou videz le mandataire.",
                                         value=p.holder))
        if p.from_question is not None and not is_status(p.status, PRESENT):
            out.append(presences.finding("member-status-conflict", i, "from_question",
                                         f"{p.name} a le statut {fr_value(p.status)} mais une question d'arrivée "
                                         f"({p.from_question}) : mettez « Présent » ou videz cette cellule.",
                                         value=p.from_question))
    return out


@rule
def bureau_proxies(data: Dataset, ctx) -> list[Finding]:
    """A mandataire is a present member, carries one proxy only, and is there at each question voted."""
    _, presences, delibs = _tables(data)
    r = roster(data, ctx)
    if r is None or not usable(presences, "status", "proxy_holder"):
        return []
    out: list[Finding] = []
    by_key = {p.key: p for p in r.unique}
    reported = {f.cell for f in data.findings if f.workbook == presences.workbook and f.sheet == presences.sheet}
    carried: Counter[str] = Counter()
    for i, p in enumerate(r.people):
        if i in r.duplicate_of or not is_status(p.status, REPRESENTED):
            continue
        holder = by_key.get(p.holder_key) if p.holder_key else None
        if not p.holder:
            msg = f"{p.name} est « Représenté » sans mandataire : indiquez le « NOM Prénom » du porteur du pouvoir."
        elif i in r.guessed_holders:
            carried[holder.key] += 1
            msg = (f"Mandataire {fr_value(p.holder)} introuvable sur la feuille de présence : vouliez-vous dire "
                   f"« {holder.name} » ? Saisissez le « NOM Prénom » exact du membre.")
            out.append(presences.finding("proxy-invalid", i, "proxy_holder", msg, value=p.holder,
                                         expected=holder.name))
            continue
        elif holder is None:
            msg = (f"Mandataire {fr_value(p.holder)} introuvable sur la feuille de présence : saisissez le "
                   "« NOM Prénom » exact d'un membre présent.")
        elif holder.key == p.key:
            msg = f"{p.name} ne peut pas se donner procuration : indiquez un autre membre présent."
        elif not is_status(holder.status, PRESENT):
            msg = (f"Le mandataire {holder.name} n'est pas présent (statut {fr_value(holder.status)}) : la "
                   f"procuration de {p.name} est nulle ; indiquez un membre présent.")
        else:
            carried[holder.key] += 1
            if carried[holder.key] > 1:
                out.append(presences.finding("proxy-multiple", i, "proxy_holder",
                                             f"{holder.name} porte déjà une procuration : un membre ne peut en "
                                             f"porter qu'une (CGCT L2121-20) ; confiez celle de {p.name} à un "
                                             "autre membre présent.", value=p.holder))
            elif p.holder != holder.name and presences.cell(i, "proxy_holder") not in reported:
                out.append(_holder_spelling(presences, i, p.holder, holder.name))
            continue
        out.append(presences.finding("proxy-invalid", i, "proxy_holder", msg, value=p.holder))
    if usable(presences, "from_question") and usable(delibs, "number"):
        for q in sorted({q for q in map(as_int, delibs.df["number"]) if q is not None}):
            for i, p in enumerate(r.people):
                holder = by_key.get(p.holder_key) if p.holder_key else None
                if (i not in r.duplicate_of and i not in r.guessed_holders and is_status(p.status, REPRESENTED)
                        and holder is not None and is_status(holder.status, PRESENT)
                        and not present_at(holder, q, assume_present=True)):
                    out.append(presences.finding(
                        "proxy-invalid", i, "proxy_holder",
                        f"Le mandataire {holder.name} n'arrive qu'à la question {holder.from_question} : la "
                        f"procuration de {p.name} ne compte pas pour la question {q} (retirez-la des votes).",
                        value=p.holder, severity="avertissement"))
    return out


def _holder_spelling(presences: Table, i: int, typed: str, name: str) -> Finding:
    """Info: a mandataire read as a member although not typed exactly as the attendance sheet writes it."""
    if any(s in typed for s in ODD_SPACES):
        what = ("contient une espace insécable (invisible, souvent collée depuis un autre document) ; saisissez "
                f"« {name} » avec des espaces ordinaires.")
    else:
        what = f"est lu comme « {name} » ; saisissez le nom tel que l'écrit la feuille de présence : « {name} »."
    return presences.finding("value-repaired", i, "proxy_holder", f"Mandataire : {fr_value(typed)} {what}",
                             value=typed, expected=name)


@rule
def bureau_quorum_votes(data: Dataset, ctx) -> list[Finding]:
    """For each deliberation: quorum of present members, and votes = present + valid proxies.

    A member whose arrival question cannot be read may or may not be there: a conclusion is drawn only when it
    is the same whether they are counted or not; the others are held back with one ``declared-not-compared``."""
    _, presences, delibs = _tables(data)
    r = roster(data, ctx)
    if r is None or not usable(presences, "status", "from_question") or not usable(delibs, "number"):
        return []
    out: list[Finding] = []
    people, members = r.unique, members_in_office(data)
    unsure = [p for p in people if p.arrival_unknown and is_status(p.status, PRESENT)]
    votes_readable = usable(presences, "proxy_holder") and usable(delibs, *VOTES)
    held: list[tuple[int, int]] = []
    for j, number in enumerate(delibs.df["number"]):
        q = as_int(number)
        if q is None:
            continue
        low = question_state(people, members, q)
        high = question_state(people, members, q, assume_present=True) if unsure else low
        if not high.quorum_ok:
            out.append(delibs.finding("quorum-not-met", j, "number",
                                      f"Question {q} : {len(high.present)} membres présents pour {members} en "
                                      f"exercice, il en faut {high.needed} (les pouvoirs ne comptent pas, CGCT "
                                      "L2121-17) : la délibération n'est pas valable ; vérifiez la feuille de "
                                      "présence ou reportez la question.", value=len(high.present),
                                      expected=high.needed))
        elif not low.quorum_ok:
            held.append((j, q))
        counts = [delibs.df[f].iloc[j] for f in VOTES] if votes_readable else []
        if not counts or any((j, f) in delibs.bad_cells for f in VOTES):
            continue  # a count that cannot be read is reported at its cell, the sum would be wrong
        counts = [as_int(c) for c in counts]
        if all(c is None for c in counts) or any(c is not None and c < 0 for c in counts):
            continue
        total = sum(c or 0 for c in counts)
        if low.votes_cast <= total <= high.votes_cast and low.votes_cast != high.votes_cast:
            held.append((j, q))
        elif total != low.votes_cast and total != high.votes_cast:
            expected = (f"{len(low.present)} présents + {len(low.valid_proxies)} pouvoirs valables = "
                        f"{low.votes_cast} votants" if not unsure else
                        f"entre {low.votes_cast} et {high.votes_cast} votants selon l'heure d'arrivée de "
                        f"{_names(unsure)} (question d'arrivée illisible)")
            out.append(delibs.finding("vote-count-mismatch", j, "votes_for",
                                      f"Question {q} : Pour + Contre + Abstention + Ne prend pas part = {total}, "
                                      f"mais {expected} : corrigez le décompte ou la feuille de présence.",
                                      value=total, expected=low.votes_cast))
    if held:
        out.append(_held_back(presences, delibs, r, unsure, held))
    seen: dict[int, int] = {}
    for j, number in enumerate(delibs.df["number"]):
        q = as_int(number)
        if q is not None and q in seen:
            out.append(delibs.finding("duplicate-key", j, "number",
                                      f"Question n° {q} déjà saisie ligne {delibs.rows[seen[q]]} : chaque "
                                      "délibération a son propre numéro.", value=q))
        if q is not None:
            seen.setdefault(q, j)
    return out


def _held_back(presences: Table, delibs: Table, r: Roster, unsure: list[Attendee],
               held: list[tuple[int, int]]) -> Finding:
    questions = sorted({q for _, q in held})
    cells = ", ".join(f"Présences!{presences.cell(r.people.index(p), 'from_question')}" for p in unsure)
    which = f"Question {questions[0]}" if len(questions) == 1 else "Questions " + ", ".join(map(str, questions))
    return delibs.finding("declared-not-compared", held[0][0], "number",
                          f"{which} : quorum et votes non contrôlés, car la question d'arrivée de {_names(unsure)} "
                          f"est illisible ({cells}) : corrigez-la, le contrôle se fera ensuite.")


def _names(people: list[Attendee]) -> str:
    return ", ".join(p.name for p in people)


@rule
def bureau_seance_counts(data: Dataset, ctx) -> list[Finding]:
    """The Séance sheet's declared counts against the Membres and Présences sheets (rows, as its COUNTIF)."""
    seance, (membres, presences, _) = data.table("bureau", "seance"), _tables(data)
    if seance is None:
        return []
    out: list[Finding] = []
    checks = []
    if membres is not None:
        checks.append(("Membres en exercice", len(membres), "lignes de la feuille « Membres »"))
    if usable(presences, "status"):
        statuses = Counter(map(norm, presences.df["status"]))
        for key, status in SEANCE_COUNTS:
            checks.append((key, statuses[norm(status)], f"lignes « {status} » de la feuille « Présences »"))
    for key, computed, what in checks:
        declared, i = value_of(seance, key)
        if i is None or declared is None:
            continue
        if not isinstance(declared, (int, float)) or int(declared) != computed:
            out.append(seance.finding("seance-count-mismatch", i, "value",
                                      f"{key} : {fr_value(declared)} déclaré, {computed} {what} : corrigez l'un "
                                      "ou l'autre.", value=declared, expected=computed))
    return out


@rule
def bureau_officers(data: Dataset, ctx) -> list[Finding]:
    """The president and the secretary are members present from the opening of the séance."""
    seance, presences = data.table("bureau", "seance"), data.table("bureau", "presences")
    r = roster(data, ctx)
    if seance is None or r is None or not usable(presences, "status", "from_question"):
        return []
    out: list[Finding] = []
    for key in OFFICERS:
        name, i = value_of(seance, key)
        if i is None or not name:
            continue
        person = r.find(name)
        if person is None:
            guess = closest_person(name, r.unique)
            hint = f"vouliez-vous dire « {guess.name} » ? Saisissez" if guess else "saisissez"
            out.append(seance.finding("unknown-member", i, "value",
                                      f"{key} : {fr_value(name)} n'est pas sur la feuille de présence : {hint} "
                                      "le « NOM Prénom » exact d'un membre.", value=str(name),
                                      expected=guess.name if guess else None))
        elif not present_at(person, 0, assume_present=True):
            late = f" (arrive à la question {person.from_question})" if person.from_question else ""
            out.append(seance.finding("officer-not-present", i, "value",
                                      f"{key} : {person.name} n'est pas présent dès l'ouverture{late} : "
                                      "désignez un membre présent.", value=str(name)))
    return out


def cell_text(value: object) -> str:
    """A cell's text, stripped; empty for an empty cell."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


BASE_RULES = (bureau_members, bureau_statuses, bureau_proxies, bureau_quorum_votes, bureau_seance_counts,
              bureau_officers)

"""Rules on the Bureau séance: members, statuses, proxies, quorum and votes per question.

Quorum and votes follow the guide §7 (CGCT L2121-17, L2121-20), computed by ``compute/seance.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ...compute.seance import (EXCUSED, PRESENT, REPRESENTED, Attendee, as_int, attendees, is_status,
                               person_key, present_at, question_state)
from ...compute.territory import communes_at
from ...findings import Finding
from ...read import Dataset
from ...read.dataset import value_of
from ...text import fr_value, norm
from ..registry import rule

SEANCE_COUNTS = (  # Séance key, status counted in Présences
    ("Présents (feuille de présence)", PRESENT),
    ("Représentés (pouvoirs)", REPRESENTED),
    ("Absents excusés", EXCUSED),
)


def _tables(data: Dataset):
    return data.table("bureau", "membres"), data.table("bureau", "presences"), data.table("bureau", "deliberations")


def _people(data: Dataset, ctx) -> list[Attendee]:
    membres, presences, _ = _tables(data)
    if presences is None:
        return []
    return ctx.memo("bureau-attendees", lambda: attendees(presences.df, membres.df if membres is not None else None))


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
    if membres is None or presences is None:
        return []
    out: list[Finding] = []
    member_keys = [person_key(a, b) for a, b in zip(membres.df["last_name"], membres.df["first_name"])]
    people = _people(data, ctx)
    seen: dict[str, int] = {}
    for i, key in enumerate(member_keys):
        if key in seen:
            out.append(membres.finding("duplicate-key", i, "last_name",
                                       f"{membres.df['last_name'].iloc[i]} {membres.df['first_name'].iloc[i]} figure "
                                       f"deux fois dans la liste des membres (ligne {membres.rows[seen[key]]}) : "
                                       "supprimez le doublon."))
        seen.setdefault(key, i)
    attendance: dict[str, int] = {}
    for i, p in enumerate(people):
        if p.key in attendance:
            out.append(presences.finding("member-status-conflict", i, "last_name",
                                         f"{p.name} figure deux fois sur la feuille de présence (ligne "
                                         f"{presences.rows[attendance[p.key]]}) : gardez une seule ligne avec "
                                         "son statut."))
        attendance.setdefault(p.key, i)
        if p.key not in seen and p.name:
            out.append(presences.finding("unknown-member", i, "last_name",
                                         f"{p.name} n'est pas dans la feuille « Membres » (nom et prénom) : "
                                         "corrigez l'orthographe ou ajoutez ce membre."))
    for key, i in seen.items():
        if key not in attendance:
            out.append(membres.finding("unknown-member", i, "last_name",
                                       f"{membres.df['last_name'].iloc[i]} {membres.df['first_name'].iloc[i]} n'a pas "
                                       "de ligne sur la feuille « Présences » : ajoutez-la avec son statut "
                                       "(Présent, Représenté ou Absent excusé)."))
    return out


@rule
def bureau_statuses(data: Dataset, ctx) -> list[Finding]:
    """A status and the other columns of the row do not contradict each other."""
    _, presences, _ = _tables(data)
    if presences is None:
        return []
    out: list[Finding] = []
    for i, p in enumerate(_people(data, ctx)):
        represented = is_status(p.status, REPRESENTED)
        if p.holder and not represented:
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
    if presences is None:
        return []
    out: list[Finding] = []
    people = _people(data, ctx)
    by_key = {p.key: p for p in people}
    carried: Counter[str] = Counter()
    for i, p in enumerate(people):
        if not is_status(p.status, REPRESENTED):
            continue
        holder = by_key.get(norm(p.holder)) if p.holder else None
        if not p.holder:
            msg = f"{p.name} est « Représenté » sans mandataire : indiquez le « NOM Prénom » du porteur du pouvoir."
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
            continue
        out.append(presences.finding("proxy-invalid", i, "proxy_holder", msg, value=p.holder))
    if delibs is not None:
        for j, number in enumerate(delibs.df["number"]):
            q = as_int(number)
            if q is None:
                continue
            for i, p in enumerate(people):
                holder = by_key.get(norm(p.holder)) if p.holder else None
                if (is_status(p.status, REPRESENTED) and holder is not None and is_status(holder.status, PRESENT)
                        and not present_at(holder, q)):
                    out.append(presences.finding(
                        "proxy-invalid", i, "proxy_holder",
                        f"Le mandataire {holder.name} n'arrive qu'à la question {holder.from_question} : la "
                        f"procuration de {p.name} ne compte pas pour la question {q} (retirez-la des votes).",
                        value=p.holder, severity="avertissement"))
    return out


@rule
def bureau_quorum_votes(data: Dataset, ctx) -> list[Finding]:
    """For each deliberation: quorum of present members, and votes = present + valid proxies."""
    _, presences, delibs = _tables(data)
    if presences is None or delibs is None:
        return []
    out: list[Finding] = []
    people = _people(data, ctx)
    members = members_in_office(data)
    for j, number in enumerate(delibs.df["number"]):
        q = as_int(number)
        if q is None:
            continue
        state = question_state(people, members, q)
        if not state.quorum_ok:
            out.append(delibs.finding("quorum-not-met", j, "number",
                                      f"Question {q} : {len(state.present)} membres présents pour {members} en "
                                      f"exercice, il en faut {state.needed} (les pouvoirs ne comptent pas, CGCT "
                                      "L2121-17) : la délibération n'est pas valable ; vérifiez la feuille de "
                                      "présence ou reportez la question.", value=len(state.present),
                                      expected=state.needed))
        counts = [as_int(delibs.df[f].iloc[j]) for f in ("votes_for", "votes_against", "abstentions", "not_voting")]
        if all(c is None for c in counts):
            continue
        total = sum(c or 0 for c in counts)
        if total != state.votes_cast:
            out.append(delibs.finding("vote-count-mismatch", j, "votes_for",
                                      f"Question {q} : Pour + Contre + Abstention + Ne prend pas part = {total}, "
                                      f"mais {len(state.present)} présents + {len(state.valid_proxies)} pouvoirs "
                                      f"valables = {state.votes_cast} votants : corrigez le décompte ou la feuille "
                                      "de présence.", value=total, expected=state.votes_cast))
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


@rule
def bureau_seance_counts(data: Dataset, ctx) -> list[Finding]:
    """The Séance sheet's declared counts against the Membres and Présences sheets."""
    seance, (membres, presences, _) = data.table("bureau", "seance"), _tables(data)
    if seance is None:
        return []
    out: list[Finding] = []
    checks = []
    if membres is not None:
        checks.append(("Membres en exercice", len(membres), "lignes de la feuille « Membres »"))
    if presences is not None:
        people = _people(data, ctx)
        for key, status in SEANCE_COUNTS:
            checks.append((key, sum(is_status(p.status, status) for p in people),
                           f"lignes « {status} » de la feuille « Présences »"))
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
    if seance is None or presences is None:
        return []
    out: list[Finding] = []
    by_key = {p.key: p for p in _people(data, ctx)}
    for key in ("Président", "Secrétaire de séance"):
        name, i = value_of(seance, key)
        if i is None or not name:
            continue
        person = by_key.get(norm(name))
        if person is None:
            out.append(seance.finding("unknown-member", i, "value",
                                      f"{key} : {fr_value(name)} n'est pas sur la feuille de présence : saisissez "
                                      "le « NOM Prénom » exact d'un membre.", value=str(name)))
        elif not present_at(person, 0):
            late = f" (arrive à la question {person.from_question})" if person.from_question else ""
            out.append(seance.finding("officer-not-present", i, "value",
                                      f"{key} : {person.name} n'est pas présent dès l'ouverture{late} : "
                                      "désignez un membre présent.", value=str(name)))
    return out


@rule
def bureau_context_communes(data: Dataset, ctx) -> list[Finding]:
    """The communes counts typed in *Contexte RPE* (``… au 01/01/2025 …``) against the *Communes* sheet."""
    contexte, communes = data.table("bureau", "contexte"), data.table("territoire", "communes")
    if contexte is None or communes is None:
        return []
    out: list[Finding] = []
    for i, (key, declared) in enumerate(zip(contexte.df["key"], contexte.df["value"])):
        m = re.search(r"communes couvertes au (\d{2}/\d{2}/\d{4})", norm(key))
        if not m or as_int(declared) is None:
            continue
        day = dt.datetime.strptime(m.group(1), "%d/%m/%Y").date()
        computed = len(communes_at(communes.df, day))
        if as_int(declared) != computed:
            out.append(contexte.finding("declared-value-mismatch", i, "value",
                                        f"{key} : {fr_value(declared)} saisi, mais la feuille « Communes » du "
                                        f"classeur du territoire en compte {computed} à cette date : corrigez "
                                        "l'un ou l'autre.", value=declared, expected=computed))
    return out


BUREAU_RULES = (bureau_members, bureau_statuses, bureau_proxies, bureau_quorum_votes, bureau_seance_counts,
                bureau_officers, bureau_context_communes)

"""Rules on the Bureau séance: members, statuses, the séance's declared counts and its officers; the helpers
every Bureau rule shares (proxies, quorum and votes are in ``bureau_votes.py``).

A fault is reported once, at its cell: a person typed twice counts once (the first row), a name misspelt on
one sheet is matched with the other sheet's spelling, a person who is no member is reported at their row and
not counted, a column missing from a sheet (already reported by the reading) skips the checks that need it,
and an unreadable cell holds back the conclusions built on it.
"""

from __future__ import annotations

from collections import Counter

from ...compute.bureau import (cell_text, file_date, implausible_arrivals, members_in_office, officers,  # noqa: F401
                               usable)
from ...compute.bureau import roster as matched_roster
from ...compute.roster import Roster, closest_person, namesakes
from ...compute.seance import Attendee, canonical_status, is_status, present_at
from ...findings import Finding
from ...read import Dataset
from ...read.dataset import value_of
from ...read.description import label, labels, rubric, rubrics
from ...read.list_labels import known, rubric_key  # noqa: F401  (rubric_key: shared by the Bureau rules)
from ...read.table import Table
from ...text import fr_value, norm
from ..registry import rule
from .common import header

STATUSES = ("present", "represente", "excuse")  # keys of the list ``statut_presence`` the rules count
# (rubric of the Séance sheet, status counted in Présences), keys of the description
SEANCE_COUNTS = (("presents", "present"), ("representes", "represente"), ("excuses", "excuse"))
ODD_SPACES = ("\u00a0", "\u202f", "\u2007")  # no-break spaces pasted from Word or a mail


def _tables(data: Dataset):
    return data.table("bureau", "membres"), data.table("bureau", "presences"), data.table("bureau", "deliberations")


def statuses_known(data: Dataset) -> bool:
    """The Bureau workbook's list of statuses holds the statuses the rules count (else ``list-value-unknown``)."""
    return known(data.workbook("bureau"), "statut_presence", *STATUSES)


def roster(data: Dataset, ctx=None, statuses: bool = True) -> Roster | None:
    """The attendance sheet matched with *Membres* (:func:`rpe_xl.compute.bureau.roster`): None without names, or,
    for the rules that read the statuses (``statuses``), while the workbook's list lacks one of them (those rules
    are then not applied: ``list-value-unknown`` says so)."""
    if statuses and not statuses_known(data):
        return None
    return matched_roster(data, ctx)


def is_date_rubric(kind: str, key: object) -> bool:
    """The rubric ``key`` of sheet ``kind`` (``seance``/``contexte``) holds a date (``date`` in the description)."""
    k = rubric_key(key)
    return bool(k) and any(r.date and (k == rubric_key(r.label) or (r.prefix and k.startswith(rubric_key(r.label))))
                           for r in rubrics(kind))


@rule
def bureau_members(data: Dataset, ctx) -> list[Finding]:
    """Every person of Présences is a member and vice versa (surname AND first name), once."""
    membres, presences, _ = _tables(data)
    r = roster(data, ctx, statuses=False)
    if r is None or not usable(membres, "last_name", "first_name"):
        return []
    out: list[Finding] = []
    names = [f"{cell_text(a)} {cell_text(b)}".strip()
             for a, b in zip(membres.df["last_name"], membres.df["first_name"])]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if norm(name) in seen:
            out.append(membres.finding("duplicate-key", i, "last_name",
                                       member=name, rows=membres.rows[seen[norm(name)]]))
        seen.setdefault(norm(name), i)
    for i, first in r.duplicate_of.items():
        p, kept = r.people[i], r.people[first]
        out.append(presences.finding("member-status-conflict", i, "last_name",
                                     member=p.name, rows=presences.rows[first], status=fr_value(kept.status),
                                     status2=fr_value(p.status)))
    for i, j, part, wrong in r.pairs:
        out.append(_misspelt(membres, presences, r, i, j, part, wrong))
    listed = [Attendee(cell_text(a), cell_text(b), None)
              for a, b in zip(membres.df["last_name"], membres.df["first_name"])]
    for i in r.unmatched_rows:
        p = r.people[i]
        guess = closest_person(p.name, listed)
        same = namesakes(p.name, listed) if guess is None else []
        variant = "presence_namesakes" if same else "presence_guess" if guess else "presence"
        out.append(presences.finding("unknown-member", i, "last_name",
                                     variant=variant + ("_not_counted" if i in r.non_members else ""),
                                     which=which_one(p.name, same) if same else None, person=p.name,
                                     guess=guess.name if guess else None, expected=guess.name if guess else None))
    for j in r.unmatched_members:
        out.append(membres.finding("unknown-member", j, "last_name",
                                   member=names[j], either=_either(labels('statut_presence'))))
    return out


def _misspelt(membres: Table, presences: Table, r: Roster, i: int, j: int, part: str, wrong: str) -> Finding:
    """One finding at the cell whose spelling is the odd one of a name the two sheets write differently."""
    field = "last_name" if part == "last" else "first_name"
    title = header(presences, field)
    row_value, member_value = presences.df[field].iloc[i], membres.df[field].iloc[j]
    if wrong == "row":
        table, k, typed, other, other_sheet, other_row = presences, i, row_value, member_value, membres, j
    else:
        table, k, typed, other, other_sheet, other_row = membres, j, member_value, row_value, presences, i
    right = r.people[i].name
    return table.finding("member-name-mismatch", k, field,
                         title=title, typed=fr_value(typed), sheet_name=other_sheet.sheet, other=fr_value(other),
                         rows=other_sheet.rows[other_row], right=right, value=cell_text(typed), expected=right)


@rule
def bureau_statuses(data: Dataset, ctx) -> list[Finding]:
    """A status and the other columns of the row do not contradict each other."""
    _, presences, _ = _tables(data)
    r = roster(data, ctx)
    if r is None or not usable(presences, "status"):
        return []
    present, represented = label("statut_presence", "present"), label("statut_presence", "represente")
    out: list[Finding] = []
    for i, p in enumerate(r.people):
        if i in r.duplicate_of:
            continue
        if p.holder and not is_status(p.status, represented):
            out.append(presences.finding("member-status-conflict", i, "proxy_holder",
                                         variant="present_with_holder", member=p.name, status=fr_value(p.status),
                                         holder=p.holder, represented=represented,
                                         value=p.holder))
        if p.from_question is not None and not is_status(p.status, present):
            out.append(presences.finding("member-status-conflict", i, "from_question",
                                         variant="arrival_not_present", member=p.name, status=fr_value(p.status),
                                         from_question=p.from_question, present=present,
                                         value=p.from_question))
    return out


@rule
def bureau_seance_counts(data: Dataset, ctx) -> list[Finding]:
    """The Séance sheet's declared counts against the Membres and Présences sheets (rows, as its COUNTIF).

    A declared count is right when it is the count of the rows of members with that status (whatever its
    spelling), or the one the sheet's COUNTIF gives (status typed exactly, every row): a status spelt otherwise
    or a person who is no member is reported at its own cell, not a second time here."""
    seance, (membres, presences, _) = data.table("bureau", "seance"), _tables(data)
    if seance is None:
        return []
    out: list[Finding] = []
    checks = []
    if membres is not None:
        checks.append((rubric("seance", "membres_en_exercice"), {len(membres)}, len(membres),
                       "lignes de la feuille « Membres »"))
    if usable(presences, "status") and statuses_known(data):  # else: reported as ``list-value-unknown``
        r = roster(data, ctx)
        typed = Counter(str(v).casefold() for v in _typed_statuses(data, presences))
        read = [canonical_status(v) for v in presences.df["status"]]
        outside = r.non_members if r is not None else set()
        inside = Counter(s for i, s in enumerate(read) if i not in outside)
        for key, status_key in SEANCE_COUNTS:
            status = label("statut_presence", status_key)
            accepted = {inside[status], read.count(status), typed[status.casefold()]}
            members_only = inside[status]
            checks.append((rubric("seance", key), accepted, members_only,
                           f"lignes « {status} » de la feuille « Présences »"))
    for key, accepted, computed, what in checks:
        declared, i = value_of(seance, key)
        if i is None or declared is None:
            continue
        if not isinstance(declared, (int, float)) or int(declared) not in accepted:
            out.append(seance.finding("seance-count-mismatch", i, "value",
                                      key=key, declared=fr_value(declared), computed=computed, what=what,
                                      value=declared, expected=computed))
    return out


def _typed_statuses(data: Dataset, presences: Table) -> list[object]:
    """The statuses as typed (before a spelling was read as a status of the list), for the sheet's COUNTIF."""
    repaired = {f.cell: f.value for f in data.findings if f.code == "value-repaired" and f.sheet == presences.sheet
                and f.workbook == presences.workbook}
    if not repaired:
        return list(presences.df["status"])
    return [repaired.get(presences.cell(i, "status"), v) for i, v in enumerate(presences.df["status"])]


@rule
def bureau_officers(data: Dataset, ctx) -> list[Finding]:
    """The president and the secretary are members present from the opening of the séance."""
    seance, presences = data.table("bureau", "seance"), data.table("bureau", "presences")
    r = roster(data, ctx)
    if seance is None or r is None or not usable(presences, "status", "from_question"):
        return []
    out: list[Finding] = []
    for key in officers():
        name, i = value_of(seance, key)
        if i is None or not name:
            continue
        person = r.find(name)
        if person is None:
            guess = closest_person(name, r.unique)
            same = namesakes(name, r.unique) if guess is None else []
            out.append(seance.finding("unknown-member", i, "value",
                                      variant="officer_namesakes" if same else "officer_guess" if guess else "officer",
                                      key=key, which=which_one(name, same) if same else None, typed=fr_value(name),
                                      guess=guess.name if guess else None, value=str(name),
                                      expected=guess.name if guess else None))
        elif not present_at(person, 0, assume_present=True):
            out.append(seance.finding("officer-not-present", i, "value",
                                      variant="late" if person.from_question else "default", key=key,
                                      officer=person.name, question=person.from_question, value=str(name)))
    return out


def _either(values: dict[str, str]) -> str:
    """``Présent, Représenté ou Absent excusé``."""
    shown = list(values.values())
    return ", ".join(shown[:-1]) + " ou " + shown[-1] if len(shown) > 1 else "".join(shown)


def which_one(typed: object, same: list[Attendee]) -> str:
    """The members a name typed alone may mean: ``« COCQ » : COCQ Bertrand ou COCQ Marcel ?``."""
    names = [p.name for p in same]
    return f"{fr_value(str(typed).strip())} : {', '.join(names[:-1])} ou {names[-1]} ?"


"""Rules on the votes of the Bureau séance: proxies, and the quorum and votes of each question.

Quorum and votes follow the guide §7 (CGCT L2121-17, L2121-20, and the covid-19 derogations at the séance's date:
``compute/seance_rules.py``), computed by ``compute/seance.py`` from the attendance sheet matched with the members
(``compute/roster.py``). A person who is surely no member is not
counted; a member whose arrival cannot be read, or a row that may be a misspelt member, may or may not count:
a conclusion is drawn only when it is the same either way, the others wait with one ``declared-not-compared``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ...compute.bureau import bureau_tables, members_in_office, seance_rules, usable
from ...compute.roster import Roster, namesakes
from ...compute.seance import PRESENT, REPRESENTED, Attendee, is_status, present_at, question_state
from ...compute.seance_rules import SeanceRules
from ...findings import Finding
from ...read import Dataset
from ...read.label_sheet import as_int
from ...read.table import Table
from ...text import fr_value
from ..registry import rule
from .bureau import ODD_SPACES, roster, which_one

VOTES = ("votes_for", "votes_against", "abstentions", "not_voting")


@rule
def bureau_proxies(data: Dataset, ctx) -> list[Finding]:
    """A mandataire is a present member, carries as many proxies as the law allows on the séance's date (one), and
    is there at each question voted."""
    _, presences, delibs = bureau_tables(data)
    r = roster(data, ctx)
    if r is None or not usable(presences, "status", "proxy_holder"):
        return []
    out: list[Finding] = []
    rules = seance_rules(data)
    by_key = {p.key: p for p in r.unique}
    strangers = {r.people[i].key for i in r.non_members}
    reported = {f.cell for f in data.findings if f.workbook == presences.workbook and f.sheet == presences.sheet}
    carried: Counter[str] = Counter()
    for i, p in enumerate(r.people):
        if i in r.duplicate_of or i in r.non_members or not is_status(p.status, REPRESENTED):
            continue
        holder = by_key.get(p.holder_key) if p.holder_key else None
        if not p.holder:
            variant = "no_holder"
        elif i in r.guessed_holders:
            carried[holder.key] += 1
            out.append(presences.finding("proxy-invalid", i, "proxy_holder", variant="holder_guess",
                                         typed=fr_value(p.holder), guess=holder.name, value=p.holder,
                                         expected=holder.name))
            continue
        elif holder is None and p.holder_key in strangers:
            variant = "holder_not_member"
        elif holder is None and namesakes(p.holder, r.unique):
            variant = "holder_namesakes"
        elif holder is None:
            variant = "holder_unknown"
        elif holder.key == p.key:
            variant = "self"
        elif not is_status(holder.status, PRESENT):
            variant = "holder_absent"
        else:
            carried[holder.key] += 1
            if carried[holder.key] > rules.proxies_per_member:
                out.append(presences.finding("proxy-multiple", i, "proxy_holder",
                                             holder=holder.name, proxies=_proxies(rules.proxies_per_member),
                                             at_most=_at_most(rules), giver=p.name, value=p.holder))
            elif p.holder != holder.name and presences.cell(i, "proxy_holder") not in reported:
                out.append(_holder_spelling(presences, i, p.holder, holder.name))
            continue
        out.append(presences.finding(
            "proxy-invalid", i, "proxy_holder", variant=variant, giver=p.name, typed=fr_value(p.holder),
            which=which_one(p.holder, namesakes(p.holder, r.unique)) if variant == "holder_namesakes" else None,
            holder=holder.name if holder else None, status=fr_value(holder.status) if holder else None,
            value=p.holder))
    if usable(presences, "from_question") and usable(delibs, "number"):
        for q in sorted({q for q in map(as_int, delibs.df["number"]) if q is not None}):
            for i, p in enumerate(r.people):
                holder = by_key.get(p.holder_key) if p.holder_key else None
                if (i not in r.duplicate_of and i not in r.guessed_holders and i not in r.non_members
                        and is_status(p.status, REPRESENTED)
                        and holder is not None and is_status(holder.status, PRESENT)
                        and not present_at(holder, q, assume_present=True)):
                    out.append(presences.finding(
                        "proxy-invalid", i, "proxy_holder", variant="holder_late",
                        holder=holder.name, from_question=holder.from_question, giver=p.name, q=q,
                        value=p.holder, severity="avertissement"))
    return out


def _holder_spelling(presences: Table, i: int, typed: str, name: str) -> Finding:
    """Info: a mandataire read as a member although not typed exactly as the attendance sheet writes it."""
    return presences.finding("value-repaired", i, "proxy_holder",
                             variant="holder_spaces" if any(s in typed for s in ODD_SPACES) else "holder_spelling",
                             typed=fr_value(typed), member=name, value=typed, expected=name)


@rule
def bureau_quorum_votes(data: Dataset, ctx) -> list[Finding]:
    """For each deliberation: quorum of present members, and votes = present + valid proxies.

    A member whose arrival question cannot be read may or may not be there, a row matching no member may be a
    member whose name is misspelt beyond recognition: a conclusion is drawn only when it is the same whether they
    are counted or not; the others are held back with one ``declared-not-compared``."""
    _, presences, delibs = bureau_tables(data)
    r = roster(data, ctx)
    if r is None or not usable(presences, "status", "from_question") or not usable(delibs, "number"):
        return []
    out: list[Finding] = []
    people, members, rules = r.unique, members_in_office(data), seance_rules(data)
    unsure = [p for p in people if p.arrival_unknown and is_status(p.status, PRESENT)]
    doubtful = [i for i in sorted(r.maybe_members) if i not in r.duplicate_of]
    ambiguous = {i: c for i, c in r.ambiguous_holders.items() if i not in r.duplicate_of and i not in r.non_members}
    likely = _likely_holders(r, ambiguous)
    votes_readable = usable(presences, "proxy_holder") and usable(delibs, *VOTES)
    held: list[tuple[int, int]] = []
    for j, number in enumerate(delibs.df["number"]):
        q = as_int(number)
        if q is None:
            continue
        low = question_state(r.certain, members, q, rules=rules)
        high = (question_state(likely, members, q, assume_present=True, rules=rules) if unsure or doubtful or ambiguous
                else low)
        if not high.quorum_ok:
            out.append(delibs.finding("quorum-not-met", j, "number",
                                      q=q, quorum_count=high.quorum_count, counted=_counted(rules), members=members,
                                      needed=high.needed, quorum_rule=_quorum_rule(rules), value=high.quorum_count,
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
                        f"{low.votes_cast} votants" if low.votes_cast == high.votes_cast else
                        f"entre {low.votes_cast} et {high.votes_cast} votants selon "
                        + " et ".join(_doubts(presences, r, unsure, doubtful, ambiguous, cells=False)))
            out.append(delibs.finding("vote-count-mismatch", j, "votes_for",
                                      q=q, total=total, wanted=expected,
                                      value=total, expected=low.votes_cast))
    if held:
        out.append(_held_back(presences, delibs, r, unsure, doubtful, ambiguous, held))
    seen: dict[int, int] = {}
    for j, number in enumerate(delibs.df["number"]):
        q = as_int(number)
        if q is not None and q in seen:
            out.append(delibs.finding("duplicate-key", j, "number",
                                      variant="question", q=q, rows=delibs.rows[seen[q]], value=q))
        if q is not None:
            seen.setdefault(q, j)
    return out


def _likely_holders(r: Roster, ambiguous: dict[int, list[Attendee]]) -> list[Attendee]:
    """:attr:`Roster.unique` where a mandataire that may mean several members is read as the first present one
    (the most votes it can give)."""
    out = []
    for i, p in enumerate(r.people):
        if i in r.duplicate_of or i in r.non_members:
            continue
        if i in ambiguous:
            pick = next((c for c in ambiguous[i] if is_status(c.status, PRESENT)), ambiguous[i][0])
            p = replace(p, holder_key=pick.key)
        out.append(p)
    return out


def _held_back(presences: Table, delibs: Table, r: Roster, unsure: list[Attendee], doubtful: list[int],
               ambiguous: dict[int, list[Attendee]], held: list[tuple[int, int]]) -> Finding:
    questions = sorted({q for _, q in held})
    which = f"Question {questions[0]}" if len(questions) == 1 else "Questions " + ", ".join(map(str, questions))
    why = " et ".join(_doubts(presences, r, unsure, doubtful, ambiguous))
    fix = "corrigez cette cellule" if len(unsure) + len(doubtful) + len(ambiguous) == 1 else "corrigez ces cellules"
    return delibs.finding("declared-not-compared", held[0][0], "number",
                          variant="bureau_votes", which=which, why=why, fix=fix)


def _doubts(presences: Table, r: Roster, unsure: list[Attendee], doubtful: list[int],
            ambiguous: dict[int, list[Attendee]], cells: bool = True) -> list[str]:
    """Why the presence of some people is not known, in French (``cells``: with the cells to correct)."""
    out = []
    if unsure:
        where = ", ".join(f"Présences!{presences.cell(r.people.index(p), 'from_question')}" for p in unsure)
        out.append(f"la question d'arrivée de {_names(unsure)} est illisible ({where})" if cells else
                   f"l'heure d'arrivée de {_names(unsure)} (question d'arrivée illisible)")
    if doubtful:
        names = _names([r.people[i] for i in doubtful])
        where = ", ".join(f"Présences!{presences.cell(i, 'last_name')}" for i in doubtful)
        out.append(f"{names} ({where}) ne figure{'nt' if len(doubtful) > 1 else ''} pas sur la feuille « Membres »"
                   if cells else f"que {names} soi{'ent' if len(doubtful) > 1 else 't'} ou non membre"
                   f"{'s' if len(doubtful) > 1 else ''} (absent{'s' if len(doubtful) > 1 else ''} de la feuille "
                   "« Membres »)")
    for i, same in ambiguous.items():
        where = f" (Présences!{presences.cell(i, 'proxy_holder')})" if cells else ""
        out.append(f"le mandataire de {r.people[i].name}{where} peut être {' ou '.join(p.name for p in same)}")
    return out


def _names(people: list[Attendee]) -> str:
    return ", ".join(p.name for p in people)


_NUMBERS = {1: "une", 2: "deux", 3: "trois"}


def _proxies(n: int) -> str:
    """``une procuration``, ``deux procurations``."""
    return f"{_NUMBERS.get(n, n)} procuration{'s' if n > 1 else ''}"


def _at_most(rules: SeanceRules) -> str:
    """``qu'une (CGCT L2121-20)``, ``que deux (loi n° 2020-1379, art. 6)``."""
    word = _NUMBERS.get(rules.proxies_per_member, str(rules.proxies_per_member))
    return (f"qu'{word}" if word[0] in "aeiou" else f"que {word}") + f" ({rules.proxies_cite})"


def _counted(rules: SeanceRules) -> str:
    return "présents ou représentés" if rules.represented_count else "présents"


def _quorum_rule(rules: SeanceRules) -> str:
    """Why that many are needed: ``les pouvoirs ne comptent pas, CGCT L2121-17``."""
    if rules.represented_count:
        return f"le quorum compte les membres représentés, {rules.quorum_cite}"
    return f"les pouvoirs ne comptent pas, {rules.quorum_cite}"

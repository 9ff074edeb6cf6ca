"""Who sits and votes at each question of a séance (CGCT L2121-17 quorum, L2121-20 proxies).

Pure functions over plain records: no workbook, no cell address. The rules depend on the séance's date
(:func:`~rpe_xl.compute.seance_rules.rules_at`; today's when no date is given):

- quorum: more than half of the members in office must be *physically present*; proxies do not
  count: ``needed = members // 2 + 1`` (during the covid-19 derogations: a third, present or represented);
- present at question ``q``: status ``Présent`` and (no "à partir de la question" or it is <= ``q``);
  when that cell could not be read (``arrival_unknown``) the presence is unknown: callers compute the
  state both ways (``assume_present``) and conclude only where both agree;
- a status is read whatever its spelling (``Représentée``, ``Pouvoir``: the ``variants`` of the list
  ``statut_presence`` of the description of the workbooks, ``rpe_xl/data/classeurs.yaml``);
- a person counts once: a second row of the same person on the attendance sheet is ignored;
- a proxy counts at ``q`` when its holder is present at ``q``, and a member holds one proxy only
  (two during the derogations; the first ones given to them, in sheet order);
- votes cast at ``q`` = present at ``q`` + valid proxies at ``q``.

>>> people = [Attendee("A", "Anne", PRESENT), Attendee("B", "Bob", REPRESENTED, holder="A Anne"),
...           Attendee("C", "Cléo", PRESENT, from_question=5)]
>>> s = question_state(people, members=3, question=2)
>>> (len(s.present), len(s.valid_proxies), s.needed, s.quorum_ok, s.votes_cast)
(1, 1, 2, False, 2)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..read.description import label, list_spec
from ..read.label_sheet import serial_date
from ..text import norm
from .seance_rules import SeanceRules, rules_at

PRESENT = label("statut_presence", "present")  # labels of the list ``statut_presence`` of the description
REPRESENTED = label("statut_presence", "represente")
EXCUSED = label("statut_presence", "excuse")
MAX_QUESTION = 999  # above, an arrival question is not a question number (often a date Excel made of « 25/1 »)
STATUSES = (PRESENT, REPRESENTED, EXCUSED)
_STATUS_OF = {norm(x): norm(v.label) for v in list_spec("statut_presence").values for x in (v.label, *v.variants)}


@dataclass(frozen=True)
class Attendee:
    """One row of the attendance sheet. ``holder`` is the mandataire as typed (``NOM Prénom``);
    ``holder_key`` the key of the person it designates once resolved (see :func:`resolve_holders`)."""

    last_name: str
    first_name: str
    status: str | None
    holder: str | None = None
    from_question: int | None = None
    rank: int | None = None  # optional "ordre du tableau" (president, vice-presidents…)
    arrival_unknown: bool = False  # "à partir de la question" typed but unreadable
    holder_key: str | None = None

    @property
    def name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def key(self) -> str:
        return person_key(self.last_name, self.first_name)


def person_key(last_name: object, first_name: object = "") -> str:
    """Tolerant key of a person: surname AND first name, case/accent/space-insensitive.

    >>> person_key("PÉDRINI", "Léo") == person_key("pedrini  léo")
    True
    """
    return norm(f"{last_name or ''} {first_name or ''}")


def is_status(value: object, status: str) -> bool:
    """``value`` is ``status`` in any of its spellings: ``is_status("représentée", REPRESENTED) is True``."""
    key = norm(value)
    return _STATUS_OF.get(key, key) == norm(status)


def canonical_status(value: object) -> str | None:
    """The status ``value`` stands for (``"Pouvoir"`` -> ``"Représenté"``), or None when it is none of them."""
    return next((s for s in STATUSES if is_status(value, s)), None)


def present_at(person: Attendee, question: int, assume_present: bool = False) -> bool:
    """Physically present when question ``question`` is voted (``assume_present``: when the arrival is unknown)."""
    if not is_status(person.status, PRESENT):
        return False
    if person.arrival_unknown:
        return assume_present
    return person.from_question is None or person.from_question <= question


def unique_people(people: list[Attendee]) -> list[Attendee]:
    """The first row of each person (a person typed twice counts once)."""
    seen: set[str] = set()
    return [p for p in people if not (p.key in seen or seen.add(p.key))]


@dataclass
class QuestionState:
    """Attendance at one question: present members, proxies that count and those that do not."""

    question: int
    members: int
    rules: SeanceRules = field(default_factory=lambda: rules_at(None))
    present: list[Attendee] = field(default_factory=list)
    valid_proxies: list[tuple[Attendee, Attendee]] = field(default_factory=list)  # (giver, holder)
    void_proxies: list[tuple[Attendee, str]] = field(default_factory=list)  # (giver, reason in French)

    @property
    def needed(self) -> int:
        return self.rules.needed(self.members)

    @property
    def quorum_count(self) -> int:
        """The members the quorum counts: present, and represented when the rules count them."""
        return len(self.present) + (len(self.valid_proxies) if self.rules.represented_count else 0)

    @property
    def quorum_ok(self) -> bool:
        return self.quorum_count >= self.needed

    @property
    def votes_cast(self) -> int:
        return len(self.present) + len(self.valid_proxies)


def question_state(people: list[Attendee], members: int, question: int, assume_present: bool = False,
                   rules: SeanceRules | None = None) -> QuestionState:
    """Attendance at ``question`` under ``rules`` (see the module docstring)."""
    state = QuestionState(question, members, rules or rules_at(None))
    people = unique_people(people)
    by_key = {p.key: p for p in people}
    state.present = [p for p in people if present_at(p, question, assume_present)]
    carried: Counter[str] = Counter()
    for giver in people:
        if not is_status(giver.status, REPRESENTED):
            continue
        holder = by_key.get(giver.holder_key or norm(giver.holder)) if giver.holder else None
        if holder is None:
            reason = "mandataire non indiqué" if not giver.holder else "mandataire inconnu de la feuille de présence"
        elif holder.key == giver.key:
            reason = "procuration à soi-même"
        elif not present_at(holder, question, assume_present):
            reason = ("mandataire pas encore arrivé" if is_status(holder.status, PRESENT)
                      else "mandataire absent")
        elif carried[holder.key] >= state.rules.proxies_per_member:
            reason = ("mandataire qui porte déjà une procuration" if carried[holder.key] == 1 else
                      f"mandataire qui porte déjà {carried[holder.key]} procurations")
        else:
            carried[holder.key] += 1
            state.valid_proxies.append((giver, holder))
            continue
        state.void_proxies.append((giver, reason))
    return state


def tableau_order(people: list[Attendee]) -> list[Attendee]:
    """Order of the lists of a deliberation: ranked members first (by rank), then the others
    alphabetically (surname, first name), as the *ordre du tableau* is printed.

    >>> [p.last_name for p in tableau_order([Attendee("B", "", PRESENT), Attendee("Z", "", PRESENT, rank=1)])]
    ['Z', 'B']
    """
    return sorted(people, key=lambda p: (p.rank is None, p.rank or 0, norm(p.last_name), norm(p.first_name)))


def question_as_date(number: int) -> dt.date | None:
    """The date Excel shows for an arrival question too large to be one (``45682`` -> 25/01/2025), or None."""
    return serial_date(number) if number > MAX_QUESTION else None

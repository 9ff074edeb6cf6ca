"""Who sits and votes at each question of a séance (CGCT L2121-17 quorum, L2121-20 proxies).

Pure functions over plain records: no workbook, no cell address.

- quorum: more than half of the members in office must be *physically present*; proxies do not
  count: ``needed = members // 2 + 1``;
- present at question ``q``: status ``Présent`` and (no "à partir de la question" or it is <= ``q``);
  when that cell could not be read (``arrival_unknown``) the presence is unknown: callers compute the
  state both ways (``assume_present``) and conclude only where both agree;
- a person counts once: a second row of the same person on the attendance sheet is ignored;
- a proxy counts at ``q`` when its holder is present at ``q``, and a member holds one proxy only
  (the first one given to them, in sheet order);
- votes cast at ``q`` = present at ``q`` + valid proxies at ``q``.

>>> people = [Attendee("A", "Anne", PRESENT), Attendee("B", "Bob", REPRESENTED, holder="A Anne"),
...           Attendee("C", "Cléo", PRESENT, from_question=5)]
>>> s = question_state(people, members=3, question=2)
>>> (len(s.present), len(s.valid_proxies), s.needed, s.quorum_ok, s.votes_cast)
(1, 1, 2, False, 2)
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from dataclasses import dataclass, field, replace

from ..read.coerce import EXCEL_EPOCH, parse
from ..text import norm

PRESENT = "Présent"
REPRESENTED = "Représenté"
EXCUSED = "Absent excusé"
CLOSE_NAME = 0.75  # SequenceMatcher ratio of a misspelt surname or first name (MULET / MULLET: 0,91)
MAX_QUESTION = 999  # above, an arrival question is not a question number (often a date Excel made of « 25/1 »)
CLOSE_FULL_NAME = 0.85  # ratio of a misspelt « NOM Prénom » (LECLERC Odile / LECLERCQ Odile: 0,96)


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
    return norm(value) == norm(status)


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
    present: list[Attendee] = field(default_factory=list)
    valid_proxies: list[tuple[Attendee, Attendee]] = field(default_factory=list)  # (giver, holder)
    void_proxies: list[tuple[Attendee, str]] = field(default_factory=list)  # (giver, reason in French)

    @property
    def needed(self) -> int:
        return quorum_needed(self.members)

    @property
    def quorum_ok(self) -> bool:
        return len(self.present) >= self.needed

    @property
    def votes_cast(self) -> int:
        return len(self.present) + len(self.valid_proxies)


def quorum_needed(members: int) -> int:
    """Present members needed for the quorum: ``quorum_needed(101) == 51``."""
    return members // 2 + 1


def question_state(people: list[Attendee], members: int, question: int,
                   assume_present: bool = False) -> QuestionState:
    """Attendance at ``question`` (see the module docstring for the rules)."""
    state = QuestionState(question, members)
    people = unique_people(people)
    by_key = {p.key: p for p in people}
    state.present = [p for p in people if present_at(p, question, assume_present)]
    holders_used: set[str] = set()
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
        elif holder.key in holders_used:
            reason = "mandataire qui porte déjà une procuration"
        else:
            holders_used.add(holder.key)
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


def attendees(presences, membres=None, unreadable_arrivals: set[int] = frozenset()) -> list[Attendee]:
    """Attendees from the *Présences* DataFrame (fields of ``read/specs.py``), ranks from *Membres*;
    ``unreadable_arrivals``: rows whose « À partir de la question » was typed but could not be read.

    ``attendees(data.table("bureau", "presences").df, data.table("bureau", "membres").df)``
    """
    ranks: dict[str, int] = {}
    if membres is not None and "rank" in membres:
        for last, first, rank in zip(membres["last_name"], membres["first_name"], membres["rank"]):
            if as_int(rank) is not None:
                ranks.setdefault(person_key(last, first), as_int(rank))
    people = []
    for i, (last, first, status, holder, start) in enumerate(zip(
            presences["last_name"], presences["first_name"], presences["status"], presences["proxy_holder"],
            presences["from_question"])):
        last, first, start = _text(last), _text(first), as_int(start)
        unknown = i in unreadable_arrivals or (start is not None and start < 1)
        people.append(Attendee(last, first, _text(status) or None, _text(holder) or None,
                               None if unknown else start, ranks.get(person_key(last, first)), unknown))
    return people


def closest_person(typed: object, people: list[Attendee]) -> Attendee | None:
    """The person a misspelt « NOM Prénom » most likely means, or None when nothing is close or it is ambiguous:
    a near miss (« LECLERC Odile »), the words in another order (« Odile LECLERCQ »), or a surname alone that
    only one person bears (« MULLET »).

    >>> closest_person("LECLERC Odile", [Attendee("LECLERCQ", "Odile", PRESENT)]).name
    'LECLERCQ Odile'
    """
    text = norm(typed)
    if not text:
        return None
    words = sorted(text.split())
    same_words = [p for p in people if sorted(p.key.split()) == words]
    if len(same_words) == 1:
        return same_words[0]
    alone = [p for p in people if text in (norm(p.last_name), norm(p.first_name))]
    if len(alone) == 1:
        return alone[0]
    by_key = {p.key: p for p in people}
    close = difflib.get_close_matches(text, list(by_key), n=2, cutoff=CLOSE_FULL_NAME)
    if len(close) == 2 and _ratio(text, close[0]) - _ratio(text, close[1]) < 0.05:
        return None  # two people as close: do not guess
    return by_key[close[0]] if close else None


def misspelt_pairs(rows: list[tuple[str, str]], members: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Pairs (row index, member index, part) of a person whose surname or first name is spelt slightly differently
    in two lists (``part`` is ``"last"`` or ``"first"``: the other part is the same). Only unambiguous pairs.

    >>> misspelt_pairs([("MULET", "Rosemonde")], [("MULLET", "Rosemonde"), ("MILLET", "Anne")])
    [(0, 0, 'last')]
    """
    pairs, taken = [], set()
    for i, (last, first) in enumerate(rows):
        found = []
        for j, (m_last, m_first) in enumerate(members):
            if j in taken:
                continue
            if norm(first) == norm(m_first) and _ratio(norm(last), norm(m_last)) >= CLOSE_NAME:
                found.append((j, "last"))
            elif norm(last) == norm(m_last) and _ratio(norm(first), norm(m_first)) >= CLOSE_NAME:
                found.append((j, "first"))
        if len(found) == 1:
            taken.add(found[0][0])
            pairs.append((i, *found[0]))
    return pairs


@dataclass
class Roster:
    """The attendance sheet matched with the list of members (:func:`build_roster`).

    ``people``: one per attendance row, a misspelt name replaced by the spelling judged right, the mandataire
    resolved (``holder_key``); ``duplicate_of``: row -> earlier row of the same person (the earlier one counts);
    ``pairs``: (row, member, part, wrong) of a name spelt differently on the two sheets, ``wrong`` being the side
    (``"row"`` or ``"member"``) whose spelling is the odd one; ``guessed_holders``: row -> the person a mandataire
    that matches nobody most likely means (used for the counts, reported as an error)."""

    people: list[Attendee]
    duplicate_of: dict[int, int] = field(default_factory=dict)
    pairs: list[tuple[int, int, str, str]] = field(default_factory=list)
    unmatched_rows: list[int] = field(default_factory=list)
    unmatched_members: list[int] = field(default_factory=list)
    guessed_holders: dict[int, Attendee] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)  # name key (right or as typed) -> first row

    @property
    def unique(self) -> list[Attendee]:
        return [p for i, p in enumerate(self.people) if i not in self.duplicate_of]

    def find(self, typed: object) -> Attendee | None:
        """The person of « NOM Prénom » ``typed`` (any case, accents, spaces), or None."""
        i = self.index.get(norm(typed))
        return None if i is None else self.people[i]


def build_roster(rows: list[Attendee], members: list[tuple[str, str]], references: list[str] = ()) -> Roster:
    """Match attendance ``rows`` with ``members`` (surname, first name) of the member list; ``references`` are
    other texts naming people (the séance's president and secretary) that help tell which spelling is right.

    >>> rows = [Attendee("MULET", "Rosemonde", PRESENT), Attendee("A", "Bo", REPRESENTED, "mullet rosemonde")]
    >>> r = build_roster(rows, [("MULLET", "Rosemonde"), ("A", "Bo")])
    >>> r.people[0].name, r.pairs, r.people[1].holder_key
    ('MULLET Rosemonde', [(0, 0, 'last', 'row')], 'mullet rosemonde')
    """
    member_index: dict[str, int] = {}
    for j, (last, first) in enumerate(members):
        member_index.setdefault(person_key(last, first), j)
    matched = {member_index[p.key] for p in rows if p.key in member_index}
    roster = Roster(list(rows))
    lonely = [i for i, p in enumerate(rows) if p.key not in member_index and p.name]
    free = [j for j in member_index.values() if j not in matched]
    parts = Counter(norm(x) for p in rows for x in (p.last_name, p.first_name))
    parts.update(norm(x) for m in members for x in m)
    refs = [f" {norm(t)} " for t in [*(p.holder for p in rows if p.holder), *references]]

    def support(spelling: str) -> int:
        return parts[spelling] + sum(f" {spelling} " in r for r in refs)

    for i, j, part in misspelt_pairs([(rows[i].last_name, rows[i].first_name) for i in lonely],
                                     [members[j] for j in free]):
        i, j = lonely[i], free[j]
        typed = rows[i].last_name if part == "last" else rows[i].first_name
        listed = members[j][0] if part == "last" else members[j][1]
        wrong = "member" if support(norm(typed)) > support(norm(listed)) else "row"
        roster.pairs.append((i, j, part, wrong))
        roster.index[rows[i].key] = i
        roster.index.setdefault(person_key(*members[j]), i)
        if wrong == "row":
            roster.people[i] = replace(rows[i], last_name=members[j][0], first_name=members[j][1])
    paired = {i for i, *_ in roster.pairs}
    roster.unmatched_rows = [i for i in lonely if i not in paired]
    roster.unmatched_members = [j for j in free if j not in {j for _, j, *_ in roster.pairs}]
    for i, p in enumerate(roster.people):
        if p.key in roster.index and roster.index[p.key] != i and p.name:
            roster.duplicate_of[i] = roster.index[p.key]
        else:
            roster.index.setdefault(p.key, i)
    unique = roster.unique
    for i, p in enumerate(roster.people):
        if not p.holder:
            continue
        holder = roster.find(p.holder)
        if holder is None:
            holder = closest_person(p.holder, unique)
            if holder is not None:
                roster.guessed_holders[i] = holder
        if holder is not None:
            roster.people[i] = replace(p, holder_key=holder.key)
    return roster


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def as_int(value: object) -> int | None:
    """An integer cell value, or None (empty, NaN, pd.NA, text): ``as_int(25.0) == 25``."""
    try:
        if value is None or value != value:  # None, NaN, pd.NA
            return None
    except TypeError:  # pd.NA compares ambiguously
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_date(value: object) -> dt.date | None:
    """A date cell value, a date typed as text (« 30/09/25 », read as Excel reads it) or an Excel serial
    number, else None: ``as_date("30/09/25") == dt.date(2025, 9, 30)``."""
    if isinstance(value, bool) or value is None:
        return None
    parsed = parse("date", value)
    return parsed.value if parsed.error is None and isinstance(parsed.value, dt.date) else None


def question_as_date(number: int) -> dt.date | None:
    """The date Excel shows for an arrival question too large to be one (``45682`` -> 25/01/2025), or None."""
    if number <= MAX_QUESTION or number >= 2958466:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=number)

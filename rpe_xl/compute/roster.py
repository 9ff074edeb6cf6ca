"""Who is who on the attendance sheet: rows matched with the list of members, despite misspelt names, a person
typed twice, a mandataire typed loosely, or a name that is no member's.

Pure functions over plain records (:class:`~rpe_xl.compute.seance.Attendee`): no workbook, no cell address.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field, replace

from ..text import norm
from .seance import PRESENT, REPRESENTED, Attendee, person_key  # noqa: F401 (the statuses: doctests)

CLOSE_NAME = 0.75  # SequenceMatcher ratio of a misspelt surname or first name (MULET / MULLET: 0,91)
CLOSE_FULL_NAME = 0.85  # ratio of a misspelt « NOM Prénom » (LECLERC Odile / LECLERCQ Odile: 0,96)


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


def namesakes(typed: object, people: list[Attendee]) -> list[Attendee]:
    """The people a surname (or a first name) typed alone may mean when several bear it, else ``[]``.

    >>> [p.name for p in namesakes("cocq", [Attendee("COCQ", "Bertrand", PRESENT), Attendee("COCQ", "Marcel", None),
    ...                                     Attendee("HOCQ", "René", PRESENT)])]
    ['COCQ Bertrand', 'COCQ Marcel']
    """
    text = norm(typed)
    if not text:
        return []
    same = ([p for p in people if norm(p.last_name) == text] or [p for p in people if norm(p.first_name) == text])
    same = list({p.key: p for p in same}.values())
    return same if len(same) > 1 else []


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
    that matches nobody most likely means (used for the counts, reported as an error); ``ambiguous_holders``:
    row -> the members a mandataire typed as a surname several bear may mean (« COCQ »); ``unmatched_rows``: rows
    whose name is no member's (``has_members``: the list of members was given). Such a row is not counted when
    every member has a row of their own; otherwise it may be a member whose name is too misspelt to be
    recognised (``maybe_members``), and callers conclude only where counting it or not gives the same."""

    people: list[Attendee]
    duplicate_of: dict[int, int] = field(default_factory=dict)
    pairs: list[tuple[int, int, str, str]] = field(default_factory=list)
    unmatched_rows: list[int] = field(default_factory=list)
    unmatched_members: list[int] = field(default_factory=list)
    guessed_holders: dict[int, Attendee] = field(default_factory=dict)
    ambiguous_holders: dict[int, list[Attendee]] = field(default_factory=dict)  # row -> namesakes it may mean
    index: dict[str, int] = field(default_factory=dict)  # name key (right or as typed) -> first row
    has_members: bool = False

    @property
    def non_members(self) -> set[int]:
        """Rows of people who are surely not members: not counted in quorum or votes, not printed."""
        return set(self.unmatched_rows) if self.has_members and not self.unmatched_members else set()

    @property
    def maybe_members(self) -> set[int]:
        """Rows matching no member while some members have no row: perhaps one of them, misspelt."""
        return set(self.unmatched_rows) if self.has_members and self.unmatched_members else set()

    @property
    def unique(self) -> list[Attendee]:
        """One row per person, without the people who are surely not members."""
        left_out = self.non_members
        return [p for i, p in enumerate(self.people) if i not in self.duplicate_of and i not in left_out]

    @property
    def certain(self) -> list[Attendee]:
        """:attr:`unique` without the rows that may or may not be a member (:attr:`maybe_members`)."""
        left_out = self.non_members | self.maybe_members
        return [p for i, p in enumerate(self.people) if i not in self.duplicate_of and i not in left_out]

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
    roster = Roster(list(rows), has_members=bool(members))
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
            elif namesakes(p.holder, unique):
                roster.ambiguous_holders[i] = namesakes(p.holder, unique)
        if holder is not None:
            roster.people[i] = replace(p, holder_key=holder.key)
    return roster


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()

"""One cell of a weekly planning grid: free text, one block per line, turned into time blocks.

``8h30 à 9h15 déplacement…`` / ``9h15 à 11h30`` / ``Animation Collective``: a line without times continues the
previous block (its activity, or a long activity wrapped onto the next line); the activity may come before the
times (``Mission observatoire de 8h30 à 12h``). Text without times that continues no block is kept apart
(:attr:`CellParse.untimed`): the whole text of a cell without any time (the Saturday sentence, or an activity
written without its hours), a line above a block that has its own activity, a line between two blocks that do
not follow each other (``9h15`` then a line, then ``11h30``). Whether such text is a slot whose hours are
missing is decided with the day's TOTAL and the activity keywords (:func:`rpe_xl.compute.planning.planning_of`).

>>> parse_cell("8h30 à 9h15 déplacement\\n9h15 à 11h30\\nAnimation Collective").blocks[1].activity
'Animation Collective'
>>> parse_cell("8h30 à 9h15 déplacement\\nAnimation Collective\\n11h30 à 12h retour").untimed
['Animation Collective']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..text import clean_spaces

# A time as typed: hours, separator, then minutes glued to it (any number of digits: ``9h1`` is malformed, not
# 9h) or two digits after a space (``8 h 30``, not the ``12`` of ``8h 12h``). Malformed pieces are matched on
# purpose, to be reported. Groups: time as typed, hours, separator, glued minutes, spaced minutes.
_TIME = r"((\d+)\s*([hH:]+)(?:(\d+)|\s+(\d{2})(?!\d|\s*[hH:]))?)"
_TOKEN = re.compile(_TIME)
_RANGE = re.compile(_TIME + r"\s*(?:à|a|-|–|—)\s*" + _TIME)
_LOOSE_TIME = re.compile(r"\d\s*[hH]\b|\d\s*[hH]\s*\d|\d{1,2}\s*[hH]")


@dataclass(frozen=True)
class Block:
    """One time block: ``start``/``end`` in hours (8.5 = 8h30), the activity text, its cell."""

    day: str
    half: str
    start: float
    end: float
    activity: str
    cell: str

    @property
    def hours(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class TimeError:
    """An unreadable piece of a planning cell.

    ``text``: the piece as typed; ``start``: the block's start as typed when it is readable (``8h30``);
    ``bad``: (time as typed, fault) for each malformed time, fault in ``hour`` (not 0-23), ``separator``
    (``9hh15``), ``digits`` (minutes not on two digits: ``9h1``), ``minutes`` (60 or more);
    ``reversed``: both times readable but the end is not after the start. None of these: no range found
    (``8.30 à 9h15``, ``8h30 12h``).
    """

    text: str
    start: str | None = None
    bad: tuple[tuple[str, str], ...] = ()
    reversed: bool = False


@dataclass
class CellParse:
    blocks: list[Block] = field(default_factory=list)
    errors: list[TimeError] = field(default_factory=list)  # unreadable pieces of text (invalid times)
    untimed: list[str] = field(default_factory=list)  # text without times continuing no block (see the module)


def time_fault(hours: str, sep: str, glued: str | None, spaced: str | None = None) -> str | None:
    """Why a time matched by ``_TIME`` is malformed (``hour``, ``separator``, ``digits``, ``minutes``), or None.

    >>> time_fault("9", "h", "1"), time_fault("9", "hh", "15"), time_fault("8", "h", None)
    ('digits', 'separator', None)
    """
    minutes = glued if glued is not None else spaced
    if len(hours) > 2 or int(hours) > 23:
        return "hour"
    if sep not in ("h", "H", ":"):
        return "separator"
    if minutes is not None and len(minutes) != 2:
        return "digits"
    if minutes is not None and int(minutes) >= 60:
        return "minutes"
    return None


def _hour(groups: tuple) -> float:
    """Hours of a well-formed time's groups: ("8", "h", "30", None) -> 8.5."""
    hours, _, glued, spaced = groups
    return int(hours) + int(glued or spaced or 0) / 60


def _range_error(m: re.Match) -> TimeError | None:
    """The problem of a matched range, or None when it is a valid block."""
    typed, times = (m.group(1), m.group(6)), (m.group(2, 3, 4, 5), m.group(7, 8, 9, 10))
    faults = [time_fault(*g) for g in times]
    bad = tuple((t, f) for t, f in zip(typed, faults) if f)
    start = typed[0] if faults[0] is None else None
    if bad:
        return TimeError(m.group(0).strip(), start, bad)
    if _hour(times[1]) <= _hour(times[0]):
        return TimeError(m.group(0).strip(), start, reversed=True)
    return None


def parse_cell(text: Any, day: str = "", half: str = "", where: str = "") -> CellParse:
    """Blocks of one planning cell. An unreadable time (``8h3O``, ``9h1``, ``9hh15``, ``12h à 9h``) is an error
    (:class:`TimeError`), not a block: the day's sum is then unknown."""
    out = CellParse()
    if not isinstance(text, str) or not text.strip():
        return out
    pending: list[dict] = []  # blocks being built: start, end, parts of activity text, own text, lines after
    orphans: list[str] = []   # lines before the first range
    for line in text.splitlines():
        matches = list(_RANGE.finditer(line))
        if not matches:
            rest = line.strip()
            if rest:
                plain = not _check_leftover(rest, out)
                (pending[-1]["parts"] if pending else orphans).append(rest)
                if plain:
                    (pending[-1]["after"] if pending else out.untimed).append(rest)
            continue
        head = line[:matches[0].start()]
        for k, m in enumerate(matches):
            tail = line[m.end():matches[k + 1].start() if k + 1 < len(matches) else len(line)]
            parts = [p for p in ((head if k == 0 else ""), tail) if p.strip()]
            for p in parts:
                _check_leftover(p, out)
            problem = _range_error(m)
            if problem:
                out.errors.append(problem)
                continue
            pending.append({"start": _hour(m.group(2, 3, 4, 5)), "end": _hour(m.group(7, 8, 9, 10)), "parts": parts,
                            "own": _has_text(parts), "after": []})
    if pending and not pending[0]["own"]:
        out.untimed = [line for line in out.untimed if line not in orphans]  # the first block's activity
    for cur, nxt in zip(pending, pending[1:]):
        if cur["own"] and cur["after"] and nxt["start"] > cur["end"] + 1e-9:
            out.untimed += cur["after"]  # between two blocks that do not follow each other
    if orphans and pending:
        pending[0]["parts"] = orphans + pending[0]["parts"]
    for p in pending:
        activity = clean_spaces(" ".join(p["parts"]))
        activity = re.sub(r"^(?:de|du)\s+|\s+(?:de|du)$", "", activity, flags=re.I).strip(" ,;:-")
        out.blocks.append(Block(day, half, p["start"], p["end"], activity, where))
    return out


def _has_text(parts: list[str]) -> bool:
    """The text typed beside a range names an activity (not only « de » of ``de 8h30 à 12h``)."""
    return bool(re.sub(r"^(?:de|du)$", "", clean_spaces(" ".join(parts)).strip(" ,;:-"), flags=re.I))


def _check_leftover(text: str, out: CellParse) -> bool:
    """Text left after the ranges still holding something like a time: a range typed wrong (True, and an error
    added to ``out``)."""
    m = _LOOSE_TIME.search(text)
    if m:
        first = _TOKEN.search(text)
        start = None  # the block's start: a readable time with no other figure before it
        if first and not re.search(r"\d", text[:first.start()]) and time_fault(*first.group(2, 3, 4, 5)) is None:
            start = first.group(1)
        out.errors.append(TimeError(text.strip(), start))
    return bool(m)

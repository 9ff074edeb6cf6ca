"""Codes of the activity log that point elsewhere: Code AM of *Contacts pros* and participants of *Présences*
(in *Listing AM* or the list « Gardes à domicile », prefix agreeing with the type), séances of *Présences* (in
*Séances*). While the source is faulty (a Listing AM code empty, a séance number unreadable), the references wait
with one ``reference-not-checked`` info at the source cell."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...findings import Finding
from ...read import Dataset, Table
from ...read.description import description, list_name, pattern_regex, workbook_list
from ...text import fr_value
from ..registry import rule
from .common import present, running_number_gaps

PARTICIPANTS = ("am", "gad", "family", "child")  # the identifiers a participant of a séance may have


@dataclass(frozen=True)
class Codes:
    """The identifiers as the description of the workbooks writes them: the AM-/GAD- prefixes, the prefix of
    the codes of each public or participant type (``Parent`` -> ``F-``) and the well-formed codes."""

    am: str
    gad: str
    prefixes: dict[str, str]
    am_code: re.Pattern
    pro_code: re.Pattern
    participant: re.Pattern


def _codes() -> Codes:
    return _codes_of(description())


@lru_cache(maxsize=4)
def _codes_of(desc) -> Codes:
    ident = desc.identifiers
    prefixes = {v.label: ident[v.identifier].prefix + "-" for key in ("publics_pros", "types_participant")
                for v in desc.lists[key].values if v.identifier}
    return Codes(ident["am"].prefix + "-", ident["gad"].prefix + "-", prefixes, re.compile(pattern_regex(("am",))),
                 re.compile(pattern_regex(("am", "gad"))), re.compile(pattern_regex(PARTICIPANTS)))


def _t(data: Dataset, key: str) -> Table | None:
    return data.table("suivi", key)


def _gad_codes(data: Dataset) -> set[str]:
    wb = data.workbook("suivi")
    return set(workbook_list(wb, "gardes_a_domicile"))


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
            referenced |= {c for c in set(t.df[name]) if isinstance(c, str) and _codes().am_code.fullmatch(c)}
    unknown = sorted(referenced - known)
    if not unknown:
        return []
    return [listing.finding(
        "reference-not-checked", lost, "am_code",
        variant="am_codes", n_unknown=len(unknown), unknown=unknown[0], at=listing.cell(lost, 'am_code'))]


def _reference_missing(code: str, am: set[str] | None, gad: set[str], codes: Codes) -> bool:
    """An AM-/GAD- code that is not in Listing AM / the list ``Gardes à domicile``."""
    return ((code.startswith(codes.am) and am is not None and code not in am)
            or (code.startswith(codes.gad) and bool(gad) and code not in gad))


def _reference(t: Table, i: int, name: str, code: str, am: set[str] | None, gad: set[str],
               codes: Codes) -> Finding | None:
    """The ``unknown-reference`` finding of a code missing from Listing AM / Gardes à domicile, if it is."""
    if not _reference_missing(code, am, gad, codes):
        return None
    if code.startswith(codes.am):
        where = "la feuille Listing AM du classeur des assistants maternels"
    else:
        where = f"la liste « {list_name('gardes_a_domicile')} » de la feuille Listes"
    return t.finding("unknown-reference", i, name, variant="person_code", person_code=code, where=where, value=code)


@rule
def contacts_pros_references(data: Dataset, ctx) -> list[Finding]:
    """Code AM of Contacts pros: prefix agrees with Public, code exists (Listing AM / Gardes à domicile)."""
    t = _t(data, "contacts_pros")
    if t is None or not (t.has("am_code") and t.has("public")):
        return []
    am, gad, ids = _am_codes(data), _gad_codes(data), _codes()
    findings = []
    for i, (public, code) in enumerate(zip(t.df["public"], t.df["am_code"])):
        if not present(code) or not ids.pro_code.fullmatch(str(code)):
            continue  # empty or malformed: reported by the sheet model
        prefix = ids.prefixes.get(public)
        if prefix in (ids.am, ids.gad) and not code.startswith(prefix):
            known = (am is not None and code in am) or code in gad
            name = "public" if known else "am_code"
            findings.append(t.finding("incoherent-row", i, name,
                                      variant="public_code", public=fr_value(public), person_code=code,
                                      value=public if known else code))
            continue
        found = _reference(t, i, "am_code", code, am, gad, ids)
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
                variant="seances", n_unknown=len(unknown), at=seances.cell(lost[0], 'seance')))
            unknown = set()
        for i, s in enumerate(seance_of):
            if s in unknown:
                findings.append(t.finding("unknown-reference", i, "seance",
                                          variant="seance", seance=fr_value(int(s)), value=int(s)))
    am, gad = _am_codes(data), _gad_codes(data)
    types = t.df["participant_type"].tolist() if t.has("participant_type") else [None] * len(t)
    codes = t.df["participant"].tolist()
    # participants come back séance after séance: each (type, code) is judged once
    distinct = {(ty, code) for ty, code in zip(types, codes) if present(code)}
    seen_as = {(code, ty) for ty, code in distinct}
    ids = _codes()
    verdicts = {pair: _participant_verdict(*pair, seen_as, am, gad, ids) for pair in distinct}
    pairs: dict[tuple, int] = {}
    for i, pair in enumerate(zip(types, codes)):
        verdict = verdicts.get(pair)
        if verdict is None:
            continue  # empty or malformed: reported by the sheet model
        ty, code = pair
        if verdict[0] == "incoherent":
            findings.append(t.finding("incoherent-row", i, verdict[1],
                                      variant="type_code", person_type=fr_value(ty), person_code=code, value=code))
            continue
        if verdict[0] == "unknown":
            findings.append(_reference(t, i, "participant", code, am, gad, ids))
        key = (seance_of[i], code)
        if key in pairs:
            findings.append(t.finding("duplicate-key", i, "participant",
                                      variant="participant", person_code=code, key=fr_value(int(key[0])),
                                      at=t.cell(pairs[key], 'participant'),
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


def _participant_verdict(ty, code, seen_as: set, am: set[str] | None, gad: set[str],
                         codes: Codes) -> tuple[str, str] | None:
    """None (malformed: the sheet model reports it), ``("incoherent", field to fix)``, ``("unknown", "")`` for a
    code missing from Listing AM / Gardes à domicile, or ``("ok", "")``."""
    if not codes.participant.fullmatch(str(code)):
        return None
    prefixes = codes.prefixes
    prefix = prefixes.get(ty)
    if prefix and not code.startswith(prefix):
        own = next((k for k, p in prefixes.items() if code.startswith(p)), None)
        known = (code, own) in seen_as or (am is not None and code in am) or code in gad
        return ("incoherent", "participant_type" if known else "participant")
    return ("unknown", "") if _reference_missing(code, am, gad, codes) else ("ok", "")

"""Rules on the values of the Bureau workbook that the deliberation prints: the communes counts of *Contexte RPE*,
rubrics typed twice, the séance's dates (against the file name, convocation, réception, publication), arrivals
typed as dates, and the signatory (a member of *Membres*)."""

from __future__ import annotations

import datetime as dt
import re

from ...compute.roster import closest_person, namesakes
from ...compute.bureau import bureau_tables
from ...compute.seance import Attendee, question_as_date
from ...compute.territory import in_perimeter
from ...findings import Finding
from ...read import Dataset
from ...read.coerce import parse
from ...read.dataset import value_of
from ...read.description import rubric, rubric_spec
from ...read.label_sheet import as_date, as_int
from ...reference import communes as communes_ref
from ...text import fr_date, fr_value, norm
from ..registry import rule
from .bureau import (bureau_members, bureau_officers, bureau_seance_counts, bureau_statuses, cell_text, file_date,
                     implausible_arrivals, is_date_rubric, rubric_key, usable, which_one)
from .bureau_votes import bureau_proxies, bureau_quorum_votes
from .common import present
from .declared import cells_text, not_compared
from .territory import official_names, perimeter


def doubtful_communes(data: Dataset, ctx, as_typed: bool = False) -> list[str]:
    """Cells of the *Communes* sheet the tool cannot read surely (a name that is no official commune, a date that
    cannot be read): the communes counted from it wait for their correction. ``as_typed``: a name is judged as
    typed, for a text that prints it (a misspelt name its INSEE code identifies is counted, never printed)."""
    communes = data.table("territoire", "communes")
    if communes is None:
        return []
    ref = communes_ref()
    names = list(communes.df["commune"]) if as_typed and communes.has("commune") else official_names(data, ctx)
    doubtful = [communes.cell(i, "commune") for i, n in enumerate(names) if present(n) and not ref.is_official(n)]
    return doubtful + sorted(communes.cell(i, f) for i, f in communes.bad_cells if f in ("joined", "left"))


@rule
def bureau_context_communes(data: Dataset, ctx) -> list[Finding]:
    """The communes counts typed in *Contexte RPE* (``… au 01/01/2025 …``) against the *Communes* sheet."""
    contexte, communes = data.table("bureau", "contexte"), data.table("territoire", "communes")
    if contexte is None or communes is None:
        return []
    out: list[Finding] = []
    doubtful = doubtful_communes(data, ctx)
    spans = perimeter(data, ctx) or {}
    counted = rubric_spec("contexte", "communes_couvertes").pattern  # « Communes couvertes au 01/01/2025 … »
    for i, (key, declared) in enumerate(zip(contexte.df["key"], contexte.df["value"])):
        m = re.search(counted, norm(key))
        if not m or declared is None or (isinstance(declared, str) and not declared.strip()):
            continue
        if as_int(declared) is None or isinstance(declared, bool):
            if (i, "value") not in contexte.bad_cells:
                out.append(contexte.finding("declared-not-compared", i, "value",
                                            variant="communes_count", rubric=cell_text(key),
                                            declared=fr_value(declared), value=declared))
            continue
        if doubtful:  # a commune or a date the tool cannot read: the count waits for its correction
            out.append(not_compared(contexte.workbook, contexte.sheet, contexte.cell(i, "value"), key,
                                    f"feuille « Communes » du classeur du territoire : {cells_text(doubtful)}"))
            continue
        day = dt.datetime.strptime(m.group(1), "%d/%m/%Y").date()
        computed = sum(1 for rows in spans.values() if any(in_perimeter(j, l, day) for j, l in rows))
        if as_int(declared) != computed:
            out.append(contexte.finding("declared-value-mismatch", i, "value",
                                        variant="communes_count", key=key, declared=fr_value(declared),
                                        computed=computed, value=declared, expected=computed))
    return out


@rule
def bureau_rubrics(data: Dataset, ctx) -> list[Finding]:
    """*Séance* and *Contexte RPE*: a rubric typed twice (only the first is read), a date typed as text (read as
    Excel reads it, with an info) or that is no date."""
    out: list[Finding] = []
    for kind in ("seance", "contexte"):
        table = data.table("bureau", kind)
        if not usable(table, "key", "value"):
            continue
        seen: dict[str, int] = {}
        for i, (key, value) in enumerate(zip(table.df["key"], table.df["value"])):
            k = rubric_key(key)
            if not k:
                continue
            if k in seen:
                out.append(table.finding("duplicate-key", i, "key",
                                         variant="rubric", rubric=fr_value(cell_text(key)), rows=table.rows[seen[k]],
                                         value=cell_text(key)))
                continue
            seen[k] = i
            if (value is None or isinstance(value, (dt.date, dt.datetime)) or (i, "value") in table.bad_cells
                    or not is_date_rubric(kind, key) or (isinstance(value, str) and not value.strip())):
                continue
            parsed = parse("date", value) if not isinstance(value, bool) else None
            if parsed is None or parsed.error:
                out.append(table.finding("invalid-date", i, "value",
                                         variant="rubric", rubric=cell_text(key), typed=fr_value(value), value=value))
            else:
                out.append(table.finding("value-repaired", i, "value",
                                         variant="rubric_date", rubric=cell_text(key), typed=fr_value(value),
                                         date=fr_date(parsed.value),
                                         value=value, expected=fr_date(parsed.value)))
    return out


@rule
def bureau_seance_dates(data: Dataset, ctx) -> list[Finding]:
    """The séance's date is the one of the file name (``Bureau_AAAA-MM-JJ.xlsx``); the convocation comes before
    it; a deliberation reaches the sous-préfecture and is published on or after it. When the séance's date and
    the file name disagree, a date is reported only when it is wrong against both."""
    seance, delibs, wb = data.table("bureau", "seance"), data.table("bureau", "deliberations"), data.workbook("bureau")
    if not usable(seance, "key", "value") or wb is None:
        return []
    out: list[Finding] = []
    typed, i = value_of(seance, rubric("seance", "date"))
    day, named = as_date(typed), file_date(wb.name)
    if day is not None and named is not None and day != named:
        out.append(seance.finding("date-out-of-period", i, "value",
                                  variant="seance_file_name", day=fr_date(day), file_name=wb.name, named=fr_date(named),
                                  value=fr_date(day), expected=fr_date(named), severity="avertissement"))
    refs = [d for d in (day, named) if d is not None]
    if not refs:
        return out
    shown = fr_date(day or named)
    convocation = rubric("seance", "date_convocation")
    conv, k = value_of(seance, convocation)
    conv = as_date(conv)
    if conv is not None and all(conv >= r for r in refs):
        out.append(seance.finding("date-order", k, "value",
                                  convocation=convocation, conv=fr_date(conv), shown=shown, value=fr_date(conv)))
    for field, what in (("prefecture_date", "Réception en sous-préfecture"), ("publication_date", "Publication")):
        if not usable(delibs, field):
            continue
        for j, value in enumerate(delibs.df[field]):
            if isinstance(value, dt.date) and all(value < r for r in refs):
                out.append(delibs.finding("date-order", j, field,
                                          variant="after_seance", what=what, day=fr_date(value), shown=shown,
                                          value=fr_date(value)))
    return out


@rule
def bureau_arrivals(data: Dataset, ctx) -> list[Finding]:
    """« À partir de la question » is a question number, not a date Excel made of « 25/1 »."""
    presences = data.table("bureau", "presences")
    out: list[Finding] = []
    for i in sorted(implausible_arrivals(presences)) if presences is not None else []:
        number = as_int(presences.df["from_question"].iloc[i])
        day = question_as_date(number)
        out.append(presences.finding("invalid-number", i, "from_question",
                                     variant="arrival_date" if day else "arrival_question", number=number,
                                     day=fr_date(day) if day else None, typed=f"{day.day}/{day.month}" if day else None,
                                     value=number))
    return out


@rule
def bureau_signatories(data: Dataset, ctx) -> list[Finding]:
    """The signatory of a deliberation (« NOM Prénom, qualité ») is a member of the Bureau."""
    membres, _, delibs = bureau_tables(data)
    if not usable(delibs, "signatory") or not usable(membres, "last_name", "first_name") or not len(membres):
        return []
    listed = [Attendee(cell_text(a), cell_text(b), None) for a,
              b in zip(membres.df["last_name"], membres.df["first_name"])]
    keys = {p.key for p in listed}
    out: list[Finding] = []
    for j, text in enumerate(delibs.df["signatory"]):
        name = cell_text(text).partition(",")[0].strip()
        if not name or norm(name) in keys:
            continue
        guess = closest_person(name, listed)
        if guess is None:  # « DUHAMEL Marie »: the only member of that surname whose first name starts so
            same = [p for p in listed if norm(name).startswith(norm(p.last_name) + " ")
                    and norm(p.first_name).startswith(norm(name)[len(norm(p.last_name)) + 1:])]
            guess = same[0] if len(same) == 1 else None
        alike = namesakes(name, listed) if guess is None else []
        out.append(delibs.finding("unknown-member", j, "signatory",
                                  variant=("signatory_namesakes" if alike else "signatory_guess" if guess
                                           else "signatory"),
                                  which=which_one(name, alike) if alike else None, typed=fr_value(name),
                                  guess=guess.name if guess else None,
                                  value=name, expected=guess.name if guess else None))
    return out


# every check of the séance, run before the deliberation is written
BUREAU_RULES = (bureau_members, bureau_statuses, bureau_proxies, bureau_quorum_votes, bureau_seance_counts,
                bureau_officers, bureau_context_communes, bureau_rubrics, bureau_seance_dates, bureau_arrivals,
                bureau_signatories)

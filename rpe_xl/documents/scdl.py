"""Export the séance's deliberations in the SCDL « Délibérations » open-data schema (version 2.1.5).

Fields and order from schema.data.gouv.fr/scdl/deliberations/2.1.5 (CSV, UTF-8, comma separator, dates
AAAA-MM-JJ). ``DELIB_ID`` is ``<date of the séance>-<question number>`` (e.g. ``2025-09-30-12``).

>>> rows, notes = scdl_rows(load([Path("workbooks")]), Collectivity("CA …", "20007246000011"))  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from ..compute.bureau import members_in_office, roster, seance_rules
from ..compute.seance import question_state
from ..read import Dataset
from ..read.description import rubric
from ..read.label_sheet import as_date, as_int, cell_text
from ..report.atomic import write_text
from .config import Collectivity
from .context import DocumentError, lookup

SCHEMA_VERSION = "2.1.5"
FIELDS = ("COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
          "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
          "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL")


def scdl_rows(data: Dataset, collectivity: Collectivity) -> tuple[list[dict[str, Any]], list[str]]:
    """One row per deliberation of the *Délibérations* sheet, and notes on required fields left empty."""
    delibs = data.table("bureau", "deliberations")
    seance_date = as_date(lookup(data.table("bureau", "seance"), rubric("seance", "date")))
    if delibs is None or seance_date is None:
        raise DocumentError("Classeur du Bureau introuvable ou date de séance manquante (feuilles « Séance » et "
                            "« Délibérations ») : rien à exporter.")
    matched = roster(data)
    people = matched.unique if matched is not None else []
    members, rules = members_in_office(data), seance_rules(data)
    rows, notes = [], []
    for i in range(len(delibs)):
        get = delibs.df.iloc[i].get
        q = as_int(get("number"))
        state = question_state(people, members, q, rules=rules) if q is not None else None
        pref = get("prefecture_date")
        code, name = cell_text(get("matiere_code")), cell_text(get("matiere_name"))
        if not code or not name:
            notes.append(f"Question {q} : DELIB_MATIERE_CODE et DELIB_MATIERE_NOM (obligatoires) sont vides : "
                         "ajoutez les colonnes « Code matière ACTES » (ex. 8.2) et « Matière ACTES » à la feuille "
                         "« Délibérations ».")
        rows.append({
            "COLL_NOM": collectivity.name, "COLL_SIRET": collectivity.siret,
            "DELIB_ID": f"{seance_date.isoformat()}-{q if q is not None else i + 1}",
            "DELIB_DATE": seance_date.isoformat(), "DELIB_MATIERE_CODE": code, "DELIB_MATIERE_NOM": name,
            "DELIB_OBJET": cell_text(get("object")), "BUDGET_ANNEE": "", "BUDGET_NOM": "",
            "PREF_ID": collectivity.pref_id, "PREF_DATE": pref.isoformat() if isinstance(pref, dt.date) else "",
            "VOTE_EFFECTIF": members or "", "VOTE_REEL": state.votes_cast if state else "",
            "VOTE_POUR": _count(get("votes_for")), "VOTE_CONTRE": _count(get("votes_against")),
            "VOTE_ABSTENTION": _count(get("abstentions")), "DELIB_URL": "",
        })
    if not collectivity.name:
        notes.append("COLL_NOM (obligatoire) est vide : ajoutez nom = \"…\" dans la section [collectivite] de "
                     "rpe-xl.toml ou passez --collectivite.")
    return rows, notes


def write_scdl(rows: list[dict[str, Any]], target: Path) -> Path:
    """Write the CSV atomically (UTF-8, comma, header line)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text(target, buffer.getvalue())
    return target


def _count(value: object) -> int | str:
    n = as_int(value)
    return "" if n is None else n

"""The values a deliberation quotes, taken from the Bureau and territory workbooks.

Everything the template prints comes from here: the séance, the lists of members in the order of the
tableau, the references of the *Contexte RPE* sheet, the communes computed from the *Communes* sheet.
A value the workbooks do not give becomes a visible ``[à compléter : …]`` and a *hole*: the document is then
refused unless forced (an official text is never written with blanks). Notes are advice only (civility).

>>> built = deliberation_context(load([Path("workbooks")]), 12, Collectivity("Communauté …"))   # doctest: +SKIP
>>> built.values["communes"]["count_start"], built.holes                                       # doctest: +SKIP
(37, [])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..compute.bureau import members_in_office, roster, seance_rules
from ..compute.seance import EXCUSED, PRESENT, REPRESENTED, is_status, person_key, question_state, tableau_order
from ..compute.territory import communes_at, joining_between
from ..read import Dataset
from ..read.dataset import value_of
from ..read.description import by_kind, label, labels, list_name, list_spec, rubric, rubric_spec
from ..read.label_sheet import as_date, as_int
from ..read.list_labels import known
from ..read.table import Table
from ..text import norm
from . import french
from .config import Collectivity

FEMININE_ENDINGS = ("ère", "ente", "rice", "esse", "euse")
STATUSES = ("present", "represente", "excuse")  # keys of the list ``statut_presence`` the lists of people need


class DocumentError(ValueError):
    """The document cannot be built (message in French, says what to do)."""


@dataclass
class Built:
    """The template's values, the values missing from the workbooks (holes) and advice (notes), in French."""

    values: dict[str, Any]
    holes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def lookup(table: Table | None, key: str) -> Any:
    """Value of a ``Rubrique | Valeur`` row (see :func:`value_of`); None when absent or empty."""
    return value_of(table, key)[0] if table is not None else None


def lookup_prefix(table: Table | None, prefix: str) -> list[Any]:
    """Values of every row whose key starts with ``prefix`` (``Délégations du Conseil communautaire (1)``…)."""
    if table is None:
        return []
    wanted = norm(prefix)
    return [v for k, v in zip(table.df["key"], table.df["value"]) if norm(k).startswith(wanted) and v is not None]


class _Builder:
    def __init__(self, data: Dataset, question: int, collectivity: Collectivity):
        self.data, self.question, self.coll = data, question, collectivity
        self.notes: list[str] = []
        self.holes: list[str] = []
        self.seance = data.table("bureau", "seance")
        self.contexte = data.table("bureau", "contexte")
        self.roster = roster(data)

    def missing(self, what: str, where: str, why: str = "") -> str:
        """A visible ``[à compléter : what]`` in the text, and a hole saying what to do (``why``, else complete
        ``where``)."""
        self.holes.append(f"« {what} » : {why or f'complétez {where}'}.")
        return f"[à compléter : {what}]"

    def text(self, value: object, what: str, where: str) -> str:
        """``value`` as text, or a visible hole."""
        return _text(value) or self.missing(what, where)

    def value(self, sheet: str, key: str) -> Any:
        """The value of rubric ``key`` of the label/value sheet ``sheet`` (``seance``/``contexte``), as text or,
        for a date rubric, as a French date; a visible hole when the sheet does not give it."""
        table, spec = getattr(self, sheet), rubric_spec(sheet, key)
        v = lookup(table, spec.label)
        where = f"la feuille « {_sheet_name(sheet)} »"
        if spec.date:  # a date typed as text (« 31/12/25 ») is read as Excel reads it (an info says so)
            day = as_date(v)
            return french.day(day) if day is not None else self.missing(spec.label, where)
        return str(v).strip() if v is not None else self.missing(spec.label, where)

    def person(self, key: str, civilities: dict[str, str], known: str = "") -> dict[str, Any]:
        """The séance's officer of rubric ``key`` (``president``…): name, civility (column « Civilité » of
        *Membres*, else ``known``) and the words that depend on it."""
        title = rubric("seance", key)
        name = lookup(self.seance, title)
        text = str(name).strip() if name else self.missing(title, f"la feuille « {_sheet_name('seance')} »")
        found = self.roster.find(text) if self.roster is not None and text else None
        text = found.name if found is not None else text  # the name as the attendance sheet writes it
        civility = civilities.get(norm(text), "") or known
        sir, madam = list_spec("civilites").value("monsieur"), list_spec("civilites").value("madame")
        feminine = civility == madam.label
        if not civility and name:
            short = " / ".join((v.variants or (v.label,))[0] for v in (sir, madam))
            self.notes.append(f"Civilité de {text} inconnue : ajoutez une colonne « Civilité » ({short}) à la "
                              f"feuille « {_sheet_name('membres')} » pour écrire {sir.label} ou {madam.label}.")
        title = {sir.label: f"{sir.label} le Président", madam.label: f"{madam.label} la Présidente"}.get(
            civility, "Le Président")
        return {"name": text, "civility": civility, "feminine": feminine, "full": f"{civility} {text}".strip(),
                "title": title, "elected": "élu(e)" if not civility else ("élue" if feminine else "élu")}


def _civilities(data: Dataset) -> dict[str, str]:
    membres = data.table("bureau", "membres")
    out: dict[str, str] = {}
    if membres is None or not membres.has("civility"):
        return out
    spellings = {norm(x).rstrip("."): v.label for v in list_spec("civilites").values for x in (v.label, *v.variants)}
    for last, first, civ in zip(membres.df["last_name"], membres.df["first_name"], membres.df["civility"]):
        c = spellings.get(norm(civ).rstrip("."))
        if c:
            out[person_key(last, first)] = c
    return out


def _deliberation_row(data: Dataset, question: int) -> dict[str, Any]:
    delibs = data.table("bureau", "deliberations")
    if delibs is None:
        raise DocumentError("Feuille « Délibérations » introuvable dans le classeur du Bureau.")
    for i, number in enumerate(delibs.df["number"]):
        if as_int(number) == question:
            return {f: delibs.df[f].iloc[i] for f in delibs.df.columns}
    known = ", ".join(str(as_int(n)) for n in delibs.df["number"] if as_int(n) is not None) or "aucune"
    raise DocumentError(f"Question {question} absente de la feuille « Délibérations » (questions saisies : "
                        f"{known}) : vérifiez --question.")


def _president_civility(rapporteur: object) -> str:
    """« Monsieur le Président » / « Madame la Présidente » as rapporteur tells the president's civility."""
    text = norm(rapporteur)
    sir, madam = label("civilites", "monsieur"), label("civilites", "madame")
    if text.startswith(norm(f"{sir} le Président")):
        return sir
    return madam if text.startswith(norm(f"{madam} la Présidente")) else ""


def _signatory(b: _Builder, text: object) -> dict[str, str]:
    where = "la colonne « Signataire » de la feuille « Délibérations » (« NOM Prénom, qualité »)"
    name, _, quality = str(text or "").partition(",")
    name, quality = b.text(name, "nom du signataire", where), b.text(quality, "qualité du signataire", where)
    first_word = quality.split(" ")[0].lower() if quality else ""
    article = "La" if first_word.endswith(FEMININE_ENDINGS) else "Le"
    return {"name": name.strip(), "quality": quality, "article": article}


def _communes(b: _Builder, seance_date: dt.date | None) -> dict[str, Any]:
    table = b.data.table("territoire", "communes")
    end = as_date(lookup(b.contexte, rubric("contexte", "agrement_fin")))
    period = str(lookup(b.contexte, rubric("contexte", "periode_agrement")) or "")
    if isinstance(end, dt.date):
        new_start = end + dt.timedelta(days=1)
    elif re.match(r"\d{4}", period):
        new_start = dt.date(int(period[:4]), 1, 1)
    else:
        new_start = None
    if table is None or seance_date is None or new_start is None:
        if table is None:
            unreadable = sorted({f.workbook for f in b.data.findings if f.severity == "erreur" and f.sheet is None})
            why = (f"le classeur du territoire est introuvable ou illisible (fichier illisible : "
                   f"{', '.join(unreadable)}) : rendez-le lisible, rpe-xl verifier dit pourquoi" if unreadable
                   else "le classeur du territoire (feuille « Communes ») manque parmi les chemins donnés : ajoutez-le")
        else:
            why = ("il faut la date de la séance (feuille « Séance ») et la fin de l'agrément en vigueur (feuille "
                   "« Contexte RPE ») pour dater le décompte")
        b.missing("communes", "", why)
        date, count, names = "[à compléter : date]", "[à compléter : nombre de communes]", "[à compléter : communes]"
        return {"start": date, "count_start": count, "new_start": date, "count_new": count, "joining": [],
                "joining_names": names, "joining_dates": date}
    start = dt.date(seance_date.year, 1, 1)
    joining = joining_between(table.df, start, new_start)
    names = [c for c, _ in joining]
    return {
        "start": french.day(start), "count_start": len(communes_at(table.df, start)),
        "new_start": french.day(new_start), "count_new": len(communes_at(table.df, new_start)),
        "joining": [{"name": c, "date": french.day(d)} for c, d in joining],
        "joining_names": french.of(french.join(names)) if names else "",
        "joining_dates": french.join([french.day(d) for _, d in joining]),
    }


def deliberation_context(data: Dataset, question: int, collectivity: Collectivity,
                         warning: str | None = None) -> Built:
    """Template values for the deliberation of ``question``, the values missing (holes) and the notes."""
    presences = data.table("bureau", "presences")
    if presences is None or data.table("bureau", "seance") is None:
        raise DocumentError("Classeur du Bureau (Bureau_AAAA-MM-JJ.xlsx, feuilles « Séance » et « Présences ») "
                            "introuvable parmi les chemins donnés.")
    b = _Builder(data, question, collectivity)
    row = _deliberation_row(data, question)
    if b.roster is None:
        raise DocumentError("Colonnes « Nom » et « Prénom » introuvables sur la feuille « Présences » du classeur "
                            "du Bureau : rétablissez-les.")
    if not known(data.workbook("bureau"), "statut_presence", *STATUSES):
        raise DocumentError(f"La liste « {list_name('statut_presence')} » du classeur du Bureau n'a pas les statuts "
                            f"{', '.join(f'« {x} »' for x in labels('statut_presence').values())} : les présents, "
                            "représentés et excusés ne peuvent pas être comptés. Rétablissez ces libellés (rpe-xl "
                            "verifier dit lequel manque).")
    people = tableau_order(b.roster.unique)  # a person typed twice is listed once
    by_key = {p.key: p for p in people}
    civilities = _civilities(data)
    seance_date = as_date(lookup(b.seance, rubric("seance", "date")))
    members = members_in_office(data)
    state = question_state(people, members, question, rules=seance_rules(data))

    def holder(p) -> str:  # the mandataire as the attendance sheet writes the member's name
        if p.holder_key in by_key:
            return by_key[p.holder_key].name
        return p.holder or b.missing(f"mandataire de {p.name}", "la colonne « Mandataire » de la feuille « Présences »")

    def late(p) -> str:
        if p.arrival_unknown:  # typed but unreadable (a date Excel made of « 25/1 »): reported at its cell
            return f"{p.name} (à partir de la question " + b.missing(
                f"question d'arrivée de {p.name}", "la colonne « À partir de la question » de la feuille "
                "« Présences » (un numéro de question)") + ")"
        return f"{p.name} (à partir de la question {p.from_question})" if p.from_question else p.name

    coll_name = collectivity.name or b.missing("nom de la collectivité", "la section [collectivite] de rpe-xl.toml")
    delegations = [d for d in map(as_date, lookup_prefix(b.contexte, rubric("contexte", "delegations")))
                   if d is not None]
    services_start = as_date(lookup(b.contexte, rubric("contexte", "services_communs_debut")))
    pref, pub = row.get("prefecture_date"), row.get("publication_date")
    delib_sheet = f"la ligne de la question {question} de la feuille « Délibérations »"
    context = {
        "warning": warning or "",
        "collectivite": {"name": coll_name, "letterhead": french.upper_plain(coll_name)},
        "seance": {
            "instance": b.value("seance", "instance"),
            "date": french.day(seance_date) if seance_date else b.missing("date de la séance", "la feuille « Séance »"),
            "weekday_date": french.weekday_day(seance_date) if seance_date else b.missing("date de la séance",
                                                                                           "la feuille « Séance »"),
            "time": b.value("seance", "heure"),
            "place": b.value("seance", "lieu"),
            "convocation": b.value("seance", "date_convocation"),
            "display": b.value("seance", "affichage"),
            "president": b.person("president", civilities, _president_civility(row.get("rapporteur"))),
            "secretary": b.person("secretaire", civilities),
        },
        "presents": ", ".join(late(p) for p in people if is_status(p.status, PRESENT)),
        "proxies": ", ".join(f"{p.name} donne procuration à {holder(p)}" for p in people
                             if is_status(p.status, REPRESENTED)),
        "absents": ", ".join(p.name for p in people if is_status(p.status, EXCUSED)),
        "deliberation": {
            "number": question, "theme": b.text(row.get("theme"), "thème", delib_sheet),
            "object": b.text(row.get("object"), "objet", delib_sheet),
            "rapporteur": b.text(row.get("rapporteur"), "rapporteur", delib_sheet),
            "vote_mode": b.text(row.get("vote_mode"), "mode de vote", delib_sheet),
            "votes_for": as_int(row.get("votes_for")), "votes_against": as_int(row.get("votes_against")),
            "abstentions": as_int(row.get("abstentions")), "not_voting": as_int(row.get("not_voting")),
            "present": len(state.present), "proxies": len(state.valid_proxies), "members": members,
            "prefecture_stamp": french.stamp(pref) if isinstance(pref, dt.date) else "",
            "publication_stamp": french.stamp(pub) if isinstance(pub, dt.date) else "",
            "signatory": _signatory(b, row.get("signatory")),
        },
        "contexte": {
            "territory_project_number": b.value("contexte", "projet_territoire_numero"),
            "territory_project_date": b.value("contexte", "projet_territoire_date"),
            "common_services_number": b.value("contexte", "services_communs_numero"),
            "common_services_date": b.value("contexte", "services_communs_date"),
            "common_services_start": french.day(services_start) if services_start is not None
            else b.missing(rubric("contexte", "services_communs_debut"), f"la feuille « {_sheet_name('contexte')} »"),
            "committee_date": b.value("contexte", "comite_partenarial"),
            "commission": b.value("contexte", "commission"),
            "commission_date": b.value("contexte", "date_commission"),
            "agreement_end": b.value("contexte", "agrement_fin"),
            "period": b.value("contexte", "periode_agrement"),
            "delegations": french.days(delegations) if delegations
            else b.missing(rubric("contexte", "delegations"), f"la feuille « {_sheet_name('contexte')} »"),
            "tribunal": b.value("contexte", "tribunal"),
        },
    }
    context["communes"] = _communes(b, seance_date)
    return Built(context, list(dict.fromkeys(b.holes)), list(dict.fromkeys(b.notes)))


def _sheet_name(key: str) -> str:
    """Name of a sheet of the Bureau workbook: ``_sheet_name("contexte") == "Contexte RPE"``."""
    return by_kind()["bureau"].sheet(key).name


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()

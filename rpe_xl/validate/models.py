"""One pandera model per data sheet. Attribute = field name in code, alias = French header.

Only what a single column can say lives here (filled, range, format); the allowed values of
drop-down columns come from the workbook's own *Listes* sheet (added in ``schema.py``), and
rules across rows and sheets live in ``rules/``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..parameters import parameter

PHONE = r"^(?:(?:\+|00)33 ?|0)[1-9](?:[ .\-]?\d{2}){4}$"
EMAIL = r"^[A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$"
AM_CODE = r"^AM-\d{4}$"
GAD_CODE = r"^GAD-\d{2}$"
FAMILY_CODE = r"^F-\d{2}-\d{3,}$"
PARTICIPANT_CODE = r"^(?:AM-\d{4}|GAD-\d{2}|F-\d{2}-\d{3,}|E-\d{4,})$"
INSEE = r"^(?:\d{5}|2[AB]\d{3})$"

# legal limits in force today (dated files of rpe_xl/data/agrement/, with their source)
PLACES_PER_AM = int(parameter("agrement/places_par_am").at(dt.date.today()))
AM_PER_MAM = int(parameter("agrement/am_par_mam").at(dt.date.today()))

Int = Series[pd.Int64Dtype]
Num = Series[float]
Obj = Series[object]


def col(header: str, *, nullable: bool = False, code: str | None = None, form: str | None = None,
        **checks) -> pa.Field:
    """A column found under ``header``; ``code`` overrides the finding code of its format check, ``form`` shows
    the expected form of an identifier in messages."""
    metadata = {k: v for k, v in (("code", code), ("form", form)) if v}
    return pa.Field(alias=header, nullable=nullable, coerce=False, metadata=metadata or None, **checks)


class Model(pa.DataFrameModel):
    class Config:
        strict = False


# Commune and Animatrice columns are not in the models: rules/territory.py and rules/team.py check them
# (official commune, perimeter at the row's date, team member), so that one fault gives one finding.


# --- RPE_suivi_activite -------------------------------------------------------------------
class ContactsFamilles(Model):
    number: Int = col("N°", ge=1)
    date: Obj = col("Date")
    channel: Obj = col("Canal")
    family: Obj = col("Code famille", str_matches=FAMILY_CODE, form="F-25-001")
    motif: Obj = col("Motif principal")
    demand_type: Obj = col("Demande d'accueil", nullable=True)
    atypical_hours: Obj = col("Horaires atypiques")
    urgency: Obj = col("Urgence")
    disability: Obj = col("Handicap")
    periscolaire: Obj = col("Avant/après la classe")


class ContactsPros(Model):
    number: Int = col("N°", ge=1)
    date: Obj = col("Date")
    public: Obj = col("Public")
    am_code: Obj = col("Code AM", str_matches=r"^(?:AM-\d{4}|GAD-\d{2})$", form="AM-0001 ou GAD-01")
    channel: Obj = col("Canal")
    motif: Obj = col("Motif")


class Seances(Model):
    seance: Int = col("N° séance", ge=1)
    date: Obj = col("Date")
    action_type: Obj = col("Type d'action")
    modality: Obj = col("Modalité")
    animatrices: Obj = col("Animatrice(s)")


class Presences(Model):
    seance: Int = col("N° séance", ge=1)
    participant_type: Obj = col("Type de participant")
    participant: Obj = col("Code participant", str_matches=PARTICIPANT_CODE,
                           form="AM-0001, GAD-01, F-25-001 ou E-0001")


class Echanges(Model):
    date: Obj = col("Date")
    modality: Obj = col("Modalité")
    theme: Obj = col("Thème")
    participants: Int = col("Nb participants", ge=1, le=200)


class DemandesEnLigne(Model):
    number: Int = col("N°", ge=1)
    received: Obj = col("Date de réception")
    answered: Obj = col("Date de réponse", nullable=True)
    demand_type: Obj = col("Type d'accueil demandé")
    outcome: Obj = col("Suite", nullable=True)


class FormationsAM(Model):
    date: Obj = col("Date début")
    title: Obj = col("Intitulé")
    hours: Num = col("Durée (h)", gt=0, le=12)
    participants: Int = col("Nb participants", ge=0, le=200)


# --- RPE_assistants_maternels -------------------------------------------------------------
class ListingAM(Model):
    am_code: Obj = col("Code AM", str_matches=AM_CODE, form="AM-0001")
    civility: Obj = col("Civilité")
    last_name: Obj = col("Nom")
    first_name: Obj = col("Prénom")
    sector: Obj = col("Secteur")
    phone: Obj = col("Téléphone", nullable=True, str_matches=PHONE, code="invalid-phone")
    email: Obj = col("Mail", nullable=True, str_matches=EMAIL, code="invalid-email")
    approval_date: Obj = col("Date d'agrément")
    places: Int = col("Places agréées", ge=1, le=PLACES_PER_AM)
    mam: Obj = col("MAM", nullable=True)
    active: Obj = col("En activité")
    monenfant_registered: Obj = col("Inscrit monenfant.fr")
    monenfant_updated: Obj = col("Disponibilités à jour monenfant.fr")
    places_september: Int = col("Places dispo sept.", nullable=True, ge=0, le=PLACES_PER_AM)
    periscolaire: Obj = col("Périscolaire")
    atypical_hours: Obj = col("Horaires atypiques")
    urgency: Obj = col("Urgence")
    disability: Obj = col("Handicap")
    underactivity: Obj = col("Sous-activité signalée")
    underactivity_support: Obj = col("Accompagnement sous-activité")
    gdpr_consent: Obj = col("Consentement RGPD", nullable=True)


class Mam(Model):
    name: Obj = col("Nom")
    am_count: Int = col("Nb AM", ge=1, le=AM_PER_MAM)
    places: Int = col("Places agréées", ge=1, le=AM_PER_MAM * PLACES_PER_AM)


class Eaje(Model):
    name: Obj = col("Nom")
    type: Obj = col("Type")
    places: Int = col("Places", ge=1, le=200)


# --- RPE_territoire -----------------------------------------------------------------------
class Communes(Model):
    commune: Obj = col("Commune")
    insee: Obj = col("Code INSEE", str_matches=INSEE, form="5 chiffres, 62… dans le Pas-de-Calais")
    sector: Obj = col("Secteur")
    joined: Obj = col("Date d'adhésion")
    left: Obj = col("Date de sortie", nullable=True)


class Observatoire(Model):
    indicator: Obj = col("Indicateur")
    value: Num = col("Valeur", ge=0)


# --- RPE_equipe_planning ------------------------------------------------------------------
class Equipe(Model):
    last_name: Obj = col("Nom")
    first_name: Obj = col("Prénom")
    function: Obj = col("Fonction")
    weekly_hours: Num = col("Heures hebdo", gt=0, le=48)
    etp: Num = col("ETP", nullable=True, gt=0, le=1)


class Correspondance(Model):
    keyword: Obj = col("Mot-clé")
    category: Obj = col("Catégorie", isin=["Animations", "Informations", "Observation", "Partenariat",
                                            "Administratif", "Autres activités"])


# --- RPE_budget ---------------------------------------------------------------------------
class Hypotheses(Model):
    line: Obj = col("Ligne")
    account: Obj = col("Compte")
    base_amount: Obj = col("Montant", nullable=True)
    method: Obj = col("Méthode")
    parameter: Num = col("Paramètre", nullable=True)
    rounding: Obj = col("Arrondi")


# --- Bureau -------------------------------------------------------------------------------
class Membres(Model):
    last_name: Obj = col("Nom")
    first_name: Obj = col("Prénom")


class PresencesBureau(Model):
    last_name: Obj = col("Nom")
    first_name: Obj = col("Prénom")
    status: Obj = col("Statut")
    proxy_holder: Obj = col("Mandataire", nullable=True)
    from_question: Int = col("À partir de la question", nullable=True, ge=1)


class Deliberations(Model):
    number: Int = col("N°", ge=1)
    theme: Obj = col("Thème")
    object: Obj = col("Objet")
    votes_for: Int = col("Pour", ge=0)
    votes_against: Int = col("Contre", ge=0)
    abstentions: Int = col("Abstention", ge=0)
    not_voting: Int = col("Ne prend pas part", ge=0)


# (workbook kind, sheet key) -> model
MODELS: dict[tuple[str, str], type[Model]] = {
    ("suivi", "contacts_familles"): ContactsFamilles,
    ("suivi", "contacts_pros"): ContactsPros,
    ("suivi", "seances"): Seances,
    ("suivi", "presences"): Presences,
    ("suivi", "echanges"): Echanges,
    ("suivi", "demandes_en_ligne"): DemandesEnLigne,
    ("suivi", "formations_am"): FormationsAM,
    ("assistants_maternels", "listing_am"): ListingAM,
    ("assistants_maternels", "mam"): Mam,
    ("assistants_maternels", "eaje"): Eaje,
    ("territoire", "communes"): Communes,
    ("territoire", "observatoire"): Observatoire,
    ("equipe", "equipe"): Equipe,
    ("equipe", "correspondance"): Correspondance,
    ("budget", "hypotheses"): Hypotheses,
    ("bureau", "membres"): Membres,
    ("bureau", "presences"): PresencesBureau,
    ("bureau", "deliberations"): Deliberations,
}

"""What the team's workbooks look like: workbooks, sheets, columns (found by header text).

Only French header texts live here; the rest of the code speaks in field names
(see docs/glossaire.md). Adding a column the team created means adding one ``Field``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text import norm


@dataclass(frozen=True)
class Field:
    """One column: its name in code, its header text(s), how to parse it.

    ``kind``: text, free (free text, never repaired), code (value of a drop-down list),
    ouinon, date, int, number, amount, hours, any. ``prefix``: the header only starts with the text
    (``Places dispo sept. 2025``). ``list_name``: the *Listes* column giving the allowed values.
    ``helper``: a formula column computed from the others (the hidden ``Mois``): a row where only it holds a
    value is an empty row, not a record.
    """

    name: str
    header: str
    kind: str = "text"
    required: bool = True
    list_name: str | None = None
    prefix: bool = False
    aliases: tuple[str, ...] = ()
    helper: bool = False

    def matches(self, header_cell: object) -> bool:
        key = norm(header_cell)
        for text in (self.header, *self.aliases):
            wanted = norm(text)
            if key == wanted or (self.prefix and key.startswith(wanted)):
                return True
        return False


@dataclass(frozen=True)
class SheetSpec:
    """A sheet: a ``table`` (header row + records) or a ``grid`` read cell by cell (forms, plannings).

    ``many``: every sheet whose name starts with ``name`` (``Planning …``, ``BP …``).
    ``ends_at``: labels of the first column that start a block below the table (``Activité prévisionnelle``):
    the table ends there, even when a line was typed in the blank row above it.
    """

    key: str
    name: str
    fields: tuple[Field, ...] = ()
    layout: str = "table"
    required: bool = True
    many: bool = False
    ends_at: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class WorkbookSpec:
    kind: str
    title: str
    sheets: tuple[SheetSpec, ...] = field(default_factory=tuple)

    def sheet(self, key: str) -> SheetSpec:
        return next(s for s in self.sheets if s.key == key)


def F(name: str, header: str, kind: str = "text", **kw) -> Field:  # noqa: N802 - table-like declarations
    return Field(name, header, kind, **kw)


def _ouinon(name: str, header: str, **kw) -> Field:
    return Field(name, header, "ouinon", list_name="Oui/Non", **kw)


LISTES = SheetSpec("listes", "Listes", layout="grid", required=False)

# Other spellings of a drop-down value, read as that value (with a ``value-repaired`` info) when the workbook's
# list holds it: list name -> {value: other spellings}.
LIST_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "Statuts": {
        "Présent": ("Présente", "Présent(e)", "Présent.e", "Présent-e"),
        "Représenté": ("Représentée", "Représenté(e)", "Représenté.e", "Représenté-e", "Pouvoir", "Procuration",
                       "Donne pouvoir", "Donne procuration"),
        "Absent excusé": ("Absente excusée", "Absent(e) excusé(e)", "Excusé", "Excusée", "Excusé(e)"),
    },
}


def list_choices(name: str, values: list[str]) -> dict[str, str]:
    """Key (:func:`norm`) of every accepted spelling -> value of the drop-down list ``name``."""
    variants = {norm(k): v for k, v in LIST_VARIANTS.get(name, {}).items()}
    choices = {norm(x): v for v in values for x in variants.get(norm(v), ())}
    choices.update({norm(v): v for v in values})
    return choices

SUIVI = WorkbookSpec("suivi", "Suivi d'activité", (
    SheetSpec("lisez_moi", "Lisez-moi", layout="grid", required=False),
    LISTES,
    SheetSpec("contacts_familles", "Contacts familles", (
        F("number", "N°", "int"),
        F("date", "Date", "date"),
        F("animatrice", "Animatrice", "code", list_name="Animatrices"),
        F("channel", "Canal", "code", list_name="Canaux"),
        F("family", "Code famille"),
        F("commune", "Commune", "code", list_name="Communes"),
        F("motif", "Motif principal", "code", list_name="Motifs familles"),
        F("demand_type", "Demande d'accueil", "code", list_name="Types de demande"),
        _ouinon("atypical_hours", "Horaires atypiques"),
        _ouinon("urgency", "Urgence"),
        _ouinon("disability", "Handicap"),
        _ouinon("periscolaire", "Avant/après la classe"),
        F("observations", "Observations", "free", required=False),
        F("month", "Mois", "any", required=False, helper=True),
    )),
    SheetSpec("contacts_pros", "Contacts pros", (
        F("number", "N°", "int"),
        F("date", "Date", "date"),
        F("animatrice", "Animatrice", "code", list_name="Animatrices"),
        F("public", "Public", "code", list_name="Publics pros"),
        F("am_code", "Code AM"),
        F("channel", "Canal", "code", list_name="Canaux"),
        F("motif", "Motif", "code", list_name="Motifs pros"),
    )),
    SheetSpec("seances", "Séances", (
        F("seance", "N° séance", "int"),
        F("date", "Date", "date"),
        F("commune", "Commune", "code", list_name="Communes"),
        F("place", "Lieu", "free", required=False),
        F("action_type", "Type d'action", "code", list_name="Types d'action"),
        F("modality", "Modalité", "code", list_name="Modalités"),
        F("animatrices", "Animatrice(s)"),
        F("speaker", "Intervenant", "free", required=False),
        F("theme", "Thème", "free", required=False),
    )),
    SheetSpec("presences", "Présences", (
        F("seance", "N° séance", "int"),
        F("participant_type", "Type de participant", "code", list_name="Types de participant"),
        F("participant", "Code participant"),
    )),
    SheetSpec("echanges", "Échanges pros", (
        F("date", "Date", "date"),
        F("modality", "Modalité", "code", list_name="Modalités d'échange"),
        F("theme", "Thème", "code", list_name="Thèmes d'échanges"),
        F("participants", "Nb participants", "int"),
    )),
    SheetSpec("demandes_en_ligne", "Demandes en ligne", (
        F("number", "N°", "int"),
        F("received", "Date de réception", "date"),
        F("answered", "Date de réponse", "date"),
        F("commune", "Commune", "code", list_name="Communes"),
        F("demand_type", "Type d'accueil demandé", "code", list_name="Types de demande"),
        F("outcome", "Suite", "code", list_name="Suites données"),
    )),
    SheetSpec("formations_am", "Formations AM", (
        F("date", "Date début", "date"),
        F("title", "Intitulé", "free"),
        F("organisation", "Organisme", "free", required=False),
        F("hours", "Durée (h)", "hours"),
        F("participants", "Nb participants", "int"),
        F("place", "Lieu", "free", required=False),
    )),
))

ASSISTANTS_MATERNELS = WorkbookSpec("assistants_maternels", "Assistants maternels", (
    SheetSpec("listing_am", "Listing AM", (
        F("am_code", "Code AM"),
        F("civility", "Civilité", "code", list_name="Civilités"),
        F("last_name", "Nom"),
        F("first_name", "Prénom"),
        F("commune", "Commune", "code", list_name="Communes"),
        F("sector", "Secteur", "code", list_name="Secteurs"),
        F("phone", "Téléphone", required=False),
        F("email", "Mail", required=False),
        F("approval_date", "Date d'agrément", "date"),
        F("places", "Places agréées", "int"),
        F("mam", "MAM", "code", list_name="MAM"),
        _ouinon("active", "En activité"),
        _ouinon("monenfant_registered", "Inscrit monenfant.fr"),
        _ouinon("monenfant_updated", "Disponibilités à jour monenfant.fr"),
        F("places_september", "Places dispo sept.", "int", prefix=True),
        _ouinon("periscolaire", "Périscolaire"),
        _ouinon("atypical_hours", "Horaires atypiques"),
        _ouinon("urgency", "Urgence"),
        _ouinon("disability", "Handicap"),
        _ouinon("underactivity", "Sous-activité signalée"),
        _ouinon("underactivity_support", "Accompagnement sous-activité"),
        _ouinon("gdpr_consent", "Consentement RGPD", required=False),
        F("last_contact", "Dernier contact", "date", required=False),
        F("observations", "Observations", "free", required=False),
    )),
    SheetSpec("mam", "MAM", (
        F("name", "Nom"),
        F("commune", "Commune", "code", list_name="Communes"),
        F("am_count", "Nb AM", "int"),
        F("places", "Places agréées", "int"),
        F("opening_date", "Date d'ouverture", "date", required=False),
    )),
    SheetSpec("projets_mam", "Projets MAM", (
        F("type", "Type"),
        F("commune", "Commune", "code", list_name="Communes"),
        F("places", "Nb places", "int", required=False),
        F("relevance", "Pertinence", "free", required=False),
        F("supported", "Accompagné par le RPE", "free", required=False),
        F("remark", "Remarque", "free", required=False),
    ), required=False),
    SheetSpec("eaje", "EAJE", (
        F("name", "Nom"),
        F("type", "Type", "code", list_name="Types d'EAJE"),
        F("commune", "Commune", "code", list_name="Communes"),
        F("places", "Places", "int"),
    )),
    LISTES,
))

TERRITOIRE = WorkbookSpec("territoire", "Territoire", (
    SheetSpec("communes", "Communes", (
        F("commune", "Commune"),
        F("insee", "Code INSEE"),
        F("sector", "Secteur", "code", list_name="Secteurs"),
        F("joined", "Date d'adhésion", "date"),
        F("left", "Date de sortie", "date"),
        F("place", "Lieu d'animation", "free", required=False),
        F("address", "Adresse", "free", required=False),
        F("usage", "Usage", "free", required=False),
    )),
    SheetSpec("observatoire", "Observatoire", (
        F("indicator", "Indicateur"),
        F("source", "Source", "free", required=False),
        F("year", "Année"),
        F("value", "Valeur", "number"),
    )),
    SheetSpec("evolution_am", "Évolution AM", (
        F("year", "Année", "int"),
        F("am_count", "Nb AM", "int", prefix=True),
    ), required=False),
    LISTES,
))

EQUIPE = WorkbookSpec("equipe", "Équipe et plannings", (
    SheetSpec("equipe", "Équipe", (
        F("last_name", "Nom"),
        F("first_name", "Prénom"),
        F("function", "Fonction"),
        F("hired", "Date d'embauche", "date", required=False),
        F("training", "Formation initiale", "free", required=False),
        F("diploma", "Diplôme", "free", required=False),
        F("weekly_hours", "Heures hebdo", "hours"),
        F("etp", "ETP", "number"),
        F("experience", "Expérience antérieure", "free", required=False),
    )),
    SheetSpec("formations_equipe", "Formations équipe", (
        F("animatrice", "Animatrice"),
        F("title", "Formation", "free"),
        F("organisation", "Organisme", "free", required=False),
        F("duration", "Durée"),
        F("obtained", "Obtenue", "free", required=False),
    ), required=False),
    SheetSpec("planning", "Planning", layout="grid", many=True),
    SheetSpec("correspondance", "Correspondance activités", (
        F("keyword", "Mot-clé"),
        F("category", "Catégorie"),
    )),
    SheetSpec("repartition", "Répartition", layout="grid", required=False),
))

BUDGET = WorkbookSpec("budget", "Budget prévisionnel", (
    SheetSpec("hypotheses", "Hypothèses", (
        F("line", "Ligne"),
        F("account", "Compte"),
        F("base_amount", "Montant", "amount", prefix=True),
        F("method", "Méthode", "code", list_name="Méthodes"),
        F("parameter", "Paramètre", "number", required=False),
        F("rounding", "Arrondi", "code", list_name="Arrondis"),
        F("comment", "Commentaire", "free", required=False),
    ), ends_at=("Activité prévisionnelle", "ETP animatrices", "Heures hebdomadaires", "Tolérance")),
    SheetSpec("bp", "BP", layout="grid", many=True),
    LISTES,
))

BUREAU = WorkbookSpec("bureau", "Bureau communautaire", (
    SheetSpec("seance", "Séance", (
        F("key", "Rubrique"),
        F("value", "Valeur", "any"),
    )),
    SheetSpec("membres", "Membres", (
        F("last_name", "Nom"),
        F("first_name", "Prénom"),
        # optional, for the deliberation: order of the lists (president, vice-presidents…) and civility
        F("rank", "Ordre du tableau", "int", required=False),
        F("civility", "Civilité", required=False),
    )),
    SheetSpec("presences", "Présences", (
        F("last_name", "Nom"),
        F("first_name", "Prénom"),
        F("status", "Statut", "code", list_name="Statuts"),
        F("proxy_holder", "Mandataire", "free"),  # kept as typed: the Bureau rules match it with a member
        F("from_question", "À partir de la question", "int"),
    )),
    SheetSpec("deliberations", "Délibérations", (
        F("number", "N°", "int"),
        F("theme", "Thème"),
        F("object", "Objet"),
        F("rapporteur", "Rapporteur", required=False),
        F("vote_mode", "Mode de vote"),
        F("votes_for", "Pour", "int"),
        F("votes_against", "Contre", "int"),
        F("abstentions", "Abstention", "int"),
        F("not_voting", "Ne prend pas part", "int"),
        F("prefecture_date", "Date réception sous-préfecture", "date", required=False),
        F("publication_date", "Date publication", "date", required=False),
        F("signatory", "Signataire", required=False),
        # optional, for the SCDL export (nomenclature ACTES)
        F("matiere_code", "Code matière ACTES", required=False),
        F("matiere_name", "Matière ACTES", required=False),
    )),
    SheetSpec("contexte", "Contexte RPE", (
        F("key", "Rubrique"),
        F("value", "Valeur", "any"),
    ), required=False),
    LISTES,
))

WORKBOOKS: tuple[WorkbookSpec, ...] = (SUIVI, ASSISTANTS_MATERNELS, TERRITOIRE, EQUIPE, BUDGET, BUREAU)
BY_KIND = {spec.kind: spec for spec in WORKBOOKS}

"""Findings: every problem the tool sees is a small record, never an exception.

A finding says where (workbook, sheet, cell), how bad (severity), what (a stable English code)
and, in French, what to fix.

>>> f = Finding("unknown-commune", "erreur", "RPE_territoire.xlsx", "Communes", "A7", "…")
>>> f.location
'RPE_territoire.xlsx › Communes!A7'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

ERREUR = "erreur"
AVERTISSEMENT = "avertissement"
INFO = "info"
SEVERITIES = (ERREUR, AVERTISSEMENT, INFO)

# code -> (default severity, French title). Codes are a stable contract (JSON output, tests).
CODES: dict[str, tuple[str, str]] = {
    # files and structure
    "file-not-found": (ERREUR, "Fichier introuvable"),
    "file-unreadable": (ERREUR, "Classeur illisible"),
    "file-not-xlsx": (ERREUR, "Fichier qui n'est pas un classeur .xlsx"),
    "file-encrypted": (ERREUR, "Classeur protégé par mot de passe"),
    "file-too-large": (ERREUR, "Classeur refusé : décompression excessive"),
    "file-locked": (AVERTISSEMENT, "Classeur ouvert dans Excel"),
    "file-empty": (ERREUR, "Classeur vide"),
    "unknown-workbook": (INFO, "Classeur non reconnu"),
    "duplicate-workbook": (AVERTISSEMENT, "Deux classeurs du même type"),
    "missing-workbook": (INFO, "Classeur absent"),
    "missing-sheet": (ERREUR, "Feuille manquante"),
    "sheet-renamed": (INFO, "Nom de feuille approchant"),
    "missing-header": (ERREUR, "Ligne d'en-tête introuvable"),
    "missing-column": (ERREUR, "Colonne manquante"),
    "empty-table": (AVERTISSEMENT, "Tableau vide"),
    # cell values
    "value-repaired": (INFO, "Saisie corrigée à la lecture"),
    "invalid-number": (ERREUR, "Nombre attendu"),
    "invalid-date": (ERREUR, "Date attendue"),
    "invalid-time": (ERREUR, "Horaire illisible"),
    "formula-error": (ERREUR, "Formule en erreur"),
    "formula-not-computed": (AVERTISSEMENT, "Formule sans valeur calculée"),
    "missing-value": (ERREUR, "Valeur obligatoire manquante"),
    "value-not-in-list": (ERREUR, "Valeur hors de la liste"),
    "out-of-range": (ERREUR, "Valeur hors des bornes"),
    "duplicate-key": (ERREUR, "Identifiant en double"),
    "unknown-reference": (ERREUR, "Référence inconnue"),
    "date-out-of-period": (ERREUR, "Date hors de la période du classeur"),
    "date-in-future": (ERREUR, "Date dans le futur"),
    "date-order": (ERREUR, "Dates dans le désordre"),
    # reference checks held back, dates in sequence (suivi)
    "reference-not-checked": (INFO, "Référence non contrôlée (source à corriger d'abord)"),
    "date-out-of-sequence": (AVERTISSEMENT, "Date hors de l'ordre des numéros"),
    "number-out-of-sequence": (AVERTISSEMENT, "Numéro hors de la suite"),
    "row-after-table": (AVERTISSEMENT, "Ligne sous la fin du tableau, non comptée"),
    "duplicate-person": (AVERTISSEMENT, "Même personne sur deux lignes"),
    "unusual-delay": (AVERTISSEMENT, "Délai inhabituel"),
    "training-day-mismatch": (AVERTISSEMENT, "Journée de formation sans correspondance"),
    "invalid-code": (ERREUR, "Code mal formé"),
    "not-a-working-day": (AVERTISSEMENT, "Date un jour non ouvré"),
    "invalid-phone": (ERREUR, "Numéro de téléphone invalide"),
    "invalid-email": (ERREUR, "Adresse mail invalide"),
    "incoherent-row": (ERREUR, "Ligne incohérente"),
    "incoherent-family": (ERREUR, "Famille aux demandes incohérentes"),
    "unknown-person": (ERREUR, "Personne inconnue de l'équipe"),
    # territory
    "unknown-commune": (ERREUR, "Commune inconnue"),
    "commune-out-of-perimeter": (ERREUR, "Commune hors du périmètre du Relais"),
    "insee-mismatch": (ERREUR, "Code INSEE d'une autre commune"),
    "sector-mismatch": (ERREUR, "Secteur différent de celui de la commune"),
    # territory: Communes sheet
    "commune-sector-mismatch": (ERREUR, "Secteur de la commune contredit par ses AM"),
    "implausible-date": (ERREUR, "Date invraisemblable"),
    # declared figures
    "total-mismatch": (ERREUR, "Total différent de la somme"),
    "declared-value-mismatch": (AVERTISSEMENT, "Chiffre déclaré différent du calcul"),
    "declared-values-disagree": (AVERTISSEMENT, "Deux chiffres déclarés se contredisent"),
    "declared-not-compared": (INFO, "Chiffre déclaré non comparé (source à corriger d'abord)"),
    "observatoire-label-unknown": (AVERTISSEMENT, "Indicateur de l'Observatoire non reconnu"),
    "observatoire-label-approx": (INFO, "Libellé d'indicateur reconnu approximativement"),
    # planning
    "planning-overlap": (ERREUR, "Créneaux qui se chevauchent"),
    "planning-total-mismatch": (ERREUR, "Total d'heures différent des créneaux"),
    "unknown-activity": (AVERTISSEMENT, "Activité sans catégorie"),
    "etp-hours-mismatch": (ERREUR, "ETP incohérent avec les heures"),
    "planning-slot-without-time": (ERREUR, "Créneau écrit sans horaires"),
    "activity-keyword-invalid": (ERREUR, "Ligne de « Correspondance activités » inutilisable"),
    # team reference (Équipe sheet)
    "team-name-mismatch": (ERREUR, "Nom de l'équipe écrit autrement que dans les autres feuilles"),
    "team-function-mismatch": (ERREUR, "Fonction contredite par le planning et l'ETP"),
    "etp-not-animatrice": (AVERTISSEMENT, "ETP sur la ligne d'une personne qui n'est pas animatrice"),
    # budget
    "budget-line-deviation": (ERREUR, "Montant différent de l'hypothèse"),
    "budget-unbalanced": (ERREUR, "Budget non équilibré"),
    "budget-86-87-mismatch": (ERREUR, "Compte 86 différent du compte 87"),
    "budget-header-inconsistent": (AVERTISSEMENT, "En-tête différent d'une année à l'autre"),
    "budget-line-missing": (ERREUR, "Ligne absente d'une année"),
    "budget-hypothesis-invalid": (ERREUR, "Hypothèse inutilisable"),
    "caf-rule": (INFO, "Comparaison avec la règle CAF"),
    "budget-amount-as-text": (ERREUR, "Montant saisi comme du texte (non compté par Excel)"),
    # Bureau
    "quorum-not-met": (ERREUR, "Quorum non atteint"),
    "proxy-invalid": (ERREUR, "Procuration invalide"),
    "proxy-multiple": (ERREUR, "Plus d'une procuration pour un même mandataire"),
    "member-status-conflict": (ERREUR, "Membre avec deux statuts"),
    "unknown-member": (ERREUR, "Personne absente de la liste des membres"),
    "vote-count-mismatch": (ERREUR, "Votes différents des présents et représentés"),
    "seance-count-mismatch": (AVERTISSEMENT, "Décompte de la séance différent de la feuille de présence"),
    "member-name-mismatch": (ERREUR, "Nom d'un membre écrit autrement sur l'autre feuille"),
    # tool
    "internal-error": (ERREUR, "Erreur interne d'un contrôle"),
    # Bureau séance and deliberation
    "officer-not-present": (ERREUR, "Président ou secrétaire de séance non présent"),
    # activity, AM, territory and team workbooks
    "training-not-saturday": (AVERTISSEMENT, "Formation AM un autre jour que le samedi"),
    "list-outdated": (AVERTISSEMENT, "Liste déroulante à compléter"),
    "list-value-unknown": (AVERTISSEMENT, "Valeur de liste ou rubrique attendue introuvable (contrôles non faits)"),
    # budget prévisionnel
    "budget-line-rounding": (INFO, "Écart dans la tolérance (arrondi)"),
    "budget-hypothesis-unusual": (AVERTISSEMENT, "Hypothèse inhabituelle (baisse chaque année)"),
    "budget-amount-off-column": (ERREUR, "Montant hors de la colonne des montants (non compté par Excel)"),
    "budget-form-duplicate": (AVERTISSEMENT, "Formulaire BP en double (copie non lue)"),
    "budget-form-out-of-period": (AVERTISSEMENT, "Formulaire BP d'une année hors de la période (non lu)"),
}


@dataclass(frozen=True)
class Finding:
    """One problem, at one place. ``cell`` is an A1 address or None (whole sheet or workbook)."""

    code: str
    severity: str
    workbook: str
    sheet: str | None
    cell: str | None
    message: str
    value: Any = None
    expected: Any = None

    @property
    def title(self) -> str:
        return CODES.get(self.code, (self.severity, self.code))[1]

    @property
    def location(self) -> str:
        where = self.workbook
        if self.sheet:
            where += f" › {self.sheet}"
            if self.cell:
                where += f"!{self.cell}"
        return where


def make(code: str, workbook: str, sheet: str | None, cell: str | None, message: str,
         value: Any = None, expected: Any = None, severity: str | None = None) -> Finding:
    """Build a finding with the registry's default severity for ``code``."""
    if code not in CODES:
        raise KeyError(f"finding code not registered: {code}")
    return Finding(code, severity or CODES[code][0], workbook, sheet, cell, message, value, expected)


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"erreur": n, "avertissement": n, "info": n}``."""
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def exit_code(findings: Iterable[Finding]) -> int:
    """0 when no ``erreur``, 1 otherwise (2 is for usage faults, decided by the doors)."""
    return 1 if any(f.severity == ERREUR for f in findings) else 0


def sort_key(f: Finding) -> tuple:
    """Workbook, sheet, then cell in reading order (row, then column)."""
    from .read.address import split_cell

    row, col = split_cell(f.cell) if f.cell else (0, 0)
    return (f.workbook, f.sheet or "", row, col, f.code)

"""The CAF form's layout of the indicators: sections, tables, French labels. Shared by the console and the
workbook renderers (one place to change a label).

A table is ``(title, columns, rows, note)``; a row is ``(label, [ID or None per column])``; ``fmt`` of an ID
comes from :func:`kind_of` (count, ratio, percent, hours, days).
"""

from __future__ import annotations

from typing import Any

from ..compute.planning import CATEGORIES
from ..read.description import labels

FAMILY_MOTIFS = (("La recherche d'un mode d'accueil", "recherche_mode_accueil"),
                 ("Le rôle d'employeur ou le contrat de travail", "employeur_contrat"),
                 ("L'accompagnement à la parentalité", "parentalite"), ("Autres sujets", "autre"))
DEMANDS = (("Demandes en accueil collectif (A)", "accueil_collectif"),
           ("Demandes auprès d'un assistant maternel (B)", "assistant_maternel"),
           ("Demandes de garde d'enfants à domicile (C)", "garde_domicile"),
           ("dont horaires atypiques", "horaires_atypiques"), ("dont accueil en urgence", "urgence"),
           ("dont enfants en situation de handicap", "handicap"), ("dont avant et après la classe", "periscolaire"),
           ("Nombre total de demandes (familles différentes)", "total"))
PRO_MOTIFS = (("Information relative à l'exercice du métier", "exercice_metier"),
              ("Information relative à la disponibilité d'accueil", "disponibilite_accueil"),
              ("Information relative au fonctionnement du Rpe", "fonctionnement_rpe"),
              ("Information sur le statut", "statut"), ("Informations pédagogiques, éducatives", "pedagogie"),
              ("Autres formations continues", "formation_continue"), ("TOTAL GÉNÉRAL", "total"))
ACTIONS = (("Ateliers d'éveil", "atelier_eveil"), ("Animations avec une structure du territoire", "structure_territoire"),
           ("Fêtes", "fete"), ("Sorties", "sortie"), ("Ateliers numériques", "atelier_numerique"),
           ("Prêt de matériel et fiche d'animation", "pret_materiel"))
THEMES = (("Les conditions d'accès et d'exercice du métier", "conditions_acces_metier"),
          ("Le droit du travail", "droit_travail"), ("Les formations continues", "formations_continues"),
          ("Les passerelles entre les différents métiers", "passerelles_metiers"),
          ("Les besoins de l'enfant", "besoins_enfant"), ("L'éveil et le développement du jeune enfant", "eveil_developpement"),
          ("Les ressources du territoire", "ressources_territoire"), ("Le site monenfant.fr", "monenfant"),
          ("La charte nationale d'accueil du jeune enfant", "charte_nationale"), ("Autres sujets", "autres_sujets"))
OFFER = (("Assistants maternels agréés par la Pmi (A)", "am.agrees"),
         ("Nombre de places théoriques", "am.places_agreees"),
         ("Assistants maternels en activité (B)", "am.actifs"), ("Taux d'activité (B/A)", "am.taux_activite"),
         ("Acceptant d'accueillir en périscolaire", "am.periscolaire"),
         ("Acceptant les horaires atypiques", "am.horaires_atypiques"), ("Acceptant l'accueil en urgence", "am.urgence"),
         ("Acceptant un enfant en situation de handicap", "am.handicap"),
         ("Ayant signalé leur sous-activité (A)", "am.sous_activite_signalee"),
         ("Accompagnés par le Relais (B)", "am.sous_activite_accompagnee"), ("(B/A) x 100", "am.sous_activite_taux"),
         ("Disponibilités à jour sur monenfant.fr (C)", "am.monenfant_dispos"),
         ("Inscrits sur monenfant.fr (D)", "am.monenfant_inscrits"),
         ("Taux de mise en ligne (C/D) x 100", "am.taux_mise_en_ligne"),
         ("« Indépendants » avec au moins 1 place pour septembre", "am.avec_place_septembre"),
         ("En MAM avec au moins 1 place pour septembre", "am.mam_avec_place_septembre"),
         ("Places des AM actifs hors MAM", "am.places_actifs_hors_mam"),
         ("Nombre de MAM", "mam.nombre"), ("Places dans les MAM", "mam.places"),
         ("EAJE – nombre de places", "eaje.places"),
         ("AM actifs par ETP d'animatrice", "am.par_etp"),
         ("Évolution du nombre d'AM de l'agglomération (%)", "am.evolution_pct"))


def kind_of(ident: str) -> str:
    """How to show an indicator: ``count``, ``ratio`` (4 decimals), ``percent``, ``hours``, ``days``, ``etp``."""
    if ident.endswith("_heures"):
        return "hours"
    if ident.endswith("_pct") or ident.endswith("taux_mise_en_ligne") or ident.endswith("sous_activite_taux"):
        return "percent"
    if ident.endswith("taux_activite"):
        return "ratio"
    if ident.endswith("_jours"):
        return "days"
    if ident in ("equipe.etp_total", "am.par_etp"):
        return "etp"
    return "count"


def sections(values: dict[str, Any], details: dict[str, Any]) -> list[tuple[str, list[tuple]]]:
    """[(section title, [tables])]; each table = (title, column headers, rows [(label, [IDs])], note or None)."""
    people = list(details.get("heures_par_animatrice", {}))
    from ..text import slug
    keys = [slug(p) for p in people]
    categories = labels("categories_activite")
    team = [("Répartition hebdomadaire par animatrice (heures, d'après les plannings)", ["Activités", *people, "Équipe", "%"],
             [(categories[c], [*(f"repartition.{k}.{c}_heures" for k in keys), f"repartition.global.{c}_heures",
                                    f"repartition.global.{c}_pct"]) for c in CATEGORIES]
             + [("Total", [*([None] * len(keys)), "repartition.global.total_heures", None])], None)]
    s21 = [("Ressources humaines", ["Indicateur", "Valeur"], [("Nombre total d'ETP d'animatrices", ["equipe.etp_total"])], None)]
    fam = [("Contacts des familles par motif principal (une famille qui appelle 3 fois compte 3)", ["Motif", "Contacts"],
            [(l, [f"contacts_familles.{k}"]) for l, k in FAMILY_MOTIFS] + [("Total", ["contacts_familles.total"])], None),
           ("Demandes d'accueil (familles différentes)", ["Type", "Familles"], [(l, [f"demandes.{k}"]) for l, k in DEMANDS], None),
           ("Contacts des professionnels", ["Motif", "AM", "Garde à domicile"],
            [(l, [f"contacts_pros.am.{k}", f"contacts_pros.gad.{k}"]) for l, k in PRO_MOTIFS], None)]
    sums = {p: sum(values.get(f"participants.{p}.{t}", 0) for _, t in ACTIONS) for p in ("professionnels", "enfants", "parents")}
    note = ("La ligne Total compte les personnes différentes sur l'ensemble des actions ; la somme des lignes "
            f"(comme l'écrit le dossier) donnerait {sums['professionnels']} professionnels, {sums['enfants']} enfants "
            f"et {sums['parents']} parents, car une même personne participe à plusieurs types d'actions.")
    ses = [("Temps collectifs et ateliers d'éveil", ["Actions", "Séances présentiel", "Séances distanciel",
                                                      "Professionnels différents", "Enfants différents", "Parents différents"],
            [(l, [f"seances_presentiel.{k}", f"seances_distanciel.{k}", f"participants.professionnels.{k}",
                  f"participants.enfants.{k}", f"participants.parents.{k}"]) for l, k in ACTIONS]
            + [("Total", ["seances_presentiel.total", "seances_distanciel.total", "participants.professionnels.total",
                          "participants.enfants.total", "participants.parents.total"])], note),
           ("Temps d'échanges avec les assistants maternels (nombre de séances)",
            ["Thème", "Entretiens individuels", "Groupes de parole", "Réunions collectives"],
            [(l, [f"echanges.entretien.{k}", f"echanges.groupe_parole.{k}", f"echanges.reunion_collective.{k}"])
             for l, k in THEMES], None)]
    offer = [("Offre d'accueil et observatoire", ["Indicateur", "Valeur"], [(l, [k]) for l, k in OFFER],
              f"Repère national Cnaf : environ {details['repere_am_par_etp']} AM actifs par ETP d'animatrice."
              if "repere_am_par_etp" in details else None)]
    communes = sorted(k for k in values if k.startswith("communes.au_"))
    territory = [("Communes du périmètre", ["Date", "Communes"],
                  [(_fr_iso(k.removeprefix("communes.au_")), [k]) for k in communes], None)]
    online = [("Demandes d'accueil en ligne (monenfant.fr)", ["Indicateur", "Valeur"],
               [("Demandes traitées par le Relais", ["demandes_en_ligne.total"]),
                ("Délai moyen de réponse (jours)", ["demandes_en_ligne.delai_moyen_jours"])], None)]
    return [("2.1 et 2.3 – Ressources humaines et planning", s21 + team),
            ("4.1 – Information des familles et des professionnels", fam),
            ("4.2 – Rencontres et échanges", ses),
            ("4.3 – Observation des conditions d'accueil", offer + territory),
            ("5 – Missions complémentaires", online)]


def _fr_iso(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"

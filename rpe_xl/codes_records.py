"""Finding codes of the checks across records: activity, AM, territory, team, planning, declared figures
(registered in ``rpe_xl.findings.CODES``).

Codes are a stable contract (JSON output, tests); templates keep the wording of the messages in one place.
"""

from .finding_code import AVERTISSEMENT, ERREUR, INFO, Code

RECORD_CODES: dict[str, Code] = {
    # reference checks held back, dates in sequence (suivi)
    "reference-not-checked": Code(INFO, "Référence non contrôlée (source à corriger d'abord)", {
        "default": "Tant que cette cellule n'est pas corrigée, ne sont pas contrôlées : {parts}. Corrigez-la "
                   "d'abord, puis relancez la vérification.",
        "am_codes": "{n_unknown} code(s) AM du suivi d'activité (par exemple {unknown}) absents de Listing AM "
                    "ne sont pas signalés tant que le code de {at} est vide ou illisible : saisissez-le "
                    "d'abord.",
        "seances": "Les lignes de Présences dont le N° séance n'existe pas ({n_unknown} numéro(s)) ne sont pas "
                   "contrôlées tant que le N° séance de {at} n'est pas lisible : corrigez d'abord cette "
                   "cellule.",
        "slot": "{count} créneau des plannings sans catégorie ({shown}) n'est pas signalé tant que cette "
                "ligne de « Correspondance activités » n'est pas corrigée : corrigez-la d'abord, puis relancez "
                "la vérification.",
        "slots": "{count} créneaux des plannings sans catégorie ({shown}) ne sont pas signalés tant que cette "
                 "ligne de « Correspondance activités » n'est pas corrigée : corrigez-la d'abord, puis "
                 "relancez la vérification.",
    }),
    "date-out-of-sequence": Code(AVERTISSEMENT, "Date hors de l'ordre des numéros",
                   "{title} : {day} entre le {before} et le {after} des lignes voisines, alors que les numéros "
                   "suivent les dates : vérifiez la date (faute de frappe sur le jour ou le mois ?)."),
    "number-out-of-sequence": Code(AVERTISSEMENT, "Numéro hors de la suite",
                   "{label} {number} entre {previous} et {next} : la numérotation attend {wanted} ici ; saisissez "
                   "{wanted}."),
    "row-after-table": Code(AVERTISSEMENT, "Ligne sous la fin du tableau, non comptée", {
        "gap_one": "Sous la ligne vide {gap_row}, la ligne {first_row} ne remplit pas les colonnes comme les "
                   "lignes du tableau : elle n'est ni lue ni comptée. Complétez-la (la colonne « {header} » "
                   "d'abord) ou supprimez-la ; supprimez aussi la ligne vide au-dessus.",
        "gap_several": "Sous la ligne vide {gap_row}, {count} lignes, de la ligne {first_row} à la ligne "
                       "{last_row}, ne remplissent pas les colonnes comme les lignes du tableau : elles ne "
                       "sont ni lues ni comptées. Complétez-les (la colonne « {header} » d'abord) ou "
                       "supprimez-les ; supprimez aussi la ligne vide au-dessus.",
        "total_one": "Ligne {first_row} saisie sous la ligne de total (ligne {total_row}) : elle n'est ni "
                     "comptée dans le total ni lue ; insérez une ligne au-dessus du total et déplacez-y ses "
                     "valeurs.",
        "total_several": "{count} lignes saisies sous la ligne de total (ligne {total_row}), de la ligne "
                         "{first_row} à la ligne {last_row} : elles ne sont ni comptées dans le total ni lues "
                         "; insérez-les au-dessus du total, ou supprimez-les.",
    }),
    "duplicate-person": Code(AVERTISSEMENT, "Même personne sur deux lignes", {
        "default": "{last} {first} figure déjà en {at} avec le même téléphone ou mail, sous le code "
                   "{kept_code} : supprimez la ligne en double (gardez le code déjà utilisé dans le suivi "
                   "d'activité).",
        "team_row": "{person} figure déjà sur la ligne {rows} ({at}) : supprimez cette ligne en double (ses "
                    "heures et son ETP compteraient deux fois).",
        "planning_copy": "La feuille « {sheet_name} » est un deuxième planning de {first_name} (même prénom "
                         "que la feuille « {sheet_name2} ») : seule « {sheet_name2} » est comptée ; supprimez "
                         "la copie ou corrigez le prénom de son titre.",
    }),
    "unusual-delay": Code(AVERTISSEMENT, "Délai inhabituel",
                   "Date de réponse {answered} : {days} jours après la réception du {received} ({at}) ; vérifiez la "
                   "date (faute de frappe sur le mois ou l'année ?)."),
    "training-day-mismatch": Code(AVERTISSEMENT, "Journée de formation sans correspondance", {
        "default": "{meeting} « {theme} » du {day} : aucune journée de Formations AM à cette date ; corrigez "
                   "la date ici ou dans Formations AM.",
        "other_day": "{meeting} « {theme} » du {day} : aucune journée de Formations AM à cette date ; "
                     "Formations AM a une journée le {other} ({at}) ; corrigez la date ici ou dans Formations "
                     "AM.",
        "formation_without_meeting": "{header} : la journée de formation du {day} n'a pas sa ligne « {meeting} "
                                     "» / « {theme} » dans Échanges pros : ajoutez-la, ou corrigez la date.",
    }),
    "invalid-code": Code(ERREUR, "Code mal formé", {
        "default": "{header} : {typed} n'a pas la forme attendue{shape} ; vérifiez le code saisi.",
        "guess": "{header} : {typed} n'a pas la forme attendue{shape} ; saisissez « {guess} » ?",
    }),
    "not-a-working-day": Code(AVERTISSEMENT, "Date un jour non ouvré",
                   "{label} : le {day} est {reason}, jour où le Relais ne travaille pas ; vérifiez la date."),
    "invalid-phone": Code(ERREUR, "Numéro de téléphone invalide", {
        "default": "Téléphone {phone} invalide : {advice}",
        "cell": "{header} : {typed} n'est pas un numéro français valide ; {advice}",
    }),
    "invalid-email": Code(ERREUR, "Adresse mail invalide",
                   "{header} : {typed} n'est pas une adresse mail valide ({form})."),
    "incoherent-row": Code(ERREUR, "Ligne incohérente", {
        "default": "{am_code} a des disponibilités à jour sur monenfant.fr sans y être inscrit : passez « "
                   "{header_of} » à {yes}, ou celle-ci à {no}.",
        "underactivity": "{am_code} est accompagné(e) pour sous-activité sans sous-activité signalée : passez "
                         "« {header_of} » à {yes}, ou celle-ci à {no}.",
        "places_inactive": "{am_code} n'est pas en activité mais a {n} place(s) disponible(s) pour septembre : "
                           "videz la cellule, ou passez « {active} » à {yes}.",
        "places_over_approval": "{am_code} : {n} places disponibles pour {most} places agréées ; une AM ne "
                                "peut offrir plus que son agrément : corrigez l'une des deux valeurs.",
        "public_code": "Public {public} mais code {person_code} : un assistant maternel a un code AM-…, une "
                       "garde à domicile un code GAD-… ; corrigez le public ou le code.",
        "type_code": "Type {person_type} mais code {person_code} : un parent a un code F-…, un enfant E-…, un "
                     "assistant maternel AM-…, une garde à domicile GAD-… ; corrigez le type ou le code.",
        "individual_interview": "{alone} avec {n} participants : un entretien individuel compte 1 participant "
                                "; saisissez 1 ou choisissez {choices}.",
        "demand_missing": "Motif « {search} » sans {demand} : choisissez le type d'accueil demandé ({choices}).",
        "demand_not_search": "{demand} {typed} sur un contact de motif {motif} : la demande ne se remplit que "
                             "sur les contacts « {search} » ; videz la cellule ou corrigez le motif.",
        "commune_two_sectors": "{commune} a deux lieux : cette ligne dit {sector}, la ligne {rows} dit « "
                               "{wanted} »{am_support} ; une commune a un seul secteur : saisissez « {wanted} "
                               "».",
        "commune_two_rows": "{commune} a deux lieux : cette ligne dit {this}, la ligne {rows} dit {other} ; "
                            "une commune a un seul code, secteur et dates : harmonisez.",
    }),
    "incoherent-family": Code(ERREUR, "Famille aux demandes incohérentes",
                   "Famille {family} : {header} {typed} ici, {usual} sur ses autres contacts (par exemple {at}) ; "
                   "une famille a une seule demande : harmonisez."),
    "unknown-person": Code(ERREUR, "Personne inconnue de l'équipe", {
        "default": "« {first_name} » (titre du planning) n'a pas de ligne dans la feuille Équipe : ajoutez-la "
                   "ou corrigez le prénom du titre.",
        "listed": "{typed} n'est pas dans la feuille Équipe du classeur équipe (nom et prénom) : corrigez "
                  "l'orthographe (NOM Prénom), ou ajoutez cette personne à la feuille Équipe.",
    }),
    # territory
    "unknown-commune": Code(ERREUR, "Commune inconnue", {
        "default": "{typed} n'est pas une commune du Pas-de-Calais (code officiel géographique 2026). "
                   "Saisissez le nom officiel de la commune.{counted}",
        "guess": "{typed} n'est pas une commune du Pas-de-Calais (code officiel géographique 2026). « {guess} "
                 "» ? Saisissez le nom officiel de la commune.{counted}",
        "formula": "{typed} est une formule saisie comme du texte, pas un nom de commune : effacez-la et "
                   "saisissez le nom officiel de la commune seul.{counted}",
        "formula_guess": "{typed} est une formule saisie comme du texte, pas un nom de commune : effacez-la et "
                         "saisissez le nom officiel de la commune seul (« {guess} » ?).{counted}",
        "absorbed": "{typed} n'est plus une commune : elle fait partie de {guess} (code officiel géographique "
                    "2026) ; saisissez « {guess} ».{counted}",
        "spelling": "{typed} : l'orthographe officielle est « {guess} » ; saisissez-la telle quelle.{counted}",
        "insee": "{typed} n'est pas une commune du Pas-de-Calais (code officiel géographique 2026) ; le code "
                 "INSEE {insee} de la ligne ({at}) est celui de {guess} : saisissez « {guess} ».",
    }),
    "commune-out-of-perimeter": Code(ERREUR, "Commune hors du périmètre du Relais", {
        "default": "{commune} n'est pas une commune du Relais (absente de la feuille Communes du classeur "
                   "territoire) : corrigez la commune, ou ajoutez-la à la feuille Communes si elle a adhéré.",
        "not_yet": "{commune} n'adhère au Relais qu'à partir du {joined} (feuille Communes du classeur "
                   "territoire) : à la date du {day}, elle est hors du périmètre ; vérifiez la commune ou la "
                   "date.",
        "left": "{commune} a quitté le Relais le {left} (feuille Communes du classeur territoire) : à la date "
                "du {day}, elle est hors du périmètre ; vérifiez la commune ou la date.",
        "outside": "{commune} n'est pas dans le périmètre du Relais (feuille Communes du classeur territoire) "
                   ": à la date du {day}, elle est hors du périmètre ; vérifiez la commune ou la date.",
    }),
    "insee-mismatch": Code(ERREUR, "Code INSEE d'une autre commune",
                   "Code INSEE {insee} : c'est {whose}, pas de {commune} ; saisissez {code_of}."),
    "sector-mismatch": Code(ERREUR, "Secteur différent de celui de la commune", {
        "default": "Secteur {typed} alors que {commune} est dans le secteur « {want} » (feuille Communes du "
                   "classeur territoire) : saisissez « {want} ».",
        "ambiguous": "Secteur {typed} alors que {commune} est dans le secteur « {want} » (feuille Communes du "
                     "classeur territoire) (la feuille Communes donne plusieurs secteurs à {commune} : « "
                     "{want} » est retenu, celui de la plupart de ses AM ; voir l'erreur de la feuille "
                     "Communes) : saisissez « {want} ».",
    }),
    # territory: Communes sheet
    "commune-sector-mismatch": Code(ERREUR, "Secteur de la commune contredit par ses AM",
                   "Secteur {sector} pour {commune}, mais {who} du Listing AM (classeur des assistants maternels) "
                   "sont dans le secteur « {am_sector} » : saisissez « {am_sector} » si c'est bien celui de la "
                   "commune, sinon corrigez le secteur de ces AM."),
    "implausible-date": Code(ERREUR, "Date invraisemblable", {
        "default": "Date d'agrément {day} : avant le statut d'assistante maternelle ({cite_at}) ; corrigez "
                   "l'année.",
        "commune_dates": "{label} {day} de {commune} : date invraisemblable ({why}) ; corrigez l'année. En "
                         "attendant, {meanwhile} et ses lignes des autres classeurs ne sont pas contrôlées "
                         "contre cette date.",
    }),
    # declared figures
    "total-mismatch": Code(ERREUR, "Total différent de la somme", {
        "default": "{label} : la ligne de total affiche {typed}, la somme des lignes au-dessus fait {actual} ; "
                   "corrigez la formule (elle doit couvrir toutes les lignes) ou recalculez le classeur.",
        "budget_total": "« {label} » vaut {amount} mais {what} donne {wanted}{cause} : rétablissez la formule "
                        "de total ou corrigez les lignes.",
    }),
    "declared-value-mismatch": Code(AVERTISSEMENT, "Chiffre déclaré différent du calcul", {
        "default": "« {label} » : {declared}{unit} déclaré, mais le calcul sur {source} donne {computed}{unit} "
                   "(écart {sign}{diff}{unit}) : corrigez la valeur déclarée (ou les lignes détaillées si ce "
                   "sont elles qui sont fausses).",
        "communes_count": "{key} : {declared} saisi, mais la feuille « Communes » du classeur du territoire en "
                          "compte {computed} à cette date : corrigez l'un ou l'autre.",
        "hypothesis_etp": "ETP animatrices {etp} différent de la somme des ETP des animatrices de l'équipe "
                          "({team_cells} : {team}) : corrigez cette valeur ou l'ETP des animatrices dans "
                          "l'équipe.",
        "hypothesis_etp_right": "ETP animatrices {etp} différent de la somme des ETP des animatrices de "
                                "l'équipe ({team_cells} : {team}) : saisissez {team}.",
    }),
    "declared-values-disagree": Code(AVERTISSEMENT, "Deux chiffres déclarés se contredisent", {
        "default": "« {label} » : {declared} ici, {other} en {at} pour le même indicateur ; gardez un seul "
                   "chiffre, celui des données ({computed}).",
        "mam_listing": "{mam} : {typed} {what} saisis ici, {actual} d'après la feuille Listing AM (AM dont la "
                       "colonne {letter} vaut « {mam} ») : corrigez ce nombre ou le listing.",
    }),
    "declared-not-compared": Code(INFO, "Chiffre déclaré non comparé (source à corriger d'abord)", {
        "default": "« {label} » n'est pas comparé au calcul tant que la source n'est pas corrigée ({reason}) : "
                   "corrigez d'abord ces cellules, puis relancez la vérification.",
        "bureau_votes": "{which} : quorum et votes non contrôlés, car {why} : {fix}, le contrôle se fera "
                        "ensuite.",
        "communes_count": "{rubric} : {declared} n'est pas un nombre, il n'est pas comparé à la feuille « "
                          "Communes » : saisissez le nombre de communes seul (sans texte).",
        "hypothesis_etp": "ETP animatrices {etp} non comparé à l'équipe ({source}) : corrigez d'abord l'ETP "
                          "des animatrices ({cells}).",
    }),
    "observatoire-label-unknown": Code(AVERTISSEMENT, "Indicateur de l'Observatoire non reconnu", {
        "default": "Indicateur « {label} » non reconnu : son chiffre n'est comparé à aucun calcul. Reprenez le "
                   "libellé exact du formulaire CAF.",
        "guess": "Indicateur « {label} » non reconnu : son chiffre n'est comparé à aucun calcul. Vouliez-vous "
                 "dire « {guess} » ? Reprenez le libellé exact du formulaire CAF.",
    }),
    "observatoire-label-approx": Code(INFO, "Libellé d'indicateur reconnu approximativement",
                   "Libellé « {label} » lu comme « {closest} » (libellé du formulaire CAF) : vérifiez qu'il s'agit "
                   "bien de cet indicateur et reprenez ce libellé."),
    # planning
    "planning-overlap": Code(ERREUR, "Créneaux qui se chevauchent",
                   "{day} : le créneau {start} à {end} chevauche {start2} à {end2} : corrigez les horaires pour "
                   "qu'ils se suivent."),
    "planning-total-mismatch": Code(ERREUR, "Total d'heures différent des créneaux", {
        "default": "TOTAL Heures du {day} vide alors que les créneaux font {computed} : saisissez {computed}.",
        "typed": "TOTAL Heures du {day} : {hours} saisi, mais les créneaux font {computed} : corrigez le total "
                 "ou les horaires.",
    }),
    "unknown-activity": Code(AVERTISSEMENT, "Activité sans catégorie",
                   "Activité « {activity} » ({start} à {end}) : aucun mot-clé de la feuille « Correspondance "
                   "activités » ne s'y trouve ; ajoutez un mot-clé ou reprenez le libellé."),
    "etp-hours-mismatch": Code(ERREUR, "ETP incohérent avec les heures", {
        "default": "Titre sans ETP lisible : écrivez « Planning type – {first_name} ({etp} ETP) ».",
        "week_hours_witnesses": "Les créneaux de la semaine font {week_hours}, alors que {witnesses} "
                                "correspondent à {ref} : corrigez les créneaux du planning.",
        "etp_hours": "ETP {etp} pour {hours} h par semaine : avec un temps plein de {full} h (base commune des "
                     "animatrices), l'ETP est {wanted} ; corrigez l'ETP ou les heures.",
        "title_etp_team": "Le titre indique {etp} ETP, la feuille Équipe {etp2} ETP ({at}) : mettez-les "
                          "d'accord.",
        "week_hours_team": "Les créneaux de la semaine font {week_hours}, la feuille Équipe indique {hours} "
                           "par semaine ({at}) : corrigez le planning ou les heures hebdomadaires.",
        "hours_witnesses": "Heures hebdo {hours} h : {witnesses} correspondent à {ref} h par semaine (temps "
                           "plein de {full} h) ; saisissez {ref}.",
        "etp_witnesses": "ETP {etp} : {witnesses} correspondent à {wanted} ETP (temps plein de {full} h, base "
                         "commune des animatrices) ; saisissez {wanted}.",
        "title_etp_witnesses": "Le titre indique {etp} ETP, mais {witnesses} correspondent à {wanted} ETP : "
                               "écrivez « Planning type – {first_name} ({wanted} ETP) ».",
    }),
    "planning-slot-without-time": Code(ERREUR, "Créneau écrit sans horaires", {
        "default": "« {activity} » ({day}) est écrit sans horaires : ses heures ne sont pas comptées. Écrivez le "
                   "créneau sous la forme « HHhMM à HHhMM {activity} », ou effacez cette ligne si elle n'est "
                   "qu'une remarque.",
        "total_more": "« {activity} » ({day}) est écrit sans horaires : ses heures ne sont pas comptées (le TOTAL "
                      "du {day}, {total}, compte {missing} de plus que les créneaux). Écrivez le créneau sous "
                      "la forme « HHhMM à HHhMM {activity} », ou effacez cette ligne si elle n'est qu'une remarque.",
    }),
    "activity-keyword-invalid": Code(ERREUR, "Ligne de « Correspondance activités » inutilisable", {
        "default": "Catégorie {category} : ce n'est pas une des catégories du bilan ({categories}) ; "
                   "choisissez-en une.",
        "note": "Mot-clé {keyword} : c'est une note, pas un mot des plannings (aucun créneau ne le contient) ; "
                "remplacez-le par le mot qui désigne l'activité dans les plannings et notez la remarque "
                "ailleurs.",
        "note_example": "Mot-clé {keyword} : c'est une note, pas un mot des plannings (aucun créneau ne le "
                        "contient) ; remplacez-le par le mot qui désigne l'activité dans les plannings (par "
                        "exemple « {example} ») et notez la remarque ailleurs.",
    }),
    # team reference (Équipe sheet)
    "team-name-mismatch": Code(ERREUR, "Nom de l'équipe écrit autrement que dans les autres feuilles",
                   "{column} {typed} : les autres feuilles écrivent « {spelling} » ({count}) et jamais {typed} ; "
                   "corrigez l'orthographe ici (« {spelling} »)."),
    "team-function-mismatch": Code(ERREUR, "Fonction contredite par le planning et l'ETP",
                   "Fonction {function} : cette personne a un planning et des heures d'animatrice ; si elle est "
                   "animatrice, saisissez « {usual_text} » (sinon retirez son planning)."),
    "etp-not-animatrice": Code(AVERTISSEMENT, "ETP sur la ligne d'une personne qui n'est pas animatrice",
                   "ETP {etps} sur la ligne de {function} : seuls les ETP des animatrices comptent au bilan CAF, "
                   "celui-ci n'est pas compté ; videz la cellule (ou, si cette personne est animatrice, saisissez « "
                   "{usual_text} » dans sa Fonction et créez son planning)."),
    # activity, AM, territory and team workbooks
    "training-not-saturday": Code(AVERTISSEMENT, "Formation AM un autre jour que le samedi",
                   "{title} : le {day} n'est pas un samedi, alors que les formations des assistants maternels ont "
                   "lieu le samedi ; vérifiez la date."),
}

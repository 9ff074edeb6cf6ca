"""Finding codes of reading: files, sheets, tables and cell values; the tool's own faults (registered in
``rpe_xl.findings.CODES``).

Codes are a stable contract (JSON output, tests); templates keep the wording of the messages in one place.
"""

from .finding_code import AVERTISSEMENT, ERREUR, INFO, Code

READING_CODES: dict[str, Code] = {
    # files and structure
    "file-not-found": Code(ERREUR, "Fichier introuvable",
                   "Fichier ou dossier introuvable : {printable}. Vérifiez le chemin."),
    "file-unreadable": Code(ERREUR, "Classeur illisible", {
        "default": "La feuille « {sheet_name} » est illisible ({reader_reason}) : le classeur est peut-être "
                   "corrompu ; rouvrez-le dans Excel et enregistrez-le à nouveau.",
        "workbook": "Le classeur ne peut pas être ouvert ({reader_reason}) : il est peut-être corrompu ; "
                    "rouvrez-le dans Excel et enregistrez-le à nouveau.",
        "os_error": "Le fichier ne peut pas être lu ({reason}).",
        "permission": "Le fichier est verrouillé (ouvert dans Excel ?) ou les droits de lecture manquent : "
                      "fermez-le puis relancez la vérification.",
    }),
    "file-not-xlsx": Code(ERREUR, "Fichier qui n'est pas un classeur .xlsx", {
        "default": "Ce fichier n'est pas un classeur Excel .xlsx (contenu illisible ou corrompu) : rouvrez-le dans "
                   "Excel et enregistrez-le au format .xlsx.",
        "corrupt": "Le fichier .xlsx est corrompu : restaurez-le depuis une sauvegarde.",
        "other_document": "Ce fichier est {kind}, pas un classeur Excel : vérifiez son nom et son extension.",
        "xls": "Ce classeur est à l'ancien format Excel 97-2003 (.xls) : ouvrez-le dans Excel et enregistrez-le au "
               "format .xlsx.",
    }),
    "file-encrypted": Code(ERREUR, "Classeur protégé par mot de passe",
                   "Le classeur est protégé par un mot de passe à l'ouverture : enregistrez une copie sans mot de "
                   "passe pour la vérification."),
    "file-too-large": Code(ERREUR, "Classeur refusé : décompression excessive", {
        "members": "Le classeur contient {count} éléments internes : refusé.",
        "zip_bomb": "Le classeur contient un élément anormalement compressé ({member} : {size_mb} Mo une fois "
                    "décompressé, plus de {ratio} fois sa taille dans le fichier ; « bombe zip ») : refusé par "
                    "précaution. S'il vient bien de l'équipe, rouvrez-le dans Excel et enregistrez-le à nouveau.",
        "over_limit": "Le classeur {what} (limite de lecture : {limit_mb} Mo) : il n'est pas lu, pour ne pas saturer "
                      "la mémoire. Si ce classeur est vraiment aussi gros, relancez la commande avec --limite-taille "
                      "{advised_mb} (en Mo) ; sinon il est peut-être piégé : ne l'ouvrez pas et demandez-en un "
                      "nouvel exemplaire.",
        "far_cell": "La feuille « {sheet_name} » a une cellule remplie très loin ({at}) : elle n'est pas lue (sa "
                   "lecture saturerait la mémoire). Dans Excel, effacez cette cellule ou supprimez les lignes et "
                   "colonnes vides au-delà du tableau (Ctrl+Fin montre la dernière cellule), puis enregistrez. Les "
                   "autres feuilles sont vérifiées.",
    }),
    "file-locked": Code(AVERTISSEMENT, "Classeur ouvert dans Excel",
                   "Le classeur est ouvert dans Excel ou LibreOffice (fichier {display_name}) : la vérification "
                   "porte sur la dernière version enregistrée, pas sur les saisies non enregistrées."),
    "file-empty": Code(ERREUR, "Classeur vide",
                   "Le fichier est vide (0 octet) : restaurez-le depuis une sauvegarde."),
    "unknown-workbook": Code(INFO, "Classeur non reconnu",
                   "Classeur non reconnu (aucune feuille attendue) : il n'est pas vérifié."),
    "duplicate-workbook": Code(AVERTISSEMENT, "Deux classeurs du même type",
                   "Deux classeurs « {title} » : {kept}{kept_when} est utilisé (le plus récent), "
                   "{dropped}{dropped_when} est ignoré. Ne gardez qu'un classeur de ce type dans le dossier (rangez "
                   "les anciens dans un sous-dossier)."),
    "missing-sheet": Code(ERREUR, "Feuille manquante",
                   "Feuille « {expected_sheet} » introuvable : rétablissez-la (ou son nom)."),
    "sheet-renamed": Code(INFO, "Nom de feuille approchant",
                   "Feuille « {approx} » lue comme « {expected_sheet} » : rétablissez le nom exact."),
    "missing-header": Code(ERREUR, "Ligne d'en-tête introuvable",
                   "Ligne d'en-tête introuvable dans la feuille « {sheet_name} » : les colonnes {wanted} sont "
                   "attendues sur une même ligne."),
    "missing-column": Code(ERREUR, "Colonne manquante",
                   "Colonne « {header} » introuvable sur la ligne d'en-tête {header_row} : rétablissez-la (le nom "
                   "exact compte, pas sa place)."),
    "empty-table": Code(AVERTISSEMENT, "Tableau vide",
                   "Le tableau de la feuille « {sheet_name} » n'a aucune ligne sous son en-tête : les contrôles et "
                   "les chiffres qui en dépendent sont faits sans elle. Rétablissez ses lignes (copie de sauvegarde "
                   "?) ou retirez la feuille si elle ne sert plus."),
    # cell values
    "value-repaired": Code(INFO, "Saisie corrigée à la lecture", {
        "animatrice_list": "Animatrices : {typed} n'est pas écrit comme dans la feuille Équipe : saisissez "
                           "{exact} (NOM Prénom).",
        "rubric_date": "{rubric} : {typed} est lu comme le {date} : saisissez {date} (date complète, cellule "
                       "au format Date).",
        "hours_text": "{header} : « {raw} » est écrit comme une heure et lu comme une durée de {hours} h ; la "
                      "colonne compte des heures : saisissez {hours} dans une cellule au format Nombre.",
        "hours_fraction": "{header} : {typed} est l'heure Excel {clock} (une fraction de jour), lue comme une "
                          "durée de {hours} h ; la colonne compte des heures : saisissez {hours} dans une "
                          "cellule au format Nombre.",
        "hours_time": "{header} : {clock} est une heure Excel, lue comme une durée de {hours} h ; la colonne "
                      "compte des heures : saisissez {hours} dans une cellule au format Nombre.",
        "date_text": "{header} : {typed} lu comme la date {date} ; saisissez-la comme une date Excel "
                     "(jj/mm/aaaa), pas comme du texte.",
        "invisible": "{header} : {clean} contient un caractère invisible (copié d'une page web ou d'un mail) ; "
                     "effacez la cellule et saisissez {clean} au clavier.",
        "nbsp": "{header} : {typed} contient une espace insécable (invisible) ; saisissez {clean} avec des "
                "espaces ordinaires.",
        "spaces": "{header} : {typed} contient des espaces en trop ; saisissez {clean}.",
        "read_as": "{header} : {typed} lu comme {clean} ; saisissez {clean} directement.",
        "person": "{header} : {typed} lu comme {proper} ; {fixes} : saisissez {proper}.",
        "holder_spaces": "Mandataire : {typed} contient une espace insécable (invisible, souvent collée depuis "
                         "un autre document) ; saisissez « {member} » avec des espaces ordinaires.",
        "holder_spelling": "Mandataire : {typed} est lu comme « {member} » ; saisissez le nom tel que l'écrit "
                           "la feuille de présence : « {member} ».",
    }),
    "invalid-number": Code(ERREUR, "Nombre attendu", {
        "default": "Nombre d'équivalents temps plein : {typed} n'est pas un nombre : saisissez le nombre "
                   "d'ETP{right}, sans texte ; les heures hebdomadaires vont dans la ligne au-dessus.",
        "budget_amount": "« {label} » : {raw} n'est pas un montant : saisissez un nombre (ex. 4160 ou 4 "
                         "160,00) ; les totaux et l'équilibre qui en dépendent ne sont pas vérifiés.",
        "arrival_question": "À partir de la question : {number} n'est pas un numéro de question plausible : "
                            "saisissez le numéro de la question seul, dans une cellule au format Nombre.",
        "percentage": "Pourcentage {raw} : ce n'est pas un nombre ; saisissez le pourcentage du dossier (ex. "
                      "18,75 %).",
        "cell": "{header} : {typed} n'est pas un nombre : saisissez un nombre (ex. 4 ou 4,5), sans texte.",
        "cell_not_integer": "{header} : {typed} n'est pas un nombre entier : saisissez un nombre entier (ex. "
                            "4).",
        "cell_integer": "{header} : {typed} n'est pas un nombre : saisissez un nombre entier (ex. 4), sans "
                        "texte.",
        "hypothesis_etp": "ETP animatrices : {typed} n'est pas un nombre : saisissez le nombre d'ETP des "
                          "animatrices, sans texte.",
        "hypothesis_etp_team": "ETP animatrices : {typed} n'est pas un nombre : saisissez le nombre d'ETP des "
                               "animatrices ({team} selon l'équipe), sans texte.",
        "arrival_date": "À partir de la question : {number} est la date {day} (Excel a changé la saisie, « "
                        "{typed} » par exemple, en date) : saisissez le numéro de la question seul, dans une "
                        "cellule au format Nombre.",
    }),
    "invalid-date": Code(ERREUR, "Date attendue", {
        "rubric": "{rubric} : {typed} n'est pas une date : saisissez une date au format jj/mm/aaaa.",
        "cell": "{header} : {typed} n'est pas une date : saisissez une date au format jj/mm/aaaa.",
        "cell_impossible": "{header} : {typed} n'existe pas au calendrier (jour ou mois impossible, 29/02 "
                           "d'une année non bissextile…) : corrigez le jour ou le mois.",
        "signature": "« Fait le » : {typed} n'est pas une date : saisissez la date de signature au format "
                     "jj/mm/aaaa.",
        "signature_impossible": "« Fait le » : {typed} n'existe pas au calendrier (jour ou mois impossible, "
                                "29/02 d'une année non bissextile…) : corrigez le jour ou le mois.",
    }),
    "invalid-time": Code(ERREUR, "Horaire illisible", {
        "default": "Nombre d'heures {raw} : ce n'est pas une durée lisible{hint}.",
        "planning_total": "TOTAL Heures du {day} illisible : saisissez la durée comme « {computed} ».",
        "cell": "{header} : {typed} n'est pas une durée lisible : saisissez par exemple 7h ou 31h30.",
        "cell_ambiguous_hours": "{header} : {typed} est ambigu : {typed} h ({minutes} minutes), ou l'heure "
                                "Excel {clock} (une fraction de jour), soit {hours} h ? Saisissez le nombre "
                                "d'heures : {hours} pour {clock}, ou « 0h{minutes:02d} » pour {minutes} "
                                "minutes.",
        "slot_start": "Horaire illisible dans le créneau {pieces} : écrivez-le sous la forme « {start} à HHhMM "
                      "» (heure de 0 à 23, minutes sur deux chiffres, fin après le début).",
        "slot": "Horaire illisible dans le créneau {pieces} : écrivez-le sous la forme « HHhMM à HHhMM » "
                "(heure de 0 à 23, minutes sur deux chiffres, fin après le début).",
        "slots": "Horaire illisible dans les créneaux {pieces} : écrivez-les sous la forme « HHhMM à HHhMM » "
                 "(heure de 0 à 23, minutes sur deux chiffres, fin après le début).",
    }),
    "formula-error": Code(ERREUR, "Formule en erreur", {
        "default": "{label} : la ligne de total affiche {typed} (formule cassée) ; rétablissez la formule de "
                   "somme des lignes au-dessus.",
        "budget_amount": "« {label} » : « {raw} » est une formule en erreur : corrigez la formule (ou la "
                         "cellule qu'elle utilise) ou saisissez le montant ; les totaux et l'équilibre qui en "
                         "dépendent ne sont pas vérifiés.",
        "evolution": "« {label} » affiche {raw} (formule en erreur) : corrigez la formule ou les nombres d'AM "
                     "du tableau qu'elle utilise, ou tapez le chiffre du dossier.",
        "declared_value": "Valeur déclarée en erreur ({raw}) : le tableau se saisit sans formule ; tapez le "
                          "chiffre du dossier à la place.",
        "planning_slots": "Créneaux en erreur ({raw}) : la cellule contient une formule en erreur ; "
                          "remplacez-la par les créneaux tapés sous la forme « HHhMM à HHhMM activité ».",
        "planning_total": "TOTAL Heures du {day} en erreur ({raw}) : remplacez la formule par la durée {shown}.",
        "cell": "{header} : {typed} est une formule en erreur : corrigez la formule ou la cellule qu'elle "
                "utilise.",
    }),
    "formula-not-computed": Code(AVERTISSEMENT, "Formule sans valeur calculée",
                   "« {label} » : la formule de {at} n'a pas de valeur calculée (fichier enregistré par un "
                   "programme qui ne calcule pas les formules) ; ouvrez le classeur dans Excel ou LibreOffice, "
                   "enregistrez-le, puis relancez la vérification."),
    "missing-value": Code(ERREUR, "Valeur obligatoire manquante", {
        "default": "{header} : cellule vide ; saisissez une valeur.",
        "places_september": "{am_code} est en activité : saisissez ses places disponibles pour septembre (0 "
                            "s'il n'en a pas).",
        "team_row_emptied": "Ligne {blank} vide dans le tableau de l'équipe, alors que {shown} nomme {names}, "
                            "absente de la feuille : ressaisissez sa ligne (nom, prénom, fonction, heures "
                            "hebdo, ETP), ou supprimez la ligne vide et son planning si elle a quitté le "
                            "Relais.",
        "commune": "Commune : cellule vide ; choisissez la commune dans la liste.",
        "animatrice": "Animatrice : cellule vide ; choisissez l'animatrice dans la liste.",
        "etp": "ETP : cellule vide pour une animatrice ; saisissez son ETP (1 pour un temps plein, 0,8 pour 28 "
               "h sur 35 h…).",
        "answer_date": "Date de réponse vide alors que la suite est {outcome} : saisissez la date de la "
                       "réponse (le délai moyen de réponse du bilan CAF en dépend).",
    }),
    "value-not-in-list": Code(ERREUR, "Valeur hors de la liste", {
        "default": "{header} : {typed} n'est pas dans la liste déroulante. Choisissez une valeur de la liste.",
        "guess": "{header} : {typed} n'est pas dans la liste déroulante. Vouliez-vous dire « {guess} » ? "
                 "Choisissez une valeur de la liste.",
        "short_list": "{header} : {typed} n'est pas dans la liste déroulante ; saisissez {choices}.",
        "commune": "{commune} n'est pas dans la liste déroulante « Communes » de la feuille Listes : "
                   "ajoutez-la à la liste (elle est dans le périmètre du Relais).",
    }),
    "out-of-range": Code(ERREUR, "Valeur hors des bornes",
                   "{header} : {typed} est hors des bornes ({bounds}) ; corrigez la valeur."),
    "duplicate-key": Code(ERREUR, "Identifiant en double", {
        "default": "{member} figure deux fois dans la liste des membres (ligne {rows}) : supprimez le doublon.",
        "identifier_gap": "{label} {key_value} est déjà utilisé en {at} : chaque ligne doit avoir son propre "
                          "identifiant ; la numérotation attend {wanted} ici.",
        "identifier_number": "{label} {key_value} est déjà utilisé en {at} : chaque ligne doit avoir son "
                             "propre identifiant ; donnez à cette ligne le numéro suivant libre.",
        "identifier_code": "{label} {key_value} est déjà utilisé en {at} : chaque ligne doit avoir son propre "
                           "identifiant ; vérifiez laquelle des deux lignes ({at} ou celle-ci) porte le bon "
                           "code et corrigez l'autre.",
        "question": "Question n° {q} déjà saisie ligne {rows} : chaque délibération a son propre numéro.",
        "participant": "{person_code} est déjà inscrit à la séance {key} en {at} : supprimez cette ligne en "
                       "double.",
        "rubric": "Rubrique {rubric} déjà saisie ligne {rows} : seule la ligne {rows} est lue ; supprimez "
                  "cette ligne ou corrigez sa rubrique.",
        "hypothesis": "« {line} » figure déjà en {at} dans le tableau : une ligne du formulaire n'a qu'une "
                      "hypothèse ; supprimez l'une des deux lignes ou saisissez le libellé de la ligne qu'elle "
                      "prévoit. Cette ligne du formulaire n'est pas comparée.",
    }),
    "unknown-reference": Code(ERREUR, "Référence inconnue", {
        "default": "La MAM {mam} n'est pas dans la feuille MAM : ajoutez-la à la feuille MAM ou corrigez le "
                   "nom.",
        "person_code": "{person_code} n'existe pas dans {where} : saisissez le code d'une personne existante "
                       "(ou ajoutez-la d'abord à la liste).",
        "seance": "N° séance {seance} n'existe pas dans la feuille Séances : saisissez le numéro d'une séance "
                  "existante.",
    }),
    "date-out-of-period": Code(ERREUR, "Date hors de la période du classeur", {
        "default": "{label} : {day} est hors de la période du classeur (du {start} au {end}, "
                   "{sheet_name}!{at}) ; corrigez la date ou saisissez cette ligne dans le classeur de la "
                   "bonne période.",
        "seance_file_name": "Date de la séance {day}, mais le nom du fichier {file_name} donne le {named} : "
                            "corrigez la date de la séance (ou le nom du fichier).",
    }),
    "date-in-future": Code(ERREUR, "Date dans le futur",
                   "{label} : {day} est après aujourd'hui ({today}) ; corrigez la date (souvent une faute de frappe "
                   "sur l'année ou le mois)."),
    "date-order": Code(ERREUR, "Dates dans le désordre", {
        "default": "{convocation} {conv} : elle doit précéder la séance du {shown} : corrigez-la.",
        "after_seance": "{what} le {day}, avant la séance du {shown} : une délibération ne peut être transmise "
                        "ou publiée qu'après avoir été votée ; corrigez la date.",
        "answer_before_receipt": "Date de réponse {answered} avant la date de réception {received} ({at}) : "
                                 "corrigez l'une des deux dates.",
        "commune_left_before_joined": "{commune} : date de sortie {left} avant la date d'adhésion {joined} ; "
                                      "corrigez l'une des deux dates.",
    }),
    # drop-down lists
    "list-outdated": Code(AVERTISSEMENT, "Liste déroulante à compléter", {
        "default": "{person} n'est pas dans la liste déroulante « Animatrices » de la feuille Listes : "
                   "ajoutez-la à la liste.",
        "commune": "{commune} n'est pas dans la liste déroulante « Communes » de la feuille Listes : "
                   "ajoutez-la à la liste (elle est dans le périmètre du Relais).",
    }),
    "list-value-unknown": Code(
        AVERTISSEMENT, "Valeur de liste ou rubrique attendue introuvable (contrôles non faits)", {
        "value": "Liste « {list_name} » : la valeur {quoted} manque ; sans elle, ne sont pas contrôlés : "
                 "{uses}. Rétablissez {quoted} dans la liste (et dans les cellules qui s'en servent), ou, si "
                 "la valeur a été renommée exprès, faites reporter le nouveau libellé dans la description des "
                 "classeurs ({description_file}).",
        "value_guess": "Liste « {list_name} » : la valeur {quoted} manque ; sans elle, ne sont pas contrôlés : "
                       "{uses}. La liste a {guesses} : une valeur renommée ? Rétablissez {quoted} dans la "
                       "liste (et dans les cellules qui s'en servent), ou, si la valeur a été renommée exprès, "
                       "faites reporter le nouveau libellé dans la description des classeurs "
                       "({description_file}).",
        "values": "Liste « {list_name} » : les valeurs {quoted} manquent ; sans elles, ne sont pas contrôlés : "
                  "{uses}. Rétablissez {quoted} dans la liste (et dans les cellules qui s'en servent), ou, si "
                  "la valeur a été renommée exprès, faites reporter le nouveau libellé dans la description des "
                  "classeurs ({description_file}).",
        "values_guess": "Liste « {list_name} » : les valeurs {quoted} manquent ; sans elles, ne sont pas "
                        "contrôlés : {uses}. La liste a {guesses} : une valeur renommée ? Rétablissez {quoted} "
                        "dans la liste (et dans les cellules qui s'en servent), ou, si la valeur a été "
                        "renommée exprès, faites reporter le nouveau libellé dans la description des classeurs "
                        "({description_file}).",
        "rubric": "Rubrique « {label} » introuvable dans la feuille « {sheet_name} » : sa valeur n'est ni lue "
                  "ni contrôlée (la délibération ne peut pas la citer). Rétablissez le libellé « {label} », "
                  "ou, s'il a été renommé exprès, faites reporter le nouveau libellé dans la description des "
                  "classeurs ({description_file}).",
        "rubric_guess": "Rubrique « {label} » introuvable dans la feuille « {sheet_name} » : sa valeur n'est "
                        "ni lue ni contrôlée (la délibération ne peut pas la citer). La feuille a « {guess} » "
                        ": une rubrique renommée ? Rétablissez le libellé « {label} », ou, s'il a été renommé "
                        "exprès, faites reporter le nouveau libellé dans la description des classeurs "
                        "({description_file}).",
    }),
    # tool
    "internal-error": Code(ERREUR, "Erreur interne d'un contrôle",
                   "Le contrôle « {fn} » a échoué ({exc}) ; les autres contrôles ont été faits. Signalez-le à "
                   "l'équipe informatique."),
}

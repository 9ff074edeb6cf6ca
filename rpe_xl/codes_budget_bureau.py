"""Finding codes of the budget and the Bureau (registered in ``rpe_xl.findings.CODES``).

Codes are a stable contract (JSON output, tests); templates keep the wording of the messages in one place.
"""

from .finding_code import AVERTISSEMENT, ERREUR, INFO, Code

BUDGET_BUREAU_CODES: dict[str, Code] = {
    # budget
    "budget-line-deviation": Code(ERREUR, "Montant différent de l'hypothèse", {
        "default": "{year}, « {label} » : saisi {typed}, l'hypothèse « {hypothesis} » donne {computed} ; écart "
                   "{gap}{percent}. Saisissez {exact} ou corrigez la feuille {sheet_name}.",
        "no_hypothesis": "{year}, « {label} » : saisi {typed}, aucune hypothèse ne prévoit cette ligne, "
                         "montant attendu {computed} ; écart {gap}{percent}. Saisissez {exact} ou corrigez la "
                         "feuille {sheet_name}.",
    }),
    "budget-unbalanced": Code(ERREUR, "Budget non équilibré",
                   "{year} : total des produits {income} ≠ total des charges {charges} (écart {gap}){fix}"),
    "budget-86-87-mismatch": Code(ERREUR, "Compte 86 différent du compte 87", {
        "default": "Compte 87 {amount_87} ({at}) ≠ compte 86 {amount_86} ({at2}) : le 87 reporte le 86 ; "
                   "corrigez celle des deux cellules qui est fausse pour qu'elles portent le même montant.",
        "hypothesis": "Compte {side} {typed} ≠ compte {other_side} {other_amount} ({at}), montant que donne "
                      "l'hypothèse « {describe} » : le 87 reporte le 86 ; saisissez {computed}.",
    }),
    "budget-header-inconsistent": Code(AVERTISSEMENT, "En-tête différent d'une année à l'autre", {
        "default": "Titre « {title} » : année {year} dans la feuille « {sheet_name} » du budget {year2} : "
                   "saisissez {year2} dans le titre (ou, si le formulaire est celui de {year}, renommez la "
                   "feuille).",
        "other_year": "{title} {typed} différent de « {sheet_name} » ({ref} : {ref2}) : saisissez la même "
                      "valeur chaque année.",
        "charges_products": "{title} {typed} côté produits différent du côté charges ({other} : {other2}) : "
                            "saisissez la même valeur des deux côtés.",
        "hypothesis_etp": "ETP animatrices {etp} différent de celui des {n_forms} formulaires BP ({forms_etp}) "
                          ": corrigez cette valeur ou les formulaires.",
        "form_etp": "ETP {etp} différent {refs} : saisissez la valeur juste.",
        "form_etp_right": "ETP {etp} différent {refs} : saisissez {right}.",
    }),
    "budget-line-missing": Code(ERREUR, "Ligne absente d'une année", {
        "default": "Ligne « {key} » introuvable dans « {sheet_name} » : rétablissez la ligne du formulaire CAF "
                   "(son libellé exact).",
        "other_year": "Ligne « {label} » présente dans « {other} » ({at}) et absente de « {sheet_name} » : "
                      "rétablissez-la avec le même libellé.",
        "other_year_after": "Ligne « {label} » présente dans « {other} » ({at}) et absente de « {sheet_name} » "
                            "(après la ligne {after}) : rétablissez-la avec le même libellé.",
    }),
    "budget-hypothesis-invalid": Code(ERREUR, "Hypothèse inutilisable", {
        "tolerance": "Tolérance {typed} illisible : saisissez un montant en euros (ex. 1 ou 0,50) ; "
                     "{tolerance} est appliqué.",
        "account": "« {line} » : compte « {account} » non reconnu ; saisissez un compte 6x (charge), 7x "
                   "(produit) ou 86/87.",
        "account_guess": "« {line} » : compte « {account} » non reconnu ; saisissez le compte de la ligne du "
                         "formulaire ({guess} ?).",
        "method": "« {line} » : méthode « {method} » inconnue ; choisissez {methods}.",
        "base_missing": "« {line} » : montant de base manquant ; saisissez le montant de la première année.",
        "rate_missing": "« {line} » : paramètre manquant ; saisissez le taux annuel (ex. 2 %).",
        "step_missing": "« {line} » : paramètre manquant ; saisissez le montant ajouté chaque année (ex. 60).",
        "rounding": "« {line} » : arrondi « {rounding} » inconnu ; choisissez Centime ou Euro (Centime est "
                    "appliqué).",
        "rounding_guess": "« {line} » : arrondi « {rounding} » inconnu ; saisissez « {guess} » ({guess} est "
                          "appliqué).",
        "balance_not_product": "« {line} » : la méthode Solde ne s'applique qu'à un produit (la prestation "
                               "CAF, compte 70623).",
        "second_balance": "« {line} » : une seule ligne peut être le Solde (déjà « {balance} ») ; choisissez "
                          "une autre méthode.",
        "rate_date": "« {line} » : taux annuel illisible (la date {date}) ; saisissez le taux annuel (ex. 2 % "
                     "ou 0,02). Les lignes de cette hypothèse ne sont pas comparées.",
        "rate_impossible": "« {line} » : taux annuel de {rate} impossible : il {effect} ; un taux annuel est "
                           "compris entre -100 % et +100 % ; saisissez le taux annuel (ex. 2 % ou 0,02). Les "
                           "lignes de cette hypothèse ne sont pas comparées.",
        "base_negative": "« {line} » : montant de base {base} € négatif ; un montant du budget ne peut pas "
                         "l'être : saisissez le montant de la première année, sans signe moins. Les lignes de "
                         "cette hypothèse ne sont pas comparées.",
        "base_implausible": "« {line} » : montant de base {base}, plus de {ratio} fois ce que portent les "
                            "formulaires BP ({top} au plus) ; saisissez le montant de la première année. Les "
                            "lignes de cette hypothèse ne sont pas comparées.",
        "negative_progression": "« {line} » : progression de {step} € par an : le montant ({base} en "
                                "{base_year}) deviendrait négatif en {year} ({negative}) ; un montant du "
                                "budget ne peut pas être négatif : saisissez le montant ajouté (ou retiré) "
                                "chaque année. Les lignes de cette hypothèse ne sont pas comparées.",
        "orphan_charge": "« {line} » ne correspond à aucune ligne des charges des formulaires BP (une charge "
                         "est reliée par son libellé) : saisissez le libellé exact de la ligne du formulaire.",
        "orphan_charge_guess": "« {line} » ne correspond à aucune ligne des charges des formulaires BP (une "
                               "charge est reliée par son libellé) : saisissez le libellé exact de la ligne (« "
                               "{guess} » ?).",
        "orphan_product": "« {line} » : compte « {account} » absent des produits des formulaires BP (un "
                          "produit est relié par son compte) : saisissez le compte de la ligne du formulaire "
                          "(les chiffres en tête de son libellé).",
        "orphan_product_guess": "« {line} » : compte « {account} » absent des produits des formulaires BP (un "
                                "produit est relié par son compte) : saisissez le compte ({guess} ?).",
    }),
    "caf-rule": Code(INFO, "Comparaison avec la règle CAF", {
        "default": "{year} : la prestation CAF ({paid}) couvre {share} % des charges ; la règle CAF retient "
                   "{rate} % du prix de revient, soit {amount} dans la limite du plafond par ETP.",
        "missing": "{year} : la prestation CAF ({paid}) couvre {share} % des charges ; la règle CAF retient "
                   "{rate} % du prix de revient. Paramètres CAF manquants ({missing}) : le montant selon la "
                   "règle CAF n'est pas calculé.{how_to_set}",
        "missing_rate": "{year} : la prestation CAF ({paid}) couvre {share} % des charges. Paramètres CAF "
                        "manquants ({missing}) : le montant selon la règle CAF n'est pas calculé.{how_to_set}",
    }),
    "budget-amount-as-text": Code(ERREUR, "Montant saisi comme du texte (non compté par Excel)",
                   "« {label} » : {raw} est saisi comme du texte : Excel ne le compte pas{in_total}. Saisissez le "
                   "nombre {plain} (sans espace ni €)."),
    # Bureau
    "quorum-not-met": Code(ERREUR, "Quorum non atteint",
                   "Question {q} : {quorum_count} membres {counted} pour {members} en exercice, il en faut {needed} "
                   "({quorum_rule}) : la délibération n'est pas valable ; vérifiez la feuille de présence ou "
                   "reportez la question."),
    "proxy-invalid": Code(ERREUR, "Procuration invalide", {
        "no_holder": "{giver} est « Représenté » sans mandataire : indiquez le « NOM Prénom » du porteur du "
                     "pouvoir.",
        "holder_guess": "Mandataire {typed} introuvable sur la feuille de présence : vouliez-vous dire « "
                        "{guess} » ? Saisissez le « NOM Prénom » exact du membre.",
        "holder_not_member": "Le mandataire {typed} n'est pas sur la feuille « Membres » : la procuration de "
                             "{giver} est nulle ; indiquez un membre présent.",
        "holder_namesakes": "Mandataire {which} Plusieurs membres portent ce nom : saisissez le « NOM Prénom » "
                            "exact du porteur du pouvoir.",
        "holder_unknown": "Mandataire {typed} introuvable sur la feuille de présence : saisissez le « NOM "
                          "Prénom » exact d'un membre présent.",
        "self": "{giver} ne peut pas se donner procuration : indiquez un autre membre présent.",
        "holder_absent": "Le mandataire {holder} n'est pas présent (statut {status}) : la procuration de "
                         "{giver} est nulle ; indiquez un membre présent.",
        "holder_late": "Le mandataire {holder} n'arrive qu'à la question {from_question} : la procuration de "
                       "{giver} ne compte pas pour la question {q} (retirez-la des votes).",
    }),
    "proxy-multiple": Code(ERREUR, "Plus d'une procuration pour un même mandataire",
                   "{holder} porte déjà {proxies} : un membre ne peut en porter {at_most} ; confiez celle de "
                   "{giver} à un autre membre présent."),
    "member-status-conflict": Code(ERREUR, "Membre avec deux statuts", {
        "default": "{member} figure déjà ligne {rows} de la feuille de présence (statut {status}) : supprimez "
                   "cette ligne (statut {status2}) ; seule la ligne {rows} est comptée.",
        "present_with_holder": "{member} a le statut {status} et un mandataire ({holder}) : mettez le statut « "
                               "{represented} » ou videz le mandataire.",
        "arrival_not_present": "{member} a le statut {status} mais une question d'arrivée ({from_question}) : "
                               "mettez « {present} » ou videz cette cellule.",
    }),
    "unknown-member": Code(ERREUR, "Personne absente de la liste des membres", {
        "default": "{member} n'a pas de ligne sur la feuille « Présences » : ajoutez-la avec son statut "
                   "({either}).",
        "presence_namesakes": "{which} Plusieurs membres portent ce nom : saisissez le nom et le prénom du "
                              "membre.",
        "presence_namesakes_not_counted": "{which} Plusieurs membres portent ce nom : saisissez le nom et le "
                                          "prénom du membre ; en attendant, cette ligne n'est comptée ni dans "
                                          "le quorum ni dans les votes.",
        "presence_guess": "{person} n'est pas dans la feuille « Membres » (nom et prénom) : vouliez-vous dire "
                          "« {guess} » ? Corrigez l'orthographe ou ajoutez ce membre.",
        "presence_guess_not_counted": "{person} n'est pas dans la feuille « Membres » (nom et prénom) : "
                                      "vouliez-vous dire « {guess} » ? Corrigez l'orthographe ou ajoutez ce "
                                      "membre ; en attendant, cette ligne n'est comptée ni dans le quorum ni "
                                      "dans les votes.",
        "presence": "{person} n'est pas dans la feuille « Membres » (nom et prénom) : corrigez l'orthographe "
                    "ou ajoutez ce membre.",
        "presence_not_counted": "{person} n'est pas dans la feuille « Membres » (nom et prénom) : corrigez "
                                "l'orthographe ou ajoutez ce membre ; en attendant, cette ligne n'est comptée "
                                "ni dans le quorum ni dans les votes.",
        "officer_namesakes": "{key} {which} Plusieurs membres portent ce nom : saisissez le « NOM Prénom » "
                             "exact d'un membre.",
        "officer_guess": "{key} : {typed} n'est pas sur la feuille de présence : vouliez-vous dire « {guess} » "
                         "? Saisissez le « NOM Prénom » exact d'un membre.",
        "officer": "{key} : {typed} n'est pas sur la feuille de présence : saisissez le « NOM Prénom » exact "
                   "d'un membre.",
        "signatory_namesakes": "Signataire {which} Plusieurs membres portent ce nom : saisissez le « NOM "
                               "Prénom » exact d'un membre, puis sa qualité après une virgule.",
        "signatory_guess": "Signataire {typed} absent de la feuille « Membres » : vouliez-vous dire « {guess} "
                           "» ? Saisissez le « NOM Prénom » exact d'un membre, puis sa qualité après une "
                           "virgule.",
        "signatory": "Signataire {typed} absent de la feuille « Membres » : saisissez le « NOM Prénom » exact "
                     "d'un membre, puis sa qualité après une virgule.",
    }),
    "vote-count-mismatch": Code(ERREUR, "Votes différents des présents et représentés",
                   "Question {q} : Pour + Contre + Abstention + Ne prend pas part = {total}, mais {wanted} : "
                   "corrigez le décompte ou la feuille de présence."),
    "seance-count-mismatch": Code(AVERTISSEMENT, "Décompte de la séance différent de la feuille de présence",
                   "{key} : {declared} déclaré, {computed} {what} : corrigez l'un ou l'autre."),
    "member-name-mismatch": Code(ERREUR, "Nom d'un membre écrit autrement sur l'autre feuille",
                   "{title} {typed} : la feuille « {sheet_name} » écrit {other} (ligne {rows}). Vouliez-vous dire « "
                   "{right} » ? Corrigez l'orthographe pour que les deux feuilles donnent le même nom."),
    # Bureau séance and deliberation
    "officer-not-present": Code(ERREUR, "Président ou secrétaire de séance non présent", {
        "default": "{key} : {officer} n'est pas présent dès l'ouverture : désignez un membre présent.",
        "late": "{key} : {officer} n'est pas présent dès l'ouverture (arrive à la question {question}) : "
                "désignez un membre présent.",
    }),
    # budget prévisionnel
    "budget-line-rounding": Code(INFO, "Écart dans la tolérance (arrondi)", {
        "default": "{year}, « {label} » : saisi {typed}, l'hypothèse « {hypothesis} » donne {computed} ; écart "
                   "{gap}{percent}, dans la tolérance de {tolerance} : accepté ; pour un montant exact, "
                   "saisissez {exact}.",
        "no_hypothesis": "{year}, « {label} » : saisi {typed}, aucune hypothèse ne prévoit cette ligne, "
                         "montant attendu {computed} ; écart {gap}{percent}, dans la tolérance de {tolerance} "
                         ": accepté ; pour un montant exact, saisissez {exact}.",
    }),
    "budget-hypothesis-unusual": Code(AVERTISSEMENT, "Hypothèse inhabituelle (baisse chaque année)", {
        "linear": "« {line} » : progression de {step} € par an : le montant baisse chaque année ({amounts}). "
                  "Une baisse est inhabituelle : si elle est voulue, gardez-la ; sinon saisissez {typed} (sans "
                  "signe moins).",
        "linear_followed": "« {line} » : progression de {step} € par an : le montant baisse chaque année "
                           "({amounts}). Une baisse est inhabituelle, et les formulaires BP suivent une hausse "
                           "de {rise} : saisissez {typed} (sans signe moins). D'ici là, ses lignes et la ligne "
                           "d'équilibre (Solde) ne sont pas comparées.",
        "rate": "« {line} » : taux annuel de {step} : le montant baisse chaque année ({amounts}). Une baisse "
                "est inhabituelle : si elle est voulue, gardez-la ; sinon saisissez {typed} (sans signe moins).",
        "rate_followed": "« {line} » : taux annuel de {step} : le montant baisse chaque année ({amounts}). Une "
                         "baisse est inhabituelle, et les formulaires BP suivent une hausse de {rise} : "
                         "saisissez {typed} (sans signe moins). D'ici là, ses lignes et la ligne d'équilibre "
                         "(Solde) ne sont pas comparées.",
    }),
    "budget-amount-off-column": Code(ERREUR, "Montant hors de la colonne des montants (non compté par Excel)", {
        "default": "« {label} » : {raw} saisi en {at}, hors de la {amounts} des montants (le montant de la "
                   "ligne est en {own}) : aucun total ne le compte ; effacez-le, ou saisissez-le en {own} s'il "
                   "est le bon montant.",
        "moved": "« {label} » : {raw} saisi en {at}, hors de la {amounts} des montants : Excel ne le compte "
                 "pas{in_total}. Déplacez-le en {own}.",
    }),
    "budget-form-duplicate": Code(AVERTISSEMENT, "Formulaire BP en double (copie non lue)",
                   "Feuille « {sheet_name} » : deuxième formulaire de l'année {year} (le formulaire lu est « "
                   "{kept} ») : elle n'est ni contrôlée ni comptée. Supprimez cette copie, ou renommez-la « BP "
                   "» suivi de l'année qu'elle prévoit."),
    "budget-form-out-of-period": Code(AVERTISSEMENT, "Formulaire BP d'une année hors de la période (non lu)",
                   "Feuille « {sheet_name} » : l'année {year} est hors de la période du budget "
                   "({first}-{last}) : elle n'est ni contrôlée ni comptée. Corrigez l'année du nom de la "
                   "feuille (« BP » suivi d'une année de {first} à {last}) ou supprimez-la."),
}

"""Build a first Word template of the Bureau's deliberation, for a relais that has none yet.

    python templates/build_templates.py nouveau_modele.docx

``templates/deliberation.docx`` is the team's document (edited in Word): this script never replaces an
existing file.

The team may then edit the .docx in Word: the ``{{ … }}`` fields and ``{%p … %}`` lines are filled by
``rpe-xl deliberation``. No figure of the workbooks is typed here: dates, counts, names, communes,
vote, tribunal and deliberation references all come from the workbooks (see rpe_xl/documents/context.py).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
RAPPORTEUR_TITLE = ("{{ deliberation.rapporteur if 'président' in deliberation.rapporteur|lower "
                    "else seance.president.title }}")

# (text, style): style is a set of flags: b bold, c centred, k keyword (first word bold), s small space after
BODY: list[tuple[str, str]] = [
    ("{%p if warning %}", ""),
    ("{{ warning }}", "w"),
    ("{%p endif %}", ""),
    ("{{ collectivite.letterhead }}", "bc"),
    ("-ooOoo-", "c"),
    ("Le {{ seance.weekday_date }}, à {{ seance.time }}, le {{ seance.instance }} s'est réuni, à la "
     "{{ seance.place }}, sous la Présidence de {{ seance.president.full }}, "
     "{{ 'Présidente' if seance.president.feminine else 'Président' }} de la {{ collectivite.name }} en suite "
     "d'une convocation en date du {{ seance.convocation }}, dont un exemplaire a été affiché à "
     "l'{{ seance.display }}.", ""),
    ("ETAIENT PRESENTS :", "b"),
    ("{{ presents }}", ""),
    ("PROCURATIONS :", "b"),
    ("{{ proxies }}", ""),
    ("ETAIENT ABSENTS EXCUSES :", "b"),
    ("{{ absents }}", ""),
    ("{{ seance.secretary.full }} est {{ seance.secretary.elected }} Secrétaire,", ""),
    ("La séance est ouverte,", ""),
    ("{{ collectivite.name }},", "b"),
    ("DELIBERATION DU {{ seance.instance|upper }}", "bc"),
    ("{{ seance.date }}", "c"),
    ("{{ deliberation.theme }}", "b"),
    ("{{ deliberation.object }}", "b"),
    ("{{ deliberation.rapporteur }} expose à l'Assemblée les éléments suivants :", ""),
    ("« Vu le Projet de Territoire, approuvé par délibération n°{{ contexte.territory_project_number }} du "
     "Conseil Communautaire du {{ contexte.territory_project_date }} :", ""),
    ("Priorité n°3 : Garantir le « bien-vivre ensemble » et la proximité sur l'ensemble du territoire.", ""),
    ("Enjeu : Garantir un accès aux soins et aux droits pour tous.", ""),
    ("Par délibération n° {{ contexte.common_services_number }} du {{ contexte.common_services_date }}, le "
     "Conseil communautaire a approuvé la mise en place de services communs au "
     "{{ contexte.common_services_start }}, parmi lesquels figure le Relais Petite Enfance (RPE), anciennement "
     "dénommé relais d'assistantes maternelles.", ""),
    ("Au {{ communes.start }}, ce RPE intervient sur {{ communes.count_start }} communes de la Communauté "
     "d'Agglomération.", ""),
    ("{%p if communes.joining|length > 1 %}", ""),
    ("Par délibérations de leurs conseils municipaux respectifs, les communes {{ communes.joining_names }} ont "
     "sollicité leur adhésion au service Relais Petite Enfance de la Communauté d'Agglomération, respectivement "
     "au {{ communes.joining_dates }}.", ""),
    ("{%p elif communes.joining %}", ""),
    ("Par délibération de son conseil municipal, la commune {{ communes.joining_names }} a sollicité son "
     "adhésion au service Relais Petite Enfance de la Communauté d'Agglomération au {{ communes.joining_dates }}.",
     ""),
    ("{%p endif %}", ""),
    ("Ainsi, le Relais Petite Enfance interviendra, à compter du {{ communes.new_start }} sur "
     "{{ communes.count_new }} communes de la Communauté d'Agglomération, dont la liste figure en annexe.", ""),
    ("Ce service dispose d'un agrément de la Caisse d'Allocations Familiales, qui à travers le référentiel "
     "national et les financements alloués, fixe le cadre d'intervention des RPE.", ""),
    ("L'agrément en vigueur arrive à échéance au {{ contexte.agreement_end }}.", ""),
    ("Il convient donc de solliciter l'agrément du Relais Petite Enfance (RPE) pour la période "
     "{{ contexte.period }} auprès de la Caisse d'Allocations Familiales (CAF), fondé sur le projet de "
     "fonctionnement et les budgets prévisionnels établis et annexés à la présente délibération.", ""),
    ("Sur la base du futur périmètre d'intervention du service, un comité partenarial s'est réuni le "
     "{{ contexte.committee_date }} pour partager le dossier d'agrément et les perspectives de fonctionnement.", ""),
    ("Suite à l'avis favorable de la Commission « {{ contexte.commission }} » du {{ contexte.commission_date }}, "
     "il est proposé à l'Assemblée de solliciter l'agrément du Relais Petite Enfance auprès de la Caisse "
     "d'Allocations Familiales et d'autoriser le Président, le Vice-président délégué ou la Conseillère déléguée "
     "à signer tout document y afférent. »", ""),
    (RAPPORTEUR_TITLE + " demande à l'Assemblée de bien vouloir se prononcer,", ""),
    ("En vertu des délibérations du Conseil communautaire en date des {{ contexte.delegations }} de solliciter "
     "les agréments auprès des différents services de l'Etat.", ""),
    ("Sur proposition de son Président,", "s"),
    ("Le {{ seance.instance }},", "s"),
    ("{{ deliberation.vote_mode }},", ""),
    ("SOLLICITE auprès de la Caisse d'Allocations Familiales (CAF), l'agrément Relais Petite Enfance pour la "
     "période {{ contexte.period }}.", "k"),
    ("AUTORISE le Président, le Vice-président délégué ou la Conseillère déléguée à signer tout document y "
     "afférent.", "k"),
    ("PRECISE que la présente délibération sera portée à la connaissance du Conseil communautaire lors de sa "
     "prochaine réunion.", "k"),
    ("INFORME que cette délibération peut faire l'objet d'un recours gracieux par saisine de son auteur ou d'un "
     "recours contentieux devant le tribunal administratif de {{ contexte.tribunal }}, dans un délai de deux mois "
     "à compter de sa publication au recueil des actes administratifs de la collectivité. Le tribunal "
     "administratif peut être saisi par l'application « Télérecours citoyens » accessible sur le site "
     "www.telerecours.fr.", "k"),
    ("Ainsi fait et délibéré les jours, mois et an susdits,", "s"),
    ("Ont signé au registre des délibérations les membres présents,", "s"),
    ("Pour extrait conforme,", "s"),
    ("Par délégation du Président,", "s"),
    ("{{ deliberation.signatory.article }} {{ deliberation.signatory.quality }},", ""),
    ("Certifié exécutoire par le Président", "s"),
    ("Compte tenu de la réception en", "s"),
    ("Sous-préfecture le : {{ deliberation.prefecture_stamp }}", ""),
    ("Et de la publication le : {{ deliberation.publication_stamp }}", "s"),
    ("Par délégation du Président,", "s"),
    ("{{ deliberation.signatory.article }} {{ deliberation.signatory.quality }},", ""),
    ("{{ deliberation.signatory.name }}", "b"),
    ("{{ deliberation.signatory.name }}", "b"),
]


def build(target: Path = HERE / "deliberation.docx") -> Path:
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(10.5)
    for text, flags in BODY:
        p = doc.add_paragraph()
        p.alignment = CENTER if "c" in flags else JUSTIFY
        p.paragraph_format.space_after = Pt(2 if "s" in flags else 8)
        if "k" in flags:
            word, rest = text.split(" ", 1)
            p.add_run(word).bold = True
            p.add_run(" " + rest)
            continue
        run = p.add_run(text)
        run.bold = "b" in flags or "w" in flags
        if "w" in flags:
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            run.font.size = Pt(12)
    doc.core_properties.title = "Délibération du Bureau communautaire"
    doc.core_properties.author = "rpe-xl"
    doc.save(target)
    return target


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "deliberation.docx"
    if out.exists():
        sys.exit(f"{out} existe déjà : c'est peut-être le modèle modifié par l'équipe, il n'est pas remplacé. "
                 "Indiquez un autre fichier.")
    print(build(out))

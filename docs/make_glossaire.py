"""Regenerate docs/glossaire.md from the description of the workbooks (rpe_xl/data/classeurs.yaml):
``python docs/make_glossaire.py``."""

from pathlib import Path

from rpe_xl.read.description import description

TERMS = [
    ("Relais Petite Enfance (RPE)", "`rpe`"), ("Assistant maternel (AM)", "`am`"), ("Garde à domicile (GAD)", "`gad`"),
    ("Maison d'assistants maternels (MAM)", "`mam`"), ("Établissement d'accueil du jeune enfant (EAJE)", "`eaje`"),
    ("Équivalent temps plein (ETP)", "`etp`"), ("Caisse d'allocations familiales (CAF)", "`caf`"),
    ("Séance (action collective)", "`seance`"), ("Constat (problème signalé)", "`Finding`"),
    ("Erreur / avertissement / information", "`erreur` / `avertissement` / `info` (gravité)"),
    ("Périmètre (communes couvertes à une date)", "`communes_at`"), ("Mandataire (porteur d'un pouvoir)", "`proxy_holder`"),
    ("Quorum", "`quorum`"), ("Hypothèses budgétaires", "`hypotheses`"),
    ("Prestation de service CAF (ligne d'équilibre, méthode « Solde »)", "`Solde`"),
]


def render() -> str:
    desc = description()
    out = ["# Glossaire : termes des classeurs → noms dans le code", "",
           "Les en-têtes des classeurs (en français) sont retrouvés par leur texte, sans tenir compte de la casse, des",
           "accents ni des espaces ; le code les désigne par les noms ci-dessous. Tous ces textes sont écrits une seule",
           f"fois, dans la description des classeurs (`rpe_xl/data/classeurs.yaml`, version {desc.version}) : un libellé",
           "renommé par l'équipe se change là, pas dans le code.",
           "Fichier produit par `python docs/make_glossaire.py`.", ""]
    for wb in desc.workbooks:
        out += [f"## {wb.title} (`{wb.kind}`)", ""]
        for s in wb.sheets:
            if s.layout != "table":
                many = " (toutes les feuilles dont le nom commence ainsi)" if s.many else ""
                out.append(f"- Feuille *{s.name}*{many} → `{s.key}` (lue cellule par cellule)")
                continue
            out.append(f"- Feuille *{s.name}* → `{s.key}`")
            for f in s.fields:
                extra = f", liste *{f.list_name}*" if f.list_name else ""
                out.append(f"  - « {f.header}{'…' if f.prefix else ''} » → `{f.name}` ({f.kind}{extra})")
        out.append("")
    out += ["## Valeurs des listes déroulantes utilisées par le code", "",
            "Les contrôles et les indicateurs désignent ces valeurs par leur clé ; quand la liste d'un classeur n'a",
            "pas le libellé d'une valeur marquée « contrôle », le constat `list-value-unknown` le signale et les",
            "contrôles qui s'en servent ne sont pas faits.", ""]
    for spec in desc.lists.values():
        if not spec.values:
            continue
        out.append(f"- Liste *{spec.name}* → `{spec.key}`" if spec.name
                   else f"- Liste `{spec.key}` (sans colonne dans la feuille *Listes*)")
        for v in spec.values:
            tags = ", ".join(x for x in ("contrôle" if v.used_by else "",
                                         f"mots-clés `{v.match}`" if v.match else "",
                                         f"variantes : {', '.join(v.variants)}" if v.variants else "") if x)
            out.append(f"  - « {v.label} » → `{v.key}`" + (f" ({tags})" if tags else ""))
    out += ["", "## Rubriques des feuilles libellé / valeur", ""]
    for sheet, labels in desc.rubrics.items():
        out.append(f"- Feuille `{sheet}`")
        for r in labels.values():
            tags = ", ".join(x for x in ("date" if r.date else "", "début du libellé" if r.prefix else "",
                                         "facultative" if r.optional else "") if x)
            out.append(f"  - « {r.label} » → `{r.key}`" + (f" ({tags})" if tags else ""))
    out += ["", "## Identifiants", ""]
    out += [f"- `{p.key}` : {p.example} (`{p.regex}`)" for p in desc.identifiers.values()]
    out += ["", "## Termes du métier", "", "| Terme | Dans le code |", "|---|---|"]
    out += [f"| {a} | {b} |" for a, b in TERMS]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    Path(__file__).with_name("glossaire.md").write_text(render(), encoding="utf-8")

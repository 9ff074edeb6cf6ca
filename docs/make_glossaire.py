"""Regenerate docs/glossaire.md from rpe_xl/read/specs.py: ``python docs/make_glossaire.py``."""

from pathlib import Path

from rpe_xl.read.specs import WORKBOOKS

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
    out = ["# Glossaire : termes des classeurs → noms dans le code", "",
           "Les en-têtes des classeurs (en français) sont retrouvés par leur texte, sans tenir compte de la casse, des",
           "accents ni des espaces ; le code les désigne par les noms ci-dessous (`rpe_xl/read/specs.py`).",
           "Fichier produit par `python docs/make_glossaire.py`.", ""]
    for wb in WORKBOOKS:
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
    out += ["## Termes du métier", "", "| Terme | Dans le code |", "|---|---|"]
    out += [f"| {a} | {b} |" for a, b in TERMS]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    Path(__file__).with_name("glossaire.md").write_text(render(), encoding="utf-8")

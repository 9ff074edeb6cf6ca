"""Regenerate docs/constats.md from the registry of finding codes (rpe_xl/findings.py): ``python docs/make_constats.py``."""

from pathlib import Path

from rpe_xl.findings import CODES

SEVERITY = {"erreur": "erreur", "avertissement": "avertissement", "info": "information"}


def render() -> str:
    out = ["# Les constats de `rpe-xl verifier`", "",
           "Chaque constat porte un **code** stable (sortie JSON, `controles.xlsx`), une gravité et un message qui dit",
           "quoi corriger. Une `erreur` fait sortir la commande avec le code 1. Certains contrôles abaissent la gravité",
           "d'un constat quand le doute est permis (le message le dit). Fichier produit par `python docs/make_constats.py`.",
           "", "| Code | Gravité par défaut | Signification |", "|---|---|---|"]
    out += [f"| `{code}` | {SEVERITY[entry.severity]} | {entry.title} |" for code, entry in sorted(CODES.items())]
    out += ["", "## Messages", "",
            "Le message d'un constat est l'un des modèles de son code, les champs entre accolades (« {commune} »)",
            "remplis par la cellule en cause. Un code a plusieurs modèles quand la même faute se dit autrement selon",
            "l'endroit où elle est vue."]
    for code, entry in sorted(CODES.items()):
        out += ["", f"### `{code}` — {entry.title}", ""]
        out += [f"- *{variant}* : « {template} »" for variant, template in entry.templates.items()]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    Path(__file__).with_name("constats.md").write_text(render(), encoding="utf-8")

"""Regenerate ``communes_62.csv`` from the npm package ``@etalab/decoupage-administratif``.

Usage (in a temporary folder; the npm registry must be reachable)::

    npm pack @etalab/decoupage-administratif@6.0.0
    tar xzf etalab-decoupage-administratif-6.0.0.tgz
    python rpe_xl/data/make_communes_csv.py package/data/communes.json > rpe_xl/data/communes_62.csv

Keeps the communes of the Pas-de-Calais (département 62): current communes (``commune-actuelle``)
and, for helpful messages, former communes now delegated or associated (with their chef-lieu code).
"""

from __future__ import annotations

import csv
import json
import sys

DEPARTEMENT = "62"
TYPES = ("commune-actuelle", "commune-deleguee", "commune-associee")


def rows(communes: list[dict]) -> list[list[str]]:
    """``[[code_insee, nom, type, code_chef_lieu], …]`` sorted by type then code."""
    kept = [c for c in communes if c.get("departement") == DEPARTEMENT and c.get("type") in TYPES]
    kept.sort(key=lambda c: (TYPES.index(c["type"]), c["code"], c["nom"]))
    return [[c["code"], c["nom"], c["type"], c.get("chefLieu", "")] for c in kept]


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        communes = json.load(fh)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code_insee", "nom", "type", "chef_lieu"])
    out.writerows(rows(communes))


if __name__ == "__main__":
    main(sys.argv[1])

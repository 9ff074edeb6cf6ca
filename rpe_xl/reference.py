"""The tool's reference data: official communes of the Pas-de-Calais (code officiel géographique 2026).

Loaded once from ``rpe_xl/data/communes_62.csv`` (see ``rpe_xl/data/README.md`` for source and licence).

>>> ref = communes()
>>> ref.code_of("Liettres")
'62509'
>>> ref.name_of_code("62509")
'Liettres'
>>> ref.suggest("Liettes")
'Liettres'
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import datetime as dt

from .text import norm

COMMUNES_FILE = Path(__file__).parent / "data" / "communes_62.csv"
CURRENT = "commune-actuelle"


@dataclass(frozen=True)
class CommuneRef:
    """Official names and INSEE codes; ``former`` maps a delegated/associated commune to its chef-lieu name."""

    by_name: dict[str, str] = field(default_factory=dict)      # official name -> INSEE code
    by_code: dict[str, str] = field(default_factory=dict)      # INSEE code -> official name
    by_key: dict[str, str] = field(default_factory=dict)       # norm(name) -> official name
    former: dict[str, str] = field(default_factory=dict)       # norm(former name) -> official name today

    def is_official(self, name: object) -> bool:
        """Exact official spelling (``"Liettres"``), not a tolerant match."""
        return isinstance(name, str) and name in self.by_name

    def code_of(self, name: str) -> str | None:
        return self.by_name.get(name)

    def name_of_code(self, code: object) -> str | None:
        return self.by_code.get(str(code).strip()) if code is not None else None

    def official_spelling(self, name: object) -> str | None:
        """The official name written differently (case, accents, spaces): ``"liettres"`` -> ``"Liettres"``."""
        return self.by_key.get(norm(name))

    def absorbed_into(self, name: object) -> str | None:
        """For a former commune (``Berguette``), the commune it now belongs to (``Isbergues``)."""
        return self.former.get(norm(name))

    def suggest(self, name: object, preferred: Iterable[str] = ()) -> str | None:
        """Closest official name, names of ``preferred`` (the perimeter) first: ``"Liettes"`` -> ``"Liettres"``.
        Only official names are suggested: a misspelt name in ``preferred`` is ignored."""
        key = norm(name)
        if not key:
            return None
        exact = self.official_spelling(name) or self.absorbed_into(name)
        if exact:
            return exact
        # the perimeter first; the whole département only for a closer match (« Merville », of the Nord, is not
        # « Ervillers », 40 km away)
        for pool, cutoff in (({norm(p): p for p in preferred if p in self.by_name}, 0.8), (self.by_key, 0.85)):
            close = difflib.get_close_matches(key, list(pool), n=1, cutoff=cutoff)
            if close:
                return pool[close[0]]
        return None

    def identify(self, name: object, code: object = None) -> tuple[str | None, bool]:
        """(official name, found by the INSEE code?) of a commune typed ``name`` with INSEE ``code``: the name when
        official, else the commune of the code (unless the name is far from it and close to another), else the
        closest official name: ``identify("Liettes", "62509")`` -> ``("Liettres", True)``."""
        if self.is_official(name):
            return name, False
        by_code, guess = self.name_of_code(code), self.suggest(name)
        if by_code and (guess in (None, by_code)
                        or difflib.SequenceMatcher(None, norm(name), norm(by_code)).ratio() >= 0.6):
            return by_code, True
        return guess, False


@lru_cache(maxsize=1)
def communes() -> CommuneRef:
    """The Pas-de-Calais communes, read once per process."""
    text = COMMUNES_FILE.read_text(encoding="utf-8")
    ref = CommuneRef()
    former: list[tuple[str, str]] = []
    for row in csv.DictReader(text.splitlines()):
        if row["type"] == CURRENT:
            ref.by_name[row["nom"]] = row["code_insee"]
            ref.by_code[row["code_insee"]] = row["nom"]
            ref.by_key[norm(row["nom"])] = row["nom"]
        else:
            former.append((row["nom"], row["chef_lieu"]))
    for name, chef_lieu in former:
        today = ref.by_code.get(chef_lieu)
        if today and norm(name) not in ref.by_key:
            ref.former[norm(name)] = today
    return ref


def full_time_hours(day: dt.date | None = None) -> float:
    """Weekly hours of one full-time job (1 ETP) at ``day`` (``rpe_xl/data/temps_de_travail.yaml``): 35."""
    import datetime as dt

    from .parameters import parameter

    value = parameter("temps_de_travail").at(day or dt.date.today())
    return float(value if value is not None else parameter("temps_de_travail").values[0][1])

"""The collectivity's identity (name, SIRET), read from ``rpe-xl.toml`` (working folder, or beside the workbooks).

    [collectivite]
    nom = "Communauté d'Agglomération de …"
    siret = "20007…"          # 14 digits, for the SCDL export
    controle_legalite = ""    # PREF_ID of the SCDL export, e.g. SPREF0622 (optional)

Command-line options override the file (``--siret``, ``--collectivite``).

>>> load_config(Path("rpe-xl.toml")).name      # doctest: +SKIP
"Communauté d'Agglomération de Béthune-Bruay, Artois-Lys Romane"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

CONFIG_FILE = "rpe-xl.toml"


@dataclass(frozen=True)
class Collectivity:
    name: str = ""
    siret: str = ""
    pref_id: str = ""
    source: str = ""  # where it was read, for messages

    def siret_problem(self) -> str | None:
        """None when the SIRET is usable, else what to do, in French."""
        if not self.siret:
            return (f"SIRET de la collectivité manquant : ajoutez siret = \"…\" (14 chiffres) dans la section "
                    f"[collectivite] de {CONFIG_FILE}, ou passez --siret.")
        if not re.fullmatch(r"\d{14}", self.siret):
            return f"SIRET « {self.siret} » invalide : 14 chiffres attendus (SIREN + NIC), sans espace."
        return None


class ConfigError(ValueError):
    """The configuration file exists but cannot be read (message in French)."""


def find_config(near: Iterable[Path] = ()) -> Path | None:
    """``rpe-xl.toml`` of the current folder, else beside the workbooks given (their folder or its parent)."""
    folders = [Path.cwd()]
    for p in near:
        p = Path(p).resolve()
        folders += [p, p.parent] if p.is_dir() else [p.parent, p.parent.parent]
    return next((f / CONFIG_FILE for f in folders if (f / CONFIG_FILE).is_file()), None)


def load_config(path: Path | None = None, name: str | None = None, siret: str | None = None,
                near: Iterable[Path] = ()) -> Collectivity:
    """Read ``rpe-xl.toml`` (``path``, or found by :func:`find_config`) then apply the command-line overrides."""
    path = Path(path) if path else find_config(near)
    coll = Collectivity()
    if path is not None and path.exists():
        try:
            section = tomllib.loads(path.read_text(encoding="utf-8")).get("collectivite", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path.name} illisible ({exc}) : corrigez la syntaxe TOML.") from exc
        coll = Collectivity(str(section.get("nom", "")).strip(), str(section.get("siret", "")).replace(" ", ""),
                            str(section.get("controle_legalite", "")).strip(), str(path))
    if name:
        coll = replace(coll, name=name.strip())
    if siret:
        coll = replace(coll, siret=siret.replace(" ", ""))
    return coll

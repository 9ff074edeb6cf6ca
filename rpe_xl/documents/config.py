"""The collectivity's identity (name, SIRET), read from the ``[collectivite]`` section of ``rpe-xl.toml`` (working
folder, or beside the workbooks: see :mod:`rpe_xl.config_file`, which also holds the ``[parametres]``).

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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from ..config_file import CONFIG_FILE, ConfigError, find_config, read_config

__all__ = ["CONFIG_FILE", "Collectivity", "ConfigError", "find_config", "load_config", "siret_problem"]


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
        problem = siret_problem(self.siret)
        return f"{problem} (lu dans {self.source or '--siret'})" if problem else None


def siret_problem(siret: str) -> str | None:
    """None for a valid SIRET (14 digits, Luhn key of the SIREN and of the SIRET; La Poste's establishments, SIREN
    356000000, have a digit sum that is a multiple of 5 instead), else what is wrong, in French.

    >>> siret_problem("35600000049837") is None, siret_problem("21620108800018") is None
    (True, False)
    """
    from stdnum.exceptions import InvalidChecksum
    from stdnum.fr import siren, siret as siret_number

    if not re.fullmatch(r"\d{14}", siret):
        return f"SIRET « {siret} » invalide : 14 chiffres attendus (SIREN + NIC), sans espace ni lettre."
    try:
        siret_number.validate(siret)
    except InvalidChecksum:
        part = "SIREN (9 premiers chiffres)" if not siren.is_valid(siret[:9]) else "SIRET"
        return (f"SIRET « {siret} » invalide : la clé de contrôle du {part} est fausse (chiffre mal recopié ?) ; "
                "recopiez-le depuis l'avis de situation au répertoire SIRENE de la collectivité.")
    return None


def load_config(path: Path | None = None, name: str | None = None, siret: str | None = None,
                near: Iterable[Path] = ()) -> Collectivity:
    """Read ``rpe-xl.toml`` (``path``, or found by :func:`find_config`) then apply the command-line overrides."""
    path = Path(path) if path else find_config(near)
    coll = Collectivity()
    if path is not None and path.exists():
        section = read_config(path).get("collectivite", {})
        if not isinstance(section, dict):
            raise ConfigError(f"{path} : [collectivite] doit être une section (une ligne [collectivite] puis "
                              "nom = \"…\", siret = \"…\") : corrigez-la.")
        coll = Collectivity(str(section.get("nom", "")).strip(), str(section.get("siret", "")).replace(" ", ""),
                            str(section.get("controle_legalite", "")).strip(), str(path))
    if name:
        coll = replace(coll, name=name.strip())
    if siret:
        coll = replace(coll, siret=siret.replace(" ", ""), source="--siret")
    return coll

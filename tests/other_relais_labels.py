"""The other relais' own wording (tests/other_relais.py): some drop-down list values and a rubric of *Contexte RPE*
worded otherwise than in the team's workbooks, and the description of the workbooks that says so.

Each relabel is a whole-text replacement (a cell holding exactly the old label), so it stays a bijection with the
other replacements of the other relais. The relais' description is the package's ``classeurs.yaml`` loaded, its
labels changed by key, and dumped again into the relais' folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTION = ROOT / "rpe_xl" / "data" / "classeurs.yaml"


@dataclass(frozen=True)
class Relabel:
    """``old`` written ``new`` in the workbooks: the value ``key`` of the list ``section`` (``lists``) or the
    rubric ``key`` of the label/value sheet ``section`` (``rubrics``); ``key`` is None for a value the description
    gives no label for (the workbook's own list is then the only place it is named)."""

    kind: str  # "lists" or "rubrics"
    section: str
    key: str | None
    old: str
    new: str


RELABELS = (
    Relabel("lists", "oui_non", "oui", "Oui", "OUI"),  # Suivi d'activité and Assistants maternels
    Relabel("lists", "oui_non", "non", "Non", "NON"),
    Relabel("lists", "motifs_familles", "recherche_mode_accueil", "Recherche d'un mode d'accueil",
            "Recherche d'un mode de garde"),
    Relabel("lists", "types_action", "fete", "Fête", "Fête du relais"),
    Relabel("lists", "canaux", None, "Visio", "Visioconférence"),  # the description lists no channel
    Relabel("lists", "statut_presence", "excuse", "Absent excusé", "Absence excusée"),  # Bureau
    Relabel("rubrics", "contexte", "date_commission", "Date de la commission", "Date de passage en commission"),
)


def relabel_text(text: str) -> str:
    """``text`` worded as the other relais words it (unchanged unless it is exactly a relabelled label)."""
    return _BY_OLD.get(text, text)


_BY_OLD = {r.old: r.new for r in RELABELS}


def relabelled_description(source: Path = DESCRIPTION) -> dict:
    """The description in ``source`` (loaded from YAML) with the labels of :data:`RELABELS` changed, by key."""
    import yaml

    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    for r in RELABELS:
        if r.key is None:
            continue
        entries = raw[r.kind][r.section] if r.kind == "rubrics" else raw["lists"][r.section]["values"]
        entry = entries[r.key]
        if isinstance(entry, str):
            if entry != r.old:
                raise ValueError(f"{r.section}.{r.key}: label {entry!r}, {r.old!r} expected")
            entries[r.key] = r.new
        else:
            if entry["label"] != r.old:
                raise ValueError(f"{r.section}.{r.key}: label {entry['label']!r}, {r.old!r} expected")
            entry["label"] = r.new
    return raw


def write_description(path: Path, source: Path = DESCRIPTION) -> Path:
    """Write the other relais' description of its workbooks to ``path``."""
    import yaml

    text = yaml.safe_dump(relabelled_description(source), allow_unicode=True, sort_keys=False, width=120)
    path.write_text("# The other relais' workbooks (tests/other_relais_labels.py): the package's description with "
                    "its own labels.\n" + text, encoding="utf-8")
    return path


def renamed_indicators(indicators: dict, first_names: dict[str, str]) -> dict:
    """The team's indicators as the other relais should have them: ``repartition.<prénom>.*`` keys follow the
    animatrices' renamed first names (``first_names``: old key -> new key), every other key stays."""
    def renamed(key: str) -> str:
        parts = key.split(".")
        if parts[0] == "repartition" and parts[1] in first_names:
            parts[1] = first_names[parts[1]]
        return ".".join(parts)

    return {renamed(k): v for k, v in indicators.items()}


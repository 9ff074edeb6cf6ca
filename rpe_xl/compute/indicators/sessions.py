"""4.2 Collective sessions (séances, distinct participants), exchanges with professionals, and 5 online requests."""

from __future__ import annotations

import pandas as pd

from ...text import norm
from ._common import filled, slugs

ACTIONS = (("numerique", "atelier_numerique"), ("eveil", "atelier_eveil"), ("structure", "structure_territoire"),
           ("fete", "fete"), ("sortie", "sortie"), ("pret|materiel", "pret_materiel"))
PARTICIPANTS = (("assistant|garde", "professionnels"), ("enfant", "enfants"), ("parent", "parents"))
_PREFIXES = (("AM-", "professionnels"), ("GAD-", "professionnels"), ("E-", "enfants"), ("F-", "parents"))
MODALITIES = (("entretien", "entretien"), ("groupe|parole", "groupe_parole"), ("reunion|conference", "reunion_collective"))
THEMES = (("conditions", "conditions_acces_metier"), ("droit du travail", "droit_travail"),
          ("formation", "formations_continues"), ("passerelle", "passerelles_metiers"),
          ("besoins", "besoins_enfant"), ("eveil|developpement", "eveil_developpement"),
          ("ressources", "ressources_territoire"), ("monenfant|mon-enfant", "monenfant"),
          ("charte", "charte_nationale"), ("autre", "autres_sujets"))


def session_indicators(seances: pd.DataFrame | None, presences: pd.DataFrame | None) -> dict[str, int]:
    """``seances.*`` (rows per type), ``seances_presentiel.*``, ``seances_distanciel.*`` and
    ``participants.<p>.<t>``: DISTINCT ``Code participant`` per type of action; ``participants.<p>.total`` is
    distinct over all séances (not the sum of the types)."""
    out: dict[str, int] = {}
    types = [t for _, t in ACTIONS]
    if seances is None:
        return out
    action = slugs(seances["action_type"], ACTIONS)
    distance = seances["modality"].map(lambda v: "distanciel" if "distan" in norm(v) else "presentiel")
    out["seances.total"] = int(len(seances))
    for t in types:
        out[f"seances.{t}"] = int((action == t).sum())
    for mode in ("presentiel", "distanciel"):
        out[f"seances_{mode}.total"] = int((distance == mode).sum())
        for t in types:
            out[f"seances_{mode}.{t}"] = int(((action == t) & (distance == mode)).sum())
    if presences is None:
        return out
    type_of = dict(zip(seances["seance"], action))
    kind = slugs(presences["participant_type"], PARTICIPANTS)
    codes = presences["participant"]
    by_prefix = codes.map({c: _kind_by_prefix(c) for c in codes.dropna().unique()})
    kind = kind.where(kind.isin([k for _, k in PARTICIPANTS]), by_prefix)
    frame = pd.DataFrame({"action": presences["seance"].map(type_of), "kind": kind, "code": codes})
    frame = frame[filled(frame["code"]) & frame["kind"].notna()]
    per_type = frame.drop_duplicates().groupby(["kind", "action"]).size()  # rows without a séance type drop out
    totals = frame[frame["action"].notna()].drop_duplicates(["kind", "code"])["kind"].value_counts()
    for _, p in PARTICIPANTS:
        out[f"participants.{p}.total"] = int(totals.get(p, 0))
        for t in types:
            out[f"participants.{p}.{t}"] = int(per_type.get((p, t), 0))
    return out


def _kind_by_prefix(code) -> str | None:
    return next((k for p, k in _PREFIXES if isinstance(code, str) and code.upper().startswith(p)), None)


def seances_by_commune(seances: pd.DataFrame | None) -> dict[str, int]:
    """Number of séances per commune, most first. A commune that is not an official name of the Pas-de-Calais (a
    misspelt one, a formula typed as text) is not a commune: its séances are left out (``unknown-commune`` at the
    cell says what to type).

    >>> seances_by_commune(pd.DataFrame({"commune": ["Lillers", "Lillers", "Lilers", None]}))
    {'Lillers': 2}
    """
    if seances is None:
        return {}
    from ...reference import communes

    ref = communes()
    counts = seances["commune"].dropna().value_counts()
    return {str(k): int(v) for k, v in counts.items() if ref.is_official(k)}


def exchange_indicators(df: pd.DataFrame | None, theme_list: list[str] | None = None) -> dict[str, int]:
    """``echanges.<modalite>.<theme>``: rows (séances d'échange) per modality and theme; every theme of the
    workbook's list appears (0 when none). ``echanges_participants.<modalite>`` sums ``Nb participants``."""
    out: dict[str, int] = {}
    themes = [t for _, t in THEMES]
    for label in theme_list or []:
        s = slugs(pd.Series([label]), THEMES).iloc[0]
        if s and s not in themes:
            themes.append(s)
    if df is None:
        return out
    mod = slugs(df["modality"], MODALITIES)
    theme = slugs(df["theme"], THEMES)
    themes += [t for t in theme.dropna().unique() if t not in themes]
    for _, m in MODALITIES:
        mine = mod == m
        out[f"echanges.{m}.total"] = int(mine.sum())
        for t in themes:
            out[f"echanges.{m}.{t}"] = int((mine & (theme == t)).sum())
        out[f"echanges_participants.{m}"] = int(df.loc[mine, "participants"].fillna(0).sum())
    return out


def online_indicators(df: pd.DataFrame | None) -> dict[str, float | int]:
    """``demandes_en_ligne.total`` (rows) and ``demandes_en_ligne.delai_moyen_jours`` (calendar days, 1 decimal)."""
    if df is None:
        return {}
    delays = [(a - r).days for r, a in zip(df["received"], df["answered"])
              if hasattr(r, "toordinal") and hasattr(a, "toordinal")]
    out: dict[str, float | int] = {"demandes_en_ligne.total": int(len(df))}
    out["demandes_en_ligne.delai_moyen_jours"] = round(sum(delays) / len(delays), 1) if delays else 0.0
    return out

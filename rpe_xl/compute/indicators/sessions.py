"""4.2 Collective sessions (séances, distinct participants), exchanges with professionals, and 5 online requests."""

from __future__ import annotations

import pandas as pd

from ._common import filled, list_rules, slugs

# participant type (key of the list ``types_participant``) -> group counted by the CAF form
GROUPS = {"am": "professionnels", "gad": "professionnels", "enfant": "enfants", "parent": "parents"}
DISTANCE = "distanciel"  # key of the list ``modalites``; any other modality is counted « présentiel »


def _participant_kinds() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """(keyword, group) of the participant types, (code prefix, group) of their identifiers, and the groups."""
    from ...read.description import description

    types = description().lists["types_participant"].values
    idents = description().identifiers
    words = [(v.match, GROUPS[v.key]) for v in types if v.match and v.key in GROUPS]
    prefixes = [(idents[v.identifier].prefix + "-", GROUPS[v.key]) for v in types if v.identifier and v.key in GROUPS]
    return words, prefixes, list(dict.fromkeys(GROUPS.values()))


def session_indicators(seances: pd.DataFrame | None, presences: pd.DataFrame | None) -> dict[str, int]:
    """``seances.*`` (rows per type), ``seances_presentiel.*``, ``seances_distanciel.*`` and
    ``participants.<p>.<t>``: DISTINCT ``Code participant`` per type of action; ``participants.<p>.total`` is
    distinct over all séances (not the sum of the types)."""
    out: dict[str, int] = {}
    actions = list_rules("types_action")
    types = [t for _, t in actions]
    if seances is None:
        return out
    action = slugs(seances["action_type"], actions)
    distance = slugs(seances["modality"], [r for r in list_rules("modalites") if r[1] == DISTANCE])
    distance = distance.where(distance == DISTANCE, "presentiel")
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
    words, prefixes, groups = _participant_kinds()
    kind = slugs(presences["participant_type"], words)
    codes = presences["participant"]
    by_prefix = codes.map({c: _kind_by_prefix(c, prefixes) for c in codes.dropna().unique()})
    kind = kind.where(kind.isin(groups), by_prefix)
    frame = pd.DataFrame({"action": presences["seance"].map(type_of), "kind": kind, "code": codes})
    frame = frame[filled(frame["code"]) & frame["kind"].notna()]
    per_type = frame.drop_duplicates().groupby(["kind", "action"]).size()  # rows without a séance type drop out
    totals = frame[frame["action"].notna()].drop_duplicates(["kind", "code"])["kind"].value_counts()
    for p in groups:
        out[f"participants.{p}.total"] = int(totals.get(p, 0))
        for t in types:
            out[f"participants.{p}.{t}"] = int(per_type.get((p, t), 0))
    return out


def _kind_by_prefix(code, prefixes: list[tuple[str, str]]) -> str | None:
    return next((k for p, k in prefixes if isinstance(code, str) and code.upper().startswith(p)), None)


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
    rules, modalities = list_rules("themes_echanges"), list_rules("modalites_echange")
    themes = [t for _, t in rules]
    for label in theme_list or []:
        s = slugs(pd.Series([label]), rules).iloc[0]
        if s and s not in themes:
            themes.append(s)
    if df is None:
        return out
    mod = slugs(df["modality"], modalities)
    theme = slugs(df["theme"], rules)
    themes += [t for t in theme.dropna().unique() if t not in themes]
    for _, m in modalities:
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

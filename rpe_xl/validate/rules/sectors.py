"""Sectors: the sector of each commune (its *Communes* rows, weighed against the sectors of its AMs) and the
sector of each AM of *Listing AM* against her commune's.

A fault waits for its source: an AM whose commune is unknown or outside the *Communes* sheet, or whose commune's
sector in the *Communes* sheet is outside the drop-down list, is not judged on her sector (the commune or the
sector cell is reported where it stands).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...compute.territory import choose_sector
from ...findings import Finding
from ...read import Dataset
from ...text import fr_value
from ..registry import rule
from .common import present
from .territory import official_names


def _sectors(data: Dataset, kind: str, key: str) -> list[str] | None:
    """The drop-down list of the *Secteur* column of a table (None: the workbook has no such list)."""
    wb = data.workbook(kind)
    return wb.lists.values.get(wb.spec.sheet(key).field("sector").list_name) if wb is not None else None


def _am_sectors(data: Dataset) -> dict[str, Counter]:
    """Commune -> Counter of the sectors typed for its AMs (values of the drop-down only)."""
    t = data.table("assistants_maternels", "listing_am")
    if t is None or not (t.has("commune") and t.has("sector")):
        return {}
    allowed = set(_sectors(data, "assistants_maternels", "listing_am") or ())
    out: dict[str, Counter] = {}
    for (commune, sector), n in Counter(zip(t.df["commune"].tolist(), t.df["sector"].tolist())).items():
        if present(commune) and present(sector) and (not allowed or sector in allowed):
            out.setdefault(commune, Counter())[sector] = n
    return out


def sector_choices(data: Dataset, ctx) -> tuple[dict[str, Any], dict[str, Counter]]:
    """(commune -> :class:`~rpe_xl.compute.territory.SectorChoice`, commune -> Counter of its AMs' sectors). A
    *Communes* sector outside the drop-down list is reported at its cell and not used: the commune's AMs wait."""
    t = data.table("territoire", "communes")
    if t is None or not (t.has("commune") and t.has("sector")):
        return {}, {}

    def build():
        am = _am_sectors(data)
        valid = set(_sectors(data, "territoire", "communes") or ()) or None
        rows: dict[str, list] = {}
        for i, (name, sector) in enumerate(zip(official_names(data, ctx), t.df["sector"])):
            if present(name) and present(sector) and (valid is None or sector in valid):
                rows.setdefault(name, []).append((i, sector))
        return {n: choose_sector(r, am.get(n, Counter()), valid) for n, r in rows.items()}, am
    return ctx.memo("territory.sectors", build)


@rule
def listing_sector(data: Dataset, ctx) -> list[Finding]:
    """An AM's sector is the sector of her commune, as decided by :func:`sector_choices`: one ``sector-mismatch`` at
    her *Secteur* cell. Not checked while her commune is not an official name of the *Communes* sheet, while its
    *Communes* sector is outside the list, or when the commune's AMs contradict that sector (reported at the
    *Communes* cell instead)."""
    t = data.table("assistants_maternels", "listing_am")
    if t is None or not (t.has("sector") and t.has("commune")):
        return []
    choices, _ = sector_choices(data, ctx)
    expected_of = {n: c.expected for n, c in choices.items() if c.expected}
    if not expected_of:
        return []
    allowed = _sectors(data, "assistants_maternels", "listing_am")
    expected, sector = t.df["commune"].map(expected_of), t.df["sector"]
    bad = expected.notna() & sector.notna() & (sector != expected)
    if allowed:
        bad &= sector.isin(allowed)
    findings = []
    for i in bad.to_numpy().nonzero()[0].tolist():
        commune, value, want = t.df["commune"].iloc[i], sector.iloc[i], expected.iloc[i]
        findings.append(t.finding("sector-mismatch", i, "sector",
                                  variant="ambiguous" if choices[commune].ambiguous else "default",
                                  typed=fr_value(value), commune=commune, want=want,
                                  value=value, expected=want))
    return findings

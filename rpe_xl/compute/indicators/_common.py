"""Helpers shared by the indicator modules: map a workbook's labels to stable slugs, count rows."""

from __future__ import annotations

import re
from typing import Any, Iterable

import pandas as pd

from ...text import norm, slug


def slug_by_keywords(label: Any, rules: Iterable[tuple[str, str]], default: str | None = None) -> str | None:
    """First slug whose regular expression is found in the normalised label.

    >>> slug_by_keywords("Fête", [("fete", "fete")])
    'fete'
    """
    text = norm(label)
    if not text:
        return None
    for pattern, value in rules:
        if re.search(pattern, text):
            return value
    return default if default is not None else slug(label)


def slugs(series: pd.Series, rules: Iterable[tuple[str, str]], default: str | None = None) -> pd.Series:
    """Vectorised :func:`slug_by_keywords` (computed once per distinct label)."""
    rules = list(rules)
    mapping = {v: slug_by_keywords(v, rules, default) for v in series.dropna().unique()}
    return series.map(mapping)


def is_oui(series: pd.Series) -> pd.Series:
    """Rows answering yes: the label ``oui`` of the list ``oui_non`` of the description of the workbooks."""
    from ...read.description import label

    return series.astype(object).eq(label("oui_non", "oui"))


def list_rules(list_key: str) -> list[tuple[str, str]]:
    """(regular expression, value key) of the values of a list of the description that the indicators recognise by
    keywords (``match``): ``slugs(df["motif"], list_rules("motifs_familles"))``."""
    from ...read.description import keyword_rules

    return keyword_rules(list_key)


def filled(series: pd.Series) -> pd.Series:
    """A real value, not an empty text (each distinct value looked at once)."""
    values = series.astype(object)
    return series.notna() & values.map({v: bool(str(v).strip()) for v in values.dropna().unique()}).fillna(False)

"""Which *Hypothèses* row names which line of the CAF forms: a charge by its label, a product by its account,
``86/87`` the contributions; and, for a row naming no line, the line it most likely means.

>>> names_line({"line": "Salaires", "account": "64"}, "charges", "Salaires", None)
True
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..read.budget_form import CHARGES, PRODUITS, BudgetForm, FormLine, same_label
from ..text import norm
from .budget import CONTRIBUTIONS, side_of


def account_text(value: object) -> str:
    """The account typed in *Hypothèses* as text (``7451.0`` -> ``7451``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value or "").strip()


def names_line(rec: dict, side: str, label: str, account: str | None) -> bool:
    """Whether a *Hypothèses* row names this form line: a charge by its label, a product by its account."""
    name, acc = rec.get("line"), account_text(rec.get("account"))
    if side == CHARGES:
        return isinstance(name, str) and same_label(name, label)
    if side == PRODUITS:
        return bool(account) and acc == account
    return side_of(acc) == CONTRIBUTIONS   # 86 / 87


def names_any(broken: list[dict], side: str, label: str, account: str | None) -> bool:
    """Whether one of the rows ``broken`` names this form line."""
    return any(names_line(rec, side, label, account) for rec in broken)


def ident(ln: FormLine) -> tuple[str, str]:
    """What identifies a form line across the years: a product its account, a charge its label."""
    return ln.side, (ln.account or ln.key) if ln.side == PRODUITS else ln.key


_WORD = re.compile(r"[a-z0-9]{3,}")


def likely_line(name: object, account: object, candidates: list[FormLine], typed: set[tuple[str, str]]
                ) -> FormLine | None:
    """The form line a *Hypothèses* row that names no line most likely means, or None when no line is close
    or two are equally close. A product is matched on its account (a transposed digit counts as close), a
    charge on its label; a label mentioning the row's words (« MSA ») and a typed amount make a line likelier.

    >>> likely_line("MSA", "7541", form.lines["produits"], set()).account
    '7451'
    """
    account, key = account_text(account), norm(name)
    words = set(_WORD.findall(key))
    scored: list[tuple[float, FormLine]] = []
    for ln in candidates:
        if ln.side == PRODUITS:
            ratio = SequenceMatcher(None, account, ln.account).ratio() if account and ln.account else 0.0
            if ratio and sorted(account) == sorted(ln.account):
                ratio += 0.25
        else:
            ratio = SequenceMatcher(None, key, ln.key).ratio()
        mention = bool(words) and words <= set(_WORD.findall(ln.key))
        if ratio < 0.6 and not mention:
            continue
        scored.append((ratio + 0.5 * mention + 0.25 * (ident(ln) in typed), ln))
    scored.sort(key=lambda s: -s[0])
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def orphans(forms: list[BudgetForm], records: list[dict]) -> dict[int, FormLine | None]:
    """Rows of *Hypothèses* (charges and products) naming no form line, with the line each most likely means."""
    lines: dict[tuple[str, str], FormLine] = {}
    typed: set[tuple[str, str]] = set()
    for form in forms:
        for side in (CHARGES, PRODUITS):
            for ln in form.lines[side]:
                if not ln.category:
                    lines.setdefault(ident(ln), ln)
                if ln.amount:
                    typed.add(ident(ln))
    sides = {i: side_of(account_text(rec.get("account"))) for i, rec in enumerate(records)
             if isinstance(rec.get("line"), str) and rec["line"].strip()}
    named = {i: [key for key, ln in lines.items() if side in (None, ln.side)
                 and names_line(records[i], ln.side, ln.label, ln.account)]
             for i, side in sides.items() if side != CONTRIBUTIONS}
    claimed = {key for keys in named.values() for key in keys}
    free = [ln for key, ln in lines.items() if key not in claimed]
    out: dict[int, FormLine | None] = {}
    for i, keys in named.items():
        if not keys:
            candidates = [ln for ln in free if sides[i] in (None, ln.side)]
            out[i] = likely_line(records[i].get("line"), records[i].get("account"), candidates, typed)
    return out

"""Read a CAF budget form (``BP AAAA`` sheet) into its header, lines, totals and activity block.

Rows are found by their labels (tolerant matching with ``norm``), never by fixed row numbers:
the label column is the one holding ``DETAIL DES CHARGES``; a header value is the first filled cell to
its right; an amount is in the column where the lines hold their numbers (B), and a number typed in
another column of a line is kept apart (``off_column``), as Excel's totals leave it out.

>>> form = read_form("BP 2026", grid)
>>> form.year, form.totals["total_charges"].cell
(2026, 'B49')
>>> form.line("produits", account="70623").amount
Decimal('213321.2')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..text import norm
from .address import cell as a1
from .coerce import is_formula_error, parse
from .source import Grid

CHARGES, PRODUITS = "charges", "produits"

# header field -> label prefixes (normalised)
HEADER_FIELDS = {
    "manager": ("gestionnaire",),
    "address": ("adresse",),
    "facility": ("nom et lieu d'implantation",),
    "contact": ("personne a contacter",),
    "phone": ("telephone",),
    "email": ("mail", "courriel", "e-mail"),
}
HEADER_TITLES = {"manager": "Gestionnaire", "address": "Adresse", "facility": "Équipement",
                 "contact": "Personne à contacter", "phone": "Téléphone", "email": "Mail"}
# total key -> (side, label prefix)
TOTALS = {
    "total_charges": (CHARGES, "total des charges"),
    "surplus": (CHARGES, "resultat excedentaire"),
    "c86": (CHARGES, "86 "),
    "general_charges": (CHARGES, "total general"),
    "total_produits": (PRODUITS, "total des produits"),
    "deficit": (PRODUITS, "resultat deficitaire"),
    "c87": (PRODUITS, "87 "),
    "general_produits": (PRODUITS, "total general"),
}
_key = lru_cache(maxsize=8192)(norm)   # labels are compared many times (years × lines)
_ACCOUNT = re.compile(r"^(\d{2,6}[AB]?)\b")
_YEAR = re.compile(r"(20\d\d)")


@dataclass(frozen=True)
class FormLine:
    """One labelled row of the form: ``amount`` is a Decimal, None when empty or unreadable."""

    side: str
    label: str
    account: str | None
    amount: Decimal | None
    raw: Any
    cell: str            # cell of the amount
    label_cell: str
    row: int             # Excel row
    category: bool       # a bold account heading such as ``60 ACHATS``

    @property
    def key(self) -> str:
        return norm(self.label)

    @property
    def error(self) -> bool:
        """The cell holds a formula error (``#REF!``, ``#N/A``, ``#DIV/0!``…): its amount is not known."""
        return is_formula_error(self.raw)


@dataclass
class BudgetForm:
    sheet: str
    year: int | None
    label_col: int = 1
    value_col: int = 2
    header: dict[str, dict[str, tuple[Any, str]]] = field(default_factory=lambda: {CHARGES: {}, PRODUITS: {}})
    lines: dict[str, list[FormLine]] = field(default_factory=lambda: {CHARGES: [], PRODUITS: []})
    totals: dict[str, FormLine] = field(default_factory=dict)
    hours_text: tuple[Any, str] | None = None
    etp: tuple[Any, str] | None = None
    unreadable: list[FormLine] = field(default_factory=list)   # amounts that are not numbers
    errors: list[FormLine] = field(default_factory=list)       # detail lines and totals holding a formula error
    as_text: list[FormLine] = field(default_factory=list)      # amounts typed as text ("3 060,00")
    missing: list[str] = field(default_factory=list)           # labels of structural rows not found
    # numbers typed right of a line outside the amounts' column: (line, cell, value, whether the line's
    # amount is that value because its own cell is empty)
    off_column: list[tuple[FormLine, str, Any, bool]] = field(default_factory=list)
    titles: list[tuple[int | None, str, str]] = field(default_factory=list)   # (year, cell, text) of each title
    signed: tuple[Any, str] | None = None                      # « Fait le » value and its cell

    def line(self, side: str, label: str | None = None, account: str | None = None) -> FormLine | None:
        """The detail line of ``side`` with this label (tolerant, see :func:`same_label`) or account code."""
        for ln in self.lines[side]:
            if (label is not None and same_label(ln.label, label)) or (account is not None and ln.account == account):
                return ln
        return None

    def amounts(self, side: str) -> list[Decimal]:
        return [ln.amount for ln in self.lines[side] if ln.amount is not None]

    def error_sides(self) -> set[str]:
        """Sides with a detail line in formula error: their sums (and the balance) cannot be checked."""
        return {ln.side for ln in self.errors if ln in self.lines[ln.side]}

    def unknown_sides(self) -> set[str]:
        """Sides with a detail line in formula error or not a number (``VRAI``, ``39h``): their sums (and the
        balance) cannot be checked, as Excel's SUM leaves such a cell out."""
        return self.error_sides() | {ln.side for ln in self.unreadable if ln in self.lines[ln.side]}


def same_label(a: str, b: str) -> bool:
    """Same form label, ignoring case, accents and spaces; a long label cut short by the form's width
    (``… et fournitures de bure``) matches its full text.

    >>> same_label("Équipement", "equipement")
    True
    """
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 30 and long_.startswith(short)


def _text(grid: Grid, r: int, c: int) -> Any:
    row = grid[r] if r < len(grid) else []
    return row[c - 1] if c - 1 < len(row) else None


def _value(grid: Grid, r: int, label_col: int) -> tuple[Any, int]:
    """First filled cell right of the label (and its 1-based column); default the next column."""
    row = grid[r]
    for c in range(label_col, len(row)):
        v = row[c]
        if v is not None and not (isinstance(v, str) and not v.strip()):
            return v, c + 1
    return None, label_col + 1


def _is_category(label: str) -> bool:
    letters = [ch for ch in re.sub(r"\(.*?\)", "", label) if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _find_label_col(grid: Grid) -> tuple[int, int] | None:
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if isinstance(v, str) and norm(v).startswith("detail des charges"):
                return r, c + 1
    return None


def _amount_col(grid: Grid, start: int, lc: int) -> int:
    """1-based column of the amounts: where most rows below ``DETAIL DES CHARGES`` hold their number."""
    counts: Counter = Counter()
    for row in grid[start:]:
        for c in range(lc, len(row)):
            v = row[c]
            if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
                counts[c + 1] += 1
                break
    return counts.most_common(1)[0][0] if counts else lc + 1


def _is_number(value: Any) -> bool:
    return value is not None and not isinstance(value, bool) and parse("amount", value).error is None


def read_form(sheet: str, grid: Grid) -> BudgetForm:
    """Read one ``BP AAAA`` grid; structural rows not found are listed in ``form.missing``."""
    m = _YEAR.search(sheet)
    form = BudgetForm(sheet, int(m.group(1)) if m else None)
    found = _find_label_col(grid)
    if found is None:
        form.missing.append("DETAIL DES CHARGES")
        return form
    start, form.label_col = found
    lc = form.label_col
    form.value_col = vc = _amount_col(grid, start, lc)
    section = "header_" + CHARGES   # header_charges, charges, after_charges, header_produits, produits, after
    for r in range(len(grid)):
        label = _text(grid, r, lc)
        if not isinstance(label, str) or not label.strip():
            continue
        key = norm(label)
        value, vcol = _value(grid, r, lc)
        cell = a1(r + 1, vcol)
        if key.startswith("budget previsionnel"):
            ym = _YEAR.search(label) or _YEAR.search(str(value or ""))
            form.titles.append((int(ym.group(1)) if ym else None, a1(r + 1, lc), label.strip()))
            if form.year is None and ym:
                form.year = int(ym.group(1))
        if key.startswith("detail des charges"):
            section = CHARGES
            continue
        if key.startswith("detail des produits"):
            section = PRODUITS
            continue
        side = CHARGES if section in (CHARGES, "after_" + CHARGES, "header_" + CHARGES) else PRODUITS
        total_key = next((k for k, (s, p) in TOTALS.items() if s == side and key.startswith(p)
                          and k not in form.totals), None)
        if section in (CHARGES, PRODUITS, "after_" + CHARGES, "after_" + PRODUITS) and total_key:
            ln = form.totals[total_key] = _line(side, label, value, cell, a1(r + 1, lc), r + 1)
            if ln.error:
                form.errors.append(ln)
            elif ln.amount is None and ln.raw is not None:
                form.unreadable.append(ln)
            section = "after_" + side
            if total_key == "general_charges":
                section = "header_" + PRODUITS
            continue
        if section in (CHARGES, PRODUITS):
            _detail_line(form, grid, r, side, label)
            continue
        if section.startswith("header_"):
            hf = next((k for k, prefixes in HEADER_FIELDS.items() if any(key.startswith(p) for p in prefixes)), None)
            if hf and hf not in form.header[side]:
                form.header[side][hf] = (value, cell)
            continue
        if key.startswith("nombre d'heures"):
            form.hours_text = (value, cell)
        elif key.startswith("nombre d'equivalent") or key.startswith("nombre d'etp"):
            form.etp = (value, cell)
        elif key.startswith("fait le") and form.signed is None and section == "after_" + PRODUITS:
            form.signed = (value, cell)
    for k, (_, prefix) in TOTALS.items():
        if k not in form.totals:
            form.missing.append(k)
    return form


def _detail_line(form: BudgetForm, grid: Grid, r: int, side: str, label: str) -> None:
    """A detail line: its amount is in the amounts' column; a number typed in another column right of the
    label is listed in ``form.off_column`` (and taken as the line's amount when its own cell is empty)."""
    lc, vc = form.label_col, form.value_col
    row = grid[r]
    own = row[vc - 1] if vc - 1 < len(row) else None
    own = None if isinstance(own, str) and not own.strip() else own
    others = [(c + 1, row[c]) for c in range(lc, len(row)) if c + 1 != vc and row[c] is not None
              and not (isinstance(row[c], str) and not row[c].strip())]
    moved = own is None and bool(others)
    value, vcol = (others[0][1], others[0][0]) if moved else (own, vc)
    ln = _line(side, label, value, a1(r + 1, vcol), a1(r + 1, lc), r + 1)
    form.lines[side].append(ln)
    for k, (c, v) in enumerate(others):
        if (moved and k == 0) or _is_number(v):
            form.off_column.append((ln, a1(r + 1, c), v, moved and k == 0))
    if ln.error:
        form.errors.append(ln)
    elif ln.amount is None and ln.raw is not None:
        form.unreadable.append(ln)
    elif isinstance(ln.raw, str):
        form.as_text.append(ln)


def _line(side: str, label: str, raw: Any, cell: str, label_cell: str, row: int) -> FormLine:
    amount = None
    if raw is not None:
        parsed = parse("amount", raw)
        amount = None if parsed.error else parsed.value
    m = _ACCOUNT.match(label.strip())
    return FormLine(side, label.strip(), m.group(1) if m else None, amount, raw, cell, label_cell, row,
                    _is_category(label))


def read_forms(grids: list[tuple[str, Grid]]) -> list[BudgetForm]:
    """All forms of a budget workbook, sorted by year (sheets without a year last)."""
    forms = [read_form(name, grid) for name, grid in grids]
    return sorted(forms, key=lambda f: (f.year is None, f.year or 0, f.sheet))

"""What the team's workbooks look like, as objects: workbooks, sheets, columns (found by header text).

The objects are built from the description of the workbooks, ``rpe_xl/data/classeurs.yaml``, by
:mod:`.description` (``workbooks()``, ``by_kind()``): the French header texts live there, and the rest of the code
speaks in field names (see docs/glossaire.md). Adding a column the team created means adding one line to that file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text import norm


@dataclass(frozen=True)
class ColumnCheck:
    """What a column's own values must be (the pandera schema of the sheet is built from it): filled unless
    ``nullable``, within ``ge``/``gt``/``le`` and below the product of the dated legal parameters
    ``le_parameter``, of the form of the identifiers or patterns ``pattern``, one of the values of the
    description's list ``list_key``."""

    nullable: bool = False
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    le_parameter: tuple[str, ...] = ()
    pattern: tuple[str, ...] = ()
    list_key: str | None = None


@dataclass(frozen=True)
class Field:
    """One column: its name in code, its header text(s), how to parse it.

    ``kind``: text, free (free text, never repaired), code (value of a drop-down list),
    ouinon, date, int, number, amount, hours, any. ``prefix``: the header only starts with the text
    (``Places dispo sept. 2025``). ``list_name``: the *Listes* column giving the allowed values (``list_key``: its
    key in the description). ``helper``: a formula column computed from the others (the hidden ``Mois``): a row
    where only it holds a value is an empty row, not a record. ``check``: the checks of the sheet's schema.
    """

    name: str
    header: str
    kind: str = "text"
    required: bool = True
    list_name: str | None = None
    prefix: bool = False
    aliases: tuple[str, ...] = ()
    helper: bool = False
    list_key: str | None = None
    check: ColumnCheck | None = None

    def matches(self, header_cell: object) -> bool:
        key = norm(header_cell)
        for text in (self.header, *self.aliases):
            wanted = norm(text)
            if key == wanted or (self.prefix and key.startswith(wanted)):
                return True
        return False


@dataclass(frozen=True)
class SheetSpec:
    """A sheet: a ``table`` (header row + records) or a ``grid`` read cell by cell (forms, plannings).

    ``many``: every sheet whose name starts with ``name`` (``Planning …``, ``BP …``).
    ``ends_at``: labels of the first column that start a block below the table (``Activité prévisionnelle``):
    the table ends there, even when a line was typed in the blank row above it. ``rubrics``: the key of the
    labels of a label/value sheet (``Rubrique | Valeur``) in the description.
    """

    key: str
    name: str
    fields: tuple[Field, ...] = ()
    layout: str = "table"
    required: bool = True
    many: bool = False
    ends_at: tuple[str, ...] = ()
    rubrics: str | None = None

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class WorkbookSpec:
    kind: str
    title: str
    sheets: tuple[SheetSpec, ...] = field(default_factory=tuple)

    def sheet(self, key: str) -> SheetSpec:
        return next(s for s in self.sheets if s.key == key)

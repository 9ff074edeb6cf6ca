"""Reading layer: the only place that knows cell addresses.

``load(paths)`` opens the team's workbooks safely and returns a :class:`Dataset` of
:class:`Table` objects (pandas DataFrame + origin of every value) and raw sheet grids.
The names below are imported on first use, so that light modules of this package (``files``,
``prefetch``, ``safety``) can run before pandas is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataset import Dataset, Workbook, load
    from .table import Table

__all__ = ["Dataset", "Workbook", "Table", "load"]


def __getattr__(name: str) -> Any:
    if name in ("Dataset", "Workbook", "load"):
        from . import dataset

        return getattr(dataset, name)
    if name == "Table":
        from .table import Table

        return Table
    raise AttributeError(name)

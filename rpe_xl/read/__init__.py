"""Reading layer: the only place that knows cell addresses.

``load(paths)`` opens the team's workbooks safely and returns a :class:`Dataset` of
:class:`Table` objects (pandas DataFrame + origin of every value) and raw sheet grids.
"""

from .dataset import Dataset, Workbook, load
from .table import Table

__all__ = ["Dataset", "Workbook", "Table", "load"]

"""Rules, one module per subject; importing this package registers them all."""

from . import (assistants, budget_forms, bureau, bureau_seance, declared, planning, sheets, suivi, team,  # noqa: F401
               territory)
from . import communes_sheet, list_labels, sectors, suivi_references  # noqa: F401
from . import declared_observatoire, declared_repartition, declared_totals  # noqa: F401

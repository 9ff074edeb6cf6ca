"""Rules, one module per subject; importing this package registers them all (every module holding an ``@rule``)."""

from . import (assistants, budget_arithmetic, budget_caf_share, budget_deviations, budget_forms,  # noqa: F401
               budget_hypotheses, budget_team_etp, bureau, bureau_seance, bureau_votes, communes_sheet,
               declared_observatoire, declared_repartition, declared_totals, list_labels, planning,
               planning_activities, sectors, sheets, suivi, suivi_references, team, team_etp, team_rows, territory)

"""The checks each command other than ``verifier`` runs: the figures ``indicateurs`` recomputes, the budget
``budget`` recomputes, the séance a deliberation is written from.

Each function takes the workbooks read and a :class:`~rpe_xl.validate.context.Context` (one per run, shared with
the values computed along: plannings, indicators, budget) and returns findings, as ``verifier`` reports them.
"""

from __future__ import annotations

from ..findings import Finding, sort_key
from ..read import Dataset
from .context import Context
from .rules import budget_forms, bureau_seance, declared, declared_observatoire, declared_repartition
from .rules import declared_totals, list_labels, planning, team, territory
from .rules.budget_arithmetic import budget_form_arithmetic
from .rules.budget_caf_share import budget_caf_share
from .rules.budget_deviations import budget_contributions, budget_line_deviations
from .rules.budget_hypotheses import budget_hypotheses
from .rules.budget_team_etp import budget_etp
from .schema import validate_table

BUDGET_RULES = (budget_hypotheses, budget_line_deviations, budget_form_arithmetic, budget_contributions,
                budget_forms.budget_form_sheets, budget_forms.budget_headers, budget_etp,
                budget_forms.budget_lines_across_years, budget_caf_share)
INDICATOR_RULES = (planning.planning_blocks, team.planning_etp, declared_observatoire.observatoire_declared,
                   declared_repartition.repartition_declared, declared_totals.totals_declared,
                   territory.uncounted_communes, list_labels.list_values_known)
SEANCE_RULES = bureau_seance.BUREAU_RULES


def indicators(data: Dataset, ctx: Context):
    """The CAF indicators recomputed from the workbooks (see :func:`rpe_xl.compute.indicators.compute_indicators`),
    with the plannings the rules read."""
    return declared.indicators(data, ctx)


def indicator_findings(data: Dataset, ctx: Context) -> list[Finding]:
    """Reading problems (infos aside) and the checks of the figures the workbooks declare."""
    findings = [f for f in data.findings if f.severity != "info"] + [f for rule in INDICATOR_RULES
                                                                     for f in rule(data, ctx)]
    return sorted(dict.fromkeys(findings), key=sort_key)


def budget_findings(data: Dataset, ctx: Context) -> list[Finding]:
    """The findings of the budget rules only, with the sheet-model checks of *Hypothèses* (drop-down lists,
    required cells), which the budget rules leave to them."""
    wb, table = data.workbook("budget"), data.table("budget", "hypotheses")
    sheet = validate_table(wb, table) if wb is not None and table is not None else []
    return sheet + [f for fn in BUDGET_RULES for f in fn(data, ctx)]


def seance_findings(data: Dataset, ctx: Context) -> list[Finding]:
    """Reading findings of the Bureau workbook, its sheet models and the séance rules (quorum, proxies…)."""
    wb = data.workbook("bureau")
    found = [f for f in data.findings if wb is not None and f.workbook == wb.name]
    if wb is not None:
        for table in wb.tables.values():
            found.extend(validate_table(wb, table))
    for fn in SEANCE_RULES:
        found.extend(fn(data, ctx) or [])
    return sorted(dict.fromkeys(found), key=sort_key)


def doubtful_communes(data: Dataset, ctx: Context) -> list[str]:
    """Cells of the *Communes* sheet a deliberation would print without their being verified (a name that is no
    official commune as typed, a date that cannot be read)."""
    return bureau_seance.doubtful_communes(data, ctx, as_typed=True)

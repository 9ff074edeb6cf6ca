"""Each data sheet against its pandera model and the workbook's drop-down lists."""

from __future__ import annotations

from ...findings import Finding
from ...read import Dataset
from ..registry import rule
from ..schema import validate_table


@rule
def sheet_models(data: Dataset, ctx) -> list[Finding]:
    findings: list[Finding] = []
    for wb in data.workbooks.values():
        for table in wb.tables.values():
            findings.extend(validate_table(wb, table))
    return findings

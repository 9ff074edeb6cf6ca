"""Each data sheet against its pandera model and the workbook's drop-down lists."""

from __future__ import annotations

from ...findings import Finding
from ...read import Dataset
from ..registry import rule
from ..schema import model_findings


@rule
def sheet_models(data: Dataset, ctx) -> list[Finding]:
    findings: list[Finding] = []
    for kind, wb in data.workbooks.items():
        for key in wb.tables:
            findings.extend(model_findings(data, ctx, kind, key))
    return findings

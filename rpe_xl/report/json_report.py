"""The JSON contract of ``rpe-xl verifier --format json`` (version 1).

``{"version": 1, "findings": [{"code", "severity", "workbook", "sheet", "cell", "message", "value",
"expected"}], "summary": {"erreur": n, "avertissement": n, "info": n}, "classeurs": [names of the workbooks
read]}`` (``classeurs`` when the command knows them). A file name that is not valid UTF-8 is shown with its
undecodable bytes replaced (U+FFFD), so that the text is always valid JSON in UTF-8.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any, Iterable

from ..findings import Finding, summary
from ..read.files import printable

VERSION = 1


def plain(value: Any) -> Any:
    """JSON-safe scalar: dates as ISO strings, Decimal as number, numpy scalars unwrapped."""
    if hasattr(value, "item") and not isinstance(value, (str, Decimal)):
        value = value.item()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value != value:  # NaN
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def finding_dict(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "severity": f.severity, "workbook": f.workbook, "sheet": f.sheet, "cell": f.cell,
            "message": f.message, "value": plain(f.value), "expected": plain(f.expected)}


def render(findings: Iterable[Finding], workbooks: Iterable[str] | None = None) -> str:
    items = list(findings)
    doc: dict[str, Any] = {"version": VERSION, "findings": [finding_dict(f) for f in items], "summary": summary(items)}
    if workbooks is not None:
        doc["classeurs"] = sorted(workbooks)
    return printable(json.dumps(doc, ensure_ascii=False, indent=2))

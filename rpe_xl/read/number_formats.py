"""Number formats of cells (``0.00``, ``0.0%``…), read from the workbook file: how many decimals a figure shows.

Only a workbook read from a file has them (a live Excel book read through xlwings gives None: its figures are
then judged on the digits they hold). Read on demand, for the few declared cells compared with a computed
figure; styles and sheet parts are parsed once per file.

>>> decimals_shown("0.00%"), decimals_shown("#,##0.0"), decimals_shown("General"), decimals_shown("dd/mm/yyyy")
(4, 1, None, None)
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

# Excel's built-in number formats that show a fixed number of decimals (ids of ECMA-376, 18.8.30)
BUILTIN = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 37: "#,##0 ;(#,##0)",
           38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)"}
_NUMFMT = re.compile(r'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_XFS = re.compile(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
_XF = re.compile(r"<xf\b([^>]*)")
_CELL = re.compile(r'<c r="([A-Z]{1,3}\d+)"([^>]*)>')
_STYLE = re.compile(r'\bs="(\d+)"')
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def decimals_shown(code: str | None) -> int | None:
    """Decimals of the stored value a number format shows (a percentage shows two more of them: ``0.0%`` shows
    0,421 as 42,1 %, three decimals of 0,421), or None for the general format, text, dates and times."""
    if not code or code.strip().lower() == "general":
        return None
    section = _QUOTED.sub("", code.split(";")[0])
    if "@" in section or re.search(r"[yYmMdDhHsS]", section) or re.search(r"[eE][+-]", section):
        return None
    if not re.search(r"[0#?]", section):
        return None
    decimals = len(re.match(r"[0#?]*", section.split(".", 1)[1]).group(0)) if "." in section else 0
    return decimals + (2 if "%" in section else 0)


def number_format(workbook: Any, sheet: str, cell: str) -> str | None:
    """Number format code of ``cell`` in ``sheet`` of a read workbook (``rpe_xl.read.Workbook``), or None when
    the cell has the general format or the workbook was not read from a file."""
    path = getattr(getattr(workbook, "source", None), "path", None)
    if not isinstance(path, Path):
        return None
    try:
        stat = path.stat()
        return _formats(str(path), stat.st_mtime_ns, stat.st_size, sheet).get(cell.replace("$", "").upper())
    except (OSError, KeyError, StopIteration, zipfile.BadZipFile, UnicodeDecodeError):
        return None


@lru_cache(maxsize=32)
def _formats(path: str, _mtime: int, _size: int, sheet: str) -> dict[str, str]:
    """{A1: format code} of the cells of ``sheet`` that have a number format other than the general one."""
    from .source import sheet_part

    with zipfile.ZipFile(path) as zf:
        codes = _style_codes(zf)
        if not codes:
            return {}
        xml = zf.read(sheet_part(zf, sheet)).decode("utf-8", "replace")
    out = {}
    for ref, attrs in _CELL.findall(xml):
        m = _STYLE.search(attrs)
        code = codes.get(int(m.group(1))) if m else None
        if code:
            out[ref] = code
    return out


def _style_codes(zf: zipfile.ZipFile) -> dict[int, str]:
    """{cell style index: number format code}, general format left out."""
    try:
        styles = zf.read("xl/styles.xml").decode("utf-8", "replace")
    except KeyError:
        return {}
    custom = {int(i): _unescape(code) for i, code in _NUMFMT.findall(styles)}
    block = _XFS.search(styles)
    out = {}
    for k, attrs in enumerate(_XF.findall(block.group(1)) if block else []):
        m = re.search(r'numFmtId="(\d+)"', attrs)
        fmt_id = int(m.group(1)) if m else 0
        code = custom.get(fmt_id) or BUILTIN.get(fmt_id)
        if code:
            out[k] = code
    return out


def _unescape(text: str) -> str:
    return (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))

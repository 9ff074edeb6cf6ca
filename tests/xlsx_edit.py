"""Test helper: copy a team workbook and change a few cells, by editing the sheet XML in the zip.

openpyxl is not used to write the copies: saving with it would drop the cached values of every
formula and the copies would no longer look like the team's files.

    edit_workbook(src, dst, {"Listing AM": {"E5": "Liettes", "J6": 9, "B7": None}})
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from python_calamine import CalamineWorkbook

_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    wb = zf.read("xl/workbook.xml").decode("utf-8")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {m.group(1): m.group(2) for m in re.finditer(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    out = {}
    for m in re.finditer(r'<sheet\b[^>]*>', wb):
        tag = m.group(0)
        name = re.search(r'name="([^"]*)"', tag).group(1)
        rid = re.search(r'r:id="([^"]*)"', tag).group(1)
        target = targets[rid].lstrip("/")
        out[_unescape(name)] = target if target.startswith("xl/") else "xl/" + target
    return out


def _unescape(text: str) -> str:
    return text.replace("&apos;", "'").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _cell_xml(ref: str, value, style: str) -> str:
    if value is None:
        return f'<c r="{ref}"{style}/>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):
        serial = (value - dt.date(1899, 12, 30)).days
        return f'<c r="{ref}"{style}><v>{serial}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def _set_cell(xml: str, ref: str, value) -> str:
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    col, row = _col_index(m.group(1)), int(m.group(2))
    cell_re = re.compile(r'<c r="%s"(?P<attrs>[^>]*?)(?:/>|>.*?</c>)' % ref, re.S)
    found = cell_re.search(xml)
    if found:
        style = re.search(r'\ss="\d+"', found.group("attrs"))
        return xml[:found.start()] + _cell_xml(ref, value, style.group(0) if style else "") + xml[found.end():]
    row_re = re.compile(r'<row r="%d"(?P<attrs>[^>]*?)(?:/>|>(?P<body>.*?)</row>)' % row, re.S)
    rm = row_re.search(xml)
    new_cell = _cell_xml(ref, value, "")
    if rm:
        body = rm.group("body") or ""
        cells = list(re.finditer(r'<c r="([A-Z]+)\d+"[^>]*?(?:/>|>.*?</c>)', body, re.S))
        pos = len(body)
        for c in cells:
            if _col_index(c.group(1)) > col:
                pos = c.start()
                break
        body = body[:pos] + new_cell + body[pos:]
        attrs = re.sub(r'\sspans="[^"]*"', "", rm.group("attrs"))
        return xml[:rm.start()] + f'<row r="{row}"{attrs}>{body}</row>' + xml[rm.end():]
    rows = list(re.finditer(r'<row r="(\d+)"', xml))
    insert_at = next((r.start() for r in rows if int(r.group(1)) > row), None)
    new_row = f'<row r="{row}">{new_cell}</row>'
    if insert_at is None:
        if "<sheetData/>" in xml:
            return xml.replace("<sheetData/>", f"<sheetData>{new_row}</sheetData>")
        insert_at = xml.index("</sheetData>")
    return xml[:insert_at] + new_row + xml[insert_at:]


def edit_workbook(src: Path, dst: Path, edits: dict[str, dict[str, object]]) -> Path:
    """Copy ``src`` to ``dst`` with ``edits`` = {sheet name: {cell: new value or None to empty it}}."""
    with zipfile.ZipFile(src) as zin:
        paths = _sheet_paths(zin)
        changed = {}
        for sheet, cells in edits.items():
            xml = zin.read(paths[sheet]).decode("utf-8")
            for ref, value in cells.items():
                xml = _set_cell(xml, ref, value)
            changed[paths[sheet]] = xml
        dst.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = changed[item.filename].encode("utf-8") if item.filename in changed else zin.read(item.filename)
                if item.filename == "xl/calcChain.xml":
                    continue
                zout.writestr(item, data)
    return dst


def sheet_rows(path: Path, sheet: str) -> list[list]:
    """Every row of a sheet as python-calamine reads it, from A1 (row 0 is Excel row 1): the tests' own
    independent reading of the workbooks, to compute expected values without the code under test."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def read_cell(path: Path, sheet: str, ref: str):
    """Value of one cell as python-calamine reads it (for assertions on test copies)."""
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    rows = sheet_rows(path, sheet)
    r, c = int(m.group(2)) - 1, _col_index(m.group(1)) - 1
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""


def set_formula_errors(path: Path, sheet: str, errors: dict[str, str]) -> Path:
    """Turn cells of ``sheet`` in the workbook ``path`` (a copy, changed in place) into formula cells whose cached
    value is an Excel error, as Excel saves them: ``<c r="C5" t="e"><f>…</f><v>#REF!</v></c>``."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        part = _sheet_paths(zin)[sheet]
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                xml = data.decode("utf-8")
                for ref, error in errors.items():
                    def error_cell(m: re.Match, ref=ref, error=error) -> str:
                        attrs = re.sub(r' t="[^"]*"', "", m.group(1))
                        return f'<c r="{ref}"{attrs} t="e"><f>{error}</f><v>{error}</v></c>'
                    xml, n = re.subn(rf'<c r="{ref}"([^>]*?)(?:/>|>.*?</c>)', error_cell, xml, count=1, flags=re.S)
                    assert n == 1, ref
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    tmp.replace(path)
    return path


_TEXT_NODE = re.compile(r"<t(\s[^>]*)?>(.*?)</t>", re.S)
_TEXT_PARTS = re.compile(r"^xl/(sharedStrings\.xml|worksheets/[^/]+\.xml|comments[^/]*\.xml|comments/[^/]+\.xml)$")


def _sheet_ref(name: str) -> str:
    """A sheet name as formulas write it: bare (``Présences``) or quoted (``'Contacts familles'``)."""
    return name if re.fullmatch(r"[^\W\d][\w.]*", name) else "'" + name.replace("'", "''") + "'"


def _rename_refs(formula: str, renames: dict[str, str]) -> str:
    """``formula`` with its references to the sheets of ``renames`` (old name -> new name) rewritten."""
    for old, new in renames.items():
        quoted = re.escape("'" + old.replace("'", "''") + "'!")
        formula = re.sub(quoted, lambda _m, new=new: _sheet_ref(new) + "!", formula)
        if _sheet_ref(old) == old:
            formula = re.sub(rf"(?<![\w'.]){re.escape(old)}!", lambda _m, new=new: _sheet_ref(new) + "!", formula)
    return formula


def rewrite_texts(src: Path, dst: Path, translate) -> Path:
    """Copy the workbook ``src`` to ``dst`` with every text passed through ``translate`` (str -> str): shared and
    inline strings, cell comments, the document title and the sheet names (references to a renamed sheet in
    formulas and defined names follow). Numbers, formulas, cached values and styles are kept as they are, so a
    bijective ``translate`` gives a workbook with the same figures and the same equalities between cells."""

    def text_node(m: re.Match) -> str:
        return f"<t{m.group(1) or ''}>{escape(translate(_unescape(m.group(2))))}</t>"

    def attr(text: str) -> str:
        return escape(text, {'"': "&quot;"})

    with zipfile.ZipFile(src) as zin:
        names = list(_sheet_paths(zin))
        renames = {n: translate(n) for n in names if translate(n) != n}
        dst.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                name = item.filename
                if _TEXT_PARTS.match(name) or name == "xl/workbook.xml" or name == "docProps/core.xml":
                    xml = data.decode("utf-8")
                    if _TEXT_PARTS.match(name):
                        xml = _TEXT_NODE.sub(text_node, xml)
                        if renames:
                            xml = re.sub(r"(<(f|formula[12]?)(?:\s[^>]*)?>)(.*?)(</\2>)", lambda m: m.group(1) + escape(
                                _rename_refs(_unescape(m.group(3)), renames)) + m.group(4), xml, flags=re.S)
                    elif name == "xl/workbook.xml":
                        xml = re.sub(r'(<sheet\b[^>]*?\sname=")([^"]*)(")', lambda m: m.group(1) + attr(
                            renames.get(_unescape(m.group(2)), _unescape(m.group(2)))) + m.group(3), xml)
                        if renames:
                            xml = re.sub(r"(<definedName\b[^>]*>)(.*?)(</definedName>)", lambda m: m.group(1) + escape(
                                _rename_refs(_unescape(m.group(2)), renames)) + m.group(3), xml, flags=re.S)
                    else:
                        xml = re.sub(r"(<dc:title>)(.*?)(</dc:title>)", lambda m: m.group(1) + escape(
                            translate(_unescape(m.group(2)))) + m.group(3), xml, flags=re.S)
                    data = xml.encode("utf-8")
                zout.writestr(item, data)
    return dst


def copy_sheet(path: Path, sheet: str, new_name: str) -> Path:
    """Add to the workbook ``path`` (a copy, changed in place) a copy of ``sheet`` named ``new_name``, placed right
    after it, as Excel's « Déplacer ou copier… › Créer une copie » does (``BP 2027 (2)``): same cells, formulas and
    cached values; the copy has no comments."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        source = _sheet_paths(zin)[sheet]
        parts = [n for n in zin.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        number = 1 + max(int(re.search(r"(\d+)\.xml$", n).group(1)) for n in parts)
        part = f"xl/worksheets/sheet{number}.xml"
        book = zin.read("xl/workbook.xml").decode("utf-8")
        rels = zin.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        rid = "rId%d" % (1 + max(int(n) for n in re.findall(r'Id="rId(\d+)"', rels)))
        sheet_id = 1 + max(int(n) for n in re.findall(r'sheetId="(\d+)"', book))
        tag = next(m for m in re.finditer(r"<sheet\b[^>]*>", book)
                   if _unescape(re.search(r'name="([^"]*)"', m.group(0)).group(1)) == sheet)
        new_tag = f'<sheet name="{escape(new_name, {chr(34): "&quot;"})}" sheetId="{sheet_id}" r:id="{rid}"/>'
        book = book[:tag.end()] + new_tag + book[tag.end():]
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/'
                            f'officeDocument/2006/relationships/worksheet" Target="/{part}"/></Relationships>')
        types = zin.read("[Content_Types].xml").decode("utf-8")
        types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="application/'
                              'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        copy = re.sub(r"<legacyDrawing\b[^>]*/>", "", zin.read(source).decode("utf-8"))
        copy = copy.replace(' tabSelected="1"', "")
        changed = {"xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types}
        for item in zin.infolist():
            data = changed[item.filename].encode("utf-8") if item.filename in changed else zin.read(item.filename)
            zout.writestr(item, data)
        zout.writestr(part, copy.encode("utf-8"))
    tmp.replace(path)
    return path

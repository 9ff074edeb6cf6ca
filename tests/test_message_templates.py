"""Finding messages come from the templates of the code registry: every code has a title and templates, every
place that builds a finding names its template and fills all of its fields, and no message is written inline."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from conftest import ROOT, WORKBOOKS, copy_team, verify
from xlsx_edit import sheet_rows
from rpe_xl.findings import CODES, SEVERITIES, make, message
from rpe_xl.read.address import cell as a1

PACKAGE = ROOT / "rpe_xl"
# argument names of make() and Table.finding(): a template field with one of these names could not be filled
RESERVED = {"code", "workbook", "sheet", "cell", "variant", "value", "expected", "severity", "i", "name"}
# modules whose findings are not built here (reports and the Excel door build no finding from a template)
OUTSIDE = {"report", "excel.py", "cli_excel.py"}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _calls() -> list[tuple[Path, ast.Call, int]]:
    """Every ``make(…)`` and ``….finding(…)`` call of the package, with the number of positional arguments that
    come before the template's values (code, workbook, sheet, cell / code, row, field)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] in OUTSIDE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id == "make":
                    found.append((path, node, 4))
                elif isinstance(func, ast.Attribute) and func.attr == "finding":
                    found.append((path, node, 3))
    return found


def test_every_code_has_a_title_a_severity_and_templates():
    for code, entry in CODES.items():
        assert entry.title.strip(), code
        assert entry.severity in SEVERITIES, code
        assert entry.templates, code
        for variant, template in entry.templates.items():
            assert template.strip() and "TODO" not in template, (code, variant)
            fields = _fields(template)  # raises ValueError on a malformed template
            assert not fields & RESERVED, (code, variant, fields & RESERVED)
            assert all(f.isidentifier() for f in fields), (code, variant, fields)


def test_message_fills_the_template_and_refuses_a_missing_field():
    assert message("missing-sheet", expected_sheet="Équipe") == ("Feuille « Équipe » introuvable : rétablissez-la "
                                                                  "(ou son nom).")
    with pytest.raises(KeyError):
        message("missing-sheet")
    with pytest.raises(KeyError):
        message("missing-sheet", variant="nowhere", expected_sheet="Équipe")
    with pytest.raises(KeyError):
        make("no-such-code", "x.xlsx", None, None)
    with pytest.raises(TypeError):  # the old positional message is gone
        make("missing-sheet", "x.xlsx", None, None, "Feuille manquante")


def test_no_call_writes_its_message_inline():
    """No ``make``/``.finding`` call passes a message: only the code, the place and the template's values."""
    inline = []
    for path, call, places in _calls():
        if len(call.args) > places or any(k.arg in ("message", "text") for k in call.keywords):
            inline.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not inline, inline


def test_every_call_names_a_template_of_its_code_and_fills_its_fields():
    """Read from the source: a call with a literal code (and a literal variant) names an existing template, and
    when all its values are spelt out (no ``**values``), they cover every field of that template."""
    checked = 0
    problems = []
    for path, call, _ in _calls():
        code_arg = call.args[0] if call.args else None
        if not (isinstance(code_arg, ast.Constant) and isinstance(code_arg.value, str)):
            continue
        code = code_arg.value
        keywords = {k.arg: k.value for k in call.keywords}
        variant_node = keywords.get("variant")
        if variant_node is None:
            variants = ["default"]
        elif isinstance(variant_node, ast.Constant):
            variants = [variant_node.value]
        elif isinstance(variant_node, ast.IfExp) and all(isinstance(n, ast.Constant) for n in
                                                           (variant_node.body, variant_node.orelse)):
            variants = [variant_node.body.value, variant_node.orelse.value]
        else:
            continue  # chosen at run time: covered by the runs below
        where = f"{path.relative_to(ROOT)}:{call.lineno}"
        if code not in CODES:
            problems.append(f"{where}: code {code} not registered")
            continue
        for variant in variants:
            template = CODES[code].templates.get(variant)
            if template is None:
                problems.append(f"{where}: {code} has no template {variant!r}")
                continue
            checked += 1
            if None not in keywords:  # no **values: every field must be given by name
                missing = _fields(template) - set(keywords)
                if missing:
                    problems.append(f"{where}: {code}/{variant} lacks {sorted(missing)}")
    assert not problems, problems
    assert checked > 100


def _garbled_copy(folder: Path) -> Path:
    """Copies of the team's workbooks whose first two records of every sheet hold wrong values (text in number
    and date columns, impossible dates, unknown names, hours that cannot be read)."""
    junk = ["??", "31/02/2025", "-5", "Zzz Inconnu", "12h99", "abc@", "0612", "9999", "Telephne", " Arras "]
    edits: dict[str, dict[str, dict[str, object]]] = {}
    for path in sorted(WORKBOOKS.glob("*.xlsx")):
        for sheet in CalamineWorkbook.from_path(str(path)).sheet_names:
            rows = sheet_rows(path, sheet)
            header = next((r for r, row in enumerate(rows) if sum(v not in (None, "") for v in row) >= 3), None)
            if header is None:
                continue
            cells = {}
            for r in (header + 1, header + 2):
                if r < len(rows):
                    for c, v in enumerate(rows[r]):
                        if v not in (None, ""):
                            cells[a1(r + 1, c + 1)] = junk[(r + c) % len(junk)]
            edits.setdefault(path.name, {})[sheet] = cells
    return copy_team(folder, edits)


@pytest.mark.parametrize("garble", [False, True], ids=["team", "garbled"])
def test_messages_of_real_runs_are_filled(tmp_path, garble):
    """On the team's workbooks and on copies full of wrong values, every finding's message is built: no check
    fails on a missing template field (that would be an ``internal-error``) and no « { » is left."""
    findings = verify(_garbled_copy(tmp_path / "faux") if garble else WORKBOOKS)
    assert findings
    assert not [f for f in findings if f["code"] == "internal-error"], \
        [f["message"] for f in findings if f["code"] == "internal-error"]
    assert not [f["message"] for f in findings if "{" in f["message"] or "}" in f["message"]]
    if garble:
        assert len({f["code"] for f in findings}) >= 15

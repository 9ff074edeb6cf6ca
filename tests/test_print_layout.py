"""The workbooks the tool writes print well: one page wide, header rows repeated, the relais, the date and the page
numbers in the header and footer, page breaks that keep a table or a chart whole when it fits on a page, cached
values for every formula written, hours as « 6h45 », links from budget.xlsx to the team's cells."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from conftest import BUDGET, WORKBOOKS


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """controles.xlsx, indicateurs.xlsx and budget.xlsx of the team's workbooks, in a folder of their own."""
    from rpe_xl import api
    from rpe_xl.report import budget_xlsx, controles_xlsx, indicateurs_xlsx

    folder = tmp_path_factory.mktemp("sortie") / "dossier"
    report = api.check([WORKBOOKS])
    controles_xlsx.write(report.findings, folder / "controles.xlsx", report.workbooks)
    ind = api.indicators([WORKBOOKS])
    indicateurs_xlsx.write(ind.indicators, folder / "indicateurs.xlsx", [p for p in ind.workbooks.values() if p])
    budget = api.budget([WORKBOOKS])
    budget_xlsx.write(budget.book, folder / "budget.xlsx", budget.workbooks)
    return folder


@pytest.mark.parametrize("name", ["controles.xlsx", "indicateurs.xlsx", "budget.xlsx"])
def test_every_sheet_prints_one_page_wide_with_relais_date_and_page_numbers(outputs, name):
    import openpyxl

    for ws in openpyxl.load_workbook(outputs / name).worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.paperSize == 9   # A4
        assert ws.page_setup.orientation in ("landscape", "portrait") and ws.print_area
        assert ws.oddHeader.left.text.startswith("Relais Petite Enfance – Communauté d'Agglomération")
        assert re.fullmatch(r"Édité le \d\d/\d\d/\d{4} à \d\d:\d\d", ws.oddHeader.right.text)
        assert ws.oddFooter.right.text == "Page &P / &N" and ws.oddFooter.left.text == "&A"


def test_header_rows_repeat_and_wide_sheets_print_landscape(outputs):
    import openpyxl

    controles = openpyxl.load_workbook(outputs / "controles.xlsx")["Contrôles"]
    assert controles.print_title_rows == "$1:$3" and controles.page_setup.orientation == "landscape"
    assert [c.value for c in controles[3]][:4] == ["Gravité", "Classeur", "Feuille", "Cellule"]
    budget = openpyxl.load_workbook(outputs / "budget.xlsx")
    for name in budget.sheetnames[1:]:
        ws = budget[name]
        header = int(ws.print_title_rows.split(":")[0].strip("$"))
        assert ws[f"A{header}"].value == "Ligne"


def test_a_years_products_start_a_page_of_their_own(outputs):
    """Charges and products of a year each fit on a page: a break before « DETAIL DES PRODUITS »."""
    import openpyxl

    book = openpyxl.load_workbook(outputs / "budget.xlsx")
    for name in book.sheetnames[1:]:
        ws = book[name]
        produits = next(c.row for c in ws["A"] if c.value == "DETAIL DES PRODUITS")
        assert produits - 1 in [b.id for b in ws.row_breaks.brk], name   # a break after the row above


def test_page_breaks_keep_a_block_whole_and_cut_only_what_is_longer_than_a_page():
    from rpe_xl.report.page_setup import page_breaks
    from rpe_xl.report.sheet_layout import SheetLayout

    sheet = SheetLayout("essai")
    sheet.widths[0] = 40
    for r in range(120):
        sheet.put(r, 0, f"ligne {r}")
    sheet.keep(20, 45)          # fits on a page, but not after rows 0-19: starts the next page
    assert page_breaks(sheet, True)[0] == 20
    sheet.blocks = [(0, 100)]   # longer than a page: cut where the page is full
    breaks = page_breaks(sheet, True)
    assert breaks and breaks[0] > 20 and all(b - a > 20 for a, b in zip([0, *breaks], breaks))


def test_charts_are_never_cut_by_a_page_break(outputs):
    from rpe_xl import api
    from rpe_xl.report.indicateurs_sheets import section_sheets
    from rpe_xl.report.page_setup import chart_end_row, landscape, page_breaks, print_header

    sheets = section_sheets(api.indicators([WORKBOOKS]).indicators, print_header())
    charts = [(s, c) for s in sheets for c in s.charts]
    assert len(charts) == 3
    for sheet, chart in charts:
        end = chart_end_row(sheet, chart.row, chart.height_px)
        assert not [b for b in page_breaks(sheet, landscape(sheet)) if chart.row < b <= end], sheet.name


@pytest.mark.parametrize("name", ["indicateurs.xlsx", "budget.xlsx"])
def test_every_formula_is_written_with_its_value(outputs, name):
    with zipfile.ZipFile(outputs / name) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    formulas = [c for xml in sheets for c in re.findall(r"<c [^>]*>(?:(?!</c>).)*<f>(?:(?!</c>).)*</c>", xml)]
    assert formulas
    assert all(re.search(r"<v>[^<]+</v>", c) for c in formulas)


def test_hours_are_shown_as_hours_and_minutes(outputs):
    import openpyxl

    from rpe_xl import api
    from rpe_xl.text import slug

    ws = openpyxl.load_workbook(outputs / "indicateurs.xlsx")["2.1-2.3 Équipe"]
    values = api.indicators([WORKBOOKS]).indicators.values
    header = next(r for r in ws.iter_rows() if r[0].value == "Activités")
    row = next(r for r in ws.iter_rows() if r[0].value == "Animations")
    assert row[1].number_format == '[h]"h"mm'
    hours = row[1].value.total_seconds() / 3600   # a fraction of a day, read back as a duration
    assert hours == pytest.approx(values[f"repartition.{slug(header[1].value)}.animations_heures"])


def test_budget_cells_link_to_the_teams_form(outputs):
    import openpyxl

    ws = openpyxl.load_workbook(outputs / "budget.xlsx")["BP 2026"]
    linked = [c for c in ws["E"] if c.hyperlink is not None]
    assert len(linked) > 40
    for c in linked:
        target = (outputs / c.hyperlink.target.replace("\\", "/")).resolve()
        assert target == (WORKBOOKS / BUDGET).resolve() and c.hyperlink.location == f"'BP 2026'!{c.value}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_libreoffice_prints_the_budget_on_the_pages_planned(outputs, tmp_path):
    """Summary on one page, then each year's charges and products on a page each: the printer adds no break."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(outputs / "budget.xlsx")], check=True, capture_output=True,
                   timeout=180)
    pdf = (tmp_path / "budget.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1 + 2 * 5

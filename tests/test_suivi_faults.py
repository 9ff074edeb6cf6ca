"""Faults typed into copies of the activity log: each is reported once, at its cell, with what to type, and
nothing else around it."""

from __future__ import annotations

import datetime as dt

from conftest import AM, SUIVI, WORKBOOKS, new_findings, run, verify, where
from xlsx_edit import set_formula_errors, sheet_rows

def rows(sheet: str, workbook: str = SUIVI) -> list[list]:
    return sheet_rows(WORKBOOKS / workbook, sheet)


def test_unreadable_seance_number_is_one_finding_not_a_cascade_in_presences(team_copy):
    seances = rows("Séances")
    r = next(i for i, row in enumerate(seances, start=1) if row[0] == 26.0)
    assert seances[r - 2][0] == 25.0 and seances[r][0] == 27.0  # framed by 25 and 27
    pointing = sum(1 for row in rows("Présences") if row[0] == 26.0)
    assert pointing > 5
    found = new_findings(team_copy({SUIVI: {"Séances": {f"A{r}": "26 bis"}}}))
    assert where(found) == {("invalid-number", "Séances", f"A{r}")}


def test_empty_row_inside_contacts_familles_is_skipped_even_with_its_month_formula(team_copy):
    cf = rows("Contacts familles")
    assert cf[99][13] is not None  # the hidden Mois column keeps its formula value on the emptied row
    folder = team_copy({SUIVI: {"Contacts familles": {f"{c}100": None for c in "ABCDEFGHIJKLM"}}})
    assert new_findings(folder) == []


def test_motif_typo_is_not_also_an_incoherent_demand(team_copy):
    assert rows("Contacts familles")[32][6:8] == ["Recherche d'un mode d'accueil", "Assistant maternel"]
    found = new_findings(team_copy({SUIVI: {"Contacts familles": {"G33": "Recherche d'un mode d'acceuil"}}}))
    assert where(found) == {("value-not-in-list", "Contacts familles", "G33")}
    assert found[0]["expected"] == "Recherche d'un mode d'accueil"


def test_decimal_in_an_integer_column_asks_for_a_whole_number(team_copy):
    found = new_findings(team_copy({SUIVI: {"Échanges pros": {"D101": 12.5}}}))
    assert where(found) == {("invalid-number", "Échanges pros", "D101")}
    assert "nombre entier" in found[0]["message"] and "4,5" not in found[0]["message"]


def test_malformed_codes_say_the_form_and_the_code_meant(team_copy):
    assert rows("Contacts pros")[89][3] == "Assistant maternel"
    found = new_findings(team_copy({SUIVI: {"Contacts pros": {"E90": "am-72"}, "Présences": {"C9": "E-54"}},
                                    AM: {"Listing AM": {"A75": "AM-O121"}}}))
    by_cell = {f["cell"]: f for f in found}
    assert where(found) == {("invalid-code", "Contacts pros", "E90"), ("invalid-code", "Présences", "C9"),
                            ("invalid-code", "Listing AM", "A75")}
    assert (by_cell["E90"]["expected"], by_cell["C9"]["expected"], by_cell["A75"]["expected"]) == (
        "AM-0072", "E-0054", "AM-0121")
    assert "AM-0001" in by_cell["A75"]["message"]  # the expected form


def test_list_suggestions_for_a_truncated_value_and_a_short_list(team_copy):
    found = new_findings(team_copy({SUIVI: {"Demandes en ligne": {"F11": "Sans suite"}},
                                    AM: {"Listing AM": {"B16": "Mr"}}}))
    by_cell = {f["cell"]: f for f in found}
    assert set(by_cell) == {"F11", "B16"}
    assert by_cell["F11"]["expected"] == "Sans suite (famille injoignable)"
    civilities = [row[0] for row in rows("Listes", AM)[1:] if row and row[0]] or ["Mme", "M."]
    assert all(f"« {c} »" in by_cell["B16"]["message"] for c in ("Mme", "M.")), civilities


def test_a_saturday_is_reported_except_on_training_days(team_copy):
    saturday = dt.date(2025, 1, 4)
    assert saturday.weekday() == 5 and rows("Contacts pros")[12][1] == dt.date(2025, 1, 6)
    found = new_findings(team_copy({SUIVI: {"Contacts pros": {"B13": saturday}}}))
    assert where(found) == {("not-a-working-day", "Contacts pros", "B13")}
    assert "samedi" in found[0]["message"] and found[0]["severity"] == "avertissement"
    # the training days of Échanges pros are Saturdays: none is reported on the team's file
    assert not [f for f in verify(WORKBOOKS) if f["code"] == "not-a-working-day"]


def test_a_date_out_of_the_number_order_is_reported_on_its_row_only(team_copy):
    assert [row[1] for row in rows("Contacts familles")[39:42]] == [
        dt.date(2025, 2, 21), dt.date(2025, 2, 24), dt.date(2025, 2, 25)]
    found = new_findings(team_copy({SUIVI: {"Contacts familles": {"B41": dt.date(2025, 2, 14)}}}))
    assert where(found) == {("date-out-of-sequence", "Contacts familles", "B41")}


def test_training_day_moved_in_echanges_is_reported_there(team_copy):
    assert rows("Échanges pros")[100][:3] == [dt.date(2025, 3, 15), "Réunion collective", "Les formations continues"]
    found = new_findings(team_copy({SUIVI: {"Échanges pros": {"A101": dt.date(2025, 3, 8)}}}))
    assert where(found) == {("training-day-mismatch", "Échanges pros", "A101")}
    assert "15/03/2025" in found[0]["message"]  # the Formations AM day it probably is


def test_online_demand_answer_dates(team_copy):
    dl = rows("Demandes en ligne")
    assert dl[34][1:3] == [dt.date(2025, 6, 25), dt.date(2025, 6, 30)] and dl[19][5] == "Rendez-vous fixé"
    found = new_findings(team_copy({SUIVI: {"Demandes en ligne": {"C35": dt.date(2026, 6, 30), "C20": None}}}))
    assert where(found) == {("unusual-delay", "Demandes en ligne", "C35"),
                            ("missing-value", "Demandes en ligne", "C20")}
    assert all(f["severity"] == "avertissement" for f in found)


def test_seance_zero_is_one_finding(team_copy):
    assert rows("Présences")[19][0] == 3.0
    found = new_findings(team_copy({SUIVI: {"Présences": {"A20": 0}}}))
    assert where(found) == {("out-of-range", "Présences", "A20")}


def test_an_emptied_am_code_holds_back_the_references_to_it(team_copy):
    assert rows("Listing AM", AM)[69][0] == "AM-0058"
    used = sum(1 for row in rows("Présences") if row[2] == "AM-0058")
    used += sum(1 for row in rows("Contacts pros") if row[4] == "AM-0058")
    assert used > 3
    found = new_findings(team_copy({AM: {"Listing AM": {"A70": None}}}))
    assert where(found) == {("missing-value", "Listing AM", "A70"), ("reference-not-checked", "Listing AM", "A70")}


def test_duplicate_code_message_does_not_blame_one_row(team_copy):
    found = new_findings(team_copy({AM: {"Listing AM": {"A50": "AM-0003"}}}))
    dup = [f for f in found if f["code"] == "duplicate-key"]
    assert len(dup) == 1 and "laquelle des deux lignes" in dup[0]["message"]


def test_usage_errors_and_help_are_in_french():
    code, _, err = run("verifier", "--nope")
    assert code == 2 and "Erreur : option inconnue : --nope" in err and "No such" not in err
    code, _, err = run("verfier")
    assert code == 2 and "Vouliez-vous dire « verifier »" in err
    code, _, err = run("verifier", "--format", "xml")
    assert code == 2 and "valeurs possibles" in err
    code, out, _ = run("verifier", "--help")
    assert code == 0 and out.startswith("Utilisation : rpe-xl verifier") and "Affiche cette aide" in out
    assert "Show this message" not in out and "Usage:" not in out


def test_a_date_already_reported_is_not_reported_again_by_the_order_and_training_rules(team_copy):
    """A wrong year is one finding (future or out of period), not also « out of sequence » or « training day »."""
    assert rows("Contacts familles")[58][1].year == 2025 and rows("Formations AM")[9][0] == dt.date(2025, 5, 24)
    found = new_findings(team_copy({SUIVI: {"Contacts familles": {"B59": dt.date(2052, 3, 13)},
                                            "Séances": {"B13": dt.date(2024, 1, 9)},
                                            "Formations AM": {"A10": dt.date(2025, 7, 5)}}}))
    assert where(found) == {("date-in-future", "Contacts familles", "B59"),
                            ("date-out-of-period", "Séances", "B13"),
                            ("date-out-of-period", "Formations AM", "A10")}


def test_two_neighbours_in_the_wrong_order_give_one_finding(team_copy):
    """B16 typed one day before B15: B15 and B16 are both out of order with their neighbours; one finding, B16."""
    dl = rows("Demandes en ligne")
    b14, b15, b17 = dl[13][1], dl[14][1], dl[16][1]
    typed = b15 - dt.timedelta(days=1)
    assert b14 <= typed < b15 <= b17  # each of B15 and B16 breaks the order of its neighbours
    found = new_findings(team_copy({SUIVI: {"Demandes en ligne": {"B16": typed}}}))
    assert [f["cell"] for f in found if f["code"] == "date-out-of-sequence"] == ["B16"]



def test_formula_errors_are_reported_as_such_not_as_empty_cells(team_copy):
    folder = team_copy()
    for name, sheet, cell in ((SUIVI, "Présences", "A100"), (AM, "MAM", "C12")):
        set_formula_errors(folder / name, sheet, {cell: "#REF!"})
    assert rows("MAM", AM)[11][0].strip().upper() == "TOTAL"  # C12 is the TOTAL row's formula
    found = new_findings(folder)
    assert where(found) == {("formula-error", "Présences", "A100"), ("formula-error", "MAM", "C12")}
    assert all("#REF!" in f["message"] and "vide" not in f["message"] for f in found)


def test_true_in_a_number_column_is_not_read_as_1(team_copy):
    assert rows("Échanges pros")[65][3] == 12.0
    found = new_findings(team_copy({SUIVI: {"Échanges pros": {"D66": True}}}))
    assert where(found) == {("invalid-number", "Échanges pros", "D66")}


def test_an_emptied_table_is_one_warning_not_thousands_of_references(team_copy):
    seances = rows("Séances")
    edits = {f"{c}{r}": None for r in range(5, len(seances) + 1) for c in "ABCDEFGHI"}
    found = new_findings(team_copy({SUIVI: {"Séances": edits}}))
    assert where(found) == {("empty-table", "Séances", "A4")}


def test_a_mistyped_running_number_is_reported(team_copy):
    assert [row[0] for row in rows("Séances")[28:31]] == [25.0, 26.0, 27.0]
    found = new_findings(team_copy({SUIVI: {"Séances": {"A30": 260}}}))
    assert where(found) == {("number-out-of-sequence", "Séances", "A30")}
    assert found[0]["expected"] == 26


def test_a_row_typed_below_the_total_row_is_reported(team_copy):
    mam = rows("MAM", AM)
    assert mam[11][0].strip().upper() == "TOTAL" and len(mam) == 12
    found = new_findings(team_copy({AM: {"MAM": {"A13": "MAM Les Petits Pas", "B13": "Lillers", "C13": 2,
                                                 "D13": 8}}}))
    assert where(found) == {("row-after-table", "MAM", "A13")}


def test_invisible_characters_are_a_repair_with_a_clear_message(team_copy):
    code = rows("Présences")[49][2]
    found = new_findings(team_copy({SUIVI: {"Présences": {"C50": code + "\u200b"}}}))
    assert where(found) == {("value-repaired", "Présences", "C50")}
    assert "invisible" in found[0]["message"] and found[0]["expected"] == code


def test_unreadable_adhesion_date_does_not_cascade(team_copy):
    from conftest import TERRITOIRE

    communes = rows("Communes", TERRITOIRE)
    assert isinstance(communes[30][3], dt.date)
    found = new_findings(team_copy({TERRITOIRE: {"Communes": {"D31": "29/02/2025"}}}))
    assert {(c, s, x) for c, s, x in where(found) if c != "declared-not-compared"} == {
        ("invalid-date", "Communes", "D31")}


def test_a_commune_of_another_departement_gets_no_far_away_suggestion(team_copy):
    found = new_findings(team_copy({SUIVI: {"Contacts familles": {"F60": "Merville"}}}))
    assert where(found) == {("unknown-commune", "Contacts familles", "F60")}
    assert found[0]["expected"] is None and "Ervillers" not in found[0]["message"]


def test_two_digit_year_is_read_as_excel_does(team_copy):
    found = new_findings(team_copy({AM: {"Listing AM": {"I60": "27/04/95"}}}))
    assert where(found) == {("value-repaired", "Listing AM", "I60")}
    assert found[0]["expected"] == "1995-04-27"


def test_an_impossible_date_says_so(team_copy):
    found = new_findings(team_copy({SUIVI: {"Séances": {"B13": "29/02/2025"}}}))
    assert where(found) == {("invalid-date", "Séances", "B13")}
    assert "n'existe pas" in found[0]["message"] and "bissextile" in found[0]["message"]

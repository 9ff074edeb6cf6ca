"""Indicators of `rpe-xl indicateurs`: every expected figure is counted here from the rows read with
python-calamine (never by calling the code under test), on the team's files and on a copy of another relais."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from python_calamine import CalamineWorkbook

from conftest import AM, EQUIPE, SUIVI, TERRITOIRE, WORKBOOKS, run
from xlsx_edit import sheet_rows


def rows(folder, workbook: str, sheet: str, first_header: str) -> list[dict]:
    """Records of a sheet as dicts keyed by header, from the header row whose first cell is ``first_header``."""
    grid = sheet_rows(folder / workbook, sheet)
    h = next(i for i, r in enumerate(grid) if r and r[0] == first_header)
    header = grid[h]
    out = []
    for r in grid[h + 1:]:
        if str(r[0]).strip().lower().startswith("total"):
            break
        if all(v in ("", None) for v in r):
            continue
        out.append(dict(zip(header, r)))
    return out


def indicators(folder) -> dict:
    code, out, err = run("indicateurs", "--format", "json", str(folder))
    assert code in (0, 1), err
    doc = json.loads(out)
    assert doc["version"] == 1 and set(doc) == {"version", "periode", "indicateurs"}
    return doc["indicateurs"]


def expected(folder) -> dict:
    """A careful person's count, from the raw rows."""
    exp = {}
    fam = rows(folder, SUIVI, "Contacts familles", "N°")
    exp["contacts_familles.total"] = len(fam)
    exp["contacts_familles.recherche_mode_accueil"] = sum(r["Motif principal"].startswith("Recherche") for r in fam)
    exp["contacts_familles.employeur_contrat"] = sum("employeur" in r["Motif principal"] for r in fam)
    demand = [r for r in fam if r["Demande d'accueil"]]
    exp["demandes.total"] = len({r["Code famille"] for r in demand})
    exp["demandes.assistant_maternel"] = len({r["Code famille"] for r in demand if r["Demande d'accueil"] == "Assistant maternel"})
    exp["demandes.accueil_collectif"] = len({r["Code famille"] for r in demand if r["Demande d'accueil"] == "Accueil collectif"})
    exp["demandes.horaires_atypiques"] = len({r["Code famille"] for r in demand if r["Horaires atypiques"] == "Oui"})
    pros = rows(folder, SUIVI, "Contacts pros", "N°")
    exp["contacts_pros.am.total"] = sum(r["Public"] == "Assistant maternel" for r in pros)
    exp["contacts_pros.am.disponibilite_accueil"] = sum(
        r["Public"] == "Assistant maternel" and "disponibilité" in r["Motif"] for r in pros)
    seances = rows(folder, SUIVI, "Séances", "N° séance")
    exp["seances.total"] = len(seances)
    exp["seances.atelier_eveil"] = sum(r["Type d'action"] == "Atelier d'éveil" for r in seances)
    kind = {r["N° séance"]: r["Type d'action"] for r in seances}
    pres = rows(folder, SUIVI, "Présences", "N° séance")
    kids = [r for r in pres if r["Type de participant"] == "Enfant" and r["N° séance"] in kind]
    exp["participants.enfants.total"] = len({r["Code participant"] for r in kids})
    exp["participants.enfants.fete"] = len({r["Code participant"] for r in kids if kind[r["N° séance"]] == "Fête"})
    pros_pres = [r for r in pres if r["Type de participant"] in ("Assistant maternel", "Garde à domicile")]
    exp["participants.professionnels.atelier_eveil"] = len(
        {r["Code participant"] for r in pros_pres if kind.get(r["N° séance"]) == "Atelier d'éveil"})
    ech = rows(folder, SUIVI, "Échanges pros", "Date")
    exp["echanges.entretien.droit_travail"] = sum(
        r["Modalité"] == "Entretien individuel" and r["Thème"] == "Le droit du travail" for r in ech)
    online = rows(folder, SUIVI, "Demandes en ligne", "N°")
    exp["demandes_en_ligne.total"] = len(online)
    exp["demandes_en_ligne.delai_moyen_jours"] = round(
        sum((r["Date de réponse"] - r["Date de réception"]).days for r in online) / len(online), 1)
    am = rows(folder, AM, "Listing AM", "Code AM")
    active = [r for r in am if r["En activité"] == "Oui"]
    exp["am.agrees"] = len(am)
    exp["am.actifs"] = len(active)
    exp["am.taux_activite"] = round(len(active) / len(am), 4)
    exp["am.places_agreees"] = sum(int(r["Places agréées"]) for r in am)
    exp["am.periscolaire"] = sum(r["Périscolaire"] == "Oui" for r in active)
    exp["am.handicap"] = sum(r["Handicap"] == "Oui" for r in active)
    c = sum(r["Disponibilités à jour monenfant.fr"] == "Oui" for r in am)
    d = sum(r["Inscrit monenfant.fr"] == "Oui" for r in am)
    exp["am.taux_mise_en_ligne"] = round(c / d * 100, 1)
    exp["am.avec_place_septembre"] = sum(not r["MAM"] and (r["Places dispo sept. 2025"] or 0) >= 1 for r in active)
    exp["mam.places"] = sum(int(r["Places agréées"]) for r in am if r["MAM"])
    team = rows(folder, EQUIPE, "Équipe", "Nom")
    etp = sum(r["ETP"] for r in team if isinstance(r["ETP"], float))
    exp["equipe.etp_total"] = round(etp, 2)
    exp["am.par_etp"] = round(len(active) / etp, 1)
    communes = rows(folder, TERRITOIRE, "Communes", "Commune")
    for day in (dt.date(2024, 1, 1), dt.date(2025, 1, 1), dt.date(2025, 7, 1), dt.date(2026, 1, 1)):
        exp[f"communes.au_{day}"] = len({r["Commune"] for r in communes if r["Date d'adhésion"] <= day
                                         and (not r["Date de sortie"] or r["Date de sortie"] > day)})
    return exp


def test_indicators_equal_a_hand_count_on_the_team_workbooks():
    got, exp = indicators(WORKBOOKS), expected(WORKBOOKS)
    assert {k: got.get(k) for k in exp} == exp


def test_participant_total_counts_distinct_people_not_the_sum_of_rows():
    got = indicators(WORKBOOKS)
    types = ("atelier_eveil", "structure_territoire", "fete", "sortie", "atelier_numerique", "pret_materiel")
    for p in ("professionnels", "enfants", "parents"):
        assert got[f"participants.{p}.total"] <= sum(got[f"participants.{p}.{t}"] for t in types)
    assert got["participants.enfants.total"] < sum(got[f"participants.enfants.{t}"] for t in types)


def test_weekly_split_from_the_planning_grids():
    got = indicators(WORKBOOKS)
    book = CalamineWorkbook.from_path(str(WORKBOOKS / EQUIPE))
    grid = book.get_sheet_by_name("Planning Maureen").to_python(skip_empty_area=False)
    # Maureen: administratif = every 'Administratif' block of her grid (3h30 each)
    admin = sum(3.5 for row in grid[3:5] for cell in row[1:] if isinstance(cell, str) and "Administratif" in cell)
    assert got["repartition.maureen.administratif_heures"] == admin
    cats = ("animations", "informations", "observation", "partenariat", "administratif", "autres")
    total = got["repartition.global.total_heures"]
    assert sum(got[f"repartition.global.{c}_heures"] for c in cats) == pytest.approx(total)
    assert got["repartition.global.administratif_pct"] == round(got["repartition.global.administratif_heures"] / total * 100, 2)


def test_another_relais_gives_its_own_figures(team_copy):
    """Other communes, other rows: the same command gives that relais' figures (nothing tied to this one)."""
    folder = team_copy({
        TERRITOIRE: {"Communes": {"A6": "Annezin", "B6": "62035", "D8": dt.date(2025, 3, 1),
                                  "D10": dt.date(2024, 6, 1)}},
        AM: {"Listing AM": {"L2": "Non", "L5": "Non", "P6": "Non", "M6": "Non"}},
        SUIVI: {"Contacts familles": {"G5": "Rôle d'employeur ou contrat de travail", "H5": None,
                                      "H7": "Accueil collectif"},
                "Séances": {"E5": "Fête"}},
    })
    got, exp, original = indicators(folder), expected(folder), expected(WORKBOOKS)
    assert {k: got.get(k) for k in exp} == exp
    changed = [k for k in exp if exp[k] != original[k]]
    assert {"am.actifs", "contacts_familles.recherche_mode_accueil", "communes.au_2025-01-01",
            "seances.atelier_eveil", "am.periscolaire"} <= set(changed)


def test_output_workbook_has_one_sheet_per_section_and_native_charts(tmp_path):
    import zipfile

    target = tmp_path / "sortie" / "indicateurs.xlsx"
    code, _, _ = run("indicateurs", str(WORKBOOKS), "--sortie", str(target))
    assert code in (0, 1) and target.exists()
    names = CalamineWorkbook.from_path(str(target)).sheet_names
    assert names[:5] == ["2.1-2.3 Équipe", "4.1 Information", "4.2 Rencontres", "4.3 Observation", "5 Missions compl."]
    with zipfile.ZipFile(target) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) >= 3
    grid = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("Indicateurs (ID)").to_python()
    flat = {r[0]: r[1] for r in grid[1:]}
    assert flat["am.actifs"] == expected(WORKBOOKS)["am.actifs"]


def test_sortie_must_be_xlsx(tmp_path):
    code, _, _ = run("indicateurs", str(WORKBOOKS), "--sortie", str(tmp_path / "x.csv"))
    assert code == 2

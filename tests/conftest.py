"""Shared fixtures: the embedded team workbooks, faulty copies built from them, the CLI."""

from __future__ import annotations

import functools
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsx_edit import edit_workbook

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = ROOT / "workbooks"
SHARED = ROOT.parent / "shared"  # CI has ../shared beside the clone; end users do not

SUIVI = "RPE_suivi_activite_2025.xlsx"
AM = "RPE_assistants_maternels.xlsx"
TERRITOIRE = "RPE_territoire.xlsx"
EQUIPE = "RPE_equipe_planning.xlsx"
BUDGET = "RPE_budget_2026-2030.xlsx"
BUREAU = "Bureau_2025-09-30.xlsx"


def copy_team(folder: Path, edits: dict[str, dict[str, dict[str, object]]] | None = None) -> Path:
    """Copy the six team workbooks into ``folder``, applying ``edits`` =
    {workbook file name: {sheet: {cell: value}}} (cells edited inside the xlsx XML, cached values kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    for src in WORKBOOKS.glob("*.xlsx"):
        dst = folder / src.name
        if edits and src.name in edits:
            edit_workbook(src, dst, edits[src.name])
        else:
            shutil.copyfile(src, dst)
    return folder


@pytest.fixture
def team_copy(tmp_path: Path):
    """``team_copy(edits)``: a folder of copies of the team's workbooks with ``edits`` (see :func:`copy_team`)."""
    return lambda edits=None: copy_team(tmp_path / "classeurs", edits)


@pytest.fixture
def work_folder(tmp_path: Path, monkeypatch) -> Path:
    """Run from an empty working folder whose ``rpe-xl.toml`` holds only the collectivity's name (no SIRET, no
    parameters), so that the repository's own ``rpe-xl.toml`` is not read."""
    work = tmp_path / "travail"
    work.mkdir()
    (work / "rpe-xl.toml").write_text('[collectivite]\nnom = "Communauté d\'Agglomération de Béthune-Bruay, '
                                      'Artois-Lys Romane"\n', encoding="utf-8")
    monkeypatch.chdir(work)
    return work


def run(*args: str) -> tuple[int, str, str]:
    """Run ``rpe-xl`` in-process; returns (exit code, stdout, stderr)."""
    from rpe_xl.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def verify(*paths: Path) -> list[dict]:
    """Findings of ``rpe-xl verifier --format json`` on ``paths``."""
    code, out, _ = run("verifier", "--format", "json", *map(str, paths))
    assert code in (0, 1), out
    return json.loads(out)["findings"]


def where(findings: list[dict], code: str | None = None) -> set[tuple[str, str | None, str | None]]:
    """{(code, sheet, cell)} of the findings, optionally of one code."""
    return {(f["code"], f["sheet"], f["cell"]) for f in findings if code is None or f["code"] == code}


def _key(f: dict) -> tuple:
    return f["code"], f["severity"], f["workbook"], f["sheet"], f["cell"], f["message"]


@functools.cache
def _baseline() -> Counter:
    return Counter(_key(f) for f in verify(WORKBOOKS))


def new_findings(source: Path | list[dict]) -> list[dict]:
    """Findings of ``rpe-xl verifier`` on ``source`` (a folder of faulty copies of the team's workbooks, same file
    names, or the findings already read from one) that the unmodified workbooks do not give: each finding of the
    team's own verdict is matched once."""
    found = verify(source) if isinstance(source, Path) else source
    extra = Counter(_key(f) for f in found) - _baseline()
    out = []
    for f in found:
        if extra[_key(f)] > 0:
            extra[_key(f)] -= 1
            out.append(f)
    return out

"""No command writes into the team's workbooks: their bytes (sha256) and the folder's file list are unchanged
after running every command of ``rpe-xl`` (found in ``main.commands``) with its outputs sent to a temp folder."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import click
from click.testing import CliRunner

from conftest import WORKBOOKS
from rpe_xl.cli import main

# extra invocations of commands whose outputs have several forms
KNOWN = {"verifier": [["--format", "json"], ["--sortie", "{tmp}/controles.json"], ["--sortie", "{tmp}/controles.xlsx"]],
         "deliberation": [["--sortie", "{tmp}/deliberation.docx", "--forcer"]]}
# what a command needs besides its paths to write something: the SCDL export needs a SIRET; the deliberation is
# forced, so that it is written whatever the séance's findings
NEEDS = {"deliberation": ["--siret", "12345678200010", "--forcer"]}
INPUTS = {"modele"}  # path options that name a file read, not written
# exit code on the team's workbooks: verifier and budget find errors, indicateurs none; deliberation without any
# output is a usage fault
EXPECTED = {"verifier": {1}, "indicateurs": {0}, "budget": {1}, "deliberation": {0, 1}, "excel": {2}}


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def invocations(name: str, command: click.Command, tmp: Path) -> list[list[str]]:
    """Arguments for one command: the team's folder, and every path option it writes pointed into ``tmp``."""
    base: list[str] = []
    generic: list[str] = []
    for param in command.params:
        if isinstance(param, click.Argument) and isinstance(param.type, click.Path):
            base.append(str(WORKBOOKS))
        elif (isinstance(param, click.Option) and isinstance(param.type, click.Path) and not param.is_flag
              and param.name not in INPUTS):
            ext = re.search(r"\.(xlsx|json|docx|pdf|html|csv)\b", param.help or "")
            target = tmp / f"{name}_{param.name}{'.' + ext.group(1) if ext else ''}"
            generic += [param.opts[-1], str(target)]
    extra = [[a.format(tmp=tmp) for a in args] for args in KNOWN.get(name, [])]
    return [[name, *base], [name, *base, *generic, *NEEDS.get(name, [])], *[[name, *base, *args] for args in extra]]


def test_every_command_leaves_the_workbooks_untouched(tmp_path, monkeypatch):
    before = snapshot(WORKBOOKS)
    assert len(before) == 6
    monkeypatch.chdir(tmp_path)  # default output folders land in tmp
    runner = CliRunner()
    ran = []
    for name, command in sorted(main.commands.items()):
        for args in invocations(name, command, tmp_path):
            result = runner.invoke(main, args, catch_exceptions=False)
            ran.append((args, result.exit_code))
            assert snapshot(WORKBOOKS) == before, f"rpe-xl {' '.join(args)} changed the team's files"
            bare = args == [name, str(WORKBOOKS)] and name == "deliberation"
            assert result.exit_code in ({2} if bare else EXPECTED[name]), (args, result.stderr)
    assert {args[0] for args, _ in ran} == set(EXPECTED)  # every command ran (a new one needs its expected code)
    written = {p.name for p in tmp_path.iterdir()}
    assert {"controles.xlsx", "controles.json", "verifier_sortie.json", "indicateurs_sortie.xlsx",
            "budget_sortie.xlsx", "deliberation_sortie.docx", "deliberation_scdl.csv", "deliberation.docx"} <= written
    # nothing but the outputs appeared beside the temp outputs (no stray temporary files)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]

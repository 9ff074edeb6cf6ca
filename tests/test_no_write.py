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
KNOWN = {"verifier": [["--format", "json"], ["--sortie", "{tmp}/controles.json"], ["--sortie", "{tmp}/controles.xlsx"]]}


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def invocations(name: str, command: click.Command, tmp: Path) -> list[list[str]]:
    """Arguments for one command: the team's folder, and every path option pointed into ``tmp``."""
    base: list[str] = []
    generic: list[str] = []
    for param in command.params:
        if isinstance(param, click.Argument) and isinstance(param.type, click.Path):
            base.append(str(WORKBOOKS))
        elif isinstance(param, click.Option) and isinstance(param.type, click.Path) and not param.is_flag:
            ext = re.search(r"\.(xlsx|json|docx|pdf|html|csv)\b", param.help or "")
            target = tmp / f"{name}_{param.name}{'.' + ext.group(1) if ext else ''}"
            generic += [param.opts[-1], str(target)]
    extra = [[a.format(tmp=tmp) for a in args] for args in KNOWN.get(name, [])]
    return [[name, *base], [name, *base, *generic], *[[name, *base, *args] for args in extra]]


def test_every_command_leaves_the_workbooks_untouched(tmp_path, monkeypatch):
    before = snapshot(WORKBOOKS)
    assert len(before) == 6
    monkeypatch.chdir(tmp_path)  # default output folders land in tmp
    runner = CliRunner()
    ran = []
    for name, command in sorted(main.commands.items()):
        for args in invocations(name, command, tmp_path):
            result = runner.invoke(main, args, catch_exceptions=True)
            ran.append((args, result.exit_code))
            assert snapshot(WORKBOOKS) == before, f"rpe-xl {' '.join(args)} changed the team's files"
    assert ("verifier" in {args[0] for args, _ in ran})
    assert (tmp_path / "controles.xlsx").exists() and (tmp_path / "controles.json").exists()
    # nothing but the outputs appeared beside the temp outputs (no stray temporary files)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]

"""What every ``rpe-xl`` command does around its work: check the paths and the output files, start reading,
print, write an output, and leave with the exit code (light: no pandas, usable before the heavy imports).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_FOLDER = Path("workbooks")


class OutputError(click.ClickException):
    """An output file that must not be written: French message, exit code 2."""

    exit_code = 2


def _paths(chemins: tuple[Path, ...]) -> list[Path]:
    paths = list(chemins) or [DEFAULT_FOLDER]
    missing = [p for p in paths if not (p.exists() or p.is_symlink())]
    if missing:
        raise click.UsageError(f"Chemin introuvable : {missing[0]}. Indiquez un classeur ou un dossier de classeurs.")
    return paths


def start(chemins: tuple[Path, ...], limite: int | None,
          outputs: tuple[tuple[Path | None, tuple[str, ...], str], ...] = ()) -> list[Path]:
    """Check the paths and every output file (target, extensions, option) before anything is read, then start
    parsing the workbooks in the background, before the heavy imports."""
    from .read.prefetch import start as prefetch
    from .read.safety import set_size_limit
    from .report.output_guard import OutputRefused, check_output

    set_size_limit(limite)
    paths = _paths(chemins)
    for target, kinds, option in outputs:
        if target is not None:
            try:
                check_output(target, paths, kinds, option)
            except OutputRefused as exc:
                raise OutputError(str(exc)) from exc
    prefetch(paths)
    return paths


def load(paths: list[Path]):
    """The workbooks read (see :func:`rpe_xl.read.load`)."""
    from .read import load as read

    return read(paths)


def say(text: str, err: bool = False) -> None:
    """Print ``text`` in UTF-8 (a file name that is not valid UTF-8 shown with U+FFFD)."""
    from .read.files import printable

    stream = sys.stderr if err else sys.stdout
    try:
        stream.reconfigure(encoding="utf-8")  # Windows consoles default to a legacy code page
    except (AttributeError, ValueError):
        pass
    click.echo(printable(text), err=err)


def output(target: Path | None, writer, done: str) -> str | None:
    """Write ``target`` with ``writer(target)``: None when written (and ``done`` said), else why not (French), for
    the command to say after its report."""
    if target is None:
        return None
    from .report.output_guard import write_output

    problem = write_output(target, writer)
    if problem is None:
        say(f"{done} {target}", err=True)
    return problem


def finish(problem: str | None, code: int) -> None:
    """Leave with ``code``, or with 2 after saying why an output file was not written."""
    if problem:
        say(problem, err=True)
        sys.exit(2)
    sys.exit(code)

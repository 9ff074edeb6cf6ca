"""Every ``rpe-xl …`` example of README.md runs as written: on the embedded workbooks (``workbooks/``), with its
outputs (``sortie/``) sent to a temp folder, it ends with 0 or 1 (never 2, a usage fault) and writes the files it
names (``--sortie``, ``--scdl``, and the PDF of ``--pdf``)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, WORKBOOKS, run


def readme_examples() -> list[list[str]]:
    """The ``rpe-xl`` commands of the ``sh`` blocks (after ``&&`` too), as argument lists."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M):
        for line in block.splitlines():
            for part in line.split("&&"):
                words = shlex.split(part)
                if words[:1] == ["rpe-xl"]:
                    commands.append(words[1:])
    return commands


EXAMPLES = readme_examples()


def test_the_readme_has_an_example_of_every_command():
    from rpe_xl.cli import main

    assert {args[0] for args in EXAMPLES} == set(main.commands)


def _here(args: list[str], tmp: Path) -> list[str]:
    out = []
    for word in args:
        if word.startswith("workbooks/"):
            word = str(WORKBOOKS / word[len("workbooks/"):])
        elif word.startswith("sortie/"):
            word = str(tmp / "sortie" / word[len("sortie/"):])
        out.append(word)
    return out


@pytest.mark.parametrize("args", EXAMPLES, ids=[" ".join(a) for a in EXAMPLES])
def test_a_readme_example_runs_and_writes_what_it_says(args, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # an example without a path reads workbooks/ of the working folder
    if "--pdf" in args and not shutil.which("soffice"):
        pytest.skip("LibreOffice absent: no PDF")
    args = _here(args, tmp_path)
    code, out, err = run(*args)
    assert code in (0, 1), f"rpe-xl {' '.join(args)} -> {code}\n{err}"
    promised = [Path(args[i + 1]) for i, word in enumerate(args[:-1]) if word in ("--sortie", "--scdl")]
    if "--pdf" in args:
        promised.append(Path(args[args.index("--sortie") + 1]).with_suffix(".pdf"))
    for path in promised:
        assert path.is_file() and path.stat().st_size > 0, f"{path.name} not written by rpe-xl {' '.join(args)}"
    assert out or err

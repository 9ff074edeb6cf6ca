"""The outputs on the team's workbooks stay as they are while the code is reorganised: `verifier`, `indicateurs`
and `budget` JSON and the deliberation's text are compared with the files in tests/golden/.

When a change is meant to alter an output (a wrong finding corrected), regenerate the files and review the diff:
    python tests/test_outputs_unchanged.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from docx import Document

from conftest import WORKBOOKS, run

GOLDEN = Path(__file__).resolve().parent / "golden"
COMMANDS = {"verifier": ("verifier", "--format", "json"), "indicateurs": ("indicateurs", "--format", "json"),
            "budget": ("budget", "--format", "json"),
            "budget_scenario": ("budget", "--format", "json", "--hypothese", "Salaires=2,5 %")}


def output_of(name: str) -> object:
    code, out, _ = run(*COMMANDS[name], str(WORKBOOKS))
    assert code in (0, 1), out
    return json.loads(out)


def deliberation_text(folder: Path) -> str:
    target = folder / "deliberation.docx"
    code, out, err = run("deliberation", str(WORKBOOKS), "--sortie", str(target))
    assert code == 0, out + err
    return "\n".join(p.text for p in Document(str(target)).paragraphs)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_json_output_is_unchanged(name):
    assert output_of(name) == json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def test_deliberation_text_is_unchanged(tmp_path, work_folder):
    assert deliberation_text(tmp_path) == (GOLDEN / "deliberation.txt").read_text(encoding="utf-8")


if __name__ == "__main__":  # regenerate the golden files from the current code
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    GOLDEN.mkdir(exist_ok=True)
    for name in COMMANDS:
        (GOLDEN / f"{name}.json").write_text(json.dumps(output_of(name), ensure_ascii=False, indent=1) + "\n",
                                             encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "travail"
        work.mkdir()
        (work / "rpe-xl.toml").write_text('[collectivite]\nnom = "Communauté d\'Agglomération de Béthune-Bruay, '
                                          'Artois-Lys Romane"\n', encoding="utf-8")
        import os

        os.chdir(work)
        (GOLDEN / "deliberation.txt").write_text(deliberation_text(Path(tmp)), encoding="utf-8")

"""Documentation stays in step with the code: every command documented, every field in the glossary."""

from __future__ import annotations

from conftest import ROOT, run
from rpe_xl.cli import main
from rpe_xl.read.description import workbooks


def test_every_command_is_in_the_readme_and_has_an_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"rpe-xl {name}" in readme, f"README: commande {name} non documentée"
        code, out, _ = run(name, "--help")
        assert code == 0
        assert "Exemple" in out, f"l'aide de {name} n'a pas d'exemple"


def test_every_field_of_the_specs_is_in_the_glossary():
    glossary = (ROOT / "docs" / "glossaire.md").read_text(encoding="utf-8")
    for wb in workbooks():
        for sheet in wb.sheets:
            assert f"`{sheet.key}`" in glossary, sheet.key
            for field in sheet.fields:
                assert f"« {field.header}" in glossary and f"`{field.name}`" in glossary, (sheet.key, field.name)


def test_finding_codes_document_is_up_to_date():
    """docs/constats.md lists every code of the registry (regenerate: python docs/make_constats.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_constats", ROOT / "docs" / "make_constats.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "constats.md").read_text(encoding="utf-8") == module.render()


def test_finding_codes_document_shows_every_template():
    """docs/constats.md shows each code's message templates with their fields (« {commune} »)."""
    from rpe_xl.findings import CODES

    doc = (ROOT / "docs" / "constats.md").read_text(encoding="utf-8")
    for code, entry in CODES.items():
        assert f"### `{code}` — {entry.title}" in doc, code
        for variant, template in entry.templates.items():
            assert f"- *{variant}* : « {template} »" in doc, (code, variant)

"""Render a Word template with docxtpl, and convert it to PDF with LibreOffice.

Rendering always goes through a sandboxed, autoescaping Jinja environment: without autoescape, docxtpl
produces broken XML (Word drops the rest of the document) as soon as a value holds ``&`` or ``<``.

>>> render_docx(Path("templates/deliberation.docx"), {"presents": "A & B"}, Path("sortie/d.docx"))  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from ..report.atomic import atomic_path

log = logging.getLogger(__name__)
SOFFICE_NAMES = ("soffice", "libreoffice")
PDF_TIMEOUT_S = 180


class RenderError(RuntimeError):
    """The document or its PDF could not be written (message in French)."""


def environment() -> SandboxedEnvironment:
    """The only Jinja environment used for documents."""
    return SandboxedEnvironment(autoescape=True)


def render_docx(template: Path, context: dict[str, Any], target: Path) -> Path:
    """Fill ``template`` with ``context`` and write ``target`` atomically."""
    if not template.exists():
        raise RenderError(f"Modèle introuvable : {template}. Régénérez-le avec python templates/build_templates.py.")
    doc = DocxTemplate(str(template))
    try:
        doc.init_docx()
    except Exception as exc:  # not a zip, a zip without Word parts, another Office file (python-docx's words)
        raise RenderError(f"Le modèle {template.name} n'est pas un document Word .docx lisible ({_what(template)}) : "
                          "indiquez le bon fichier avec --modele, ou régénérez le modèle avec python "
                          "templates/build_templates.py.") from exc
    try:
        doc.render(context, jinja_env=environment(), autoescape=True)
    except TemplateSyntaxError as exc:  # a field broken by an edit of the template in Word
        raise RenderError(f"Le modèle {template.name} contient une balise invalide{_near(exc)} : corrigez-la dans "
                          "Word (les champs s'écrivent {{ nom }}, les blocs {% if … %} … {% endif %}).") from exc
    except Exception as exc:  # the template's XML damaged
        raise RenderError(f"Le modèle {template.name} n'a pas pu être rempli (contenu Word endommagé) : rouvrez-le "
                          "dans Word et enregistrez-le à nouveau, ou régénérez-le avec python "
                          "templates/build_templates.py.") from exc
    with atomic_path(target) as tmp:
        doc.save(str(tmp))
    return target


def _what(path: Path) -> str:
    """What the file is instead of a Word document, in French."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return "ce n'est pas un fichier Office, ou il est corrompu"
    if any(n.startswith("xl/") for n in names):
        return "c'est un classeur Excel"
    if any(n.startswith("ppt/") for n in names):
        return "c'est une présentation PowerPoint"
    return "archive sans document Word"


def _near(exc: TemplateSyntaxError) -> str:
    """Where the broken field is: the text of the template line (Word's XML stripped), when it is short."""
    import re

    lines = (exc.source or "").splitlines()
    line = lines[exc.lineno - 1] if exc.lineno and 0 < exc.lineno <= len(lines) else ""
    text = re.sub(r"<[^>]+>", "", line).strip()
    return f" (près de « {text[:80]} »)" if text and len(text) <= 200 else ""


def soffice() -> str | None:
    """Path of LibreOffice's command-line program, or None when it is not installed."""
    return next((found for name in SOFFICE_NAMES if (found := shutil.which(name))), None)


def to_pdf(docx: Path, target: Path | None = None) -> Path:
    """Convert ``docx`` to PDF (beside it by default) with LibreOffice in headless mode."""
    program = soffice()
    if program is None:
        raise RenderError("LibreOffice n'est pas installé : le PDF n'a pas été produit. Installez LibreOffice "
                          "(https://fr.libreoffice.org) ou ouvrez le .docx dans Word et enregistrez-le en PDF.")
    target = target or docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="rpe-xl-pdf-") as work:
        profile = Path(work, "profil").as_uri()  # own profile: works while another LibreOffice is open
        cmd = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", work, str(docx)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=PDF_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"LibreOffice n'a pas terminé la conversion en {PDF_TIMEOUT_S} s.") from exc
        produced = Path(work, docx.with_suffix(".pdf").name)
        if done.returncode != 0 or not produced.exists():
            log.debug("soffice: %s", (done.stderr or done.stdout).strip()[:300])  # LibreOffice speaks English
            raise RenderError(f"La conversion en PDF par LibreOffice a échoué (code {done.returncode}) : le document "
                              f"Word {docx.name} est écrit ; ouvrez-le dans Word ou LibreOffice et enregistrez-le en "
                              "PDF.")
        with atomic_path(target) as tmp:
            shutil.copyfile(produced, tmp)
    return target

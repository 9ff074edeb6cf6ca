"""Check a file before any parser touches it: is it an xlsx, is it encrypted, would it unzip into a bomb.

Neither openpyxl nor calamine limits decompression, and the sizes written in a zip's headers may lie: every
member is inflated here once, in small steps, counting the bytes it really gives, and the count stops at the
limit (memory stays flat whatever the file claims).

>>> set_size_limit(400)            # rpe-xl verifier --limite-taille 400
>>> check_file(Path("workbooks/RPE_territoire.xlsx")) is None
True
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .address import cell, column_index
from .zip_size import MB, inflated_size, mebibytes as _mo

DEFAULT_LIMIT_MB = 200                 # XML of a workbook, in total, once decompressed
MAX_RATIO = 200                        # per member, uncompressed / compressed
MAX_MEMBERS = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_limit_mb = DEFAULT_LIMIT_MB


def set_size_limit(megabytes: int | None) -> None:
    """The decompressed size above which a workbook is refused (``--limite-taille``); None: the default."""
    global _limit_mb
    _limit_mb = int(megabytes) if megabytes else DEFAULT_LIMIT_MB


@dataclass(frozen=True)
class Refusal:
    """Why a file cannot be read: a finding code, the variant of its message template and the values that fill
    it."""

    code: str
    variant: str = "default"
    values: dict = field(default_factory=dict)


def lock_file(path: Path) -> Path | None:
    """Excel's owner file ``~$name.xlsx`` (LibreOffice's ``.~lock.name.xlsx#``) beside ``name.xlsx`` means the
    workbook is open somewhere."""
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:]),
                      path.with_name(f".~lock.{path.name}#")):
        if candidate.exists() and candidate != path:
            return candidate
    return None


def check_file(path: Path) -> Refusal | None:
    """None when the file looks like a sane xlsx/xlsm; otherwise the reason to refuse it (judged once per version
    of the file and limit: the background reader and the reader both ask)."""
    try:
        stat = path.stat()
    except OSError as exc:
        return Refusal("file-unreadable", "os_error", {"reason": os_reason(exc)})
    return _check(path.resolve(), stat.st_mtime_ns, stat.st_size, _limit_mb)


@lru_cache(maxsize=64)
def _check(path: Path, _mtime_ns: int, _size: int, limit_mb: int) -> Refusal | None:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except PermissionError:
        return Refusal("file-unreadable", "permission")
    except OSError as exc:
        return Refusal("file-unreadable", "os_error", {"reason": os_reason(exc)})
    if not head:
        return Refusal("file-empty")
    if head == OLE_MAGIC:
        return _ole_refusal(path)
    corrupt = Refusal("file-not-xlsx", "corrupt")
    if not zipfile.is_zipfile(path):
        return Refusal("file-not-xlsx")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError):
        return corrupt
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        kind = "un document Word" if any(n.startswith("word/") for n in names) else "une archive zip"
        return Refusal("file-not-xlsx", "other_document", {"kind": kind})
    if len(infos) > MAX_MEMBERS:
        return Refusal("file-too-large", "members", {"count": len(infos)})
    limit = limit_mb * MB
    declared = sum(i.file_size for i in infos)
    if declared > limit:
        return _too_large(f"se décompresserait en {_mo(declared)} Mo", limit_mb, -(-declared // (100 * MB)) * 100)
    try:
        with path.open("rb") as fh:
            total = 0
            for info in infos:
                size = inflated_size(fh, info, limit - total)
                if size is None:
                    return _too_large("se décompresse au-delà de la limite", limit_mb, 2 * limit_mb)
                if size > info.file_size:  # headers that lie about the content
                    return corrupt
                if size > 1_000_000 and size > MAX_RATIO * max(info.compress_size, 1):
                    return Refusal("file-too-large", "zip_bomb", {"member": info.filename, "size_mb": _mo(size),
                                                                  "ratio": MAX_RATIO})
                total += size
    except (OSError, ValueError):
        return corrupt
    return None


def _too_large(what: str, limit_mb: int, advised_mb: int) -> Refusal:
    return Refusal("file-too-large", "over_limit", {"what": what, "limit_mb": _mo(limit_mb * MB),
                                                    "advised_mb": advised_mb})


# A sheet is read as a rectangle from A1 to its farthest filled cell: one value typed in XFD1048576 would ask for
# 17 billion cells (the reader aborts the whole process). Such a sheet is left out, with a finding.
MAX_CELLS = 40_000_000
MAX_BOOK_XML = 4 * MB  # the workbook part lists the sheets: a few Ko
_SHEET_TAG = re.compile(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL_TAG = re.compile(r'<Relationship\b[^>]*>')
_ATTR = re.compile(r'\b(Id|Target)="([^"]*)"')
_FILLED = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"(?:[^>]*[^/>])?>')  # a cell with content (not <c r="…"/>)
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:([A-Z]+)\d+"')


_ERROR_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*?\bt="e"[^>]*>(?:(?!</c>).)*?<v>([^<]*)</v>', re.S)


@dataclass(frozen=True)
class SheetScan:
    """What the sheet XML says before any reader parses it: the sheets too large to read (name -> farthest
    cell) and the cells holding a formula error (name -> {(row, column) 0-based: "#REF!"}), which calamine
    reads as empty cells."""

    oversized: dict
    errors: dict


def listed_sheets(path: Path) -> list[str]:
    """The sheet names ``xl/workbook.xml`` lists, read in bounded steps whatever the zip headers say (no reader
    involved: usable on any file); empty for a file that is no xlsx."""
    from xml.sax.saxutils import unescape

    try:
        with zipfile.ZipFile(path) as zf, zf.open("xl/workbook.xml") as member:
            xml = member.read(MAX_BOOK_XML).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - not a zip, no workbook part, damaged
        return []
    return [unescape(name, {"&quot;": '"', "&apos;": "'"}) for name, _ in _SHEET_TAG.findall(xml)]


def oversized_sheets(path: Path) -> dict[str, str]:
    """Sheet name -> A1 address of its farthest filled cell, for the sheets whose rectangle from A1 holds more
    than :data:`MAX_CELLS` cells."""
    return scan_sheets(path).oversized


def scan_sheets(path: Path) -> SheetScan:
    """One pass over the sheets' XML (decompressed once per version of the file), only for a file that
    :func:`check_file` accepts: the sizes its headers give are then true and within the limit."""
    try:
        stat = path.stat()
    except OSError:
        return SheetScan({}, {})
    if check_file(path) is not None:
        return SheetScan({}, {})
    return _scan(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _scan(path: Path, _mtime_ns: int, _size: int) -> SheetScan:
    from xml.sax.saxutils import unescape

    oversized: dict[str, str] = {}
    errors: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            rels = {}
            for tag in _REL_TAG.findall(zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")):
                attrs = dict(_ATTR.findall(tag))
                rels[attrs.get("Id")] = attrs.get("Target", "")
            for name, rid in _SHEET_TAG.findall(zf.read("xl/workbook.xml").decode("utf-8")):
                sheet = unescape(name, {"&quot;": '"', "&apos;": "'"})
                target = rels.get(rid, "").lstrip("/")
                try:
                    xml = zf.read(target if target.startswith("xl/") else "xl/" + target)
                except Exception:  # noqa: BLE001 - a damaged sheet: its reader reports it
                    continue
                far = _farthest(xml)
                if far and far[0] * far[1] > MAX_CELLS:
                    oversized[sheet] = cell(far[0], far[1])
                if b't="e"' in xml:
                    errors[sheet] = {(int(row) - 1, _column_number(col) - 1): text.decode("utf-8", "replace")
                                     for col, row, text in _ERROR_CELL.findall(xml)}
    except Exception:  # noqa: BLE001 - a damaged file: its reader reports it
        return SheetScan({}, {})
    return SheetScan(oversized, errors)


def _farthest(xml: bytes) -> tuple[int, int] | None:
    """(last row, widest column) of the filled cells, scanning the end of the sheet (rows come in order) and the
    cells whose column has two or three letters; the dimension written by Excel counts too."""
    tail = _FILLED.findall(xml[-65536:]) or _FILLED.findall(xml)
    if not tail:
        return None
    rows = max(int(r) for _, r in tail)
    cols = max(_column_number(c) for c, _ in tail)
    if b'<c r="' in xml and re.search(rb'<c r="[A-Z]{2,3}\d', xml):
        cols = max([cols, *(_column_number(c) for c, _ in _FILLED.findall(xml) if len(c) > 1)])
    dim = _DIMENSION.search(xml[:2048])
    if dim:
        cols = max(cols, _column_number(dim.group(1)))
    return rows, max(cols, 1)


def _column_number(letters: bytes) -> int:
    return column_index(letters.decode("ascii"))


def os_reason(exc: OSError) -> str:
    """The reason of a file-system error, in French (the system's own text is English on a server)."""
    import errno

    reasons = {errno.EACCES: "accès refusé : fichier ouvert dans Excel, ou dossier protégé",
               errno.EPERM: "accès refusé : fichier ouvert dans Excel, ou dossier protégé",
               errno.EISDIR: "c'est un dossier, pas un fichier",
               errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
               errno.EEXIST: "un élément du chemin est un fichier, pas un dossier",
               errno.ENOENT: "fichier ou dossier introuvable (lien cassé ?)", errno.ELOOP: "lien symbolique en boucle",
               errno.ENOSPC: "disque plein", errno.EROFS: "disque en lecture seule",
               errno.ENAMETOOLONG: "nom de fichier trop long"}
    return reasons.get(exc.errno, f"erreur du système n° {exc.errno}")


# exceptions of the readers (python-calamine, zipfile) -> what they mean, in French
_READER_REASONS = {"XmlError": "contenu XML invalide", "ZipError": "archive zip endommagée",
                   "BadZipFile": "archive zip endommagée", "PasswordError": "protégé par un mot de passe",
                   "WorksheetNotFound": "feuille introuvable", "UnicodeDecodeError": "texte mal encodé",
                   "MemoryError": "mémoire insuffisante"}


def reader_reason(exc: BaseException) -> str:
    """Why a reader failed, in French (never the English text of the library)."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return os_reason(exc)
    return next((reason for cls in type(exc).__mro__ if (reason := _READER_REASONS.get(cls.__name__))),
                 "contenu illisible")


def _ole_refusal(path: Path) -> Refusal:
    """OLE compound files are either encrypted xlsx (EncryptionInfo stream) or old .xls workbooks."""
    with path.open("rb") as fh:
        blob = fh.read(1 << 20)
    if "EncryptionInfo".encode("utf-16-le") in blob or "EncryptedPackage".encode("utf-16-le") in blob:
        return Refusal("file-encrypted")
    return Refusal("file-not-xlsx", "xls")

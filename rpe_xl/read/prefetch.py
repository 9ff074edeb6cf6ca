"""Parse the workbooks in a background thread while the heavy libraries (pandas, pandera) are imported.

python-calamine releases the GIL while it parses a sheet's XML: on the 20x benchmark set, the imports and the
parsing take 0,51 s together instead of 0,80 s one after the other. Files are checked (zip bomb, encryption…)
before calamine touches them, as in :func:`rpe_xl.read.dataset.open_workbook`.

>>> start([Path("workbooks")])      # at the very start of a command
>>> taken = take(Path("workbooks/RPE_territoire.xlsx"))   # later, by CalamineSource
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterable

from .files import open_book, workbook_files
from .safety import check_file, oversized_sheets, scan_sheets

_parsed: dict[tuple, tuple[Any, dict[str, Any], dict]] = {}
_thread: threading.Thread | None = None


def start(paths: Iterable[Path]) -> None:
    """Open and parse every sane workbook under ``paths`` in a daemon thread (errors are left for the reader)."""
    global _thread
    files, _ = workbook_files(paths)
    if _thread is not None:
        _thread.join()
    _parsed.clear()  # a long-running process (nightly loop) never reuses an earlier parse

    def work() -> None:
        for path in files:
            try:
                key = _key(path)  # taken before parsing: a file changed meanwhile does not match it
                if check_file(path) is not None:
                    continue
                book = open_book(path)
                too_large = oversized_sheets(path)  # never parsed: the reader reports them
                sheets = {name: book.get_sheet_by_name(name) for name in book.sheet_names if name not in too_large}
                _parsed[key] = (book, sheets, scan_sheets(path).errors)  # zlib, like calamine, works outside the GIL
            except Exception:  # noqa: BLE001 - the reader opens the file again and reports the problem
                continue

    _thread = threading.Thread(target=work, name="rpe-xl-prefetch", daemon=True)
    _thread.start()


def wait() -> None:
    """Until the background parsing is over."""
    if _thread is not None:
        _thread.join()


def take(path: Path) -> tuple[Any, dict[str, Any], dict] | None:
    """The parsed book, sheets and formula-error cells of ``path`` (waits for the thread), or None when not
    prefetched."""
    wait()
    try:
        return _parsed.pop(_key(path), None)
    except OSError:
        return None


def _key(path: Path) -> tuple:
    """The file as it is now: a file changed since it was parsed is parsed again."""
    stat = path.stat()
    return (path.resolve(), stat.st_mtime_ns, stat.st_size)

"""The size a zip member really inflates to, whatever its headers say: counted piece by piece, never held.

>>> with zipfile.ZipFile(path) as zf, open(path, "rb") as fh:     # doctest: +SKIP
...     inflated_size(fh, zf.getinfo("xl/workbook.xml"), room=200 * MB)
1342
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import BinaryIO

MB = 1024 * 1024
_STEP = 64 * 1024                      # compressed bytes read at a time
_OUT_STEP = 1024 * 1024                # largest piece inflated at a time


def inflated_size(fh: BinaryIO, info: zipfile.ZipInfo, room: int) -> int | None:
    """The bytes ``info`` really inflates to, counted piece by piece; None as soon as they exceed ``room``.
    A damaged stream counts what inflates before the damage (a reader stops there too, and reports it).
    Raises ValueError for a member that Excel cannot have written (encrypted, unknown compression)."""
    if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ValueError(info.filename)
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        return 0  # no readable member here: its reader reports it
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size if info.compress_size <= room else None
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size, left = 0, info.compress_size
    try:
        while not inflater.eof:
            data = inflater.unconsumed_tail
            if not data and left > 0:
                data = fh.read(min(_STEP, left))
                left = left - len(data) if data else 0
            out = inflater.decompress(data, _OUT_STEP)
            size += len(out)
            if size > room:
                return None
            if not out and not data:
                break  # the stream ends before its last block
    except zlib.error:
        pass
    return size


def mebibytes(size: int) -> str:
    """A size in Mo (rounded up), French digit grouping: ``mebibytes(2**30) == "1\u202f024"``."""
    return f"{-(-size // MB):,}".replace(",", "\u202f")

"""A zip archive built directly from parts deflated once: what the Word and Excel writers share.

A template's unchanged parts are deflated when it is loaded; each report deflates only the
parts it changes (level 1: fast, for small XML parts) and the archive is assembled with
``struct``, every entry dated 2025-01-01 so that the same report gives the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping

DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1  # 2025-01-01, 00:00: the same bytes for the same report

Packed = tuple[int, int, bytes]
"""CRC-32, uncompressed size, raw deflate."""


def pack(data: bytes) -> Packed:
    """CRC-32, size and raw deflate of a part (level 1: fast; these are small XML parts)."""
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    return zlib.crc32(data), len(data), c.compress(data) + c.flush()


def build_zip(parts: Mapping[str, Packed]) -> bytes:
    """A zip archive from already-deflated parts: name -> (crc, size, deflated bytes)."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, (crc, size, data) in parts.items():
        raw = name.encode("utf-8")
        flags = 0x800 if not raw.isascii() else 0
        head = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, 0, DOS_DATE, crc, len(data), size, len(raw), 0)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, 8, 0, DOS_DATE, crc, len(data),
                                   size, len(raw), 0, 0, 0, 0, 0, offset) + raw)
        out += (head, raw, data)
        offset += len(head) + len(raw) + len(data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end
